"""HTML pages → main text, title, author, outlet and publication date (trafilatura + htmldate).

The publication date comes from the page's metadata only (htmldate without extensive search); the
caller weighs it against feed dates, datelines and :func:`url_date`. trafilatura's own date is not used:
it turns a footer's "© 2017" into 2017-01-01, and its file date is the machine's clock.
"""
from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass

import lxml.html
from htmldate import find_date
from trafilatura import bare_extraction

from newsgraph.ingest.dates import iso_day

for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|-|$)")
_CAPTION_XPATH = "//figcaption | //*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')]"


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    title: str | None
    author: str | None
    outlet: str | None
    published: str | None  # from the page's metadata
    captions: tuple[str, ...]


def extract_html(html: str, url: str | None = None) -> HtmlArticle | None:
    """The article in an HTML page, or None when the page holds no article text."""
    tree = _parse(html)
    if tree is None:
        return None
    published = _meta_date(tree)  # before extraction, which prunes the tree
    captions = _captions(tree)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, deduplicate=False,
        )
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:  # short fragments (feed entries) are below trafilatura's threshold: take their paragraphs
        text = _paragraph_text(tree)
    if not text:
        return None
    return HtmlArticle(
        text=text, title=(doc.title if doc else None) or None, author=(doc.author if doc else None) or None,
        outlet=(doc.sitename if doc else None) or None,
        published=published, captions=captions,
    )


def _parse(html: str):
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError, lxml.etree.XMLSyntaxError):
        return None
    return tree


def _meta_date(tree) -> str | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = find_date(tree, extensive_search=False, original_date=True)
        except Exception:  # htmldate raises assorted errors on odd markup; a missing date is the honest result
            found = None
    return iso_day(found)


def url_date(url: str | None) -> str | None:
    """A day written in a URL path (/2017/05/18/), which sites use for the publication day."""
    m = _URL_DATE.search(url or "")
    return iso_day(f"{m[1]}-{m[2]}-{m[3]}") if m else None


def _paragraph_text(tree) -> str:
    """Text of the page's paragraphs outside navigation, headers, footers and asides; no script or style."""
    lxml.etree.strip_elements(tree, "script", "style", "noscript", "template", lxml.etree.Comment,
                              with_tail=False)
    skip = "ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside or ancestor::form"
    paragraphs = [" ".join(p.text_content().split()) for p in tree.xpath(f"//p[not({skip})]")]
    if not paragraphs and tree.tag in ("p", "div", "span", "body", "html"):
        paragraphs = [" ".join(tree.text_content().split())]
    return "\n".join(p for p in paragraphs if p)


def _captions(tree) -> tuple[str, ...]:
    out = []
    for el in tree.xpath(_CAPTION_XPATH):
        text = " ".join(el.text_content().split())
        if text and text not in out:
            out.append(text)
    return tuple(out)

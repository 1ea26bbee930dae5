"""HTML pages → main text, title, author, outlet and publication date (trafilatura + htmldate).

The publication date comes from the page's metadata only (htmldate without extensive search); the
caller weighs it against feed dates, datelines and URL days (:mod:`newsgraph.ingest.published`).
trafilatura's own date is not used: it turns a footer's "© 2017" into 2017-01-01, and its file date is
the machine's clock.
"""
from __future__ import annotations

import copy
import logging
import warnings
from dataclasses import dataclass

import lxml.html
from htmldate import find_date
from trafilatura import bare_extraction
from trafilatura.xml import xmltotxt

from newsgraph.ingest.dates import iso_day

for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")
_THIN_SHARE = 0.2  # a first pass below this share of the page's paragraph text is thin
_LINK_SHARE = 0.7  # a paragraph this much link text is a link block ...
_LINK_BLOCK_WORDS = 20  # ... when it has at most this many words
_LABEL_WORDS = 8  # a heading or label announcing a link block has at most this many words
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
    """The article in an HTML page, or None when the page holds no article text.

    A first pass of trafilatura; when it keeps a small share of the page's paragraph text (a teaser or a
    box taken for the article), a second pass that favours recall, and the longer of the two."""
    tree = _parse(html)
    if tree is None:
        return None
    published = _meta_date(tree)
    captions = _captions(tree)
    doc = _extract(tree, url, with_metadata=True)
    text = _body_text(doc)
    paragraphs = _paragraph_text(tree)
    if len(text) < _THIN_SHARE * len(paragraphs):
        text = max(text, _body_text(_extract(tree, url, favor_recall=True)), key=len)
    if not text:  # short fragments (feed entries) are below trafilatura's threshold: take their paragraphs
        text = paragraphs
    if not text:
        return None
    return HtmlArticle(
        text=text, title=(doc.title if doc else None) or None, author=(doc.author if doc else None) or None,
        outlet=(doc.sitename if doc else None) or None,
        published=published, captions=captions,
    )


def _extract(tree, url: str | None, with_metadata: bool = False, favor_recall: bool = False):
    """trafilatura's reading of the page (it works on a copy of the tree), links kept as ``ref`` elements
    so that :func:`_body_text` can weigh them.

    Tables stay in: fact boxes, recipes and results tables are article text. Comments, images and
    deduplication stay out. trafilatura's own date is not used (see the module's docstring), so its
    search is the cheap one: the extensive search took a third of the extraction time."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return bare_extraction(
            tree, url=url, with_metadata=with_metadata, favor_recall=favor_recall, include_comments=False,
            include_tables=True, include_images=False, include_links=True, deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )


def _body_text(doc) -> str:
    """The text of trafilatura's article body without its link blocks (:func:`_drop_link_blocks`)."""
    if doc is None:
        return ""
    if doc.body is None:
        return (doc.text or "").strip()
    body = copy.deepcopy(doc.body)
    _drop_link_blocks(body)
    lxml.etree.strip_tags(body, "ref")
    return xmltotxt(body, include_formatting=False).strip()


def _drop_link_blocks(body) -> None:
    """Remove the paragraphs that are mostly one short link ("Read more: <a>…</a>", teasers of other
    stories, "Back to the newsroom"), and a heading or label just before one ("Also of interest").

    They are navigation inside the article's container, which trafilatura keeps, and they name the people
    and places of other stories. Lists and tables are left alone: a list of links can be the article."""
    blocks = [el for el in body if el.tag in ("p", "quote", "head", "list", "table")]
    drop = [_link_block(el) for el in blocks]
    for i in range(len(blocks) - 1):
        if drop[i + 1] and not drop[i] and _label(blocks[i]):
            drop[i] = True
    for el, gone in zip(blocks, drop):
        if gone:
            _remove(el)


def _link_block(el) -> bool:
    """A short paragraph or quote whose text is mostly link text: a link with a label, not a paragraph
    with links in it."""
    if el.tag not in ("p", "quote"):
        return False
    text = _text(el)
    if not text or len(text.split()) > _LINK_BLOCK_WORDS:
        return False
    return sum(len(_text(ref)) for ref in el.iter("ref")) >= _LINK_SHARE * len(text)


def _label(el) -> bool:
    """A heading, or a paragraph of a few words that does not end as a sentence does."""
    text = _text(el)
    return el.tag in ("head", "p") and bool(text) and len(text.split()) <= _LABEL_WORDS \
        and not text.endswith((".", "!"))


def _text(el) -> str:
    """An element's text with its whitespace runs made single spaces."""
    return " ".join("".join(el.itertext()).split())


def _remove(el) -> None:
    """Take ``el`` out of its parent, keeping its tail text."""
    parent, previous = el.getparent(), el.getprevious()
    if el.tail and el.tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _parse(html: str):
    """The page as an lxml tree, or None when it cannot be parsed.

    lxml refuses a str that declares its encoding (``<?xml version="1.0" encoding="utf-8"?>``, as XHTML
    pages do); the text is decoded already, so it is parsed again as UTF-8 bytes with that encoding set."""
    try:
        return lxml.html.fromstring(html)
    except ValueError:
        pass
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError):
        return None
    try:
        return lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_UTF8_PARSER)
    except (ValueError, lxml.etree.ParserError, lxml.etree.XMLSyntaxError):
        return None


def _meta_date(tree) -> str | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = find_date(tree, extensive_search=False, original_date=True)
        except Exception:  # htmldate raises assorted errors on odd markup; a missing date is the honest result
            found = None
    return iso_day(found)


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

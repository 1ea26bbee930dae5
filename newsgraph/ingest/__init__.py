"""Stage 1, ingest: files, directories and globs → cleaned Documents (or Problems, one per bad input).

Public entry point: :func:`ingest`. Duplicate detection across a store lives in the pipeline, which
calls :class:`newsgraph.ingest.dedup.MinHasher`; ``ingest`` itself holds no state between files.
"""
from __future__ import annotations

from collections.abc import Iterator

from newsgraph.ingest.cleaner import CODE, clean_text, is_body, same_line
from newsgraph.ingest.dates import iso_day
from newsgraph.ingest.dedup import document_id
from newsgraph.ingest.html import extract_html, url_date
from newsgraph.ingest.readers import discover, internal_error, read_path
from newsgraph.records import CleanText, Document, Problem, RawArticle, Time
from newsgraph.settings import Settings
from newsgraph.time.dct import infer_publication

__all__ = ["ingest", "to_document"]


def ingest(paths: list[str], settings: Settings | None = None) -> Iterator[Document | Problem]:
    """Every article in ``paths`` as a cleaned Document, in input order; unusable inputs as Problems."""
    settings = settings or Settings()
    for item in discover(paths):
        if isinstance(item, Problem):
            yield item
            continue
        for raw in read_path(item, settings):
            yield raw if isinstance(raw, Problem) else to_document(raw)


def to_document(raw: RawArticle) -> Document | Problem:
    """Clean one raw article: main text, title, metadata, publication date with its basis.

    A failure of the cleaning itself is a Problem naming the source; only running out of memory raises."""
    try:
        return _to_document(raw)
    except Exception as e:  # a bug here must cost one document, not the batch
        return internal_error(f"in {raw.source}", raw.source, e)


def _to_document(raw: RawArticle) -> Document | Problem:
    meta_date, outlet, author, captions = None, raw.outlet, raw.author, ()
    title = raw.title
    body = raw.body
    if raw.fmt == "html":
        article = extract_html(raw.body, raw.url)
        if article is None:
            return Problem(raw.source, "no article text found in the HTML")
        title = title or article.title
        body = _with_title(article.text, title)
        meta_date, captions = article.published, article.captions
        outlet, author = outlet or article.outlet, author or article.author
    clean = clean_text(body, title=title)
    if _mostly_code(clean):
        return Problem(raw.source, "no article text: the text is script, style or markup")
    if not clean.text.strip():
        return Problem(raw.source, "no article text left after removing boilerplate")
    published, basis = _publication(raw, clean, meta_date)
    return Document(
        id=document_id(clean.text), source=raw.source, text=clean.text, title=clean.title or None,
        outlet=outlet, author=author, url=raw.url, credit=clean.credit, captions=captions + clean.captions,
        published=published, published_basis=basis, removed=raw.removed + clean.removed, fmt=raw.fmt, encoding=raw.decoded_as,
    )


def _mostly_code(clean: CleanText) -> bool:
    """Code or markup was removed, at least as much as the text kept, and no running text is left."""
    code = sum(len(r.text) for r in clean.removed if r.reason == CODE)
    return code > 0 and code >= len(clean.text) and not any(is_body(p) for p in clean.text.split("\n\n"))


def _publication(raw: RawArticle, clean: CleanText, meta_date: str | None) -> tuple[Time, str]:
    """HTML metadata first, then the feed/JSONL date, a dateline under the title, a date in the URL.

    With none of these, an interval inferred from the text: after the latest date it reports as
    past, before the day the page was saved. Never the clock.

    A date in the page chrome (the day the page was saved) only bounds the publication from above.
    """
    candidates = [(meta_date, "html-meta"), (iso_day(raw.published), raw.published_basis),
                  (clean.dateline, "dateline"), (url_date(raw.url), "url")]
    for day, basis in candidates:
        if day and basis:
            text = raw.published if basis == "feed" else None
            return Time(value=day, earliest=day, latest=day, text=text), basis
    bounds = infer_publication(clean.text, upper_bound=clean.page_saved)
    if bounds.earliest or bounds.latest:
        return Time(earliest=bounds.earliest, latest=bounds.latest, text=bounds.evidence_text), "inferred"
    return Time(), "unknown"


def _with_title(text: str, title: str | None) -> str:
    """HTML bodies start with their headline, as plain-text pages do, so titles are annotated too; a headline the
    body prints already (with other quotes, perhaps) is not added twice."""
    first = text.lstrip().split("\n", 1)[0].strip()
    if not title or same_line(first, title):
        return text
    return title.strip() + "\n\n" + text

"""Stage 1, ingest: files, directories and globs → cleaned Documents (or Problems, one per bad input).

Public entry point: :func:`ingest`. Duplicate detection across a store lives in the pipeline, which
calls :class:`newsgraph.ingest.dedup.MinHasher`; ``ingest`` itself holds no state between files.
"""
from __future__ import annotations

from collections.abc import Iterator

from newsgraph.ingest.cleaner import clean_text
from newsgraph.ingest.dates import iso_day
from newsgraph.ingest.dedup import document_id
from newsgraph.ingest.html import extract_html
from newsgraph.ingest.readers import discover, read_path
from newsgraph.records import CleanText, Document, Problem, RawArticle, Time
from newsgraph.settings import Settings

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
    """Clean one raw article: main text, title, metadata, publication date with its basis."""
    meta_date, basis, outlet, author, captions = None, None, raw.outlet, raw.author, ()
    title = raw.title
    body = raw.body
    if raw.fmt == "html":
        article = extract_html(raw.body, raw.url)
        if article is None:
            return Problem(raw.source, "no article text found in the HTML")
        body, title = article.text, title or article.title
        meta_date, basis, captions = article.published, article.basis, article.captions
        outlet, author = outlet or article.outlet, author or article.author
    clean = clean_text(body, title=title)
    if not clean.text.strip():
        return Problem(raw.source, "no article text left after removing boilerplate")
    published, basis = _publication(raw, clean, meta_date, basis)
    return Document(
        id=document_id(clean.text), source=raw.source, text=clean.text, title=clean.title or None,
        outlet=outlet, author=author, url=raw.url, credit=clean.credit, captions=captions + clean.captions,
        published=published, published_basis=basis, removed=clean.removed, fmt=raw.fmt,
    )


def _publication(raw: RawArticle, clean: CleanText, meta_date: str | None, meta_basis: str | None) -> tuple[Time, str]:
    """Metadata first, then the feed/JSONL date, then a dateline under the title. Never the clock.

    A date in the page chrome (the day the page was saved) only bounds the publication from above.
    """
    candidates = [(meta_date, meta_basis), (iso_day(raw.published), raw.published_basis), (clean.dateline, "dateline")]
    for day, basis in candidates:
        if day and basis:
            text = raw.published if basis == "feed" else None
            return Time(value=day, earliest=day, latest=day, text=text), basis
    if clean.page_saved:
        return Time(latest=clean.page_saved), "inferred"
    return Time(), "unknown"

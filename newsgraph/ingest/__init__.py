"""Stage 1, ingest: files, directories and globs → cleaned Documents (or Problems, one per bad input).

Public entry point: :func:`ingest`. Duplicate detection across a store lives in the pipeline, which
calls :class:`newsgraph.ingest.dedup.MinHasher`; ``ingest`` itself holds no state between files.
"""
from __future__ import annotations

from collections.abc import Iterator

from newsgraph.ingest.cleaner import CODE, clean_text, is_body, same_line
from newsgraph.ingest.dates import iso_day
from newsgraph.ingest.dedup import document_id
from newsgraph.ingest.html import extract_html
from newsgraph.ingest.published import (
    UPPER_ONLY, DateCandidate, caption_days, decide, html_candidates, text_stamps, url_day, url_month,
    yearless_dateline,
)
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
    published, basis, candidates = _publication(raw, clean, meta_date)
    return Document(
        id=document_id(clean.text), source=raw.source, text=clean.text, title=clean.title or None,
        outlet=outlet, author=author, url=raw.url, credit=clean.credit, captions=captions + clean.captions,
        published=published, published_basis=basis, published_candidates=candidates,
        removed=raw.removed + clean.removed, fmt=raw.fmt, encoding=raw.decoded_as,
    )


def _mostly_code(clean: CleanText) -> bool:
    """Code or markup was removed, at least as much as the text kept, and no running text is left."""
    code = sum(len(r.text) for r in clean.removed if r.reason == CODE)
    return code > 0 and code >= len(clean.text) and not any(is_body(p) for p in clean.text.split("\n\n"))


def _publication(raw: RawArticle, clean: CleanText, meta_date: str | None) -> tuple[Time, str, tuple[str, ...]]:
    """The publication day from every candidate the page gives (:mod:`newsgraph.ingest.published`): HTML
    metadata, the feed/JSONL date, a dateline under the title, a date-and-time stamp or "Published:" line at
    the top of the text, a date in the URL; "Updated:" stamps and the day a page was saved only bound it
    from above. Candidates that disagree give the interval that holds them, not one of them.

    With no candidate, an interval inferred from the text: after the latest date it reports as past,
    before the day the page was saved. Never the clock.
    """
    candidates = [DateCandidate(day, source) for day, source in (
        (meta_date, "html-meta"), (iso_day(raw.published), raw.published_basis or "feed"),
        (clean.dateline, "dateline"), (url_day(raw.url), "url"), (clean.page_saved, "page-saved")) if day]
    candidates += text_stamps(clean.text) + (html_candidates(raw.body) if raw.fmt == "html" else [])
    given = tuple(f"{c.source} {c.day}" for c in candidates)
    decided = decide(candidates)
    if decided is not None:
        time, basis = decided
        if basis == "feed" and time.value:
            time = Time(value=time.value, earliest=time.earliest, latest=time.latest, text=raw.published)
        return time, basis, given
    uppers = [c.day for c in candidates if c.source in UPPER_ONLY]
    month = url_month(raw.url)  # "/2018/06/slug": published in that month
    if month:
        uppers.append(month[1])
        given += (f"url-month {month[0][:7]}",)
    bounds = infer_publication(clean.text, upper_bound=min(uppers) if uppers else None)
    dated = yearless_dateline(clean.text, bounds.earliest)
    if dated and (not bounds.latest or dated <= bounds.latest):
        return Time(value=dated, earliest=dated, latest=dated), "dateline", given + (f"dateline {dated}",)
    photos = [d for d in caption_days(clean.text) if not bounds.latest or d <= bounds.latest]
    given += tuple(f"caption {d}" for d in photos)
    lows = [d for d in (bounds.earliest, month[0] if month else None, max(photos) if photos else None) if d]
    earliest = max(lows) if lows else None
    if month and bounds.latest and earliest > bounds.latest:
        earliest = month[0] if month[0] <= bounds.latest else None
    if earliest or bounds.latest:
        basis = "caption" if photos and earliest == max(photos) else \
            "inferred" if not month or bounds.earliest and bounds.earliest > month[0] else "url-month"
        return Time(earliest=earliest, latest=bounds.latest, text=bounds.evidence_text), basis, given
    return Time(), "unknown", given


def _with_title(text: str, title: str | None) -> str:
    """HTML bodies start with their headline, as plain-text pages do, so titles are annotated too; a headline the
    body prints already (with other quotes, perhaps) is not added twice."""
    first = text.lstrip().split("\n", 1)[0].strip()
    if not title or same_line(first, title):
        return text
    return title.strip() + "\n\n" + text

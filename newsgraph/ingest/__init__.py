"""Stage 1, ingest: files, directories and globs → cleaned Documents (or Problems, one per bad input).

Public entry point: :func:`ingest`. Duplicate detection across a store lives in the pipeline, which
calls :class:`newsgraph.ingest.dedup.MinHasher`; ``ingest`` itself holds no state between files.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from newsgraph.ingest.cleaner import CODE, clean_text, is_body, same_line
from newsgraph.ingest.dates import iso_day
from newsgraph.ingest.dedup import document_id
from newsgraph.ingest.html import extract_html
from newsgraph.ingest.published import (
    UPPER_ONLY, DateCandidate, caption_days, decide, html_candidates, labelled_stamp, linked_days,
    text_stamps, today_weekday, url_day, url_month, url_readings, yearless_dateline,
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

    With no candidate, an interval: after the latest date the text reports as past, a photograph's day, a
    day in a URL the text links to, the first day of a URL's month or the first reading of a URL's numeric
    day (09-05-2032); before the day the page was saved, the end of the URL's month or the last reading of
    its numeric day. Never the clock.
    """
    candidates = [DateCandidate(day, source) for day, source in (
        (meta_date, "html-meta"), (iso_day(raw.published), raw.published_basis or "feed"),
        (clean.dateline, "dateline"), (url_day(raw.url), "url"), (clean.page_saved, "page-saved")) if day]
    # the cleaner takes a date line above the title out of the text as the day the page was saved; one
    # labelled "Published ..." is the page's own stamp
    stamps = [labelled_stamp(r.text) for r in clean.removed if r.reason == "page-saved"]
    candidates += [c for c in stamps if c and c.day and c.source == "stamp"]
    candidates += text_stamps(clean.text) + (html_candidates(raw.body) if raw.fmt == "html" else [])
    readings = url_readings(raw.url)  # "/09-05-2032/": 9 May or 5 September
    weekday = today_weekday(clean.text) if readings else None
    chosen = [d for d in readings or () if weekday is not None and date.fromisoformat(d).weekday() == weekday]
    if len(chosen) == 1:  # "a statement issued today [Wednesday]" tells which reading is the day
        candidates.append(DateCandidate(chosen[0], "url"))
        readings = None
    given = tuple(f"{c.source} {c.day}" for c in candidates)
    decided = decide(candidates)
    if decided is not None:
        time, basis = decided
        if basis == "feed" and time.value:
            time = Time(value=time.value, earliest=time.earliest, latest=time.latest, text=raw.published)
        return time, basis, given
    uppers = [c.day for c in candidates if c.source in UPPER_ONLY]
    lows: list[tuple[str, str]] = []  # (day, basis); on a tie the first stands
    month = url_month(raw.url)  # "/2018/06/slug": published in that month
    if month:
        uppers.append(month[1])
        lows.append((month[0], "url-month"))
        given += (f"url-month {month[0][:7]}",)
    if readings:
        uppers.append(readings[1])
        lows.insert(0, (readings[0], "url"))
        given += (f"url-readings {readings[0]} {readings[1]}",)
    bounds = infer_publication(clean.text, upper_bound=min(uppers) if uppers else None)
    dated = yearless_dateline(clean.text, bounds.earliest)
    if dated and (not bounds.latest or dated <= bounds.latest) and all(dated >= d for d, _ in lows):
        return Time(value=dated, earliest=dated, latest=dated), "dateline", given + (f"dateline {dated}",)
    photos = [d for d in caption_days(clean.text) if not bounds.latest or d <= bounds.latest]
    linked = [d for d in linked_days(clean.text) if not bounds.latest or d <= bounds.latest]
    given += tuple(f"caption {d}" for d in photos) + tuple(f"linked {d}" for d in linked)
    lows = [(max(days), basis) for days, basis in ((photos, "caption"), (linked, "linked")) if days] + lows
    lows += [(bounds.earliest, "inferred")] if bounds.earliest else []
    lows = [(d, b) for d, b in lows if not bounds.latest or d <= bounds.latest]
    earliest, basis = max(lows, key=lambda low: low[0]) if lows else (None, "inferred")
    if earliest or bounds.latest:
        return Time(earliest=earliest, latest=bounds.latest, text=bounds.evidence_text), basis, given
    return Time(), "unknown", given


def _with_title(text: str, title: str | None) -> str:
    """HTML bodies start with their headline, as plain-text pages do, so titles are annotated too; a headline the
    body prints already (with other quotes, perhaps) is not added twice."""
    first = text.lstrip().split("\n", 1)[0].strip()
    if not title or same_line(first, title):
        return text
    return title.strip() + "\n\n" + text

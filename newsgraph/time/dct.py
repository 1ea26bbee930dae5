"""Publication-date bounds for an article that prints no date of its own.

``infer_publication(text, sentence_bounds, upper_bound)`` gives an interval that must contain the
day the article was published (its DCT), and the expression that set the lower end:

- lower bound: the latest date the text reports as past. A written date in a clause in the past
  tense ("a raid in October 2018", "since 2011") happened before publication: its first day is a
  bound. A year-less date in a past clause ("refused to attend the October 24 meeting") is read in
  the year of the latest written month or day reported as past ("October 2018"), and only when it
  falls in that month or within ``YEAR_CONTEXT_DAYS`` after it: a year-less date is written
  without its year because it is recent, so it cannot be long after the latest written one, and
  when it could belong to another year the weaker bound stands;
- upper bound: the caller's (the day a page was saved, a feed's date), and a date standing alone
  on a line of the article's header (a dateline, a page's printed or saved date), which is never
  before publication;
- never the machine's clock; when the bounds conflict, the lower one is dropped.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.time.expressions import ParsedToken, TimeExpression, find_times
from newsgraph.time.timex import parse_dct, parse_value, point_end

# A year-less date takes the year of the latest written past date when it falls in that date's
# unit or at most this many days after it (see the module's docstring).
YEAR_CONTEXT_DAYS = 62
# The header of an article: the lines before the first line of at least this many words.
BODY_LINE_WORDS = 20


@dataclass(frozen=True)
class PublicationBounds:
    """Bounds (ISO days, None when unknown) on an article's publication day; ``evidence_*``: the
    expression that gave the lower bound (its text and offsets in the article), if any."""

    earliest: str | None
    latest: str | None
    evidence_text: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None


@dataclass(frozen=True)
class _Bound:
    day: date
    expression: TimeExpression


def infer_publication(text: str, sentence_bounds: list[tuple[int, int]] | None = None,
                      upper_bound: str | None = None,
                      tokens: Sequence[ParsedToken] | None = None) -> PublicationBounds:
    """The interval that holds the publication day of ``text`` (see the module docstring).

    ``sentence_bounds`` (start, end offsets) and ``tokens`` (a dependency parse of ``text``)
    make the tense of each clause surer; ``upper_bound`` is an ISO day known to be on or after
    publication (a page's saved date). Never raises on odd text: it just bounds less."""
    expressions = find_times(text, None, sentence_bounds, tokens=tokens)
    uppers = [d for d in (parse_dct(upper_bound), header_date(text, expressions)) if d]
    latest = min(uppers) if uppers else None
    lower = lower_bound(expressions)
    if lower is None or (latest is not None and lower.day > latest):
        return PublicationBounds(None, _iso(latest))
    e = lower.expression
    return PublicationBounds(lower.day.isoformat(), _iso(latest), e.text, e.start, e.end)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def lower_bound(expressions: list[TimeExpression]) -> _Bound | None:
    """The latest day the expressions report as past: the written dates, and the year-less
    ones read in the year of the latest written month or day."""
    written = [b for b in map(written_bound, expressions) if b]
    context = context_bound(expressions, written)
    yearless = [b for b in (yearless_bound(e, context) for e in expressions) if b]
    return max(written + yearless, key=lambda b: b.day, default=None)


def context_bound(expressions: list[TimeExpression], written: list[_Bound] | None = None) -> _Bound | None:
    """The latest written month or day reported as past: the year a year-less date is read in."""
    if written is None:
        written = [b for b in map(written_bound, expressions) if b]
    return max((b for b in written if _finer_than_year(b.expression)), key=lambda b: b.day, default=None)


def written_bound(e: TimeExpression) -> _Bound | None:
    """The first day of a date with its year written, in a clause in the past tense."""
    if e.timex.basis != "explicit" or e.tense != "past" or not e.timex.earliest:
        return None
    day = parse_dct(e.timex.earliest)
    return _Bound(day, e) if day else None


def _finer_than_year(e: TimeExpression) -> bool:
    point = parse_value(e.timex.value)
    return point is not None and point.gran in ("day", "week", "month")


_YEARLESS = re.compile(r"XXXX-(\d\d)(?:-(\d\d))?")


def yearless_bound(e: TimeExpression, context: _Bound | None) -> _Bound | None:
    """A year-less month or day in a past clause ("on October 24"), read in the year of the
    latest written month or day ``context`` when it falls in that unit or shortly after."""
    m = _YEARLESS.fullmatch(e.timex.value or "")
    if context is None or m is None or e.tense != "past":
        return None
    unit = parse_value(context.expression.timex.value)
    if unit is None:
        return None
    try:
        day = date(unit.start.year, int(m.group(1)), int(m.group(2) or 1))
    except ValueError:
        return None
    if not unit.start <= day <= point_end(unit) + timedelta(days=YEAR_CONTEXT_DAYS):
        return None
    return _Bound(day, e)


_DATE_LINE_EXTRA = re.compile(r"[\s,.|/:-]*(?:(?:published|updated|posted|last|on|at|am|pm|"
                              r"a\.m\.|p\.m\.|gmt|utc|[0-9]{1,2}[:.][0-9]{2})[\s,.|/:-]*)*",
                              re.IGNORECASE)


def header_date(text: str, expressions: list[TimeExpression]) -> date | None:
    """The earliest full date standing alone on a line of the article's header (before its
    first line of ``BODY_LINE_WORDS`` words): a dateline or a page's printed or saved date."""
    header_end = _header_end(text)
    days = []
    for e in expressions:
        point = parse_value(e.timex.value)
        if point is not None and point.gran == "day" and e.timex.basis == "explicit" \
                and e.end <= header_end and _alone_on_line(text, e):
            days.append(point.start)
    return min(days, default=None)


def _header_end(text: str) -> int:
    offset = 0
    for line in text.splitlines(keepends=True):
        if len(line.split()) >= BODY_LINE_WORDS:
            return offset
        offset += len(line)
    return offset


def _alone_on_line(text: str, e: TimeExpression) -> bool:
    line_start = text.rfind("\n", 0, e.start) + 1
    line_end = text.find("\n", e.end)
    rest = text[line_start:e.start] + " " + text[e.end:line_end if line_end >= 0 else len(text)]
    return _DATE_LINE_EXTRA.fullmatch(rest) is not None

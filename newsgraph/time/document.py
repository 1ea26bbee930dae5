"""The time expressions of one article, found once in the build and stored for the stages that date
things by their sentence: events (:mod:`newsgraph.events.assemble`) and roles
(:mod:`newsgraph.resolve.roles`).

Public entry points: :func:`document_times` and :func:`time_near`. Expressions are read against the
document's publication date; in a document without one, a year-less date ("on October 23") takes the
year of the latest written month or day the document reports as past, when it falls in that month or
shortly after (the rule that bounds the publication date, :mod:`newsgraph.time.dct`).
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace

from newsgraph.records import Time, TimeMention, Token
from newsgraph.time.dct import context_bound, yearless_bound
from newsgraph.time.expressions import TimeExpression, find_times
from newsgraph.time.timex import interval_of

__all__ = ["document_times", "time_near", "DATED_TYPES"]

TenseParse = Callable[[Sequence[tuple[int, int]]], Sequence[Token]]  # spans → tokens of the text around them
DATED_TYPES = frozenset({"DATE"})  # what dates an event or a role: a day, month, year, season or quarter


def document_times(doc: str, text: str, published: Time,
                   sentence_bounds: Sequence[tuple[int, int]] | None = None,
                   parse: TenseParse | None = None) -> list[TimeMention]:
    """Every time expression of the text that has a value, in order, as stored records. ``parse`` gives the
    dependency parse around the expressions whose value depends on their clause's tense (weekdays,
    year-less dates), asked only when the text has one."""
    interval = (published.earliest, published.latest) if published.earliest or published.latest else None
    found = [t for t in find_times(text, published.value, list(sentence_bounds) if sentence_bounds else None,
                                   doc_interval=interval, parse=parse) if t.timex.value]
    if published.value is None:
        found = _with_years(found)
    return [TimeMention(doc, t.start, t.end, t.text, t.timex.type, t.timex.value, t.timex.earliest,
                        t.timex.latest, t.timex.mod) for t in found]


def time_near(times: Sequence[TimeMention], start: int, end: int, at: int) -> Time | None:
    """The dated expression inside [start, end) (a sentence) nearest the offset ``at``, as a Time, from
    ``times`` in text order (as found and as stored); only
    expressions placed on the calendar count ("Tuesday" in an undated article does not)."""
    inside = []
    for t in times[bisect_left(times, start, key=_start):]:
        if t.start >= end:
            break
        if start <= t.start and t.end <= end and t.type in DATED_TYPES and (t.earliest or t.latest):
            inside.append(t)
    if not inside:
        return None
    best = min(inside, key=lambda t: abs(t.start - at))
    return Time(best.value, best.earliest, best.latest, best.text)


def _start(t: TimeMention) -> int:
    return t.start


def _with_years(found: list[TimeExpression]) -> list[TimeExpression]:
    """Year-less dates of an undated document read in the year its written dates give."""
    context = context_bound([t for t in found if t.timex.type in DATED_TYPES])
    if context is None:
        return found
    out = []
    for t in found:
        bound = yearless_bound(t, context) if t.timex.type in DATED_TYPES else None
        if bound is not None:
            day = bound.day.isoformat()
            value = day if len(t.timex.value) == len("XXXX-MM-DD") else day[:7]
            start, end = interval_of(value)
            t = replace(t, timex=replace(t.timex, value=value, earliest=start, latest=end))
        out.append(t)
    return out

"""Time expressions: detect them in an article and normalise each to a TIMEX3 value + interval.

- ``normalize(text, dct, ...)`` gives one expression's ``TimexValue``;
- ``find_times(text, dct)`` finds every expression in an article, anchoring anaphoric ones
  ("the next day", "a year earlier") on the last date mentioned;
- ``latest_past_date(expressions)`` gives the latest explicit date an article reports as past.

Policy: deictic expressions are resolved against the DCT; a bare weekday is the latest one on or
before the DCT unless its clause is in the future; a month (and day) without a year is the
occurrence nearest the DCT unless the clause's tense says otherwise; "last/next X" is strict.
Values keep the granularity written ("in late July" -> "2017-07", mod END) and never invent a
day. Without a DCT, deictic values stay underspecified ("XXXX-10-23") and the interval is unknown
unless the caller gives the document's interval.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from newsgraph.time import grammar as gr
from newsgraph.time import lexicon as lx


@dataclass(frozen=True)
class TimexValue:
    """A normalised time expression. ``earliest``/``latest`` are ISO days or None (unknown).

    type: DATE, TIME, DURATION or SET; basis: how the value was found ("explicit" when the
    text writes the year, "dct", "anchor", "none" for underspecified or unrecognised text).
    """

    value: str | None
    earliest: str | None = None
    latest: str | None = None
    mod: str | None = None
    type: str = "DATE"
    text: str = ""
    basis: str = "none"


@dataclass(frozen=True)
class TimeExpression:
    """One expression found in an article: character offsets into the article and its value."""

    start: int
    end: int
    text: str
    timex: TimexValue
    tense: str | None = None


@dataclass(frozen=True)
class Point:
    """A calendar unit: its granularity and first day (``part`` names seasons and quarters)."""

    gran: str
    start: date
    part: str | None = None


GRAN_RANK: dict[str, int] = {"day": 0, "week": 1, "weekend": 1, "month": 2, "season": 3,
                             "quarter": 3, "half": 4, "year": 5, "decade": 6, "century": 7}
SEASON_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_STEP: dict[str, relativedelta] = {
    "day": relativedelta(days=1), "week": relativedelta(weeks=1),
    "weekend": relativedelta(weeks=1), "month": relativedelta(months=1),
    "quarter": relativedelta(months=3), "season": relativedelta(months=3),
    "half": relativedelta(months=6), "year": relativedelta(years=1),
    "decade": relativedelta(years=10), "century": relativedelta(years=100),
}
MIN_DATE, MAX_DATE = date(1, 1, 1), date(9999, 12, 31)


# ---- calendar units ---------------------------------------------------------------------

def unit_start(gran: str, d: date) -> date:
    """First day of the unit of granularity ``gran`` that contains ``d``."""
    if gran == "day":
        return d
    if gran == "week":
        return d - timedelta(days=d.isoweekday() - 1)
    if gran == "weekend":
        return d + timedelta(days=6 - d.isoweekday())
    if gran == "month":
        return d.replace(day=1)
    if gran in ("quarter", "half"):
        size = 3 if gran == "quarter" else 6
        return date(d.year, (d.month - 1) // size * size + 1, 1)
    if gran == "season":
        return season_point(d).start
    span = {"year": 1, "decade": 10, "century": 100}[gran]
    return date(max(1, d.year // span * span), 1, 1)


def season_point(d: date) -> Point:
    """The meteorological season containing ``d`` (winter starts on 1 December)."""
    if d.month == 12 or d.month < 3:
        year = d.year if d.month == 12 else d.year - 1
        return Point("season", date(year, 12, 1), "WI")
    code = {3: "SP", 6: "SU", 9: "FA"}[(d.month - 3) // 3 * 3 + 3]
    return Point("season", date(d.year, SEASON_START[code], 1), code)


def point_of(gran: str, d: date) -> Point:
    if gran == "season":
        return season_point(d)
    return Point(gran, unit_start(gran, d))


def part_point(gran: str, year: int, part: str) -> Point:
    """The quarter/half/season ``part`` of ``year``."""
    if gran == "season":
        return Point("season", date(year, SEASON_START[part], 1), part)
    size = 3 if gran == "quarter" else 6
    return Point(gran, date(year, (int(part[1]) - 1) * size + 1, 1), part)


def point_end(p: Point) -> date:
    """Last day of the unit (a weekend is Saturday and Sunday)."""
    if p.gran == "weekend":
        return p.start + timedelta(days=1)
    try:
        return p.start + _STEP[p.gran] - timedelta(days=1)
    except OverflowError:
        return MAX_DATE


def shifted(d: date, unit: str, n: int) -> date | None:
    try:
        return d + _STEP[unit] * n
    except (OverflowError, ValueError):
        return None


def format_point(p: Point) -> str:
    """The TIMEX3 value of a calendar unit: 2017, 2017-07, 2017-Q3, 2017-W32, 199, 20..."""
    y = p.start.year
    if p.gran == "day":
        return p.start.isoformat()
    if p.gran in ("week", "weekend"):
        iso = p.start.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if p.gran == "weekend" else "")
    if p.gran == "month":
        return f"{y:04d}-{p.start.month:02d}"
    if p.gran == "season":
        return f"{y:04d}-{p.part}"
    if p.gran == "quarter":
        return f"{y:04d}-Q{(p.start.month - 1) // 3 + 1}"
    if p.gran == "half":
        return f"{y:04d}-H{1 if p.start.month <= 6 else 2}"
    if p.gran == "decade":
        return f"{y // 10:03d}"
    if p.gran == "century":
        return f"{y // 100:02d}"
    return f"{y:04d}"


_VALUE_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(src), gran) for src, gran in (
        (r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", "day"), (r"(\d{4})-(\d\d)", "month"),
        (r"(\d{4})", "year"), (r"(\d{4})-Q([1-4])", "quarter"), (r"(\d{4})-H([12])", "half"),
        (r"(\d{4})-(SP|SU|FA|WI)", "season"), (r"(\d{4})-W(\d\d?)(-WE)?", "week"),
        (r"(\d{3})", "decade"), (r"(\d{2})", "century")))


def parse_value(value: str | None) -> Point | None:
    """The calendar unit a concrete TIMEX3 value names (None for X-values, refs, durations)."""
    if not value:
        return None
    for pattern, gran in _VALUE_FORMS:
        m = pattern.fullmatch(value)
        if m:
            try:
                return _point_from_match(gran, m)
            except ValueError:
                return None
    return None


def _point_from_match(gran: str, m: re.Match[str]) -> Point:
    g = m.groups()
    if gran == "day":
        return Point("day", date(int(g[0]), int(g[1]), int(g[2])))
    if gran == "month":
        return Point("month", date(int(g[0]), int(g[1]), 1))
    if gran in ("quarter", "half"):
        return part_point(gran, int(g[0]), f"{'Q' if gran == 'quarter' else 'H'}{g[1]}")
    if gran == "season":
        year = int(g[0])
        return Point("season", date(year, 12, 1), "WI") if g[1] == "WI" \
            else part_point("season", year, g[1])
    if gran == "week":
        monday = date.fromisocalendar(int(g[0]), int(g[1]), 1)
        return Point("weekend", monday + timedelta(days=5)) if g[2] else Point("week", monday)
    size = {"year": 1, "decade": 10, "century": 100}[gran]
    return Point(gran, date(max(1, int(g[0]) * size), 1, 1))


def interval_of(value: str | None) -> tuple[str | None, str | None]:
    """(earliest, latest) ISO days of a TIMEX3 value; (None, None) when it names no unit."""
    p = parse_value(value)
    if p is None:
        return None, None
    start = date(p.start.year, 1, 1) if p.part == "WI" else p.start  # "winter of 1994": either
    return start.isoformat(), point_end(p).isoformat()

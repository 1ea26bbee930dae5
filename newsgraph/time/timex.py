"""TIMEX3 values: calendar units, their values and intervals, and how a ``Spec`` is resolved.

A ``Point`` is one calendar unit (a day, an ISO week, a month, a quarter, a season, a year, a
decade...). ``resolve_spec`` turns the meaning of a matched expression into a value against a
``Context``: the DCT, the last date mentioned (anchor) and the tense of the clause;
``combine`` and ``resolve_chain`` resolve the atoms of one expression together ("the day
before last Tuesday", "the quarter a year ago").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.easter import easter

from newsgraph.time import grammar as gr
from newsgraph.time import lexicon as lx


@dataclass(frozen=True)
class Point:
    """A calendar unit: its granularity and first day (``part`` names seasons and quarters)."""

    gran: str
    start: date
    part: str | None = None


GRAN_RANK: dict[str, int] = {"day": 0, "week": 1, "weekend": 1, "month": 2, "season": 3,
                             "quarter": 3, "half": 4, "year": 5, "decade": 6, "century": 7}
SEASON_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# Size of each unit: (days, months); a shift moves by whole days or whole months.
_STEP: dict[str, tuple[int, int]] = {
    "day": (1, 0), "week": (7, 0), "weekend": (7, 0), "month": (0, 1), "quarter": (0, 3),
    "season": (0, 3), "half": (0, 6), "year": (0, 12), "decade": (0, 120), "century": (0, 1200),
}
MAX_DATE = date(9999, 12, 31)


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
        return (shifted(p.start, p.gran, 1) or MAX_DATE) - timedelta(days=1)
    except OverflowError:
        return MAX_DATE


def shifted(d: date, unit: str, n: int) -> date | None:
    """``d`` moved by ``n`` units (a month shift keeps the day, clipped to the month's end)."""
    days, months = _STEP[unit]
    try:
        if days:
            return d + timedelta(days=days * n)
        index = d.year * 12 + d.month - 1 + months * n
        year, month = divmod(index, 12)
        return date(year, month + 1, min(d.day, days_in_month(year, month + 1)))
    except (OverflowError, ValueError):
        return None


def days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


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


# ---- resolution against a DCT and an anchor -------------------------------------------------

@dataclass(frozen=True)
class Context:
    """What an expression is resolved against: the DCT, the last date mentioned, the tense."""

    dct: date | None
    anchor: Point | None = None
    tense: str | None = None


# An article's publication interval when its DCT is unknown: (earliest, latest) ISO days.
DocInterval = tuple[str | None, str | None]  # earliest, latest publication day; None when open


@dataclass(frozen=True)
class Resolved:
    """A resolved value; ``span`` (first, last day) is set for durations, which name no unit."""

    value: str | None
    point: Point | None
    basis: str
    span: tuple[date, date] | None = None


_DCT = re.compile(r"\s*(\d{4})-(\d\d)-(\d\d)")


def parse_dct(dct: str | None) -> date | None:
    """The day of a DCT written as an ISO date or date-time; None when absent or unreadable."""
    m = _DCT.match(dct or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def holiday_date(name: str, year: int) -> date | None:
    """The day of a named holiday in ``year`` (None when the calendar cannot give it)."""
    try:
        if name in lx.FIXED_HOLIDAYS:
            month, day = lx.FIXED_HOLIDAYS[name]
            return date(year, month, day)
        if name in lx.EASTER_HOLIDAYS:
            return easter(year) + timedelta(days=lx.EASTER_HOLIDAYS[name])
        if name == "election day":  # the Tuesday after the first Monday of November
            return nth_weekday(year, 11, 1, 1) + timedelta(days=1)
        month, weekday, n = lx.WEEKDAY_HOLIDAYS[name]
        return nth_weekday(year, month, weekday, n)
    except (ValueError, KeyError, OverflowError):
        return None


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (or, n = -1, the last) ISO weekday of a month."""
    if n < 0:
        last = date(year, month, days_in_month(year, month))
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


def absolute_point(spec: gr.Spec) -> Point | None:
    """The unit an expression with a written year names."""
    year = spec.year or 0
    if not 1 <= year <= 9999:
        return None
    try:
        if spec.holiday:
            day = holiday_date(spec.holiday, year)
            return point_of(spec.gran, day) if day else None
        if spec.gran in ("day", "week") and spec.day:
            return point_of(spec.gran, date(year, spec.month or 1, spec.day))
        if spec.gran == "month":
            return Point("month", date(year, spec.month or 1, 1))
        if spec.part:
            return part_point(spec.gran, year, spec.part)
        return Point(spec.gran, date(year, 1, 1))
    except ValueError:
        return None


def seek_candidates(spec: gr.Spec, ref: date) -> list[Point]:
    """Occurrences of a year-less expression (weekday, month-day, month, season) around ``ref``."""
    if spec.weekday or spec.gran == "weekend":
        wanted = spec.weekday or 6
        days = [ref + timedelta(days=k) for k in range(-8, 9)]
        gran = "weekend" if spec.gran == "weekend" else "day"
        return [Point(gran, d) for d in days if d.isoweekday() == wanted]
    found: list[Point] = []
    for year in range(max(1, ref.year - 1), min(9999, ref.year + 1) + 1):
        if spec.holiday:
            day = holiday_date(spec.holiday, year)
            found += [point_of(spec.gran, day)] if day else []
        elif spec.day and spec.month:
            try:
                found.append(point_of(spec.gran, date(year, spec.month, spec.day)))
            except ValueError:
                continue
        elif spec.month:
            found.append(Point("month", date(year, spec.month, 1)))
        elif spec.part:
            found.append(part_point("season", year, spec.part))
    return found


def distance(p: Point, ref: date) -> int:
    if p.start <= ref <= point_end(p):
        return 0
    return min(abs((p.start - ref).days), abs((point_end(p) - ref).days))


def choose(cands: list[Point], ref: date, direction: str) -> Point | None:
    """The candidate in ``direction`` from ref: past/future (ref included), before/after
    (strict), this (same week or year), nearest (ties go to the past)."""
    if direction == "this":
        same = [c for c in cands if (c.start.isocalendar()[:2] == ref.isocalendar()[:2]
                                     if c.gran in ("day", "weekend") else c.start.year == ref.year)]
        return same[0] if same else choose(cands, ref, "nearest")
    keep = {"past": lambda c: c.start <= ref, "future": lambda c: point_end(c) >= ref,
            "before": lambda c: point_end(c) < ref, "after": lambda c: c.start > ref,
            "nearest": lambda c: True}[direction]
    pool = [c for c in cands if keep(c)]
    if not pool:
        return None
    if direction in ("past", "before"):
        return max(pool, key=lambda c: c.start)
    if direction in ("future", "after"):
        return min(pool, key=lambda c: c.start)
    return min(pool, key=lambda c: (distance(c, ref), c.start))


# A year-less date is the occurrence nearest the DCT; the clause's tense overrides that only
# when the nearest occurrence is further than this from the DCT (measured on the dev set).
TENSE_OVERRIDE_DAYS = 60


def seek_point(spec: gr.Spec, ref: date, tense: str | None) -> Point | None:
    """The occurrence of a year-less expression: a bare weekday is on or before ``ref`` unless
    the tense is future; a month (and day) is the nearest unless the tense says otherwise."""
    cands = seek_candidates(spec, ref)
    if not spec.tense_sensitive or tense not in ("past", "future"):
        return choose(cands, ref, spec.direction)
    if spec.direction != "nearest":
        return choose(cands, ref, tense)
    nearest = choose(cands, ref, "nearest")
    if nearest is None or distance(nearest, ref) <= TENSE_OVERRIDE_DAYS:
        return nearest
    wrong_side = point_end(nearest) < ref if tense == "future" else nearest.start > ref
    return choose(cands, ref, tense) if wrong_side else nearest


def result_gran(spec: gr.Spec, base: Point, from_anchor: bool) -> str:
    """Granularity of a shifted value: the written unit's, never finer than the reference's,
    except that a year comparison ("a year earlier") keeps the anchor's quarter, month or day."""
    if spec.keep_anchor_gran and base.gran in KEPT_ANCHOR_GRANS and (from_anchor
                                                                   or base.gran != "day"):
        return base.gran
    if base.gran == "day":
        return spec.gran
    return max(spec.gran, base.gran, key=lambda g: GRAN_RANK[g])


KEPT_ANCHOR_GRANS: frozenset[str] = frozenset({"quarter", "half", "month", "season"})


def shift_point(spec: gr.Spec, base: Point, from_anchor: bool = False) -> Point | None:
    moved = shifted(base.start, spec.unit or spec.gran, spec.shift)
    if moved is None:
        return None
    try:
        if spec.year:
            moved = moved.replace(year=spec.year)
        if spec.weekday:
            return Point("day", unit_start("week", moved) + timedelta(days=spec.weekday - 1))
        if spec.month:
            return Point("month", date(moved.year, spec.month, 1))
        if spec.part:
            return part_point(spec.gran, moved.year, spec.part)
    except (ValueError, OverflowError):
        return None
    return point_of(result_gran(spec, base, from_anchor), moved)


def reference(spec: gr.Spec, ctx: Context) -> tuple[Point | None, str]:
    """The point an expression is relative to: the anchor for anaphora, else the DCT.
    Basis "same-unit": the anchor is itself the value ("the quarter" after a reported one)."""
    anchor = ctx.anchor
    clock_only = spec.time is not None and spec.how == "shift" and spec.shift == 0
    if anchor and clock_only and anchor.gran != "day":
        anchor = None
    if anchor and ctx.dct and spec.keep_anchor_gran and spec.shift < 0 and anchor.start > ctx.dct:
        anchor = None  # "a year earlier" compares with a reported (past) period
    period_anchor = anchor is not None and anchor.gran in ("quarter", "half")
    if anchor and (spec.anaphoric or (spec.keep_anchor_gran and period_anchor)):
        return anchor, "anchor"
    if anchor and spec.same_unit_anchor and recent_period(anchor, spec.gran, ctx.dct):
        return anchor, "same-unit"
    if ctx.dct is None or spec.needs_anchor:
        return None, "none"
    if spec.keep_anchor_gran and spec.gran == "quarter":  # "the year-ago quarter": the latest
        return point_of("quarter", shifted(ctx.dct, "quarter", -1) or ctx.dct), "dct"
    return Point("day", ctx.dct), "dct"


def recent_period(anchor: Point, gran: str, dct: date | None) -> bool:
    """Whether the last date mentioned is a period of unit ``gran`` that ended before the DCT
    within the year before it: the reported period that "the quarter" or "the latest period"
    then names (a company's fiscal quarter need not be the latest calendar one)."""
    if anchor.gran != gran or dct is None:
        return False
    year_before = shifted(dct, "year", -1) or dct
    return year_before < anchor.start and point_end(anchor) < dct


def underspecified(spec: gr.Spec) -> str:
    """The value of a relative expression with no DCT: X for every unknown digit."""
    if spec.gran == "day":
        if spec.month and spec.day:
            core = f"XXXX-{spec.month:02d}-{spec.day:02d}"
        elif spec.holiday in lx.FIXED_HOLIDAYS:
            month, day = lx.FIXED_HOLIDAYS[spec.holiday or ""]
            core = f"XXXX-{month:02d}-{day:02d}"
        else:
            core = f"XXXX-WXX-{spec.weekday}" if spec.weekday else "XXXX-XX-XX"
        return core + (f"T{spec.time}" if spec.time else "")
    if spec.gran == "month":
        return f"XXXX-{spec.month:02d}" if spec.month else "XXXX-XX"
    if spec.gran in ("quarter", "half", "season"):
        default = {"quarter": "QX", "half": "HX", "season": "XX"}[spec.gran]
        return f"XXXX-{spec.part or default}"
    return {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "decade": "XXX",
            "century": "XX"}.get(spec.gran, "XXXX")


def with_time(value: str, point: Point | None, time: str | None) -> str:
    if not time or point is None or point.gran != "day":
        return value
    return f"{value}T{time}"


def resolve_spec(spec: gr.Spec, ctx: Context) -> Resolved:
    """The TIMEX3 value of one expression in its context."""
    if spec.how == "literal" or (spec.literal and ctx.tense != "future"):
        return Resolved(spec.literal, None, "dct" if ctx.dct else "none")
    if spec.how == "abs":
        point = absolute_point(spec)
        if point is None:
            return Resolved(None, None, "none")
        return Resolved(with_time(format_point(point), point, spec.time), point, "explicit")
    base, basis = reference(spec, ctx)
    if spec.how == "duration":
        return resolve_duration(spec, base, basis)
    if base is None:
        return Resolved(underspecified(spec), None, "none")
    if basis == "same-unit":  # "the quarter" after "the fiscal first quarter": that quarter
        point, basis = base, "anchor"
    elif spec.how == "seek":
        point = seek_point(spec, base.start, ctx.tense)
    else:
        point = shift_point(spec, base, basis == "anchor")
    if point is None:
        return Resolved(underspecified(spec), None, "none")
    if spec.gran == "day" and point.gran == "month":  # "that same day" after "last October"
        return Resolved(format_point(point) + "-XX", point, basis, (point.start, point_end(point)))
    return Resolved(with_time(format_point(point), point, spec.time), point, basis)


def resolve_duration(spec: gr.Spec, base: Point | None, basis: str) -> Resolved:
    """"the past two months" -> P2M, spanning the two months up to the reference day."""
    code, size = lx.DURATION_CODES[spec.unit or "day"]
    value = f"P{abs(spec.shift) * size}{code}"
    if base is None:
        return Resolved(value, None, "none")
    other = shifted(base.start, spec.unit or "day", spec.shift)
    if other is None:
        return Resolved(value, None, "none")
    span = (other, base.start) if spec.shift < 0 else (base.start, other)
    return Resolved(value, None, basis, span)


# ---- one expression's atoms resolved together ----------------------------------------

def _rank(atom: gr.Atom) -> tuple[int, int, bool, int]:
    """Which atom of a group names the date: the most written, the finest, one that stands
    on its own rather than a shift from another ("[the day before] last Tuesday"), the longest."""
    spec = atom.spec
    written = 3 if spec.how == "abs" else 2 if (spec.month or spec.holiday) else 1
    if spec.how == "literal":
        written = 0
    fine = -TIME_GRAN_RANK.get(spec.gran, 9)
    return written, fine, not spec.anaphoric, atom.end - atom.start


TIME_GRAN_RANK: dict[str, int] = {"day": 0, "week": 1, "weekend": 1, "month": 2, "season": 3,
                                  "quarter": 3, "half": 4, "year": 5, "decade": 6, "century": 7}


TIME_PATTERNS = ("clock", "podrel", "pod")  # give a time of day to the date they come with


def combine(atoms: list[gr.Atom]) -> tuple[gr.Spec, gr.Spec | None]:
    """One spec for a group of atoms: the most specific date, with the time of day of a clock
    or part-of-day atom, plus an anaphoric shift to apply to it ("the quarter a year ago")."""
    times = sorted((a for a in atoms if a.pattern in TIME_PATTERNS),
                   key=lambda a: TIME_PATTERNS.index(a.pattern))
    dates = [a for a in atoms if a.pattern not in TIME_PATTERNS] or times
    main = max(dates, key=_rank)
    spec = main.spec
    time = next((a.spec.time for a in times if a is not main), None)
    if time and spec.gran == "day" and spec.time is None:
        spec = replace(spec, time=time)
    mod = next((a.spec.mod for a in atoms if a.spec.mod), None)
    if spec.mod is None and mod is not None:
        spec = replace(spec, mod=mod)
    chained = next((a.spec for a in dates if a is not main and a.spec.how == "shift"
                    and (a.spec.anaphoric or a.spec.keep_anchor_gran)), None)
    return spec, chained


def resolve_chain(spec: gr.Spec, chained: gr.Spec | None, ctx: Context) -> Resolved:
    """Resolve the main spec; a following anaphoric shift ("the quarter a year ago") is then
    resolved against it."""
    res = resolve_spec(spec, ctx)
    if chained is not None and res.point is not None:
        shifted_res = resolve_spec(chained, replace(ctx, anchor=res.point))
        # anchored on the expression's own main part: as well founded as that part
        return replace(shifted_res, basis=res.basis) if shifted_res.basis == "anchor" else shifted_res
    return res


def interval_for(res: Resolved, dct: date | None) -> tuple[str | None, str | None]:
    day = dct.isoformat() if dct else None
    if res.value == "PRESENT_REF":
        return day, day
    if res.value == "PAST_REF":
        return None, day
    if res.value == "FUTURE_REF":
        return day, None
    if res.span is not None:
        return res.span[0].isoformat(), res.span[1].isoformat()
    return interval_of(res.value) if res.point is not None else (None, None)


def bounded_interval(spec: gr.Spec, chained: gr.Spec | None, ctx: Context,
                     doc_interval: DocInterval) -> tuple[str | None, str | None]:
    """With no DCT: the interval of a deictic value over every DCT in the document interval
    (resolution is monotone in the DCT, so the two ends suffice); an open end of the document
    interval leaves that end of the value's open."""
    first, last = parse_dct(doc_interval[0]), parse_dct(doc_interval[1])
    low = interval_for(resolve_chain(spec, chained, replace(ctx, dct=first)), first)[0] if first else None
    high = interval_for(resolve_chain(spec, chained, replace(ctx, dct=last)), last)[1] if last else None
    return low, high

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

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date

from newsgraph.time import grammar as gr
from newsgraph.time import lexicon as lx
from newsgraph.time.timex import Context, Point, Resolved, interval_of, parse_dct, parse_value, \
    resolve_spec


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




# ---- tense of the clause around an expression ---------------------------------------------

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|[;:]")
TENSE_WINDOW = 8


def word_tense(word: str, following: str) -> str | None:
    """"future", "past" or None for one word of the clause (``following`` is the next word)."""
    if word in ("is", "are", "was", "were") and following == "to":
        return "future"
    if word in lx.FUTURE_CUES or word.endswith("'ll"):
        return "future"
    if word in lx.PAST_CUES:
        return "past"
    if len(word) > 4 and word.endswith("ed") and word not in lx.FUTURE_ED_WORDS:
        return "past"
    return None


def clause_tense(sentence: str, start: int, end: int) -> str | None:
    """The tense of the words nearest to sentence[start:end], the nearer side winning."""
    left = [w.lower() for w in _WORD.findall(sentence[max(0, start - 120):start])]
    right = [w.lower() for w in _WORD.findall(sentence[end:end + 80])]
    if ";" in left or ":" in left:
        left = left[max(i for i, w in enumerate(left) if w in ";:") + 1:]
    if ";" in right or ":" in right:
        right = right[:min(i for i, w in enumerate(right) if w in ";:")]
    for dist in range(1, TENSE_WINDOW + 1):
        if dist <= len(left):
            nxt = left[-dist + 1] if dist > 1 else ""
            tense = word_tense(left[-dist], nxt)
            if tense:
                return tense
        if dist <= len(right):
            nxt = right[dist] if dist < len(right) else ""
            tense = word_tense(right[dist - 1], nxt)
            if tense:
                return tense
    return None


# ---- normalising one expression -------------------------------------------------------------

DocInterval = tuple[str, str]


def normalize(text: str, dct: str | None, sentence: str | None = None,
              char_start: int | None = None, char_end: int | None = None,
              anchor: str | None = None, doc_interval: DocInterval | None = None) -> TimexValue:
    """The TIMEX3 value and interval of one time expression.

    ``sentence`` with ``char_start``/``char_end`` (offsets of ``text`` in it) gives the tense;
    ``anchor`` is the value of the last date mentioned before (for "the next day"); with no DCT,
    ``doc_interval`` (earliest, latest publication day) bounds the interval of deictic values.
    Never raises: text it cannot read gets value None.
    """
    atoms = list(gr.scan(text or ""))
    if not atoms:
        return TimexValue(None, text=text or "")
    tense = None
    if sentence and any(a.spec.tense_sensitive for a in atoms):
        start, end = span_in_sentence(text, sentence, char_start, char_end)
        tense = clause_tense(sentence, start, end)
    ctx = Context(parse_dct(dct), parse_value(anchor), tense)
    return timex_value(atoms, ctx, text or "", doc_interval)


def span_in_sentence(text: str, sentence: str, start: int | None, end: int | None
                     ) -> tuple[int, int]:
    if start is not None and end is not None and 0 <= start <= end <= len(sentence):
        return start, end
    found = sentence.find(text)
    return (found, found + len(text)) if found >= 0 else (len(sentence), len(sentence))


def timex_value(atoms: list[gr.Atom], ctx: Context, text: str,
                doc_interval: DocInterval | None = None) -> TimexValue:
    """Resolve a group of atoms (one expression) into a ``TimexValue``."""
    spec, chained = combine(atoms)
    res = resolve_chain(spec, chained, ctx)
    earliest, latest = interval_for(res, ctx.dct)
    if ctx.dct is None and doc_interval and res.basis == "none" and spec.how != "literal":
        earliest, latest = bounded_interval(spec, chained, ctx, doc_interval)
    kind = "SET" if spec.gran == "set" else ("TIME" if res.value and "T" in res.value
                                            and not res.value.endswith("_REF") else "DATE")
    return TimexValue(res.value, earliest, latest, spec.mod, kind, text, res.basis)


def resolve_chain(spec: gr.Spec, chained: gr.Spec | None, ctx: Context) -> Resolved:
    """Resolve the main spec; a following anaphoric shift ("the quarter a year ago") is then
    resolved against it."""
    res = resolve_spec(spec, ctx)
    if chained is not None and res.point is not None:
        return resolve_spec(chained, replace(ctx, anchor=res.point))
    return res


def interval_for(res: Resolved, dct: date | None) -> tuple[str | None, str | None]:
    day = dct.isoformat() if dct else None
    if res.value == "PRESENT_REF":
        return day, day
    if res.value == "PAST_REF":
        return None, day
    if res.value == "FUTURE_REF":
        return day, None
    return interval_of(res.value) if res.point is not None else (None, None)


def bounded_interval(spec: gr.Spec, chained: gr.Spec | None, ctx: Context,
                     doc_interval: DocInterval) -> tuple[str | None, str | None]:
    """With no DCT: the interval of a deictic value over every DCT in the document interval
    (resolution is monotone in the DCT, so the two ends suffice)."""
    first, last = parse_dct(doc_interval[0]), parse_dct(doc_interval[1])
    if first is None or last is None:
        return None, None
    low = resolve_chain(spec, chained, replace(ctx, dct=first))
    high = resolve_chain(spec, chained, replace(ctx, dct=last))
    return interval_for(low, first)[0], interval_for(high, last)[1]


def _rank(atom: gr.Atom) -> tuple[int, int, int]:
    spec = atom.spec
    written = 3 if spec.how == "abs" else 2 if (spec.month or spec.holiday) else 1
    if spec.how == "literal":
        written = 0
    fine = -TIME_GRAN_RANK.get(spec.gran, 9)
    return written, fine, atom.end - atom.start


TIME_GRAN_RANK: dict[str, int] = {"day": 0, "week": 1, "weekend": 1, "month": 2, "season": 3,
                                  "quarter": 3, "half": 4, "year": 5, "decade": 6, "century": 7}


def combine(atoms: list[gr.Atom]) -> tuple[gr.Spec, gr.Spec | None]:
    """One spec for a group of atoms: the most specific date, with the clock time of any clock
    atom, plus a following anaphoric shift to apply to it."""
    clocks = [a for a in atoms if a.pattern == "clock"]
    dates = [a for a in atoms if a.pattern != "clock"] or clocks
    main = max(dates, key=_rank)
    spec = main.spec
    time = next((a.spec.time for a in clocks if a is not main), None)
    if time and spec.gran == "day" and spec.time is None:
        spec = replace(spec, time=time)
    if spec.mod is None:
        spec = replace(spec, mod=next((a.spec.mod for a in atoms if a.spec.mod), None))
    chained = next((a.spec for a in dates if a.start > main.start and a.spec.how == "shift"
                    and (a.spec.anaphoric or a.spec.keep_anchor_gran)), None)
    return spec, chained

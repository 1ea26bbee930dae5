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
    text writes the year, "dct", "anchor", "none" for underspecified or unrecognised text);
    anchorable: whether later anaphora ("the next day") may anchor on it (a calendar value
    that is not a backward comparison such as "a year earlier").
    """

    value: str | None
    earliest: str | None = None
    latest: str | None = None
    mod: str | None = None
    type: str = "DATE"
    text: str = ""
    basis: str = "none"
    anchorable: bool = False


@dataclass(frozen=True)
class TimeExpression:
    """One expression found in an article: character offsets into the article and its value."""

    start: int
    end: int
    text: str
    timex: TimexValue
    tense: str | None = None




# ---- tense of the clause around an expression ---------------------------------------------

_TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|[,;:()\"\u201c\u201d]|''|``")
LEFT_WINDOW, RIGHT_WINDOW, OPENING_WINDOW = 12, 5, 12


def word_tense(word: str, previous: str, following: str, pluperfect: bool = False
               ) -> str | None:
    """"future", "past" or None for one word (with its neighbours) of an expression's clause;
    ``pluperfect`` when "had been" precedes it: a plan in the past perfect is past."""
    low = word.lower()
    ahead = (following in ("to", "for") and low in lx.FUTURE_BEFORE_TO) or (
        low in lx.FUTURE_CUES and (low != "may" or word.islower()))
    if ahead:
        return "past" if pluperfect else "future"
    if low in lx.PAST_CUES:
        return "future" if previous in lx.PASSIVE_FUTURE else "past"
    if is_participle(word, previous):
        return "future" if previous in lx.PASSIVE_FUTURE else "past"
    return None


def is_participle(word: str, previous: str) -> bool:
    """A lower-case verb form in -ed that is not an adjective ("an unspecified date")."""
    low = word.lower()
    return (len(low) > 4 and low.endswith("ed") and word.islower() and not low.startswith("un")
            and low not in lx.NOT_PAST_ED and previous not in lx.DETERMINERS)


def _scan(tokens: list[str], order: range, limit: int, stop: str,
          stop_words: frozenset[str] = frozenset()) -> str | None:
    """The tense of the first cue among ``tokens`` in ``order``, within ``limit`` words and
    before a ``stop`` punctuation or one of ``stop_words``."""
    seen = 0
    for i in order:
        token = tokens[i]
        if not token[0].isalpha():
            if token in stop:
                return None
            continue
        if token.lower() in stop_words:
            return None
        seen += 1
        if seen > limit:
            return None
        prev = tokens[i - 1].lower() if i > 0 else ""
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        pluperfect = prev == "been" and i > 1 and tokens[i - 2].lower() == "had"
        tense = word_tense(token, prev, nxt, pluperfect)
        if tense:
            return tense
    return None


def direction_tense(sentence: str, start: int, end: int) -> str | None:
    """The tense that decides a year-less date: a deadline ("by Jan. 14", "until Tuesday",
    "ahead of the weekend") points ahead; else the clause's tense."""
    last = [t.lower() for t in _TOKEN.findall(sentence[max(0, start - 24):start])[-2:]]
    if last and (last[-1] in lx.DEADLINE_WORDS or last == ["ahead", "of"]):
        return "future"
    return clause_tense(sentence, start, end)


def clause_tense(sentence: str, start: int, end: int) -> str | None:
    """The tense of the clause of sentence[start:end]: the nearest cue before the expression,
    else the nearest one after it within its clause."""
    left = _TOKEN.findall(sentence[max(0, start - 160):start])
    right = _TOKEN.findall(sentence[end:end + 100])
    tense = _scan(left, range(len(left) - 1, -1, -1), LEFT_WINDOW, ";:")
    if tense:
        return tense
    opening = all(not t[0].isalpha() or t.lower() in lx.LEAD_WORDS for t in left)
    if opening:  # "On Tuesday, the league plans to ...": the main clause follows
        return _scan(right, range(len(right)), OPENING_WINDOW, ";:", lx.SUBORDINATORS)
    return _scan(right, range(len(right)), RIGHT_WINDOW, ",;:()\"\u201c\u201d''``")


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
    start, end = span_in_sentence(text or "", sentence or "", char_start, char_end)
    atoms = atoms_in_context(text or "", sentence or "", start, end)
    if not atoms:
        return TimexValue(None, text=text or "")
    tense = None
    if sentence and any(a.spec.tense_sensitive for a in atoms):
        tense = direction_tense(sentence, start, end)
    ctx = Context(parse_dct(dct), parse_value(anchor), tense)
    return timex_value(atoms, ctx, text or "", doc_interval)


def span_in_sentence(text: str, sentence: str, start: int | None, end: int | None
                     ) -> tuple[int, int]:
    """Offsets of ``text`` in ``sentence``: the given ones when they hold it, else found."""
    if start is not None and end is not None and 0 <= start <= end <= len(sentence) \
            and sentence[start:end].strip() == text.strip():
        return start, end
    found = sentence.find(text)
    return (found, found + len(text)) if found >= 0 else (len(sentence), len(sentence))


def atoms_in_context(text: str, sentence: str, start: int, end: int) -> list[gr.Atom]:
    """The atoms of a span; when the span is part of a longer expression of its sentence that
    gives what it lacks ("[[a year]] earlier", "[[February]] this year", "last [[October]]"),
    that expression's."""
    if sentence[end:end + 2] == "'s" and not text.endswith("'s"):
        text += "'s"  # "[[Wednesday]]'s ruling"
    atoms = list(gr.scan(text))
    if not sentence or start >= end or (atoms and all(a.spec.how == "abs" for a in atoms)):
        return atoms
    around = [a for a in gr.scan(sentence) if a.start < end and a.end > start]
    if not atoms:
        return around
    covering = [a for a in around if a.start <= start and a.end >= end and (
        a.spec.how == "abs" or a.pattern == "month_relyear"  # "[[February]] this year"
        or a.spec.direction in ("before", "after"))]  # "last [[October]]"
    return covering or atoms


def timex_value(atoms: list[gr.Atom], ctx: Context, text: str,
                doc_interval: DocInterval | None = None) -> TimexValue:
    """Resolve a group of atoms (one expression) into a ``TimexValue``."""
    spec, chained = combine(atoms)
    res = resolve_chain(spec, chained, ctx)
    earliest, latest = interval_for(res, ctx.dct)
    if ctx.dct is None and doc_interval and res.basis == "none" and spec.how != "literal":
        earliest, latest = bounded_interval(spec, chained, ctx, doc_interval)
    kind = {"set": "SET", "duration": "DURATION"}.get(spec.gran) or \
        ("TIME" if res.value and "T" in res.value and not res.value.endswith("_REF") else "DATE")
    anchorable = res.point is not None and not (spec.keep_anchor_gran and spec.shift < 0)
    return TimexValue(res.value, earliest, latest, spec.mod, kind, text, res.basis, anchorable)


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
    if res.span is not None:
        return res.span[0].isoformat(), res.span[1].isoformat()
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


# ---- finding expressions in an article --------------------------------------------------------

_PREV_WORD = re.compile(r"([A-Za-z]+)[\s'-]*$")
_NAME_WORD = re.compile(rf"{lx.MONTH}|{lx.WEEKDAY}(?![a-z])|{lx.HOLIDAY}", re.IGNORECASE)
_MERGE_GAP = re.compile(r"[\s,]*(?:(?:on|at|of)\s+)?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])|\n")
_NAMED = frozenset({"mdy", "dmy", "month_year", "month_relyear", "month", "weekday", "holiday"})
_DROP_BARE_UNITS = frozenset({"day", "week", "month", "decade", "century"})


def find_times(text: str, dct: str | None,
               sentence_bounds: list[tuple[int, int]] | None = None,
               doc_interval: DocInterval | None = None) -> list[TimeExpression]:
    """Every time expression of an article, in order, each normalised; anaphoric ones are
    anchored on the last date mentioned before them. ``sentence_bounds`` (start, end offsets)
    give the clauses for tense; without them the text is split at sentence ends."""
    groups = [g for g in merge_adjacent(text, list(gr.scan(text))) if keep_group(text, g)]
    starts = [b[0] for b in sentence_bounds] if sentence_bounds else []
    day, anchor = parse_dct(dct), None
    found: list[TimeExpression] = []
    for group in groups:
        start, end = group[0].start, group[-1].end
        tense = None
        if any(needs_tense(a.spec) for a in group):
            s0, s1 = (bounds_around(sentence_bounds, starts, start) if sentence_bounds
                      else sentence_around(text, start, end))
            sensitive = any(a.spec.tense_sensitive for a in group)
            tense = (direction_tense if sensitive else clause_tense)(text[s0:s1], start - s0,
                                                                    end - s0)
        timex = timex_value(group, Context(day, anchor, tense), text[start:end], doc_interval)
        found.append(TimeExpression(start, end, text[start:end], timex, tense))
        if timex.anchorable:
            anchor = parse_value(timex.value)
    return found


SENTENCE_REACH = 400


def needs_tense(spec: gr.Spec) -> bool:
    """Tense decides year-less dates, and tells past explicit dates (latest_past_date)."""
    return spec.tense_sensitive or (spec.how == "abs" and spec.gran in ("day", "month"))


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end], found by looking for sentence ends nearby."""
    s0 = max(0, start - SENTENCE_REACH)
    for m in _SENTENCE_END.finditer(text, s0, start):
        s0 = m.end()
    m = _SENTENCE_END.search(text, end, end + SENTENCE_REACH)
    return s0, (m.start() + 1 if m else min(len(text), end + SENTENCE_REACH))


def bounds_around(bounds: list[tuple[int, int]], starts: list[int],
                  offset: int) -> tuple[int, int]:
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return 0, offset
    s0, s1 = bounds[i]
    return s0, max(s1, offset)


def _mergeable(a: gr.Atom, b: gr.Atom) -> bool:
    """Atoms that write one expression together: a clock time or part of day with a day
    ("5 p.m. EST, Nov. 6", "the night of Oct. 23"), a weekday with a date."""
    kinds = {a.pattern, b.pattern}
    day_level = a.spec.gran == "day" and b.spec.gran == "day"
    if kinds & {"clock", "pod", "podrel"}:
        return day_level and len(kinds) == 2
    return kinds in ({"weekday", "mdy"}, {"weekday", "dmy"})


def merge_adjacent(text: str, atoms: list[gr.Atom]) -> list[list[gr.Atom]]:
    groups: list[list[gr.Atom]] = []
    for atom in atoms:
        if groups:
            last = groups[-1][-1]
            gap = text[last.end:atom.start]
            if len(gap) <= 6 and _MERGE_GAP.fullmatch(gap) and _mergeable(last, atom):
                groups[-1].append(atom)
                continue
        groups.append([atom])
    return groups


def previous_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 24), start)
    return m.group(1).lower() if m else ""


def keep_group(text: str, group: list[gr.Atom]) -> bool:
    """Precision rules for running text: a merged group stands if one of its dates does."""
    if len(group) > 1:
        return any(keep_atom(text, a) or a.pattern in ("podrel", "pod") for a in group)
    return keep_atom(text, group[0])


def keep_atom(text: str, atom: gr.Atom) -> bool:
    """Whether a match is a time expression in running text (no "May" the verb, no "March"
    of protesters, no bare numbers, no "fall" of prices)."""
    span = text[atom.start:atom.end]
    if atom.pattern in _NAMED and not all(m.group(0)[0].isupper()
                                          for m in _NAME_WORD.finditer(span)):
        return False
    rule = _KEEP_RULES.get(atom.pattern)
    return rule(text, atom, span) if rule else True


def _keep_month(text: str, atom: gr.Atom, span: str) -> bool:
    if atom.spec.mod or span.split()[0].lower().rstrip(".") not in lx.MONTHS:
        return True
    word = previous_word(text, atom.start)
    name = span.lower().rstrip(".")
    triggers = lx.STRICT_MONTH_TRIGGERS if name in lx.AMBIGUOUS_MONTHS else lx.MONTH_TRIGGERS
    return word in triggers


def _keep_year(text: str, atom: gr.Atom, span: str) -> bool:
    low, high = lx.YEAR_RANGE
    if not low <= (atom.spec.year or 0) <= high:
        return False
    if not span[0].isdigit() or span.endswith("'s") or atom.spec.mod:
        return True
    word = previous_word(text, atom.start)
    if word in lx.LIST_WORDS:  # "between 1990 and 1995", not "25 people and 2000 soldiers"
        return not re.match(r"\s*[a-z]", text[atom.end:atom.end + 3])
    return word in lx.YEAR_TRIGGERS


def _keep_wordyear(text: str, atom: gr.Atom, span: str) -> bool:
    return span.lower().startswith("the year") or \
        previous_word(text, atom.start) in lx.STRICT_MONTH_TRIGGERS


def _keep_season(text: str, atom: gr.Atom, span: str) -> bool:
    if atom.spec.how == "abs" or atom.spec.direction != "nearest" or atom.spec.mod:
        return not re.match(r"the\s+\w+\s+of\s+(?!\d)", text[atom.start:atom.end + 8], re.I)
    return previous_word(text, atom.start) in lx.SEASON_TRIGGERS


def _keep_unit(text: str, atom: gr.Atom, span: str) -> bool:
    words = span.lower().split()  # "the day", "its week": too vague in running text
    return not (len(words) == 2 and words[0] in ("the", "its") and words[1] in _DROP_BARE_UNITS)


def _keep_dmy(text: str, atom: gr.Atom, span: str) -> bool:
    return bool(re.search(r"\d|\bof\b", span))


def _keep_clock(text: str, atom: gr.Atom, span: str) -> bool:
    if re.search(r"[ap]\.?\s?m\b|noon|midnight|midday|in the", span, re.IGNORECASE):
        return True
    return previous_word(text, atom.start) in ("at", "by", "until", "before", "after")


def _keep_ref(text: str, atom: gr.Atom, span: str) -> bool:
    return " ".join(span.lower().split()) not in lx.WEAK_REFERENCES


_KEEP_RULES = {
    "month": _keep_month, "year": _keep_year, "wordyear": _keep_wordyear,
    "season": _keep_season, "unit": _keep_unit, "dmy": _keep_dmy, "clock": _keep_clock,
    "ref": _keep_ref, "half": lambda t, a, s: a.spec.how == "abs" or " of " in s.lower(),
    "freq": lambda t, a, s: s.islower(), "qcode": lambda t, a, s: s[0] == "Q",
    "podrel": lambda t, a, s: not s.lower().startswith("the "),
    "pod": lambda t, a, s: " " in s.strip(), "overnight": lambda t, a, s: False,
}


# ---- the publication date's lower bound -------------------------------------------------------

_EXPLICIT_VALUE = re.compile(r"\d{4}-\d\d(?:-\d\d)?(?:T.*)?")


def latest_past_date(expressions: list[TimeExpression]) -> str | None:
    """The latest day an article reports as past, to lower-bound an unknown publication date:
    the first day of the latest explicit date (full date or month with its year written) in a
    clause in the past tense. Year-less dates do not count, nor dates outside any clause
    (a page header's date is when the page was saved, not what the article reports)."""
    days = [e.timex.earliest for e in expressions
            if e.timex.basis == "explicit" and e.tense == "past" and e.timex.earliest
            and _EXPLICIT_VALUE.fullmatch(e.timex.value or "")]
    return max(days) if days else None

"""Time expressions: detect them in an article and normalise each to a TIMEX3 value + interval.

- ``normalize(text, dct, ...)`` gives one expression's ``TimexValue``;
- ``find_times(text, dct)`` finds every expression in an article, anchoring anaphoric ones
  ("the next day", "a year earlier") on the last date mentioned, each with its clause's tense
  (from word cues, or from a dependency parse when the caller has one).

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Protocol

from newsgraph.time import grammar as gr
from newsgraph.time import lexicon as lx
from newsgraph.time.timex import Context, DocInterval, bounded_interval, combine, interval_for, \
    parse_dct, parse_value, recent_period, resolve_chain


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
NEAR_WINDOW = 2  # with a parse, only a cue this close overrides it ("effective Feb. 1")
WRITTEN_DATE_REACH = 20  # a written date's tense only tells whether it was reported as past


# An expression inside an infinitive ("reached an agreement [to have a meeting in July]") or inside a
# noun phrase that names a coming event ("a new round of talks in July", "the next summit in May") is
# not in the tense of a verb further left: that verb reports the plan, not the event. Looking left from
# the expression, "to" before one of these verbs (or before a word and a determiner: "to stage a") opens
# an infinitive; one of the ahead words before one of the event nouns opens such a noun phrase.
INFINITIVE_VERBS = frozenset({
    "be", "have", "hold", "meet", "sign", "visit", "host", "attend", "launch", "start", "begin",
    "resume", "open", "complete", "finish", "convene", "reconvene", "discuss", "conclude", "organize",
    "organise", "stage", "take", "make", "vote", "elect", "negotiate", "continue", "join", "travel",
})
_INFINITIVE_OBJECT = frozenset({"a", "an", "the", "its", "their", "his", "her", "new", "another",
                                "further", "talks", "more"})
AHEAD_WORDS = frozenset({"next", "new", "upcoming", "forthcoming", "another", "further", "future"})
EVENT_NOUNS = frozenset({
    "meeting", "meetings", "round", "rounds", "talks", "summit", "summits", "session", "sessions",
    "conference", "election", "elections", "vote", "referendum", "negotiations", "consultations",
    "visit", "hearing", "trial",
})
_NO_TENSE = ""  # a bound of the clause that gives no tense of its own


def _left_bound(tokens: list[str], i: int) -> str | None:
    """Looking left, whether tokens[i] bounds the expression's clause (see ``INFINITIVE_VERBS``):
    the tense of a governor that puts its infinitive ahead ("plans to", "agreed to"), ``_NO_TENSE``
    for another bound (an infinitive after a noun, "an agreement to hold"), None when it is no bound
    (an infinitive after a verb in the past, "refused to attend", takes that verb's tense)."""
    low = tokens[i].lower()
    after = [t.lower() for t in tokens[i + 1:i + 4] if t[0].isalpha()]
    if low in AHEAD_WORDS and set(after) & EVENT_NOUNS:
        return _NO_TENSE
    if low != "to" or not after:
        return None
    verb = after[0]
    if verb not in INFINITIVE_VERBS and not (
            tokens[i + 1].islower() and verb not in lx.DETERMINERS and len(after) > 1
            and after[1] in _INFINITIVE_OBJECT):
        return None
    governor = tokens[i - 1] if i > 0 and tokens[i - 1][0].isalpha() else ""
    before = tokens[i - 2].lower() if i > 1 else ""
    tense = lx.word_tense(governor, before, "to") if governor else None
    if tense == "past":  # "refused to attend the October 24 meeting": the verb's time is the event's
        return None
    return tense or _NO_TENSE  # "an agreement to hold talks": a plan, whenever it was made


def _scan(tokens: list[str], order: range, limit: int, stop: str,
          stop_words: frozenset[str] = frozenset()) -> str | None:
    """The tense of the first cue among ``tokens`` in ``order``, within ``limit`` words and
    before a ``stop`` punctuation or one of ``stop_words``; looking left, before a bound of the
    clause (an infinitive, a noun phrase of a coming event: ``_left_bound``)."""
    seen = 0
    leftward = order.step < 0
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
        bound = _left_bound(tokens, i) if leftward else None
        if bound is not None:
            return bound or None
        prev = tokens[i - 1].lower() if i > 0 else ""
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        pluperfect = prev == "been" and i > 1 and tokens[i - 2].lower() == "had"
        tense = lx.word_tense(token, prev, nxt, pluperfect)
        if tense:
            return tense
    return None


def direction_tense(sentence: str, start: int, end: int, parsed: str | None = None
                    ) -> str | None:
    """The tense that decides a year-less date: a deadline ("by Jan. 14", "until Tuesday",
    "ahead of the weekend") points ahead unless its verb is in the past perfect ("had filed
    by Wednesday"); else the clause's tense. ``parsed``: the tense a parse gave (parsed_tense)."""
    last = [t.lower() for t in _TOKEN.findall(sentence[max(0, start - 24):start])[-2:]]
    if last == ["ahead", "of"]:
        return "future"
    if last and last[-1] in lx.DEADLINE_WORDS:
        return "past" if parsed == "pluperfect" else "future"
    return clause_tense(sentence, start, end, parsed)


def clause_tense(sentence: str, start: int, end: int, parsed: str | None = None,
                 reach: int = LEFT_WINDOW) -> str | None:
    """The tense of the clause of sentence[start:end]: a cue right before the expression
    ("effective Feb. 1"), else the parse's tense when given, else the nearest cue before the
    expression (within ``reach`` words), else the nearest one after it within its clause."""
    left = _TOKEN.findall(sentence[max(0, start - 16 * reach):start])
    if parsed:
        near = _scan(left, range(len(left) - 1, -1, -1), NEAR_WINDOW, ";:")
        return near or ("past" if parsed == "pluperfect" else parsed)
    right = _TOKEN.findall(sentence[end:end + 100])
    tense = _scan(left, range(len(left) - 1, -1, -1), reach, ";:")
    if tense:
        return tense
    opening = all(not t[0].isalpha() or t.lower() in lx.LEAD_WORDS for t in left) or (
        start <= 16 * reach and fronted(left))  # ``left`` starts the sentence
    if opening:  # "On Tuesday, the league plans to ...": the main clause follows
        return _scan(right, range(len(right)), OPENING_WINDOW, ";:", lx.SUBORDINATORS)
    return _scan(right, range(len(right)), RIGHT_WINDOW, ",;:()\"\u201c\u201d''``")


FRONTED_WORDS = 8
_FRONTING = frozenset({"in", "on", "at", "during", "by", "since", "after", "before", "early", "late",
                       "from", "over", "throughout", "around", "amid"})


def fronted(left: list[str]) -> bool:
    """Whether the words before an expression are a phrase that opens its sentence and holds no verb
    ("In the early hours of [[March 9, 2030]], rebels attacked"): a preposition first, no comma, at
    most ``FRONTED_WORDS`` words. The clause the expression belongs to follows it."""
    words = [t for t in left if t[0].isalpha()]
    return 0 < len(words) <= FRONTED_WORDS and "," not in left and words[0].lower() in _FRONTING


# ---- tense from a dependency parse ----------------------------------------------------------

class ParsedToken(Protocol):
    """A token of a dependency parse (``newsgraph.records.Token`` is one): offsets into the
    text being read, and its own and its head's index in one numbering."""

    index: int
    head: int
    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str


@dataclass(frozen=True, eq=False)
class Parse:
    """The parse of a text (a sentence or an article), indexed for tense look-ups."""

    tokens: tuple[ParsedToken, ...]
    by_index: dict[int, ParsedToken]
    children: dict[int, tuple[ParsedToken, ...]]

    @classmethod
    def of(cls, tokens: Sequence[ParsedToken]) -> Parse:
        ordered = tuple(sorted(tokens, key=lambda t: t.start))
        kids: dict[int, list[ParsedToken]] = {}
        for t in ordered:
            if t.head != t.index:
                kids.setdefault(t.head, []).append(t)
        return cls(ordered, {t.index: t for t in ordered},
                   {k: tuple(v) for k, v in kids.items()})


_CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp"})


def parsed_tense(parse: Parse, start: int, end: int) -> str | None:
    """"past", "pluperfect", "future" or None: the tense of the verb that governs the
    expression at [start, end) of the parsed text. A present tense with a date is ahead
    ("meet Monday"), except for reporting verbs."""
    verb = governing_verb(parse, start, end)
    if verb is None:
        return None
    lemma = verb.lemma.lower()
    if lemma in lx.SCHEDULE_VERBS and verb.dep != "acl":
        return "future"
    tense = verb_tense(parse, verb)
    if tense == "present":
        return None if lemma in lx.PRESENT_NOT_AHEAD else "future"
    return tense


def governing_verb(parse: Parse, start: int, end: int) -> ParsedToken | None:
    """The verb the expression hangs from, through prepositions; None when the expression
    belongs to a noun phrase ("Wednesday's ruling", "a June agreement")."""
    inside = [t for t in parse.tokens if start <= t.start and t.end <= end]
    indexes = {t.index for t in inside}
    tops = [t for t in inside if t.head not in indexes or t.head == t.index]
    if not tops:
        return None
    token, first = tops[0], True
    for _ in range(8):
        if token.pos == "VERB" or (token.pos == "AUX" and token.dep not in ("aux", "auxpass")):
            return token
        if token.head == token.index or token.dep == "poss" or (
                not first and token.pos in ("NOUN", "PROPN", "ADJ", "NUM")):
            return None
        token, first = parse.by_index.get(token.head, token), False
    return None


def verb_tense(parse: Parse, verb: ParsedToken, depth: int = 0) -> str | None:
    """"past", "pluperfect", "present", "future" or None from a verb's form and auxiliaries;
    an infinitive or participle takes its governor's ("plans to meet" is ahead)."""
    aux = [c for c in parse.children.get(verb.index, ()) if c.dep in ("aux", "auxpass")]
    lemmas = {a.lemma.lower(): a for a in aux}
    if "will" in lemmas or "shall" in lemmas:
        return "future"
    if lemmas.keys() & lx.OPEN_MODALS:
        return None
    if "have" in lemmas:
        return "pluperfect" if lemmas["have"].tag == "VBD" else "past"
    if "do" in lemmas and lemmas["do"].tag == "VBD":
        return "past"
    if "be" in lemmas and lemmas["be"].tag in ("VBD", "VBZ", "VBP"):
        if lemmas["be"].tag == "VBD":
            return "past"
        return "future" if verb.tag == "VBG" else "present"  # "is meeting Monday"
    if verb.tag == "VBD" or (verb.tag == "VBN" and not aux):
        return "past"
    if verb.tag in ("VBZ", "VBP"):
        return "present"
    governor = parse.by_index.get(verb.head)
    if depth >= 3 or governor is None or governor is verb or verb.dep not in _CLAUSE_LINKS \
            or governor.pos not in ("VERB", "AUX", "ADJ"):
        return None
    above = verb_tense(parse, governor, depth + 1)
    if verb.dep == "xcomp" and governor.lemma.lower() in lx.FUTURE_GOVERNORS:
        return "future" if above in ("present", "future") else None
    return above


# ---- normalising one expression -------------------------------------------------------------

def normalize(text: str, dct: str | None, sentence: str | None = None,
              char_start: int | None = None, char_end: int | None = None,
              anchor: str | None = None, doc_interval: DocInterval | None = None,
              tokens: Sequence[ParsedToken] | None = None) -> TimexValue:
    """The TIMEX3 value and interval of one time expression.

    ``sentence`` with ``char_start``/``char_end`` (offsets of ``text`` in it) gives the tense;
    ``tokens``, a dependency parse of ``sentence`` (offsets into it), gives it more surely;
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
        parsed = parsed_tense(Parse.of(tokens), start, end) if tokens else None
        tense = direction_tense(sentence, start, end, parsed)
    ctx = Context(parse_dct(dct), parse_value(anchor), tense)
    atoms = closed_quarter(compared_periods(atoms, sentence or ""), sentence or "", end, ctx)
    return closing_day_of_period(timex_value(atoms, ctx, text or "", doc_interval), ctx,
                                 sentence or "", start)


PERIOD_GRANS = frozenset({"quarter", "half", "month", "season"})
_PERIOD_END = re.compile(r"\b(?:ended|ending|ends)\s+(?:on\s+)?$", re.IGNORECASE)


def closing_day_of_period(timex: TimexValue, ctx: Context, text: str, start: int
                          ) -> TimexValue:
    """A day that closes the period the text just reported ("the fiscal first quarter ended
    [[Sept. 30]]") does not take over as the anchor: later comparisons ("a year earlier")
    are about the period, not its last day."""
    if timex.anchorable and ctx.anchor is not None and ctx.anchor.gran in PERIOD_GRANS \
            and _PERIOD_END.search(text, max(0, start - 16), start):
        return replace(timex, anchorable=False)
    return timex


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
        return around or range_end(text, sentence, start, end) \
            or elliptical_unit(text, sentence, start)
    covering = [a for a in around if a.start <= start and a.end >= end and (
        a.spec.how == "abs" or a.pattern == "month_relyear"  # "[[February]] this year"
        or a.spec.direction in ("before", "after"))]  # "last [[October]]"
    return covering or atoms


_MULTI_MONTH = re.compile(r"\b(?:six|nine|twelve|6|9|12)\s+months\b|\bfirst\s+half\b|"
                          r"\byear[\s-]to[\s-]date\b", re.IGNORECASE)
_QUARTER_WORD = re.compile(r"\bquarter", re.IGNORECASE)


def compared_periods(atoms: list[gr.Atom], sentence: str) -> list[gr.Atom]:
    """A year comparison ("a year earlier", "the 1988 period") names the reported period's
    quarter, unless its sentence reports a span of several months and no quarter ("for the
    nine months ... a year earlier"): then it names the year."""
    if not any(a.spec.keep_anchor_gran for a in atoms) or \
            not _MULTI_MONTH.search(sentence) or _QUARTER_WORD.search(sentence):
        return atoms
    return [replace(a, spec=replace(a.spec, gran="year", part=None, keep_anchor_gran=False))
            if a.spec.keep_anchor_gran else a for a in atoms]


_CLOSED_BY = re.compile(rf"\s*,?\s*(ended|ending)\s+(?:on\s+)?({lx.MONTH})\s*({lx.DAYNUM})"
                        rf"(?:\s*,\s*({lx.YEAR}))?", re.IGNORECASE)


def closed_quarter(atoms: list[gr.Atom], sentence: str, end: int, ctx: Context
                   ) -> list[gr.Atom]:
    """A quarter named by no ordinal ("the quarter", "the latest period") and closed by a
    written day ("... ended July 31") is the calendar quarter that holds most of the three
    months up to that day (May to July: the second quarter), unless it names the (fiscal)
    quarter the text has just reported. A period that "ended" closed on or before the DCT;
    one "ending" closes on the nearest such day."""
    if len(atoms) != 1:
        return atoms
    spec = atoms[0].spec
    if spec.gran != "quarter" or spec.part or spec.keep_anchor_gran or spec.how != "shift" \
            or (spec.same_unit_anchor and ctx.anchor
                and recent_period(ctx.anchor, "quarter", ctx.dct)):
        return atoms
    m = _CLOSED_BY.match(sentence, end)
    if m is None:
        return atoms
    month, day, year = lx.month_of(m.group(2)), lx.day_of(m.group(3)), lx.year_of(m.group(4))
    closing = closing_day(month, day, year or (ctx.dct.year if ctx.dct else 2000),  # leap
                          None if year else ctx.dct, past=m.group(1).lower() == "ended")
    if closing is None:
        return atoms
    middle = closing - timedelta(days=45)  # in the month before the closing one
    part = f"Q{(middle.month - 1) // 3 + 1}"
    if year:
        quarter = gr.Spec("quarter", "abs", year=middle.year, part=part)
    else:
        shift = middle.year - ctx.dct.year if ctx.dct else 0
        quarter = gr.Spec("quarter", "shift", unit="year", shift=shift, part=part)
    return [replace(atoms[0], spec=quarter)]


def closing_day(month: int, day: int, year: int, dct: date | None, past: bool
                ) -> date | None:
    """The day a reported period closed: ``month``/``day`` in ``year``, or, with a DCT and a
    year that is not written, the occurrence on or before the DCT (``past``) or nearest it."""
    days = []
    for y in ([year - 1, year, year + 1] if dct else [year]):
        try:
            days.append(date(y, month, day))
        except ValueError:
            continue
    if dct is None or not days:
        return days[0] if days else None
    if past:
        return max((d for d in days if d <= dct), default=None)
    return min(days, key=lambda d: abs((d - dct).days))


_RANGE_START = re.compile(rf"({lx.MONTH})\s*{lx.DAYNUM}(?:\s*,\s*{lx.DAYNUM})*\s*"
                          r"(?:and|or|to|through|-|\u2013)\s*$", re.IGNORECASE)
_RANGE_YEAR = re.compile(rf",?\s*({lx.YEAR})")


_ELLIPSIS_HEAD = re.compile(r"\bthis\s+(week|month|quarter|year)\b[^.;:]{0,80}?\b(?:as|than)\s+$",
                            re.IGNORECASE)


def elliptical_unit(text: str, sentence: str, start: int) -> list[gr.Atom]:
    """The atoms of a bare "last"/"next" whose unit is elided after "this <unit>" earlier in
    the clause ("higher this year than [[last]]"): "last year"."""
    word = text.strip().lower()
    if word not in ("last", "next"):
        return []
    head = _ELLIPSIS_HEAD.search(sentence, max(0, start - 120), start)
    return list(gr.scan(f"{word} {head.group(1).lower()}")) if head else []


def range_end(text: str, sentence: str, start: int, end: int) -> list[gr.Atom]:
    """The atoms of a bare day that ends a range or list of days ("April 24 and [[25]]"):
    the day in the month (and year) written at the start."""
    if not re.fullmatch(lx.DAYNUM, text.strip()):
        return []
    head = _RANGE_START.search(sentence, max(0, start - 60), start)
    if head is None:
        return []
    year = _RANGE_YEAR.match(sentence, end)
    return list(gr.scan(f"{head.group(1)} {text.strip()}" + (f", {year.group(1)}" if year else "")))


def timex_value(atoms: list[gr.Atom], ctx: Context, text: str,
                doc_interval: DocInterval | None = None) -> TimexValue:
    """Resolve a group of atoms (one expression) into a ``TimexValue``."""
    spec, chained = combine(atoms)
    res = resolve_chain(spec, chained, ctx)
    earliest, latest = interval_for(res, ctx.dct)
    if ctx.dct is None and doc_interval and res.basis == "none" and spec.how != "literal":
        earliest, latest = bounded_interval(spec, chained, ctx, doc_interval)
    kind = {"set": "SET", "duration": "DURATION"}.get(spec.gran) or \
        ("DURATION" if re.fullmatch(r"P\d+[DWMY]", res.value or "") else
         "TIME" if res.value and "T" in res.value and not res.value.endswith("_REF") else "DATE")
    anchorable = res.point is not None and not (spec.keep_anchor_gran and spec.shift < 0)
    return TimexValue(res.value, earliest, latest, spec.mod, kind, text, res.basis, anchorable)


# ---- finding expressions in an article --------------------------------------------------------

_PREV_WORD = re.compile(r"([A-Za-z]+)[\s'-]*$")
_NAME_WORD = re.compile(rf"{lx.MONTH}|{lx.WEEKDAY}(?![a-z])|{lx.HOLIDAY}", re.IGNORECASE)
_MERGE_GAP = re.compile(r"[\s,]*(?:(?:on|at|of)\s+)?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])|\n")
_NAMED = frozenset({"mdy", "dmy", "month_year", "month_relyear", "month", "weekday", "holiday"})
_DROP_BARE_UNITS = frozenset({"day", "week", "month", "decade", "century"})


def find_times(text: str, dct: str | None,
               sentence_bounds: list[tuple[int, int]] | None = None,
               doc_interval: DocInterval | None = None,
               tokens: Sequence[ParsedToken] | None = None,
               parse: Callable[[Sequence[tuple[int, int]]], Sequence[ParsedToken]] | None = None,
               ) -> list[TimeExpression]:
    """Every time expression of an article, in order, each normalised; anaphoric ones are
    anchored on the last date mentioned before them. ``sentence_bounds`` (start, end offsets)
    give the clauses for tense; without them the text is split at sentence ends. ``tokens``,
    a dependency parse of ``text`` (offsets into it), makes the tense surer; ``parse`` gives it
    on demand, asked once with the spans of the expressions that need a tense, if any."""
    groups = [g for g in merge_adjacent(text, list(gr.scan(text))) if keep_group(text, g)]
    if tokens is None and parse is not None:
        tense_spans = [(a.start, a.end) for g in groups for a in g if a.spec.tense_sensitive]
        tokens = (parse(tense_spans) or None) if tense_spans else None
    article = Article(text, sentence_bounds, [b[0] for b in sentence_bounds or []],
                      Parse.of(tokens) if tokens else None)
    day, anchor = parse_dct(dct), None
    found: list[TimeExpression] = []
    for group in groups:
        start, end = group[0].start, group[-1].end
        tense = group_tense(article, group)
        if any(a.spec.keep_anchor_gran for a in group):
            group = compared_periods(group, article.sentence(start, end)[0])
        ctx = Context(day, anchor, tense)
        group = closed_quarter(group, text, end, ctx)
        timex = closing_day_of_period(timex_value(group, ctx, text[start:end], doc_interval),
                                      ctx, text, start)
        found.append(TimeExpression(start, end, text[start:end], timex, tense))
        if timex.anchorable:
            anchor = parse_value(timex.value)
    return found


@dataclass(frozen=True)
class Article:
    """An article being read: its text, sentence bounds (and their starts) and parse."""

    text: str
    bounds: list[tuple[int, int]] | None
    starts: list[int]
    parse: Parse | None

    def sentence(self, start: int, end: int) -> tuple[str, int]:
        """The sentence around text[start:end] and its offset in the text."""
        s0, s1 = (bounds_around(self.bounds, self.starts, start) if self.bounds
                  else sentence_around(self.text, start, end))
        return self.text[s0:s1], s0


def group_tense(article: Article, group: list[gr.Atom]) -> str | None:
    """The tense of an expression's clause when its value or use depends on it: year-less
    dates, and written dates (what an article reports as past bounds its publication)."""
    if not any(a.spec.tense_sensitive or a.spec.how == "abs" for a in group):
        return None
    start, end = group[0].start, group[-1].end
    sentence, s0 = article.sentence(start, end)
    parsed = parsed_tense(article.parse, start, end) if article.parse else None
    if any(a.spec.tense_sensitive for a in group):
        return direction_tense(sentence, start - s0, end - s0, parsed)
    return clause_tense(sentence, start - s0, end - s0, parsed, WRITTEN_DATE_REACH)


SENTENCE_REACH = 400


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end], found by looking for sentence ends nearby."""
    s0 = max(0, start - SENTENCE_REACH)
    for m in _SENTENCE_END.finditer(text, s0, start + 4):  # its look-ahead sees the next word
        if m.end() <= start:
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
    if a.pattern == "daybefore":  # "the day before [last Tuesday]"
        return b.spec.gran == "day"
    return kinds in ({"weekday", "mdy"}, {"weekday", "dmy"})


def merge_adjacent(text: str, atoms: list[gr.Atom]) -> list[list[gr.Atom]]:
    groups: list[list[gr.Atom]] = []
    for atom in atoms:
        if groups:
            last = groups[-1][-1]
            gap = text[last.end:atom.start]
            if len(gap) <= 6 and "\n" not in gap and _MERGE_GAP.fullmatch(gap) and _mergeable(last, atom):
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
    words = " ".join(span.lower().split())
    if words == "then current":  # "the then current price", not "..., then current prices rose"
        return previous_word(text, atom.start) == "the"
    return words not in lx.WEAK_REFERENCES


_KEEP_RULES = {
    "month": _keep_month, "year": _keep_year, "wordyear": _keep_wordyear,
    "season": _keep_season, "unit": _keep_unit, "dmy": _keep_dmy, "clock": _keep_clock,
    "ref": _keep_ref, "half": lambda t, a, s: a.spec.how == "abs" or " of " in s.lower(),
    "freq": lambda t, a, s: s.islower(), "qcode": lambda t, a, s: s[0] == "Q",
    "podrel": lambda t, a, s: not s.lower().startswith("the "),
    "pod": lambda t, a, s: " " in s.strip(), "overnight": lambda t, a, s: False,
}

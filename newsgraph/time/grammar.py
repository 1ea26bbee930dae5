"""The regular grammar of time expressions: patterns and what each match means (a ``Spec``).

One master regex (an alternation of named patterns, compiled once) finds candidate spans; the
pattern that matched is re-run on its span to read its parts, and an interpreter turns them into
a ``Spec``: what is known (year, month, day, ...) and how the rest is found (from the document
creation time, from the last date mentioned, or by seeking the nearest occurrence). Resolution
against a DCT lives in ``expressions.py``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from newsgraph.time import lexicon as lx


@dataclass(frozen=True)
class Spec:
    """The meaning of one matched expression, before it is resolved against a DCT or anchor.

    how: "abs" (fully written), "shift" (reference + shift units), "seek" (nearest matching
    date in ``direction``), "literal" (value written as is: PRESENT_REF, P1D...).
    """

    gran: str
    how: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    part: str | None = None
    shift: int = 0
    unit: str | None = None
    direction: str = "nearest"
    anaphoric: bool = False
    keep_anchor_gran: bool = False
    time: str | None = None
    mod: str | None = None
    literal: str | None = None
    holiday: str | None = None
    tense_sensitive: bool = False


@dataclass(frozen=True)
class Atom:
    """One master-regex match: its offsets in the scanned text, pattern name and meaning."""

    start: int
    end: int
    pattern: str
    spec: Spec


def _alt(words: object) -> str:
    """A regex alternation of the words, longest first, spaces matching any blank run."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[union-attr]
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


_MON_FULL = "january|february|march|april|may|june|july|august|september|october|november|december"
_MON_ABBR = "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
MONTH = rf"(?:{_MON_FULL}|(?:{_MON_ABBR})\.?)(?![a-z])"
MONTH_BARE = rf"(?:(?:{_MON_FULL})(?![a-z])|(?:{_MON_ABBR})\.)"
WEEKDAY = _alt(lx.WEEKDAYS)
DAYNUM = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9a-z])"
DAYWORD = _alt(k for k in lx.ORDINALS if k != "last")
YEAR = r"(?<![0-9.,$])(?:1[0-9]{3}|20[0-9]{2})(?![0-9])"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TENS_ONES = rf"(?:{_TENS})(?:[\s-]+(?:{_ONES}))?"
WORDYEAR = (rf"(?:nineteen[\s-]+(?:hundred[\s-]+(?:and[\s-]+)?)?(?:{_TENS_ONES}|{_TEENS}|oh[\s-]+(?:{_ONES}))"
            rf"|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?:{_TENS_ONES}|{_TEENS}|{_ONES}))?)(?![a-z])")
NUM = (rf"(?:[0-9]{{1,3}}|{_TENS_ONES}|{_alt(lx.NUMBER_WORDS)}|{_alt(lx.VAGUE_NUMBERS)})")
UNIT = _alt(lx.UNITS)
SINGULAR_UNIT = _alt(u for u in lx.UNITS if not u.endswith("s"))
POD = _alt(lx.PARTS_OF_DAY)
SEASON = _alt(lx.SEASONS)
TZ = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST)"
QORD = r"(?:first|second|third|fourth|final|1st|2nd|3rd|4th)"
HOLIDAY = _alt([*lx.FIXED_HOLIDAYS, *lx.WEEKDAY_HOLIDAYS, *lx.EASTER_HOLIDAYS, "election day"])
MODS = _alt(lx.MODIFIERS)
REFS = _alt(lx.REFERENCE_WORDS)
VAGUE_SPAN = (r"(?:(?:the\s+)?(?:past|last|next|coming)\s+(?:few|several|couple\s+of)|recent|coming|"
              r"future|upcoming|past)\s+(?:days|weeks|months|years|quarters|decades)"
              r"(?:\s+and\s+(?:days|weeks|months|years))?")

# Patterns in priority order: at one position the first that matches wins.
PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"(?P<y>1[0-9]{3}|20[0-9]{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01])"
            r"(?:T(?P<hh>[01][0-9]|2[0-3]):(?P<mm>[0-5][0-9]))?(?![0-9])"),
    ("numeric", r"(?<![0-9/])(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>(?:19|20)[0-9]{2})(?![0-9/])"),
    ("quarter", rf"(?:(?:(?P<ydet>this|last|next)\s+year|(?:fiscal\s+)?(?P<ypos>{YEAR}))\s*'s\s+)?"
                rf"(?:(?P<y1>{YEAR})\s+)?(?:fiscal[\s-]+)?(?P<q>{QORD})[\s-]+(?:fiscal[\s-]+)?quarter"
                rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:(?P<y2>{YEAR})|(?P<yrel>this|last|next)\s+year))?"),
    ("qcode", rf"(?P<q>Q[1-4])(?:\s+(?P<y>{YEAR}))?"),
    ("half", rf"(?:the\s+)?(?P<h>first|second|last|latter)[\s-]+half"
             rf"(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<rel>this|last|next|the)\s+year))?"),
    ("mdy", rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s*(?P<day>{DAYNUM}|{DAYWORD})"
            rf"(?:(?:\s*,\s*|\s+)(?P<year>{YEAR}|{WORDYEAR}))?"),
    ("dmy", rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAYNUM}|{DAYWORD})\s+(?:of\s+)?"
            rf"(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR}))?"),
    ("month_year", rf"(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR}|{WORDYEAR})"),
    ("month_relyear", rf"(?P<mon>{MONTH})\s+(?:of\s+)?(?P<rel>this|last|next|that|the\s+following|"
                      rf"the\s+previous|the\s+same)\s+year"),
    ("yearadj", r"(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?:year[\s-]+(?:earlier|ago)|"
                r"prior[\s-]year|year[\s-]before)(?:\s+(?P<q>first|second|third|fourth)\s+quarter|"
                r"\s+(?P<unit>quarter|period|month|year))?"),
    ("sameperiod", r"the\s+(?:same|corresponding|comparable)\s+(?:period|quarter|time)\s+"
                   r"(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year)"),
    ("yearperiod", rf"(?:the\s+(?P<year>{YEAR})|(?P<rel>this|last|next)\s+year's)\s+"
                   rf"(?:fiscal\s+)?(?:quarter|period)"),
    ("latest", r"the\s+(?:latest|most\s+recent|just[\s-]ended|recent)\s+(?:fiscal\s+)?"
               r"(?P<unit>quarter|period|year|month|week)"),
    ("holiday", rf"(?P<name>{HOLIDAY})(?:\s+(?P<week>week))?(?:,?\s+(?P<year>{YEAR}))?"),
    ("season", rf"(?:(?P<rel>this\s+past|this\s+coming|this|last|next|that|the)\s+)?"
               rf"(?:(?P<smod>early|late|mid)[\s-]+)?(?P<season>{SEASON})"
               rf"(?:\s+(?:of\s+)?(?P<year>{YEAR}|{WORDYEAR}))?"),
    ("weekday", rf"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|the\s+previous|"
                rf"the\s+following|the\s+same)\s+)?(?P<wd>{WEEKDAY})(?:'s)?(?:\s+(?P<pod>{POD}))?"
                rf"(?:\s+(?:of\s+)?(?P<week>this|last|next)\s+week)?"),
    ("deictic", rf"(?:the\s+day\s+(?P<dba>before|after)\s+)?(?P<word>today|tonight|yesterday|tomorrow)"
                rf"(?:'s)?(?:\s+(?P<pod>{POD}))?"),
    ("podrel", rf"(?P<rel>this|last|tomorrow|yesterday|that|the\s+next|the\s+following|"
               rf"the\s+previous|the\s+same|the)\s+(?P<pod>{POD})"),
    ("pod", rf"(?P<pod>{POD})(?:\s+(?P<day>today|yesterday|tomorrow))?"),
    ("overnight", r"overnight"),
    ("yearend", r"(?:the\s+)?(?:(?P<rel>this|last|next)\s+)?year(?:'s)?[\s-]end"),
    ("duration", rf"(?:the\s+)?(?P<dir>past|last|next|coming|previous|following|first)\s+"
                 rf"(?P<num>{NUM})\s+(?P<unit>{UNIT})(?![\w-])"),
    ("unit", rf"(?P<det>this\s+past|this|last|next|the\s+past|the\s+previous|the\s+prior|"
             rf"the\s+preceding|the\s+coming|the\s+current|the\s+present|the\s+following|the\s+next|"
             rf"the\s+same|that\s+same|that|the\s+last|the\s+full|the|its|a\s+full)\s+"
             rf"(?:(?P<fiscal>fiscal|calendar)[\s-]+)?"
             rf"(?P<unit>weekend|week|month|year|quarter|decade|century|day)(?!-)"),
    ("ago", rf"(?:(?P<num>{NUM})\s+(?P<unit>{UNIT})|the\s+(?P<unit1>{SINGULAR_UNIT}))(?:\s+or\s+(?:so|two|three|more))?\s+"
            rf"(?P<dir>ago|earlier|later|from\s+now|hence|back|previously|before|after|"
            rf"on(?=\s*(?:[.,;:)]|$)))"),
    ("decade", rf"(?:the\s+)?(?:(?P<dmod>early|mid|late)[\s-]+)?(?P<num>1[0-9]{{2}}|20[0-9])0'?s"),
    ("decade_short", rf"the\s+(?:(?P<dmod>early|mid|late)[\s-]+)?(?:'?(?P<short>[0-9])0'?s|"
                     rf"(?:nineteen[\s-]+)?(?P<word>{_alt(lx.DECADE_WORDS)}))"),
    ("century", rf"(?:the\s+)?(?:(?P<n>[0-9]{{1,2}})(?:st|nd|rd|th)|(?P<w>{DAYWORD}))[\s-]+century"),
    ("wordyear", rf"(?:the\s+year\s+)?(?P<year>{WORDYEAR})"),
    ("year", rf"(?:(?P<pre>fiscal|calendar|the\s+year|mid|post|pre)[\s-]*)?(?P<year>{YEAR})(?:'s)?"
             r"(?!\s*(?:%|percent|-|[0-9]))"),
    ("month", rf"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|that|the\s+following|"
              rf"the\s+previous|coming)\s+)?(?P<mon>{MONTH_BARE})"),
    ("clock", rf"(?:(?P<h>[0-9]{{1,2}})(?:[:.](?P<m>[0-5][0-9]))?\s*(?P<ap>[ap]\.?\s?m\b\.?)|"
              rf"(?P<h2>[01]?[0-9]|2[0-3]):(?P<m2>[0-5][0-9])(?![0-9])|(?P<word>noon|midnight|midday)|"
              rf"(?P<h3>[0-9]{{1,2}})\s+(?:o'clock\s+)?in\s+the\s+(?P<pod3>morning|afternoon|evening))"
              rf"(?:,?\s+(?P<tz>{TZ}))?"),
    ("freq", _alt(lx.FREQUENCIES)),
    ("vague", VAGUE_SPAN),
    ("ref", REFS),
)

_COMPILED: dict[str, re.Pattern[str]] = {
    name: re.compile(src, re.IGNORECASE) for name, src in PATTERNS}
_UNNAMED = re.compile(r"\(\?P<[a-z0-9_]+>")
MASTER: re.Pattern[str] = re.compile(
    rf"(?<![\w'-])(?:(?P<mod>{MODS})(?:\s+|-))?(?:"
    + "|".join(f"(?P<{name}>{_UNNAMED.sub('(?:', src)})" for name, src in PATTERNS)
    + r")(?![\w])",
    re.IGNORECASE,
)


def _trie(words: frozenset[str]) -> str:
    """A regex alternation of the words factored as a trie (fast to reject a position)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_node(tree)


def _trie_node(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _trie_node(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if "" in node else body


def _first_words() -> frozenset[str]:
    """Every word an expression can begin with: candidates for the master regex."""
    tables = (lx.MONTHS, lx.WEEKDAYS, lx.NUMBER_WORDS, lx.ORDINALS, lx.SEASONS,
              lx.PARTS_OF_DAY, lx.CLOCK_WORDS, lx.FREQUENCIES, lx.MODIFIERS, lx.REFERENCE_WORDS,
              lx.FIXED_HOLIDAYS, lx.WEEKDAY_HOLIDAYS, lx.EASTER_HOLIDAYS)
    keys = [k for table in tables for k in table] + list(lx.VAGUE_NUMBERS) + list(lx.STARTERS)
    return frozenset(re.split(r"[\s'-]+", k)[0] for k in keys)


def _core_words() -> frozenset[str]:
    tables = (lx.MONTHS, lx.WEEKDAYS, lx.UNITS, lx.SEASONS, lx.PARTS_OF_DAY, lx.CLOCK_WORDS,
              lx.FREQUENCIES, lx.DECADE_WORDS)
    return frozenset(k for table in tables for k in table) | lx.CORE_WORDS


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_CORE = _trie(_core_words())
_LEAD = _trie(_first_words() - _core_words())
# Where an expression can start (on ASCII-lower-cased text): a core word, a digit, or a
# function/number word with a core word or digit within the next five words.
STARTS: re.Pattern[str] = re.compile(
    rf"(?<![a-z0-9'-])(?:{_CORE}(?![a-z])|(?:q(?=[1-4]))?'?[0-9]|{_LEAD}(?![a-z])"
    rf"(?=(?:'s)?(?:[\s-]+[^\s-]+){{0,4}}?[\s-]+(?:'?[0-9]|{_CORE}(?![a-z]))))")


def matches(text: str) -> Iterator[re.Match[str]]:
    """Master-regex matches, left to right and not overlapping, tried only where a word that
    can begin an expression starts (about ten times faster than scanning every position)."""
    pos = 0
    for start in STARTS.finditer(text.translate(_ASCII_LOWER)):
        if start.start() < pos:
            continue
        m = MASTER.match(text, start.start())
        if m:
            pos = m.end()
            yield m


def scan(text: str) -> Iterator[Atom]:
    """Every expression-like match in ``text`` with its meaning (modifier folded in)."""
    for m in matches(text):
        name = m.lastgroup
        if name is None or name == "mod":
            continue
        inner = _COMPILED[name].fullmatch(m.group(name))
        if inner is None:
            continue
        spec = INTERPRETERS[name](inner.groupdict(), m.group(name))
        if spec is None:
            continue
        mod_word = m.group("mod")
        if mod_word:
            spec = with_modifier(spec, mod_word)
        yield Atom(m.start(), m.end(), name, spec)


def with_modifier(spec: Spec, word: str) -> Spec:
    """Fold a written modifier (early, the end of, around...) into the spec's ``mod``."""
    key = re.sub(r"\s+", " ", word.lower())
    mod = lx.MODIFIERS.get(key)
    if spec.how == "literal" or mod is None:
        return spec
    return replace(spec, mod=mod)


# ---- interpreters: groups of one pattern -> Spec ------------------------------------------

Groups = dict[str, "str | None"]


def number_value(word: str) -> int | None:
    """Digits, number words ("twenty-five", "a couple of") or None for vague numbers."""
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w.isdigit():
        return int(w)
    if w in lx.NUMBER_WORDS:
        return lx.NUMBER_WORDS[w]
    parts = re.split(r"[\s-]+", w)
    if len(parts) == 2 and all(p in lx.NUMBER_WORDS for p in parts):
        return lx.NUMBER_WORDS[parts[0]] + lx.NUMBER_WORDS[parts[1]]
    return None


def word_year(text: str) -> int | None:
    """"nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w not in ("and", "the", "year")]
    if words[:2] == ["two", "thousand"]:
        rest = sum(lx.NUMBER_WORDS.get(w, 0) for w in words[2:])
        return 2000 + rest
    if words and words[0] == "nineteen":
        rest = [w for w in words[1:] if w != "hundred"]
        return 1900 + sum(lx.NUMBER_WORDS.get("zero" if w == "oh" else w, 0) for w in rest)
    return None


def year_of(text: str | None) -> int | None:
    if not text:
        return None
    t = text.strip()
    if t.startswith("'") and t[1:].isdigit():
        n = int(t[1:])
        return 1900 + n if n > 30 else 2000 + n
    return int(t) if t.isdigit() else word_year(t)


def month_of(text: str) -> int:
    return lx.MONTHS[text.lower().rstrip(".")[:3] if text.lower().rstrip(".") not in lx.MONTHS
                     else text.lower().rstrip(".")]


def day_of(text: str) -> int:
    t = text.lower()
    return lx.ORDINALS[t] if t in lx.ORDINALS else int(re.sub(r"[a-z]+$", "", t))


def _norm(word: str | None) -> str:
    return re.sub(r"\s+", " ", word.lower()) if word else ""


def _iso(g: Groups, _: str) -> Spec | None:
    time = f"{g['hh']}:{g['mm']}" if g["hh"] else None
    return Spec("day", "abs", int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0), time=time)


def _numeric(g: Groups, _: str) -> Spec | None:
    a, b, y = int(g["a"] or 0), int(g["b"] or 0), int(g["y"] or 0)
    month, day = (b, a) if a > 12 else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Spec("day", "abs", y, month, day)


def _month_day(g: Groups, _: str) -> Spec | None:
    month, day = month_of(g["mon"] or ""), day_of(g["day"] or "")
    year = year_of(g["year"])
    if not 1 <= day <= 31:
        return None
    if year is not None:
        return Spec("day", "abs", year, month, day)
    return Spec("day", "seek", month=month, day=day, tense_sensitive=True)


def _month_year(g: Groups, _: str) -> Spec | None:
    return Spec("month", "abs", year_of(g["year"]), month_of(g["mon"] or ""))


_REL_SHIFT: dict[str, int] = {
    "this": 0, "last": -1, "next": 1, "that": 0, "the following": 1, "the previous": -1,
    "the same": 0, "coming": 1, "the": 0,
}
_ANAPHORIC_DETS: frozenset[str] = frozenset({"that", "the following", "the previous", "the same"})


def _month_relyear(g: Groups, _: str) -> Spec | None:
    rel = _norm(g["rel"])
    return Spec("month", "shift", month=month_of(g["mon"] or ""), unit="year",
                shift=_REL_SHIFT[rel], anaphoric=rel in _ANAPHORIC_DETS)


_SEEK_DIRECTIONS: dict[str, str] = {
    "last": "before", "next": "after", "this past": "before", "this coming": "after",
    "coming": "after", "the previous": "before", "the following": "after", "this": "this",
    "that": "nearest", "the same": "nearest", "the": "nearest",
}


def _month(g: Groups, _: str) -> Spec | None:
    rel = _norm(g["rel"])
    month = month_of(g["mon"] or "")
    if rel in ("that", "the following", "the previous"):
        return Spec("month", "seek", month=month, direction=_SEEK_DIRECTIONS[rel], anaphoric=True)
    if rel:
        return Spec("month", "seek", month=month, direction=_SEEK_DIRECTIONS[rel])
    return Spec("month", "seek", month=month, tense_sensitive=True)


def _weekday(g: Groups, _: str) -> Spec | None:
    rel, wd = _norm(g["rel"]), lx.WEEKDAYS[_norm(g["wd"])]
    pod = lx.PARTS_OF_DAY[_norm(g["pod"])] if g["pod"] else None
    if g["week"]:
        shift = _REL_SHIFT[_norm(g["week"])]
        return Spec("day", "shift", weekday=wd, unit="week", shift=shift, time=pod)
    if rel:
        anaphoric = rel in ("the previous", "the following", "the same")
        return Spec("day", "seek", weekday=wd, direction=_SEEK_DIRECTIONS[rel], time=pod,
                    anaphoric=anaphoric)
    return Spec("day", "seek", weekday=wd, direction="past", time=pod, tense_sensitive=True)


_DEICTIC_SHIFT: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _deictic(g: Groups, _: str) -> Spec | None:
    word = _norm(g["word"])
    shift = _DEICTIC_SHIFT[word] + {"before": -1, "after": 1, "": 0}[_norm(g["dba"])]
    pod = lx.PARTS_OF_DAY[_norm(g["pod"])] if g["pod"] else ("NI" if word == "tonight" else None)
    return Spec("day", "shift", unit="day", shift=shift, time=pod)


_POD_REL: dict[str, tuple[int, bool]] = {  # shift in days, anaphoric
    "this": (0, False), "last": (-1, False), "tomorrow": (1, False), "yesterday": (-1, False),
    "that": (0, True), "the next": (1, True), "the following": (1, True),
    "the previous": (-1, True), "the same": (0, True), "the": (0, True),
}


def _podrel(g: Groups, _: str) -> Spec | None:
    rel, pod = _norm(g["rel"]), lx.PARTS_OF_DAY[_norm(g["pod"])]
    shift, anaphoric = _POD_REL[rel]
    if rel == "last" and pod != "NI":
        return None
    return Spec("day", "shift", unit="day", shift=shift, time=pod, anaphoric=anaphoric)


def _overnight(_: Groups, __: str) -> Spec | None:
    return Spec("day", "shift", unit="day", time="NI", anaphoric=True)


_QUARTERS: dict[str, str] = {
    "first": "Q1", "1st": "Q1", "second": "Q2", "2nd": "Q2", "third": "Q3", "3rd": "Q3",
    "fourth": "Q4", "4th": "Q4", "final": "Q4",
}


def _year_part(part: str, gran: str, year: int | None, rel: str) -> Spec:
    """A quarter/half/season of a written year, of a year relative to the DCT, or of the DCT's."""
    if year is not None:
        return Spec(gran, "abs", year=year, part=part)
    return Spec(gran, "shift", part=part, unit="year", shift=_REL_SHIFT.get(rel, 0))


def _quarter(g: Groups, _: str) -> Spec | None:
    part = _QUARTERS[_norm(g["q"])]
    year = year_of(g["ypos"] or g["y1"] or g["y2"])
    return _year_part(part, "quarter", year, _norm(g["ydet"] or g["yrel"]))


def _qcode(g: Groups, _: str) -> Spec | None:
    return _year_part((g["q"] or "").upper(), "quarter", year_of(g["y"]), "")


def _half(g: Groups, _: str) -> Spec | None:
    part = "H1" if _norm(g["h"]) == "first" else "H2"
    return _year_part(part, "half", year_of(g["y"]), _norm(g["rel"]))


def _yearadj(g: Groups, text: str) -> Spec | None:
    unit = _norm(g.get("unit"))
    quarterly = unit in ("quarter", "period") or bool(g.get("q")) or "quarter" in text.lower()
    part = _QUARTERS[_norm(g["q"])] if g.get("q") else None
    return Spec("quarter" if quarterly else "year", "shift", part=part, unit="year", shift=-1,
                anaphoric=True, keep_anchor_gran=True)


def _sameperiod(g: Groups, text: str) -> Spec | None:
    return Spec("quarter", "shift", unit="year", shift=-1, anaphoric=True, keep_anchor_gran=True)


def _yearperiod(g: Groups, _: str) -> Spec | None:
    """"the 1988 quarter", "last year's period": the quarter of the anchor in that year."""
    year = year_of(g["year"])
    shift = _REL_SHIFT.get(_norm(g["rel"]), 0)
    return Spec("quarter", "shift", year=year, unit="year", shift=shift, anaphoric=True,
                keep_anchor_gran=True)


def _pod(g: Groups, _: str) -> Spec | None:
    pod = lx.PARTS_OF_DAY[_norm(g["pod"])]
    if g["day"]:
        return Spec("day", "shift", unit="day", shift=_DEICTIC_SHIFT[_norm(g["day"])], time=pod)
    return Spec("day", "shift", unit="day", time=pod, anaphoric=True)


def _latest(g: Groups, _: str) -> Spec | None:
    unit = _norm(g["unit"])
    gran = "quarter" if unit == "period" else unit
    return Spec(gran, "shift", unit=gran, shift=-1)


def _holiday(g: Groups, _: str) -> Spec | None:
    name = _norm(g["name"])
    year = year_of(g["year"])
    gran = "week" if g["week"] else "day"
    if year is not None:
        return Spec(gran, "abs", year=year, holiday=name)
    return Spec(gran, "seek", holiday=name, tense_sensitive=True)


def _season(g: Groups, _: str) -> Spec | None:
    rel, part = _norm(g["rel"]), lx.SEASONS[_norm(g["season"])]
    mod = lx.MODIFIERS.get(_norm(g["smod"])) if g["smod"] else None
    year = year_of(g["year"])
    if year is not None:
        return Spec("season", "abs", year=year, part=part, mod=mod)
    if rel in ("", "the"):
        return Spec("season", "seek", part=part, mod=mod, tense_sensitive=True)
    return Spec("season", "seek", part=part, mod=mod, direction=_SEEK_DIRECTIONS[rel],
                anaphoric=rel == "that")


def _yearend(g: Groups, _: str) -> Spec | None:
    return Spec("year", "shift", unit="year", shift=_REL_SHIFT.get(_norm(g["rel"]), 0), mod="END")


_UNIT_DETS: dict[str, tuple[int, bool]] = {  # determiner -> (shift, anaphoric)
    "this": (0, False), "the current": (0, False), "the present": (0, False),
    "last": (-1, False), "the past": (-1, False), "this past": (-1, False), "the last": (-1, False),
    "the previous": (-1, True), "the prior": (-1, True), "the preceding": (-1, True),
    "next": (1, False), "the coming": (1, False), "the next": (1, False),
    "the following": (1, True), "that": (0, True), "the same": (0, True), "that same": (0, True),
}
_WEEKEND_DIRECTIONS: dict[str, str] = {"this": "this", "last": "before", "next": "after",
                                       "the past": "before", "this past": "before",
                                       "the coming": "after", "the following": "after"}


def _unit(g: Groups, _: str) -> Spec | None:
    det, unit = _norm(g["det"]), _norm(g["unit"])
    if unit == "weekend":
        if det in ("the", "that"):
            return Spec("weekend", "seek", direction="past", tense_sensitive=True,
                        anaphoric=det == "that")
        return Spec("weekend", "seek", direction=_WEEKEND_DIRECTIONS.get(det, "nearest"))
    if det in ("the", "its", "the full"):
        return _bare_unit(unit)
    if det not in _UNIT_DETS:
        return None
    shift, anaphoric = _UNIT_DETS[det]
    if det == "the next" and unit == "day":
        anaphoric = True
    return Spec(unit, "shift", unit=unit, shift=shift, anaphoric=anaphoric)


def _bare_unit(unit: str) -> Spec | None:
    """"the year", "the quarter", "the day": the DCT's, the latest complete quarter, the anchor's."""
    if unit == "day":
        return Spec("day", "shift", unit="day", anaphoric=True)
    if unit == "quarter":
        return Spec("quarter", "shift", unit="quarter", shift=-1)
    return Spec(unit, "shift", unit=unit)


_ANAPHORIC_DIRS: frozenset[str] = frozenset({"earlier", "later", "before", "after",
                                             "previously", "on"})


def _ago(g: Groups, _: str) -> Spec | None:
    unit, direction = lx.UNITS[_norm(g["unit"] or g["unit1"])], _norm(g["dir"])
    num = 1 if g["unit1"] else number_value(g["num"] or "")
    if num is None:
        ref = "PAST_REF" if direction in ("ago", "earlier", "before", "back", "previously") \
            else "FUTURE_REF"
        return Spec("ref", "literal", literal=ref)
    sign = 1 if direction in ("later", "after", "from now", "hence", "on") else -1
    gran, step = {"decade": ("year", 10), "century": ("year", 100),
                  "fortnight": ("week", 2)}.get(unit, (unit, 1))
    return Spec(gran, "shift", unit=gran, shift=sign * num * step,
                anaphoric=direction in _ANAPHORIC_DIRS, keep_anchor_gran=gran == "year")


def _duration(g: Groups, _: str) -> Spec | None:
    """"the past two months": a duration up to the reference day (or from it, for "next")."""
    direction, unit = _norm(g["dir"]), lx.UNITS[_norm(g["unit"])]
    num = number_value(g["num"] or "")
    future = direction in ("next", "coming", "following", "first")
    if num is None:
        return Spec("ref", "literal", literal="FUTURE_REF" if future else "PAST_REF")
    return Spec("duration", "duration", unit=unit, shift=num if future else -num,
                anaphoric=direction in ("previous", "following", "first"))


def _decade(g: Groups, _: str) -> Spec | None:
    mod = lx.MODIFIERS.get(_norm(g["dmod"])) if g["dmod"] else None
    return Spec("decade", "abs", year=int(g["num"] or 0) * 10, mod=mod)


def _decade_short(g: Groups, _: str) -> Spec | None:
    mod = lx.MODIFIERS.get(_norm(g["dmod"])) if g["dmod"] else None
    digit = int(g["short"]) if g["short"] else lx.DECADE_WORDS[_norm(g["word"])]
    return Spec("decade", "abs", year=(1900 if digit >= 3 else 2000) + digit * 10, mod=mod)


def _century(g: Groups, _: str) -> Spec | None:
    n = int(g["n"]) if g["n"] else lx.ORDINALS.get(_norm(g["w"]), 0)
    return Spec("century", "abs", year=(n - 1) * 100) if 1 <= n <= 21 else None


def _wordyear(g: Groups, _: str) -> Spec | None:
    year = year_of(g["year"])
    return Spec("year", "abs", year=year) if year else None


_YEAR_PREFIX_MODS: dict[str, str] = {"mid": "MID", "post": "AFTER", "pre": "BEFORE"}


def _year(g: Groups, _: str) -> Spec | None:
    return Spec("year", "abs", year=int(g["year"] or 0),
                mod=_YEAR_PREFIX_MODS.get(_norm(g["pre"])))


def clock_time(g: Groups) -> str | None:
    """"5 p.m." -> "17:00", "noon" -> "12:00", "4 in the morning" -> "04:00"."""
    if g["word"]:
        return lx.CLOCK_WORDS[_norm(g["word"])]
    if g["h2"]:
        return f"{int(g['h2']):02d}:{g['m2']}"
    hour = int(g["h"] or g["h3"] or 0)
    pm = (g["ap"] or "").lower().startswith("p") or _norm(g["pod3"]) in ("afternoon", "evening")
    if not 1 <= hour <= 12:
        return None
    hour = hour % 12 + (12 if pm else 0)
    return f"{hour:02d}:{g['m'] or '00'}"


def _clock(g: Groups, _: str) -> Spec | None:
    time = clock_time(g)
    return Spec("day", "shift", unit="day", anaphoric=True, time=time) if time else None


def _freq(_: Groups, text: str) -> Spec | None:
    return Spec("set", "literal", literal=lx.FREQUENCIES[_norm(text)])


def _vague(_: Groups, text: str) -> Spec | None:
    words = _norm(text)
    future = any(w in words for w in ("next", "coming", "future", "upcoming"))
    return Spec("ref", "literal", literal="FUTURE_REF" if future else "PAST_REF")


def _ref(_: Groups, text: str) -> Spec | None:
    return Spec("ref", "literal", literal=lx.REFERENCE_WORDS[_norm(text)])


INTERPRETERS: dict[str, Callable[[Groups, str], Spec | None]] = {
    "iso": _iso, "numeric": _numeric, "quarter": _quarter, "qcode": _qcode, "half": _half,
    "mdy": _month_day, "dmy": _month_day, "month_year": _month_year,
    "month_relyear": _month_relyear, "yearadj": _yearadj, "sameperiod": _sameperiod,
    "latest": _latest, "duration": _duration, "yearperiod": _yearperiod, "pod": _pod, "holiday": _holiday, "season": _season, "weekday": _weekday,
    "deictic": _deictic, "podrel": _podrel, "overnight": _overnight, "yearend": _yearend,
    "unit": _unit, "ago": _ago, "decade": _decade, "decade_short": _decade_short,
    "century": _century, "wordyear": _wordyear, "year": _year, "month": _month,
    "clock": _clock, "freq": _freq, "vague": _vague, "ref": _ref,
}

"""The regular grammar of time expressions: where they are and what each one means (a ``Spec``).

The pattern sources live in ``lexicon.py``. One master regex (their alternation, each guarded by
a look-ahead on its possible first words) is tried only where a cheap ``STARTS`` regex says an
expression can begin; the pattern that matched is re-run on its span to read its parts, and an
interpreter turns them into a ``Spec``: what is written (year, month, day...) and how the rest
is found (from the DCT, from the last date mentioned, or by seeking the nearest occurrence).
Resolution lives in ``timex.py``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from newsgraph.time import lexicon as lx


@dataclass(frozen=True)
class Spec:
    """The meaning of one matched expression, before it is resolved against a DCT or anchor.

    how: "abs" (fully written), "shift" (reference + shift units), "seek" (nearest matching
    date in ``direction``), "literal" (value written as is: PRESENT_REF, P1D...).
    same_unit_anchor: a unit that names the period of that unit the text has just reported,
    when there is one ("the quarter", "the latest period" after "the fiscal first quarter").
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
    needs_anchor: bool = False
    same_unit_anchor: bool = False


@dataclass(frozen=True)
class Atom:
    """One master-regex match: its offsets in the scanned text, pattern name and meaning."""

    start: int
    end: int
    pattern: str
    spec: Spec


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


def _heads(keys: Iterable[str]) -> set[str]:
    return {re.split(r"[\s'-]+", k)[0] for k in keys}


WORD_CLASSES: dict[str, set[str]] = {
    "MONTH": set(lx.MONTHS), "WEEKDAY": set(lx.WEEKDAYS), "SEASON": set(lx.SEASONS),
    "NUM": _heads([*lx.NUMBER_WORDS, *lx.VAGUE_NUMBERS]), "DAYWORD": _heads(lx.ORDINALS),
    "HOLIDAY": _heads([*lx.FIXED_HOLIDAYS, *lx.WEEKDAY_HOLIDAYS, *lx.EASTER_HOLIDAYS,
                       "election day"]),
    "POD": set(lx.PARTS_OF_DAY), "FREQ": set(lx.FREQUENCIES), "REF": _heads(lx.REFERENCE_WORDS),
}


def _guard(name: str) -> str:
    """A look-ahead that fails at once where pattern ``name`` cannot begin."""
    tokens = lx.FIRST_TOKENS[name]
    words: set[str] = set()
    for token in tokens:
        words |= WORD_CLASSES.get(token, set()) if token.isupper() else {token}
    digit = "[0-9]|" if "DIGIT" in tokens or "NUM" in tokens else ""
    return f"(?=(?:{digit}{_trie(frozenset(words))}))" if words else "(?=[0-9])"


_COMPILED: dict[str, re.Pattern[str]] = {
    name: re.compile(src, re.IGNORECASE) for name, src in lx.PATTERNS}
_UNNAMED = re.compile(r"\(\?P<[a-z0-9_]+>")
MASTER: re.Pattern[str] = re.compile(
    rf"(?<![\w'-])(?:(?P<mod>{lx.MODS})(?:\s+|-))?(?:"
    + "|".join(f"(?P<{name}>{_guard(name)}{_UNNAMED.sub('(?:', src)})" for name, src in lx.PATTERNS)
    + r")(?![\w])",
    re.IGNORECASE,
)


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
_NUMBER_START = (  # a year, a clock time, a numeric date, or a number before a core word
    rf"'?[0-9](?=[0-9]{{3}}(?![0-9])|0'?s|[0-9]{{0,2}}(?:st|nd|rd|th)?(?:[:./][0-9]|"
    rf"\s*(?:[ap]\.?\s?m\b|o'clock)|(?:[\s-]+[^\s-]+){{0,2}}?[\s-]+{_CORE}(?![a-z])))")
STARTS: re.Pattern[str] = re.compile(
    rf"(?<![a-z0-9'-])(?:{_CORE}(?![a-z])|(?:q(?=[1-4]))?{_NUMBER_START}|{_LEAD}(?![a-z])"
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
        inner = _COMPILED[name].match(text, m.start(name))  # look-arounds see the context
        if inner is None or inner.end() != m.end(name):
            continue
        spec = FIXED_SPECS.get(name) or INTERPRETERS[name](inner.groupdict(), m.group(name))
        if spec is None:
            continue
        mod_word = m.group("mod")
        if mod_word:
            spec = with_modifier(spec, mod_word)
        yield Atom(m.start(), m.end(), name, spec)


def with_modifier(spec: Spec, word: str) -> Spec:
    """Fold a written modifier (early, the end of, around...) into the spec's ``mod``."""
    key = " ".join(word.lower().split())
    mod = lx.MODIFIERS.get(key)
    if spec.how == "literal" or mod is None:
        return spec
    return replace(spec, mod=mod)


# ---- interpreters: groups of one pattern -> Spec ------------------------------------------

Groups = dict[str, "str | None"]


def _norm(word: str | None) -> str:
    return " ".join(word.lower().split()) if word else ""


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
    month, day = lx.month_of(g["mon"] or ""), lx.day_of(g["day"] or "")
    year = lx.year_of(g["year"])
    if not 1 <= day <= 31:
        return None
    if year is not None:
        return Spec("day", "abs", year, month, day)
    return Spec("day", "seek", month=month, day=day, tense_sensitive=True)


def _week_of(g: Groups, text: str) -> Spec | None:
    """"the week of March 6": the ISO week of that day."""
    spec = _month_day(g, text)
    return replace(spec, gran="week") if spec else None


def _month_year(g: Groups, _: str) -> Spec | None:
    return Spec("month", "abs", lx.year_of(g["year"]), lx.month_of(g["mon"] or ""))


_REL_SHIFT: dict[str, int] = {
    "this": 0, "last": -1, "next": 1, "that": 0, "the following": 1, "the previous": -1,
    "the same": 0, "coming": 1, "the": 0,
}
_ANAPHORIC_DETS: frozenset[str] = frozenset({"that", "the following", "the previous", "the same"})


def _month_relyear(g: Groups, _: str) -> Spec | None:
    rel = _norm(g["rel"])
    return Spec("month", "shift", month=lx.month_of(g["mon"] or ""), unit="year",
                shift=_REL_SHIFT[rel], anaphoric=rel in _ANAPHORIC_DETS)


_SEEK_DIRECTIONS: dict[str, str] = {
    "last": "before", "next": "after", "this past": "before", "this coming": "after",
    "coming": "after", "the previous": "before", "the following": "after", "this": "this",
    "that": "nearest", "the same": "nearest", "the": "nearest",
}


def _month(g: Groups, _: str) -> Spec | None:
    rel = _norm(g["rel"])
    month = lx.month_of(g["mon"] or "")
    if rel in ("that", "the following", "the previous"):
        return Spec("month", "seek", month=month, direction=_SEEK_DIRECTIONS[rel], anaphoric=True)
    if rel:
        return Spec("month", "seek", month=month, direction=_SEEK_DIRECTIONS[rel])
    return Spec("month", "seek", month=month, tense_sensitive=True)


def _weekday(g: Groups, text: str) -> Spec | None:
    rel, wd = _norm(g["rel"]), lx.WEEKDAYS[_norm(g["wd"])]
    pod = lx.PARTS_OF_DAY[_norm(g["pod"])] if g["pod"] else None
    if g["week"]:
        shift = _REL_SHIFT[_norm(g["week"])]
        return Spec("day", "shift", weekday=wd, unit="week", shift=shift, time=pod)
    if rel:
        anaphoric = rel in ("the previous", "the following", "the same")
        return Spec("day", "seek", weekday=wd, direction=_SEEK_DIRECTIONS[rel], time=pod,
                    anaphoric=anaphoric)
    possessive = "'s" in text.lower()  # "Wednesday's ruling": the verb's tense is not its own
    return Spec("day", "seek", weekday=wd, direction="past", time=pod,
                tense_sensitive=not possessive)


_DEICTIC_SHIFT: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _deictic(g: Groups, _: str) -> Spec | None:
    word = _norm(g["word"])
    shift = _DEICTIC_SHIFT[word] + {"before": -1, "after": 1, "": 0}[_norm(g["dba"])]
    pod = lx.PARTS_OF_DAY[_norm(g["pod"])] if g["pod"] else ("NI" if word == "tonight" else None)
    return Spec("day", "shift", unit="day", shift=shift, time=pod)


def _daybefore(g: Groups, _: str) -> Spec | None:
    """"the day before [last Tuesday]": a day's shift from the date that follows."""
    return Spec("day", "shift", unit="day", shift=-1 if _norm(g["dir"]) == "before" else 1,
                anaphoric=True)


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
    year = lx.year_of(g["ypos"] or g["y1"] or g["y2"])
    return _year_part(part, "quarter", year, _norm(g["ydet"] or g["yrel"]))


def _qcode(g: Groups, _: str) -> Spec | None:
    return _year_part((g["q"] or "").upper(), "quarter", lx.year_of(g["y"]), "")


def _half(g: Groups, _: str) -> Spec | None:
    part = "H1" if _norm(g["h"]) == "first" else "H2"  # also "the first two quarters"
    return _year_part(part, "half", lx.year_of(g["y"]), _norm(g["rel"]))


def _yearadj(g: Groups, text: str) -> Spec | None:
    unit = _norm(g.get("unit"))
    quarterly = unit in ("quarter", "period") or bool(g.get("q")) or "quarter" in text.lower()
    part = _QUARTERS[_norm(g["q"])] if g.get("q") else None
    return Spec("quarter" if quarterly else "year", "shift", part=part, unit="year", shift=-1,
                keep_anchor_gran=True)


def _yearperiod(g: Groups, _: str) -> Spec | None:
    """"the 1988 quarter", "last year's period": the reported quarter in that year."""
    year = lx.year_of(g["year"])
    shift = _REL_SHIFT.get(_norm(g["rel"]), 0)
    return Spec("quarter", "shift", year=year, unit="year", shift=shift, keep_anchor_gran=True)


def _pod(g: Groups, _: str) -> Spec | None:
    pod = lx.PARTS_OF_DAY[_norm(g["pod"])]
    if g["day"]:
        return Spec("day", "shift", unit="day", shift=_DEICTIC_SHIFT[_norm(g["day"])], time=pod)
    return Spec("day", "shift", unit="day", time=pod, anaphoric=True)


def _latest(g: Groups, _: str) -> Spec | None:
    unit = _norm(g["unit"])
    gran = "quarter" if unit == "period" else unit
    return Spec(gran, "shift", unit=gran, shift=-1, same_unit_anchor=gran == "quarter")


def _holiday(g: Groups, _: str) -> Spec | None:
    name = _norm(g["name"])
    year = lx.year_of(g["year"])
    gran = "week" if g["week"] else "day"
    if year is not None:
        return Spec(gran, "abs", year=year, holiday=name)
    return Spec(gran, "seek", holiday=name, tense_sensitive=True)


def _season(g: Groups, _: str) -> Spec | None:
    rel, part = _norm(g["rel"]), lx.SEASONS[_norm(g["season"])]
    mod = lx.MODIFIERS.get(_norm(g["smod"])) if g["smod"] else None
    year = lx.year_of(g["year"])
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
    """"the year", "the quarter", "the day": the DCT's year, the latest complete quarter, the
    anchor's day."""
    if unit == "day":
        return Spec("day", "shift", unit="day", anaphoric=True)
    if unit == "quarter":
        return Spec("quarter", "shift", unit="quarter", shift=-1, same_unit_anchor=True)
    return Spec(unit, "shift", unit=unit)


_ANAPHORIC_DIRS: frozenset[str] = frozenset({"earlier", "later", "before", "after",
                                             "previously", "on"})


def _ago(g: Groups, _: str) -> Spec | None:
    unit, direction = lx.UNITS[_norm(g["unit"] or g["unit1"])], _norm(g["dir"])
    num = 1 if g["unit1"] else lx.number_value(g["num"] or "")
    if num is None:
        ref = "PAST_REF" if direction in ("ago", "earlier", "before", "back", "previously") \
            else "FUTURE_REF"
        return Spec("ref", "literal", literal=ref)
    sign = 1 if direction in ("later", "after", "from now", "hence", "on") else -1
    gran, step = {"decade": ("year", 10), "century": ("year", 100),
                  "fortnight": ("week", 2)}.get(unit, (unit, 1))
    return Spec(gran, "shift", unit=gran, shift=sign * num * step,
                anaphoric=direction in _ANAPHORIC_DIRS, keep_anchor_gran=gran == "year")


def _inunits(g: Groups, _: str) -> Spec | None:
    """"(redeemed) in five years": that many units after the DCT when the clause is in the
    future, else a duration ("the highest in five years"); the duration is the literal.
    A range ("in a year or two") is the future."""
    unit = lx.UNITS[_norm(g["unit"])]
    num = lx.number_value(g["num"] or "")
    if g["range"]:
        return Spec("ref", "literal", literal="FUTURE_REF")
    if num is None:
        return None
    gran, step = {"decade": ("year", 10), "century": ("year", 100),
                  "fortnight": ("week", 2)}.get(unit, (unit, 1))
    code, size = lx.DURATION_CODES[unit]
    return Spec(gran, "shift", unit=gran, shift=num * step, literal=f"P{num * size}{code}",
                tense_sensitive=True)


def _duration(g: Groups, _: str) -> Spec | None:
    """"the past two months": a duration up to the reference day (or from it, for "next")."""
    direction, unit = _norm(g["dir"]), lx.UNITS[_norm(g["unit"])]
    num = lx.number_value(g["num"] or "")
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
    year = lx.year_of(g["year"])
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


# Patterns whose meaning does not depend on what they matched.
FIXED_SPECS: dict[str, Spec] = {
    "overnight": Spec("day", "shift", unit="day", time="NI", anaphoric=True),
    "sameperiod": Spec("quarter", "shift", unit="year", shift=-1, keep_anchor_gran=True),
    "nthday": Spec("day", "shift", unit="day"),  # "(today is) the eighth day (of the war)"
    "moment": Spec("ref", "literal", literal="PRESENT_REF"),  # "this crucial moment"
    "then": Spec("day", "shift", unit="day", anaphoric=True, keep_anchor_gran=True,
                 needs_anchor=True),  # "until then": the last date mentioned, as written
}

INTERPRETERS: dict[str, Callable[[Groups, str], Spec | None]] = {
    "iso": _iso, "numeric": _numeric, "quarter": _quarter, "qcode": _qcode, "half": _half,
    "mdy": _month_day, "dmy": _month_day, "weekof": _week_of, "month_year": _month_year,
    "month_relyear": _month_relyear, "yearadj": _yearadj, "latest": _latest,
    "duration": _duration, "yearperiod": _yearperiod, "pod": _pod, "holiday": _holiday,
    "season": _season, "weekday": _weekday, "deictic": _deictic, "daybefore": _daybefore,
    "podrel": _podrel, "yearend": _yearend, "unit": _unit, "ago": _ago, "inunits": _inunits,
    "decade": _decade, "decade_short": _decade_short, "century": _century,
    "wordyear": _wordyear, "year": _year, "month": _month, "clock": _clock, "freq": _freq,
    "vague": _vague, "ref": _ref,
}

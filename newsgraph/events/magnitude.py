"""PLOVER's size fields: how many people a sentence says were killed, injured, arrested or
displaced, as ranges.

:func:`sentence_counts` finds every stated count of a sentence; :func:`magnitude_for` picks, per
kind, the count nearest to an event's trigger among those in its clause chain (:func:`linked`); :func:`with_magnitudes` sets ``CodedEvent.magnitude``
on the events of a sentence that carry sizes (ASSAULT: dead, injured, displaced; COERCE: all four;
PROTEST: dead, injured, arrested), when they happened (asserted or claimed). A count is ``(kind, min, max)``: kind is one of
``dead``, ``injured``, ``arrested``, ``displaced``; min and max are integers or None for an open
end. The words are in ``data/magnitude.tsv``. Conventions:

- a plain number is exact: "killed 12 people" -> (12, 12); approximate numbers ("about 50",
  "some 50") are kept as stated, (50, 50);
- "at least 12" -> (12, None); "more than 100" / "over 100" -> (101, None); "up to 40" /
  "nearly 40" -> (None, 40); "fewer than 10" -> (None, 9); "between 20 and 30" / "20 to 30" ->
  (20, 30);
- vague plurals are open ranges from the smallest number they can mean: "dozens" (24, None),
  "scores" (40, None), "hundreds" (200, None), "thousands" (2000, None), "tens of thousands"
  (20000, None), "hundreds of thousands" (200000, None), "millions" (2000000, None), "several"
  (3, None), "several hundred" (300, None);
- where the count is found: the object or passive subject of the verb ("killed 12 people",
  "12 people were killed", "wounding dozens"), the subject of an intransitive or participle
  ("40 civilians died", "three wounded"), the noun a participle modifies ("five people killed"),
  the object of the verb that forces the flight ("forced 150,000 to flee"), the number on the
  adjective or noun ("550 dead", "30 deaths") and the figure of a death toll ("rose to 35").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from collections.abc import Mapping

from spacy.tokens import Span, Token

from newsgraph.tables import read_rows

__all__ = ["KINDS", "SIZE_KINDS", "Count", "linked", "magnitude_for", "parse_count", "sentence_counts", "with_magnitudes"]

DATA = Path(__file__).with_name("data") / "magnitude.tsv"
KINDS = ("dead", "injured", "arrested", "displaced")
INTRANSITIVE = frozenset({"die", "flee", "perish"})
DIGITS = re.compile(r"^\d{1,3}(?:[,.]\d{3})+$|^\d+(?:\.\d+)?$")
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
TOLL_PREPS = frozenset({"to", "at", "of"})
TIME_ENTS = frozenset({"DATE", "TIME"})
PEOPLE = frozenset("people person civilian resident inhabitant villager soldier fighter child woman man".split())
# the kinds of count each event type carries (PLOVER gives ASSAULT dead and injured; arrests are
# COERCE; displacement follows violence or expulsion)
SIZE_KINDS = {
    "ASSAULT": frozenset({"dead", "injured", "displaced"}),
    "COERCE": frozenset({"dead", "injured", "arrested", "displaced"}),
    "PROTEST": frozenset({"dead", "injured", "arrested"}),
}
SIZED_MODALITIES = frozenset({"asserted", "claimed"})


@dataclass(frozen=True)
class Count:
    """One stated count: its kind, its range and the token index of the word that says it."""

    kind: str
    low: int | None
    high: int | None
    word: int


@dataclass(frozen=True)
class Words:
    kinds: Mapping[str, str]
    units: Mapping[str, float]
    vague: Mapping[str, int]
    above: Mapping[str, int]
    below: Mapping[str, int]


@functools.cache
def words() -> Words:
    tables: dict[str, dict[str, str]] = {}
    for kind, cell, value in read_rows(DATA, 3):
        for word in (w.strip().lower() for w in cell.split(";") if w.strip()):
            tables.setdefault(kind, {})[word] = value or kind
    kinds = {w: k for k in KINDS for w in tables.get(k, {})}
    return Words(
        MappingProxyType(kinds),
        MappingProxyType({w: float(v) for w, v in tables.get("unit", {}).items()}),
        MappingProxyType({w: int(v) for w, v in tables.get("vague", {}).items()}),
        MappingProxyType({w: int(v) for w, v in tables.get("above", {}).items()}),
        MappingProxyType({w: int(v) for w, v in tables.get("below", {}).items()}),
    )


# ---------------------------------------------------------------------------------- numbers


def _numeric(tok: Token) -> bool:
    low = tok.lower_
    if YEAR.match(low) and tok.ent_type_ == "DATE":
        return False
    return bool(DIGITS.match(low)) or low in words().units and low not in ("a", "an") or low in words().vague


def _number(tokens: list[Token]) -> float | None:
    """The value of a run of number tokens: '12,000', '4 926', 'seven million', 'two dozen'."""
    total, current, seen = 0.0, 0.0, False
    units = words().units
    for i, tok in enumerate(tokens):
        low = tok.lower_
        if DIGITS.match(low):
            value = float(low.replace(",", ""))
            grouped = seen and len(low) == 3 and low.isdigit() and tokens[i - 1].lower_.isdigit() and current < 1000
            current = current * 1000 + value if grouped else current + value  # "4 926"
        elif low in units and (units[low] >= 100 or low == "dozen"):
            current = max(current, 1.0) * units[low]
            if units[low] >= 1000:
                total, current = total + current, 0.0
        elif low in units:
            current += units[low]
        else:
            continue
        seen = True
    return total + current if seen else None


def _qualified(value: int, prefix: str) -> tuple[int | None, int | None]:
    for table, lower in ((words().above, True), (words().below, False)):
        for phrase in sorted(table, key=len, reverse=True):
            if prefix.endswith(phrase) or prefix.startswith(phrase):
                shifted = value + table[phrase]
                return (shifted, None) if lower else (None, shifted)
    return value, value


def parse_count(tokens: list[Token]) -> tuple[int | None, int | None] | None:
    """The range a number phrase states ('more than 600' -> (601, None)), or None."""
    vague = [t for t in tokens if t.lower_ in words().vague]
    if vague:
        inner = [t for t in tokens if t.i > vague[0].i and (t.lower_ in words().vague or t.lower_ in words().units)]
        scale = _number([inner[0]]) if inner and inner[0].lower_ in words().units else None
        if inner and scale is None:
            scale = words().units.get(inner[0].lower_.rstrip("s"), 1.0)  # "hundreds of THOUSANDS"
        return int(words().vague[vague[0].lower_] * (scale or 1)), None
    numbers = [t for t in tokens if DIGITS.match(t.lower_) or t.lower_ in words().units]
    split = next((i for i, t in enumerate(tokens) if t.lower_ in ("and", "to", "-", "–") and 0 < i < len(tokens) - 1), None)
    between = split is not None and any(t.lower_ in ("between", "from") for t in tokens[:split]) or split is not None and tokens[split].lower_ != "and"
    if between and numbers:
        a, b = _number(tokens[:split]), _number(tokens[split + 1 :])
        if a is not None and b is not None and a < b:
            return int(a), int(b)
    value = _number(tokens)
    if value is None:
        return None
    prefix = " ".join(t.lower_ for t in tokens if not _numeric(t) and t.lower_ not in ("a", "an"))
    return _qualified(int(value), prefix)


# ---------------------------------------------------------------------------------- where counts are


def _kind(tok: Token) -> str | None:
    if tok.pos_ not in ("VERB", "NOUN", "ADJ"):
        return None
    kind = words().kinds.get(tok.lemma_.lower()) or words().kinds.get(tok.lower_)
    if kind == "dead" and tok.lemma_.lower() == "toll":
        return kind if any(c.lemma_.lower() == "death" for c in tok.children) else None
    return kind


def _patients(tok: Token) -> list[Token]:
    """The tokens that may carry the count of the word ``tok``."""
    out = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    verbal = tok.pos_ == "VERB"
    if not verbal or tok.lemma_.lower() in INTRANSITIVE or tok.tag_ == "VBN":
        out += [c for c in tok.children if c.dep_ == "nsubj"]  # "40 civilians DIED", "three WOUNDED"
    if not verbal:
        out.insert(0, tok)  # "550 DEAD", "30 DEATHS"
        if tok.dep_ in ("oprd", "acomp", "xcomp"):
            out += [c for c in tok.head.children if c.dep_ == "dobj"]  # "left 10,000 HOMELESS"
    out += [c for c in tok.children if c.dep_ == "npadvmod" and c.ent_type_ not in TIME_ENTS
            and (_numeric(c) or c.lemma_.lower() in PEOPLE)]  # misparsed "DISPLACED 700,000 people"
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        out.append(tok.head)  # "five people KILLED in"
    if tok.dep_ == "xcomp" and not any(c.dep_.startswith("nsubj") for c in tok.children):
        out += [c for c in tok.head.children if c.dep_ == "dobj"]  # "forced 150,000 to FLEE"
    if tok.dep_ == "conj" and tok.tag_ == "VBN":
        out += [c for c in tok.head.children if c.dep_ == "nsubjpass"]  # "several people were killed and INJURED"
    if tok.lemma_.lower() == "toll":
        out += [o for p in [*tok.children, *tok.head.children] if p.dep_ == "prep" and p.lower_ in TOLL_PREPS
                for o in p.children if o.dep_ == "pobj"]  # fmt: skip
        out += [c for c in tok.head.children if c.dep_ in ("attr", "dobj")]
    return out


def _quantity(tok: Token) -> Token | None:
    if _numeric(tok):
        return tok
    return next((c for c in tok.children if c.dep_ in ("nummod", "amod") and _numeric(c)), None)


def _phrase(q: Token) -> list[Token]:
    """The number phrase of a quantity token: its modifiers and coordinated numbers, not the
    counted noun's other words ('hundreds OF thousands' is kept)."""
    keep = [t for t in q.subtree if t.i <= q.i or t.dep_ in ("conj", "cc", "prep", "pobj", "quantmod", "nummod", "compound")]
    cut = [t for t in keep if t.i > q.i and t.pos_ not in ("NUM", "CCONJ", "ADP") and t.lower_ not in words().vague]
    return [t for t in keep if not cut or t.i < cut[0].i]


def _preceding(tok: Token) -> list[Token]:
    """The number right before a participle or adjective the parse left bare ('4 926 WOUNDED')."""
    run: list[Token] = []
    for i in range(tok.i - 1, max(tok.sent.start, tok.i - 6) - 1, -1):
        t = tok.doc[i]
        if not (_numeric(t) or t.lower_ in ("than", "more", "least", "at", "over", "up", "to", "some", "about")):
            break
        run.insert(0, t)
    return run if any(_numeric(t) for t in run) else []


def sentence_counts(sent: Span) -> list[Count]:
    """Every count of dead, injured, arrested and displaced people the sentence states."""
    out: list[Count] = []
    for tok in sent:
        kind = _kind(tok)
        if kind is None:
            continue
        phrases = [_phrase(q) for q in (_quantity(p) for p in _patients(tok)) if q is not None]
        if not phrases and (tok.tag_ == "VBN" or tok.pos_ == "ADJ"):
            phrases = [_preceding(tok)]
        found = next((r for r in (parse_count(p) for p in phrases if p) if r is not None), None)
        if found is not None:
            out.append(Count(kind, found[0], found[1], tok.i))
    return out


def linked(a: Token, b: Token, limit: int = 7) -> bool:
    """Are two tokens parts of one clause chain: on the path between them only verbs,
    prepositions and count words ('clashes have LEFT 550 dead', 'killed IN the clashes'), never a
    noun they only describe ('a hub for people DISPLACED by the war')?"""
    up_a, up_b = [a, *a.ancestors][:limit], [b, *b.ancestors][:limit]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return False
    path = up_a[1 : up_a.index(common)] + up_b[1 : up_b.index(common)]
    return all(t.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "PART") or _kind(t) is not None for t in path)


def magnitude_for(counts: list[Count], anchor: Token, kinds: frozenset[str]) -> tuple[tuple[str, int | None, int | None], ...]:
    """Per kind among ``kinds``, the count linked to the trigger ``anchor`` whose word is nearest."""
    out = []
    for kind in KINDS:
        found = [c for c in counts if c.kind == kind and kind in kinds and linked(anchor, anchor.doc[c.word])]
        if found:
            best = min(found, key=lambda c: abs(c.word - anchor.i))
            out.append((kind, best.low, best.high))
    return tuple(out)


def with_magnitudes(events: list, sent: Span) -> list:
    """The events with the counts their sentence states, for the types that carry sizes and
    events that happened (asserted or claimed)."""
    sized = [e for e in events if e.type in SIZE_KINDS and e.modality in SIZED_MODALITIES]
    counts = sentence_counts(sent) if sized else []
    if not counts:
        return events
    out = []
    for e in events:
        span = sent.doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
        if e in sized and span is not None and len(span):
            e = replace(e, magnitude=magnitude_for(counts, span.root, SIZE_KINDS[e.type]))
        out.append(e)
    return out

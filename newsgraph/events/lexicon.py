"""The event coder's knowledge, read from the data files in ``newsgraph/events/data``, and how
it reads a parse: trigger patterns (:func:`find_matches`), governing words (:func:`control_word`),
modality cues (:func:`own_modality`, :func:`hedged`), weapon and topic words.

Each file starts with a comment that explains its columns: ``triggers.tsv`` (verbs, event nouns and
multi-word patterns -> PLOVER type, mode, context), ``control.tsv`` (words that govern another event:
"offered to", "refused to", "ready to"), ``modality.tsv`` (auxiliaries, negation, hedges, verbs of
saying), ``types.tsv`` (PLOVER boundary rules by modality), ``cameo_plover.tsv`` (CAMEO <-> PLOVER)
and ``cues.tsv`` (weapon and topic words). :func:`default_lexicon` reads them once per process.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from collections.abc import Mapping, Sequence

from spacy.tokens import Span, Token

from newsgraph.events import syntax
from newsgraph.tables import read_rows

__all__ = [
    "PLOVER_TYPES",
    "ControlWord",
    "Lexicon",
    "Match",
    "TriggerPattern",
    "TypeRule",
    "control_word",
    "default_lexicon",
    "find_matches",
    "hedged",
    "instrument_mode",
    "load_lexicon",
    "own_modality",
    "sentence_contexts",
]

DATA_DIR = Path(__file__).with_name("data")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
NO_EVENT = "NONE"
SKIP_ENTS = syntax.ACTOR_ENTS | syntax.PLACE_ENTS | {"WORK_OF_ART", "LAW", "EVENT"}
SLOTLESS_OBJECT_DEPS = frozenset({"dobj", "dative", "xcomp", "ccomp"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


@dataclass(frozen=True)
class TriggerPattern:
    """One line of triggers.tsv: an anchor lemma, the dependents it needs, and what it codes."""

    anchor: frozenset[str]
    slots: tuple[frozenset[str], ...]
    pos: str  # V, N or *
    type: str  # a PLOVER type or NONE
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    flags: frozenset[str]

    def flag_value(self, name: str) -> str | None:
        """The value of a ``name=VALUE`` flag, or None."""
        prefix = name + "="
        return next((f[len(prefix) :] for f in self.flags if f.startswith(prefix)), None)


@dataclass(frozen=True)
class ControlWord:
    """One line of control.tsv."""

    lemma: str
    pos: str  # V verb, N noun, A adjective
    modality: str
    coop: str | None
    conflict: str | None
    emit: bool


@dataclass(frozen=True)
class TypeRule:
    """One line of types.tsv."""

    type: str
    quad: str
    future: str | None
    negated: str | None
    threat: str | None

    @property
    def cooperative(self) -> bool:
        return self.quad.endswith("coop")


@dataclass(frozen=True)
class Lexicon:
    """Everything the coder knows about words; built by :func:`load_lexicon`."""

    triggers: Mapping[str, tuple[TriggerPattern, ...]]  # anchor lemma -> patterns, most slots first
    control: Mapping[tuple[str, str], ControlWord]  # (V|N|A, lemma) -> word
    cues: Mapping[str, Mapping[str, str]]  # modality.tsv kind -> cue -> value
    types: Mapping[str, TypeRule]
    cameo_rows: tuple[tuple[str, str, str], ...]  # (cameo, type, mode)
    instruments: Mapping[tuple[str, ...], str]
    contexts: Mapping[tuple[str, ...], str]

    def cue(self, kind: str, word: str) -> str | None:
        return self.cues.get(kind, {}).get(word)

    def cameo_of(self, event_type: str, mode: str | None) -> str | None:
        """The CAMEO root of a PLOVER type and mode ('ASSAULT', 'firearms' -> '19')."""
        for want in (mode or "*", "*"):
            for cameo, typ, row_mode in self.cameo_rows:
                if typ == event_type and row_mode == want:
                    return cameo
        return None

    def plover_of(self, cameo: str) -> str | None:
        """The PLOVER type of a CAMEO code (its first two digits), or None for 01."""
        return next((typ for root, typ, _ in self.cameo_rows if root == cameo[:2]), None)


def _split(cell: str, sep: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split(sep) if p.strip())


def parse_pattern(text: str) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """'*lift curfew|ban' -> ({'lift'}, ({'curfew', 'ban'},)); the starred slot is the anchor."""
    anchor: frozenset[str] | None = None
    slots: list[frozenset[str]] = []
    for slot in text.split():
        words = frozenset(w.lower() for w in slot.lstrip("*").split("|") if w)
        if slot.startswith("*"):
            anchor = words
        else:
            slots.append(words)
    if anchor is None:
        raise ValueError(f"trigger pattern without an anchor (*): {text!r}")
    return anchor, tuple(slots)


def _triggers(directory: Path) -> dict[str, tuple[TriggerPattern, ...]]:
    table: dict[str, list[TriggerPattern]] = {}
    for pattern, pos, typ, mode, context, cameo, flags in read_rows(directory / "triggers.tsv", 7):
        anchor, slots = parse_pattern(pattern)
        if typ not in PLOVER_TYPES and typ != NO_EVENT:
            raise ValueError(f"triggers.tsv: unknown type {typ!r} in {pattern!r}")
        entry = TriggerPattern(
            anchor, slots, pos or "*", typ, mode or None, _split(context, ","), cameo or None,
            frozenset(_split(flags, ",")),
        )  # fmt: skip
        for lemma in anchor:
            table.setdefault(lemma, []).append(entry)
    return {k: tuple(sorted(v, key=lambda p: -len(p.slots))) for k, v in table.items()}


def _control(directory: Path) -> dict[tuple[str, str], ControlWord]:
    return {
        (pos, lemma): ControlWord(lemma, pos, modality, coop or None, conflict or None, emit == "yes")
        for lemma, pos, modality, coop, conflict, emit in read_rows(directory / "control.tsv", 6)
    }


def _cues(directory: Path) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for kind, cue, value in read_rows(directory / "modality.tsv", 3):
        table.setdefault(kind, {})[cue.lower()] = value
    return table


def _types(directory: Path) -> dict[str, TypeRule]:
    return {
        typ: TypeRule(typ, quad, future or None, negated or None, threat or None)
        for typ, quad, future, negated, threat in read_rows(directory / "types.tsv", 5)
    }


def _word_cues(directory: Path, kind: str) -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {}
    for row_kind, words, value in read_rows(directory / "cues.tsv", 3):
        if row_kind == kind:
            for phrase in _split(words, ";"):
                out[tuple(phrase.lower().split())] = value
    return out


def load_lexicon(directory: Path = DATA_DIR) -> Lexicon:
    """Read the data files of ``directory`` (the package's data folder by default)."""
    types = _types(directory)
    if set(types) != set(PLOVER_TYPES):
        raise ValueError("types.tsv must list the 16 PLOVER types")
    rows = tuple((c, t, m) for c, t, m in read_rows(directory / "cameo_plover.tsv", 3))
    return Lexicon(
        triggers=MappingProxyType(_triggers(directory)),
        control=MappingProxyType(_control(directory)),
        cues=MappingProxyType({k: MappingProxyType(v) for k, v in _cues(directory).items()}),
        types=MappingProxyType(types),
        cameo_rows=rows,
        instruments=MappingProxyType(_word_cues(directory, "instrument")),
        contexts=MappingProxyType(_word_cues(directory, "context")),
    )


@functools.cache
def default_lexicon() -> Lexicon:
    """The package's lexicon, read on first use and shared by the process."""
    return load_lexicon(DATA_DIR)


@dataclass(frozen=True)
class Match:
    """A trigger pattern found at an anchor token; ``path`` holds the tokens of its other words."""

    anchor: Token
    pattern: TriggerPattern
    path: frozenset[int]


# ---------------------------------------------------------------------------------- matching a parse


def token_forms(tok: Token) -> frozenset[str]:
    low = tok.lower_
    return frozenset({tok.lemma_.lower(), low, low[:-1] if low.endswith("s") else low})


def _pos_ok(tok: Token, pos: str) -> bool:
    if tok.pos_ != "NOUN" and any(c.dep_ == "det" for c in tok.children):
        return False  # a participle used as a noun: "evacuated THE WOUNDED"
    if pos == "V":
        return tok.pos_ == "VERB" or tok.tag_.startswith("VB") and tok.pos_ != "AUX"
    if pos == "N":
        return tok.pos_ == "NOUN"
    return tok.pos_ in ("VERB", "NOUN")


def _fill_slots(anchor: Token, pattern: TriggerPattern, lex: Lexicon | None = None) -> frozenset[int] | None:
    """The tokens of the pattern's words among the anchor's dependents, or None; a word is not
    looked for beyond another event noun ("sent a REQUEST for aid" is no sending of aid)."""
    used: set[int] = set()
    path: set[int] = set()
    candidates = syntax.slot_candidates(anchor)
    if lex is not None:
        doc = anchor.doc
        candidates = [c for c in candidates if not any(_event_noun(doc[i], lex) for i in c[1][:-1])]
    for slot in pattern.slots:
        hit = next((c for c in candidates if c[0].i not in used and token_forms(c[0]) & slot), None)
        if hit is None:
            return None
        used.add(hit[0].i)
        path.update(hit[1])
    return frozenset(path)


def _flags_ok(anchor: Token, pattern: TriggerPattern, lex: Lexicon) -> bool:
    deps = {c.dep_ for c in anchor.children}
    if "obj" in pattern.flags and not pattern.slots and not deps & SLOTLESS_OBJECT_DEPS:
        return False
    if "dobj" in pattern.flags and not deps & {"dobj", "dative"}:
        return False
    if "act" in pattern.flags and any(c.dep_ == "dobj" and (_event_noun(c, lex) or _named_act(c, lex))
                                      for c in anchor.children):
        return False  # "ORDERED the airstrikes", "ordered a military RESPONSE": the act, not a request
    return not ("intrans" in pattern.flags and "dobj" in deps)


def _event_noun(tok: Token, lex: Lexicon) -> bool:
    """A noun that is an event by itself ('request', 'attack'; not 'state' of 'state of emergency')."""
    patterns = lex.triggers.get(tok.lemma_.lower(), ())
    return tok.pos_ == "NOUN" and any(p.pos != "V" and p.type != NO_EVENT and not p.slots for p in patterns)


def _named_act(tok: Token, lex: Lexicon) -> bool:
    """A noun that its own words make an event ("a military response", "offensive action")."""
    if tok.pos_ != "NOUN":
        return False
    found = match_at(tok, lex)
    return found is not None and found.pattern.pos != "V"


def match_at(anchor: Token, lex: Lexicon) -> Match | None:
    """The most specific trigger pattern at ``anchor``, or None (also for a NONE reading)."""
    patterns = lex.triggers.get(anchor.lemma_.lower()) or lex.triggers.get(anchor.lower_, ())
    best: tuple[int, int, TriggerPattern, frozenset[int]] | None = None
    for pattern in patterns:  # most slots first; among equals the one whose words are nearest
        if best is not None and len(pattern.slots) < best[0] or not _pos_ok(anchor, pattern.pos) or not _flags_ok(anchor, pattern, lex):
            continue
        path = _fill_slots(anchor, pattern, lex)
        if path is not None and "named" in pattern.flags and not any(
                anchor.doc[i].pos_ == "PROPN" and anchor.doc[i].is_title for i in path):
            continue  # "launched Operation Iron Gate", a named operation; not "launched a rescue operation"
        reach = max((abs(i - anchor.i) for i in path), default=0) if path is not None else 0
        if path is not None and (best is None or reach < best[1]):
            best = (len(pattern.slots), reach, pattern, path)
    if best is None or best[2].type == NO_EVENT:
        return None
    return Match(anchor, best[2], best[3])


def find_matches(sent: Span, lex: Lexicon, tokens: Sequence[Token] | None = None) -> list[Match]:
    """Verb triggers first (their pattern words are taken), then event nouns (``tokens``: the sentence's,
    when the caller has them)."""
    found: list[Match] = []
    taken: set[int] = set()
    triggers = lex.triggers
    words = [t for t in (tokens if tokens is not None else sent)
             if t.lemma_.lower() in triggers or t.lower_ in triggers]  # one pass over the sentence
    for nominal in (False, True):
        for tok in words:
            if tok.i in taken or (tok.pos_ == "NOUN") != nominal or tok.ent_type_ in SKIP_ENTS:
                continue
            if tok.dep_ in MODIFIER_DEPS:
                continue  # "hunger STRIKE" is anchored on strike; "the OCCUPIED West Bank" is no event
            match = match_at(tok, lex)
            if match is not None:
                found.append(match)
                taken.update(match.path | {tok.i})
    return sorted(found, key=lambda m: m.anchor.i)


# ---------------------------------------------------------------------------------- cues in a parse


# verbs whose passive subject is what is planned ("talks are scheduled for Monday", "a visit is expected")
PLANNED_PASSIVE = frozenset({"plan", "schedule", "expect", "intend"})


def control_word(tok: Token, lex: Lexicon, via: str | None = None) -> ControlWord | None:
    """The control word ``tok`` is, reached from a governed word by the arc ``via``: never
    through a subject, and 'be' and 'go' only through an open complement ('is TO visit',
    'is going TO attack', not 'this summit sends ... wisdom IS able')."""
    if via == "nsubjpass" and tok.pos_ in syntax.VERBAL and tok.lemma_.lower() in PLANNED_PASSIVE:
        return lex.control.get(("V", tok.lemma_.lower()))  # "new talks ARE PLANNED for January": a plan
    if via in ("nsubj", "nsubjpass") or via == "dobj" and lex.cue("command", tok.lemma_.lower()) is not None:
        return None  # "King X ORDERED the airstrikes": his airstrikes, no request
    adjectival = tok.pos_ == "ADJ" or tok.dep_ == "acomp"
    pos = "A" if adjectival else "N" if tok.pos_ == "NOUN" else "V" if tok.pos_ in syntax.VERBAL else ""
    word = lex.control.get((pos, tok.lower_ if adjectival else tok.lemma_.lower()))
    if word is not None and via is not None and word.lemma in ("be", "go") and via != "xcomp":
        return None
    if word is not None and adjectival and via not in (None, "xcomp", "ccomp", "prep"):
        return None  # "DUE to visit", not "fires DUE to the bombing"
    return word if word is not None and pos else None


def own_modality(tok: Token, lex: Lexicon) -> str | None:
    """Modality marked on the token itself: negation, auxiliary, adverb, conditional clause."""
    kids = list(tok.children)
    if any(c.dep_ == "neg" or c.dep_ in ("advmod", "det", "preconj") and lex.cue("negation", c.lower_) for c in kids):
        return "negated"
    for c in kids:
        value = lex.cue("aux", c.lower_) if c.dep_ in ("aux", "auxpass") else None
        value = value or (lex.cue("adverb", c.lower_) if c.dep_ == "advmod" else None)
        if value:
            return value
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and lex.cue("condition", c.lower_) for c in kids):
        return "hypothetical"
    if tok.dep_ in ("pcomp", "pobj") and lex.cue("negation", tok.head.lower_) == "negated":
        return "negated"  # "left the talks WITHOUT signing"
    return None


def hedged(tok: Token, lex: Lexicon) -> str | None:
    """Claimed (or negated) by a governing hedge verb: 'reports SUGGESTED that ...', 'DENIED that
    ...'; hypothetical as the aim of an event noun: 'talks TO REACH a ceasefire' (a purpose clause
    of a verb is not: 'intervened TO SUPPLY militias' tells that they supplied them)."""
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
        return "hypothetical"
    node = tok
    for anc in tok.ancestors:  # a verb conjoined with a hedge is not under it: "DENIED the charges and REJECTED"
        coordinate, node = node.dep_ == "conj", anc
        value = lex.cue("hedge", anc.lemma_.lower()) if anc.pos_ in syntax.VERBAL and not coordinate else None
        if value:
            return value
    return None


def instrument_mode(sent: Span, anchor: Token, lex: Lexicon) -> str | None:
    """The ASSAULT mode of the weapon word nearest to the trigger ('attacked with machetes')."""
    found: list[tuple[int, str]] = []
    lemmas = [t.lemma_.lower() for t in sent]
    i = 0
    while i < len(lemmas):
        n = next((n for n in (3, 2, 1) if tuple(lemmas[i : i + n]) in lex.instruments), 0)
        if n and not sent[i].i <= anchor.i < sent[i].i + n:  # the trigger itself is no weapon word
            found.append((abs(sent[i].i - anchor.i), lex.instruments[tuple(lemmas[i : i + n])]))
        i += max(n, 1)
    return min(found)[1] if found else None


def sentence_contexts(sent: Span, lex: Lexicon, tokens: Sequence[Token] | None = None) -> tuple[str, ...]:
    lemmas = [t.lemma_.lower() for t in (tokens if tokens is not None else sent)]
    out: list[str] = []
    for i in range(len(lemmas)):
        for n in (2, 1):
            ctx = lex.contexts.get(tuple(lemmas[i : i + n]))
            if ctx and ctx not in out:
                out.append(ctx)
    return tuple(out)

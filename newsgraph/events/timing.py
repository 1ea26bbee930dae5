"""When an event happened, by the parse: the time expression that hangs from its trigger's own clause.

Public entry point: :func:`attach` (the coded events of one parsed sentence -> for each, the character
span of its time expression, an empty span when the sentence has time expressions but none is the
event's, or None when the sentence has none). The expressions are the sentence's DATE and TIME entities;
their values are found separately by :mod:`newsgraph.time` and matched to the span at assembly
(:class:`newsgraph.events.assemble.DocumentTimes`).

An expression is the event's when, walking up the parse from the expression to the trigger's head, no
step enters:

- a clause of another verb (a relative, adverbial, complement or participle clause, a coordinated verb):
  "The fighting, which broke out on 15 April, has killed 550 people, according to figures released
  on 18 April" gives "killed" neither date;
- another event's trigger, or an event noun that is an argument of the trigger ("condemned Saturday's
  attack": Saturday is the attack's).

Where the trigger has none of its own:

- an event noun takes those of the verb whose argument it is ("launched an offensive on Wednesday"),
  unless that verb is another event's trigger ("condemned the attack on Monday"); an event noun
  that a relative clause says happened takes the clause's ("the fighting, which broke out on 15 April");
- a verb that shares its time with the verb it depends on takes that verb's: an asserted open
  complement ("began to withdraw on Monday"), a participle adjunct without a subject ("attacked the
  town on Monday, killing five"), a coordinated verb without a subject of its own ("met X on Monday
  and signed a deal").

Of several expressions of its own, the event takes the one the fewest arcs away from its head, then the
nearest to the trigger.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsgraph.events.lexicon import Lexicon, default_lexicon
from newsgraph.events.syntax import NOMINAL, RELATIVE_TAGS, TIME_ENTS, VERBAL

__all__ = ["attach"]

CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "csubjpass", "parataxis", "xcomp"})
VERB_ONLY_DEPS = frozenset({"conj", "pcomp"})  # a clause boundary when the dependent is a verb
NOUN_CLIMB = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "prep", "attr", "oprd", "dative", "agent",
                        "appos", "conj", "compound", "poss", "npadvmod"})
SEQUENCE_PREPS = frozenset({"after", "before", "since", "following", "until", "till", "prior", "ahead", "preceding", "pending"})
DURING_PREPS = frozenset({"during", "in", "at", "amid", "amidst", "throughout"})
MAX_CLIMB = 6



@dataclass(frozen=True)
class _Words:
    """What the lexicon says of a lemma: an event noun ('attack'), a verb of saying ('report')."""

    lexicon: Lexicon

    def event_noun(self, tok: Token) -> bool:
        return tok.pos_ == "NOUN" and any(p.pos != "V" for p in self.lexicon.triggers.get(tok.lemma_.lower(), ()))

    def saying(self, tok: Token) -> bool:
        return tok.pos_ in VERBAL and self.lexicon.cue("report", tok.lemma_.lower()) is not None


def attach(sent: Span, triggers: Sequence[tuple[int, int]], lexicon: Lexicon | None = None) -> list[tuple[int, int] | None]:
    """For each event of the sentence, given by its trigger's characters, the characters of its time expression (see the module docstring):
    (start, end), or (trigger start, trigger start) when the sentence's expressions all belong to other
    clauses, or None when the sentence has no DATE or TIME entity."""
    times = [e for e in sent.ents if e.label_ in TIME_ENTS]
    if not times:
        return [None] * len(triggers)
    words = _Words(lexicon or default_lexicon())
    heads = [_head(sent, start, end) for start, end in triggers]
    out: list[tuple[int, int] | None] = []
    for (start, end), head in zip(triggers, heads):
        if head is None:
            out.append(None)
            continue
        own = {t.i for t in sent if t.idx < end and start < t.idx + len(t.text)}
        others = {h.i for h in heads if h is not None and h.i not in own}
        found = _of_event(head, own, others, times, words)
        out.append((found.start_char, found.end_char) if found is not None else (start, start))
    return out


def _head(sent: Span, start: int, end: int) -> Token | None:
    """The trigger's token nearest the root."""
    tokens = [t for t in sent if t.idx < end and start < t.idx + len(t.text)]
    return min(tokens, key=lambda t: (sum(1 for _ in t.ancestors), t.i)) if tokens else None


def _of_event(head: Token, own: set[int], others: set[int], times: list[Span],
              words: _Words) -> Span | None:
    found = _attached(head, own, others, times, words)
    if found is not None or head.pos_ in VERBAL:
        return found or _shared(head, own, others, times, words)
    found = _told_by_relative(head, others, times, words)
    if found is not None:
        return found
    verb = _clause_verb(head, others)
    if verb is None:
        return None
    return _attached(verb, own | {verb.i}, others - {verb.i}, times, words) or \
        _shared(verb, own, others, times, words)


def _attached(head: Token, own: set[int], others: set[int], times: list[Span],
              words: _Words) -> Span | None:
    """The expression hanging from ``head`` without entering another clause or event, fewest arcs first."""
    best: tuple[int, int, Span] | None = None
    for span in times:
        arcs = _arcs(span.root, head, own, others, words)
        if arcs is None:
            continue
        rank = (arcs, abs(span.root.i - head.i))
        if best is None or rank < best[:2]:
            best = (*rank, span)
    return best[2] if best else None


def _arcs(tok: Token, head: Token, own: set[int], others: set[int], words: _Words) -> int | None:
    """Arcs from ``tok`` up to ``head``, or None when ``head`` is not above it or the way enters another
    clause or event."""
    if tok.i in own:
        return 0
    arcs = 0
    while tok.i != head.i:
        if tok.i in others or tok.dep_ in CLAUSE_DEPS or tok.dep_ in VERB_ONLY_DEPS and tok.pos_ in VERBAL:
            return None
        if arcs and tok.i not in own and words.event_noun(tok):
            return None  # "condemned Saturday's ATTACK"
        if tok.head.i == tok.i:
            return None
        tok, arcs = tok.head, arcs + 1
    return arcs


def _shared(verb: Token, own: set[int], others: set[int], times: list[Span],
            words: _Words) -> Span | None:
    """The expression of a clause this verb's clause shares its time with (module docstring): a later
    coordinated verb's, else the governing clause's, climbing while the clause shares its time."""
    for later in verb.children:
        if later.dep_ == "conj" and later.pos_ in VERBAL and not _subject(later):
            found = _attached(later, {later.i}, others, times, words)
            if found is not None:
                return found  # "transferred his powers ... and relieved X of his duties ON THURSDAY"
    for report in verb.children:
        if report.dep_ in ("ccomp", "parataxis") and report.i > verb.i and words.saying(report) and _subject(report):
            found = _attached(report, {report.i}, others, times, words)
            if found is not None:
                return found  # "Qatar welcomed the declaration, the agency REPORTED ON WEDNESDAY" (parsed upside down)
    for _ in range(MAX_CLIMB):
        dep, up = verb.dep_, verb.head
        if up.i == verb.i:
            return None
        if up.pos_ in VERBAL and (dep in ("xcomp", "ccomp", "parataxis") or dep == "conj" and not _subject(verb)
                                  or dep == "advcl" and _adjunct(verb)):
            found = _attached(up, {up.i}, others - {up.i}, times, words)
        elif up.pos_ in NOMINAL and dep in ("acl", "relcl") and _content_clause(verb):
            return _attached(up, {up.i}, others - {up.i}, times, words)  # "a decision ON SUNDAY that troops would ..."
        else:
            return None
        if found is not None:
            return found
        verb = up
    return None


def _subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)


def _adjunct(verb: Token) -> bool:
    """', KILLING five', 'visited Mosul TO CONGRATULATE the troops': a participle or infinitive adjunct
    without a subject or a conjunction of its own."""
    if _subject(verb) or any(c.dep_ == "mark" for c in verb.children):
        return False
    return verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _content_clause(verb: Token) -> bool:
    """A clause that says what a noun is ('a decision THAT troops would step aside', 'a plan TO withdraw'),
    not a relative clause ('the houses WHICH were destroyed')."""
    if any(c.tag_ in RELATIVE_TAGS for c in verb.children):
        return False
    return any(c.dep_ == "mark" or c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _told_by_relative(noun: Token, others: set[int], times: list[Span], words: _Words) -> Span | None:
    """'the fighting, WHICH broke out on 15 April': the time of a relative clause whose subject is the noun."""
    for clause in noun.children:
        if clause.dep_ != "relcl" or clause.i in others:
            continue
        if any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in clause.children):
            found = _attached(clause, {clause.i}, others, times, words)
            if found is not None:
                return found
    return None


def _clause_verb(noun: Token, others: set[int]) -> Token | None:
    """The verb whose clause an event noun is in and whose time it shares: 'LAUNCHED an offensive', 'the
    strikes BEGAN'. Not across a preposition of sequence ('retaliated AFTER the attack'), and of another
    event only as its subject ('the attack KILLED five') or its time ('signed DURING the talks'), not as
    what it is about ('CONDEMNED the attack')."""
    tok = noun
    for _ in range(MAX_CLIMB):
        if tok.dep_ not in NOUN_CLIMB or tok.head.i == tok.i:
            return None
        if tok.dep_ == "prep" and tok.lower_ in SEQUENCE_PREPS:
            return None
        below, tok = tok, tok.head
        if tok.pos_ in VERBAL:
            if tok.i not in others or below.dep_ == "nsubj" or below.dep_ == "prep" and below.lower_ in DURING_PREPS:
                return tok
            return None
    return None

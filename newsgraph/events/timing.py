"""When an event happened, by the parse: the time expression that hangs from its trigger's own clause.

Public entry points: :func:`attach` (the coded events of one parsed sentence -> for each, the characters
of its time expression; an empty span when the sentence has expressions but none is the event's; None
when the sentence has none), :func:`time_spans` and :func:`time_at` (at assembly: the stored expression
of that span). The expressions are the sentence's DATE and TIME
entities and what the time grammar (:mod:`newsgraph.time.grammar`) reads outside them; their values are
found separately by :mod:`newsgraph.time`, stored, and matched to the span at assembly
(:class:`newsgraph.events.assemble.DocumentTimes`).

An expression is the event's own when the way up the parse from it to the trigger's head enters none of:

- a clause of another verb (relative, adverbial, complement, participle or coordinated): "The fighting,
  which broke out on 15 April, has killed 550 people, according to figures released on 18 April" gives
  "killed" neither date; "Farouk, who met Lindqvist on Wednesday, arrived on Sunday" keeps Wednesday
  to "met";
- another event's trigger or an event noun ("condemned Saturday's attack": Saturday is the attack's),
  unless the noun is the occasion of the event ("captured him during a raid in October");
- a description of another noun (an adjective or an apposition: "met the chairman of the now defunct
  council");
- a preposition or conjunction of sequence ("withdrew after 15 April" gives a bound, not the day; "three
  days after Trump agreed" says how long before the main clause); "since" gives the start of what goes
  on ("clashes have raged since 15 April") and is kept.

An expression that measures an event noun ("a sixth night of air strikes") is not its time. Of several
expressions of its own, the event takes a point in time before a stretch ("in three years", "weekly", by
the time grammar), then the one the fewest arcs away, then the nearest. With no point in time of its own,
it shares one, in this order:

- a verb whose subject is an event noun takes the noun's ("the 15 April attack killed five"); an event
  noun takes the relative clause that says it happened ("the fighting, which broke out on 15 April"),
  else the verb whose argument it is ("launched an offensive on Wednesday"; of another event's verb only
  as its subject or its occasion, never as what it is about: "condemned the attack");
- a later coordinated verb with the same subject ("transferred his powers and relieved X on Thursday");
- a verb of saying that follows it ("Osteria welcomed the declaration, the agency reported on Wednesday");
- the clause it depends on, climbing while the clause shares that clause's time: an open complement
  ("began to withdraw on Monday"), a reported clause ("X has signed, the minister said on Thursday"), a
  participle or infinitive adjunct ("attacked on Monday, killing five"; "visited on July 9 to
  congratulate"), a when- or while-clause, a coordinated verb without a subject of its own or with a
  pronoun for one ("on April 7 X announced a council and then he handed over his powers"); a clause
  saying what a noun is takes the noun's time or its verb's ("announced on Sunday a decision that troops
  would withdraw"); a relative or when-clause of a time expression takes it ("in March 2018, when officers
  agreed");
- a refusal takes the time of the negated event it governs ("refused to attend the October 24 meeting").

An AGREE or THREATEN that PLOVER's rules code from a future or offered event ("will host talks next
month") is the statement, not the event: it takes only a time it shares, never the event's own.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsgraph.events.coder import CodedEvent
from newsgraph.events.lexicon import Lexicon, default_lexicon
from newsgraph.events.syntax import NOMINAL, RELATIVE_TAGS, TIME_ENTS, VERBAL
from newsgraph.records import Time, TimeMention
from newsgraph.time.document import DATED_TYPES
from newsgraph.time.grammar import scan

__all__ = ["attach", "time_at", "time_spans"]

CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "csubjpass", "parataxis", "xcomp"})
VERB_ONLY_DEPS = frozenset({"conj", "pcomp"})  # a clause boundary when the dependent is a verb
NOUN_CLIMB = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "prep", "attr", "oprd", "dative", "agent",
                        "appos", "conj", "compound", "poss", "npadvmod"})
SEQUENCE_PREPS = frozenset({"after", "before", "since", "following", "until", "till", "prior", "ahead",
                            "preceding", "pending"})
DURING_PREPS = frozenset({"during", "in", "at", "amid", "amidst", "throughout"})
DESCRIBING_DEPS = frozenset({"amod", "appos", "acomp"})  # what a phrase inside the clause says of its noun
MAX_CLIMB = 6
PLEDGED = frozenset({"future", "offered"})  # an AGREE or THREATEN coded from such an event is its statement
_UNANCHORED_DAY = re.compile(r"XXXX-(?:WXX-[1-7]|\d\d-\d\d)")  # "Wednesday", "July 9" with no year or week
POINT_HOWS = frozenset({"abs", "shift", "seek"})  # how the time grammar resolves a day, month, year...


@dataclass(frozen=True)
class _Words:
    """What the lexicon says of a lemma: an event noun ('attack'), a verb of saying ('report')."""

    lexicon: Lexicon

    def event_noun(self, tok: Token) -> bool:
        patterns = self.lexicon.triggers.get(tok.lemma_.lower(), ())
        return tok.pos_ == "NOUN" and any(p.pos != "V" for p in patterns)

    def saying(self, tok: Token) -> bool:
        return tok.pos_ in VERBAL and self.lexicon.cue("report", tok.lemma_.lower()) is not None


def attach(sent: Span, events: Sequence[CodedEvent], lexicon: Lexicon | None = None
           ) -> list[tuple[int, int] | None]:
    """For each coded event of the sentence, the characters of its time expression (see the module
    docstring): (start, end), or (trigger start, trigger start) when the sentence's expressions all belong
    to other clauses, or None when the sentence has none."""
    times = time_spans(sent) if events else []
    if not times:
        return [None] * len(events)
    words = _Words(lexicon or default_lexicon())
    heads = [_head(sent, e.trigger.start, e.trigger.end) for e in events]
    found: list[Span | None] = []
    for e, head in zip(events, heads):
        if head is None:
            found.append(None)
            continue
        trigger = sent.doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
        own = set(range(trigger.start, trigger.end)) if trigger is not None else set()
        others = {h.i for h in heads if h is not None and h.i not in own}
        ours = [t for t in times if not _measure(t, head)]
        if e.derived_from and e.modality in PLEDGED:
            found.append(_shared(head, own, others, ours, words) if head.pos_ in VERBAL else None)
        else:
            found.append(_of_event(head, own, others, ours, words))
    out: list[tuple[int, int] | None] = []
    for k, (e, head) in enumerate(zip(events, heads)):
        span = found[k]
        if head is not None and (span is None or _lasting(span)):
            span = _refused(head, heads, events, found) or span
        if head is None:
            out.append(None)
        else:
            at = e.trigger.start
            out.append((span.start_char, span.end_char) if span is not None else (at, at))
    return out


def _measure(span: Span, noun: Token) -> bool:
    """'a sixth NIGHT of air strikes', 'ten DAYS of talks': the expression measures the event noun."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and span.start <= noun.head.head.i < span.end


def _refused(head: Token, heads: list[Token | None], events: Sequence[CodedEvent],
             found: list[Span | None]) -> Span | None:
    """'refused to attend THE OCTOBER 24 meeting': a refusal happens when what it refuses would have; the
    point in time of a negated event in the trigger's complement."""
    for other, e, span in zip(heads, events, found):
        if other is None or other.i == head.i or e.modality != "negated" or span is None or _lasting(span):
            continue
        below = next((t for t in [other, *other.ancestors] if t.head.i == head.i and t.i != head.i), None)
        if below is not None and below.dep_ in ("xcomp", "ccomp"):
            return span
    return None


def time_spans(sent: Span) -> list[Span]:
    """The sentence's time expressions: its DATE and TIME entities, and what the time grammar reads
    outside them ('now', 'the following day', 'earlier today'), in text order."""
    spans = [e for e in sent.ents if e.label_ in TIME_ENTS]
    taken = {t.i for e in spans for t in e}
    for atom in scan(sent.text):
        span = sent.char_span(atom.start, atom.end, alignment_mode="expand")
        if span is not None and len(span) and not any(t.i in taken for t in span):
            spans.append(span)
            taken.update(t.i for t in span)
    return sorted(spans, key=lambda e: e.start)


def _head(sent: Span, start: int, end: int) -> Token | None:
    """The trigger's token nearest the root."""
    tokens = [t for t in sent if t.idx < end and start < t.idx + len(t.text)]
    return min(tokens, key=lambda t: (sum(1 for _ in t.ancestors), t.i)) if tokens else None


def _of_event(head: Token, own: set[int], others: set[int], times: list[Span], words: _Words) -> Span | None:
    """The event's expression: its own, else one it shares (module docstring), in that order; a stretch of
    time ('in three years') only when none is a point in time."""
    candidates = [_attached(head, own, others, times, words)]
    if head.pos_ in VERBAL:
        candidates += [_of_cause(head, others, times, words), _shared(head, own, others, times, words)]
    else:
        candidates.append(_told_by_relative(head, others, times, words))
        verb = _clause_verb(head, others)
        if verb is not None:
            candidates.append(_attached(verb, own | {verb.i}, others - {verb.i}, times, words))
            candidates.append(_shared(verb, own, others, times, words))
    found = [s for s in candidates if s is not None]
    return next((s for s in found if not _lasting(s)), found[0] if found else None)


def _attached(head: Token, own: set[int], others: set[int], times: list[Span],
              words: _Words) -> Span | None:
    """The expression hanging from ``head`` without entering another clause or event: a point in time before
    a stretch of it ('in THREE YEARS', 'a TWO-YEAR war'), then the fewest arcs away, then the nearest; with
    the expressions inside it ('the early hours of November 4')."""
    best: tuple[bool, int, int, Span] | None = None
    for span in times:
        arcs = _arcs(span.root, head, own, others, words)
        if arcs is None:
            continue
        rank = (_lasting(span), arcs, abs(span.root.i - head.i))
        if best is None or rank < best[:3]:
            best = (*rank, span)
    if best is None:
        return None
    span = best[3]
    inner = [t for t in times if t.root.i != span.root.i and span.root in t.root.ancestors]
    return span.doc[min(t.start for t in [span, *inner]):max(t.end for t in [span, *inner])]


def _lasting(span: Span) -> bool:
    """Not a point in time by the time grammar: a stretch ('three years', 'a two-year war'), a frequency
    ('weekly') or a vague reference ('recently')."""
    return not any(a.spec.how in POINT_HOWS for a in scan(span.text))


def _arcs(tok: Token, head: Token, own: set[int], others: set[int], words: _Words) -> int | None:
    """Arcs from ``tok`` up to ``head``, or None when ``head`` is not above it or the way enters another
    clause or event."""
    if tok.i in own:
        return 0
    if tok.dep_ == "npadvmod" and any(c.dep_ == "mark" and c.lower_ in SEQUENCE_PREPS and c.i > tok.i
                                      for c in tok.head.children):
        return None  # "THREE DAYS after Trump agreed": how long before the main clause, not when
    arcs = 0
    while tok.i != head.i:
        if tok.dep_ in CLAUSE_DEPS or tok.dep_ in VERB_ONLY_DEPS and tok.pos_ in VERBAL:
            return None
        if tok.i in others and not _occasion(tok):
            return None
        if tok.dep_ in DESCRIBING_DEPS and tok.head.i != head.i:
            return None  # "met the chairman of the NOW defunct council", "a breakthrough TWO YEARS into"
        if tok.dep_ == "prep" and tok.lower_ in SEQUENCE_PREPS and tok.lower_ != "since":
            return None  # "resumed AFTER 15 April"; "after Operation X in 2016": another event's time
        if arcs and tok.i not in own and words.event_noun(tok) and not _occasion(tok):
            return None  # "condemned Saturday's ATTACK"
        if tok.head.i == tok.i:
            return None
        tok, arcs = tok.head, arcs + 1
    return arcs


def _occasion(noun: Token) -> bool:
    """'captured him DURING a raid in October', 'signed AT the May 4 meeting': when it happened."""
    return noun.dep_ == "pobj" and noun.head.lower_ in DURING_PREPS


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
        if report.dep_ in ("ccomp", "parataxis") and report.i > verb.i and words.saying(report) \
                and _subject(report):
            found = _attached(report, {report.i}, others, times, words)
            if found is not None:
                return found  # "Osteria welcomed it, the agency REPORTED ON WEDNESDAY" (parsed upside down)
    for _ in range(MAX_CLIMB):
        dep, up = verb.dep_, verb.head
        if up.i == verb.i:
            return None
        told = next((t for t in times if t.start <= up.i < t.end), None)
        if told is not None and dep in ("relcl", "acl", "advcl"):
            return told  # "up through MARCH 2018, when officers agreed to ..."
        if up.pos_ in VERBAL and (dep in ("xcomp", "ccomp", "parataxis") or dep == "conj" and _subject_shared(verb)
                                  or dep == "advcl" and (_adjunct(verb) or _meanwhile(verb))):
            found = _attached(up, {up.i}, others - {up.i}, times, words)
        elif up.pos_ in NOMINAL and dep in ("acl", "relcl") and _content_clause(verb):
            found = _attached(up, {up.i}, others - {up.i}, times, words)  # "a decision ON SUNDAY that ..."
            said = _clause_verb(up, others)
            if found is None and said is not None:
                found = _attached(said, {said.i}, others - {said.i}, times, words)  # "ANNOUNCED ON SUNDAY"
            return found
        else:
            return None
        if found is not None:
            return found
        verb = up
    return None


def _subject_shared(verb: Token) -> bool:
    """A coordinated verb without a subject of its own, or whose subject is a pronoun standing for the first
    verb's ("On April 7 Brin announced a council, and then HE handed over his powers")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")), None)
    return subject is None or subject.lower_ in ("he", "she", "it", "they")


def _subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)


def _adjunct(verb: Token) -> bool:
    """', KILLING five', 'visited Kalmar TO CONGRATULATE the troops': a participle or infinitive adjunct
    without a subject or a conjunction of its own."""
    if _subject(verb) or any(c.dep_ == "mark" for c in verb.children):
        return False
    return verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _meanwhile(verb: Token) -> bool:
    """'... up through March 2018, WHEN officers agreed': a clause that happens at the time of its head's."""
    return any(c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "while") and c.i < verb.i
               for c in verb.children)


def _content_clause(verb: Token) -> bool:
    """A clause that says what a noun is ('a decision THAT troops would step aside', 'a plan TO withdraw'),
    not a relative clause ('the houses WHICH were destroyed')."""
    if any(c.tag_ in RELATIVE_TAGS for c in verb.children):
        return False
    # a subordinator "that" is tagged IN (the relative one WDT), even where it is parsed as an object
    return any(c.dep_ == "mark" or c.tag_ == "IN" and c.dep_ != "prep" and c.i < verb.i
               or c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _of_cause(verb: Token, others: set[int], times: list[Span], words: _Words) -> Span | None:
    """'the 15 April ATTACK killed five': the time of an event noun that is the verb's subject."""
    for subject in verb.children:
        if subject.dep_ == "nsubj" and words.event_noun(subject):
            found = _attached(subject, {subject.i}, others - {subject.i}, times, words)
            if found is not None:
                return found
    return None


def _told_by_relative(noun: Token, others: set[int], times: list[Span], words: _Words) -> Span | None:
    """'the fighting, WHICH broke out on 15 April': the time of a relative clause the noun is subject of."""
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
            ours = tok.i not in others or below.dep_ == "nsubj"
            return tok if ours or below.dep_ == "prep" and below.lower_ in DURING_PREPS else None
    return None


def time_at(times: Sequence[TimeMention], span: tuple[int, int], first: int, last: int) -> Time | None:
    """The time of an event from its ``time_at`` span: the dated expression of its sentence [first, last)
    (``times`` in text order) that overlaps the span most: a date, or a time of day on a known day (to the
    day); not 'now' or 'recently', which say nothing of the event's day. None for an empty span."""
    start, end = span
    best, most = None, 0
    for t in times[bisect_left(times, first, key=lambda t: t.start):]:
        if t.start >= end:
            break
        overlap = min(end, t.end) - max(start, t.start)
        if overlap > most and t.end <= last and (t.earliest or t.latest or _unanchored(t)) \
                and not t.value.endswith("_REF") and (t.type in DATED_TYPES or _on_a_day(t)):
            best, most = t, overlap
    if best is None:
        return None
    value = best.value[:10] if best.type not in DATED_TYPES else best.value
    return Time(value, best.earliest, best.latest, best.text)


def _unanchored(t: TimeMention) -> bool:
    """A day the text names with nothing to count it from (no publication date): "Wednesday" (XXXX-WXX-3),
    "July 9" (XXXX-07-09). Kept, so that a report of the same happening from a dated text can place it."""
    return bool(_UNANCHORED_DAY.fullmatch(t.value))


def _on_a_day(t: TimeMention) -> bool:
    """A time of day whose value names its day ('Thursday at 12 a.m.': 2015-03-26T00:00)."""
    return t.type == "TIME" and len(t.value) > 10 and t.value[10] == "T" and t.value[:4].isdigit() \
        and t.value[5:7].isdigit() and t.value[8:10].isdigit()

"""Stage 5, events: code one parsed sentence into PLOVER events.

Public entry points: :func:`code_sentence` (a spaCy sentence -> :class:`CodedEvent` records) and,
for the ``newsgraph events code`` command, :func:`code_record` / :func:`code_records`
(``{"id", "sentence", "date"}`` -> ``{"id", "events": [...]}``).

How a sentence is coded:

1. Triggers: verbs and event nouns of ``data/triggers.tsv``, with the words that change their
   meaning found among their dependents ("imposed an arms EMBARGO", "LIFTED the CURFEW").
2. Governing words of ``data/control.tsv`` ("offered to", "refused to", "ready to", "demanded that")
   give the governed event its modality and may be events themselves ("threatened to cut off
   electricity" is one THREATEN). An event noun that is the argument of another trigger is part of
   that event ("imposed SANCTIONS" is one SANCTION).
3. Modality from negation, auxiliaries, hedging adverbs and verbs, conditionals and governing words.
4. PLOVER's boundary rules (``data/types.tsv``): a future or offered cooperative event is also
   coded AGREE ("will provide aid"), a future conflictual one THREATEN ("will impose a curfew"), a
   negated cooperative one REJECT ("would not give arms"); both codings are reported, the PLOVER
   one first, and share the modality. "X said Y must ..." is X's REQUEST to Y.
5. Actors, recipients, location and attribution from the parse (:mod:`newsgraph.events.syntax`),
   with country and sector from the actor gazetteer (:mod:`newsgraph.resolve.gazetteer`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from collections.abc import Callable, Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import InputError
from newsgraph.events import filters, magnitude, syntax
from newsgraph.events.syntax import Participant
from newsgraph.events.lexicon import (
    ControlWord, Lexicon, Match, TriggerPattern, control_word, default_lexicon, find_matches, hedged, instrument_mode,
    own_modality, sentence_contexts,
)  # fmt: skip
from newsgraph.resolve.gazetteer import Gazetteer, default_gazetteer

__all__ = ["CodedEvent", "Participant", "TextSpan", "code_doc", "code_record", "code_records", "code_sentence"]

THREAT_MODES = frozenset({"restrict", "ban", "arrest", "relations", "expel", "territory", "violence"})
RESPONSE_WORDS = frozenset("response respond retaliation retaliate reprisal reply reaction react revenge avenge".split())
# what one says or does about another's act, whose doer it concerns: "rejected the demands put forward BY X"
STATEMENT_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST"})
# event nouns whose "of" object is the actor ("the withdrawal of X", "the visit of X"), not the recipient
# the part of a meeting an act is told at ("at the END of the talks", "on the SIDELINES of the summit"): the
# meeting is its setting, never what the act's word governs
SETTING_NOUNS = frozenset({"end", "close", "conclusion", "start", "opening", "sideline", "sidelines", "margin",
                           "margins"})
# event nouns whose "from" phrase names their author ("an appeal from X", "aid from X"), not a place left
FROM_ACTOR_TYPES = frozenset({"REQUEST", "THREATEN", "AID", "SUPPORT", "ACCUSE"})
OF_ACTOR_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "MOBILIZE", "PROTEST"})


@dataclass(frozen=True)
class TextSpan:
    """A piece of the document: text and character offsets into the parsed text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class CodedEvent:
    """One PLOVER event of a sentence. ``derived_from`` names the type a PLOVER rule re-coded."""

    type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    modality: str
    trigger: TextSpan
    actors: tuple[Participant, ...]
    recipients: tuple[Participant, ...]
    location: str | None
    attribution: str | None
    derived_from: str | None = None
    definite: bool = False  # a definite event noun ("the talks") that may refer to an earlier event
    magnitude: tuple[tuple[str, int | None, int | None], ...] = ()  # (dead|injured|arrested|displaced, min, max)

    def as_dict(self) -> dict:
        return {
            "type": self.type, "mode": self.mode, "context": list(self.context), "cameo": self.cameo,
            "modality": self.modality, "trigger": self.trigger.text, "trigger_start": self.trigger.start,
            "trigger_end": self.trigger.end, "actors": [p.as_dict() for p in self.actors],
            "recipients": [p.as_dict() for p in self.recipients], "location": self.location,
            "attribution": self.attribution, "derived_from": self.derived_from,
            "magnitude": {kind: {"min": low, "max": high} for kind, low, high in self.magnitude} or None,
        }  # fmt: skip


@dataclass(frozen=True)
class Governor:
    """The nearest governing word of a trigger: a control word, or another trigger it is part of."""

    token: Token
    control: ControlWord | None
    absorbs: bool  # the trigger is an argument of another (non-control) trigger


@dataclass(frozen=True)
class Knowledge:
    """The lexicon and the gazetteer, with the questions the coder asks them about tokens."""

    lexicon: Lexicon
    gazetteer: Gazetteer

    def object_control(self, lemma: str) -> bool:
        return self.lexicon.cue("objcontrol", lemma) is not None

    def is_actor(self, tok: Token) -> bool:
        return syntax.is_actor(tok, self.gazetteer, self.event_noun)

    def is_place(self, tok: Token) -> bool:
        return syntax.is_place(tok, self.gazetteer)

    def event_noun(self, lemma: str) -> bool:
        return any(p.pos != "V" for p in self.lexicon.triggers.get(lemma, ()))

    def participants(self, heads: Iterable[Token]) -> tuple[Participant, ...]:
        return syntax.participants(heads, self.gazetteer)


# ---------------------------------------------------------------------------------- modality


def governor(tok: Token, anchors: frozenset[int], lex: Lexicon) -> Governor | None:
    """Climb from a trigger to the first control word or other trigger verb that governs it.
    Aspect verbs ("began to", "resumed") are transparent; adjunct phrases ("in the wake of") and
    participle clauses (", killing one") stop the climb."""
    node, clausal = tok, False
    nominal = node.pos_ == "NOUN"
    for _ in range(7):
        dep = node.dep_
        if dep == "conj" and node.pos_ in syntax.VERBAL and node.head.pos_ in syntax.VERBAL:
            node = node.head  # "called on them to follow ... and STAND with": the first conjunct's governor
            continue
        if node.head is node or not (dep in syntax.EMBED_DEPS or nominal and dep in syntax.ARGUMENT_DEPS):
            return None
        if dep == "prep" and node.lower_ not in syntax.EMBED_PREPS or dep in ("advcl", "acl") and not _content_clause(node):
            return None
        clausal = clausal or dep in ("xcomp", "ccomp", "advcl", "acl")
        node = node.head
        if node.pos_ == "NOUN" and node.lower_ in SETTING_NOUNS and nominal:
            return None  # "agreed ... at the END of the talks": the talks are the setting, not what is agreed
        word = control_word(node, lex, dep)
        if word is not None and not (word.modality == "asserted" and not word.coop and not word.conflict):
            return Governor(node, word, False)
        if node.i in anchors and node.pos_ in syntax.VERBAL:
            return Governor(node, None, nominal and not clausal)
    return None


def _content_clause(verb: Token) -> bool:
    """An infinitive or a that/for clause: 'offered troops TO HELP', 'demands THAT it INITIATE'."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" or c.dep_ == "mark" and c.lower_ in ("that", "for") for c in verb.children)


@dataclass(frozen=True)
class Scope:
    """What the sentence's triggers cover: anchors, their pattern words, their governors."""

    anchors: frozenset[int]
    parts: frozenset[int]
    govs: dict[int, Governor | None]


def silenced(tok: Token, scope: Scope, lex: Lexicon, depth: int = 0) -> bool:
    """Is the event at ``tok`` not reported: a word of another trigger's pattern ("accepted
    DEMANDS"), part of another trigger, governed by a word that keeps it unreported
    ("threatened to ATTACK"), or inside such a word's scope ("rejected a proposal for SIGNING")?"""
    if tok.i in scope.parts:
        return True
    gov = scope.govs[tok.i] if tok.i in scope.govs else governor(tok, scope.anchors, lex)
    if gov is None or depth > 4:
        return False
    if gov.absorbs or gov.control is not None and not gov.control.emit:
        return True
    return gov.control is not None and silenced(gov.token, scope, lex, depth + 1)


def modality_of(match: Match, gov: Governor | None, lex: Lexicon) -> str:
    """Marked on the trigger (or its light verb), else given by its governing word, else by a
    hedging verb above it, else asserted."""
    anchor = match.anchor
    verb = syntax.light_verb(anchor) if anchor.pos_ == "NOUN" else None
    own = own_modality(anchor, lex) or (own_modality(verb, lex) if verb is not None else None)
    if own:
        return own
    if any(c.dep_ == "det" and lex.cue("negation", c.lower_) for i in match.path for c in anchor.doc[i].children):
        return "negated"  # "NO agreement was reached"
    if gov is not None and gov.control is not None:
        if own_modality(gov.token, lex) == "negated":
            return "negated"
        if gov.control.modality != "asserted":
            return _realised(gov.token, lex) or gov.control.modality
        return own_modality(gov.token, lex) or "asserted"
    return hedged(anchor, lex) or "asserted"


def _realised(word: Token, lex: Lexicon) -> str | None:
    """'were ABLE to capture', 'MANAGED to escape': an implicative word in the past tense
    asserts the event it governs."""
    value = lex.cue("implicative", word.lemma_.lower())
    if value is None:
        return None
    verb = word.head if word.dep_ == "acomp" else word
    past = verb.tag_ in ("VBD", "VBN") and not any(c.dep_ == "aux" for c in verb.children)
    return value if past else None


# ---------------------------------------------------------------------------------- one trigger


def _trigger_span(match: Match) -> TextSpan:
    tokens = sorted({match.anchor.i, *match.path})
    if tokens[-1] - tokens[0] > 7:
        tokens = [match.anchor.i]
    span = match.anchor.doc[tokens[0] : tokens[-1] + 1]
    return TextSpan(span.text, span.start_char, span.end_char)


def _clause_subjects(anchor: Token, know: Knowledge) -> list[Token]:
    """Who is asked: the subject of the demanded clause ('demanded that the US cancel ...')."""
    for c in anchor.children:
        subj = syntax.own_subject(c) if c.dep_ in ("ccomp", "xcomp") else None
        if subj is not None and subj.pos_ != "PRON":
            return syntax.conjuncts(subj)
    return []


def _heads(match: Match, know: Knowledge, anchors: frozenset[int]) -> tuple[list[Token], list[Token]]:
    """Actor and recipient head tokens of a trigger."""
    anchor, typ = match.anchor, match.pattern.type
    actor_ok = know.is_actor
    if anchor.pos_ == "NOUN":
        actors, recipients = _noun_heads(match, know, anchors)
    else:
        actors, parties = syntax.subject_heads(anchor, know.object_control), syntax.parties_of(anchor)
        if parties and not any(actor_ok(t) for t in actors):  # "after the outbreak AGREED between the parties" (misparse)
            actors = parties
        preps = syntax.RECIPIENT_PREPS - ({"at"} if typ == "CONSULT" else set())
        recipients = _verb_recipients(match, actor_ok, preps)
    if "undergo" in match.pattern.flags:  # "X came under fire from Y": Y acts on X
        sources = [o for p in anchor.children if p.dep_ in ("prep", "agent") and p.lower_ in ("from", "by")
                   for o in syntax.objects_of(p)]  # fmt: skip
        actors, recipients = sources, actors
    if not recipients and typ in ("REQUEST", "REJECT", "ACCUSE"):
        recipients = _clause_subjects(anchor, know)
    for extra in syntax.complement_heads(anchor) if not recipients else []:
        recipients += syntax.recipient_heads(extra, frozenset(), actor_ok, syntax.NOUN_PREPS)
    recipients = _answerers(anchor, recipients)
    if typ not in STATEMENT_TYPES:  # "lifted the embargo imposed BY X" does not act on X; "rejected demands made BY X" does
        recipients = [t for t in recipients if not syntax.agent_of_participle(t)]
    taken = {t.i for t in actors}
    inner = {t.i for r in recipients for t in syntax.phrase_tokens(r) if t is not r}  # "the government of BOLIVIA"
    inner -= {h.i for r in recipients for h in syntax.holders(r)}  # "a REBEL-held base": the rebels are hit too
    return actors, [t for t in recipients if t.i not in taken and t.i not in inner and not _weapon(t, know)]


def _weapon(tok: Token, know: Knowledge) -> bool:
    """A weapon a "with" phrase names ("attacked the village WITH DRONES"): what acts, never whom it is done to."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "with" and (tok.lemma_.lower(),) in know.lexicon.instruments


def _answerers(anchor: Token, recipients: list[Token]) -> list[Token]:
    """A response to an act falls on who did the act, not on its target: "a military RESPONSE to an attack BY X
    on a camp" -> X, not the camp."""
    if anchor.lemma_.lower() not in RESPONSE_WORDS:
        return recipients
    acts = [o for c in anchor.children if c.dep_ == "prep" and c.lower_ in ("to", "for", "against")
            for o in syntax.objects_of(c) if o.pos_ == "NOUN"]  # fmt: skip
    doers = [a for o in acts for c in o.children if c.dep_ == "prep" and c.lower_ == "by"
             for p in syntax.objects_of(c) for a in syntax.conjuncts(p)]  # fmt: skip
    if not doers:
        return recipients
    inside = {t.i for o in acts for t in o.subtree}
    return [t for t in recipients if t.i not in inside] + doers


def _noun_heads(match: Match, know: Knowledge, anchors: frozenset[int]) -> tuple[list[Token], list[Token]]:
    """Actor and recipient head tokens of an event noun."""
    anchor, typ = match.anchor, match.pattern.type
    actor_ok = know.is_actor
    by_of = typ in OF_ACTOR_TYPES and match.pattern.mode not in ("release", "return")  # "the release OF prisoners"
    actors = syntax.noun_actor_heads(anchor, know.object_control, actor_ok, by_of) or syntax.equated_doers(anchor)
    recipients = syntax.recipient_heads(anchor, match.path, actor_ok, syntax.NOUN_PREPS - ({"of"} if by_of else set()))
    verb = syntax.light_verb(anchor)
    if verb is not None and verb.i not in anchors:  # "imposed SANCTIONS on X", not "complained over RAIDS to X"
        recipients += syntax.recipient_heads(verb, match.path | {anchor.i}, actor_ok, syntax.RECIPIENT_PREPS)
    if by_of:  # "the mobilization OF militias" names who moves, never whom it is against
        moved = {o.i for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in syntax.objects_of(c) for o in syntax.conjuncts(p)}  # fmt: skip
        recipients = [t for t in recipients if t.i not in moved]
    if verb is not None and anchor.dep_ == "pobj" and anchor.head.lower_ == "under" and syntax.direct_object(verb) is None:
        # "X is UNDER ATTACK by Y" (not "Y put X under arrest")
        patients = syntax.subject_heads(verb, know.object_control)
        actors = [t for t in actors if t.i not in {p.i for p in patients}]
        recipients = patients + recipients
    parties = syntax.between(anchor)
    if parties and verb is not None and filters.witness(verb):
        actors = []  # "residents REPORTED clashes between A and B": A and B fight, the residents tell it
    actors, recipients = (actors, recipients + parties) if actors else (parties, recipients)
    if not actors and typ in FROM_ACTOR_TYPES:  # "an APPEAL from X", "a threat from X": X makes it
        authors = [o for c in anchor.children if c.dep_ == "prep" and c.lower_ == "from"
                   for p in syntax.objects_of(c) for o in syntax.conjuncts(p) if actor_ok(o)]
        actors, recipients = authors, [t for t in recipients if t.i not in {a.i for a in authors}]
    if not actors and not recipients and typ == "CONSULT":
        actors = [t for t in syntax.attendee_heads(anchor, know.object_control)  # "they signed it during THE TALKS"
                  if not _event_named(t, know)]  # not "the Ostia Talks will address arrangements for talks"
    elif not actors and not recipients and typ == "PROTEST":  # "protesters chanted during a DEMONSTRATION"
        actors = [t for t in syntax.attendee_heads(anchor, know.object_control, patients=True)
                  if t.lemma_.lower() in PROTESTERS]  # not "police fired on them during a protest"
    if not recipients:
        recipients = [t for t in syntax.affected(anchor) if actor_ok(t)]
    if not recipients:
        recipients = [t for t in syntax.sufferers(anchor) if actor_ok(t)]  # "the Brin murder": Brin is killed
    if not recipients and anchor.dep_ == "conj" and anchor.head.pos_ == "NOUN":  # "X's raids and BLOCKADE against Y"
        recipients = [t for t in syntax.recipient_heads(anchor.head, frozenset(), actor_ok, syntax.RECIPIENT_PREPS)
                      if t.i > anchor.i]  # fmt: skip
    return actors, recipients


def _event_named(tok: Token, know: Knowledge) -> bool:
    """Is the word an event noun, also as a name ("the Ostia TALKS", whose lemma the tagger leaves plural)?"""
    word = tok.lemma_.lower()
    return know.event_noun(word) or word.endswith("s") and know.event_noun(word[:-1])


def _verb_recipients(match: Match, actor_ok: Callable[[Token], bool], preps: frozenset[str]) -> list[Token]:
    anchor, path, skip = match.anchor, match.path, frozenset()
    theme = "theme" in match.pattern.flags
    if theme and any(c.dep_ == "prep" and c.lower_ == "with" for c in anchor.children):
        preps = preps - {"with"}  # "supplied the rebels with arms"
    elif theme:
        skip = frozenset(c.i for c in anchor.children if c.dep_ == "dobj")  # "provided PHOTOGRAPHS to X"
    found = syntax.recipient_heads(anchor, path, actor_ok, preps, skip)
    if not theme:  # a pattern word that is an actor: "SUMMONED the Afghan AMBASSADOR"
        found[:0] = [c for c in anchor.children if c.i in path and c.dep_ in ("dobj", "nsubjpass") and actor_ok(c)]
    bare = syntax.direct_object(anchor) is None and not any(c.dep_ in ("conj", "aux") for c in anchor.children)
    if anchor.dep_ == "acl" and anchor.tag_ == "VBN" and bare and "theme" not in match.pattern.flags:
        found.append(anchor.head)  # "the curfew IMPOSED in Sudan", "a camp ATTACKED by ..."
    if syntax.headline_passive(anchor):
        found += syntax.conjuncts(syntax.own_subject(anchor))  # "Brin reportedly ARRESTED": Brin is arrested
    found += syntax.raised_patient(anchor)  # "12 protesters were reported to be WOUNDED"
    head_patient = syntax.passive_subject(anchor.head) if anchor.dep_ == "conj" else None
    if head_patient is not None and anchor.tag_ == "VBN" and bare:
        found += syntax.conjuncts(head_patient)  # "20 people were killed or WOUNDED"
    open_objects = {"dobj", "xcomp", "ccomp"} & {c.dep_ for c in anchor.children}
    for other in [] if found or open_objects else anchor.children:
        if other.dep_ == "conj" and other.pos_ == "VERB" and syntax.own_subject(other) is None:
            found += syntax.recipient_heads(other, frozenset(), actor_ok, preps)  # "donated and delivered X to Y"
    return found


def _location(match: Match, know: Knowledge) -> Participant | None:
    """The place of an 'in/at/near X' phrase on the trigger, its pattern words, its light verb, or
    (failing those) its complement clause ('threatened to resume attacks IN ISRAEL'). An agreement takes
    only a place on its own trigger or light verb: the place in what is agreed ("agreed to a ceasefire in
    the port") is where the agreement applies, not where it was made."""
    anchor = match.anchor
    agreed = match.pattern.type == "AGREE"  # "agreed to a ceasefire IN the port": where the content applies
    heads = [anchor, *([] if agreed else (anchor.doc[i] for i in sorted(match.path)))]
    verb = syntax.light_verb(anchor) if anchor.pos_ == "NOUN" else None
    told = syntax.quantity_head(anchor) if anchor.pos_ == "NOUN" else anchor  # "ten days of TALKS ended in X"
    verb = verb or (told.head if told.dep_ == "nsubj" and anchor.pos_ == "NOUN" else None)
    heads += [verb] if verb is not None else []
    head = syntax.location_head(heads, know.is_place) or (
        None if agreed else syntax.location_head(syntax.complement_heads(anchor), know.is_place))
    return know.participants([head])[0] if head is not None else None


def _retype(pattern: TriggerPattern, actors: tuple[Participant, ...], recipients: tuple[Participant, ...],
            recipient_heads: list[Token], anchor: Token, actor_heads: list[Token]) -> tuple[str, str | None]:  # fmt: skip
    """Type and mode after the pattern's flags: state= (a government or a state acts, or the act is told as
    words: "protested THAT ..."), multi= (several parties), person= (a person or official as recipient),
    org= (an organisation as recipient)."""
    typ, mode = pattern.type, pattern.mode
    multi, person, org, state = (pattern.flag_value(f) for f in ("multi", "person", "org", "state"))
    if state and (any(p.sector in ("GOV", "LEG", "JUD", "IGO") for p in actors)
                  or any(t.ent_type_ == "GPE" for t in actor_heads)
                  or any(c.dep_ == "ccomp" for c in anchor.children)):
        typ, mode = state, None  # a government's or a state's protest is an official complaint: an accusation
    if multi and (len(actors) > 1 or len({p.country for p in actors + recipients if p.country}) > 1):
        typ, mode = multi, None
    named = any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" and not t.ent_type_ for t in recipient_heads)
    if person and (named or any(p.sector in ("GOV", "MIL") for p in recipients)):
        typ, _, mode = person.partition("/")
    if org and any(p.country in ("IGO", "NGO") or p.sector in ("IGO", "NGO", "MED") for p in recipients):
        typ, _, mode = org.partition("/")
    return typ, mode or None


def _wielders(tok: Token, know: Knowledge) -> list[Token]:
    """Who uses a weapon that acts ("X carried out raids WITH ten drones that bombed Y": X bombed Y): the actors
    of the word a "with" phrase of the weapon hangs on; [] when the word is no weapon or none is told."""
    tok = syntax.resolve(tok)  # "ten drones THAT bombed"
    if not _weapon(tok, know):
        return []
    user = tok.head.head  # the word the "with" phrase hangs on
    for _ in range(3):  # "carried out operations WITH drones": the verb of the noun it hangs on
        if user.pos_ in syntax.VERBAL or user.dep_ not in ("dobj", "pobj") or user.head is user:
            break
        user = user.head.head if user.dep_ == "pobj" else user.head
    heads = syntax.subject_heads(user, know.object_control) if user.pos_ in syntax.VERBAL else []
    return [t for t in heads if know.is_actor(t)]


def non_actor(tok: Token, know: Knowledge) -> bool:
    """A subject that cannot act: a clause, 'this', an event noun, an abstract noun
    ('NEGOTIATIONS to support X', 'THIS would not help')."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in syntax.VERBAL or tok.lower_ in ("this", "that", "these", "those", "which", "what"):
        return True
    return tok.pos_ == "NOUN" and (know.event_noun(lemma) or know.lexicon.cue("inanimate", lemma) is not None)


def base_event(match: Match, gov: Governor | None, know: Knowledge, contexts: tuple[str, ...], anchors: frozenset[int]) -> CodedEvent | None:
    """The event of one trigger, as its lexicon entry codes it (before PLOVER's modality rules);
    None when its only would-be actors cannot act (violence excepted: 'a BOMB killed ...')."""
    lex, pattern, anchor = know.lexicon, match.pattern, match.anchor
    actor_heads, recipient_heads = _heads(match, know, anchors)
    actor_heads = [w for t in actor_heads for w in (_wielders(t, know) or [t])]
    if actor_heads and pattern.type != "ASSAULT" and all(non_actor(t, know) for t in actor_heads):
        return None
    if actor_heads and all(lex.cue("toll", t.lemma_.lower()) is not None for t in actor_heads):
        return None  # "the war that has killed 10,000 people": a toll, not an act
    actors, recipients = know.participants(actor_heads), know.participants(recipient_heads)
    place = _location(match, know)
    if not recipients and place is not None and place.country and pattern.type != "CONSULT" and _names_state(place, know) \
            and not any(a.country == place.country for a in actors):
        # "attacked positions in Varland": the state; "in Keltun", a town, is only the place; and the state's own
        # forces fighting in it ("clashes between the Varlandian army and X in Varland") do not act on it
        recipients = (place,)
    typ, mode = _retype(pattern, actors, recipients, recipient_heads, anchor, actor_heads)
    armed = pattern.flag_value("war")
    if armed and instrument_mode(anchor.sent, anchor, lex):
        typ, mode = armed, None  # "warplanes carried out fresh strikes": a military strike
    if typ == "ASSAULT" and mode is None:
        mode = instrument_mode(anchor.sent, anchor, lex)
    cameo = pattern.cameo if typ == pattern.type else None
    reporter = syntax.report_subject(anchor, lambda w: lex.cue("report", w) is not None)
    alleged = _accused_of(anchor)
    return CodedEvent(
        type=typ, mode=mode, context=_merge(pattern.context, contexts, (ALLEGED,) if alleged else ()),
        cameo=cameo or lex.cameo_of(typ, mode), modality="claimed" if alleged else modality_of(match, gov, lex),
        trigger=_trigger_span(match), actors=actors, recipients=recipients,
        location=place.text if place else None,
        attribution=syntax.phrase_span(reporter).text if reporter is not None else None,
        definite=syntax.definite(anchor),
    )  # fmt: skip


def _names_state(place: Participant, know: Knowledge) -> bool:
    """Does a place phrase name a state itself ("Varland"), not a town, a capital or a region in one
    ("the port of Keltun", "the Osk region")? An act that falls in a state acts on it; one in a town or a
    region has its place there and its recipient, if any, from the clause."""
    hits = know.gazetteer.hits(place.text)
    return len(hits) == 1 and hits[0].entry.kind == "name"


PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "marcher", "rioter", "crowd"})
ALLEGED = "alleged"  # the context of an act told only as what someone is accused of
ACCUSING = frozenset({"accuse", "blame", "charge", "accusation", "allegation", "allege"})


def _accused_of(anchor: Token) -> bool:
    """Is the event what someone is accused of ("accused X OF SUPPORTING terrorism", "blamed X FOR THE
    ATTACKS", "accusations of torture")? It is then an allegation (claimed), not a report of the act."""
    prep = anchor.head
    if anchor.dep_ not in ("pcomp", "pobj") or prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
        return False
    return prep.head.lemma_.lower() in ACCUSING


def _merge(*groups: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for group in groups:
        out.extend(c for c in group if c not in out)
    return tuple(out)


# ---------------------------------------------------------------------------------- PLOVER rules


def threat_mode(event: CodedEvent, lex: Lexicon) -> str | None:
    return event.mode if event.mode in THREAT_MODES else lex.types[event.type].threat


def plover_rules(event: CodedEvent, lex: Lexicon) -> list[CodedEvent]:
    """A future/offered cooperative event is also an AGREE, a future conflictual one a THREATEN,
    a negated cooperative one a REJECT: the PLOVER coding comes first, the event as read second.
    An intention, threat or refusal needs someone who has it: an event with no actor keeps its type. The
    AGREE of a promise has no place: where the promised act would happen is not where it was promised."""
    rule = lex.types[event.type]
    if event.modality in ("future", "offered"):
        new_type = rule.future
    elif event.modality == "negated":
        new_type = rule.negated
    else:
        new_type = None
    if new_type is None or not event.actors:
        return [event]
    mode = threat_mode(event, lex) if new_type == "THREATEN" else None
    place = None if new_type == "AGREE" else event.location  # a promise to leave the port is not made there
    derived = replace(event, type=new_type, mode=mode, cameo=lex.cameo_of(new_type, mode), derived_from=event.type,
                      location=place)
    return [derived, event]


def control_event(tok: Token, word: ControlWord, governed: CodedEvent, own: CodedEvent | None, know: Knowledge) -> CodedEvent | None:
    """The event of a governing word ('threatened to ...', 'refused to ...', 'prepared to ...');
    None when the word codes nothing for this kind of event or was read as a fixed phrase. An agreement
    takes no place from what is agreed ("agreed to a truce in the port" was not agreed in the port)."""
    lex = know.lexicon
    typ = word.coop if lex.types[governed.type].cooperative else word.conflict
    if typ is None or own is not None and own.type != typ and own.trigger.end - own.trigger.start > len(tok.text):
        return None
    if typ == "THREATEN":
        mode = threat_mode(governed, lex)
    else:
        mode = own.mode if own is not None and own.type == typ else None
    if own is None:
        span = tok.doc[tok.i : tok.i + 1]
        actors = know.participants(syntax.subject_heads(tok, know.object_control))
        own = CodedEvent(typ, None, (), None, own_modality(tok, lex) or "asserted",
                         TextSpan(span.text, span.start_char, span.end_char), actors, (), None, governed.attribution)  # fmt: skip
    recipients = own.recipients or governed.recipients
    cameo = own.cameo if own.type == typ and own.cameo else lex.cameo_of(typ, mode)
    place = own.location or (None if typ == "AGREE" else governed.location)  # "agreed to a truce IN the port"
    return replace(own, type=typ, mode=mode, context=_merge(own.context, governed.context), cameo=cameo,
                   recipients=recipients, location=place)  # fmt: skip


# ---------------------------------------------------------------------------------- a sentence


def deontic_requests(tokens: Sequence[Token], anchors: frozenset[int], know: Knowledge,
                     contexts: tuple[str, ...]) -> dict[int, CodedEvent]:
    """'X said Y must ...' -> X's REQUEST to Y, keyed by the index of Y's verb (``tokens``: a sentence's)."""
    lex, out = know.lexicon, {}
    for verb in tokens:
        if verb.dep_ != "ccomp":
            continue
        modal = next((c for c in verb.children if c.dep_ == "aux" and lex.cue("deontic", c.lower_)), None)
        report = verb.head
        if modal is None or verb.dep_ != "ccomp" or report.i in anchors or lex.cue("report", report.lemma_.lower()) is None:
            continue
        subj = syntax.own_subject(verb)
        subj = syntax.resolve(subj) if subj is not None else None
        if subj is None or subj.i in {t.i for t in syntax.subject_heads(report, know.object_control)}:
            continue
        span = verb.doc[modal.i : verb.i + 1]
        out[verb.i] = CodedEvent(
            "REQUEST", None, contexts, lex.cameo_of("REQUEST", None), own_modality(report, lex) or "asserted",
            TextSpan(span.text, span.start_char, span.end_char),
            know.participants(syntax.subject_heads(report, know.object_control)),
            know.participants(syntax.conjuncts(subj)), None, None,
        )  # fmt: skip
    return out


def code_sentence(sent: Span, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None) -> list[CodedEvent]:
    """The PLOVER events of one parsed sentence, main events first."""
    know = Knowledge(lexicon or default_lexicon(), gazetteer or default_gazetteer())
    lex = know.lexicon
    tokens = list(sent)  # spaCy makes a Token object on every access: the sentence's are made once
    matches = find_matches(sent, lex, tokens)
    if not matches and not any(t.dep_ == "ccomp" for t in tokens) or filters.junk_sentence(sent, tokens):
        return []  # no trigger and no reported clause that could be a demand; a teaser; sport
    anchors = frozenset(m.anchor.i for m in matches)
    govs = {m.anchor.i: governor(m.anchor, anchors, lex) for m in matches}
    scope = Scope(anchors, frozenset(i for m in matches for i in m.path), govs)
    contexts = sentence_contexts(sent, lex, tokens)
    coded = {m.anchor.i: base_event(m, govs[m.anchor.i], know, contexts, anchors) for m in matches}
    bases = {i: e for i, e in coded.items() if e is not None}
    ranked: list[tuple[int, int, int, CodedEvent]] = []
    for i, event in deontic_requests(tokens, anchors, know, contexts).items():
        ranked.append((syntax.depth(sent.doc[i].head), i, 0, event))
        bases.pop(i, None)
    controls: dict[int, CodedEvent] = {}
    for m in matches:
        i, gov = m.anchor.i, govs[m.anchor.i]
        if gov is not None and gov.control is not None and i in bases and gov.token.i not in controls:
            event = control_event(gov.token, gov.control, bases[i], bases.get(gov.token.i), know)
            if event is not None:
                controls[gov.token.i] = event
    for i, event in controls.items():
        if not silenced(sent.doc[i], scope, lex):
            ranked.append((syntax.depth(sent.doc[i]), i, 0, event))
    for i, event in bases.items():
        gov = govs[i]
        if i in controls or silenced(sent.doc[i], scope, lex):
            continue
        typed = gov is not None and gov.control is not None and (gov.control.coop or gov.control.conflict)
        for k, e in enumerate([event] if typed else plover_rules(event, lex)):
            ranked.append((syntax.depth(sent.doc[i]), i, k, e))
    events = _unique([e for *_, e in sorted(ranked, key=lambda r: r[:3])])
    return magnitude.with_magnitudes(filters.screen(events, sent, anchors, lambda t: non_actor(t, know)), sent)


def _unique(events: list[CodedEvent]) -> list[CodedEvent]:
    seen: set[tuple] = set()
    out = []
    for e in events:
        key = (e.type, e.trigger.start, e.modality)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


# ---------------------------------------------------------------------------------- the stage command


def code_doc(doc: Doc) -> list[CodedEvent]:
    return [e for sent in doc.sents for e in code_sentence(sent)]


def _sentence_of(record: object) -> str:
    if not isinstance(record, dict):
        raise InputError("an events record must be a JSON object", 'give {"id", "sentence", "date"}')
    sentence = record.get("sentence")
    if not isinstance(sentence, str) or not sentence.strip():
        raise InputError(f"record {record.get('id')!r} has no sentence", 'give {"id", "sentence", "date"}')
    return sentence


def _result(record: dict, doc: Doc) -> dict:
    return {"id": record.get("id"), "events": [e.as_dict() for e in code_doc(doc)]}


def code_record(nlp: Language, record: dict) -> dict:
    """``{"id", "sentence", "date"}`` -> ``{"id", "events": [...]}``; raises InputError on a bad record."""
    return _result(record, nlp(_sentence_of(record)))


def code_records(nlp: Language, records: Iterable[object], batch_size: int = 64) -> Iterator[dict]:
    """:func:`code_record` over many records with ``nlp.pipe``, in order; a bad record gives
    ``{"id", "events": [], "error": reason}`` and the batch goes on."""

    def texts() -> Iterator[tuple[str, tuple[object, str | None]]]:
        for record in records:
            try:
                yield _sentence_of(record), (record, None)
            except InputError as err:
                yield "", (record, str(err))

    for doc, (record, error) in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        if error is None:
            yield _result(record, doc)  # type: ignore[arg-type]
        else:
            rid = record.get("id") if isinstance(record, dict) else None
            yield {"id": rid, "events": [], "error": error}

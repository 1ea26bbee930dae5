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
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import InputError
from newsgraph.events import syntax
from newsgraph.events.lexicon import ControlWord, Lexicon, Match, default_lexicon, find_matches
from newsgraph.resolve.gazetteer import Gazetteer, default_gazetteer

__all__ = ["CodedEvent", "Participant", "TextSpan", "code_doc", "code_record", "code_records", "code_sentence"]

THREAT_MODES = frozenset({"restrict", "ban", "arrest", "relations", "expel", "territory", "violence"})


@dataclass(frozen=True)
class TextSpan:
    """A piece of the document: text and character offsets into the parsed text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Participant:
    """An actor or recipient phrase with its actor code (country may be IGO, NGO or IMG)."""

    text: str
    start: int
    end: int
    country: str | None
    sector: str | None

    def as_dict(self) -> dict:
        return {"text": self.text, "country": self.country, "sector": self.sector, "start": self.start, "end": self.end}


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

    def as_dict(self) -> dict:
        return {
            "type": self.type, "mode": self.mode, "context": list(self.context), "cameo": self.cameo,
            "modality": self.modality, "trigger": self.trigger.text, "trigger_start": self.trigger.start,
            "trigger_end": self.trigger.end, "actors": [p.as_dict() for p in self.actors],
            "recipients": [p.as_dict() for p in self.recipients], "location": self.location,
            "attribution": self.attribution, "derived_from": self.derived_from,
        }  # fmt: skip


@dataclass(frozen=True)
class Governor:
    """The nearest governing word of a trigger: a control word, or another trigger it is part of."""

    token: Token
    control: ControlWord | None
    absorbs: bool  # the trigger is an argument of another (non-control) trigger


@dataclass(frozen=True)
class Knowledge:
    lexicon: Lexicon
    gazetteer: Gazetteer

    def object_control(self, lemma: str) -> bool:
        return self.lexicon.cue("objcontrol", lemma) is not None


# ---------------------------------------------------------------------------------- modality


def control_word(tok: Token, lex: Lexicon) -> ControlWord | None:
    adjectival = tok.pos_ == "ADJ" or tok.dep_ == "acomp"
    word = lex.control.get(tok.lower_ if adjectival else tok.lemma_.lower())
    if word is None or (word.pos == "A") != adjectival and word.pos != "*":
        return None
    return word


def governor(match: Match, anchors: frozenset[int], lex: Lexicon) -> Governor | None:
    """Climb from the trigger to the first control word or other trigger verb that governs it."""
    node, clausal = match.anchor, False
    nominal = node.pos_ == "NOUN"
    for _ in range(6):
        dep = node.dep_
        if node.head is node or not (dep in syntax.EMBED_DEPS or nominal and dep in syntax.ARGUMENT_DEPS):
            return None
        clausal = clausal or dep in ("xcomp", "ccomp", "advcl", "acl")
        node = node.head
        word = control_word(node, lex)
        if word is not None:
            return Governor(node, word, False)
        if node.i in anchors and node.pos_ in syntax.VERBAL:
            return Governor(node, None, nominal and not clausal)
    return None


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
    return None


def hedged(tok: Token, lex: Lexicon) -> str | None:
    """Claimed (or negated) by a governing hedge verb: 'reports SUGGESTED that ...', 'DENIED that ...'."""
    for anc in tok.ancestors:
        value = lex.cue("hedge", anc.lemma_.lower()) if anc.pos_ in syntax.VERBAL else None
        if value:
            return value
    return None


def modality_of(match: Match, gov: Governor | None, lex: Lexicon) -> str:
    anchor = match.anchor
    verb = syntax.light_verb(anchor) if anchor.pos_ == "NOUN" else None
    own = own_modality(anchor, lex) or (own_modality(verb, lex) if verb is not None else None)
    if own:
        return own
    if gov is not None and gov.control is not None:
        if own_modality(gov.token, lex) == "negated":
            return "negated"
        if gov.control.modality != "asserted":
            return gov.control.modality
        return own_modality(gov.token, lex) or "asserted"
    return hedged(anchor, lex) or "asserted"


# ---------------------------------------------------------------------------------- participants


def participants(heads: Iterable[Token], know: Knowledge) -> tuple[Participant, ...]:
    out: list[Participant] = []
    seen: set[int] = set()
    first: Participant | None = None
    for tok in heads:
        if tok.i in seen:
            continue
        seen.add(tok.i)
        p = _participant(tok, know)
        bare = not any(c.dep_ in ("amod", "compound", "det", "poss") for c in tok.children)
        if first is not None and p.country is None and bare and tok.dep_ == "conj":
            p = replace(p, country=first.country, sector=p.sector or first.sector)
        first = first or p
        out.append(p)
        out.extend(_coordinated_modifiers(tok, know))
    return tuple(out)


def _participant(tok: Token, know: Knowledge) -> Participant:
    span = syntax.phrase_span(tok)
    code = know.gazetteer.actor_code(span.text)
    country, sector = code.country, code.sector
    if country is None:
        wide = syntax.phrase_span(tok, frozenset({"relcl", "conj", "cc", "parataxis", "punct"}))
        country = know.gazetteer.country_of(wide.text)
    if country is None:
        owner = next((syntax.resolve(c) for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is not None and owner.pos_ != "PRON":
            country = know.gazetteer.country_of(syntax.phrase_span(owner).text)
    return Participant(span.text, span.start_char, span.end_char, country, sector)


def _coordinated_modifiers(tok: Token, know: Knowledge) -> list[Participant]:
    """'Sierra Leonean and Liberian refugees': one more participant per coordinated modifier."""
    out = []
    for mod in tok.children:
        if mod.dep_ not in ("amod", "compound"):
            continue
        for other in mod.conjuncts:
            country = know.gazetteer.country_of(other.text)
            if country:
                out.append(Participant(f"{other.text} {tok.text}", other.idx, tok.idx + len(tok), country, None))
    return out


def is_actor(tok: Token, know: Knowledge) -> bool:
    """Could the phrase headed by ``tok`` be an actor (a named or coded group or person)?"""
    if tok.pos_ == "PRON":
        return tok.lower_ in syntax.PERSONAL
    if tok.ent_type_ in syntax.ACTOR_ENTS:
        return True
    tokens = syntax.phrase_tokens(tok)
    if any(t.ent_type_ in syntax.ACTOR_ENTS for t in tokens):
        return True
    code = know.gazetteer.actor_code(" ".join(t.text for t in tokens))
    return bool(code.country or code.sector)


def is_place(tok: Token, know: Knowledge) -> bool:
    if tok.pos_ == "PRON" or tok.ent_type_ in ("PERSON", "NORP", "ORG", "DATE", "TIME"):
        return False
    return syntax.looks_like_place(tok) or know.gazetteer.country_of(syntax.phrase_span(tok).text) is not None


# ---------------------------------------------------------------------------------- one trigger


def _trigger_span(match: Match) -> TextSpan:
    tokens = sorted({match.anchor.i, *match.path})
    if tokens[-1] - tokens[0] > 7:
        tokens = [match.anchor.i]
    span = match.anchor.doc[tokens[0] : tokens[-1] + 1]
    return TextSpan(span.text, span.start_char, span.end_char)


def _instrument_mode(sent: Span, anchor: Token, lex: Lexicon) -> str | None:
    """The ASSAULT mode of the weapon word nearest to the trigger ('attacked with machetes')."""
    found: list[tuple[int, str]] = []
    lemmas = [t.lemma_.lower() for t in sent]
    for i in range(len(lemmas)):
        for n in (3, 2, 1):
            mode = lex.instruments.get(tuple(lemmas[i : i + n]))
            if mode:
                found.append((abs(sent[i].i - anchor.i), mode))
                break
    return min(found)[1] if found else None


def sentence_contexts(sent: Span, lex: Lexicon) -> tuple[str, ...]:
    lemmas = [t.lemma_.lower() for t in sent]
    out: list[str] = []
    for i in range(len(lemmas)):
        for n in (2, 1):
            ctx = lex.contexts.get(tuple(lemmas[i : i + n]))
            if ctx and ctx not in out:
                out.append(ctx)
    return tuple(out)


def _clause_subjects(anchor: Token, know: Knowledge) -> list[Token]:
    """Who is asked: the subject of the demanded clause ('demanded that the US cancel ...')."""
    for c in anchor.children:
        subj = syntax.own_subject(c) if c.dep_ in ("ccomp", "xcomp") else None
        if subj is not None and subj.pos_ != "PRON":
            return syntax.conjuncts(subj)
    return []


def _heads(match: Match, know: Knowledge) -> tuple[list[Token], list[Token]]:
    """Actor and recipient head tokens of a trigger."""
    anchor, typ = match.anchor, match.pattern.type
    actor_ok = lambda t: is_actor(t, know)  # noqa: E731
    if anchor.pos_ == "NOUN":
        actors = syntax.noun_actor_heads(anchor, know.object_control, by_of=typ == "CONSULT")
        preps = syntax.NOUN_PREPS - ({"of"} if typ == "CONSULT" else set())
        recipients = syntax.recipient_heads(anchor, match.path, actor_ok, preps)
        verb = syntax.light_verb(anchor)
        if verb is not None:
            skip = match.path | {anchor.i}
            recipients += syntax.recipient_heads(verb, skip, actor_ok, syntax.RECIPIENT_PREPS)
        parties = syntax.between(anchor)
        actors, recipients = (actors, recipients + parties) if actors else (parties, recipients)
    else:
        actors = syntax.subject_heads(anchor, know.object_control)
        preps = syntax.RECIPIENT_PREPS - ({"at"} if typ == "CONSULT" else set())
        recipients = syntax.recipient_heads(anchor, match.path, actor_ok, preps)
    if not recipients and typ in ("REQUEST", "REJECT", "ACCUSE"):
        recipients = _clause_subjects(anchor, know)
    taken = {t.i for t in actors}
    return actors, [t for t in recipients if t.i not in taken]


def _location(match: Match, know: Knowledge) -> Participant | None:
    anchor = match.anchor
    heads = [anchor, *(t for t in anchor.sent if t.i in match.path)]
    verb = syntax.light_verb(anchor) if anchor.pos_ == "NOUN" else None
    heads += [verb] if verb is not None else []
    head = syntax.location_head(heads, lambda t: is_place(t, know))
    return participants([head], know)[0] if head is not None else None


def base_event(match: Match, gov: Governor | None, know: Knowledge, contexts: tuple[str, ...]) -> CodedEvent:
    """The event of one trigger, as its lexicon entry codes it (before PLOVER's modality rules)."""
    lex, pattern, anchor = know.lexicon, match.pattern, match.anchor
    actor_heads, recipient_heads = _heads(match, know)
    actors, recipients = participants(actor_heads, know), participants(recipient_heads, know)
    place = _location(match, know)
    if not recipients and place is not None and place.country and pattern.type != "CONSULT":
        recipients = (place,)
    typ, mode = pattern.type, pattern.mode
    if typ == "ASSAULT" and mode is None:
        mode = _instrument_mode(anchor.sent, anchor, lex)
    multi = pattern.flag_value("multi")
    if multi and (len(actors) > 1 or len({p.country for p in actors + recipients if p.country}) > 1):
        typ, mode = multi, None
    cameo = pattern.cameo if typ == pattern.type else None
    reporter = syntax.report_subject(anchor, lambda w: lex.cue("report", w) is not None)
    return CodedEvent(
        type=typ, mode=mode, context=_merge(pattern.context, contexts),
        cameo=cameo or lex.cameo_of(typ, mode), modality=modality_of(match, gov, lex),
        trigger=_trigger_span(match), actors=actors, recipients=recipients,
        location=place.text if place else None,
        attribution=syntax.phrase_span(reporter).text if reporter is not None else None,
    )  # fmt: skip


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
    a negated cooperative one a REJECT: the PLOVER coding comes first, the event as read second."""
    rule = lex.types[event.type]
    if event.modality in ("future", "offered"):
        new_type = rule.future
    elif event.modality == "negated":
        new_type = rule.negated
    else:
        new_type = None
    if new_type is None:
        return [event]
    mode = threat_mode(event, lex) if new_type == "THREATEN" else None
    derived = replace(event, type=new_type, mode=mode, cameo=lex.cameo_of(new_type, mode), derived_from=event.type)
    return [derived, event]


def control_event(tok: Token, word: ControlWord, governed: CodedEvent, own: CodedEvent | None, know: Knowledge) -> CodedEvent | None:
    """The event of a governing word ('threatened to ...', 'refused to ...', 'prepared to ...')."""
    lex = know.lexicon
    typ = word.coop if lex.types[governed.type].cooperative else word.conflict
    if typ is None:
        return None
    if typ == "THREATEN":
        mode = threat_mode(governed, lex)
    else:
        mode = own.mode if own is not None and own.type == typ else None
    if own is None:
        span = tok.doc[tok.i : tok.i + 1]
        actors = participants(syntax.subject_heads(tok, know.object_control), know)
        own = CodedEvent(typ, None, (), None, own_modality(tok, lex) or "asserted",
                         TextSpan(span.text, span.start_char, span.end_char), actors, (), None, governed.attribution)  # fmt: skip
    recipients = own.recipients or governed.recipients
    cameo = own.cameo if own.type == typ and own.cameo else lex.cameo_of(typ, mode)
    return replace(own, type=typ, mode=mode, context=_merge(own.context, governed.context), cameo=cameo,
                   recipients=recipients, location=own.location or governed.location)  # fmt: skip


# ---------------------------------------------------------------------------------- a sentence


def deontic_requests(sent: Span, anchors: frozenset[int], know: Knowledge, contexts: tuple[str, ...]) -> dict[int, CodedEvent]:
    """'X said Y must ...' -> X's REQUEST to Y, keyed by the index of Y's verb."""
    lex, out = know.lexicon, {}
    for verb in sent:
        modal = next((c for c in verb.children if c.dep_ == "aux" and lex.cue("deontic", c.lower_)), None)
        report = verb.head
        if modal is None or verb.dep_ != "ccomp" or report.i in anchors or not lex.cue("report", report.lemma_.lower()):
            continue
        subj = syntax.own_subject(verb)
        span = sent.doc[modal.i : verb.i + 1]
        out[verb.i] = CodedEvent(
            "REQUEST", None, contexts, lex.cameo_of("REQUEST", None), own_modality(report, lex) or "asserted",
            TextSpan(span.text, span.start_char, span.end_char),
            participants(syntax.subject_heads(report, know.object_control), know),
            participants(syntax.conjuncts(syntax.resolve(subj)), know) if subj is not None else (), None, None,
        )  # fmt: skip
    return out


def code_sentence(sent: Span, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None) -> list[CodedEvent]:
    """The PLOVER events of one parsed sentence, main events first."""
    know = Knowledge(lexicon or default_lexicon(), gazetteer or default_gazetteer())
    lex = know.lexicon
    matches = find_matches(sent, lex)
    anchors = frozenset(m.anchor.i for m in matches)
    govs = {m.anchor.i: governor(m, anchors, lex) for m in matches}
    contexts = sentence_contexts(sent, lex)
    bases = {m.anchor.i: base_event(m, govs[m.anchor.i], know, contexts) for m in matches}
    ranked: list[tuple[int, int, int, CodedEvent]] = []
    for i, event in deontic_requests(sent, anchors, know, contexts).items():
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
        ranked.append((syntax.depth(sent.doc[i]), i, 0, event))
    for i, event in bases.items():
        gov = govs[i]
        if i in controls or gov is not None and (gov.absorbs or gov.control is not None and not gov.control.emit):
            continue
        typed = gov is not None and gov.control is not None and (gov.control.coop or gov.control.conflict)
        for k, e in enumerate([event] if typed else plover_rules(event, lex)):
            ranked.append((syntax.depth(sent.doc[i]), i, k, e))
    return _unique([e for *_, e in sorted(ranked, key=lambda r: r[:3])])


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

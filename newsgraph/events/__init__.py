"""Stage 5, events: who did what to whom, when and where, PLOVER-coded.

Public entry points: :func:`code_document` (the events each sentence of a parsed document
reports, run in the build's batches) and :func:`newsgraph.events.assemble.assemble` (events with
their entities and times, across the store). Sentence coding lives in
:mod:`newsgraph.events.coder` (lexicons in ``data/``), merging of one happening's reports in
:mod:`newsgraph.events.merge`, story clustering in :mod:`newsgraph.events.stories` (the index kept
for ``add`` in :mod:`newsgraph.events.story_index`, the build step in
:mod:`newsgraph.events.grouping`) and the ``timeline`` query in :mod:`newsgraph.events.timeline`.
"""
from __future__ import annotations

from dataclasses import replace

from newsgraph.events.coder import CodedEvent, code_sentence
from newsgraph.events.timing import attach
from newsgraph.records import Document, EventMention, Participant

__all__ = ["code_document"]


def code_document(document: Document, paragraphs: list) -> tuple[EventMention, ...]:
    """Every event of a document, from its parsed paragraphs ``[(offset, spacy Doc)]``.

    A definite event noun with no participants of its own ("when THE TALKS resumed") refers to
    the latest earlier event of its type and word in the document that has some (else of its
    type), and takes them. Each event keeps the time expression the parse attaches to it
    (:mod:`newsgraph.events.timing`)."""
    out: list[EventMention] = []
    told: dict = {}  # type, and (type, trigger word) -> the latest such event with participants
    person: tuple[Participant, int] | None = None  # the latest sentence subject naming a person, and its sentence
    number = 0
    for offset, parsed in paragraphs:
        for sent in parsed.sents:
            number += 1
            start, end = offset + sent.start_char, offset + sent.end_char
            events = code_sentence(sent)
            spans = attach(sent, events)
            here = _subject_person(sent, offset)
            earlier = person[0] if person is not None and number - person[1] <= PRONOUN_REACH else None
            for event, span in zip(events, spans):
                mention = _mention(document, start, end, offset, event)
                mention = replace(mention, actors=tuple(_antecedent(p, here, earlier) for p in mention.actors))
                if span is not None:
                    mention = replace(mention, time_at=(offset + span[0], offset + span[1]))
                word = (mention.type, event.trigger.text.lower())
                if mention.actors or mention.recipients:
                    told[mention.type] = told[word] = mention
                elif event.definite and (word in told or mention.type in told):
                    referent = told.get(word) or told[mention.type]
                    mention = replace(mention, actors=referent.actors, recipients=referent.recipients)
                out.append(mention)
            named = here or _sole_person(sent, offset)
            if named is not None:
                person = (named, number)
    return tuple(out)


PRONOUN_REACH = 2  # sentences back that "he" or "she" looks for the person it stands for
_PERSONAL = frozenset({"he", "she"})
_POSSESSIVE = frozenset({"his", "her"})


def _subject_person(sent, offset: int) -> Participant | None:
    """The person the sentence's main clause is about: a person's name in its root subject ("The RSF
    leader Tomas Brin said ..."), with document offsets; None when the subject names no person."""
    for name in sent.ents:
        if name.label_ != "PERSON":
            continue
        head = name.root
        while head.dep_ in ("compound", "appos", "flat") and head.head is not head:
            head = head.head  # "the RSF leader Tomas Brin": the phrase's head
        if head.dep_ == "ROOT" or head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ROOT":
            return Participant(name.text, offset + name.start_char, offset + name.end_char)
    return None


def _sole_person(sent, offset: int) -> Participant | None:
    """The one person a sentence names when its subject names none ("... described by Prince Tomas as ...")."""
    names = {e.text: e for e in sent.ents if e.label_ == "PERSON"}
    if len(names) != 1:
        return None
    name = next(iter(names.values()))
    return Participant(name.text, offset + name.start_char, offset + name.end_char)


def _antecedent(p: Participant, here: Participant | None, earlier: Participant | None) -> Participant:
    """"He" or "she" as an actor stands for the person the sentence's main clause names before it ("Brin said
    he would ..."), else the person the subject of one of the PRONOUN_REACH sentences before names ("Brin
    arrived. He said ..."), or the one person such a sentence names when its subject names none ("The deal
    was signed, Brin's aide said. He ..."); "his forces" act for that person. Other phrases are kept."""
    words = p.text.lower().split()
    if not words or not (words == [words[0]] and words[0] in _PERSONAL or words[0] in _POSSESSIVE and len(words) == 2):
        return p
    found = here if here is not None and here.end <= p.start else earlier
    if found is None or found.start == p.start:
        return p
    return Participant(found.text, found.start, found.end, p.country, p.sector)


def _mention(document: Document, start: int, end: int, offset: int, e: CodedEvent) -> EventMention:
    def shifted(p) -> Participant:
        return Participant(p.text, offset + p.start, offset + p.end, p.country, p.sector)

    return EventMention(
        doc=document.id, sentence_start=start, sentence_end=end, type=e.type, mode=e.mode, context=tuple(e.context),
        cameo=e.cameo, modality=e.modality,
        trigger=Participant(e.trigger.text, offset + e.trigger.start, offset + e.trigger.end),
        actors=tuple(shifted(p) for p in e.actors), recipients=tuple(shifted(p) for p in e.recipients),
        location=_found(document.text, e.location, start, end), attribution=_found(document.text, e.attribution, start, end),
        derived_from=e.derived_from, magnitude=e.magnitude,
    )


def _found(text: str, phrase: str | None, start: int, end: int) -> Participant | None:
    """A phrase the coder gives as text, located in its sentence."""
    if not phrase:
        return None
    at = text.find(phrase, start, end)
    return Participant(phrase, at, at + len(phrase)) if at >= 0 else Participant(phrase, start, start)

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
    for offset, parsed in paragraphs:
        for sent in parsed.sents:
            start, end = offset + sent.start_char, offset + sent.end_char
            events = code_sentence(sent)
            spans = attach(sent, events)
            for event, span in zip(events, spans):
                mention = _mention(document, start, end, offset, event)
                if span is not None:
                    mention = replace(mention, time_at=(offset + span[0], offset + span[1]))
                word = (mention.type, event.trigger.text.lower())
                if mention.actors or mention.recipients:
                    told[mention.type] = told[word] = mention
                elif event.definite and (word in told or mention.type in told):
                    earlier = told.get(word) or told[mention.type]
                    mention = replace(mention, actors=earlier.actors, recipients=earlier.recipients)
                out.append(mention)
    return tuple(out)


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

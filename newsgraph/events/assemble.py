"""Events with their entities, places and times, from the event mentions the build coded.

Public entry point: :func:`assemble`. Each actor, recipient, place and source phrase is tied to the
entity of the mention it holds (a person inside it first, then a person named right after it —
"Egyptian Army Chief of Staff, Lieutenant General Mahmoud X" —, then an organisation, then a
country; a description followed by "led by X" stands for X); an event takes the time
expression of its sentence nearest its trigger, read against the document's publication date, and
otherwise only the bound that it happened by publication. In a document without a publication
date a year-less date ("on October 23") takes the year of the latest written month or day the
document reports as past, when it falls in that month or shortly after (the rule that bounds the
publication date, :mod:`newsgraph.time.dct`). Reports of one happening in several documents are
then merged (:mod:`newsgraph.events.merge`).
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace

from newsgraph.records import EventMention, Participant, Time
from newsgraph.resolve import entity_id
from newsgraph.events.merge import MergeIndex, merged
from newsgraph.time.dct import context_bound, yearless_bound
from newsgraph.time.expressions import TimeExpression, find_times
from newsgraph.time.timex import interval_of

Mark = tuple[int, int, str, str]  # (start, end, entity type, entity) of a linked mention
_APPOSITION = re.compile(r"(?:\s*\([A-Za-z.]{2,10}\))?,\s+(?:[A-Z][\w.'’-]*\s+){0,4}")
_LED_BY = re.compile(r",?\s+(?:(?:which|that|who) (?:is|was|are|were)\s+)?(?:led|headed|chaired|commanded|run) by\s+[^,.;:()]{0,80}")
_BARE_APPOSITION = re.compile(r"\s+(?:[A-Z][\w.'’-]*\s+){0,4}")  # "her counterpart Peter X"
_PRIORITY = ("PERSON", "ORG", "FAC", "GPE", "LOC", "NORP")


def assemble(store) -> int:
    """Write the store's events, reports of one happening merged; returns how many events."""
    index = MergeIndex()

    def events():
        for doc, published, text, mentions, marks in store.event_documents():
            times = DocumentTimes(text, published)
            for em in mentions:
                event = _event(em, text, marks, times)
                index.add(event)
                yield event

    total = store.write_events(events())
    for group in index.groups():
        bodies = store.events_by_id(group)
        store.replace_events(group, [merged([bodies[i] for i in group if i in bodies])])
        total -= len(group) - 1
    return total


def _event(em: EventMention, text: str, marks: Sequence[Mark], times: DocumentTimes) -> dict:
    actors = _entities(em.actors, text, marks)
    recipients = [e for e in _entities(em.recipients, text, marks) if e not in actors]
    return {
        "id": "V" + hashlib.sha1(f"{em.doc}:{em.trigger.start}:{em.type}".encode()).hexdigest()[:12],
        "type": em.type, "mode": em.mode, "context": list(em.context), "cameo": em.cameo,
        "actors": actors, "recipients": recipients,
        "location": entity_of(em.location, text, marks) if em.location else None,
        "time": times.of(em).as_dict(), "modality": em.modality,
        "attributed_to": entity_of(em.attribution, text, marks) if em.attribution else None,
        "sources": 1,
        "mentions": [{"doc": em.doc, "start": em.sentence_start, "end": em.sentence_end,
                      "sentence": text[em.sentence_start:em.sentence_end], "trigger": em.trigger.text,
                      "trigger_start": em.trigger.start, "trigger_end": em.trigger.end}],
        "actor_text": [p.text for p in em.actors], "recipient_text": [p.text for p in em.recipients],
    }


def _entities(phrases: Sequence[Participant], text: str, marks: Sequence[Mark]) -> list[str]:
    out: list[str] = []
    for p in phrases:
        entity = entity_of(p, text, marks)
        if entity and entity not in out:
            out.append(entity)
    return out


def entity_of(p: Participant, text: str, marks: Sequence[Mark]) -> str | None:
    """The entity a phrase names: by the mentions inside it, a person named in apposition to it,
    or the person a description is "led by"."""
    inside = [m for m in marks if m[0] < p.end and p.start < m[1]]
    person = next((m for m in inside if m[2] == "PERSON"), None)
    if person:
        return person[3]
    apposition = _APPOSITION.match(text, p.end) or (_BARE_APPOSITION.match(text, p.end) if _ends_lower(p) else None)
    if apposition:
        named = next((m for m in marks if m[0] == apposition.end() or (m[0] >= p.end and m[0] <= apposition.end()
                                                                        and m[2] == "PERSON")), None)
        if named and named[2] == "PERSON":
            return named[3]
    if not inside:
        led = _LED_BY.match(text, p.end)
        leader = next((m for m in marks if led and led.start() <= m[0] < led.end() and m[2] == "PERSON"), None)
        if leader:
            return leader[3]  # "the country's western government, led by X"
    ranked = sorted(inside, key=lambda m: (_PRIORITY.index(m[2]) if m[2] in _PRIORITY else 9, m[0]))
    if ranked and ranked[0][2] in ("GPE", "LOC") and p.sector == "GOV" and p.country and len(p.country) == 3 \
            and p.country not in ("IGO", "NGO", "IMG"):
        return entity_id(f"country:{p.country}")  # "Cairo has supplied ...": the capital speaks for its state
    return ranked[0][3] if ranked else None


def _ends_lower(p: Participant) -> bool:
    """A phrase ending in a common noun ("her Kenyan counterpart"), which a name may follow in apposition."""
    last = p.text.split()[-1] if p.text.split() else ""
    return last[:1].islower()


class DocumentTimes:
    """The dated time expressions of one document, found once, and the time of each event."""

    def __init__(self, text: str, published: Time):
        self.published = published
        interval = (published.earliest, published.latest) if published.earliest and published.latest else None
        found = [t for t in find_times(text, published.value, doc_interval=interval)
                 if t.timex.type == "DATE" and t.timex.value]
        if published.value is None:
            found = _with_years(found)
        self.found = found

    def of(self, em: EventMention) -> Time:
        """The expression of the event's sentence nearest its trigger, else 'by publication'."""
        inside = [t for t in self.found if em.sentence_start <= t.start and t.end <= em.sentence_end]
        if inside:
            best = min(inside, key=lambda t: abs(t.start - em.trigger.start))
            return Time(best.timex.value, best.timex.earliest, best.timex.latest, best.text)
        return Time(None, None, self.published.value or self.published.latest, None)


def _with_years(found: list[TimeExpression]) -> list[TimeExpression]:
    """Year-less dates of an undated document read in the year its written dates give."""
    context = context_bound(found)
    out = []
    for t in found:
        bound = yearless_bound(t, context) if context is not None else None
        if bound is not None:
            day = bound.day.isoformat()
            value = day if len(t.timex.value) == len("XXXX-MM-DD") else day[:7]
            start, end = interval_of(value)
            t = replace(t, timex=replace(t.timex, value=value, earliest=start, latest=end))
        out.append(t)
    return out

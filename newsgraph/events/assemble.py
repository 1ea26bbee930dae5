"""Events with their entities, places and times, from the event mentions the build coded.

Public entry point: :func:`assemble`. Each actor, recipient, place and source phrase is tied to the
entity of the mention it holds (a person inside it first, then a person named right after it —
"Egyptian Army Chief of Staff, Lieutenant General Mahmoud X" —, then an organisation, then a
country); an event takes the time expression of its sentence nearest its trigger, read against
the document's publication date, and otherwise only the bound that it happened by publication.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from newsgraph.records import EventMention, Participant, Time
from newsgraph.resolve import entity_id
from newsgraph.time.expressions import find_times

Mark = tuple[int, int, str, str]  # (start, end, entity type, entity) of a linked mention
_APPOSITION = re.compile(r"(?:\s*\([A-Za-z.]{2,10}\))?,\s+(?:[A-Z][\w.'’-]*\s+){0,4}")
_PRIORITY = ("PERSON", "ORG", "FAC", "GPE", "LOC", "NORP")


def assemble(store) -> int:
    """Write the store's events; returns how many."""
    marks = store.mention_entities()
    times: dict[tuple[str, int], list] = {}  # the time expressions of each sentence, found once
    events = [_event(em, published, text, marks.get(em.doc, []), times)
              for em, published, text in store.event_mentions()]
    store.write_events(events)
    return len(events)


def _event(em: EventMention, published: Time, text: str, marks: Sequence[Mark], times: dict) -> dict:
    actors = _entities(em.actors, text, marks)
    recipients = [e for e in _entities(em.recipients, text, marks) if e not in actors]
    return {
        "id": "V" + hashlib.sha1(f"{em.doc}:{em.trigger.start}:{em.type}".encode()).hexdigest()[:12],
        "type": em.type, "mode": em.mode, "context": list(em.context), "cameo": em.cameo,
        "actors": actors, "recipients": recipients,
        "location": entity_of(em.location, text, marks) if em.location else None,
        "time": _time(em, published, text, times).as_dict(), "modality": em.modality,
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
    """The entity a phrase names, by the mentions inside it or a person named in apposition to it."""
    inside = [m for m in marks if m[0] < p.end and p.start < m[1]]
    person = next((m for m in inside if m[2] == "PERSON"), None)
    if person:
        return person[3]
    apposition = _APPOSITION.match(text, p.end)
    if apposition:
        named = next((m for m in marks if m[0] == apposition.end() or (m[0] >= p.end and m[0] <= apposition.end()
                                                                        and m[2] == "PERSON")), None)
        if named and named[2] == "PERSON":
            return named[3]
    ranked = sorted(inside, key=lambda m: (_PRIORITY.index(m[2]) if m[2] in _PRIORITY else 9, m[0]))
    if ranked and ranked[0][2] in ("GPE", "LOC") and p.sector == "GOV" and p.country and len(p.country) == 3 \
            and p.country not in ("IGO", "NGO", "IMG"):
        return entity_id(f"country:{p.country}")  # "Cairo has supplied ...": the capital speaks for its state
    return ranked[0][3] if ranked else None


def _time(em: EventMention, published: Time, text: str, times: dict) -> Time:
    key = (em.doc, em.sentence_start)
    if key not in times:
        sentence = text[em.sentence_start:em.sentence_end]
        times[key] = [t for t in find_times(sentence, published.value) if t.timex.type == "DATE" and t.timex.value]
    found = times[key]
    if found:
        trigger = em.trigger.start - em.sentence_start
        best = min(found, key=lambda t: abs(t.start - trigger))
        return Time(best.timex.value, best.timex.earliest, best.timex.latest, best.text)
    return Time(None, None, published.value or published.latest, None)

"""One event per real-world happening: the same event reported by several articles is merged.

Public entry points: :class:`MergeIndex` (collects a compact key per assembled event, then gives
the groups to merge) and :func:`merged` (one event body from a group's bodies).

Two reports are one event when (all must hold):

- they come from different documents (exact duplicates are stored once, near duplicates are
  dropped at ingest, so a wire copy counts once);
- same PLOVER type and same modality ("met" and "did not meet" are not one event);
- their parties overlap: for directed types the actors share an entity and the recipients share
  one (or one side names none); for symmetric ones (CONSULT, COOPERATE, AGREE...) both sets of
  parties share an entity and neither adds a party the other's document contradicts — in
  practice, one set of parties holds the other, or they share two;
- their times overlap and both are precise: an interval of at most ``MAX_DAYS`` days (a date
  written as "in 2018" cannot tell two events apart). An event with no time expression of its own
  is only known to have happened by publication; two such reports merge only when published
  within ``UNDATED_DAYS`` days of each other and their parties are the same;
- their places agree when both have one.

A group grows only by events compatible with its first member, so a chain A~B, B~C never glues
A to an incompatible C. Cost: events are blocked by (type, modality, entity), and compared only
within a block, in time order, while their intervals overlap.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE", "MOBILIZE"})
MAX_DAYS = 31
UNDATED_DAYS = 2
BLOCK_LIMIT = 2000  # a block larger than this (a very common actor) is compared in time order only


@dataclass(frozen=True)
class EventKey:
    """What merging needs to know of an event."""

    id: str
    doc: str
    type: str
    modality: str
    actors: frozenset[str]
    recipients: frozenset[str]
    location: str | None
    first: date
    last: date
    dated: bool  # the interval comes from a time expression, not from the publication date

    @property
    def parties(self) -> frozenset[str]:
        return self.actors | self.recipients


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso and len(iso) >= 10 else None
    except ValueError:
        return None


def event_key(event: dict) -> EventKey | None:
    """The merge key of an assembled event, or None when it cannot be merged (no party, or no
    time precise enough)."""
    if not event["actors"] and not event["recipients"]:
        return None
    t = event.get("time") or {}
    first, last = _day(t.get("earliest")), _day(t.get("latest"))
    dated = bool(t.get("text"))
    if dated:
        if first is None or last is None or (last - first).days > MAX_DAYS:
            return None
    else:
        if last is None:
            return None
        first = last - timedelta(days=UNDATED_DAYS)
    doc = event["mentions"][0]["doc"]
    return EventKey(event["id"], doc, event["type"], event.get("modality") or "asserted",
                    frozenset(event["actors"]), frozenset(event["recipients"]), event.get("location"),
                    first, last, dated)


def compatible(a: EventKey, b: EventKey) -> bool:
    if a.doc == b.doc or a.type != b.type or a.modality != b.modality or a.dated != b.dated:
        return False
    if a.first > b.last or b.first > a.last:
        return False
    if a.location and b.location and a.location != b.location:
        return False
    if not a.dated and a.parties != b.parties:
        return False
    if a.type in SYMMETRIC:
        shared = a.parties & b.parties
        return bool(shared) and (len(shared) >= 2 or a.parties <= b.parties or b.parties <= a.parties)
    actors_ok = not a.actors or not b.actors or bool(a.actors & b.actors)
    recipients_ok = not a.recipients or not b.recipients or bool(a.recipients & b.recipients)
    return actors_ok and recipients_ok and bool(a.parties & b.parties)


class MergeIndex:
    """Collects event keys (in document order), then groups the ones to merge."""

    def __init__(self) -> None:
        self.keys: list[EventKey] = []

    def add(self, event: dict) -> None:
        key = event_key(event)
        if key is not None:
            self.keys.append(key)

    def groups(self) -> list[list[str]]:
        """Groups of two or more event ids, each led by its earliest-added event."""
        blocks: dict[tuple, list[int]] = defaultdict(list)
        for i, k in enumerate(self.keys):
            for party in k.parties:
                blocks[(k.type, k.modality, party)].append(i)
        group = list(range(len(self.keys)))  # each event's group, named by its first member
        members: dict[int, list[int]] = {}
        for block in blocks.values():
            if len(block) < 2:
                continue
            block.sort(key=lambda i: (self.keys[i].first, i))
            for pos, i in enumerate(block):
                for j in block[pos + 1 : pos + 1 + BLOCK_LIMIT]:
                    if self.keys[j].first > self.keys[i].last:
                        break
                    self._join(group, members, i, j)
        return [[self.keys[i].id for i in sorted(m)] for m in members.values()]

    def _join(self, group: list[int], members: dict[int, list[int]], i: int, j: int) -> None:
        """Put a lone event into the other's group when it fits every member; two groups never join."""
        gi, gj = group[i], group[j]
        if gi == gj or (gi in members and gj in members):
            return
        lone, g = (j, gi) if gj not in members else (i, gj)
        current = members.get(g, [g])
        if all(compatible(self.keys[m], self.keys[lone]) for m in current):
            members[g] = [*current, lone]
            group[lone] = g


def merged(bodies: list[dict]) -> dict:
    """One event from the bodies of its reports (the first is the group's leader)."""
    lead = bodies[0]
    actors = _union(b["actors"] for b in bodies)
    recipients = [r for r in _union(b["recipients"] for b in bodies) if r not in actors]
    timed = [b for b in bodies if (b.get("time") or {}).get("text")]
    time = min(timed, key=_width)["time"] if timed else lead["time"]
    mentions = [m for b in bodies for m in b["mentions"]]
    return {
        **lead, "actors": actors, "recipients": recipients, "time": time,
        "location": next((b["location"] for b in bodies if b.get("location")), None),
        "attributed_to": next((b["attributed_to"] for b in bodies if b.get("attributed_to")), None),
        "sources": len({m["doc"] for m in mentions}), "mentions": mentions,
        "actor_text": _union(b.get("actor_text", []) for b in bodies),
        "recipient_text": _union(b.get("recipient_text", []) for b in bodies),
    }


def _union(lists) -> list:
    out: list = []
    for items in lists:
        out.extend(x for x in items if x not in out)
    return out


def _width(body: dict) -> int:
    t = body["time"]
    first, last = _day(t.get("earliest")), _day(t.get("latest"))
    return (last - first).days if first and last else 10**6

"""Camps: actors grouped by their signed relations as of a date.

Public entry points: :func:`holds_on` (does a relation stand on a day), :func:`camps` (the grouping of a set
of relations) and :func:`changes` (pairs of actors that moved together or apart between two groupings).

Positive ties are supports, allied_with, leads, commands and member_of; negative ties are opposes and
sanctions (mediation and negotiation carry no sign). Each tie weighs its number of sources. The grouping
minimises frustration, as in signed-graph clustering: it starts from the positive components that hold no
negative tie inside, then moves one actor at a time to the camp where its positive ties minus its negative
ties weigh most (or alone, when every camp weighs below zero), until no move helps. An actor sits between
camps when it has positive ties into a camp other than its own.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsgraph.records import Relation

__all__ = ["Camp", "Grouping", "NEGATIVE", "POSITIVE", "camps", "changes", "holds_on"]

POSITIVE = frozenset({"supports", "allied_with", "leads", "commands", "member_of"})
NEGATIVE = frozenset({"opposes", "sanctions"})
_RANKS = frozenset({"leads", "commands", "member_of"})
_MAX_PASSES = 30


@dataclass(frozen=True)
class Camp:
    """Actors on one side, the relations that hold them together, and who of them also leans elsewhere."""

    members: tuple[str, ...]
    holding: tuple[str, ...]  # relation ids inside the camp
    between: tuple[str, ...]  # members with positive ties into another camp


@dataclass(frozen=True)
class Grouping:
    """Camps (largest first), the relations set across camps against each other, and the unaligned."""

    camps: tuple[Camp, ...]
    conflicts: tuple[str, ...]  # negative relation ids between two camps
    alone: tuple[str, ...]  # actors with relations but in no camp of two or more
    people: frozenset[str] = frozenset()  # members who sit with the body they lead or serve

    def camp_of(self) -> dict[str, int]:
        return {a: k for k, camp in enumerate(self.camps) for a in camp.members}


def known_from(rel: Relation) -> str | None:
    """The first day ``rel`` is known to stand on: the lower end of when it held; else the earliest day it is
    known to have held by — the upper bound of "by 2017-05-17", or the last day the sources could have said so
    (a report of a known day, or of an undated document published at the latest then); else the day its reports
    begin. None when it is undated."""
    if rel.valid.low:
        return rel.valid.low
    bounds = [d for d in (rel.valid.latest, rel.reported.high) if d]
    return min(bounds) if bounds else rel.reported.first_day


def holds_on(rel: Relation, day: str | None) -> bool:
    """Whether ``rel`` stands on ``day`` (ISO): it is known to hold by then (:func:`known_from` on or before
    the day: a relation known only "by 2017-05-17" does not stand in 2016) and it was not retired before.
    With no day: whether it stands now (not retired). An undated relation stands until it is retired."""
    if day is None:
        return rel.retired is None
    start = known_from(rel)
    if start and day < start:
        return False
    before = (rel.retired or {}).get("before")
    return not (rel.retired and (before is None or day >= before))


def camps(relations: Iterable[Relation]) -> Grouping:
    """The camps the signed relations make (see the module docstring)."""
    rels = [r for r in relations if r.kind in POSITIVE | NEGATIVE and r.modality != "negated"]
    body = _bodies(rels)
    weight: dict[tuple[str, str], float] = defaultdict(float)
    for r in rels:
        a, b = sorted((body.get(r.source, r.source), body.get(r.target, r.target)))
        if a != b:
            weight[(a, b)] += (1 if r.kind in POSITIVE else -1) * max(1, r.sources)
    actors = sorted({body.get(x, x) for r in rels for x in (r.source, r.target)})
    ties: dict[str, dict[str, float]] = defaultdict(dict)
    for (a, b), w in weight.items():
        if w:
            ties[a][b] = w
            ties[b][a] = w
    camp = _positive_components(actors, ties)
    for _ in range(_MAX_PASSES):
        if not _improve(actors, ties, camp):
            break
    members: dict[int, list[str]] = defaultdict(list)
    for a in actors:
        members[camp[a]].append(a)
    folded: dict[str, list[str]] = defaultdict(list)
    for person, owner in sorted(body.items()):
        folded[owner].append(person)
    # a camp holds two or more bodies or states; each one's people sit right after it
    groups = sorted(([x for a in m for x in (a, *folded.get(a, ()))] for m in members.values() if len(m) >= 2),
                    key=lambda m: (-len(m), m))
    index = {a: k for k, m in enumerate(groups) for a in m}
    built = []
    for k, m in enumerate(groups):
        holding = tuple(sorted(r.id for r in rels if r.kind in POSITIVE and index.get(r.source) == k == index.get(r.target)))
        between = tuple(a for a in m if any(w > 0 and index.get(b, k) != k for b, w in ties.get(a, {}).items()))
        built.append(Camp(tuple(m), holding, between))
    conflicts = tuple(sorted(r.id for r in rels if r.kind in NEGATIVE and r.source in index and r.target in index
                             and index[r.source] != index[r.target]))
    alone = tuple(x for a in actors if a not in index for x in (a, *folded.get(a, ())))
    return Grouping(tuple(built), conflicts, alone, frozenset(body))


def _bodies(rels: list[Relation]) -> dict[str, str]:
    """person → the body or state they lead, command or serve (the one most sources say), so that camps are
    made of bodies and states and their people sit with them rather than binding camps together."""
    ranks: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rels:
        if r.kind in _RANKS:
            ranks[r.source][r.target] = ranks[r.source].get(r.target, 0) + max(1, r.sources)
    owners = {person: max(sorted(held), key=lambda b: held[b]) for person, held in ranks.items()}
    return {p: b for p, b in owners.items() if b not in owners}  # a body that itself serves another stays


def _positive_components(actors: Sequence[str], ties: dict[str, dict[str, float]]) -> dict[str, int]:
    """Union of positive ties, never joining two groups that a negative tie connects."""
    parent = {a: a for a in actors}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    members = {a: {a} for a in actors}
    for a, b, _w in sorted(((s, t, w) for s in actors for t, w in ties[s].items() if w > 0 and s < t),
                           key=lambda t: -t[2]):
        ra, rb = root(a), root(b)
        if ra == rb or any(ties[x].get(y, 0) < 0 for x in members[ra] for y in members[rb]):
            continue
        parent[rb] = ra
        members[ra] |= members.pop(rb)
    ids = {r: k for k, r in enumerate(sorted({root(a) for a in actors}))}
    return {a: ids[root(a)] for a in actors}


def _improve(actors: Sequence[str], ties: dict[str, dict[str, float]], camp: dict[str, int]) -> bool:
    """One pass of single moves; True when some actor moved."""
    moved = False
    size: dict[int, int] = defaultdict(int)
    for a in actors:
        size[camp[a]] += 1
    fresh = max(camp.values(), default=0) + 1
    for a in actors:
        pull: dict[int, float] = defaultdict(float)
        for b, w in ties[a].items():
            pull[camp[b]] += w
        here = camp[a]
        stay = pull.get(here, 0.0)
        best = max(sorted(pull), key=lambda k: pull[k], default=here)
        if pull.get(best, 0.0) > stay + 1e-9 and pull[best] > 0:
            target = best
        elif stay < 0 and size[here] > 1:  # every camp it touches is against it: it stands alone
            target, fresh = fresh, fresh + 1
        else:
            continue
        size[here] -= 1
        size[target] += 1
        camp[a] = target
        moved = True
    return moved


def changes(before: Grouping, after: Grouping) -> list[tuple[str, str, str]]:
    """(a, b, "joined" | "split") for actors in both groupings that were in one camp and now are in
    different ones, or the other way round."""
    old, new = before.camp_of(), after.camp_of()
    both = sorted((set(old) & set(new)) - before.people - after.people)  # bodies and states: their people follow
    out = []
    for i, a in enumerate(both):
        for b in both[i + 1:]:
            was, now = old[a] == old[b], new[a] == new[b]
            if was != now:
                out.append((a, b, "joined" if now else "split"))
    return out

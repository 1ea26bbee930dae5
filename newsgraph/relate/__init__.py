"""Stage 6, relate: who stands where. Typed, dated, cited relations between actors, and monthly dyads.

Public entry points: :func:`relate` (the stage: reads the store's documents, events and roles, writes its
relations and dyads) and, for the commands, :mod:`newsgraph.relate.queries`.

Evidence comes from sentences that state a relation (:mod:`~newsgraph.relate.statements`), from events
and the actors' roles (:mod:`~newsgraph.relate.aggregates`); :mod:`~newsgraph.relate.combine` makes one
dated relation of each kind, source and target; :mod:`~newsgraph.relate.dyads` counts the events of each
ordered pair and month by quad class; :mod:`~newsgraph.relate.blocs` groups actors into camps as of a date.
"""
from __future__ import annotations

from dataclasses import dataclass

from newsgraph.records import RelationClaim, Time
from newsgraph.relate.actors import SAME_SIDE_KINDS, is_actor, one_government, same_side
from newsgraph.relate.aggregates import event_claims, role_claims
from newsgraph.relate.combine import combine
from newsgraph.relate.dyads import dyads
from newsgraph.relate.statements import stated_claims
from newsgraph.store import Store

__all__ = ["RelateReport", "relate"]


@dataclass(frozen=True)
class RelateReport:
    """What one run of the stage wrote."""

    claims: int
    relations: int
    dyads: int


# A leader and his force, a minister and his state: one side, whatever else the events pair them in.
_RANKS = frozenset({"leads", "commands", "member_of"})


def _one_side(c: RelationClaim, entities: dict) -> bool:
    """Evidence between two parts of one side, which says nothing of their relation: a state backing or
    negotiating with its own government, a premier ordering or dismissing his own army or officials."""
    a, b = entities[c.source], entities[c.target]
    if c.kind in SAME_SIDE_KINDS or c.cue == "COERCE event":
        return same_side(a, b)
    return c.kind == "opposes" and one_government(a, b)


def relate(store: Store) -> RelateReport:
    """Recompute the store's relations and dyads from its documents, events and roles."""
    entities = {e.id: e for e in store.entities_of_types()}
    types = {i: e.type for i, e in entities.items() if is_actor(e)}
    published: dict[str, Time] = {}
    claims: list[RelationClaim] = []
    for doc in store.relate_documents():
        published[doc.doc] = doc.published
        claims += stated_claims(doc)
    events = list(store.events())
    bodies = frozenset(i for i, e in entities.items() if e.country == "IGO" or e.sector == "IGO")
    claims += event_claims(events, types, published, bodies)
    claims += role_claims(store.roles(), types)
    claims = [c for c in claims if c.source in types and c.target in types and not _one_side(c, entities)]
    ranks = {frozenset((c.source, c.target)) for c in claims if c.kind in _RANKS}
    claims = [c for c in claims if not (c.kind in SAME_SIDE_KINDS and frozenset((c.source, c.target)) in ranks)]
    relations = combine(claims)
    rows = dyads(events, types)
    n_rel, n_dyads = store.write_relations(relations, rows)
    return RelateReport(len(claims), n_rel, n_dyads)

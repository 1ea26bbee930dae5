"""Stage 6, relate: who stands where. Typed, dated, cited relations between actors, and monthly dyads.

Public entry points: :func:`relate` (the stage: reads the store's documents, events and roles, writes its
relations and dyads) and, for the commands, :mod:`newsgraph.relate.queries`.

Evidence comes from sentences that state a relation (:mod:`~newsgraph.relate.statements`), from events
and the actors' roles (:mod:`~newsgraph.relate.aggregates`); :mod:`~newsgraph.relate.combine` makes one
dated relation of each kind, source and target; :mod:`~newsgraph.relate.dyads` counts the events of each
ordered pair and month by quad class; :mod:`~newsgraph.relate.blocs` groups actors into camps as of a date.
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from dataclasses import dataclass

from newsgraph.records import Relation, RelationClaim, Time
from newsgraph.resolve import role_offices
from newsgraph.relate.actors import SAME_SIDE_KINDS, is_actor, one_government, same_side
from newsgraph.relate.aggregates import VERBAL_EVIDENCE, event_claims, role_claims, role_kind
from newsgraph.relate.combine import SYMMETRIC, combine_groups, relation_id
from newsgraph.relate.dyads import QUADS, DyadCounts, dyad_parts, dyads_of_sums
from newsgraph.relate.statements import stated_claims
from newsgraph.store import Store
from newsgraph.store.relations import RoleKinds, pair_part

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


def relate(store: Store, new: Sequence[str] | None = None, events: Sequence[str] = ()) -> RelateReport:
    """Recompute the store's relations and dyads from its documents, events and roles.

    With ``new`` (`add`: the documents added) and ``events`` (the ids of the events that merging them wrote),
    only the pairs of entities they touch are recomputed: the pairs the new documents' sentences state, the
    pairs of those events' parties and of the roles the new documents tell. A pair's relations and dyads rest
    only on its own evidence, so they come out as a whole run would make them. Neither the other documents'
    sentences nor the other events are read again: what each document states and what each event adds to the
    relations and the dyads is stored, and the store sums a pair's claims and dyad parts up (the claims are not
    made one by one in Python). A store that holds none of that yet is related in full."""
    if new is None or not store.holds_relation_parts():
        return _relate_all(store)
    entities = {e.id: e for e in store.entities_of_types()}
    types = {i: e.type for i, e in entities.items() if is_actor(e)}
    stated = [c for doc in store.relate_documents(only=new) for c in stated_claims(doc)]
    store.write_stated_claims(stated, docs=new)
    written = list(store.events_by_id(list(events)).values())
    claims, parts = _event_parts(written, types, store.publication_times(), _bodies(entities))
    store.replace_event_parts(list(events), claims, parts)
    pairs = {frozenset((c.source, c.target)) for c in stated} | {p for e in written for p in _pairs_of(e)}
    pairs |= {frozenset((person, of)) for person, _title, of, *_ in role_offices(store.role_claims(docs=new)) if of}
    pairs = {p for p in pairs if len(p) == 2}
    relations, evidence, pieces = _relations_between(store, pairs, entities, types)
    rows = dyads_of_sums(store.dyad_sums_between(pairs, QUADS))
    n_rel, n_dyads = store.write_relations(relations, rows, pairs, evidence=evidence)
    return RelateReport(pieces, n_rel, n_dyads)


def _relations_between(store: Store, pairs: set[frozenset[str]], entities: dict, types: dict
                       ) -> tuple[list[Relation], dict[str, str], int]:
    """The relations between the entities of each of these pairs, as combining their stored claims and their roles'
    (kept as :func:`_kept` keeps them) makes them, without making the claims in Python: the store sums them up by
    relation key (:meth:`claim_groups <newsgraph.store.relations.RelationTables.claim_groups>`). Returns them
    (without their evidence), relation id → its evidence encoded, and the pieces of evidence read."""
    among = {x for p in pairs for x in p}
    roles = RoleKinds({t: role_kind(t) for t in store.role_titles()},
                      persons=[x for x in among if types.get(x) == "PERSON"],
                      bodies=[x for x in among if types.get(x) in ("ORG", "GPE")])
    # which kinds and cues _kept drops is decided on one claim of each (what it decides on)
    keys = store.claim_keys(pairs, roles)
    kept = _kept([RelationClaim(kind, source, target, "asserted", Time(), Time(), cue)
                  for kind, source, target, cue in keys], entities, types)
    groups = store.claim_groups(pairs, roles, dropped=set(keys) - {(c.kind, c.source, c.target, c.cue) for c in kept},
                                symmetric=SYMMETRIC, verbal=VERBAL_EVIDENCE)
    evidence = {relation_id(g.kind, g.source, g.target): g.evidence or "[]" for g in groups}
    return combine_groups(groups), evidence, sum(g.pieces for g in groups)


_CHUNK = 5000  # events read, and their parts written, at a time in a whole relate


def _relate_all(store: Store) -> RelateReport:
    entities = {e.id: e for e in store.entities_of_types()}
    types = {i: e.type for i, e in entities.items() if is_actor(e)}
    published: dict[str, Time] = {}
    stated: list[RelationClaim] = []
    for doc in store.relate_documents():
        published[doc.doc] = doc.published
        stated += stated_claims(doc)
    store.write_stated_claims(stated)
    del stated
    counts, bodies = DyadCounts(), _bodies(entities)
    store.replace_event_parts(None)
    chunk: list[dict] = []
    for event in chain(store.events_in_id_order(), [None]):  # streamed; parts stored as they come
        if event is not None:
            chunk.append(event)
        if chunk and (event is None or len(chunk) >= _CHUNK):
            found, parts = _event_parts(chunk, types, published, bodies)
            store.add_event_parts(found, parts)
            counts.add(part[1:] for part in parts)
            chunk = []
    store.mark_relation_parts()
    # a pair's relations rest on its own claims only: summed up in the store part by part (as add sums the pairs
    # it touches), so that no claim is made in Python and memory holds one part's relations at a time
    by_part: dict[str, set[frozenset[str]]] = {}
    for c in role_claims(store.roles(), types):
        by_part.setdefault(pair_part(c.source, c.target), set()).add(frozenset((c.source, c.target)))
    relations, evidence, n_claims = [], {}, 0
    for part in sorted(set(store.claim_parts()) | set(by_part)):
        pairs = {p for p in set(store.claim_pairs_of_part(part)) | by_part.get(part, set()) if len(p) == 2}
        found, encoded, pieces = _relations_between(store, pairs, entities, types)
        relations += found
        evidence.update(encoded)
        n_claims += pieces
    relations.sort(key=lambda r: r.id)
    n_rel, n_dyads = store.write_relations(relations, counts.rows(), evidence=evidence)
    return RelateReport(n_claims, n_rel, n_dyads)


def _event_parts(events: Sequence[dict], types: dict, published: dict, bodies: frozenset[str]
                 ) -> tuple[list[RelationClaim], list[tuple]]:
    """What these events add to the relations (their claims) and to the dyads ((event id, *part))."""
    claims = event_claims(events, types, published, bodies)
    parts = [(e["id"], *part) for e in events for part in dyad_parts(e, types)]
    return claims, parts


def _bodies(entities: dict) -> frozenset[str]:
    """The intergovernmental bodies (what an event's claims treat apart)."""
    return frozenset(i for i, e in entities.items() if e.country == "IGO" or e.sector == "IGO")


def _kept(claims: list[RelationClaim], entities: dict, types: dict) -> list[RelationClaim]:
    """The claims between two actors that are not two parts of one side, and no same-side claim between a
    pair that one of them leads, commands or belongs to."""
    claims = [c for c in claims if c.source in types and c.target in types and not _one_side(c, entities)]
    ranks = {frozenset((c.source, c.target)) for c in claims if c.kind in _RANKS}
    return [c for c in claims if not (c.kind in SAME_SIDE_KINDS and frozenset((c.source, c.target)) in ranks)]


def _pairs_of(event: dict) -> set[frozenset[str]]:
    parties = list(event["actors"]) + list(event["recipients"])
    return {frozenset((a, b)) for a in parties for b in parties if a != b}

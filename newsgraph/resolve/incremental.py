"""Resolution across documents for `add`: the new documents' actors against the stored entities.

Public entry point: :func:`resolve_new`, which :func:`newsgraph.resolve.resolve` calls with the documents
added. The stored mentions are the name index: each local key (a normalised name) already linked points
at its entity.

- A new actor whose key (or the long form its acronym stands for) is in the index joins that entity; a
  country joins its state by code.
- The other names are clustered (:func:`newsgraph.resolve._group`, the whole build's clustering) together
  with the stored names that share a blocking key with them (:func:`~newsgraph.resolve.namekey.block_keys`),
  each with up to ``STORED_MEMBERS`` of its actors. A cluster holding stored names joins the entity of its
  oldest; one of new names only is a new entity, keyed (as in a whole build) by its oldest actor.
- Only the entities that gained actors are coded again (type, name, aliases, actor code, country from
  context, place); a state's record only gains the new spellings. Roles are recomputed from every claim,
  the bodies' codes of untouched entities read from the store.

Order effects against resolving everything at once, by design (ids never change): a new name that would
bridge two stored entities joins the older one and never merges them; a stored name's clustering is not
revisited; an untouched entity keeps the record its last resolution gave it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from newsgraph.records import Entity, LocalActor, MergeNote, Resolution
from newsgraph.resolve import (
    _acronym_map, _canonical, _code_of_owner, _context_country, _entity, _group, _name_roles, _offices_by_entity,
    _roles, _sentence_countries, entity_id, is_state,
)
from newsgraph.resolve.local import MEDIA_PREFIX, known_aliases
from newsgraph.resolve.namekey import block_keys, name_key
from newsgraph.resolve.places import locate

__all__ = ["resolve_new"]

STORED_MEMBERS = 200  # actors of a stored name read to give it its context when new names are clustered with it
_COUNTRY = "country:"


def resolve_new(store, new: Sequence[str]) -> Resolution:
    """Link the actors of the ``new`` documents to entities and code the entities they touch again (see the
    module docstring); returns what was written: those entities, every role, the new merge notes."""
    fresh = store.local_actors(docs=list(new))
    index = store.name_index()
    acronyms = {**known_aliases(), **_acronym_map(store.acronym_definitions())}
    links: list[tuple[str, str, str]] = []
    unknown: list[LocalActor] = []
    for a in fresh:
        display = _canonical(a.local, acronyms)
        known = index.get(a.local) or index.get(display) or index.get(MEDIA_PREFIX + display)
        if known:
            links.append((a.doc, a.local, known[0]))
        elif a.local.startswith(_COUNTRY):
            links.append((a.doc, a.local, entity_id(display)))
        else:
            unknown.append(a)
    clustered, merges, outlets = _cluster(store, unknown, index, acronyms)
    links += clustered
    store.link_new_actors(links)
    return _recode(store, {eid for _d, _l, eid in links}, merges, outlets, new)


def _cluster(store, unknown: list[LocalActor], index: dict[str, tuple[str, str]], acronyms: dict[str, str]
             ) -> tuple[list[tuple[str, str, str]], list[MergeNote], set[str]]:
    """Links for the actors whose names the index does not know, the merge notes of their clusters and the
    new entities that are outlets."""
    if not unknown:
        return [], [], set()
    wanted = {k for a in unknown for n in set(a.names) for k in block_keys(name_key(n))}
    near = [local for local, (_eid, name) in index.items()
            if not local.startswith(_COUNTRY) and block_keys(name_key(name)) & wanted]
    stored = store.local_actors(locals_=near, per_local=STORED_MEMBERS) if near else []
    actors = stored + unknown  # stored actors are older: a cluster's root is stored if it has any
    groups, log = _group(actors, acronyms, _sentence_countries(actors))
    links, entity_of = [], {}
    for key, members in groups.items():
        old = next((index[m.local][0] for m in members if m.local in index), None)
        eid = old or entity_id(key)
        entity_of[key] = eid
        links.extend((m.doc, m.local, eid) for m in members if m.local not in index)
    new_names = {n for a in unknown for n in a.names}
    notes = [MergeNote(entity_of.get(key, entity_id(key)), left, right, score, reason)
             for key, left, right, score, reason in log if left in new_names or right in new_names]
    outlets = {eid for key, eid in entity_of.items() if key.startswith(MEDIA_PREFIX)}
    return links, notes, outlets


def _recode(store, touched: set[str], merges: list[MergeNote], outlets: set[str], new: Sequence[str]) -> Resolution:
    """Code the touched entities again from all their actors, recompute the roles, write them."""
    stored = {e.id: e for e in store.entities_of_types()}
    states = {i for i, e in stored.items() if is_state(e)}
    outlets = outlets | {i for i, e in stored.items() if e.type == "ORG" and e.sector == "MED"}
    members: dict[str, list[LocalActor]] = defaultdict(list)
    others = sorted(eid for eid in touched if eid not in states)
    if others:
        actors = store.local_actors(entities=others)
        linked = store.entities_of_actors([(a.doc, a.local) for a in actors])
        for a in actors:
            members[linked[(a.doc, a.local)]].append(a)
    fresh_states = sorted(eid for eid in touched if eid in states)
    spellings: dict[str, set[str]] = defaultdict(set)
    if fresh_states:  # a state's record is its code's: it only gains the new spellings
        actors = store.local_actors(entities=fresh_states, docs=list(new))
        linked = store.entities_of_actors([(a.doc, a.local) for a in actors])
        for a in actors:
            spellings[linked[(a.doc, a.local)]].update(a.names)
    for eid in fresh_states:
        members[eid] = []
        kept = store.entity(eid)
        stored[eid] = replace(kept, aliases=tuple(sorted(set(kept.aliases) | spellings[eid])))
    roles = _roles(store.role_claims())
    owner_codes = {i: (e.country, e.sector) for i, e in stored.items()}
    owner_codes.update({eid: _code_of_owner(ms) for eid, ms in members.items() if ms})
    offices = _offices_by_entity(roles, owner_codes)
    docs = sorted({a.doc for ms in members.values() for a in ms})
    context = _sentence_countries(store.local_actors(docs=docs)) if docs else {}
    entities = [stored[eid] for eid in fresh_states]
    for eid, ms in members.items():
        if not ms:
            continue
        e = _entity(eid, ms, offices.get(eid, []), _context_country(ms, context))
        entities.append(replace(e, type="ORG", sector="MED") if eid in outlets else e)
    entities = _neighbour_countries(store, entities, members)
    resolution = Resolution(entities=tuple(entities), roles=tuple(_name_roles(roles, owner_codes)),
                            merges=tuple(merges), places=tuple(locate(entities, states)))
    store.update_resolution(resolution)
    return resolution


def _neighbour_countries(store, entities: list[Entity], members: dict[str, list[LocalActor]]) -> list[Entity]:
    """People and bodies still without a country take the one the coded actors beside them share (as
    :func:`newsgraph.resolve._with_neighbour_countries` does, reading the stored codes of the others)."""
    bare = [e for e in entities if e.country is None and e.type in ("PERSON", "ORG")]
    if not bare:
        return entities
    from newsgraph.resolve import _with_neighbour_countries

    docs = sorted({a.doc for e in bare for a in members[e.id]})
    around = store.local_actors(docs=docs)
    linked = store.entities_of_actors([(a.doc, a.local) for a in around])
    codes = {e.id: e for e in store.entities_of_types()} | {e.id: e for e in entities}
    beside: dict[str, list[LocalActor]] = defaultdict(list)
    for a in around:
        eid = linked.get((a.doc, a.local))
        if eid in codes and eid not in members:
            beside[eid].append(a)
    neighbours = [codes[eid] for eid in beside]
    done = _with_neighbour_countries(entities + neighbours, {**beside, **members})
    return done[:len(entities)]

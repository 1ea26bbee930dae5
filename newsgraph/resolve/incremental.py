"""Resolution across documents for `add`: the new documents' actors against the stored entities.

Public entry point: :func:`resolve_new`, which :func:`newsgraph.resolve.resolve` calls with the documents
added. The stored mentions are the name index: each local key (a normalised name) already linked points
at its entity.

- A new actor whose key (or the long form its acronym stands for) is in the index joins that entity; a
  country joins its state by code.
- The other names are clustered (:func:`newsgraph.resolve._group`, the whole build's clustering) together
  with the stored names that share a blocking key with them (:func:`~newsgraph.resolve.namekey.block_keys`;
  the keys of every stored spelling are kept in the store's ``name_blocks``), each with up to
  ``STORED_MEMBERS`` of its actors. A cluster holding stored names joins the entity of its
  oldest; one of new names only is a new entity, keyed (as in a whole build) by its oldest actor.
- Only the entities whose new actors bring something new (a spelling, a title, a country, a new most used
  spelling) are coded again: type, name, aliases, actor code, country from context, place. A state's record
  only gains the new spellings. New actors that repeat known names add votes to what the record already
  says, and it is kept (a type a whole build would count again by the labels' votes is revisited at the
  next news). Roles are recomputed for the people the new documents give a role or who are coded again; the
  bodies' codes of untouched entities are read from the store.

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
    _acronym_map, _canonical, _code_of_owner, _context_country, _entity, _group, _sentence_countries,
    _with_neighbour_countries, entity_id, is_state, name_blocks,
)
from newsgraph.resolve.local import MEDIA_PREFIX, known_aliases
from newsgraph.resolve.namekey import block_keys, name_key
from newsgraph.resolve.places import locate

__all__ = ["resolve_new"]

STORED_MEMBERS = 200  # actors of a stored name read to give it its context when new names are clustered with it
_COUNTRY = "country:"


def resolve_new(store, new: Sequence[str]) -> Resolution:
    """Link the actors of the ``new`` documents to entities and code the entities they touch again (see the
    module docstring); returns what was written: those entities and the new merge notes (the roles of the
    people whose roles may change are written in the store, not made in Python)."""
    fresh = store.local_actors(docs=list(new))
    index = store.name_index()
    acronyms = {**known_aliases(), **_acronym_map(store.acronym_definitions())}
    links: list[tuple[str, str, str]] = []
    unknown: list[LocalActor] = []
    told: dict[str, list[LocalActor]] = defaultdict(list)  # stored entity → its new actors
    for a in fresh:
        display = _canonical(a.local, acronyms)
        known = index.get(a.local) or index.get(display) or index.get(MEDIA_PREFIX + display)
        eid = known[0] if known else entity_id(display) if a.local.startswith(_COUNTRY) else None
        if eid:
            links.append((a.doc, a.local, eid))
            told[eid].append(a)
        else:
            unknown.append(a)
    clustered, merges, outlets = _cluster(store, unknown, index, acronyms)
    links += clustered
    store.link_new_actors(links)
    store.write_name_blocks(name_blocks(fresh), replace=False)
    return _recode(store, _news(store, told) | {eid for _d, _l, eid in clustered}, merges, outlets, new)


def _news(store, told: dict[str, list[LocalActor]]) -> set[str]:
    """The stored entities whose new actors tell something their record may change by: a new spelling, a
    title, a country code, or names that now make another of its spellings the most used (its display name);
    new actors that only repeat known names otherwise add votes to what the record already says, and it is
    kept (for a state, only a new spelling counts)."""
    aliases = store.entity_aliases(list(told))
    out = set()
    for eid, actors in told.items():
        known = aliases.get(eid)
        if known is None or any(n not in known for a in actors for n in a.names) or \
                any(a.titles or a.country for a in actors if not a.local.startswith(_COUNTRY)):
            out.add(eid)
    rest = [eid for eid, actors in told.items() if eid not in out and not actors[0].local.startswith(_COUNTRY)]
    names = store.entity_names(rest)
    for eid, counts in store.entity_name_counts(rest).items():
        if max(counts, key=lambda n: (len(n.split()), counts[n], n)) != names.get(eid):
            out.add(eid)
    return out


def _cluster(store, unknown: list[LocalActor], index: dict[str, tuple[str, str]], acronyms: dict[str, str]
             ) -> tuple[list[tuple[str, str, str]], list[MergeNote], set[str]]:
    """Links for the actors whose names the index does not know, the merge notes of their clusters and the
    new entities that are outlets."""
    if not unknown:
        return [], [], set()
    wanted = {k for a in unknown for n in set(a.names) for k in block_keys(name_key(n))}
    near = store.names_blocked(sorted(wanted))
    if near is None:  # a store made before the blocks were stored: the index's names, keyed here
        near = [local for local, (_eid, name) in index.items()
                if not local.startswith(_COUNTRY) and block_keys(name_key(name)) & wanted]
    near = [local for local in near if local in index]
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
    members = store.entity_actors(sorted(eid for eid in touched if eid not in states))
    entities = []
    spellings = {eid: {n for a in ms for n in a.names}
                 for eid, ms in store.entity_actors(sorted(touched & states), docs=list(new)).items()}
    for eid, names in spellings.items():  # a state's record is its code's: it only gains the new spellings
        kept = store.entity(eid)
        entities.append(replace(kept, aliases=tuple(sorted(set(kept.aliases) | names))))
    holders = sorted(touched | {c.person for c in store.role_claims(docs=list(new))})  # whose roles may change
    owner_codes = {i: (e.country, e.sector) for i, e in stored.items()}
    owner_codes.update({eid: _code_of_owner(ms) for eid, ms in members.items()})
    offices: dict[str, list[tuple]] = defaultdict(list)  # as _offices_by_entity counts them, from the store's sums
    for person, title, body, n in store.offices_held(sorted(members), _country_entity):
        offices[person] += [(title, *owner_codes.get(body, (None, None)))] * n if body else [(title, None, None)] * n
    coded = []
    for eid, ms in members.items():
        e = _entity(eid, ms, offices.get(eid, []), None)
        coded.append(replace(e, type="ORG", sector="MED") if eid in outlets else e)
    bare = [e for e in coded if e.country is None and e.type in ("PERSON", "ORG")]
    if bare:  # the country their sentences name, else the one the coded actors beside them share
        around = store.local_actors(docs=sorted({a.doc for e in bare for a in members[e.id]}))
        context = _sentence_countries(around)
        coded = [replace(e, country=_context_country(members[e.id], context)) if e in bare else e for e in coded]
        coded = _neighbour_countries(store, coded, members, around, stored)
    entities += coded
    resolution = Resolution(entities=tuple(entities), roles=(), merges=tuple(merges),
                            places=tuple(locate(entities, states)))
    store.update_resolution(resolution, holders)
    # the holders' roles, made from all their claims where they are stored (as _name_roles makes them)
    store.replace_roles_of(holders, {eid for eid, (_c, sector) in owner_codes.items() if sector == "MIL"},
                           _country_entity)
    return resolution


def _country_entity(code: str) -> str:
    """The entity of a country by its code (what role_offices names a role's country by)."""
    return entity_id(f"{_COUNTRY}{code}")


def _neighbour_countries(store, entities: list[Entity], members: dict[str, list[LocalActor]],
                         around: list[LocalActor], stored: dict[str, Entity]) -> list[Entity]:
    """People and bodies still without a country take the one the coded actors beside them (``around``: the
    actors of their documents) share, as :func:`newsgraph.resolve._with_neighbour_countries` does, with the
    ``stored`` codes of the others."""
    if not any(e.country is None and e.type in ("PERSON", "ORG") for e in entities):
        return entities
    linked = store.entities_of_actors([(a.doc, a.local) for a in around])
    codes = stored | {e.id: e for e in entities}
    beside: dict[str, list[LocalActor]] = defaultdict(list)
    for a in around:
        eid = linked.get((a.doc, a.local))
        if eid in codes and eid not in members:
            beside[eid].append(a)
    done = _with_neighbour_countries(entities + [codes[eid] for eid in beside], {**beside, **members})
    return done[:len(entities)]

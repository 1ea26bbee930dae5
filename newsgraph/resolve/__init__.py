"""Stage 4, resolve: entity mentions → entities, within and across documents.

Public entry points: :func:`resolve_document` (inside one document, run in the build's batches)
and :func:`resolve` (across the store). Inside a document, short forms and acronyms take the key of
the full name they abbreviate and demonyms their country's. Across documents, countries join by
ISO code, acronyms by the long forms the corpus defines for them, and the other names by
transliteration-aware clustering (:mod:`newsgraph.resolve.names`) with a merge log; each name
brings its context: type, country, the titles it is written with and the less common actors
named beside it. Types are
decided per entity; actor codes come from names, offices and the bodies they belong to; roles from
what the documents say of each person. An entity's id is a hash of the key of its oldest local
actor, so ids survive rebuilds and incremental adds.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

import pycountry

from newsgraph.records import Entity, LocalActor, MergeNote, Resolution, Role, Span, Time
from newsgraph.resolve.actors import entity_code, entity_type, holds_offices
from newsgraph.resolve.local import ACTOR_LABELS, MEDIA_PREFIX, known_aliases, name_key, resolve_document
from newsgraph.resolve.places import locate
from newsgraph.resolve.gazetteer import country_of
from newsgraph.resolve.namecontext import is_state_organ, name_context, with_place_names
from newsgraph.resolve.names import NameContext, cluster_names
from newsgraph.resolve.namekey import block_keys, name_key as parsed_name

__all__ = ["resolve", "resolve_document", "role_offices", "ACTOR_LABELS", "country_name", "is_state"]


def entity_id(key: str) -> str:
    return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def resolve(store, new: Sequence[str] | None = None) -> Resolution:
    """Recompute the store's entities, mention links, roles and merge log from the local actors. ``new``
    (`add`): resolve only these documents' actors against the stored entities
    (:mod:`newsgraph.resolve.incremental`); what is returned is then what was written."""
    if new is not None:
        from newsgraph.resolve.incremental import resolve_new  # it builds on this module

        return resolve_new(store, new)
    actors = store.local_actors()
    store.give_back_cache()  # the blocks DuckDB read and sorted for them: the clustering holds the actors themselves
    acronyms = {**known_aliases(), **_acronym_map(store.acronym_definitions())}
    context = _sentence_countries(actors)
    groups, merges = _group(actors, acronyms, context)
    entities = [(entity_id(key), members) for key, members in groups.items()]
    store.link_actors(_Links(entities))
    store.write_name_blocks(name_blocks(actors), replace=True)
    store.give_back_cache()  # what the update of every mention's entity read
    roles = role_offices(store.role_claims())
    store.give_back_cache()  # and what reading the role claims did
    owner_codes = {eid: _code_of_owner(ms) for eid, ms in entities}  # each entity's own code, once
    offices = _offices_by_entity(roles, owner_codes)
    outlets = {entity_id(key) for key in groups if key.startswith(MEDIA_PREFIX)}
    first = [_entity(eid, ms, offices.get(eid, []), _context_country(ms, context)) for eid, ms in entities]
    first = [replace(e, type="ORG", sector="MED") if e.id in outlets else e for e in first]
    final = tuple(_with_neighbour_countries(first, dict(entities)))
    states = {e.id for e in final if is_state(e)}
    resolution = Resolution(
        entities=final,
        roles=tuple(_name_roles(roles, owner_codes)),
        merges=tuple(MergeNote(entity_id(k), *rest) for k, *rest in merges),
        places=tuple(locate(final, states)),
    )
    store.write_resolution(resolution)
    return resolution


class _Links(Sequence):
    """(doc, local key, entity id) of every local actor of ``entities`` (entity id, its actors), made as they
    are read: a whole resolution links millions of actors, and keeps them already."""

    def __init__(self, entities: list[tuple[str, list[LocalActor]]]):
        self.entities = entities
        self.size = sum(len(members) for _, members in entities)

    def __len__(self) -> int:
        return self.size

    def __iter__(self):
        for eid, members in self.entities:
            for a in members:
                yield a.doc, a.local, eid

    def __getitem__(self, k):
        raise TypeError("read the links in order")


def name_blocks(actors: Sequence[LocalActor]) -> list[tuple[str, str]]:
    """(blocking key, local key) for each spelling of each actor's name (countries apart): the blocks that
    `add` finds the stored names to cluster new ones with in."""
    spellings = {(a.local, n) for a in actors if not a.local.startswith("country:") for n in a.names}
    return [(k, local) for local, n in spellings for k in block_keys(parsed_name(n))]


def _canonical(key: str, aliases: dict[str, str]) -> str:
    """An alias's long form; "un security council" → "united nations security council"."""
    if key in aliases:
        return aliases[key]
    first, _, rest = key.partition(" ")
    return f"{aliases[first]} {rest}" if rest and first in aliases and first.isalpha() and len(first) <= 5 else key


SentenceCountries = dict[str, dict[int, list[str]]]  # doc → sentence → the countries named in it


def _sentence_countries(actors: list[LocalActor]) -> SentenceCountries:
    """doc → sentence → the countries named in it, by country names, demonyms and known places (a dict per
    document: no (doc, sentence) key per sentence of the store)."""
    out: SentenceCountries = defaultdict(dict)
    for a in actors:
        code = a.country or (country_of(a.names[0]) if Counter(a.labels).most_common(1)[0][0] in ("GPE", "LOC", "FAC")
                             else None)
        if code and len(code) == 3 and code.isupper() and code not in ("IGO", "NGO", "IMG"):
            sentences = out[a.doc]
            for s in a.sentences:
                sentences.setdefault(s, []).append(code)
    return out


def _context_country(members: list[LocalActor], context: SentenceCountries) -> str | None:
    """The country the sentences around an actor's mentions name most, when they clearly agree."""
    votes = Counter(c for a in members for s in a.sentences for c in set(context.get(a.doc, {}).get(s, ()))
                    if c != a.country)
    if not votes:
        return None
    (best, n), total = votes.most_common(1)[0], sum(votes.values())
    return best if n >= 0.6 * total else None


def _with_neighbour_countries(entities: list[Entity], members: dict[str, list[LocalActor]]) -> list[Entity]:
    """People and bodies still without a country take the one the coded actors beside them share:
    "the DC's advisory Elders Council" is Tunisian because the DC is."""
    coded = {e.id: e.country for e in entities if e.country and e.type in ("PERSON", "ORG") and len(e.country) == 3
             and e.country not in ("IGO", "NGO", "IMG")}
    around: SentenceCountries = defaultdict(dict)  # doc → sentence → the codes of the coded actors in it
    for eid, country in coded.items():
        for a in members[eid]:
            sentences = around[a.doc]
            for s in a.sentences:
                sentences.setdefault(s, []).append(country)
    out = []
    for e in entities:
        if e.country is None and e.type in ("PERSON", "ORG"):
            votes = Counter(c for a in members[e.id] for s in a.sentences for c in around.get(a.doc, {}).get(s, ()))
            if votes and votes.most_common(1)[0][1] >= 0.6 * sum(votes.values()):
                e = replace(e, country=votes.most_common(1)[0][0])
        out.append(e)
    return out


def _acronym_map(definitions: Sequence[tuple[str, str, int]]) -> dict[str, str]:
    """Acronym key → long-form key, for acronyms the corpus defines one way only (or mostly one way)."""
    by_acronym: dict[str, Counter] = defaultdict(Counter)
    for acronym, long_form, docs in definitions:
        by_acronym[name_key(acronym)][name_key(long_form)] += docs
    out = {}
    for acronym, forms in by_acronym.items():
        (best, n), *rest = forms.most_common()
        if not rest or n > 2 * rest[0][1]:
            out[acronym] = best
    return out


def _group(actors: list[LocalActor], acronyms: dict[str, str], context: SentenceCountries | None = None
           ) -> tuple[dict[str, list[LocalActor]], list[tuple]]:
    """Entity key (its oldest member's key) → local actors; and the merge log (key, left, right, score, reason).

    Countries join by ISO code; acronyms join the long forms known for them ("UN", "U.N." and "United Nations"
    are one body) and the names are clustered, two long forms of different acronyms never together ("UN
    Security Council" is another body than the UN).
    """
    groups: dict[str, list[LocalActor]] = defaultdict(list)
    anchored = set(acronyms.values())
    outlets = {a.local.removeprefix(MEDIA_PREFIX) for a in actors if a.local.startswith(MEDIA_PREFIX)}
    names: list[str] = []
    members: dict[str, list[LocalActor]] = defaultdict(list)
    for a in actors:
        display = _canonical(a.local, acronyms)
        if a.local.startswith("country:"):
            groups[display].append(a)
            continue
        display = MEDIA_PREFIX + display if display in outlets else display  # an outlet somewhere is one everywhere
        if display not in members:
            names.append(display)
        members[display].append(a)
    shown = [display if display != members[display][0].local and not display.startswith(MEDIA_PREFIX)
             else _display_name(members[display]) for display in names]
    around = _co_mentions(actors)
    contexts = [replace(name_context(members[n], shown[k], around), defined=n in anchored, parent=_parent(n, anchored))
                for k, n in enumerate(names)]
    contexts = [replace(c, type="MEDIA") if n.startswith(MEDIA_PREFIX) else c for c, n in zip(contexts, names)]
    contexts = [_state_organ_country(c, name, members[n], context or {}) for c, name, n in zip(contexts, shown, names)]
    contexts = with_place_names(contexts, shown)
    clustering = cluster_names(shown, contexts)
    root_of: dict[int, str] = {}
    for name, label in zip(names, clustering.labels):
        root_of.setdefault(label, name)  # names are in order of their oldest actor
        groups[root_of[label]].extend(members[name])
    log = [(root_of[clustering.labels[m.left_index]], m.left, m.right, m.score, m.reason) for m in clustering.log]
    return groups, log


CO_MENTION_RARE = 0.002  # an actor named in more than this share of the documents (and > 5) is no evidence


def _co_mentions(actors: list[LocalActor]) -> dict[str, list[str]]:
    """Document → the local keys of the people and bodies it names that few documents name: sharing
    the actors every story names ("the UN") says nothing; countries are left out for that reason."""
    docs_of: dict[str, set[str]] = defaultdict(set)
    for a in actors:
        if not a.local.startswith("country:"):
            docs_of[a.local].add(a.doc)
    n_docs = len({a.doc for a in actors})
    cap = max(5, CO_MENTION_RARE * n_docs)
    out: dict[str, list[str]] = defaultdict(list)
    for local, docs in docs_of.items():
        if len(docs) <= cap:
            for doc in docs:
                out[doc].append(local)
    return out


def _parent(name: str, known: set[str]) -> str:
    """The known body whose name opens this one: "united nations" of "united nations security council"."""
    words = name.split()
    return next((" ".join(words[:k]) for k in range(len(words) - 1, 0, -1) if " ".join(words[:k]) in known), "")


def _state_organ_country(c: NameContext, name: str, members: list[LocalActor],
                         context: SentenceCountries) -> NameContext:
    """A state's organ named without its state ("the Foreign Ministry", "the Supreme Court") belongs to the
    country its sentences name: foreign ministries of two countries are two bodies, and one whose country
    the text does not tell is no known country's."""
    if c.country or not is_state_organ(name):
        return c
    # with no country around it, it is no other state's organ either: a country of its own, this name's
    return replace(c, country=_context_country(members, context) or f"?{name.casefold()}")


def _display_name(actors: list[LocalActor]) -> str:
    """The fullest name the actors are written with: most words, then most frequent."""
    counts = Counter(n for a in actors for n in a.names)
    return max(counts, key=lambda n: (len(n.split()), counts[n], n))


def role_offices(claims: list[tuple]) -> list[tuple]:
    """(person, title, of entity or country code, former, span, time) per claim. A claim's time is its
    sentence's (else its document's); a former office was held before that time, so only its end is known."""
    out = []
    for person, title, of_entity, of_country, former, doc, start, end, value, earliest, latest, text in claims:
        of = of_entity or (entity_id(f"country:{of_country}") if of_country else None)
        time = Time(None, None, latest or value, text) if former else Time(value, earliest, latest, text)
        out.append((person, title, of, bool(former), Span(doc, start, end), time))
    return out


def _offices_by_entity(roles: list[tuple], owner_codes: dict[str, tuple]) -> dict[str, list[tuple]]:
    """Entity → (title, owner's country, owner's sector) of each office it holds."""
    out: dict[str, list[tuple]] = defaultdict(list)
    for person, title, of, *_ in roles:
        country, sector = owner_codes.get(of, (None, None)) if of else (None, None)
        out[person].append((title, country, sector))
    return out


def _code_of_owner(members: list[LocalActor]) -> tuple[str | None, str | None]:
    name = _display_name(members)
    return _named_code(entity_type(members, name), name, members, members[0].country, (), ())


def _named_code(type_: str, name: str, members: list[LocalActor], country: str | None, offices: Sequence[tuple],
                titles: Sequence[str]) -> tuple[str | None, str | None]:
    """The entity's actor code from its display name, else (for a body whose fullest name carries no
    known code: "Greater Varland Cooperation Council") from its most used name that does ("UN")."""
    code = entity_code(type_, name, country, offices, titles)
    if code[0] is not None or type_ == "PERSON":
        return code
    counts = Counter(n for a in members for n in a.names)
    for other, _n in counts.most_common():
        found = entity_code(type_, other, country, offices, titles)
        if found[0] is not None:
            return found
    return code


def _name_roles(roles: list[tuple], owner_codes: dict[str, tuple]) -> list[Role]:
    """One Role per (person, title, body): every claim's evidence, the union of their times."""
    owner_sector = {eid: code[1] for eid, code in owner_codes.items()}
    merged: dict[tuple, list[tuple]] = defaultdict(list)
    for person, title, of, former, span, time in roles:
        if title in ("leader", "head") and of and owner_sector.get(of) == "MIL":
            title = "commander"
        merged[(person, title, of)].append((former, span, time))
    return [Role(person, title, of, _union([t for _, _, t in claims]), all(f for f, _, _ in claims),
                 tuple(s for _, s, _ in claims)) for (person, title, of), claims in merged.items()]


def _union(times: list[Time]) -> Time:
    """The interval that holds all the times; a value only when they all agree on it."""
    values = {t.value for t in times}
    lows = [t.earliest or t.day for t in times]  # a value is a bound only when it is a day
    highs = [t.latest or t.day for t in times]  # ("XXXX-WXX-2" or "2017-05" is not)
    earliest = min(lows) if all(lows) else None
    latest = max(highs) if all(highs) else None
    value = values.pop() if len(values) == 1 else None
    return Time(value, earliest if value is None or earliest else earliest, latest)


def _entity(eid: str, members: list[LocalActor], offices: list[tuple], context_country: str | None) -> Entity:
    country = next((a.country for a in members if a.country), None)
    name = country_name(country) if country and members[0].local.startswith("country:") else _display_name(members)
    type_ = entity_type(members, name)
    if type_ in ("ORG", "NORP") and offices and holds_offices(name):
        type_ = "PERSON"  # only people hold offices: "mediator Olusegun Obasanjo", tagged as a body elsewhere
    titles = [t for a in members for t in a.titles]
    code_country, sector = _named_code(type_, name, members, country, offices, titles)
    if code_country is None and type_ in ("PERSON", "ORG"):
        code_country = context_country
    aliases = sorted({n for a in members for n in a.names})
    return Entity(id=eid, name=name, type=type_, aliases=tuple(aliases), country=code_country, sector=sector)


def is_state(e: Entity) -> bool:
    """A country entity: the GPE the actor code of its country names (what events name states by)."""
    return e.type == "GPE" and bool(e.country) and e.id == entity_id(f"country:{e.country}")


def country_name(code: str) -> str:
    """The common name of a country by its ISO-3 code (the code itself when unknown)."""
    country = pycountry.countries.get(alpha_3=code)
    return getattr(country, "common_name", None) or getattr(country, "name", code) if country else code

"""Stage 4, resolve: entity mentions → entities.

Public entry point: :func:`resolve`. This first version groups mentions by their normalised surface
form (case, a leading "the", a possessive and spacing folded); the entity's type is the majority of
its mentions' labels. Ids are hashes of the grouping key, so they are stable across rebuilds and
incremental adds. Transliteration-aware matching (``names``) replaces the key in the actors stage.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

from newsgraph.records import Entity, EntityLink, Mention

__all__ = ["resolve", "ACTOR_LABELS", "surface_key"]

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
_LEADING_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|'|’s|’)$")


def surface_key(text: str) -> str:
    """A mention's grouping key: 'the Libyan National Army's' and 'Libyan National Army' agree."""
    text = _POSSESSIVE.sub("", _LEADING_THE.sub("", " ".join(text.split())))
    return text.casefold()


def entity_id(key: str) -> str:
    return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def resolve(store) -> int:
    """Link the store's unlinked actor mentions to entities; returns how many mentions were linked."""
    mentions = store.unlinked_mentions(ACTOR_LABELS)
    if not mentions:
        return 0
    links = [EntityLink(m.doc, m.start, m.end, entity_id(surface_key(m.text))) for m in mentions if surface_key(m.text)]
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for link, m in zip(links, mentions):
        by_entity[link.entity].append(m)
    for entity, old in store.mentions_of_entities(list(by_entity)).items():
        by_entity[entity].extend(old)
    store.write_entities([_entity(eid, ms) for eid, ms in by_entity.items()], links)
    return len(links)


def _entity(eid: str, mentions: list[Mention]) -> Entity:
    surfaces = Counter(_POSSESSIVE.sub("", _LEADING_THE.sub("", " ".join(m.text.split()))) for m in mentions)
    name = max(surfaces, key=lambda s: (surfaces[s], s[:1].isupper(), s))
    label = Counter(m.label for m in mentions).most_common(1)[0][0]
    return Entity(id=eid, name=name, type=label, aliases=tuple(sorted(surfaces)))

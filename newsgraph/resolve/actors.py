"""What an entity is: its type by vote of its mentions (corrected by name shape and gazetteers), and its
actor code (country and sector) from its name, its offices and the bodies they belong to."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsgraph.records import LocalActor
from newsgraph.resolve.gazetteer import actor_code, default_gazetteer
from newsgraph.resolve.namekey import name_key
from newsgraph.resolve.roles import office_sector

PLACE_TYPES = ("GPE", "LOC", "FAC")
MILITARY_RANKS = ("general", "gen", "marshal", "marshall", "brigadier", "colonel", "col", "major", "lieutenant",
                  "lt", "admiral", "commander", "brig", "maj")


def entity_type(actors: Sequence[LocalActor], name: str) -> str:
    """PERSON, ORG, GPE, LOC, FAC or NORP, decided for the entity, not per mention."""
    if any(a.country for a in actors):
        return "GPE"
    votes: Counter[str] = Counter()
    for a in actors:
        for n, label in zip(a.names, a.labels):
            votes[label] += 2 if label == "PERSON" and len(n.split()) > 1 else 1
        votes["PERSON"] += 2 * len(a.titles)
    known = _gazetteer_kind(name)
    if known:
        return known
    if name_key(name).org_like:
        votes["ORG"] += sum(votes.values())
    best = votes.most_common(1)[0][0] if votes else "ORG"
    if best == "NORP" and (votes["PERSON"] or votes["ORG"]):
        best = "PERSON" if votes["PERSON"] >= votes["ORG"] else "ORG"
    return best


def _gazetteer_kind(name: str) -> str | None:
    hits = default_gazetteer().hits(name)
    words = [w for w in name.split() if w.lower() != "the"]
    if len(hits) == 1 and hits[0].end - hits[0].start == len(words):
        kind = hits[0].entry.kind
        return "ORG" if kind == "org" else "GPE" if kind in ("capital", "place", "name", "historic") else None
    return None


def entity_code(type_: str, name: str, country: str | None, offices: Sequence[tuple[str, str | None, str | None]],
                titles: Sequence[str]) -> tuple[str | None, str | None]:
    """(country, sector). ``offices``: (title, owner's country, owner's sector) of the entity's roles."""
    if type_ == "GPE" and country:
        return country, None
    if type_ != "PERSON":
        code = actor_code(name)
        intergovernmental = code.country == "IGO" and code.sector not in ("MIL", "JUD")
        return code.country, "IGO" if intergovernmental else code.sector
    countries = Counter(c for _, c, _ in offices if c)
    sectors = Counter(s for _, _, s in offices if s)
    sectors.update(s for t, _, _ in offices if (s := office_sector(t)) and not sectors)
    if not sectors and any(w.strip(".").lower() in MILITARY_RANKS for t in titles for w in t.replace("-", " ").split()):
        sectors["MIL"] += 1
    country = countries.most_common(1)[0][0] if countries else None
    sector = sectors.most_common(1)[0][0] if sectors else None
    if country is None and sector == "IGO":
        country = "IGO"
    return country, sector

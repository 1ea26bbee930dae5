"""What an entity is: its type by vote of its mentions (corrected by name shape and gazetteers), and its
actor code (country and sector) from its name, its offices and the bodies they belong to."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsgraph.records import LocalActor
from newsgraph.resolve.gazetteer import actor_code, default_gazetteer
from newsgraph.resolve.namecontext import NATURAL_PLACE_NOUNS, PLACE_NOUNS
from newsgraph.resolve.namekey import FACILITY_NOUNS, name_key
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
    known = _gazetteer_kind(name) or _place_head(name)
    if known:
        return known
    if name_key(name).org_like:
        votes["ORG"] += sum(votes.values())
    best = votes.most_common(1)[0][0] if votes else "ORG"
    if best != "PERSON" and votes["PERSON"] == votes[best] and _given_named(actors):
        best = "PERSON"  # "Jamal Khashoggi" once, "Jamal" and "Khashoggi" taken for places once each
    placed = Counter({label: votes[label] for label in PLACE_TYPES if votes[label]})
    if best == "PERSON" and sum(placed.values()) >= max(2, sum(votes.values()) / 4) and _no_person_sign(actors):
        best = placed.most_common(1)[0][0]  # "the Keltun summit", "in Keltun": a place the model took for a person
    if best == "NORP" and (votes["PERSON"] or votes["ORG"]):
        best = "PERSON" if votes["PERSON"] >= votes["ORG"] else "ORG"
    return best


def _given_named(actors: Sequence[LocalActor]) -> bool:
    """Does a name of the entity start with a given name and go on ("Jamal Khashoggi"), or carry a title?"""
    return any(a.titles for a in actors) or any(len(k.parts) >= 2 and k.parts[0].given for k in _name_keys(actors))


def holds_offices(name: str) -> bool:
    """May an entity of this name be a person, as the offices the texts give it say: not when the name is a
    body's ("the Desert Council") or one the gazetteer knows."""
    return not name_key(name).org_like and _gazetteer_kind(name) is None


def _no_person_sign(actors: Sequence[LocalActor]) -> bool:
    """No mention of the entity has a title, starts with a given name or is a name of two parts or more
    ("Abdul Karim al-X"; "Al Keltun" is one part)."""
    if any(a.titles for a in actors):
        return False
    return not any(len(k.parts) >= 2 or (k.parts and k.parts[0].given) for k in _name_keys(actors))


def _name_keys(actors: Sequence[LocalActor]):
    return [name_key(n) for n in {n for a in actors for n in a.names}]


def _place_head(name: str) -> str | None:
    """GPE, LOC or FAC for a name that ends in a word for a kind of place, after a capitalised word."""
    words = name.split()
    if len(words) < 2 or not words[-2][:1].isupper():
        return None
    head = words[-1].lower()
    return "FAC" if head in FACILITY_NOUNS else "LOC" if head in NATURAL_PLACE_NOUNS else \
        "GPE" if head in PLACE_NOUNS else None


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

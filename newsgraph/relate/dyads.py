"""Dyads: per ordered pair of actors and month, the events between them by quad class and a score.

Public entry points: :func:`dyads` (the rows from the stored events), :func:`dyad_parts` and :func:`dyads_of` (one
event's counts, and their sum: what `add` keeps per event), :data:`GOLDSTEIN`, :func:`quad_class`.

Quad classes follow each event's CAMEO root code (every event carries one, via the CAMEO↔PLOVER mapping), as
GDELT's QuadClass does: roots 01–05 verbal cooperation, 06–08 material cooperation, 09–13 verbal conflict,
14–20 material conflict. The score is the mean, over the month's events, of a Goldstein-style weight of
the root code (−10 most hostile … +10 most cooperative); the weights below are the usual root-level values
of the Goldstein (1992) scale as mapped to CAMEO. An event's month is that of its time: its value, else the
first day of its interval, else the day it was reported by (as GDELT dates events by their report).
Only asserted and claimed events count; an event with several actors and recipients counts once for each
actor → recipient pair, and a meeting, an agreement or fighting with no recipient once for each ordered
pair of its actors.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from newsgraph.records import Dyad
from newsgraph.relate.statements import ACTOR_TYPES

__all__ = ["GOLDSTEIN", "QUADS", "DyadCounts", "DyadPart", "dyad_parts", "dyads", "dyads_of", "dyads_of_sums",
           "quad_class"]

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
GOLDSTEIN = {"01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0, "09": -2.0,
             "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2, "16": -4.0, "17": -7.0,
             "18": -9.0, "19": -10.0, "20": -10.0}
_MUTUAL = {"CONSULT", "AGREE", "ASSAULT", "COOPERATE"}


def quad_class(cameo: str | None) -> str | None:
    """The quad class of a CAMEO code (its first two digits), or None for an unknown code."""
    try:
        root = int((cameo or "")[:2])
    except ValueError:
        return None
    if 1 <= root <= 5:
        return QUADS[0]
    if 6 <= root <= 8:
        return QUADS[1]
    if 9 <= root <= 13:
        return QUADS[2]
    if 14 <= root <= 20:
        return QUADS[3]
    return None


DyadPart = tuple  # (source, target, month, quad class, weight): one event's count for one ordered pair


def dyads(events: Iterable[dict], types: Mapping[str, str]) -> list[Dyad]:
    """The monthly dyad rows of the stored events (export-shaped bodies); ``types``: entity id → type."""
    return dyads_of(part for ev in events for part in dyad_parts(ev, types))


def dyad_parts(ev: dict, types: Mapping[str, str]) -> list[DyadPart]:
    """What one event counts in the dyads: one part per ordered pair of its actors (see the module docstring)."""
    if ev.get("modality") not in ("asserted", "claimed"):
        return []
    quad, month = quad_class(ev.get("cameo")), _month(ev.get("time") or {})
    if quad is None or month is None:
        return []
    actors = [a for a in ev.get("actors") or [] if types.get(a) in ACTOR_TYPES]
    recipients = [r for r in ev.get("recipients") or [] if types.get(r) in ACTOR_TYPES and r not in actors]
    pairs = [(a, r) for a in actors for r in recipients]
    if not recipients and ev.get("type") in _MUTUAL:
        pairs = [(a, b) for a in actors for b in actors if a != b]
    weight = GOLDSTEIN[(ev.get("cameo") or "")[:2]]
    return [(a, r, month, quad, weight) for a, r in pairs]


def dyads_of(parts: Iterable[DyadPart]) -> list[Dyad]:
    """The monthly dyad rows that the events' parts add up to, by pair and month."""
    counts = DyadCounts()
    counts.add(parts)
    return counts.rows()


def dyads_of_sums(sums: Iterable[tuple]) -> list[Dyad]:
    """The monthly dyad rows from their parts added up where they are stored (:meth:`dyad_sums_between
    <newsgraph.store.relations.RelationTables.dyad_sums_between>`): the rows :func:`dyads_of` makes of the same
    parts."""
    return [Dyad(a, r, month, *(int(n) for n in counts[:len(QUADS)]), round(weight / counts[len(QUADS)], 2),
                 int(counts[len(QUADS)])) for a, r, month, *counts, weight in sums]


class DyadCounts:
    """Dyad parts added up as they come (a whole store's events are read in chunks)."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))

    def add(self, parts: Iterable[DyadPart]) -> None:
        for a, r, month, quad, weight in parts:
            row = self.counts[(a, r, month)]
            row[quad] += 1
            row["events"] += 1
            row["weight"] += weight

    def rows(self) -> list[Dyad]:
        return [Dyad(a, r, month, *(int(row[q]) for q in QUADS), round(row["weight"] / row["events"], 2),
                     int(row["events"])) for (a, r, month), row in sorted(self.counts.items())]


def _month(t: dict) -> str | None:
    for day in (t.get("value"), t.get("earliest"), t.get("latest")):
        if day and len(day) >= 7 and day[:4].isdigit() and day[5:7].isdigit():
            return day[:7]
    return None

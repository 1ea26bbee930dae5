"""Dyads: per ordered pair of actors and month, the events between them by quad class and a score.

Public entry points: :func:`dyads` (the rows from the stored events), :data:`GOLDSTEIN`, :func:`quad_class`.

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

__all__ = ["GOLDSTEIN", "QUADS", "dyads", "quad_class"]

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


def dyads(events: Iterable[dict], types: Mapping[str, str]) -> list[Dyad]:
    """The monthly dyad rows of the stored events (export-shaped bodies); ``types``: entity id → type."""
    counts: dict[tuple[str, str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for ev in events:
        if ev.get("modality") not in ("asserted", "claimed"):
            continue
        quad, month = quad_class(ev.get("cameo")), _month(ev.get("time") or {})
        if quad is None or month is None:
            continue
        actors = [a for a in ev.get("actors") or [] if types.get(a) in ACTOR_TYPES]
        recipients = [r for r in ev.get("recipients") or [] if types.get(r) in ACTOR_TYPES and r not in actors]
        pairs = [(a, r) for a in actors for r in recipients]
        if not recipients and ev.get("type") in _MUTUAL:
            pairs = [(a, b) for a in actors for b in actors if a != b]
        for a, r in pairs:
            row = counts[(a, r, month)]
            row[quad] += 1
            row["events"] += 1
            row["weight"] += GOLDSTEIN[(ev.get("cameo") or "")[:2]]
    return [Dyad(a, r, month, *(int(row[q]) for q in QUADS), round(row["weight"] / row["events"], 2), int(row["events"]))
            for (a, r, month), row in sorted(counts.items())]


def _month(t: dict) -> str | None:
    for day in (t.get("value"), t.get("earliest"), t.get("latest")):
        if day and len(day) >= 7 and day[:4].isdigit() and day[5:7].isdigit():
            return day[:7]
    return None

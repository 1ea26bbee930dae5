"""The layout of the system's network drawn as server-side SVG: camps on a large circle, each camp's members on
a small circle around its place, edges between members. Coordinates only; the template draws (and escapes)."""
from __future__ import annotations

import math
from dataclasses import dataclass

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#393b79")
UNALIGNED = "#9a9a9a"
WIDTH, HEIGHT = 900, 640
HOSTILE = ("opposes", "sanctions")


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    camp: int
    x: float
    y: float
    colour: str


@dataclass(frozen=True)
class Edge:
    id: str
    kind: str
    x1: float
    y1: float
    x2: float
    y2: float
    hostile: bool
    label: str


def layout(names: dict[str, str], camp_of: dict[str, int], relations: list[dict],
           unaligned: int | None = None) -> tuple[list[Node], list[Edge]]:
    """Nodes placed by camp and edges between them, deterministic for the same input; the ``unaligned`` camp's
    members are grey."""
    camps: dict[int, list[str]] = {}
    for actor, camp in sorted(camp_of.items(), key=lambda kv: (kv[1], names.get(kv[0], kv[0]), kv[0])):
        camps.setdefault(camp, []).append(actor)
    cx, cy = WIDTH / 2, HEIGHT / 2
    big = min(WIDTH, HEIGHT) / 2 - 120 if len(camps) > 1 else 0
    nodes: dict[str, Node] = {}
    for k, (camp, members) in enumerate(sorted(camps.items())):
        angle = 2 * math.pi * k / max(1, len(camps))
        px, py = cx + big * math.cos(angle), cy + big * math.sin(angle)
        small = 0 if len(members) == 1 else min(110, 26 + 14 * len(members))
        for j, actor in enumerate(members):
            a = 2 * math.pi * j / len(members) + angle
            nodes[actor] = Node(actor, names.get(actor, actor), camp, round(px + small * math.cos(a), 1),
                                round(py + small * math.sin(a), 1),
                                UNALIGNED if camp == unaligned else PALETTE[(camp - 1) % len(PALETTE)])
    edges = []
    for r in relations:
        a, b = nodes.get(r["source_id"]), nodes.get(r["target_id"])
        if a and b:
            edges.append(Edge(r["id"], r["kind"], a.x, a.y, b.x, b.y, r["kind"] in HOSTILE,
                              f"{a.name} {r['kind']} {b.name}"))
    return list(nodes.values()), edges


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    x: float
    w: float
    when: str


@dataclass(frozen=True)
class TimeAxis:
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]
    width: int
    height: int


def time_bars(items: list[tuple[str, str | None, str | None]], width: int = 880, row: int = 22) -> TimeAxis | None:
    """Bars on a time line for (label, first day, last day) items (ISO days; an open end is drawn as a point)."""
    from datetime import date

    def day(s: str | None) -> int | None:
        try:
            return date.fromisoformat(s[:10]).toordinal() if s else None
        except ValueError:
            return None

    spans = [(label, day(a) or day(b), day(b) or day(a), a, b) for label, a, b in items]
    spans = [s for s in spans if s[1] is not None]
    if not spans:
        return None
    lo, hi = min(s[1] for s in spans), max(s[2] for s in spans)
    lo, hi = lo - 15, hi + 15
    left, usable = 260, width - 270

    def x(d: int) -> float:
        return round(left + usable * (d - lo) / (hi - lo), 1)

    bars = tuple(Bar(label, 20 + i * row, x(a), max(4.0, x(b) - x(a)),
                     (fa or "?") if fa == fb else f"{fa or '?'} – {fb or '?'}")
                 for i, (label, a, b, fa, fb) in enumerate(spans))
    years = range(date.fromordinal(lo).year + 1, date.fromordinal(hi).year + 1)
    step = max(1, len(years) // 8)
    ticks = tuple((x(date(y, 1, 1).toordinal()), str(y)) for y in years[::step])
    return TimeAxis(bars, ticks, width, 30 + row * len(bars))

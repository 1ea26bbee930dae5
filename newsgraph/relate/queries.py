"""What the relation commands ask of a store: relations as of a date, the system of camps, a dyad's monthly
series, and who held which office on a day.

Public entry points: :func:`relations`, :func:`system`, :func:`dyad`, :func:`roles_on`. Each checks its
input and raises InputError or QueryError (one line, with a fix) on a bad date, kind or name.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.errors import InputError
from newsgraph.events.timeline import find_actor, parse_day
from newsgraph.records import Dyad, Relation, Role, Time
from newsgraph.relate.blocs import Grouping, camps, changes, holds_on
from newsgraph.store import Store

__all__ = ["KINDS", "HeldRole", "SystemView", "dyad", "relations", "roles_on", "stands_on", "system"]

stands_on = holds_on  # whether a relation stands on a day (newsgraph.relate.blocs.holds_on)

KINDS = ("supports", "opposes", "allied_with", "leads", "commands", "member_of", "mediates", "negotiates_with",
         "sanctions")
_PERIOD_DAYS = 365  # the "main dyads" of a system view: the year up to its date


@dataclass(frozen=True)
class SystemView:
    """The camps as of a date, the relations that hold them, the main dyads of the year before, and (with a
    second date) which actors moved together or apart since then."""

    as_of: str | None
    grouping: Grouping
    relations: dict[str, Relation]
    names: dict[str, str]
    dyads: tuple[tuple[str, str, int, float], ...]  # (source, target, events, mean score)
    since: str | None = None
    moved: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class HeldRole:
    """An office a person held on the asked day, with the evidence's time and how many sentences say so."""

    person: str
    title: str
    of: str | None
    time: Time
    sources: int


def _day(text: str | None, last: bool = False) -> str | None:
    return parse_day(text, last=last).isoformat() if text else None


def _entity(store: Store, name: str) -> str:
    return find_actor(store, name).id


def relations(store: Store, actor: str | None = None, kind: str | None = None, as_of: str | None = None) -> list[Relation]:
    """The relations of ``actor`` (any name or spelling) and ``kind``, standing on ``as_of`` when given,
    strongest evidence first."""
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown relation kind {kind!r}", f"use one of {', '.join(KINDS)}")
    day = _day(as_of, last=True)
    found = store.relation_records(_entity(store, actor) if actor else None, kind)
    if day:
        found = [r for r in found if holds_on(r, day)]
    return sorted(found, key=lambda r: (-r.sources, r.kind, r.id))


def system(store: Store, as_of: str | None = None, since: str | None = None) -> SystemView:
    """The camps standing on ``as_of`` (all standing relations when None), and their changes since ``since``."""
    day = _day(as_of, last=True)
    then = _day(since, last=True)
    if day and then and then > day:
        raise InputError(f"--since {since} is after --as-of {as_of}", "swap them")
    rels = store.relation_records()
    standing = [r for r in rels if holds_on(r, day)]
    grouping = camps(standing)
    moved: tuple = ()
    if then:
        moved = tuple(changes(camps([r for r in rels if holds_on(r, then)]), grouping))
    rows = store.dyads(start=_month_before(day), end=day[:7] if day else None)
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0])
    for d in rows:
        t = totals[(d.source, d.target)]
        t[0] += d.events
        t[1] += d.score * d.events
    main = tuple(sorted(((a, b, int(n), round(w / n, 2)) for (a, b), (n, w) in totals.items()),
                        key=lambda x: (-x[2], x[0], x[1]))[:10])
    ids = {x for r in standing for x in (r.source, r.target)} | {x for a, b, _, _ in main for x in (a, b)} \
        | {x for a, b, _ in moved for x in (a, b)}
    return SystemView(day, grouping, {r.id: r for r in standing}, store.entity_names(sorted(ids)), main, then, moved)


def _month_before(day: str | None) -> str | None:
    if not day:
        return None
    return (date.fromisoformat(day) - timedelta(days=_PERIOD_DAYS)).isoformat()[:7]


def dyad(store: Store, a: str, b: str, start: str | None = None, end: str | None = None) -> tuple[str, str, list[Dyad]]:
    """The monthly rows of both directions between ``a`` and ``b`` (names), from ``start`` to ``end``."""
    lo, hi = _day(start), _day(end, last=True)
    if lo and hi and lo > hi:
        raise InputError(f"--from {start} is after --to {end}", "swap them")
    ia, ib = _entity(store, a), _entity(store, b)
    rows = store.dyads(ia, ib, lo[:7] if lo else None, hi[:7] if hi else None) + \
        store.dyads(ib, ia, lo[:7] if lo else None, hi[:7] if hi else None)
    return ia, ib, sorted(rows, key=lambda d: (d.month, d.source != ia))


def roles_on(store: Store, day: str | None = None, actor: str | None = None, title: str | None = None) -> list[HeldRole]:
    """Who held which office on ``day`` (every known holding when None): for each office (title and body)
    the holder whose evidence is the latest on or before the day, unless that evidence calls them former.
    ``actor`` keeps one person's; ``title`` the offices whose title contains it."""
    on = _day(day, last=True)
    person = _entity(store, actor) if actor else None
    offices: dict[tuple[str, str | None], list[Role]] = defaultdict(list)
    for r in store.roles():
        if title and title.lower() not in (r.title or "").lower():
            continue
        start = r.time.first_day
        if on and (not start or start > on):
            continue
        offices[(r.title.lower(), r.of)].append(r)
    out = []
    for (_t, _of), held in offices.items():
        held.sort(key=lambda r: (r.time.last_day or "", not r.former))
        latest = held[-1]
        holders = [latest] if on else held
        for r in holders:
            if on and r.former:
                continue
            if person and r.entity != person:
                continue
            out.append(HeldRole(r.entity, r.title, r.of, r.time, len(r.evidence)))
    return sorted(out, key=lambda h: (h.person, h.title))

"""A dated, cited timeline of the store's events.

Public entry point: :func:`timeline` (what ``newsgraph timeline`` prints, via :func:`format_entry`).

Each event is placed by its time: a dated event (a value, or an interval) at its first day; an event
known only to have happened by its report's publication (``{"value": null, "latest": day}``) at
that bound, after the dated events of the same day, and shown as "by <day>"; an event with no time
at all after everything else, as "undated". Filters: ``actor`` (any name or spelling of an entity,
found as `newsgraph show` finds it) keeps the events with that entity among their actors or
recipients; ``type`` a PLOVER type; ``start``/``end`` (YYYY, YYYY-MM or YYYY-MM-DD) keep the dated
events whose interval overlaps [start, end] and the bound-only ones whose bound falls in it
(undated events go when either is given). Each entry cites its reports: document, title, sentence.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date

from newsgraph.errors import InputError, QueryError
from newsgraph.events.lexicon import PLOVER_TYPES
from newsgraph.store import Store

__all__ = ["Citation", "Party", "Timeline", "TimelineEntry", "TimelineQuery", "find_actor", "format_entry", "parse_day",
           "timeline"]

_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SNIPPET = 160


@dataclass(frozen=True)
class TimelineQuery:
    """What to show: filters as the user typed them (checked by :func:`timeline`)."""

    actor: str | None = None
    type: str | None = None
    start: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    end: str | None = None
    limit: int | None = None


@dataclass(frozen=True)
class Party:
    """An entity as the timeline names it."""

    id: str
    name: str


@dataclass(frozen=True)
class Citation:
    """One report of an event: the document and the sentence that say it."""

    doc: str
    title: str | None
    sentence: str
    trigger: str | None


@dataclass(frozen=True)
class TimelineEntry:
    event: str
    when: str  # "2017-05-13", "2017-12-11 – 2017-12-17", "by 2017-05-27", "undated"
    start: date | None  # first day of the interval, or the bound
    end: date | None
    kind: str  # dated | by | after | undated
    type: str
    mode: str | None
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    location: Party | None
    modality: str
    attributed_to: Party | None
    sources: int
    citations: tuple[Citation, ...]

    def as_dict(self) -> dict:
        out = asdict(self)
        out["start"], out["end"] = (d.isoformat() if d else None for d in (self.start, self.end))
        return out


@dataclass(frozen=True)
class Timeline:
    actor: Party | None  # the entity ``--actor`` was found to name
    entries: tuple[TimelineEntry, ...]
    total: int  # entries before the limit


def parse_day(text: str, last: bool = False) -> date:
    """YYYY, YYYY-MM or YYYY-MM-DD as its first day (its last with ``last``)."""
    m = _DAY.fullmatch(text.strip())
    try:
        if not m:
            raise ValueError(text)
        year, month, day = int(m[1]), int(m[2] or (12 if last else 1)), m[3]
        if day is None:
            return date(year, month, calendar.monthrange(year, month)[1] if last else 1)
        return date(year, month, int(day))
    except ValueError:
        raise InputError(f"not a date: {text!r}", "use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2017-05") from None


def timeline(store: Store, query: TimelineQuery) -> Timeline:
    """The events of ``store`` that ``query`` selects, in time order (see the module docstring)."""
    type_ = _checked_type(query.type)
    start = parse_day(query.start) if query.start else None
    end = parse_day(query.end, last=True) if query.end else None
    if start and end and start > end:
        raise InputError(f"--from {query.start} is after --to {query.end}", "swap them")
    if query.limit is not None and query.limit < 0:
        raise InputError(f"--limit must be 0 or more, not {query.limit}", "pass --limit N")
    actor = find_actor(store, query.actor) if query.actor else None
    bodies = [b for b in store.events_where(actor.id if actor else None, type_)
              if _within(_placed(b.get("time") or {}), start, end)]
    entries = sorted(_entries(store, bodies), key=_order)
    shown = entries if query.limit is None or query.limit == 0 else entries[:query.limit]
    return Timeline(actor, tuple(shown), len(entries))


def format_entry(e: TimelineEntry) -> str:
    """One line: when, type, actors → recipients, modality, sources, snippet and citation."""
    who = ", ".join(p.name for p in e.actors) or "?"
    if e.recipients:
        who += " → " + ", ".join(p.name for p in e.recipients)
    parts = [e.when, e.type + (f"/{e.mode}" if e.mode else ""), who]
    if e.location:
        parts.append(f"in {e.location.name}")
    if e.modality != "asserted":
        parts.append(f"[{e.modality}]")
    if e.attributed_to:
        parts.append(f"(per {e.attributed_to.name})")
    parts.append(f"{e.sources} source{'s' * (e.sources != 1)}")
    line = "  ".join(parts)
    if e.citations:
        c = e.citations[0]
        more = f" +{len(e.citations) - 1} more" if len(e.citations) > 1 else ""
        line += f'  "{_snippet(c)}"  [{c.doc}: {c.title or "(untitled)"}{more}]'
    return line


def _checked_type(type_: str | None) -> str | None:
    if type_ is None:
        return None
    if type_.upper() not in PLOVER_TYPES:
        raise InputError(f"unknown event type {type_!r}", "use a PLOVER type: " + ", ".join(PLOVER_TYPES))
    return type_.upper()


def find_actor(store: Store, name: str) -> Party:
    """The entity a name or spelling names (the best known first); QueryError when none."""
    ids = store.find_entities(name)
    if not ids:
        raise QueryError(f"no entity is called {name!r}")
    return Party(ids[0], store.entity_names(ids[:1]).get(ids[0], ids[0]))


def _day(iso: str | None, last: bool = False) -> date | None:
    """An ISO day, month or year as a day; None when it is not one."""
    if not iso or not _DAY.fullmatch(iso):
        return None
    try:
        return parse_day(iso, last)
    except InputError:
        return None


def _placed(t: dict) -> tuple[str, date | None, date | None]:
    """(kind, start, end) of an event's time."""
    value, lo, hi = t.get("value"), t.get("earliest"), t.get("latest")
    start, end = _day(lo) or _day(value), _day(hi, last=True) or _day(value, last=True)
    if start and end:  # an open interval ("Tuesday" on or after 30 October) is never shown as its one known end
        return "dated", start, end
    if end:
        return "by", end, end
    if start:
        return "after", start, start
    return "undated", None, None


def _within(placed: tuple[str, date | None, date | None], start: date | None, end: date | None) -> bool:
    kind, lo, hi = placed
    if start is None and end is None:
        return True
    if kind == "undated":
        return False
    return (end is None or lo <= end) and (start is None or hi >= start)


def _when(kind: str, value: str | None, lo: date | None, hi: date | None) -> str:
    if kind == "undated":
        return "undated"
    if kind in ("by", "after"):
        return f"{kind} {lo.isoformat()}"
    if value and _DAY.fullmatch(value):
        return value
    return lo.isoformat() if lo == hi else f"{lo.isoformat()} – {hi.isoformat()}"


def _entries(store: Store, bodies: Sequence[dict]) -> list[TimelineEntry]:
    ids = {i for b in bodies for i in (*b.get("actors", ()), *b.get("recipients", ()),
                                       b.get("location"), b.get("attributed_to")) if i}
    names = store.entity_names(sorted(ids))
    titles = store.document_titles(sorted({m["doc"] for b in bodies for m in b.get("mentions", ())}))

    def party(i: str | None) -> Party | None:
        return Party(i, names.get(i, i)) if i else None

    out = []
    for b in bodies:
        time = b.get("time") or {}
        kind, lo, hi = _placed(time)
        out.append(TimelineEntry(
            event=b["id"], when=_when(kind, time.get("value"), lo, hi), start=lo, end=hi, kind=kind,
            type=b["type"], mode=b.get("mode"), actors=_parties(party, b.get("actors", ())),
            recipients=_parties(party, b.get("recipients", ())), location=party(b.get("location")),
            modality=b.get("modality") or "asserted", attributed_to=party(b.get("attributed_to")),
            sources=int(b.get("sources") or 1),
            citations=tuple(Citation(m["doc"], titles.get(m["doc"]), m.get("sentence") or "", m.get("trigger"))
                            for m in b.get("mentions", ())),
        ))
    return out


def _parties(party, ids: Iterable[str]) -> tuple[Party, ...]:
    return tuple(party(i) for i in ids if i)


_RANK = {"dated": 0, "after": 1, "by": 1, "undated": 2}


def _order(e: TimelineEntry) -> tuple:
    return (e.kind == "undated", e.start or date.max, _RANK[e.kind], e.end or date.max, e.type, e.event)


def _snippet(c: Citation) -> str:
    """The sentence on one line, cut around its trigger when long."""
    text = " ".join(c.sentence.split())
    if len(text) <= _SNIPPET:
        return text
    at = text.find(c.trigger) if c.trigger else -1
    lo = max(0, min(at - _SNIPPET // 3, len(text) - _SNIPPET)) if at >= 0 else 0
    cut = text[lo:lo + _SNIPPET]
    return ("…" if lo > 0 else "") + cut + ("…" if lo + _SNIPPET < len(text) else "")

"""The store as flat tables: the shape of the csv and parquet exports, one file per table.

Public entry points: :func:`tables` (name → (columns, rows)) and :func:`write_tables`.

Tables: documents, entities, mentions, roles, events, event_mentions, relations, relation_evidence, dyads,
stories. An event's or a relation's reports and evidence are rows of their own tables (event_mentions,
relation_evidence), so every column holds one value; the few list columns (an entity's aliases, an event's
actors and recipients, a story's documents) stay lists in parquet and are written as JSON arrays in csv.
"""
from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from newsgraph.errors import InputError
from newsgraph.store import Store
from newsgraph.store.files import write_parquet

__all__ = ["TABLE_COLUMNS", "tables", "write_tables"]

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("id", "source", "title", "outlet", "author", "url", "credit", "published", "published_earliest",
                  "published_latest", "published_basis", "duplicate_of", "story", "text"),
    "entities": ("id", "name", "type", "country", "sector", "aliases", "lat", "lon", "geo_precision"),
    "mentions": ("doc", "start", "end", "text", "entity"),
    "roles": ("entity", "title", "of", "value", "earliest", "latest", "former"),
    "events": ("id", "type", "mode", "context", "cameo", "actors", "recipients", "location", "time_value",
               "time_earliest", "time_latest", "time_text", "time_precision", "modality", "attributed_to", "sources",
               "dead_min", "dead_max", "injured_min", "injured_max", "arrested_min", "arrested_max",
               "displaced_min", "displaced_max"),
    "event_mentions": ("event", "doc", "start", "end", "sentence", "trigger"),
    "relations": ("id", "kind", "source", "target", "valid_earliest", "valid_latest", "reported_earliest",
                  "reported_latest", "modality", "sources", "retired_before", "retired_by"),
    "relation_evidence": ("relation", "doc", "start", "end", "event"),
    "dyads": ("source", "target", "month", "verbal_cooperation", "material_cooperation", "verbal_conflict",
              "material_conflict", "score", "events"),
    "stories": ("id", "title", "documents"),
}
_SIZES = ("dead", "injured", "arrested", "displaced")


def tables(store: Store) -> dict[str, Iterable[tuple]]:
    """Each table's rows (tuples in TABLE_COLUMNS order), streamed from the store."""
    stories = {doc: sid for sid, _title, docs in store.stories() for doc in docs}
    return {
        "documents": ((d.id, d.source, d.title, d.outlet, d.author, d.url, d.credit, d.published.value,
                       d.published.earliest, d.published.latest, d.published_basis, d.duplicate_of,
                       stories.get(d.id), d.text) for d in store.documents()),
        "entities": _entities(store),
        "mentions": _mentions(store),
        "roles": ((r.entity, r.title, r.of, r.time.value, r.time.earliest, r.time.latest, r.former)
                  for r in store.roles()),
        "events": (_event_row(e) for e in store.events()),
        "event_mentions": ((e["id"], m["doc"], m["start"], m["end"], m.get("sentence"), m.get("trigger"))
                           for e in store.events() for m in e.get("mentions") or []),
        "relations": ((r["id"], r["kind"], r["source"], r["target"], r["valid"]["earliest"], r["valid"]["latest"],
                       r["reported"]["earliest"], r["reported"]["latest"], r["modality"], r["sources"],
                       (r.get("retired") or {}).get("before"), (r.get("retired") or {}).get("by"))
                      for r in store.relations()),
        "relation_evidence": _evidence(store),
        "dyads": ((d.source, d.target, d.month, d.verbal_cooperation, d.material_cooperation, d.verbal_conflict,
                   d.material_conflict, d.score, d.events) for d in store.dyads()),
        "stories": ((sid, title, list(docs)) for sid, title, docs in store.stories()),
    }


def _entities(store: Store) -> Iterator[tuple]:
    places = store.places()
    for e, _mentions in store.entities():
        p = places.get(e.id)
        yield (e.id, e.name, e.type, e.country, e.sector, list(e.aliases), p.lat if p else None, p.lon if p else None,
               p.precision if p else None)


def _mentions(store: Store) -> Iterator[tuple]:
    for e, mentions in store.entities():
        for m in mentions:
            yield m.doc, m.start, m.end, m.text, e.id


def _evidence(store: Store) -> Iterator[tuple]:
    for r in store.relations():
        events = r.get("events") or []
        for s in r.get("evidence") or []:
            yield r["id"], s["doc"], s["start"], s["end"], events[0] if len(events) == 1 else None


def _event_row(e: dict) -> tuple:
    t = e.get("time") or {}
    size = e.get("magnitude") or {}
    sizes = [v for k in _SIZES for v in ((size.get(k) or {}).get("min"), (size.get(k) or {}).get("max"))]
    return (e["id"], e["type"], e.get("mode"), list(e.get("context") or []), e.get("cameo"), list(e.get("actors") or []),
            list(e.get("recipients") or []), e.get("location"), t.get("value"), t.get("earliest"), t.get("latest"),
            t.get("text"), e.get("time_precision"), e.get("modality"), e.get("attributed_to"), e.get("sources"), *sizes)


def write_tables(store: Store, fmt: str, directory: str) -> list[str]:
    """One ``fmt`` (csv or parquet) file per table in ``directory``; the paths written."""
    if not directory or directory == "-":
        raise InputError(f"--format {fmt} writes one file per table", "pass --output DIRECTORY")
    Path(directory).mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(store).items():
        path = os.path.join(directory, f"{name}.{fmt}")
        columns = TABLE_COLUMNS[name]
        if fmt == "csv":
            _write_csv(path, columns, rows)
        else:
            frame = pd.DataFrame.from_records(list(rows), columns=list(columns))
            write_parquet(frame, path)
        written.append(path)
    return written


def _write_csv(path: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    with open(path + ".part", "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(columns)
        for row in rows:
            out.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in row])
    os.replace(path + ".part", path)

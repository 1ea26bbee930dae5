"""Export a store: ``newsgraph/1`` (DESIGN.md) as one JSON file or one JSONL file per table, the flat tables
as csv or parquet files (:mod:`~newsgraph.export.tables`), and the formats analysts load — ACLED-style CSV,
PLOVER JSON records, GraphML (:mod:`~newsgraph.export.formats`).

Public entry point: :func:`export`. JSON and JSONL are written as a stream, one record at a time; the JSON
Schema of the json export ships as ``newsgraph-1.schema.json`` beside this module (SCHEMA_FILE).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.records import Document, Entity, Mention, Place, Role
from newsgraph.store import Store

__all__ = ["export", "FORMATS", "SCHEMA"]

SCHEMA = "newsgraph/1"
FORMATS = ("json", "jsonl", "csv", "parquet", "acled-csv", "plover-json", "graphml")
TABLES = ("documents", "entities", "events", "relations", "dyads", "stories")
SCHEMA_FILE = Path(__file__).with_name("newsgraph-1.schema.json")  # the JSON Schema of the json export


def export(store: Store, fmt: str, output: str | None) -> list[str]:
    """Write the store; returns the paths written. JSON to stdout when ``output`` is None or '-'."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    if fmt in ("csv", "parquet"):
        from newsgraph.export.tables import write_tables  # pandas: only for the formats that need it

        return write_tables(store, fmt, output or "")
    if fmt in ("acled-csv", "plover-json", "graphml"):
        from newsgraph.export import formats

        if not output or output == "-":
            raise InputError(f"--format {fmt} writes a file", "pass --output FILE")
        write = {"acled-csv": formats.write_acled_csv, "plover-json": formats.write_plover_json,
                 "graphml": formats.write_graphml}[fmt]
        return [write(store, output)]
    tables = _tables(store)
    unfinished = store.unfinished_build()
    header = {"schema": SCHEMA, "unfinished": unfinished.as_dict() if unfinished else None}
    if fmt == "json":
        return [_write_json(header, tables, output)]
    if not output or output == "-":
        raise InputError("--format jsonl writes one file per table", "pass --output DIRECTORY")
    return _write_jsonl(header, tables, output)


def _tables(store: Store) -> dict[str, Iterator[dict]]:
    stories = {doc: sid for sid, _title, docs in store.stories() for doc in docs}
    places = store.places()
    roles: dict[str, list[Role]] = {}
    for role in store.roles():
        roles.setdefault(role.entity, []).append(role)
    return {
        "documents": (document_record(d, stories.get(d.id)) for d in store.documents()),
        "entities": (entity_record(e, ms, roles.get(e.id, []), places.get(e.id)) for e, ms in store.entities()),
        "events": store.events(),
        "relations": store.relations(),
        "dyads": (d.as_dict() for d in store.dyads()),
        "stories": ({"id": sid, "title": title, "documents": list(docs)} for sid, title, docs in store.stories()),
    }


def document_record(d: Document, story: str | None = None) -> dict:
    """A document as the export and `newsgraph extract` show it."""
    return {
        "id": d.id, "source": d.source, "title": d.title, "outlet": d.outlet, "author": d.author, "url": d.url,
        "credit": d.credit, "captions": list(d.captions), "published": d.published.as_dict(),
        "published_basis": d.published_basis, "text": d.text, "removed": [r.text for r in d.removed],
        "removed_reasons": [r.reason for r in d.removed], "duplicate_of": d.duplicate_of, "story": story,
        "encoding": d.encoding, "published_candidates": list(d.published_candidates),
    }


def entity_record(e: Entity, mentions: list[Mention], roles: list[Role] = (), place: Place | None = None) -> dict:
    return {
        "id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "country": e.country,
        "sector": e.sector,
        "geo": {"lat": place.lat, "lon": place.lon, "country": place.country, "admin1": place.admin1,
                "precision": place.precision, "gazetteer_name": place.name, "geonameid": place.geonameid}
        if place else None,
        "mentions": [{"doc": m.doc, "start": m.start, "end": m.end, "text": m.text} for m in mentions],
        "roles": [{"title": r.title, "of": r.of, "time": r.time.as_dict(), "former": r.former,
                   "evidence": [{"doc": s.doc, "start": s.start, "end": s.end} for s in r.evidence]} for r in roles],
    }


def _write_json(header: dict, tables: dict[str, Iterator[dict]], output: str | None) -> str:
    to_stdout = not output or output == "-"
    handle = os.fdopen(os.dup(1), "w", encoding="utf-8") if to_stdout else _open_atomic(output)
    with handle as f:
        f.write(json.dumps(header, ensure_ascii=False)[:-1])
        for name in TABLES:
            f.write(f',\n "{name}": [')
            for k, record in enumerate(tables[name]):
                f.write(("\n  " if k == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False))
            f.write("]")
        f.write("}\n")
    if not to_stdout:
        os.replace(output + ".part", output)
    return "-" if to_stdout else output


def _write_jsonl(header: dict, tables: dict[str, Iterator[dict]], directory: str) -> list[str]:
    """One file per table, and store.json with the schema and the store's state."""
    Path(directory).mkdir(parents=True, exist_ok=True)
    written = []
    path = os.path.join(directory, "store.json")
    with _open_atomic(path) as f:
        f.write(json.dumps(header, ensure_ascii=False) + "\n")
    os.replace(path + ".part", path)
    for name in TABLES:
        path = os.path.join(directory, f"{name}.jsonl")
        with _open_atomic(path) as f:
            for record in tables[name]:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        os.replace(path + ".part", path)
        written.append(path)
    return written + [os.path.join(directory, "store.json")]


def _open_atomic(path: str):
    try:
        return open(path + ".part", "w", encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot write {path}: {e.strerror}", "choose a writable --output path") from e

"""How the records kept as dicts (events, event mentions, relations: the export's shapes) map onto real columns.

Every scalar is a column of its own; an object of known keys is a group of columns (``time`` →
``time_value``, ``time_earliest`` …); lists of names are ``VARCHAR[]``; lists of objects stay JSON. Keys a
layout does not know (a newer stage's) go whole to the ``extra`` JSON column, so a record always comes back
as it went in.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsgraph.records import EventMention, Participant

__all__ = ["EVENTS", "EVENT_MENTIONS", "RELATIONS", "Column", "Layout", "event_body", "event_mention"]

_TIME = ("value", "earliest", "latest", "text")
_PART = ("text", "start", "end", "country", "sector")
_PART_TYPES = ("VARCHAR", "INTEGER", "INTEGER", "VARCHAR", "VARCHAR")


@dataclass(frozen=True)
class Column:
    """A column: its SQL name and type, and where its value sits in the record (``("time", "value")``)."""

    name: str
    sql: str
    path: tuple[str, ...]

    @property
    def json(self) -> bool:
        return self.sql == "JSON"


class Layout:
    """The columns of one table and the record dicts they hold. ``optional``: the objects that may be None
    as a whole (all their columns NULL)."""

    def __init__(self, table: str, columns: Sequence[Column], optional: Sequence[str] = (), key: str | None = None):
        self.table = table
        self.columns = tuple(columns)
        self.optional = frozenset(optional)
        self.key = key
        self.keys = tuple(dict.fromkeys(c.path[0] for c in self.columns))  # the record's keys, in order
        self._groups = {k: tuple(c.path[1] for c in self.columns if c.path[0] == k and len(c.path) == 2)
                        for k in self.keys}
        self.select = ", ".join(f'"{c.name}"' for c in self.columns) + ", extra"

    def create(self, name: str | None = None) -> str:
        """The CREATE TABLE statement (under another ``name`` when given)."""
        cols = [f'"{c.name}" {c.sql}' + (" PRIMARY KEY" if c.name == self.key else "") for c in self.columns]
        return f"CREATE TABLE {name or self.table} ({', '.join(cols)}, extra JSON)"

    def encode(self, records: Sequence[dict]) -> dict[str, np.ndarray]:
        """Column arrays for these records (as ``Tables._insert_columns`` takes them)."""
        out = {c.name: np.empty(len(records), dtype=object) for c in self.columns}
        extra = np.empty(len(records), dtype=object)
        for i, record in enumerate(records):
            rest = {k: v for k, v in record.items() if k not in self._groups}
            for key, fields in self._groups.items():
                value = record.get(key)
                if fields and value is not None and set(value) - set(fields):
                    rest[key] = value  # an object with keys the columns lack: kept whole
            for c in self.columns:
                value = record.get(c.path[0])
                if len(c.path) == 2:
                    value = value.get(c.path[1]) if value is not None else None
                if c.json:
                    value = None if value is None else json.dumps(value, ensure_ascii=False)
                elif isinstance(value, tuple):
                    value = list(value)
                out[c.name][i] = value
            extra[i] = json.dumps(rest, ensure_ascii=False) if rest else None
        out["extra"] = extra
        return out

    def decode(self, row: Sequence) -> dict:
        """The record of a row selected with ``self.select``."""
        record: dict = {}
        for c, value in zip(self.columns, row):
            if c.json and value is not None:
                value = json.loads(value)
            if len(c.path) == 1:
                record[c.path[0]] = value
            else:
                record.setdefault(c.path[0], {})[c.path[1]] = value
        for key in self.optional:
            if key in record and all(v is None for v in record[key].values()):
                record[key] = None
        if row[-1] is not None:
            record.update(json.loads(row[-1]))
        return record


def _group(prefix: str, keys: Sequence[str], types: Sequence[str]) -> list[Column]:
    return [Column(f"{prefix}_{k}", t, (prefix, k)) for k, t in zip(keys, types)]


def _time(prefix: str) -> list[Column]:
    return _group(prefix, _TIME, ("VARCHAR",) * 4)


EVENTS = Layout("events", [
    Column("id", "VARCHAR", ("id",)), Column("type", "VARCHAR", ("type",)), Column("mode", "VARCHAR", ("mode",)),
    Column("context", "VARCHAR[]", ("context",)), Column("cameo", "VARCHAR", ("cameo",)),
    Column("actors", "VARCHAR[]", ("actors",)), Column("recipients", "VARCHAR[]", ("recipients",)),
    Column("location", "VARCHAR", ("location",)), *_time("time"),
    Column("time_precision", "VARCHAR", ("time_precision",)), Column("modality", "VARCHAR", ("modality",)),
    Column("attributed_to", "VARCHAR", ("attributed_to",)), Column("sources", "INTEGER", ("sources",)),
    Column("merged_because", "VARCHAR[]", ("merged_because",)), Column("magnitude", "JSON", ("magnitude",)),
    Column("mentions", "JSON", ("mentions",)), Column("actor_text", "VARCHAR[]", ("actor_text",)),
    Column("recipient_text", "VARCHAR[]", ("recipient_text",)), Column("published_day", "BOOLEAN", ("published_day",)),
], key="id")

EVENT_MENTIONS = Layout("event_mentions", [
    Column("doc", "VARCHAR", ("doc",)), Column("idx", "INTEGER", ("idx",)),
    Column("sentence_start", "INTEGER", ("sentence_start",)), Column("sentence_end", "INTEGER", ("sentence_end",)),
    Column("type", "VARCHAR", ("type",)), Column("mode", "VARCHAR", ("mode",)),
    Column("context", "VARCHAR[]", ("context",)), Column("cameo", "VARCHAR", ("cameo",)),
    Column("modality", "VARCHAR", ("modality",)), *_group("trigger", _PART, _PART_TYPES),
    Column("actors", "JSON", ("actors",)), Column("recipients", "JSON", ("recipients",)),
    *_group("location", _PART, _PART_TYPES), *_group("attribution", _PART, _PART_TYPES),
    Column("derived_from", "VARCHAR", ("derived_from",)), Column("magnitude", "JSON", ("magnitude",)),
    Column("time_at", "INTEGER[]", ("time_at",)),
], optional=("location", "attribution"))

RELATIONS = Layout("relations", [
    Column("id", "VARCHAR", ("id",)), Column("kind", "VARCHAR", ("kind",)), Column("source", "VARCHAR", ("source",)),
    Column("target", "VARCHAR", ("target",)), *_time("valid"), *_time("reported"),
    Column("modality", "VARCHAR", ("modality",)), Column("sources", "INTEGER", ("sources",)),
    Column("events", "VARCHAR[]", ("events",)), Column("evidence", "JSON", ("evidence",)),
    Column("cues", "VARCHAR[]", ("cues",)), *_group("retired", ("by", "before", "cue"), ("VARCHAR",) * 3),
], optional=("retired",), key="id")


def event_body(e: EventMention) -> dict:
    """An event mention as a record of ``EVENT_MENTIONS`` (``asdict`` deep-copies; this does not need to)."""
    def part(p: Participant | None) -> dict | None:
        return None if p is None else vars(p)

    return {**vars(e), "trigger": part(e.trigger), "actors": [part(p) for p in e.actors],
            "recipients": [part(p) for p in e.recipients], "location": part(e.location),
            "attribution": part(e.attribution), "magnitude": [list(m) for m in e.magnitude]}


def event_mention(body: dict) -> EventMention:
    """The event mention of a record of ``EVENT_MENTIONS`` (its ``idx`` left out)."""
    def part(p: dict | None) -> Participant | None:
        return Participant(**p) if p else None

    body = {k: v for k, v in body.items() if k != "idx"}
    return EventMention(**{**body, "context": tuple(body["context"] or ()), "trigger": part(body["trigger"]),
                           "actors": tuple(part(p) for p in body["actors"]),
                           "recipients": tuple(part(p) for p in body["recipients"]),
                           "location": part(body["location"]), "attribution": part(body["attribution"]),
                           "magnitude": tuple(tuple(m) for m in body.get("magnitude") or ()),
                           "time_at": tuple(body["time_at"]) if body.get("time_at") is not None else None})

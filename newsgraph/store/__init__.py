"""Stage 7, store: the DuckDB file. This package alone speaks SQL.

Public entry point: :class:`Store` (``Store.open(path)``). Writes happen in transactions, one per
batch of documents, so a build killed at any point leaves whole batches or nothing; re-running it
finds the finished documents by id and does the rest.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone

import duckdb
import numpy as np

from newsgraph.errors import QueryError, StoreError
from newsgraph.records import (
    Annotation, Document, DocumentBatch, Dyad, Entity, EventMention, LinkedMention, LocalActor, LocalResolution, Mention,
    Participant, Place, RelateInput, Relation, Removed, Resolution, Role, Span, StoreStats, Time, TimeMention, UnfinishedBuild,
)
from newsgraph.settings import READER_GAP_SECONDS, READER_WAIT_SECONDS, WRITER_WAIT_SECONDS
from newsgraph.store.connection import WaitNotice, connect
from newsgraph.store.schema import LATEST, MIGRATIONS

__all__ = ["Store"]

# The tables whose rows belong to one document (column "doc"); removing a document deletes its rows there.
_PER_DOCUMENT = ("sources", "signatures", "bands", "sentences", "tokens", "mentions", "role_claims", "acronyms",
                 "event_mentions", "times")

_DOC_COLUMNS = (
    "id, seq, source, title, outlet, author, url, credit, captions, published_value, published_earliest, "
    "published_latest, published_text, published_basis, text, removed, removed_reasons, duplicate_of, story, fmt, "
    "encoding, published_candidates"
)


class Store:
    """A newsgraph DuckDB store. Use as a context manager, or call close()."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool = False,
                 on_wait: WaitNotice | None = None):
        self.con = con
        self.path = path
        self.read_only = read_only
        self.on_wait = on_wait

    @classmethod
    def open(cls, path: str, create: bool = True, read_only: bool = False, wait: float | None = None,
             on_wait: WaitNotice | None = None) -> "Store":
        """Open (or create) a store. While a build holds the file, wait up to ``wait`` seconds
        (default: READER_WAIT_SECONDS to read, WRITER_WAIT_SECONDS to write); ``on_wait`` is told once."""
        exists = os.path.exists(path)
        if not exists and not create:
            raise StoreError(f"no store at {path}", "build one first with `newsgraph build PATH --db " + path + "`")
        if exists and os.path.isdir(path):
            raise StoreError(f"{path} is a directory, not a store file")
        read_only = read_only and exists
        if wait is None:
            wait = READER_WAIT_SECONDS if read_only else WRITER_WAIT_SECONDS
        store = cls(connect(path, read_only, wait, on_wait), path, read_only, on_wait)
        if not read_only:
            store.migrate()
        else:
            store.check_version()
        return store

    @contextmanager
    def released(self) -> Iterator[None]:
        """Let readers in: close the file for the block, then open it again (waiting for readers that hold it)."""
        self.con.close()
        try:
            yield
        finally:
            self.con = connect(self.path, self.read_only, WRITER_WAIT_SECONDS, self.on_wait)

    def let_readers_in(self) -> None:
        """Between two long steps: close the file for READER_GAP_SECONDS, so a reader waiting for it
        (it tries every 20 ms) gets in, and a reader never waits longer than one step."""
        with self.released():
            time.sleep(READER_GAP_SECONDS)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # ------------------------------------------------------------------ schema
    def version(self) -> int:
        has_meta = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()[0]
        if not has_meta:
            return 0
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def check_version(self) -> None:
        v = self.version()
        if v != LATEST:
            raise StoreError(f"store {self.path} has schema version {v}, this newsgraph reads {LATEST}",
                             "open it once with `newsgraph build` or `newsgraph add` to migrate it")

    def migrate(self) -> None:
        current = self.version()
        if current > LATEST:
            raise StoreError(f"store {self.path} was made by a newer newsgraph (schema {current})",
                             "upgrade newsgraph")
        for version, statements in MIGRATIONS:
            if version <= current:
                continue
            with self.transaction():
                for sql in statements:
                    self.con.execute(sql)
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])

    def transaction(self):
        return _Transaction(self.con)

    # ------------------------------------------------------------------ documents
    def documents_for_sources(self, sources: Sequence[str]) -> dict[str, str]:
        """source → document id, for the sources already stored."""
        if not sources:
            return {}
        rows = self.con.execute("SELECT source, any_value(doc) FROM sources WHERE source IN (SELECT unnest(?)) "
                                "GROUP BY source", [list(sources)]).fetchall()
        return dict(rows)

    def has_documents(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()
        return {r[0] for r in rows}

    def signatures_sharing_bands(self, bands: Sequence[int]) -> list[tuple[str, tuple[int, ...]]]:
        """Stored originals that share an LSH band with any of these band keys."""
        if not bands:
            return []
        rows = self.con.execute(
            """SELECT s.doc, s.minhash FROM signatures s
               WHERE s.doc IN (SELECT DISTINCT doc FROM bands WHERE key IN (SELECT unnest(?)))""",
            [list(bands)],
        ).fetchall()
        return [(doc, tuple(values)) for doc, values in rows]

    def write_batch(self, batch: DocumentBatch) -> None:
        """All of a batch, or nothing."""
        with self.transaction():
            seq = self.con.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchall()[0][0]
            if batch.documents:
                self._insert_rows("documents", _DOC_COLUMNS.split(", "),
                                  [_document_row(d, seq + k) for k, d in enumerate(batch.documents, start=1)])
            known = self.documents_for_sources([s for s, _ in batch.sources])
            new_sources = [[s, d] for s, d in batch.sources if s not in known]
            if new_sources:
                self._insert_rows("sources", ("source", "doc"), new_sources)
            if batch.signatures:
                self.con.executemany("INSERT INTO signatures VALUES (?, ?)",
                                     [[doc, list(values)] for doc, values, _ in batch.signatures])
                self._insert_columns("bands", {
                    "key": np.array([b for _, _, bands in batch.signatures for b in bands], dtype=np.int64),
                    "doc": np.array([doc for doc, _, bands in batch.signatures for _ in bands], dtype=object)})
            self._write_annotations(batch.annotations, batch.locals)
            self._insert_records("times", batch.times, ("doc", "start", "end", "text", "type", "value", "earliest",
                                                        "latest", "mod"))
            if batch.events:
                self._insert_columns("event_mentions", {
                    "doc": np.array([e.doc for e in batch.events], dtype=object),
                    "idx": np.arange(len(batch.events), dtype=np.int64),
                    "body": np.array([json.dumps(_event_body(e)) for e in batch.events], dtype=object)})

    def _write_annotations(self, annotations: Sequence[Annotation], locals_: Sequence[LocalResolution]) -> None:
        sentences = [s for a in annotations for s in a.sentences]
        tokens = [t for a in annotations for t in a.tokens]
        local = {(m.doc, m.start): m for r in locals_ for m in r.mentions}
        mentions = [m for a in annotations for m in a.mentions]
        tagged = {(m.doc, m.start) for m in mentions}
        mentions += [Mention(m.doc, m.start, m.end, m.text, m.label, m.sentence) for m in local.values()
                     if (m.doc, m.start) not in tagged]  # names the model missed, found by the resolver
        self._insert_records("sentences", sentences, ("doc", "index", "start", "end"))
        self._insert_records("tokens", tokens, ("doc", "index", "start", "end", "sentence", "lemma", "pos", "tag",
                                                "dep", "head", "ent_iob"))
        if mentions:
            lm = [local.get((m.doc, m.start)) for m in mentions]
            columns = {f: np.array([getattr(m, f) for m in mentions], dtype=object) for f in ("doc", "text")}
            columns["label"] = np.array([x.label if x else m.label for m, x in zip(mentions, lm)], dtype=object)
            columns.update({f: np.array([getattr(m, f) for m in mentions], dtype=np.int64)
                            for f in ("start", "end", "sentence")})
            columns["name"] = np.array([x.name if x else None for x in lm], dtype=object)
            columns["titles"] = np.array([" | ".join(x.titles) if x else None for x in lm], dtype=object)
            columns["local"] = np.array([x.local if x else None for x in lm], dtype=object)
            columns["country"] = np.array([x.country if x else None for x in lm], dtype=object)
            self._insert_columns("mentions", columns)
        claims = [c for r in locals_ for c in r.roles]
        self._insert_records("role_claims", claims, ("doc", "person_start", "title", "of_start", "of_country",
                                                     "former", "evidence_start", "evidence_end", "time_value",
                                                     "time_earliest", "time_latest", "time_text"))
        acronyms = [(r.doc, a, long) for r in locals_ for a, long in r.acronyms]
        if acronyms:
            self._insert_rows("acronyms", ("doc", "acronym", "long_form"), acronyms)

    # ------------------------------------------------------------------ removal
    def documents_named(self, keys: Sequence[str]) -> tuple[dict[str, str], list[str]]:
        """The stored documents that ``keys`` (document ids or sources, as given at build time) name, as
        {key: document id}, and the keys that name none."""
        found: dict[str, str] = {}
        for key, doc in self.con.execute(
                """SELECT k, coalesce(d.id, s.doc) FROM (SELECT unnest(?) AS k) q
                   LEFT JOIN documents d ON d.id = q.k LEFT JOIN sources s ON s.source = q.k
                   WHERE d.id IS NOT NULL OR s.doc IS NOT NULL""", [list(keys)]).fetchall():
            found.setdefault(key, doc)
        return found, [k for k in keys if k not in found]

    def duplicates_of(self, ids: Sequence[str]) -> list[Document]:
        """The stored near duplicates of these documents (not among them), oldest first."""
        rows = self.con.execute(
            f"""SELECT {_DOC_COLUMNS} FROM documents WHERE duplicate_of IN (SELECT unnest(?))
                AND id NOT IN (SELECT unnest(?)) ORDER BY seq""", [list(ids), list(ids)]).fetchall()
        return [_document_from_row(row, True) for row in rows]

    def delete_documents(self, ids: Sequence[str]) -> None:
        """Delete these documents and every row that belongs to one of them, in one transaction. What rests on
        the whole corpus (entities, roles, events, stories, relations) is left for the stages to derive again."""
        ids = list(ids)
        with self.transaction():
            for table in _PER_DOCUMENT:
                self.con.execute(f"DELETE FROM {table} WHERE doc IN (SELECT unnest(?))", [ids])
            self.con.execute("DELETE FROM documents WHERE id IN (SELECT unnest(?))", [ids])

    def _insert_records(self, table: str, records: Sequence, fields: tuple[str, ...]) -> None:
        if not records:
            return
        columns = {}
        for f in fields:
            values = [getattr(r, f) for r in records]
            numeric = all(type(v) is int for v in values)
            columns[f] = np.array(values, dtype=np.int64 if numeric else object)
        self._insert_columns(table, columns)

    def _insert_rows(self, table: str, names: Sequence[str], rows: Sequence[Sequence]) -> None:
        """Insert rows column-wise (one statement, not one per row; lists stay lists)."""
        if not rows:
            return
        columns = {}
        for k, name in enumerate(names):
            column = np.empty(len(rows), dtype=object)
            for i, row in enumerate(rows):
                column[i] = row[k]
            columns[name] = column
        self._insert_columns(table, columns)

    def _insert_columns(self, table: str, columns: dict[str, np.ndarray]) -> None:
        names = ", ".join(f'"{c}"' if c != "index" else "idx" for c in columns)
        select = ", ".join(f'"{c}"' for c in columns)
        self.con.register("_batch", columns)
        try:
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {select} FROM _batch")
        finally:
            self.con.unregister("_batch")

    def documents(self, include_text: bool = True) -> Iterator[Document]:
        """Every document in insertion order, streamed."""
        cursor = self.con.cursor()
        cursor.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY seq")
        while rows := cursor.fetchmany(500):
            for row in rows:
                yield _document_from_row(row, include_text)

    def document(self, doc_id: str) -> Document | None:
        row = self.con.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", [doc_id]).fetchone()
        return _document_from_row(row, True) if row else None

    # ------------------------------------------------------------------ mentions and entities
    def local_actors(self) -> list[LocalActor]:
        """Every document's local actors, oldest document first."""
        rows = self.con.execute(
            """SELECT m.doc, m.local, any_value(d.seq) AS seq, min(m.start) AS first,
                      list(m.name ORDER BY m.start), list(m.label ORDER BY m.start),
                      list(m.titles ORDER BY m.start) FILTER (WHERE m.titles <> ''), any_value(m.country),
                      list(DISTINCT m.sentence)
               FROM mentions m JOIN documents d ON d.id = m.doc
               WHERE m.local IS NOT NULL GROUP BY m.doc, m.local ORDER BY seq, first""").fetchall()
        return [LocalActor(doc, local, seq, first, tuple(names), tuple(labels),
                           tuple(t for ts in (titles or []) for t in ts.split(" | ")), country, tuple(sentences))
                for doc, local, seq, first, names, labels, titles, country, sentences in rows]

    def acronym_definitions(self) -> list[tuple[str, str, int]]:
        """(acronym, long form, documents defining it so)."""
        return self.con.execute("SELECT acronym, long_form, count(DISTINCT doc) FROM acronyms GROUP BY ALL").fetchall()

    def role_claims(self) -> list[tuple]:
        """Role claims with the entity of their person and of their body, and their time — their sentence's, else
        the document's publication time: (person entity, title, of entity, of country, former, doc, evidence start,
        evidence end, value, earliest, latest, time text)."""
        return self.con.execute(
            """SELECT p.entity, c.title, o.entity, c.of_country, c.former, c.doc, c.evidence_start, c.evidence_end,
                      CASE WHEN c.time_value IS NULL THEN d.published_value ELSE c.time_value END,
                      CASE WHEN c.time_value IS NULL THEN d.published_earliest ELSE c.time_earliest END,
                      CASE WHEN c.time_value IS NULL THEN d.published_latest ELSE c.time_latest END,
                      c.time_text
               FROM role_claims c JOIN mentions p ON p.doc = c.doc AND p.start = c.person_start
               LEFT JOIN mentions o ON o.doc = c.doc AND o.start = c.of_start
               JOIN documents d ON d.id = c.doc
               WHERE p.entity IS NOT NULL ORDER BY d.seq, c.evidence_start""").fetchall()

    def link_actors(self, links: Sequence[tuple[str, str, str]]) -> None:
        """Point every mention of each (doc, local key) at its entity."""
        with self.transaction():
            self.con.execute("UPDATE mentions SET entity = NULL WHERE entity IS NOT NULL")
            if links:
                self.con.register("_links", {
                    "doc": np.array([x[0] for x in links], dtype=object),
                    "local": np.array([x[1] for x in links], dtype=object),
                    "entity": np.array([x[2] for x in links], dtype=object),
                })
                try:
                    self.con.execute("""UPDATE mentions SET entity = l.entity FROM _links l
                                        WHERE mentions.doc = l.doc AND mentions.local = l.local""")
                finally:
                    self.con.unregister("_links")

    def write_resolution(self, resolution: Resolution) -> None:
        """Replace the entities, their roles and the merge log (the mentions are linked by ``link_actors``)."""
        with self.transaction():
            for table in ("entities", "roles", "merges", "places"):
                self.con.execute(f"DELETE FROM {table}")
            if resolution.places:
                self._insert_rows("places", list(Place.__dataclass_fields__), [
                    [getattr(p, f) for f in Place.__dataclass_fields__] for p in resolution.places])
            if resolution.entities:
                self._insert_rows("entities", ("id", "name", "type", "aliases", "country", "sector"), [
                    [e.id, e.name, e.type, list(e.aliases), e.country, e.sector] for e in resolution.entities])
            if resolution.roles:
                self.con.executemany("INSERT INTO roles VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
                    [r.entity, r.title, r.of, r.time.value, r.time.earliest, r.time.latest, r.former,
                     json.dumps([{"doc": s.doc, "start": s.start, "end": s.end} for s in r.evidence])]
                    for r in resolution.roles])
            if resolution.merges:
                self._insert_rows("merges", ("entity", "left_name", "right_name", "score", "reason"), [
                    [m.entity, m.left, m.right, m.score, m.reason] for m in resolution.merges])

    def places(self) -> dict[str, Place]:
        """entity id → where the place is, for the place entities the gazetteer located."""
        rows = self.con.execute(f"SELECT {', '.join(Place.__dataclass_fields__)} FROM places").fetchall()
        return {row[0]: Place(*row) for row in rows}

    def roles(self, entity_id: str | None = None) -> list[Role]:
        """The roles of one entity, or of all, ordered by time."""
        where, params = ("WHERE entity = ?", [entity_id]) if entity_id else ("", [])
        rows = self.con.execute(
            f"SELECT entity, title, of_entity, value, earliest, latest, former, evidence FROM roles {where} "
            "ORDER BY entity, coalesce(value, earliest, latest), title", params).fetchall()
        return [Role(e, t, o, Time(v, lo, hi), bool(f), tuple(Span(**s) for s in json.loads(ev)))
                for e, t, o, v, lo, hi, f, ev in rows]

    def find_entities(self, name: str) -> list[str]:
        """Ids of the entities with this name or alias (case-insensitive), else of those with an alias
        containing it as a word ("Hegazi" finds "Mahmoud Hegazi"); best known first."""
        exact = """lower(e.name) = lower(?) OR list_contains(list_transform(e.aliases, lambda a: lower(a)), lower(?))"""
        word = """list_contains(flatten(list_transform(e.aliases, lambda a: string_split_regex(lower(a), '[ -]+'))),
                                lower(?))"""
        for where, params in ((exact, [name, name]), (word, [name])):
            rows = self.con.execute(f"""SELECT e.id FROM entities e JOIN mentions m ON m.entity = e.id WHERE {where}
                                        GROUP BY e.id ORDER BY count(*) DESC""", params).fetchall()
            if rows:
                return [r[0] for r in rows]
        return []

    def alias_counts(self, entity_id: str) -> list[tuple[str, int]]:
        return self.con.execute("""SELECT coalesce(name, text), count(*) FROM mentions WHERE entity = ?
                                   GROUP BY ALL ORDER BY 2 DESC, 1""", [entity_id]).fetchall()

    def documents_of(self, entity_id: str) -> list[tuple[str, str | None, str | None, int]]:
        """(doc id, title, publication date or bound, mentions) of the documents naming an entity."""
        return self.con.execute(
            """SELECT d.id, d.title, coalesce(d.published_value, '≥ ' || d.published_earliest, '≤ ' || d.published_latest),
                      count(*) FROM mentions m JOIN documents d ON d.id = m.doc WHERE m.entity = ?
               GROUP BY d.id, d.title, d.published_value, d.published_earliest, d.published_latest
               ORDER BY coalesce(d.published_value, d.published_earliest) NULLS LAST, 1""",
            [entity_id]).fetchall()

    def merges_of(self, entity_id: str) -> list[tuple[str, str, float, str]]:
        return self.con.execute("SELECT left_name, right_name, score, reason FROM merges WHERE entity = ?",
                                [entity_id]).fetchall()

    def entity(self, entity_id: str) -> Entity | None:
        row = self.con.execute("SELECT id, name, type, aliases, country, sector FROM entities WHERE id = ?",
                               [entity_id]).fetchone()
        return _entity_from_row(row) if row else None

    def entities(self) -> Iterator[tuple[Entity, list[Mention]]]:
        """Every entity with its mentions, by mention count then name."""
        rows = self.con.execute(
            """SELECT e.id, e.name, e.type, e.aliases, e.country, e.sector,
                      list(struct_pack(doc := m.doc, start := m.start, "end" := m."end", text := m.text,
                                       label := m.label, sentence := m.sentence) ORDER BY m.doc, m.start) AS ms
               FROM entities e JOIN mentions m ON m.entity = e.id
               GROUP BY ALL ORDER BY len(ms) DESC, e.name""").fetchall()
        for row in rows:
            mentions = [Mention(m["doc"], m["start"], m["end"], m["text"], m["label"], m["sentence"]) for m in row[6]]
            yield _entity_from_row(row[:6]), mentions

    def entity_table(self, limit: int = 50, search: str | None = None) -> list[tuple[str, str, str, int, int]]:
        """(id, name, type, mentions, documents) rows for listings."""
        where, params = "", []
        if search:
            where = "WHERE e.name ILIKE ? OR list_contains(list_transform(e.aliases, lambda a: lower(a)), lower(?))"
            params = [f"%{search}%", search]
        return self.con.execute(
            f"""SELECT e.id, e.name, e.type, count(*) AS n, count(DISTINCT m.doc) AS docs
                FROM entities e JOIN mentions m ON m.entity = e.id {where}
                GROUP BY e.id, e.name, e.type ORDER BY n DESC, e.name LIMIT ?""", params + [limit]).fetchall()

    # ------------------------------------------------------------------ events, relations, stories
    def event_documents(self, chunk: int = 400, only: Sequence[str] | None = None
                        ) -> Iterator[tuple[str, Time, str, list[EventMention], list[tuple], list[TimeMention] | None]]:
        """Each document with event mentions (of ``only``, when given), oldest first, streamed ``chunk``
        documents at a time: (id, publication time, text, its event mentions, its linked mentions as
        (start, end, entity type, entity, entity country, entity sector) by start, its stored time
        expressions — None for a document stored before they were)."""
        among = "AND d.id IN (SELECT unnest(?))" if only is not None else ""
        ids = [r[0] for r in self.con.execute(
            f"""SELECT d.id FROM documents d WHERE d.id IN (SELECT DISTINCT doc FROM event_mentions) {among}
                ORDER BY d.seq""", [list(only)] if only is not None else []).fetchall()]
        for k in range(0, len(ids), chunk):
            part = ids[k:k + chunk]
            docs = self.con.execute(
                """SELECT id, published_value, published_earliest, published_latest, text FROM documents
                   WHERE id IN (SELECT unnest(?))""", [part]).fetchall()
            ems: dict[str, list[EventMention]] = {}
            for doc, body in self.con.execute(
                    "SELECT doc, body FROM event_mentions WHERE doc IN (SELECT unnest(?)) ORDER BY doc, idx", [part]).fetchall():
                ems.setdefault(doc, []).append(_event_mention(json.loads(body)))
            marks: dict[str, list[tuple]] = {}
            for doc, *mark in self.con.execute(
                    """SELECT m.doc, m.start, m."end", e.type, m.entity, e.country, e.sector FROM mentions m
                       JOIN entities e ON e.id = m.entity
                       WHERE m.doc IN (SELECT unnest(?)) ORDER BY m.doc, m.start""", [part]).fetchall():
                marks.setdefault(doc, []).append(tuple(mark))
            times = self._times_of(part)
            by_id = {row[0]: row for row in docs}
            for doc in part:
                _, v, lo, hi, text = by_id[doc]
                yield doc, Time(v, lo, hi), text, ems.get(doc, []), marks.get(doc, []), times.get(doc)

    def _times_of(self, docs: list[str]) -> dict[str, list[TimeMention]]:
        """The stored time expressions of these documents; a document found in the build since they are
        stored (schema version 5) has an entry even when it has none."""
        out: dict[str, list[TimeMention]] = {}
        for row in self.con.execute(
                """SELECT doc, start, "end", text, type, value, earliest, latest, mod FROM times
                   WHERE doc IN (SELECT unnest(?)) ORDER BY doc, start""", [docs]).fetchall():
            out.setdefault(row[0], []).append(TimeMention(*row))
        since = self.con.execute("SELECT value FROM meta WHERE key = 'times_since_seq'").fetchall()
        first_seq = int(since[0][0]) if since else 0
        for doc, seq in self.con.execute("SELECT id, seq FROM documents WHERE id IN (SELECT unnest(?))", [docs]).fetchall():
            if seq > first_seq:
                out.setdefault(doc, [])
        return out

    def write_events(self, events: Iterable[dict], chunk: int = 5000) -> int:
        """Replace the events (bodies in the export's shape), inserted ``chunk`` at a time; returns how many."""
        n = 0
        with self.transaction():
            self.con.execute("DELETE FROM events")
            batch: list[dict] = []
            for event in events:
                batch.append(event)
                if len(batch) >= chunk:
                    n += self._insert_events(batch)
                    batch = []
            n += self._insert_events(batch)
        return n

    def events_by_id(self, ids: Sequence[str]) -> dict[str, dict]:
        rows = self.con.execute("SELECT id, body FROM events WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()
        return {i: json.loads(body) for i, body in rows}

    def replace_events(self, remove: Sequence[str], add: Sequence[dict]) -> None:
        """Delete the events ``remove`` and insert ``add``, in one transaction (merged events)."""
        with self.transaction():
            if remove:
                self.con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [list(remove)])
            self._insert_events(add)

    def _insert_events(self, events: Sequence[dict]) -> int:
        if events:
            self._insert_columns("events", {"id": np.array([e["id"] for e in events], dtype=object),
                                            "body": np.array([json.dumps(e) for e in events], dtype=object)})
        return len(events)

    def events(self) -> Iterator[dict]:
        for (body,) in self.con.execute("SELECT body FROM events ORDER BY id").fetchall():
            yield json.loads(body)

    def query(self, sql: str, params: Sequence | None = None) -> tuple[list[str], list[tuple]]:
        """A caller's own read-only SQL (the Python API's ``sql``): column names and rows."""
        if not self.read_only:
            raise StoreError("a caller's SQL runs only on a store opened for reading")
        try:
            cursor = self.con.execute(sql, list(params or []))
        except duckdb.Error as e:
            raise QueryError(f"the SQL failed: {str(e).splitlines()[0]}", "check it against the store's tables "
                             "(SHOW TABLES; DESCRIBE events)") from None
        return [d[0] for d in cursor.description or []], cursor.fetchall()

    def relations(self) -> Iterator[dict]:
        """The relations' bodies (the export's shape), by id."""
        for (body,) in self.con.execute("SELECT body FROM relations ORDER BY id").fetchall():
            yield json.loads(body)

    def relation_records(self, entity: str | None = None, kind: str | None = None) -> list[Relation]:
        """The relations with ``entity`` as source or target and of ``kind`` (either filter optional)."""
        rows = self.con.execute(
            """SELECT body FROM relations
               WHERE (?::VARCHAR IS NULL OR body->>'kind' = ?::VARCHAR)
                 AND (?::VARCHAR IS NULL OR body->>'source' = ?::VARCHAR OR body->>'target' = ?::VARCHAR)
               ORDER BY id""", [kind, kind, entity, entity, entity]).fetchall()
        return [Relation.from_dict(json.loads(body)) for (body,) in rows]

    def write_relations(self, relations: Iterable[Relation], dyads: Iterable[Dyad]) -> tuple[int, int]:
        """Replace the relations and the dyads (stage 6 recomputes them whole); returns how many of each."""
        relations, dyads = list(relations), list(dyads)
        with self.transaction():
            self.con.execute("DELETE FROM relations")
            self.con.execute("DELETE FROM dyads")
            if relations:
                self._insert_columns("relations", {
                    "id": np.array([r.id for r in relations], dtype=object),
                    "body": np.array([json.dumps(r.as_dict(), ensure_ascii=False) for r in relations], dtype=object)})
            if dyads:
                self._insert_columns("dyads", {f: np.array([getattr(d, f) for d in dyads], dtype=object)
                                               for f in Dyad.__dataclass_fields__})
        return len(relations), len(dyads)

    def dyads(self, source: str | None = None, target: str | None = None, start: str | None = None,
              end: str | None = None) -> list[Dyad]:
        """Monthly dyad rows (``source`` → ``target`` when given; months YYYY-MM from ``start`` to ``end``)."""
        rows = self.con.execute(
            f"""SELECT {', '.join(Dyad.__dataclass_fields__)} FROM dyads
                WHERE (?::VARCHAR IS NULL OR source = ?::VARCHAR) AND (?::VARCHAR IS NULL OR target = ?::VARCHAR)
                  AND (?::VARCHAR IS NULL OR month >= ?::VARCHAR) AND (?::VARCHAR IS NULL OR month <= ?::VARCHAR)
                ORDER BY source, target, month""", [source, source, target, target, start, start, end, end]).fetchall()
        return [Dyad(*row) for row in rows]

    def relate_documents(self, chunk: int = 400) -> Iterator[RelateInput]:
        """What stage 6 reads of each original (not duplicate) document, oldest first, ``chunk`` at a time:
        its text, publication time, sentence spans and the linked mentions with their entities' types."""
        ids = [r[0] for r in self.con.execute(
            "SELECT id FROM documents WHERE duplicate_of IS NULL ORDER BY seq").fetchall()]
        for k in range(0, len(ids), chunk):
            part = ids[k:k + chunk]
            docs = self.con.execute(
                """SELECT id, published_value, published_earliest, published_latest, text FROM documents
                   WHERE id IN (SELECT unnest(?))""", [part]).fetchall()
            sentences: dict[str, list[tuple[int, int]]] = {}
            for doc, start, end in self.con.execute(
                    """SELECT doc, start, "end" FROM sentences WHERE doc IN (SELECT unnest(?)) ORDER BY doc, idx""",
                    [part]).fetchall():
                sentences.setdefault(doc, []).append((start, end))
            marks: dict[str, list[LinkedMention]] = {}
            for doc, start, end, entity, kind, label in self.con.execute(
                    """SELECT m.doc, m.start, m."end", m.entity, e.type, m.label FROM mentions m
                       JOIN entities e ON e.id = m.entity
                       WHERE m.doc IN (SELECT unnest(?)) ORDER BY m.doc, m.start""", [part]).fetchall():
                marks.setdefault(doc, []).append(LinkedMention(start, end, entity, kind, label))
            by_id = {row[0]: row for row in docs}
            for doc in part:
                _, v, lo, hi, text = by_id[doc]
                yield RelateInput(doc, Time(v, lo, hi), text or "", tuple(sentences.get(doc, ())),
                                  tuple(marks.get(doc, ())))

    def stories(self) -> Iterator[tuple[str, str, list[str]]]:
        yield from self.con.execute("SELECT id, title, documents FROM stories ORDER BY id").fetchall()

    def events_where(self, entity: str | None = None, type_: str | None = None) -> Iterator[dict]:
        """The events with ``entity`` among their actors or recipients and of type ``type_`` (either
        filter optional), by id."""
        cursor = self.con.cursor()
        cursor.execute("""SELECT body FROM events
                          WHERE (?::VARCHAR IS NULL OR body->>'type' = ?::VARCHAR)
                            AND (?::VARCHAR IS NULL OR list_contains(json_extract_string(body, '$.actors[*]'), ?::VARCHAR)
                                 OR list_contains(json_extract_string(body, '$.recipients[*]'), ?::VARCHAR))
                          ORDER BY id""", [type_, type_, entity, entity, entity])
        while rows := cursor.fetchmany(1000):
            for (body,) in rows:
                yield json.loads(body)

    def entity_names(self, ids: Sequence[str]) -> dict[str, str]:
        """entity id → name, for the known ones of ``ids``."""
        if not ids:
            return {}
        return dict(self.con.execute("SELECT id, name FROM entities WHERE id IN (SELECT unnest(?))",
                                     [list(ids)]).fetchall())

    def entities_of_types(self, types: Sequence[str] | None = None) -> list[Entity]:
        """The entities of these types (all when None), without their aliases: their codes."""
        where, params = ("WHERE type IN (SELECT unnest(?))", [list(types)]) if types is not None else ("", [])
        return [Entity(i, name, kind, (), country, sector) for i, name, kind, country, sector in self.con.execute(
            f"SELECT id, name, type, country, sector FROM entities {where}", params).fetchall()]

    def document_headlines(self) -> dict[str, int]:
        """doc id → where its headline ends: the title, when the text starts with it (0 when it does not)."""
        return dict(self.con.execute("""SELECT id, CASE WHEN title IS NOT NULL AND title <> '' AND starts_with(text, title)
                                                   THEN length(title) ELSE 0 END
                                        FROM documents WHERE duplicate_of IS NULL""").fetchall())

    def publication_times(self, own: bool = False) -> dict[str, Time]:
        """doc id → its publication time (value, earliest, latest), for the original documents; ``own``: without
        the lower bounds that reported events set (see :meth:`bound_publications`)."""
        if own:
            return {i: Time(v, None if basis == "reported-happening" else lo, hi) for i, v, lo, hi, basis in
                    self.con.execute("""SELECT id, published_value, published_earliest, published_latest, published_basis
                                        FROM documents WHERE duplicate_of IS NULL""").fetchall()}
        return {i: Time(v, lo, hi) for i, v, lo, hi in self.con.execute(
            """SELECT id, published_value, published_earliest, published_latest FROM documents
               WHERE duplicate_of IS NULL""").fetchall()}

    def reset_publication_bounds(self) -> None:
        """Take back every lower bound that reported events set on a document's publication (see
        :meth:`bound_publications`): the document gets its own basis again."""
        with self.transaction():
            self.con.execute(
                """UPDATE documents SET published_earliest = NULL,
                       published_basis = coalesce(regexp_extract(
                           list_filter(published_candidates, lambda c: starts_with(c, 'basis before: '))[1],
                           'basis before: (.*)', 1), 'unknown'),
                       published_candidates = list_filter(published_candidates,
                           lambda c: NOT starts_with(c, 'reported-happening ') AND NOT starts_with(c, 'basis before: '))
                   WHERE published_basis = 'reported-happening'""")

    def bound_publications(self, bounds: Sequence[tuple[str, str, str]]) -> None:
        """Set lower bounds on undated documents' publication from the events they report: (doc, earliest
        day, why); the why and the document's own basis go to its publication candidates."""
        with self.transaction():
            if bounds:
                self.con.executemany(
                    """UPDATE documents SET published_earliest = ?,
                           published_candidates = list_concat(coalesce(published_candidates, []::VARCHAR[]),
                               [?, 'basis before: ' || coalesce(published_basis, 'unknown')]),
                           published_basis = 'reported-happening'
                       WHERE id = ?""", [[day, why, doc] for doc, day, why in bounds])

    def document_titles(self, ids: Sequence[str]) -> dict[str, str | None]:
        """doc id → title, for the stored ones of ``ids``."""
        if not ids:
            return {}
        return dict(self.con.execute("SELECT id, title FROM documents WHERE id IN (SELECT unnest(?))",
                                     [list(ids)]).fetchall())

    def story_inputs(self, unassigned: bool = False, chunk: int = 500) -> Iterator[tuple]:
        """What story grouping reads of each original (not duplicate) document, oldest first, streamed
        ``chunk`` rows at a time: (id, title, text, publication value, entity ids by first mention,
        place entity ids by first mention, the values of its events' times). ``unassigned``: only the
        documents in no story yet."""
        where = "duplicate_of IS NULL" + (" AND story IS NULL" if unassigned else "")
        cursor = self.con.cursor()
        cursor.execute(f"""
            WITH docs AS (SELECT id, seq, title, text, published_value FROM documents WHERE {where}),
            linked AS (SELECT m.doc, m.entity, min(m.start) AS first, any_value(e.type) IN ('GPE', 'LOC', 'FAC') AS place
                       FROM mentions m JOIN entities e ON e.id = m.entity
                       WHERE m.doc IN (SELECT id FROM docs) GROUP BY m.doc, m.entity),
            actors AS (SELECT doc, list(entity ORDER BY first, entity) FILTER (WHERE NOT place) AS entities,
                              list(entity ORDER BY first, entity) FILTER (WHERE place) AS places
                       FROM linked GROUP BY doc),
            times AS (SELECT doc, list(value ORDER BY n DESC, value) AS dates
                      FROM (SELECT m->>'doc' AS doc, e.body->'time'->>'value' AS value, count(*) AS n
                            FROM events e, unnest(json_extract(e.body, '$.mentions[*]')) AS t(m) GROUP BY ALL)
                      WHERE value IS NOT NULL AND doc IN (SELECT id FROM docs) GROUP BY doc)
            SELECT d.id, d.title, d.text, d.published_value, coalesce(a.entities, []), coalesce(a.places, []),
                   coalesce(t.dates, [])
            FROM docs d LEFT JOIN actors a ON a.doc = d.id LEFT JOIN times t ON t.doc = d.id ORDER BY d.seq""")
        while rows := cursor.fetchmany(chunk):
            yield from rows

    def story_documents(self) -> int | None:
        """Documents of the last full story grouping (the index's idf counts them); None before any."""
        row = self.con.execute("SELECT value FROM meta WHERE key = 'story_documents'").fetchone()
        return int(row[0]) if row else None

    def story_idf(self, terms: Sequence[str]) -> dict[str, float]:
        """term → idf in the story index, for the known ones of ``terms``."""
        if not terms:
            return {}
        return dict(self.con.execute("SELECT term, idf FROM story_idf WHERE term IN (SELECT unnest(?))",
                                     [list(terms)]).fetchall())

    def story_postings(self, terms: Sequence[str], limit: int) -> tuple[dict[str, set[str]], set[str]]:
        """The stories listed under each of ``terms`` with at most ``limit`` of them, and the terms with more."""
        lists: dict[str, set[str]] = {}
        frequent: set[str] = set()
        if terms:
            for term, stories in self.con.execute(
                    """SELECT term, CASE WHEN count(*) <= ? THEN list(story) END FROM story_postings
                       WHERE term IN (SELECT unnest(?)) GROUP BY term""", [limit, list(terms)]).fetchall():
                (lists.__setitem__(term, set(stories)) if stories is not None else frequent.add(term))
        return lists, frequent

    def story_centroids(self, ids: Sequence[str]) -> list[tuple]:
        """Stories with their index entry: (id, title, documents, terms, weights, norm, published first day,
        published last day, mentioned spans' first days, their last days); days are date ordinals."""
        if not ids:
            return []
        return self.con.execute(
            """SELECT s.id, s.title, s.documents, c.terms, c.weights, c.norm, c.published_first, c.published_last,
                      c.span_first, c.span_last
               FROM story_centroids c JOIN stories s ON s.id = c.story WHERE c.story IN (SELECT unnest(?))
               ORDER BY s.id""", [list(ids)]).fetchall()

    def stories_of(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """doc id → story id, for those of ``doc_ids`` already in a story."""
        if not doc_ids:
            return {}
        return dict(self.con.execute("SELECT id, story FROM documents WHERE id IN (SELECT unnest(?)) "
                                     "AND story IS NOT NULL", [list(doc_ids)]).fetchall())

    def replace_stories(self, entries: Iterable[tuple], idf: Iterable[tuple[str, float]], documents: int,
                        chunk: int = 2000) -> int:
        """Replace every story and the story index, in one transaction; returns how many stories.
        ``entries``: a story with its index entry as ``story_centroids`` reads it, plus the terms to list
        the story under; ``idf``: (term, idf); ``documents``: how many documents were grouped. Both are
        streamed ``chunk`` at a time. Duplicates join their original's story."""
        n = 0
        with self.transaction():
            for table in ("stories", "story_centroids", "story_postings", "story_idf"):
                self.con.execute(f"DELETE FROM {table}")
            self.con.execute("UPDATE documents SET story = NULL WHERE story IS NOT NULL")
            for part in self._chunks(idf, chunk):
                self._insert_columns("story_idf", {"term": self._objects([t for t, _ in part]),
                                                   "idf": np.array([v for _, v in part], dtype=float)})
            for part in self._chunks(entries, chunk):
                self._write_story_entries(part)
                n += len(part)
            self._link_story_documents(None)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('story_documents', ?)", [str(documents)])
        return n

    def update_stories(self, entries: Sequence[tuple]) -> None:
        """Insert or replace these stories and their index entries (shape as in ``replace_stories``; the
        blocking terms are added to the story's), in one transaction; their documents join them, and so
        do new duplicates of documents in a story."""
        ids = [e[0] for e in entries]
        with self.transaction():
            if ids:
                self.con.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?))", [ids])
                self.con.execute("DELETE FROM story_centroids WHERE story IN (SELECT unnest(?))", [ids])
                self._write_story_entries(entries)
            self._link_story_documents(ids)

    def _write_story_entries(self, entries: Sequence[tuple]) -> None:
        col = lambda k: self._objects([e[k] for e in entries])  # noqa: E731
        self._insert_columns("stories", {"id": col(0), "title": col(1), "documents": col(2)})
        self._insert_columns("story_centroids", {
            "story": col(0), "terms": col(3), "weights": col(4), "norm": np.array([e[5] for e in entries], float),
            "published_first": col(6), "published_last": col(7), "span_first": col(8), "span_last": col(9)})
        pairs = [(term, e[0]) for e in entries for term in e[10]]
        if pairs:
            self.con.register("_postings", {"term": self._objects([t for t, _ in pairs]),
                                            "story": self._objects([s for _, s in pairs])})
            try:
                self.con.execute("""INSERT INTO story_postings SELECT b.term, b.story FROM _postings b
                                    WHERE NOT EXISTS (SELECT 1 FROM story_postings p
                                                      WHERE p.term = b.term AND p.story = b.story)""")
            finally:
                self.con.unregister("_postings")

    def _link_story_documents(self, ids: Sequence[str] | None) -> None:
        """Set the story of the members of these stories (all when None); unassigned duplicates join their
        original's story; each touched story then lists all its documents, duplicates included."""
        if ids is None or ids:
            only, params = ("WHERE id IN (SELECT unnest(?))", [list(ids)]) if ids is not None else ("", [])
            self.con.execute(f"""UPDATE documents SET story = s.id
                                 FROM (SELECT id, unnest(documents) AS doc FROM stories {only}) s
                                 WHERE documents.id = s.doc""", params)
        touched = self.con.execute(
            """UPDATE documents SET story = o.story FROM documents o
               WHERE documents.duplicate_of = o.id AND documents.story IS NULL AND o.story IS NOT NULL
               RETURNING story""").fetchall()
        stories = sorted({r[0] for r in touched} | set(ids or ()))
        if ids is not None and not stories:
            return
        scope = "WHERE story IN (SELECT unnest(?))" if ids is not None else "WHERE story IS NOT NULL"
        self.con.execute(f"""UPDATE stories SET documents = x.docs
                             FROM (SELECT story, list(id ORDER BY id) AS docs FROM documents {scope} GROUP BY story) x
                             WHERE stories.id = x.story""", [stories] if ids is not None else [])

    @staticmethod
    def _chunks(rows: Iterable, size: int) -> Iterator[list]:
        part: list = []
        for row in rows:
            part.append(row)
            if len(part) >= size:
                yield part
                part = []
        if part:
            yield part

    @staticmethod
    def _objects(values: Sequence) -> np.ndarray:
        """A column of Python values (lists stay lists: DuckDB reads them as LIST values)."""
        out = np.empty(len(values), dtype=object)
        for k, value in enumerate(values):
            out[k] = list(value) if isinstance(value, tuple) else value
        return out

    # ------------------------------------------------------------------ summaries
    def stats(self, top: int = 10) -> StoreStats:
        one = lambda sql: self.con.execute(sql).fetchone()  # noqa: E731
        docs, dups, dated = one("SELECT count(*), count(duplicate_of), count(published_value) FROM documents")
        earliest, latest = one("SELECT min(published_value), max(published_value) FROM documents")
        return StoreStats(
            documents=docs, duplicates=dups, dated=dated, sentences=one("SELECT count(*) FROM sentences")[0],
            mentions=one("SELECT count(*) FROM mentions")[0], entities=one("SELECT count(*) FROM entities")[0],
            events=one("SELECT count(*) FROM events")[0], earliest=earliest, latest=latest,
            top_entities=tuple((r[1], r[2], r[3]) for r in self.entity_table(limit=top)),
            unfinished=self.unfinished_build(),
        )

    # ------------------------------------------------------------------ build state
    def begin_build(self, command: str) -> None:
        """Mark the store as being built (until :meth:`end_build`), with the command that completes it."""
        state = {"command": command, "pid": os.getpid(),
                 "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('build_running', ?)", [json.dumps(state)])

    def stop_build(self) -> None:
        """The build stopped before the end: keep its mark, without the process that is no longer building."""
        row = self.con.execute("SELECT value FROM meta WHERE key = 'build_running'").fetchone()
        if row:
            state = json.loads(row[0]) | {"pid": 0}
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('build_running', ?)", [json.dumps(state)])

    def end_build(self) -> None:
        self.con.execute("DELETE FROM meta WHERE key = 'build_running'")

    def unfinished_build(self) -> UnfinishedBuild | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = 'build_running'").fetchone()
        if not row:
            return None
        state = json.loads(row[0])
        return UnfinishedBuild(state["command"], state["pid"], state["started"], _alive(state["pid"]))


def _alive(pid: int) -> bool:
    """Is process ``pid`` running? (0: the build said it stopped.)"""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Transaction:
    def __init__(self, con):
        self.con = con

    def __enter__(self):
        self.con.execute("BEGIN TRANSACTION")
        return self

    def __exit__(self, exc_type, exc, tb):
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")
        return False


def _document_row(d: Document, seq: int) -> list:
    p = d.published
    return [
        d.id, seq, d.source, d.title, d.outlet, d.author, d.url, d.credit, list(d.captions), p.value, p.earliest,
        p.latest, p.text, d.published_basis, d.text, [r.text for r in d.removed], [r.reason for r in d.removed],
        d.duplicate_of, None, d.fmt, d.encoding, list(d.published_candidates),
    ]


def _document_from_row(row, include_text: bool) -> Document:
    (id_, _seq, source, title, outlet, author, url, credit, captions, pv, pe, pl, pt, basis, text, removed,
     reasons, dup, _story, fmt, encoding, candidates) = row
    return Document(
        id=id_, source=source, text=text if include_text else "", title=title, outlet=outlet, author=author,
        url=url, credit=credit, captions=tuple(captions or ()), published=Time(pv, pe, pl, pt),
        published_basis=basis, removed=tuple(Removed(t, r) for t, r in zip(removed or (), reasons or ())),
        duplicate_of=dup, fmt=fmt, encoding=encoding or "utf-8", published_candidates=tuple(candidates or ()),
    )


def _event_body(e: EventMention) -> dict:
    """An event mention as JSON-ready data (``asdict`` deep-copies; this does not need to)."""
    def part(p: Participant | None) -> dict | None:
        return None if p is None else vars(p)

    return {**vars(e), "trigger": part(e.trigger), "actors": [part(p) for p in e.actors],
            "recipients": [part(p) for p in e.recipients], "location": part(e.location),
            "attribution": part(e.attribution), "magnitude": [list(m) for m in e.magnitude]}


def _event_mention(body: dict) -> EventMention:
    def part(p):
        return Participant(**p) if p else None

    return EventMention(**{**body, "context": tuple(body["context"]), "trigger": part(body["trigger"]),
                           "actors": tuple(part(p) for p in body["actors"]),
                           "recipients": tuple(part(p) for p in body["recipients"]),
                           "location": part(body["location"]), "attribution": part(body["attribution"]),
                           "magnitude": tuple(tuple(m) for m in body.get("magnitude", ())),
                           "time_at": tuple(body["time_at"]) if body.get("time_at") is not None else None})


def _entity_from_row(row) -> Entity:
    return Entity(id=row[0], name=row[1], type=row[2], aliases=tuple(row[3] or ()), country=row[4], sector=row[5])

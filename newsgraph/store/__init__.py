"""Stage 7, store: the DuckDB file. This package alone speaks SQL.

Public entry point: :class:`Store` (``Store.open(path)``), one object over the parts that each keep one kind of
record: :mod:`~newsgraph.store.documents`, :mod:`~newsgraph.store.entities`, :mod:`~newsgraph.store.events`,
:mod:`~newsgraph.store.relations` and :mod:`~newsgraph.store.stories`. Events, event mentions and relations are
real columns (:mod:`~newsgraph.store.layouts`); the schema is :mod:`~newsgraph.store.schema`'s migrations.
Writes happen in transactions, one per batch of documents, so a build killed at any point leaves whole
batches or nothing; re-running it finds the finished documents by id and does the rest.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

import duckdb

from newsgraph.errors import QueryError, StoreError
from newsgraph.records import StoreStats, UnfinishedBuild
from newsgraph.settings import READER_GAP_SECONDS, READER_WAIT_SECONDS, WRITER_WAIT_SECONDS
from newsgraph.store.connection import WaitNotice, connect
from newsgraph.store.documents import DocumentTables
from newsgraph.store.entities import EntityTables
from newsgraph.store.events import EventTables
from newsgraph.store.relations import RelationTables
from newsgraph.store.schema import LATEST, MIGRATIONS
from newsgraph.store.stories import StoryTables

__all__ = ["Store"]


class Store(DocumentTables, EntityTables, EventTables, RelationTables, StoryTables):
    """A newsgraph DuckDB store. Use as a context manager, or call close()."""

    @classmethod
    def open(cls, path: str, create: bool = True, read_only: bool = False, wait: float | None = None,
             on_wait: WaitNotice | None = None) -> Store:
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

    def __enter__(self) -> Store:
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

    # ------------------------------------------------------------------ a caller's SQL, summaries
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
                 "started": datetime.now(UTC).isoformat(timespec="seconds")}
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('build_running', ?)", [json.dumps(state)])

    def stop_build(self) -> None:
        """The build stopped before the end: keep its mark, without the process that is no longer building."""
        row = self.con.execute("SELECT value FROM meta WHERE key = 'build_running'").fetchone()
        if row:
            state = json.loads(row[0]) | {"pid": 0}
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('build_running', ?)", [json.dumps(state)])

    def end_build(self) -> None:
        self.con.execute("DELETE FROM meta WHERE key = 'build_running'")

    def begin_derive(self) -> bool:
        """Mark the corpus-wide stages as running (until :meth:`end_derive`); returns whether an earlier run of
        them stopped before its end (its events may then hold reports of documents not marked taken in)."""
        stopped = self.con.execute("SELECT count(*) FROM meta WHERE key = 'deriving'").fetchone()[0] > 0
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('deriving', 'yes')")
        return stopped

    def end_derive(self) -> None:
        """Every stored document is taken in by the corpus-wide stages."""
        self.mark_derived()
        self.con.execute("DELETE FROM meta WHERE key = 'deriving'")

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

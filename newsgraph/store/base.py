"""What every part of the store shares: the connection, transactions, and column-wise inserts."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import duckdb
import numpy as np

from newsgraph.store.connection import WaitNotice

__all__ = ["Tables"]


class Tables:
    """The connection to one store file; each part of :class:`newsgraph.store.Store` adds its tables' methods."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool = False,
                 on_wait: WaitNotice | None = None):
        self.con = con
        self.path = path
        self.read_only = read_only
        self.on_wait = on_wait

    def transaction(self) -> _Transaction:
        return _Transaction(self.con)

    def give_back_cache(self) -> None:
        """Drop the blocks of the store file that DuckDB keeps cached: it keeps every block a query read, up to its
        memory limit (the store sets none: 80 % of the machine's memory), so a stage that reads a table many times
        over holds it whole on top of its own working set. Lowering the limit for a moment evicts every block no
        open query pins (those stay); the default limit is then restored."""
        try:
            self.con.execute("SET memory_limit = '1MB'")
        except duckdb.Error:  # pinned blocks stay: the others are evicted all the same
            pass
        finally:
            self.con.execute("RESET memory_limit")

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


class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def __enter__(self) -> _Transaction:
        self.con.execute("BEGIN TRANSACTION")
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")
        return False

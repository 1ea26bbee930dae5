"""One read-only connection that the server holds while requests come, so that each read of the library API
reuses the open database (about 2 ms) instead of opening the file again (20 ms or more).

DuckDB lets one process write a file or several read it, never both: a build that wants the file waits while
a reader holds it. So the keeper lets go when no request has come for ``idle`` seconds, and a build waiting
for the file gets it between bursts of requests (pages then wait for the build's batch, as the CLI does).
"""
from __future__ import annotations

import threading
import time

import duckdb

__all__ = ["Keeper"]


class Keeper:
    """Holds a read-only DuckDB connection to ``path`` while requests are served; closes it when idle."""

    def __init__(self, path: str, idle: float = 2.0):
        self.path = path
        self.idle = idle
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._active = 0
        self._last = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="newsgraph-keeper", daemon=True)
        self._thread.start()

    def enter(self) -> None:
        with self._lock:
            self._active += 1
            if self._con is None:
                try:
                    self._con = duckdb.connect(self.path, read_only=True)
                except duckdb.Error:
                    self._con = None  # a build holds the file: the API's own open waits for it and says so

    def exit(self) -> None:
        with self._lock:
            self._active -= 1
            self._last = time.monotonic()

    @property
    def holding(self) -> bool:
        return self._con is not None

    def _watch(self) -> None:
        while not self._stop.wait(min(0.5, self.idle / 2)):
            with self._lock:
                if self._con is not None and self._active == 0 and time.monotonic() - self._last >= self.idle:
                    self._con.close()
                    self._con = None

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

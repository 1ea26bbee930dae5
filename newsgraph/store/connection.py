"""Opening the store's DuckDB file, with waits and hints that match the cause.

DuckDB lets one process write a file, or any number read it, never both at once (a writer takes an
exclusive lock on the file, a reader a shared one). So a build releases the file while it parses
(:meth:`newsgraph.store.Store.released`) and holds it only to look documents up and to write a
batch; readers that find it held wait a bounded time, and the build, finding readers, waits for them.
"""
from __future__ import annotations

import os
import re
import time
from collections.abc import Callable

import duckdb

from newsgraph.errors import StoreError

__all__ = ["connect", "WaitNotice"]

WaitNotice = Callable[[str], None]  # told once, when opening has to wait for another process
_HELD_BY = re.compile(r"\(PID (\d+)\)")
_POLL_SECONDS = 0.02  # a waiting reader tries this often (the build lets go for READER_GAP_SECONDS)


def connect(path: str, read_only: bool, wait: float, on_wait: WaitNotice | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to ``path``; while another process holds a conflicting lock, retry for ``wait`` seconds."""
    _check_place(path, read_only)
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as e:
            message = str(e)
            if "Could not set lock" not in message:
                raise _open_error(path, message) from e
            if time.monotonic() >= deadline:
                raise _lock_error(path, message, read_only, wait) from e
            if on_wait and not told:
                on_wait(f"waiting for {_holder(message)} to release {path} (up to {wait:.0f} s)")
                told = True
            time.sleep(_POLL_SECONDS)
        except duckdb.Error as e:
            raise StoreError(f"{path} is not a DuckDB store ({str(e).splitlines()[0]})") from e


def _check_place(path: str, read_only: bool) -> None:
    """Hints for what DuckDB reports as a bare I/O error: a missing directory, no permission."""
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(parent):
        raise StoreError(f"cannot create the store {path}: the directory {parent} does not exist",
                         "create the directory first, or pass another --db")
    if read_only:
        if os.path.exists(path) and not os.access(path, os.R_OK):
            raise StoreError(f"cannot read the store {path}: permission denied", "ask for read access, or pass another --db")
        return
    if os.path.exists(path) and not os.access(path, os.W_OK):
        raise StoreError(f"cannot write the store {path}: it is read-only",
                         "use a read-only command (stats, export, …), make it writable, or pass another --db")
    if not os.access(parent, os.W_OK):
        raise StoreError(f"cannot write the store {path}: no permission to write in {parent}",
                         "pass a --db in a directory you can write")


def _open_error(path: str, message: str) -> StoreError:
    if "not a valid DuckDB database" in message:
        return StoreError(f"{path} is not a DuckDB store", "pass --db a store made by newsgraph")
    if "Permission denied" in message:
        return StoreError(f"cannot open {path}: permission denied", "pass a --db you can read and write")
    return StoreError(f"cannot open {path}: {message.splitlines()[0]}", "check the file and the disk, or pass another --db")


def _lock_error(path: str, message: str, read_only: bool, wait: float) -> StoreError:
    who = _holder(message)
    if read_only:
        return StoreError(f"{path} stayed locked by {who} for {wait:.0f} s",
                          "try again when its current step ends, or copy the file and read the copy")
    return StoreError(f"{path} is in use by {who} (waited {wait:.0f} s)",
                      "wait for it to finish (readers such as `newsgraph export` on a large store take a while), "
                      "or pass another --db")


def _holder(message: str) -> str:
    m = _HELD_BY.search(message)
    return f"another newsgraph process (pid {m[1]})" if m else "another process"

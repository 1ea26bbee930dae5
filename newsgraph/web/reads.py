"""What the server keeps between requests: the entity index and a few slow answers, per state of the store file.

Every read itself is a method of :class:`newsgraph.api.Graph` (the store owns the SQL).
"""
from __future__ import annotations

import os
import threading

from newsgraph.api import EntityIndex, Graph

__all__ = ["Cache"]


class Cache:
    """What the server reads once per state of the store file (its size and time): the entity index, and a few
    recent answers that are slow to make (the system on a date), read again when the file changes."""

    KEEP = 16

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._index: EntityIndex | None = None
        self._answers: dict = {}

    def _current(self, g: Graph) -> None:
        st = os.stat(g.path)
        key = (st.st_mtime_ns, st.st_size)
        if self._key != key:
            self._key, self._index, self._answers = key, None, {}

    def index(self, g: Graph) -> EntityIndex:
        with self._lock:
            self._current(g)
            if self._index is None:
                self._index = g.entity_index()
            return self._index

    def remember(self, g: Graph, key: tuple, make):
        """``make()``'s answer for ``key``, made once per state of the store (the last KEEP kept)."""
        with self._lock:
            self._current(g)
            if key in self._answers:
                return self._answers[key]
        answer = make()
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > self.KEEP:
                self._answers.pop(next(iter(self._answers)))
        return answer

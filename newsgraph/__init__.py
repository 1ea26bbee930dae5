"""newsgraph: rebuild the political system that news articles describe.

The Python API (:mod:`newsgraph.api`)::

    import newsgraph

    newsgraph.build(["examples/corpus"], db="news.duckdb")   # or newsgraph.add([...], db=...)
    g = newsgraph.open("news.duckdb")
    g.events(actor="Hifter", start="2017")                  # pandas DataFrames
    g.relations(as_of="2017-12")
    g.sql("SELECT count(*) FROM documents")

The stages are importable too: :func:`newsgraph.pipeline.build`, :class:`newsgraph.store.Store`,
:func:`newsgraph.export.export`, :func:`newsgraph.ingest.ingest`.
"""
from __future__ import annotations

import os

# DuckDB's allocator (jemalloc) keeps the pages a finished query freed until its decay timer runs out (10 s);
# the corpus-wide stages alternate a large query and a large Python working set, which would then sit on top of
# each other. Returned after a second instead (read when DuckDB loads, so set before anything imports duckdb):
# at 0 every query paid for it (the add and store tests ran 20 % slower), at 1 s none measurably does.
os.environ.setdefault("DUCKDB_JE_MALLOC_CONF", "dirty_decay_ms:1000,muzzy_decay_ms:1000")

__version__ = "0.1.0"
__all__ = ["Frame", "Graph", "__version__", "add", "build", "open", "remove"]

_API = frozenset({"Frame", "Graph", "add", "build", "open", "remove"})


def __getattr__(name: str):
    """The API is loaded on first use, so the command line does not pay for pandas."""
    if name in _API:
        from newsgraph import api

        return getattr(api, name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")

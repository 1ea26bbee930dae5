"""Benchmark: a store of N×K documents made from one of N, and the corpus-wide stages over it.

Usage: .venv/bin/python benchmarks/bench_big.py --store SMALL.duckdb --times 10 --out BIG.duckdb

Parsing 100,000 articles with spaCy takes this machine most of a day, and parsing costs the same per document
at any store size (it runs per batch, in bounded memory). What grows with the store is the corpus-wide stages
(resolve, events, stories, merge, relate) and their memory. So this copies every document of a built store K-1
more times — new ids and sources, every stored date moved 4·k years on (4, so that February 29 stays a day),
the same texts and parses — and runs those stages over the whole (`newsgraph build` does so after parsing),
printing seconds per stage, peak RSS and the store's size per 1,000 documents. The result is a store to time
`benchmarks/bench_add.py --store BIG.duckdb` on.

How it differs from real news: the texts repeat (bench_build's synthetic articles are themselves mixtures of
the example corpus's paragraphs, with 114 entities in all), so names, stories and happenings are far denser
than in a real archive: any 100 new articles name nearly every actor of the store, and `add` must then
revisit nearly every entity and pair. With --distinct-names each copy's people and bodies get names of their
own (the letters of the stored names shifted k places; the texts, and the countries, stay as they are), so
new articles of the original mix touch one copy's actors in ten, as news of one conflict touches a part of
an archive. The copies' dates differ; identical texts still share stories, and undated reports of one
story merge across copies where their parties agree (countries).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsgraph.pipeline import _derive, _Tally  # noqa: E402
from newsgraph.store import Store  # noqa: E402


class _PeakTally(_Tally):
    """A tally that also keeps each stage's own peak RSS: the kernel's high-water mark is reset before the stage
    (``/proc/self/clear_refs``) and read after it (``VmHWM``)."""

    def __init__(self, store=None, probe: bool = False):
        super().__init__()
        self.peaks: dict[str, float] = {}
        self.store = store
        self.probe = probe
        self.probes: dict[str, dict[str, float]] = {}

    def timed(self, stage: str):
        tally = self

        class _Both:
            def __enter__(self):
                if tally.probe:
                    tally.probes.setdefault(stage, {})["before"] = _rss_mb()
                _reset_peak()
                self.inner = _Tally.timed(tally, stage)
                return self.inner.__enter__()

            def __exit__(self, *exc):
                tally.peaks[stage] = max(tally.peaks.get(stage, 0.0), _peak_mb())
                if tally.probe:
                    tally.probes[stage].update(_probe(tally.store))
                    print(f"  {stage}: " + ", ".join(f"{k} {v:,.0f}" for k, v in tally.probes[stage].items())
                          + f" MB; peak {tally.peaks[stage]:,.0f} MB", flush=True)
                return self.inner.__exit__(*exc)

        return _Both()


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _probe(store) -> dict[str, float]:
    """What the process holds right after a stage: its RSS, DuckDB's own accounting of the memory it holds,
    the RSS once Python's garbage is collected, and once the C allocator has returned its free pages."""
    import ctypes
    import gc
    out = {"after": _rss_mb()}
    out["duckdb"] = store.con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0] / 2**20
    gc.collect()
    out["gc"] = _rss_mb()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    out["trim"] = _rss_mb()
    return out


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

_SHIFT = ("CASE WHEN regexp_matches({c}, '^\\d{{4}}') THEN CAST(CAST(substr({c}, 1, 4) AS INTEGER) + {years} AS VARCHAR)"
          " || substr({c}, 5) ELSE {c} END")
_DATES = {"documents": ("published_value", "published_earliest", "published_latest"),
          "times": ("value", "earliest", "latest"), "role_claims": ("time_value", "time_earliest", "time_latest")}
_NAMES = {("mentions", "name"), ("mentions", "local"), ("acronyms", "acronym"), ("acronyms", "long_form")}
_PER_DOCUMENT = ("sources", "signatures", "bands", "sentences", "mentions", "role_claims", "acronyms",
                 "event_mentions", "times")


_LOWER = "abcdefghijklmnopqrstuvwxyz"


def _shifted(column: str, k: int) -> str:
    """SQL: the column's letters shifted k places (a Caesar shift), case kept; a country's key is left."""
    low = _LOWER[k:] + _LOWER[:k]
    return (f"CASE WHEN {column} LIKE 'country:%' THEN {column} ELSE "
            f"translate({column}, '{_LOWER}{_LOWER.upper()}', '{low}{low.upper()}') END")


def _copy(con, k: int, last_seq: int, distinct: bool) -> None:
    """Copy k of every original document and the rows it owns (with ``distinct``, its people's and bodies'
    names shifted, so that each copy has actors of its own)."""
    doc = "'r{k}' || substr({c}, 3)"
    years = 4 * k
    columns = [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents' ORDER BY ordinal_position").fetchall()]
    select = []
    for c in columns:
        quoted = f'"{c}"'
        if c in ("id", "duplicate_of"):
            select.append(f"CASE WHEN {quoted} IS NULL THEN NULL ELSE {doc.format(k=k, c=quoted)} END")
        elif c == "seq":
            select.append(f"seq + {k * last_seq}")
        elif c == "source":
            select.append(f"source || '#{k}'")
        elif c in ("story", "derived"):
            select.append("NULL")
        elif c in _DATES["documents"]:
            select.append(_SHIFT.format(c=quoted, years=years))
        else:
            select.append(quoted)
    con.execute(f"INSERT INTO documents SELECT {', '.join(select)} FROM documents WHERE id NOT LIKE 'r%'")
    for table in _PER_DOCUMENT:
        cols = [r[0] for r in con.execute(
            f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position").fetchall()]
        select = []
        for c in cols:
            quoted = f'"{c}"'
            if c == "doc":
                select.append(doc.format(k=k, c=quoted))
            elif c == "source":
                select.append(f"source || '#{k}'")
            elif c == "entity":
                select.append("NULL")
            elif c in _DATES.get(table, ()):
                select.append(_SHIFT.format(c=quoted, years=years))
            elif distinct and (table, c) in _NAMES:
                select.append(_shifted(quoted, k))
            else:
                select.append(quoted)
        con.execute(f"INSERT INTO {table} SELECT {', '.join(select)} FROM {table} WHERE doc NOT LIKE 'r%'")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True, help="a built store (copied, not changed)")
    ap.add_argument("--times", type=int, default=10)
    ap.add_argument("--out", required=True)
    ap.add_argument("--distinct-names", action="store_true",
                    help="shift the letters of each copy's names (countries apart): each copy has actors of its own")
    ap.add_argument("--probe", action="store_true",
                    help="after each stage, print what the process holds (RSS, DuckDB's memory, after gc and malloc_trim)")
    ap.add_argument("--derive-only", action="store_true", help="OUT is already a copied store: derive it again")
    a = ap.parse_args()
    if not a.derive_only:
        shutil.copy(a.store, a.out)
    started = time.perf_counter()
    with Store.open(a.out, create=False) as store:
        last = store.con.execute("SELECT max(seq) FROM documents").fetchone()[0]
        if not a.derive_only:
            with store.transaction():
                for k in range(1, a.times):
                    _copy(store.con, k, last, a.distinct_names)
        docs = store.con.execute("SELECT count(*) FROM documents").fetchone()[0]
        print(f"copied: {docs:,} documents in {time.perf_counter() - started:.0f} s", flush=True)
        tally = _PeakTally(store, a.probe)
        started = time.perf_counter()
        store.begin_build("bench_big")
        _derive(store, tally, incremental=False,
                on_progress=lambda stage, done, total: print(f"  {stage} {'done' if done else '...'}", flush=True))
        store.end_build()
        derive = time.perf_counter() - started
        events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    size = os.path.getsize(a.out)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("peak RSS per stage (MB): " + ", ".join(f"{s} {m:,.0f}" for s, m in tally.peaks.items()))
    print(f"corpus-wide stages over {docs:,} documents: {derive:.0f} s ("
          + ", ".join(f"{s} {t:.0f}" for s, t in tally.seconds.items()) + f"); {events:,} events")
    print(f"peak RSS {peak:,.0f} MB; store {size / 2**20:,.0f} MB, {size / 2**20 / docs * 1000:.1f} MB per 1,000 documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

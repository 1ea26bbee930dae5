"""Benchmark: the relate stage (stage 6) alone, seconds per 1,000 documents.

Usage: .venv/bin/python benchmarks/bench_relate.py [--docs N] [--repeat R] [--db STORE]

Builds a store of N synthetic articles (bench_build's mix of the example corpus and, when ../shared is
present, the seeds) unless --db names a built store, then runs `relate` on it R times and keeps the best.
Prints the store's documents, events, relations and dyads, the seconds, and seconds per 1,000 documents.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import synthetic_corpus  # noqa: E402
from newsgraph.pipeline import build  # noqa: E402
from newsgraph.relate import relate  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402
from newsgraph.store import Store  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--db", help="a built store to time relate on (default: build N synthetic articles)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = a.db
        if db is None:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            synthetic_corpus(corpus, a.docs)
            db = str(Path(tmp) / "bench.duckdb")
            started = time.perf_counter()
            build([str(corpus)], Settings(db=db))
            print(f"built {a.docs} articles in {time.perf_counter() - started:.0f} s")
        best, report = float("inf"), None
        with Store.open(db) as store:
            documents = store.stats().documents
            for _ in range(a.repeat):
                started = time.perf_counter()
                report = relate(store)
                best = min(best, time.perf_counter() - started)
            events = store.stats().events
    print(f"documents {documents}, events {events}, claims {report.claims}, relations {report.relations}, "
          f"dyads {report.dyads}")
    print(f"relate: {best:.2f} s (best of {a.repeat}); {1000 * best / max(1, documents):.2f} s per 1,000 documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: `add` of a few new documents to a large store, against building those documents alone.

Usage: .venv/bin/python benchmarks/bench_add.py --store BIG.duckdb [--new 100] [--seed 99] [--workers 1]

Copies the store (it is not changed), makes --new synthetic articles (bench_build's mix, another seed than
the store's), then with one loaded model times `add` of them to the copy and `build` of them into a new store.
Prints both times, their ratio (the target of issue 16 is ≤ 3), the add's seconds per stage, its peak RSS and
the store's size per 1,000 documents. Make a big store first, e.g. with
`benchmarks/bench_serve.py --docs 10000 --keep DIR` (its store is DIR/store.duckdb).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import synthetic_corpus  # noqa: E402
from newsgraph.annotate import load_model  # noqa: E402
from newsgraph.pipeline import build  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402
from newsgraph.store import Store  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True, help="the big store (copied, not changed)")
    ap.add_argument("--new", type=int, default=100, help="new synthetic articles to add")
    ap.add_argument("--seed", type=int, default=99)
    ap.add_argument("--workers", type=int, default=1)
    a = ap.parse_args()
    nlp = load_model() if a.workers == 1 else None
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(a.store))) as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        synthetic_corpus(corpus, a.new, seed=a.seed)
        big = str(Path(tmp) / "big.duckdb")
        shutil.copy(a.store, big)
        with Store.open(big, create=False) as s:  # migrates an older store first
            before = s.stats().documents
        size = os.path.getsize(big)
        settings = Settings(db=big, progress=False, workers=a.workers)
        started = time.perf_counter()
        added = build([str(corpus)], settings, nlp=nlp, must_exist=True)
        adding = time.perf_counter() - started
        alone = str(Path(tmp) / "alone.duckdb")
        started = time.perf_counter()
        build([str(corpus)], Settings(db=alone, progress=False, workers=a.workers), nlp=nlp)
        building = time.perf_counter() - started
    print(f"store: {before:,} documents, {size / 2**20:,.0f} MB ({size / 2**20 / before * 1000:,.1f} MB per 1,000 documents)")
    print(f"add {a.new} to it: {adding:.1f} s, peak {added.peak_mb:,.0f} MB; stages: "
          + ", ".join(f"{s} {t:.1f}" for s, t in added.stages))
    print(f"build the {a.new} alone: {building:.1f} s; add/alone = {adding / building:.2f} (target ≤ 3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

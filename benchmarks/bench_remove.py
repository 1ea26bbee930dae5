"""Benchmark: removing one document from a store of N, against rebuilding the other N-1.

Usage: .venv/bin/python benchmarks/bench_remove.py [--docs N]

Makes N synthetic articles (bench_build's mix), builds them all, copies the store, removes one document
from the copy (`newsgraph.pipeline.remove`), and builds the other N-1 into a new store with the same loaded
model. Prints both times and their ratio, and checks the two stores hold the same documents and events.
"""
from __future__ import annotations

import argparse
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
from newsgraph.pipeline import build, remove  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402
from newsgraph.store import Store  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=300)
    a = ap.parse_args()
    nlp = load_model()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        synthetic_corpus(corpus, a.docs)
        files = sorted(corpus.iterdir())
        full = str(Path(tmp) / "full.duckdb")
        build([str(corpus)], Settings(db=full, progress=False), nlp=nlp)
        victim = files[len(files) // 2]
        started = time.perf_counter()
        report = remove([str(victim)], Settings(db=full, progress=False), nlp=nlp)
        removing = time.perf_counter() - started
        rest = Path(tmp) / "rest"
        rest.mkdir()
        for f in files:
            if f != victim:
                shutil.copy(f, rest / f.name)
        again = str(Path(tmp) / "again.duckdb")
        started = time.perf_counter()
        build([str(f) for f in sorted(rest.iterdir())], Settings(db=again, progress=False), nlp=nlp)
        rebuilding = time.perf_counter() - started
        with Store.open(full, read_only=True) as s1, Store.open(again, read_only=True) as s2:
            same_docs = {d.id for d in s1.documents(include_text=False)} == {d.id for d in s2.documents(include_text=False)}
            same_events = sorted(e["id"] for e in s1.events()) == sorted(e["id"] for e in s2.events())
    print(f"remove 1 of {a.docs}: {removing:.1f} s (stages: " + ", ".join(f"{s} {t:.1f}" for s, t in report.stages) + ")")
    print(f"rebuild the other {a.docs - 1}: {rebuilding:.1f} s; remove/rebuild = {removing / rebuilding:.2f}")
    print(f"same documents: {same_docs}; same event ids: {same_events}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

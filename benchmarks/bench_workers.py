"""Benchmark: `build` with one worker, with N worker processes, and on a Dask LocalCluster of N workers.

Usage: .venv/bin/python benchmarks/bench_workers.py [--docs 300] [--workers 2] [--repeat 1] [--no-dask]

Writes the synthetic corpus of bench_build.py (paragraphs of the example corpus and the seeds, mixed),
then builds it into a new store with each setting in turn, alternating over the repeats, in one run (so
the ratios compare like with like on a shared machine). Each build loads the spaCy pipeline where it
parses (here for one worker; in each worker process otherwise), and that is counted. Prints each
setting's best time, documents per second and the ratio to one worker, whether every store's export is
the same, and the peak memory of this process and of its largest worker.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import synthetic_corpus  # noqa: E402

from newsgraph.api import build, open as open_store  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402


def export_of(db: str) -> dict:
    out = Path(db).with_suffix(".json")
    open_store(db).export("json", str(out))
    data = json.loads(out.read_text())
    data.pop("unfinished", None)
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    settings = {"1 worker": {"workers": 1}, f"{args.workers} workers": {"workers": args.workers}}
    if not args.no_dask:
        settings[f"dask local, {args.workers} workers"] = {"workers": args.workers, "dask": "local"}
    times: dict[str, list[float]] = {name: [] for name in settings}
    exports: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        synthetic_corpus(corpus, args.docs)
        for r in range(args.repeat):
            for k, (name, extra) in enumerate(settings.items()):
                db = str(Path(tmp) / f"s{r}_{k}.duckdb")
                started = time.perf_counter()
                report = build([str(corpus)], settings=Settings(db=db, progress=False, **extra))
                times[name].append(time.perf_counter() - started)
                print(f"  {name}: {times[name][-1]:.1f} s ({report.annotated} documents annotated)", flush=True)
                exports.setdefault(name, export_of(db))
    base = min(times["1 worker"])
    print(f"documents: {args.docs}, cpus: {os.cpu_count()}, repeats: {args.repeat}")
    for name, ts in times.items():
        print(f"{name:>24}: {min(ts):6.1f} s  {args.docs / min(ts):5.1f} docs/s  ×{base / min(ts):.2f} of one worker")
    same = all(e == exports["1 worker"] for e in exports.values())
    print(f"every export the same as one worker's: {same}")
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: this process {me:.0f} MB, largest worker process {children:.0f} MB")


if __name__ == "__main__":
    main()

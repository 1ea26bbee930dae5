"""Benchmark: readers while a build writes the same store — does every read succeed, and how long does one wait?

Usage: .venv/bin/python benchmarks/bench_readers.py [--docs 300] [--cli-every 10]

Writes N synthetic articles (as benchmarks/bench_build.py does), starts `newsgraph build` on them in
another process, and until it exits reads the store in a loop the way `newsgraph stats` does: open
read-only (waiting while the build holds the file), read the summary, close. Every ``--cli-every``-th
read runs the real `newsgraph stats` command instead and checks its exit status. Prints the number of
reads, failures, and the wait to open (median, 95th percentile, longest), with the build's own time.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import synthetic_corpus  # noqa: E402
from newsgraph.errors import StoreError  # noqa: E402
from newsgraph.store import Store  # noqa: E402


def read_once(db: Path) -> float:
    """Seconds spent waiting to open the store, then one summary read."""
    started = time.perf_counter()
    with Store.open(str(db), create=False, read_only=True) as store:
        waited = time.perf_counter() - started
        store.stats()
    return waited


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--cli-every", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db = Path(tmp) / "corpus", Path(tmp) / "store.duckdb"
        corpus.mkdir()
        synthetic_corpus(corpus, args.docs)
        started = time.perf_counter()
        build = subprocess.Popen([sys.executable, "-m", "newsgraph", "build", str(corpus), "--db", str(db), "-q"],
                                 cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        waits, failures, cli_runs, cli_seconds = [], [], 0, []
        while build.poll() is None:
            if not db.exists():
                time.sleep(0.05)
                continue
            if args.cli_every and len(waits) % args.cli_every == args.cli_every - 1:
                t = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "newsgraph", "stats", "--db", str(db)], cwd=ROOT,
                                      capture_output=True, text=True)
                cli_runs += 1
                if done.returncode != 0:
                    failures.append(done.stderr.strip().splitlines()[-1:])
                cli_seconds.append(time.perf_counter() - t)
                waits.append(0.0)  # counted as a read; its time is reported apart
                continue
            try:
                waits.append(read_once(db))
            except StoreError as e:
                failures.append(str(e))
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        _, build_err = build.communicate()
    waits = sorted(w for w in waits if w) or [0.0]
    p95 = waits[int(0.95 * (len(waits) - 1))] if waits else 0.0
    print(f"build of {args.docs} docs: exit {build.returncode} in {seconds:.1f} s{'; ' + build_err.strip() if build.returncode else ''}")
    print(f"reads during it: {len(waits)} ({cli_runs} through `newsgraph stats`), failures {len(failures)}")
    if waits:
        print(f"wait to open (library reads): median {statistics.median(waits):.2f} s, p95 {p95:.2f} s, "
              f"longest {waits[-1]:.2f} s")
    if cli_seconds:
        print(f"`newsgraph stats` runs, whole command: longest {max(cli_seconds):.2f} s, all exit 0: {not failures}")
    for f in failures[:5]:
        print("failure:", f)


if __name__ == "__main__":
    main()

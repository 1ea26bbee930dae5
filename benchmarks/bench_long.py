"""Benchmark: one long document, from 100 KB to 10 MB — build time and peak memory against its length.

Usage: .venv/bin/python benchmarks/bench_long.py [--sizes 0.1,1,10] [--form line|paragraphs|jsonl]

For each size, writes one article of that many bytes made of the example corpus's paragraphs
(``line``: one line with no line break; ``paragraphs``: blank-line separated; ``jsonl``: one JSONL
record holding the text) and builds it into a new store in a fresh process, so each peak RSS is
that build's own. Prints seconds, seconds per MB, peak RSS, and what the store holds. Parsing must
grow linearly with length and memory must stay bounded (documents are parsed in windows and
analysed a segment at a time); the build's --max-mb default is set from these figures
(docs/performance.md).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_CHILD = """
import json, resource, sys, time
from newsgraph.pipeline import build
from newsgraph.settings import Settings
from newsgraph.store import Store
started = time.perf_counter()
report = build([sys.argv[1]], Settings(db=sys.argv[2], max_bytes=1 << 40))
seconds = time.perf_counter() - started
with Store.open(sys.argv[2], read_only=True) as store:
    s = store.stats()
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "problems": len(report.problems), "documents": s.documents, "sentences": s.sentences,
                  "mentions": s.mentions, "events": s.events, "stages": dict(report.stages)}))
"""


def article(size: int, form: str) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "corpus" / "txt").glob("*.txt"))]
    paragraphs = [p.strip() for t in texts for p in t.split("\n\n") if len(p.split()) >= 12]
    out, total, k = [], 0, 0
    while total < size:
        out.append(paragraphs[k % len(paragraphs)])
        total += len(out[-1]) + 2
        k += 1
    joined = (" " if form in ("line", "jsonl") else "\n\n").join(out)
    return joined.encode("utf-8")[:size].decode("utf-8", errors="ignore")


def run(size_mb: float, form: str, tmp: Path) -> dict:
    text = article(int(size_mb * 2**20), form)
    path = tmp / (f"long_{size_mb}.jsonl" if form == "jsonl" else f"long_{size_mb}.txt")
    body = json.dumps({"id": "long", "text": text}) + "\n" if form == "jsonl" else text
    path.write_text(body, encoding="utf-8")
    db = tmp / f"long_{size_mb}_{form}.duckdb"
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(db)], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"build of {size_mb} MB failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.1,1,10", help="Sizes in MB, comma-separated.")
    ap.add_argument("--form", default="line", choices=("line", "paragraphs", "jsonl"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for size in (float(s) for s in args.sizes.split(",")):
            r = run(size, args.form, Path(tmp))
            annotate = r["stages"].get("annotate", 0.0)
            print(f"{size:6.1f} MB {args.form:10s} {r['seconds']:8.1f} s  {r['seconds'] / size:6.1f} s/MB  "
                  f"annotate {annotate:7.1f} s  peak RSS {r['peak_mb']:6.0f} MB  sentences {r['sentences']}  "
                  f"mentions {r['mentions']}  events {r['events']}  problems {r['problems']}", flush=True)
            print("        stages: " + ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items()), flush=True)


if __name__ == "__main__":
    main()

"""Benchmark: `build` throughput against raw spaCy `nlp.pipe` on the same texts, and peak memory.

Usage: .venv/bin/python benchmarks/bench_build.py [--docs N] [--repeat R]

Makes N unique synthetic articles by mixing paragraphs of the example corpus (and the seeds when
../shared is present), writes them as .txt files, then in one run and with one loaded model:
  1. raw:   list(nlp.pipe(texts)) over the cleaned texts of those articles, with the model as it ships;
  2. build: newsgraph's whole build (read, clean, dedup, annotate, store, resolve) into a new store.
Each is run R times, alternating, and the best time of each is kept. Prints docs/s for both, the
ratio (target >= 0.8), and the peak RSS of the process.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsgraph.annotate import load_model, model_name  # noqa: E402
from newsgraph.ingest import ingest  # noqa: E402
from newsgraph.pipeline import build  # noqa: E402
from newsgraph.records import Document  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402


def paragraphs() -> list[str]:
    roots = [ROOT / "examples" / "corpus", ROOT.parent / "shared" / "corpus" / "seeds"]
    docs = [d for d in ingest([str(r) for r in roots if r.exists()]) if isinstance(d, Document)]
    return [p for d in docs for p in d.text.split("\n\n") if len(p.split()) >= 12]


def synthetic_corpus(directory: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    pool = paragraphs()
    for i in range(n):
        body = rng.sample(pool, k=min(8, len(pool)))
        title = f"Report {i}: " + " ".join(body[0].split()[:7])
        (directory / f"article_{i:05d}.txt").write_text(title + "\n\n" + "\n\n".join(body), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    import spacy

    nlp = load_model()  # the build's pipeline (with its sentence-bounds component)
    raw_nlp = spacy.load(model_name())  # the same spaCy model as it ships, for the raw baseline
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        synthetic_corpus(corpus, args.docs)
        texts = [d.text for d in ingest([str(corpus)]) if isinstance(d, Document)]
        raw_times, build_times = [], []
        for r in range(args.repeat):
            started = time.perf_counter()
            for _ in raw_nlp.pipe(texts, batch_size=64):
                pass
            raw_times.append(time.perf_counter() - started)
            db = Path(tmp) / f"bench{r}.duckdb"
            report = build([str(corpus)], Settings(db=str(db), progress=False), nlp=nlp)
            build_times.append(report.seconds)
            stages = report.stages
            assert report.annotated == len(texts), report
    raw, built = len(texts) / min(raw_times), len(texts) / min(build_times)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    chars = sum(map(len, texts)) / len(texts)
    print(f"documents: {len(texts)} (mean {chars:.0f} characters), model: {nlp.meta['name']}, cpus: {os.cpu_count()}")
    print(f"raw nlp.pipe: {raw:.1f} docs/s (best of {args.repeat})")
    print(f"build:        {built:.1f} docs/s (best of {args.repeat})")
    print(f"ratio build/raw: {built / raw:.2f} (target >= 0.80)")
    print(f"peak RSS: {peak_mb:.0f} MB")
    print("last build's stages (s): " + ", ".join(f"{name} {sec:.1f}" for name, sec in stages)
          + f"; raw parse of the same texts {min(raw_times):.1f}")


if __name__ == "__main__":
    main()

"""Story clustering throughput on synthetic corpora of 5k, 10k and 20k documents.

Each synthetic story has its own names, numbers and date; stories come in "kinds" that share
topic words (as two earthquakes do), and every document also draws from a large Zipf-distributed
background vocabulary. Prints docs/s per size (near-constant docs/s means near-linear scaling),
B3 F1 against the generating stories as a sanity check, and the cost of adding 100 documents to
the largest index incrementally. With ``--store``, the same through a DuckDB store as the build
runs it (``group_stories``): the full grouping streamed from the store with the index written back,
then an ``add`` of 100 documents that reads only the part of the index it needs.

    python benchmarks/bench_stories.py [--sizes 5000 10000 20000] [--store]
"""
from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import tempfile
import time
from dataclasses import dataclass

from newsgraph.evaluate.stories import b3
from newsgraph.events.grouping import group_stories
from newsgraph.events.stories import StoryInput, cluster_stories
from newsgraph.events.story_index import StoryIndex
from newsgraph.records import Document, DocumentBatch, Time
from newsgraph.store import Store

_SYLLABLES = "ka lo mi ren sa tor vi dan el gu ho ju ne pa ri zu".split()


@dataclass(frozen=True)
class Corpus:
    docs: list[StoryInput]
    gold: dict[str, str]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts))


def _story(rng: random.Random, kind: list[str], background: list[str], weights: list[float]) -> dict:
    names = [_word(rng, 3).capitalize() + " " + _word(rng, 3).capitalize() for _ in range(3)]
    day = f"{rng.randint(1995, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {"names": names, "number": str(rng.randint(2, 999)), "day": day, "kind": kind,
            "background": background, "weights": weights}


def _text(rng: random.Random, story: dict) -> str:
    sentences = []
    for _ in range(rng.randint(8, 16)):
        words = rng.choices(story["background"], cum_weights=story["weights"], k=rng.randint(8, 16))
        words += rng.sample(story["kind"], 3)
        if rng.random() < 0.6:
            words.append(rng.choice(story["names"]))
        if rng.random() < 0.3:
            words.append(story["number"])
        rng.shuffle(words)
        sentences.append("The " + " ".join(words) + ".")
    return f"Report on {story['day']}\n" + " ".join(sentences)


def synthetic_corpus(n_docs: int, seed: int = 0) -> Corpus:
    """About 8 documents per story, 2 stories per kind, 40 topic words per kind."""
    rng = random.Random(seed)
    background = [_word(rng, rng.randint(2, 4)) for _ in range(20000)]
    weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(background))))
    docs: list[StoryInput] = []
    gold: dict[str, str] = {}
    story: dict = {}
    while len(docs) < n_docs:
        if len(docs) % 16 == 0:
            kind = [_word(rng, 3) for _ in range(40)]
        if len(docs) % 8 == 0:
            story = _story(rng, kind, background, weights)
        doc_id = f"d{len(docs):07d}"
        docs.append(StoryInput(doc_id, _text(rng, story)))
        gold[doc_id] = story["day"] + story["number"]
    return Corpus(docs, gold)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stored(docs: list[StoryInput]) -> DocumentBatch:
    rows = tuple(Document(id=d.doc_id, source=d.doc_id, text=d.text, published=Time(d.text[10:20])) for d in docs)
    return DocumentBatch(documents=rows, annotations=(), signatures=(), sources=())


def bench_store(size: int) -> None:
    """Full grouping of ``size`` stored documents, then an incremental add of 100."""
    corpus = synthetic_corpus(size + 100, seed=size)
    with tempfile.TemporaryDirectory() as tmp, Store.open(os.path.join(tmp, "s.duckdb")) as store:
        for k in range(0, size, 1000):
            store.write_batch(_stored(corpus.docs[k:min(k + 1000, size)]))
        start = time.perf_counter()
        n = group_stories(store)
        full = time.perf_counter() - start
        store.write_batch(_stored(corpus.docs[size:]))
        start = time.perf_counter()
        changed = group_stories(store, incremental=True)
        added = time.perf_counter() - start
        score = b3([s for s in _stories(store)], corpus.gold)
    print(f"{size:>6} docs in a store: group {full:5.1f} s ({n} stories), add 100 docs {added:.2f} s "
          f"({changed} stories changed), B3 F1 {score['f1']:.3f}; peak RSS so far {_peak_mb():.0f} MB", flush=True)


def _stories(store: Store):
    from newsgraph.events.stories import Story

    return [Story(sid, title, tuple(docs)) for sid, title, docs in store.stories()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 10000, 20000])
    parser.add_argument("--store", action="store_true", help="Through a store, as the build runs it.")
    args = parser.parse_args()
    for size in args.sizes:
        if args.store:
            bench_store(size)
            continue
        corpus = synthetic_corpus(size + 100, seed=size)
        base, extra = corpus.docs[:size], corpus.docs[size:]
        start = time.perf_counter()
        stories = cluster_stories(base)
        took = time.perf_counter() - start
        score = b3(stories, {d.doc_id: corpus.gold[d.doc_id] for d in base})
        start = time.perf_counter()
        index = StoryIndex.build(base)
        built = time.perf_counter() - start
        start = time.perf_counter()
        index.add(extra)
        added = time.perf_counter() - start
        print(f"{size:>6} docs: cluster {took:5.1f} s = {size / took:5.0f} docs/s ({len(stories)} stories, "
              f"B3 F1 {score['f1']:.3f}); index build {built:5.1f} s; add 100 docs {added:.2f} s; "
              f"peak RSS so far {_peak_mb():.0f} MB", flush=True)


if __name__ == "__main__":
    main()

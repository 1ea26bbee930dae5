"""Evaluate story clustering on an ECB+-style JSONL file (``doc``, ``text``, ``subtopic``).

All documents of the file are clustered in one run, from their text only: no titles, publication
dates, entities or event dates are given, so the clusterer relies on its own regex features
(capitalised names and phrases, numbers, dates written in the text). The score is B3 precision,
recall and F1 against the gold ``subtopic``. As a reference the file is also clustered by a plain
TF-IDF average-link baseline (all pairs, no name/date features, no neighbour graph), whose
threshold is picked on the file itself, so it is an optimistic baseline.

    python -m newsgraph.evaluate.stories shared/eval/ecbplus_dev_docs.jsonl
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from newsgraph.errors import InputError
from newsgraph.events.stories import Story, StoryInput, StorySettings, cluster_stories

BASELINE = StorySettings(
    neighbours=10**9, lead_lines=0, name_boost=0.0, use_text_dates=False,
    date_penalty=1.0, published_penalty=1.0, published_far_penalty=1.0, undated_penalty=1.0, min_similarity=0.0,
    block_terms=10**9, block_max_df=10**9, block_neighbours=10**9,
)
BASELINE_THRESHOLDS = (0.125, 0.15, 0.175, 0.2, 0.225)


def b3(stories: Sequence[Story], gold: Mapping[str, str]) -> dict[str, float]:
    """B3 precision, recall and F1 over the documents of ``gold``; unclustered ones are singletons."""
    predicted = {doc: story.id for story in stories for doc in story.documents}
    predicted = {doc: predicted.get(doc, "single:" + doc) for doc in gold}
    pred_size, gold_size = Counter(predicted.values()), Counter(gold.values())
    both = Counter((predicted[d], gold[d]) for d in gold)
    n = max(1, len(gold))
    precision = sum(both[predicted[d], gold[d]] / pred_size[predicted[d]] for d in gold) / n
    recall = sum(both[predicted[d], gold[d]] / gold_size[gold[d]] for d in gold) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def load(path: str | Path) -> tuple[list[StoryInput], dict[str, str]]:
    """Documents (text only) and their gold stories."""
    docs, gold = [], {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            docs.append(StoryInput(doc_id=str(record["doc"]), text=record["text"]))
            gold[str(record["doc"])] = str(record["subtopic"])
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not a story record ({exc})",
                             "each line needs doc, text and subtopic") from exc
    return docs, gold


def _rounded(scores: Mapping[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in scores.items()}


def _baseline(docs: Sequence[StoryInput], gold: Mapping[str, str]) -> dict[str, float]:
    best: dict[str, float] = {"f1": -1.0}
    for threshold in BASELINE_THRESHOLDS:
        scores = b3(cluster_stories(docs, replace(BASELINE, threshold=threshold)), gold)
        if scores["f1"] > best["f1"]:
            best = {**_rounded(scores), "threshold": threshold}
    return best


def evaluate(path: str | Path, baseline: bool = True, settings: StorySettings | None = None) -> dict:
    """Cluster every document of ``path`` and score it (plus the baseline when asked)."""
    docs, gold = load(path)
    start = time.perf_counter()
    stories = cluster_stories(docs, settings)
    seconds = time.perf_counter() - start
    result: dict = {"documents": len(docs), "gold_stories": len(set(gold.values())),
                    "stories": len(stories), **_rounded(b3(stories, gold)), "seconds": round(seconds, 2)}
    if baseline:
        result["baseline_tfidf_average_link"] = _baseline(docs, gold)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m newsgraph.evaluate.stories PATH.jsonl", file=sys.stderr)
        return 2
    try:
        print(json.dumps(evaluate(args[0]), indent=2))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

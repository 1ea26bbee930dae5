"""Evaluate name clustering on ``names_dev.jsonl`` (B3) and ``names_dev_negatives.jsonl``.

All ``variants`` of all records are clustered in ONE run of ``cluster_names`` (no contexts, as
``newsgraph names cluster`` does); the gold cluster of a variant is its record. The negative pairs
(a_name of record a, b_name of record b) are looked up in that same run: a pair counts as kept
apart when the two names got different labels. A negative name that is not among the variants
is added to the run (as a name of its record), so the check always sees the full clustering.

``python -m newsgraph.evaluate.names [names_dev.jsonl [negatives.jsonl]]`` prints the metrics.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from newsgraph.resolve.names import cluster_names

DEFAULT_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "eval"


@dataclass(frozen=True)
class Item:
    """One name to cluster and the record (gold entity) it belongs to."""

    name: str
    gold: str


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def b_cubed(predicted: list[int], gold: list[str]) -> dict[str, float]:
    """B3 precision, recall and F1 over items (each item weighs the same)."""
    pairs = Counter(zip(predicted, gold))
    by_predicted = Counter(predicted)
    by_gold = Counter(gold)
    n = len(gold) or 1
    precision = sum(pairs[(p, g)] / by_predicted[p] for p, g in zip(predicted, gold)) / n
    recall = sum(pairs[(p, g)] / by_gold[g] for p, g in zip(predicted, gold)) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _items(records: list[dict], negatives: list[dict]) -> list[Item]:
    items = [Item(v, r["id"]) for r in records for v in r["variants"]]
    known = {(i.name, i.gold) for i in items}
    for pair in negatives:
        for name, gold in ((pair["a_name"], pair["a"]), (pair["b_name"], pair["b"])):
            if (name, gold) not in known:
                known.add((name, gold))
                items.append(Item(name, gold))
    return items


def _kept_apart(items: list[Item], labels: tuple[int, ...], negatives: list[dict]) -> dict[str, float]:
    label_of: dict[tuple[str, str], int] = {(i.name, i.gold): label for i, label in zip(items, labels)}
    apart = [label_of[(p["a_name"], p["a"])] != label_of[(p["b_name"], p["b"])] for p in negatives]
    return {"negative_pairs": len(apart), "kept_apart": round(sum(apart) / (len(apart) or 1), 4)}


def evaluate(path: str | Path, negatives_path: str | Path | None = None) -> dict:
    """Cluster all variants (and negative names) in one run; B3 on the variants, negatives kept apart."""
    records = read_jsonl(path)
    negatives = read_jsonl(negatives_path) if negatives_path else []
    items = _items(records, negatives)
    started = time.perf_counter()
    labels = cluster_names([i.name for i in items]).labels
    seconds = time.perf_counter() - started
    n_variants = sum(len(r["variants"]) for r in records)
    result: dict = {"names": n_variants, "records": len(records), "clusters": len(set(labels[:n_variants]))}
    result.update(b_cubed(list(labels[:n_variants]), [i.gold for i in items[:n_variants]]))
    result["by_type"] = _by_type(records, items[:n_variants], labels[:n_variants])
    if negatives:
        result.update(_kept_apart(items, labels, negatives))
    result["seconds"] = round(seconds, 2)
    return result


def _by_type(records: list[dict], items: list[Item], labels: tuple[int, ...]) -> dict[str, dict]:
    """B3 restricted to the items of each gold type (clusters cut to those items)."""
    type_of = {r["id"]: r.get("type", "") for r in records}
    groups: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        groups[type_of[item.gold]].append(n)
    return {
        kind: b_cubed([labels[n] for n in members], [items[n].gold for n in members])
        for kind, members in sorted(groups.items())
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_DIR / "names_dev.jsonl"
    default_negatives = path.with_name(path.stem + "_negatives.jsonl")
    negatives: Path | None = Path(args[1]) if len(args) > 1 else default_negatives
    if len(args) < 2 and not default_negatives.exists():
        negatives = None
    print(json.dumps(evaluate(path, negatives), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

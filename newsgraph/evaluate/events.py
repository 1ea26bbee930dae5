"""Evaluate the sentence-level PLOVER coder on ``plover_dev.jsonl``.

Each record is ``{"id", "sentence", "date", "expected": [{"code", "source": [{"code"}], "target": [...]}]}``.

- ``type_accuracy``: a sentence is right when one predicted event has an expected PLOVER type;
  ``first_type_accuracy`` asks it of the first (main) predicted event only.
- ``country_recall``: expected source and target country codes (non-empty) found among the
  countries of the predicted actors and recipients of the sentence; ``country_recall_typed``
  counts only events of an expected type.
- ``confusion``: expected type -> first predicted type (NONE when nothing was coded).

``python -m newsgraph.evaluate.events [PATH]`` prints the metrics as JSON.
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from newsgraph.events.coder import code_records

DEFAULT_PATH = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "plover_dev.jsonl"

__all__ = ["evaluate", "main", "score"]


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _expected_codes(record: dict) -> list[str]:
    return [a["code"] for e in record["expected"] for a in e.get("source", []) + e.get("target", []) if a.get("code")]


def _countries(events: list[dict]) -> set[str]:
    return {p["country"] for e in events for p in e["actors"] + e["recipients"] if p.get("country")}


def score(records: list[dict], results: list[dict]) -> dict:
    """Metrics of coded ``results`` (one per record, same order) against the records' ``expected``."""
    n = len(records)
    right = first_right = found = found_typed = wanted = 0
    confusion: dict[str, Counter] = defaultdict(Counter)
    misses: list[str] = []
    for record, result in zip(records, results):
        expected = {e["code"] for e in record["expected"]}
        events = result["events"]
        first = events[0]["type"] if events else "NONE"
        hit = any(e["type"] in expected for e in events)
        right += hit
        first_right += first in expected
        for code in expected:
            confusion[code][first] += 1
        if not hit:
            misses.append(record["id"])
        codes = _expected_codes(record)
        wanted += len(codes)
        found += sum(c in _countries(events) for c in codes)
        found_typed += sum(c in _countries([e for e in events if e["type"] in expected]) for c in codes)
    return {
        "sentences": n,
        "type_accuracy": round(right / (n or 1), 4),
        "first_type_accuracy": round(first_right / (n or 1), 4),
        "country_recall": round(found / (wanted or 1), 4),
        "country_recall_typed": round(found_typed / (wanted or 1), 4),
        "expected_countries": wanted,
        "no_event": sum(1 for r in results if not r["events"]),
        "events_per_sentence": round(sum(len(r["events"]) for r in results) / (n or 1), 2),
        "per_type": _per_type(records, results),
        "confusion": {k: dict(v.most_common()) for k, v in sorted(confusion.items())},
        "misses": misses,
    }


def _per_type(records: list[dict], results: list[dict]) -> dict[str, dict]:
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for record, result in zip(records, results):
        types = {e["type"] for e in result["events"]}
        for code in {e["code"] for e in record["expected"]}:
            table[code][0] += 1
            table[code][1] += code in types
    return {k: {"n": n, "accuracy": round(ok / n, 4)} for k, (n, ok) in sorted(table.items())}


def evaluate(path: str | Path = DEFAULT_PATH, nlp=None) -> dict:
    """Code every sentence of ``path`` (loading the spaCy model when ``nlp`` is None) and score it."""
    if nlp is None:
        from newsgraph.annotate import load_model

        nlp = load_model()
    records = read_jsonl(path)
    results = list(code_records(nlp, records))
    return score(records, results)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(json.dumps(evaluate(args[0] if args else DEFAULT_PATH), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

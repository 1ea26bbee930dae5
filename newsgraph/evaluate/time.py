"""Value accuracy of the time normaliser on a TimeML-style dev set (gold spans, DCT given).

Each JSONL record has ``text``, ``dct``, ``sentence``, ``char_start``, ``char_end`` and the gold
``value``; ``doc`` and ``sent_index`` (when present) let the last date we resolved earlier in the
same document anchor anaphoric expressions, as ``find_times`` does over a whole article.
The sentences whose expressions need a tense (year-less dates, weekdays) are parsed with the
project's spaCy model, as the pipeline gives ``find_times`` its parse; ``--no-parse`` scores
the regex-only path (word cues for tense).

    python -m newsgraph.evaluate.time PATH [--no-parse]
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgraph.records import Token
from newsgraph.time import needs_tense as time_needs_tense, tokens_of
from newsgraph.time.expressions import TimexValue, normalize

Parses = Mapping[str, Sequence[Token]]

REF_VALUES: frozenset[str] = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


@dataclass(frozen=True)
class Scored:
    """One gold expression with our value and the kind of error (None when right)."""

    text: str
    dct: str | None
    gold: str | None
    predicted: str | None
    error: str | None


def canonical(value: str | None) -> str | None:
    """Spellings of one value made equal: W7 = W07, T17 = T17:00, T24 = T24:00."""
    if value is None:
        return None
    v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value.strip())
    v = re.sub(r"T(\d\d)$", r"T\1:00", v)
    return re.sub(r"(T\d\d:\d\d):00$", r"\1", v)


def error_kind(gold: str | None, predicted: str | None) -> str | None:
    """None when right; else missing, ref, granularity, wrong_year, wrong_date or other."""
    g, p = canonical(gold), canonical(predicted)
    if g == p:
        return None
    if p is None:
        return "missing"
    if g in REF_VALUES or p in REF_VALUES or (g or "").startswith("P") or p.startswith("P"):
        return "ref_or_duration"
    if re.sub(r"\d", "9", g or "") != re.sub(r"\d", "9", p):
        return "granularity"
    if (g or "")[4:] == p[4:]:
        return "wrong_year"
    return "wrong_date"


def read_records(path: str | Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def document_order(records: Iterable[dict]) -> list[dict]:
    """Records in reading order within each document (stable for records without doc)."""
    indexed = list(enumerate(records))
    indexed.sort(key=lambda ir: (str(ir[1].get("doc", ir[0])), ir[1].get("sent_index") or 0,
                                 ir[1].get("char_start") or 0, ir[0]))
    return [r for _, r in indexed]


def score_records(records: Iterable[dict], use_anchor: bool = True,
                  parses: Parses | None = None) -> list[Scored]:
    scored: list[Scored] = []
    anchor: str | None = None
    doc: object = object()
    for rec in document_order(records):
        if rec.get("doc") is None or rec.get("doc") != doc or not use_anchor:
            doc, anchor = rec.get("doc"), None  # records without a document stand alone
        tokens = (parses or {}).get(rec.get("sentence") or "")
        timex = normalize(rec.get("text", ""), rec.get("dct"), rec.get("sentence"),
                          rec.get("char_start"), rec.get("char_end"), anchor=anchor,
                          tokens=tokens)
        anchor = next_anchor(anchor, timex)
        gold = rec.get("value")
        scored.append(Scored(rec.get("text", ""), rec.get("dct"), gold, timex.value,
                             error_kind(gold, timex.value)))
    return scored


def next_anchor(anchor: str | None, timex: TimexValue) -> str | None:
    """The last concrete date mentioned so far."""
    return timex.value if timex.anchorable else anchor


def needs_tense(record: dict) -> bool:
    """Whether the record's expression is resolved by its clause's tense."""
    return time_needs_tense(record.get("text") or "", record.get("sentence"), record.get("char_start"),
                            record.get("char_end"))


def parse_sentences(sentences: Iterable[str], model: str | None = None
                    ) -> dict[str, tuple[Token, ...]]:
    """The dependency parse of each distinct sentence with the project's spaCy model."""
    from newsgraph.annotate import load_model

    nlp = load_model(model)
    unique = sorted(set(sentences))
    return {s: tokens_of(doc) for s, doc in zip(unique, nlp.pipe(unique, disable=["ner"]))}


def evaluate(path: str | Path, use_anchor: bool = True, parse: bool = True) -> dict:
    """Value accuracy (canonical spelling; exact string too), errors by kind, and the accuracy
    when each expression is normalised alone (no anchor from earlier in its document).
    ``parse``: give the sentences that need a tense their dependency parse."""
    records = list(read_records(path))
    parses = parse_sentences(r["sentence"] for r in records if needs_tense(r)) if parse \
        else None
    scored = score_records(records, use_anchor, parses)
    total = len(scored) or 1
    kinds = Counter(s.error for s in scored if s.error)
    alone = score_records(records, False, parses) if use_anchor else scored
    return {"n": len(scored), "parsed_sentences": len(parses or {}),
            "value_accuracy": sum(s.error is None for s in scored) / total,
            "value_accuracy_exact_string": sum(s.gold == s.predicted for s in scored) / total,
            "value_accuracy_without_anchor": sum(s.error is None for s in alone) / total,
            "errors": dict(kinds.most_common())}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [a for a in args if a != "--no-parse"]
    if len(paths) != 1:
        print("usage: python -m newsgraph.evaluate.time PATH.jsonl [--no-parse]", file=sys.stderr)
        return 2
    print(json.dumps(evaluate(paths[0], parse="--no-parse" not in args), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: newsgraph's HTML article text against plain trafilatura, snippet by snippet, on the same pages.

Usage: .venv/bin/python benchmarks/compare_html_extraction.py [CASES] [--diff-against trafilatura] [--pages N]
                                                              [--only newsgraph-html,...]

CASES is a cases.jsonl file (default ../shared/eval/extraction_dev/cases.jsonl): one page per line with
"html_path" (relative to the file's folder), "with" (snippets the article text must hold) and "without"
(boilerplate snippets it must not hold). Only pages with "with" snippets are read. The snippet rule is the
scorer's (shared/eval/score_extraction.py): whitespace runs normalised to one space, then a substring test.

Compared, on each page:
  trafilatura            trafilatura.extract(html) with its default settings
  trafilatura-precision  the same with favor_precision=True
  trafilatura-recall     the same with favor_recall=True
  newsgraph-html         newsgraph.ingest.html.extract_html(html).text, before anything else touches it
  newsgraph              the Document text newsgraph stores (title added, then the plain-text cleaner),
                         i.e. what `newsgraph extract` prints

Prints precision, recall and F1 over snippets for each, the seconds each took, and then every page where
newsgraph and the --diff-against variant disagree on a snippet, so one sees where newsgraph loses (and
wins). Writes nothing.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_CASES = ROOT.parent / "shared" / "eval" / "extraction_dev" / "cases.jsonl"


def norm(text: str | None) -> str:
    """The scorer's normalisation: whitespace runs become one space, ends stripped."""
    return re.sub(r"\s+", " ", text or "").strip()


def load_cases(path: Path, pages: int) -> list[dict]:
    """The cases with article snippets, their html_path made absolute (relative to the cases file)."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        if case.get("with"):
            case["html_path"] = str((path.parent / case["html_path"]).resolve())
            cases.append(case)
    return cases[:pages] if pages else cases


def extractors() -> dict[str, Callable[[str], str]]:
    """Name → function from a page's path to the article text it yields (empty when none)."""
    import trafilatura

    from newsgraph.ingest import to_document
    from newsgraph.ingest.html import extract_html
    from newsgraph.ingest.readers import read_path
    from newsgraph.records import Document
    from newsgraph.settings import Settings

    settings = Settings()

    def html_of(path: str) -> str:
        """The page decoded the way newsgraph's reader decodes it, so every variant sees the same text."""
        raw = next(iter(read_path(path, settings)))
        return getattr(raw, "body", "") or ""

    def plain(**options) -> Callable[[str], str]:
        def run(path: str) -> str:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return trafilatura.extract(html_of(path), **options) or ""
        return run

    def newsgraph_html(path: str) -> str:
        article = extract_html(html_of(path))
        return article.text if article else ""

    def newsgraph(path: str) -> str:
        texts = []
        for raw in read_path(path, settings):
            doc = raw if not hasattr(raw, "fmt") else to_document(raw)
            if isinstance(doc, Document):
                texts.append(doc.text)
        return "\n\n".join(texts)

    return {
        "trafilatura": plain(),
        "trafilatura-precision": plain(favor_precision=True),
        "trafilatura-recall": plain(favor_recall=True),
        "newsgraph-html": newsgraph_html,
        "newsgraph": newsgraph,
    }


def judge(case: dict, text: str) -> list[tuple[str, str, bool]]:
    """(kind, snippet, right) for each snippet of the case, in order: right when a 'with' snippet is in the
    text or a 'without' one is not. A snippet listed twice counts twice, as in the scorer."""
    t = norm(text)
    return [("with", w, norm(w) in t) for w in case["with"]] + \
        [("without", w, norm(w) not in t) for w in case["without"]]


def scores(verdicts: list[list[tuple[str, str, bool]]]) -> tuple[float, float, float]:
    """Snippet precision, recall and F1, counted as the scorer counts them."""
    tp = fp = fn = 0
    for verdict in verdicts:
        for kind, _, right in verdict:
            if kind == "with":
                tp, fn = tp + right, fn + (not right)
            else:
                fp += not right
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def print_differences(cases: list[dict], ours: list[list], theirs: list[list], other: str) -> None:
    """Each page where newsgraph and ``other`` disagree on a snippet: which snippets, and who is right."""
    lost = won = 0
    print(f"\nper page: newsgraph against {other} ('-' newsgraph wrong only, '+' newsgraph right only)")
    for case, mine, their in zip(cases, ours, theirs):
        diffs = [(kind, snippet, right) for (kind, snippet, right), (_, _, other_right) in zip(mine, their)
                 if right != other_right]
        if not diffs:
            continue
        print(f"{case['id']}  {Path(case['html_path']).name}")
        for kind, snippet, right in diffs:
            lost, won = lost + (not right), won + right
            what = "missed" if kind == "with" else "kept boilerplate"
            print(f"  {'+' if right else '-'} {kind:7} {'' if right else what + ': '}{norm(snippet)[:100]!r}")
    print(f"snippets newsgraph gets wrong and {other} right: {lost}; the reverse: {won}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="?", default=str(DEFAULT_CASES), help="cases.jsonl with html_path/with/without")
    ap.add_argument("--diff-against", default="trafilatura", help="variant to list per-page differences against")
    ap.add_argument("--pages", type=int, default=0, help="only the first N pages (0: all)")
    ap.add_argument("--only", default="", help="comma-separated variants to run (default: all)")
    a = ap.parse_args()
    path = Path(a.cases)
    if not path.is_file():
        print(f"skipped: no cases file at {path} (the shared evaluation data is absent)")
        return 0
    cases = load_cases(path, a.pages)
    runs = extractors()
    if a.only:
        wanted = set(a.only.split(",")) | {"newsgraph", a.diff_against}
        runs = {name: run for name, run in runs.items() if name in wanted}
    if a.diff_against not in runs:
        ap.error(f"--diff-against must be one of {', '.join(runs)}")
    verdicts = {}
    print(f"{len(cases)} pages from {path}")
    for name, run in runs.items():
        started = time.perf_counter()
        verdicts[name] = [judge(case, run(case["html_path"])) for case in cases]
        seconds = time.perf_counter() - started
        p, r, f = scores(verdicts[name])
        print(f"{name:22} P={p:.3f} R={r:.3f} F1={f:.3f}   {seconds:6.1f} s")
    print_differences(cases, verdicts["newsgraph"], verdicts[a.diff_against], a.diff_against)
    return 0


if __name__ == "__main__":
    sys.exit(main())

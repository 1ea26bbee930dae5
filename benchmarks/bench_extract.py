"""Extraction speed: HTML pages (and their plain-text dumps) through ingest's `to_document`, pages per second.

    .venv/bin/python benchmarks/bench_extract.py [--cases ../shared/eval/extraction_dev/cases.jsonl] [--repeat 3]

Reads the pages into memory first (no disk in the timing), then times the best of ``--repeat`` passes of
`to_document` over every page as HTML, then over every page flattened to a text dump. Run it against two
revisions minutes apart to compare: ``NEWSGRAPH_TREE=<checkout>`` times that checkout's ``newsgraph`` (by
default, the tree this script is in; PYTHONPATH cannot do it, as the chosen tree is put first on the path).
The figures are written in docs/performance.md.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREE = Path(os.environ.get("NEWSGRAPH_TREE") or ROOT).resolve()  # the checkout whose newsgraph is timed
sys.path.insert(0, str(TREE))

from newsgraph.ingest import to_document  # noqa: E402
from newsgraph.records import RawArticle  # noqa: E402

BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "section", "article", "header",
          "footer", "nav", "aside", "blockquote", "pre", "dd", "dt", "figcaption", "time", "title"}


class _Flatten(HTMLParser):
    """Every visible block of a page on its own line: what a copy-paste or a text dump gives."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style", "noscript", "template")
        self.parts.append("\n" if tag in BLOCKS else "")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style", "noscript", "template") and self.hidden > 0
        self.parts.append("\n" if tag in BLOCKS else "")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def dump(html: str) -> str:
    f = _Flatten()
    f.feed(html)
    return "\n".join(line for line in (" ".join(x.split()) for x in "".join(f.parts).split("\n")) if line)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=str(ROOT.parent / "shared" / "eval" / "extraction_dev" / "cases.jsonl"))
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    cases_path = Path(a.cases)
    if not cases_path.is_file():
        print(f"no cases at {cases_path}: pass --cases", file=sys.stderr)
        return 2
    cases = [json.loads(line) for line in cases_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pages = [(c.get("url"), (cases_path.parent / c["html_path"]).read_bytes().decode("utf-8", "replace"))
             for c in cases]
    html = [RawArticle(source=f"page{i}.html", body=body, fmt="html", url=url) for i, (url, body) in enumerate(pages)]
    text = [RawArticle(source=f"page{i}.txt", body=dump(body), fmt="txt") for i, (_url, body) in enumerate(pages)]
    print(f"newsgraph from {Path(sys.modules['newsgraph'].__file__).parent}")
    for label, raws in (("html", html), ("text dumps", text)):
        best = min(_timed(raws) for _ in range(a.repeat))
        print(f"{label}: {len(raws)} pages, {best:.2f} s, {len(raws) / best:.1f} pages/s (best of {a.repeat})")
    return 0


def _timed(raws: list[RawArticle]) -> float:
    """Seconds for one pass, with the line judgements of earlier passes forgotten (a build reads each page once)."""
    try:
        from newsgraph.ingest.boilerplate import judge_line
        judge_line.cache_clear()
    except ImportError:  # a checkout from before page dumps were cut
        pass
    start = time.perf_counter()
    for raw in raws:
        to_document(raw)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())

"""Evaluate the whole pipeline on a real-news set (``realnews_dev/`` and the held-out sets of its kind).

The set's directory holds ``docs.jsonl`` (the excerpts with their publication days),
``docs_nodate.jsonl`` (the same without them) and ``gold.json``; its scorer, ``score_realnews.py``,
stands in the directory above. Both document files are built into fresh stores with one loaded
model, exported in ``newsgraph/1`` and scored; the result is the scorer's flat summary (``--json``),
with the seconds each build took.

    newsgraph eval realnews --data ../shared/eval/realnews_dev/
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.annotate import load_model
from newsgraph.errors import InputError
from newsgraph.export import export
from newsgraph.pipeline import build
from newsgraph.settings import Settings
from newsgraph.store import Store

__all__ = ["evaluate", "build_export"]

SCORER = "score_realnews.py"


def evaluate(data: str, nlp=None, nodate: bool = True) -> dict:
    """The scorer's summary for the set in directory ``data`` (see the module docstring)."""
    folder = Path(data)
    docs, gold, scorer = folder / "docs.jsonl", folder / "gold.json", folder.parent / SCORER
    for needed in (docs, gold, scorer):
        if not needed.is_file():
            raise InputError(f"{needed} is missing", "pass --data a real-news set's directory, e.g. "
                                                     "../shared/eval/realnews_dev/")
    nlp = nlp or load_model()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        exported = build_export(docs, Path(tmp) / "docs", nlp)
        seconds = time.perf_counter() - started
        command = [sys.executable, str(scorer), str(exported), str(gold), "--json"]
        if nodate and (folder / "docs_nodate.jsonl").is_file():
            command += ["--nodate-export", str(build_export(folder / "docs_nodate.jsonl", Path(tmp) / "nodate", nlp))]
        scored = subprocess.run(command, capture_output=True, text=True)
    if scored.returncode != 0:
        raise InputError(f"the scorer failed: {scored.stderr.strip().splitlines()[-1:] or scored.returncode}")
    return json.loads(scored.stdout) | {"build_seconds": round(seconds, 1)}


def build_export(docs: Path, stem: Path, nlp) -> Path:
    """Build ``docs`` into ``stem``.duckdb and export it to ``stem``.json; the export's path."""
    db, out = stem.with_suffix(".duckdb"), stem.with_suffix(".json")
    build([str(docs)], Settings(db=str(db)), nlp=nlp)
    with Store.open(str(db), create=False, read_only=True) as store:
        export(store, "json", str(out))
    return out

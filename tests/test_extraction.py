"""Quality gate on real web pages (../shared/eval/extraction_dev): article text from HTML and from plain-text
dumps of the same pages, and the publication day, scored by the set's own scorer through the real
`newsgraph extract`. The floors only go up; the held-out half of the same suites decides the real score."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

# measured values, a little below (issue 12's targets are higher: see `issues show 12`)
FLOORS = {"html_f1": 0.93, "text_f1": 0.85, "date_right": 0.87}
CEILINGS = {"date_wrong": 0.063}


@pytest.fixture(scope="module")
def scores(shared) -> dict:
    scorer = shared / "eval" / "score_extraction.py"
    done = subprocess.run([sys.executable, str(scorer), "--cli", f"{sys.executable} -m newsgraph"],
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_extraction_metric_is_at_least_its_floor(scores, metric):
    assert scores[metric] >= FLOORS[metric], (metric, scores[metric])


@pytest.mark.parametrize("metric", sorted(CEILINGS))
def test_extraction_metric_is_at_most_its_ceiling(scores, metric):
    assert scores[metric] <= CEILINGS[metric], (metric, scores[metric])

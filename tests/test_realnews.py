"""Quality gate on real news from many outlets (../shared/eval/realnews_dev): the whole build, scored by the
set's own scorer. The floors only go up; the held-out set of the same kind decides the real score."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

# measured values, a little below (the targets are higher: see `issues show 11`)
FLOORS = {
    "happenings.merged_all": 23,  # multi-document happenings whose reports all became one event (of 38)
    "happenings.pairs_type_actor_date": 0.73,
    "happenings.pairs_type_actor": 0.865,
    "happenings.pairs_recipient": 0.73,
    "happenings.pairs_type": 0.955,
    "entities.b3_f1": 0.956,
    "published_nodate.right": 37,  # excerpts given without their day (of 95): the system's own dating
    "relations.recall_table": 0.77,  # stated supports/opposes found in the relations table, cited (of 18)
}
CEILINGS = {
    # 1.72 until session 10: an earlier drone attack told in the background now has its actor, so that earlier, separate attack
    # counts as one more event of the two later attacks (type and actor match), though it is neither
    # 1.74 until session 11: a quoted "I will delegate the council" now has its speaker as actor, so the promise
    # (AGREE, future) counts as one more event of the handover it announces
    "happenings.events_per_happening": 1.76,
    "published.wrong": 0,
    "published.none": 4,
    "published_nodate.wrong": 0,
    "published_nodate.none": 6,
}


@pytest.fixture(scope="module")
def realnews(shared, nlp) -> dict:
    from newsgraph.evaluate.realnews import evaluate

    return evaluate(str(shared / "eval" / "realnews_dev"), nlp=nlp)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_realnews_metric_is_at_least_its_floor(realnews, metric):
    assert realnews[metric] >= FLOORS[metric], (metric, realnews[metric])


@pytest.mark.parametrize("metric", sorted(CEILINGS))
def test_realnews_metric_is_at_most_its_ceiling(realnews, metric):
    assert realnews[metric] <= CEILINGS[metric], (metric, realnews[metric])


def test_cross_document_events_stay_within_one_happenings_documents(shared, nlp, tmp_path):
    """Merging never glues reports of different happenings: every event citing 2+ documents cites
    documents of one gold happening (the scorer's events.cross_document line)."""
    import json
    import subprocess
    import sys

    from newsgraph.evaluate.realnews import build_export

    folder = shared / "eval" / "realnews_dev"
    exported = build_export(folder / "docs.jsonl", tmp_path / "docs", nlp)
    scored = subprocess.run([sys.executable, str(shared / "eval" / "score_realnews.py"), str(exported),
                             str(folder / "gold.json")], capture_output=True, text=True, check=True)
    line = next(x for x in scored.stdout.splitlines() if x.startswith("events.cross_document"))
    total, within = int(line.split()[1]), int(line.split(":")[1].split()[0])
    assert total >= 40 and within >= total - 1, line
    data = json.loads(exported.read_text())
    events, known = data["events"], {e["id"] for e in data["entities"]}
    assert all(e["merged_because"] for e in events if e["sources"] > 1 or len(e["mentions"]) > 1)
    cited = {i for e in events for i in e["actors"] + e["recipients"] + [e["location"], e["attributed_to"]] if i}
    assert cited <= known, sorted(cited - known)  # an event never names an entity the export does not hold
    assert {e["time_precision"] for e in events} <= {"day", "week", "month", "year", "bounded"}

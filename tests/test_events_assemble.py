"""Events across a store: participants tied to entities, dates, definite event nouns, and the
merging of one happening reported by several documents."""
from __future__ import annotations

import pytest

from newsgraph.events.merge import MergeIndex, compatible, event_key, merged
from newsgraph.pipeline import build
from newsgraph.settings import Settings
from newsgraph.store import Store


def _event(eid: str, doc: str, typ: str = "CONSULT", actors=("A",), recipients=("B",), day: str | None = "2020-03-04",
           location: str | None = None, modality: str = "asserted", published: str = "2020-03-05") -> dict:
    time = ({"value": day, "earliest": day, "latest": day, "text": "on March 4"} if day
            else {"value": None, "earliest": None, "latest": published, "text": None})
    return {"id": eid, "type": typ, "actors": list(actors), "recipients": list(recipients), "time": time,
            "location": location, "modality": modality, "attributed_to": None, "sources": 1,
            "mentions": [{"doc": doc, "start": 0, "end": 1, "sentence": "x"}], "actor_text": [], "recipient_text": []}


def _groups(*events: dict) -> list[list[str]]:
    index = MergeIndex()
    for e in events:
        index.add(e)
    return sorted(index.groups())


def test_reports_of_one_meeting_in_two_documents_merge() -> None:
    a, b = _event("v1", "d1"), _event("v2", "d2", actors=("B",), recipients=("A",))
    assert _groups(a, b) == [["v1", "v2"]]
    one = merged([a, b])
    assert one["sources"] == 2 and len(one["mentions"]) == 2 and set(one["actors"] + one["recipients"]) == {"A", "B"}


@pytest.mark.parametrize("change", [
    {"day": "2020-05-20"},            # another day
    {"location": "Lisbon"},           # another place
    {"modality": "negated"},          # "did not meet"
    {"typ": "ASSAULT"},               # another kind of event
    {"actors": ("C",), "recipients": ("D",)},  # other parties
])
def test_conflicting_reports_stay_apart(change) -> None:
    a = _event("v1", "d1", location="Rome")
    b = _event("v2", "d2", **{"location": "Rome", **change})
    assert _groups(a, b) == []


def test_same_document_vague_dates_and_chains_do_not_merge() -> None:
    assert _groups(_event("v1", "d1"), _event("v2", "d1")) == []
    year = {"value": "2020", "earliest": "2020-01-01", "latest": "2020-12-31", "text": "in 2020"}
    assert event_key({**_event("v1", "d1"), "time": year}) is None
    # v2 fits v1 and v3 fits v2, but v3's actors do not meet v1's: the group never chains to v3
    v1 = _event("v1", "d1", typ="ASSAULT", actors=("A",), recipients=("B",))
    v2 = _event("v2", "d2", typ="ASSAULT", actors=(), recipients=("B",))
    v3 = _event("v3", "d3", typ="ASSAULT", actors=("C",), recipients=("B",))
    assert compatible(event_key(v1), event_key(v2)) and compatible(event_key(v2), event_key(v3))
    groups = _groups(v1, v2, v3)
    assert all(not {"v1", "v3"} <= set(g) for g in groups)


def test_undated_reports_merge_only_when_published_close_with_the_same_parties() -> None:
    a = _event("v1", "d1", typ="SUPPORT", day=None, published="2020-03-05")
    assert _groups(a, _event("v2", "d2", typ="SUPPORT", day=None, published="2020-03-06")) == [["v1", "v2"]]
    assert _groups(a, _event("v2", "d2", typ="SUPPORT", day=None, published="2020-06-06")) == []


@pytest.mark.slow
def test_store_events_dates_definite_nouns_leaders_and_merging(tmp_path, nlp) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text(
        "Valmora talks collapse\n\n"
        "On September 14, talks between the Patriotic Front and the Unity Council collapsed in Port Ellis, "
        "after a raid in August 2019 had killed two guards.\n\n"
        "When the talks resumed on September 20, no agreement was reached.\n\n"
        "Norway last month reached an agreement with the country's northern government, led by the veteran "
        "Anna Berg, to provide boats to the coast guard.\n", encoding="utf-8")
    one = tmp_path / "one.json"
    two = tmp_path / "two.json"
    one.write_text('{"title": "Ministers meet", "published": "2021-06-03", "text": "Ministers meet\\n\\n'
                   'Kenyan Foreign Minister Peter Mbugua met Ugandan Foreign Minister Joan Okello in Nairobi on '
                   'Tuesday to discuss the border dispute."}', encoding="utf-8")
    two.write_text('{"title": "Border talks", "published": "2021-06-02", "text": "Border talks\\n\\n'
                   'Joan Okello, Uganda\'s foreign minister, met her Kenyan counterpart Peter Mbugua in Nairobi on '
                   'Tuesday, officials said."}', encoding="utf-8")
    settings = Settings(db=str(tmp_path / "s.duckdb"), progress=False)
    build([str(undated), str(one), str(two)], settings, nlp=nlp)
    with Store.open(settings.db) as store:
        events = list(store.events())
        names = {e.id: e.name for e, _ in store.entities()}
    def find(typ: str, trigger: str) -> dict:
        hits = [e for e in events if e["type"] == typ and any(m["trigger"] == trigger for m in e["mentions"])]
        assert hits, [(e["type"], [m["trigger"] for m in e["mentions"]]) for e in events]
        return hits[0]
    talks = sorted((e for e in events if e["type"] == "CONSULT" and "September" in e["mentions"][0]["sentence"]),
                   key=lambda e: e["mentions"][0]["start"])
    first, resumed = talks[0], talks[-1]
    assert first["time"]["value"] == "2019-09-14"          # the year of "August 2019", the latest written past month
    assert resumed["time"]["value"] == "2019-09-20"
    assert set(resumed["actors"] + resumed["recipients"]) == set(first["actors"] + first["recipients"]) != set()
    agreement = find("AGREE", "reached an agreement")
    assert [names[r] for r in agreement["recipients"]] == ["Anna Berg"]
    meeting = [e for e in events if e["type"] == "CONSULT" and e["sources"] == 2]
    assert len(meeting) == 1 and {m["doc"] for m in meeting[0]["mentions"]} and meeting[0]["time"]["value"] == "2021-06-01"

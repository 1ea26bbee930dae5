"""An undated document that reports a happening other documents date was published on or after that day."""
from __future__ import annotations

from newsgraph.events.reported import bound_undated_documents
from newsgraph.records import Time


class _Store:
    """The three store calls the step makes, over invented documents and events."""

    def __init__(self, published: dict[str, Time], events: list[dict], bounded: dict[str, Time] | None = None):
        self.published, self.bodies, self.bounds = published, events, []
        self.bounded = {**published, **(bounded or {})}  # with the bounds an earlier run set

    def publication_times(self, own=False):
        return self.published if own else self.bounded

    def asserted_event_reports(self):
        return iter(sorted((e for e in self.bodies if e["modality"] == "asserted"), key=lambda e: e["id"]))

    def events_by_id(self, ids):
        return {e["id"]: e for e in self.bodies if e["id"] in ids}

    def bound_publications(self, bounds):
        self.bounds.extend(bounds)


def event(eid, docs, value, modality="asserted"):
    return {"id": eid, "modality": modality, "time": {"value": value, "earliest": value, "latest": value},
            "mentions": [{"doc": d} for d in docs]}


DAY = Time("2021-03-08", "2021-03-08", "2021-03-08")


def test_an_undated_report_is_bounded_by_the_day_dated_reports_give():
    store = _Store({"dated": DAY, "undated": Time(), "bounded": Time(None, None, "2021-03-01")},
                   [event("V1", ["dated", "undated", "bounded"], "2021-03-07")])
    assert bound_undated_documents(store) == 1
    [(doc, day, why)] = store.bounds
    assert (doc, day) == ("undated", "2021-03-07") and "V1" in why  # under its own upper bound only


def test_plans_and_events_dated_after_their_reports_bound_nothing():
    store = _Store({"dated": DAY, "undated": Time()},
                   [event("V1", ["dated", "undated"], "2021-03-07", modality="future"),
                    event("V2", ["dated", "undated"], "2021-07-15")])  # "will meet in mid-July", told as done
    assert bound_undated_documents(store) == 0 and store.bounds == []


def test_the_latest_bound_is_kept_and_events_of_undated_reports_alone_give_none():
    store = _Store({"dated": DAY, "undated": Time(), "other": Time()},
                   [event("V1", ["dated", "undated"], "2021-03-01"), event("V2", ["dated", "undated"], "2021-03-06"),
                    event("V3", ["undated", "other"], "2021-03-05")])
    bound_undated_documents(store)
    assert [(d, day) for d, day, _ in store.bounds] == [("undated", "2021-03-06")]


def test_add_reads_only_the_events_it_wrote_and_only_raises_a_bound():
    earlier = {"undated": Time(None, "2021-03-06", None)}  # set by an earlier run's events
    events = [event("V1", ["dated", "undated"], "2021-03-08"), event("V4", ["dated", "undated"], "2021-03-04"),
              event("V5", ["dated", "undated"], "2021-03-07")]
    store = _Store({"dated": DAY, "undated": Time()}, events, earlier)
    assert bound_undated_documents(store, ["V4"]) == 0  # never lowered
    assert bound_undated_documents(store, ["V5"]) == 1 and [d for _, d, _ in store.bounds] == ["2021-03-07"]

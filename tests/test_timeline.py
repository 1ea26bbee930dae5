"""The timeline (newsgraph.events.timeline and `newsgraph timeline`): order, time kinds, filters, errors."""
from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import EXAMPLES, run_cli
from newsgraph.errors import InputError, QueryError
from newsgraph.events.timeline import TimelineQuery, format_entry, parse_day, timeline
from newsgraph.records import Entity, Resolution
from newsgraph.store import Store


def _event(id_: str, type_: str, time: dict, modality: str = "asserted", actors=("Ea",), recipients=("Eb",)) -> dict:
    return {"id": id_, "type": type_, "mode": None, "context": [], "cameo": None, "actors": list(actors),
            "recipients": list(recipients), "location": None, "time": {"text": None, **time}, "modality": modality,
            "attributed_to": None, "sources": 2,
            "mentions": [{"doc": "d1", "start": 0, "end": 40, "sentence": f"Sentence of {id_}, long enough.",
                          "trigger": "of"}]}


DAY = {"value": "2017-05-13", "earliest": "2017-05-13", "latest": "2017-05-13"}
MONTH = {"value": "2017-05", "earliest": "2017-05-01", "latest": "2017-05-31"}
BOUND = {"value": None, "earliest": None, "latest": "2017-05-13"}
NONE = {"value": None, "earliest": None, "latest": None}
EARLY = {"value": "2015-02-16", "earliest": "2015-02-16", "latest": "2015-02-16"}
WEEK = {"value": "2017-W50", "earliest": "2017-12-11", "latest": "2017-12-17"}


@pytest.fixture()
def small(tmp_path):
    """A store with hand-made events of every kind of time (no NLP)."""
    with Store.open(str(tmp_path / "t.duckdb")) as store:
        store.write_resolution(Resolution(entities=(Entity("Ea", "Alpha", "PERSON"), Entity("Eb", "Beta", "GPE")),
                                          roles=(), merges=()))
        store.write_events([_event("V1", "CONSULT", DAY), _event("V2", "AGREE", MONTH, "future"),
                            _event("V3", "SUPPORT", BOUND), _event("V4", "AGREE", NONE),
                            _event("V5", "ASSAULT", EARLY), _event("V6", "THREATEN", WEEK)])
        yield store


def _ids(found) -> list[str]:
    return [e.event for e in found.entries]


def test_dated_events_come_in_order_bounds_after_their_day_and_undated_last(small):
    found = timeline(small, TimelineQuery())
    assert _ids(found) == ["V5", "V2", "V1", "V3", "V6", "V4"]
    assert [e.when for e in found.entries] == ["2015-02-16", "2017-05", "2017-05-13", "by 2017-05-13",
                                               "2017-12-11 – 2017-12-17", "undated"]
    line = format_entry(found.entries[1])
    assert line.startswith("2017-05  AGREE  Alpha → Beta  [future]  2 sources  \"Sentence of V2")
    assert "[d1: (untitled)]" in line
    assert "[asserted]" not in format_entry(found.entries[0])


def test_dates_filter_by_overlap_and_types_by_name(small):
    in_may = timeline(small, TimelineQuery(start="2017-05-10", end="2017-05-20"))
    assert _ids(in_may) == ["V2", "V1", "V3"]  # the month overlaps; the bound falls inside; undated goes
    assert _ids(timeline(small, TimelineQuery(start="2017-06"))) == ["V6"]
    assert _ids(timeline(small, TimelineQuery(end="2016"))) == ["V5"]
    assert _ids(timeline(small, TimelineQuery(type="agree"))) == ["V2", "V4"]
    limited = timeline(small, TimelineQuery(limit=2))
    assert _ids(limited) == ["V5", "V2"] and limited.total == 6


def test_bad_queries_raise_errors_naming_the_fix(small):
    for query in (TimelineQuery(start="2017-13"), TimelineQuery(end="May 2017"), TimelineQuery(type="FOO"),
                  TimelineQuery(start="2018", end="2017"), TimelineQuery(limit=-1)):
        with pytest.raises(InputError):
            timeline(small, query)
    with pytest.raises(QueryError):
        timeline(small, TimelineQuery(actor="Nobody"))


def test_parse_day():
    assert parse_day("2016") == date(2016, 1, 1) and parse_day("2016", last=True) == date(2016, 12, 31)
    assert parse_day("2016-02", last=True) == date(2016, 2, 29) and parse_day("2016-02-03") == date(2016, 2, 3)
    for bad in ("16", "2016-2", "2016-02-30", "yesterday", ""):
        with pytest.raises(InputError):
            parse_day(bad)


# --- on a built store, through the real command ----------------------------------------------------

@pytest.fixture(scope="module")
def examples_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("timeline") / "ex.duckdb")
    done = run_cli("build", str(EXAMPLES), "--db", db, "-q")
    assert done.returncode == 0, done.stderr
    return db


def _json(result) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.slow
def test_the_timeline_is_dated_cited_and_in_order(examples_db):
    entries = _json(run_cli("timeline", "--db", examples_db, "--json", "--limit", "0"))
    with Store.open(examples_db, create=False, read_only=True) as store:
        docs = {d.id: d.title for d in store.documents(include_text=False)}
        assert len(entries) == sum(1 for _ in store.events())
    kinds = [e["kind"] for e in entries]
    undated = kinds.count("undated")
    assert kinds[len(kinds) - undated:] == ["undated"] * undated  # undated events last
    starts = [e["start"] for e in entries if e["kind"] != "undated"]
    assert starts == sorted(starts) and len(starts) > 20
    for e in entries:
        assert e["citations"] and all(c["doc"] in docs and c["sentence"] for c in e["citations"])
    text = run_cli("timeline", "--db", examples_db, "--limit", "5")
    lines = text.stdout.splitlines()
    assert text.returncode == 0 and len(lines) == 5 and f"5 of {len(entries)} events" in text.stderr
    assert all(" source" in line and "  [" in line and '"' in line for line in lines)


@pytest.mark.slow
def test_actor_by_any_spelling_keeps_its_events(examples_db):
    hifter = run_cli("timeline", "--db", examples_db, "--actor", "Hifter", "--json", "--limit", "0")
    haftar = run_cli("timeline", "--db", examples_db, "--actor", "khalifa haftar", "--json", "--limit", "0")
    assert hifter.stdout == haftar.stdout
    entries = _json(hifter)
    with Store.open(examples_db, create=False, read_only=True) as store:
        who = store.find_entities("Haftar")[0]
        assert store.find_entities("Hifter")[0] == who
        by_surname = timeline(store, TimelineQuery(actor="Sisi", type="consult", start="2017", end="2017-05"))
    assert len(entries) >= 5
    assert all(who in {p["id"] for p in e["actors"] + e["recipients"]} for e in entries)
    assert by_surname.actor and "Sisi" in by_surname.actor.name
    for e in by_surname.entries:
        assert e.type == "CONSULT" and by_surname.actor in (*e.actors, *e.recipients)
        assert date(2017, 1, 1) <= e.end and e.start <= date(2017, 5, 31)


@pytest.mark.slow
def test_bad_options_are_one_line_errors(examples_db):
    for args, message in ((["--from", "2017-13"], "not a date"), (["--actor", "Nobody Atall"], "no entity is called"),
                          (["--type", "parade"], "unknown event type")):
        done = run_cli("timeline", "--db", examples_db, *args)
        assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_an_open_interval_is_shown_as_after_its_known_end_never_as_that_day(tmp_path):
    """'Monday' in an undated article published after 27 December 2010: on or after that day, not on it."""
    opened = {"value": "XXXX-WXX-1", "earliest": "2010-12-27", "latest": None, "text": "Monday"}
    with Store.open(str(tmp_path / "t.duckdb")) as store:
        store.write_resolution(Resolution(entities=(Entity("Ea", "Alpha", "PERSON"), Entity("Eb", "Beta", "GPE")),
                                          roles=(), merges=()))
        store.write_events([_event("V1", "CONSULT", opened), _event("V2", "AGREE", DAY)])
        found = timeline(store, TimelineQuery())
    entry = next(e for e in found.entries if e.event == "V1")
    assert (entry.kind, entry.when) == ("after", "after 2010-12-27")
    assert format_entry(entry).startswith("after 2010-12-27  CONSULT")

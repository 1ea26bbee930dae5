"""The Python API on the bundled example corpus: the README's example as written, and each table."""
from __future__ import annotations

import re

import pytest

import newsgraph
from newsgraph.errors import QueryError, StoreError

from conftest import ROOT


@pytest.fixture(scope="module")
def graph(example_db):
    return newsgraph.open(str(example_db))


def test_the_readme_python_example_runs_as_written(tmp_path, monkeypatch, capsys):
    block = re.search(r"## Python\n\n```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "Hifter" in printed and "supports" in printed and "GPE" in printed
    assert (tmp_path / "news.duckdb").is_file()


def test_tables_are_dataframes_with_their_columns(graph):
    docs, entities = graph.documents(), graph.entities()
    assert len(docs) > 10 and {"id", "title", "published", "published_basis", "story"} <= set(docs.columns)
    assert entities["mentions"].is_monotonic_decreasing or entities["mentions"].iloc[0] == entities["mentions"].max()
    hifter = graph.entities(search="hifter")
    assert list(hifter["name"]) == ["Khalifa Hifter"]
    events = graph.events(actor="Hifter")
    assert len(events) > 0 and all("Khalifa Hifter" in a + r for a, r in zip(events["actors"], events["recipients"]))
    early = graph.events(as_of="2016-12-31")
    first = [t if t and re.fullmatch(r"\d{4}-\d\d-\d\d", t) else e or lo for t, e, lo in
             zip(early["time"], early["earliest"], early["latest"])]
    assert 0 < len(early) < len(graph.events()) and all(day <= "2016-12-31" for day in first)
    rel = graph.relations()
    assert len(rel) > 0 and set(rel["kind"]) <= {"supports", "opposes", "allied_with", "leads", "commands", "member_of",
                                                 "mediates", "negotiates_with", "sanctions"}
    assert len(graph.timeline(limit=3)) == 3
    assert len(graph.stories()) > 0 and len(graph.dyads()) > 0
    card = graph.entity("Heftar")
    assert card["name"] == "Khalifa Hifter" and card["aliases"]


def test_sql_reads_and_never_writes(graph):
    n = graph.sql("SELECT count(*) AS n FROM documents")
    assert int(n["n"].iloc[0]) == len(graph.documents())
    with pytest.raises(QueryError):
        graph.sql("DELETE FROM documents")
    with pytest.raises(QueryError):
        graph.sql("SELECT nothing FROM nowhere")


def test_bad_names_and_paths_raise_errors_with_a_fix(graph, tmp_path):
    with pytest.raises(QueryError):
        graph.entity("Nobody Atall")
    with pytest.raises(StoreError):
        newsgraph.open(str(tmp_path / "missing.duckdb"))


def test_the_store_can_come_from_the_environment(example_db, tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, NEWSGRAPH_DB=str(example_db))
    result = subprocess.run([sys.executable, "-m", "newsgraph", "stats"], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=120)
    assert result.returncode == 0 and f"store {example_db}" in result.stdout


def test_build_and_remove_report_every_stage_as_it_goes(tmp_path):
    """on_progress hears the files read, then each corpus-wide stage begin (total unknown) and end (1 of 1)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k, name in enumerate(("one", "two")):
        (corpus / f"{name}.txt").write_text(f"KARST, 3 May 2021 — Ostland's army shelled Karst on Monday, the "
                                            f"Velm Front said in statement number {k}.\n")
    heard: list[tuple[str, int, int | None]] = []
    db = str(tmp_path / "s.duckdb")
    newsgraph.build([str(corpus)], db=db, on_progress=lambda *a: heard.append(a))
    stages = ["resolve", "assemble events", "stories", "merge reports", "bound undated documents", "relate"]
    assert [h for h in heard if h[0] == "reading files"] == [("reading files", 1, 2), ("reading files", 2, 2)]
    assert [h for h in heard if h[0] != "reading files"] == [x for s in stages for x in ((s, 0, None), (s, 1, 1))]
    heard.clear()
    doc = newsgraph.open(db).documents()["id"][0]
    newsgraph.remove([doc], db=db, on_progress=lambda *a: heard.append(a))
    assert [h[0] for h in heard if h[1] == 1] == stages


# ---------------------------------------------------------------------------------------------------------------
# The reads the web pages and the briefs make (the store owns their SQL; the Graph gives them)

def test_held_keeps_one_store_open_across_calls_and_threads(graph):
    from concurrent.futures import ThreadPoolExecutor

    assert graph._kept is None
    with graph.held():
        kept = graph._kept
        assert kept is not None
        with graph.held():  # blocks nest
            assert graph._kept is kept
        with ThreadPoolExecutor(4) as pool:  # each call reads on a cursor of its own
            found = list(pool.map(lambda _: graph.documents_page(5, 0)[0], range(12)))
        assert set(found) == {len(graph.documents())} and graph._kept is kept
    assert graph._kept is None


def test_an_events_reports_hold_the_sentence_that_contains_their_trigger(graph):
    page = graph.event_page(limit=20)
    assert page.events
    for shown in page.events:
        body = graph.event_body(shown["id"])
        assert body["sentence"] == shown["sentence"] and body["mentions"]
        reports = graph.reports(body)
        assert len(reports) == len(body["mentions"])  # one per report, in the same order
        for report, mention in zip(reports, body["mentions"]):
            text = graph.document(report["doc"])["text"]
            sentence = report["pre"] + report["trigger"] + report["post"]
            assert sentence == text[mention["start"]:mention["end"]] == mention["sentence"]
            if mention.get("trigger_start") is not None:
                assert report["trigger"] == text[mention["trigger_start"]:mention["trigger_end"]] != ""
                assert report["trigger"] in sentence
            assert report["before"] in text and report["after"] in text
    with pytest.raises(QueryError):
        graph.event_body("no-such-event")


def test_search_by_a_misspelt_alias_finds_the_entity(graph):
    index = graph.entity_index()
    assert "hiftr" not in index.forms  # not a stored spelling
    found = graph.search_entities("Hiftr", 5, index)
    assert found[0]["name"] == "Khalifa Hifter" and 80 <= found[0]["match"] < 100
    assert graph.search_entities("Haftar")[0]["match"] == 100  # a stored alias, matched whole
    assert graph.search_entities("   ") == []
    card = graph.entity_card(found[0]["id"], index)
    assert card["name"] == "Khalifa Hifter" and {"Haftar", "Hifter"} <= {a["alias"] for a in card["aliases"]}
    for d in graph.search_documents("Haftar", 50):
        whole = graph.document(d["id"])
        assert "haftar" in (whole["title"] or "").lower() or "Haftar" in whole["text"]
    assert {e["type"] for e in graph.search_events("consult")} == {"CONSULT"}


def test_event_pages_add_up_to_the_count(graph):
    everything = graph.event_page(limit=500)
    assert everything.found == everything.total == len(everything.events) > 10
    pages = [graph.event_page(limit=7, offset=k) for k in range(0, everything.found, 7)]
    assert [e["id"] for p in pages for e in p.events] == [e["id"] for e in everything.events]
    assert all(p.found == everything.found for p in pages)
    assert graph.event_page(limit=7, offset=everything.found + 7).found == everything.found
    by_type = {t: graph.event_page(type=t, limit=1).found for t in everything.types}
    assert sum(by_type.values()) == everything.found
    hifter = graph.card("Hifter", documents=0).entity.id
    mine = graph.event_page(hifter, limit=500)
    assert 0 < mine.found == len(graph.entity_events(hifter)) <= everything.found
    assert all(hifter in e["actors"] + e["recipients"] + [e["location"]] for e in mine.events)


def test_cards_list_a_limited_number_of_documents_and_count_them_all(graph):
    every = graph.card("Hifter", documents=None).documents
    total, first = graph.documents_of(graph.card("Hifter", documents=0).entity.id, 2)
    assert len(every) == total > 2 and len(first) == 2 and len(graph.card("Hifter", documents=2).documents) == 2
    entity = graph.entity("Hifter", documents=2)
    assert len(entity["documents"]) == 2 and entity["documents_total"] == total
    assert len(graph.entity("Hifter")["documents"]) == total  # fewer than the default 100: all of them


def test_stories_and_document_pages_agree(graph):
    stories = graph.story_list()
    assert stories and stories[0]["documents"] == max(s["documents"] for s in stories)
    story = graph.story(stories[0]["id"])
    assert len(story["documents"]) == stories[0]["documents"]
    reported = {e["id"] for d in story["documents"] for e in graph.document_events(d["id"])}
    assert {e["id"] for e in story["events"]} == reported
    total, first = graph.documents_page(3, 0)
    assert total == len(graph.documents()) and len(first) == 3
    doc = graph.document(first[0]["id"])
    for m in graph.document_mentions(doc["id"]):
        assert doc["text"][m["start"]:m["end"]] == m["text"]
    assert graph.search_stories(stories[0]["title"][:12])[0]["title"].lower().startswith(stories[0]["title"][:12].lower())
    with pytest.raises(QueryError):
        graph.story("no-such-story")

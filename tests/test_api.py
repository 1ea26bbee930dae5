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

"""The `newsgraph` command through its real entry point: build, add, export, extract, docs, entities, errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import DATA, EXAMPLES, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds_export(tmp_path_factory, shared):
    tmp = tmp_path_factory.mktemp("seeds")
    db, export = tmp / "seeds.duckdb", tmp / "export.json"
    built = run_cli("build", str(shared / "corpus" / "seeds"), "--db", str(db))
    assert built.returncode == 0, built.stderr
    exported = run_cli("export", "--db", str(db), "--format", "json", "--output", str(export))
    assert exported.returncode == 0, exported.stderr
    return db, export, built


def test_seed_documents_meet_the_targets(seeds_export, shared):
    _db, export, _built = seeds_export
    scored = subprocess.run([sys.executable, str(shared / "eval" / "score_seeds.py"), str(export),
                             "--part", "documents", "--json"], capture_output=True, text=True, check=True)
    metrics = json.loads(scored.stdout)
    assert metrics["documents.found"] == 5
    assert metrics["documents.boilerplate_removed"] == 1.0
    assert metrics["documents.body_kept"] == 1.0
    assert metrics["documents.title"] == 1.0
    assert metrics["documents.published_exact"] == 1
    assert metrics["documents.published_wrong"] == 0


def test_seed_relations_are_cited_and_meet_their_floor(seeds_export, shared):
    """The seeds' stated relations (two of their four gold relations name a group the gold entity list
    lacks, so 0.5 is all the scorer can give; see `issues show 13`)."""
    _db, export, _built = seeds_export
    scored = subprocess.run([sys.executable, str(shared / "eval" / "score_seeds.py"), str(export), "--json"],
                            capture_output=True, text=True, check=True)
    assert json.loads(scored.stdout)["relations.recall"] >= 0.5
    data = json.loads(export.read_text())
    texts, ids = {d["id"]: d["text"] for d in data["documents"]}, {e["id"] for e in data["entities"]}
    assert data["relations"]
    for r in data["relations"]:  # every relation names stored entities and cites spans of stored texts
        assert {r["source"], r["target"]} <= ids and r["evidence"]
        assert all(0 <= s["start"] < s["end"] <= len(texts[s["doc"]]) for s in r["evidence"])


def test_export_follows_the_schema(seeds_export):
    data = json.loads(seeds_export[1].read_text())
    assert data["schema"] == "newsgraph/1"
    assert set(data) >= {"documents", "entities", "events", "relations", "stories"}
    doc = data["documents"][0]
    assert set(doc) >= {"id", "source", "title", "outlet", "credit", "published", "published_basis", "text",
                        "removed", "duplicate_of", "story"}
    assert set(doc["published"]) == {"value", "earliest", "latest", "text"}
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for entity in data["entities"]:
        assert set(entity) >= {"id", "name", "type", "aliases", "country", "sector", "mentions", "roles"}
        for m in entity["mentions"]:
            assert texts[m["doc"]][m["start"]:m["end"]] == m["text"]


def test_build_prints_a_summary_and_rebuild_changes_nothing(seeds_export, shared):
    db, export, built = seeds_export
    assert "5 new documents" in built.stdout and "Top entities" in built.stdout
    again = run_cli("build", str(shared / "corpus" / "seeds"), "--db", str(db))
    assert again.returncode == 0 and "0 new documents" in again.stdout and "5 already stored" in again.stdout
    second = export.with_name("again.json")
    run_cli("export", "--db", str(db), "--output", str(second))
    assert json.loads(second.read_text()) == json.loads(export.read_text())


def test_jsonl_export_writes_one_file_per_table(seeds_export, tmp_path):
    result = run_cli("export", "--db", str(seeds_export[0]), "--format", "jsonl", "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["documents.jsonl", "dyads.jsonl", "entities.jsonl", "events.jsonl", "relations.jsonl",
                     "store.json", "stories.jsonl"]
    assert len((tmp_path / "out" / "documents.jsonl").read_text().splitlines()) == 5
    assert json.loads((tmp_path / "out" / "store.json").read_text()) == {"schema": "newsgraph/1", "unfinished": None}


def test_docs_and_entities_tables(seeds_export):
    docs = run_cli("docs", "--db", str(seeds_export[0]))
    assert docs.returncode == 0 and "2017-05-18" in docs.stdout
    assert "\t\t2023-12-04\t" in docs.stdout  # piped: tab-separated, no value, not after 2023-12-04
    table = run_cli("docs", "--db", str(seeds_export[0]), "--format", "table")
    assert table.returncode == 0 and "≤ 2023-12-04" in table.stdout
    entities = run_cli("entities", "--db", str(seeds_export[0]), "--limit", "5")
    assert entities.returncode == 0 and "GPE" in entities.stdout


def test_add_skips_bad_inputs_with_one_line_each_and_exit_3(seeds_export, tmp_path):
    db = tmp_path / "s.duckdb"
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "empty.html").write_text("")
    built = run_cli("build", str(DATA / "feed.xml"), "--db", str(db), "-q")
    assert built.returncode == 0, built.stderr
    added = run_cli("add", str(DATA / "records.jsonl"), str(tmp_path / "bad.txt"), str(tmp_path / "empty.html"),
                    "--db", str(db))
    assert added.returncode == 3
    skipped = [line for line in added.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 4 and "Traceback" not in added.stderr
    assert "binary file" in added.stderr and "empty file" in added.stderr and "invalid JSON line" in added.stderr
    assert "3 new documents" in added.stdout and "4 skipped" in added.stdout


def test_errors_are_one_line_with_the_fix(seeds_export, tmp_path):
    missing = run_cli("export", "--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "no store at" in missing.stderr and "newsgraph build" in missing.stderr
    add = run_cli("add", str(DATA / "feed.xml"), "--db", str(tmp_path / "none.duckdb"))
    assert add.returncode == 1 and "no store at" in add.stderr
    model = run_cli("build", str(DATA / "feed.xml"), "--db", str(tmp_path / "m.duckdb"), "--model", "no_such_model")
    assert model.returncode == 1 and "cannot load spaCy pipeline 'no_such_model'" in model.stderr
    assert not (tmp_path / "m.duckdb").exists()
    fmt = run_cli("export", "--db", str(seeds_export[0]), "--format", "xml")
    assert fmt.returncode == 1 and "unknown export format" in fmt.stderr


def test_extract_prints_documents_without_nlp():
    result = run_cli("extract", str(EXAMPLES))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0, result.stderr
    assert len(lines) >= 12
    assert all(d["text"] and d["id"] for d in lines)
    assert sum(1 for d in lines if d["duplicate_of"]) >= 1


def test_show_finds_an_entity_by_any_spelling(seeds_export):
    db = str(seeds_export[0])
    by_variant = run_cli("show", "Hifter", "--db", db)
    by_other = run_cli("show", "khalifa haftar", "--db", db)
    assert by_variant.returncode == 0, by_variant.stderr
    assert by_variant.stdout == by_other.stdout
    assert "Haftar ×" in by_variant.stdout and "Hifter ×" in by_variant.stdout and "merged " in by_variant.stdout
    assert "role: commander of Libyan National Army" in by_variant.stdout
    by_surname = run_cli("show", "hegazy", "--db", db)
    assert by_surname.returncode == 0 and "Mahmoud Hegazy" in by_surname.stdout.splitlines()[0]
    unknown = run_cli("show", "Nobody Atall", "--db", db)
    assert unknown.returncode == 1 and "no entity is called" in unknown.stderr and "Traceback" not in unknown.stderr

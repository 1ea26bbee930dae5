"""`newsgraph remove`: a store with documents removed equals the store built without them."""
from __future__ import annotations

import json
import shutil

import pytest

import newsgraph

from conftest import EXAMPLES, run_cli

TABLES = ("documents", "entities", "events", "relations", "dyads", "stories")


def _export(db, path) -> dict:
    result = run_cli("export", "--db", str(db), "--output", str(path), "--quiet")
    assert result.returncode == 0, result.stderr
    return json.loads(path.read_text())


@pytest.mark.slow
def test_removing_documents_gives_the_store_built_without_them(example_db, tmp_path):
    a = [str(EXAMPLES / "html"), str(EXAMPLES / "txt")]  # the example store holds these (in this order) and more
    shutil.copy(example_db, tmp_path / "ab.duckdb")
    assert run_cli("build", *a, "--db", str(tmp_path / "a.duckdb"), "-q").returncode == 0
    both = _export(tmp_path / "ab.duckdb", tmp_path / "ab.json")
    only_a = _export(tmp_path / "a.duckdb", tmp_path / "a.json")
    gone = [d["source"] for d in both["documents"] if d["id"] not in {x["id"] for x in only_a["documents"]}]
    assert gone
    removed = run_cli("remove", *gone, "--db", str(tmp_path / "ab.duckdb"))
    assert removed.returncode == 0, removed.stderr
    assert f"removed {len(gone)} document(s)" in removed.stdout
    after = _export(tmp_path / "ab.duckdb", tmp_path / "after.json")
    for table in TABLES:  # ids, contents, stories: all as if B had never been built
        assert after[table] == only_a[table], table


NEWS = ("Ostland and Karst signed a ceasefire agreement in Velmar on Monday, ending three weeks of border clashes "
        "that killed dozens of soldiers. The deal was brokered by Zarovia, whose foreign minister Ilka Dorn hosted "
        "the talks. Karst said its troops would withdraw from the disputed valley by Friday, and Ostland agreed to "
        "release prisoners taken during the fighting.")


def test_a_near_duplicate_of_a_removed_document_is_read_again_on_its_own(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-original.txt").write_text("Ceasefire signed in Velmar\n\n" + NEWS + "\n")
    (tmp_path / "in" / "b-copy.txt").write_text("Ceasefire signed in Velmar\n\n" + NEWS + " Reporting by the wire desk.\n")
    db, alone = str(tmp_path / "s.duckdb"), str(tmp_path / "alone.duckdb")
    newsgraph.build([str(tmp_path / "in")], db=db)
    docs = newsgraph.open(db).documents()
    original = docs[docs["duplicate_of"].isna()]
    copy = docs[docs["duplicate_of"].notna()]
    assert len(original) == 1 and len(copy) == 1  # the copy was never annotated
    report = newsgraph.remove(list(original["source"]), db=db)
    assert report.removed == (original["id"].iloc[0],) and report.reread == (copy["id"].iloc[0],)
    newsgraph.build([str(tmp_path / "in" / "b-copy.txt")], db=alone)
    assert _export(db, tmp_path / "x.json")["events"] == _export(alone, tmp_path / "y.json")["events"]
    assert newsgraph.open(db).documents()["duplicate_of"].isna().all()


def test_removing_an_unknown_document_changes_nothing(example_db):
    result = run_cli("remove", "no-such-document", "--db", str(example_db))
    assert result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1
    assert "no stored document is named 'no-such-document'" in result.stderr

"""Every export format, loaded back with the tool its users would use (on the bundled example corpus)."""
from __future__ import annotations

import json

import duckdb
import jsonschema
import networkx
import pandas as pd
import pytest

from newsgraph.events.lexicon import PLOVER_TYPES
from newsgraph.export import SCHEMA_FILE
from newsgraph.export.formats import ACLED_COLUMNS
from newsgraph.export.tables import TABLE_COLUMNS

from conftest import run_cli


@pytest.fixture(scope="module")
def exported(example_db, tmp_path_factory) -> dict:
    """The json export of the example store and the folder the other formats are written to."""
    out = tmp_path_factory.mktemp("exports")
    result = run_cli("export", "--db", str(example_db), "--output", str(out / "news.json"))
    assert result.returncode == 0, result.stderr
    return {"db": str(example_db), "dir": out, "data": json.loads((out / "news.json").read_text())}


def _export(exported, fmt: str, name: str):
    path = exported["dir"] / name
    result = run_cli("export", "--db", exported["db"], "--format", fmt, "--output", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_json_export_validates_against_the_shipped_schema(exported):
    schema = json.loads(SCHEMA_FILE.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(exported["data"], schema)
    broken = dict(exported["data"], events=[dict(exported["data"]["events"][0], type="FIGHT")])
    with pytest.raises(jsonschema.ValidationError):  # the schema does check
        jsonschema.validate(broken, schema)


def test_csv_tables_load_in_pandas_with_one_row_per_record(exported):
    folder = _export(exported, "csv", "csv")
    data = exported["data"]
    frames = {name: pd.read_csv(folder / f"{name}.csv", keep_default_na=False) for name in TABLE_COLUMNS}
    for name, frame in frames.items():
        assert tuple(frame.columns) == TABLE_COLUMNS[name]
    assert len(frames["documents"]) == len(data["documents"]) and len(frames["events"]) == len(data["events"])
    assert len(frames["event_mentions"]) == sum(len(e["mentions"]) for e in data["events"])
    assert len(frames["relations"]) == len(data["relations"]) and len(frames["dyads"]) == len(data["dyads"])
    actors = frames["events"].set_index("id")["actors"].map(json.loads)
    assert all(actors[e["id"]] == e["actors"] for e in data["events"])


def test_parquet_tables_load_in_duckdb_with_list_columns(exported):
    folder = _export(exported, "parquet", "parquet")
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM '{folder / 'events.parquet'}'").fetchone()[0]
    assert n == len(exported["data"]["events"])
    actors = con.execute(f"SELECT actors FROM '{folder / 'events.parquet'}' WHERE len(actors) > 0 LIMIT 1").fetchone()[0]
    assert isinstance(actors, list) and actors[0].startswith("E")
    assert con.execute(f"SELECT count(*) FROM '{folder / 'relations.parquet'}'").fetchone()[0] == len(exported["data"]["relations"])


def test_acled_csv_has_one_row_per_event_in_acled_columns(exported):
    frame = pd.read_csv(_export(exported, "acled-csv", "events_acled.csv"), keep_default_na=False)
    data = exported["data"]
    assert tuple(frame.columns) == ACLED_COLUMNS and len(frame) == len(data["events"])
    assert set(frame["event_type"]) <= {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                        "Protests", "Riots", "Strategic developments"}
    assert set(frame["time_precision"]) <= {1, 2, 3}
    assert (frame["notes"].str.len() > 0).all() and (frame["source_count"] >= 1).all()
    by_id = {e["id"]: e for e in data["events"]}
    names = {e["id"]: e["name"] for e in data["entities"]}
    for row in frame.itertuples():
        ev = by_id[row.event_id_cnty]
        assert row.plover_type == ev["type"]
        assert row.actor1 == (names[ev["actors"][0]] if ev["actors"] else "")


def test_plover_json_records(exported):
    records = json.loads(_export(exported, "plover-json", "events_plover.json").read_text())
    assert len(records) == len(exported["data"]["events"])
    for r in records:
        assert r["event"] in PLOVER_TYPES and r["text"] and {"actor", "recipient", "mode", "context", "date"} <= set(r)


def test_graphml_loads_in_networkx(exported):
    graph = networkx.read_graphml(_export(exported, "graphml", "news.graphml"))
    data = exported["data"]
    assert graph.is_directed()
    assert graph.number_of_edges() == len(data["relations"]) + len(data["dyads"])
    names = {e["id"]: e["name"] for e in data["entities"]}
    for node, attrs in graph.nodes(data=True):
        assert attrs["name"] == names[node]
    kinds = {attrs.get("kind") for _a, _b, attrs in graph.edges(data=True) if attrs["edge"] == "relation"}
    assert kinds == {r["kind"] for r in data["relations"]}


@pytest.mark.parametrize("args", [("--format", "xml"), ("--format", "acled-csv"), ("--format", "csv")])
def test_bad_export_requests_get_one_line(exported, args):
    result = run_cli("export", "--db", exported["db"], *args)
    assert result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1

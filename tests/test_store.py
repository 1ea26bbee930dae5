"""store: schema versions, round trips, transactions that leave whole batches or nothing, idempotent builds."""
from __future__ import annotations

import json

import duckdb
import pytest

from newsgraph.errors import StoreError
from newsgraph.pipeline import build
from newsgraph.records import Annotation, Document, DocumentBatch, Mention, Relation, Removed, Sentence, Time
from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.store.layouts import EVENT_MENTIONS
from newsgraph.store.schema import LATEST, MIGRATIONS

from conftest import DATA


def _doc(i: int) -> Document:
    return Document(id=f"d{i}", source=f"file{i}.txt", text=f"Text number {i}. It is short.", title=f"T{i}",
                    published=Time("2016-03-0%d" % (i + 1), "2016-03-0%d" % (i + 1), "2016-03-0%d" % (i + 1)),
                    published_basis="dateline", removed=(Removed("Share this:", "share"),), captions=("c",),
                    published_candidates=("dateline 2016-03-0%d" % (i + 1), "updated 2016-04-01"))


def _batch(*ids: int) -> DocumentBatch:
    docs = tuple(_doc(i) for i in ids)
    notes = tuple(Annotation(d.id, (Sentence(d.id, 0, 0, 15),), (), (Mention(d.id, 0, 4, "Text", "ORG", 0),))
                  for d in docs)
    return DocumentBatch(documents=docs, annotations=notes, signatures=(), sources=tuple((d.source, d.id) for d in docs))


def test_new_store_has_latest_schema_and_round_trips_documents(tmp_path):
    with Store.open(str(tmp_path / "s.duckdb")) as store:
        assert store.version() == LATEST
        store.write_batch(_batch(0, 1))
        docs = list(store.documents())
    assert docs == [_doc(0), _doc(1)]


def test_a_failed_batch_writes_nothing(tmp_path):
    path = str(tmp_path / "s.duckdb")
    with Store.open(path) as store:
        store.write_batch(_batch(0))
        broken = _batch(1, 0)  # d0 again: the primary key refuses the whole batch
        with pytest.raises(duckdb.Error):
            store.write_batch(broken)
        assert [d.id for d in store.documents()] == ["d0"]
        assert store.con.execute("SELECT count(*) FROM mentions").fetchone()[0] == 1


def test_open_refuses_missing_store_and_non_store_files(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        Store.open(str(tmp_path / "none.duckdb"), create=False)
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    with pytest.raises(StoreError, match="not a DuckDB store"):
        Store.open(str(junk))


def test_read_only_open_of_an_old_schema_names_the_fix(tmp_path):
    path = str(tmp_path / "old.duckdb")
    con = duckdb.connect(path)
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '0')")
    con.close()
    with pytest.raises(StoreError, match="migrate"):
        Store.open(path, read_only=True)
    with Store.open(path) as store:  # a writer migrates it
        assert store.version() == LATEST


@pytest.mark.slow
def test_rebuild_changes_nothing_and_copies_are_stored_once(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = (DATA / "records.jsonl").read_text().splitlines()[0]
    (corpus / "a.jsonl").write_text(body + "\n")
    (corpus / "b.jsonl").write_text(body.replace('"rec-1"', '"rec-copy"') + "\n")
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    first = build([str(corpus)], settings, nlp=nlp)
    with Store.open(settings.db) as store:
        before = store.con.execute("SELECT count(*) FROM documents").fetchone()[0], store.stats()
    second = build([str(corpus)], settings, nlp=nlp)
    with Store.open(settings.db) as store:
        after = store.con.execute("SELECT count(*) FROM documents").fetchone()[0], store.stats()
        sources = store.con.execute("SELECT source FROM sources ORDER BY source").fetchall()
    assert (first.documents, first.exact_duplicates) == (1, 1)
    assert (second.documents, second.already_stored, second.exact_duplicates) == (0, 2, 0)
    assert before == after
    assert sources == [("rec-1",), ("rec-copy",)]


@pytest.mark.slow
def test_killed_build_is_finished_by_running_it_again(tmp_path, nlp):
    settings = Settings(db=str(tmp_path / "s.duckdb"), batch_size=1)
    calls = []

    def die_after_first_file(stage: str, done: int, total: int | None) -> None:
        calls.append(done)
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build([str(DATA / "feed.xml"), str(DATA / "records.jsonl")], settings, nlp=nlp,
              on_progress=die_after_first_file)
    with Store.open(settings.db) as store:
        partial = {d.source for d in store.documents()}
    report = build([str(DATA / "feed.xml"), str(DATA / "records.jsonl")], settings, nlp=nlp)
    with Store.open(settings.db) as store:
        ids = [d.id for d in store.documents()]
    assert partial and len(partial) < 5
    assert report.already_stored == len(partial)
    assert len(ids) == len(set(ids)) == 5


def test_tokens_are_stored_only_when_asked_and_point_into_the_text(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text((DATA / "records.jsonl").read_text().splitlines()[0] + "\n")
    plain, full = Settings(db=str(tmp_path / "p.duckdb")), Settings(db=str(tmp_path / "f.duckdb"), store_tokens=True)
    build([str(corpus)], plain, nlp=nlp)
    build([str(corpus)], full, nlp=nlp)
    with Store.open(plain.db) as store:
        assert store.con.execute("SELECT count(*) FROM tokens").fetchone()[0] == 0
        assert store.con.execute("SELECT count(*) FROM sentences").fetchone()[0] > 0
    with Store.open(full.db) as store:
        text = store.con.execute("SELECT text FROM documents").fetchone()[0]
        rows = store.con.execute('SELECT idx, start, "end", head, pos FROM tokens ORDER BY idx').fetchall()
    assert rows and all(text[s:e].strip() == text[s:e] and text[s:e] for _, s, e, _, _ in rows)
    assert {h for *_, h, _ in rows} <= {i for i, *_ in rows}
    assert {"NOUN", "VERB"} <= {p for *_, p in rows}


@pytest.mark.slow
def test_time_expressions_are_stored_once_and_events_read_them(tmp_path, nlp):
    """The build stores each document's time expressions; events are dated from them, and a document stored
    before times were (an older store) has its times found again, with the same result."""
    from newsgraph.events.assemble import assemble, merge_reports

    corpus = tmp_path / "c.jsonl"
    corpus.write_text((DATA / "records.jsonl").read_text().splitlines()[0] + "\n")
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    build([str(corpus)], settings, nlp=nlp)
    with Store.open(settings.db) as store:
        stored = store.con.execute('SELECT text, value FROM times').fetchall()
        assert ("Wednesday", "2016-06-01") in stored
        (_, _, _, _, _, times), = list(store.event_documents())
        assert [t.text for t in times] == ["Wednesday"]
        dated = sorted(json.dumps(b["time"]) for b in store.events())
        # an older store: the document predates the times table
        store.con.execute("DELETE FROM times")
        store.con.execute("INSERT OR REPLACE INTO meta SELECT 'times_since_seq', CAST(max(seq) AS VARCHAR) FROM documents")
        (*_, missing), = list(store.event_documents())
        assert missing is None
        assemble(store)
        merge_reports(store)
        assert sorted(json.dumps(b["time"]) for b in store.events()) == dated
        assert any('"2016-06-01"' in d for d in dated)


# ------------------------------------------------------------------ events, event mentions, relations as columns
_EVENT = {"id": "V1", "type": "ASSAULT", "mode": "aerial", "context": ["military"], "cameo": "19", "actors": ["E1"],
          "recipients": [], "location": None, "time": {"value": "2016-03-02", "earliest": "2016-03-02",
                                                        "latest": "2016-03-02", "text": "Wednesday"},
          "time_precision": "day", "modality": "asserted", "attributed_to": None, "sources": 2,
          "merged_because": ["V1 + V2: same story"], "magnitude": {"dead": {"min": 3, "max": None}},
          "mentions": [{"doc": "d0", "start": 0, "end": 15, "sentence": "Text number 0.", "trigger": "Text"}],
          "actor_text": ["the Velm Front"], "recipient_text": [], "published_day": True}
_RELATION = {"id": "R1", "kind": "supports", "source": "E1", "target": "E2",
             "valid": {"value": None, "earliest": "2016-01-01", "latest": None, "text": None},
             "reported": {"value": "2016-03-02", "earliest": "2016-03-02", "latest": "2016-03-02", "text": None},
             "modality": "asserted", "sources": 1, "events": [], "evidence": [{"doc": "d0", "start": 0, "end": 15}],
             "cues": ["backs"], "retired": {"by": None, "before": "2016-05-01", "cue": "no longer backs"}}


def test_events_are_real_columns_and_come_back_as_they_went_in(tmp_path):
    later = dict(_EVENT, id="V2", location="E9", magnitude=None, time=dict(_EVENT["time"], note="a key added later"),
                 confidence=0.5)  # keys the columns do not know are kept whole
    with Store.open(str(tmp_path / "s.duckdb")) as store:
        store.write_events([_EVENT, later])
        assert list(store.events()) == [_EVENT, later]
        assert [e["id"] for e in store.events_where(entity="E1", type_="ASSAULT")] == ["V1", "V2"]
        assert list(store.events_where(entity="E2")) == []
        # SQL users read plain columns
        assert store.con.execute("SELECT type, time_value, sources, actors FROM events WHERE id = 'V1'"
                                 ).fetchone() == ("ASSAULT", "2016-03-02", 2, ["E1"])
        store.write_relations([Relation.from_dict(_RELATION)], [])
        assert list(store.relations()) == [_RELATION]
        assert store.con.execute("SELECT kind, retired_before, cues FROM relations").fetchone() == (
            "supports", "2016-05-01", ["backs"])


def test_a_store_of_schema_9_moves_its_json_bodies_into_columns(tmp_path):
    path = str(tmp_path / "old.duckdb")
    con = duckdb.connect(path)
    for version, statements in MIGRATIONS:
        if version > 9:
            break
        for sql in statements:
            con.execute(sql)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', '9')")
    mention = {"doc": "d0", "sentence_start": 0, "sentence_end": 15, "type": "ACCUSE", "mode": None,
               "context": [], "cameo": "112", "modality": "claimed",
               "trigger": {"text": "accused", "start": 4, "end": 11, "country": None, "sector": None},
               "actors": [{"text": "Ostland", "start": 0, "end": 3, "country": "OST", "sector": None}],
               "recipients": [], "location": None, "attribution": None, "derived_from": None, "magnitude": [],
               "time_at": [12, 15]}
    con.execute("INSERT INTO events VALUES ('V1', ?)", [json.dumps(_EVENT)])
    con.execute("INSERT INTO relations VALUES ('R1', ?)", [json.dumps(_RELATION)])
    con.execute("INSERT INTO event_mentions VALUES ('d0', 0, ?)", [json.dumps(mention)])
    con.close()
    with Store.open(path) as store:
        assert store.version() == LATEST
        assert list(store.events()) == [_EVENT]
        assert list(store.relations()) == [_RELATION]
        row = store.con.execute(f"SELECT {EVENT_MENTIONS.select} FROM event_mentions").fetchone()
        assert EVENT_MENTIONS.decode(row) == mention | {"idx": 0}

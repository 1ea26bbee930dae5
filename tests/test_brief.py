"""`newsgraph brief`: extractive, deterministic briefs in which every sentence ends with citations that resolve to a
sentence of a stored document that supports it (checked against the store, not against the brief's own text)."""
from __future__ import annotations

import json
import re

import pytest
from conftest import run_cli

from newsgraph.brief import build_brief
from newsgraph.brief.build import _incompatible
from newsgraph.errors import InputError, QueryError
from newsgraph.web import params

SECTIONS = ("Who it is, and roles over time", "Allies and opponents", "Key events, in date order",
            "Where the sources disagree")


@pytest.fixture(scope="module")
def person(top_person):
    return top_person


@pytest.fixture(scope="module")
def brief(graph, person):
    return build_brief(graph, person.id)


def _sentences(graph, doc: str) -> set[tuple[int, int]]:
    return {(r.start, r.end) for r in graph.sql('SELECT start, "end" FROM sentences WHERE doc = ?', [doc]).itertuples()}


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_every_sentence_ends_with_citations_to_stored_sentences(graph, brief):
    assert [s.title for s in brief.sections] == list(SECTIONS)
    numbers = [c.n for c in brief.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    used = set()
    for section in brief.sections:
        for line in section.lines:
            assert line.cites, line.text
            used |= set(line.cites)
    assert used == set(numbers), "every source listed is cited"
    texts = {}
    for c in brief.citations:
        doc = graph.sql("SELECT text FROM documents WHERE id = ?", [c.doc]).text[0]
        assert (c.start, c.end) in _sentences(graph, c.doc), c
        assert doc[c.start:c.end] == c.text
        texts[c.n] = c.text
    markdown = brief.to_markdown()
    bullets = [line for line in markdown.splitlines() if line.startswith("- ")]
    assert bullets and all(re.search(r"(\[\d+\])+$", b) for b in bullets)


def test_citations_support_their_sentences(graph, brief, person):
    cited = {c.n: c for c in brief.citations}
    aliases = set(graph.entity(person.id)["aliases"])
    who, ties, events, _ = brief.sections
    # who it is: each cited sentence names the actor under one of its spellings
    for n in who.lines[0].cites:
        assert any(a in cited[n].text for a in aliases), cited[n].text
    # key events: the quoted report is the first cited sentence
    for line in events.lines:
        quote = line.text.split("“", 1)[1].rsplit("”", 1)[0]
        assert _squash(quote) == _squash(cited[line.cites[0]].text)
    # relations: each cited sentence holds a span of the relation's stored evidence
    evidence = {r.id: json.loads(r.evidence) for r in graph.sql("SELECT id, evidence FROM relations").itertuples()}
    spans = [(s["doc"], s["start"]) for spans in evidence.values() for s in spans]
    for line in ties.lines:
        for n in line.cites:
            c = cited[n]
            assert any(doc == c.doc and c.start <= start < c.end for doc, start in spans), line.text


def test_roles_allies_events_and_disagreements_are_there(brief):
    who, ties, events, disagree = brief.sections
    assert any(" is named " in line.text for line in who.lines[1:]), "roles over time"
    assert ties.lines and all(line.text.split(":")[0] in ("Ally", "Opponent", "Other tie") for line in ties.lines)
    dates = [line.text.split(":")[0] for line in events.lines]
    assert len(events.lines) >= 3 and all("sources: " in line.text for line in events.lines)
    days = [d for d in dates if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d)]
    assert days == sorted(days), "key events in date order"
    for line in disagree.lines:
        assert line.flag in ("dates", "counts", "titles", "relations") and len(line.cites) >= 2


def test_as_of_leaves_out_what_came_later(graph, person, brief):
    early = build_brief(graph, person.id, as_of="2015-12-31")
    assert early.as_of == "2015-12-31"
    later = [line for line in brief.sections[2].lines if line.text[:4].isdigit() and line.text[:4] > "2015"]
    assert later, "the full brief has events after 2015"
    assert not [line for line in early.sections[2].lines if line.text[:4].isdigit() and line.text[:4] > "2015"]
    assert len(early.citations) < len(brief.citations)


def test_story_brief(graph):
    story = graph.stories().sort_values("id").iloc[0]
    b = build_brief(graph, story.id)
    assert b.kind == "story" and b.title == story.title
    what = b.sections[0].lines
    assert str(len(story.documents)) + " document" in what[0].text
    assert all(line.cites for s in b.sections for line in s.lines)
    assert {c.doc for c in b.citations} <= set(graph.documents().id)


def test_the_same_store_gives_the_same_brief_and_the_cli_prints_it(example_db, graph, person, brief):
    assert build_brief(graph, person.id).to_markdown() == brief.to_markdown()
    md = run_cli("brief", person.id, "--db", str(example_db))
    assert md.returncode == 0, md.stderr
    assert md.stdout == brief.to_markdown()
    html = run_cli("brief", person.id, "--db", str(example_db), "--format", "html", "--as-of", "2016")
    assert html.returncode == 0 and html.stdout.startswith("<!doctype html>") and "as of 2016-12-31" in html.stdout


def test_cli_errors_are_one_line(example_db):
    for args, message in ((["Nobody Atall"], "no entity is called 'Nobody Atall'"),
                          (["x", "--format", "pdf"], "unknown format 'pdf'")):
        r = run_cli("brief", *args, "--db", str(example_db))
        assert r.returncode == 1 and message in r.stderr and "Traceback" not in r.stderr, r.stderr
    with pytest.raises(InputError, match="is not a real date"):
        params.day("2017-02-30", "--as-of")


def test_unknown_subject_and_date_compatibility(graph):
    with pytest.raises(QueryError):
        build_brief(graph, "no-such-story-or-actor")
    assert _incompatible(["2017-05", "2017-06"]) and _incompatible(["2016", "2017-01-02"])
    assert not _incompatible(["2017", "2017-05", "2017-05-14"]) and not _incompatible(["2017-05"])


class TinyStore:
    """A hand-made store of two reports of one event, read with the store's real SQL (the Graph's reads the brief
    makes, and nothing else)."""

    def __init__(self, counts: tuple[int, int], days: tuple[str, str]):
        import duckdb

        self.con = duckdb.connect()
        texts = [f"KARST - Shelling of Karst killed {counts[0]} people on Monday, the Velm Front said.",
                 f"Ostland army shells Karst. The army of Ostland shelled Karst on Tuesday, killing {counts[1]}."]
        self.con.execute("CREATE TABLE documents (id VARCHAR, title VARCHAR, outlet VARCHAR, url VARCHAR, "
                         "published_value VARCHAR, published_earliest VARCHAR, published_basis VARCHAR, text VARCHAR)")
        self.con.execute('CREATE TABLE sentences (doc VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER)')
        self.con.execute("CREATE TABLE event_mentions (doc VARCHAR, sentence_start INTEGER, trigger_start INTEGER, "
                         "magnitude JSON, time_at INTEGER[])")
        self.con.execute("CREATE TABLE times (doc VARCHAR, start INTEGER, value VARCHAR, text VARCHAR)")
        self.mentions = []
        for k, text in enumerate(texts):
            doc = f"d{k}"
            start = text.index("Karst") if k == 0 else text.index("The army")
            trigger = text.index("Shelling") if k == 0 else text.index("shelled")
            when = text.index("Monday") if k == 0 else text.index("Tuesday")
            self.con.execute("INSERT INTO documents VALUES (?, ?, ?, NULL, '2021-03-10', '2021-03-10', 'feed', ?)",
                             [doc, f"Report {k}", f"Outlet {k}", text])
            self.con.execute("INSERT INTO sentences VALUES (?, 0, ?, ?)", [doc, start, len(text)])
            self.con.execute("INSERT INTO event_mentions VALUES (?, ?, ?, ?, ?)",
                             [doc, start, trigger, json.dumps([["dead", counts[k], None]]), [when, when + 6]])
            self.con.execute("INSERT INTO times VALUES (?, ?, ?, 'day')", [doc, when, days[k]])
            self.mentions.append({"doc": doc, "start": start, "end": len(text), "trigger_start": trigger,
                                  "sentence": text[start:]})

    def sql(self, query, params=None):
        return self.con.execute(query, params or []).df()

    # the Graph's reads the brief makes, answered by the store's own SQL on these tables
    def _store(self):
        from newsgraph.store import Store

        return Store(self.con, ":memory:", read_only=True)

    def documents_by_id(self, doc_ids):
        return self._store().documents_by_id(doc_ids)

    def sentences_by_doc(self, doc_ids):
        return self._store().sentences_by_doc(doc_ids)

    def report_details(self, doc_ids):
        return self._store().report_details(doc_ids)


@pytest.mark.parametrize(("counts", "days", "flags"), [
    ((4, 6), ("2021-03-08", "2021-03-09"), ["dates", "counts"]),
    ((4, 4), ("2021-03-08", "2021-03-08"), []),
    ((4, 4), ("2021-03", "2021-03-08"), []),  # a month and a day in it agree
])
def test_reports_that_disagree_on_dates_or_counts_are_flagged(counts, days, flags):
    from newsgraph.brief.build import Citer, _event_disagreements

    store = TinyStore(counts, days)
    event = {"id": "V1", "type": "ASSAULT", "earliest": "2021-03-08", "latest": "2021-03-09", "time": None,
             "mentions": store.mentions}
    cite = Citer(store)
    lines = _event_disagreements(store, cite, [event])
    assert [line.flag for line in lines] == flags
    for line in lines:
        assert sorted(line.cites) == [1, 2]  # both reports, each to its own sentence
        if line.flag == "counts":
            assert f"{counts[0]}, {counts[1]}" in line.text
        if line.flag == "dates":
            assert days[0] in line.text and days[1] in line.text
    assert {c.doc for c in cite.citations()} == ({"d0", "d1"} if flags else set())

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


# ------------------------------------------------------------------------------------------ support of each line
def _mentioned(graph, c, entity: str) -> bool:
    """Does the cited sentence hold a mention the store links to ``entity`` (mention spans, not name strings)?"""
    return bool(graph.sql('SELECT count(*) AS n FROM mentions WHERE doc = ? AND entity = ? AND start >= ? AND "end" <= ?',
                          [c.doc, entity, c.start, c.end]).n[0])


def _event_line_parties(text: str, names: dict[str, str]) -> set[str]:
    """The entities an event line names between its type and its parenthesis ("ASSAULT by A, B towards C in D (")."""
    head = text.split(" (", 1)[0].split(": ", 1)[1]
    found = set()
    for part in re.split(r" by | towards | in ", head)[1:]:
        for name in part.split(", "):
            found.add(names[name])
    return found


def assert_lines_supported(graph, brief, subject: str | None = None) -> int:
    """Every line with parties names them and cites only sentences mentioning each; every key-event line names an
    actor, its parties are exactly the names in its text, and each cited sentence holds a report of its type."""
    cited = {c.n: c for c in brief.citations}
    index = graph.entity_index()
    names = {index.name(i): i for i in index.by_id}
    checked = 0
    for section in brief.sections:
        for line in section.lines:
            for party in line.parties:
                assert index.name(party) in line.text, (party, line.text)
                for n in line.cites:
                    assert _mentioned(graph, cited[n], party), (index.name(party), line.text, cited[n].text)
            checked += 1
    for line in brief.sections[2].lines:
        assert line.parties and " by " in line.text.split(" (", 1)[0], line.text
        assert _event_line_parties(line.text, names) == set(line.parties), line.text
        if subject:
            assert subject in line.parties, line.text
        kind = re.match(r".*?: ([A-Z]+)[/ ]", line.text).group(1)
        for n in line.cites:
            c = cited[n]
            assert graph.sql("SELECT count(*) AS n FROM event_mentions WHERE doc = ? AND type = ? AND trigger_start >= ? "
                             "AND trigger_start < ?", [c.doc, kind, c.start, c.end]).n[0], (line.text, c.text)
    if brief.kind == "actor":
        for line in brief.sections[1].lines:
            assert len(line.parties) == 2 and (subject is None or subject in line.parties), line.text
    return checked


def test_each_cited_sentence_mentions_each_party_the_line_names(graph, brief, person):
    assert brief.sections[0].lines[0].parties == (person.id,)
    assert assert_lines_supported(graph, brief, person.id) >= 5
    story = graph.stories().sort_values("id").iloc[0]
    assert_lines_supported(graph, build_brief(graph, story.id))


def test_the_seed_actors_brief_cites_only_supporting_sentences(shared, tmp_path_factory):
    """The seeds' actor with the most events: every line of its brief is supported by each sentence it cites."""
    import newsgraph

    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    built = run_cli("build", str(shared / "corpus" / "seeds"), "--db", str(db), "--quiet")
    assert built.returncode == 0, built.stderr
    g = newsgraph.open(str(db))
    with g.held():
        top = g.sql("""SELECT e, count(*) AS n FROM (SELECT unnest(list_concat(actors, recipients)) AS e FROM events)
                       GROUP BY e ORDER BY n DESC, e LIMIT 1""").e[0]
        b = build_brief(g, top)
        assert b.sections[2].lines, "the seed actor has key events"
        assert assert_lines_supported(g, b, top) >= 5


class PhraseStore:
    """A hand-made document of one sentence per line, with its mentions linked to entities and its coded reports:
    the Graph's reads that Support makes, and an index of the entities."""

    ENTITIES = {"Ostland": ("OST", "GPE"), "Ostlandian": ("OST", "GPE"), "Karst": ("KAR", "GPE"),
                "Zarovia": ("ZAR", "GPE"), "Velm Front": ("VELM", "ORG"), "Darko Vel": ("DARKO", "PERSON"),
                "Darko": ("DARKO", "PERSON")}

    def __init__(self, sentences: list[str], reports: list[tuple]):
        from newsgraph.records import EntityIndex

        self.text = " ".join(sentences)
        self.sentences, at = [], 0
        for k, s in enumerate(sentences):
            self.sentences.append({"doc": "d", "idx": k, "start": at, "end": at + len(s)})
            at += len(s) + 1
        self.mentions = []
        for name in sorted(self.ENTITIES, key=len, reverse=True):
            for m in re.finditer(re.escape(name), self.text):
                if not any(x["start"] <= m.start() < x["end"] for x in self.mentions):
                    self.mentions.append({"start": m.start(), "end": m.end(), "entity": self.ENTITIES[name][0],
                                          "label": self.ENTITIES[name][1]})
        self.mentions.sort(key=lambda x: x["start"])
        self.reports = []
        for type_, trigger, actors, recipients in reports:  # phrases as (text, sector), found in the text
            t = self.text.index(trigger)
            s = next(x for x in self.sentences if x["start"] <= t < x["end"])
            self.reports.append({"doc": "d", "sentence_start": s["start"], "sentence_end": s["end"], "trigger_start": t,
                                 "type": type_, "mode": None, "modality": "asserted",
                                 "actors": [self._phrase(p, s) for p in actors],
                                 "recipients": [self._phrase(p, s) for p in recipients],
                                 "location_start": None, "location_end": None})
        self.index = EntityIndex((), {i: {"name": i, "type": kind} for i, kind in self.ENTITIES.values()})

    def _phrase(self, p: tuple[str, str | None], s: dict) -> dict:
        start = self.text.index(p[0], s["start"])
        return {"text": p[0], "start": start, "end": start + len(p[0]), "country": None, "sector": p[1]}

    def documents_by_id(self, ids):
        return {"d": {"id": "d", "text": self.text, "title": "t", "outlet": "o", "published": None}}

    def sentences_by_doc(self, ids):
        return {"d": self.sentences}

    def linked_mentions(self, ids):
        return {"d": self.mentions}

    def report_roles(self, ids):
        return self.reports

    def report_details(self, ids):
        return []


@pytest.mark.parametrize(("sentence", "report", "named"), [
    ("Militants based in Ostland attacked Karst police.",
     ("ASSAULT", "attacked", [("Militants based in Ostland", "REB")], [("Karst police", "COP")]), ((), ("KAR",))),
    ("Ostlandian groups attacked the Karst army.",
     ("ASSAULT", "attacked", [("Ostlandian groups", None)], [("the Karst army", "MIL")]), ((), ("KAR",))),
    ("It is the first visit since the start of Ostland's armed clashes.",
     ("ASSAULT", "clashes", [("Ostland", None)], []), ((), ())),
    ("A Karst officer thanked the Ostland army.",
     ("SUPPORT", "thanked", [("A Karst officer", "MIL")], [("the Ostland army", "MIL")]), ((), ("OST",))),
    ("Ostland's army shelled Karst.",
     ("ASSAULT", "shelled", [("Ostland's army", "MIL")], [("Karst", None)]), (("OST",), ("KAR",))),
    ("Zarovia, Darko's closest ally, hosted the talks.",
     ("CONSULT", "hosted", [("Zarovia", None)], []), (("ZAR",), ())),
    ("The leader of the Velm Front, General Darko Vel, met Karst officials.",
     ("CONSULT", "met", [("The leader of the Velm Front", "REB")], [("Karst officials", "GOV")]), (("DARKO",), ("KAR",))),
])
def test_a_report_names_a_party_only_as_the_head_of_its_phrase(sentence, report, named):
    from newsgraph.brief.support import Support

    store = PhraseStore([sentence], [report])
    support = Support(store, store.index)
    everyone = ["OST", "KAR", "ZAR", "VELM", "DARKO"]
    actors, recipients, _ = support.parties(store.reports[0], everyone, everyone, None)
    assert (actors, recipients) == named


def test_an_event_line_names_only_what_its_cited_reports_name():
    from newsgraph.brief.build import Citer, _key_events, _reading
    from newsgraph.brief.support import Support

    store = PhraseStore(["Ostland's army shelled Karst on Monday.", "Shelling went on in the east, officials said."],
                        [("ASSAULT", "shelled", [("Ostland's army", "MIL")], [("Karst", None)]),
                         ("ASSAULT", "Shelling", [], [])])
    mentions = [{"doc": "d", "start": r["sentence_start"], "end": r["sentence_end"], "trigger_start": r["trigger_start"],
                 "sentence": store.text[r["sentence_start"]:r["sentence_end"]]} for r in store.reports]
    event = {"id": "V1", "type": "ASSAULT", "mode": None, "modality": "asserted", "actors": ["OST", "ZAR"],
             "recipients": ["KAR"], "location": None, "time": "2021-03-08", "earliest": "2021-03-08",
             "latest": "2021-03-08", "sources": 2, "mentions": list(reversed(mentions))}
    support = Support(store, store.index)
    reading = _reading(support, event, "OST")
    assert reading["actors"] == ("OST",) and reading["recipients"] == ("KAR",)
    assert [m["trigger_start"] for m in reading["mentions"]] == [store.reports[0]["trigger_start"]]
    assert _reading(support, event, "ZAR") is None  # no report names Zarovia: no line for it
    cite = Citer(store)
    [line] = _key_events(store.index, cite, [event], {"V1": reading})
    assert line.text.startswith("2021-03-08: ASSAULT by OST towards KAR (asserted; sources: 1 of the 2")
    assert line.parties == ("OST", "KAR") and [c.text for c in cite.citations()] == ["Ostland's army shelled Karst on Monday."]
    # a date told by a report the line does not cite is left out; one its cited sentence tells is kept
    told = event | {"time_text": "Monday"}
    assert _key_events(store.index, cite, [told], {"V1": _reading(support, told, "OST")})[0].text.startswith("2021-03-08:")
    other = event | {"time_text": "on Tuesday"}
    [line] = _key_events(store.index, cite, [other], {"V1": _reading(support, other, "OST")})
    assert line.text.startswith("undated in the cited report: ASSAULT by OST towards KAR")

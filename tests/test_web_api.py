"""The HTTP API (/api/...) over the example corpus, through a real server with httpx: what it answers mirrors the
library API, pagination and filters work, and every bad parameter is a 4xx JSON error, never a 500."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import test_web_server as web


served_example = web.served_example  # the server fixture the web tests share


def test_entities_mirror_the_library_and_paginate(served_example, graph):
    api = served_example.client
    whole = api.get("/api/entities", params={"limit": 500}).json()
    assert whole["total"] == len(graph.entities())
    assert {e["id"] for e in whole["items"]} == set(graph.entities().id)
    first = api.get("/api/entities", params={"limit": 3, "offset": 0}).json()["items"]
    second = api.get("/api/entities", params={"limit": 3, "offset": 3}).json()["items"]
    assert [e["id"] for e in first + second] == [e["id"] for e in whole["items"][:6]]
    people = api.get("/api/entities", params={"type": "person", "limit": 500}).json()
    assert people["total"] == int((graph.entities().type == "PERSON").sum())


def test_entity_card_has_aliases_roles_relations_and_merges(served_example, graph, top_person):
    card = served_example.client.get(f"/api/entities/{top_person.id}").json()
    library = graph.entity(top_person.id)
    assert card["name"] == library["name"] and card["type"] == "PERSON"
    assert {a["alias"]: a["count"] for a in card["aliases"]} == library["aliases"]
    assert len(card["roles"]) == len(library["roles"])
    expected = {r.id for r in graph.relations().itertuples() if top_person.id in (r.source_id, r.target_id)}
    assert {r["id"] for r in card["relations"]} == expected
    assert card["merges"], "the most mentioned person was merged from several spellings"
    assert all(m["reason"] for m in card["merges"])
    # any spelling finds the same card
    alias = max(library["aliases"], key=len)
    assert served_example.client.get(f"/api/entities/{alias}").json()["id"] == top_person.id


def test_search_finds_an_entity_by_alias_surname_and_misspelling(served_example, top_person):
    api = served_example.client
    longest = max(top_person.aliases, key=len)
    surname = longest.split()[-1]
    misspelt = surname[:-2] + surname[-1] + surname[-2]  # last two letters swapped
    for q in (longest, surname.lower(), misspelt):
        found = api.get("/api/search", params={"q": q}).json()
        assert found["entities"] and found["entities"][0]["id"] == top_person.id, q


def test_search_finds_events_documents_and_stories(served_example, graph):
    api = served_example.client
    doc = graph.documents().dropna(subset=["title"]).iloc[0]
    word = max(doc.title.split(), key=len)
    found = api.get("/api/search", params={"q": word}).json()
    assert doc.id in {d["id"] for d in found["documents"]}
    assault = api.get("/api/search", params={"q": "ASSAULT"}).json()["events"]
    assert assault and all(e["type"] == "ASSAULT" for e in assault)
    story = graph.stories().iloc[0]
    found = api.get("/api/search", params={"q": story.title[:20]}).json()
    assert story.id in {s["id"] for s in found["stories"]}


def test_events_filter_by_actor_type_dates_and_modality(served_example, graph, top_person):
    api = served_example.client
    everything = api.get("/api/events", params={"limit": 500}).json()
    assert everything["total"] == len(graph.sql("SELECT id FROM events"))
    mine = api.get("/api/events", params={"actor": top_person.id, "limit": 500}).json()["items"]
    assert mine and all(top_person.id in e["actors"] + e["recipients"] + [e["location"]] for e in mine)
    typed = api.get("/api/events", params={"type": "consult", "limit": 500}).json()["items"]
    assert typed and {e["type"] for e in typed} == {"CONSULT"}
    in_2017 = api.get("/api/events", params={"start": "2017", "end": "2017", "limit": 500}).json()["items"]
    assert in_2017 and all((e["earliest"] or e["latest"]) <= "2017-12-31" and (e["latest"] or e["earliest"]) >= "2017-01-01"
                           for e in in_2017)
    assert len(in_2017) < everything["total"]
    negated = api.get("/api/events", params={"modality": "negated", "limit": 500}).json()["items"]
    assert all(e["modality"] == "negated" for e in negated)
    page2 = api.get("/api/events", params={"limit": 5, "offset": 5}).json()["items"]
    assert [e["id"] for e in page2] == [e["id"] for e in everything["items"][5:10]]


def test_one_event_has_every_report_with_its_sentence(served_example, graph):
    multi = graph.sql("SELECT id, sources FROM events WHERE sources > 1 ORDER BY id LIMIT 1").iloc[0]
    e = served_example.client.get(f"/api/events/{multi.id}").json()
    assert e["sources"] == multi.sources
    assert len({r["doc"] for r in e["reports"]}) == multi.sources
    for r in e["reports"]:
        text = served_example.client.get(f"/api/documents/{r['doc']}").json()["text"]
        sentence = r["pre"] + r["trigger"] + r["post"]
        assert text[r["start"]:r["end"]] == sentence and r["outlet"] is not None


def test_relations_documents_stories_and_system(served_example, graph):
    api = served_example.client
    as_of = api.get("/api/relations", params={"as_of": "2017-06", "limit": 500}).json()
    assert as_of["total"] == len(graph.relations(as_of="2017-06-30"))
    supports = api.get("/api/relations", params={"kind": "supports", "limit": 500}).json()["items"]
    assert supports and {r["kind"] for r in supports} == {"supports"}
    docs = api.get("/api/documents", params={"limit": 2}).json()
    assert docs["total"] == len(graph.documents()) and len(docs["items"]) == 2
    stories = api.get("/api/stories").json()
    assert stories["total"] == len(graph.stories())
    one = api.get(f"/api/stories/{stories['items'][0]['id']}").json()
    assert len(one["documents"]) == stories["items"][0]["documents"]
    system = api.get("/api/system", params={"as_of": "2017-06-30"}).json()
    members = {m["id"] for c in system["camps"] for m in c["members"]}
    assert members == {x for r in system["relations"] for x in (r["source_id"], r["target_id"])}


def test_brief_over_the_api(served_example, top_person):
    brief = served_example.client.get(f"/api/brief/{top_person.id}").json()
    assert brief["subject"] == top_person.id and brief["kind"] == "actor"
    numbers = {c["n"] for c in brief["citations"]}
    for section in brief["sections"]:
        for line in section["lines"]:
            assert line["cites"] and set(line["cites"]) <= numbers


BAD = [
    ("/api/events", {"start": "2017-13"}), ("/api/events", {"end": "yesterday"}), ("/api/events", {"type": "PARTY"}),
    ("/api/events", {"modality": "maybe"}), ("/api/events", {"limit": "0"}), ("/api/events", {"limit": "100000"}),
    ("/api/events", {"offset": "-1"}), ("/api/events", {"limit": "ten"}), ("/api/events", {"offset": "1" * 40}),
    ("/api/events", {"actor": "Nobody Atall"}), ("/api/events", {"actor": "x\x00y"}),
    ("/api/relations", {"kind": "loves"}), ("/api/relations", {"as_of": "2017-02-30"}),
    ("/api/search", {}), ("/api/search", {"q": ""}), ("/api/search", {"q": "x" * 500}),
    ("/api/entities/no-such-entity", {}), ("/api/events/no-such-event", {}), ("/api/documents/nope", {}),
    ("/api/stories/nope", {}), ("/api/brief/nope", {}), ("/api/brief/x", {"as_of": "0000"}),
    ("/api/system", {"as_of": "20170"}), ("/api/no/such/route", {}),
    ("/api/entities/%2e%2e%2f%2e%2e%2fetc%2fpasswd", {}), ("/api/documents/' OR 1=1 --", {}),
]


@pytest.mark.parametrize(("path", "params"), BAD)
def test_bad_parameters_are_4xx_json_errors(served_example, path, params):
    r = served_example.client.get(path, params=params)
    assert 400 <= r.status_code < 500, (path, params, r.status_code, r.text[:200])
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["status"] == r.status_code and body["error"] and "Traceback" not in r.text


def test_openapi_schema_lists_the_routes(served_example):
    schema = served_example.client.get("/api/openapi.json").json()
    for route in ("/api/search", "/api/entities", "/api/entities/{name_or_id}", "/api/events", "/api/events/{event_id}",
                  "/api/relations", "/api/documents", "/api/stories", "/api/brief/{subject}", "/api/system"):
        assert route in schema["paths"], route
    assert served_example.client.get("/docs").status_code == 404  # FastAPI's docs page would load a CDN script


def test_concurrent_requests_all_succeed(served_example, top_person):
    """A small bounded load on loopback: 4 clients, 48 requests over pages and API, no error."""
    paths = ["/", f"/actor/{top_person.id}", "/api/events?limit=20", "/search?q=" + top_person["name"].split()[-1],
             "/system", "/api/entities?limit=10"] * 8
    clients = [httpx.Client(base_url=served_example.url, timeout=30) for _ in range(4)]

    def fetch(k: int) -> int:
        return clients[k % 4].get(paths[k]).status_code

    with ThreadPoolExecutor(4) as pool:
        codes = list(pool.map(fetch, range(len(paths))))
    for c in clients:
        c.close()
    assert codes == [200] * len(paths)

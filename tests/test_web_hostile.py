"""Article text is hostile. On a corpus whose titles, outlets, bodies and URLs carry <script>, onerror=,
javascript: URLs and </title> (tests/data/hostile, invented), every page and API answer shows them as text: no
script element, no event-handler attribute, no link but http(s) and the site's own, no markup in JSON, and in
Chromium (JavaScript on, so injected script would run) no dialog ever opens."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
import test_web_server as web

import newsgraph
from newsgraph.brief import build_brief

served_hostile = web.served_hostile
hostile_db = web.hostile_db
browser = web.browser
artifacts = web.artifacts
PAYLOADS = ("<script>alert('title')</script>", "</title>", "onerror=alert('outlet')", "<script>alert('jsonl')</script>",
            "<script>alert('outlet2')</script>", "\" onmouseover=\"alert('attr')", "<img src=x onerror=alert('body')>",
            "<script>alert('name')</script>")


class Markup(HTMLParser):
    """The elements and attributes a page really has (what a browser would build)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, k, v) for k, v in attrs)
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(html: str) -> Markup:
    m = Markup()
    m.feed(html)
    m.close()
    return m


@pytest.fixture(scope="module")
def pages(hostile_db):
    """Every page of the hostile store: each entity, event, document and story, briefs, search, system, timeline."""
    g = newsgraph.open(str(hostile_db))
    ids = {"actor": list(g.entities().id), "event": list(g.sql("SELECT id FROM events ORDER BY id").id),
           "document": list(g.documents().id), "story": list(g.stories().id)}
    paths = ["/", "/search?q=script", "/search?q=alert", "/search?q=Karst", "/system", "/system?as_of=2021-04-30",
             "/timeline", "/timeline?actor=Ostland", "/no/such/page?x=<script>alert(1)</script>",
             "/search?q=%3Cscript%3Ealert(9)%3C%2Fscript%3E", "/actor/%3Cscript%3Ealert(8)%3C%2Fscript%3E"]
    for kind, values in ids.items():
        paths += [f"/{kind}/{v}" for v in values]
    paths += [f"/brief/{v}" for v in ids["actor"] + ids["story"]]
    paths += [f"/document/{v}?hl=0-40" for v in ids["document"]]
    return ids, paths


def test_the_corpus_really_is_hostile(hostile_db):
    g = newsgraph.open(str(hostile_db))
    docs = g.sql("SELECT title, outlet, url, text FROM documents").to_dict("records")
    stored = " ".join(str(v) for d in docs for v in d.values())
    for payload in PAYLOADS:
        assert payload in stored, payload
    assert any((d["url"] or "").startswith("javascript:") for d in docs)


def test_no_page_carries_active_markup(served_hostile, pages):
    _, paths = pages
    shown = ""
    for path in paths:
        r = served_hostile.client.get(path)
        assert r.status_code in (200, 404), (path, r.status_code)
        m = parse(r.text)
        assert not {"script", "iframe", "object", "embed", "base", "img", "svg:script"} & set(m.tags), path
        assert [a for a in m.attributes if a[1].startswith("on")] == [], path
        for tag, name, value in m.attributes:
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                assert value.startswith(("/", "#", "?", "http://", "https://")), (path, tag, name, value)
        assert "</title>" not in m.title or "&lt;/title&gt;" in r.text, path
        shown += r.text
    # the payloads are on the pages, escaped: a reader sees them as text
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in shown
    assert "onerror=alert(&#39;body&#39;)" in shown and "&lt;img src=x" in shown
    assert "javascript:alert(&#39;jsonl-url&#39;)" in shown  # shown as text, never as a link


def test_no_api_answer_carries_markup(served_hostile, pages):
    ids, _ = pages
    paths = ["/api/search?q=script", "/api/entities", "/api/events?limit=500", "/api/documents", "/api/stories",
             "/api/relations", "/api/system"]
    paths += [f"/api/entities/{i}" for i in ids["actor"]] + [f"/api/events/{i}" for i in ids["event"]]
    paths += [f"/api/documents/{i}" for i in ids["document"]] + [f"/api/stories/{i}" for i in ids["story"]]
    paths += [f"/api/brief/{i}" for i in ids["actor"] + ids["story"]] + ["/api/entities/<script>alert(1)</script>"]
    decoded = ""
    for path in paths:
        r = served_hostile.client.get(path)
        assert r.status_code in (200, 404), (path, r.status_code)
        assert r.headers["content-type"].startswith("application/json")
        assert not {"<", ">"} & set(r.text), path
        decoded += json.dumps(r.json(), ensure_ascii=False)
    assert "<script>alert('jsonl')</script>" in decoded  # the data is all there, only written safely


def test_briefs_escape_in_html_and_markdown(hostile_db):
    g = newsgraph.open(str(hostile_db))
    for subject in [*g.entities().id, *g.stories().id]:
        brief = build_brief(g, subject)
        m = parse(brief.to_html())
        assert "script" not in m.tags and not [a for a in m.attributes if a[1].startswith("on")], subject
        assert all(v.startswith("#") for _, k, v in m.attributes if k == "href"), subject
        md = brief.to_markdown()
        assert "<script>" not in md or "“" in md  # quoted sentences keep their text, inside quotes


def test_no_dialog_fires_in_chromium(browser, served_hostile, pages, artifacts):
    _, paths = pages
    context = browser.new_context(java_script_enabled=True, base_url=served_hostile.url)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        # every document and the general pages; one of each other kind (all are parsed above)
        kinds = {p.split("/")[1] for p in paths if p.count("/") == 2}
        first = [next(p for p in paths if p.startswith(f"/{k}/")) for k in sorted(kinds)]
        chosen = [p for p in paths if p.count("/") < 2 or p.startswith("/document/")] + first
        for path in dict.fromkeys(chosen + ["/api/documents"]):
            page.goto(path)
            page.wait_for_load_state("load")
        doc = next(p for p in paths if p.startswith("/document/") and "?" not in p)
        page.goto(doc)
        page.screenshot(path=str(artifacts / "hostile-document.png"), full_page=True)
        for link in page.locator("a").all()[:20]:  # hovering a link would fire an injected onmouseover
            link.hover()
    finally:
        context.close()
    assert dialogs == []

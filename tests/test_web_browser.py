"""In a real browser (Debian chromium through Playwright): a person searches a misspelt surname, lands on the
actor, follows an event and a report to the document, and reads the system on a date, with JavaScript off,
since reading must need none. Screenshots of every page type are kept as test artifacts."""
from __future__ import annotations

import pytest
import test_web_server as web

import newsgraph

served_example = web.served_example
browser = web.browser
artifacts = web.artifacts


@pytest.fixture(scope="module")
def page(browser, served_example):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900},
                                  base_url=served_example.url)
    p = context.new_page()
    p.set_default_timeout(15_000)
    yield p
    context.close()


def test_search_actor_event_document_click_through(page, example_db, artifacts):
    g = newsgraph.open(str(example_db))
    people = g.entities()
    person = people[people.type == "PERSON"].iloc[0]  # the most mentioned person, chosen from the store
    surname = max(person.aliases, key=len).split()[-1]
    misspelt = surname[:-2] + surname[-1] + surname[-2]

    page.goto("/")
    page.screenshot(path=str(artifacts / "search-home.png"), full_page=True)
    page.fill("header input[name=q]", misspelt)
    page.click("header button[type=submit]")
    page.wait_for_url("**/search?q=*")
    first = page.locator("a.entity-link").first
    assert first.inner_text() == person["name"]
    page.screenshot(path=str(artifacts / "search-results.png"), full_page=True)

    first.click()
    page.wait_for_url(f"**/actor/{person.id}")
    assert page.locator("h1.actor-name").inner_text() == person["name"]
    aliases = page.locator("#aliases li").all_inner_texts()
    assert {a.rsplit(" ×", 1)[0] for a in aliases} == set(g.entity(person.id)["aliases"])
    assert page.locator("#merges table tr").count() > 1, "the merge log shows why the spellings are one actor"
    assert page.locator("#roles svg.timeaxis rect").count() >= 1
    page.screenshot(path=str(artifacts / "actor.png"), full_page=True)

    # filter the actor's events by a type it has, then open the first event
    types = page.locator("#events select[name=type] option").all_inner_texts()[1:]
    page.select_option("#events select[name=type]", types[0])
    page.click("#events form button")
    page.wait_for_url(f"**type={types[0]}*")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1
    assert all(t.startswith(types[0]) for t in page.locator("table.events a.event-link").all_inner_texts())
    page.locator("table.events a.event-link").first.click()
    page.wait_for_url("**/event/*")
    assert page.locator("h1.event-title").inner_text().startswith(types[0])
    sources = int(page.locator("td.sources").inner_text())
    reports = page.locator("article.report")
    assert reports.count() >= 1 and sources >= 1
    assert page.locator("article.report mark.sentence").first.is_visible()
    title = page.locator("article.report a.doc-link").first.inner_text()
    page.screenshot(path=str(artifacts / "event.png"), full_page=True)

    page.locator("article.report a.doc-link").first.click()
    page.wait_for_url("**/document/*")
    assert page.locator("h1.doc-title").inner_text() == title
    assert page.locator(".text mark.hl, .text a.hl").count() >= 1, "the reported sentence is highlighted"
    assert page.locator(".text a.mention").count() >= 1 and page.locator(".text a.trigger").count() >= 1
    page.screenshot(path=str(artifacts / "document.png"), full_page=True)
    page.locator(".text a.mention").first.click()
    page.wait_for_url("**/actor/*")


def test_system_changes_with_the_date(page, artifacts):
    page.goto("/system")
    everything = page.locator("svg.network circle").count()
    page.fill("input[name=as_of]", "2015-03-31")
    page.click("form.filters button")
    page.wait_for_url("**as_of=2015-03-31*")
    early = page.locator("svg.network circle").count()
    assert 0 < early < everything
    assert page.locator("h1").inner_text().endswith("as of 2015-03-31")
    colours = {page.locator("svg.network circle").nth(i).get_attribute("fill") for i in range(early)}
    assert len(colours) == min(10, page.locator("ul.camps > li").count()), "one colour per camp"
    edge = page.locator("svg.network a").first
    target = edge.get_attribute("href")
    assert target.startswith("#rel-") and page.locator(target).count() == 1
    page.screenshot(path=str(artifacts / "system.png"), full_page=True)


def test_story_timeline_and_brief_pages(page, artifacts):
    page.goto("/")
    page.locator("main a[href^='/story/']").first.click()
    page.wait_for_url("**/story/*")
    assert page.locator("table a.doc-link").count() >= 1
    page.screenshot(path=str(artifacts / "story.png"), full_page=True)
    page.click("main a[href^='/brief/']")
    page.wait_for_url("**/brief/*")
    lines = page.locator("ul.brief li").all_inner_texts()
    assert lines and all(line.rstrip().endswith("]") for line in lines)
    page.screenshot(path=str(artifacts / "brief.png"), full_page=True)
    page.goto("/timeline?type=ASSAULT")
    assert set(page.locator("table.events a.event-link").all_inner_texts()) <= {"ASSAULT"} | {
        t for t in page.locator("table.events a.event-link").all_inner_texts() if t.startswith("ASSAULT/")}
    page.screenshot(path=str(artifacts / "timeline.png"), full_page=True)

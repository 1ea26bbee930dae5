"""ingest: the plain-text cleaner, printed dates, readers for every format, bad inputs, HTML, duplicates."""
from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, strategies as st

from newsgraph.ingest import ingest
from newsgraph.ingest.cleaner import clean_text, normalize_text
from newsgraph.ingest.dates import date_line, iso_day
from newsgraph.ingest.dedup import DuplicateFinder, document_id
from newsgraph.records import Document, Problem
from newsgraph.settings import Settings

from conftest import DATA, EXAMPLES

BODY = ("The two delegations met for three hours in the capital on Sunday and agreed to meet again "
        "next month, officials from both sides said in a joint statement.")
BODY2 = ("Neither side gave details of the talks, which were the first of their kind since the border "
         "was closed to trade two years ago after a wave of attacks.")


def page(*lines: str) -> str:
    return "\n\n".join(lines)


def test_site_chrome_before_title_is_removed_and_title_found():
    c = clean_text(page("clear", "Reporting the region since 1998", "Rivals meet in the capital for talks",
                        BODY, BODY2))
    assert c.title == "Rivals meet in the capital for talks"
    assert [r.text for r in c.removed] == ["clear", "Reporting the region since 1998"]
    assert c.text.startswith("Rivals meet in the capital for talks\n\n" + BODY)


def test_date_under_title_is_the_dateline_and_chrome_date_only_an_upper_bound():
    c = clean_text(page("Rivals meet in the capital for talks", "March 3, 2016 at 10:12 am", BODY))
    assert c.dateline == "2016-03-03" and c.page_saved is None
    saved = clean_text(page("Friday , 9 February 2024", "Home / News / Rivals meet", "Rivals meet in the capital",
                            BODY))
    assert saved.page_saved == "2024-02-09" and saved.dateline is None
    assert {r.reason for r in saved.removed} == {"page-saved", "breadcrumb"}


@pytest.mark.parametrize("line, reason", [
    ("Read: Army chief visits the border region", "teaser"),
    ("Read more: Army chief visits the border region", "teaser"),
    ("Powered by automated translation", "boilerplate"),
    ("Share this:", "share"),
    ("Share on Facebook", "share"),
    ("Facebook Twitter WhatsApp Email", "share"),
    ("This website uses cookies to improve your experience. Accept", "cookie"),
    ("We use cookies. By continuing you agree to our privacy policy.", "cookie"),
    ("Home / World / Middle East / Rivals meet", "breadcrumb"),
])
def test_boilerplate_lines_are_removed_with_a_reason(line, reason):
    c = clean_text(page("Rivals meet in the capital for talks", BODY, line, BODY2))
    assert line not in c.text
    assert [(r.text, r.reason) for r in c.removed] == [(line, reason)]
    assert BODY in c.text and BODY2 in c.text


def test_teaser_block_after_check_also_is_removed_to_the_next_body_paragraph():
    c = clean_text(page("Rivals meet in the capital for talks", BODY, "Check Also",
                        "Minister resigns over budget row", "The finance minister said on Monday that he would …"))
    assert [r.reason for r in c.removed] == ["teaser"] * 3
    assert c.text.endswith(BODY)


def test_caption_and_wire_credit_are_kept_and_recorded_as_metadata():
    c = clean_text(page("Rivals meet in the capital for talks", "The two leaders in 2016 [Presidency/Handout]",
                        BODY, "* Reuters"))
    assert c.captions == ("The two leaders in 2016 [Presidency/Handout]",)
    assert c.credit == "Reuters" and c.removed == ()
    assert c.title == "Rivals meet in the capital for talks"
    assert "Handout" in c.text and c.text.endswith("* Reuters")


def test_text_without_headline_has_no_title():
    c = clean_text(page(BODY, BODY2))
    assert c.title is None and c.text == page(BODY, BODY2)


def test_text_is_nfkc_normalised():
    c = clean_text(page("Rivals meet in the capital", BODY.replace("capital", "capital\u00a0city")))
    assert "\u00a0" not in c.text and "capital city" in c.text


@given(st.text(max_size=400))
def test_cleaning_never_raises_and_keeps_nfkc(raw):
    c = clean_text(raw)
    assert unicodedata.normalize("NFKC", c.text) == c.text
    kept_or_removed = len(c.text) + sum(len(r.text) for r in c.removed) + sum(map(len, c.captions))
    assert kept_or_removed <= len(normalize_text(raw)) + 2 * raw.count("\n") + 2


@pytest.mark.parametrize("line, day", [
    ("May 18, 2017 at 3:34 pm", "2017-05-18"), ("Monday , 4 December 2023", "2023-12-04"),
    ("Published: 18 May 2017 14:02 GMT", "2017-05-18"), ("2016-02-29", "2016-02-29"),
    ("Sept. 3, 2015", "2015-09-03"), ("February 30, 2015", None),
    ("Egypt said on May 3, 2017 that it would", None),
])
def test_date_line(line, day):
    assert date_line(line) == day


def test_iso_day_of_feed_dates():
    assert iso_day("Thu, 18 May 2017 15:34:00 GMT") == "2017-05-18"
    assert iso_day("2017-05-18T15:34:00Z") == "2017-05-18"
    assert iso_day("sometime") is None


def test_jsonl_records_are_named_by_id_url_or_line_and_bad_lines_skipped():
    items = list(ingest([str(DATA / "records.jsonl")]))
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [d.source for d in docs] == ["rec-1", "https://test-wire.example/2016/06/02/vote",
                                        f"{DATA / 'records.jsonl'}:5"]
    assert docs[0].published.value == "2016-06-01" and docs[0].published_basis == "feed"
    assert docs[0].title == "Council meets in Tobruk" and docs[0].outlet == "Test Wire"
    assert [p.source.rsplit(":", 1)[1] for p in problems] == ["3", "4"]
    assert problems[0].reason.startswith("invalid JSON line")
    assert problems[1].reason == "record has no 'text' (or 'html') field"


def test_rss_feed_entries_become_documents():
    docs = list(ingest([str(DATA / "feed.xml")]))
    assert [d.source for d in docs] == ["db-2016-03-08-salloum", "https://desert-bulletin.example/2016/04/02/trade"]
    assert docs[0].published.value == "2016-03-08" and docs[0].published_basis == "feed"
    assert docs[0].outlet == "Desert Bulletin" and docs[0].title == "Border guards meet in Salloum"
    assert "joint patrols" in docs[0].text and "<p>" not in docs[0].text


def test_json_file_with_a_list_of_records(tmp_path):
    path = tmp_path / "two.json"
    path.write_text(json.dumps([{"id": "a", "text": BODY}, {"id": "b", "text": BODY2}]))
    assert [d.source for d in ingest([str(path)])] == ["a", "b"]


def test_bad_inputs_each_give_one_problem_and_the_rest_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "broken.html").write_text("<html><body><div><p>unclosed <b>tags")
    (tmp_path / "big.txt").write_text("word " * 300_000)
    (tmp_path / "cp1252.txt").write_bytes(page("Caf\xe9 owners meet the minister", BODY).encode("cp1252"))
    (tmp_path / "notes.md").write_text(BODY)
    items = list(ingest([str(tmp_path), str(tmp_path / "notes.md"), str(tmp_path / "missing.txt")],
                        Settings(max_bytes=1_000_000)))
    problems = {p.source.rsplit("/", 1)[-1]: p.reason for p in items if isinstance(p, Problem)}
    docs = [d for d in items if isinstance(d, Document)]
    assert [d.title for d in docs] == ["Café owners meet the minister"]
    assert problems["empty.txt"] == "empty file"
    assert problems["binary.txt"] == "binary file, not text"
    assert problems["broken.html"].startswith("no article text")
    assert problems["big.txt"].startswith("file too large")
    assert problems["notes.md"].startswith("not an article format (.md)")
    assert problems["missing.txt"] == "no such file or directory"


def test_globs_and_directories_are_read_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text(page("First headline of the day", BODY))
    (tmp_path / "a" / "two.txt").write_text(page("Second headline of the day", BODY2))
    by_dir = [d.title for d in ingest([str(tmp_path)])]
    by_glob = [d.title for d in ingest([str(tmp_path / "**" / "*.txt")])]
    assert sorted(by_dir) == sorted(by_glob) == ["First headline of the day", "Second headline of the day"]


@pytest.mark.skipif(not (EXAMPLES / "html").is_dir(), reason="examples/corpus/html is missing")
def test_example_html_pages_lose_navigation_cookies_and_related_links():
    pages = sorted((EXAMPLES / "html").iterdir())
    docs = [d for d in ingest([str(p) for p in pages]) if isinstance(d, Document)]
    assert len(docs) == len(pages) >= 4
    for d in docs:
        lowered = d.text.lower()
        for chrome in ("cookie", "accept", "related articles", "most read", "all rights reserved", "share on"):
            assert chrome not in lowered, (d.source, chrome)
        assert d.published_basis == "html-meta" and d.published.value
        assert d.text.startswith(d.title) and d.outlet
    assert any(d.captions for d in docs)


def test_document_id_ignores_case_and_spacing():
    assert document_id("Egypt  said\nthis") == document_id("egypt said this")
    assert document_id("Egypt said this") != document_id("Egypt said that")


def test_near_duplicate_wire_copy_is_marked_and_different_story_is_not():
    finder = DuplicateFinder(Settings())
    text = " ".join([BODY, BODY2] * 3)
    first = finder.mark(Document(id="a", source="a", text=text))
    copy = finder.mark(Document(id="b", source="b", text=text.replace("Sunday", "Saturday") + " More soon."))
    other = finder.mark(Document(id="c", source="c", text=" ".join([BODY2, "A different story entirely."] * 4)))
    again = finder.mark(Document(id="a", source="a2", text=text))
    assert first.duplicate_of is None and other.duplicate_of is None
    assert copy.duplicate_of == "a" and again.duplicate_of == "a"

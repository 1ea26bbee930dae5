"""The publication day of a page from every candidate it gives (newsgraph.ingest.published), on pages and
URLs written for these tests."""
from __future__ import annotations

import json

import pytest

from newsgraph.ingest import ingest
from newsgraph.ingest.published import (
    DateCandidate, caption_days, decide, text_stamps, url_day, url_month, yearless_dateline,
)


@pytest.mark.parametrize("url, day", [
    ("https://news.example/world/2020/01/14/talks-resume", "2020-01-14"),
    ("https://news.example/news/2019/10/9/offensive-begins", "2019-10-09"),
    ("https://paper.example/world/2020/jan/14/talks", "2020-01-14"),
    ("https://site.example/a/2020-01-14-talks-resume", "2020-01-14"),
    ("https://wire.example/stories/202305120411.html", "2023-05-12"),      # a date and a serial number
    ("https://agency.example/world/201809181068120008-talks/", "2018-09-18"),
    ("https://pictures.example/news/syria-191009172058865.html", None),    # two-digit year and clock, not 1910
    ("https://site.example/politics/944911", None),
    ("https://site.example/2018/06/the-siege.html", None),                 # a month only
])
def test_a_url_gives_its_day_in_every_common_form(url, day) -> None:
    assert url_day(url) == day


def test_a_url_with_a_month_and_no_day_bounds_the_month() -> None:
    assert url_month("https://blog.example/2018/06/the-siege.html") == ("2018-06-01", "2018-06-30")
    assert url_month("https://news.example/news/2019/10/9/offensive") is None


def test_stamps_at_the_top_of_a_text_but_not_a_headline_that_names_a_day() -> None:
    assert text_stamps("Clashes intensify April 16, 2023 at 03:10PM\n\nThe fighting went on.") == \
        [DateCandidate("2023-04-16", "stamp")]
    assert text_stamps("Truce signed\nT. Brin Wednesday, 2 November 2022, 22:18\nThe mediator said.") == \
        [DateCandidate("2022-11-02", "stamp")]
    assert text_stamps("Truce\nPublished: March 3, 2021\nUpdated: March 4, 2021\nText.") == \
        [DateCandidate("2021-03-03", "stamp"), DateCandidate("2021-03-04", "updated")]
    assert text_stamps("May 4, 2017 (KELTUN) - The council met.") == [DateCandidate("2017-05-04", "dateline")]
    assert text_stamps("Rivals agree on a truce (December 13, 2018)\nOn December 13, 2018, the rivals met.") == []


def test_a_photo_credit_dates_a_lower_bound_and_a_yearless_dateline_takes_the_texts_year() -> None:
    assert caption_days("Smoke rises over Keltun, Osteria, 18 April 2023. EPA-EFE/STRINGER") == ["2023-04-18"]
    assert caption_days("The talks ended on 18 April 2023. The envoy left.") == []
    assert yearless_dateline("KELTUN, April 07 (XNA) - The president resigned.", "2022-01-10") == "2022-04-07"
    assert yearless_dateline("KELTUN, Jan 5 (XNA) - Leaders signed.", "2020-12-01") == "2021-01-05"
    assert yearless_dateline("KELTUN, Jan 5 (XNA) - Leaders signed.", None) is None


def test_candidates_that_agree_give_the_day_and_those_that_disagree_an_interval() -> None:
    time, basis = decide([DateCandidate("2021-03-03", "html-meta"), DateCandidate("2021-03-04", "url")])
    assert (time.value, basis) == ("2021-03-03", "html-meta")  # a day apart: one publication, the most trusted
    time, basis = decide([DateCandidate("2021-03-03", "url"), DateCandidate("2021-06-01", "html-meta")])
    assert time.value is None and (time.earliest, time.latest) == ("2021-03-03", "2021-06-01")
    assert basis.startswith("disagree")
    time, basis = decide([DateCandidate("2021-03-09", "stamp"), DateCandidate("2021-03-04", "updated")])
    assert time.value is None and time.latest == "2021-03-04"  # never published after an update
    assert decide([DateCandidate("2021-03-04", "page-saved")]) is None


def test_a_document_records_every_candidate_and_the_basis_of_its_day(tmp_path) -> None:
    page = tmp_path / "article.jsonl"
    page.write_text(json.dumps({
        "url": "https://news.example/world/2021/03/03/council-meets", "title": "Council meets",
        "text": "Council meets\n\nBy T. Brin | March 3, 2021 14:05\n\nThe Osterian council met on Wednesday in Keltun "
                "to discuss the budget and the border, officials said after the session ended."}) + "\n",
        encoding="utf-8")
    doc = next(d for d in ingest([str(page)]))
    assert doc.published.value == "2021-03-03" and doc.published_basis == "stamp"
    assert set(doc.published_candidates) == {"url 2021-03-03", "stamp 2021-03-03"}


def test_the_markups_own_published_and_modified_fields_are_recorded() -> None:
    from newsgraph.ingest.published import html_candidates
    page = ('<html><head><meta property="article:published_time" content="2021-03-03T09:00:00Z">'
            '<meta property="article:modified_time" content="2021-03-05T10:00:00Z">'
            '<script type="application/ld+json">{"datePublished": "2021-03-03", "dateModified": "2021-03-06"}'
            '</script></head><body><p>Text.</p></body></html>')
    assert html_candidates(page) == [DateCandidate("2021-03-03", "html-published"),
                                     DateCandidate("2021-03-05", "html-modified"),
                                     DateCandidate("2021-03-03", "html-published"),
                                     DateCandidate("2021-03-06", "html-modified")]

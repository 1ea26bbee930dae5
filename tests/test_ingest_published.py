"""The publication day of a page from every candidate it gives (newsgraph.ingest.published), on pages and
URLs written for these tests."""
from __future__ import annotations

import json

import pytest

from newsgraph.ingest import ingest
from newsgraph.ingest.dates import date_line
from newsgraph.ingest.published import (
    DateCandidate, caption_days, decide, linked_days, text_stamps, today_weekday, url_day, url_month,
    url_readings, yearless_dateline,
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
    assert caption_days("Smoke rises over Keltun, Osteria, 18 April 2023. XNA-EPX/STRINGER") == ["2023-04-18"]
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


# ---- forms that a reader dates at once --------------------------------------------------------

def test_a_published_label_with_the_time_before_the_date_is_a_stamp() -> None:
    assert text_stamps("Published 08:10 IST, October 21st 2029\nRebels claim an attack") == \
        [DateCandidate("2029-10-21", "stamp")]
    assert text_stamps("Updated 10:43 am GMT+3, 6 June 2027\nText") == \
        [DateCandidate("2027-06-06", "updated")]
    assert date_line("Published 08:10 IST, October 21st 2029") == "2029-10-21"


def test_a_published_line_above_the_title_is_the_pages_stamp_not_its_saved_day(tmp_path) -> None:
    page = tmp_path / "article.jsonl"
    page.write_text(json.dumps({
        "url": "https://news.example/world/rebels-claim-attack", "title": "Rebels claim attack",
        "text": "Published 08:10 IST, October 21st 2029\nRebels claim attack\nRebels in Osteria claimed an "
                "attack on two refineries in Keltun, their spokesman said."}) + "\n", encoding="utf-8")
    doc = next(d for d in ingest([str(page)]))
    assert doc.published.value == "2029-10-21" and doc.published_basis == "stamp"


@pytest.mark.parametrize("text, day", [
    ("Leaders sign pact\nPORT ELLIS (Osteria), February 8, 2031\nThe leaders signed.", "2031-02-08"),
    ("KELTUN, Feb. 8, 2031 (XNA) - Leaders signed a pact.", "2031-02-08"),
    ("KELTUN, 8 February 2031 /XNA/ Leaders met.", "2031-02-08"),
    ("Port Ellis, 8 February 2031\nLeaders met.", "2031-02-08"),
    ("Port Ellis, 8 February 2031 - leaders met", None),  # a place in title case before words: a sentence's
    ("In Keltun, February 8, 2031, the leaders met.", None),
    ("Updated, February 8, 2031\nText", None),  # a label is no place
])
def test_a_place_and_a_full_date_open_a_dateline(text, day) -> None:
    assert text_stamps(text) == ([DateCandidate(day, "dateline")] if day else [])


def test_a_url_carried_in_a_proxys_query_gives_its_day() -> None:
    assert url_day("https://proxy.example/sp?hl&u=http://news.example/en/2025/08/19/x.html") == "2025-08-19"
    assert url_day("https://proxy.example/r?url=https%3A%2F%2Fnews.example%2F2029%2F11%2F23%2Fx") == \
        "2029-11-23"
    assert url_day("https://news.example/a?ref=home") is None


@pytest.mark.parametrize("url, day, readings", [
    ("https://radio.example/09-05-2032/council-formed", None, ("2032-05-09", "2032-09-05")),  # either order
    ("https://radio.example/25-09-2032/council-formed", "2032-09-25", None),  # only a day-month reading
    ("https://radio.example/09-25-2032/council-formed", "2032-09-25", None),  # only a month-day reading
    ("https://radio.example/06-06-2032/council-formed", "2032-06-06", None),  # both readings the same day
    ("https://site.example/scenario-8-15-june-2032", None, None),             # not a day segment
])
def test_a_numeric_url_day_reads_both_ways_unless_only_one_is_a_date(url, day, readings) -> None:
    assert url_day(url) == day
    assert url_readings(url) == readings


def test_two_url_readings_bound_publication_unless_the_text_names_its_weekday(tmp_path) -> None:
    page = tmp_path / "article.jsonl"
    said = "The president handed over his powers to a new council, according to a statement issued "
    records = [{"id": "a", "url": "https://radio.example/07-04-2032/council-formed",
                "text": said + "today [Wednesday], and relieved his deputy."},
               {"id": "b", "url": "https://radio.example/07-04-2032/council-formed",
                "text": said + "by his office, and relieved his deputy."}]
    page.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    told, untold = list(ingest([str(page)]))
    assert (told.published.value, told.published_basis) == ("2032-04-07", "url")  # 4 July 2032 is a Sunday
    assert (untold.published.value, untold.published.earliest, untold.published.latest) == \
        (None, "2032-04-07", "2032-07-04")
    assert today_weekday("issued today (Friday) and today, Monday,") is None  # two weekdays tell nothing


def test_a_caption_closed_by_its_credit_dates_a_lower_bound() -> None:
    text = ("Smoke rises over Keltun, Osteria, 21 March 2033. Fighting erupted on 19 March between the army "
            "and the militia. XNA-EPX/STRINGER")
    assert caption_days(text) == ["2033-03-21"]
    assert caption_days("Talks will resume in Keltun on 5 May 2033. The envoy said so. XNA/NAME") == []
    assert caption_days("The talks ended on 21 March 2033. The envoy left for Keltun/Port Ellis.") == []


def test_a_url_the_text_prints_dates_a_lower_bound(tmp_path) -> None:
    assert linked_days("Residents fled.\nhttps://paper.example/2033/06/02/world/fighting.html\n(see "
                       "https://wire.example/2029/11/23/a).") == ["2029-11-23", "2033-06-02"]
    page = tmp_path / "article.jsonl"
    page.write_text(json.dumps({"id": "a", "url": "https://journal.example/?p=1", "text": (
        "Fighting erupts in the capital\nResidents reported clashes between the army and a militia across "
        "the city.\nhttps://paper.example/2033/06/02/world/fighting.html")}) + "\n", encoding="utf-8")
    doc = next(d for d in ingest([str(page)]))
    assert (doc.published.value, doc.published.earliest) == (None, "2033-06-02")
    assert doc.published_basis == "linked"


def test_a_yearless_dateline_far_after_the_latest_past_date_is_not_read_in_its_year() -> None:
    dateline = "KELTUN, June 6. /XNA/. Leaders signed a memorandum."
    assert yearless_dateline(dateline, "2027-08-01") is None
    assert yearless_dateline(dateline, "2027-05-20") == "2027-06-06"

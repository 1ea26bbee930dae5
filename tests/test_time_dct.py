"""Publication-date bounds of undated articles: one test per rule on texts written here, then
the five seed articles against their gold intervals."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.time.dct import PublicationBounds, infer_publication

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEED_GOLD = SHARED / "gold" / "seeds.json"


def interval(text: str, **kw: object) -> tuple[str | None, str | None]:
    bounds = infer_publication(text, **kw)  # type: ignore[arg-type]
    return bounds.earliest, bounds.latest


# ---- the lower bound ------------------------------------------------------------------------

def test_latest_written_date_reported_as_past_bounds_below() -> None:
    text = ("In August 2016 Egypt created a committee. The talks collapsed in March 2018. "
            "A summit will be held in June 2030.")
    start = text.index("March 2018")
    assert infer_publication(text) == PublicationBounds("2018-03-01", None, "March 2018", start,
                                                        start + len("March 2018"))


def test_full_dates_and_bare_years_count_from_their_first_day() -> None:
    assert interval("The agreement expired on December 17, 2017.") == ("2017-12-17", None)
    assert interval("Libya sank into chaos after the uprising in 2011.") == ("2011-01-01", None)


def test_dates_ahead_or_outside_a_clause_do_not_bound() -> None:
    assert interval("Elections will be held in June 2030.") == (None, None)
    assert interval("The vote is scheduled for March 3, 2031.") == (None, None)
    assert interval("Tuesday 4 March 2031\n") == (None, "2031-03-04")  # a date line: upper only


def test_yearless_date_takes_the_year_of_the_latest_written_month() -> None:
    text = ("On October 23, the talks fell apart. Forces captured a militant in a raid in "
            "October 2018. He refused to attend the October 24 meeting.")
    assert infer_publication(text).evidence_text == "October 24"
    assert interval(text) == ("2018-10-24", None)


def test_yearless_date_without_a_written_month_gives_no_bound() -> None:
    assert interval("On October 23, the talks fell apart.") == (None, None)
    text = "The uprising began in 2011. In late July, its rival leaders pledged to cooperate."
    assert interval(text) == ("2011-01-01", None)  # a bare year says too little of late July


def test_yearless_date_far_after_the_written_one_keeps_the_weaker_bound() -> None:
    text = "Officers met in January 2015. On December 5, the talks collapsed."
    assert interval(text) == ("2015-01-01", None)  # December 5 may be of 2014


def test_yearless_date_ahead_gives_no_bound() -> None:
    text = "Officers met in May 2015. They will meet again on May 20."
    assert interval(text) == ("2015-05-01", None)


def test_a_planned_meeting_in_a_past_sentence_gives_no_bound() -> None:
    text = ("Keltun and Osteria signed a memorandum on Thursday. The parties reached an agreement to have a "
            "new high-level meeting in Port Ellis in mid-August of 2031, the minister said.")
    assert interval(text) == (None, None)


def test_a_date_in_an_opening_phrase_of_a_past_sentence_bounds_below() -> None:
    text = ("The attack occurred this morning, the statement said. \u201cIn the early hours of March 9, "
            "2030, the rebels attacked a base in Keltun.\u201d")
    assert interval(text) == ("2030-03-09", None)


# ---- the upper bound and conflicts -----------------------------------------------------------

def test_callers_upper_bound_is_kept_and_a_conflicting_lower_bound_dropped() -> None:
    text = "The talks collapsed in March 2018."
    assert interval(text, upper_bound="2019-01-01") == ("2018-03-01", "2019-01-01")
    assert interval(text, upper_bound="2017-01-01") == (None, "2017-01-01")


def test_header_date_line_is_an_upper_bound() -> None:
    body = ("Libyan and Egyptian chiefs of staff met on Wednesday in Cairo to discuss "
            "cooperation, the latest of many meetings since the overthrow of the regime in 2011.")
    raw = f"Monday , 4 December 2023\nHome / News / Libya\n\n{body}\n"
    assert interval(raw) == ("2011-01-01", "2023-12-04")
    cleaned = interval(body, upper_bound="2023-12-04")  # the pipeline removes the line
    assert cleaned == ("2011-01-01", "2023-12-04")
    stamped = f"Army chiefs meet\n\nMay 18, 2017 at 3:34 pm\n\n{body}"
    assert interval(stamped) == ("2011-01-01", "2017-05-18")


def test_a_date_line_in_the_body_is_not_an_upper_bound() -> None:
    body = ("Libyan and Egyptian chiefs of staff met on Wednesday in Cairo to discuss "
            "cooperation, the latest of many meetings since the overthrow of the regime in 2011.")
    assert interval(f"{body}\n\nRelated:\nJune 5, 2012\n") == ("2011-01-01", None)


def test_nothing_dated_gives_nothing_and_never_the_clock() -> None:
    assert infer_publication("") == PublicationBounds(None, None)
    assert interval("Officials met yesterday and will meet again next week.") == (None, None)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_bounds_never_cross(text: str, upper: str | None) -> None:
    bounds = infer_publication(text, upper_bound=upper)
    if bounds.earliest and bounds.latest:
        assert bounds.earliest <= bounds.latest
    if upper:
        assert bounds.latest is not None and bounds.latest <= upper


# ---- the seed articles -------------------------------------------------------------------------

def seed_cases() -> list[tuple[str, dict]]:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    return [(d["doc"], d["published"]) for d in gold["documents"]]


@pytest.mark.skipif(not SEED_GOLD.exists() or not SEEDS.exists(),
                    reason="shared seeds ../shared/corpus/seeds and ../shared/gold absent")
def test_seed_intervals_hold_the_gold_day() -> None:
    for name, published in seed_cases():
        text = (SEEDS / name).read_text(encoding="utf-8")
        earliest, latest = interval(text)  # raw text, header lines included
        day = published.get("exact") or published["must_contain"]
        assert (earliest or day) <= day <= (latest or day), (name, earliest, latest, day)
        if published.get("lower_bound"):
            assert earliest is not None and earliest >= published["lower_bound"], name

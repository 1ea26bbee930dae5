"""Tests of story clustering (newsgraph.events.stories) and its dev-set evaluation."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.evaluate.stories import b3, evaluate, load
from newsgraph.events.stories import (
    Story, StoryIndex, StoryInput, StorySettings, cluster_stories, story_id, text_dates,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ECB_DEV = SHARED / "eval" / "ecbplus_dev_docs.jsonl"

QUAKE_A = [
    "Deadly quake shakes northern Varland\nA magnitude 6.3 earthquake struck near the mountain town of "
    "Orvieto Alta in northern Varland on Tuesday, killing at least 12 people and injuring 85, the civil "
    "defence agency said. The quake hit at 4:12 a.m. on March 4, 2014. Rescuers from Tessaro searched "
    "collapsed houses in Orvieto Alta through the day.",
    "Varland earthquake kills 12\nAt least 12 people died when a 6.3-magnitude quake hit Orvieto Alta "
    "before dawn on Tuesday, March 4, 2014. Civil defence chief Marta Lindqvist said 85 people were hurt "
    "and hundreds of homes in the province of Tessaro were damaged.",
    "Survivors of the Orvieto Alta earthquake spent a second night in tents on Wednesday. The 6.3 "
    "tremor on March 4, 2014 killed 12 people, said Marta Lindqvist of the Varland civil defence, who "
    "toured Tessaro province with the prime minister.",
]
QUAKE_B = [
    "Strong quake rattles Korvasi island\nA 5.1-magnitude earthquake jolted the island of Korvasi off the "
    "coast of Delmar on Sunday, injuring 40 people and cutting power to the port of Santo Brevik, "
    "officials said. The tremor struck on August 17, 2009 at a depth of 10 km.",
    "Forty hurt as earthquake hits Korvasi\nAn earthquake measuring 5.1 shook Korvasi island on Sunday, "
    "August 17, 2009, injuring 40 people, the Delmar interior ministry said. Governor Paulo Anselm said "
    "schools in Santo Brevik would stay closed.",
    "Aftershocks kept residents of Korvasi awake on Monday after Sunday's 5.1 earthquake injured 40 "
    "people. Governor Paulo Anselm asked Delmar for tents as Santo Brevik port reopened on August 18, 2009.",
]
TRANSFER = (
    "Striker Jonas Feld joins Rotterburg for record fee\nRotterburg signed striker Jonas Feld from Kallen "
    "United for a club record 48 million on Friday, July 2, 2021, the club said."
)


def docs_of(texts: list[str], prefix: str, published: str | None = None) -> list[StoryInput]:
    return [StoryInput(f"{prefix}{k}", text, published=published) for k, text in enumerate(texts)]


def corpus() -> list[StoryInput]:
    return docs_of(QUAKE_A, "a", "2014-03-05") + docs_of(QUAKE_B, "b", "2009-08-17")


def grouping(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.documents) for s in stories}


# --- batch clustering -----------------------------------------------------------------------------

def test_three_reports_of_one_event_merge() -> None:
    stories = cluster_stories(docs_of(QUAKE_A, "a"))
    assert grouping(stories) == {frozenset({"a0", "a1", "a2"})}


def test_two_earthquakes_stay_apart() -> None:
    stories = cluster_stories(corpus())
    assert grouping(stories) == {frozenset({"a0", "a1", "a2"}), frozenset({"b0", "b1", "b2"})}


def test_two_earthquakes_stay_apart_without_dates_or_metadata() -> None:
    bare = StorySettings(use_text_dates=False)
    stories = cluster_stories(docs_of(QUAKE_A, "a") + docs_of(QUAKE_B, "b"), bare)
    assert grouping(stories) == {frozenset({"a0", "a1", "a2"}), frozenset({"b0", "b1", "b2"})}


def test_publication_dates_far_apart_lower_similarity() -> None:
    same_text = [QUAKE_A[1], QUAKE_A[1].replace("Varland earthquake kills 12\n", "")]
    near = [StoryInput("x", same_text[0], published="2014-03-05"),
            StoryInput("y", same_text[1], published="2014-03-06")]
    far = [near[0], StoryInput("y", same_text[1], published="2019-03-06")]
    strict = StorySettings(threshold=0.9, use_text_dates=False, published_penalty=0.1)
    assert len(cluster_stories(near, strict)) == 1
    assert len(cluster_stories(far, strict)) == 2


def test_empty_input() -> None:
    assert cluster_stories([]) == []
    assert StoryIndex.build([]).stories() == []


def test_story_ids_are_stable_and_titles_come_from_members() -> None:
    docs = corpus() + [StoryInput("t0", TRANSFER)]
    first = cluster_stories(docs)
    shuffled = docs[:]
    random.Random(7).shuffle(shuffled)
    again = cluster_stories(shuffled)
    assert sorted(first, key=lambda s: s.id) == sorted(again, key=lambda s: s.id)
    for story in first:
        assert story.id == story_id(story.documents)
        assert story.title
    assert {s.id for s in first} == {story_id(["a0"]), story_id(["b0"]), story_id(["t0"])}
    titled = cluster_stories([StoryInput("z", QUAKE_B[2], title="Korvasi aftershocks")])
    assert titled[0].title == "Korvasi aftershocks"


def test_entities_and_dates_inputs_are_used() -> None:
    docs = [StoryInput("p", "The minister resigned on Monday after the vote.", entities=("person:q1",),
                       dates=("2020-02-03",)),
            StoryInput("q", "The minister resigned after losing the vote on Monday.", entities=("person:q1",),
                       dates=("2020-02-03",))]
    assert len(cluster_stories(docs)) == 1


def test_text_dates() -> None:
    found = text_dates("On November 30, 2009 and 14 June 2013, in Nov 2011 and in 1999, not 12345.")
    assert found[:2] == ("2009-11-30", "2013-06-14")
    assert "2011-11" in found and "1999" in found
    assert "1234" not in found


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghij XYZ.\n0123456789", max_size=80), max_size=12))
def test_every_document_lands_in_exactly_one_story(texts: list[str]) -> None:
    docs = [StoryInput(f"d{k}", text) for k, text in enumerate(texts)]
    placed = [d for s in cluster_stories(docs) for d in s.documents]
    assert sorted(placed) == sorted(d.doc_id for d in docs)


# --- incremental path -----------------------------------------------------------------------------

def test_incremental_assignment() -> None:
    index = StoryIndex.build(corpus())
    quake_a = story_id(["a0"])
    extra = StoryInput("a9", "Rescuers in Orvieto Alta found two more survivors on Thursday, three "
                             "days after the 6.3 earthquake of March 4, 2014 that killed 12, "
                             "Marta Lindqvist said.")
    assert index.assign(extra) == quake_a
    assert index.assign(StoryInput("t0", TRANSFER)) is None
    changed = index.add([extra, StoryInput("t0", TRANSFER)])
    assert {s.id for s in changed} == {quake_a, story_id(["t0"])}
    by_id = {s.id: s for s in index.stories()}
    assert by_id[quake_a].documents == ("a0", "a1", "a2", "a9")
    assert index.add([extra]) == []  # adding again changes nothing
    assert len(index.stories()) == 3


# --- dev set quality gate -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ecb_dev() -> Path:
    if not ECB_DEV.is_file():
        pytest.skip(f"dev set absent ({ECB_DEV}): the quality gate needs ../shared beside the project")
    return ECB_DEV


def test_quality_gate_on_ecbplus_dev(ecb_dev: Path) -> None:
    result = evaluate(ecb_dev, baseline=False)
    assert result["documents"] == 772
    assert result["f1"] >= 0.96, result  # measured 0.973


def test_incremental_quality_on_ecbplus_dev(ecb_dev: Path) -> None:
    docs, gold = load(ecb_dev)
    order = docs[:]
    random.Random(0).shuffle(order)
    index = StoryIndex.build(order[:600])
    for start in range(600, len(order), 50):
        index.add(order[start:start + 50])
    assert b3(index.stories(), gold)["f1"] >= 0.93  # measured 0.95

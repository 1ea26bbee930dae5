"""time.document: a document's expressions read against its publication time or interval, and the time near
an offset of a sentence."""
from __future__ import annotations

from newsgraph.records import Time
from newsgraph.time.document import document_times, time_near

TEXT = "The envoy arrived on Tuesday. Talks had failed on October 23. In 2016 the council was formed."


def _by_text(published: Time) -> dict[str, tuple]:
    return {t.text: (t.value, t.earliest, t.latest) for t in document_times("d", TEXT, published)}


def test_a_dated_document_places_every_expression():
    found = _by_text(Time("2018-11-01", "2018-11-01", "2018-11-01"))
    assert found["Tuesday"] == ("2018-10-30", "2018-10-30", "2018-10-30")
    assert found["October 23"] == ("2018-10-23", "2018-10-23", "2018-10-23")
    assert found["2016"] == ("2016", "2016-01-01", "2016-12-31")


def test_an_undated_document_keeps_values_underspecified_and_bounds_them_by_its_interval():
    after = _by_text(Time(None, "2018-11-01", None))  # published on or after 1 November 2018
    assert after["Tuesday"][:2] == ("XXXX-WXX-2", "2018-10-30") and after["Tuesday"][2] is None
    before = _by_text(Time(None, None, "2018-11-01"))  # saved on 1 November 2018
    assert before["Tuesday"][0] == "XXXX-WXX-2" and before["Tuesday"][1] is None
    assert before["Tuesday"][2] == "2018-10-30"
    closed = _by_text(Time(None, "2018-10-25", "2018-11-01"))
    assert closed["Tuesday"][1:] == ("2018-10-23", "2018-10-30")


def test_time_near_takes_the_nearest_placed_expression_of_the_sentence():
    times = document_times("d", TEXT, Time("2018-11-01", "2018-11-01", "2018-11-01"))
    second = TEXT.index("Talks")
    assert time_near(times, second, TEXT.index("In 2016"), second).value == "2018-10-23"
    assert time_near(times, 0, second, 0).text == "Tuesday"
    assert time_near(times, 0, 5, 0) is None  # no expression in that stretch
    unplaced = document_times("d", TEXT, Time())
    assert time_near(unplaced, 0, second, 0) is None  # "Tuesday" of an undated article dates nothing


def test_the_parse_is_asked_for_only_around_expressions_that_need_a_tense(nlp):
    from newsgraph.annotate import paragraph_tokens

    asked: list = []

    def parse_of(text: str):
        paragraphs = [(0, nlp(text))]

        def parse(spans):
            asked.append(list(spans))
            return paragraph_tokens("d", paragraphs, spans)
        return parse

    published = Time("2018-11-01", "2018-11-01", "2018-11-01")
    document_times("d", "In 2016 the council was formed.", published, parse=parse_of("In 2016 the council was formed."))
    assert asked == []  # a written year needs no tense
    text = "The envoy, who arrived on Tuesday, said the talks would resume on Friday."
    found = {t.text: t.value for t in document_times("d", text, published, parse=parse_of(text))}
    assert [text[s:e] for s, e in asked[0]] == ["Tuesday", "Friday"]
    assert found == {"Tuesday": "2018-10-30", "Friday": "2018-11-02"}  # past clause, future clause

"""When an event happened: the time expression the parse attaches to its trigger's own clause
(newsgraph.events.timing), and how assembly dates the event by it (DocumentTimes). One test per rule,
on sentences written for these tests."""
from __future__ import annotations

import json

from newsgraph.events import code_document
from newsgraph.events.assemble import DocumentTimes
from newsgraph.events.coder import code_sentence
from newsgraph.events.timing import attach, time_spans
from newsgraph.records import Document, EventMention, Participant, Time, TimeMention
from newsgraph.store.layouts import event_body as _event_body, event_mention as _event_mention


def attached(nlp, text: str) -> dict[tuple[str, str], str | None]:
    """(type, trigger) -> the text of its time expression: '' when the sentence's expressions are all other
    clauses', None when the sentence has none."""
    doc = nlp(text)
    out: dict[tuple[str, str], str | None] = {}
    for sent in doc.sents:
        events = code_sentence(sent)
        for e, span in zip(events, attach(sent, events)):
            out.setdefault((e.type, e.trigger.text), None if span is None else doc.text[span[0]:span[1]])
    return out


def when(nlp, text: str, typ: str, trigger: str) -> str | None:
    found = attached(nlp, text)
    assert (typ, trigger) in found, f"no {typ} {trigger!r} in {found}"
    return found[(typ, trigger)]


# ------------------------------------------------------------------------- the trigger's own clause


def test_an_expression_of_the_verbs_clause_is_its_time(nlp) -> None:
    assert when(nlp, "Rebels attacked the army base on Sunday.", "ASSAULT", "attacked") == "Sunday"


def test_a_relative_clause_keeps_its_time_to_itself(nlp) -> None:
    text = "The general, who met the envoy on Wednesday, attacked the town on Sunday."
    assert when(nlp, text, "CONSULT", "met") == "Wednesday"
    assert when(nlp, text, "ASSAULT", "attacked") == "Sunday"


def test_no_expression_of_another_clause_dates_the_event(nlp) -> None:
    text = "The fighting, which broke out on 15 April, has killed 550 people, according to figures released on 18 April."
    assert when(nlp, text, "ASSAULT", "killed") == ""


def test_a_sentence_without_expressions_gives_none(nlp) -> None:
    assert when(nlp, "Rebels attacked the army base.", "ASSAULT", "attacked") is None


def test_a_description_of_another_noun_is_not_the_events_time(nlp) -> None:
    assert when(nlp, "The envoy met the chairman of the now defunct council.", "CONSULT", "met") == ""


def test_a_preposition_of_sequence_gives_no_day(nlp) -> None:
    assert when(nlp, "The army withdrew from the city after 15 April.", "RETREAT", "withdrew") == ""


def test_how_long_before_the_main_clause_is_not_when(nlp) -> None:
    text = "Turkey invaded the region three days after Washington agreed to withdraw its troops."
    assert when(nlp, text, "AGREE", "agreed") == ""


def test_a_point_in_time_comes_before_a_stretch_of_time(nlp) -> None:
    text = "The two sides agreed on Wednesday to cease hostilities, a breakthrough two years into the war."
    assert when(nlp, text, "RETREAT", "cease hostilities") == "Wednesday"


# ------------------------------------------------------------------------- event nouns


def test_an_event_noun_takes_its_verbs_time(nlp) -> None:
    text = "Turkey launched a military operation on Wednesday against Kurdish fighters."
    assert when(nlp, text, "ASSAULT", "military operation") == "Wednesday"


def test_a_verb_takes_the_time_of_the_event_noun_that_is_its_subject(nlp) -> None:
    assert when(nlp, "The 15 April attack killed five soldiers.", "ASSAULT", "killed") == "15 April"


def test_an_expression_measuring_an_event_noun_is_not_its_time(nlp) -> None:
    text = "The coalition carried out a sixth night of air strikes against the rebels, the channel reported on Wednesday."
    assert when(nlp, text, "ASSAULT", "air strikes") == "Wednesday"


def test_an_occasion_dates_what_happened_during_it(nlp) -> None:
    text = "Special forces captured the militant during a raid in Derna in October 2018."
    assert when(nlp, text, "COERCE", "captured") == "October 2018"


# ------------------------------------------------------------------------- shared times


def test_a_reported_event_takes_the_time_of_the_report(nlp) -> None:
    text = "Russia and Iran have signed a memorandum, the minister said on Thursday."
    assert when(nlp, text, "AGREE", "signed a memorandum") == "Thursday"


def test_a_participle_adjunct_shares_its_heads_time(nlp) -> None:
    text = "Gunmen attacked the village on Monday, killing five people."
    assert when(nlp, text, "ASSAULT", "killing") == "Monday"


def test_a_purpose_clause_shares_its_heads_time(nlp) -> None:
    text = "The president visited Mosul on July 9 to congratulate the troops."
    assert when(nlp, text, "SUPPORT", "congratulate") == "July 9"


def test_an_open_complement_shares_its_heads_time(nlp) -> None:
    assert when(nlp, "Troops began to withdraw from the border on Monday.", "RETREAT", "withdraw") == "Monday"


def test_a_when_clause_happens_at_the_time_it_names(nlp) -> None:
    text = "Talks made progress up through March 2018, when officers agreed to form joint committees."
    assert when(nlp, text, "AGREE", "agreed") == "March 2018"


def test_a_refusal_is_dated_by_what_it_refuses(nlp) -> None:
    assert when(nlp, "He refused to attend the October 24 meeting with Haftar.", "REJECT", "refused") == "October 24"


def test_a_decision_dates_the_clause_that_says_what_it_is(nlp) -> None:
    text = "Trump announced on Sunday a decision that American troops would withdraw from Syria."
    assert when(nlp, text, "RETREAT", "withdraw") == "Sunday"


def test_a_pledge_is_dated_when_made_not_when_its_event_is_due(nlp) -> None:
    found = attached(nlp, "Morocco will host the peace talks next month.")
    assert found[("AGREE", "host")] == "" and found[("CONSULT", "host")] == "next month"


def test_time_spans_add_what_the_time_grammar_reads(nlp) -> None:
    sent = next(nlp("The carriers said they would suspend flights the following day.").sents)
    assert "the following day" in [s.text for s in time_spans(sent)]


# ------------------------------------------------------------------------- coding and storing


def test_code_document_records_document_offsets(nlp) -> None:
    text = "Rebels seized the town.\n\nThe army attacked the rebels on Sunday."
    paragraphs = [(0, nlp(text[:23])), (25, nlp(text[25:]))]
    ems = code_document(Document("d", "s", text), paragraphs)
    attack = next(em for em in ems if em.trigger.text == "attacked")
    assert attack.time_at is not None and text[attack.time_at[0]:attack.time_at[1]] == "Sunday"
    assert next(em for em in ems if em.trigger.text.startswith("seized")).time_at is None


def test_a_pronoun_after_a_definite_event_noun_still_stands_for_a_person(nlp) -> None:
    text = "Tomas Brin met Anton Leer on Monday. The talks collapsed after his forces attacked Karst."
    ems = code_document(Document("d", "s", text), [(0, nlp(text))])  # "the talks" takes the meeting's parties
    assert all(isinstance(p, Participant) for em in ems for p in em.actors)
    assert [p.text for em in ems if em.trigger.text == "attacked" for p in em.actors] == ["Tomas Brin"]


def _mention(start: int, end: int, time_at: tuple[int, int] | None) -> EventMention:
    return EventMention("d", start, end, "ASSAULT", None, (), None, "asserted", Participant("attacked", start + 6, start + 14),
                        (), (), None, None, time_at=time_at)


def test_the_store_keeps_time_at() -> None:
    em = _mention(0, 40, (30, 36))
    assert _event_mention(json.loads(json.dumps(_event_body(em)))) == em
    old = _event_body(_mention(0, 40, None))
    del old["time_at"]  # a mention stored before the field
    assert _event_mention(json.loads(json.dumps(old))).time_at is None


# ------------------------------------------------------------------------- assembly

PUBLISHED = Time("2019-04-18", "2019-04-18", "2019-04-18")
TEXT = "Rebels attacked on 15 April, officials said on 17 April, and again. Next sentence on 16 April."
SUNDAY, SAID, NEXT = TEXT.index("15 April"), TEXT.index("17 April"), TEXT.index("16 April")
END = TEXT.index(" Next")  # the first sentence


def _times(*extra: TimeMention) -> DocumentTimes:
    found = [TimeMention("d", SUNDAY, SUNDAY + 8, "15 April", "DATE", "2019-04-15", "2019-04-15", "2019-04-15"),
             TimeMention("d", SAID, SAID + 8, "17 April", "DATE", "2019-04-17", "2019-04-17", "2019-04-17"),
             TimeMention("d", NEXT, NEXT + 8, "16 April", "DATE", "2019-04-16", "2019-04-16", "2019-04-16"), *extra]
    return DocumentTimes("d", TEXT, PUBLISHED, sorted(found, key=lambda t: t.start))


def test_assembly_takes_the_attached_expression() -> None:
    assert _times().of(_mention(0, END, (SAID, SAID + 8))).value == "2019-04-17"


def test_assembly_dates_by_publication_when_the_parse_attaches_none() -> None:
    t = _times().of(_mention(0, END, (7, 7)))
    assert (t.value, t.latest, t.text) == (None, "2019-04-18", None)


def test_assembly_keeps_the_nearest_rule_for_mentions_coded_before() -> None:
    assert _times().of(_mention(0, END, None)).value == "2019-04-15"


def test_an_attached_expression_without_a_date_dates_by_publication() -> None:
    now = TEXT.index("again")
    ref = TimeMention("d", now, now + 5, "again", "DATE", "PRESENT_REF", "2019-04-18", "2019-04-18")
    assert _times(ref).of(_mention(0, END, (now, now + 5))).value is None


def test_a_time_of_day_on_a_known_day_gives_the_day() -> None:
    at = TimeMention("d", SUNDAY, SUNDAY + 8, "15 April at noon", "TIME", "2019-04-15T12:00", "2019-04-15", "2019-04-15")
    times = DocumentTimes("d", TEXT, PUBLISHED, [at])
    assert times.of(_mention(0, END, (SUNDAY, SUNDAY + 8))).value == "2019-04-15"


def test_an_expression_reaching_out_of_the_sentence_is_not_the_events() -> None:
    again = TEXT.index("again")
    across = TimeMention("d", again, NEXT + 8, TEXT[again:NEXT + 8], "DATE", "2019-04-16", "2019-04-16", "2019-04-16")
    times = DocumentTimes("d", TEXT, PUBLISHED, [across])
    assert times.of(_mention(0, END, (again, again + 5))).value is None


def test_a_coordinated_verb_whose_subject_is_a_pronoun_shares_the_first_verbs_time(nlp) -> None:
    text = "On April 7, President Tomas Brin announced a new council and then he handed over his powers to it."
    assert when(nlp, text, "RETREAT", "handed over his powers") == "April 7"
    other = "On April 7, Tomas Brin announced a new council and the rebels attacked the capital."
    assert when(nlp, other, "ASSAULT", "attacked") == ""  # another subject: another act, maybe another day

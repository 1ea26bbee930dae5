"""Events across a store: participants tied to entities, dates, definite event nouns, and the
merging of one happening reported by several documents."""
from __future__ import annotations

import json

import pytest

from newsgraph.events.merge import Places, event_key, group_reports, merged, merged_time, time_precision
from newsgraph.pipeline import build
from newsgraph.settings import Settings
from newsgraph.store import Store


def _event(eid: str, doc: str, typ: str = "CONSULT", actors=("A",), recipients=("B",), day: str | None = "2020-03-04",
           location: str | None = None, modality: str = "asserted", published: str | None = "2020-03-05") -> dict:
    time = ({"value": day, "earliest": day, "latest": day, "text": "on March 4"} if day
            else {"value": None, "earliest": None, "latest": published, "text": None})
    return {"id": eid, "type": typ, "actors": list(actors), "recipients": list(recipients), "time": time,
            "location": location, "modality": modality, "attributed_to": None, "sources": 1, "merged_because": [],
            "mentions": [{"doc": doc, "start": 0, "end": 1, "sentence": "x"}], "actor_text": [], "recipient_text": []}


def _grouping(*events: dict, stories: dict | None = None, headlines: tuple = ()):
    keys = [event_key(e, (stories or {}).get(e["mentions"][0]["doc"]), e["id"] in headlines) for e in events]
    return group_reports(keys)


def _groups(*events: dict, **kw) -> list[list[str]]:
    return sorted(_grouping(*events, **kw).groups)


def test_reports_of_one_meeting_in_two_documents_merge_with_their_reason() -> None:
    a, b = _event("v1", "d1"), _event("v2", "d2", actors=("B",), recipients=("A",))
    found = _grouping(a, b)
    assert found.groups == [["v1", "v2"]] and "dates overlap" in found.reasons["v1"][0]
    one = merged([a, b], found.reasons["v1"])
    assert one["sources"] == 2 and len(one["mentions"]) == 2 and set(one["actors"] + one["recipients"]) == {"A", "B"}
    assert one["merged_because"] == found.reasons["v1"] and one["time_precision"] == "day"


@pytest.mark.parametrize("change", [
    {"day": "2020-05-20"},            # another day
    {"location": "Lisbon"},           # another place
    {"modality": "negated"},          # "did not meet"
    {"typ": "ASSAULT"},               # another kind of event
    {"actors": ("C",), "recipients": ("D",)},  # other parties
])
def test_conflicting_reports_stay_apart_even_in_one_story(change) -> None:
    a = _event("v1", "d1", location="Rome")
    b = _event("v2", "d2", **{"location": "Rome", **change})
    assert _groups(a, b, stories={"d1": "S1", "d2": "S1"}) == []


def test_undated_reports_merge_only_within_one_story() -> None:
    a = _event("v1", "d1", typ="SANCTION", day=None, published=None)
    b = _event("v2", "d2", typ="SANCTION", day=None, published=None, recipients=("B", "C"))
    assert _groups(a, b) == []
    assert _groups(a, b, stories={"d1": "S1", "d2": "S1"}) == [["v1", "v2"]]
    assert _groups(a, b, stories={"d1": "S1", "d2": "S2"}) == []


def test_a_directed_event_and_its_reverse_stay_apart() -> None:
    a = _event("v1", "d1", typ="ACCUSE", actors=("A",), recipients=("B",))
    b = _event("v2", "d2", typ="ACCUSE", actors=("B",), recipients=("A",))
    assert _groups(a, b, stories={"d1": "S1", "d2": "S1"}) == []


def test_reports_in_one_document_merge_and_a_headline_without_parties_joins_or_goes() -> None:
    head = _event("h", "d1", typ="AGREE", actors=(), recipients=(), day=None)
    lead = _event("l", "d1", typ="AGREE", actors=("A", "B"), recipients=())
    body = _event("b", "d1", typ="AGREE", actors=("A",), recipients=(), day=None)
    found = _grouping(head, lead, body, headlines=("h",))
    assert found.groups == [["h", "l", "b"]] and found.dropped == []
    assert any("names no parties" in r for r in found.reasons["h"])
    alone = _grouping(_event("h", "d2", typ="AGREE", actors=(), recipients=(), day=None), headlines=("h",))
    assert alone.groups == [] and alone.dropped == ["h"]
    # two meetings in one document, told after a report without parties: it joins neither; it is kept
    # when it describes who acted ("officers from both regions agreed"), dropped when it tells of no one
    other = _event("o", "d1", typ="AGREE", actors=("C",), recipients=("D",))
    vague = _event("v", "d1", typ="AGREE", actors=(), recipients=(), day=None)
    for body, start in ((vague, 5), (lead, 100), (other, 200)):
        body["mentions"][0]["start"] = start
    vague["actor_text"] = ["officers from both regions"]
    found = _grouping(lead, other, vague)
    assert found.groups == [] and found.dropped == []
    vague["actor_text"] = []
    found = _grouping(lead, other, vague)
    assert found.groups == [] and found.dropped == ["v"]
    placed = dict(vague, location="E-keltun")  # an act at a named place is an event "where"
    assert _grouping(lead, other, placed).dropped == []


def test_groups_never_chain_to_a_report_whose_sides_conflict() -> None:
    v1 = _event("v1", "d1", typ="ASSAULT", actors=("A",), recipients=("B",))
    v2 = _event("v2", "d2", typ="ASSAULT", actors=(), recipients=("B",))
    v3 = _event("v3", "d3", typ="ASSAULT", actors=("C",), recipients=("B",))
    groups = _groups(v1, v2, v3, stories={"d1": "S", "d2": "S", "d3": "S"})
    assert groups and all(not {"v1", "v3"} <= set(g) for g in groups)


def test_sources_that_disagree_by_a_day_give_the_covering_interval_and_say_so() -> None:
    reports = [_event("v1", "d1", day="2017-06-05"), _event("v2", "d2", day="2017-06-05"),
               _event("v3", "d3", day="2017-06-06")]
    assert _groups(*reports) == [["v1", "v2"]]  # a day apart: one happening only when the stories say so
    found = _grouping(*reports, stories={"d1": "S", "d2": "S", "d3": "S"})
    assert found.groups == [["v1", "v2", "v3"]]
    one = merged(reports, found.reasons["v1"])
    assert (one["time"]["value"], one["time"]["earliest"], one["time"]["latest"]) == ("2017-06-05", "2017-06-05",
                                                                                      "2017-06-06")
    assert any("sources disagree" in r and "2 of 3" in r for r in one["merged_because"])
    month = {"value": "2017-06", "earliest": "2017-06-01", "latest": "2017-06-30", "text": "June 2017"}
    assert merged_time([month, reports[0]["time"]])[0]["value"] == "2017-06-05"  # the day inside the month


def test_a_group_holding_a_report_of_a_text_never_takes_that_texts_report_of_the_day_before() -> None:
    # one text telling two acts a day apart (d1) keeps them apart, although other texts' reports of the two
    # days join across the day ("sources disagree"): a group is checked as its dates and their texts
    reports = [_event("e1", "d3", day="2017-06-06"), _event("e2", "d1", day="2017-06-06"),
               _event("e3", "d1", day="2017-06-05"), _event("e4", "d2", day="2017-06-05")]
    story = {"d1": "S", "d2": "S", "d3": "S"}
    assert _groups(*reports, stories=story) == [["e1", "e2", "e4"]]
    assert _groups(*reports[:1], *reports[2:], stories=story) == [["e1", "e3", "e4"]]


def test_a_yearless_day_is_read_in_the_year_of_a_report_published_on_or_after_it() -> None:
    yearless = {"value": "XXXX-07-09", "earliest": None, "latest": None, "text": "July 9"}
    by = {"value": None, "earliest": None, "latest": "2017-07-10", "text": None}
    time, note = merged_time([yearless, by])
    assert time["value"] == "2017-07-09" and "2017-07-10" in note
    assert merged_time([yearless, {**by, "latest": "2017-07-01"}])[0]["value"] == "2016-07-09"


@pytest.mark.parametrize("value, precision", [("2020-03-04", "day"), ("2020-W10", "week"), ("2020-03", "month"),
                                              ("2020", "year"), (None, "bounded"), ("XXXX-WXX-2", "bounded")])
def test_time_precision(value, precision) -> None:
    assert time_precision({"value": value}) == precision


@pytest.mark.slow
def test_store_events_dates_definite_nouns_leaders_and_merging(tmp_path, nlp) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text(
        "Valmora talks collapse\n\n"
        "On September 14, talks between the Patriotic Front and the Unity Council collapsed in Port Ellis, "
        "after a raid in August 2019 had killed two guards.\n\n"
        "When the talks resumed on September 20, no agreement was reached.\n\n"
        "Norway last month reached an agreement with the country's northern government, led by the veteran "
        "Anna Berg, to provide boats to the coast guard.\n", encoding="utf-8")
    one = tmp_path / "one.json"
    two = tmp_path / "two.json"
    one.write_text('{"title": "Ministers meet", "published": "2021-06-03", "text": "Ministers meet\\n\\n'
                   'Kenyan Foreign Minister Peter Mbugua met Ugandan Foreign Minister Joan Okello in Nairobi on '
                   'Tuesday to discuss the border dispute."}', encoding="utf-8")
    two.write_text('{"title": "Border talks", "published": "2021-06-02", "text": "Border talks\\n\\n'
                   'Joan Okello, Uganda\'s foreign minister, met her Kenyan counterpart Peter Mbugua in Nairobi on '
                   'Tuesday, officials said."}', encoding="utf-8")
    settings = Settings(db=str(tmp_path / "s.duckdb"), progress=False)
    build([str(undated), str(one), str(two)], settings, nlp=nlp)
    with Store.open(settings.db) as store:
        events = list(store.events())
        names = {e.id: e.name for e, _ in store.entities()}
    def find(typ: str, trigger: str) -> dict:
        hits = [e for e in events if e["type"] == typ and any(m["trigger"] == trigger for m in e["mentions"])]
        assert hits, [(e["type"], [m["trigger"] for m in e["mentions"]]) for e in events]
        return hits[0]
    talks = sorted((e for e in events if e["type"] == "CONSULT" and "September" in e["mentions"][0]["sentence"]),
                   key=lambda e: e["mentions"][0]["start"])
    first, resumed = talks[0], talks[-1]
    assert first["time"]["value"] == "2019-09-14"          # the year of "August 2019", the latest written past month
    assert resumed["time"]["value"] == "2019-09-20"
    assert set(resumed["actors"] + resumed["recipients"]) == set(first["actors"] + first["recipients"]) != set()
    agreement = find("AGREE", "reached an agreement")
    assert [names[r] for r in agreement["recipients"]] == ["Anna Berg"]
    meeting = [e for e in events if e["type"] == "CONSULT" and e["sources"] == 2]
    assert len(meeting) == 1 and {m["doc"] for m in meeting[0]["mentions"]} and meeting[0]["time"]["value"] == "2021-06-01"


def test_a_visitors_meetings_with_two_hosts_stay_two_and_a_struck_base_is_no_side() -> None:
    one = _event("v1", "d1", actors=("V",), recipients=("H1",), day=None)
    two = _event("v2", "d1", actors=("V",), recipients=("H2",), day=None)
    assert _groups(one, two) == []
    army = _event("a1", "d1", typ="ASSAULT", actors=("R",), recipients=("ARMY",))
    base = _event("a2", "d2", typ="ASSAULT", actors=("R",), recipients=("BASE",))
    keys = [event_key(e, "S", known=Places(places=frozenset({"BASE"}))) for e in (army, base)]
    assert group_reports(keys).groups == [["a1", "a2"]]
    assert group_reports([event_key(e, "S") for e in (army, base)]).groups == []


def test_a_description_by_sector_stands_for_the_documents_one_organisation_of_that_code() -> None:
    from newsgraph.events.assemble import _described, _Marks
    from newsgraph.records import Participant

    # "Varland's army said the Varland Defence Force had moved. Osteria's police denied it."
    marks = _Marks([(23, 47, "ORG", "E_VDF", "VAR", "MIL"), (0, 7, "GPE", "E_VAR", "VAR", None)])
    army = Participant("Varland's army", 0, 14, "VAR", "MIL")
    assert _described(army, marks) == "E_VDF"
    assert _described(Participant("Osteria's police", 58, 74, "OST", "COP"), marks) is None  # none named
    assert _described(Participant("the government", 0, 14, "VAR", "GOV"), marks) is None  # the state itself
    two = _Marks([(23, 47, "ORG", "E_VDF", "VAR", "MIL"), (60, 70, "ORG", "E_GUARD", "VAR", "MIL")])
    assert _described(army, two) is None  # which one is meant cannot be told


def test_reports_that_disagree_on_a_toll_give_a_range() -> None:
    from newsgraph.events.merge import merged_magnitude

    at_least = {"dead": {"min": 12, "max": None}}
    exact = {"dead": {"min": 15, "max": 15}, "injured": {"min": 40, "max": 40}}
    assert merged_magnitude([at_least, exact, None]) == {"dead": {"min": 12, "max": 15},
                                                          "injured": {"min": 40, "max": 40}}
    assert merged_magnitude([at_least, {"dead": {"min": 20, "max": None}}]) == {"dead": {"min": 12, "max": None}}
    assert merged_magnitude([None, None]) is None


def test_a_leader_his_body_and_his_state_are_one_side() -> None:
    from newsgraph.events.merge import party_sides
    from newsgraph.records import Entity, Role, Time

    def state(code: str) -> str:
        return "state:" + code

    entities = [Entity("P1", "Ardan Volk", "PERSON", (), "XAA", "GOV"),      # a premier: his state
                Entity("P2", "Tomas Brin", "PERSON", (), None, "MIL"),       # a militia's commander: the militia
                Entity("P3", "Ilse Maro", "PERSON", (), "XAA", None),        # a former minister: herself
                Entity("O1", "Northern Brigades", "ORG", (), None, "MIL"),
                Entity("O2", "Ministry of Works", "ORG", (), "XAA", "GOV"),  # a ministry: its state
                Entity("O3", "Army of Xaa", "ORG", (), "XAA", "MIL"),        # an army is a side of its own
                Entity("state:XAA", "Xaa", "GPE", (), "XAA", None)]
    roles = [Role("P2", "commander", "O1", Time(None, None, None), False, ()),
             Role("P3", "minister", "O2", Time(None, None, None), True, ())]
    sides = party_sides(entities, roles, state)
    assert sides == {"P1": "state:XAA", "P2": "O1", "O2": "state:XAA"}
    premier = _event("v1", "d1", actors=("P1",), recipients=("P2",), day=None)
    state_report = _event("v2", "d2", actors=("state:XAA",), recipients=("O1",), day=None)
    known = Places(sides=sides)
    keys = [event_key(e, "S", known=known) for e in (premier, state_report)]
    assert group_reports(keys).groups == [["v1", "v2"]]
    assert group_reports([event_key(e, "S") for e in (premier, state_report)]).groups == []


def test_a_hedged_report_joins_a_plain_one_but_a_plan_does_not() -> None:
    plain = _event("v1", "d1", typ="ASSAULT")
    hedged = _event("v2", "d2", typ="ASSAULT", modality="claimed")
    plan = _event("v3", "d3", typ="ASSAULT", modality="future")
    stories = {"d1": "S", "d2": "S", "d3": "S"}
    assert _groups(plain, hedged, plan, stories=stories) == [["v1", "v2"]]
    assert merged([hedged, plain])["modality"] == "asserted"


def test_attacks_on_a_states_army_and_on_the_state_are_one_side_but_two_states_are_two() -> None:
    known = Places(homes={"ARMY": "K", "K": "K", "L": "L"})
    on_army = _event("v1", "d1", typ="ASSAULT", recipients=("ARMY",))
    on_state = _event("v2", "d2", typ="ASSAULT", recipients=("K",))
    on_other = _event("v3", "d3", typ="ASSAULT", recipients=("L",))
    keys = [event_key(e, "S", known=known) for e in (on_army, on_state, on_other)]
    assert group_reports(keys).groups == [["v1", "v2"]]


@pytest.mark.parametrize("there, here, apart", [
    ("TOWN1", "K", False),      # a town and the state it lies in
    ("NOWHERE", "K", False),    # a town of no known state and a state
    ("NOWHERE", "TOWN1", True),  # ... and a town: two towns
    ("HALL", "TOWN1", False),   # a hall and a town: one place at two scales
    ("TOWN1", "TOWN2", True),   # two towns of one state
    ("TOWN1", "TOWN3", True),   # towns of two states
    ("HALL", "TOWN3", True),    # a hall in one state, a town in another
])
def test_places_at_two_scales_agree_and_two_towns_do_not(there, here, apart) -> None:
    known = Places(places=frozenset({"TOWN1", "TOWN2", "TOWN3", "HALL", "NOWHERE"}),
                   homes={"TOWN1": "K", "TOWN2": "K", "HALL": "K", "K": "K", "TOWN3": "L"},
                   kinds={"TOWN1": "GPE", "TOWN2": "GPE", "TOWN3": "GPE", "HALL": "FAC", "K": "GPE", "NOWHERE": "GPE"})
    keys = [event_key(_event(f"v{i}", f"d{i}", location=loc), "S", known=known) for i, loc in enumerate((there, here))]
    assert (group_reports(keys).groups == []) == apart


def _built(tmp_path, nlp, text: str, typ: str) -> tuple[dict[str, str], list[dict]]:
    """Entity names and the events of one type of a store built from one article published 2022-03-10."""
    doc = tmp_path / "article.json"
    doc.write_text(json.dumps({"title": text.split("\n")[0], "published": "2022-03-10", "text": text}), encoding="utf-8")
    settings = Settings(db=str(tmp_path / "s.duckdb"), progress=False)
    build([str(doc)], settings, nlp=nlp)
    with Store.open(settings.db) as store:
        return {e.id: e.name for e, _ in store.entities()}, [e for e in store.events() if e["type"] == typ]


def test_the_warring_parties_are_the_sides_the_document_sets_against_each_other(tmp_path, nlp) -> None:
    names, agreed = _built(tmp_path, nlp, "Truce\n\nFighting between the Northern Brigades and the Patriotic Front "
                           "has killed hundreds in Osteria since January.\n\nOsteria's warring parties agreed to a "
                           "truce on Tuesday, the mediators said.", "AGREE")
    assert agreed and {names[a] for a in agreed[0]["actors"] + agreed[0]["recipients"]} == \
        {"Northern Brigades", "Patriotic Front"}
    assert agreed[0]["time"]["value"] == "2022-03-08"


def test_a_weekday_of_an_undated_report_is_read_from_a_dated_report_of_the_same_happening() -> None:
    weekday = _event("v1", "d1", typ="ASSAULT", day=None, published=None)
    weekday["time"] = {"value": "XXXX-WXX-3", "earliest": None, "latest": None, "text": "Wednesday"}
    bounded = _event("v2", "d2", typ="ASSAULT", day=None, published="2019-10-10")  # a Thursday
    found = _grouping(weekday, bounded, stories={"d1": "S", "d2": "S"})
    assert found.groups == [["v1", "v2"]]
    one = merged([weekday, bounded], found.reasons["v1"])
    assert one["time"]["value"] == "2019-10-09" and one["time_precision"] == "day"
    assert any("Wednesday" in why for why in one["merged_because"])


def test_a_report_naming_both_hosts_does_not_bridge_a_visitors_two_meetings() -> None:
    with_first = _event("v1", "d1", actors=("V",), recipients=("H1",), day=None)
    with_second = _event("v2", "d1", actors=("V",), recipients=("H2",), day=None)
    both = _event("v3", "d1", actors=("V",), recipients=("H1", "H2"), day=None)  # "his visits to H1 and H2"
    groups = _groups(with_first, with_second, both)
    assert len(groups) <= 1 and not any({"v1", "v2"} <= set(g) for g in groups)


def test_we_in_a_quote_is_its_speaker(tmp_path, nlp) -> None:
    names, threats = _built(tmp_path, nlp, 'Threat\n\n"We will widen our attacks on the capital," Tomas Brin was '
                            'quoted as saying on Monday.', "THREATEN")
    assert threats and [names[a] for a in threats[0]["actors"]] == ["Tomas Brin"]


def test_the_warring_parties_of_a_document_that_never_names_them_are_its_storys_sides(tmp_path, nlp) -> None:
    story = ("Osteria truce talks in Keltun. Delegates gathered in Keltun for the Osteria truce talks brokered "
             "by the mediators, who said the Osteria truce would hold.")
    one = tmp_path / "one.json"
    two = tmp_path / "two.json"
    one.write_text(json.dumps({"title": "Osteria truce", "published": "2022-03-10", "text": (
        f"Osteria truce\n\n{story} Fighting between the Northern Brigades and the Patriotic Front has killed "
        "hundreds since January. Osteria's warring parties agreed to a truce on Tuesday.")}), encoding="utf-8")
    two.write_text(json.dumps({"title": "Osteria truce agreed", "published": "2022-03-09", "text": (
        f"Osteria truce agreed\n\n{story} The warring parties agreed to a truce on Tuesday, the mediators said.")}),
        encoding="utf-8")
    three = tmp_path / "three.json"  # a second text naming the sides: one text's pair may be another war's
    three.write_text(json.dumps({"title": "Osteria truce talks", "published": "2022-03-08", "text": (
        f"Osteria truce talks\n\n{story} Talks between the Northern Brigades and the Patriotic Front resumed.")}),
        encoding="utf-8")
    settings = Settings(db=str(tmp_path / "s.duckdb"), progress=False)
    build([str(one), str(two)], settings, nlp=nlp)
    with Store.open(settings.db) as store:
        assert not [e for e in store.events() if e["type"] == "AGREE" and e["sources"] == 2]  # one text is not enough
    build([str(three)], settings, nlp=nlp)
    with Store.open(settings.db) as store:
        names = {e.id: e.name for e, _ in store.entities()}
        stories = [docs for _sid, _title, docs in store.stories()]
        agreed = [e for e in store.events() if e["type"] == "AGREE"]
    assert [len(docs) for docs in stories] == [3]
    assert len(agreed) == 1 and agreed[0]["sources"] == 2
    assert {names[a] for a in agreed[0]["actors"] + agreed[0]["recipients"]} == {"Northern Brigades", "Patriotic Front"}
    assert any("sides the story's documents name" in why for why in agreed[0]["merged_because"])


def test_a_report_naming_no_parties_joins_the_group_told_last_before_it() -> None:
    first = _event("v1", "d1", typ="ASSAULT", actors=("A",), recipients=("B",), day=None)
    second = _event("v2", "d1", typ="ASSAULT", actors=("C",), recipients=("D",), day=None)
    the_attack = _event("v3", "d1", typ="ASSAULT", actors=(), recipients=(), day=None)
    for body, start in ((first, 10), (second, 200), (the_attack, 400)):
        body["mentions"][0]["start"] = start
    found = _grouping(first, second, the_attack)
    assert found.groups == [["v2", "v3"]] and "told last before it" in found.reasons["v2"][0]
    the_attack["mentions"][0]["start"] = 5  # told before either: which one it means is unknown
    assert _grouping(first, second, the_attack).groups == []


def test_a_request_to_no_one_in_one_text_is_not_a_request_to_the_army_in_another() -> None:
    to_army = _event("v1", "d1", typ="REQUEST", actors=("PM",), recipients=("ARMY",), day=None)
    to_no_one = _event("v2", "d2", typ="REQUEST", actors=("PM",), recipients=(), day=None)
    assert _groups(to_army, to_no_one, stories={"d1": "S", "d2": "S"}) == []
    attack = _event("v3", "d1", typ="ASSAULT", actors=("A",), recipients=("B",), day=None)
    attack_told_vaguely = _event("v4", "d2", typ="ASSAULT", actors=("A",), recipients=(), day=None)
    assert _groups(attack, attack_told_vaguely, stories={"d1": "S", "d2": "S"}) == [["v3", "v4"]]


def test_a_states_orders_to_its_army_and_its_appeals_to_its_people_stay_apart() -> None:
    known = Places(homes={"PM": "K", "ARMY": "K", "PEOPLE": "K", "K": "K"}, sides={"PM": "K"})
    to_army = _event("v1", "d1", typ="REQUEST", actors=("PM",), recipients=("ARMY",), day=None)
    to_people = _event("v2", "d2", typ="REQUEST", actors=("PM",), recipients=("PEOPLE",), day=None)
    keys = [event_key(e, "S", known=known) for e in (to_army, to_people)]
    assert group_reports(keys).groups == []


def test_within_one_text_a_plan_and_its_doing_are_one_happening_but_not_across_texts() -> None:
    plan = _event("v1", "d1", typ="RETREAT", actors=("A",), recipients=(), day=None, modality="future")
    done = _event("v2", "d1", typ="RETREAT", actors=("A",), recipients=(), day=None)
    denied = _event("v3", "d1", typ="RETREAT", actors=("A",), recipients=(), day=None, modality="negated")
    found = _grouping(plan, done, denied)
    assert found.groups == [["v1", "v2"]]
    assert merged([plan, done], found.reasons["v1"])["modality"] == "asserted"
    elsewhere = _event("v4", "d2", typ="RETREAT", actors=("A",), recipients=(), day=None, modality="future")
    assert _groups(done, elsewhere, stories={"d1": "S", "d2": "S"}) == []


def test_a_plan_that_names_no_one_and_joins_nothing_is_no_event() -> None:
    aim = _event("v1", "d1", typ="RETREAT", actors=(), recipients=(), day=None, modality="future")
    done = _event("v2", "d2", typ="RETREAT", actors=(), recipients=(), day=None)
    aim["actor_text"] = done["actor_text"] = ["the fighters"]  # described, not named
    found = _grouping(aim, done)
    assert found.dropped == ["v1"] and found.groups == []


def test_a_dateline_glued_to_the_first_subject_names_no_actor() -> None:
    from newsgraph.events.assemble import entity_of
    from newsgraph.records import Participant
    text = "KELTUN: The Northern Brigades attacked the port."
    dateline = (0, 6, "GPE", "E-keltun", "XOS", None)
    brigades = (8, 29, "ORG", "E-brigades", "XOS", "REB")
    whole = Participant(text[:29], 0, 29)
    assert entity_of(whole, text, [dateline, brigades]) == "E-brigades"
    assert entity_of(Participant("KELTUN", 0, 6), text, [dateline]) is None


def test_he_stands_for_the_person_the_sentence_or_the_one_before_is_about(tmp_path, nlp) -> None:
    names, requests = _built(tmp_path, nlp, "Keltun visit\n\nTomas Brin arrived in Keltun on Monday for talks with "
                             "the Varland government. He called for an immediate ceasefire.", "REQUEST")
    assert requests and [names[a] for a in requests[0]["actors"]] == ["Tomas Brin"]


def test_he_after_a_sentence_naming_one_person_stands_for_that_person(tmp_path, nlp) -> None:
    names, requests = _built(tmp_path, nlp, "Keltun summit\n\nThe leaders signed two documents, described by "
                             "Prince Andor Velis as historic. He called for unity.", "REQUEST")
    assert requests and [names[a].split()[-1] for a in requests[0]["actors"]] == ["Velis"]


def test_a_description_naming_no_country_stands_for_the_documents_one_body_of_its_sector_by_its_head_word() -> None:
    from newsgraph.events.assemble import _described, _Marks
    from newsgraph.records import Participant

    marks = _Marks([(0, 15, "ORG", "E_BRIG", "VAR", "REB"), (20, 30, "ORG", "E_POL", "VAR", "COP"),
                    (40, 50, "ORG", "E_ARMY", "OST", "MIL")])
    assert _described(Participant("the rebels", 60, 70, None, "REB"), marks) == "E_BRIG"
    assert _described(Participant("the militant group", 60, 78, None, "REB"), marks) == "E_BRIG"
    assert _described(Participant("security forces", 60, 75, None, "COP"), marks) == "E_POL"
    assert _described(Participant("the heroic fighters", 60, 79, None, "REB"), marks) is None  # any side's men
    assert _described(Participant("the main army base", 60, 78, None, "MIL"), marks) is None  # a thing, no actor
    assert _described(Participant("both warring factions", 60, 81, None, "REB"), marks) is None  # the two sides


def test_an_accusations_content_never_joins_a_report_of_the_act() -> None:
    real = _event("v1", "d1", typ="SUPPORT", actors=("Q",), recipients=(), day="2021-01-05")
    accused = _event("v2", "d2", typ="SUPPORT", actors=("Q",), recipients=(), day=None, published="2021-01-06")
    accused["context"] = ["alleged"]
    assert _groups(real, accused, stories={"d1": "S", "d2": "S"}) == []
    again = _event("v3", "d3", typ="SUPPORT", actors=("Q",), recipients=(), day=None, published="2021-01-07")
    again["context"] = ["alleged"]
    assert _groups(accused, again, stories={"d2": "S", "d3": "S"}) == [["v2", "v3"]]  # one allegation, twice told
    plain = _event("v4", "d4", typ="SUPPORT", actors=("Q",), recipients=(), day=None, published="2021-01-07")
    assert _groups(real, plain, stories={"d1": "S", "d4": "S"}) == [["v1", "v4"]]


def test_one_text_dating_two_reports_apart_by_open_dates_tells_two_acts() -> None:
    resigned = _event("v1", "d1", typ="RETREAT", actors=("H",), recipients=())
    resigned["time"] = {"value": "2015", "earliest": "2015-01-01", "latest": "2015-12-31", "text": "in 2015"}
    handed = _event("v2", "d1", typ="RETREAT", actors=("H",), recipients=())
    handed["time"] = {"value": "XXXX-04-07", "earliest": None, "latest": None, "text": "April 7th"}
    assert _groups(resigned, handed) == []
    again = _event("v3", "d1", typ="RETREAT", actors=("H",), recipients=())
    again["time"] = dict(handed["time"])
    assert _groups(handed, again) == [["v2", "v3"]]
    elsewhere = _event("v4", "d2", typ="RETREAT", actors=("H",), recipients=())
    elsewhere["time"] = dict(resigned["time"])
    assert _groups(handed, elsewhere, stories={"d1": "S", "d2": "S"}) == [["v2", "v4"]]  # across texts: open


def test_a_weekday_is_not_read_against_a_bound_that_is_no_publication_day():
    weekday = {"value": "XXXX-WXX-2", "earliest": None, "latest": None, "text": "Tuesday"}
    saved = {"value": None, "earliest": None, "latest": "2023-12-04", "text": None}  # a page saved years later
    time, _note = merged_time([weekday, saved], [False, False])
    assert time["value"] == "XXXX-WXX-2" and not time.get("earliest")
    assert merged_time([weekday, saved], [False, True])[0]["value"] == "2023-11-28"  # a real publication day


def test_a_backer_named_in_a_side_is_not_that_side() -> None:
    from newsgraph.events.assemble import _Marks

    def sides(text: str, named: dict[str, tuple[str, str, str, str]]) -> tuple[str, ...]:
        marks = [(text.index(s), text.index(s) + len(s), typ, eid, country, sector)
                 for s, (typ, eid, country, sector) in named.items()]
        return _Marks(marks, text).sides()

    front = {"Velm Front": ("ORG", "E-velm", "OST", "REB"), "Zarovian": ("GPE", "E-zarovia", "ZAR", "GOV")}
    assert sides("Talks between the Velm Front and the Zarovian-backed government resumed.", front) == ()
    assert sides("Talks between the Velm Front and the Zarovian-backed government of Tomas Brin resumed.",
                 front | {"Tomas Brin": ("PERSON", "E-brin", "OST", "GOV")}) == ("E-velm", "E-brin")
    assert sides("Talks between the Velm Front and Zarovian envoys resumed.", front) == ("E-velm", "E-zarovia")


def test_an_unaddressed_threat_joins_the_addressed_one_of_its_actor_only_within_a_story() -> None:
    addressed = _event("v1", "d1", typ="THREATEN", actors=("A",), recipients=("B",))
    unaddressed = _event("v2", "d2", typ="THREATEN", actors=("A",), recipients=(), day=None)
    assert _groups(addressed, unaddressed, stories={"d1": "S", "d2": "S"}) == [["v1", "v2"]]
    assert _groups(addressed, unaddressed, stories={"d1": "S", "d2": "T"}) == []  # which threat is unknown
    other = _event("v3", "d3", typ="THREATEN", actors=("A",), recipients=(), day=None)
    assert _groups(unaddressed, other, stories={"d2": "S", "d3": "S"}) == []  # neither says at whom


def test_an_undated_report_joins_the_dated_group_it_shares_most_parties_with() -> None:
    """Two dated attacks told in one text (A on B on the 4th; A on B and C on the 5th) and an undated
    report of A attacking B and C: it waits until the dated groups have formed, then joins the one it
    shares the most parties with, not the first one told."""
    one = dict(typ="ASSAULT", actors=("A",))
    b1 = _event("v1", "d1", recipients=("B",), day="2020-03-04", **one)
    undated = _event("v2", "d1", recipients=("B", "C"), day=None, **one)
    b2 = _event("v3", "d1", recipients=("B",), day="2020-03-04", **one)
    c1 = _event("v4", "d1", recipients=("B", "C"), day="2020-03-05", **one)
    c2 = _event("v5", "d1", recipients=("C",), day="2020-03-05", **one)
    assert _groups(b1, undated, b2, c1, c2) == [["v1", "v3"], ["v2", "v4", "v5"]]


def test_a_counted_group_is_the_last_list_of_as_many_actors_named_together_before_it() -> None:
    from newsgraph.events.assemble import _entities, _Marks
    from newsgraph.records import Participant

    text = ("Ostland, Karst, Zarovia and the Velm Front cut ties with Brin. Tomas Arvo and Ilse Danner met. "
            "The four countries accused Brin. Both sides traded fire. The two leaders spoke.")

    def mark(name: str, typ: str, code: str) -> tuple:
        at = text.index(name)
        return (at, at + len(name), typ, "E_" + name.split()[-1].upper(), code, None)

    marks = _Marks([mark("Ostland", "ORG", "OST"), mark("Karst", "ORG", "KAR"), mark("Zarovia", "ORG", "ZAR"),
                    mark("Velm Front", "ORG", None), mark("Brin", "ORG", None), mark("Tomas Arvo", "PERSON", None),
                    mark("Ilse Danner", "PERSON", None)], text)

    def who(phrase: str) -> list[str]:
        at = text.index(phrase)
        return _entities([Participant(phrase, at, at + len(phrase))], text, marks)

    assert who("The four countries") == ["E_OSTLAND", "E_KARST", "E_ZAROVIA", "E_FRONT"]
    assert who("The two leaders") == ["E_ARVO", "E_DANNER"]  # the last pair told before: not a list of four
    assert who("Both sides") == []  # sides are adversaries, not a list of allies


def test_a_town_an_attack_falls_on_is_its_place_not_its_recipient(tmp_path, nlp) -> None:
    names, attacks = _built(tmp_path, nlp, "Airport seized\n\nFighters of the Velm Front seized the airport of the northern town of Tromso "
                            "on Tuesday, the Zarovian army said.", "ASSAULT")
    assert attacks and not {names[r] for a in attacks for r in a["recipients"]} & {"Tromso"}
    assert any(names.get(a["location"] or "") == "Tromso" for a in attacks)


def test_the_parties_are_the_sides_a_document_names_between_which_something_happens() -> None:
    from newsgraph.events.assemble import _entities, _Marks
    from newsgraph.records import Participant

    text = "Talks between the Velm Front and Ostland resumed. The parties agreed to a truce."
    marks = _Marks([(text.index("Velm Front"), text.index("Velm Front") + 10, "ORG", "E_VELM", None, None),
                    (text.index("Ostland"), text.index("Ostland") + 7, "ORG", "E_OST", "OST", None)], text)
    at = text.index("The parties")
    assert _entities([Participant("The parties", at, at + 11)], text, marks) == ["E_VELM", "E_OST"]


def test_a_titles_apposition_names_its_holder_however_the_tagger_labelled_it() -> None:
    from newsgraph.events.assemble import entity_of
    from newsgraph.records import Participant
    text = "Earlier, president of the Osk region, Kiran Obel, announced a mobilization."
    region = (26, 29, "GPE", "E-osk", "XOS", None)
    obel = (38, 48, "ORG", "E-obel", None, None)  # the tagger took the name for an organisation
    phrase = Participant(text[9:36], 9, 36)
    assert phrase.text == "president of the Osk region"
    assert entity_of(phrase, text, [region, obel]) == "E-obel"
    plain = Participant("the Osk region", 22, 36)  # no title: the apposition of an organisation is not its holder
    assert entity_of(plain, text, [region, obel]) != "E-obel"


def test_a_headline_joins_the_lead_not_a_background_report_of_the_same_parties() -> None:
    head = _event("h", "d1", typ="ASSAULT", actors=("A",), recipients=("B",), day=None)
    lead = _event("l", "d1", typ="ASSAULT", actors=("A",), recipients=("B",), day="2019-09-14")
    past = _event("p", "d1", typ="ASSAULT", actors=("A",), recipients=("B",), day="2019-05-10")
    for told_first, told_later in ((lead, past), (past, lead)):
        told_first["mentions"][0]["start"], told_later["mentions"][0]["start"] = 40, 900
        found = _grouping(past, lead, head, headlines=("h",))
        assert sorted(next(g for g in found.groups if "h" in g)) == sorted(["h", told_first["id"]])


def test_a_states_adjective_on_its_opposition_rebels_or_media_does_not_make_them_the_state() -> None:
    from newsgraph.events.assemble import entity_of, state_entity
    from newsgraph.records import Participant
    state = state_entity("XOS")
    text = "Two delegates from the Osterian armed opposition left the hall."
    osteria = (23, 31, "NORP", state, "XOS", None)
    phrase = Participant(text[:48], 0, 48, country="XOS", sector="OPP")
    assert entity_of(phrase, text, [osteria], states=None) is None
    army = Participant("the Osterian army", 0, 17, country="XOS", sector="MIL")  # its forces still count as it
    assert entity_of(army, "the Osterian army", [(4, 12, "NORP", state, "XOS", None)], states=None) == state


def test_the_army_of_a_text_about_one_state_is_that_states_when_it_names_no_armed_body(tmp_path, nlp) -> None:
    text = ("Coup in Chad\n\nChad's president was detained in N'Djamena on Monday, Chadian officials said.\n\n"
            "The army deployed troops in the capital on Monday and closed the airport, residents of Chad said.")
    names, moves = _built(tmp_path, nlp, text, "MOBILIZE")
    assert moves and [names[a] for a in moves[0]["actors"]] == ["Chad"]


def test_the_speaker_after_a_quotes_last_words_is_no_apposition() -> None:
    from newsgraph.events.assemble import entity_of
    from newsgraph.records import Participant
    text = 'The Front "tried to loot" military assets, Brin said on Monday.'
    brin = (43, 47, "PERSON", "E-brin", None, None)
    assert text[43:47] == "Brin"
    assert entity_of(Participant("military assets", 26, 41), text, [brin]) is None
    told = "It hosted her counterpart, Brin, in the capital."  # a true apposition still names its person
    assert entity_of(Participant("her counterpart", 10, 25), told, [(27, 31, "PERSON", "E-brin", None, None)]) == "E-brin"


def test_a_bare_title_stands_for_the_one_person_the_document_gives_that_office() -> None:
    from newsgraph.events.assemble import _entities, _Marks
    from newsgraph.records import Participant, TitleGiven

    text = "Prime Minister Tomas Brin met the envoy. Later the PM accused the rebels."

    def marks(*given: tuple[str, str, int, bool]) -> _Marks:  # (person, title, where named, former)
        return _Marks([(at, at + 5, "PERSON", person, "VAR", "GOV") for person, _, at, _ in given], text,
                      titles=[TitleGiven("d", at, title, former) for _, title, at, former in given])

    at = text.index("the PM")
    phrase = Participant("the PM", at, at + 6, None, "GOV")
    assert _entities([phrase], text, marks(("E_BRIN", "prime minister", 15, False))) == ["E_BRIN"]
    two_kings = marks(("E_ARVO", "king", 0, False), ("E_DANNER", "king", 30, False))
    the_king = Participant("the King", at, at + 8, None, "GOV")
    assert _entities([the_king], text, two_kings) == []  # which king is meant cannot be told
    former = marks(("E_OLD", "prime minister", 15, True))
    assert _entities([phrase], text, former) == []  # a former premier is not "the PM"
    leader = Participant("the leader", at, at + 10, None, None)  # an office many hold at once
    assert _entities([leader], text, marks(("E_BRIN", "leader", 15, False))) == []


def test_the_government_and_the_armed_forces_of_a_text_about_one_state_are_that_state() -> None:
    from newsgraph.events.assemble import _described, _Marks, state_entity
    from newsgraph.records import Participant

    varland = state_entity("VAR")
    text = "Varland declared an emergency. In Varland the armed forces arrested ministers, and the government fell."
    marks = _Marks([(0, 7, "GPE", varland, "VAR", None), (34, 41, "GPE", varland, "VAR", None)], text)
    forces = Participant("the armed forces", 42, 58, None, "MIL")
    government = Participant("the government", text.index("the government"), len(text) - 6, None, "GOV")
    assert _described(forces, marks) == varland
    assert _described(government, marks) == varland
    two_states = _Marks([(0, 7, "GPE", varland, "VAR", None), (34, 41, "GPE", state_entity("OST"), "OST", None)], text)
    assert _described(government, two_states) is None  # whose government cannot be told

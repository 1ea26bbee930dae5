"""What is no event between actors (newsgraph.events.filters) and the sizes of events
(newsgraph.events.magnitude): one test per rule, on sentences written for these tests."""
from __future__ import annotations

from newsgraph.events.coder import CodedEvent, code_doc


def code(nlp, text: str) -> list[CodedEvent]:
    return code_doc(nlp(text))


def kinds(events: list[CodedEvent]) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.text) for e in events]


# ---------------------------------------------------------------------------------- whole sentences


def test_teaser_lines_code_nothing(nlp) -> None:
    for line in ("Read more: Varland troops attack Osterian border post",
                 "Related: Osteria arrests opposition leader",
                 "Watch: Protesters clash with police in Varland",
                 "READ MORE Varland troops attack Osterian border post"):
        assert code(nlp, line) == [], line
    assert code(nlp, "More than 40 Varland soldiers attacked the Osterian border post.")


def test_sports_reports_code_nothing(nlp) -> None:
    assert code(nlp, "Varland United beat Osteria City 3-1 in the cup final on Sunday.") == []
    assert code(nlp, "Varland and Osteria clash in the World Cup semi-final on Sunday.") == []
    assert code(nlp, "Varland troops clashed with Osterian rebels near the stadium on Sunday.")


# ---------------------------------------------------------------------------------- the press


def test_request_for_comment_is_no_request(nlp) -> None:
    assert code(nlp, "A spokesman for the Osterian army did not respond to a request for comment.") == []
    assert code(nlp, "The Varland ministry did not return calls.") == []
    assert [e.type for e in code(nlp, "Varland sent a request for military aid to Osteria.")][:1] == ["REQUEST"]


def test_declining_to_comment_is_no_rejection(nlp) -> None:
    assert code(nlp, "The Osterian ministry declined to comment on the arrests.") == []
    assert code(nlp, "A Varland official, who declined to be named, spoke to reporters.") == []
    assert "REJECT" in {e.type for e in code(nlp, "Varland refused to talk to the Osterian rebels.")}


def test_talking_to_the_press_is_no_consultation(nlp) -> None:
    assert code(nlp, "Osterian officials talked to reporters in the capital.") == []
    assert "CONSULT" in {e.type for e in code(nlp, "Osterian officials talked to the Varland envoy.")}


def test_a_statement_told_to_the_press_is_kept(nlp) -> None:
    attack = code(nlp, "Varland's foreign minister told AFP that Osteria had attacked the border post.")
    assert [(e.type, [p.text for p in e.actors]) for e in attack] == [("ASSAULT", ["Osteria"])]


def test_what_the_press_could_not_verify_is_no_event(nlp) -> None:
    assert code(nlp, "The agency could not independently confirm the attack.") == []
    assert code(nlp, "The attack could not be independently verified.") == []


def test_a_reporting_agency_is_the_source_not_the_actor(nlp) -> None:
    shelling = code(nlp, "The Osterian news agency confirmed the shelling of the town.")[0]
    assert shelling.type == "ASSAULT" and shelling.actors == ()
    assert shelling.attribution == "The Osterian news agency"


# ---------------------------------------------------------------------------------- media objects


def test_media_objects_are_no_events(nlp) -> None:
    video = code(nlp, "A video released by the Osterian army shows soldiers attacking a village.")
    assert kinds(video) == [("ASSAULT", "attacking")]
    assert code(nlp, "Videos apparently shot in the town showed smoke rising.") == []
    assert code(nlp, "A photo taken from the Osterian province on Monday shows smoke rising over Varland.") == []
    toll = code(nlp, "The clashes left at least 50 dead, according to figures released by the Varland health ministry.")
    assert [e.type for e in toll] == ["ASSAULT"]


def test_giving_photographs_to_someone_is_still_aid(nlp) -> None:
    assert "AID" in {e.type for e in code(nlp, "Varland provided aerial photographs to the Osterian army.")}


# ---------------------------------------------------------------------------------- refusals and non-events


def test_leaving_talks_without_signing_is_a_refusal(nlp) -> None:
    events = code(nlp, "The Varland delegation left the talks without signing the agreement.")
    reject = next(e for e in events if e.type == "REJECT")
    assert reject.derived_from == "SUPPORT" and [p.text for p in reject.actors] == ["The Varland delegation"]
    assert not any(e.type in ("SUPPORT", "AGREE") and e.modality == "asserted" for e in events)


def test_an_abstract_subject_threatens_nothing(nlp) -> None:
    assert code(nlp, "The coup threatens to derail Varland's transition.") == []
    assert [e.type for e in code(nlp, "Osteria threatened to expel the Varland ambassador.")] == ["THREATEN"]


def test_a_danger_is_no_threat(nlp) -> None:
    assert code(nlp, "The militia has become a real threat to Varland.") == []
    assert code(nlp, "The troops protect the people of Osteria from any threats.") == []


def test_a_forecast_is_no_threat(nlp) -> None:
    assert code(nlp, "He warned that more challenges lay ahead.") == []
    assert [e.type for e in code(nlp, "Varland warned Osteria against any incursion.")] == ["THREATEN"]
    assert "THREATEN" in {e.type for e in code(nlp, "Varland warned of consequences if Osteria attacked.")}


def test_an_event_noun_for_no_particular_event_is_none(nlp) -> None:
    assert code(nlp, "They wanted the parties to be part of any future talks.") == []


def test_what_is_facilitated_is_a_goal_not_an_event(nlp) -> None:
    assert code(nlp, "The declaration will enable the safe delivery of humanitarian assistance.") == []
    assert "AID" in {e.type for e in code(nlp, "Osteria delivered humanitarian aid to Varland.")}


def test_a_prevented_event_did_not_happen(nlp) -> None:
    assault = next(e for e in code(nlp, "Varland sent reinforcements to ward off a ground assault.") if e.type == "ASSAULT")
    assert assault.modality == "negated"


def test_a_document_speaks_for_whoever_issued_it(nlp) -> None:
    demand = code(nlp, "The Osterian rebels issued a statement demanding that Varland release the prisoners.")[0]
    assert demand.type == "REQUEST" and [p.text for p in demand.actors] == ["The Osterian rebels"]


def test_signing_a_declaration_is_a_commitment(nlp) -> None:
    assert code(nlp, "Varland and Osteria signed a declaration on border security.")[0].type == "AGREE"
    assert code(nlp, "Varland and Osteria signed a border treaty.")[0].type == "SUPPORT"


# ---------------------------------------------------------------------------------- magnitude


def magnitude(nlp, text: str, typ: str = "ASSAULT") -> dict:
    event = next(e for e in code(nlp, text) if e.type == typ)
    return {kind: (low, high) for kind, low, high in event.magnitude}


def test_magnitude_of_dead_and_injured(nlp) -> None:
    assert magnitude(nlp, "Osterian jets bombed the market, killing at least 12 people and wounding dozens.") == {
        "dead": (12, None), "injured": (24, None)}
    assert magnitude(nlp, "More than 600 people have been killed and more than 5,000 injured in the clashes.") == {
        "dead": (601, None), "injured": (5001, None)}
    assert magnitude(nlp, "Twelve soldiers were killed and three wounded in the Varland ambush.") == {
        "dead": (12, 12), "injured": (3, 3)}
    assert magnitude(nlp, "The clashes have left at least 550 dead and 4 926 wounded.") == {
        "dead": (550, None), "injured": (4926, 4926)}


def test_magnitude_of_arrests_and_displacement(nlp) -> None:
    assert magnitude(nlp, "Varland police arrested more than 100 protesters.", "COERCE") == {"arrested": (101, None)}
    assert magnitude(nlp, "Between 20 and 30 people were detained by Osterian police.", "COERCE") == {"arrested": (20, 30)}
    assert magnitude(nlp, "The fighting in Osteria displaced 700,000 people.") == {"displaced": (700000, 700000)}
    assert magnitude(nlp, "The offensive has killed more than 12,000 people and forced seven million to flee.") == {
        "dead": (12001, None), "displaced": (7000000, 7000000)}  # ("the war has killed ...": a toll, no act)


def test_magnitude_words_and_bounds(nlp) -> None:
    assert magnitude(nlp, "Up to 40 civilians died in the Varland shelling.") == {"dead": (None, 40)}
    assert magnitude(nlp, "Hundreds of thousands of people were displaced by the Osterian offensive.") == {
        "displaced": (200000, None)}
    assert magnitude(nlp, "The death toll from the Varland bombing rose to 35.") == {"dead": (35, 35)}


def test_magnitude_stays_with_its_own_clause(nlp) -> None:
    events = code(nlp, "Rebels captured the town, once a hub for thousands of people displaced by the war.")
    assert all(e.magnitude == () for e in events)
    threat = code(nlp, "Varland threatened to kill 100 hostages.")
    assert all(e.magnitude == () for e in threat)
    assert "magnitude" in code(nlp, "Gunmen killed 3 villagers in Osteria.")[0].as_dict()


def test_a_growing_threat_is_a_danger(nlp) -> None:
    assert not any(e.type == "THREATEN" for e in code(
        nlp, "Varland began an air campaign in response to the growing threat from Osterian rebels."))


def test_leaked_documents_are_media_objects(nlp) -> None:
    assert code(nlp, "Hackers released a series of emails from the inbox of the Varland ambassador.") == []


def test_an_invitation_to_the_press_is_no_event(nlp) -> None:
    assert code(nlp, "The Osterian ministry invited the media to a briefing.") == []
    assert code(nlp, "The Varland envoy offered no public remarks after the meeting.")[0].trigger.text == "meeting"


def test_a_news_outlet_is_no_actor_of_an_act(nlp) -> None:
    events = code(nlp, "The Anadolu news agency expelled three Varland diplomats.")
    assert events and all(p.sector != "MED" for e in events for p in e.actors)


def test_what_a_ban_forbids_did_not_happen(nlp) -> None:
    events = code(nlp, "A ban on military operations has been imposed in the Osterian zones.")
    assert all(e.modality == "negated" for e in events if e.type == "ASSAULT")


def test_a_threat_to_an_abstract_good_is_no_threat(nlp) -> None:
    assert code(nlp, "The declaration stressed the need to combat groups that threaten the security of Varland.") == []
    assert [e.type for e in code(nlp, "Varland threatened Osteria with sanctions.")] == ["THREATEN"]


def test_a_mandate_is_no_event_yet(nlp) -> None:
    talks = code(nlp, "The Varland president assigned the new council to negotiate with the rebels.")
    assert [(e.type, e.modality) for e in talks] == [("CONSULT", "hypothetical")]


def test_a_danger_in_general_is_no_attack(nlp) -> None:
    assert code(nlp, "The Varland army has been stationed there to safeguard the people from enemy attacks.") == []
    assert "ASSAULT" in {e.type for e in code(nlp, "Osteria suffered from repeated Varland attacks.")}


def test_an_event_that_did_not_happen_to_anyone_is_none(nlp) -> None:
    assert code(nlp, "There are other ways to compete without destroying the country.") == []
    assert code(nlp, "The port is the gateway for the bulk of aid coming into the country.") == []


def test_what_a_text_of_terms_provides_for_is_no_event(nlp) -> None:
    assert not [e for e in code(nlp, "The agreement included the deployment of neutral forces in Keltun.")
                if e.type == "MOBILIZE"]
    assert [e for e in code(nlp, "Varland announced the deployment of troops in Keltun.") if e.type == "MOBILIZE"]


def test_a_participle_describing_a_noun_by_no_one_is_no_event(nlp) -> None:
    events = code(nlp, "Crowds protested the sacking of a governor and of a minister widely praised for his work.")
    assert "SUPPORT" not in [e.type for e in events]
    events = code(nlp, "A minister praised by Varland resigned.")  # someone praised him: an event
    assert [(e.type, [p.text for p in e.actors]) for e in events if e.type == "SUPPORT"] == [("SUPPORT", ["Varland"])]

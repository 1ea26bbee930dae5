"""Who acts and on whom: the coder's rules for the parties of an event, one test per rule, on invented
sentences and names (the real-news dev set shows these constructions; its names never appear here)."""
from __future__ import annotations

from newsgraph.events.coder import CodedEvent, code_doc


def code(nlp, text: str) -> list[CodedEvent]:
    return code_doc(nlp(text))


def first(events: list[CodedEvent], typ: str) -> CodedEvent:
    found = [e for e in events if e.type == typ]
    assert found, f"no {typ} in {[(e.type, e.trigger.text) for e in events]}"
    return found[0]


def texts(participants) -> list[str]:
    return [p.text for p in participants]


def test_a_partner_named_with_together_with_or_alongside_acts_too(nlp) -> None:
    attack = first(code(nlp, "The Varland army, together with the Keltun Front, shelled the town."), "ASSAULT")
    assert texts(attack.actors) == ["The Varland army", "the Keltun Front"]
    attack = first(code(nlp, "The Varland army, alongside the Keltun Front, shelled the town."), "ASSAULT")
    assert texts(attack.actors) == ["The Varland army", "the Keltun Front"]
    offensive = first(code(nlp, "Varland together with Keltun launched an offensive against the Osk Front."), "ASSAULT")
    assert texts(offensive.actors) == ["Varland", "Keltun"]  # the partner is cut from the subject's phrase


def test_a_gerund_after_an_achievement_noun_takes_the_clauses_subject(nlp) -> None:
    events = code(nlp, "Varland's prime minister declared victory in retaking the town of Keltun from the Osk Front.")
    assert texts(first(events, "ASSAULT").actors) == ["Varland's prime minister"]


def test_fighting_that_pits_a_against_b_has_both_as_parties(nlp) -> None:
    events = code(nlp, "Since March, fighting has pitted the forces of Arno Petrak against the army of Ostia.")
    assert texts(first(events, "ASSAULT").actors) == ["the forces of Arno Petrak", "the army of Ostia"]


def test_clashes_between_a_and_b_that_witnesses_report_are_between_a_and_b(nlp) -> None:
    clash = first(code(nlp, "Residents reported clashes between the Varland army and the Keltun Front."), "ASSAULT")
    assert texts(clash.actors) == ["the Varland army", "the Keltun Front"] and not clash.recipients


def test_a_participle_or_what_an_event_is_said_to_be_carries_its_parties(nlp) -> None:
    talks = first(code(nlp, "Talks held between Varland and the Osk Front ended without a deal."), "CONSULT")
    assert texts(talks.actors) == ["Varland", "the Osk Front"]
    talks = first(code(nlp, "The Ostia talks mark the first meeting in two years between the Osk Front and the "
                            "Keltun government."), "CONSULT")  # fmt: skip
    assert {"the Osk Front", "the Keltun government"} <= set(texts(talks.actors + talks.recipients))


def test_who_acted_after_a_week_of_talks_attended_them_and_a_round_of_talks_attends_nothing(nlp) -> None:
    events = code(nlp, "The Keltun Front and the Varland army signed a deal after a week of talks in Ostia.")
    assert texts(first(events, "CONSULT").actors) == ["The Keltun Front", "the Varland army"]
    events = code(nlp, "The last round of talks collapsed after three months of negotiations.")
    assert all(not e.actors for e in events if e.type == "CONSULT")


def test_who_announces_a_mobilization_of_unnamed_forces_mobilizes_them(nlp) -> None:
    mobilization = first(code(nlp, "Arno Petrak announced the mobilization of militias and special forces."), "MOBILIZE")
    assert texts(mobilization.actors) == ["Arno Petrak"] and not mobilization.recipients
    withdrawal = first(code(nlp, "Keltun confirmed the withdrawal of Varland troops."), "RETREAT")
    assert texts(withdrawal.actors) == ["Varland troops"]  # named forces act themselves; a witness does not


def test_the_holder_of_a_place_hit_is_hit_too(nlp) -> None:
    strikes = first(code(nlp, "Varland warplanes carried out fresh strikes on Thursday, targeting a rebel-held base."),
                    "ASSAULT")  # fmt: skip
    assert "rebel" in texts(strikes.recipients)
    shelling = first(code(nlp, "Varland jets shelled a rebel-held town."), "ASSAULT")
    assert "rebel" in texts(shelling.recipients)


def test_a_flight_ban_to_and_from_a_city_falls_on_it(nlp) -> None:
    ban = first(code(nlp, "The airlines said they would suspend all flights to and from Ostgrad."), "SANCTION")
    assert texts(ban.recipients) == ["Ostgrad"]


def test_the_agent_of_a_participle_on_an_object_of_concern_is_the_recipient(nlp) -> None:
    concern = first(code(nlp, "Keltun lawmakers expressed concern about the weapons supplied by Varland to the Osk "
                              "Front."), "ACCUSE")  # fmt: skip
    assert texts(concern.recipients) == ["Varland"]


def test_a_coordinated_event_noun_shares_the_possessor_and_the_target(nlp) -> None:
    blockade = first(code(nlp, "The Varland regime's raids and blockade against Keltun continue."), "COERCE")
    assert texts(blockade.actors) == ["The Varland regime"] and texts(blockade.recipients) == ["Keltun"]


def test_they_after_a_sentence_about_the_warring_parties_is_them(nlp) -> None:
    events = code(nlp, "Varland's warring parties laid down their weapons on Saturday. They agreed to observe the truce.")
    assert texts(first(events, "AGREE").actors) == ["Varland's warring parties"]


def test_a_demonym_on_the_object_names_the_recipient_state(nlp) -> None:
    closure = first(code(nlp, "Varland closed its airspace to all Chilean aircraft."), "COERCE")
    assert [p.country for p in closure.recipients] == ["CHL"]


def test_the_head_of_a_region_is_not_the_state_but_the_capital_speaks_for_it() -> None:
    from newsgraph.events.assemble import entity_of, state_entity
    from newsgraph.records import Participant

    text = "The president of the Osk region met the Oslo government."

    def at(phrase: str) -> tuple[int, int]:
        return text.index(phrase), text.index(phrase) + len(phrase)

    region, capital = (*at("Osk"), "GPE", "E-osk", "NOR", None), (*at("Oslo"), "GPE", "E-oslo", "NOR", None)
    head = Participant("The president of the Osk region", *at("The president of the Osk region"), "NOR", "GOV")
    assert entity_of(head, text, [region, capital]) == "E-osk"
    government = Participant("the Oslo government", *at("the Oslo government"), "NOR", "GOV")
    assert entity_of(government, text, [region, capital]) == state_entity("NOR")


def test_who_is_arrested_for_refusing_is_who_refused(nlp) -> None:
    refusal = first(code(nlp, "Arno Petrak was arrested for refusing to support the Keltun generals."), "REJECT")
    assert texts(refusal.actors) == ["Arno Petrak"]


def test_a_verbs_parties_act_when_its_subject_cannot(nlp) -> None:
    events = code(nlp, "The war has worsened in recent weeks after the outbreak of new fighting in August after five "
                       "months of humanitarian truce agreed between the parties.")  # fmt: skip
    assert texts(first(events, "AGREE").actors) == ["the parties"]  # the parser made "the outbreak" its subject


def test_a_time_is_no_antecedent(nlp) -> None:
    events = code(nlp, "At the same time, it has sent reinforcements to its troops near Ostia.")
    assert "the same time" not in texts(first(events, "MOBILIZE").actors)


def test_a_gerund_after_a_predicate_adjective_or_passive_takes_its_subject(nlp) -> None:
    events = code(nlp, "Reports said that the Varland defence minister was instrumental in organising the killing of "
                       "the journalist.")  # fmt: skip
    assert texts(first(events, "ASSAULT").actors) == ["the Varland defence minister"]
    assert texts(first(code(nlp, "The Keltun Front was involved in planning the raids."), "ASSAULT").actors) == [
        "The Keltun Front"]


def test_who_is_under_attack_is_its_recipient_not_its_actor(nlp) -> None:
    attack = first(code(nlp, "Keltun's forces are under attack by the Osk Front."), "ASSAULT")
    assert texts(attack.actors) == ["the Osk Front"] and texts(attack.recipients) == ["Keltun's forces"]


def test_those_a_subject_acts_on_behalf_of_act_and_are_no_recipients(nlp) -> None:
    signing = first(code(nlp, "The envoy signed the agreement on behalf of Varland."), "SUPPORT")
    assert texts(signing.actors) == ["The envoy", "Varland"] and not signing.recipients


def test_the_sides_a_document_sets_against_each_other_may_carry_their_acronyms() -> None:
    from newsgraph.events.assemble import _Marks

    text = "Talks between the Velm Front (VF) and the Osterian Army (OA), say the mediators, will resume."
    named = {"Velm Front": ("ORG", "E-velm"), "Osterian Army": ("ORG", "E-army")}
    marks = [(text.index(s), text.index(s) + len(s), typ, eid, "OST", None) for s, (typ, eid) in named.items()]
    assert _Marks(marks, text).sides() == ("E-velm", "E-army")


def test_a_pronoun_the_parser_left_unattached_is_the_subject(nlp) -> None:
    events = code(nlp, "It was the first such outbreak since both joined forces to oust president Arno Petrak in 2019.")
    assert texts(first(events, "COOPERATE").actors) == ["both"]  # the document's two sides, for assembly


def test_who_is_reported_to_be_wounded_is_wounded_and_was_at_the_protest(nlp) -> None:
    events = code(nlp, "At least 12 protesters have been reported to be wounded in the demonstrations.")
    wounding = first(events, "ASSAULT")
    assert not wounding.actors and texts(wounding.recipients) == ["At least 12 protesters"]
    assert texts(first(events, "PROTEST").actors) == ["At least 12 protesters"]


def test_who_is_put_under_arrest_is_arrested_by_the_subject(nlp) -> None:
    arrest = first(code(nlp, "The Varland army put Arno Petrak under house arrest."), "COERCE")
    assert texts(arrest.actors) == ["The Varland army"] and texts(arrest.recipients) == ["Arno Petrak"]


def test_an_apposition_names_a_target_its_head_does_not(nlp) -> None:
    strikes = first(code(nlp, "Varland launched strikes against the newcomers, the Keltun Front."), "ASSAULT")
    assert texts(strikes.recipients) == ["the Keltun Front"]


def test_they_is_the_last_plural_subject_of_the_sentence_before_when_its_main_clause_has_none(nlp) -> None:
    events = code(nlp, "The deal was announced on Monday after Varland and Keltun exchanged prisoners. They agreed to meet "
                       "again in May.")  # fmt: skip
    assert texts(first(events, "AGREE").actors) == ["Varland", "Keltun"]


def test_it_is_the_state_the_sentence_before_is_about_but_not_the_it_of_be(nlp) -> None:
    events = code(nlp, "Varland has appealed to Keltun for a diplomatic resolution. At the same time, it has sent "
                       "reinforcements to its troops.")  # fmt: skip
    assert texts(first(events, "MOBILIZE").actors) == ["Varland"]
    events = code(nlp, "Arno Petrak met the envoy. It was a short meeting.")
    assert "Arno Petrak" not in texts(events[-1].actors)


def test_a_bracketed_apposition_is_no_target(nlp) -> None:
    events = code(nlp, "Arno Petrak discussed with the envoy and the head of his team Omer Keltun on Dec 28, 2023 "
                       "December 28, 2023 (OSTGRAD) – The minister met him.")  # fmt: skip
    assert "OSTGRAD" not in texts(first(events, "CONSULT").recipients + events[-1].recipients)


def test_who_came_somewhere_for_talks_attends_them(nlp) -> None:
    talks = first(code(nlp, "Varland and Keltun arrived in Ostia for talks."), "CONSULT")
    assert texts(talks.actors) == ["Varland", "Keltun"]
    talks = first(code(nlp, "The delegations have been in a rural village for talks, now in their seventh day."),
                  "CONSULT")  # fmt: skip
    assert texts(talks.actors) == ["The delegations"]


def test_a_meeting_named_as_subject_attends_no_talks_and_a_plan_for_talks_is_no_visit(nlp) -> None:
    talks = code(nlp, "The Ostia Talks collapsed during the talks.")
    assert all(not e.actors for e in talks if e.type == "CONSULT")
    talks = code(nlp, "The mediators presented arrangements for subsequent talks with civilians.")
    assert all(not e.actors for e in talks if e.trigger.text == "talks")


def test_the_doer_of_an_act_one_speaks_about_is_its_recipient_but_not_of_an_act_undone(nlp) -> None:
    lifting = first(code(nlp, "During the meeting, Arno Petrak stressed the importance of lifting the arms embargo on "
                              "the Keltun army imposed by the Osk Council."), "RETREAT")  # fmt: skip
    assert "the Osk Council" not in texts(lifting.recipients)
    rejection = first(code(nlp, "Keltun rejected the demands put forward by the Osk Council."), "REJECT")
    assert texts(rejection.recipients) == ["the Osk Council"]


def test_they_is_never_the_subject_of_a_reported_clause_before(nlp) -> None:
    events = code(nlp, "One of the points of the proposals is that the army and the police be supported. They also "
                       "call for the close monitoring of arms.")  # fmt: skip
    assert "the army" not in texts(first(events, "REQUEST").actors)


def test_an_act_said_to_be_one_someone_carried_out_is_theirs(nlp) -> None:
    raid = first(code(nlp, "The raid was the largest operation that the Keltun army has carried out this year."), "ASSAULT")
    assert texts(raid.actors) == ["the Keltun army"]
    events = code(nlp, "Petrak said today's attack was one of the biggest operations the Osk forces had undertaken.")
    assert texts(first(events, "ASSAULT").actors) == ["the Osk forces"]


def test_many_of_which_stands_for_the_noun_it_follows(nlp) -> None:
    events = code(nlp, "Varland has come under pressure by its allies, many of which supply the Keltun Front with arms "
                       "and intelligence, to end the war.")  # fmt: skip
    assert texts(first(events, "AID").actors) == ["its allies"]


def test_an_act_said_to_be_one_someone_condemned_is_not_theirs(nlp) -> None:
    attack = first(code(nlp, "The attack was a clear violation that the Keltun Council condemned."), "ASSAULT")
    assert "the Keltun Council" not in texts(attack.actors)


def test_a_response_to_an_act_falls_on_who_did_it(nlp) -> None:
    events = code(nlp, "The minister ordered a military response to an attack by the Osk Front on a camp housing "
                       "Varland troops.")  # fmt: skip
    response = next(e for e in events if e.trigger.text == "military response")
    assert texts(response.recipients) == ["the Osk Front"]


def test_a_states_own_forces_fighting_in_it_do_not_act_on_it(nlp) -> None:
    clashes = first(code(nlp, "Clashes between the Chadian army and the Keltun Front have been raging in Chad since "
                              "April."), "ASSAULT")
    assert texts(clashes.recipients) == [] and clashes.location == "Chad"
    raid = first(code(nlp, "The Keltun Front carried out attacks in Chad on Sunday."), "ASSAULT")
    assert texts(raid.recipients) == ["Chad"]  # others' act in a state falls on it


def test_a_states_regular_forces_are_its_army_not_its_paramilitary() -> None:
    from newsgraph.events.assemble import _Marks

    text = "The Chad Armed Forces and the Rapid Keltun Support Forces met. The Chadian army said so."
    army, paramilitary = (0, 22, "ORG", "E_army", "TCD", "MIL"), (30, 57, "ORG", "E_rksf", "TCD", "MIL")
    marks = _Marks([army, paramilitary], text)
    assert marks.unit("TCD", "MIL", "The Chadian army") == "E_army"
    assert marks.unit("TCD", "MIL", "the paramilitary") is None  # not the regular forces: which one is unknown
    assert marks.unit("TCD", "MIL") is None  # no description: two units, none chosen


def test_a_name_before_the_weapon_of_an_attack_is_its_actor(nlp) -> None:
    attack = first(code(nlp, "In May, a Varland drone attack damaged two pumping stations of Keltun Oil."), "ASSAULT")
    assert texts(attack.actors) == ["Varland"]


def test_the_author_of_an_appeal_is_named_with_from(nlp) -> None:
    appeal = first(code(nlp, "Ostia sent troops after an urgent appeal from the Keltun government."), "REQUEST")
    assert texts(appeal.actors) == ["the Keltun government"] and not appeal.recipients
    withdrawal = first(code(nlp, "The Varland troops began their withdrawal from Keltun."), "RETREAT")
    assert "Keltun" in texts(withdrawal.recipients)  # a place left, not an author


def test_talks_counted_in_days_take_the_place_where_they_ended(nlp) -> None:
    talks = first(code(nlp, "Ten days of talks between Varland and Ostia ended in Keltun on Monday."), "CONSULT")
    assert talks.location is not None and "Keltun" in talks.location

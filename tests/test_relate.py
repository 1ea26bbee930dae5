"""Stage 6, relate: stated relations, event and role evidence, time and retirement, camps, dyads, commands.

Sentences, names and places here are invented (Ostland, Karst, Zarovia, the Velm Front …)."""
from __future__ import annotations

import json
import re

import pytest

from newsgraph.records import Entity, LinkedMention, RelateInput, Relation, RelationClaim, Role, Span, Time
from newsgraph.relate.actors import is_actor, one_government, same_side
from newsgraph.relate.aggregates import event_claims, role_claims
from newsgraph.relate.blocs import camps, changes, holds_on
from newsgraph.relate.combine import combine
from newsgraph.relate.dyads import dyads, quad_class
from newsgraph.relate.statements import stated_claims
from newsgraph.resolve import entity_id

from conftest import run_cli

# name -> (entity id, entity type, mention label)
NAMES = {
    "Ostland": ("OST", "GPE", "GPE"), "Karst": ("KAR", "GPE", "GPE"), "Zarovia": ("ZAR", "GPE", "GPE"),
    "Zarovian": ("ZAR", "GPE", "NORP"), "Velm Front": ("VELM", "ORG", "ORG"), "Free Legion": ("LEGION", "ORG", "ORG"),
    "Northern Army": ("NARMY", "ORG", "ORG"), "Darko": ("DARKO", "PERSON", "PERSON"),
    "Ostland army": ("OARMY", "ORG", "ORG"), "Dovbrno": ("TOWN", "GPE", "GPE"),
    "anti-Darko militias": ("ANTI", "ORG", "ORG"), "pro-Darko forces": ("PRO", "ORG", "ORG"),
}


def doc(text: str, published: str = "2020-03-10") -> RelateInput:
    """A one-document input: sentences split after '.', every NAMES occurrence a linked mention."""
    sentences, start = [], 0
    for m in re.finditer(r"[.!?](?:\s+|$)", text):
        sentences.append((start, m.start() + 1))
        start = m.end()
    if start < len(text):
        sentences.append((start, len(text)))
    found = []
    for name in sorted(NAMES, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            if not any(s <= m.start() < e for s, e, *_ in found):
                found.append((m.start(), m.end(), *NAMES[name]))
    mentions = tuple(LinkedMention(s, e, ent, kind, label) for s, e, ent, kind, label in sorted(found))
    return RelateInput("D1", Time(value=published, earliest=published, latest=published), text, tuple(sentences), mentions)


def claims_of(text: str, published: str = "2020-03-10") -> set[tuple[str, str, str, str]]:
    return {(c.kind, c.source, c.target, c.modality) for c in stated_claims(doc(text, published))}


# ---------------------------------------------------------------------------------------------- statements
@pytest.mark.parametrize("text, expected", [
    ("The Zarovian-backed Velm Front shelled the port.", {("supports", "ZAR", "VELM", "asserted")}),
    ("The Velm Front, backed by Zarovia, took the port.", {("supports", "ZAR", "VELM", "asserted")}),
    ("The Velm Front, which is armed by Karst, took the port.", {("supports", "KAR", "VELM", "asserted")}),
    ("Karst has long funded the Velm Front.", {("supports", "KAR", "VELM", "asserted")}),
    ("Ostland accused Karst of arming the Velm Front.", {("supports", "KAR", "VELM", "claimed")}),
    ("Karst has not armed the Velm Front.", {("supports", "KAR", "VELM", "negated")}),
    ("Zarovia and Karst, which support the Velm Front, met.", {("supports", "KAR", "VELM", "asserted"),
                                                              ("supports", "ZAR", "VELM", "asserted")}),
    ("The Velm Front, a close ally of Ostland, refused.", {("allied_with", "OST", "VELM", "asserted"),
                                                         ("allied_with", "VELM", "OST", "asserted")}),
    ("Ostland's rival Karst closed the border.", {("opposes", "OST", "KAR", "asserted"),
                                                  ("opposes", "KAR", "OST", "asserted")}),
    ("Fighting between the Velm Front and the Ostland army went on.", {("opposes", "VELM", "OARMY", "asserted"),
                                                                       ("opposes", "OARMY", "VELM", "asserted")}),
    ("Darko's self-styled Northern Army holds the east.", {("leads", "DARKO", "NARMY", "asserted")}),
    ("Ostland mediated talks between Karst and Zarovia.", {("mediates", "OST", "KAR", "asserted"),
                                                          ("mediates", "OST", "ZAR", "asserted")}),
    ("Zarovian-backed fighters known as the Free Legion crossed.", {("supports", "ZAR", "LEGION", "asserted")}),
    ("The Free Legion, a faction of the Velm Front, split.", {("member_of", "LEGION", "VELM", "asserted")}),
    ("The Velm Front's armed wing Free Legion fired.", {("member_of", "LEGION", "VELM", "asserted")}),
    ("Karst allegedly funds the Velm Front.", {("supports", "KAR", "VELM", "claimed")}),
    ("Ostland's embargo on Karst hurt trade.", {("sanctions", "OST", "KAR", "asserted")}),  # a measure, not enmity
])
def test_stated_forms(text, expected):
    assert claims_of(text) == expected


def test_groups_named_for_whom_they_fight_or_back():
    got = claims_of("Darko holds the east. The anti-Darko militias and the pro-Darko forces clashed.")
    assert {("opposes", "ANTI", "DARKO", "asserted"), ("supports", "PRO", "DARKO", "asserted")} <= got


@pytest.mark.parametrize("text", [
    "Zarovian-backed fighters crossed the river.",  # the fighters are backed, not a state called by its demonym
    "In Ostland the war against the Velm Front goes on.",  # a place in a prepositional phrase is no party
    "Karst and the Velm Front met in Zarovia.",  # no relation is stated
    "Karst said the Velm Front would attend.",
])
def test_no_relation_stated(text):
    assert claims_of(text) == set()


def test_a_former_ally_has_ended_by_the_report_and_since_opens_the_interval():
    [former, _mirror] = stated_claims(doc("The Velm Front, a former ally of Ostland, split."))
    assert former.ended and former.valid.latest == "2020-03-10" and former.valid.earliest is None
    [since] = stated_claims(doc("Karst has backed the Velm Front since 2014."))
    assert not since.ended and since.valid.earliest == "2014-01-01" and since.valid.latest == "2020-03-10"


# ---------------------------------------------------------------------------------------------- events, roles
TYPES = {"OST": "GPE", "KAR": "GPE", "ZAR": "GPE", "VELM": "ORG", "DARKO": "PERSON"}


def event(eid, type_, actors, recipients, docs, cameo="19", modality="asserted", sentence="Karst struck the Velm Front.",
          trigger="struck", value="2020-03-08", mode=None):
    return {"id": eid, "type": type_, "mode": mode, "context": [], "cameo": cameo, "actors": actors,
            "recipients": recipients, "modality": modality, "time": {"value": value, "earliest": value, "latest": value},
            "mentions": [{"doc": d, "start": 0, "end": len(sentence), "sentence": sentence, "trigger": trigger,
                          "trigger_start": sentence.find(trigger)} for d in docs]}


def test_events_give_relations_only_when_two_documents_report_them():
    published = {d: Time(value="2020-03-10") for d in ("D1", "D2")}
    once = event_claims([event("V1", "ASSAULT", ["KAR"], ["VELM"], ["D1"])], TYPES, published)
    assert [(c.kind, c.source, c.target) for c in once] == [("opposes", "KAR", "VELM")]
    assert combine(once) == []  # one report may be a misreading
    twice = event_claims([event("V1", "ASSAULT", ["KAR"], ["VELM"], ["D1", "D2"])], TYPES, published)
    [rel] = combine(twice)
    assert (rel.kind, rel.source, rel.target, rel.sources, rel.events) == ("opposes", "KAR", "VELM", 2, ("V1",))


def test_one_accusation_is_not_opposition_but_two_are():
    published = {d: Time(value="2020-03-10") for d in ("D1", "D2", "D3")}
    one = event_claims([event("V1", "ACCUSE", ["OST"], ["KAR"], ["D1", "D2"], cameo="11")], TYPES, published)
    assert combine(one) == []
    two = one + event_claims([event("V2", "ACCUSE", ["OST"], ["KAR"], ["D3"], cameo="11")], TYPES, published)
    assert [r.kind for r in combine(two)] == ["opposes"]


def test_an_act_told_as_the_content_of_an_accusation_is_claimed():
    ev = event("V1", "SUPPORT", ["KAR"], ["VELM"], ["D1", "D2"], cameo="05",
               sentence="Ostland accused Karst of supporting the Velm Front.", trigger="supporting")
    claims = event_claims([ev], TYPES, {})
    assert {c.modality for c in claims} == {"claimed"}
    assert combine(claims)[0].modality == "claimed"


def test_an_international_bodys_sanctions_are_no_opposition():
    ev = event("V1", "SANCTION", ["UNX"], ["KAR"], ["D1", "D2"], cameo="16")
    types = {**TYPES, "UNX": "ORG"}
    assert {c.kind for c in event_claims([ev], types, {}, bodies=frozenset({"UNX"}))} == {"sanctions"}
    assert {c.kind for c in event_claims([ev], types, {})} == {"sanctions", "opposes"}  # a state's are


def test_plans_and_denials_make_no_relation():
    for modality in ("future", "negated", "hypothetical", "offered"):
        assert event_claims([event("V1", "ASSAULT", ["KAR"], ["VELM"], ["D1", "D2"], modality=modality)], TYPES, {}) == []


def test_mediation_and_agreement_kinds():
    med = event_claims([event("V1", "CONSULT", ["ZAR"], ["KAR", "VELM"], ["D1"], cameo="04", mode="third-party")], TYPES, {})
    assert {(c.kind, c.source, c.target) for c in med} == {("mediates", "ZAR", "KAR"), ("mediates", "ZAR", "VELM")}
    agree = event_claims([event("V2", "AGREE", ["KAR", "VELM"], [], ["D1"], cameo="03")], TYPES, {})
    assert {(c.kind, c.source, c.target) for c in agree} == {("negotiates_with", "KAR", "VELM"),
                                                             ("negotiates_with", "VELM", "KAR")}


def test_roles_give_leads_commands_and_membership():
    span = (Span("D1", 0, 10),)
    roles = [Role("DARKO", "commander", "VELM", Time(value="2020-01-02"), False, span),
             Role("DARKO", "president", "OST", Time(value="2018-05-01"), True, span),
             Role("DARKO", "deputy foreign minister", "KAR", Time(value="2016-05-01"), False, span)]
    got = {(c.kind, c.target, c.ended) for c in role_claims(roles, TYPES)}
    assert got == {("commands", "VELM", False), ("leads", "OST", True), ("member_of", "KAR", False)}


# ---------------------------------------------------------------------------------------------- combine: time
def claim(kind, source, target, day, doc="D1", ended=False, modality="asserted", cue="stated"):
    t = Time(value=day, earliest=day, latest=day)
    valid = Time(earliest=None, latest=day) if ended else t
    return RelationClaim(kind, source, target, modality, valid, t, cue, Span(doc, 0, 5), None, ended)


def test_valid_and_reported_intervals_cover_the_evidence():
    [rel] = combine([claim("supports", "KAR", "VELM", "2016-02-01", "D1"), claim("supports", "KAR", "VELM", "2019-07-01", "D2")])
    assert (rel.valid.earliest, rel.valid.latest) == ("2016-02-01", "2019-07-01")
    assert (rel.reported.earliest, rel.reported.latest) == ("2016-02-01", "2019-07-01")
    assert rel.sources == 2 and rel.retired is None


def test_the_opposite_kind_later_retires_a_relation_and_an_unrelated_pair_never_does():
    rels = {(r.kind, r.source, r.target): r for r in combine([
        claim("supports", "KAR", "VELM", "2016-02-01"), claim("opposes", "KAR", "VELM", "2019-07-01", "D2"),
        claim("opposes", "ZAR", "VELM", "2017-01-01", "D3")])}
    old = rels[("supports", "KAR", "VELM")]
    assert old.retired == {"by": rels[("opposes", "KAR", "VELM")].id, "before": "2019-07-01", "cue": "then opposes"}
    assert rels[("opposes", "KAR", "VELM")].retired is None
    assert not holds_on(old, "2019-08-01") and holds_on(old, "2017-01-01") and not holds_on(old, "2015-01-01")


def test_a_former_ally_ends_the_alliance_unless_it_is_told_again_later():
    ended = combine([claim("allied_with", "KAR", "OST", "2015-01-01"),
                     claim("allied_with", "KAR", "OST", "2018-01-01", "D2", ended=True)])
    assert {r.retired["before"] for r in ended} == {"2018-01-01"}  # both directions of the symmetric kind
    again = combine([claim("allied_with", "KAR", "OST", "2015-01-01"),
                     claim("allied_with", "KAR", "OST", "2018-01-01", "D2", ended=True),
                     claim("allied_with", "KAR", "OST", "2020-01-01", "D3")])
    assert {r.retired for r in again} == {None}


def test_modality_is_the_strongest_evidence():
    [claimed] = combine([claim("supports", "KAR", "VELM", "2016-02-01", modality="claimed")])
    assert claimed.modality == "claimed"
    [both] = combine([claim("supports", "KAR", "VELM", "2016-02-01", modality="claimed"),
                      claim("supports", "KAR", "VELM", "2016-03-01", "D2")])
    assert both.modality == "asserted"


# ---------------------------------------------------------------------------------------------- actors
def test_actors_and_sides():
    state = Entity(entity_id("country:OST"), "Ostland", "GPE", (), "OST", None)
    town = Entity("TOWN", "Dovbrno", "GPE", (), "OST", None)
    government = Entity("G", "Government of Ostland", "ORG", (), "OST", "GOV")
    army = Entity("A", "Ostland army", "ORG", (), "OST", "MIL")
    rebels = Entity("R", "Velm Front", "ORG", (), "OST", "REB")
    assert is_actor(state) and is_actor(rebels) and not is_actor(town)
    assert same_side(state, government) and same_side(government, army) and not same_side(state, rebels)
    assert one_government(state, government) and not one_government(state, army)  # an army may rise against the state


# ---------------------------------------------------------------------------------------------- camps
def rel(kind, source, target, rid, sources=1, day="2019-01-01", retired=None):
    t = Time(earliest=day, latest=day)
    return Relation(rid, kind, source, target, t, t, "asserted", sources, (), (), ("x",), retired)


SYSTEM = [rel("supports", "A", "B", "r1", 3), rel("supports", "C", "D", "r2", 2), rel("opposes", "A", "C", "r3", 2),
          rel("opposes", "B", "D", "r4"), rel("leads", "P", "A", "r5"), rel("supports", "F", "A", "r6"),
          rel("supports", "F", "C", "r7")]


def test_camps_group_allies_and_fold_people_into_their_body():
    g = camps(SYSTEM)
    members = [set(c.members) - {"F"} for c in g.camps]  # F backs both: it may sit in either camp
    assert sorted(members, key=len, reverse=True) == [{"A", "B", "P"}, {"C", "D"}]
    assert set(g.conflicts) == {"r3", "r4"}
    assert "F" in {a for c in g.camps for a in c.between}  # backs both sides
    camp_a = next(c for c in g.camps if "A" in c.members)
    assert "r1" in camp_a.holding and "r5" in camp_a.holding


def test_changes_between_two_dates():
    before = camps(SYSTEM)
    switched = [r for r in SYSTEM if r.id != "r1"] + [rel("opposes", "A", "B", "r8", 3), rel("supports", "D", "B", "r9", 3)]
    after = camps(switched)
    moved = {(a, b, how) for a, b, how in changes(before, after)}
    assert ("A", "B", "split") in moved and ("B", "D", "joined") in moved


# ---------------------------------------------------------------------------------------------- dyads
def test_quad_classes_and_scores():
    assert [quad_class(c) for c in ("04", "07", "12", "19", "99", None)] == [
        "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict", None, None]
    rows = dyads([event("V1", "ASSAULT", ["KAR"], ["VELM"], ["D1"], cameo="19"),
                  event("V2", "CONSULT", ["KAR"], ["VELM"], ["D1"], cameo="04", value="2020-03-20"),
                  event("V3", "CONSULT", ["KAR", "OST"], [], ["D1"], cameo="04", value="2020-04-01"),
                  event("V4", "ASSAULT", ["KAR"], ["VELM"], ["D1"], cameo="19", modality="future")], TYPES)
    by = {(d.source, d.target, d.month): d for d in rows}
    march = by[("KAR", "VELM", "2020-03")]
    assert (march.material_conflict, march.verbal_cooperation, march.events, march.score) == (1, 1, 2, -4.5)
    assert ("KAR", "OST", "2020-04") in by and ("OST", "KAR", "2020-04") in by  # a meeting counts both ways


# ---------------------------------------------------------------------------------------------- the stage and its commands
@pytest.fixture(scope="module")
def example_store(example_db):
    return example_db


def test_build_writes_cited_relations_and_dyads(example_store, tmp_path):
    out = tmp_path / "export.json"
    assert run_cli("export", "--db", str(example_store), "--output", str(out)).returncode == 0
    data = json.loads(out.read_text())
    texts = {d["id"]: d["text"] for d in data["documents"]}
    ids = {e["id"] for e in data["entities"]}
    assert data["relations"] and data["dyads"]
    for r in data["relations"]:
        assert {"id", "kind", "source", "target", "valid", "reported", "modality", "sources", "events", "evidence"} <= set(r)
        assert r["source"] in ids and r["target"] in ids and r["evidence"]
        assert all(0 <= s["start"] < s["end"] <= len(texts[s["doc"]]) for s in r["evidence"])
    events = {e["id"] for e in data["events"]}
    assert all(set(r["events"]) <= events for r in data["relations"])
    for d in data["dyads"]:
        assert d["events"] == sum(d[q] for q in ("verbal_cooperation", "material_cooperation", "verbal_conflict",
                                                 "material_conflict")) and -10 <= d["score"] <= 10


def test_relation_commands(example_store):
    db = str(example_store)
    relations = run_cli("relations", "--db", db, "--json")
    assert relations.returncode == 0, relations.stderr
    rows = [json.loads(line) for line in relations.stdout.splitlines()]
    assert rows and all(r["source_name"] and r["target_name"] for r in rows)
    kind = rows[0]["kind"]
    only = [json.loads(x) for x in run_cli("relations", "--db", db, "--kind", kind, "--json").stdout.splitlines()]
    assert only and {r["kind"] for r in only} == {kind}
    early = run_cli("relations", "--db", db, "--as-of", "1990", "--json")
    assert early.returncode == 0 and early.stdout == ""  # nothing was known to hold before any evidence
    system = run_cli("system", "--db", db, "--json")
    view = json.loads(system.stdout)
    assert system.returncode == 0 and {"camps", "conflicts", "dyads", "alone"} <= set(view)
    pair = (rows[0]["source_name"], rows[0]["target_name"])
    assert run_cli("dyad", *pair, "--db", db, "--json").returncode == 0
    roles = run_cli("roles", "--db", db, "--as-of", "2018", "--json")
    assert roles.returncode == 0 and all(json.loads(x)["person"] for x in roles.stdout.splitlines())


@pytest.mark.parametrize("args", [
    ("relations", "--kind", "friends"), ("relations", "--as-of", "2017-13"), ("relations", "--actor", "Nobody Atall"),
    ("system", "--as-of", "2018", "--since", "2019"), ("dyad", "Nobody Atall", "Egypt"), ("roles", "--as-of", "soon"),
])
def test_bad_input_gets_one_line(example_store, args):
    result = run_cli(*args, "--db", str(example_store))
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------- as of a date
class _Relations:
    """A store's reads the relation queries make, over a fixed list of relations."""

    def __init__(self, rels):
        self.rels = rels

    def relation_records(self, entity=None, kind=None):
        return [r for r in self.rels if (entity is None or entity in (r.source, r.target)) and (kind is None or r.kind == kind)]

    def dyads(self, *args, **kwargs):
        return []

    def entity_names(self, ids):
        return {i: i for i in ids}


def _relation(rid, valid: Time, reported: Time | None = None, retired=None) -> Relation:
    return Relation(rid, "supports", "KAR", "VELM", valid, reported or Time(), "asserted", 1, (), (Span("D1", 0, 5),), ("stated",),
                    retired)


def test_a_relation_known_only_by_an_upper_bound_does_not_stand_before_it():
    from newsgraph.relate.queries import relations, stands_on, system

    by = _relation("R-by", Time(latest="2017-05-17"))  # "by 2017-05-17": its lower bound is that day at the latest
    from_ = _relation("R-from", Time(earliest="2015-01-01"))
    reported = _relation("R-told", Time(latest="2019-01-01"), Time(value="2016-03-01", earliest="2016-03-01",
                                                                  latest="2016-03-01"))
    undated = _relation("R-undated", Time())
    # said in a document published some time between 2011 and 2017-06-30: known to hold by 2017-06-30 only
    window = _relation("R-window", Time(), Time(earliest="2011-01-01", latest="2017-06-30"))
    assert not stands_on(window, "2012-01-01") and stands_on(window, "2017-06-30")
    after = _relation("R-after", Time(), Time(earliest="2018-10-24"))  # in a document published after 2018-10-24
    assert not stands_on(after, "2018-10-23") and stands_on(after, "2018-10-24")
    ended = _relation("R-ended", Time(earliest="2015-01-01"), retired={"by": None, "before": "2016-01-01", "cue": "x"})
    assert not stands_on(by, "2016-06-30") and not stands_on(by, "2017-05-16")
    assert stands_on(by, "2017-05-17") and stands_on(by, "2020-01-01")
    assert stands_on(from_, "2015-01-01") and not stands_on(from_, "2014-12-31")
    assert stands_on(reported, "2016-03-01") and not stands_on(reported, "2016-02-29")  # said so on 2016-03-01
    assert stands_on(undated, "2010-01-01") and stands_on(undated, None)
    assert stands_on(ended, "2015-06-01") and not stands_on(ended, "2016-01-01") and not stands_on(ended, None)
    store = _Relations([by, from_, reported, undated, ended])
    assert {r.id for r in relations(store, as_of="2016-06-30")} == {"R-from", "R-told", "R-undated"}
    assert {r.id for r in relations(store, as_of="2017-05-17")} == {"R-by", "R-from", "R-told", "R-undated"}
    # the system page's view (Graph.system_on) stands on the same relations
    assert set(system(store, as_of="2016-06-30").relations) == {"R-from", "R-told", "R-undated"}
    assert "R-by" in system(store, as_of="2017").relations


# ---------------------------------------------------------------------------------------------- summed in the store
def _as_written(relations: list[Relation], evidence: dict[str, str]) -> list[dict]:
    """Relations as the store holds them, their evidence taken from the encoded one when they carry none."""
    return [{**r.as_dict(), "evidence": r.as_dict()["evidence"] or json.loads(evidence[r.id])} for r in relations]


def test_the_store_sums_the_claims_of_pairs_as_combining_them_one_by_one_does(tmp_path):
    """`add` sums a pair's stored claims in SQL (claim_groups); the relations are those of combining the claims in
    Python: first 'since' of the standing tier, tiers of ended and denied evidence, a duplicate of key, span and
    event dropped (the first kept, even when it differs), both ways of a symmetric kind, retirement by a later
    opposite kind, verbal evidence, and the pairs _kept leaves out (one side; a leader's own body)."""
    from newsgraph.relate import _kept, _relations_between
    from newsgraph.store import Store

    def c(kind, source, target, day, doc="D1", start=0, modality="asserted", ended=False, text=None, event=None,
          cue="stated"):
        t = Time(value=day, earliest=day, latest=day)
        valid = Time(earliest=None, latest=day, text="former") if ended else \
            Time(earliest=f"{text[-4:]}-01-01" if text else day, latest=day, text=text)
        return RelationClaim(kind, source, target, modality, valid, t, cue, Span(doc, start, start + 9), event, ended)

    ost, kar, zar = (entity_id(f"country:{x}") for x in ("OST", "KAR", "ZAR"))
    entities = {e.id: e for e in (
        Entity(ost, "Ostland", "GPE", (), "OST"), Entity(kar, "Karst", "GPE", (), "KAR"), Entity(zar, "Zarovia", "GPE", (), "ZAR"),
        Entity("GOV", "Government of Ostland", "ORG", (), "OST", "GOV"), Entity("VELM", "Velm Front", "ORG", (), "OST", "REB"),
        Entity("DARKO", "Darko", "PERSON", (), "KAR"), Entity("TOWN", "Dovbrno", "GPE", (), "OST"))}
    types = {i: e.type for i, e in entities.items() if is_actor(e)}
    stated = [
        c("supports", kar, "VELM", "2016-02-01", "D1", text="since 2014"),
        c("supports", kar, "VELM", "2016-03-01", "D2", text="since 2010"),  # the first since is D1's
        c("supports", kar, "VELM", "2015-01-01", "D2", 20, modality="negated"),
        c("supports", kar, "VELM", "2017-01-01", "D3", ended=True),  # told again after: not ended
        c("supports", kar, "VELM", "2018-01-01", "D4"),
        c("allied_with", kar, zar, "2015-05-01", "D1", modality="claimed"),
        c("allied_with", zar, kar, "2015-06-01", "D1"),  # the other way of D1's claim came first: this one is dropped
        c("allied_with", kar, zar, "2019-01-01", "D3", modality="claimed", ended=True),
        c("opposes", kar, zar, "2020-01-01", "D4"),
        c("opposes", zar, "VELM", "2020-01-01", "D4"),  # retires Zarovia's mediation, denied and ended
        c("mediates", zar, "VELM", "2016-01-01", "D1", modality="negated"),
        c("mediates", zar, "VELM", "2016-02-01", "D2", modality="negated", ended=True),
        c("supports", ost, "GOV", "2016-01-01", "D1"),  # one side: nothing
        c("opposes", ost, "GOV", "2016-01-01", "D1"),  # one government: nothing
        c("leads", "DARKO", kar, "2016-01-01", "D2"),
        c("supports", "DARKO", kar, "2016-01-01", "D3"),  # his own state: nothing
        c("supports", kar, "TOWN", "2016-01-01", "D3"),  # a town is no actor
        c("supports", kar, "VELM", "2016-04-01", "D1", modality="claimed"),  # D1's span again, first kept
    ]
    by_events = [
        c("opposes", zar, "VELM", "2016-05-01", "D1", 40, event="E1", cue="ACCUSE event"),
        c("opposes", zar, "VELM", "2016-05-01", "D2", 40, event="E1", cue="ACCUSE event"),  # one accusation: none
        c("supports", zar, ost, "2016-06-01", "D4", 40, event="E3", cue="AID event", text="since 2012"),
        c("supports", zar, ost, "2016-05-01", "D3", 40, event="E2", cue="AID event", text="since 2013"),  # E2 first
        c("supports", zar, ost, "2016-05-01", "D2", 40, event="E2", cue="AID event", text="since 2013"),
        c("opposes", kar, ost, "2016-06-01", "D4", 40, event="E4", cue="COERCE event"),  # one document: none
        c("negotiates_with", ost, zar, "2017-01-01", "D2", 50, event="E5", cue="AGREE event (negotiates_with)"),
        c("negotiates_with", zar, ost, "2017-01-01", "D2", 50, event="E5", cue="AGREE event (negotiates_with)"),
        c("negotiates_with", ost, zar, "2017-02-01", "D3", 50, event="E5", cue="AGREE event (negotiates_with)"),
        c("negotiates_with", zar, ost, "2017-02-01", "D4", 50, event="E6", cue="AGREE event (negotiates_with)",
          text="since 2011"),
        c("negotiates_with", ost, zar, "2017-02-01", "D1", 50, event="E6", cue="AGREE event (negotiates_with)",
          text="since 2010"),
    ]
    with Store.open(str(tmp_path / "s.duckdb")) as store:
        for seq, doc in enumerate(("D1", "D2", "D3", "D4")):
            store.con.execute("INSERT INTO documents (id, seq) VALUES (?, ?)", [doc, seq])
        store.write_stated_claims(stated)
        store.add_event_parts(by_events, [])
        pairs = {frozenset((x.source, x.target)) for x in stated + by_events}
        relations, evidence, _pieces = _relations_between(store, pairs, entities, types)
        read = store.claims_between(pairs)  # in the order a whole relate reads them: documents', then events'
    assert sorted(read, key=repr) == sorted(stated + by_events, key=repr)
    expected = combine(_kept(read, entities, types))
    assert _as_written(relations, evidence) == _as_written(expected, {})
    kinds = {(r.kind, r.source, r.target): r for r in expected}
    assert kinds[("supports", kar, "VELM")].valid.text == "since 2014"
    assert kinds[("supports", zar, ost)].valid.text == "since 2013"
    assert kinds[("negotiates_with", ost, zar)].valid.text == "since 2011"  # E6's first claim, the other way
    assert kinds[("allied_with", zar, kar)].modality == "claimed" and kinds[("allied_with", zar, kar)].retired
    assert ("supports", ost, "GOV") not in kinds and ("supports", "DARKO", kar) not in kinds


@pytest.mark.slow
def test_a_stores_summed_claims_give_the_relations_combining_them_one_by_one_gives(example_store, tmp_path):
    """Over every pair of the example store (its stated, event and role claims), summing in the store (what a
    relate writes) gives the relations that combining the same claims one by one in Python gives."""
    import shutil

    from newsgraph.relate import _kept, _relations_between
    from newsgraph.store import Store

    db = str(tmp_path / "copy.duckdb")
    shutil.copy(example_store, db)
    with Store.open(db, create=False) as store:
        entities = {e.id: e for e in store.entities_of_types()}
        types = {i: e.type for i, e in entities.items() if is_actor(e)}
        claims = [x for part in store.claim_parts() for x in store.claims_of_part(part)]
        claims += role_claims(store.roles(), types)
        pairs = {frozenset((x.source, x.target)) for x in claims if x.source != x.target}
        relations, evidence, _pieces = _relations_between(store, pairs, entities, types)
        stored = list(store.relations())
    expected = combine(_kept(claims, entities, types))
    assert any(r.kind == "leads" for r in expected) and any(r.events for r in expected)
    assert _as_written(relations, evidence) == _as_written(expected, {}) == stored


def test_the_store_adds_up_dyad_parts_as_python_does(example_store) -> None:
    """`add` adds up the touched pairs' dyad parts in the store (the weights one by one in event order): the same
    rows, scores to the last digit, as adding the parts up in Python."""
    from newsgraph.relate.dyads import QUADS, dyads_of, dyads_of_sums
    from newsgraph.store import Store

    with Store.open(str(example_store), create=False, read_only=True) as store:
        pairs = {frozenset((d.source, d.target)) for d in store.dyads()}
        summed = dyads_of_sums(store.dyad_sums_between(pairs, QUADS))
        assert summed == dyads_of(store.dyad_parts_between(pairs)) == store.dyads()
    assert len(summed) > 10 and any(d.events > 1 for d in summed)

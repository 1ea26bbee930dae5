"""Extractive, cited briefs of an actor or a story, built from the store's facts and quoted sentences.

Every line ends with citations [n], each to one sentence of one document (the sentence that holds the fact's
evidence span, mention or report), and cites only sentences that support it (:mod:`newsgraph.brief.support`):
an event line names only the parties its cited reports name themselves, a relation line cites only evidence
sentences that name both sides, and a fact no stored sentence supports is left out. The same store and
arguments give the same brief, byte for byte.
"""
from __future__ import annotations

import json
import re

from newsgraph.api import EntityIndex, Graph, event_order, sentence_at
from newsgraph.brief.model import Brief, Citation, Line, Section
from newsgraph.brief.support import Support
from newsgraph.errors import QueryError

TYPE_WORDS = {"PERSON": "a person", "ORG": "an organisation", "GPE": "a state or city", "LOC": "a place",
              "NORP": "a group of people", "FAC": "a facility", "EVENT": "an event", "LAW": "a law"}
VERBS = {"supports": "supports", "opposes": "opposes", "allied_with": "is allied with", "leads": "leads",
         "commands": "commands", "member_of": "is a member of", "mediates": "mediates with",
         "negotiates_with": "negotiates with", "sanctions": "sanctions"}
ALLY_KINDS = ("supports", "allied_with")
OPPONENT_KINDS = ("opposes", "sanctions")
DIRECTED_KINDS = frozenset({"supports", "opposes", "sanctions"})  # evidence must name source as actor, target as recipient
KEY_EVENTS = 12
MAX_CITES = 4
_CALENDAR = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class Citer:
    """Numbers citations in the order first used; one number per (document, sentence)."""

    def __init__(self, g: Graph):
        self.g = g
        self._docs: dict[str, dict] = {}
        self._sentences: dict[str, list[dict]] = {}
        self._numbers: dict[tuple[str, int], Citation] = {}

    def load(self, doc_ids) -> None:
        missing = sorted({d for d in doc_ids if d not in self._docs})
        self._docs.update(self.g.documents_by_id(missing))
        self._sentences.update(self.g.sentences_by_doc(missing))

    def cite(self, doc: str, offset: int) -> int | None:
        self.load([doc])
        d = self._docs.get(doc)
        if d is None:
            return None
        s = sentence_at(self._sentences.get(doc, []), offset)
        start, end, idx = (s["start"], s["end"], s["idx"]) if s else (0, len(d["text"]), -1)
        key = (doc, idx)
        if key not in self._numbers:
            self._numbers[key] = Citation(len(self._numbers) + 1, doc, idx if s else None, start, end,
                                          d["text"][start:end], d["title"], d["outlet"], d["published"])
        return self._numbers[key].n

    def cites(self, spans) -> tuple[int, ...]:
        """Citation numbers for spans ({doc, start}), in first-use order, without repeats, at most MAX_CITES."""
        out: list[int] = []
        for s in spans:
            n = self.cite(s["doc"], s["start"])
            if n is not None and n not in out:
                out.append(n)
            if len(out) == MAX_CITES:
                break
        return tuple(out)

    def citations(self) -> tuple[Citation, ...]:
        return tuple(sorted(self._numbers.values(), key=lambda c: c.n))


def build_brief(g: Graph, subject: str, as_of: str | None = None, index: EntityIndex | None = None) -> Brief:
    """The brief of a story (by id) or an actor (by id or any name); ``as_of`` an ISO day or None."""
    if not subject:
        raise QueryError("no actor or story named", "give an actor's name or id, or a story id")
    with g.held():
        index = index or g.entity_index()
        if g.has_story(subject):
            return story_brief(g, index, subject, as_of)
        return actor_brief(g, index, subject, as_of)


def _when(e: dict) -> str:
    value, lo, hi = e.get("time"), e.get("earliest"), e.get("latest")
    if value:
        return value
    said = f"“{e['time_text']}”, " if e.get("time_text") else ""  # a weekday or "last month": the bounds are the store's
    if lo and hi:
        return lo if lo == hi else f"{said}between {lo} and {hi}"
    if hi or lo:
        return said + (f"by {hi}" if hi else f"from {lo}")
    return f"at an unknown date (“{e['time_text']}”)" if e.get("time_text") else "at an unknown date"


def _first_day(r: dict) -> str | None:
    """A role's first known day (its earliest, else its value, else its latest)."""
    return r["earliest"] or r["value"] or r["latest"]


def _started_by(e: dict, as_of: str | None) -> bool:
    first = e.get("earliest") or e.get("time") or e.get("latest")
    return not as_of or bool(first and first[:10] <= as_of)


def _names(index: EntityIndex, ids) -> str:
    return ", ".join(index.name(i) or i for i in ids)


def actor_brief(g: Graph, index: EntityIndex, name_or_id: str, as_of: str | None) -> Brief:
    card = g.entity(name_or_id)
    eid, name = card["id"], card["name"]
    cite = Citer(g)
    support = Support(g, index)
    who = _identity(g, index, cite, card, as_of) + _roles(g, index, cite, support, eid, name, as_of)
    events = [e for e in g.entity_events(eid) if _started_by(e, as_of)]
    related = _relations(g, eid, as_of)
    support.load({m["doc"] for e in events for m in e["mentions"]} | {s["doc"] for r in related for s in r["evidence"]})
    relations = _supported_relations(g, support, related, {e["id"]: e for e in events})
    ties = _ties(index, cite, relations)
    readings = {e["id"]: r for e in events if (r := _reading(support, e, eid))}
    key = _key_events(index, cite, [e for e in events if e["id"] in readings], readings)
    disagree = _event_disagreements(g, cite, [_narrowed(e, readings[e["id"]]) for e in events if e["id"] in readings]) \
        + _title_disagreements(g, index, cite, support, eid, name, as_of) + _relation_disagreements(index, cite, relations)
    sections = (Section("Who it is, and roles over time", tuple(who), "The store holds no cited fact on who it is."),
                Section("Allies and opponents", tuple(ties), "No relation with cited evidence stands by then."),
                Section("Key events, in date order", tuple(key), "No event of this actor is dated by then."),
                Section("Where the sources disagree", tuple(disagree),
                        "No disagreement on dates, titles, counts or relations was found among the sources."))
    return Brief("actor", eid, name, as_of, sections, cite.citations())


def _identity(g: Graph, index: EntityIndex, cite: Citer, card: dict, as_of: str | None) -> list[Line]:
    rows = g.entity_mentions(card["id"], as_of)
    if not rows:
        return []
    aliases = sorted(card["aliases"].items(), key=lambda kv: (-kv[1], kv[0]))
    firsts = {}
    for r in rows:
        firsts.setdefault(r["alias"], r)
    spans = [rows[0]] + [firsts[a] for a, _ in aliases[:3] if a in firsts]
    docs = len({r["doc"] for r in rows})
    code = "/".join(x for x in (card.get("country"), card.get("sector")) if x)
    text = (f"{card['name']} is {TYPE_WORDS.get(card['type'], 'an entity')}{' (actor code ' + code + ')' if code else ''}, "
            f"named in {docs} document{'s' * (docs != 1)} as " + ", ".join(f"{a} ({n}×)" for a, n in aliases[:5]) + ".")
    return [Line(text, cite.cites(spans), parties=(card["id"],))]


def _role_evidence(support: Support, eid: str, r: dict) -> list[dict]:
    """The role's evidence spans whose sentence names the person (and the body it is a role of)."""
    who = [eid] + ([r["of_entity"]] if r["of_entity"] else [])
    return [s for s in r["evidence"] if support.names_all(s["doc"], s["start"], who)]


def _roles(g: Graph, index: EntityIndex, cite: Citer, support: Support, eid: str, name: str,
           as_of: str | None) -> list[Line]:
    rows = sorted(g.entity_roles(eid), key=lambda r: (_first_day(r) is None, _first_day(r) or "", r["title"]))
    lines = []
    for r in rows:
        first = r["earliest"] or r["value"] or r["latest"]
        if as_of and first and first[:10] > as_of:
            continue
        cites = cite.cites(_role_evidence(support, eid, r))
        if not cites:
            continue
        of = f" of {index.name(r['of_entity'])}" if r["of_entity"] else ""
        when = _when({"time": r["value"], "earliest": r["earliest"], "latest": r["latest"]})
        lines.append(Line(f"{name} is named {'former ' if r['former'] else ''}{r['title']}{of} ({when}).", cites,
                          parties=(eid,) + ((r["of_entity"],) if r["of_entity"] else ())))
    return lines


def _relations(g: Graph, eid: str, as_of: str | None) -> list[dict]:
    frame = g.relations(as_of=as_of)
    rows = [r for r in frame.to_dict("records") if eid in (r["source_id"], r["target_id"])]
    evidence = g.relation_evidence([r["id"] for r in rows])
    for r in rows:
        r["evidence"] = evidence.get(r["id"], [])
    return rows


def _supported_relations(g: Graph, support: Support, relations: list[dict], events: dict[str, dict]) -> list[dict]:
    """The relations with the evidence spans that support them (a relation with none is left out): a sentence
    that names both sides, and for a relation an event implies, one with a report of that event's type, mode
    and modality naming both sides (the source as actor and the target as recipient, for a directed kind)."""
    out = []
    for r in relations:
        # a report supports the relation through its event's type, mode and modality: each asked once per span
        kinds = sorted({(e["type"], e["mode"], e["modality"])
                        for e in (events.get(x) or g.event_body(x) for x in r["events"] or [])}, key=str)
        spans = []
        for s in r["evidence"]:
            if not support.names_all(s["doc"], s["start"], [r["source_id"], r["target_id"]]):
                continue
            if kinds and not any(_report_names_sides(support, s, kind, r) for kind in kinds):
                continue
            spans.append(s)
        if spans:
            out.append(r | {"evidence": spans})
    return out


def _report_names_sides(support: Support, span: dict, kind: tuple[str, str | None, str], r: dict) -> bool:
    """Does a report of this (type, mode, modality) in the span's sentence name both sides of ``r``?"""
    type_, mode, modality = kind
    for rep in support.reports_in(span["doc"], span["start"], type_):
        if rep["mode"] != mode or rep["modality"] != modality:
            continue
        if r["kind"] in DIRECTED_KINDS:
            actors, recipients, _ = support.parties(rep, [r["source_id"]], [r["target_id"]], None)
            if actors and recipients:
                return True
        elif support.names_sides(rep, r["source_id"], r["target_id"]):
            return True
    return False


def _interval(r: dict) -> str:
    """When it held ("held 2011-02-01 to 2017-05-18"); when its evidence gives no time of its own (its interval is
    the documents' publication), when the sources said so ("said in documents published by 2023-11-28")."""
    def day(key: str) -> str | None:
        v = r.get(key)
        return v if isinstance(v, str) and v else None

    lo, hi = day("valid_earliest"), day("valid_latest")
    verb = "said in documents published" if (lo, hi) == (day("reported_earliest"), day("reported_latest")) and (lo or hi) else "held"
    if lo and hi:
        return f"{verb} " + (lo if lo == hi else f"{lo} to {hi}")
    return f"{verb} from {lo}" if lo else (f"{verb} by {hi}" if hi else "undated")


def _ties(index: EntityIndex, cite: Citer, relations: list[dict]) -> list[Line]:
    def group(r: dict) -> int:
        return 0 if r["kind"] in ALLY_KINDS else 1 if r["kind"] in OPPONENT_KINDS else 2

    lines = []
    for r in sorted(relations, key=lambda r: (group(r), -int(r["sources"] or 0), r["kind"], r["id"]))[:15]:
        label = ("Ally", "Opponent", "Other tie")[group(r)]
        modality = "" if r["modality"] in (None, "asserted") else f", {r['modality']}"
        n, total = len({s["doc"] for s in r["evidence"]}), int(r["sources"] or 0)
        count = f"{n} of its {total} sources name both" if total > n else f"{n} source{'s' * (n != 1)}"
        lines.append(Line(f"{label}: {r['source']} {VERBS.get(r['kind'], r['kind'])} {r['target']} ({_interval(r)}"
                          f"{modality}; {count}).", cite.cites(r["evidence"]),
                          parties=(r["source_id"], r["target_id"])))
    return lines


def _reading(support: Support, e: dict, subject: str | None = None) -> dict | None:
    """What the event's own reports support. Each report of the event's type names some of its parties itself, in
    its sentence, each as actor or recipient, with a mode and a modality; the reading is the one report's with the most parties (at least one
    actor, and ``subject`` among them when given), told in that mode and modality, with every report that names at
    least those parties in the same mode and modality (``mentions``). None when no report supports a line."""
    found = []
    # each of the event's parties in the role a report gives it (merged reports may give others)
    everyone = list(dict.fromkeys([*(e["actors"] or []), *(e["recipients"] or [])]))
    for m in e["mentions"]:
        rep = support.report(m["doc"], m.get("trigger_start"), e["type"])
        here = support.sentence(m["doc"], rep["trigger_start"]) if rep else None
        if not here or not here[0] <= m["start"] < here[1]:
            continue
        actors, recipients, place = support.parties(rep, everyone, everyone, e["location"])
        recipients = tuple(x for x in recipients if x not in actors)
        if actors and (subject is None or subject in actors or subject in recipients or subject == place):
            found.append((m, rep["mode"], rep["modality"], actors, recipients, place, support.time_text(rep)))
    if not found:
        return None
    best = max(found, key=lambda x: (len(x[3]) + len(x[4]) + (x[5] is not None), x[2] == e["modality"],
                                     -found.index(x)))
    _, mode, modality, actors, recipients, place, _ = best
    chosen = [x for x in found if (x[1], x[2]) == (mode, modality) and set(actors) <= set(x[3])
              and set(recipients) <= set(x[4]) and (place is None or x[5] == place)]
    return {"mode": mode, "modality": modality, "actors": actors, "recipients": recipients, "location": place,
            "mentions": [x[0] for x in chosen], "times_cited": {x[6] for x in chosen}}


def _narrowed(e: dict, reading: dict) -> dict:
    """The event as its supporting reports tell it: their parties and only those reports."""
    return e | reading


def _key_events(index: EntityIndex, cite: Citer, events: list[dict], readings: dict[str, dict]) -> list[Line]:
    """The events with the most supporting documents, in date order, each naming only the parties its cited reports
    name, quoting the first of them."""
    told = [_narrowed(e, readings[e["id"]]) for e in events if e["id"] in readings]
    docs = {e["id"]: len({m["doc"] for m in e["mentions"]}) for e in told}
    chosen = sorted(told, key=lambda e: (-docs[e["id"]], event_order(e)))[:KEY_EVENTS]
    lines = []
    for e in sorted(chosen, key=event_order):
        by = f" by {_names(index, e['actors'])}" if e["actors"] else ""
        to = f" towards {_names(index, e['recipients'])}" if e["recipients"] else ""
        to += f" in {index.name(e['location'])}" if e["location"] else ""
        mode = f"/{e['mode']}" if e["mode"] else ""
        n, total = docs[e["id"]], int(e["sources"] or 0)
        merged = f" of the {total} the store merged into this event" if total > n else ""
        quote = " ".join((e["mentions"][0]["sentence"] or "").split())
        # a date told by a report the line does not cite is not the line's to give
        told = e.get("times_cited", {e.get("time_text")})
        when = _when(e) if not e.get("time_text") or e["time_text"] in told \
            or any(e["time_text"] in (m["sentence"] or "") for m in e["mentions"]) else "undated in the cited report"
        parties = tuple(dict.fromkeys([*e["actors"], *e["recipients"], *([e["location"]] if e["location"] else [])]))
        lines.append(Line(f"{when}: {e['type']}{mode}{by}{to} ({e['modality']}; sources: {n}{merged}) — "
                          f"“{quote}”", cite.cites(e["mentions"]), parties=parties))
    return lines


def _event_disagreements(g: Graph, cite: Citer, events: list[dict]) -> list[Line]:
    """Events told by several documents whose reports give different dates or different counts."""
    multi = [e for e in events if len({m["doc"] for m in e["mentions"]}) > 1]
    if not multi:
        return []
    rows = g.report_details(sorted({m["doc"] for e in multi for m in e["mentions"]}))
    reports = {(r["doc"], r["sentence_start"], r["trigger_start"]): r for r in rows}
    lines = []
    for e in sorted(multi, key=event_order):
        told = [(m, reports.get((m["doc"], m["start"], m.get("trigger_start")))) for m in e["mentions"]]
        told = [(m, r) for m, r in told if r]
        dates: dict[str, list] = {}
        for m, r in told:
            if r["time_value"] and _CALENDAR.fullmatch(r["time_value"]):
                dates.setdefault(r["time_value"], []).append(m)
        if _incompatible(list(dates)):
            parts = "; ".join(f"{v} (“{' '.join(ms[0]['sentence'].split())}”)" for v, ms in sorted(dates.items()))
            lines.append(Line(f"Reports of one {e['type']} event give different dates: {parts}.",
                              cite.cites([ms[0] for _, ms in sorted(dates.items())]), "dates"))
        counts: dict[str, dict] = {}
        for m, r in told:
            for kind, low, high in json.loads(r["magnitude"] or "[]") if isinstance(r["magnitude"], str) else []:
                counts.setdefault(kind, {}).setdefault(f"{low}" + (f"–{high}" if high else ""), m)
        for kind, values in sorted(counts.items()):
            if len(values) > 1:
                lines.append(Line(f"Reports of one {e['type']} event give different counts of {kind}: "
                                  + ", ".join(sorted(values)) + ".", cite.cites(list(values.values())), "counts"))
    return lines


def _incompatible(values: list[str]) -> bool:
    """Two calendar values of which neither contains the other (2017-05 and 2017-06; not 2017 and 2017-05)."""
    return any(not a.startswith(b) and not b.startswith(a) for i, a in enumerate(values) for b in values[i + 1:])


def _title_disagreements(g: Graph, index: EntityIndex, cite: Citer, support: Support, eid: str, name: str,
                         as_of: str | None) -> list[Line]:
    """Different titles for the same office-holder of the same body over overlapping dates."""
    rows = sorted(g.entity_roles(eid), key=lambda r: (r["of_entity"] is not None, r["of_entity"] or "", r["title"]))
    by_of: dict = {}
    for r in rows:
        first = r["earliest"] or r["value"] or r["latest"]
        if as_of and first and first[:10] > as_of:
            continue
        by_of.setdefault(r["of_entity"], []).append(r)
    lines = []
    for of, held in by_of.items():
        if not of:
            continue
        overlapping = [(a, b) for i, a in enumerate(held) for b in held[i + 1:]
                       if a["title"] != b["title"] and _overlap(a, b)]
        if overlapping:
            a, b = overlapping[0]
            spans = [s for r in (a, b) for s in _role_evidence(support, eid, r)[:1]]
            if len(spans) < 2:
                continue
            lines.append(Line(f"Sources give {name} different titles of {index.name(of)} for overlapping dates: "
                              f"“{a['title']}” and “{b['title']}”.", cite.cites(spans), "titles", (eid, of)))
    return lines


def _overlap(a: dict, b: dict) -> bool:
    lo_a, hi_a = a["earliest"] or a["value"], a["latest"] or a["value"]
    lo_b, hi_b = b["earliest"] or b["value"], b["latest"] or b["value"]
    return (not lo_a or not hi_b or lo_a <= hi_b) and (not lo_b or not hi_a or lo_b <= hi_a)


def _relation_disagreements(index: EntityIndex, cite: Citer, relations: list[dict]) -> list[Line]:
    """The same two actors said to cooperate and to oppose each other at once."""
    pairs: dict = {}
    for r in relations:
        pairs.setdefault(frozenset((r["source_id"], r["target_id"])), []).append(r)
    lines = []
    for _pair, rs in sorted(pairs.items(), key=lambda kv: sorted(kv[0])):
        friendly = [r for r in rs if r["kind"] in ALLY_KINDS]
        hostile = [r for r in rs if r["kind"] in OPPONENT_KINDS]
        if friendly and hostile:
            f, h = friendly[0], hostile[0]
            lines.append(Line(f"Sources disagree on {f['source']} and {f['target']}: one says {f['source']} "
                              f"{VERBS[f['kind']]} {f['target']}, another that {h['source']} {VERBS[h['kind']]} "
                              f"{h['target']}.", cite.cites(f["evidence"][:2] + h["evidence"][:2]), "relations",
                              (f["source_id"], f["target_id"])))
    return lines


def story_brief(g: Graph, index: EntityIndex, story_id: str, as_of: str | None) -> Brief:
    s = g.story(story_id)
    docs = [d for d in s["documents"] if not as_of or not d["earliest"] or d["earliest"] <= as_of]
    cite = Citer(g)
    cite.load([d["id"] for d in docs])
    what = []
    dated = [d["published"] or d["earliest"] for d in docs if d["published"] or d["earliest"]]
    opening = [{"doc": d["id"], "start": 0} for d in docs]
    if docs:
        span = f"published from {min(dated)} to {max(dated)}" if dated else "of unknown dates"
        what.append(Line(f"The story “{s['title']}” holds {len(docs)} document{'s' * (len(docs) != 1)}, {span}.",
                         cite.cites(opening[:1] + opening[-1:])))
    for d in docs[:10]:
        n = cite.cite(d["id"], 0)
        first = next((c for c in cite.citations() if c.n == n), None)
        if first:
            what.append(Line(f"{d['published'] or 'Undated'}, {d['outlet'] or 'an unnamed outlet'}: "
                             f"“{' '.join(first.text.split())}”", (n,)))
    who = _story_actors(g, index, cite, [d["id"] for d in docs])
    events = [e for e in s["events"] if _started_by(e, as_of)]
    support = Support(g, index)
    support.load({m["doc"] for e in events for m in e["mentions"]})
    readings = {e["id"]: r for e in events if (r := _reading(support, e))}
    supported = [_narrowed(e, readings[e["id"]]) for e in events if e["id"] in readings]
    sections = (Section("What the story is, document by document", tuple(what), "No document of the story by then."),
                Section("Who takes part", tuple(who), "No actor is named."),
                Section("Key events, in date order", tuple(_key_events(index, cite, events, readings)), "No dated event."),
                Section("Where the sources disagree", tuple(_event_disagreements(g, cite, supported)),
                        "No disagreement on dates or counts was found among the sources."))
    return Brief("story", story_id, s["title"] or story_id, as_of, sections, cite.citations())


def _story_actors(g: Graph, index: EntityIndex, cite: Citer, doc_ids: list[str]) -> list[Line]:
    if not doc_ids:
        return []
    rows = g.entities_named_in(doc_ids, ("PERSON", "ORG", "GPE", "NORP"), 8)
    lines = []
    for r in rows:
        doc, start = r["first"].rsplit(":", 1)
        row = index.by_id.get(r["entity"], {})
        lines.append(Line(f"{index.name(r['entity'])}, {TYPE_WORDS.get(row.get('type'), 'an entity')}, is named "
                          f"{r['n']} time{'s' * (r['n'] != 1)} in {r['docs']} of its documents.",
                          cite.cites([{"doc": doc, "start": int(start)}]), parties=(r["entity"],)))
    return lines

"""What each page and API answer holds, as plain data (the templates and the JSON encoder render it)."""
from __future__ import annotations

import math
from typing import Any

from newsgraph.api import EntityIndex, Graph
from newsgraph.errors import QueryError
from newsgraph.web import svg


def jsonable(value: Any) -> Any:
    """Frames' values as JSON: NaN → None, numpy scalars and arrays → Python."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "tolist"):
        return jsonable(value.tolist())
    if hasattr(value, "item"):
        return jsonable(value.item())
    return value


def records(frame) -> list[dict]:
    return [jsonable(r) for r in frame.to_dict("records")]


def search(g: Graph, index: EntityIndex, q: str, limit: int = 20) -> dict:
    return {"q": q, "entities": g.search_entities(q, limit, index),
            "events": _named(index, g.search_events(q, limit)),
            "documents": g.search_documents(q, limit), "stories": g.search_stories(q, limit)}


def _named(index: EntityIndex, events: list[dict]) -> list[dict]:
    """Events with their parties' names beside their ids."""
    for e in events:
        e["actor_names"] = [index.name(a) for a in e["actors"]]
        e["recipient_names"] = [index.name(a) for a in e["recipients"]]
        e["location_name"] = index.name(e["location"])
    return events


def resolve_entity(g: Graph, name_or_id: str, index: EntityIndex | None = None) -> dict:
    """The card of an entity by id or any name (QueryError when none): fields, aliases with counts, roles. By id
    it is read in two small queries; a name is resolved by the library (``Graph.card``) first."""
    if index is None or name_or_id not in index.by_id:
        name_or_id = g.card(name_or_id, documents=0).entity.id
    return g.entity_card(name_or_id, index)


SHOWN = 100  # events and documents listed on an actor's page (the timeline and the API page through all)


def actor(g: Graph, index: EntityIndex, name_or_id: str, type_: str | None = None, start: str | None = None,
          end: str | None = None, modality: str | None = None) -> dict:
    card = resolve_entity(g, name_or_id, index)
    eid = card["id"]
    for role in card["roles"]:
        role["of_name"] = index.name(role["of"])
    card["roles"].sort(key=lambda r: (r["earliest"] or r["value"] or r["latest"] or "9999", r["title"]))
    relations = g.entity_relations(eid, index)
    page = g.event_page(eid, type_, start, end, modality, limit=SHOWN)
    role_axis = svg.time_bars([(f"{r['title']}{' of ' + r['of_name'] if r['of_name'] else ''}",
                                r["earliest"] or r["value"], r["latest"] or r["value"]) for r in card["roles"]])
    relation_axis = svg.time_bars([(f"{r['kind']} {r['target'] if r['source_id'] == eid else r['source']}",
                                    r["valid_earliest"], r["valid_latest"]) for r in relations])
    event_axis = svg.time_bars([(f"{e['type']} {e['time'] or ''}".strip(), e["earliest"] or e["time"],
                                 e["latest"] or e["time"]) for e in page.events[:40]])
    documents_total, documents = g.documents_of(eid, SHOWN)
    return card | {"relations": relations, "events": _named(index, page.events), "events_found": page.found,
                   "events_total": page.total, "shown": SHOWN,
                   "role_axis": role_axis, "relation_axis": relation_axis, "event_axis": event_axis,
                   "event_types": list(page.types),
                   "documents": documents, "documents_total": documents_total, "merges": card["merges"],
                   "filters": {"type": type_, "start": start, "end": end, "modality": modality},
                   "place": card["place"]}


def relations_of(g: Graph, entity_id: str | None, kind: str | None = None, as_of: str | None = None) -> list[dict]:
    """Relations (of an entity id: the API's own filter takes a name, which two entities may share)."""
    rows = records(g.relations(kind=kind, as_of=as_of))
    return [r for r in rows if entity_id is None or entity_id in (r["source_id"], r["target_id"])]


def event(g: Graph, index: EntityIndex, event_id: str) -> dict:
    e = _named(index, [g.event_body(event_id)])[0]
    return e | {"attributed_name": index.name(e["attributed_to"]), "place": g.place(e["location"]),
                "reports": g.reports(e)}


def document(g: Graph, index: EntityIndex, doc_id: str, highlight: tuple[int, int] | None = None) -> dict:
    d = g.document(doc_id)
    mentions = g.document_mentions(doc_id)
    events = _named(index, g.document_events(doc_id))
    spans = [(m["start"], m["end"], "mention", f"/actor/{m['entity']}", index.name(m["entity"]) or "")
             for m in mentions if m["entity"]]
    for e in events:
        for r in e["reports"]:
            if r.get("trigger_start") is not None and r.get("trigger_end") is not None:
                spans.append((r["trigger_start"], r["trigger_end"], "trigger", f"/event/{e['id']}",
                              f"{e['type']} ({e['modality']})"))
    d["segments"] = segments(d["text"], spans, highlight)
    d["mentions"] = [m | {"name": index.name(m["entity"])} for m in mentions]
    d["events"] = events
    d["removed_lines"] = [{"line": line, "reason": reason} for line, reason in
                          zip(d["removed"], d["removed_reasons"] + [""] * (len(d["removed"]) - len(d["removed_reasons"])))]
    return d


def segments(text: str, spans: list[tuple], highlight: tuple[int, int] | None) -> list[dict]:
    """The text cut into plain and marked pieces: mentions and triggers (no overlaps: the earlier, then the longer
    span wins), and the highlighted span (evidence) marked on the pieces inside it."""
    chosen, last = [], 0
    for s in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]), s[2])):
        start, end = max(0, s[0]), min(len(text), s[1])
        if start >= last and end > start:
            chosen.append((start, end, *s[2:]))
            last = end
    cuts = {0, len(text)} | {c for s in chosen for c in s[:2]}
    if highlight:
        cuts |= {min(max(0, highlight[0]), len(text)), min(max(0, highlight[1]), len(text))}
    marks = {s[0]: s for s in chosen}
    out, open_span = [], None
    for a, b in zip(sorted(cuts), sorted(cuts)[1:]):
        if a in marks:
            open_span = marks[a]
        piece = {"text": text[a:b], "kind": None, "href": None, "title": None,
                 "highlight": bool(highlight and highlight[0] <= a and b <= highlight[1])}
        if open_span and open_span[0] <= a and b <= open_span[1]:
            piece |= {"kind": open_span[2], "href": open_span[3], "title": open_span[4]}
        if open_span and b >= open_span[1]:
            open_span = None
        out.append(piece)
    return out


def story(g: Graph, index: EntityIndex, story_id: str) -> dict:
    s = g.story(story_id)
    s["events"] = _named(index, s["events"])
    s["document_axis"] = svg.time_bars([(d["outlet"] or d["title"] or d["id"], d["published"] or d["earliest"],
                                         d["published"] or d["earliest"]) for d in s["documents"]])
    return s


EVIDENCE_SHOWN = 3  # quoted spans per relation on the system page (the count says how many there are)


def system(g: Graph, index: EntityIndex, as_of: str | None) -> dict:
    """The library's camps on a date (``Graph.system_on``), drawn: members coloured by camp (the unaligned grey),
    every standing relation an edge that links to its evidence, quoted from the documents."""
    view = g.system_on(as_of=as_of)
    camp_of = {a: k + 1 for a, k in view.grouping.camp_of().items()}
    alone = len(view.grouping.camps) + 1
    relations = []
    for r in sorted(view.relations.values(), key=lambda r: (-r.sources, r.kind, r.id)):
        relations.append({"id": r.id, "kind": r.kind, "source_id": r.source, "target_id": r.target,
                          "source": view.names.get(r.source, index.name(r.source)),
                          "target": view.names.get(r.target, index.name(r.target)),
                          "valid_earliest": r.valid.earliest, "valid_latest": r.valid.latest, "modality": r.modality,
                          "sources": r.sources, "evidence_total": len(r.evidence),
                          "evidence": [{"doc": e.doc, "start": e.start, "end": e.end}
                                       for e in r.evidence[:EVIDENCE_SHOWN]]})
        for x in (r.source, r.target):
            camp_of.setdefault(x, alone)
    names = {a: view.names.get(a) or index.name(a) for a in camp_of}
    nodes, edges = svg.layout(names, camp_of, relations, unaligned=alone)
    quoted = g.span_texts([e for r in relations for e in r["evidence"]])
    for r in relations:
        for e in r["evidence"]:
            q = quoted.get((e["doc"], e["start"], e["end"])) or {}
            e.update(title=q.get("title"), outlet=q.get("outlet"), published=q.get("published"), text=q.get("text") or "")
        r["camp_source"], r["camp_target"] = camp_of.get(r["source_id"]), camp_of.get(r["target_id"])
    camps: dict[int, list[dict]] = {}
    for n in nodes:
        camps.setdefault(n.camp, []).append({"id": n.id, "name": n.name, "colour": n.colour})
    return {"as_of": as_of, "relations": relations, "nodes": [vars(n) for n in nodes], "edges": [vars(e) for e in edges],
            "camps": [{"camp": k, "unaligned": k == alone, "members": v} for k, v in sorted(camps.items())],
            "width": svg.WIDTH, "height": svg.HEIGHT}


def timeline(g: Graph, index: EntityIndex, actor_q: str | None, type_: str | None, start: str | None,
             end: str | None, modality: str | None, limit: int = 50, offset: int = 0) -> dict:
    """One page of events in time order (of an actor, any spelling, or of all), filtered; ``found`` counts all."""
    who = None
    if actor_q:
        try:
            who = resolve_entity(g, actor_q, index)
        except QueryError:
            raise QueryError(f"no entity is called {actor_q!r}", "search for it on the search page") from None
    page = g.event_page(who["id"] if who else None, type_, start, end, modality, limit, offset)
    return {"actor": who, "found": page.found, "events": _named(index, page.events)}

"""Reads the web pages, the HTTP API and the briefs need beyond :mod:`newsgraph.api`.

Each function takes a :class:`newsgraph.api.Graph` and asks it with :meth:`Graph.sql` and bound parameters
(``?``); no request value is ever formatted into SQL text. They belong in the library API in time (see
the functions' docstrings); until then the web and the briefs share them from here.
"""
from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
from anyascii import anyascii
from rapidfuzz import fuzz, process

from newsgraph.api import Graph
from newsgraph.errors import QueryError

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODALITIES = ("asserted", "negated", "future", "hypothetical", "offered", "claimed")


@contextmanager
def held(g: Graph) -> Iterator[None]:
    """Keep the store open for a block of many reads: each of the Graph's calls then reuses the open database
    (a few ms) instead of opening the file again (20 ms or more). Where it cannot (a build holds the file), the
    calls open it themselves, waiting as they do."""
    try:
        keep = duckdb.connect(g.path, read_only=True)
    except duckdb.Error:
        keep = None
    try:
        yield
    finally:
        if keep is not None:
            keep.close()


def _rows(g: Graph, query: str, params: list | None = None) -> list[dict]:
    return g.sql(query, params or []).to_dict("records")


def _fold(text: str) -> str:
    return anyascii(text or "").lower().strip()


@dataclass(frozen=True)
class EntityIndex:
    """Every entity's id, name, type, code, aliases and mention count (``rows``, most mentioned first), and the
    lower-cased, transliterated forms search matches: whole names and aliases (``forms``) and their words."""

    rows: tuple[dict, ...]
    by_id: dict
    forms: tuple[str, ...] = ()  # every folded name, alias and word once
    owners: tuple[tuple[int, ...], ...] = ()  # for each form, the rows it is a whole name or alias of (or -1-row: a word)

    def name(self, entity_id: str | None) -> str | None:
        if not entity_id:
            return None
        row = self.by_id.get(entity_id)
        return row["name"] if row else entity_id


class Cache:
    """What the server reads once per state of the store file (its size and time): the entity index, and a few
    recent answers that are slow to make (the system on a date), read again when the file changes."""

    KEEP = 16

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._index: EntityIndex | None = None
        self._answers: dict = {}

    def _current(self, g: Graph) -> None:
        st = os.stat(g.path)
        key = (st.st_mtime_ns, st.st_size)
        if self._key != key:
            self._key, self._index, self._answers = key, None, {}

    def index(self, g: Graph) -> EntityIndex:
        with self._lock:
            self._current(g)
            if self._index is None:
                self._index = entity_index(g)
            return self._index

    def remember(self, g: Graph, key: tuple, make):
        """``make()``'s answer for ``key``, made once per state of the store (the last KEEP kept)."""
        with self._lock:
            self._current(g)
            if key in self._answers:
                return self._answers[key]
        answer = make()
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > self.KEEP:
                self._answers.pop(next(iter(self._answers)))
        return answer


def entity_index(g: Graph) -> EntityIndex:
    """API candidate: ``Graph.entities()`` without the per-mention work (one grouped count)."""
    rows = _rows(g, """SELECT e.id, e.name, e.type, e.country, e.sector, e.aliases, coalesce(c.n, 0) AS mentions
                       FROM entities e LEFT JOIN (SELECT entity, count(*) AS n FROM mentions GROUP BY entity) c
                       ON c.entity = e.id ORDER BY mentions DESC, e.name""")
    owners: dict[str, set[int]] = {}
    for k, r in enumerate(rows):
        r["aliases"] = list(r["aliases"] if r["aliases"] is not None else [])
        whole = {_fold(a) for a in [r["name"], *r["aliases"]]} - {""}
        for form in whole:
            owners.setdefault(form, set()).add(k)
        for word in {w for a in whole for w in a.replace("-", " ").split()} - whole:
            owners.setdefault(word, set()).add(-1 - k)
    forms = tuple(sorted(owners))
    return EntityIndex(tuple(rows), {r["id"]: r for r in rows}, forms, tuple(tuple(sorted(owners[f])) for f in forms))


def search_entities(index: EntityIndex, query: str, limit: int = 20) -> list[dict]:
    """Entities a query names, best first: an exact name or alias (100), a word of one such as a surname (95), a
    part of one (90), or a misspelling of one or of a word (fuzzy ratio of the transliterated, lower-cased forms,
    80 or more); among equals the most mentioned first."""
    q = _fold(query)
    if not q:
        return []
    best: dict[int, float] = {}

    def score(k: int, value: float) -> None:
        row = k if k >= 0 else -1 - k
        if k < 0 and value == 100.0:
            value = 95.0  # a word of a name, not the name
        best[row] = max(best.get(row, 0.0), value)

    for _form, value, at in process.extract(q, index.forms, scorer=fuzz.ratio, score_cutoff=80, limit=None):
        for k in index.owners[at]:
            score(k, value)
    if len(q) >= 3:
        for at, form in enumerate(index.forms):
            if q in form:
                for k in index.owners[at]:
                    if k >= 0:
                        score(k, 90.0)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], -index.rows[kv[0]]["mentions"], index.rows[kv[0]]["name"]))
    return [index.rows[k] | {"match": round(value, 1)} for k, value in ranked[:limit]]


EVENT_COLUMNS = """id, type, mode, context, cameo, actors, recipients, location, time_value, time_earliest, time_latest,
                   time_text, time_precision, modality, attributed_to, sources, merged_because, magnitude, mentions"""


def _spellings(query: str) -> list[str]:
    """The query as typed, lower-case, capitalised, title-case and upper-case: matching each exactly is several
    times faster on a large store than lower-casing every text, and finds the ways a name or word is written."""
    return list(dict.fromkeys([query, query.lower(), query.capitalize(), query.title(), query.upper()]))


def _contains_any(column: str, variants: list[str]) -> str:
    return "(" + " OR ".join(f"contains({column}, ?)" for _ in variants) + ")"


def search_events(g: Graph, query: str, limit: int = 20) -> list[dict]:
    """Events of a PLOVER type, or whose reports' sentences contain the query (as typed, lower-case, capitalised,
    title-case or upper-case): the first ``limit`` found in the store, then put in time order (ordering every match
    of a large store first would read them all)."""
    q = query.strip()
    variants = _spellings(q)
    where, params = ("type = ?", [q.upper()]) if q.upper() in PLOVER_TYPES else \
        (_contains_any("CAST(mentions AS VARCHAR)", variants), variants)
    rows = _rows(g, f"""SELECT * FROM (SELECT {PAGE_COLUMNS} FROM events WHERE {where} LIMIT ?)
                        ORDER BY {EVENT_ORDER}""", [*params, limit])
    return [_event_row(r) for r in rows]


def search_documents(g: Graph, query: str, limit: int = 20) -> list[dict]:
    """Documents whose title contains the query (any case), then those whose text does (as typed, lower-case,
    capitalised, title-case or upper-case): the first ``limit``."""
    columns = "id, title, outlet, published_value AS published, published_earliest"
    titled = _rows(g, f"""SELECT * FROM (SELECT {columns} FROM documents WHERE contains(lower(coalesce(title, '')),
                          lower(?)) LIMIT ?) ORDER BY published_earliest NULLS LAST, id""", [query, limit])
    if len(titled) >= limit:
        return titled
    variants = _spellings(query.strip())
    texts = _rows(g, f"""SELECT * FROM (SELECT {columns} FROM documents WHERE {_contains_any("text", variants)}
                         AND NOT contains(lower(coalesce(title, '')), lower(?)) LIMIT ?)
                         ORDER BY published_earliest NULLS LAST, id""", [*variants, query, limit - len(titled)])
    return titled + texts


def search_stories(g: Graph, query: str, limit: int = 20) -> list[dict]:
    return _rows(g, """SELECT id, title, len(documents) AS documents FROM stories
                       WHERE contains(lower(coalesce(title, '')), lower(?)) ORDER BY id LIMIT ?""", [query, limit])


def _listed(value) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return list(json.loads(value) or [])
    return list(value)


_CALENDAR = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _calendar(value: str | None) -> str | None:
    """A TIMEX value that names a calendar year, month or day; None for others (a weekday of an unknown week,
    a duration), which are shown by their interval or text instead."""
    return value if value and _CALENDAR.fullmatch(value) else None


def _event_row(r: dict) -> dict:
    """An event as the pages use it, from a row of the events table (its mentions parsed)."""
    mentions = _listed(r.get("mentions"))
    magnitude = r.get("magnitude")
    return {"id": r["id"], "type": r.get("type"), "mode": r.get("mode"), "modality": r.get("modality"),
            "cameo": r.get("cameo"), "context": _listed(r.get("context")),
            "actors": _listed(r.get("actors")), "recipients": _listed(r.get("recipients")),
            "location": r.get("location"), "time": _calendar(r.get("time_value")), "time_value": r.get("time_value"),
            "earliest": r.get("time_earliest"),
            "latest": r.get("time_latest"), "time_text": r.get("time_text"), "time_precision": r.get("time_precision"),
            "attributed_to": r.get("attributed_to"), "sources": r.get("sources"),
            "merged_because": _listed(r.get("merged_because")),
            "magnitude": json.loads(magnitude) if isinstance(magnitude, str) else magnitude,
            "sentence": r.get("sentence") or (mentions[0] if mentions else {}).get("sentence")} \
        | ({"mentions": mentions} if "mentions" in r else {})


def event_body(g: Graph, event_id: str) -> dict:
    rows = _rows(g, f"SELECT {EVENT_COLUMNS} FROM events WHERE id = ?", [event_id])
    if not rows:
        raise QueryError(f"no event has the id {event_id!r}", "search for events on the search page or /api/events")
    return _event_row(rows[0])


def actor_events(g: Graph, entity_id: str, type_: str | None = None, start: str | None = None,
                 end: str | None = None, modality: str | None = None) -> list[dict]:
    """API candidate: an entity's events (as actor, recipient or place) in time order with all their reports, by
    type, modality and days (ISO ``start``/``end`` days; an event counts when its interval overlaps them)."""
    rows = _rows(g, f"""SELECT {EVENT_COLUMNS} FROM events
                        WHERE (list_contains(actors, ?) OR list_contains(recipients, ?) OR location = ?)
                          AND (CAST(? AS VARCHAR) IS NULL OR type = ?) AND (CAST(? AS VARCHAR) IS NULL OR modality = ?)""",
                    [entity_id, entity_id, entity_id, type_, type_, modality, modality])
    return sorted((e for e in map(_event_row, rows) if overlaps(e, start, end)), key=_event_order)


PAGE_COLUMNS = """id, type, mode, context, cameo, actors, recipients, location, time_value, time_earliest, time_latest,
                  time_text, time_precision, modality, attributed_to, sources, merged_because, magnitude,
                  json_extract_string(mentions, '$[0].sentence') AS sentence"""
_DAY_SQL = r"CASE WHEN regexp_full_match(time_value, '\d{4}(-\d{2}(-\d{2})?)?') THEN time_value END"
EVENT_AT = f"coalesce(time_earliest, {_DAY_SQL}, time_latest)"
EVENT_ORDER = f"{EVENT_AT} NULLS LAST, id"


@dataclass(frozen=True)
class EventPage:
    """One page of events in time order: ``found`` match the filters, ``total`` and ``types`` are the subject's
    (the entity's, or the store's) before filtering."""

    found: int
    total: int
    types: tuple[str, ...]
    events: list


def event_page(g: Graph, entity_id: str | None = None, type_: str | None = None, start: str | None = None,
               end: str | None = None, modality: str | None = None, limit: int = 50, offset: int = 0) -> EventPage:
    """API candidate: events (of an entity as actor, recipient or place, or all) by type, modality and days, in time
    order, one page of them, filtered, counted and cut in the store (each with its first report's sentence)."""
    mine = "(list_contains(actors, ?) OR list_contains(recipients, ?) OR location = ?)" if entity_id else "true"
    who = [entity_id] * 3 if entity_id else []
    summary = g.sql(f"SELECT count(*) AS n, list(DISTINCT type ORDER BY type) AS types FROM events WHERE {mine}",
                    who).to_dict("records")[0]
    lo, hi = "coalesce(time_earliest, time_latest)", "coalesce(time_latest, time_earliest)"
    # the page's ids first (few columns to sort), then their columns: the first report's sentence is read from
    # JSON only for the rows shown
    rows = _rows(g, f"""WITH chosen AS (
                            SELECT id, {EVENT_AT} AS sort_at, count(*) OVER () AS found
                            FROM events WHERE {mine}
                            AND (CAST(? AS VARCHAR) IS NULL OR type = ?) AND (CAST(? AS VARCHAR) IS NULL OR modality = ?)
                            AND (CAST(? AS VARCHAR) IS NULL OR {lo} <= ?) AND (CAST(? AS VARCHAR) IS NULL OR {hi} >= ?)
                            AND (CAST(? AS VARCHAR) IS NULL AND CAST(? AS VARCHAR) IS NULL OR {lo} IS NOT NULL)
                            ORDER BY sort_at NULLS LAST, id LIMIT ? OFFSET ?)
                        SELECT {PAGE_COLUMNS}, c.found FROM chosen c JOIN events e USING (id)
                        ORDER BY c.sort_at NULLS LAST, id""",
                    [*who, type_, type_, modality, modality, end, end, start, start, start, end, limit, offset])
    found = int(rows[0]["found"]) if rows else 0
    if not rows and offset:
        found = event_page(g, entity_id, type_, start, end, modality, 1, 0).found
    return EventPage(found, int(summary["n"]), tuple(t for t in (summary["types"] or []) if t),
                     [_event_row(r) for r in rows])


def events_in(g: Graph, type_: str | None = None, start: str | None = None, end: str | None = None,
              modality: str | None = None) -> list[dict]:
    rows = _rows(g, f"""SELECT {EVENT_COLUMNS} FROM events WHERE (CAST(? AS VARCHAR) IS NULL OR type = ?)
                        AND (CAST(? AS VARCHAR) IS NULL OR modality = ?)""", [type_, type_, modality, modality])
    return sorted((e for e in map(_event_row, rows) if overlaps(e, start, end)), key=_event_order)


def _event_order(e: dict) -> tuple:
    return (e["earliest"] or e["time"] or e["latest"] or "9999", e["id"])


def overlaps(e: dict, start: str | None, end: str | None) -> bool:
    if not start and not end:
        return True
    lo, hi = e["earliest"] or e["latest"], e["latest"] or e["earliest"]
    if not lo:
        return False
    return (not end or lo <= end) and (not start or hi >= start)


def documents_of(g: Graph, entity_id: str, limit: int | None = None) -> tuple[int, list[dict]]:
    """API candidate: how many documents name an entity, and (the first ``limit`` of) them in publication order,
    with how often each names it."""
    rows = _rows(g, """SELECT d.id, d.title, d.outlet, d.published_value AS published, d.published_earliest AS earliest,
                              n AS mentions, count(*) OVER () AS total
                       FROM (SELECT doc, count(*) AS n FROM mentions WHERE entity = ? GROUP BY doc) m
                       JOIN documents d ON d.id = m.doc
                       ORDER BY d.published_earliest NULLS LAST, d.id LIMIT ?""", [entity_id, limit])
    return (int(rows[0]["total"]) if rows else 0), [{k: v for k, v in r.items() if k != "total"} for r in rows]


def merges_of(g: Graph, entity_id: str) -> list[dict]:
    """API candidate: the merge log of an entity (which two names were joined, score, why)."""
    return _rows(g, "SELECT left_name, right_name, score, reason FROM merges WHERE entity = ? ORDER BY score DESC, "
                    "left_name, right_name", [entity_id])


def place(g: Graph, entity_id: str | None) -> dict | None:
    if not entity_id:
        return None
    rows = _rows(g, "SELECT name, lat, lon, country, admin1, precision FROM places WHERE entity = ? LIMIT 1", [entity_id])
    return rows[0] if rows else None


def document(g: Graph, doc_id: str) -> dict:
    """API candidate: one document with its metadata, clean text and what cleaning removed."""
    rows = _rows(g, """SELECT id, source, title, outlet, author, url, credit, captions, published_value, published_earliest,
                              published_latest, published_text, published_basis, text, removed, removed_reasons,
                              duplicate_of, story FROM documents WHERE id = ?""", [doc_id])
    if not rows:
        raise QueryError(f"no document has the id {doc_id!r}", "list documents on the search page or /api/documents")
    d = rows[0]
    for key in ("captions", "removed", "removed_reasons"):
        d[key] = list(d[key] if d[key] is not None else [])
    return d


def document_list(g: Graph, limit: int, offset: int) -> tuple[int, list[dict]]:
    total = int(g.sql("SELECT count(*) AS n FROM documents").n[0])
    rows = _rows(g, """SELECT id, source, title, outlet, url, published_value AS published, published_basis AS basis, story
                       FROM documents ORDER BY published_earliest NULLS LAST, id LIMIT ? OFFSET ?""", [limit, offset])
    return total, rows


def document_mentions(g: Graph, doc_id: str) -> list[dict]:
    """API candidate: a document's entity mentions (offsets into its text) with the entity each names."""
    return _rows(g, "SELECT start, \"end\", text, entity FROM mentions WHERE doc = ? ORDER BY start", [doc_id])


def document_events(g: Graph, doc_id: str) -> list[dict]:
    """API candidate: the events a document reports, each with its triggers' offsets in this document."""
    rows = _rows(g, f"SELECT {EVENT_COLUMNS} FROM events WHERE contains(CAST(mentions AS VARCHAR), ?)", [doc_id])
    found = []
    for e in map(_event_row, rows):
        spans = [m for m in e["mentions"] if m.get("doc") == doc_id]
        if spans:
            found.append(e | {"reports": spans})
    return sorted(found, key=_event_order)


def sentences_of(g: Graph, doc_id: str) -> list[dict]:
    return _rows(g, "SELECT idx, start, \"end\" FROM sentences WHERE doc = ? ORDER BY idx", [doc_id])


def documents_by_id(g: Graph, doc_ids: list[str]) -> dict[str, dict]:
    if not doc_ids:
        return {}
    rows = _rows(g, """SELECT id, title, outlet, url, published_value AS published, published_earliest AS earliest,
                              published_basis AS basis, text FROM documents WHERE list_contains(?, id)""", [list(doc_ids)])
    return {r["id"]: r for r in rows}


def sentences_by_doc(g: Graph, doc_ids: list[str]) -> dict[str, list[dict]]:
    if not doc_ids:
        return {}
    rows = _rows(g, "SELECT doc, idx, start, \"end\" FROM sentences WHERE list_contains(?, doc) ORDER BY doc, idx",
                 [list(doc_ids)])
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["doc"], []).append(r)
    return out


def sentence_at(sentences: list[dict], offset: int) -> dict | None:
    """The sentence holding a character offset (the last one starting at or before it)."""
    best = None
    for s in sentences:
        if s["start"] <= offset:
            best = s
        else:
            break
    return best


def reports(g: Graph, body: dict) -> list[dict]:
    """API candidate: every report of an event: outlet, date, title, the sentence (with the trigger's offsets in
    it) and the sentences before and after it in the document."""
    mentions = body.get("mentions") or []
    docs = documents_by_id(g, sorted({m["doc"] for m in mentions}))
    sentences = sentences_by_doc(g, sorted(docs))
    out = []
    for m in mentions:
        d = docs.get(m["doc"])
        if not d:
            continue
        text, start, end = d["text"], m["start"], m["end"]
        sents = sentences.get(m["doc"], [])
        here = sentence_at(sents, start)
        before = next((s for s in reversed(sents) if s["end"] <= start), None)
        after = next((s for s in sents if s["start"] >= end), None)
        ts, te = m.get("trigger_start"), m.get("trigger_end")
        out.append({"doc": m["doc"], "title": d["title"], "outlet": d["outlet"], "published": d["published"],
                    "basis": d["basis"], "start": start, "end": end, "sentence_index": here["idx"] if here else None,
                    "before": text[before["start"]:before["end"]] if before else "",
                    "pre": text[start:ts] if ts is not None and start <= ts <= end else text[start:end],
                    "trigger": text[ts:te] if ts is not None and start <= ts <= te <= end else "",
                    "post": text[te:end] if te is not None and start <= ts <= te <= end else "",
                    "after": text[after["start"]:after["end"]] if after else ""})
    return out


def story(g: Graph, story_id: str) -> dict:
    rows = _rows(g, "SELECT id, title, documents FROM stories WHERE id = ?", [story_id])
    if not rows:
        raise QueryError(f"no story has the id {story_id!r}", "list stories on the search page or /api/stories")
    s = rows[0]
    docs = _rows(g, """SELECT id, title, outlet, published_value AS published, published_earliest AS earliest,
                              published_basis AS basis FROM documents WHERE list_contains(?, id)
                       ORDER BY published_earliest NULLS LAST, id""", [list(s["documents"])])
    events: dict[str, dict] = {}
    for d in docs:
        for e in document_events(g, d["id"]):
            events.setdefault(e["id"], e)
    return {"id": s["id"], "title": s["title"], "documents": docs, "events": sorted(events.values(), key=_event_order)}


def story_list(g: Graph) -> list[dict]:
    return _rows(g, "SELECT id, title, len(documents) AS documents FROM stories ORDER BY len(documents) DESC, id")


def relation_evidence(g: Graph, relation_ids: list[str]) -> dict[str, list[dict]]:
    """API candidate: the evidence spans ({doc, start, end}) of relations, by relation id."""
    if not relation_ids:
        return {}
    rows = _rows(g, "SELECT id, evidence FROM relations WHERE list_contains(?, id)", [list(relation_ids)])
    return {r["id"]: _listed(r["evidence"]) for r in rows}


def entity_relations(g: Graph, index: EntityIndex, entity_id: str) -> list[dict]:
    """API candidate: every relation of an entity id (as source or target), strongest first, with the names of its
    ends (``Graph.relations(actor=...)`` takes a name, which two entities may share, and reads all relations)."""
    rows = _rows(g, """SELECT id, kind, source AS source_id, target AS target_id, valid_earliest, valid_latest,
                              reported_earliest, reported_latest, modality, sources, events, retired_before
                       FROM relations WHERE source = ? OR target = ? ORDER BY sources DESC, kind, id""",
                 [entity_id, entity_id])
    for r in rows:
        r["source"], r["target"] = index.name(r["source_id"]), index.name(r["target_id"])
        r["events"] = _listed(r["events"])
    return rows


def entity_card(g: Graph, index: EntityIndex, entity_id: str) -> dict:
    """API candidate: ``Graph.entity`` without the documents (which a much-mentioned entity has thousands of), in
    one query: the entity's fields, its spellings with their mentions (most first), its roles with their number of
    sources, its merge log and, for a place, its coordinates."""
    row = index.by_id.get(entity_id)
    if row is None:
        raise QueryError(f"no entity has the id {entity_id!r}", "search for it on the search page or /api/search")
    found = _rows(g, """SELECT
        (SELECT list({'alias': alias, 'count': n} ORDER BY n DESC, alias)
         FROM (SELECT coalesce(name, text) AS alias, count(*) AS n FROM mentions WHERE entity = ? GROUP BY ALL)) AS aliases,
        (SELECT list({'title': title, 'of': of_entity, 'value': value, 'earliest': earliest, 'latest': latest,
                      'former': former, 'sources': coalesce(json_array_length(evidence), 0)})
         FROM roles WHERE entity = ?) AS roles,
        (SELECT list({'left_name': left_name, 'right_name': right_name, 'score': score, 'reason': reason}
                     ORDER BY score DESC, left_name, right_name) FROM merges WHERE entity = ?) AS merges,
        (SELECT {'name': name, 'lat': lat, 'lon': lon, 'country': country, 'admin1': admin1, 'precision': precision}
         FROM places WHERE entity = ? LIMIT 1) AS place""", [entity_id] * 4)[0]
    place = found["place"] if isinstance(found["place"], dict) and found["place"].get("lat") is not None else None
    return {"id": row["id"], "name": row["name"], "type": row["type"], "country": row["country"],
            "sector": row["sector"], "aliases": [dict(a) for a in _listed(found["aliases"])],
            "roles": [dict(r) for r in _listed(found["roles"])], "merges": [dict(m) for m in _listed(found["merges"])],
            "place": place}


def span_texts(g: Graph, spans: list[dict]) -> dict[tuple, dict]:
    """API candidate: the text of evidence spans ({doc, start, end}) with their document's title, outlet and date,
    cut in the store (not by reading whole documents), by (doc, start, end)."""
    if not spans:
        return {}
    rows = _rows(g, """SELECT s.doc, s.start, s.stop, substr(d.text, s.start + 1, s.stop - s.start) AS text,
                              d.title, d.outlet, d.published_value AS published
                       FROM (SELECT unnest(?::VARCHAR[]) AS doc, unnest(?::INTEGER[]) AS start,
                                    unnest(?::INTEGER[]) AS stop) s JOIN documents d ON d.id = s.doc""",
                 [[x["doc"] for x in spans], [int(x["start"]) for x in spans], [int(x["end"]) for x in spans]])
    return {(r["doc"], int(r["start"]), int(r["stop"])): r for r in rows}

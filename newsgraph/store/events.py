"""Events (stage 4's assembled happenings, in the export's shape, as real columns) and what assembly reads."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence

from newsgraph.records import EventDocument, EventMention, EventPage, MarkRow, Time, TimeMention
from newsgraph.store.base import Tables
from newsgraph.store.documents import contains_any, dict_rows, spellings
from newsgraph.store.layouts import EVENT_MENTIONS, EVENTS, event_mention

__all__ = ["EventTables", "event_order", "overlaps"]

# What the pages read of an event: its columns, and (PAGE_COLUMNS) only its first report's sentence
EVENT_COLUMNS = """id, type, mode, context, cameo, actors, recipients, location, time_value, time_earliest, time_latest,
                   time_text, time_precision, modality, attributed_to, sources, merged_because, magnitude, mentions"""
PAGE_COLUMNS = """id, type, mode, context, cameo, actors, recipients, location, time_value, time_earliest, time_latest,
                  time_text, time_precision, modality, attributed_to, sources, merged_because, magnitude,
                  json_extract_string(mentions, '$[0].sentence') AS sentence"""
_DAY_SQL = r"CASE WHEN regexp_full_match(time_value, '\d{4}(-\d{2}(-\d{2})?)?') THEN time_value END"
EVENT_AT = f"coalesce(time_earliest, {_DAY_SQL}, time_latest)"
EVENT_ORDER = f"{EVENT_AT} NULLS LAST, id"
# the id of the event one row of event_mentions makes before merging, as newsgraph.events.assemble.report_id does
REPORT_ID = "'V' || substr(sha1(doc || ':' || trigger_start || ':' || type), 1, 12)"
_OF_ENTITY = "(list_contains(actors, ?) OR list_contains(recipients, ?) OR location = ?)"
_CALENDAR = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class EventTables(Tables):
    """The events and the coded event mentions they are assembled from."""

    def event_documents(self, chunk: int = 400, only: Sequence[str] | None = None
                        ) -> Iterator[EventDocument]:
        """Each document with event mentions (of ``only``, when given), oldest first, streamed ``chunk``
        documents at a time."""
        among = "AND d.id IN (SELECT unnest(?))" if only is not None else ""
        ids = [r[0] for r in self.con.execute(
            f"""SELECT d.id FROM documents d WHERE d.id IN (SELECT DISTINCT doc FROM event_mentions) {among}
                ORDER BY d.seq""", [list(only)] if only is not None else []).fetchall()]
        for k in range(0, len(ids), chunk):
            part = ids[k:k + chunk]
            docs = self.con.execute(
                """SELECT id, published_value, published_earliest, published_latest, text FROM documents
                   WHERE id IN (SELECT unnest(?))""", [part]).fetchall()
            ems: dict[str, list[EventMention]] = {}
            for row in self.con.execute(f"SELECT {EVENT_MENTIONS.select} FROM event_mentions "
                                        "WHERE doc IN (SELECT unnest(?)) ORDER BY doc, idx", [part]).fetchall():
                ems.setdefault(row[0], []).append(event_mention(EVENT_MENTIONS.decode(row)))
            marks: dict[str, list[MarkRow]] = {}
            for doc, *mark in self.con.execute(
                    """SELECT m.doc, m.start, m."end", e.type, m.entity, e.country, e.sector FROM mentions m
                       JOIN entities e ON e.id = m.entity
                       WHERE m.doc IN (SELECT unnest(?)) ORDER BY m.doc, m.start""", [part]).fetchall():
                marks.setdefault(doc, []).append(MarkRow(*mark))
            times = self._times_of(part)
            by_id = {row[0]: row for row in docs}
            for doc in part:
                _, v, lo, hi, text = by_id[doc]
                yield EventDocument(doc, Time(v, lo, hi), text, ems.get(doc, []), marks.get(doc, []), times.get(doc))

    def _times_of(self, docs: list[str]) -> dict[str, list[TimeMention]]:
        """The stored time expressions of these documents; a document found in the build since they are
        stored (schema version 5) has an entry even when it has none."""
        out: dict[str, list[TimeMention]] = {}
        for row in self.con.execute(
                """SELECT doc, start, "end", text, type, value, earliest, latest, mod FROM times
                   WHERE doc IN (SELECT unnest(?)) ORDER BY doc, start""", [docs]).fetchall():
            out.setdefault(row[0], []).append(TimeMention(*row))
        since = self.con.execute("SELECT value FROM meta WHERE key = 'times_since_seq'").fetchall()
        first_seq = int(since[0][0]) if since else 0
        for doc, seq in self.con.execute("SELECT id, seq FROM documents WHERE id IN (SELECT unnest(?))", [docs]).fetchall():
            if seq > first_seq:
                out.setdefault(doc, [])
        return out

    def write_events(self, events: Iterable[dict], chunk: int = 5000) -> int:
        """Replace the events (bodies in the export's shape), inserted and committed ``chunk`` at a time; returns
        how many. Not one transaction: DuckDB holds a transaction's rows in memory until it commits (at 100k
        documents, gigabytes), and a whole derive that stops midway is redone in full anyway
        (:meth:`begin_derive`)."""
        n = 0
        self.con.execute("DELETE FROM events")
        batch: list[dict] = []
        for event in events:
            batch.append(event)
            if len(batch) >= chunk:
                n += self._insert_events(batch)
                batch = []
        return n + self._insert_events(batch)

    def add_events(self, events: Iterable[dict]) -> int:
        """Insert these events beside the stored ones, replacing any of the same id; returns how many."""
        events = list(events)
        self.replace_events([e["id"] for e in events], events)
        return len(events)

    def events_of_documents(self, docs: Sequence[str]) -> list[dict]:
        """The reports of these documents that are stored as events of their own (before merging: all), by id."""
        found = self.events_by_id(self.report_ids(docs))
        return [found[i] for i in sorted(found)]

    def report_ids(self, docs: Sequence[str]) -> list[str]:
        """The ids of the events these documents' reports make before merging (REPORT_ID), sorted."""
        return sorted(r[0] for r in self.con.execute(
            f"SELECT {REPORT_ID} FROM event_mentions WHERE doc IN (SELECT unnest(?))", [list(docs)]).fetchall())

    def events_near(self, types: Sequence[str], entities: Sequence[str], stories: Sequence[str],
                    window: tuple[str, str] | None) -> list[dict]:
        """The events of these types naming any of ``entities`` as actor or recipient that are first told in a
        document of one of ``stories``, or are dated within ``window`` (first day, last day), by id: what new
        reports may merge with."""
        if not types or not entities:
            return []
        low, high = window or (None, None)
        return [EVENTS.decode(row) for row in self.con.execute(
            f"""SELECT {EVENTS.select} FROM events
                WHERE type IN (SELECT unnest(?)) AND (list_has_any(actors, ?) OR list_has_any(recipients, ?))
                  AND (json_extract_string(mentions, '$[0].doc') IN
                           (SELECT id FROM documents WHERE story IN (SELECT unnest(?)))
                       OR (time_text IS NOT NULL AND time_earliest <= ?::VARCHAR AND time_latest >= ?::VARCHAR))
                ORDER BY id""", [list(types), list(entities), list(entities), list(stories), high, low]).fetchall()]

    def event_types(self) -> list[str]:
        """The event types the store holds, sorted."""
        return [r[0] for r in self.con.execute("SELECT DISTINCT type FROM events ORDER BY type").fetchall()]

    def event_key_rows(self, type_: str) -> Iterator[dict]:
        """The events of one type, by id, with only what merging reads (see events.merge.event_key): ids,
        parties, place, time, modality, context, the first report's document and offset, and whether any
        phrase was read as an actor or a recipient ("phrased"); streamed, so that only the caller's keys of a
        type's every report are held at once, not also their rows."""
        self.con.execute("CHECKPOINT")  # the previous type's deletions and rewrites (at 100k: 130 MB of merge's peak)
        self.give_back_cache()  # and what it read
        cursor = self.con.cursor()
        cursor.execute(
            """SELECT id, type, actors, recipients, location, time_value, time_earliest, time_latest, time_text,
                      modality, context, json_extract_string(mentions, '$[0].doc'),
                      CAST(json_extract(mentions, '$[0].start') AS INTEGER),
                      coalesce(len(actor_text), 0) + coalesce(len(recipient_text), 0) > 0
               FROM events WHERE type = ? ORDER BY id""", [type_])
        try:
            while rows := cursor.fetchmany(10_000):
                for i, t, a, r, loc, v, lo, hi, text, m, c, doc, start, phrased in rows:
                    yield {"id": i, "type": t, "actors": a or [], "recipients": r or [], "location": loc,
                           "time": {"value": v, "earliest": lo, "latest": hi, "text": text}, "modality": m,
                           "context": c, "mentions": [{"doc": doc, "start": start or 0}], "phrased": phrased}
        finally:
            cursor.close()

    def events_without_actors(self) -> Iterator[dict]:
        """The events that name no actor but describe one (an ``actor_text``), by id, with only their id, their
        actor phrases and their first report's document (``mentions`` holds that one, with only ``doc``);
        streamed."""
        cursor = self.con.cursor()
        cursor.execute("""SELECT id, actor_text, json_extract_string(mentions, '$[0].doc') FROM events
                          WHERE coalesce(len(actors), 0) = 0 AND coalesce(len(actor_text), 0) > 0 ORDER BY id""")
        try:
            while rows := cursor.fetchmany(10_000):
                for i, phrases, doc in rows:
                    yield {"id": i, "actors": [], "actor_text": phrases, "mentions": [{"doc": doc}]}
        finally:
            cursor.close()

    def events_by_id(self, ids: Sequence[str]) -> dict[str, dict]:
        """The stored events of these ids (the export's shape), by id; rows decoded as they are fetched."""
        out: dict[str, dict] = {}
        result = self.con.execute(f"SELECT {EVENTS.select} FROM events WHERE id IN (SELECT unnest(?))", [list(ids)])
        while rows := result.fetchmany(2000):
            for row in rows:
                out[row[0]] = EVENTS.decode(row)
        return out

    def replace_events(self, remove: Sequence[str], add: Sequence[dict]) -> None:
        """Delete the events ``remove`` and insert ``add``, in one transaction (merged events)."""
        with self.transaction():
            if remove:
                self.con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [list(remove)])
            self._insert_events(add)

    def replace_events_in_bulk(self, remove: Sequence[str], add: Iterable[Sequence[dict]]) -> None:
        """Delete the events ``remove`` and insert the chunks of events ``add`` yields: each chunk replaces the
        stored events of its ids as it comes, in a transaction of its own, and the rest of ``remove`` is deleted
        at the end. So a chunk may read the events to remove but those an earlier chunk replaced (merging reads
        a chunk's groups' reports, and writes each group as its first report's id). Not one transaction: DuckDB
        holds a transaction's rows in memory until it commits (a whole type's merged events at 100k documents:
        ~500 MB), and a derive that stops midway is redone in full (:meth:`begin_derive`)."""
        rest = set(remove)
        for chunk in add:
            if chunk:
                ids = [e["id"] for e in chunk]
                with self.transaction():
                    self.con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [ids])
                    self._insert_columns("events", EVENTS.encode(chunk))
                rest.difference_update(ids)
                self.give_back_cache()  # each chunk's reads scan the whole table again
        if rest:
            self.con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [sorted(rest)])

    def _insert_events(self, events: Sequence[dict]) -> int:
        if events:
            self._insert_columns("events", EVENTS.encode(events))
        return len(events)

    def events(self) -> Iterator[dict]:
        """Every event (the export's shape), by id (read whole first: the caller may write events meanwhile)."""
        for row in self.con.execute(f"SELECT {EVENTS.select} FROM events ORDER BY id").fetchall():
            yield EVENTS.decode(row)

    def events_where(self, entity: str | None = None, type_: str | None = None) -> Iterator[dict]:
        """The events with ``entity`` among their actors or recipients and of type ``type_`` (either
        filter optional), by id."""
        cursor = self.con.cursor()
        cursor.execute(f"""SELECT {EVENTS.select} FROM events
                           WHERE (?::VARCHAR IS NULL OR type = ?::VARCHAR)
                             AND (?::VARCHAR IS NULL OR list_contains(actors, ?::VARCHAR)
                                  OR list_contains(recipients, ?::VARCHAR))
                           ORDER BY id""", [type_, type_, entity, entity, entity])
        while rows := cursor.fetchmany(1000):
            for row in rows:
                yield EVENTS.decode(row)

    def events_in_id_order(self, part: int = 20_000) -> Iterator[dict]:
        """Every event (the export's shape), by id, streamed in bounded memory: the ids alone are sorted first,
        then the bodies are read and sorted ``part`` ids at a time (a range of ids each). One ``ORDER BY id``
        over the whole bodies had DuckDB sort them all before the first row came (at 100k documents, 1.8 GB)."""
        ids = self.con.execute("SELECT id FROM events ORDER BY id").fetchnumpy()["id"]
        highs = [str(ids[min(k + part, len(ids)) - 1]) for k in range(0, len(ids), part)]
        del ids
        low = None
        for high in highs:
            cursor = self.con.cursor()
            try:
                cursor.execute(f"""SELECT {EVENTS.select} FROM events
                                   WHERE (?::VARCHAR IS NULL OR id > ?::VARCHAR) AND id <= ? ORDER BY id""",
                               [low, low, high])
                while rows := cursor.fetchmany(1000):
                    for row in rows:
                        yield EVENTS.decode(row)
            finally:
                cursor.close()
            low = high

    def asserted_event_reports(self) -> Iterator[dict]:
        """The events said to have happened (modality asserted), by id, with only what bounding a document's
        publication reads: id, modality, time and the documents of their reports (``mentions`` holds only
        ``doc``); streamed, and ordered on these columns alone, not on whole events."""
        cursor = self.con.cursor()
        cursor.execute("""SELECT id, time_value, time_earliest, time_latest, time_text,
                                 json_extract_string(mentions, '$[*].doc')
                          FROM events WHERE modality = 'asserted' ORDER BY id""")
        try:
            while rows := cursor.fetchmany(10_000):
                for i, v, lo, hi, text, docs in rows:
                    yield {"id": i, "modality": "asserted", "time": {"value": v, "earliest": lo, "latest": hi, "text": text},
                           "mentions": [{"doc": d} for d in docs or []]}
        finally:
            cursor.close()

    # ------------------------------------------------------------------ reads of the pages and the briefs (dicts)
    def event_row(self, event_id: str) -> dict | None:
        """One event as the pages show it (see :func:`page_event`), with all its reports; None when unknown."""
        rows = dict_rows(self.con.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE id = ?", [event_id]))
        return page_event(rows[0]) if rows else None

    def entity_event_rows(self, entity_id: str, type_: str | None = None, start: str | None = None,
                          end: str | None = None, modality: str | None = None) -> list[dict]:
        """An entity's events (as actor, recipient or place) with all their reports, of ``type_`` and
        ``modality``, overlapping the ISO days [``start``, ``end``], in time order (:func:`event_order`)."""
        rows = dict_rows(self.con.execute(
            f"""SELECT {EVENT_COLUMNS} FROM events WHERE {_OF_ENTITY}
                  AND (CAST(? AS VARCHAR) IS NULL OR type = ?) AND (CAST(? AS VARCHAR) IS NULL OR modality = ?)""",
            [entity_id, entity_id, entity_id, type_, type_, modality, modality]))
        return sorted((e for e in map(page_event, rows) if overlaps(e, start, end)), key=event_order)

    def event_page(self, entity_id: str | None = None, type_: str | None = None, start: str | None = None,
                   end: str | None = None, modality: str | None = None, limit: int = 50, offset: int = 0) -> EventPage:
        """Events (of an entity as actor, recipient or place, or all) by type, modality and ISO days, in time
        order, one page of them, filtered, counted and cut in the store (each with its first report's sentence,
        without ``mentions``)."""
        mine = _OF_ENTITY if entity_id else "true"
        who = [entity_id] * 3 if entity_id else []
        n, types = self.con.execute(
            f"SELECT count(*), list(DISTINCT type ORDER BY type) FROM events WHERE {mine}", who).fetchone()
        lo, hi = "coalesce(time_earliest, time_latest)", "coalesce(time_latest, time_earliest)"
        # the page's ids first (few columns to sort), then their columns: the first report's sentence is read from
        # JSON only for the rows shown
        rows = dict_rows(self.con.execute(
            f"""WITH chosen AS (
                    SELECT id, {EVENT_AT} AS sort_at, count(*) OVER () AS found
                    FROM events WHERE {mine}
                    AND (CAST(? AS VARCHAR) IS NULL OR type = ?) AND (CAST(? AS VARCHAR) IS NULL OR modality = ?)
                    AND (CAST(? AS VARCHAR) IS NULL OR {lo} <= ?) AND (CAST(? AS VARCHAR) IS NULL OR {hi} >= ?)
                    AND (CAST(? AS VARCHAR) IS NULL AND CAST(? AS VARCHAR) IS NULL OR {lo} IS NOT NULL)
                    ORDER BY sort_at NULLS LAST, id LIMIT ? OFFSET ?)
                SELECT {PAGE_COLUMNS}, c.found FROM chosen c JOIN events e USING (id)
                ORDER BY c.sort_at NULLS LAST, id""",
            [*who, type_, type_, modality, modality, end, end, start, start, start, end, limit, offset]))
        found = int(rows[0]["found"]) if rows else 0
        if not rows and offset:
            found = self.event_page(entity_id, type_, start, end, modality, 1, 0).found
        return EventPage(found, int(n), tuple(t for t in (types or []) if t), [page_event(r) for r in rows])

    def search_event_rows(self, type_: str | None, text: str, limit: int) -> list[dict]:
        """Events of PLOVER ``type_`` (when given), else whose reports' sentences contain ``text`` (as typed,
        lower-case, capitalised, title-case or upper-case): the first ``limit`` found, then in time order."""
        variants = spellings(text.strip())
        where, params = ("type = ?", [type_]) if type_ else (contains_any("CAST(mentions AS VARCHAR)", variants), variants)
        rows = dict_rows(self.con.execute(
            f"SELECT * FROM (SELECT {PAGE_COLUMNS} FROM events WHERE {where} LIMIT ?) ORDER BY {EVENT_ORDER}",
            [*params, limit]))
        return [page_event(r) for r in rows]

    def document_event_rows(self, doc_id: str) -> list[dict]:
        """The events a document reports, in time order, each with ``reports``: its mentions in this document
        (with their triggers' offsets)."""
        rows = dict_rows(self.con.execute(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE contains(CAST(mentions AS VARCHAR), ?)", [doc_id]))
        found = []
        for e in map(page_event, rows):
            spans = [m for m in e["mentions"] if m.get("doc") == doc_id]
            if spans:
                found.append(e | {"reports": spans})
        return sorted(found, key=event_order)

    def report_details(self, doc_ids: Sequence[str]) -> list[dict]:
        """The coded event mentions of these documents with the time expression each is dated by: doc,
        sentence_start, trigger_start, magnitude (JSON text), time_value, time_text."""
        return dict_rows(self.con.execute(
            """SELECT em.doc, em.sentence_start, em.trigger_start, em.magnitude, t.value AS time_value,
                      t.text AS time_text
               FROM event_mentions em LEFT JOIN times t ON t.doc = em.doc AND t.start = em.time_at[1]
               WHERE list_contains(?, em.doc)""", [list(doc_ids)]))

    def report_roles(self, doc_ids: Sequence[str]) -> list[dict]:
        """The coded event mentions of these documents with the phrases each names its parties by: doc,
        sentence_start, sentence_end, trigger_start, type, mode, modality, actors and recipients (lists of {text,
        start, end, country, sector}), location_start, location_end."""
        rows = dict_rows(self.con.execute(
            """SELECT doc, sentence_start, sentence_end, trigger_start, type, mode, modality, actors, recipients,
                      location_start, location_end
               FROM event_mentions WHERE doc IN (SELECT unnest(?)) ORDER BY doc, trigger_start, type""", [list(doc_ids)]))
        for r in rows:
            r["actors"], r["recipients"] = _listed(r["actors"]), _listed(r["recipients"])
        return rows

    def linked_mentions(self, doc_ids: Sequence[str]) -> dict[str, list[dict]]:
        """doc id → its mentions linked to an entity ({start, end, entity, label}), in text order."""
        out: dict[str, list[dict]] = {}
        for r in dict_rows(self.con.execute(
                """SELECT doc, start, "end", entity, label FROM mentions
                   WHERE doc IN (SELECT unnest(?)) AND entity IS NOT NULL ORDER BY doc, start, \"end\"""", [list(doc_ids)])):
            out.setdefault(r.pop("doc"), []).append(r)
        return out


def _listed(value) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return list(json.loads(value) or [])
    return list(value)


def _calendar(value: str | None) -> str | None:
    """A TIMEX value that names a calendar year, month or day; None for others (a weekday of an unknown week,
    a duration), which are shown by their interval or text instead."""
    return value if value and _CALENDAR.fullmatch(value) else None


def page_event(r: dict) -> dict:
    """An event as the pages use it, from a row of the events table: id, type, mode, modality, cameo, context,
    actors, recipients, location, time (a calendar value or None), time_value, earliest, latest, time_text,
    time_precision, attributed_to, sources, merged_because, magnitude, sentence (the first report's), and
    ``mentions`` (its reports, parsed) when the row has them."""
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


def event_order(e: dict) -> tuple:
    """The sort key of a page's event (:func:`page_event`): its first known day, then its id."""
    return (e["earliest"] or e["time"] or e["latest"] or "9999", e["id"])


def overlaps(e: dict, start: str | None, end: str | None) -> bool:
    """Does a page's event overlap the ISO days [``start``, ``end``] (either open)? An undated one does not."""
    if not start and not end:
        return True
    lo, hi = e["earliest"] or e["latest"], e["latest"] or e["earliest"]
    if not lo:
        return False
    return (not end or lo <= end) and (not start or hi >= start)

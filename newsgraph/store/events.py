"""Events (stage 4's assembled happenings, in the export's shape, as real columns) and what assembly reads."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from newsgraph.records import EventDocument, EventMention, MarkRow, Time, TimeMention
from newsgraph.store.base import Tables
from newsgraph.store.layouts import EVENT_MENTIONS, EVENTS, event_mention

__all__ = ["EventTables"]


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
        """Replace the events (bodies in the export's shape), inserted ``chunk`` at a time; returns how many."""
        n = 0
        with self.transaction():
            self.con.execute("DELETE FROM events")
            batch: list[dict] = []
            for event in events:
                batch.append(event)
                if len(batch) >= chunk:
                    n += self._insert_events(batch)
                    batch = []
            n += self._insert_events(batch)
        return n

    def events_by_id(self, ids: Sequence[str]) -> dict[str, dict]:
        rows = self.con.execute(f"SELECT {EVENTS.select} FROM events WHERE id IN (SELECT unnest(?))",
                                [list(ids)]).fetchall()
        return {row[0]: EVENTS.decode(row) for row in rows}

    def replace_events(self, remove: Sequence[str], add: Sequence[dict]) -> None:
        """Delete the events ``remove`` and insert ``add``, in one transaction (merged events)."""
        with self.transaction():
            if remove:
                self.con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [list(remove)])
            self._insert_events(add)

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

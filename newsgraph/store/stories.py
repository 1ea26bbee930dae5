"""Stories (documents about one happening) and the story index that `add` assigns new documents with."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from newsgraph.records import StoryIndexRow, StoryInputRow, StoryRow
from newsgraph.store.base import Tables
from newsgraph.store.documents import dict_rows
from newsgraph.store.events import REPORT_ID

__all__ = ["StoryTables"]


class StoryTables(Tables):
    """Stories, the story index, and what grouping reads."""

    def stories(self) -> Iterator[StoryRow]:
        """Every story with its documents, by id."""
        for row in self.con.execute("SELECT id, title, documents FROM stories ORDER BY id").fetchall():
            yield StoryRow(*row)

    # ------------------------------------------------------------------ reads of the pages and the briefs (dicts)
    def story_row(self, story_id: str) -> dict | None:
        """One story (id, title, documents: its document ids), or None."""
        rows = dict_rows(self.con.execute("SELECT id, title, documents FROM stories WHERE id = ?", [story_id]))
        if not rows:
            return None
        rows[0]["documents"] = list(rows[0]["documents"] or [])
        return rows[0]

    def story_list(self, query: str | None = None, limit: int | None = None) -> list[dict]:
        """Stories (id, title, documents: how many): all, largest first; or with ``query`` in their title (any
        case), by id; the first ``limit`` (all when None)."""
        if query is None:
            return dict_rows(self.con.execute(
                "SELECT id, title, len(documents) AS documents FROM stories ORDER BY len(documents) DESC, id LIMIT ?",
                [limit]))
        return dict_rows(self.con.execute(
            """SELECT id, title, len(documents) AS documents FROM stories
               WHERE contains(lower(coalesce(title, '')), lower(?)) ORDER BY id LIMIT ?""", [query, limit]))

    def story_inputs(self, unassigned: bool = False, chunk: int = 500) -> Iterator[StoryInputRow]:
        """What story grouping reads of each original (not duplicate) document, oldest first, streamed
        ``chunk`` rows at a time. ``unassigned``: only the documents in no story yet. Stories are grouped
        before reports are merged, so a document's event times are those of its reports' events (ids as
        events.assemble.report_id makes them). The texts are read chunk by chunk, not ordered with the rest:
        DuckDB would hold every text of the store to sort them."""
        where = "duplicate_of IS NULL" + (" AND story IS NULL" if unassigned else "")
        cursor = self.con.cursor()
        cursor.execute(f"""
            WITH docs AS (SELECT id, seq, title, published_value FROM documents WHERE {where}),
            linked AS (SELECT m.doc, m.entity, min(m.start) AS first, any_value(e.type) IN ('GPE', 'LOC', 'FAC') AS place
                       FROM mentions m JOIN entities e ON e.id = m.entity
                       WHERE m.doc IN (SELECT id FROM docs) GROUP BY m.doc, m.entity),
            actors AS (SELECT doc, list(entity ORDER BY first, entity) FILTER (WHERE NOT place) AS entities,
                              list(entity ORDER BY first, entity) FILTER (WHERE place) AS places
                       FROM linked GROUP BY doc),
            reports AS (SELECT DISTINCT {REPORT_ID} AS id, doc
                        FROM event_mentions WHERE doc IN (SELECT id FROM docs)),
            times AS (SELECT doc, list(value ORDER BY n DESC, value) AS dates
                      FROM (SELECT r.doc, e.time_value AS value, count(*) AS n
                            FROM reports r JOIN events e ON e.id = r.id WHERE e.time_value IS NOT NULL GROUP BY ALL)
                      GROUP BY doc)
            SELECT d.id, d.title, d.published_value, coalesce(a.entities, []), coalesce(a.places, []),
                   coalesce(t.dates, [])
            FROM docs d LEFT JOIN actors a ON a.doc = d.id LEFT JOIN times t ON t.doc = d.id ORDER BY d.seq""")
        try:
            while rows := cursor.fetchmany(chunk):
                texts = dict(self.con.execute("SELECT id, text FROM documents WHERE id IN (SELECT unnest(?))",
                                              [[row[0] for row in rows]]).fetchall())
                for doc, title, published, entities, places, times in rows:
                    yield StoryInputRow(doc, title, texts[doc], published, entities, places, times)
        finally:
            cursor.close()

    def story_documents(self) -> int | None:
        """Documents of the last full story grouping (the index's idf counts them); None before any."""
        row = self.con.execute("SELECT value FROM meta WHERE key = 'story_documents'").fetchone()
        return int(row[0]) if row else None

    def story_idf(self, terms: Sequence[str]) -> dict[str, float]:
        """term → idf in the story index, for the known ones of ``terms``."""
        if not terms:
            return {}
        return dict(self.con.execute("SELECT term, idf FROM story_idf WHERE term IN (SELECT unnest(?))",
                                     [list(terms)]).fetchall())

    def story_postings(self, terms: Sequence[str], limit: int) -> tuple[dict[str, set[str]], set[str]]:
        """The stories listed under each of ``terms`` with at most ``limit`` of them, and the terms with more."""
        lists: dict[str, set[str]] = {}
        frequent: set[str] = set()
        if terms:
            for term, stories in self.con.execute(
                    """SELECT term, CASE WHEN count(*) <= ? THEN list(story) END FROM story_postings
                       WHERE term IN (SELECT unnest(?)) GROUP BY term""", [limit, list(terms)]).fetchall():
                (lists.__setitem__(term, set(stories)) if stories is not None else frequent.add(term))
        return lists, frequent

    def story_centroids(self, ids: Sequence[str]) -> list[StoryIndexRow]:
        """These stories with their index entries (without their postings)."""
        if not ids:
            return []
        return [StoryIndexRow(*row) for row in self.con.execute(
            """SELECT s.id, s.title, s.documents, c.terms, c.weights, c.norm, c.published_first, c.published_last,
                      c.span_first, c.span_last
               FROM story_centroids c JOIN stories s ON s.id = c.story WHERE c.story IN (SELECT unnest(?))
               ORDER BY s.id""", [list(ids)]).fetchall()]

    def stories_of(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """doc id → story id, for those of ``doc_ids`` already in a story."""
        if not doc_ids:
            return {}
        return dict(self.con.execute("SELECT id, story FROM documents WHERE id IN (SELECT unnest(?)) "
                                     "AND story IS NOT NULL", [list(doc_ids)]).fetchall())

    def replace_stories(self, entries: Iterable[StoryIndexRow], idf: Iterable[tuple[str, float]], documents: int,
                        chunk: int = 2000) -> int:
        """Replace every story and the story index, in one transaction; returns how many stories.
        ``entries``: each story with its index entry and the terms to list it under; ``idf``: (term, idf); ``documents``: how many documents were grouped. Both are
        streamed ``chunk`` at a time. Duplicates join their original's story."""
        n = 0
        with self.transaction():
            for table in ("stories", "story_centroids", "story_postings", "story_idf"):
                self.con.execute(f"DELETE FROM {table}")
            self.con.execute("UPDATE documents SET story = NULL WHERE story IS NOT NULL")
            for part in self._chunks(idf, chunk):
                self._insert_columns("story_idf", {"term": self._objects([t for t, _ in part]),
                                                   "idf": np.array([v for _, v in part], dtype=float)})
            for part in self._chunks(entries, chunk):
                self._write_story_entries(part)
                n += len(part)
            self._link_story_documents(None)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('story_documents', ?)", [str(documents)])
        return n

    def update_stories(self, entries: Sequence[StoryIndexRow]) -> None:
        """Insert or replace these stories and their index entries (their postings are added to the story's),
        in one transaction; their documents join them, and so do new duplicates of documents in a story."""
        ids = [e.id for e in entries]
        with self.transaction():
            if ids:
                self.con.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?))", [ids])
                self.con.execute("DELETE FROM story_centroids WHERE story IN (SELECT unnest(?))", [ids])
                self._write_story_entries(entries)
            self._link_story_documents(ids)

    def _write_story_entries(self, entries: Sequence[StoryIndexRow]) -> None:
        col = lambda name: self._objects([getattr(e, name) for e in entries])  # noqa: E731
        self._insert_columns("stories", {"id": col("id"), "title": col("title"), "documents": col("documents")})
        self._insert_columns("story_centroids", {
            "story": col("id"), "terms": col("terms"), "weights": col("weights"),
            "norm": np.array([e.norm for e in entries], float), "published_first": col("published_first"),
            "published_last": col("published_last"), "span_first": col("span_first"), "span_last": col("span_last")})
        pairs = [(term, e.id) for e in entries for term in e.postings]
        if pairs:
            self.con.register("_postings", {"term": self._objects([t for t, _ in pairs]),
                                            "story": self._objects([s for _, s in pairs])})
            try:
                self.con.execute("""INSERT INTO story_postings SELECT b.term, b.story FROM _postings b
                                    WHERE NOT EXISTS (SELECT 1 FROM story_postings p
                                                      WHERE p.term = b.term AND p.story = b.story)""")
            finally:
                self.con.unregister("_postings")

    def _link_story_documents(self, ids: Sequence[str] | None) -> None:
        """Set the story of the members of these stories (all when None); unassigned duplicates join their
        original's story; each touched story then lists all its documents, duplicates included."""
        if ids is None or ids:
            only, params = ("WHERE id IN (SELECT unnest(?))", [list(ids)]) if ids is not None else ("", [])
            self.con.execute(f"""UPDATE documents SET story = s.id
                                 FROM (SELECT id, unnest(documents) AS doc FROM stories {only}) s
                                 WHERE documents.id = s.doc""", params)
        touched = self.con.execute(
            """UPDATE documents SET story = o.story FROM documents o
               WHERE documents.duplicate_of = o.id AND documents.story IS NULL AND o.story IS NOT NULL
               RETURNING story""").fetchall()
        stories = sorted({r[0] for r in touched} | set(ids or ()))
        if ids is not None and not stories:
            return
        scope = "WHERE story IN (SELECT unnest(?))" if ids is not None else "WHERE story IS NOT NULL"
        self.con.execute(f"""UPDATE stories SET documents = x.docs
                             FROM (SELECT story, list(id ORDER BY id) AS docs FROM documents {scope} GROUP BY story) x
                             WHERE stories.id = x.story""", [stories] if ids is not None else [])

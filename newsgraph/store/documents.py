"""The documents: their text and publication times, their sources, near-duplicate signatures, and the rows
each document owns (sentences, tokens, mentions, role claims, acronyms, coded event mentions, times)."""
from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from newsgraph.records import Annotation, Document, DocumentBatch, LocalResolution, Mention, Removed, Time
from newsgraph.store.base import Tables
from newsgraph.store.layouts import EVENT_MENTIONS, event_body

__all__ = ["DocumentTables"]

# The tables whose rows belong to one document (column "doc"); removing a document deletes its rows there.
PER_DOCUMENT = ("sources", "signatures", "bands", "sentences", "tokens", "mentions", "role_claims", "acronyms",
                "event_mentions", "times", "stated_claims")

DOC_COLUMNS = (
    "id, seq, source, title, outlet, author, url, credit, captions, published_value, published_earliest, "
    "published_latest, published_text, published_basis, text, removed, removed_reasons, duplicate_of, story, fmt, "
    "encoding, published_candidates"
)
# A document's header as the pages list it
_HEADER = "id, title, outlet, published_value AS published, published_earliest AS earliest, published_basis AS basis"


class DocumentTables(Tables):
    """Documents and what each one owns."""

    def documents_for_sources(self, sources: Sequence[str]) -> dict[str, str]:
        """source → document id, for the sources already stored."""
        if not sources:
            return {}
        rows = self.con.execute("SELECT source, any_value(doc) FROM sources WHERE source IN (SELECT unnest(?)) "
                                "GROUP BY source", [list(sources)]).fetchall()
        return dict(rows)

    def has_documents(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()
        return {r[0] for r in rows}

    def pending_documents(self) -> list[str]:
        """The original documents the corpus-wide stages have not taken in yet (see :meth:`mark_derived`),
        oldest first."""
        return [r[0] for r in self.con.execute(
            "SELECT id FROM documents WHERE duplicate_of IS NULL AND derived IS NOT true ORDER BY seq").fetchall()]

    def mark_derived(self) -> None:
        """Say that the corpus-wide stages have taken in every stored document."""
        with self.transaction():
            self.con.execute("UPDATE documents SET derived = true WHERE derived IS NOT true")

    def document_stories(self, ids: Sequence[str] | None = None) -> dict[str, str]:
        """doc id → its story, for the documents in one (of ``ids``, when given)."""
        among = " AND id IN (SELECT unnest(?))" if ids is not None else ""
        return dict(self.con.execute(f"SELECT id, story FROM documents WHERE story IS NOT NULL{among}",
                                     [list(ids)] if ids is not None else []).fetchall())

    def signatures_sharing_bands(self, bands: Sequence[int]) -> list[tuple[str, tuple[int, ...]]]:
        """Stored originals that share an LSH band with any of these band keys."""
        if not bands:
            return []
        rows = self.con.execute(
            """SELECT s.doc, s.minhash FROM signatures s
               WHERE s.doc IN (SELECT DISTINCT doc FROM bands WHERE key IN (SELECT unnest(?)))""",
            [list(bands)],
        ).fetchall()
        return [(doc, tuple(values)) for doc, values in rows]

    def write_batch(self, batch: DocumentBatch) -> None:
        """All of a batch, or nothing."""
        with self.transaction():
            seq = self.con.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchall()[0][0]
            if batch.documents:
                self._insert_rows("documents", DOC_COLUMNS.split(", "),
                                  [document_row(d, seq + k) for k, d in enumerate(batch.documents, start=1)])
            known = self.documents_for_sources([s for s, _ in batch.sources])
            new_sources = [[s, d] for s, d in batch.sources if s not in known]
            if new_sources:
                self._insert_rows("sources", ("source", "doc"), new_sources)
            if batch.signatures:
                self.con.executemany("INSERT INTO signatures VALUES (?, ?)",
                                     [[doc, list(values)] for doc, values, _ in batch.signatures])
                self._insert_columns("bands", {
                    "key": np.array([b for _, _, bands in batch.signatures for b in bands], dtype=np.int64),
                    "doc": np.array([doc for doc, _, bands in batch.signatures for _ in bands], dtype=object)})
            self._write_annotations(batch.annotations, batch.locals)
            self._insert_records("times", batch.times, ("doc", "start", "end", "text", "type", "value", "earliest",
                                                        "latest", "mod"))
            if batch.events:
                self._insert_columns("event_mentions", EVENT_MENTIONS.encode(
                    [event_body(e) | {"idx": k} for k, e in enumerate(batch.events)]))

    def _write_annotations(self, annotations: Sequence[Annotation], locals_: Sequence[LocalResolution]) -> None:
        sentences = [s for a in annotations for s in a.sentences]
        tokens = [t for a in annotations for t in a.tokens]
        local = {(m.doc, m.start): m for r in locals_ for m in r.mentions}
        mentions = [m for a in annotations for m in a.mentions]
        tagged = {(m.doc, m.start) for m in mentions}
        mentions += [Mention(m.doc, m.start, m.end, m.text, m.label, m.sentence) for m in local.values()
                     if (m.doc, m.start) not in tagged]  # names the model missed, found by the resolver
        self._insert_records("sentences", sentences, ("doc", "index", "start", "end"))
        self._insert_records("tokens", tokens, ("doc", "index", "start", "end", "sentence", "lemma", "pos", "tag",
                                                "dep", "head", "ent_iob"))
        if mentions:
            lm = [local.get((m.doc, m.start)) for m in mentions]
            columns = {f: np.array([getattr(m, f) for m in mentions], dtype=object) for f in ("doc", "text")}
            columns["label"] = np.array([x.label if x else m.label for m, x in zip(mentions, lm)], dtype=object)
            columns.update({f: np.array([getattr(m, f) for m in mentions], dtype=np.int64)
                            for f in ("start", "end", "sentence")})
            columns["name"] = np.array([x.name if x else None for x in lm], dtype=object)
            columns["titles"] = np.array([" | ".join(x.titles) if x else None for x in lm], dtype=object)
            columns["local"] = np.array([x.local if x else None for x in lm], dtype=object)
            columns["country"] = np.array([x.country if x else None for x in lm], dtype=object)
            self._insert_columns("mentions", columns)
        claims = [c for r in locals_ for c in r.roles]
        self._insert_records("role_claims", claims, ("doc", "person_start", "title", "of_start", "of_country",
                                                     "former", "evidence_start", "evidence_end", "time_value",
                                                     "time_earliest", "time_latest", "time_text"))
        acronyms = [(r.doc, a, long) for r in locals_ for a, long in r.acronyms]
        if acronyms:
            self._insert_rows("acronyms", ("doc", "acronym", "long_form"), acronyms)

    def documents_named(self, keys: Sequence[str]) -> tuple[dict[str, str], list[str]]:
        """The stored documents that ``keys`` (document ids or sources, as given at build time) name, as
        {key: document id}, and the keys that name none."""
        found: dict[str, str] = {}
        for key, doc in self.con.execute(
                """SELECT k, coalesce(d.id, s.doc) FROM (SELECT unnest(?) AS k) q
                   LEFT JOIN documents d ON d.id = q.k LEFT JOIN sources s ON s.source = q.k
                   WHERE d.id IS NOT NULL OR s.doc IS NOT NULL""", [list(keys)]).fetchall():
            found.setdefault(key, doc)
        return found, [k for k in keys if k not in found]

    def duplicates_of(self, ids: Sequence[str]) -> list[Document]:
        """The stored near duplicates of these documents (not among them), oldest first."""
        rows = self.con.execute(
            f"""SELECT {DOC_COLUMNS} FROM documents WHERE duplicate_of IN (SELECT unnest(?))
                AND id NOT IN (SELECT unnest(?)) ORDER BY seq""", [list(ids), list(ids)]).fetchall()
        return [document_from_row(row, True) for row in rows]

    def delete_documents(self, ids: Sequence[str]) -> None:
        """Delete these documents and every row that belongs to one of them, in one transaction. What rests on
        the whole corpus (entities, roles, events, stories, relations) is left for the stages to derive again."""
        ids = list(ids)
        with self.transaction():
            for table in PER_DOCUMENT:
                self.con.execute(f"DELETE FROM {table} WHERE doc IN (SELECT unnest(?))", [ids])
            self.con.execute("DELETE FROM documents WHERE id IN (SELECT unnest(?))", [ids])

    def documents(self, include_text: bool = True) -> Iterator[Document]:
        """Every document in insertion order, streamed."""
        cursor = self.con.cursor()
        cursor.execute(f"SELECT {DOC_COLUMNS} FROM documents ORDER BY seq")
        while rows := cursor.fetchmany(500):
            for row in rows:
                yield document_from_row(row, include_text)

    def document(self, doc_id: str) -> Document | None:
        row = self.con.execute(f"SELECT {DOC_COLUMNS} FROM documents WHERE id = ?", [doc_id]).fetchone()
        return document_from_row(row, True) if row else None

    def document_headlines(self, ids: Sequence[str] | None = None) -> dict[str, int]:
        """doc id → where its headline ends: the title, when the text starts with it (0 when it does not); of the
        originals among ``ids``, when given."""
        among = " AND id IN (SELECT unnest(?))" if ids is not None else ""
        return dict(self.con.execute(f"""SELECT id, CASE WHEN title IS NOT NULL AND title <> '' AND starts_with(text, title)
                                                    THEN length(title) ELSE 0 END
                                         FROM documents WHERE duplicate_of IS NULL{among}""",
                                     [list(ids)] if ids is not None else []).fetchall())

    def publication_times(self, own: bool = False) -> dict[str, Time]:
        """doc id → its publication time (value, earliest, latest), for the original documents; ``own``: without
        the lower bounds that reported events set (see :meth:`bound_publications`)."""
        if own:
            return {i: Time(v, None if basis == "reported-happening" else lo, hi) for i, v, lo, hi, basis in
                    self.con.execute("""SELECT id, published_value, published_earliest, published_latest, published_basis
                                        FROM documents WHERE duplicate_of IS NULL""").fetchall()}
        return {i: Time(v, lo, hi) for i, v, lo, hi in self.con.execute(
            """SELECT id, published_value, published_earliest, published_latest FROM documents
               WHERE duplicate_of IS NULL""").fetchall()}

    def reset_publication_bounds(self) -> None:
        """Take back every lower bound that reported events set on a document's publication (see
        :meth:`bound_publications`): the document gets its own basis again."""
        with self.transaction():
            self.con.execute(
                """UPDATE documents SET published_earliest = NULL,
                       published_basis = coalesce(regexp_extract(
                           list_filter(published_candidates, lambda c: starts_with(c, 'basis before: '))[1],
                           'basis before: (.*)', 1), 'unknown'),
                       published_candidates = list_filter(published_candidates,
                           lambda c: NOT starts_with(c, 'reported-happening ') AND NOT starts_with(c, 'basis before: '))
                   WHERE published_basis = 'reported-happening'""")

    def bound_publications(self, bounds: Sequence[tuple[str, str, str]]) -> None:
        """Set lower bounds on undated documents' publication from the events they report: (doc, earliest
        day, why); the why and the document's own basis go to its publication candidates."""
        with self.transaction():
            if bounds:
                self.con.executemany(
                    """UPDATE documents SET published_earliest = ?,
                           published_candidates = list_concat(coalesce(published_candidates, []::VARCHAR[]),
                               [?, 'basis before: ' || coalesce(published_basis, 'unknown')]),
                           published_basis = 'reported-happening'
                       WHERE id = ?""", [[day, why, doc] for doc, day, why in bounds])

    def document_titles(self, ids: Sequence[str]) -> dict[str, str | None]:
        """doc id → title, for the stored ones of ``ids``."""
        if not ids:
            return {}
        return dict(self.con.execute("SELECT id, title FROM documents WHERE id IN (SELECT unnest(?))",
                                     [list(ids)]).fetchall())


    # ------------------------------------------------------------------ reads of the pages and the briefs (dicts)
    def document_page(self, doc_id: str) -> dict | None:
        """One document (None when unknown): id, source, title, outlet, author, url, credit, captions,
        published_value/earliest/latest/text/basis, text, removed, removed_reasons, duplicate_of, story."""
        rows = dict_rows(self.con.execute(
            """SELECT id, source, title, outlet, author, url, credit, captions, published_value, published_earliest,
                      published_latest, published_text, published_basis, text, removed, removed_reasons,
                      duplicate_of, story FROM documents WHERE id = ?""", [doc_id]))
        if not rows:
            return None
        d = rows[0]
        for key in ("captions", "removed", "removed_reasons"):
            d[key] = list(d[key] if d[key] is not None else [])
        return d

    def document_rows(self, limit: int, offset: int) -> tuple[int, list[dict]]:
        """How many documents, and one page of them in publication order: id, source, title, outlet, url,
        published, basis, story."""
        total = int(self.con.execute("SELECT count(*) FROM documents").fetchone()[0])
        return total, dict_rows(self.con.execute(
            """SELECT id, source, title, outlet, url, published_value AS published, published_basis AS basis, story
               FROM documents ORDER BY published_earliest NULLS LAST, id LIMIT ? OFFSET ?""", [limit, offset]))

    def document_mentions(self, doc_id: str) -> list[dict]:
        """A document's entity mentions in text order: start, end, text, entity."""
        return dict_rows(self.con.execute(
            "SELECT start, \"end\", text, entity FROM mentions WHERE doc = ? ORDER BY start", [doc_id]))

    def document_headers(self, ids: Sequence[str]) -> list[dict]:
        """These documents in publication order: id, title, outlet, published, earliest, basis."""
        return dict_rows(self.con.execute(
            f"""SELECT {_HEADER} FROM documents WHERE list_contains(?, id)
                ORDER BY published_earliest NULLS LAST, id""", [list(ids)]))

    def documents_by_id(self, ids: Sequence[str]) -> dict[str, dict]:
        """doc id → id, title, outlet, url, published, earliest, basis and text, for the stored ones of ``ids``."""
        if not ids:
            return {}
        rows = dict_rows(self.con.execute(f"SELECT {_HEADER}, url, text FROM documents WHERE list_contains(?, id)",
                                          [list(ids)]))
        return {r["id"]: r for r in rows}

    def sentences_by_doc(self, ids: Sequence[str]) -> dict[str, list[dict]]:
        """doc id → its sentences in order (doc, idx, start, end), for these documents."""
        if not ids:
            return {}
        out: dict[str, list[dict]] = {}
        for r in dict_rows(self.con.execute(
                "SELECT doc, idx, start, \"end\" FROM sentences WHERE doc IN (SELECT unnest(?)) ORDER BY doc, idx",
                [list(ids)])):
            out.setdefault(r["doc"], []).append(r)
        return out

    def search_documents(self, query: str, limit: int) -> list[dict]:
        """Documents whose title contains ``query`` (any case), then those whose text does (as typed,
        lower-case, capitalised, title-case or upper-case): the first ``limit``, each in publication order
        (id, title, outlet, published, published_earliest)."""
        columns = "id, title, outlet, published_value AS published, published_earliest"
        titled = dict_rows(self.con.execute(
            f"""SELECT * FROM (SELECT {columns} FROM documents WHERE contains(lower(coalesce(title, '')), lower(?))
                LIMIT ?) ORDER BY published_earliest NULLS LAST, id""", [query, limit]))
        if len(titled) >= limit:
            return titled
        variants = spellings(query.strip())
        texts = dict_rows(self.con.execute(
            f"""SELECT * FROM (SELECT {columns} FROM documents WHERE {contains_any("text", variants)}
                AND NOT contains(lower(coalesce(title, '')), lower(?)) LIMIT ?)
                ORDER BY published_earliest NULLS LAST, id""", [*variants, query, limit - len(titled)]))
        return titled + texts

    def span_texts(self, spans: Sequence[dict]) -> dict[tuple, dict]:
        """The text of spans ({doc, start, end}) cut in the store, with their document's title, outlet and
        published date, by (doc, start, end): doc, start, stop, text, title, outlet, published."""
        if not spans:
            return {}
        rows = dict_rows(self.con.execute(
            """SELECT s.doc, s.start, s.stop, substr(d.text, s.start + 1, s.stop - s.start) AS text,
                      d.title, d.outlet, d.published_value AS published
               FROM (SELECT unnest(?::VARCHAR[]) AS doc, unnest(?::INTEGER[]) AS start,
                            unnest(?::INTEGER[]) AS stop) s JOIN documents d ON d.id = s.doc""",
            [[x["doc"] for x in spans], [int(x["start"]) for x in spans], [int(x["end"]) for x in spans]]))
        return {(r["doc"], int(r["start"]), int(r["stop"])): r for r in rows}


def document_row(d: Document, seq: int) -> list:
    p = d.published
    return [
        d.id, seq, d.source, d.title, d.outlet, d.author, d.url, d.credit, list(d.captions), p.value, p.earliest,
        p.latest, p.text, d.published_basis, d.text, [r.text for r in d.removed], [r.reason for r in d.removed],
        d.duplicate_of, None, d.fmt, d.encoding, list(d.published_candidates),
    ]


def document_from_row(row, include_text: bool) -> Document:
    (id_, _seq, source, title, outlet, author, url, credit, captions, pv, pe, pl, pt, basis, text, removed,
     reasons, dup, _story, fmt, encoding, candidates) = row
    return Document(
        id=id_, source=source, text=text if include_text else "", title=title, outlet=outlet, author=author,
        url=url, credit=credit, captions=tuple(captions or ()), published=Time(pv, pe, pl, pt),
        published_basis=basis, removed=tuple(Removed(t, r) for t, r in zip(removed or (), reasons or ())),
        duplicate_of=dup, fmt=fmt, encoding=encoding or "utf-8", published_candidates=tuple(candidates or ()),
    )


def dict_rows(cursor) -> list[dict]:
    """The rows of an executed cursor as dicts by column name (the parts' page reads return these)."""
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def spellings(query: str) -> list[str]:
    """The query as typed, lower-case, capitalised, title-case and upper-case: matching each exactly is several
    times faster on a large store than lower-casing every text, and finds the ways a name or word is written."""
    return list(dict.fromkeys([query, query.lower(), query.capitalize(), query.title(), query.upper()]))


def contains_any(column: str, variants: Sequence[str]) -> str:
    """SQL that is true when ``column`` contains any of ``variants`` (bound as that many ``?``)."""
    return "(" + " OR ".join(f"contains({column}, ?)" for _ in variants) + ")"


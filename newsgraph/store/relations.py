"""Stage 6's relations (real columns, in the export's shape) and monthly dyads, and what stage 6 reads."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

from newsgraph.records import Dyad, LinkedMention, RelateInput, Relation, RelationClaim, Span, Time
from newsgraph.store.base import Tables
from newsgraph.store.documents import dict_rows
from newsgraph.store.layouts import RELATIONS

__all__ = ["RelationTables", "pair_part"]


class RelationTables(Tables):
    """Relations, dyads, and the documents stage 6 reads."""

    def relations(self) -> Iterator[dict]:
        """The relations (the export's shape), by id."""
        for row in self.con.execute(f"SELECT {RELATIONS.select} FROM relations ORDER BY id").fetchall():
            yield RELATIONS.decode(row)

    def relation_records(self, entity: str | None = None, kind: str | None = None) -> list[Relation]:
        """The relations with ``entity`` as source or target and of ``kind`` (either filter optional)."""
        rows = self.con.execute(
            f"""SELECT {RELATIONS.select} FROM relations
                WHERE (?::VARCHAR IS NULL OR kind = ?::VARCHAR)
                  AND (?::VARCHAR IS NULL OR source = ?::VARCHAR OR target = ?::VARCHAR)
                ORDER BY id""", [kind, kind, entity, entity, entity]).fetchall()
        return [Relation.from_dict(RELATIONS.decode(row)) for row in rows]

    def write_relations(self, relations: Iterable[Relation], dyads: Iterable[Dyad],
                        pairs: Iterable[frozenset[str]] | None = None) -> tuple[int, int]:
        """Replace the relations and the dyads: all of them (stage 6 recomputes them whole), or (`add`) those
        between the entities of each of ``pairs`` (either way) and those of any entity no longer stored;
        returns how many of each were written."""
        relations, dyads = list(relations), list(dyads)
        with self.transaction():
            for table in ("relations", "dyads"):
                if pairs is None:
                    self.con.execute(f"DELETE FROM {table}")
                else:
                    self.con.execute(f"""DELETE FROM {table} WHERE source || chr(1) || target IN (SELECT unnest(?))
                                         OR source NOT IN (SELECT id FROM entities)
                                         OR target NOT IN (SELECT id FROM entities)""", [_pair_keys(pairs)])
            if relations:
                self._insert_columns("relations", RELATIONS.encode([r.as_dict() for r in relations]))
            if dyads:
                self._insert_rows("dyads", list(Dyad.__dataclass_fields__),
                                  [[getattr(d, f) for f in Dyad.__dataclass_fields__] for d in dyads])
        return len(relations), len(dyads)

    def write_stated_claims(self, claims: Sequence[RelationClaim], docs: Sequence[str] | None = None) -> None:
        """Store the relations the documents' sentences state: those of ``docs`` (replacing theirs), or of every
        document (replacing all)."""
        rows = [[c.span.doc, *_claim_row(c), k] for k, c in enumerate(claims) if c.span is not None]
        with self.transaction():
            if docs is None:
                self.con.execute("DELETE FROM stated_claims")
            else:
                self.con.execute("DELETE FROM stated_claims WHERE doc IN (SELECT unnest(?))", [list(docs)])
            if rows:
                self._insert_rows("stated_claims", ("doc", *_CLAIM_COLUMNS, "k"), rows)

    def replace_event_parts(self, events: Sequence[str] | None, claims: Sequence[RelationClaim] = (),
                            dyads: Sequence[tuple] = ()) -> None:
        """Store what events add to the relations (claims naming their event) and to the dyads ((event, source,
        target, month, quad class, weight)), replacing the parts of ``events`` and of the events no longer
        stored; or, with None, every part (then add the rest with :meth:`add_event_parts`)."""
        with self.transaction():
            if events is None:
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('relation_parts', 'no')")
            for table in ("event_claims", "event_dyads"):
                if events is None:
                    self.con.execute(f"DELETE FROM {table}")
                else:
                    self.con.execute(f"""DELETE FROM {table} WHERE event IN (SELECT unnest(?))
                                         OR event NOT IN (SELECT id FROM events)""", [list(events)])
            self.add_event_parts(claims, dyads)

    def add_event_parts(self, claims: Sequence[RelationClaim], dyads: Sequence[tuple]) -> None:
        """Add events' parts (see :meth:`replace_event_parts`), in the order given."""
        if claims:
            self._insert_rows("event_claims", ("event", "doc", *_CLAIM_COLUMNS, "k"),
                              [[c.event, c.span.doc if c.span else None, *_claim_row(c), k] for k, c in enumerate(claims)])
        if dyads:
            self._insert_rows("event_dyads", ("event", "source", "target", "month", "quad", "weight", "k"),
                              [[*row, k] for k, row in enumerate(dyads)])

    def mark_relation_parts(self) -> None:
        """Say that every document's stated relations and every event's parts are stored."""
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('relation_parts', 'yes')")

    def holds_relation_parts(self) -> bool:
        """Does the store hold every document's stated relations and every event's parts (see
        :meth:`write_stated_claims`, :meth:`replace_event_parts`)?"""
        row = self.con.execute("SELECT value FROM meta WHERE key = 'relation_parts'").fetchone()
        return bool(row) and row[0] == "yes"

    def claims_between(self, pairs: Iterable[frozenset[str]]) -> list[RelationClaim]:
        """The stored stated relations, then the stored events' claims, between the entities of each of these
        pairs (either way): in document order, then event order, as a whole relate makes them."""
        return self._claims("c.source || chr(1) || c.target IN (SELECT unnest(?))", [_pair_keys(pairs)])

    def claims_of_part(self, part: str) -> list[RelationClaim]:
        """The stored claims (as :meth:`claims_between` orders them) between the pairs of one part: those whose
        smaller entity id has ``part`` as its second character (:func:`pair_part`), so that a whole relate can
        combine the claims part by part, in bounded memory."""
        return self._claims("substr(least(c.source, c.target), 2, 1) = ?", [part])

    def _claims(self, where: str, params: list) -> list[RelationClaim]:
        out = []
        for table, order in (("stated_claims c JOIN documents d ON d.id = c.doc", "d.seq, c.k"),
                             ("event_claims c", "c.event, c.k")):
            rows = self.con.execute(
                f"""SELECT c.doc, {', '.join('c.' + x for x in _CLAIM_COLUMNS)}, {'c.event' if 'event' in table else 'NULL'}
                    FROM {table} WHERE {where} ORDER BY {order}""", params).fetchall()
            out += [RelationClaim(kind=r[1], source=r[2], target=r[3], modality=r[4], valid=Time(*r[5:9]),
                                  reported=Time(*r[9:13]), cue=r[13], span=Span(r[0], r[14], r[15]) if r[0] else None,
                                  ended=bool(r[16]), event=r[17]) for r in rows]
        return out

    def claim_parts(self) -> list[str]:
        """The parts (:meth:`claims_of_part`) that hold any stored claim."""
        return sorted(r[0] for r in self.con.execute(
            """SELECT DISTINCT substr(least(source, target), 2, 1) FROM stated_claims
               UNION SELECT DISTINCT substr(least(source, target), 2, 1) FROM event_claims""").fetchall())

    def dyad_parts_between(self, pairs: Iterable[frozenset[str]]) -> list[tuple]:
        """The stored events' dyad parts (source, target, month, quad class, weight) between the entities of
        each of these pairs, in event order."""
        return [tuple(r) for r in self.con.execute(
            """SELECT source, target, month, quad, weight FROM event_dyads
               WHERE source || chr(1) || target IN (SELECT unnest(?)) ORDER BY event, k""",
            [_pair_keys(pairs)]).fetchall()]

    def dyads(self, source: str | None = None, target: str | None = None, start: str | None = None,
              end: str | None = None) -> list[Dyad]:
        """Monthly dyad rows (``source`` → ``target`` when given; months YYYY-MM from ``start`` to ``end``)."""
        rows = self.con.execute(
            f"""SELECT {', '.join(Dyad.__dataclass_fields__)} FROM dyads
                WHERE (?::VARCHAR IS NULL OR source = ?::VARCHAR) AND (?::VARCHAR IS NULL OR target = ?::VARCHAR)
                  AND (?::VARCHAR IS NULL OR month >= ?::VARCHAR) AND (?::VARCHAR IS NULL OR month <= ?::VARCHAR)
                ORDER BY source, target, month""", [source, source, target, target, start, start, end, end]).fetchall()
        return [Dyad(*row) for row in rows]

    # ------------------------------------------------------------------ reads of the pages and the briefs (dicts)
    def relation_evidence(self, ids: Sequence[str]) -> dict[str, list[dict]]:
        """relation id → its evidence spans ({doc, start, end}), for the stored ones of ``ids``."""
        if not ids:
            return {}
        rows = self.con.execute("SELECT id, evidence FROM relations WHERE list_contains(?, id)", [list(ids)]).fetchall()
        return {i: (json.loads(ev) or []) if isinstance(ev, str) else list(ev or []) for i, ev in rows}

    def relation_rows_of(self, entity_id: str) -> list[dict]:
        """Every relation of an entity (as source or target), strongest first: id, kind, source_id, target_id,
        valid_earliest/latest, reported_earliest/latest, modality, sources, events (a list), retired_before."""
        rows = dict_rows(self.con.execute(
            """SELECT id, kind, source AS source_id, target AS target_id, valid_earliest, valid_latest,
                      reported_earliest, reported_latest, modality, sources, events, retired_before
               FROM relations WHERE source = ? OR target = ? ORDER BY sources DESC, kind, id""",
            [entity_id, entity_id]))
        for r in rows:
            r["events"] = list(r["events"] or [])
        return rows

    def relate_documents(self, chunk: int = 400, only: Sequence[str] | None = None) -> Iterator[RelateInput]:
        """What stage 6 reads of each original (not duplicate) document (of ``only``, when given), oldest first,
        ``chunk`` at a time: its text, publication time, sentence spans and the linked mentions with their
        entities' types."""
        among = " AND id IN (SELECT unnest(?))" if only is not None else ""
        ids = [r[0] for r in self.con.execute(
            f"SELECT id FROM documents WHERE duplicate_of IS NULL{among} ORDER BY seq",
            [list(only)] if only is not None else []).fetchall()]
        for k in range(0, len(ids), chunk):
            part = ids[k:k + chunk]
            docs = self.con.execute(
                """SELECT id, published_value, published_earliest, published_latest, text FROM documents
                   WHERE id IN (SELECT unnest(?))""", [part]).fetchall()
            sentences: dict[str, list[tuple[int, int]]] = {}
            for doc, start, end in self.con.execute(
                    """SELECT doc, start, "end" FROM sentences WHERE doc IN (SELECT unnest(?)) ORDER BY doc, idx""",
                    [part]).fetchall():
                sentences.setdefault(doc, []).append((start, end))
            marks: dict[str, list[LinkedMention]] = {}
            for doc, start, end, entity, kind, label in self.con.execute(
                    """SELECT m.doc, m.start, m."end", m.entity, e.type, m.label FROM mentions m
                       JOIN entities e ON e.id = m.entity
                       WHERE m.doc IN (SELECT unnest(?)) ORDER BY m.doc, m.start""", [part]).fetchall():
                marks.setdefault(doc, []).append(LinkedMention(start, end, entity, kind, label))
            by_id = {row[0]: row for row in docs}
            for doc in part:
                _, v, lo, hi, text = by_id[doc]
                yield RelateInput(doc, Time(v, lo, hi), text or "", tuple(sentences.get(doc, ())),
                                  tuple(marks.get(doc, ())))


_CLAIM_COLUMNS = ("kind", "source", "target", "modality", "valid_value", "valid_earliest", "valid_latest", "valid_text",
                  "reported_value", "reported_earliest", "reported_latest", "reported_text", "cue", "span_start",
                  "span_end", "ended")


def _claim_row(c: RelationClaim) -> list:
    t, r = c.valid, c.reported
    return [c.kind, c.source, c.target, c.modality, t.value, t.earliest, t.latest, t.text, r.value, r.earliest,
            r.latest, r.text, c.cue, c.span.start if c.span else None, c.span.end if c.span else None, c.ended]


def pair_part(a: str, b: str) -> str:
    """The part a pair of entities falls in (:meth:`RelationTables.claims_of_part`): the second character of the
    smaller id (entity ids are "E" and a hash, so the parts are even)."""
    return min(a, b)[1:2]


def _pair_keys(pairs: Iterable[frozenset[str]]) -> list[str]:
    """"source\x01target" both ways for each pair: how the claims and rows between them are looked up."""
    return [f"{a}\x01{b}" for pair in pairs for a in pair for b in pair if a != b]

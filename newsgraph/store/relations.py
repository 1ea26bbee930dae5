"""Stage 6's relations (real columns, in the export's shape) and monthly dyads, and what stage 6 reads."""
from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from newsgraph.records import Dyad, LinkedMention, RelateInput, Relation, RelationClaim, Span, Time
from newsgraph.store.base import Tables
from newsgraph.store.documents import dict_rows
from newsgraph.store.layouts import RELATIONS

__all__ = ["ClaimGroup", "RelationTables", "RoleKinds", "pair_part"]


@dataclass(frozen=True)
class RoleKinds:
    """How the stored roles become claims (as :func:`newsgraph.relate.aggregates.role_claims` makes them): the
    kind of each title ("" for none), and who may hold one (``persons``) in what (``bodies``)."""

    kinds: Mapping[str, str]
    persons: Collection[str]
    bodies: Collection[str]


@dataclass(frozen=True)
class ClaimGroup:
    """The evidence of one relation key (kind, source, target), summed up as combining needs it
    (:func:`newsgraph.relate.combine.summed` sums a list of claims; :meth:`RelationTables.claim_groups` the stored
    ones). The *standing* evidence is what neither says the relation ended nor denies it, else what does not say
    it ended, else all of it."""

    kind: str
    source: str
    target: str
    stated: bool  # some evidence names no event (a sentence or a role)
    documents: int  # the documents its evidence cites
    events: tuple[str, ...]  # the events it rests on, sorted
    weighty: bool  # some evidence is more than words of disapproval
    cues: tuple[str, ...]  # sorted
    modality: str  # the strongest
    valid: Time  # the standing evidence's first low end, last high end and first "since" text
    standing_reported: str | None  # the last report ("" if none known) of standing evidence not ended; None: all ended
    reported: Time  # the first and last report of all of it
    ended: int  # how many pieces say it ended
    ended_before: str  # the last day they give ("" for none)
    ended_reported: str  # the last report of them ("" for none)
    ended_cue: str | None  # the first one's cue
    pieces: int = 0  # its evidence (a claim of a symmetric kind counts once each way)
    evidence: str | None = None  # its spans, encoded as the relations table holds them, when the store summed it



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
                        pairs: Iterable[frozenset[str]] | None = None,
                        evidence: Mapping[str, str] | None = None) -> tuple[int, int]:
        """Replace the relations and the dyads: all of them (stage 6 recomputes them whole), or (`add`) those
        between the entities of each of ``pairs`` (either way) and those of any entity no longer stored;
        ``evidence``: relation id → its evidence already encoded (:attr:`ClaimGroup.evidence`), for relations
        that carry none themselves. Returns how many of each were written."""
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
                columns = RELATIONS.encode([r.as_dict() for r in relations])
                for i, r in enumerate(relations):
                    if evidence and not r.evidence and r.id in evidence:
                        columns["evidence"][i] = evidence[r.id]
                self._insert_columns("relations", columns)
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

    def claim_keys(self, pairs: Iterable[frozenset[str]], roles: RoleKinds | None = None) -> list[tuple[str, str, str, str]]:
        """The distinct (kind, source, target, cue) of the stored claims (and, with ``roles``, of the roles'
        claims) between the entities of each of these pairs (either way)."""
        keys = _pair_keys(pairs)
        if not keys:
            return []
        return [tuple(r) for r in self.con.execute(
            f"WITH raw AS ({_claims_sql(roles is not None)}) SELECT DISTINCT kind, source, target, cue FROM raw ORDER BY ALL",
            _claim_params(keys, roles)).fetchall()]

    def claim_groups(self, pairs: Iterable[frozenset[str]], roles: RoleKinds | None = None,
                     dropped: Collection[tuple[str, str, str, str]] = (), symmetric: Collection[str] = (),
                     verbal: Collection[str] = ()) -> list[ClaimGroup]:
        """The stored claims between the entities of each of these pairs (either way), then (with ``roles``) the
        claims of their roles, summed up by relation key in SQL as :func:`newsgraph.relate.combine.combine` reads
        the same claims one by one (in the order of :meth:`claims_between`, then of :meth:`roles`), without making
        them in Python: those whose (kind, source, target, cue) is ``dropped`` left out; those of a ``symmetric``
        kind read both ways (the other way right after the claim); the first claim kept of each key, span and
        event; ``verbal``: the cues of mere disapproval. Each group carries its spans encoded (``evidence``)."""
        keys = _pair_keys(pairs)
        if not keys:
            return []
        params = {**_claim_params(keys, roles), "dropped": sorted("\x01".join(d) for d in dropped) or ["\x00"],
                  "symmetric": sorted(symmetric) or ["\x00"], "verbal": sorted(verbal) or ["\x00"]}
        out = []
        for r in self.con.execute(_claim_groups_sql(roles is not None), params).fetchall():
            kind, source, target, stated, documents, events, weighty, cues, modality = r[:9]
            tiers = [r[9 + 5 * t:14 + 5 * t] for t in range(3)]  # count, low, high, since, last first report
            reported_low, reported_high, ended_before, ended_reported, ended_cue, pieces, spans, since_event = r[24:]
            t = 0 if tiers[0][0] else 1 if tiers[1][0] else 2
            _n, low, high, since, first = tiers[t]
            since = since or (since_event if t == 0 else None)  # the events' claims come after the others
            out.append(ClaimGroup(
                kind, source, target, stated=bool(stated), documents=documents, events=tuple(sorted(events or ())),
                weighty=bool(weighty), cues=tuple(sorted(cues)), modality=modality,
                valid=Time(earliest=low, latest=high, text=since), standing_reported=first if t < 2 else None,
                reported=Time(earliest=reported_low, latest=reported_high), ended=tiers[2][0],
                ended_before=ended_before or "", ended_reported=ended_reported or "", ended_cue=ended_cue,
                pieces=pieces, evidence=spans or "[]"))
        return out

    def role_titles(self) -> list[str]:
        """The distinct titles of the stored roles ("" for none)."""
        return [r[0] for r in self.con.execute("SELECT DISTINCT coalesce(title, '') FROM roles ORDER BY 1").fetchall()]

    def claim_pairs_of_part(self, part: str) -> list[frozenset[str]]:
        """The pairs of entities (either way) between which a claim is stored, of one part (:meth:`claims_of_part`)."""
        return [frozenset(r) for r in self.con.execute(
            """SELECT least(source, target), greatest(source, target) FROM stated_claims
               WHERE substr(least(source, target), 2, 1) = $part
               UNION SELECT least(source, target), greatest(source, target) FROM event_claims
               WHERE substr(least(source, target), 2, 1) = $part ORDER BY ALL""", {"part": part}).fetchall()]

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

    def dyad_sums_between(self, pairs: Iterable[frozenset[str]], quads: Sequence[str]) -> list[tuple]:
        """The stored events' dyad parts between the entities of each of these pairs, added up by source, target
        and month: (source, target, month, the parts of each of ``quads``, all the parts, the sum of their
        weights added one by one in event order, as :meth:`dyad_parts_between` gives them)."""
        counts = ", ".join(f"count(*) FILTER (WHERE quad = $quads[{i + 1}])" for i in range(len(quads)))
        return [tuple(r) for r in self.con.execute(
            f"""SELECT source, target, month, {counts}, count(*),
                       list_reduce(list(weight ORDER BY event, k), lambda a, b: a + b)
                FROM event_dyads WHERE source || chr(1) || target IN (SELECT unnest($keys))
                GROUP BY source, target, month ORDER BY source, target, month""",
            {"keys": _pair_keys(pairs), "quads": list(quads)}).fetchall()]

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


_COLUMNS = ", ".join("c." + x for x in _CLAIM_COLUMNS)
_ISO_DAY = r"'\d{4}-\d\d-\d\d'"  # records.Time.day


def _ends(prefix: str) -> str:
    """SQL for the ends of a time's columns as ``records.Time`` gives them (an empty string is no end): its low
    and high end, its first and last day."""
    day = f"CASE WHEN regexp_full_match({prefix}_value, {_ISO_DAY}) THEN {prefix}_value END"
    low, high = f"coalesce({day}, nullif({prefix}_earliest, ''))", f"coalesce({day}, nullif({prefix}_latest, ''))"
    return (f"{low} AS {prefix}_low, {high} AS {prefix}_high, coalesce({low}, nullif({prefix}_latest, '')) "
            f"AS {prefix}_first, coalesce({high}, nullif({prefix}_earliest, '')) AS {prefix}_last")


def _claim_params(keys: list[str], roles: RoleKinds | None) -> dict:
    if roles is None:
        return {"keys": keys}
    titles = sorted(roles.kinds)
    return {"keys": keys, "titles": titles, "kinds": [roles.kinds[t] for t in titles],
            "persons": sorted(roles.persons) or ["\x00"], "bodies": sorted(roles.bodies) or ["\x00"]}


def _claims_sql(roles: bool) -> str:
    """The claims between the pairs ``$keys`` (source, chr(1), target): the stated ones in document order, then the
    events' in event order, then (``roles``) the roles' in :meth:`EntityTables.roles`'s order, each evidence span
    a claim (``part``, ``seq``, ``ev``, ``k`` order them)."""
    read = [f"""SELECT c.doc, {_COLUMNS}, NULL::VARCHAR AS event, 0 AS part, d.seq AS seq, NULL::VARCHAR AS ev,
                       c.k AS k
                FROM stated_claims c JOIN documents d ON d.id = c.doc
                WHERE c.source || chr(1) || c.target IN (SELECT unnest($keys))""",
            f"""SELECT c.doc, {_COLUMNS}, c.event, 1, NULL, c.event, c.k
                FROM event_claims c WHERE c.source || chr(1) || c.target IN (SELECT unnest($keys))"""]
    if roles:
        read.append("""
            SELECT r.span.doc, $kinds[list_position($titles, coalesce(r.title, ''))], r.entity, r.of_entity, 'asserted',
                   CASE WHEN r.former THEN NULL ELSE r.value END, CASE WHEN r.former THEN NULL ELSE r.earliest END,
                   CASE WHEN r.former THEN coalesce(nullif(r.latest, ''), r.earliest) ELSE r.latest END,
                   CASE WHEN r.former THEN 'former' END, r.value, r.earliest, r.latest, NULL,
                   'role: ' || CASE WHEN r.former THEN 'former ' ELSE '' END || coalesce(r.title, ''),
                   r.span.start, r.span."end", r.former, NULL, 2, r.n, NULL, r.k
            FROM (SELECT *, unnest(spans) AS span, generate_subscripts(spans, 1) AS k
                  FROM (SELECT entity, title, of_entity, value, earliest, latest, coalesce(former, false) AS former,
                               row_number() OVER (ORDER BY entity, coalesce(value, earliest, latest), title) AS n,
                               coalesce(nullif(json_transform(evidence, '[{"doc": "VARCHAR", "start": "INTEGER",
                                                                           "end": "INTEGER"}]'), []), [NULL]) AS spans
                        FROM roles WHERE entity || chr(1) || of_entity IN (SELECT unnest($keys))
                          AND list_contains($persons, entity) AND list_contains($bodies, of_entity))) r""")
    return " UNION ALL ".join(read)


def _claim_groups_sql(roles: bool) -> str:
    """The query of :meth:`RelationTables.claim_groups` (``roles``: with the roles' claims)."""
    swapped = ", ".join("c.target" if x == "source" else "c.source" if x == "target" else f"c.{x}"
                        for x in ("doc", *_CLAIM_COLUMNS, "event"))
    tiers = ", ".join(f"""count(*) FILTER (WHERE tier = {t}), min(valid_low) FILTER (WHERE tier = {t}),
                          max(valid_high) FILTER (WHERE tier = {t}),
                          arg_min(valid_text, pos) FILTER (WHERE tier = {t} AND starts_with(valid_text, 'since')),
                          max(coalesce(reported_first, '')) FILTER (WHERE tier = {t})""" for t in (0, 1, 2))
    # The events' claims are most of them, and need neither an order nor a first of each key, span and event:
    # one event's claims of a key and span are alike, and they are never ended, denied or alone in a group of
    # denied or ended claims. Only their first "since" is looked for in their order.
    return f"""
        WITH raw AS ({_claims_sql(roles)}),
        kept AS (SELECT * FROM raw
                 WHERE kind || chr(1) || source || chr(1) || target || chr(1) || cue NOT IN (SELECT unnest($dropped))
                   AND source <> target),
        ordered AS (SELECT *, row_number() OVER (ORDER BY part, seq, k) AS n FROM kept WHERE event IS NULL),
        both_ways AS (SELECT c.doc, {_COLUMNS}, c.event, 2 * n AS pos FROM ordered c
                      UNION ALL SELECT {swapped}, 2 * n + 1 FROM ordered c WHERE list_contains($symmetric, c.kind)),
        firsts AS (SELECT * FROM both_ways QUALIFY row_number() OVER (
                       PARTITION BY kind, source, target, doc, span_start, span_end ORDER BY pos) = 1
                   UNION ALL SELECT c.doc, {_COLUMNS}, c.event, NULL FROM kept c WHERE c.event IS NOT NULL
                   UNION ALL SELECT {swapped}, NULL FROM kept c
                             WHERE c.event IS NOT NULL AND list_contains($symmetric, c.kind)),
        since AS (SELECT kind, source, target, arg_min(valid_text, n) AS since
                  FROM (SELECT *, row_number() OVER (ORDER BY ev, k, flip) AS n
                        FROM (SELECT kind, source, target, valid_text, ev, k, 0 AS flip FROM kept
                              WHERE event IS NOT NULL AND starts_with(valid_text, 'since')
                              UNION ALL SELECT kind, target, source, valid_text, ev, k, 1 FROM kept
                              WHERE event IS NOT NULL AND starts_with(valid_text, 'since')
                                AND list_contains($symmetric, kind)))
                  GROUP BY kind, source, target),
        claims AS (SELECT *, CASE WHEN ended THEN 2 WHEN modality = 'negated' THEN 1 ELSE 0 END AS tier,
                          {_ends('valid')}, {_ends('reported')} FROM firsts),
        groups AS (
            SELECT kind, source, target, bool_or(event IS NULL) AS stated, count(DISTINCT doc) AS documents,
                   list(DISTINCT event) FILTER (WHERE event IS NOT NULL) AS events,
                   bool_or(NOT list_contains($verbal, cue)) AS weighty, list(DISTINCT cue) AS cues,
                   CASE WHEN bool_or(modality = 'asserted') THEN 'asserted' WHEN bool_or(modality = 'claimed')
                        THEN 'claimed' ELSE arg_min(modality, pos) END AS modality,
                   {tiers},
                   min(reported_low), max(reported_high),
                   max(coalesce(valid_last, reported_last, '')) FILTER (WHERE tier = 2),
                   max(coalesce(reported_last, '')) FILTER (WHERE tier = 2),
                   arg_min(cue, pos) FILTER (WHERE tier = 2), count(*),
                   CAST(to_json(list_sort(list(DISTINCT {{'doc': doc, 'start': span_start, 'end': span_end}})
                                          FILTER (WHERE doc IS NOT NULL))) AS VARCHAR)
            FROM claims GROUP BY kind, source, target)
        SELECT g.*, s.since FROM groups g LEFT JOIN since s USING (kind, source, target)
        ORDER BY kind, source, target"""


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

"""Entities and what resolution keeps beside them: the mentions' links, roles, the merge log, acronyms and
places."""
from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Sequence

import numpy as np

from newsgraph.records import (
    AcronymDefinition,
    AliasCount,
    Entity,
    EntityDocument,
    EntityRow,
    LocalActor,
    Mention,
    MergeRow,
    Place,
    Resolution,
    Role,
    RoleClaimRow,
    TitleGiven,
    Span,
    Time,
)
from newsgraph.store.base import Tables
from newsgraph.store.documents import dict_rows

__all__ = ["EntityTables"]


class EntityTables(Tables):
    """Entities, their mentions' links, roles, merges and places."""

    def local_actors(self, docs: Sequence[str] | None = None, entities: Sequence[str] | None = None,
                     locals_: Sequence[str] | None = None, per_local: int | None = None) -> list[LocalActor]:
        """Every document's local actors, oldest document first; only those of ``docs``, of ``entities``
        (the actors linked to them) or with these local keys, when given; at most the ``per_local`` oldest of
        each local key."""
        where, params = "", []
        for column, values in (("m.doc", docs), ("m.entity", entities), ("m.local", locals_)):
            if values is not None:
                where += f" AND {column} IN (SELECT unnest(?))"
                params.append(list(values))
        oldest = f"QUALIFY row_number() OVER (PARTITION BY m.local ORDER BY any_value(d.seq)) <= {int(per_local)}" \
            if per_local is not None else ""
        cursor = self.con.cursor()
        cursor.execute(
            f"""SELECT m.doc, m.local, any_value(d.seq) AS seq, min(m.start) AS first,
                      list(m.name ORDER BY m.start), list(m.label ORDER BY m.start),
                      list(m.titles ORDER BY m.start) FILTER (WHERE m.titles <> ''), any_value(m.country),
                      list(DISTINCT m.sentence)
               FROM mentions m JOIN documents d ON d.id = m.doc
               WHERE m.local IS NOT NULL{where} GROUP BY m.doc, m.local {oldest} ORDER BY seq, first""",
            params)
        out: list[LocalActor] = []
        shared: dict = {}
        while rows := cursor.fetchmany(10_000):  # streamed: the raw rows of the whole store are never held at once
            out.extend(_local_actor(row, shared) for row in rows)
        return out

    def entity_actors(self, entities: Sequence[str], docs: Sequence[str] | None = None) -> dict[str, list[LocalActor]]:
        """entity id → the local actors linked to it (in ``docs``, when given), oldest document first, for these
        entities."""
        among = " AND m.doc IN (SELECT unnest(?))" if docs is not None else ""
        rows = self.con.execute(
            f"""SELECT any_value(m.entity), m.doc, m.local, any_value(d.seq) AS seq, min(m.start) AS first,
                      list(m.name ORDER BY m.start), list(m.label ORDER BY m.start),
                      list(m.titles ORDER BY m.start) FILTER (WHERE m.titles <> ''), any_value(m.country),
                      list(DISTINCT m.sentence)
               FROM mentions m JOIN documents d ON d.id = m.doc
               WHERE m.local IS NOT NULL AND m.entity IN (SELECT unnest(?)){among}
               GROUP BY m.doc, m.local ORDER BY seq, first""",
            [list(entities)] + ([list(docs)] if docs is not None else [])).fetchall()
        out: dict[str, list[LocalActor]] = {}
        shared: dict = {}
        for entity, *row in rows:
            out.setdefault(entity, []).append(_local_actor(row, shared))
        return out

    def entity_aliases(self, ids: Sequence[str]) -> dict[str, set[str]]:
        """entity id → its aliases, for the stored ones of ``ids``."""
        return {i: set(a or ()) for i, a in self.con.execute(
            "SELECT id, aliases FROM entities WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()}

    def entity_name_counts(self, ids: Sequence[str]) -> dict[str, dict[str, int]]:
        """entity id → how often each name is written for it (its linked actors' mentions), for these ids."""
        out: dict[str, dict[str, int]] = {}
        for entity, name, n in self.con.execute(
                """SELECT entity, name, count(*) FROM mentions WHERE local IS NOT NULL AND name IS NOT NULL
                   AND entity IN (SELECT unnest(?)) GROUP BY entity, name""", [list(ids)]).fetchall():
            out.setdefault(entity, {})[name] = n
        return out

    def write_name_blocks(self, rows: Sequence[tuple[str, str]], replace: bool) -> None:
        """Store (blocking key, local key) rows of the name index: all of them (``replace``), or more."""
        with self.transaction():
            if replace:
                self.con.execute("DELETE FROM name_blocks")
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('name_blocks', 'yes')")
            if rows:
                self._insert_rows("name_blocks", ("key", "local"), sorted(set(rows)))

    def names_blocked(self, keys: Sequence[str]) -> list[str] | None:
        """The local keys stored under any of these blocking keys, sorted; None when the store holds no
        blocks yet (made before them: its next whole resolution writes them)."""
        ready = self.con.execute("SELECT value FROM meta WHERE key = 'name_blocks'").fetchone()
        if not ready or ready[0] != "yes":
            return None
        return [r[0] for r in self.con.execute(
            "SELECT DISTINCT local FROM name_blocks WHERE key IN (SELECT unnest(?)) ORDER BY local", [list(keys)]).fetchall()]

    def name_index(self) -> dict[str, tuple[str, str]]:
        """Local key → (the entity most of its linked actors belong to, a name it is written with): what
        `add` resolves new actors against."""
        out: dict[str, tuple[str, str]] = {}
        for local, entity, name, _n in self.con.execute(
                """SELECT local, entity, any_value(name), count(*) AS n FROM mentions
                   WHERE local IS NOT NULL AND entity IS NOT NULL GROUP BY local, entity
                   ORDER BY local, n DESC, entity""").fetchall():
            out.setdefault(local, (entity, name))
        return out

    def link_new_actors(self, links: Sequence[tuple[str, str, str]]) -> None:
        """Point the mentions of these (doc, local key) at their entity, leaving every other link as it is."""
        if not links:
            return
        with self.transaction():
            self.con.execute("""UPDATE mentions SET entity = l.entity
                                FROM (SELECT unnest(?) AS doc, unnest(?) AS local, unnest(?) AS entity) l
                                WHERE mentions.doc = l.doc AND mentions.local = l.local""",
                             [[x[0] for x in links], [x[1] for x in links], [x[2] for x in links]])

    def update_resolution(self, resolution: Resolution, holders: Sequence[str]) -> None:
        """Write these entities (replacing any of the same id) and their places, the roles (replacing every
        stored one of the ``holders``), and add the merge notes: what `add` resolved."""
        ids = [e.id for e in resolution.entities]
        with self.transaction():
            self.con.execute("DELETE FROM entities WHERE id IN (SELECT unnest(?))", [ids])
            self.con.execute("DELETE FROM places WHERE entity IN (SELECT unnest(?))", [ids])
            self.con.execute("DELETE FROM roles WHERE entity IN (SELECT unnest(?))", [list(holders)])
            self._write_resolution_rows(resolution)

    def acronym_definitions(self) -> list[AcronymDefinition]:
        """Each acronym's long forms, with how many documents define it so."""
        return [AcronymDefinition(*row) for row in self.con.execute(
            "SELECT acronym, long_form, count(DISTINCT doc) FROM acronyms GROUP BY ALL ORDER BY ALL").fetchall()]

    def titles_given(self, docs: Sequence[str]) -> list[TitleGiven]:
        """The offices these documents give the people they name, by where each person is named (the role claims
        alone: no entity is looked up, so a stage that has the documents' mentions reads only this small table)."""
        return [TitleGiven(*row) for row in self.con.execute(
            """SELECT doc, person_start, title, former FROM role_claims WHERE doc IN (SELECT unnest(?))
               ORDER BY doc, person_start""", [list(docs)]).fetchall()]

    def role_claims(self, docs: Sequence[str] | None = None, persons: Sequence[str] | None = None) -> list[RoleClaimRow]:
        """Role claims with the entity of their person and of their body, and their time — their sentence's, else
        the document's publication time; in document order; only those of ``docs`` or of ``persons``, when
        given."""
        where, params = "", []
        for column, values in (("c.doc", docs), ("p.entity", persons)):
            if values is not None:
                where += f" AND {column} IN (SELECT unnest(?))"
                params.append(list(values))
        return [RoleClaimRow(*row) for row in self.con.execute(
            f"""SELECT p.entity, c.title, o.entity, c.of_country, c.former, c.doc, c.evidence_start, c.evidence_end,
                      CASE WHEN c.time_value IS NULL THEN d.published_value ELSE c.time_value END,
                      CASE WHEN c.time_value IS NULL THEN d.published_earliest ELSE c.time_earliest END,
                      CASE WHEN c.time_value IS NULL THEN d.published_latest ELSE c.time_latest END,
                      c.time_text
               FROM role_claims c JOIN mentions p ON p.doc = c.doc AND p.start = c.person_start
               LEFT JOIN mentions o ON o.doc = c.doc AND o.start = c.of_start
               JOIN documents d ON d.id = c.doc
               WHERE p.entity IS NOT NULL{where} ORDER BY d.seq, c.evidence_start""", params).fetchall()]

    def offices_held(self, persons: Sequence[str], country_entity: Callable[[str], str]) -> list[tuple[str, str, str | None, int]]:
        """(person, title, body, claims) for the role claims of these persons, each office in the order of its first
        claim (:meth:`role_claims`'s): what :func:`newsgraph.resolve._offices_by_entity` counts. The body is the
        claim's entity, else its country's (``country_entity`` of the code)."""
        params = {"persons": list(persons), **self._country_entities(country_entity)}
        return [tuple(r) for r in self.con.execute(
            f"""WITH c AS ({_ROLE_CLAIMS}), n AS (SELECT *, row_number() OVER (ORDER BY seq, start) AS k FROM c)
                SELECT person, title, body, count(*) FROM n GROUP BY person, title, body ORDER BY person, min(k)""",
            params).fetchall()]

    def replace_roles_of(self, persons: Sequence[str], military: Collection[str],
                         country_entity: Callable[[str], str]) -> int:
        """Replace the roles of these persons by those of their role claims, made in SQL as
        :func:`newsgraph.resolve._name_roles` makes them from :func:`newsgraph.resolve.role_offices` (one per
        person, title and body: the union of the claims' times, former when all are, every claim's span in
        :meth:`role_claims`'s order; a leader or head of one of the ``military`` bodies commands it); returns how
        many were written."""
        params = {"persons": list(persons), "military": sorted(military) or ["\x00"],
                  **self._country_entities(country_entity)}
        with self.transaction():
            self.con.execute("DELETE FROM roles WHERE entity IN (SELECT unnest($persons))", {"persons": list(persons)})
            return self.con.execute(f"""
                INSERT INTO roles ({', '.join(_ROLE_COLUMNS)})
                WITH c AS ({_ROLE_CLAIMS}),
                t AS (SELECT *, CASE WHEN title IN ('leader', 'head') AND list_contains($military, body)
                                     THEN 'commander' ELSE title END AS named,
                             CASE WHEN former THEN NULL ELSE value END AS t_value,
                             CASE WHEN former THEN NULL ELSE earliest END AS t_earliest,
                             CASE WHEN former THEN coalesce(nullif(latest, ''), value) ELSE latest END AS t_latest
                      FROM c),
                d AS (SELECT *, CASE WHEN regexp_full_match(t_value, '\\d{{4}}-\\d\\d-\\d\\d') THEN t_value END AS day FROM t)
                SELECT person, named, body,
                       CASE WHEN count(DISTINCT coalesce(t_value, chr(0))) = 1 THEN any_value(t_value) END,
                       CASE WHEN bool_and(coalesce(nullif(t_earliest, ''), day) IS NOT NULL)
                            THEN min(coalesce(nullif(t_earliest, ''), day)) END,
                       CASE WHEN bool_and(coalesce(nullif(t_latest, ''), day) IS NOT NULL)
                            THEN max(coalesce(nullif(t_latest, ''), day)) END,
                       bool_and(former),
                       '[' || string_agg('{{"doc": ' || CAST(to_json(doc) AS VARCHAR) || ', "start": '
                                         || coalesce(CAST(start AS VARCHAR), 'null') || ', "end": '
                                         || coalesce(CAST("end" AS VARCHAR), 'null') || '}}', ', ' ORDER BY seq, start) || ']'
                FROM d GROUP BY person, named, body""", params).fetchone()[0]

    def _country_entities(self, country_entity: Callable[[str], str]) -> dict[str, list[str]]:
        codes = [r[0] for r in self.con.execute(
            "SELECT DISTINCT of_country FROM role_claims WHERE of_country IS NOT NULL AND of_country <> '' ORDER BY 1").fetchall()]
        return {"codes": codes or ["\x00"], "code_entities": [country_entity(c) for c in codes] or ["\x00"]}

    def entities_of_actors(self, actors: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """(doc, local key) → the entity its mentions are linked to, for these local actors."""
        if not actors:
            return {}
        rows = self.con.execute(
            """SELECT m.doc, m.local, any_value(m.entity) FROM mentions m
               JOIN (SELECT unnest(?) AS doc, unnest(?) AS local) a ON a.doc = m.doc AND a.local = m.local
               WHERE m.entity IS NOT NULL GROUP BY m.doc, m.local""",
            [[d for d, _ in actors], [loc for _, loc in actors]]).fetchall()
        return {(d, loc): e for d, loc, e in rows}

    def link_actors(self, links: Sequence[tuple[str, str, str]]) -> None:
        """Point every mention of each (doc, local key) at its entity."""
        with self.transaction():
            self.con.execute("UPDATE mentions SET entity = NULL WHERE entity IS NOT NULL")
            if links:
                self.con.register("_links", {
                    "doc": np.array([x[0] for x in links], dtype=object),
                    "local": np.array([x[1] for x in links], dtype=object),
                    "entity": np.array([x[2] for x in links], dtype=object),
                })
                try:
                    self.con.execute("""UPDATE mentions SET entity = l.entity FROM _links l
                                        WHERE mentions.doc = l.doc AND mentions.local = l.local""")
                finally:
                    self.con.unregister("_links")

    def write_resolution(self, resolution: Resolution) -> None:
        """Replace the entities, their roles and the merge log (the mentions are linked by ``link_actors``)."""
        with self.transaction():
            for table in ("entities", "roles", "merges", "places"):
                self.con.execute(f"DELETE FROM {table}")
            self._write_resolution_rows(resolution)

    def _write_resolution_rows(self, resolution: Resolution) -> None:
        if resolution.places:
            self._insert_rows("places", list(Place.__dataclass_fields__), [
                [getattr(p, f) for f in Place.__dataclass_fields__] for p in resolution.places])
        if resolution.entities:
            self._insert_rows("entities", ("id", "name", "type", "aliases", "country", "sector"), [
                [e.id, e.name, e.type, list(e.aliases), e.country, e.sector] for e in resolution.entities])
        if resolution.roles:
            self._insert_rows("roles", _ROLE_COLUMNS, [
                [r.entity, r.title, r.of, r.time.value, r.time.earliest, r.time.latest, r.former,
                 json.dumps([{"doc": s.doc, "start": s.start, "end": s.end} for s in r.evidence])]
                for r in resolution.roles])
        if resolution.merges:
            self._insert_rows("merges", ("entity", "left_name", "right_name", "score", "reason"), [
                [m.entity, m.left, m.right, m.score, m.reason] for m in resolution.merges])

    def places(self) -> dict[str, Place]:
        """entity id → where the place is, for the place entities the gazetteer located."""
        rows = self.con.execute(f"SELECT {', '.join(Place.__dataclass_fields__)} FROM places").fetchall()
        return {row[0]: Place(*row) for row in rows}

    def roles(self, entity_id: str | None = None, among: Sequence[str] | None = None) -> list[Role]:
        """The roles of one entity, or of all (of those held by one of ``among`` in one of ``among``, when given),
        ordered by time."""
        where, params = ("WHERE entity = ?", [entity_id]) if entity_id else ("", [])
        if among is not None:
            where, params = "WHERE entity IN (SELECT unnest(?)) AND of_entity IN (SELECT unnest(?))", [list(among)] * 2
        rows = self.con.execute(
            f"SELECT entity, title, of_entity, value, earliest, latest, former, evidence FROM roles {where} "
            "ORDER BY entity, coalesce(value, earliest, latest), title", params).fetchall()
        return [Role(e, t, o, Time(v, lo, hi), bool(f), tuple(Span(**s) for s in json.loads(ev)))
                for e, t, o, v, lo, hi, f, ev in rows]

    def find_entities(self, name: str) -> list[str]:
        """Ids of the entities with this name or alias (case-insensitive), else of those with an alias
        containing it as a word ("Hegazi" finds "Mahmoud Hegazi"); best known first."""
        exact = """lower(e.name) = lower(?) OR list_contains(list_transform(e.aliases, lambda a: lower(a)), lower(?))"""
        word = """list_contains(flatten(list_transform(e.aliases, lambda a: string_split_regex(lower(a), '[ -]+'))),
                                lower(?))"""
        for where, params in ((exact, [name, name]), (word, [name])):
            rows = self.con.execute(f"""SELECT e.id FROM entities e JOIN mentions m ON m.entity = e.id WHERE {where}
                                        GROUP BY e.id ORDER BY count(*) DESC""", params).fetchall()
            if rows:
                return [r[0] for r in rows]
        return []

    def alias_counts(self, entity_id: str) -> list[AliasCount]:
        """Each spelling of an entity with its mentions, most used first."""
        return [AliasCount(*row) for row in self.con.execute("""SELECT coalesce(name, text), count(*) FROM mentions WHERE entity = ?
                                   GROUP BY ALL ORDER BY 2 DESC, 1""", [entity_id]).fetchall()]

    def documents_of(self, entity_id: str, limit: int | None = None) -> list[EntityDocument]:
        """The documents naming an entity, by publication (the first ``limit``; all when None)."""
        return [EntityDocument(*row) for row in self.con.execute(
            """SELECT d.id, d.title, coalesce(d.published_value, '≥ ' || d.published_earliest, '≤ ' || d.published_latest),
                      count(*) FROM mentions m JOIN documents d ON d.id = m.doc WHERE m.entity = ?
               GROUP BY d.id, d.title, d.published_value, d.published_earliest, d.published_latest
               ORDER BY coalesce(d.published_value, d.published_earliest) NULLS LAST, 1 LIMIT ?""",
            [entity_id, limit]).fetchall()]

    def documents_naming(self, entity_id: str, limit: int | None = None) -> tuple[int, list[dict]]:
        """How many documents name an entity, and (the first ``limit`` of) them in publication order: id, title,
        outlet, published, earliest, mentions (how often each names it)."""
        rows = dict_rows(self.con.execute(
            """SELECT d.id, d.title, d.outlet, d.published_value AS published, d.published_earliest AS earliest,
                      n AS mentions, count(*) OVER () AS total
               FROM (SELECT doc, count(*) AS n FROM mentions WHERE entity = ? GROUP BY doc) m
               JOIN documents d ON d.id = m.doc
               ORDER BY d.published_earliest NULLS LAST, d.id LIMIT ?""", [entity_id, limit]))
        if rows:
            total = int(rows[0]["total"])
        else:
            total = int(self.con.execute("SELECT count(DISTINCT doc) FROM mentions WHERE entity = ?",
                                         [entity_id]).fetchone()[0]) if limit == 0 else 0
        return total, [{k: v for k, v in r.items() if k != "total"} for r in rows]

    def merges_of(self, entity_id: str) -> list[MergeRow]:
        """The merge log of an entity: why its names are one actor."""
        return [MergeRow(*row) for row in self.con.execute(
            "SELECT left_name, right_name, score, reason FROM merges WHERE entity = ?", [entity_id]).fetchall()]

    def entity(self, entity_id: str) -> Entity | None:
        row = self.con.execute("SELECT id, name, type, aliases, country, sector FROM entities WHERE id = ?",
                               [entity_id]).fetchone()
        return entity_from_row(row) if row else None

    def entities(self) -> Iterator[tuple[Entity, list[Mention]]]:
        """Every entity with its mentions, by mention count then name."""
        rows = self.con.execute(
            """SELECT e.id, e.name, e.type, e.aliases, e.country, e.sector,
                      list(struct_pack(doc := m.doc, start := m.start, "end" := m."end", text := m.text,
                                       label := m.label, sentence := m.sentence) ORDER BY m.doc, m.start) AS ms
               FROM entities e JOIN mentions m ON m.entity = e.id
               GROUP BY ALL ORDER BY len(ms) DESC, e.name""").fetchall()
        for row in rows:
            mentions = [Mention(m["doc"], m["start"], m["end"], m["text"], m["label"], m["sentence"]) for m in row[6]]
            yield entity_from_row(row[:6]), mentions

    def entity_table(self, limit: int | None = 50, search: str | None = None) -> list[EntityRow]:
        """Entities for listings, most mentioned first (``search``: in the name or an alias, any case)."""
        where, params = "", []
        if search:
            where = ("WHERE e.name ILIKE ? OR len(list_filter(e.aliases, lambda a: contains(lower(a), lower(?)))) > 0")
            params = [f"%{search}%", search]
        return [EntityRow(*row) for row in self.con.execute(
            f"""SELECT e.id, e.name, e.type, count(*) AS n, count(DISTINCT m.doc) AS docs, e.country, e.sector,
                       e.aliases
                FROM entities e JOIN mentions m ON m.entity = e.id {where}
                GROUP BY e.id, e.name, e.type, e.country, e.sector, e.aliases ORDER BY n DESC, e.name LIMIT ?""",
            params + [limit if limit else 2**62]).fetchall()]

    def entity_names(self, ids: Sequence[str]) -> dict[str, str]:
        """entity id → name, for the known ones of ``ids``."""
        if not ids:
            return {}
        return dict(self.con.execute("SELECT id, name FROM entities WHERE id IN (SELECT unnest(?))",
                                     [list(ids)]).fetchall())

    def entities_of_types(self, types: Sequence[str] | None = None) -> list[Entity]:
        """The entities of these types (all when None), without their aliases: their codes."""
        where, params = ("WHERE type IN (SELECT unnest(?))", [list(types)]) if types is not None else ("", [])
        return [Entity(i, name, kind, (), country, sector) for i, name, kind, country, sector in self.con.execute(
            f"SELECT id, name, type, country, sector FROM entities {where}", params).fetchall()]

    # ------------------------------------------------------------------ reads of the pages and the briefs (dicts)
    def entity_index_rows(self) -> list[dict]:
        """Every entity, most mentioned first: id, name, type, country, sector, aliases (a list), mentions (0 for
        an entity no mention names)."""
        rows = dict_rows(self.con.execute(
            """SELECT e.id, e.name, e.type, e.country, e.sector, e.aliases, coalesce(c.n, 0) AS mentions
               FROM entities e LEFT JOIN (SELECT entity, count(*) AS n FROM mentions GROUP BY entity) c
               ON c.entity = e.id ORDER BY mentions DESC, e.name"""))
        for r in rows:
            r["aliases"] = list(r["aliases"] if r["aliases"] is not None else [])
        return rows

    def entity_card_parts(self, entity_id: str) -> dict:
        """In one query, what a card shows beside the entity's fields: ``aliases`` ({alias, count}, most used
        first), ``roles`` ({title, of, value, earliest, latest, former, sources}), ``merges`` ({left_name,
        right_name, score, reason}, best first) and ``place`` ({name, lat, lon, country, admin1, precision} or
        None)."""
        found = dict_rows(self.con.execute("""SELECT
            (SELECT list({'alias': alias, 'count': n} ORDER BY n DESC, alias)
             FROM (SELECT coalesce(name, text) AS alias, count(*) AS n FROM mentions WHERE entity = ? GROUP BY ALL)) AS aliases,
            (SELECT list({'title': title, 'of': of_entity, 'value': value, 'earliest': earliest, 'latest': latest,
                          'former': former, 'sources': coalesce(json_array_length(evidence), 0)})
             FROM roles WHERE entity = ?) AS roles,
            (SELECT list({'left_name': left_name, 'right_name': right_name, 'score': score, 'reason': reason}
                         ORDER BY score DESC, left_name, right_name) FROM merges WHERE entity = ?) AS merges,
            (SELECT {'name': name, 'lat': lat, 'lon': lon, 'country': country, 'admin1': admin1, 'precision': precision}
             FROM places WHERE entity = ? LIMIT 1) AS place""", [entity_id] * 4))[0]
        place = found["place"] if isinstance(found["place"], dict) and found["place"].get("lat") is not None else None
        return {"aliases": [dict(a) for a in found["aliases"] or []], "roles": [dict(r) for r in found["roles"] or []],
                "merges": [dict(m) for m in found["merges"] or []], "place": place}

    def place_of(self, entity_id: str) -> dict | None:
        """Where a place entity is (name, lat, lon, country, admin1, precision), or None."""
        rows = dict_rows(self.con.execute(
            "SELECT name, lat, lon, country, admin1, precision FROM places WHERE entity = ? LIMIT 1", [entity_id]))
        return rows[0] if rows else None

    def entity_mention_spans(self, entity_id: str, as_of: str | None = None) -> list[dict]:
        """Every mention of an entity (doc, start, alias: its resolved name or text) in documents not known to be
        published after ``as_of`` (an ISO day; None: all), by publication, document and offset."""
        return dict_rows(self.con.execute(
            """SELECT m.doc, m.start, coalesce(m.name, m.text) AS alias FROM mentions m JOIN documents d ON d.id = m.doc
               WHERE m.entity = ? AND (CAST(? AS VARCHAR) IS NULL OR d.published_earliest IS NULL
                                       OR d.published_earliest <= ?)
               ORDER BY d.published_earliest NULLS LAST, m.doc, m.start""", [entity_id, as_of, as_of]))

    def role_rows(self, entity_id: str) -> list[dict]:
        """An entity's roles as stored (title, of_entity, value, earliest, latest, former, evidence: a list of
        {doc, start, end}), by title."""
        rows = dict_rows(self.con.execute(
            """SELECT title, of_entity, value, earliest, latest, former, evidence FROM roles WHERE entity = ?
               ORDER BY title""", [entity_id]))
        for r in rows:
            r["evidence"] = json.loads(r["evidence"]) if isinstance(r["evidence"], str) else list(r["evidence"] or [])
        return rows

    def entities_named_in(self, doc_ids: Sequence[str], types: Sequence[str], limit: int) -> list[dict]:
        """The entities of ``types`` most mentioned in these documents (at most ``limit``): entity, n (mentions),
        docs (documents naming it), first ("doc:start" of its first mention, the start zero-padded to 9)."""
        if not doc_ids:
            return []
        return dict_rows(self.con.execute(
            """SELECT m.entity, count(*) AS n, count(DISTINCT m.doc) AS docs,
                      min(m.doc || ':' || lpad(CAST(m.start AS VARCHAR), 9, '0')) AS first
               FROM mentions m JOIN entities e ON e.id = m.entity
               WHERE list_contains(?, m.doc) AND list_contains(?, e.type)
               GROUP BY m.entity ORDER BY n DESC, m.entity LIMIT ?""", [list(doc_ids), list(types), limit]))


def entity_from_row(row) -> Entity:
    return Entity(id=row[0], name=row[1], type=row[2], aliases=tuple(row[3] or ()), country=row[4], sector=row[5])


_ROLE_COLUMNS = ("entity", "title", "of_entity", "value", "earliest", "latest", "former", "evidence")
# the role claims of $persons as role_offices reads them (time: the sentence's, else the document's), with the
# entity of their body, else of its country ($codes → $code_entities), in role_claims' order (seq, start)
_ROLE_CLAIMS = """
    SELECT p.entity AS person, c.title, coalesce(o.entity, $code_entities[list_position($codes, c.of_country)]) AS body,
           coalesce(c.former, false) AS former, c.doc, c.evidence_start AS start, c.evidence_end AS "end", d.seq,
           CASE WHEN c.time_value IS NULL THEN d.published_value ELSE c.time_value END AS value,
           CASE WHEN c.time_value IS NULL THEN d.published_earliest ELSE c.time_earliest END AS earliest,
           CASE WHEN c.time_value IS NULL THEN d.published_latest ELSE c.time_latest END AS latest
    FROM role_claims c JOIN mentions p ON p.doc = c.doc AND p.start = c.person_start
    LEFT JOIN mentions o ON o.doc = c.doc AND o.start = c.of_start
    JOIN documents d ON d.id = c.doc
    WHERE p.entity IS NOT NULL AND p.entity IN (SELECT unnest($persons))"""


def _local_actor(row: Sequence, shared: dict) -> LocalActor:
    """A local actor from its row (doc, local, seq, first, names, labels, titles, country, sentences). ``shared``
    keeps one copy of each string and tuple the rows repeat (labels, names, countries, documents): the whole
    resolution holds every document's actors at once."""
    doc, local, seq, first, names, labels, titles, country, sentences = row

    def one(value):
        return shared.setdefault(value, value)

    return LocalActor(one(doc), local, seq, first, one(tuple(one(n) for n in names)), one(tuple(one(x) for x in labels)),
                      one(tuple(one(t) for ts in (titles or []) for t in ts.split(" | "))), one(country),
                      tuple(sentences))

"""The Python API: a store read as pandas DataFrames, and the build.

Public entry points: :func:`open` (a :class:`Graph` over a store file), :func:`build`, :func:`add` and
:func:`remove`.

Example, on the bundled example corpus::

    import newsgraph

    newsgraph.build(["examples/corpus"], db="news.duckdb")
    g = newsgraph.open("news.duckdb")
    g.entities(search="hifter")                       # id, name, type, country, sector, mentions, documents
    g.events(actor="Hifter", start="2017", end="2017-06")
    g.relations(kind="supports", as_of="2017-12")     # typed, dated, cited relations standing then
    g.sql("SELECT type, count(*) AS n FROM entities GROUP BY type")

Every method opens the store for reading only for the time of its call (a build may write between two
calls) and returns a :class:`Frame`, a pandas DataFrame that also converts with ``to_arrow()`` and
``to_polars()`` when pyarrow or polars are installed. Bad input raises the errors of
:mod:`newsgraph.errors` (InputError, QueryError, StoreError), each with a fix.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING

import pandas as pd

from newsgraph.errors import InputError
from newsgraph.records import BuildReport, Document, EntityCard, EntityRow, Listing, Problem, StoreStats, Time
from newsgraph.settings import DEFAULT_DB, Settings
from newsgraph.store import Store
from newsgraph.store.connection import WaitNotice

if TYPE_CHECKING:  # the query modules load the stages (spaCy): imported when a call needs them
    from newsgraph.events.timeline import Timeline
    from newsgraph.relate.queries import SystemView

Progress = Callable[[str, int, "int | None"], None]  # (stage, steps done, steps in all), as the build reports

__all__ = ["Frame", "Graph", "add", "build", "extract", "open", "remove"]


class Frame(pd.DataFrame):
    """A pandas DataFrame with conversions to Arrow and polars (when those packages are installed)."""

    @property
    def _constructor(self):
        return Frame

    def to_arrow(self):
        """This table as a pyarrow Table (needs ``pip install pyarrow``)."""
        try:
            import pyarrow
        except ImportError:
            raise InputError("pyarrow is not installed", "pip install pyarrow") from None
        return pyarrow.Table.from_pandas(pd.DataFrame(self), preserve_index=False)

    def to_polars(self):
        """This table as a polars DataFrame (needs ``pip install polars pyarrow``)."""
        try:
            import polars
        except ImportError:
            raise InputError("polars is not installed", "pip install polars") from None
        return polars.from_pandas(pd.DataFrame(self))


def _frame(rows: Sequence[dict] | Sequence[Sequence], columns: Sequence[str]) -> Frame:
    return Frame(pd.DataFrame.from_records(list(rows), columns=list(columns)))


class Graph:
    """A newsgraph store read as DataFrames (see the module docstring). Use :func:`open`.

    Beside the frames, the records they are made of (``document_list``, ``entity_list``, ``card``,
    ``timeline_of``, ``relation_list``, ``system_on``, ``dyad_of``, ``roles_held``, ``summary``): the command
    line prints these, so it shows nothing the library cannot give."""

    def __init__(self, path: str, on_wait: WaitNotice | None = None):
        self.path = path
        self.on_wait = on_wait  # told once when a call has to wait for a build that holds the file
        with self._store():
            pass  # fail now, with the store's own message, on a missing or foreign file

    def __repr__(self) -> str:
        return f"newsgraph.Graph({self.path!r})"

    @contextmanager
    def _store(self) -> Iterator[Store]:
        with Store.open(self.path, create=False, read_only=True, on_wait=self.on_wait) as store:
            yield store

    # ------------------------------------------------------------------ records
    def document_list(self, limit: int | None = None, text: bool = False) -> list[Document]:
        """The documents in the order they were stored (the first ``limit``; with their ``text`` when asked)."""
        with self._store() as store:
            return list(islice(store.documents(include_text=text), limit or None))

    def entity_list(self, search: str | None = None, limit: int | None = None) -> list[EntityRow]:
        """The entities (with ``search`` in a name or alias, any case), most mentioned first."""
        with self._store() as store:
            return store.entity_table(limit=limit, search=search)

    def card(self, name_or_id: str) -> EntityCard:
        """One entity by id or any name or spelling (QueryError when none): see :class:`EntityCard`."""
        with self._store() as store:
            ids = [name_or_id] if store.entity(name_or_id) else store.find_entities(name_or_id)
            if not ids:
                from newsgraph.events.timeline import find_actor

                find_actor(store, name_or_id)  # raises the QueryError naming the fix
            entity = store.entity(ids[0])
            roles = store.roles(entity.id)
            return EntityCard(entity, tuple(store.entity(i) for i in ids[1:]), tuple(store.alias_counts(entity.id)),
                              tuple(roles), store.entity_names(sorted({r.of for r in roles if r.of})),
                              tuple(store.documents_of(entity.id)), tuple(store.merges_of(entity.id)))

    def timeline_of(self, actor: str | None = None, type: str | None = None, start: str | None = None,  # noqa: A002
                    end: str | None = None, limit: int | None = None) -> Timeline:
        """Dated, cited events in time order (see ``newsgraph.events.timeline``); ``total`` counts all."""
        from newsgraph.events.timeline import TimelineQuery, timeline as run_timeline

        with self._store() as store:
            return run_timeline(store, TimelineQuery(actor=actor, type=type, start=start, end=end, limit=limit))

    def relation_list(self, actor: str | None = None, kind: str | None = None, as_of: str | None = None) -> Listing:
        """Relations (of ``actor``, of ``kind``, standing on ``as_of``), strongest first, with the names of their
        ends and the titles of the documents they cite."""
        from newsgraph.relate.queries import relations as run_relations

        with self._store() as store:
            found = run_relations(store, actor=actor, kind=kind, as_of=as_of)
            return Listing(tuple(found), store.entity_names(sorted({x for r in found for x in (r.source, r.target)})),
                           store.document_titles(sorted({s.doc for r in found for s in r.evidence})))

    def system_on(self, as_of: str | None = None, since: str | None = None) -> SystemView:
        """The camps standing on ``as_of`` and who moved together or apart since ``since``."""
        from newsgraph.relate.queries import system

        with self._store() as store:
            return system(store, as_of=as_of, since=since)

    def dyad_of(self, a: str, b: str, start: str | None = None, end: str | None = None) -> Listing:
        """The monthly rows between two actors (any spelling), both ways; ``names`` gives the two actors'
        ids in the order asked, with their names."""
        from newsgraph.relate.queries import dyad as run_dyad

        with self._store() as store:
            ia, ib, rows = run_dyad(store, a, b, start, end)
            names = store.entity_names([ia, ib])
            return Listing(tuple(rows), {i: names.get(i, i) for i in (ia, ib)})

    def roles_held(self, as_of: str | None = None, actor: str | None = None, title: str | None = None) -> Listing:
        """Who held which office on ``as_of`` (every known holding when None), with the names of persons and
        bodies."""
        from newsgraph.relate.queries import roles_on

        with self._store() as store:
            held = roles_on(store, as_of, actor, title)
            return Listing(tuple(held), store.entity_names(sorted({x for h in held for x in (h.person, h.of) if x})))

    def summary(self, top: int = 10) -> StoreStats:
        """Counts, the publication date range, the most mentioned entities and any unfinished build."""
        with self._store() as store:
            return store.stats(top)

    def export(self, fmt: str, output: str | None) -> list[str]:
        """Write the store in ``fmt`` (see ``newsgraph.export``) to ``output``; returns the paths written."""
        from newsgraph.export import export as run

        with self._store() as store:
            return run(store, fmt, output)

    # ------------------------------------------------------------------ frames
    def documents(self) -> Frame:
        """One row per document: id, source, title, outlet, url, published value/earliest/latest and basis,
        duplicate_of, story, characters."""
        with self._store() as store:
            stories = {doc: sid for sid, _title, docs in store.stories() for doc in docs}
        rows = [{"id": d.id, "source": d.source, "title": d.title, "outlet": d.outlet, "url": d.url,
                 "published": d.published.value, "published_earliest": d.published.earliest,
                 "published_latest": d.published.latest, "published_basis": d.published_basis,
                 "duplicate_of": d.duplicate_of, "story": stories.get(d.id), "characters": len(d.text)}
                for d in self.document_list(text=True)]
        return _frame(rows, ["id", "source", "title", "outlet", "url", "published", "published_earliest",
                             "published_latest", "published_basis", "duplicate_of", "story", "characters"])

    def entities(self, search: str | None = None) -> Frame:
        """One row per entity (with ``search`` in a name or alias, any case), most mentioned first: id, name,
        type, country, sector, aliases, mentions, documents."""
        rows = [{"id": e.id, "name": e.name, "type": e.type, "country": e.country, "sector": e.sector,
                 "aliases": list(e.aliases or ()), "mentions": e.mentions, "documents": e.documents}
                for e in self.entity_list(search=search, limit=None)]
        return _frame(rows, ["id", "name", "type", "country", "sector", "aliases", "mentions", "documents"])

    def entity(self, name_or_id: str) -> dict:
        """The card of one entity (any name, spelling or id): its fields, aliases with counts, roles, the
        documents that name it and its merge log."""
        c = self.card(name_or_id)
        e = c.entity
        return {"id": e.id, "name": e.name, "type": e.type, "country": e.country, "sector": e.sector,
                "aliases": dict(c.aliases),
                "roles": [{"title": r.title, "of": r.of, "of_name": c.bodies.get(r.of) if r.of else None,
                           "value": r.time.value, "earliest": r.time.earliest, "latest": r.time.latest,
                           "former": r.former, "sources": len(r.evidence)} for r in c.roles],
                "documents": [d._asdict() for d in c.documents], "merges": [m._asdict() for m in c.merges],
                "also": [{"id": x.id, "name": x.name} for x in c.also]}

    def events(self, actor: str | None = None, type: str | None = None, start: str | None = None,  # noqa: A002
               end: str | None = None, as_of: str | None = None) -> Frame:
        """One row per event (of ``actor`` as actor or recipient, of PLOVER ``type``, overlapping
        [``start``, ``end``], known to have begun by ``as_of``), in time order: id, type, mode, cameo,
        actors, recipients, location (names and ids), time value/earliest/latest, time_precision, modality,
        sources, sentence (the first report)."""
        from newsgraph.events.timeline import TimelineQuery, parse_day, timeline as run_timeline

        day = parse_day(as_of, last=True).isoformat() if as_of else None
        with self._store() as store:
            found = run_timeline(store, TimelineQuery(actor=actor, type=type, start=start, end=end, limit=0))
            bodies = store.events_by_id([e.event for e in found.entries])
            names = store.entity_names(sorted({x for b in bodies.values() for x in
                                               [*b["actors"], *b["recipients"], b.get("location")] if x}))
        rows = []
        for entry in found.entries:
            b = bodies[entry.event]
            t = Time.of(b.get("time"))
            if day and (not t.first_day or t.first_day > day):
                continue
            rows.append({"id": b["id"], "type": b["type"], "mode": b.get("mode"), "cameo": b.get("cameo"),
                         "actors": [names.get(a, a) for a in b["actors"]], "actor_ids": list(b["actors"]),
                         "recipients": [names.get(r, r) for r in b["recipients"]],
                         "recipient_ids": list(b["recipients"]),
                         "location": names.get(b.get("location")) if b.get("location") else None,
                         "location_id": b.get("location"), "time": t.value, "earliest": t.earliest, "latest": t.latest,
                         "time_precision": b.get("time_precision"), "modality": b.get("modality"),
                         "sources": b.get("sources"), "sentence": (b.get("mentions") or [{}])[0].get("sentence")})
        return _frame(rows, ["id", "type", "mode", "cameo", "actors", "actor_ids", "recipients", "recipient_ids",
                             "location", "location_id", "time", "earliest", "latest", "time_precision", "modality",
                             "sources", "sentence"])

    def timeline(self, actor: str | None = None, type: str | None = None, start: str | None = None,  # noqa: A002
                 end: str | None = None, limit: int | None = None) -> Frame:
        """What ``newsgraph timeline`` prints, as rows: when, type, actors → recipients, modality, sources and
        the first citation (document, title, sentence)."""
        found = self.timeline_of(actor, type, start, end, limit)
        rows = [{"event": e.event, "when": e.when, "start": e.start, "end": e.end, "type": e.type, "mode": e.mode,
                 "actors": [p.name for p in e.actors], "recipients": [p.name for p in e.recipients],
                 "location": e.location.name if e.location else None, "modality": e.modality, "sources": e.sources,
                 "doc": e.citations[0].doc if e.citations else None,
                 "title": e.citations[0].title if e.citations else None,
                 "sentence": e.citations[0].sentence if e.citations else None} for e in found.entries]
        return _frame(rows, ["event", "when", "start", "end", "type", "mode", "actors", "recipients", "location",
                             "modality", "sources", "doc", "title", "sentence"])

    def relations(self, actor: str | None = None, kind: str | None = None, as_of: str | None = None) -> Frame:
        """One row per relation (of ``actor``, of ``kind``, standing on ``as_of``), strongest first: id, kind,
        source, target (names and ids), valid and reported intervals, modality, sources, events, retired."""
        found = self.relation_list(actor, kind, as_of)
        names = found.names
        rows = [{"id": r.id, "kind": r.kind, "source": names.get(r.source, r.source), "target": names.get(r.target, r.target),
                 "source_id": r.source, "target_id": r.target, "valid_earliest": r.valid.earliest,
                 "valid_latest": r.valid.latest, "reported_earliest": r.reported.earliest,
                 "reported_latest": r.reported.latest, "modality": r.modality, "sources": r.sources,
                 "events": list(r.events), "retired_before": (r.retired or {}).get("before")} for r in found.items]
        return _frame(rows, ["id", "kind", "source", "target", "source_id", "target_id", "valid_earliest",
                             "valid_latest", "reported_earliest", "reported_latest", "modality", "sources", "events",
                             "retired_before"])

    def dyads(self) -> Frame:
        """The monthly dyad rows: source, target (ids), month, the four quad-class counts, score, events."""
        with self._store() as store:
            rows = [d.as_dict() for d in store.dyads()]
        return _frame(rows, ["source", "target", "month", "verbal_cooperation", "material_cooperation",
                             "verbal_conflict", "material_conflict", "score", "events"])

    def roles(self, as_of: str | None = None, actor: str | None = None, title: str | None = None) -> Frame:
        """Who held which office on ``as_of`` (every known holding when None)."""
        found = self.roles_held(as_of, actor, title)
        names = found.names
        rows = [{"person": names.get(h.person, h.person), "person_id": h.person, "title": h.title,
                 "of": names.get(h.of, h.of) if h.of else None, "of_id": h.of, "time": h.time.value,
                 "earliest": h.time.earliest, "latest": h.time.latest, "sources": h.sources} for h in found.items]
        return _frame(rows, ["person", "person_id", "title", "of", "of_id", "time", "earliest", "latest", "sources"])

    def stories(self) -> Frame:
        """One row per story: id, title, documents (ids)."""
        with self._store() as store:
            rows = [{"id": sid, "title": title, "documents": list(docs)} for sid, title, docs in store.stories()]
        return _frame(rows, ["id", "title", "documents"])

    def sql(self, query: str, params: Sequence | None = None) -> Frame:
        """Run a read-only SQL query on the store (DuckDB SQL) and return its rows."""
        with self._store() as store:
            columns, rows = store.query(query, params)
        return _frame(rows, columns)


def open(path: str = DEFAULT_DB) -> Graph:  # noqa: A001 - the library's verb, as sqlite3.connect is its
    """The store at ``path`` for reading (see the module docstring)."""
    return Graph(path)


def build(paths: Sequence[str] | str, db: str = DEFAULT_DB, model: str | None = None, *,
          settings: Settings | None = None, on_progress: Progress | None = None,
          on_wait: WaitNotice | None = None) -> BuildReport:
    """Build the articles at ``paths`` (files, directories, globs) into the store ``db`` (created if missing);
    returns the build's report (documents, duplicates, problems, seconds). ``settings`` replaces ``db`` and
    ``model``; ``on_progress(stage, done, total)`` hears each stage's progress; ``on_wait`` is told when the
    store is held by another process."""
    from newsgraph.pipeline import build as run_build

    return run_build(_paths(paths), settings or Settings(db=db, model=model), on_progress=on_progress,
                     on_wait=on_wait)


def add(paths: Sequence[str] | str, db: str = DEFAULT_DB, model: str | None = None, *,
        settings: Settings | None = None, on_progress: Progress | None = None,
        on_wait: WaitNotice | None = None) -> BuildReport:
    """Add new articles to the existing store ``db``: only documents not stored yet are processed (the
    options as for :func:`build`)."""
    from newsgraph.pipeline import build as run_build

    return run_build(_paths(paths), settings or Settings(db=db, model=model), must_exist=True,
                     on_progress=on_progress, on_wait=on_wait)


def remove(keys: Sequence[str] | str, db: str = DEFAULT_DB, model: str | None = None, *,
           settings: Settings | None = None, on_progress: Progress | None = None,
           on_wait: WaitNotice | None = None):
    """Remove documents (ids or sources) and all that rests only on them from the store ``db``; the
    corpus-wide stages are derived again. Returns the report (removed ids, re-read duplicates, seconds)."""
    from newsgraph.pipeline import remove as run_remove

    return run_remove(_paths(keys), settings or Settings(db=db, model=model), on_progress=on_progress,
                      on_wait=on_wait)


def extract(paths: Sequence[str] | str, max_bytes: int | None = None) -> Iterator[dict | Problem]:
    """Read and clean the articles at ``paths`` without NLP: each document as the export's document record
    (near duplicates marked), or a Problem for an input that could not be read."""
    from newsgraph.export import document_record
    from newsgraph.ingest import ingest
    from newsgraph.ingest.dedup import DuplicateFinder

    settings = Settings() if max_bytes is None else Settings(max_bytes=max_bytes)
    finder = DuplicateFinder(settings)
    for item in ingest(_paths(paths), settings):
        yield item if isinstance(item, Problem) else document_record(finder.mark(item))


def _paths(paths: Sequence[str] | str) -> list[str]:
    return [paths] if isinstance(paths, str) else [str(p) for p in paths]


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
calls; inside ``with g.held():`` the calls reuse one open store instead). The tables come as a
:class:`Frame`, a pandas DataFrame that also converts with ``to_arrow()`` and ``to_polars()`` when pyarrow
or polars are installed. Bad input raises the errors of
:mod:`newsgraph.errors` (InputError, QueryError, StoreError), each with a fix.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING

import pandas as pd

from newsgraph.errors import InputError, QueryError, StoreError
from newsgraph.records import (
    BuildReport,
    Document,
    EntityCard,
    EntityIndex,
    EntityRow,
    EventPage,
    Listing,
    Problem,
    StoreStats,
    Time,
)
from newsgraph.settings import DEFAULT_DB, Settings
from newsgraph.store import Store
from newsgraph.store.connection import WaitNotice
from newsgraph.store.events import event_order, overlaps

if TYPE_CHECKING:  # the query modules load the stages (spaCy): imported when a call needs them
    from newsgraph.events.timeline import Timeline
    from newsgraph.relate.queries import SystemView

Progress = Callable[[str, int, "int | None"], None]  # (stage, steps done, steps in all), as the build reports

__all__ = ["MODALITIES", "PLOVER_TYPES", "EntityIndex", "EventPage", "Frame", "Graph", "add", "build", "event_order",
           "extract", "open", "overlaps", "remove", "sentence_at"]

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODALITIES = ("asserted", "negated", "future", "hypothetical", "offered", "claimed")


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
    line prints these, so it shows nothing the library cannot give. And the reads the web pages and the briefs
    make, as dicts of the keys each names (``entity_index``, ``search_*``, ``entity_card``, ``entity_relations``,
    ``event_page``, ``event_body``, ``reports``, ``document``, ``documents_of``, ``story`` …): the web shows
    nothing the library cannot give either. ``with graph.held():`` keeps one store open across many calls."""

    def __init__(self, path: str, on_wait: WaitNotice | None = None):
        self.path = path
        self.on_wait = on_wait  # told once when a call has to wait for a build that holds the file
        self._lock = threading.Lock()
        self._kept: Store | None = None  # the store held open by held(), while any holder or call uses it
        self._holders = 0
        self._users = 0
        with self._store():
            pass  # fail now, with the store's own message, on a missing or foreign file

    def __repr__(self) -> str:
        return f"newsgraph.Graph({self.path!r})"

    def __getstate__(self) -> dict:
        return {"path": self.path, "on_wait": self.on_wait}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"], state["on_wait"])

    @contextmanager
    def held(self) -> Iterator[None]:
        """Keep the store open for a block of many reads: each call of this Graph then reuses the open store
        (a few ms; each on a cursor of its own, so threads may share it) instead of opening the file again (20 ms
        or more). Where it cannot (a build holds the file), the calls open it themselves, waiting as they do.
        Blocks nest; the store closes when the last ends and no call uses it."""
        with self._lock:
            if self._kept is None:
                try:
                    self._kept = Store.open(self.path, create=False, read_only=True, wait=0)
                except StoreError:
                    pass
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                self._release()

    def _release(self) -> None:
        """Close the held store when no holder and no call uses it (the caller has the lock)."""
        if self._kept is not None and self._holders == 0 and self._users == 0:
            self._kept.close()
            self._kept = None

    @contextmanager
    def _store(self) -> Iterator[Store]:
        with self._lock:
            kept = self._kept if self._holders else None
            if kept is not None:
                self._users += 1
        if kept is None:
            with Store.open(self.path, create=False, read_only=True, on_wait=self.on_wait) as store:
                yield store
            return
        try:
            with Store(kept.con.cursor(), self.path, True, self.on_wait) as store:
                yield store
        finally:
            with self._lock:
                self._users -= 1
                self._release()

    # ------------------------------------------------------------------ records
    def document_list(self, limit: int | None = None, text: bool = False) -> list[Document]:
        """The documents in the order they were stored (the first ``limit``; with their ``text`` when asked)."""
        with self._store() as store:
            return list(islice(store.documents(include_text=text), limit or None))

    def entity_list(self, search: str | None = None, limit: int | None = None) -> list[EntityRow]:
        """The entities (with ``search`` in a name or alias, any case), most mentioned first."""
        with self._store() as store:
            return store.entity_table(limit=limit, search=search)

    def card(self, name_or_id: str, documents: int | None = 100) -> EntityCard:
        """One entity by id or any name or spelling (QueryError when none): see :class:`EntityCard`; its first
        ``documents`` documents (None: all; ``documents_of`` counts them)."""
        with self._store() as store:
            ids = [name_or_id] if store.entity(name_or_id) else store.find_entities(name_or_id)
            if not ids:
                from newsgraph.events.timeline import find_actor

                find_actor(store, name_or_id)  # raises the QueryError naming the fix
            entity = store.entity(ids[0])
            roles = store.roles(entity.id)
            return EntityCard(entity, tuple(store.entity(i) for i in ids[1:]), tuple(store.alias_counts(entity.id)),
                              tuple(roles), store.entity_names(sorted({r.of for r in roles if r.of})),
                              tuple(store.documents_of(entity.id, documents)), tuple(store.merges_of(entity.id)))

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

    # ------------------------------------------------------------------ the pages' and briefs' reads (dicts)
    def entity_index(self) -> EntityIndex:
        """Every entity with its mention count, most mentioned first, and the folded (lower-case,
        transliterated) names, aliases and words that :meth:`search_entities` matches."""
        from anyascii import anyascii

        with self._store() as store:
            rows = store.entity_index_rows()
        owners: dict[str, set[int]] = {}
        for k, r in enumerate(rows):
            whole = {_fold(a, anyascii) for a in [r["name"], *r["aliases"]]} - {""}
            for form in whole:
                owners.setdefault(form, set()).add(k)
            for word in {w for a in whole for w in a.replace("-", " ").split()} - whole:
                owners.setdefault(word, set()).add(-1 - k)
        forms = tuple(sorted(owners))
        return EntityIndex(tuple(rows), {r["id"]: r for r in rows}, forms,
                           tuple(tuple(sorted(owners[f])) for f in forms))

    def search_entities(self, query: str, limit: int = 20, index: EntityIndex | None = None) -> list[dict]:
        """Entities a query names, best first (the index's rows with ``match``): an exact name or alias (100), a
        word of one such as a surname (95), a part of one (90), or a misspelling of one or of a word (fuzzy ratio
        of the transliterated, lower-cased forms, 80 or more); among equals the most mentioned first.
        ``index``: an :meth:`entity_index` already made (else one is made)."""
        from anyascii import anyascii
        from rapidfuzz import fuzz, process

        index = index or self.entity_index()
        q = _fold(query, anyascii)
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
        ranked = sorted(best.items(),
                        key=lambda kv: (-kv[1], -index.rows[kv[0]]["mentions"], index.rows[kv[0]]["name"]))
        return [index.rows[k] | {"match": round(value, 1)} for k, value in ranked[:limit]]

    def search_events(self, query: str, limit: int = 20) -> list[dict]:
        """Events of a PLOVER type (when the query is one), else whose reports' sentences contain the query (as
        typed, lower-case, capitalised, title-case or upper-case): the first ``limit`` found in the store, then
        put in time order (each a page event: see ``newsgraph.store.events.page_event``)."""
        q = query.strip()
        with self._store() as store:
            return store.search_event_rows(q.upper() if q.upper() in PLOVER_TYPES else None, q, limit)

    def search_documents(self, query: str, limit: int = 20) -> list[dict]:
        """Documents whose title contains the query (any case), then those whose text does: the first
        ``limit`` (id, title, outlet, published, published_earliest)."""
        with self._store() as store:
            return store.search_documents(query, limit)

    def search_stories(self, query: str, limit: int = 20) -> list[dict]:
        """Stories with the query in their title (any case), by id: id, title, documents (how many)."""
        with self._store() as store:
            return store.story_list(query, limit)

    def entity_card(self, entity_id: str, index: EntityIndex | None = None) -> dict:
        """An entity by id without its documents (which a much-mentioned entity has thousands of): id, name,
        type, country, sector, aliases ({alias, count}), roles ({title, of, value, earliest, latest, former,
        sources}), merges and place (or None). QueryError when no entity has the id."""
        with self._store() as store:
            row = index.by_id.get(entity_id) if index is not None else None
            if row is None:
                e = store.entity(entity_id)
                row = e and {"id": e.id, "name": e.name, "type": e.type, "country": e.country, "sector": e.sector}
            if not row:
                raise QueryError(f"no entity has the id {entity_id!r}", "search for it on the search page or /api/search")
            parts = store.entity_card_parts(entity_id)
        return {k: row[k] for k in ("id", "name", "type", "country", "sector")} | parts

    def entity_relations(self, entity_id: str, index: EntityIndex | None = None) -> list[dict]:
        """Every relation of an entity id (as source or target), strongest first, with the names of its ends
        (``source``, ``target``) beside their ids (``source_id``, ``target_id``); see
        ``Store.relation_rows_of`` for the other keys. (:meth:`relations` takes a name, which two entities
        may share, and reads all relations.)"""
        with self._store() as store:
            rows = store.relation_rows_of(entity_id)
            names = index.name if index is not None else \
                _namer(store.entity_names(sorted({x for r in rows for x in (r["source_id"], r["target_id"])})))
        for r in rows:
            r["source"], r["target"] = names(r["source_id"]), names(r["target_id"])
        return rows

    def event_page(self, entity_id: str | None = None, type: str | None = None, start: str | None = None,  # noqa: A002
                   end: str | None = None, modality: str | None = None, limit: int = 50, offset: int = 0) -> EventPage:
        """Events (of an entity id as actor, recipient or place, or all) of PLOVER ``type`` and ``modality``,
        overlapping the ISO days [``start``, ``end``], in time order: one page, filtered, counted and cut in the
        store, each with its first report's sentence (see :class:`EventPage`)."""
        with self._store() as store:
            return store.event_page(entity_id, type, start, end, modality, limit, offset)

    def entity_events(self, entity_id: str, type: str | None = None, start: str | None = None,  # noqa: A002
                      end: str | None = None, modality: str | None = None) -> list[dict]:
        """All of an entity's events (as actor, recipient or place) with all their reports (``mentions``), by
        type, modality and ISO days, in time order."""
        with self._store() as store:
            return store.entity_event_rows(entity_id, type, start, end, modality)

    def event_body(self, event_id: str) -> dict:
        """One event by id with all its reports (``mentions``); QueryError when none has it."""
        with self._store() as store:
            return _known(store.event_row(event_id), "event", event_id,
                          "search for events on the search page or /api/events")

    def reports(self, body: dict) -> list[dict]:
        """Every report of an event (:meth:`event_body`): doc, title, outlet, published, basis, start, end,
        sentence_index, the sentence cut at its trigger (``pre``, ``trigger``, ``post``) and the sentences
        ``before`` and ``after`` it in the document."""
        mentions = body.get("mentions") or []
        with self._store() as store:
            docs = store.documents_by_id(sorted({m["doc"] for m in mentions}))
            sentences = store.sentences_by_doc(sorted(docs))
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

    def report_details(self, doc_ids: Sequence[str]) -> list[dict]:
        """The coded event mentions of these documents, each with the time expression that dates it (doc,
        sentence_start, trigger_start, magnitude, time_value, time_text)."""
        with self._store() as store:
            return store.report_details(doc_ids)

    def report_roles(self, doc_ids: Sequence[str]) -> list[dict]:
        """The coded event mentions of these documents with the phrases that name their parties (see
        ``Store.report_roles``): what a brief checks a report against before citing it."""
        with self._store() as store:
            return store.report_roles(doc_ids)

    def linked_mentions(self, doc_ids: Sequence[str]) -> dict[str, list[dict]]:
        """doc id → its mentions linked to an entity ({start, end, entity, label}), in text order."""
        with self._store() as store:
            return store.linked_mentions(doc_ids)

    def place(self, entity_id: str | None) -> dict | None:
        """Where a place entity is (name, lat, lon, country, admin1, precision); None when unknown."""
        if not entity_id:
            return None
        with self._store() as store:
            return store.place_of(entity_id)

    def document(self, doc_id: str) -> dict:
        """One document with its metadata, clean text and what cleaning removed (``removed`` lines and their
        ``removed_reasons``); QueryError when none has the id."""
        with self._store() as store:
            return _known(store.document_page(doc_id), "document", doc_id,
                          "list documents on the search page or /api/documents")

    def document_mentions(self, doc_id: str) -> list[dict]:
        """A document's entity mentions (start, end, text, entity), in text order."""
        with self._store() as store:
            return store.document_mentions(doc_id)

    def document_events(self, doc_id: str) -> list[dict]:
        """The events a document reports, in time order, each with ``reports``: its mentions in this document."""
        with self._store() as store:
            return store.document_event_rows(doc_id)

    def documents_page(self, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
        """How many documents, and one page of them in publication order (id, source, title, outlet, url,
        published, basis, story)."""
        with self._store() as store:
            return store.document_rows(limit, offset)

    def documents_of(self, entity_id: str, limit: int | None = None) -> tuple[int, list[dict]]:
        """How many documents name an entity (by id), and the first ``limit`` of them (None: all) in publication
        order: id, title, outlet, published, earliest, mentions."""
        with self._store() as store:
            return store.documents_naming(entity_id, limit)

    def documents_by_id(self, doc_ids: Sequence[str]) -> dict[str, dict]:
        """doc id → id, title, outlet, url, published, earliest, basis, text (the stored ones of ``doc_ids``)."""
        with self._store() as store:
            return store.documents_by_id(doc_ids)

    def sentences_by_doc(self, doc_ids: Sequence[str]) -> dict[str, list[dict]]:
        """doc id → its sentences in order ({doc, idx, start, end})."""
        with self._store() as store:
            return store.sentences_by_doc(doc_ids)

    def entity_mentions(self, entity_id: str, as_of: str | None = None) -> list[dict]:
        """Every mention of an entity (doc, start, alias) in documents not known to be published after ``as_of``
        (an ISO day), by publication, document and offset."""
        with self._store() as store:
            return store.entity_mention_spans(entity_id, as_of)

    def entity_roles(self, entity_id: str) -> list[dict]:
        """An entity's roles as stored (title, of_entity, value, earliest, latest, former, evidence spans)."""
        with self._store() as store:
            return store.role_rows(entity_id)

    def entities_named_in(self, doc_ids: Sequence[str], types: Sequence[str] = ("PERSON", "ORG", "GPE", "NORP"),
                          limit: int = 8) -> list[dict]:
        """The entities of ``types`` most mentioned in these documents: entity, n, docs, first ("doc:start")."""
        with self._store() as store:
            return store.entities_named_in(doc_ids, types, limit)

    def relation_evidence(self, relation_ids: Sequence[str]) -> dict[str, list[dict]]:
        """relation id → its evidence spans ({doc, start, end})."""
        with self._store() as store:
            return store.relation_evidence(relation_ids)

    def span_texts(self, spans: Sequence[dict]) -> dict[tuple, dict]:
        """The text of evidence spans ({doc, start, end}) with their document's title, outlet and published
        date, cut in the store (not by reading whole documents), by (doc, start, end)."""
        with self._store() as store:
            return store.span_texts(spans)

    def story(self, story_id: str) -> dict:
        """One story: id, title, its documents in publication order (id, title, outlet, published, earliest,
        basis) and the events they report (each once, in time order). QueryError when none has the id."""
        with self._store() as store:
            s = _known(store.story_row(story_id), "story", story_id, "list stories on the search page or /api/stories")
            docs = store.document_headers(s["documents"])
            events: dict[str, dict] = {}
            for d in docs:
                for e in store.document_event_rows(d["id"]):
                    events.setdefault(e["id"], e)
        return {"id": s["id"], "title": s["title"], "documents": docs, "events": sorted(events.values(), key=event_order)}

    def story_list(self) -> list[dict]:
        """Every story (id, title, documents: how many), largest first."""
        with self._store() as store:
            return store.story_list()

    def has_story(self, story_id: str) -> bool:
        """Is there a story with this id?"""
        with self._store() as store:
            return store.story_row(story_id) is not None

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

    def entity(self, name_or_id: str, documents: int | None = 100) -> dict:
        """The card of one entity (any name, spelling or id): its fields, aliases with counts, roles, the
        documents that name it (the first ``documents``; None: all) and its merge log."""
        c = self.card(name_or_id, documents)
        e = c.entity
        return {"id": e.id, "name": e.name, "type": e.type, "country": e.country, "sector": e.sector,
                "aliases": dict(c.aliases),
                "roles": [{"title": r.title, "of": r.of, "of_name": c.bodies.get(r.of) if r.of else None,
                           "value": r.time.value, "earliest": r.time.earliest, "latest": r.time.latest,
                           "former": r.former, "sources": len(r.evidence)} for r in c.roles],
                "documents": [d._asdict() for d in c.documents],
                "documents_total": self.documents_of(e.id, 0)[0] if documents is not None and
                len(c.documents) >= documents else len(c.documents),
                "merges": [m._asdict() for m in c.merges],
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


def extract(paths: Sequence[str] | str, max_bytes: int | None = None, workers: int = 0) -> Iterator[dict | Problem]:
    """Read and clean the articles at ``paths`` without NLP: each document as the export's document record
    (near duplicates marked), or a Problem for an input that could not be read; in input order. Files are
    read and cleaned by ``workers`` processes (0: one per core) when there are many."""
    from newsgraph.export import document_record
    from newsgraph.ingest.dedup import DuplicateFinder

    settings = Settings() if max_bytes is None else Settings(max_bytes=max_bytes)
    finder = DuplicateFinder(settings)
    for item in _cleaned(_paths(paths), settings, workers):
        yield item if isinstance(item, Problem) else document_record(finder.mark(item))


_PARALLEL_FROM = 24  # fewer files than this are read here: starting processes would cost more


def _cleaned(paths: list[str], settings: Settings, workers: int) -> Iterator:
    """The cleaned documents and the Problems of ``paths``, in input order (``ingest``'s), read in parallel
    processes when there are many files."""
    import os
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from newsgraph.ingest import ingest
    from newsgraph.ingest.readers import discover

    found = list(discover(paths))
    files = [f for f in found if not isinstance(f, Problem)]
    n = workers or os.cpu_count() or 1
    if n == 1 or len(files) < _PARALLEL_FROM:
        yield from ingest(paths, settings)
        return
    with ProcessPoolExecutor(n, mp_context=get_context("spawn")) as pool:
        read = pool.map(_clean_file, files, [settings] * len(files), chunksize=4)
        for item in found:
            yield from ([item] if isinstance(item, Problem) else next(read))


def _clean_file(path: str, settings: Settings) -> list:
    """One file's cleaned documents and Problems (run in a worker process)."""
    from newsgraph.ingest import to_document
    from newsgraph.ingest.readers import read_path

    return [raw if isinstance(raw, Problem) else to_document(raw) for raw in read_path(path, settings)]


def _known(found: dict | None, what: str, key: str, fix: str) -> dict:
    """``found``, or the QueryError that no ``what`` has the id ``key`` (with ``fix``)."""
    if found is None:
        raise QueryError(f"no {what} has the id {key!r}", fix)
    return found


def _fold(text: str | None, anyascii: Callable[[str], str]) -> str:
    return anyascii(text or "").lower().strip()


def _namer(names: dict[str, str]) -> Callable[[str | None], str | None]:
    return lambda i: (names.get(i, i) if i else None)


def sentence_at(sentences: Sequence[dict], offset: int) -> dict | None:
    """The sentence ({idx, start, end}) holding a character offset (the last one starting at or before it)."""
    best = None
    for s in sentences:
        if s["start"] <= offset:
            best = s
        else:
            break
    return best


def _paths(paths: Sequence[str] | str) -> list[str]:
    return [paths] if isinstance(paths, str) else [str(p) for p in paths]


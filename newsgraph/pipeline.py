"""build and add: ingest → deduplicate → annotate → time → store → resolve → events → stories → relate, streamed in batches.

Public entry points: :func:`build` (also `add`) and :func:`remove`. Memory holds one batch of documents at a
time, never the corpus.
Each batch is written in one transaction; a document whose id is already stored is not processed
again, so re-running a build (or one that was killed) finishes the job without duplicates.
"""
from __future__ import annotations

import shlex
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial

from newsgraph.annotate import ParsedSegment, collect, load_model, paragraph_tokens, parse_segments
from newsgraph.events import code_document
from newsgraph.events.assemble import assemble, merge_reports
from newsgraph.events.grouping import group_stories
from newsgraph.events.reported import bound_undated_documents
from newsgraph.relate import relate
from newsgraph.ingest import to_document
from newsgraph.ingest.dedup import DuplicateFinder
from newsgraph.ingest.readers import discover, internal_error, read_path, source_name
from newsgraph.records import Annotation, BuildReport, Document, DocumentBatch, EventMention, LocalResolution, Problem
from newsgraph import resolve as resolve_stage
from newsgraph.errors import BuildError, NewsgraphError, QueryError
from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.store.connection import WaitNotice
from newsgraph.time.document import document_times

__all__ = ["Progress", "RemoveReport", "build", "remove"]

Progress = Callable[[str, int, "int | None"], None]  # (stage, steps done, steps in all; None: not known)


@dataclass
class _Tally:
    documents: int = 0
    annotated: int = 0
    already_stored: int = 0
    exact: int = 0
    near: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage
    step: str = "starting"  # what the build is doing, for the message if the store or the machine fails

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started


def build(paths: list[str], settings: Settings | None = None, nlp=None, on_progress: Progress | None = None,
          must_exist: bool = False, on_wait: WaitNotice | None = None) -> BuildReport:
    """Add every article in ``paths`` to the store at ``settings.db`` (created unless ``must_exist``).

    Stories are regrouped in full, except with ``must_exist`` (`newsgraph add`): then only the new
    documents are assigned, to existing stories or new ones. One bad input never stops the build: each
    becomes a Problem in the report. Only the store or the machine failing stops it, with a BuildError
    that names the step. The store is released while documents are parsed, so readers can open it."""
    settings = settings or Settings()
    started = time.perf_counter()
    files: list[str] = []
    tally = _Tally()
    for item in discover(paths):
        (tally.problems.append if isinstance(item, Problem) else files.append)(item)
    nlp = nlp or load_model(settings.model)
    with Store.open(settings.db, create=not must_exist, on_wait=on_wait) as store:
        store.begin_build(_command(paths, settings, must_exist))
        with _stopping_well(store, tally):
            _Batcher(store, nlp, settings, tally).run(files, on_progress)
            _derive(store, tally, incremental=must_exist, on_progress=on_progress)
        store.end_build()
    return BuildReport(
        files=len(files), documents=tally.documents, annotated=tally.annotated, already_stored=tally.already_stored,
        exact_duplicates=tally.exact, near_duplicates=tally.near, problems=tuple(tally.problems),
        seconds=time.perf_counter() - started, stages=tuple(tally.seconds.items()),
    )


def _derive(store: Store, tally: _Tally, incremental: bool, on_progress: Progress | None = None) -> None:
    """The stages that rest on the whole corpus: entities, events, stories (only the new documents'
    with ``incremental``), merged reports, relations; ``on_progress`` hears each begin and end. The
    publication bounds that reported events gave are taken back first, so that no stage reads one that an
    earlier run derived."""
    store.reset_publication_bounds()
    for stage, step in (("resolve", partial(resolve_stage.resolve, store)), ("assemble events", partial(assemble, store)),
                        ("stories", partial(group_stories, store, incremental=incremental)),
                        ("merge reports", partial(merge_reports, store)),
                        ("bound undated documents", partial(bound_undated_documents, store)),
                        ("relate", partial(relate, store))):
        store.let_readers_in()
        tally.step = stage
        if on_progress:
            on_progress(stage, 0, None)
        with tally.timed(stage):
            step()
        if on_progress:
            on_progress(stage, 1, 1)


@contextmanager
def _stopping_well(store: Store, tally: _Tally) -> Iterator[None]:
    """A failure of the store or the machine stops the job with a BuildError that says where, and marks the
    store's build stopped; newsgraph's own errors and interrupts pass as they are."""
    try:
        yield
    except BaseException as e:
        _mark_stopped(store)
        if isinstance(e, (NewsgraphError, KeyboardInterrupt)) or not isinstance(e, Exception):
            raise
        first = str(e).splitlines()[0] if str(e) else ""
        raise BuildError(f"the build stopped while {tally.step}: {type(e).__name__}: {first[:300]}",
                         problems=tuple(tally.problems)) from e


@dataclass(frozen=True)
class RemoveReport:
    """What `remove` did: documents removed, near duplicates of them read again as originals, seconds."""

    removed: tuple[str, ...]
    reread: tuple[str, ...]
    seconds: float
    stages: tuple[tuple[str, float], ...]


def remove(keys: list[str], settings: Settings | None = None, nlp=None, on_wait: WaitNotice | None = None,
           on_progress: Progress | None = None) -> RemoveReport:
    """Remove the documents that ``keys`` name (document ids, or sources as given at build time; a source
    removes its whole document) and everything that rests only on them, then derive the corpus-wide stages
    again over what is left. A near duplicate of a removed document is read again as a document of its own
    (it was never annotated). No other id changes: entity, event and relation ids are keyed on content."""
    settings = settings or Settings()
    started = time.perf_counter()
    tally = _Tally()
    with Store.open(settings.db, create=False, on_wait=on_wait) as store:
        found, missing = store.documents_named(keys)
        if missing:
            more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
            raise QueryError(f"no stored document is named {missing[0]!r}{more}",
                             "name documents by id or source, as `newsgraph docs` lists them")
        ids = sorted(set(found.values()))
        orphans = store.duplicates_of(ids)
        store.begin_build("newsgraph remove " + " ".join(shlex.quote(k) for k in keys))
        with _stopping_well(store, tally):
            tally.step = "deleting the documents"
            store.delete_documents(ids + [d.id for d in orphans])
            if orphans:
                batcher = _Batcher(store, nlp or load_model(settings.model), settings, tally)
                batcher.incoming = [replace(d, duplicate_of=None) for d in orphans]
                batcher._flush()
            _derive(store, tally, incremental=False, on_progress=on_progress)
        store.end_build()
    return RemoveReport(tuple(ids), tuple(d.id for d in orphans), time.perf_counter() - started,
                        tuple(tally.seconds.items()))


def _mark_stopped(store: Store) -> None:
    """Say in the store that its build stopped (a killed process cannot; readers then see its pid gone)."""
    try:
        store.stop_build()
    except Exception:  # noqa: BLE001 — the store itself may be what failed; its mark then still says unfinished
        pass


def _command(paths: list[str], settings: Settings, must_exist: bool) -> str:
    """The command that completes a build of ``paths`` (running it again finishes what is missing)."""
    return shlex.join(["newsgraph", "add" if must_exist else "build", *paths, "--db", settings.db])


@dataclass(frozen=True)
class _Analysis:
    """What the build finds in one document before it is stored."""

    annotation: Annotation
    times: tuple
    local: LocalResolution
    events: tuple[EventMention, ...]


class _Growing:
    """One document's analysis while its segments come in. A document in one segment (nearly all) is
    resolved whole; a long one a segment at a time, so no step's cost grows faster than its length."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.sentences: list = []
        self.tokens: list = []
        self.mentions: list = []
        self.times: list = []
        self.events: tuple = ()
        self.locals: list[LocalResolution] = []

    def add(self, annotation: Annotation) -> None:
        self.sentences += annotation.sentences
        self.tokens += annotation.tokens
        self.mentions += annotation.mentions

    def resolve_segment(self, segment: ParsedSegment, annotation: Annotation, times: list) -> None:
        if not segment.paragraphs:
            return
        first, (last, parsed) = segment.paragraphs[0][0], segment.paragraphs[-1]
        self.locals.append(_resolve_part(self.doc, first, last + len(parsed.text), annotation, times))

    def finish(self, whole: bool) -> _Analysis:
        annotation = Annotation(self.doc.id, tuple(self.sentences), tuple(self.tokens), tuple(self.mentions))
        if whole or not self.locals:
            local = resolve_stage.resolve_document(self.doc, annotation.mentions, annotation.sentences, self.times)
        else:
            local = LocalResolution(self.doc.id, tuple(m for r in self.locals for m in r.mentions),
                                    tuple(c for r in self.locals for c in r.roles),
                                    tuple(sorted({a for r in self.locals for a in r.acronyms})))
        return _Analysis(annotation, tuple(self.times), local, self.events)


def _resolve_part(doc: Document, start: int, end: int, annotation: Annotation, times: list) -> LocalResolution:
    """Resolve text[start:end] of a long document as if it were the whole text; offsets are shifted back."""
    def moved(record, by: int, *fields: str):
        return replace(record, **{f: getattr(record, f) + by for f in fields if getattr(record, f) is not None})

    part = resolve_stage.resolve_document(
        replace(doc, text=doc.text[start:end]), [moved(m, -start, "start", "end") for m in annotation.mentions],
        [moved(s, -start, "start", "end") for s in annotation.sentences], [moved(t, -start, "start", "end") for t in times])
    return LocalResolution(
        doc.id, tuple(moved(m, start, "start", "end") for m in part.mentions),
        tuple(moved(c, start, "person_start", "of_start", "evidence_start", "evidence_end") for c in part.roles),
        part.acronyms)


def _segment_times(doc: Document, segment: ParsedSegment, sentences, whole: bool) -> list:
    """The time expressions of a segment, or of the whole text when the segment is the whole document."""
    bounds = [(s.start, s.end) for s in sentences]
    parse = partial(paragraph_tokens, doc.id, segment.paragraphs)
    if whole or not segment.paragraphs:
        return document_times(doc.id, doc.text, doc.published, bounds, parse)
    first, (last, parsed) = segment.paragraphs[0][0], segment.paragraphs[-1]
    end = last + len(parsed.text)

    def shifted_parse(spans):
        return [replace(t, start=t.start - first, end=t.end - first) for t in parse([(a + first, b + first) for a, b in spans])]

    found = document_times(doc.id, doc.text[first:end], doc.published, [(a - first, b - first) for a, b in bounds],
                           shifted_parse)
    return [replace(t, start=t.start + first, end=t.end + first) for t in found]


class _Batcher:
    """Collects documents into batches; per batch, finds what is stored or duplicated, annotates the rest
    and writes it all in one transaction. Lookups in the store are made once per batch, not per document."""

    def __init__(self, store: Store, nlp, settings: Settings, tally: _Tally):
        self.store, self.nlp, self.settings, self.tally = store, nlp, settings, tally
        self.incoming: list[Document] = []

    def run(self, files: list[str], on_progress: Progress | None) -> None:
        for done, path in enumerate(files, start=1):
            for doc in self._documents(path):
                self.incoming.append(doc)
                if len(self.incoming) >= self.settings.batch_size:
                    self._flush()
            if on_progress:
                on_progress("reading files", done, len(files))
        self._flush()

    def _documents(self, path: str) -> Iterator[Document]:
        """The documents of one file; its Problems go to the tally (reading and cleaning never raise)."""
        self.tally.step = f"reading {source_name(path)}"
        for raw in read_path(path, self.settings):
            doc = raw if isinstance(raw, Problem) else to_document(raw)
            if isinstance(doc, Problem):
                self.tally.problems.append(doc)
            else:
                yield doc

    def _flush(self) -> None:
        incoming, self.incoming = self.incoming, []
        if not incoming:
            return
        finder = DuplicateFinder(self.settings)
        signatures = {d.id: finder.hasher.signature(d.text) for d in incoming}
        bands = sorted({b for s in signatures.values() if s for b in s.bands})
        for doc_id, values in self.store.signatures_sharing_bands(bands):
            finder.remember(doc_id, values)
        stored = self.store.has_documents([d.id for d in incoming])
        sources = self.store.documents_for_sources([d.source for d in incoming])
        new = self._classify(incoming, stored, sources, finder, signatures)
        self.tally.step = f"parsing the batch that ends with {incoming[-1].source}"
        with self.store.released():  # readers may open the store while the batch is parsed
            analyses = self._analyse([d for d in new if d.duplicate_of is None])
        failed = self._drop_failed(analyses)
        new = [d for d in new if not self._failed_with(d, failed)]
        kept = {d.id for d in new}
        self.tally.step = f"writing the batch that ends with {incoming[-1].source}"
        with self.tally.timed("write"):
            self.store.write_batch(DocumentBatch(
                documents=tuple(new), annotations=tuple(a.annotation for a in analyses.values()),
                signatures=tuple((d, s.values, s.bands) for d, s in finder.drain() if d in kept),
                sources=tuple((s, d) for s, d in sources.items() if d not in failed),
                locals=tuple(a.local for a in analyses.values()), events=tuple(e for a in analyses.values() for e in a.events),
                times=tuple(t for a in analyses.values() for t in a.times),
            ))
        self.tally.annotated += len(analyses)

    def _analyse(self, originals: list[Document]) -> dict[str, "_Analysis | Problem"]:
        """Each document's annotation, times, local resolution and events (or the Problem that stopped it).

        The batch is parsed in one stream, a segment at a time; when anything fails, the documents not
        yet done are taken one by one, so one bad document costs only itself."""
        out: dict[str, _Analysis | Problem] = {}
        try:
            self._analyse_stream(originals, out)
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 — retried alone below, where the failing document is named
            for doc in originals:
                if doc.id not in out:
                    out[doc.id] = self._analyse_alone(doc)
        return out

    def _analyse_alone(self, doc: Document) -> "_Analysis | Problem":
        try:
            found: dict = {}
            self._analyse_stream([doc], found)
            return found[doc.id]
        except Exception as e:  # noqa: BLE001 — a bug met on one document must not stop the batch
            return internal_error(f"in {doc.source}", doc.source, e)  # (out of memory is raised again)

    def _analyse_stream(self, docs: list[Document], out: dict) -> None:
        """Parse ``docs`` and analyse each segment as it comes; a segment's parses are dropped after it."""
        segments = parse_segments(docs, self.nlp, self.settings.batch_size)
        growing: _Growing | None = None
        while True:
            with self.tally.timed("annotate"):
                segment = next(segments, None)
                if segment is None:
                    return
                doc = docs[segment.doc]
                whole = growing is None and segment.last  # the document in one segment
                growing = growing or _Growing(doc)
                annotation = collect(doc.id, segment.paragraphs, self.settings.store_tokens,
                                     len(growing.sentences), len(growing.tokens))
                growing.add(annotation)
            with self.tally.timed("find times"):
                times = _segment_times(doc, segment, annotation.sentences, whole)
                growing.times += times
            with self.tally.timed("code events"):
                growing.events += code_document(doc, segment.paragraphs)
            with self.tally.timed("resolve in documents"):
                if not whole:
                    growing.resolve_segment(segment, annotation, times)
                if segment.last:
                    out[doc.id] = growing.finish(whole)
                    growing = None

    def _drop_failed(self, analyses: dict) -> dict[str, Problem]:
        """Take the documents that failed out of ``analyses``; their Problems, by document id."""
        failed = {doc_id: p for doc_id, p in analyses.items() if isinstance(p, Problem)}
        for doc_id, problem in failed.items():
            del analyses[doc_id]
            self.tally.problems.append(problem)
        return failed

    def _failed_with(self, d: Document, failed: dict[str, Problem]) -> bool:
        """Is ``d`` a document that failed, or a near duplicate of one (then a Problem of its own)?"""
        if d.id not in failed and d.duplicate_of not in failed:
            return False
        if d.duplicate_of in failed:
            self.tally.problems.append(Problem(d.source, f"not stored: a near duplicate of {failed[d.duplicate_of].source}, "
                                                         "which failed"))
            self.tally.near -= 1
        self.tally.documents -= 1
        return True

    def _classify(self, incoming: list[Document], stored: set[str], sources: dict[str, str],
                  finder: DuplicateFinder, signatures: dict) -> list[Document]:
        """New documents (near duplicates marked); counts what was stored already. Updates ``sources``."""
        new: list[Document] = []
        for doc in incoming:
            if doc.id in stored:
                if sources.get(doc.source) == doc.id:
                    self.tally.already_stored += 1
                else:
                    self.tally.exact += 1
                    sources[doc.source] = doc.id
                continue
            doc = finder.mark(doc, signatures[doc.id])
            self.tally.near += doc.duplicate_of is not None
            self.tally.documents += 1
            new.append(doc)
            stored.add(doc.id)
            sources[doc.source] = doc.id
        return new

"""build and add: ingest → deduplicate → annotate → time → store → resolve → events → stories → relate, streamed in batches.

Public entry points: :func:`build` (also `add`) and :func:`remove`. Memory holds one batch of documents at a
time, never the corpus.
Each batch is written in one transaction; a document whose id is already stored is not processed
again, so re-running a build (or one that was killed) finishes the job without duplicates.
"""
from __future__ import annotations

import ctypes
import gc
import importlib.util
import os
import shlex
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from newsgraph import resolve as resolve_stage
from newsgraph.analysis import Analyser, timed
from newsgraph.annotate import load_model, model_name
from newsgraph.errors import BuildError, ModelError, NewsgraphError, QueryError
from newsgraph.events.assemble import assemble, merge_reports
from newsgraph.events.grouping import group_stories
from newsgraph.events.reported import bound_undated_documents
from newsgraph.ingest import to_document
from newsgraph.ingest.dedup import DuplicateFinder, Signature
from newsgraph.ingest.readers import discover, read_path, source_name
from newsgraph.records import BuildReport, Document, DocumentBatch, Problem
from newsgraph.relate import relate
from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.store.connection import WaitNotice
from newsgraph.workers import DaskCluster, Inline, executor, peak_memory_mb, worker_count

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

    def timed(self, stage: str):
        return timed(self.seconds, stage)


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
    check_model(settings.model)  # loaded where documents are analysed: here, or in each worker
    cluster = DaskCluster(settings.dask, worker_count(settings), settings) if settings.dask else None
    try:
        with Store.open(settings.db, create=not must_exist, on_wait=on_wait) as store:
            store.begin_build(_command(paths, settings, must_exist))
            with _stopping_well(store, tally):
                _Batcher(store, nlp, settings, tally, cluster).run(files, on_progress)
                _derive(store, tally, incremental=must_exist, on_progress=on_progress)
            store.end_build()
    finally:
        if cluster is not None:
            cluster.close()
    return BuildReport(
        files=len(files), documents=tally.documents, annotated=tally.annotated, already_stored=tally.already_stored,
        exact_duplicates=tally.exact, near_duplicates=tally.near, problems=tuple(tally.problems),
        seconds=time.perf_counter() - started, stages=tuple(tally.seconds.items()),
        peak_mb=peak_memory_mb(),
    )


def _derive(store: Store, tally: _Tally, incremental: bool, on_progress: Progress | None = None) -> None:
    """The stages that rest on the whole corpus: entities, events, stories, merged reports, relations;
    ``on_progress`` hears each begin and end. The publication bounds that reported events gave are taken back
    first, so that no stage reads one that an earlier run derived (not in `add`: its events only raise them).

    ``incremental`` (`add`): only the new documents' actors are resolved, against the stored entities, whose
    ids never change (:mod:`newsgraph.resolve.incremental`); only their reports are assembled and grouped
    into stories, and merged with each other and with the stored events they may tell of
    (:func:`merge_reports`); relations are recomputed for the pairs of entities the new documents and those
    events touch (:func:`relate`). When an earlier run of these stages stopped
    midway, they run in full."""
    stopped = store.begin_derive()
    new = store.pending_documents() if incremental and not stopped else None
    if new is None:
        store.reset_publication_bounds()
    changed: list[str] = []  # with ``new``: the events merge_reports wrote

    def merging() -> None:
        changed.extend(merge_reports(store, new).written)

    for stage, step in (("resolve", partial(resolve_stage.resolve, store, new)), ("assemble events", partial(assemble, store, new)),
                        ("stories", partial(group_stories, store, incremental=incremental)),
                        ("merge reports", merging),
                        ("bound undated documents", lambda: bound_undated_documents(store, None if new is None else changed)),
                        ("relate", lambda: relate(store, new, changed))):
        if new is None:  # in `add` the stages are short: readers wait for the end (reopening costs ~1 s at 100k)
            store.let_readers_in()
        tally.step = stage
        if on_progress:
            on_progress(stage, 0, None)
        with tally.timed(stage):
            step()
            _give_back()
        if on_progress:
            on_progress(stage, 1, 1)
    store.end_derive()


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


_TRIM = _malloc_trim()


def _give_back() -> None:
    """After a corpus-wide stage, give back what it left, so that the next one does not start on top of it: its
    cyclic garbage (resolution leaves hundreds of MB at 100k documents until the collector's next full pass)
    and the C heap's free pages (glibc keeps them otherwise)."""
    gc.collect()
    if _TRIM is not None:
        _TRIM(0)


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
                batcher = _Batcher(store, nlp, settings, tally)
                batcher.incoming = [replace(d, duplicate_of=None) for d in orphans]
                try:
                    batcher.finish()
                finally:
                    batcher.close()
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


def check_model(requested: str | None) -> None:
    """Fail now, with the fix, when the spaCy pipeline asked for is not installed (it is loaded later, where
    documents are analysed)."""
    name = model_name(requested)
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found and not os.path.exists(name):
        raise ModelError(f"cannot load spaCy pipeline {name!r}: no installed package or folder has that name",
                         "install it (pip install …) or pass --model with an installed pipeline")


def _command(paths: list[str], settings: Settings, must_exist: bool) -> str:
    """The command that completes a build of ``paths`` (running it again finishes what is missing)."""
    return shlex.join(["newsgraph", "add" if must_exist else "build", *paths, "--db", settings.db])


@dataclass
class _Batch:
    """A batch classified and sent to be analysed, waiting to be written."""

    last_source: str
    new: list[Document]  # new documents, near duplicates marked
    sources: dict[str, str]  # source → document id, for this batch's sources
    signatures: list[tuple[str, Signature]]  # the new originals' signatures
    futures: list[Any] | None = None  # its analysis, in parts (None until sent)


class _Batcher:
    """Collects documents into batches; per batch, finds what is stored or duplicated, has the rest analysed
    (here, or by worker processes or a Dask cluster: see newsgraph.workers) and writes each batch in one
    transaction, in the order the batches were read, so any number of workers gives the same store.
    Lookups in the store are made once per batch, not per document; the batches still out with workers
    count as stored for those lookups."""

    def __init__(self, store: Store, nlp, settings: Settings, tally: _Tally, cluster: DaskCluster | None = None):
        self.store, self.nlp, self.settings, self.tally = store, nlp, settings, tally
        self.incoming: list[Document] = []
        self.out: deque[_Batch] = deque()  # classified, not yet written, oldest first
        self.cluster = cluster  # a Dask cluster, used from the first batch (the build closes it)
        self.executor = cluster  # else chosen when the second batch comes, or at the end
        self.failed: dict[str, Problem] = {}  # documents whose analysis failed, by id

    def run(self, files: list[str], on_progress: Progress | None) -> None:
        try:
            for done, path in enumerate(files, start=1):
                for doc in self._documents(path):
                    self.incoming.append(doc)
                    if len(self.incoming) >= self.settings.batch_size:
                        self._flush(more=done < len(files))
                if on_progress:
                    on_progress("reading files", done, len(files))
            self.finish()
        finally:
            self.close()

    def finish(self) -> None:
        """Send and write what is left."""
        self._flush()
        self._send(len(self.out))
        self._write_ready(0)

    def close(self) -> None:
        """Stop the workers (what they had not finished is not written: running the build again does it)."""
        if self.executor is not None and self.executor is not self.cluster:
            self.executor.close()
        self.executor = self.cluster

    def _documents(self, path: str) -> Iterator[Document]:
        """The documents of one file; its Problems go to the tally (reading and cleaning never raise)."""
        self.tally.step = f"reading {source_name(path)}"
        for raw in read_path(path, self.settings):
            doc = raw if isinstance(raw, Problem) else to_document(raw)
            if isinstance(doc, Problem):
                self.tally.problems.append(doc)
            else:
                yield doc

    def _flush(self, more: bool = False) -> None:
        """Classify the incoming documents, send the new originals to be analysed, and write the batches
        whose analysis is back (keeping enough out to keep every worker busy). ``more``: files are left to
        read, so workers are worth starting now (they load the pipeline while the reading goes on)."""
        incoming, self.incoming = self.incoming, []
        if not incoming:
            return
        finder = DuplicateFinder(self.settings)
        signatures = {d.id: finder.hasher.signature(d.text) for d in incoming}
        bands = sorted({b for s in signatures.values() if s for b in s.bands})
        for doc_id, values in self.store.signatures_sharing_bands(bands):
            finder.remember(doc_id, values)
        for batch in self.out:  # not written yet: known all the same
            for doc_id, signature in batch.signatures:
                finder.remember(doc_id, signature.values)
        stored = self.store.has_documents([d.id for d in incoming]) | {d.id for b in self.out for d in b.new}
        sources = self.store.documents_for_sources([d.source for d in incoming])
        sources.update({s: d for b in self.out for s, d in b.sources.items() if s in {x.source for x in incoming}})
        new = self._classify(incoming, stored, sources, finder, signatures)
        self.out.append(_Batch(incoming[-1].source, new, sources, finder.drain()))
        self._send(1 if more else 2, more)
        self._write_ready(self._keep_out())

    def _send(self, waiting: int, more: bool = False) -> None:
        """Send the batches not yet sent; the executor is chosen once ``waiting`` batches are known, or at the
        first with ``more`` to read (so a corpus of one batch is analysed here, without starting workers)."""
        unsent = [b for b in self.out if b.futures is None]
        if not unsent:
            return
        if self.executor is None:
            if len(unsent) < waiting:
                return
            given = self.nlp is not None  # a caller's loaded pipeline is used here, not in workers
            expected = 1 if given else 2 if more else len(unsent)
            self.executor = executor(self.settings, self._analyser, expected)
        for batch in unsent:
            self.tally.step = f"parsing the batch that ends with {batch.last_source}"
            originals = [d for d in batch.new if d.duplicate_of is None]
            with self.store.released():  # readers may open the store while a batch is parsed here
                batch.futures = [self.executor.submit(part) for part in self._parts(originals)]

    def _parts(self, originals: list[Document]) -> list[list[Document]]:
        """A batch cut in four for workers, so that no worker is left with the last whole batch while the
        others wait (a part's analysis does not depend on the rest of its batch); whole when done here."""
        if isinstance(self.executor, Inline) or len(originals) < 8:
            return [originals]
        size = -(-len(originals) // 4)
        return [originals[k:k + size] for k in range(0, len(originals), size)]

    def _analyser(self) -> Analyser:
        return Analyser(self.nlp or load_model(self.settings.model), self.settings)

    def _keep_out(self) -> int:
        """How many batches may stay out with workers: two per worker (none when analysed here)."""
        return 0 if self.executor is None or isinstance(self.executor, Inline) else 2 * worker_count(self.settings)

    def _write_ready(self, keep: int) -> None:
        """Write the oldest batches, in order, while more than ``keep`` are out."""
        while len(self.out) > keep and self.out[0].futures is not None:
            batch = self.out.popleft()
            self.tally.step = f"parsing the batch that ends with {batch.last_source}"
            results: dict = {}
            with self.store.released(), self.tally.timed("wait for analyses"):
                for future in batch.futures:
                    analysed = future.result()
                    results.update(analysed.results)
                    for step, seconds in analysed.seconds.items():
                        self.tally.seconds[step] = self.tally.seconds.get(step, 0.0) + seconds
            self._write(batch, results)

    def _write(self, batch: _Batch, analyses: dict) -> None:
        failed = self._drop_failed(analyses)
        self.failed.update(failed)
        new = [d for d in batch.new if not self._failed_with(d, self.failed)]
        kept = {d.id for d in new}
        self.tally.step = f"writing the batch that ends with {batch.last_source}"
        with self.tally.timed("write"):
            self.store.write_batch(DocumentBatch(
                documents=tuple(new), annotations=tuple(a.annotation for a in analyses.values()),
                signatures=tuple((d, s.values, s.bands) for d, s in batch.signatures if d in kept),
                sources=tuple((s, d) for s, d in batch.sources.items() if d not in self.failed),
                locals=tuple(a.local for a in analyses.values()), events=tuple(e for a in analyses.values() for e in a.events),
                times=tuple(t for a in analyses.values() for t in a.times),
            ))
        self.tally.annotated += len(analyses)

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

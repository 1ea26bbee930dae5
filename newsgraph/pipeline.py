"""build and add: ingest → deduplicate → annotate → time → store → resolve → events → stories, streamed in batches.

Public entry point: :func:`build`. Memory holds one batch of documents at a time, never the corpus.
Each batch is written in one transaction; a document whose id is already stored is not processed
again, so re-running a build (or one that was killed) finishes the job without duplicates.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from newsgraph.annotate import annotate_parsed, load_model, paragraph_tokens
from newsgraph.events import code_document
from newsgraph.events.assemble import assemble
from newsgraph.events.grouping import group_stories
from newsgraph.ingest import to_document
from newsgraph.ingest.dedup import DuplicateFinder
from newsgraph.ingest.readers import discover, read_path
from newsgraph.records import BuildReport, Document, DocumentBatch, Problem
from newsgraph import resolve as resolve_stage
from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.time.document import document_times

__all__ = ["build"]

Progress = Callable[[int, int], None]  # (files done, files total)


@dataclass
class _Tally:
    documents: int = 0
    annotated: int = 0
    already_stored: int = 0
    exact: int = 0
    near: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started


def build(paths: list[str], settings: Settings | None = None, nlp=None, on_progress: Progress | None = None,
          must_exist: bool = False) -> BuildReport:
    """Add every article in ``paths`` to the store at ``settings.db`` (created unless ``must_exist``).

    Stories are regrouped in full, except with ``must_exist`` (`newsgraph add`): then only the new
    documents are assigned, to existing stories or new ones."""
    settings = settings or Settings()
    started = time.perf_counter()
    files: list[str] = []
    tally = _Tally()
    for item in discover(paths):
        (tally.problems.append if isinstance(item, Problem) else files.append)(item)
    nlp = nlp or load_model(settings.model)
    with Store.open(settings.db, create=not must_exist) as store:
        _Batcher(store, nlp, settings, tally).run(files, on_progress)
        with tally.timed("resolve"):
            resolve_stage.resolve(store)
        with tally.timed("assemble events"):
            assemble(store)
        with tally.timed("stories"):
            group_stories(store, incremental=must_exist)
    return BuildReport(
        files=len(files), documents=tally.documents, annotated=tally.annotated, already_stored=tally.already_stored,
        exact_duplicates=tally.exact, near_duplicates=tally.near, problems=tuple(tally.problems),
        seconds=time.perf_counter() - started, stages=tuple(tally.seconds.items()),
    )


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
                on_progress(done, len(files))
        self._flush()

    def _documents(self, path: str) -> Iterator[Document]:
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
        originals = [d for d in new if d.duplicate_of is None]
        with self.tally.timed("annotate"):
            parsed = list(annotate_parsed(originals, self.nlp, self.settings.batch_size, self.settings.store_tokens))
        annotations = tuple(a for a, _ in parsed)
        with self.tally.timed("find times"):
            times = [document_times(d.id, d.text, d.published, [(s.start, s.end) for s in a.sentences],
                                    partial(paragraph_tokens, d.id, paragraphs))
                     for d, (a, paragraphs) in zip(originals, parsed)]
        with self.tally.timed("resolve in documents"):
            locals_ = tuple(resolve_stage.resolve_document(d, a.mentions, a.sentences, t)
                            for d, a, t in zip(originals, annotations, times))
        with self.tally.timed("code events"):
            events = tuple(e for d, (_, paragraphs) in zip(originals, parsed) for e in code_document(d, paragraphs))
        del parsed  # the spaCy parses of this batch
        with self.tally.timed("write"):
            self.store.write_batch(DocumentBatch(
                documents=tuple(new), annotations=annotations,
                signatures=tuple((d, s.values, s.bands) for d, s in finder.drain()), sources=tuple(sources.items()),
                locals=locals_, events=events, times=tuple(t for ts in times for t in ts),
            ))
        self.tally.annotated += len(originals)

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

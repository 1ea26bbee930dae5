"""build and add: ingest → deduplicate → annotate → store → resolve, streamed in batches.

Public entry point: :func:`build`. Memory holds one batch of documents at a time, never the corpus.
Each batch is written in one transaction; a document whose id is already stored is not processed
again, so re-running a build (or one that was killed) finishes the job without duplicates.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from newsgraph.annotate import annotate, load_model
from newsgraph.ingest import to_document
from newsgraph.ingest.dedup import DuplicateFinder
from newsgraph.ingest.readers import discover, read_path
from newsgraph.records import BuildReport, Document, DocumentBatch, Problem
from newsgraph import resolve as resolve_stage
from newsgraph.settings import Settings
from newsgraph.store import Store

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


def build(paths: list[str], settings: Settings | None = None, nlp=None, on_progress: Progress | None = None,
          must_exist: bool = False) -> BuildReport:
    """Add every article in ``paths`` to the store at ``settings.db`` (created unless ``must_exist``)."""
    settings = settings or Settings()
    started = time.perf_counter()
    files: list[str] = []
    tally = _Tally()
    for item in discover(paths):
        (tally.problems.append if isinstance(item, Problem) else files.append)(item)
    nlp = nlp or load_model(settings.model)
    with Store.open(settings.db, create=not must_exist) as store:
        _Batcher(store, nlp, settings, tally).run(files, on_progress)
        resolve_stage.resolve(store)
    return BuildReport(
        files=len(files), documents=tally.documents, annotated=tally.annotated, already_stored=tally.already_stored,
        exact_duplicates=tally.exact, near_duplicates=tally.near, problems=tuple(tally.problems),
        seconds=time.perf_counter() - started,
    )


class _Batcher:
    """Collects new documents into batches, finds duplicates, annotates and writes each batch."""

    def __init__(self, store: Store, nlp, settings: Settings, tally: _Tally):
        self.store, self.nlp, self.settings, self.tally = store, nlp, settings, tally
        self.finder = DuplicateFinder(settings, stored=store.signatures_sharing_bands)
        self._reset()

    def _reset(self) -> None:
        self.docs: list[Document] = []
        self.sources: dict[str, str] = {}  # source → doc id, for this batch
        self.ids: set[str] = set()

    def run(self, files: list[str], on_progress: Progress | None) -> None:
        for done, path in enumerate(files, start=1):
            for doc in self._documents(path):
                self._take(doc)
                if len(self.docs) >= self.settings.batch_size:
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

    def _take(self, doc: Document) -> None:
        if doc.id in self.ids or self.store.has_documents([doc.id]):
            if self._document_of(doc.source) == doc.id:
                self.tally.already_stored += 1
            else:
                self.tally.exact += 1
                self.sources[doc.source] = doc.id
            return
        doc = self.finder.mark(doc)
        self.tally.near += doc.duplicate_of is not None
        self.docs.append(doc)
        self.ids.add(doc.id)
        self.sources[doc.source] = doc.id
        self.tally.documents += 1

    def _document_of(self, source: str) -> str | None:
        return self.sources.get(source) or self.store.document_for_source(source)

    def _flush(self) -> None:
        if not (self.docs or self.sources):
            return
        originals = [d for d in self.docs if d.duplicate_of is None]
        annotations = tuple(annotate(originals, self.nlp, self.settings.batch_size))
        self.store.write_batch(DocumentBatch(
            documents=tuple(self.docs), annotations=annotations,
            signatures=tuple((d, s.values, s.bands) for d, s in self.finder.drain()),
            sources=tuple(self.sources.items()),
        ))
        self.tally.annotated += len(originals)
        self._reset()

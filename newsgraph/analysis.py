"""What the build does to each document on its own — parse, find times, code events, resolve names inside
the document — in the build's process or in a worker (see :mod:`newsgraph.workers`).

Public entry point: :class:`Analyser` (``Analyser(nlp, settings).analyse(documents)``). A document's
analysis never depends on the other documents of its batch, so any split of a corpus over workers gives
the same store.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial

from newsgraph import resolve as resolve_stage
from newsgraph.annotate import ParsedSegment, collect, paragraph_tokens, parse_segments
from newsgraph.events import code_document
from newsgraph.ingest.readers import internal_error
from newsgraph.records import Annotation, Document, EventMention, LocalResolution, Problem
from newsgraph.settings import Settings
from newsgraph.time.document import document_times

__all__ = ["Analyser", "Analysis", "Analysed", "timed"]


@contextmanager
def timed(seconds: dict[str, float], step: str) -> Iterator[None]:
    """Add the wall time of the block to ``seconds[step]``."""
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds[step] = seconds.get(step, 0.0) + time.perf_counter() - started


@dataclass(frozen=True)
class Analysis:
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

    def finish(self, whole: bool) -> Analysis:
        annotation = Annotation(self.doc.id, tuple(self.sentences), tuple(self.tokens), tuple(self.mentions))
        if whole or not self.locals:
            local = resolve_stage.resolve_document(self.doc, annotation.mentions, annotation.sentences, self.times)
        else:
            local = LocalResolution(self.doc.id, tuple(m for r in self.locals for m in r.mentions),
                                    tuple(c for r in self.locals for c in r.roles),
                                    tuple(sorted({a for r in self.locals for a in r.acronyms})))
        return Analysis(annotation, tuple(self.times), local, self.events)


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


@dataclass(frozen=True)
class Analysed:
    """A batch's analyses by document id (a Problem for a document that failed), and the seconds each step
    took (annotate, find times, code events, resolve in documents)."""

    results: dict[str, Analysis | Problem]
    seconds: dict[str, float]


class Analyser:
    """Analyses documents with one loaded spaCy pipeline."""

    def __init__(self, nlp, settings: Settings):
        self.nlp, self.settings = nlp, settings
        self.seconds: dict[str, float] = {}

    def analyse(self, originals: list[Document]) -> Analysed:
        """Each document's annotation, times, local resolution and events (or the Problem that stopped it).

        The batch is parsed in one stream, a segment at a time; when anything fails, the documents not
        yet done are taken one by one, so one bad document costs only itself."""
        self.seconds = {}
        out: dict[str, Analysis | Problem] = {}
        try:
            self._analyse_stream(originals, out)
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 — retried alone below, where the failing document is named
            for doc in originals:
                if doc.id not in out:
                    out[doc.id] = self._analyse_alone(doc)
        return Analysed(out, self.seconds)

    def _timed(self, step: str):
        return timed(self.seconds, step)

    def _analyse_alone(self, doc: Document) -> Analysis | Problem:
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
            with self._timed("annotate"):
                segment = next(segments, None)
                if segment is None:
                    return
                doc = docs[segment.doc]
                whole = growing is None and segment.last  # the document in one segment
                growing = growing or _Growing(doc)
                annotation = collect(doc.id, segment.paragraphs, self.settings.store_tokens,
                                     len(growing.sentences), len(growing.tokens))
                growing.add(annotation)
            with self._timed("find times"):
                times = _segment_times(doc, segment, annotation.sentences, whole)
                growing.times += times
            with self._timed("code events"):
                growing.events += code_document(doc, segment.paragraphs)
            with self._timed("resolve in documents"):
                if not whole:
                    growing.resolve_segment(segment, annotation, times)
                if segment.last:
                    out[doc.id] = growing.finish(whole)
                    growing = None

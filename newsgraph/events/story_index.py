"""Incremental story assignment: new documents join existing stories without reclustering the corpus.

Public entry point: :class:`StoryIndex`. It keeps the idf of the last full build and, per story, the sum of its
members' unit vectors (``centroid_terms`` heaviest terms) and time evidence, with an inverted index
from terms to stories. ``StoryIndex.add`` gives each new document to the candidate story with the
best centroid cosine × time factor (at least ``assign_threshold``) and clusters the leftovers into new
stories: cost proportional to the new documents, not the store. A full rebuild re-estimates idf.
An index kept outside memory (a store) is read back in part by ``StoryIndex.load`` through an
``IndexSource``: the idf of the new documents' features, the postings of their blocking terms and
the centroids of their candidate stories; assignment is then the same as with the whole index.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from newsgraph.events.stories import (
    Story, StoryCentroid, StoryInput, StorySettings, _brief, _centroid, _cluster, _doc_spans, _doc_times,
    _features, _heaviest, _idf, _span, _time_factors, _times, _unique, cluster,
)

__all__ = ["IndexSource", "StoryIndex"]


class IndexSource(Protocol):
    """An index kept outside memory, read in part (see ``StoryIndex.load``)."""

    n_docs: int  # documents of the last full build (for the idf of unseen features)

    def idf(self, features: Sequence[str]) -> Mapping[str, float]:
        """The idf of those of ``features`` that the index knows."""

    def postings(self, features: Sequence[str], limit: int) -> tuple[dict[str, set[str]], set[str]]:
        """Stories listed under each feature with at most ``limit`` stories, and the features with more."""

    def centroids(self, story_ids: Sequence[str]) -> Iterable[StoryCentroid]:
        """The centroids of these stories."""

    def assigned(self, doc_ids: Sequence[str]) -> Mapping[str, str]:
        """Document id -> story id, for those of ``doc_ids`` already in a story."""


@dataclass
class StoryIndex:
    """Story centroids plus the idf of the last full build; ``add`` updates it in place."""

    settings: StorySettings
    n_docs: int
    idf: dict[str, float]
    centroids: dict[str, StoryCentroid]
    postings: dict[str, set[str]]
    story_of: dict[str, str]  # document id -> story id
    frequent: set[str] = field(default_factory=set)  # features of a partly loaded index under > block_max_df stories

    @classmethod
    def build(cls, docs: Iterable[StoryInput], settings: StorySettings | None = None) -> StoryIndex:
        """Cluster ``docs`` in full and keep what incremental assignment needs."""
        done = cluster(docs, settings)
        index = cls(done.settings, done.n_docs, dict(done.idf()), {}, {}, {})
        for c in done.centroids():
            index._register(c)
        return index

    @classmethod
    def load(cls, source: IndexSource, docs: Sequence[StoryInput], settings: StorySettings | None = None) -> StoryIndex:
        """The part of an index kept in ``source`` that ``add(docs)`` reads: the idf of the documents'
        features, the postings of their blocking features and the centroids of their candidate stories."""
        s = settings or StorySettings()
        index = cls(s, source.n_docs, {}, {}, {}, {})
        index.story_of = dict(source.assigned([d.doc_id for d in docs]))
        new = [d for d in _unique(docs) if d.doc_id not in index.story_of]
        features = [_features(d, s) for d in new]
        index.idf = dict(source.idf(sorted({f for feats in features for f in feats})))
        vectors = [index._vector(d) for d in new]
        index.postings, index.frequent = source.postings(sorted({f for v in vectors for f in index._block(v)}),
                                                         s.block_max_df)
        candidates = sorted({sid for v in vectors for sid in index._candidates(v)})
        index.centroids = {c.story.id: c for c in source.centroids(candidates)}
        return index

    def stories(self) -> list[Story]:
        return sorted((c.story for c in self.centroids.values()), key=lambda st: st.documents[0])

    def assign(self, doc: StoryInput) -> str | None:
        """Id of the story ``doc`` belongs to, or None when no story is close enough."""
        best = self._best(self._vector(doc), doc)
        return best[0] if best else None

    def add(self, docs: Sequence[StoryInput]) -> list[Story]:
        """Assign new documents (or make new stories of them); returns the stories that changed."""
        changed: dict[str, Story] = {}
        leftovers: list[StoryInput] = []
        seen: set[str] = set()
        for doc in docs:
            if doc.doc_id in self.story_of or doc.doc_id in seen:
                continue  # already indexed: adding is idempotent
            seen.add(doc.doc_id)
            vector = self._vector(doc)
            best = self._best(vector, doc)
            if best is None:
                leftovers.append(doc)
                continue
            changed[best[0]] = self._absorb(self.centroids[best[0]], doc, vector, best[1])
        if leftovers:
            done = _cluster(leftovers, self.settings, self.idf, self.n_docs)
            for c in done.centroids():
                self._register(c)
            changed.update((story.id, story) for story in done.stories)
        return sorted(changed.values(), key=lambda st: st.documents[0])

    def _vector(self, doc: StoryInput) -> dict[str, float]:
        unseen = float(_idf(np.zeros(1), self.n_docs)[0])
        raw = {f: v * self.idf.get(f, unseen) for f, v in _features(doc, self.settings).items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {f: v / norm for f, v in raw.items()}

    def _block(self, vector: Mapping[str, float]) -> list[str]:
        """The heaviest features of a vector, which find its candidate stories."""
        return _heaviest(vector, self.settings.block_terms)

    def _candidates(self, vector: Mapping[str, float]) -> list[str]:
        """Ids of the stories sharing the most blocking weight with ``vector``."""
        s = self.settings
        votes: Counter[str] = Counter()
        for f in self._block(vector):
            if f not in self.frequent and len(self.postings.get(f, ())) <= s.block_max_df:
                votes.update(dict.fromkeys(self.postings.get(f, ()), vector[f]))
        return sorted(sid for sid, _ in votes.most_common(s.block_neighbours))

    def _best(self, vector: dict[str, float], doc: StoryInput) -> tuple[str, float] | None:
        """(story id, dot with its summed vector) of the most similar candidate story."""
        s = self.settings
        found = [sid for sid in self._candidates(vector) if sid in self.centroids]
        if not found:
            return None
        cents = [self.centroids[sid] for sid in found]
        dots = np.array([sum(v * c.terms.get(f, 0.0) for f, v in vector.items()) for c in cents])
        times = _times([c.published for c in cents], [c.spans for c in cents])
        pairs = np.zeros(len(cents), np.int64), np.arange(len(cents))
        factor = _time_factors(_doc_times([_brief(doc, s)]), times, *pairs, s)
        score = dots / np.array([c.norm for c in cents]) * factor
        k = int(np.argmax(score))
        return (found[k], float(dots[k])) if score[k] >= s.assign_threshold else None

    def _absorb(self, c: StoryCentroid, doc: StoryInput, vector: dict[str, float], dot: float) -> Story:
        story = replace(c.story, documents=tuple(sorted((*c.story.documents, doc.doc_id))))
        summed = Counter(c.terms)
        summed.update(vector)
        pub = [p for p in (c.published, _span(doc.published)) if p]
        spans = [*c.spans, *_doc_spans(doc, self.settings)]
        self._register(_centroid(story, summed, math.sqrt(c.norm ** 2 + 2 * dot + 1.0), pub, spans, self.settings))
        return story

    def _register(self, c: StoryCentroid) -> None:
        self.centroids[c.story.id] = c
        self.story_of.update((d, c.story.id) for d in c.story.documents)
        for f in c.blocking_terms(self.settings):
            self.postings.setdefault(f, set()).add(c.story.id)

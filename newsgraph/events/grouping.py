"""Stories in the store: the articles about one happening grouped, after the build's resolution.

Public entry point: :func:`group_stories`, run by the build after event assembly.

Each original document (near duplicates are not clustered: they join their original's story) is
read from the store as a :class:`~newsgraph.events.stories.StoryInput`: its text, title and
publication value, the resolved entities it mentions (places apart) and, as dates, the values of
its events' times (relative dates resolved) followed by the dates written in its text.

- Full grouping (``build``): every original document is streamed from the store, clustered by
  :func:`~newsgraph.events.stories.cluster`, and the stories, the documents' ``story`` column and
  the story index (idf, centroids, postings) replace what was stored. Memory holds the documents'
  sparse feature rows, the vocabulary and one short brief per document (see
  :mod:`newsgraph.events.stories`), never the texts; the index is written story by story.
- Incremental (``add``): only the documents in no story yet are read; ``StoryIndex.load`` reads the
  part of the stored index they need (idf of their features, postings of their blocking terms,
  centroids of their candidate stories); each joins its best story or the leftovers form new
  stories, and only the stories that changed are written. Existing story ids never change; cost is
  proportional to the new documents. A store never grouped before is grouped in full.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from newsgraph.events.stories import Story, StoryCentroid, StoryInput, StorySettings, cluster, text_dates
from newsgraph.events.story_index import StoryIndex
from newsgraph.records import StoryIndexRow
from newsgraph.store import Store

__all__ = ["group_stories"]

_ISO = re.compile(r"\d{4}(?:-\d\d){0,2}")


def group_stories(store: Store, incremental: bool = False, settings: StorySettings | None = None) -> int:
    """Group the store's documents into stories; returns how many stories were written (all after a
    full grouping, those that changed after an incremental one)."""
    settings = settings or StorySettings()
    if incremental and store.story_documents() is not None:
        return _add(store, settings)
    done = cluster(_inputs(store, settings, unassigned=False), settings)
    return store.replace_stories((_entry(c, settings) for c in done.centroids()), done.idf(), done.n_docs)


def _add(store: Store, settings: StorySettings) -> int:
    docs = list(_inputs(store, settings, unassigned=True))  # the new documents only
    index = StoryIndex.load(_StoredIndex(store), docs, settings)
    changed = index.add(docs)
    store.update_stories([_entry(index.centroids[story.id], settings) for story in changed])
    return len(changed)


def _inputs(store: Store, settings: StorySettings, unassigned: bool) -> Iterator[StoryInput]:
    for doc_id, title, text, published, entities, places, times in store.story_inputs(unassigned=unassigned):
        dates = [t for t in times if _ISO.fullmatch(t)]
        if settings.use_text_dates:
            dates += text_dates(text)
        yield StoryInput(doc_id, text, title, published, tuple(entities), tuple(places), tuple(dict.fromkeys(dates)))


def _entry(c: StoryCentroid, settings: StorySettings) -> StoryIndexRow:
    """A story and its index entry, as the store keeps them."""
    terms = list(c.terms)
    first, last = c.published or (None, None)
    return StoryIndexRow(c.story.id, c.story.title, list(c.story.documents), terms, [c.terms[t] for t in terms],
                         c.norm, first, last, [a for a, _ in c.spans], [b for _, b in c.spans],
                         c.blocking_terms(settings))


class _StoredIndex:
    """The story index kept in a store, read in part (an ``IndexSource``)."""

    def __init__(self, store: Store):
        self.store = store
        self.n_docs = store.story_documents() or 0

    def idf(self, features: Sequence[str]) -> Mapping[str, float]:
        return self.store.story_idf(features)

    def postings(self, features: Sequence[str], limit: int) -> tuple[dict[str, set[str]], set[str]]:
        return self.store.story_postings(features, limit)

    def centroids(self, story_ids: Sequence[str]) -> Iterator[StoryCentroid]:
        for r in self.store.story_centroids(story_ids):
            yield StoryCentroid(Story(r.id, r.title, tuple(r.documents)), dict(zip(r.terms, r.weights)), r.norm,
                                (r.published_first, r.published_last) if r.published_first is not None else None,
                                tuple(zip(r.span_first, r.span_last)))

    def assigned(self, doc_ids: Sequence[str]) -> Mapping[str, str]:
        return self.store.stories_of(doc_ids)

"""Story clustering: group the articles that report one specific happening into stories.

Features: TF-IDF (sublinear tf, smoothed idf, L2-normalised) over lowercased regex tokens, plus a
name feature per word capitalised in mid-sentence (outside Title-Case headlines), a feature per
multi-word capitalised phrase and per ``entities``/``places`` key; headline and lede lines
(``lead_lines``) count ``lead_weight`` times. Time: the cosine is multiplied by a penalty when both
publication days are more than ``published_window_days`` apart (and again beyond
``published_far_days``: reports of one happening appear within weeks), when only one document is
dated and the other mentions no day or month near its publication (``undated_penalty``), and when
both documents mention dates and even their closest pair is more than ``date_window_days`` apart
(closest, since articles cite background dates). Without ``StoryInput.dates``, dates written in the
text are used (``text_dates``). The ECB+ dev set has no publication dates: the publication knobs
are set a priori, not tuned (they change nothing there).

Clustering without an all-pairs matrix: (1) blocking: each document indexes its ``block_terms``
heaviest features found in 2..``block_max_df`` documents and keeps its ``block_neighbours`` best
candidates by shared weight; (2) exact similarity of candidate pairs only; (3) a nearest-neighbour
graph: an edge survives when it is among the ``neighbours`` best of either end, which makes the
decision relative to each document's surroundings (two earthquakes are similar, but an article's
closest neighbours report its own), and edges weaker than ``min_similarity`` are dropped (a
document whose best neighbours are only on its topic stays alone; ECB+ dev unchanged up to 0.1);
(4) average link on that sparse graph (absent pairs count 0) down to ``threshold``. Cost grows with
n × block_neighbours; very large stories may come out in parts.

Memory: documents are read once, as a stream (``cluster_stories`` and ``cluster`` accept any
iterable): each is turned into its sparse feature row (CSR: about 8 bytes per distinct feature
of a document) and a brief (id, headline, time evidence) and its text is dropped. What is held is
those rows, the feature vocabulary, the candidate graph and the stories; never the texts.

The incremental path (``StoryIndex``) lives in :mod:`newsgraph.events.story_index`; what it keeps of a
story is a ``StoryCentroid``, read off a full clustering by ``StoryClustering.centroids``.

Story id = ``story-`` + hash of the smallest member id (the index keeps ids of existing stories);
title = the title, else the first line, of the member most similar to the others.
"""
from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import groupby

import numpy as np


@dataclass(frozen=True)
class StoryInput:
    """One document as story clustering sees it (dates are ISO days, months or years)."""

    doc_id: str
    text: str
    title: str | None = None
    published: str | None = None
    entities: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class StorySettings:
    """Global knobs, tuned once on the ECB+ dev set (never per topic)."""

    threshold: float = 0.04
    neighbours: int = 5
    assign_threshold: float = 0.25
    lead_lines: int = 2
    lead_weight: float = 2.0
    name_boost: float = 1.0
    number_boost: float = 1.25
    entity_boost: float = 0.5
    date_window_days: int = 60
    date_penalty: float = 0.7
    published_window_days: int = 14
    published_penalty: float = 0.5
    published_far_days: int = 90
    published_far_penalty: float = 0.25
    undated_penalty: float = 0.5
    min_similarity: float = 0.1
    use_text_dates: bool = True
    block_terms: int = 24
    block_max_df: int = 100
    block_neighbours: int = 40
    centroid_terms: int = 300


_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+(?:[.,:]\d+)*")
_STOP = frozenset("""a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they this
    those through to too under until up very was we were what when where which while who whom why will
    with would you your yours yourself yourselves said says say told according one new mr mrs ms dr st jr
    sr via per pm et s t re ve ll d m""".split())
_MONTH_NAMES = ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
                "aug august", "sep sept september", "oct october", "nov november", "dec december")
_MONTHS = {name: i + 1 for i, names in enumerate(_MONTH_NAMES) for name in names.split()}
_CALENDAR = frozenset(_MONTHS) | frozenset("monday tuesday wednesday thursday friday saturday sunday "
                                           "today yesterday tomorrow".split())


_UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_CAP = rf"[{_UPPER}][^\W\d_]*(?:['’\-][^\W\d_]+)*"
_NAME_RUN = re.compile(rf"(?<=[^\s.!?:;\"“”'‘’(\[\-–—|•])[ \t]+({_CAP}(?:[ \t]+{_CAP})*)")
_LONG_WORD = re.compile(r"\b[^\W\d_]{4,}")
_LONG_CAP = re.compile(rf"\b[{_UPPER}][^\W\d_]{{3,}}")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d)")


def _line_features(line: str) -> list[str]:
    """Words (bare, lowercased), names ("n:" words capitalised in mid-sentence outside Title-Case
    lines) and phrases ("p:" runs of two or more such names) of one line."""
    line = _THOUSANDS.sub("", line)
    out = [w for w in _TOKEN.findall(line.lower()) if w not in _STOP and (len(w) > 1 or w.isdigit())]
    if len(line) < 240 and len(_LONG_CAP.findall(line)) > 0.6 * len(_LONG_WORD.findall(line)):
        return out  # a Title-Case headline: capitals say nothing
    for run in _NAME_RUN.findall(line):
        for cap, part in groupby(run.lower().split(), key=lambda w: w not in _CALENDAR):
            names = list(part) if cap else []
            out += ["n:" + w for w in names]
            if len(names) > 1:
                out.append("p:" + " ".join(names))
    return out


def _features(doc: StoryInput, s: StorySettings) -> dict[str, float]:
    """Feature -> boosted sublinear tf (before idf); lead lines count ``lead_weight`` times."""
    lines = [ln for ln in f"{doc.title or ''}\n{doc.text}".split("\n") if ln.strip()]
    body: Counter[str] = Counter()
    lead: Counter[str] = Counter()
    for k, line in enumerate(lines):
        (lead if k < s.lead_lines else body).update(_line_features(line))
    body.update("e:" + key.lower() for key in (*doc.entities, *doc.places))
    for f, c in lead.items():
        body[f] += c * s.lead_weight
    boosts = {"n": s.name_boost, "p": s.name_boost, "e": s.entity_boost}
    out = {}
    for f, c in body.items():
        boost = boosts[f[0]] if f[1:2] == ":" and f[0] in boosts else 1.0
        out[f] = (1.0 + math.log(max(c, 1.0))) * (s.number_boost if f[0].isdigit() else boost)
    return out


_DATE_MDY = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
_DATE_DMY = re.compile(r"\b(\d{1,2})\s+([A-Z][a-z]{2,8})\.?,?\s+((?:19|20)\d\d)\b")
_DATE_MY = re.compile(r"\b([A-Z][a-z]{2,8})\.?,?\s+((?:19|20)\d\d)\b")
_YEAR = re.compile(r"((?:19|20)(?<![\w$£€]\d\d)(?<!\d[.,:/]\d\d)\d\d)(?![\d%]|[.,:/]\d)")
_MAX_SPANS = 8
_NONE = 10**7  # "no evidence" marker for day ordinals
_CHUNK_ROWS = 1000  # rows per chunk of candidate generation


def text_dates(text: str) -> tuple[str, ...]:
    """Explicit dates and years written in ``text``, as ISO days, months or years (days first)."""
    days = _DATE_MDY.findall(text) + [(m, d, y) for d, m, y in _DATE_DMY.findall(text)]
    out = [f"{y}-{_MONTHS[m.lower()]:02d}-{int(d):02d}" for m, d, y in days if m.lower() in _MONTHS]
    out += [f"{y}-{_MONTHS[m.lower()]:02d}" for m, y in _DATE_MY.findall(text) if m.lower() in _MONTHS]
    return tuple(dict.fromkeys(out + _YEAR.findall(text)))


def _span(iso: str | None) -> tuple[int, int] | None:
    """ISO day, month or year -> (first day, last day) as ordinals; None when not a date."""
    parts = [int(p) for p in re.findall(r"\d+", iso or "")[:3]]
    try:
        if len(parts) == 1:
            return date(parts[0], 1, 1).toordinal(), date(parts[0], 12, 31).toordinal()
        first = date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1).toordinal()
        if len(parts) > 2:
            return first, first
        nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1).toordinal()
        return first, nxt - 1
    except (ValueError, IndexError, OverflowError):
        return None


@dataclass(frozen=True)
class _Times:
    """Time evidence of n items: published (n, 2) and mentioned spans (n, _MAX_SPANS, 2)."""

    published: np.ndarray
    spans: np.ndarray


def _times(published: Sequence[tuple[int, int] | None], spans: Sequence[Sequence[tuple[int, int]]]) -> _Times:
    pub = np.full((len(published), 2), _NONE, np.int64)
    out = np.full((len(spans), _MAX_SPANS, 2), _NONE, np.int64)
    for k, (p, s) in enumerate(zip(published, spans)):
        if p:
            pub[k] = p
        if s:
            out[k, :len(s[:_MAX_SPANS])] = s[:_MAX_SPANS]
    return _Times(pub, out)


def _doc_spans(doc: StoryInput, settings: StorySettings) -> list[tuple[int, int]]:
    dates = doc.dates or (text_dates(doc.text) if settings.use_text_dates else ())
    return list(dict.fromkeys(s for s in map(_span, dates) if s))[:_MAX_SPANS]


@dataclass(frozen=True)
class _Brief:
    """What clustering keeps of a document besides its feature row: no text."""

    doc_id: str
    headline: str
    published: tuple[int, int] | None
    spans: tuple[tuple[int, int], ...]


def _brief(doc: StoryInput, settings: StorySettings) -> _Brief:
    return _Brief(doc.doc_id, _headline(doc), _span(doc.published), tuple(_doc_spans(doc, settings)))


def _doc_times(briefs: Sequence[_Brief]) -> _Times:
    return _times([b.published for b in briefs], [b.spans for b in briefs])


def _gaps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Days between the closest spans of a[k] and b[k] (shapes (P, S, 2)); huge when unknown."""
    lo = np.maximum(a[:, :, None, 0], b[:, None, :, 0])
    hi = np.minimum(a[:, :, None, 1], b[:, None, :, 1])
    unknown = (a[:, :, None, 0] >= _NONE) | (b[:, None, :, 0] >= _NONE)  # padding is no evidence
    return np.where(unknown, _NONE, np.maximum(0, lo - hi)).min(axis=(1, 2))


def _near(published: np.ndarray, spans: np.ndarray, window: int) -> np.ndarray:
    """Whether some day or month in spans[k] (shape (P, S, 2)) is within ``window`` days of published[k]."""
    fine = (spans[:, :, 0] < _NONE) & (spans[:, :, 1] - spans[:, :, 0] < 31)
    gap = np.maximum(published[:, None, 0], spans[:, :, 0]) - np.minimum(published[:, None, 1], spans[:, :, 1])
    return (fine & (gap <= window)).any(axis=1)


def _time_factors(ta: _Times, tb: _Times, i: np.ndarray, j: np.ndarray, s: StorySettings) -> np.ndarray:
    """Similarity multipliers for pairs (ta[i[k]], tb[j[k]])."""
    factor = np.ones(len(i))
    for lo in range(0, len(i), 20000):
        a, b = i[lo:lo + 20000], j[lo:lo + 20000]
        pub_a, pub_b = ta.published[a][:, None], tb.published[b][:, None]
        for x, y, window, penalty in ((pub_a, pub_b, s.published_window_days, s.published_penalty),
                                      (pub_a, pub_b, s.published_far_days, s.published_far_penalty),
                                      (ta.spans[a], tb.spans[b], s.date_window_days, s.date_penalty)):
            known = (x[:, 0, 0] < _NONE) & (y[:, 0, 0] < _NONE)
            factor[lo:lo + 20000] *= np.where(known & (_gaps(x, y) > window), penalty, 1.0)
        dated_a, dated_b = pub_a[:, 0, 0] < _NONE, pub_b[:, 0, 0] < _NONE
        w = s.published_window_days
        lone = ((dated_a & ~dated_b & ~_near(pub_a[:, 0], tb.spans[b], w))
                | (dated_b & ~dated_a & ~_near(pub_b[:, 0], ta.spans[a], w)))
        factor[lo:lo + 20000] *= np.where(lone, s.undated_penalty, 1.0)
    return factor


@dataclass(frozen=True)
class _Matrix:
    """Sparse rows in CSR form (columns sorted within a row) over ``features``."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    features: tuple[str, ...]
    rows: int


def _encode(docs: Iterable[StoryInput], settings: StorySettings) -> tuple[_Matrix, list[_Brief]]:
    """Boosted tf of every document, read once (a repeated id is skipped), and the documents' briefs;
    columns numbered in order of first appearance."""
    vocab: dict[str, int] = {}
    briefs: list[_Brief] = []
    seen: set[str] = set()
    indptr, cols, vals = [0], [np.zeros(0, np.int32)], [np.zeros(0, np.float32)]
    for doc in docs:
        if doc.doc_id in seen:
            continue
        seen.add(doc.doc_id)
        briefs.append(_brief(doc, settings))
        feats = _features(doc, settings)
        ids = np.fromiter((vocab.setdefault(f, len(vocab)) for f in feats), np.int32, len(feats))
        order = np.argsort(ids)
        cols.append(ids[order])
        vals.append(np.fromiter(feats.values(), np.float32, len(feats))[order])
        indptr.append(indptr[-1] + len(feats))
    matrix = _Matrix(np.asarray(indptr, np.int64), np.concatenate(cols), np.concatenate(vals), tuple(vocab),
                     len(briefs))
    return matrix, briefs


def _idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    return np.log((n_docs + 1.0) / (np.asarray(df, float) + 1.0)) + 1.0


def _weighted(raw: _Matrix, idf: np.ndarray) -> _Matrix:
    """Multiply by idf and L2-normalise each row (_CHUNK_ROWS rows at a time: no temporary is as long as the
    whole matrix)."""
    out = np.empty(len(raw.data), np.float32)
    for lo, hi, a, b in _row_chunks(raw):
        data = raw.data[a:b] * idf[raw.indices[a:b]]
        row_of = np.repeat(np.arange(hi - lo), np.diff(raw.indptr[lo:hi + 1]))
        norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=hi - lo))
        out[a:b] = data / np.maximum(norms, 1e-12)[row_of]
    return replace(raw, data=out)


def _row_chunks(m: _Matrix) -> Iterator[tuple[int, int, int, int]]:
    """(first row, end row, first entry, end entry) of each chunk of _CHUNK_ROWS rows."""
    for lo in range(0, m.rows, _CHUNK_ROWS):
        hi = min(m.rows, lo + _CHUNK_ROWS)
        yield lo, hi, int(m.indptr[lo]), int(m.indptr[hi])


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenation of range(starts[k], starts[k] + lengths[k]) for all k."""
    return np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(int(lengths.sum()))


def _gather(m: _Matrix, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Entries of the given rows: (position in ``rows``, column, value)."""
    starts, lengths = m.indptr[rows], m.indptr[rows + 1] - m.indptr[rows]
    pos = _ranges(starts, lengths)
    return np.repeat(np.arange(len(rows)), lengths), m.indices[pos], m.data[pos]


def _pair_dots(m: _Matrix, a: np.ndarray, b: np.ndarray, chunk: int = 4000) -> np.ndarray:
    """Exact dot products of rows a[k] and b[k], chunk by chunk (sorted-key merge)."""
    out = np.zeros(len(a))
    width = max(1, len(m.features))
    for lo in range(0, len(a), chunk):
        own_a, col_a, val_a = _gather(m, a[lo:lo + chunk])
        own_b, col_b, val_b = _gather(m, b[lo:lo + chunk])
        if not len(col_a) or not len(col_b):
            continue
        keys_a, keys_b = own_a * width + col_a, own_b * width + col_b
        pos = np.minimum(np.searchsorted(keys_a, keys_b), len(keys_a) - 1)
        hit = keys_a[pos] == keys_b
        out[lo:lo + chunk] = np.bincount(own_b[hit], weights=val_a[pos[hit]] * val_b[hit],
                                         minlength=len(a[lo:lo + chunk]))
    return out


def _top_pairs(i: np.ndarray, j: np.ndarray, score: np.ndarray, k: int, n: int) -> np.ndarray:
    """Sorted undirected keys (min * n + max) of each i's k best-scored pairs (i, j)."""
    order = np.lexsort((j, -score, i))
    i, j = i[order], j[order]
    best = np.arange(len(i)) - np.searchsorted(i, i) < k
    return np.unique(np.minimum(i[best], j[best]) * n + np.maximum(i[best], j[best]))


def _block_entries(m: _Matrix, df: np.ndarray, s: StorySettings) -> tuple[np.ndarray, ...]:
    """Each row's ``block_terms`` heaviest features among those in 2..block_max_df rows."""
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = [(np.zeros(0, np.int64), m.indices[:0], m.data[:0])]
    for lo, hi, a, b in _row_chunks(m):  # a chunk at a time: the matrix's every entry is tested, few kept
        cols, found = m.indices[a:b], df[m.indices[a:b]]
        ok = (found >= 2) & (found <= s.block_max_df)
        parts.append((np.repeat(np.arange(lo, hi), np.diff(m.indptr[lo:hi + 1]))[ok], cols[ok], m.data[a:b][ok]))
    rows, cols, vals = (np.concatenate(column) for column in zip(*parts))
    order = np.lexsort((-vals, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    top = np.arange(len(rows)) - np.searchsorted(rows, rows) < s.block_terms
    return rows[top], cols[top], vals[top]


def _candidates(m: _Matrix, df: np.ndarray, s: StorySettings) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs i < j: each row keeps its ``block_neighbours`` best partners by shared
    blocking weight (either end may keep a pair). Rows go in chunks: memory stays bounded."""
    rows, cols, vals = _block_entries(m, df, s)
    by_col = np.argsort(cols, kind="stable")
    post_col, post_row, post_val = cols[by_col], rows[by_col], vals[by_col]
    kept = [np.zeros(0, np.int64)]
    bounds = np.searchsorted(rows, np.arange(0, m.rows + _CHUNK_ROWS, _CHUNK_ROWS))
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        first = np.searchsorted(post_col, cols[lo:hi])
        count = np.searchsorted(post_col, cols[lo:hi], side="right") - first
        src = lo + np.repeat(np.arange(hi - lo), count)
        pos = _ranges(first, count)
        other = post_row[pos] != rows[src]
        keys, inverse = np.unique(rows[src][other] * m.rows + post_row[pos][other], return_inverse=True)
        score = np.bincount(inverse, weights=(vals[src] * post_val[pos])[other])
        kept.append(_top_pairs(keys // m.rows, keys % m.rows, score, s.block_neighbours, m.rows))
    pairs = np.unique(np.concatenate(kept))
    return pairs // max(1, m.rows), pairs % max(1, m.rows)


@dataclass(frozen=True)
class _Graph:
    """Undirected weighted edges i < j."""

    i: np.ndarray
    j: np.ndarray
    sim: np.ndarray


def _graph(m: _Matrix, times: _Times, df: np.ndarray, s: StorySettings) -> _Graph:
    """Candidate pairs -> exact similarity -> each node's ``neighbours`` best edges (union)."""
    i, j = _candidates(m, df, s)
    sim = _pair_dots(m, i, j) * _time_factors(times, times, i, j, s)
    keep = sim >= max(s.min_similarity, 1e-9)
    i, j, sim = i[keep], j[keep], sim[keep]
    both = (np.concatenate((i, j)), np.concatenate((j, i)), np.concatenate((sim, sim)))
    at = np.searchsorted(i * m.rows + j, _top_pairs(*both, s.neighbours, m.rows))
    return _Graph(i[at], j[at], sim[at])


def _average_link(n: int, graph: _Graph, threshold: float) -> list[int]:
    """Average link over a sparse graph (absent pairs count 0); a representative per node."""
    sums: dict[int, dict[int, float]] = {x: {} for x in range(n)}
    edges = list(zip(graph.i.tolist(), graph.j.tolist(), graph.sim.tolist()))
    for a, b, s in edges:
        sums[a][b] = sums[b][a] = s
    size, parent = [1] * n, list(range(n))
    heap = [(-s, a, b) for a, b, s in edges if s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if parent[a] != a or parent[b] != b or sums[a].get(b, 0.0) / (size[a] * size[b]) != -neg:
            continue  # stale entry: a cluster changed since it was pushed
        keep, gone = (a, b) if len(sums[a]) >= len(sums[b]) else (b, a)
        del sums[keep][gone]
        for c, s in sums.pop(gone).items():  # fold gone's summed edge weights into keep
            if c != keep:
                sums[keep][c] = sums[keep].get(c, 0.0) + s
                sums[c][keep] = sums[c].get(keep, 0.0) + s
                del sums[c][gone]
        size[keep] += size[gone]
        parent[gone] = keep
        for c, s in sums[keep].items():
            if s / (size[keep] * size[c]) >= threshold:
                heapq.heappush(heap, (-s / (size[keep] * size[c]), min(keep, c), max(keep, c)))
    return [_root(parent, x) for x in range(n)]


def _root(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def story_id(doc_ids: Iterable[str]) -> str:
    """Stable story id: a hash of the smallest member document id."""
    return "story-" + hashlib.sha1(min(doc_ids).encode("utf-8")).hexdigest()[:16]


def _headline(doc: StoryInput) -> str:
    """The title, else the first non-empty line (cut at 160 characters)."""
    line = (doc.title or "").strip() or next((ln.strip() for ln in doc.text.splitlines() if ln.strip()), "")
    return line if len(line) <= 160 else line[:157].rsplit(" ", 1)[0] + "…"


def _stories(docs: Sequence[_Brief], labels: list[int], graph: _Graph) -> list[Story]:
    """Group by label; the title comes from the member with most similarity to its co-members."""
    lab = np.asarray(labels, np.int64)
    same = lab[graph.i] == lab[graph.j] if len(graph.i) else np.zeros(0, bool)
    central = np.bincount(graph.i[same], graph.sim[same], len(docs))
    central += np.bincount(graph.j[same], graph.sim[same], len(docs))
    groups: dict[int, list[int]] = {}
    for k, label in enumerate(labels):
        groups.setdefault(label, []).append(k)
    stories = []
    for members in groups.values():
        ids = tuple(sorted(docs[k].doc_id for k in members))
        best = max(sorted(members, key=lambda k: docs[k].doc_id), key=lambda k: central[k])
        stories.append(Story(story_id(ids), docs[best].headline, ids))
    return sorted(stories, key=lambda st: st.documents[0])


@dataclass(frozen=True)
class StoryCentroid:
    """What the index keeps of a story: its record, centroid terms and time evidence."""

    story: Story
    terms: Mapping[str, float]  # heaviest terms of the sum of the members' unit vectors
    norm: float  # length of that (untruncated) sum
    published: tuple[int, int] | None  # first and last publication day, as ordinals
    spans: tuple[tuple[int, int], ...]  # dates the members mention, as (first, last) ordinals

    def blocking_terms(self, settings: StorySettings) -> list[str]:
        """The terms the index lists this story under (its ``block_terms`` heaviest)."""
        return _heaviest(self.terms, settings.block_terms)


def _heaviest(vector: Mapping[str, float], n: int) -> list[str]:
    return sorted(vector, key=lambda f: -vector[f])[:n]


@dataclass(frozen=True)
class StoryClustering:
    """A full clustering, with what incremental assignment needs read out one story at a time.

    ``stories`` are the stories; ``idf()`` and ``centroids()`` stream the rest (for a store)."""

    stories: list[Story]
    n_docs: int
    settings: StorySettings
    matrix: _Matrix
    idf_values: np.ndarray
    df: np.ndarray
    briefs: list[_Brief]

    def idf(self) -> Iterator[tuple[str, float]]:
        """(feature, idf) of the features found in two documents or more."""
        for f, v, d in zip(self.matrix.features, self.idf_values.tolist(), self.df.tolist()):
            if d >= 2:
                yield f, v

    def centroids(self) -> Iterator[StoryCentroid]:
        """Each story's centroid, in the order of ``stories``."""
        row = {b.doc_id: k for k, b in enumerate(self.briefs)}
        for story in self.stories:
            members = [row[d] for d in story.documents]
            _, cols, vals = _gather(self.matrix, np.asarray(members, np.int64))
            uniq, inverse = np.unique(cols, return_inverse=True)
            total = np.bincount(inverse, weights=vals)
            vector = dict(zip((self.matrix.features[c] for c in uniq.tolist()), total.tolist()))
            published = [p for p in (self.briefs[k].published for k in members) if p]
            spans = [sp for k in members for sp in self.briefs[k].spans]
            yield _centroid(story, vector, float(np.sqrt(total @ total)), published, spans, self.settings)


def _centroid(story: Story, vector: Mapping[str, float], norm: float, published: Sequence[tuple[int, int]],
              spans: Iterable[tuple[int, int]], s: StorySettings) -> StoryCentroid:
    top = sorted(vector.items(), key=lambda kv: -kv[1])[:s.centroid_terms]
    pub = (min(p[0] for p in published), max(p[1] for p in published)) if published else None
    common = tuple(sp for sp, _ in Counter(spans).most_common(_MAX_SPANS))
    return StoryCentroid(story, dict(top), norm, pub, common)


def _cluster(docs: Iterable[StoryInput], s: StorySettings, idf_table: Mapping[str, float] | None = None,
             n_docs: int = 0) -> StoryClustering:
    """The whole batch path; idf from the batch itself, or from ``idf_table`` of n_docs documents."""
    raw, briefs = _encode(docs, s)
    df = np.bincount(raw.indices, minlength=len(raw.features)).astype(float)
    if not briefs:
        return StoryClustering([], 0, s, raw, df, df, briefs)
    if idf_table is None:
        idf = _idf(df, len(briefs))
    else:
        unseen = float(_idf(np.zeros(1), n_docs)[0])
        idf = np.fromiter((idf_table.get(f, unseen) for f in raw.features), float, len(raw.features))
    m = _weighted(raw, idf)
    del raw  # its values (the weighted ones replace them; the columns are shared)
    graph = _graph(m, _doc_times(briefs), df, s)
    labels = _average_link(len(briefs), graph, s.threshold)
    return StoryClustering(_stories(briefs, labels, graph), len(briefs), s, m, idf, df, briefs)


def _unique(docs: Iterable[StoryInput]) -> Iterable[StoryInput]:
    """One input per document id (the last one wins) for a sequence; a stream is taken as it comes."""
    return list({doc.doc_id: doc for doc in docs}.values()) if isinstance(docs, Sequence) else docs


def cluster(docs: Iterable[StoryInput], settings: StorySettings | None = None) -> StoryClustering:
    """Cluster ``docs`` (any iterable, read once) in full, keeping what an index needs."""
    return _cluster(_unique(docs), settings or StorySettings())


def cluster_stories(docs: Iterable[StoryInput], settings: StorySettings | None = None) -> list[Story]:
    """Group documents about the same specific happening into stories (see the module docstring)."""
    return cluster(docs, settings).stories

"""Story clustering: group the articles about one specific happening into stories.

Features. Each document becomes a sparse TF-IDF vector (sublinear tf, smoothed idf, L2-normalised)
over lowercased word tokens found by a regex (no parser needed), with boosted weights for

* names: a word that appears capitalised in the middle of a sentence (outside Title-Case headline
  lines), and every multi-word capitalised phrase ("Arcade Joseph Comeaux") as a feature of its own;
* numbers ("23 pirates" and "26 pirates" are two different happenings);
* the canonical entity and place keys given in ``StoryInput.entities`` / ``places``.

Time. Two documents whose evidence about time is far apart are less likely to report the same
happening: the cosine is multiplied by a factor below 1 when both publication days are known and
more than ``published_window_days`` apart, and when both documents mention dates and the closest
pair of them is more than ``date_window_days`` apart. The closest pair is used because articles also
mention background dates. When ``StoryInput.dates`` is empty, explicit dates and years are read from
the text with a small regex (``November 30, 2009``, ``14 June 2013``, ``Nov 2011``, ``2009``).

Clustering. Average-link agglomerative clustering, stopped at ``threshold``, run on a sparse
candidate graph instead of an all-pairs matrix, so the cost grows with the number of candidate
pairs, not with n²:

1. blocking: every document puts its ``block_terms`` heaviest features in an inverted index;
   features shared by more than ``block_max_df`` documents are too common to block on; each
   document keeps its ``block_neighbours`` best candidates (by shared blocking weight);
2. the exact cosine (times the time factor) is computed for the candidate pairs only;
3. average link on that graph: the linkage of two clusters is the sum of their edge similarities
   divided by the product of their sizes (pairs that are not candidates count as 0).

Incremental path. ``build_index`` keeps the idf table and, per story, the sum of its members'
unit vectors and their dates. The average-link similarity of a new document to a story is exactly
``dot(doc, sum) / size``, so ``assign_story`` scores a new document against the stories that share
one of its blocking features (an inverted index over story centroids) and returns the best story
above ``threshold`` or None. ``add_documents`` assigns a batch, clusters the leftovers among
themselves into new stories and returns a new index: adding 100 documents costs time proportional
to 100 (times the candidate stories each touches), not to the store size. The idf table stays the
one of the last full build; a periodic full rebuild re-estimates it.

Story ids are ``story-`` + a hash of the smallest member document id (stable across rebuilds as
long as that member stays); the title is the title (or first line) of the most central member.
"""
from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np


@dataclass(frozen=True)
class StoryInput:
    """One document as story clustering sees it."""

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
    """Global knobs; tuned once on the ECB+ dev set, never per topic."""

    threshold: float = 0.2
    name_boost: float = 2.0
    number_boost: float = 2.0
    entity_boost: float = 2.0
    phrase_features: bool = True
    date_window_days: int = 60
    date_penalty: float = 0.5
    published_window_days: int = 14
    published_penalty: float = 0.5
    use_text_dates: bool = True
    block_terms: int = 12
    block_max_df: int = 200
    block_neighbours: int = 40
    min_edge: float = 0.02


# ---------------------------------------------------------------- features

_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+(?:[.,:]\d+)*")
_SENTENCE_END = re.compile(r"[.!?:;\"“”'‘’(\[\-–—]\s*$")
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told according one two new mr mrs ms dr
    st jr sr via per am pm et s t re ve ll d m""".split()
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ["jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
         "aug august", "sep sept september", "oct october", "nov november", "dec december"]
    )
    for m in names.split()
}
_CALENDAR = frozenset(_MONTHS) | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow".split()
)


@dataclass(frozen=True)
class _Tok:
    word: str
    capitalised: bool


def _line_tokens(line: str) -> list[_Tok]:
    """Tokens of one line; a token counts as capitalised only in the middle of a sentence."""
    found = list(_TOKEN.finditer(line))
    letters = [m for m in found if len(m.group()) > 3 and m.group()[0].isalpha()]
    title_case = bool(letters) and sum(m.group()[0].isupper() for m in letters) > 0.6 * len(letters)
    out: list[_Tok] = []
    for m in found:
        word = m.group()
        start = m.start()
        mid = start > 0 and not _SENTENCE_END.search(line[max(0, start - 3):start])
        cap = mid and not title_case and word[0].isupper() and word.lower() not in _CALENDAR
        out.append(_Tok(word.lower().replace(",", ""), cap))
    return out


def _phrases(tokens: list[_Tok]) -> Iterable[str]:
    """Runs of two or more capitalised tokens, as one feature each."""
    run: list[str] = []
    for tok in tokens + [_Tok("", False)]:
        if tok.capitalised:
            run.append(tok.word)
            continue
        if len(run) > 1:
            yield " ".join(run)
        run = []


def _features(doc: StoryInput, settings: StorySettings) -> dict[str, float]:
    """Feature -> weight before idf: sublinear tf times the boost of its kind."""
    counts: Counter[str] = Counter()
    names: set[str] = set()
    for line in filter(None, ((doc.title or "") + "\n" + doc.text).split("\n")):
        tokens = _line_tokens(line)
        for tok in tokens:
            if len(tok.word) < 2 and not tok.word.isdigit() or tok.word in _STOP:
                continue
            counts["w:" + tok.word] += 1
            if tok.capitalised:
                names.add("w:" + tok.word)
        if settings.phrase_features:
            counts.update("p:" + p for p in _phrases(tokens))
    counts.update("e:" + key.lower() for key in doc.entities + doc.places)
    return {f: (1.0 + math.log(c)) * _boost(f, f in names, settings) for f, c in counts.items()}


def _boost(feature: str, is_name: bool, settings: StorySettings) -> float:
    if feature.startswith("e:"):
        return settings.entity_boost
    if feature.startswith("p:") or is_name:
        return settings.name_boost
    if feature[2].isdigit():
        return settings.number_boost
    return 1.0


# ---------------------------------------------------------------- dates

_DATE_MDY = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
_DATE_DMY = re.compile(r"\b(\d{1,2})\s+([A-Z][a-z]{2,8})\.?,?\s+((?:19|20)\d\d)\b")
_DATE_MY = re.compile(r"\b([A-Z][a-z]{2,8})\.?,?\s+((?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<![\d.,:/$])((?:19|20)\d\d)(?![\d.,:/%])")


def _day(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).toordinal()
    except ValueError:
        return None


def _span(iso: str) -> tuple[int, int] | None:
    """An ISO day, month or year -> (first day, last day) as ordinals."""
    parts = [int(p) for p in re.findall(r"\d+", iso)[:3]]
    if not parts or not 1 <= parts[0] <= 9999:
        return None
    if len(parts) == 1:
        return _day(parts[0], 1, 1) or 0, _day(parts[0], 12, 31) or 0
    first = _day(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    if first is None:
        return None
    if len(parts) > 2:
        return first, first
    nxt = _day(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
    return first, (nxt or first + 30) - 1


def text_dates(text: str) -> tuple[str, ...]:
    """Explicit dates and years written in ``text``, as ISO days, months or years."""
    out: list[str] = []
    for mon, day, year in _DATE_MDY.findall(text):
        if mon.lower() in _MONTHS:
            out.append(f"{year}-{_MONTHS[mon.lower()]:02d}-{int(day):02d}")
    for day, mon, year in _DATE_DMY.findall(text):
        if mon.lower() in _MONTHS:
            out.append(f"{year}-{_MONTHS[mon.lower()]:02d}-{int(day):02d}")
    for mon, year in _DATE_MY.findall(text):
        if mon.lower() in _MONTHS:
            out.append(f"{year}-{_MONTHS[mon.lower()]:02d}")
    out.extend(_YEAR.findall(text))
    return tuple(dict.fromkeys(out))


def _date_spans(doc: StoryInput, settings: StorySettings) -> tuple[tuple[int, int], ...]:
    dates = doc.dates or (text_dates(doc.text) if settings.use_text_dates else ())
    spans = {s for s in map(_span, dates) if s}
    return tuple(sorted(spans))


def _gap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int | None:
    """Days between the closest pair of spans of a and b (0 when some overlap); None if unknown."""
    if not a or not b:
        return None
    return min(max(0, max(x[0], y[0]) - min(x[1], y[1])) for x in a for y in b)


def _time_factor(a: _DocTime, b: _DocTime, settings: StorySettings) -> float:
    factor = 1.0
    pub = _gap(a.published, b.published)
    if pub is not None and pub > settings.published_window_days:
        factor *= settings.published_penalty
    gap = _gap(a.mentioned, b.mentioned)
    if gap is not None and gap > settings.date_window_days:
        factor *= settings.date_penalty
    return factor


@dataclass(frozen=True)
class _DocTime:
    published: tuple[tuple[int, int], ...]
    mentioned: tuple[tuple[int, int], ...]


def _doc_time(doc: StoryInput, settings: StorySettings) -> _DocTime:
    pub = _span(doc.published) if doc.published else None
    return _DocTime((pub,) if pub else (), _date_spans(doc, settings))


# ---------------------------------------------------------------- vectors


@dataclass(frozen=True)
class _Matrix:
    """Row-normalised sparse TF-IDF rows (CSR: each row's columns sorted)."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    features: tuple[str, ...]

    @property
    def rows(self) -> int:
        return len(self.indptr) - 1


def _encode(docs: Sequence[StoryInput], settings: StorySettings) -> _Matrix:
    """Raw (pre-idf) feature weights of every document, columns numbered in order of appearance."""
    vocab: dict[str, int] = {}
    indptr = [0]
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    for doc in docs:
        feats = _features(doc, settings)
        ids = np.fromiter((vocab.setdefault(f, len(vocab)) for f in feats), np.int64, len(feats))
        order = np.argsort(ids)
        cols.append(ids[order])
        vals.append(np.fromiter(feats.values(), np.float64, len(feats))[order])
        indptr.append(indptr[-1] + len(feats))
    return _Matrix(
        np.asarray(indptr, np.int64),
        np.concatenate(cols) if cols else np.zeros(0, np.int64),
        np.concatenate(vals) if vals else np.zeros(0),
        tuple(vocab),
    )


def _idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    return np.log((n_docs + 1.0) / (df + 1.0)) + 1.0


def _weighted(raw: _Matrix, idf: np.ndarray) -> _Matrix:
    """Multiply by idf and L2-normalise every row."""
    data = raw.data * idf[raw.indices]
    row_of = np.repeat(np.arange(raw.rows), np.diff(raw.indptr))
    norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=raw.rows))
    data = data / np.maximum(norms, 1e-12)[row_of]
    return replace(raw, data=data)


def _gather(m: _Matrix, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Entries of the given rows: (position in ``rows``, column, value)."""
    starts = m.indptr[rows]
    lengths = m.indptr[rows + 1] - starts
    owner = np.repeat(np.arange(len(rows)), lengths)
    offsets = np.cumsum(lengths) - lengths
    pos = np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()))
    return owner, m.indices[pos], m.data[pos]


def _pair_dots(m: _Matrix, a: np.ndarray, b: np.ndarray, chunk: int = 20000) -> np.ndarray:
    """Exact dot products of rows a[k] and b[k], computed chunk by chunk."""
    out = np.zeros(len(a))
    width = max(1, len(m.features))
    for lo in range(0, len(a), chunk):
        own_a, col_a, val_a = _gather(m, a[lo:lo + chunk])
        own_b, col_b, val_b = _gather(m, b[lo:lo + chunk])
        keys_a = own_a * width + col_a
        keys_b = own_b * width + col_b
        pos = np.minimum(np.searchsorted(keys_a, keys_b), max(0, len(keys_a) - 1))
        hit = keys_a[pos] == keys_b if len(keys_a) else np.zeros(len(keys_b), bool)
        prod = val_a[pos[hit]] * val_b[hit]
        out[lo:lo + chunk] = np.bincount(own_b[hit], weights=prod, minlength=len(a[lo:lo + chunk]))
    return out


# ---------------------------------------------------------------- candidate pairs


def _block_entries(m: _Matrix, df: np.ndarray, settings: StorySettings) -> tuple[np.ndarray, ...]:
    """Each row's ``block_terms`` heaviest features among those shared by 2..block_max_df rows."""
    row_of = np.repeat(np.arange(m.rows), np.diff(m.indptr))
    keep = (df[m.indices] >= 2) & (df[m.indices] <= settings.block_max_df)
    rows, cols, vals = row_of[keep], m.indices[keep], m.data[keep]
    order = np.lexsort((-vals, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    first = np.searchsorted(rows, rows)
    top = (np.arange(len(rows)) - first) < settings.block_terms
    return rows[top], cols[top], vals[top]


def _shared_pairs(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray) -> tuple[np.ndarray, ...]:
    """All (i, j, w_i * w_j) for rows sharing a blocking feature (i < j; repeats not summed)."""
    order = np.lexsort((rows, cols))
    rows, cols, vals = rows[order], cols[order], vals[order]
    bounds = np.flatnonzero(np.diff(cols)) + 1
    starts = np.concatenate(([0], bounds))
    ends = np.concatenate((bounds, [len(cols)]))
    parts_i, parts_j, parts_w = [], [], []
    for lo, hi in zip(starts.tolist(), ends.tolist()):
        if hi - lo < 2:
            continue
        x, y = np.triu_indices(hi - lo, 1)
        parts_i.append(rows[lo + x])
        parts_j.append(rows[lo + y])
        parts_w.append(vals[lo + x] * vals[lo + y])
    if not parts_i:
        empty = np.zeros(0, np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(parts_i), np.concatenate(parts_j), np.concatenate(parts_w)


def _candidates(m: _Matrix, df: np.ndarray, settings: StorySettings) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (i < j): each row keeps its ``block_neighbours`` best by shared weight."""
    i, j, w = _shared_pairs(*_block_entries(m, df, settings))
    if not len(i):
        return i, j
    keys, inverse = np.unique(i * m.rows + j, return_inverse=True)
    score = np.bincount(inverse, weights=w)
    i, j = keys // m.rows, keys % m.rows
    both_a, both_b = np.concatenate((i, j)), np.concatenate((j, i))
    both_s = np.concatenate((score, score))
    order = np.lexsort((both_b, -both_s, both_a))
    both_a, both_b = both_a[order], both_b[order]
    rank = np.arange(len(both_a)) - np.searchsorted(both_a, both_a)
    keep = rank < settings.block_neighbours
    lo = np.minimum(both_a[keep], both_b[keep])
    hi = np.maximum(both_a[keep], both_b[keep])
    pairs = np.unique(lo * m.rows + hi)
    return pairs // m.rows, pairs % m.rows


@dataclass(frozen=True)
class _Graph:
    """Weighted candidate edges i < j with their similarity (cosine times time factor)."""

    i: np.ndarray
    j: np.ndarray
    sim: np.ndarray


def _edges(m: _Matrix, times: Sequence[_DocTime], df: np.ndarray, settings: StorySettings) -> _Graph:
    i, j = _candidates(m, df, settings)
    sim = _pair_dots(m, i, j)
    keep = sim >= settings.min_edge
    i, j, sim = i[keep], j[keep], sim[keep]
    factors = [
        _time_factor(times[a], times[b], settings) if times[a] != _NO_TIME != times[b] else 1.0
        for a, b in zip(i.tolist(), j.tolist())
    ]
    return _Graph(i, j, sim * np.asarray(factors, dtype=float))


_NO_TIME = _DocTime((), ())


def _average_link(n: int, graph: _Graph, threshold: float) -> list[int]:
    """Sparse average-link clustering; returns a cluster representative for every node."""
    sums: list[dict[int, float]] = [{} for _ in range(n)]
    for a, b, s in zip(graph.i.tolist(), graph.j.tolist(), graph.sim.tolist()):
        sums[a][b] = sums[b][a] = s
    size = [1] * n
    parent = list(range(n))
    heap = [(-s, a, b) for a, b, s in zip(graph.i.tolist(), graph.j.tolist(), graph.sim.tolist())
            if s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if parent[a] != a or parent[b] != b or sums[a].get(b, 0.0) / (size[a] * size[b]) != -neg:
            continue
        keep, gone = (a, b) if len(sums[a]) >= len(sums[b]) else (b, a)
        _merge(sums, keep, gone)
        size[keep] += size[gone]
        parent[gone] = keep
        for c, s in sums[keep].items():
            link = s / (size[keep] * size[c])
            if link >= threshold:
                heapq.heappush(heap, (-link, min(keep, c), max(keep, c)))
    return [_root(parent, x) for x in range(n)]


def _merge(sums: list[dict[int, float]], keep: int, gone: int) -> None:
    """Fold cluster ``gone``'s summed edge weights into cluster ``keep``."""
    del sums[keep][gone]
    for c, s in sums[gone].items():
        if c == keep:
            continue
        sums[keep][c] = sums[keep].get(c, 0.0) + s
        sums[c][keep] = sums[c].get(keep, 0.0) + s
        del sums[c][gone]
    sums[gone] = {}


def _root(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


# ---------------------------------------------------------------- stories


def story_id(doc_ids: Iterable[str]) -> str:
    """Stable story id: a hash of the smallest member document id."""
    return "story-" + hashlib.sha1(min(doc_ids).encode("utf-8")).hexdigest()[:16]


def _first_line(doc: StoryInput) -> str:
    if doc.title and doc.title.strip():
        return doc.title.strip()
    line = next((ln.strip() for ln in doc.text.splitlines() if ln.strip()), "")
    return line if len(line) <= 160 else line[:157].rsplit(" ", 1)[0] + "…"


def _stories(docs: Sequence[StoryInput], labels: list[int], graph: _Graph) -> list[Story]:
    """Group by label; title from the member with the largest similarity to its co-members."""
    central = np.zeros(len(docs))
    same = np.asarray([labels[a] == labels[b] for a, b in zip(graph.i.tolist(), graph.j.tolist())], bool)
    if len(same):
        np.add.at(central, graph.i[same], graph.sim[same])
        np.add.at(central, graph.j[same], graph.sim[same])
    groups: dict[int, list[int]] = {}
    for k, label in enumerate(labels):
        groups.setdefault(label, []).append(k)
    stories = []
    for members in groups.values():
        ids = tuple(sorted(docs[k].doc_id for k in members))
        best = max(members, key=lambda k: (central[k], -members.index(k)))
        stories.append(Story(story_id(ids), _first_line(docs[best]), ids))
    return sorted(stories, key=lambda s: s.documents[0])


def _doc_freq(m: _Matrix) -> np.ndarray:
    return np.bincount(m.indices, minlength=len(m.features)).astype(np.float64)


def cluster_stories(docs: Sequence[StoryInput], settings: StorySettings | None = None) -> list[Story]:
    """Group documents about the same specific happening into stories (see the module docstring)."""
    settings = settings or StorySettings()
    if not docs:
        return []
    raw = _encode(docs, settings)
    df = _doc_freq(raw)
    m = _weighted(raw, _idf(df, len(docs)))
    times = [_doc_time(d, settings) for d in docs]
    graph = _edges(m, times, df, settings)
    return _stories(docs, _average_link(len(docs), graph, settings.threshold), graph)

"""Transliteration-aware name matching and clustering (the names part of the resolve stage).

- ``name_key(name)``: the normalised key (see ``namekey``).
- ``name_similarity(a, b)``: token-aligned similarity with a reason; a conflicting given name
  vetoes the match, so relatives who share a family name stay apart.
- ``is_short_form(short, full)``: a surname-only form or acronym of a full name (use it within
  one document, where "Haftar" after "Khalifa Haftar" is safe).
- ``cluster_names(names, contexts)``: global clustering with blocking (cost grows with the number
  of names), complete-link checks (no chaining), careful attachment of one-token names, and a
  merge log that says why each pair was merged.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence

from rapidfuzz.distance import OSA, Indel

from newsgraph.resolve.namekey import NameKey, NameToken, name_key

__all__ = [
    "Clustering", "Match", "MergeRecord", "NameContext", "NameKey", "cluster_names",
    "is_short_form", "name_key", "name_similarity",
]

TOKEN_MATCH = 0.78  # two tokens are the same name at or above this similarity
EDGE_SCORE = 0.4  # two names are linked at or above this score
LINK_SCORE = 0.3  # cross pairs of two merging clusters must mostly reach this score
LINK_SHARE = 0.25  # share of cross pairs that must reach LINK_SCORE
MAX_CHECK = 8  # members per cluster compared when two clusters merge
STRICT_GIVEN = False  # given names must align with each other (or the name be reversed)
MAX_TARGETS = 2  # a one-token name joins at most this many non-conflicting clusters
BLOCK_CAP = 60  # a blocking key shared by more names than this is too common to block on
WEIGHTS = {"name": 1.0, "known": 0.4, "initial": 0.15, "generic": 0.2, "place": 0.2}
# Logistic models of "same entity" over PairFeatures.vector() (cover_low, cover_high, evidence,
# matched, given, last) plus intercept, fitted on the candidate pairs of names_dev; one for
# personal names, one for pairs where a name looks like an organisation.
PERSON_MODEL = (3.68, 3.43, 1.46, -0.07, 2.14, 1.10, 0.0, 0.63, 0.13, 0.12, 9.06, -0.28, -17.16)
ORG_MODEL = (0.15, 2.20, 0.42, 0.65, 1.90, 0.95, -1.85, 0.36, 1.22, -0.46, 11.04, 0.09, -16.35)


@dataclass(frozen=True)
class NameContext:
    """What the caller knows about one name: entity type, ISO-3 country, titles, co-mentions."""

    type: str | None = None
    country: str | None = None
    titles: tuple[str, ...] = ()
    co_mentions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """Similarity of two names in 0..1, why, and whether a conflict forbids merging them."""

    score: float
    reason: str
    veto: bool = False


@dataclass(frozen=True)
class MergeRecord:
    """One merge of the clustering: the two names that linked two clusters, the score, why."""

    left: str
    right: str
    score: float
    reason: str
    left_index: int
    right_index: int


@dataclass(frozen=True)
class Clustering:
    """``labels[i]`` is the cluster of ``names[i]``; ``log`` lists the merges in order."""

    labels: tuple[int, ...]
    log: tuple[MergeRecord, ...]


@dataclass(frozen=True)
class _Alignment:
    """Aligned token pairs (i, j, similarity) and the share of each name's weight they cover."""

    pairs: tuple[tuple[int, int, float], ...]
    cover_a: float
    cover_b: float
    evidence: float


@dataclass(frozen=True)
class PairFeatures:
    """What the score of a pair of names is computed from."""

    cover_low: float  # matched weight share of the less covered name
    cover_high: float  # ... of the better covered name
    evidence: float  # matched weight (rare tokens weigh more), capped
    matched: int  # number of aligned tokens (initials not counted)
    given: bool  # the given names are aligned with each other
    last: bool  # the last names are aligned with each other
    kind_conflict: bool  # organisation words of disjoint kinds (Foundation vs TV)
    odd_rare: int  # rare tokens left unmatched on both sides (the fewer of the two counts)
    rare_matched: int  # aligned pairs with a rare token
    in_order: bool  # the aligned tokens keep their order
    weakest: float  # lowest similarity among aligned tokens
    extra: int  # unmatched tokens (initials not counted) of the longer name

    def vector(self) -> tuple[float, ...]:
        return (
            self.cover_low, self.cover_high, self.evidence, self.matched, self.given, self.last,
            self.kind_conflict, self.odd_rare, self.rare_matched, self.in_order, self.weakest, self.extra,
        )


def _weight(token: NameToken) -> float:
    if token.kind != "name":
        return WEIGHTS[token.kind]
    return WEIGHTS["known"] if token.known else WEIGHTS["name"]


def _skeleton_similarity(a: NameToken, b: NameToken) -> float:
    best = 0.0
    for x in (a.skeleton, *a.alternatives):
        for y in (b.skeleton, *b.alternatives):
            if x == y:
                return 1.0
            best = max(best, OSA.normalized_similarity(x, y), Indel.normalized_similarity(x, y))
    return best


def token_similarity(a: NameToken, b: NameToken) -> float:
    """How likely two name units are spellings of the same name, 0..1."""
    if a.kind == "initial" or b.kind == "initial":
        return 0.9 if a.text[:1] == b.text[:1] and {a.kind, b.kind} <= {"initial", "name"} else 0.0
    if a.known and b.known:
        return 1.0 if (a.prefix, a.core) == (b.prefix, b.core) else 0.3
    if a.prefix != b.prefix:
        return _prefix_mismatch(a, b)
    score = _spelling_similarity(a, b)
    if score < TOKEN_MATCH and _truncated(a.core, b.core):
        return 0.8
    return score


def _spelling_similarity(a: NameToken, b: NameToken) -> float:
    skeleton = _skeleton_similarity(a, b)
    spelling = Indel.normalized_similarity(a.core, b.core)
    score = 0.6 * skeleton + 0.4 * spelling
    if skeleton == 1.0:
        return max(score, 0.9) if len(a.skeleton) >= 3 else score
    if min(len(a.skeleton), len(b.skeleton)) <= 2:
        return min(score, spelling - 0.05)
    return score


def _truncated(a: str, b: str) -> bool:
    """One spelling cut short of the other (list field limits, Salah for Salah al-Din)."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short)


def _prefix_mismatch(a: NameToken, b: NameToken) -> float:
    """Abd al-Rahman vs Rahman, Abu Bakr vs Bakr: the same name core, less sure."""
    kunya, other = (a, b) if a.prefix in ("abu", "umm", "dhu") else (b, a)
    if kunya.prefix in ("abu", "umm", "dhu") and other.prefix == "abd":
        return 0.85 * Indel.normalized_similarity(kunya.core_skeleton, other.skeleton)
    if a.prefix and b.prefix:
        return 0.6 * Indel.normalized_similarity(a.skeleton, b.skeleton)
    bare, prefixed = (a, b) if not a.prefix else (b, a)
    core = Indel.normalized_similarity(bare.skeleton, prefixed.core_skeleton)
    spelling = Indel.normalized_similarity(bare.core, prefixed.core)
    return 0.85 * (0.6 * core + 0.4 * spelling)


TokenSimilarity = Callable[[NameToken, NameToken], float]


class TokenCache:
    """Token similarities of one run, computed once per distinct pair of tokens.

    ``intern`` makes equal tokens one object, so the cache can key on object identity."""

    def __init__(self) -> None:
        self._tokens: dict[NameToken, NameToken] = {}
        self._known: dict[tuple[int, int], float] = {}

    def intern(self, key: NameKey) -> NameKey:
        return replace(key, parts=tuple(self._tokens.setdefault(t, t) for t in key.parts))

    def similarity(self, a: NameToken, b: NameToken) -> float:
        pair = (id(a), id(b))
        found = self._known.get(pair)
        if found is None:
            found = self._known[pair] = self._known[(id(b), id(a))] = token_similarity(a, b)
        return found


def _align(a: Sequence[NameToken], b: Sequence[NameToken], similarity: TokenSimilarity) -> _Alignment:
    """Greedy one-to-one alignment of tokens by similarity; coverage = matched weight share."""
    candidates = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            sim = similarity(x, y)
            if sim >= TOKEN_MATCH:
                initial = x.kind == "initial" or y.kind == "initial"
                candidates.append((initial, -sim, abs(i / len(a) - j / len(b)), i, j))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, negative, _, i, j in candidates:
        sim = -negative
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j, sim))
    total_a = sum(_weight(t) for t in a) or 1.0
    total_b = sum(_weight(t) for t in b) or 1.0
    cover_a = sum(sim * _weight(a[i]) for i, _, sim in pairs) / total_a
    cover_b = sum(sim * _weight(b[j]) for _, j, sim in pairs) / total_b
    evidence = sum(sim * (_weight(a[i]) + _weight(b[j])) / 2 for i, j, sim in pairs)
    return _Alignment(tuple(pairs), cover_a, cover_b, evidence)


def _given_name_conflict(a: NameKey, b: NameKey, alignment: _Alignment) -> str:
    """The first names differ and are not reordered: relatives sharing a family name."""
    names_a, names_b = _identity_tokens(a), _identity_tokens(b)
    if len(names_a) < 2 or len(names_b) < 2 or a.org_like or b.org_like:
        return ""
    given_a, given_b = _given_name(names_a), _given_name(names_b)
    first_a, first_b = a.parts.index(given_a), b.parts.index(given_b)
    matched_a = {i: j for i, j, _ in alignment.pairs}
    matched_b = {j: i for i, j, _ in alignment.pairs}
    if matched_a.get(first_a) == first_b or _initial(given_a) or _initial(given_b):
        return ""
    if STRICT_GIVEN:
        last_a, last_b = a.parts.index(names_a[-1]), b.parts.index(names_b[-1])
        if matched_a.get(first_a) == last_b or matched_b.get(first_b) == last_a:
            return ""
    elif first_a in matched_a or first_b in matched_b:
        return ""
    return f"given names differ: {given_a.text} / {given_b.text}"


def _initial(token: NameToken) -> bool:
    return token.kind == "initial"


def _given_name(tokens: Sequence[NameToken]) -> NameToken:
    """The first token, or the one after a leading kunya when more names follow it
    (Abu Ahmad Muhammad Salih: Muhammad; Abu Hafs al-Masri: Abu Hafs)."""
    if tokens[0].prefix in ("abu", "umm") and len(tokens) >= 3:
        return tokens[1]
    return tokens[0]


def _identity_tokens(key: NameKey) -> tuple[NameToken, ...]:
    return key.names or key.parts


def _org_pair(a: NameKey, b: NameKey, context_a: NameContext | None, context_b: NameContext | None) -> bool:
    types = {c.type for c in (context_a, context_b) if c is not None and c.type}
    if types:
        return "PERSON" not in types
    return a.org_like or b.org_like


def _shape_conflict(a: NameKey, b: NameKey, context_a: NameContext | None, context_b: NameContext | None) -> str:
    """Without types from the caller: an organisation-like name never matches a personal one."""
    if any(c is not None and c.type for c in (context_a, context_b)):
        return ""
    if (a.org_like and _looks_personal(b)) or (b.org_like and _looks_personal(a)):
        return "organisation vs person"
    return ""


def _context_conflict(a: NameContext | None, b: NameContext | None) -> str:
    if a is None or b is None:
        return ""
    if a.type and b.type and a.type != b.type:
        return f"types differ: {a.type} / {b.type}"
    if a.country and b.country and a.country != b.country:
        return f"countries differ: {a.country} / {b.country}"
    return ""


def _context_bonus(a: NameContext | None, b: NameContext | None) -> float:
    if a is None or b is None:
        return 0.0
    shared_mentions = {name_key(m).tokens for m in a.co_mentions} & {name_key(m).tokens for m in b.co_mentions}
    shared_titles = {t.lower().rstrip(".") for t in a.titles} & {t.lower().rstrip(".") for t in b.titles}
    return 0.05 * bool(shared_mentions) + 0.03 * bool(shared_titles)


def match_keys(
    a: NameKey,
    b: NameKey,
    context_a: NameContext | None = None,
    context_b: NameContext | None = None,
    similarity: TokenSimilarity = token_similarity,
) -> Match:
    """Compare two keys (see ``name_similarity``); ``similarity`` may be a TokenCache's."""
    conflict = _context_conflict(context_a, context_b) or _shape_conflict(a, b, context_a, context_b)
    if conflict:
        return Match(0.0, conflict, veto=True)
    if not a.parts or not b.parts:
        return Match(0.0, "empty name")
    alignment = _align(a.parts, b.parts, similarity)
    conflict = _given_name_conflict(a, b, alignment)
    if conflict:
        return Match(0.0, conflict, veto=True)
    features = pair_features(a, b, alignment)
    model = ORG_MODEL if _org_pair(a, b, context_a, context_b) else PERSON_MODEL
    z = sum(w * x for w, x in zip(model, features.vector())) + model[-1]
    score = 1.0 / (1.0 + math.exp(-z)) if features.matched else 0.0
    score = min(1.0, score + _context_bonus(context_a, context_b))
    return Match(round(score, 4), _describe(a, b, alignment))


def pair_features(a: NameKey, b: NameKey, alignment: _Alignment) -> PairFeatures:
    low, high = sorted((alignment.cover_a, alignment.cover_b))
    pairs = {i: j for i, j, _ in alignment.pairs}
    names_a, names_b = _identity_tokens(a), _identity_tokens(b)
    given = bool(names_a and names_b) and pairs.get(
        a.parts.index(_given_name(names_a))) == b.parts.index(_given_name(names_b))
    last = bool(names_a and names_b) and pairs.get(a.parts.index(names_a[-1])) == b.parts.index(names_b[-1])
    matched = sum(1 for i, j in pairs.items() if a.parts[i].kind != "initial" != b.parts[j].kind)
    kind_conflict = bool(a.kinds and b.kinds and not a.kinds & b.kinds)
    odd_a = sum(1 for i, t in enumerate(a.parts) if i not in pairs and _rare(t))
    odd_b = sum(1 for j, t in enumerate(b.parts) if j not in pairs.values() and _rare(t))
    rare_matched = sum(1 for i, j in pairs.items() if _rare(a.parts[i]) or _rare(b.parts[j]))
    order = [j for _, j in sorted(pairs.items())]
    weakest = min((sim for _, _, sim in alignment.pairs), default=0.0)
    extra = max(sum(t.kind != "initial" for t in key.parts) for key in (a, b)) - matched
    return PairFeatures(
        low, high, min(alignment.evidence, 3.0), matched, given, last, kind_conflict, min(odd_a, odd_b),
        rare_matched, order == sorted(order), weakest, extra,
    )


def _rare(token: NameToken) -> bool:
    return token.kind == "name" and not token.known


def _looks_personal(key: NameKey) -> bool:
    """Initials, a common given name or an Abd/Abu compound among several names: a person."""
    if key.org_like or len(key.parts) < 2:
        return False
    return any(t.kind == "initial" or t.known or t.prefix for t in key.parts)


def _describe(a: NameKey, b: NameKey, alignment: _Alignment) -> str:
    if not alignment.pairs:
        return "no token in common"
    same = [f"{a.parts[i].text}={b.parts[j].text}({sim:.2f})" for i, j, sim in alignment.pairs]
    extra = len(a.parts) + len(b.parts) - 2 * len(alignment.pairs)
    return "tokens " + ", ".join(same) + (f"; {extra} unmatched" if extra else "")


def name_similarity(
    a: str, b: str, context_a: NameContext | None = None, context_b: NameContext | None = None
) -> Match:
    """Similarity of two name strings, 0..1, with the reason (aligned tokens or the conflict)."""
    return match_keys(name_key(a), name_key(b), context_a, context_b)


def _acronym_of(short: NameKey, full: NameKey) -> bool:
    letters = "".join(t.text for t in short.parts)
    if len(short.parts) != 1 or not 2 <= len(letters) <= 8:
        return False
    if any(letters == aside.lower().replace(" ", "") for aside in full.asides):
        return True
    return len(full.parts) >= 2 and letters == full.initials


def is_short_form(short: str, full: str) -> bool:
    """True when ``short`` is the family-name part ("Haftar", "al-Sisi") or acronym of ``full``."""
    key_short, key_full = name_key(short), name_key(full)
    if _acronym_of(key_short, key_full):
        return True
    names_short, names_full = _identity_tokens(key_short), _identity_tokens(key_full)
    if not names_short or len(names_short) >= len(names_full):
        return False
    tail = names_full[len(names_full) - len(names_short):]
    return all(token_similarity(x, y) >= TOKEN_MATCH for x, y in zip(names_short, tail))


class _Run:
    """The keys, contexts and cached pair scores of one clustering run."""

    def __init__(self, names: Sequence[str], contexts: Sequence[NameContext] | None):
        self.names = list(names)
        self.tokens = TokenCache()
        self.keys = [self.tokens.intern(name_key(n)) for n in self.names]
        self.contexts: list[NameContext | None] = list(contexts) if contexts else [None] * len(names)
        if len(self.contexts) != len(self.names):
            raise ValueError("contexts must give one NameContext per name")
        self._scores: dict[tuple[int, int], Match] = {}
        self._single = [len(_identity_tokens(k)) <= 1 and not k.org_like for k in self.keys]

    def match(self, i: int, j: int) -> Match:
        pair = (i, j) if i < j else (j, i)
        found = self._scores.get(pair)
        if found is None:
            found = match_keys(
                self.keys[i], self.keys[j], self.contexts[i], self.contexts[j], self.tokens.similarity
            )
            self._scores[pair] = found
        return found

    def is_single(self, i: int) -> bool:
        """A lone personal name token ("Haftar"): ambiguous across documents."""
        return self._single[i]


class _Clusters:
    """Union of name indexes into clusters, with member lists and the merge log."""

    def __init__(self, size: int):
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {i: [i] for i in range(size)}
        self.log: list[MergeRecord] = []

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, run: _Run, i: int, j: int, match: Match) -> None:
        a, b = self.find(i), self.find(j)
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))
        self.log.append(MergeRecord(run.names[i], run.names[j], match.score, match.reason, i, j))

    def labels(self) -> tuple[int, ...]:
        numbers: dict[int, int] = {}
        return tuple(numbers.setdefault(self.find(i), len(numbers)) for i in range(len(self.parent)))


def _sample(members: list[int]) -> list[int]:
    step = max(1, len(members) // MAX_CHECK)
    return members[::step][:MAX_CHECK]


def _compatible(run: _Run, clusters: _Clusters, a: int, b: int) -> bool:
    """Complete-link guard: no cross pair is vetoed and most cross pairs are similar."""
    xs, ys = _sample(clusters.members[a]), _sample(clusters.members[b])
    good = 0
    for x in xs:
        for y in ys:
            found = run.match(x, y)
            if found.veto:
                return False
            good += found.score >= LINK_SCORE
    return good >= LINK_SHARE * len(xs) * len(ys)


def _block_keys(key: NameKey) -> set[str]:
    """Skeletons of the identity tokens and their one-deletion variants (typo tolerance)."""
    keys: set[str] = set()
    for token in _identity_tokens(key):
        if token.kind == "initial":
            continue
        for form in {token.skeleton, token.core_skeleton, *token.alternatives}:
            keys.add(form)
            if len(form) >= 4:
                keys.update(form[:k] + form[k + 1:] for k in range(len(form)))
    return keys


def _refinements(key: NameKey) -> set[str]:
    """Finer keys for a name in a too common block: its other tokens, its exact spellings."""
    keys = {t.skeleton for t in key.parts if t.kind != "initial"}
    keys.update("=" + t.prefix + t.core for t in _identity_tokens(key) if t.kind != "initial")
    return keys


def _block_pairs(members: list[int]) -> Iterable[tuple[int, int]]:
    return ((x, y) for n, x in enumerate(members) for y in members[n + 1:])


def _candidate_pairs(run: _Run) -> set[tuple[int, int]]:
    """Blocking: pairs of names that share a key. A block larger than BLOCK_CAP is split by the
    names' other tokens and exact spellings, and dropped if still too large, so the number of
    pairs grows linearly with the number of names."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(run.keys):
        for k in _block_keys(key):
            index[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) <= BLOCK_CAP:
            pairs.update(_block_pairs(members))
            continue
        finer: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for k in _refinements(run.keys[i]):
                finer[k].append(i)
        for sub in finer.values():
            if len(sub) <= BLOCK_CAP:
                pairs.update(_block_pairs(sub))
    return pairs


def _merge_edges(run: _Run, clusters: _Clusters, edges: Iterable[tuple[float, int, int]]) -> None:
    for _, i, j in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        a, b = clusters.find(i), clusters.find(j)
        if a != b and _compatible(run, clusters, a, b):
            clusters.union(run, i, j, run.match(i, j))


def _scored_edges(run: _Run, pairs: Iterable[tuple[int, int]]) -> list[tuple[float, int, int]]:
    edges = []
    for i, j in pairs:
        found = run.match(i, j)
        if not found.veto and found.score >= EDGE_SCORE:
            edges.append((found.score, i, j))
    return edges


def _fits(run: _Run, single: int, other: int) -> bool:
    """A one-token name fits a longer name: its token is one of the longer name's, or its acronym."""
    short, full = run.keys[single], run.keys[other]
    if _context_conflict(run.contexts[single], run.contexts[other]) or not short.parts:
        return False
    if _acronym_of(short, full):
        return True
    token = _identity_tokens(short)[0]
    return any(token_similarity(token, t) >= 0.9 for t in _identity_tokens(full))


def _attach_singles(run: _Run, clusters: _Clusters, pairs: Iterable[tuple[int, int]]) -> None:
    """Link a cluster of one-token names to a longer-name cluster only if exactly one fits."""
    fits: dict[int, set[int]] = defaultdict(set)
    witness: dict[tuple[int, int], tuple[int, int]] = {}
    for i, j in pairs:
        if run.is_single(i) == run.is_single(j):
            continue
        single, other = (i, j) if run.is_single(i) else (j, i)
        if _fits(run, single, other):
            a, b = clusters.find(single), clusters.find(other)
            fits[a].add(b)
            witness.setdefault((a, b), (single, other))
    for a, targets in sorted(fits.items()):
        ordered = sorted(targets)
        if len(ordered) > MAX_TARGETS or _any_conflict(run, clusters, ordered):
            continue
        for b in ordered:
            single, other = witness[(a, b)]
            found = run.match(single, other)
            if not found.veto and clusters.find(single) != clusters.find(other):
                why = "only cluster" if len(ordered) == 1 else f"one of {len(ordered)} non-conflicting clusters"
                reason = f"{why} that one-token name fits; {found.reason}"
                clusters.union(run, single, other, Match(found.score, reason))


def _any_conflict(run: _Run, clusters: _Clusters, roots: list[int]) -> bool:
    """Would these clusters clash if merged: a veto or organisations of disjoint kinds?"""
    for n, a in enumerate(roots):
        for b in roots[n + 1:]:
            for x in _sample(clusters.members[a]):
                for y in _sample(clusters.members[b]):
                    kinds_x, kinds_y = run.keys[x].kinds, run.keys[y].kinds
                    if run.match(x, y).veto or (kinds_x and kinds_y and not kinds_x & kinds_y):
                        return True
    return False


def cluster_names(names: list[str], contexts: list[NameContext] | None = None) -> Clustering:
    """Cluster name strings into entities; ``labels`` follow the input order."""
    run = _Run(names, contexts)
    clusters = _Clusters(len(names))
    pairs = _candidate_pairs(run)
    single_pairs = [(i, j) for i, j in pairs if run.is_single(i) and run.is_single(j)]
    multi_pairs = [(i, j) for i, j in pairs if not run.is_single(i) and not run.is_single(j)]
    _merge_edges(run, clusters, _scored_edges(run, multi_pairs))
    _merge_edges(run, clusters, _scored_edges(run, single_pairs))
    _attach_singles(run, clusters, sorted(pairs))
    return Clustering(clusters.labels(), tuple(clusters.log))

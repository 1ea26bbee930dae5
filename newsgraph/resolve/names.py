"""Transliteration-aware name matching and clustering (the names part of the resolve stage).

- ``name_key(name)``: the normalised key (see ``namekey``).
- ``name_similarity(a, b)``: token-aligned similarity with a reason; a conflicting given name
  vetoes the match, so relatives who share a family name stay apart, and so do two organisations
  that name different places and share no rare name ("X Committee in Chad" / "... in Kenya").
- ``is_short_form(short, full)``: a surname-only form or acronym of a full name (use it within
  one document, where "Barqawi" after "Salem Barqawi" is safe).
- ``cluster_names(names, contexts)``: global clustering with blocking (cost grows with the number
  of names), complete-link checks (no chaining), careful attachment of one-token names
  (``singles``: never chaining two clusters), and a merge log that says why each pair was merged.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from collections.abc import Iterable, Sequence


from newsgraph.resolve.namekey import (
    FACILITY_NOUNS, TOKEN_MATCH, NameKey, NameToken, TokenCache, TokenSimilarity, block_keys, name_key, refinement_keys,
    singular, token_similarity,
)

__all__ = [
    "Clustering", "Match", "MergeRecord", "NameContext", "NameKey", "PairFeatures", "cluster_names",
    "is_short_form", "match_keys", "name_key", "name_similarity",
]

EDGE_SCORE = 0.4  # two names are linked at or above this score
LINK_SCORE = 0.3  # cross pairs of two merging clusters must reach this score ...
LINK_SHARE = 0.25  # ... in at least this share
MAX_CHECK = 8  # members per cluster compared when two clusters merge
BLOCK_CAP = 60  # a blocking key shared by more names than this is split, then dropped
WEIGHTS = {"name": 1.0, "known": 0.4, "initial": 0.15, "generic": 0.2, "place": 0.2, "word": 0.7}
KUNYA = ("abu", "umm")
GIVEN_NEAR = 0.6  # given names at least this similar are a misspelling, not a conflict
FAMILY_DIFFERS = 0.3  # two-name personal names whose family names are less similar are two people
# Logistic models of "same entity" over PairFeatures.vector() plus intercept, fitted on the
# candidate pairs of names_dev (one for personal names, one for organisation-like pairs).
PERSON_MODEL = (3.68, 3.43, 1.46, -0.07, 2.14, 1.10, 0.0, 0.63, 0.13, 0.12, 9.06, -0.28, -17.16)
ORG_MODEL = (0.15, 2.20, 0.42, 0.65, 1.90, 0.95, -1.85, 0.36, 1.22, -0.46, 11.04, 0.09, -16.35)


@dataclass(frozen=True)
class NameContext:
    """What the caller knows about one name: entity type (PERSON, ORG, PLACE, NORP: an adjective such as
    "Western", LAW, MEDIA: an outlet, which merges only with outlets), ISO-3 country, titles, co-mentions, and the words of the name that name a country (they
    weigh as places, not as the name's identity: "Varlandian" of "Varlandian Press Agency")."""

    type: str | None = None
    country: str | None = None
    titles: tuple[str, ...] = ()
    co_mentions: tuple[str, ...] = ()
    place_words: tuple[str, ...] = ()
    defined: bool = False  # the long form of an acronym: two such are two bodies (UN, UN Security Council)
    parent: str = ""  # the known body whose name opens this one ("united nations" of "UN Security Council")


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
class PairFeatures:
    """What the score of a pair of names is computed from."""

    cover_low: float  # matched weight share of the less covered name
    cover_high: float  # ... of the better covered name
    evidence: float  # matched weight (rare tokens weigh more), capped at 3
    matched: int  # aligned tokens (initials not counted)
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


@dataclass(frozen=True)
class _Profile:
    """A key with what every comparison needs, computed once per name."""

    key: NameKey
    weights: tuple[float, ...]
    given: int  # index in key.parts of the given name, -1 if none
    last: int  # index in key.parts of the last identity token, -1 if none
    identity: int  # number of identity tokens
    personal: bool  # looks like a person's name (initials, a common given name, Abd/Abu)


@dataclass(frozen=True)
class _Scored:
    score: float
    conflict: str
    pairs: tuple[tuple[int, int, float], ...]


def _weight(token: NameToken) -> float:
    if token.kind != "name":
        return WEIGHTS[token.kind]
    return WEIGHTS["known"] if token.known else WEIGHTS["name"]


def _given_name(tokens: Sequence[NameToken]) -> NameToken:
    """The first token, or the one after a leading kunya when more names follow it
    (Abu Ahmad Muhammad Salih: Muhammad; Abu Hafs al-Masri: Abu Hafs)."""
    if tokens[0].prefix in KUNYA and len(tokens) >= 3:
        return tokens[1]
    return tokens[0]


def _profile(key: NameKey) -> _Profile:
    identity = key.identity
    given = key.parts.index(_given_name(identity)) if identity else -1
    last = key.parts.index(identity[-1]) if identity else -1
    personal = not key.org_like and len(key.parts) >= 2 and any(
        t.kind == "initial" or t.given or t.prefix for t in key.parts
    )
    return _Profile(key, tuple(_weight(t) for t in key.parts), given, last, len(identity), personal)


def _align(a: _Profile, b: _Profile, similarity: TokenSimilarity) -> tuple[tuple[int, int, float], ...]:
    """Greedy one-to-one alignment: best similarity first, initials last, ties by position."""
    parts_a, parts_b = a.key.parts, b.key.parts
    candidates = []
    for i, x in enumerate(parts_a):
        for j, y in enumerate(parts_b):
            sim = similarity(x, y)
            if sim >= TOKEN_MATCH:
                initial = x.kind == "initial" or y.kind == "initial"
                candidates.append((initial, -sim, abs(i / len(parts_a) - j / len(parts_b)), i, j))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, negative, _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j, -negative))
    return tuple(pairs)


def _given_names(a: _Profile, b: _Profile) -> tuple[NameToken, NameToken] | None:
    """The two given names, when both are personal names of two or more names."""
    if a.identity < 2 or b.identity < 2 or a.key.org_like or b.key.org_like:
        return None
    given_a, given_b = a.key.parts[a.given], b.key.parts[b.given]
    return None if "initial" in (given_a.kind, given_b.kind) else (given_a, given_b)


def _given_conflict(a: _Profile, b: _Profile, pairs: dict[int, int]) -> str:
    """The given names are matched to nothing in the other name: relatives, not one person.
    (A given name matched to another token of the other name is a reordered name.)"""
    given = _given_names(a, b)
    if given is None or a.given in pairs or b.given in pairs.values():
        return ""
    if token_similarity(*given) >= GIVEN_NEAR:
        return ""  # a misspelt given name (Muhsin / Mushin) is no proof of two people
    return f"given names differ: {given[0].text} / {given[1].text}"


def _quick_given_conflict(a: _Profile, b: _Profile, similarity: TokenSimilarity) -> str:
    """The same test before aligning all tokens: no token at all is similar to a given name."""
    given = _given_names(a, b)
    if given is None or any(similarity(given[0], y) >= TOKEN_MATCH for y in b.key.parts):
        return ""
    if any(similarity(x, given[1]) >= TOKEN_MATCH for x in a.key.parts):
        return ""
    if similarity(*given) >= GIVEN_NEAR:
        return ""
    return f"given names differ: {given[0].text} / {given[1].text}"


def _family_differs(
    a: _Profile, b: _Profile, aligned: tuple[tuple[int, int, float], ...], similarity: TokenSimilarity
) -> bool:
    """Two-name personal names that share the given name but whose family names have nothing in
    common ("Wafiq Safa", "Wafiq Nasser"): two people with a common given name."""
    if a.identity != 2 or b.identity != 2 or a.key.org_like or b.key.org_like:
        return False
    pairs = {i: j for i, j, _ in aligned}
    if a.last in pairs or b.last in pairs.values():
        return False
    return similarity(a.key.parts[a.last], b.key.parts[b.last]) < FAMILY_DIFFERS


def _place_conflict(a: NameKey, b: NameKey, aligned: tuple[tuple[int, int, float], ...]) -> str:
    """Each organisation names a place the other lacks and they share no rare name ("Relief
    Committee of Chad", "Relief Committee in Kenya"): two bodies, not one."""
    if any(_rare(a.parts[i]) or _rare(b.parts[j]) for i, j, _ in aligned):
        return ""  # a rare name in common outweighs the places: branches of one body
    places_a = _unmatched_places(a, {i for i, _, _ in aligned})
    places_b = _unmatched_places(b, {j for _, j, _ in aligned})
    if places_a and places_b:
        return f"places differ: {' '.join(places_a)} / {' '.join(places_b)}"
    return ""


def _sub_bodies(a: NameKey, b: NameKey, aligned: tuple[tuple[int, int, float], ...], context_a: NameContext | None,
                context_b: NameContext | None) -> str:
    """Two bodies of one known body ("Varland Union Security Council", "Varland Union Office for Relief"): each
    has words of its own after the parent's name, so they are two bodies; a name cut short is not."""
    if context_a is None or context_b is None or not context_a.parent or context_a.parent != context_b.parent:
        return ""
    own_a = [t for n, t in enumerate(a.parts) if n not in {i for i, _, _ in aligned} and t.kind != "initial"]
    own_b = [t for n, t in enumerate(b.parts) if n not in {j for _, j, _ in aligned} and t.kind != "initial"]
    return f"two bodies of the {context_a.parent}" if own_a and own_b else ""


def _facility_conflict(a: NameKey, b: NameKey, aligned: tuple[tuple[int, int, float], ...]) -> str:
    """One name is the other's with a word for a facility after it ("Varland Defence Forces" and "Varland Defence
    Forces Base"): the body and a place of it, two entities."""
    def facility(key: NameKey) -> bool:
        return len(key.parts) >= 2 and singular(key.parts[-1].text) in FACILITY_NOUNS

    if facility(a) == facility(b):
        return ""  # two bodies, or two spellings of one place ("X Air Base", "X Airbase")
    key, matched = (a, {i for i, _, _ in aligned}) if facility(a) else (b, {j for _, j, _ in aligned})
    return "" if len(key.parts) - 1 in matched else f"a facility of the body: {key.parts[-1].text}"


# the words of a body inside a larger one ("the X Office for ...", "the X Security Council"): a name made of
# another's whole name and such a word after it names a part of that body, not the body
SUB_BODY_NOUNS = frozenset("office council commission committee agency mission secretariat court assembly programme "
                           "program fund department bureau envoy tribunal".split())


def _part_of_body(a: NameKey, b: NameKey, aligned: tuple[tuple[int, int, float], ...]) -> str:
    """One name is the other's whole name with words of its own after it, among them a word for a body
    within a body ("Varland Union" and "Varland Union Office for Relief"): two bodies."""
    if len(a.parts) == len(b.parts):
        return ""
    short, long_, pairs = (a, b, aligned) if len(a.parts) < len(b.parts) else (b, a, tuple((j, i, s) for i, j, s in aligned))
    if len(pairs) < len(short.parts):
        return ""  # the shorter name is not all in the longer one
    after = max(j for _, j, _ in pairs)
    word = next((t.text for t in long_.parts[after + 1:] if singular(t.text) in SUB_BODY_NOUNS), None)
    return f"a body within the other: {word}" if word else ""


def _unmatched_places(key: NameKey, matched: set[int]) -> list[str]:
    return [t.text for n, t in enumerate(key.parts) if t.kind == "place" and n not in matched]


def _shape_conflict(a: _Profile, b: _Profile) -> str:
    """Without types from the caller: an organisation-like name never matches a personal one."""
    if (a.key.org_like and b.personal) or (b.key.org_like and a.personal):
        return "organisation vs person"
    return ""


def _context_conflict(a: NameContext | None, b: NameContext | None) -> str:
    if a is None or b is None:
        return ""
    if a.type and b.type and a.type != b.type:
        return f"types differ: {a.type} / {b.type}"
    if (a.type == "MEDIA") != (b.type == "MEDIA"):
        return "an outlet and another actor"  # "newspaper Al-Jaish" (the Army) is not the army
    if a.defined and b.defined:
        return "long forms of two acronyms"
    if a.country and b.country and a.country != b.country and not _unknown_against_unstated(a, b):
        return f"countries differ: {a.country} / {b.country}"
    return ""


def _unknown_against_unstated(a: NameContext, b: NameContext) -> bool:
    """A body of no known country ("?...") differs only from one whose name states its country."""
    unknown, other = (a, b) if a.country.startswith("?") else (b, a)
    return unknown.country.startswith("?") and not other.place_words


CO_MENTION_SHARED = 2  # actors named beside both names, at least ...
CO_MENTION_SHARE = 0.25  # ... and this share of the shorter list: the same company, not the same news


def _context_bonus(a: NameContext | None, b: NameContext | None) -> float:
    """A little more for names seen beside the same actors (a few actors everyone names do not count:
    the overlap must be a share of the lists) and written with the same title."""
    if a is None or b is None:
        return 0.0
    mentions_a = {name_key(m).tokens for m in a.co_mentions}
    mentions_b = {name_key(m).tokens for m in b.co_mentions}
    shared = len(mentions_a & mentions_b)
    company = shared >= CO_MENTION_SHARED and shared >= CO_MENTION_SHARE * min(len(mentions_a), len(mentions_b))
    titles_a = {t.lower().rstrip(".") for t in a.titles}
    titles_b = {t.lower().rstrip(".") for t in b.titles}
    return 0.05 * company + 0.03 * bool(titles_a & titles_b)


def _adjective_conflict(a: NameKey, b: NameKey, context_a: NameContext | None, context_b: NameContext | None) -> str:
    """An adjective ("Western", "Kurdish") is only the same word, in the singular or plural: "Western" is
    not "Eastern", and it is no name of "Western Province"."""
    if not any(c is not None and c.type == "NORP" for c in (context_a, context_b)):
        return ""
    def word(key: NameKey) -> tuple[str, ...]:
        return tuple(t.core.removesuffix("s") for t in key.parts)  # spelling, not skeleton: Arab is not Arabiya
    return "" if word(a) == word(b) else "different adjectives"


def _org_pair(a: NameKey, b: NameKey, context_a: NameContext | None, context_b: NameContext | None) -> bool:
    types = {c.type for c in (context_a, context_b) if c is not None and c.type}
    if types:
        return "PERSON" not in types
    return a.org_like or b.org_like


def pair_features(a: _Profile, b: _Profile, aligned: tuple[tuple[int, int, float], ...]) -> PairFeatures:
    parts_a, parts_b = a.key.parts, b.key.parts
    pairs = {i: j for i, j, _ in aligned}
    total_a, total_b = sum(a.weights) or 1.0, sum(b.weights) or 1.0
    cover_a = sum(sim * a.weights[i] for i, _, sim in aligned) / total_a
    cover_b = sum(sim * b.weights[j] for _, j, sim in aligned) / total_b
    evidence = sum(sim * (a.weights[i] + b.weights[j]) / 2 for i, j, sim in aligned)
    matched = sum(1 for i, j in pairs.items() if parts_a[i].kind != "initial" != parts_b[j].kind)
    odd_a = sum(1 for i, t in enumerate(parts_a) if i not in pairs and _rare(t))
    odd_b = sum(1 for j, t in enumerate(parts_b) if j not in pairs.values() and _rare(t))
    order = [j for _, j in sorted(pairs.items())]
    longer = max(sum(t.kind != "initial" for t in parts) for parts in (parts_a, parts_b))
    return PairFeatures(
        cover_low=min(cover_a, cover_b),
        cover_high=max(cover_a, cover_b),
        evidence=min(evidence, 3.0),
        matched=matched,
        given=a.given >= 0 and pairs.get(a.given) == b.given,
        last=a.last >= 0 and pairs.get(a.last) == b.last,
        kind_conflict=_kind_clash(a.key, b.key),
        odd_rare=min(odd_a, odd_b),
        rare_matched=sum(1 for i, j in pairs.items() if _rare(parts_a[i]) or _rare(parts_b[j])),
        in_order=order == sorted(order),
        weakest=min((sim for _, _, sim in aligned), default=0.0),
        extra=longer - matched,
    )


def _rare(token: NameToken) -> bool:
    return token.kind == "name" and not token.known


def _score(
    a: _Profile, b: _Profile, context_a: NameContext | None, context_b: NameContext | None,
    similarity: TokenSimilarity,
) -> _Scored:
    """Score a pair: conflicts first (they veto), then the logistic model over PairFeatures."""
    typed = any(c is not None and c.type for c in (context_a, context_b))
    conflict = _context_conflict(context_a, context_b) or ("" if typed else _shape_conflict(a, b))
    conflict = conflict or _adjective_conflict(a.key, b.key, context_a, context_b)
    if conflict or not a.key.parts or not b.key.parts:
        return _Scored(0.0, conflict, ())
    conflict = _quick_given_conflict(a, b, similarity)
    if conflict:
        return _Scored(0.0, conflict, ())
    aligned = _align(a, b, similarity)
    conflict = _given_conflict(a, b, {i: j for i, j, _ in aligned})
    if conflict or not aligned:
        return _Scored(0.0, conflict, aligned)
    if _family_differs(a, b, aligned, similarity):
        return _Scored(0.0, "", aligned)
    org = _org_pair(a.key, b.key, context_a, context_b)
    conflict = (_place_conflict(a.key, b.key, aligned) or _sub_bodies(a.key, b.key, aligned, context_a, context_b)
                or _facility_conflict(a.key, b.key, aligned) or _part_of_body(a.key, b.key, aligned)) if org else ""
    if conflict:
        return _Scored(0.0, conflict, aligned)
    model = ORG_MODEL if org else PERSON_MODEL
    z = sum(w * x for w, x in zip(model, pair_features(a, b, aligned).vector())) + model[-1]
    score = min(1.0, 1.0 / (1.0 + math.exp(-z)) + _context_bonus(context_a, context_b))
    return _Scored(round(score, 4), "", aligned)


def _describe(a: NameKey, b: NameKey, scored: _Scored) -> str:
    if scored.conflict:
        return scored.conflict
    if not scored.pairs:
        return "no token in common"
    same = [f"{a.parts[i].text}={b.parts[j].text}({sim:.2f})" for i, j, sim in scored.pairs]
    extra = len(a.parts) + len(b.parts) - 2 * len(scored.pairs)
    return "tokens " + ", ".join(same) + (f"; {extra} unmatched" if extra else "")


def match_keys(
    a: NameKey, b: NameKey, context_a: NameContext | None = None, context_b: NameContext | None = None
) -> Match:
    """Compare two keys (see ``name_similarity``)."""
    scored = _score(_profile(a), _profile(b), context_a, context_b, token_similarity)
    return Match(scored.score, _describe(a, b, scored), veto=bool(scored.conflict))


def name_similarity(
    a: str, b: str, context_a: NameContext | None = None, context_b: NameContext | None = None
) -> Match:
    """Similarity of two name strings, 0..1, with the reason (aligned tokens or the conflict)."""
    return match_keys(name_key(a), name_key(b), context_a, context_b)


def _acronym_of(short: NameKey, full: NameKey) -> bool:
    """"LNA" of "Libyan National Army", or of a name that gives it in brackets ("... (IRGC)")."""
    if len(short.parts) != 1 or short.parts[0].known or not 2 <= len(short.parts[0].text) <= 8:
        return False
    letters = short.parts[0].text
    if any(letters == aside.lower().replace(" ", "") for aside in full.asides):
        return True
    return full.org_like and len(full.parts) >= 2 and (letters == full.initials or letters in full.acronyms)


@lru_cache(maxsize=1 << 16)
def is_short_form(short: str, full: str) -> bool:
    """True when ``short`` is the family-name part ("Barqawi", "al-Masri") or acronym of ``full``."""
    key_short, key_full = name_key(short), name_key(full)
    if _acronym_of(key_short, key_full):
        return True
    if short.isupper() and len(short.replace(".", "")) <= 5:
        return False  # an acronym is no surname, however it sounds ("LNA" / "Leon")
    names_short, names_full = key_short.identity, key_full.identity
    if not names_short or len(names_short) >= len(names_full) or _after_bin(short, full):
        return False
    tail = names_full[len(names_full) - len(names_short):]
    return all(token_similarity(x, y) >= TOKEN_MATCH for x, y in zip(names_short, tail))


def _after_bin(short: str, full: str) -> bool:
    """"Salem" of "Omar bin Salem": the name after bin/ibn is the father's, not the family's."""
    words = full.lower().replace("-", " ").split()
    n = len(short.split())
    return len(words) > n and words[-n - 1] in ("bin", "ibn", "bint", "ben")


class _Run:
    """The keys, contexts and cached pair scores of one clustering run."""

    def __init__(self, names: Sequence[str], contexts: Sequence[NameContext] | None):
        self.names = list(names)
        self.tokens = TokenCache()
        self.contexts: list[NameContext | None] = list(contexts) if contexts else [None] * len(names)
        if len(self.contexts) != len(self.names):
            raise ValueError("contexts must give one NameContext per name")
        self.keys = [self.tokens.intern(_with_places(name_key(n), c)) for n, c in zip(self.names, self.contexts)]
        self.profiles = [_profile(k) for k in self.keys]
        self._scores: dict[tuple[int, int], _Scored] = {}
        self._single = [len(k.identity) <= 1 and not k.org_like for k in self.keys]

    def score(self, i: int, j: int, keep: bool = True) -> _Scored:
        """The score of names i and j; kept for later unless ``keep`` is False (bulk scoring)."""
        pair = (i, j) if i < j else (j, i)
        found = self._scores.get(pair)
        if found is None:
            found = _score(
                self.profiles[pair[0]], self.profiles[pair[1]], self.contexts[pair[0]],
                self.contexts[pair[1]], self.tokens.similarity,
            )
            if keep:
                self._scores[pair] = found
        return found

    def reason(self, i: int, j: int) -> str:
        low, high = min(i, j), max(i, j)
        return _describe(self.keys[low], self.keys[high], self.score(low, high))

    def is_single(self, i: int) -> bool:
        """A lone personal name token ("Barqawi"): ambiguous across documents."""
        return self._single[i]


def _with_places(key: NameKey, context: NameContext | None) -> NameKey:
    """The key with the context's country words as place tokens."""
    if context is None or not context.place_words:
        return key
    places = set(context.place_words)
    parts = tuple(replace(t, kind="place") if t.kind == "name" and t.text in places else t for t in key.parts)
    return key if parts == key.parts else replace(key, parts=parts)


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

    def union(self, run: _Run, i: int, j: int, why: str = "") -> None:
        a, b = self.find(i), self.find(j)
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))
        reason = f"{why}; {run.reason(i, j)}" if why else run.reason(i, j)
        self.log.append(MergeRecord(run.names[i], run.names[j], run.score(i, j).score, reason, i, j))

    def labels(self) -> tuple[int, ...]:
        numbers: dict[int, int] = {}
        return tuple(numbers.setdefault(self.find(i), len(numbers)) for i in range(len(self.parent)))


def _sample(members: list[int]) -> list[int]:
    step = max(1, len(members) // MAX_CHECK)
    return members[::step][:MAX_CHECK]


def _compatible(run: _Run, clusters: _Clusters, a: int, b: int) -> bool:
    """Complete-link guard: no cross pair conflicts and enough cross pairs are similar."""
    xs, ys = _sample(clusters.members[a]), _sample(clusters.members[b])
    good = 0
    for x in xs:
        for y in ys:
            scored = run.score(x, y)
            if scored.conflict or _kind_clash(run.keys[x], run.keys[y]):
                return False
            good += scored.score >= LINK_SCORE
    return good >= LINK_SHARE * len(xs) * len(ys)


def _block_pairs(members: list[int]) -> Iterable[tuple[int, int]]:
    return ((x, y) for n, x in enumerate(members) for y in members[n + 1:])


def _candidate_pairs(run: _Run) -> set[tuple[int, int]]:
    """Blocking: pairs of names that share a key. A block larger than BLOCK_CAP is split by the
    names' other tokens and exact spellings, and dropped if still too large, so the number of
    pairs grows linearly with the number of names."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(run.keys):
        for k in block_keys(key):
            index[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) <= BLOCK_CAP:
            pairs.update(_block_pairs(members))
            continue
        finer: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for k in refinement_keys(run.keys[i]):
                finer[k].append(i)
        for sub in finer.values():
            if len(sub) <= BLOCK_CAP:
                pairs.update(_block_pairs(sub))
    return pairs


def _merge_edges(run: _Run, clusters: _Clusters, pairs: Iterable[tuple[int, int]]) -> None:
    """Merge along scored edges, best first, when the two clusters are compatible."""
    edges = []
    for i, j in pairs:
        scored = run.score(i, j, keep=False)
        if not scored.conflict and scored.score >= EDGE_SCORE:
            edges.append((-scored.score, i, j))
    for _, i, j in sorted(edges):
        a, b = clusters.find(i), clusters.find(j)
        if a != b and _compatible(run, clusters, a, b):
            clusters.union(run, i, j)


def _kind_clash(a: NameKey, b: NameKey) -> bool:
    """Organisation words of disjoint kinds: "X Foundation" and "X TV" are two bodies."""
    return bool(a.kinds and b.kinds and not a.kinds & b.kinds)


def cluster_names(names: list[str], contexts: list[NameContext] | None = None) -> Clustering:
    """Cluster name strings into entities; ``labels`` follow the input order.

    Names of two or more tokens are merged first, then one-token names among themselves, then
    one-token names are attached where they fit unambiguously."""
    run = _Run(names, contexts)
    clusters = _Clusters(len(names))
    pairs = sorted(_candidate_pairs(run))
    _merge_edges(run, clusters, [(i, j) for i, j in pairs if not run.is_single(i) and not run.is_single(j)])
    _merge_edges(run, clusters, [(i, j) for i, j in pairs if run.is_single(i) and run.is_single(j)])
    from newsgraph.resolve.singles import attach_singles  # it builds on this module's clusters and scores
    attach_singles(run, clusters, pairs)
    return Clustering(clusters.labels(), tuple(clusters.log))

"""One-token names in the global clustering: a lone "Barqawi" or "IRGC" joins the longer-name cluster it
fits — the only one, the one that spells it out or alike, two that are alike themselves, or the one it
matches clearly better — and never chains two clusters that are not alike (``names.cluster_names``)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz.distance import Indel

from newsgraph.resolve.namekey import NameToken
from newsgraph.resolve.names import (
    EDGE_SCORE, LINK_SCORE, NameContext, _acronym_of, _Clusters, _compatible, _context_conflict, _kind_clash, _Run,
    _sample,
)

MAX_TARGETS = 2  # a one-token name joins at most this many clusters, and two only when they are alike
ALIKE_SCORE = 0.35  # two clusters a one-token name joins together hold a pair this similar
CLEAR_MARGIN = 0.2  # a one-token name fitting unalike clusters joins the best by this margin ...
CLEAR_RATIO = 2.0  # ... or the one whose fitting names give this many times the others' evidence


def _fits(run: _Run, single: int, other: int) -> bool:
    """A one-token name fits a longer name: its token is one of the longer name's, or its acronym."""
    short, full = run.keys[single], run.keys[other]
    if _context_conflict(run.contexts[single], run.contexts[other]) or not short.parts:
        return False
    if run.contexts[single] is not None and run.contexts[single].type == "NORP":
        return False  # an adjective is no short form of a longer name ("Kurdish", "Kurdish Peshmerga")
    if _acronym_of(short, full):
        return True
    token = short.identity[0]  # a name's own words, not its words for a body or a place ("Security Council")
    words = [t for t in full.identity if t.kind in ("name", "word")]
    if _is_place(run.contexts[other]) and not _is_place(run.contexts[single]):
        # a place's name only in its own spelling ("Osteria" of "Osteria Province", not "Osman")
        return any(Indel.normalized_similarity(token.core, t.core) >= PLACE_SPELLING for t in words)
    return any(run.tokens.similarity(token, t) >= 0.9 for t in words)


PLACE_SPELLING = 0.8


def _is_place(context: NameContext | None) -> bool:
    return context is not None and context.type == "PLACE"


def _any_conflict(run: _Run, clusters: _Clusters, roots: list[int]) -> bool:
    """Would these clusters clash if merged: a veto or organisations of disjoint kinds?"""
    for n, a in enumerate(roots):
        for b in roots[n + 1:]:
            for x in _sample(clusters.members[a]):
                for y in _sample(clusters.members[b]):
                    if run.score(x, y).conflict or _kind_clash(run.keys[x], run.keys[y]):
                        return True
    return False


def _spelled_out(
    run: _Run, clusters: _Clusters, fits: list[tuple[int, int]], targets: set[int]
) -> list[int]:
    """Of the clusters an acronym fits, the one cluster that spells it out ("IRGC" and "Islamic
    Revolutionary Guard Corps"), if only one does; clusters that merely contain the acronym as a
    word ("IRGC Air Force") do not count."""
    spelled = set()
    for single, other in fits:
        short = run.keys[single]
        if len(short.parts) == 1 and _acronym_of(short, run.keys[other]) and not any(
            run.tokens.similarity(short.parts[0], t) >= 0.9 for t in run.keys[other].parts
        ):
            spelled.add(clusters.find(other))
    spelled &= targets
    return sorted(spelled) if len(spelled) == 1 else []


def _same_spelling(a: NameToken, b: NameToken) -> bool:
    return (a.prefix, a.core) == (b.prefix, b.core)


def _spelled_alike(
    run: _Run, clusters: _Clusters, fits: list[tuple[int, int]], targets: set[int]
) -> list[int]:
    """Of the clusters a one-token name fits, the one cluster with a name that spells its token
    exactly as it does ("Tarabin" and "Tarabin Trading", not "Tarabani"), if only one does and
    it does not conflict with the one-token name's cluster."""
    alike = {
        clusters.find(other) for single, other in fits
        if any(_same_spelling(run.keys[single].identity[0], t) for t in run.keys[other].identity)
    } & targets
    if len(alike) != 1:
        return []
    root = clusters.find(fits[0][0])
    return [] if _any_conflict(run, clusters, [root, *alike]) else sorted(alike)


def _alike(run: _Run, clusters: _Clusters, roots: list[int]) -> bool:
    """Clusters a one-token name may join together: one only, or clusters that pass the complete-link
    guard with each other and hold a pair of names that nearly merged (names of one entity)."""
    return all(_compatible(run, clusters, a, b) and max(
        run.score(x, y).score for x in _sample(clusters.members[a]) for y in _sample(clusters.members[b])) >= ALIKE_SCORE
        for n, a in enumerate(roots) for b in roots[n + 1:])


def _clear_best(run: _Run, clusters: _Clusters, fits: list[tuple[int, int]], targets: list[int]) -> list[int]:
    """Of clusters that are not alike, the one the one-token name matches clearly better than the others: by its
    best match ("Varo" and "Varo Osteria" 0.66, "Gulf of Varo" 0.19), or by the evidence of all its names that
    the one-token name fits (the many spellings of one person against one other name); else none."""
    best: dict[int, float] = defaultdict(float)
    total: dict[int, float] = defaultdict(float)
    for single, other in fits:
        root = clusters.find(other)
        if root in targets:
            score = run.score(single, other).score
            best[root] = max(best[root], score)
            total[root] += score
    ranked = sorted(targets, key=lambda t: -best[t])
    if best[ranked[0]] >= EDGE_SCORE and all(best[t] <= best[ranked[0]] - CLEAR_MARGIN for t in ranked[1:]):
        return ranked[:1]
    ranked = sorted(targets, key=lambda t: -total[t])
    if all(total[ranked[0]] >= CLEAR_RATIO * total[t] for t in ranked[1:]) and total[ranked[0]] >= LINK_SCORE:
        return ranked[:1]
    return []


def attach_singles(run: _Run, clusters: _Clusters, pairs: Iterable[tuple[int, int]]) -> None:
    """Link a cluster of one-token names to the longer-name clusters it fits, only if they are
    few (MAX_TARGETS) and would not conflict with each other ("Barqawi" next to two different
    Barqawis stays alone). A one-token name never chains two clusters that are not alike themselves:
    "Khalifo" fitting "Khalifo Zarqemi" and (by sound) "Gulf of Varland" joins the person only."""
    fits: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in pairs:
        if run.is_single(i) != run.is_single(j):
            single, other = (i, j) if run.is_single(i) else (j, i)
            if _fits(run, single, other):
                fits[clusters.find(single)].append((single, other))
    for root in sorted(fits):
        witness = {clusters.find(other): (single, other) for single, other in fits[root]}
        witness.pop(clusters.find(root), None)
        targets, why = _targets(run, clusters, fits[root], witness)
        for single, other in (witness[target] for target in targets):
            if not run.score(single, other).conflict and clusters.find(single) != clusters.find(other):
                clusters.union(run, single, other, f"{why} that the one-token name fits")


def _targets(run: _Run, clusters: _Clusters, fits: list[tuple[int, int]],
             witness: dict[int, tuple[int, int]]) -> tuple[list[int], str]:
    """The clusters a one-token name joins, and why: the only one it fits, the one that spells it out or
    alike, two that are alike themselves, or the one it matches clearly best."""
    targets = sorted(witness)
    if len(targets) > MAX_TARGETS:
        targets = _spelled_out(run, clusters, fits, set(targets))
    why = "only cluster" if len(targets) == 1 else f"one of {len(targets)} compatible clusters"
    if 1 < len(targets) <= MAX_TARGETS and not _alike(run, clusters, targets):
        targets, why = _clear_best(run, clusters, fits, targets), f"clearly the best of {len(targets)} clusters"
    root = clusters.find(fits[0][0])
    if not targets or len(targets) > MAX_TARGETS or _any_conflict(run, clusters, [root, *targets]):
        targets, why = _spelled_alike(run, clusters, fits, set(witness)), "only cluster spelling it alike"
    return targets, why

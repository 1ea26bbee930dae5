"""Evidence into relations: one relation per (kind, source, target), dated, with its modality and retirement.

Public entry points: :func:`combine` (claims, one by one) and :func:`combine_groups` (the same evidence summed
up by key, as :func:`summed` sums claims and the store sums its stored ones); both decide through the same code.

- Symmetric kinds (allied_with, negotiates_with) hold both ways: each claim is also read the other way.
- A relation whose only evidence is verbal disapproval (one accusation, one rejection) is not made: that
  needs two pieces, or another kind of evidence.
- ``modality``: asserted when any evidence asserts it; else claimed when any claims it; else negated (a
  relation only ever denied is kept, marked so, because a denial is news to an analyst).
- ``valid``: from the earliest to the latest time its standing evidence gives (a "since 2014" opens it
  earlier); ``reported``: the first and last publication of its evidence.
- Retirement, only by evidence about the same key: a "former"/"until" claim that comes after all the
  standing evidence ends it; so does the opposite kind for the same ordered pair (supports or allied_with
  against opposes or sanctions) once it starts after this relation's last evidence. Text similarity never
  retires one.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from newsgraph.records import Relation, RelationClaim, Span, Time
from newsgraph.relate.aggregates import VERBAL_EVIDENCE
from newsgraph.store.relations import ClaimGroup

__all__ = ["SYMMETRIC", "OPPOSITE", "combine", "combine_groups", "relation_id", "summed"]

SYMMETRIC = frozenset({"allied_with", "negotiates_with"})
OPPOSITE = {"supports": ("opposes", "sanctions"), "allied_with": ("opposes", "sanctions"),
            "opposes": ("supports", "allied_with"), "sanctions": ("supports", "allied_with")}
_STRENGTH = {"asserted": 2, "claimed": 1, "negated": 0}
EVENT_DOCUMENTS = 2  # documents needed for a relation that only events imply


def combine(claims: Iterable[RelationClaim]) -> list[Relation]:
    """Relations from their evidence (see the module docstring), by id."""
    groups: dict[tuple[str, str, str], list[RelationClaim]] = defaultdict(list)
    seen: set[tuple] = set()
    for c in claims:
        if c.source == c.target:
            continue
        both = [c] if c.kind not in SYMMETRIC else [c, RelationClaim(**{**c.__dict__, "source": c.target, "target": c.source})]
        for x in both:
            key = (x.kind, x.source, x.target, x.span, x.event)
            if key not in seen:
                seen.add(key)
                groups[(x.kind, x.source, x.target)].append(x)
    return _relations((summed(key, evidence), tuple(sorted({c.span for c in evidence if c.span}, key=_span_order)))
                      for key, evidence in groups.items())


def combine_groups(groups: Iterable[ClaimGroup]) -> list[Relation]:
    """Relations from their evidence summed up by key (the store's :meth:`claim_groups
    <newsgraph.store.relations.RelationTables.claim_groups>`, which sums what :func:`combine` reads claim by
    claim), by id. Their ``evidence`` is left empty: each group's is already encoded (``ClaimGroup.evidence``)."""
    return _relations((g, ()) for g in groups)


def relation_id(kind: str, source: str, target: str) -> str:
    return "R" + hashlib.sha1(f"{kind}|{source}|{target}".encode()).hexdigest()[:12]


def summed(key: tuple[str, str, str], evidence: list[RelationClaim]) -> ClaimGroup:
    """What combining needs of one key's evidence (deduplicated, in the order read)."""
    kind, source, target = key
    standing = [c for c in evidence if not c.ended and c.modality != "negated"] or \
        [c for c in evidence if not c.ended] or evidence
    modality = max((c.modality for c in evidence), key=lambda m: _STRENGTH.get(m, 0))
    lows = [c.valid.low for c in standing if c.valid.low]  # an open end stays open: a time known only
    highs = [c.valid.high for c in standing if c.valid.high]  # "by 2018-10-24" is no first day
    since = next((c.valid.text for c in standing if c.valid.text and c.valid.text.startswith("since")), None)
    valid = Time(earliest=min(lows) if lows else None, latest=max(highs) if highs else None, text=since)
    rep_lo = [c.reported.low for c in evidence if c.reported.low]
    rep_hi = [c.reported.high for c in evidence if c.reported.high]
    reported = Time(earliest=min(rep_lo) if rep_lo else None, latest=max(rep_hi) if rep_hi else None)
    ended = [c for c in evidence if c.ended]
    return ClaimGroup(
        kind, source, target, stated=any(c.event is None for c in evidence),
        documents=len({c.span.doc for c in evidence if c.span}),
        events=tuple(sorted({c.event for c in evidence if c.event})),
        weighty=any(c.cue not in VERBAL_EVIDENCE for c in evidence), cues=tuple(sorted({c.cue for c in evidence})),
        modality=modality, valid=valid,
        standing_reported=max((c.reported.first_day or "" for c in standing if not c.ended), default=None),
        reported=reported, ended=len(ended),
        ended_before=max((c.valid.last_day or c.reported.last_day or "" for c in ended), default=""),
        ended_reported=max((c.reported.last_day or "" for c in ended), default=""),
        ended_cue=ended[0].cue if ended else None, pieces=len(evidence))


def _relations(groups: Iterable[tuple[ClaimGroup, tuple[Span, ...]]]) -> list[Relation]:
    built = {(g.kind, g.source, g.target): _relation(g, spans) for g, spans in groups if _enough(g)}
    for (kind, source, target), rel in list(built.items()):
        for other in OPPOSITE.get(kind, ()):
            later = built.get((other, source, target))
            if later and rel.retired is None and _last(rel) and later.valid.first_day and _last(rel) < later.valid.first_day:
                built[(kind, source, target)] = _retire(rel, later.id, later.valid.first_day, f"then {other}")
    return sorted(built.values(), key=lambda r: r.id)


def _enough(g: ClaimGroup) -> bool:
    """A sentence or a role that states it, or events from EVENT_DOCUMENTS documents (one event report can
    be a misreading; the same relation in two texts rarely is), and never verbal disapproval alone once."""
    if g.stated:
        return True
    if g.documents < EVENT_DOCUMENTS:
        return False
    return g.weighty or len(g.events) >= 2


def _relation(g: ClaimGroup, spans: tuple[Span, ...]) -> Relation:
    rel = Relation(relation_id(g.kind, g.source, g.target), g.kind, g.source, g.target, g.valid, g.reported,
                   g.modality, g.documents, g.events, spans, g.cues)
    # retired unless some standing evidence was reported after every claim that the relation had ended
    if g.ended and not (g.standing_reported is not None and g.standing_reported > g.ended_reported):
        rel = _retire(rel, None, g.ended_before or None, g.ended_cue or "")
    return rel


def _span_order(s: Span) -> tuple:
    return (s.doc, s.start, s.end)


def _retire(rel: Relation, by: str | None, before: str, cue: str) -> Relation:
    return Relation(rel.id, rel.kind, rel.source, rel.target, rel.valid, rel.reported, rel.modality, rel.sources,
                    rel.events, rel.evidence, rel.cues, {"by": by, "before": before, "cue": cue})


def _last(rel: Relation) -> str | None:
    return rel.valid.last_day

"""Evidence into relations: one relation per (kind, source, target), dated, with its modality and retirement.

Public entry point: :func:`combine`.

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

from newsgraph.records import Relation, RelationClaim, Time
from newsgraph.relate.aggregates import VERBAL_EVIDENCE

__all__ = ["SYMMETRIC", "OPPOSITE", "combine"]

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
    built = {key: _relation(key, evidence) for key, evidence in groups.items() if _enough(evidence)}
    for (kind, source, target), rel in list(built.items()):
        for other in OPPOSITE.get(kind, ()):
            later = built.get((other, source, target))
            if later and rel.retired is None and _last(rel) and later.valid.first_day and _last(rel) < later.valid.first_day:
                built[(kind, source, target)] = _retire(rel, later.id, later.valid.first_day, f"then {other}")
    return sorted(built.values(), key=lambda r: r.id)


def _enough(evidence: list[RelationClaim]) -> bool:
    """A sentence or a role that states it, or events from EVENT_DOCUMENTS documents (one event report can
    be a misreading; the same relation in two texts rarely is), and never verbal disapproval alone once."""
    if any(c.event is None for c in evidence):
        return True
    docs = {c.span.doc for c in evidence if c.span}
    if len(docs) < EVENT_DOCUMENTS:
        return False
    return any(c.cue not in VERBAL_EVIDENCE for c in evidence) or len({c.event for c in evidence}) >= 2


def _relation(key: tuple[str, str, str], evidence: list[RelationClaim]) -> Relation:
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
    spans = tuple(sorted({c.span for c in evidence if c.span}, key=lambda s: (s.doc, s.start)))
    events = tuple(sorted({c.event for c in evidence if c.event}))
    docs = {s.doc for s in spans}
    rid = "R" + hashlib.sha1(f"{kind}|{source}|{target}".encode()).hexdigest()[:12]
    cues = tuple(sorted({c.cue for c in evidence}))
    rel = Relation(rid, kind, source, target, valid, reported, modality, len(docs), events, spans, cues)
    ended = [c for c in evidence if c.ended]
    if ended and not _after_all(standing, ended):
        end = max((c.valid.last_day or c.reported.last_day or "" for c in ended), default="")
        rel = _retire(rel, None, end or None, ended[0].cue)
    return rel


def _after_all(standing: list[RelationClaim], ended: list[RelationClaim]) -> bool:
    """Some standing evidence was reported after every claim that the relation had ended: it holds again."""
    last_end = max((c.reported.last_day or "" for c in ended), default="")
    return any(not c.ended and (c.reported.first_day or "") > last_end for c in standing)


def _retire(rel: Relation, by: str | None, before: str, cue: str) -> Relation:
    return Relation(rel.id, rel.kind, rel.source, rel.target, rel.valid, rel.reported, rel.modality, rel.sources,
                    rel.events, rel.evidence, rel.cues, {"by": by, "before": before, "cue": cue})


def _last(rel: Relation) -> str | None:
    return rel.valid.last_day

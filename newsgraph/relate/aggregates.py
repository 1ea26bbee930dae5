"""Relations that events and roles imply.

Public entry points: :func:`event_claims` (one :class:`RelationClaim` per event and pair it links) and
:func:`role_claims` (leads, commands, member_of from the actors stage's dated roles).

Events (only asserted or claimed ones; plans, offers, denials and suppositions say nothing yet):

- SUPPORT and AID from an actor to a recipient: supports; COOPERATE in a military or security context:
  supports;
- ASSAULT, COERCE, THREATEN, SANCTION, MOBILIZE against a recipient: opposes ("material" evidence; an
  intergovernmental body's sanctions do not count as opposition); ACCUSE, REJECT, PROTEST: opposes, but only as "verbal" evidence, which needs a second piece
  (see :mod:`newsgraph.relate.combine`);
- fighting with no recipient and two or more actors ("fighting broke out between A and B"): each opposes
  the others;
- SANCTION: sanctions as well;
- CONSULT in PLOVER's third-party mode (mediation): the actor mediates with each recipient;
- AGREE between two or more parties, and talks or negotiations: negotiates_with, both ways.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from newsgraph.records import RelationClaim, Role, Span, Time
from newsgraph.relate.statements import ACCUSING, ACTOR_TYPES

__all__ = ["VERBAL_EVIDENCE", "event_claims", "role_claims", "role_kind"]

_SUPPORTS = {"SUPPORT", "AID"}
_OPPOSES = {"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE", "ACCUSE", "REJECT", "PROTEST"}
# Cues of evidence that alone is too weak for a relation: words of disapproval, once.
VERBAL_EVIDENCE = frozenset({"ACCUSE event", "REJECT event", "PROTEST event"})
_FIGHTING = re.compile(r"\b(fight\w*|clash\w*|battl\w*|war|hostilities|skirmish\w*|combat)\b", re.IGNORECASE)
_TALKS = re.compile(r"\b(talks?|negotiat\w*|dialogue)\b", re.IGNORECASE)
_COUNTED = {"asserted", "claimed"}
_MAX_PARTIES = 3

# Titles by the relation they give a person to the body they are "of"; the rest are membership.
_LEADS = re.compile(r"\b(president|prime\s+minister|premier|king|queen|emir|amir|sultan|monarch|leader|head|chairman|"
                    r"chairwoman|chair|chief|secretary[- ]general|chancellor|director|ruler|supreme\s+leader)\b",
                    re.IGNORECASE)
_COMMANDS = re.compile(r"\b(commander|commander-in-chief|chief\s+of\s+staff|field\s+marshal|marshal)\b", re.IGNORECASE)
_NOT_HEAD = re.compile(r"\b(deputy|vice|assistant|former\s+deputy|acting\s+deputy)\b", re.IGNORECASE)


def event_claims(events: Iterable[dict], types: Mapping[str, str], published: Mapping[str, Time],
                 bodies: frozenset[str] = frozenset()) -> list[RelationClaim]:
    """The relations the stored events (export-shaped bodies) imply; ``types``: entity id → type,
    ``published``: doc id → publication time, ``bodies``: the intergovernmental organisations."""
    out: list[RelationClaim] = []
    for ev in events:
        if ev.get("modality") not in _COUNTED:
            continue
        actors = [a for a in ev.get("actors") or [] if types.get(a) in ACTOR_TYPES]
        recipients = [r for r in ev.get("recipients") or [] if types.get(r) in ACTOR_TYPES and r not in actors]
        if not actors:
            continue
        for kind, source, target in _event_pairs(ev, actors, recipients, bodies):
            out.extend(_event_claims(ev, kind, source, target, published))
    return out


def _event_pairs(ev: dict, actors: list[str], recipients: list[str],
                 bodies: frozenset[str] = frozenset()) -> Iterable[tuple[str, str, str]]:
    type_ = ev.get("type")
    triggers = " ".join(m.get("trigger") or "" for m in ev.get("mentions") or [])
    pairs = [(a, r) for a in actors for r in recipients]
    if type_ in _SUPPORTS or type_ == "COOPERATE" and set(ev.get("context") or ()) & {"military", "security"}:
        yield from (("supports", a, r) for a, r in pairs)
    elif type_ in _OPPOSES:
        # an international body's sanctions enforce a rule; they do not make it the target's enemy
        yield from (("opposes", a, r) for a, r in pairs if not (type_ == "SANCTION" and a in bodies))
        if type_ == "SANCTION":
            yield from (("sanctions", a, r) for a, r in pairs)
        if type_ == "ASSAULT" and not recipients and len(actors) >= 2 and _FIGHTING.search(triggers):
            yield from (("opposes", a, b) for a in actors for b in actors if a != b)
    elif type_ == "CONSULT" and ev.get("mode") == "third-party":
        yield from (("mediates", a, r) for a, r in pairs)
    elif (type_ == "AGREE" or type_ == "CONSULT" and _TALKS.search(triggers)) and len(actors + recipients) <= _MAX_PARTIES:
        parties = actors + recipients  # a summit's many signers are not each other's counterparts
        yield from (("negotiates_with", a, b) for a in parties for b in parties if a != b)


def _accused(report: dict) -> bool:
    """The report tells the event as the content of an accusation ("accused Doha of supporting terrorism")."""
    before = (report.get("sentence") or "")[:max(0, (report.get("trigger_start") or 0) - (report.get("start") or 0))]
    return bool(ACCUSING.search(before))


def _event_claims(ev: dict, kind: str, source: str, target: str, published: Mapping[str, Time]) -> list[RelationClaim]:
    """One claim for each document that reports the event (its first report there)."""
    valid = Time.of(ev.get("time"))
    first: dict[str, dict] = {}
    for m in ev.get("mentions") or []:
        if m.get("doc") and m["doc"] not in first:
            first[m["doc"]] = m
    cue = f"{ev.get('type')} event" if kind in ("opposes", "supports") else f"{ev.get('type')} event ({kind})"
    return [RelationClaim(kind=kind, source=source, target=target,
                          modality="claimed" if _accused(m) else ev.get("modality") or "asserted", valid=valid,
                          reported=published.get(doc, Time()), cue=cue, span=Span(doc, m["start"], m["end"]),
                          event=ev.get("id"))
            for doc, m in first.items()]


def role_claims(roles: Iterable[Role], types: Mapping[str, str]) -> list[RelationClaim]:
    """leads / commands / member_of from a person's dated roles "of" a body or state."""
    out: list[RelationClaim] = []
    for role in roles:
        if not role.of or types.get(role.of) not in ("ORG", "GPE") or types.get(role.entity) != "PERSON":
            continue
        title = role.title or ""
        kind = role_kind(title)
        valid = Time(earliest=None, latest=role.time.latest or role.time.earliest, text="former") if role.former \
            else role.time
        cue = f"role: {'former ' if role.former else ''}{title}"
        out.extend(RelationClaim(kind=kind, source=role.entity, target=role.of, modality="asserted", valid=valid,
                                 reported=role.time, cue=cue, span=span, ended=role.former)
                   for span in role.evidence or (None,))
    return out


def role_kind(title: str) -> str:
    """The relation a title gives its holder to what it is "of": commands, leads, else member_of."""
    if _COMMANDS.search(title) and not _NOT_HEAD.search(title):
        return "commands"
    if _LEADS.search(title) and not _NOT_HEAD.search(title):
        return "leads"
    return "member_of"

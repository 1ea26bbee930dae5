"""Which entities can stand in a relation, and which pairs are one side.

Public entry points: :func:`is_actor`, :func:`same_side`.

Persons, organisations and states stand in relations; towns, regions, facilities and the groups a people's
name stands for (NORP) do not: an attack on a town is an event, not a relation with it. A GPE is a state
only when it is the country entity of its actor code (what the events stage names states by). A state and
its own organs (its government, army, police, courts, parliament), or two members of one government, are
one side: they neither back nor negotiate with each other (they may still fight: a civil war).
"""
from __future__ import annotations

from newsgraph.records import Entity
from newsgraph.resolve import is_state

__all__ = ["SAME_SIDE_KINDS", "is_actor", "one_government", "same_side"]

_STATE_ORGANS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP"})
# Kinds that two parts of one side cannot hold towards each other.
SAME_SIDE_KINDS = frozenset({"supports", "allied_with", "negotiates_with", "mediates", "sanctions"})


def is_actor(e: Entity | None) -> bool:
    """A person, an organisation or a state (see the module docstring)."""
    return e is not None and (e.type in ("PERSON", "ORG") or is_state(e))


def same_side(a: Entity, b: Entity) -> bool:
    """A state and one of its organs or its people in office, or two organs of one state (same country code)."""
    if not a.country or a.country != b.country:
        return False
    if is_state(a) or is_state(b):
        other = b if is_state(a) else a
        return other.sector in _STATE_ORGANS or other.sector is None and other.type == "PERSON"
    return a.sector in _STATE_ORGANS and b.sector in _STATE_ORGANS


def one_government(a: Entity, b: Entity) -> bool:
    """A state and its government, or two members of one government: they do not oppose each other (an
    army or a militia of the same state may: a civil war)."""
    if not a.country or a.country != b.country:
        return False
    if is_state(a) or is_state(b):
        other = b if is_state(a) else a
        return other.sector == "GOV" or other.sector is None and other.type == "PERSON"
    return a.sector == b.sector == "GOV"

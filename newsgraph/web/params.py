"""Request parameters checked before they reach a read: dates, PLOVER types, modalities, relation kinds, spans.
Each bad value raises :class:`InputError` naming what is accepted (the server answers it with a 400)."""
from __future__ import annotations

import calendar
import re
from datetime import date

from newsgraph.errors import InputError
from newsgraph.api import MODALITIES, PLOVER_TYPES

RELATION_KINDS = ("supports", "opposes", "allied_with", "leads", "commands", "member_of", "mediates",
                  "negotiates_with", "sanctions")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SPAN = re.compile(r"(\d{1,9})-(\d{1,9})")


def day(value: str | None, name: str, last: bool = False) -> str | None:
    """An ISO day from YYYY, YYYY-MM or YYYY-MM-DD (the first day of it, or the last when ``last``)."""
    if value is None or value.strip() == "":
        return None
    m = _DATE.fullmatch(value.strip())
    if not m:
        raise InputError(f"{name}={value!r} is not a date", "give YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, dd = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        if not m[2]:
            d = date(year, 12, 31) if last else date(year, 1, 1)
        elif not m[3]:
            d = date(year, month, calendar.monthrange(year, month)[1] if last else 1)
        else:
            d = date(year, month, dd)
    except (ValueError, calendar.IllegalMonthError):
        raise InputError(f"{name}={value!r} is not a real date", "give YYYY, YYYY-MM or YYYY-MM-DD") from None
    if year < 1:
        raise InputError(f"{name}={value!r} is not a real date", "give a year from 0001")
    return d.isoformat()


def plover_type(value: str | None) -> str | None:
    if value is None or value.strip() == "":
        return None
    if value.strip().upper() not in PLOVER_TYPES:
        raise InputError(f"type={value!r} is not a PLOVER event type", "use one of " + ", ".join(PLOVER_TYPES))
    return value.strip().upper()


def modality(value: str | None) -> str | None:
    if value is None or value.strip() == "":
        return None
    if value.strip().lower() not in MODALITIES:
        raise InputError(f"modality={value!r} is not a modality", "use one of " + ", ".join(MODALITIES))
    return value.strip().lower()


def relation_kind(value: str | None) -> str | None:
    if value is None or value.strip() == "":
        return None
    if value.strip().lower() not in RELATION_KINDS:
        raise InputError(f"kind={value!r} is not a relation kind", "use one of " + ", ".join(RELATION_KINDS))
    return value.strip().lower()


def span(value: str | None) -> tuple[int, int] | None:
    """A highlighted span 'START-END' (character offsets)."""
    if value is None or value == "":
        return None
    m = _SPAN.fullmatch(value)
    if not m or int(m[1]) > int(m[2]):
        raise InputError(f"hl={value!r} is not a span", "give START-END, two character offsets")
    return int(m[1]), int(m[2])


def text(value: str | None, name: str, limit: int = 200) -> str | None:
    """A free-text parameter: at most ``limit`` characters, no control characters."""
    if value is None or value.strip() == "":
        return None
    if len(value) > limit:
        raise InputError(f"{name} is longer than {limit} characters", "give a shorter value")
    if any(ord(c) < 32 for c in value):
        raise InputError(f"{name} holds control characters", "remove them")
    return value.strip()

"""Dates printed as lines of a page: "May 18, 2017 at 3:34 pm", "Monday , 4 December 2023", "2017-05-18".

Only whole lines that are a date (plus optional weekday, time, "Published"/"Updated" label) count:
a date inside a sentence is the time stage's business, not a page date.
"""
from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\s*,?\s*)?"
_CLOCK_ZONE = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc|[a-z]{1,4}t)(?:\s*[+-]\d+)?)?"
# a label, and a time may stand before the date: "Published 08:10 IST, October 21st 2029"
_LABEL = rf"(?:(?:published|posted|updated|last updated|date)\s*(?:on)?\s*:?\s*(?:{_CLOCK_ZONE}\s*,?\s*)?)?"
_TIME = r"(?:\s*(?:at|-|,|\|)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc|[a-z]{2,4}t)(?:\s*[+-]\d+)?)?)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_PATTERNS = [
    rf"{_LABEL}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}",
    rf"{_LABEL}{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}",
    rf"{_LABEL}{_YEAR}-(?P<month_num>\d{{1,2}})-{_DAY}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?{_TIME}",
]
_LINE_RES = [re.compile(r"^\s*" + p + r"\s*$", re.IGNORECASE) for p in _PATTERNS]
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def _to_iso(m: re.Match) -> str | None:
    parts = m.groupdict()
    month = int(parts["month_num"]) if parts.get("month_num") else MONTHS[parts["month"].lower().rstrip(".")]
    try:
        return date(int(parts["year"]), month, int(parts["day"])).isoformat()
    except ValueError:
        return None


def date_line(line: str) -> str | None:
    """The ISO day when the whole line is a printed date, else None."""
    if len(line) > 80:
        return None
    for rx in _LINE_RES:
        m = rx.match(line)
        if m:
            return _to_iso(m)
    return None


def iso_day(value: str | None) -> str | None:
    """The ISO day at the start of a feed/JSONL/metadata date string, or a printed date; else None."""
    if not value:
        return None
    m = _ISO_PREFIX.match(value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    day = date_line(value)
    if day:
        return day
    return _rfc822_day(value)


_RFC822 = re.compile(r"^\s*(?:[a-z]{3},\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})", re.IGNORECASE)


def _rfc822_day(value: str) -> str | None:
    m = _RFC822.match(value)
    if not m or m[2].lower() not in MONTHS:
        return None
    try:
        return date(int(m[3]), MONTHS[m[2].lower()], int(m[1])).isoformat()
    except ValueError:
        return None

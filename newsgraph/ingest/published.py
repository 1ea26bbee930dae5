"""The publication day of a page: every candidate the page gives, cross-checked.

Public entry points: :func:`url_day` (a day written in a URL), :func:`text_stamps` (dates the top of a
text prints as its own: a byline or title line ending in a date and a time, "Published: ...", "May 4,
2017 (CAIRO) -"), :func:`decide` (one publication time from the candidates, with its basis).

A candidate is a day and where it was read (``DateCandidate``). Some say when the page was published
(its metadata, a feed's date, a dateline, a stamp, the URL); others only bound it from above (a "last
updated" stamp, the day a page was saved): a page is never published after it was updated. Decision:

- the published candidates are read in order of trust (metadata, feed, dateline, stamp, URL) and the
  first one stands when no other published candidate is more than a day away from it (sites stamp in
  their own time zone; a URL day and a metadata day a day apart are one publication);
- candidates further apart than that give no day: the publication is bounded by the interval that
  holds them all (basis "disagree: ..."), never one of them at random;
- an upper bound earlier than the chosen day drops the day for the interval up to the bound.

Numeric dates are read only with their year first or in a month-name form: "07/05/2021" on a page
that gives no clue to its order is two days, and a URL or stamp of that form is not used.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import lxml.html

from newsgraph.ingest.dates import MONTHS
from newsgraph.records import Time

__all__ = ["DateCandidate", "caption_days", "decide", "html_candidates", "text_stamps", "url_day", "url_month",
           "yearless_dateline"]

TRUST = ("html-meta", "feed", "dateline", "stamp", "url")  # published candidates, most trusted first
# recorded for the reader, not weighed: on 419 dev pages, letting the markup's own published and modified
# fields veto htmldate's metadata day turned 20 right days into intervals and not one wrong day into one
NOTED = frozenset({"html-published", "html-modified"})
UPPER_ONLY = frozenset({"updated", "page-saved"})  # candidates that only bound publication from above
AGREE_DAYS = 1  # published candidates this close tell of one publication (time zones)
HEADER_LINES = 6  # the lines at the top of a text where a stamp is looked for
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_CLOCK = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?"
_DATE = (rf"(?:{_WEEKDAY}(?P<m1>{_MONTH_NAMES})\.?\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)|"
         rf"{_WEEKDAY}(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_NAMES})\.?,?\s+(?P<y2>(?:19|20)\d\d)|"
         rf"(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]?\d)-(?P<d3>[0-3]?\d))")
# a date and a time on one line ("Wednesday, 2 November 2022, 22:18", "April 16, 2023 at 03:10PM")
_STAMP = re.compile(rf"(?<![\w-]){_DATE}(?:\s*(?:,|at|-|\||\s)\s*{_CLOCK}|\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?|\s+0\s*$)",
                    re.IGNORECASE)
_LABELLED = re.compile(rf"^\s*(?P<label>published|posted|first published|updated|last updated|modified)"
                       rf"(?:\s+on)?\s*:?\s*{_DATE}", re.IGNORECASE)
_DATELINE = re.compile(rf"^\s*{_DATE}\s*\([^()\n]{{2,40}}\)\s*[-–—:]", re.IGNORECASE)  # "May 4, 2017 (CAIRO) -"
PUBLISHED_KEYS = frozenset({"article:published_time", "og:published_time", "datepublished", "pubdate",
                            "publishdate", "publish-date", "publish_date", "dc.date.issued", "dcterms.issued",
                            "sailthru.date", "parsely-pub-date", "article.published", "publication_date",
                            "citation_publication_date"})
MODIFIED_KEYS = frozenset({"article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
                           "dcterms.modified", "last-modified"})
_LD_DATE = re.compile(r'"(datePublished|dateModified)"\s*:\s*"([^"]{8,40})"')
_ISO_DAY = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
_CAPTION = re.compile(rf"(?i:{_DATE})\.?\s*(?:[A-Z][A-Z-]{{1,12}}/){{1,3}}")  # "... 2021. EFE/EPA/NAME"
_YEARLESS_DATELINE = re.compile(  # "KELTUN, April 07 (XNA) –", "PORT ELLIS (Osteria), Jan 5 (XNA)", "KELTUN, May 6."
    rf"^\s*[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){{0,3}}\s*(?:\([^()\n]{{2,30}}\))?,\s*"
    rf"(?i:(?P<month>{_MONTH_NAMES}))\.?\s+(?P<day>[0-3]?\d)\b(?!,?\s*(?:19|20)\d\d)")
_URL_PATH = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/._-]|$)")
_URL_YEAR_MONTH = re.compile(r"/(199\d|20[0-4]\d)/(0?[1-9]|1[0-2])/(?![0-3]?\d/)[^/]*[a-z]")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(" + "|".join(m for m in MONTHS if len(m) == 3) +
                        r")[a-z]*/(0?[1-9]|[12]\d|3[01])(?=[/._-]|$)", re.IGNORECASE)
_URL_RUN = re.compile(r"(?<![\d])(199\d|20[0-4]\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:\d{0,12})(?![\d])")


@dataclass(frozen=True)
class DateCandidate:
    """A day a page gives for its publication (``source``: html-meta, feed, dateline, stamp, url) or as an
    upper bound on it (updated, page-saved)."""

    day: str
    source: str


def html_candidates(html: str) -> list[DateCandidate]:
    """The dates a page's markup gives for itself: published (meta tags such as article:published_time,
    JSON-LD datePublished, a <time> marked as the publication: "html-published") and modified
    (article:modified_time, JSON-LD dateModified: "html-modified"). They are recorded with the document;
    the day itself is htmldate's reading of the same markup ("html-meta"), see ``NOTED``."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError, lxml.etree.XMLSyntaxError):
        return []
    out: list[DateCandidate] = []
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        day = _iso_in(meta.get("content"))
        if day and key in PUBLISHED_KEYS:
            out.append(DateCandidate(day, "html-published"))
        elif day and key in MODIFIED_KEYS:
            out.append(DateCandidate(day, "html-modified"))
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        for key, value in _LD_DATE.findall(script):
            day = _iso_in(value)
            if day:
                out.append(DateCandidate(day, "html-modified" if key == "dateModified" else "html-published"))
    for node in tree.xpath('//time[@datetime][@itemprop="datePublished" or @pubdate]'):
        day = _iso_in(node.get("datetime"))
        out += [DateCandidate(day, "html-published")] if day else []
    return out


def _iso_in(value: str | None) -> str | None:
    m = _ISO_DAY.search(value or "")
    return _iso(int(m[1]), int(m[2]), int(m[3])) if m else None


def url_day(url: str | None) -> str | None:
    """A day written in a URL: /2020/01/14/, /2020/1/4/, /2020/jan/14/, 2020-01-14, or one run of digits that
    opens with an 8-digit date of 1990-2049 (20200114, 202001140411: a date and a serial number; a run
    such as 191009172058865 is a two-digit year and a clock, not 1910)."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    for rx in (_URL_PATH, _URL_MONTH):
        m = rx.search(path)
        if m:
            month = int(m[2]) if m[2].isdigit() else MONTHS[m[2][:3].lower()]
            return _iso(int(m[1]), month, int(m[3]))
    host_end = path.find("/", path.find("//") + 2) if "//" in path else 0
    m = _URL_RUN.search(path, max(host_end, 0))
    return _iso(int(m[1]), int(m[2]), int(m[3])) if m else None


def url_month(url: str | None) -> tuple[str, str] | None:
    """The first and last day of a month written in a URL path with no day (/2018/06/slug), else None."""
    m = _URL_YEAR_MONTH.search((url or "").split("?", 1)[0])
    if not m:
        return None
    year, month = int(m[1]), int(m[2])
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return date(year, month, 1).isoformat(), last.isoformat()


def yearless_dateline(text: str, after: str | None) -> str | None:
    """The day of a dateline that gives no year ("KELTUN, April 07 (XNA) –", "KELTUN, May 6."), read in the
    year of ``after`` (the latest day the text reports as past, :mod:`newsgraph.time.dct`), or the year
    after when the month and day fall before it in that year; None without such a dateline or bound."""
    lines = [line for line in text.split("\n") if line.strip()][:HEADER_LINES]
    m = next((found for line in lines if (found := _YEARLESS_DATELINE.match(line))), None)
    start = _parse(after)
    if m is None or start is None:
        return None
    month, day = MONTHS[m["month"].lower()], int(m["day"])
    for year in (start.year, start.year + 1):
        found = _iso(year, month, day)
        if found and found >= start.isoformat():
            return found
    return None


def caption_days(text: str) -> list[str]:
    """Days of the photographs a text shows: a date followed by a photo credit ("Keltun, 25 October 2021.
    XNA/EPX/NAME", "July 9, 2017. AGENCY/Name"). A photograph is taken on or before the day its page is
    published: each day is a lower bound on publication, never the publication day itself."""
    lines = (line for line in text.split("\n") if "/" in line and any(ch.isdigit() for ch in line))
    return [d for line in lines for d in (_day_of(m) for m in _CAPTION.finditer(line)) if d]


def text_stamps(text: str) -> list[DateCandidate]:
    """Dates the top lines of a text print as the page's own: "Published: May 4, 2017" (stamp), "Updated:
    ..." (updated: an upper bound), "May 4, 2017 (CAIRO) –" (dateline), and a date followed by a time on a
    byline or title line ("T. Snow Wednesday, 2 November 2022, 22:18"; stamp). A date alone inside a
    headline ("Parties agree (December 13, 2018)") is the happening's, not the page's, and is not taken."""
    out: list[DateCandidate] = []
    lines = [line for line in text.split("\n") if line.strip()][:HEADER_LINES]
    for line in lines:
        labelled = _LABELLED.match(line)
        if labelled:
            day = _day_of(labelled)
            kind = "updated" if labelled["label"].lower() in ("updated", "last updated", "modified") else "stamp"
            out += [DateCandidate(day, kind)] if day else []
            continue
        dated = _DATELINE.match(line)
        if dated and _day_of(dated):
            out.append(DateCandidate(_day_of(dated), "dateline"))
            continue
        stamp = _STAMP.search(line)
        if stamp and _day_of(stamp):
            out.append(DateCandidate(_day_of(stamp), "stamp"))
    return out


def decide(candidates: list[DateCandidate]) -> tuple[Time, str] | None:
    """One publication time and its basis from the candidates (see the module docstring); None without a
    published candidate."""
    published = sorted((c for c in candidates if c.source not in UPPER_ONLY | NOTED and _parse(c.day)),
                       key=lambda c: TRUST.index(c.source) if c.source in TRUST else len(TRUST))
    if not published:
        return None
    first = published[0]
    days = sorted({_parse(c.day) for c in published})
    uppers = [d for d in (_parse(c.day) for c in candidates if c.source in UPPER_ONLY) if d]
    chosen = _parse(first.day)
    if days[-1] - days[0] > timedelta(days=AGREE_DAYS):
        sources = ", ".join(f"{c.source} {c.day}" for c in published)
        return Time(earliest=days[0].isoformat(), latest=days[-1].isoformat(), text=None), f"disagree: {sources}"
    if uppers and min(uppers) < chosen - timedelta(days=AGREE_DAYS):
        low = min(min(uppers), days[0])
        return Time(earliest=low.isoformat(), latest=min(uppers).isoformat(), text=None), \
            f"disagree: {first.source} {first.day} after an update of {min(uppers).isoformat()}"
    return Time(value=first.day, earliest=first.day, latest=first.day), first.source


def _day_of(m: re.Match) -> str | None:
    g = m.groupdict()
    if g.get("y3"):
        return _iso(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    k = "1" if g.get("y1") else "2"
    return _iso(int(g["y" + k]), MONTHS[g["m" + k].lower()], int(g["d" + k]))


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _parse(day: str | None) -> date | None:
    try:
        return date.fromisoformat(day) if day else None
    except ValueError:
        return None

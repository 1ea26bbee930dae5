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
from urllib.parse import unquote

import lxml.html

from newsgraph.ingest.dates import MONTHS
from newsgraph.records import Time

__all__ = ["DateCandidate", "caption_days", "decide", "html_candidates", "labelled_stamp", "linked_days",
           "text_stamps", "today_weekday", "url_day", "url_month", "url_readings", "yearless_dateline"]

TRUST = ("html-meta", "feed", "dateline", "stamp", "url")  # published candidates, most trusted first
# recorded for the reader, not weighed: on 419 dev pages, letting the markup's own published and modified
# fields veto htmldate's metadata day turned 20 right days into intervals and not one wrong day into one
NOTED = frozenset({"html-published", "html-modified"})
UPPER_ONLY = frozenset({"updated", "page-saved"})  # candidates that only bound publication from above
AGREE_DAYS = 1  # published candidates this close tell of one publication (time zones)
# a year-less dateline is read in the year of the text's latest past date only this close after it: a month
# reported as past (from its first day) and two months more, as year-less dates are (newsgraph.time.dct)
DATELINE_REACH_DAYS = 92
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
_ZONE = r"(?:\s*(?:gmt|utc|[a-z]{1,4}t)(?:\s*[+-]\d{1,2}(?::?\d\d)?)?)?"  # GMT, UTC+3, IST, EDT
# "Published: May 4, 2017", "Published 08:10 IST, October 21st 2029": a label, perhaps a clock, the date
_LABELLED = re.compile(rf"^\s*(?P<label>published|posted|first published|updated|last updated|modified)"
                       rf"(?:\s+on)?\s*:?\s*(?:{_CLOCK}{_ZONE}\s*,?\s*)?{_DATE}", re.IGNORECASE)
_DATELINE = re.compile(rf"^\s*{_DATE}\s*\([^()\n]{{2,40}}\)\s*[-–—:]", re.IGNORECASE)  # "May 4, 2017 (CAIRO) -"
_NOT_PLACES = re.compile(r"(?i)(?:last\s+)?(?:updated|modified|edited|revised|saved|accessed|retrieved|"
                         r"archived)$")
_PLACE = r"[A-Z][\w'’.]*(?:-[A-Z][\w'’.]*)*"
# a place (with its country), a comma and a full date opening a line: "KELTUN (Osteria), February 8, 2031" on
# its own line, or "KELTUN, Feb. 8, 2031 (XNA) -" before the story; a place in title case only on a line of
# its own ("Port Ellis, 8 February 2031"), where nothing else can be the date's
_PLACE_DATELINE = re.compile(
    rf"^\s*(?P<place>{_PLACE}(?:\s+{_PLACE}){{0,3}})\s*(?:\([^()\n]{{2,30}}\))?,\s*(?i:{_DATE})\.?"
    rf"(?P<rest>\s*$|\s*(?:\([^()\n]{{1,30}}\)|/[^/\n]{{1,20}}/)?\.?\s*[-–—:]|\s*/[^/\n]{{1,20}}/)")
PUBLISHED_KEYS = frozenset({"article:published_time", "og:published_time", "datepublished", "pubdate",
                            "publishdate", "publish-date", "publish_date", "dc.date.issued", "dcterms.issued",
                            "sailthru.date", "parsely-pub-date", "article.published", "publication_date",
                            "citation_publication_date"})
MODIFIED_KEYS = frozenset({"article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
                           "dcterms.modified", "last-modified"})
_LD_DATE = re.compile(r'"(datePublished|dateModified)"\s*:\s*"([^"]{8,40})"')
_ISO_DAY = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
_CAPTION = re.compile(rf"(?i:{_DATE})\.?\s*(?:[A-Z][A-Z-]{{1,12}}/){{1,3}}")  # "... 2021. EFE/EPA/NAME"
# a caption whose credit closes it, after a sentence or two of background ("Smoke rises over Keltun, Osteria,
# 21 March 2033. Fighting erupted on 19 March ... XNA-EPX/STRINGER"): its first sentence ends in its date
_CREDIT_END = re.compile(r"\s(?:[A-Z][A-Z-]{1,12}/){1,3}[A-Z][\w.' -]{0,40}$")
_AHEAD = re.compile(r"\b(?:will|shall|would|scheduled|expected|due|plans?|set to|upcoming)\b", re.IGNORECASE)
_FIRST_SENTENCE_DATE = re.compile(rf"^[^.!?]*?(?<![\w-])(?i:{_DATE})\.\s")
_YEARLESS_DATELINE = re.compile(  # "KELTUN, April 07 (XNA) –", "PORT ELLIS (Osteria), Jan 5 (XNA)", "KELTUN, May 6."
    rf"^\s*[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){{0,3}}\s*(?:\([^()\n]{{2,30}}\))?,\s*"
    rf"(?i:(?P<month>{_MONTH_NAMES}))\.?\s+(?P<day>[0-3]?\d)\b(?!,?\s*(?:19|20)\d\d)")
_URL_PATH = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/._-]|$)")
_URL_YEAR_MONTH = re.compile(r"/(199\d|20[0-4]\d)/(0?[1-9]|1[0-2])/(?![0-3]?\d/)[^/]*[a-z]")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(" + "|".join(m for m in MONTHS if len(m) == 3) +
                        r")[a-z]*/(0?[1-9]|[12]\d|3[01])(?=[/._-]|$)", re.IGNORECASE)
_URL_NUMERIC = re.compile(r"/([0-3]?\d)[-.]([0-3]?\d)[-.]((?:19|20)\d\d)(?=[/._-]|$)")  # /09-05-2032/
_INNER_URL = re.compile(r"https?(?::|%3a)(?:/|%2f){2}[^&#\s]+", re.IGNORECASE)
_TEXT_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TODAY_WEEKDAY = re.compile(r"\btoday\s*(?:\[|\(|,|\(on\s+)\s*((?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
                            re.IGNORECASE)
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
    """A day written in a URL: /2020/01/14/, /2020/1/4/, /2020/jan/14/, 2020-01-14, a day-month-year segment
    that reads one way only (/25-09-2032/), or one run of digits that opens with an 8-digit date of 1990-2049
    (20200114, 202001140411: a date and a serial number; a run such as 191009172058865 is a two-digit year and
    a clock, not 1910). A URL a proxy or redirect carries in its query ("?u=https://...") is read after the
    URL's own path."""
    for path in _paths(url):
        for rx in (_URL_PATH, _URL_MONTH):
            m = rx.search(path)
            if m:
                month = int(m[2]) if m[2].isdigit() else MONTHS[m[2][:3].lower()]
                return _iso(int(m[1]), month, int(m[3]))
        readings = _numeric_readings(path)
        if len(readings) == 1:
            return readings[0]
        if readings:
            continue  # two readings: an interval (url_readings), never one of them
        host_end = path.find("/", path.find("//") + 2) if "//" in path else 0
        m = _URL_RUN.search(path, max(host_end, 0))
        if m:
            return _iso(int(m[1]), int(m[2]), int(m[3]))
    return None


def url_readings(url: str | None) -> tuple[str, str] | None:
    """The first and last of the two days a numeric URL segment can be (/09-05-2032/: 9 May or 5 September, as
    the order of day and month is the site's and the URL does not tell it), when it can be two; else None."""
    for path in _paths(url):
        readings = _numeric_readings(path)
        if len(readings) == 2:
            return readings[0], readings[1]
    return None


def _numeric_readings(path: str) -> list[str]:
    m = _URL_NUMERIC.search(path)
    if m is None:
        return []
    a, b, year = int(m[1]), int(m[2]), int(m[3])
    return sorted({d for d in (_iso(year, b, a), _iso(year, a, b)) if d})


def _paths(url: str | None) -> list[str]:
    """The path of a URL, and that of a URL it carries in its query (a proxy's or a redirect's)."""
    if not url:
        return []
    path, _, query = url.split("#", 1)[0].partition("?")
    inner = _INNER_URL.search(query)
    return [path] + ([unquote(inner[0]).split("?", 1)[0]] if inner else [])


def url_month(url: str | None) -> tuple[str, str] | None:
    """The first and last day of a month written in a URL path with no day (/2018/06/slug), else None."""
    m = _URL_YEAR_MONTH.search((url or "").split("?", 1)[0])
    if not m:
        return None
    year, month = int(m[1]), int(m[2])
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return date(year, month, 1).isoformat(), last.isoformat()


def yearless_dateline(text: str, after: str | None) -> str | None:
    """The day of a dateline that gives no year ("KELTUN, April 07 (XNA) –", "KELTUN, May 6."): the first such
    day on or after ``after`` (the latest day the text reports as past, :mod:`newsgraph.time.dct`), when it
    falls within ``DATELINE_REACH_DAYS`` of it; None without such a dateline, bound or day. A text that
    reports nothing dated in the months before its dateline may be years after its latest date: its year is
    not read from it (a report of "August 2031" under "June 6" is not of June 2032)."""
    lines = [line for line in text.split("\n") if line.strip()][:HEADER_LINES]
    m = next((found for line in lines if (found := _YEARLESS_DATELINE.match(line))), None)
    start = _parse(after)
    if m is None or start is None:
        return None
    month, day = MONTHS[m["month"].lower()], int(m["day"])
    for year in (start.year, start.year + 1):
        found = _parse(_iso(year, month, day))
        if found and start <= found <= start + timedelta(days=DATELINE_REACH_DAYS):
            return found.isoformat()
    return None


def caption_days(text: str) -> list[str]:
    """Days of the photographs a text shows: a date followed by a photo credit ("Keltun, 25 October 2021.
    XNA/EPX/NAME", "July 9, 2017. AGENCY/Name"), or the date that ends the first sentence of a caption closed
    by its credit ("..., Keltun, 21 March 2033. Fighting erupted ... XNA-EPX/STRINGER"). A photograph is taken
    on or before the day its page is published: each day is a lower bound on publication, never the publication
    day itself."""
    lines = [line for line in text.split("\n") if "/" in line and any(ch.isdigit() for ch in line)]
    days = [d for line in lines for d in (_day_of(m) for m in _CAPTION.finditer(line)) if d]
    for line in lines:
        first = _FIRST_SENTENCE_DATE.match(line) if _CREDIT_END.search(line.rstrip()) else None
        if first and _AHEAD.search(first[0]):
            continue  # a caption shows what happened; "Talks will resume on 5 May 2023." is not one
        day = _day_of(first) if first else None
        days += [day] if day and day not in days else []
    return days


def linked_days(text: str) -> list[str]:
    """Days written in the paths of the URLs a text prints (a link to a source or an earlier report,
    "https://paper.example/2033/06/02/fighting.html", or the page's own address): a page cites what was
    published before it, or on its own day, so each day is a lower bound on publication, never the day."""
    return sorted({d for m in _TEXT_URL.finditer(text) if (d := url_day(m[0].rstrip(".,;:)]'\"")))})


def today_weekday(text: str) -> int | None:
    """The weekday (Monday 0) a text names as its own day: "a statement issued today [Wednesday]", "today,
    Thursday,"; None when it names none or several."""
    days = {_WEEKDAYS.index(m[1][:3].lower()) for m in _TODAY_WEEKDAY.finditer(text)}
    return days.pop() if len(days) == 1 else None


def labelled_stamp(line: str) -> DateCandidate | None:
    """The date a line labels as the page's: "Published: May 4, 2017" (stamp), "Updated 10:43 GMT, 4 May 2017"
    (updated: an upper bound). A candidate with no day when the label's date is not a calendar day; None for a
    line with no such label."""
    labelled = _LABELLED.match(line)
    if labelled is None:
        return None
    kind = "updated" if labelled["label"].lower() in ("updated", "last updated", "modified") else "stamp"
    return DateCandidate(_day_of(labelled) or "", kind)


def text_stamps(text: str) -> list[DateCandidate]:
    """Dates the top lines of a text print as the page's own: "Published: May 4, 2017" (stamp), "Updated:
    ..." (updated: an upper bound), "May 4, 2017 (CAIRO) –" (dateline), and a date followed by a time on a
    byline or title line ("T. Snow Wednesday, 2 November 2022, 22:18"; stamp). A date alone inside a
    headline ("Parties agree (December 13, 2018)") is the happening's, not the page's, and is not taken."""
    out: list[DateCandidate] = []
    lines = [line for line in text.split("\n") if line.strip()][:HEADER_LINES]
    for line in lines:
        labelled = labelled_stamp(line)
        if labelled is not None:
            out += [labelled] if labelled.day else []
            continue
        dated = _DATELINE.match(line) or _place_dateline(line)
        if dated and _day_of(dated):
            out.append(DateCandidate(_day_of(dated), "dateline"))
            continue
        stamp = _STAMP.search(line)
        if stamp and _day_of(stamp):
            out.append(DateCandidate(_day_of(stamp), "stamp"))
    return out


def _place_dateline(line: str) -> re.Match | None:
    m = _PLACE_DATELINE.match(line)
    if m is None or not (m["place"].isupper() or not m["rest"].strip()) or _NOT_PLACES.match(m["place"]):
        return None
    return m


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

"""Offices held by people, as a document states them: "Tunisian Foreign Minister Ali Warfalli",
"the Brigade's Chief of Staff, Brigadier General Omar Farouk", "the President of the Desert Council (DC)
Salem Barqawi", "Ali Warfalli, the head of the Desert Council", "the armed group led by Salem
Barqawi".

Public entry points: :func:`role_claims` and :func:`dated` (a claim takes the time expression of its
sentence when that dates the title; else the document's time applies). Titles come from ``data/roles.tsv``; the body an office
belongs to is a mention ("of the DB", "the DB's") or a country named by a demonym ("Tunisian").
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dataclasses import replace
from datetime import date

from newsgraph.records import Document, LocalMention, RoleClaim, Sentence, Time, TimeMention
from newsgraph.resolve.gazetteer import sector_of
from newsgraph.tables import read_rows
from newsgraph.time.document import time_near

DATA = Path(__file__).with_name("data") / "roles.tsv"
WINDOW = 120  # characters before a name searched for its title
_RANKS = (r"(?:lieutenant|lt\.?|brigadier|brig\.?|major|maj\.?|field|colonel|col\.?|general|gen\.?|marshall?|"
          r"admiral|adm\.?|captain|capt\.?|sergeant|sgt\.?|mr\.?|mrs\.?|ms\.?|dr\.?|sheikh|prince|-)")
_GAP = re.compile(rf"^(?:[\s,()]|the\b|{_RANKS}(?=[\s,-]|$))*$", re.IGNORECASE)
_LED_BY = re.compile(r"\b(?:led|headed|commanded|chaired)\s+by\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,5}$")


@dataclass(frozen=True)
class Office:
    title: str
    sector: str | None


@lru_cache(maxsize=2)
def offices(kind: str = "office") -> tuple[re.Pattern[str], dict[str, Office]]:
    """The pattern of the titles of one kind (office or rank; longest forms first) and each form's title."""
    forms: dict[str, Office] = {}
    for title, row_kind, sector, written in read_rows(DATA, 4):
        if row_kind == kind:
            for form in written.split(";"):
                forms[form.strip().lower()] = Office(title, sector or None)
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w-])", re.IGNORECASE), forms


def office_sector(title: str) -> str | None:
    """The sector an office or rank implies for its holder ("foreign minister" → GOV), if any."""
    known = {**offices("rank")[1], **offices("office")[1]}
    return next((o.sector for o in known.values() if o.title == title), None)


def role_claims(document: Document, mentions: Sequence[LocalMention]) -> list[RoleClaim]:
    """Every office the document gives a person, from the words before and after the person's names."""
    text = document.text
    claims: list[RoleClaim] = []
    for m in mentions:
        if m.country or not (m.label == "PERSON" or m.titles):
            continue
        # the paragraph, not the parser's sentence: a title and its name are never split by a line break,
        # but the parser does split them at "(HoR)" or after "Gen."
        s_start, s_end = text.rfind("\n", 0, m.start) + 1, (text.find("\n", m.end) + 1 or len(text) + 1) - 1
        before = _claim_before(document, mentions, m, max(s_start, m.start - WINDOW))
        after = _claim_after(document, mentions, m, s_end)
        led = _claim_led_by(document, mentions, m, max(s_start, m.start - WINDOW))
        rank = _claim_rank(document, m, max(s_start, m.start - 40))
        member = _claim_member(document, mentions, m, s_end)
        claims.extend(c for c in (before, after, led, rank, member) if c is not None)
    return claims


def dated(document: Document, claims: Sequence[RoleClaim], sentences: Sequence[Sentence],
          times: Sequence[TimeMention]) -> list[RoleClaim]:
    """The claims, each with the time of the expression of its person's sentence nearest the person, when
    that time dates the title.

    The press writes titles as of writing ("President Sisi, who led the 2013 ouster"), so a sentence's
    time dates a title only when it is recent — at most :data:`RECENT_DAYS` before the publication date —
    or when the title is marked as of then ("then-President", "at the time"). Otherwise, and in documents
    without a publication day, the document's time applies (the global resolution reads it)."""
    if not times:
        return list(claims)
    published = _day(document.published.value) or _day(document.published.latest)
    out = []
    for c in claims:
        sentence = next((s for s in sentences if s.start <= c.person_start < s.end), None)
        when = time_near(times, sentence.start, sentence.end, c.person_start) if sentence else None
        if when is not None and (_marked_then(document.text, c) or _recent(when, published)):
            c = replace(c, time_value=when.value, time_earliest=when.earliest, time_latest=when.latest,
                        time_text=when.text)
        out.append(c)
    return out


RECENT_DAYS = 31
_THEN = re.compile(r"\b(?:then|at the time)\b")
_THEN_BEFORE = re.compile(r"\b(?:then|at the time)\b[\s,-]+(?:[A-Z][\w'’.-]*\s+){0,3}$", re.IGNORECASE)


def _marked_then(text: str, claim: RoleClaim) -> bool:
    """"then-President X", "the then Tunisian foreign minister X", "X, at the time foreign minister"."""
    return bool(_THEN_BEFORE.search(text[max(0, claim.evidence_start - 40):claim.evidence_start])
                or _THEN.search(text, claim.evidence_start, claim.evidence_end))


def _recent(when: Time, published: date | None) -> bool:
    latest = _day(when.latest)
    return published is not None and latest is not None and 0 <= (published - latest).days <= RECENT_DAYS


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _claim_before(document: Document, mentions: Sequence[LocalMention], person: LocalMention,
                  window_start: int) -> RoleClaim | None:
    text = document.text
    pattern, forms = offices()
    found = _titles_in(pattern, text, window_start, person.start)
    valid = [k for k, t in enumerate(found) if _gap_ok(text, t.end(), person, mentions)]
    if not valid:
        return None
    t = _holder_title(text, found[:valid[-1] + 1])
    office = forms[t.group(0).lower()]
    owner = (_owner_before(text, mentions, t.start(), window_start)
             or _owner_after_title(text, mentions, t.end(), person.start)
             or _owner_after_name(text, mentions, person)
             or _owner_named_by_noun(text, mentions, t.start(), window_start))
    former = bool(re.search(r"\bformer\b", text[max(window_start, t.start() - 40):t.start()], re.IGNORECASE))
    return _claim(document, person, office, owner, former, _phrase_start(text, mentions, t.start(), window_start))


def _titles_in(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[re.Match]:
    """Every title between start and end, overlapping ones too ("Army Chief of Staff" has two), but none
    inside a longer one ("Minister" of "Prime Minister")."""
    found = [m for m in (pattern.match(text, start + w.start(), end) for w in re.finditer(r"\b\w", text[start:end]))
             if m is not None]
    return [m for m in found if not any(o is not m and o.start() <= m.start() and m.end() <= o.end() for o in found)]


def _holder_title(text: str, found: list[re.Match]) -> re.Match:
    """The title the person holds: in "the spokesman of the Libyan general chief of staff, NAME" the first."""
    last = found[-1]
    for earlier in reversed(found[:-1]):
        if re.fullmatch(r"\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}", text[earlier.end():last.start()], re.IGNORECASE):
            last = earlier
    return last


_OF = re.compile(r"\s+of\s+")
_OF_ARTICLE = re.compile(r"(?:the\s+)?(?:self-styled\s+)?")
_ACRONYM_ASIDE = re.compile(r"\s*\([A-Za-z.]{2,10}\)")


def _gap_ok(text: str, title_end: int, person: LocalMention, mentions: Sequence[LocalMention]) -> bool:
    """Only ranks, commas and "of the X (ACR)" phrases stand between a title and the name: "the leader of the
    Desert Brigade (DB), Salem Barqawi", "head of the Council of the Varland Accord, Omar Farouk". Another
    person or a verb in between ("the speaker of the Council, Ali Warfalli, has promoted the commander of the
    Brigade, Omar Farouk") gives the title to someone else."""
    at = title_end
    while (of := _OF.match(text, at, person.start)) is not None:
        after = _OF_ARTICLE.match(text, of.end()).end()
        owner = next((m for m in mentions if of.end() <= m.start <= after and m.end <= person.start
                      and m.label != "PERSON"), None)
        if owner is None:
            return False
        at = owner.end
        aside = _ACRONYM_ASIDE.match(text, at, person.start)
        at = aside.end() if aside else at
    gap = re.sub(r"\([A-Za-z.]{2,10}\)", " ", text[at:person.start])
    return bool(_GAP.match(gap)) and "\n" not in gap


def _owner_before(text: str, mentions: Sequence[LocalMention], title_start: int, window_start: int) -> LocalMention | None:
    """"Tunisia's chief of staff", "the DB's Chief of Staff", "Tunisian Army Chief of Staff", "Algerian Foreign Minister"."""
    near = [m for m in mentions if window_start <= m.start and m.end <= title_start and
            re.fullmatch(r"(?:['’]s)?(?:\s+(?:army|armed forces|military|government|[a-z]+))?\s*", text[m.end:title_start],
                         re.IGNORECASE)]
    return max(near, key=lambda m: m.end, default=None)


def _owner_after_title(text: str, mentions: Sequence[LocalMention], title_end: int, person_start: int) -> LocalMention | None:
    """"the leader of the Desert Brigade (DB), Field Marshal Salem Barqawi"."""
    of = re.match(r"\s+of\s+(?:the\s+)?(?:self-styled\s+)?", text[title_end:person_start])
    owner = _mention_at(mentions, title_end + 1, title_end + of.end()) if of else None
    return owner if owner is not None and owner.end <= person_start else None


def _mention_at(mentions: Sequence[LocalMention], earliest: int, latest: int) -> LocalMention | None:
    """The mention starting between two offsets (a mention may or may not include its "the")."""
    return next((m for m in mentions if earliest <= m.start <= latest), None)


def _owner_after_name(text: str, mentions: Sequence[LocalMention], person: LocalMention) -> LocalMention | None:
    """"Prime Minister Ali Warfalli of the Desert Council"."""
    of = re.match(r"\s+of\s+(?:the\s+)?", text[person.end:person.end + 12])
    return _mention_at(mentions, person.end + 1, person.end + of.end()) if of else None


def _owner_named_by_noun(text: str, mentions: Sequence[LocalMention], title_start: int,
                         window_start: int) -> LocalMention | None:
    """"the High State Council, including the council's president": the body named before by that noun."""
    noun = re.search(r"\bthe\s+([a-z]+)['’]s\s+$", text[window_start:title_start])
    if noun is None:
        return None
    word = noun.group(1).lower()
    before = [m for m in mentions if m.end <= window_start + noun.start() and m.name.split()[-1].lower() == word]
    if before or word not in _BODY_NOUNS:
        return max(before, key=lambda m: m.end, default=None)
    # "the group's spokesman" where no body is named "... Group": the one group the document names before
    # ("the Velm rebels"), read by the sector of its name; none when it names several
    wanted = {sector_of(word)} - {None} or _GROUP_SECTORS
    bodies = {m.local: m for m in mentions if m.end <= window_start + noun.start() and m.label in ("ORG", "NORP")
              and not m.country and sector_of(m.text) in wanted}
    return next(iter(bodies.values())) if len(bodies) == 1 else None


_BODY_NOUNS = frozenset({"group", "movement", "faction", "front", "militia", "rebels", "army", "party"})
_GROUP_SECTORS = frozenset({"REB", "PTY", "OPP"})  # what "the group", "the movement" may stand for


def _phrase_start(text: str, mentions: Sequence[LocalMention], title_start: int, window_start: int) -> int:
    owner = _owner_before(text, mentions, title_start, window_start)
    return owner.start if owner else title_start


def _claim_after(document: Document, mentions: Sequence[LocalMention], person: LocalMention,
                 sentence_end: int) -> RoleClaim | None:
    """"Ali Warfalli, the head of the Desert Council" and "X, Tunisia's foreign minister"."""
    text = document.text
    pattern, forms = offices()
    head = re.match(r",\s+(?:the\s+)?(?:(?P<former>former)\s+)?", text[person.end:sentence_end], re.IGNORECASE)
    if not head:
        return None
    start = person.end + head.end()
    owner = next((m for m in mentions if m.start == start), None)
    title_from = owner.end if owner else start
    t = pattern.match(re.sub(r"^['’]s\s+", "  ", text[title_from:sentence_end]) if owner else text[title_from:sentence_end])
    if t is None:
        return None
    t_end = title_from + t.end()
    office = forms[t.group(0).lower()]
    owner = owner or _owner_after_title(text, mentions, t_end, sentence_end)
    return _claim(document, person, office, owner, bool(head.group("former")), person.start, max(t_end, owner.end if owner else 0))


def _claim_member(document: Document, mentions: Sequence[LocalMention], person: LocalMention,
                  paragraph_end: int) -> RoleClaim | None:
    """"Ahmed Maitig and Abdessalam Kajman on the Presidency Council": members of a body."""
    text, end = document.text, person.end
    people = sorted((m for m in mentions if m.start >= person.end and m.label == "PERSON"), key=lambda m: m.start)
    for other in people:  # skip the people coordinated with this one
        if not re.fullmatch(r"\s*(?:,|,?\s+and)\s+", text[end:other.start]):
            break
        end = other.end
    on = re.match(r"\s+(?:on|in)\s+(?:the\s+)?", text[end:paragraph_end])
    owner = _mention_at(mentions, end + 1, end + on.end()) if on else None
    if owner is None or owner.label != "ORG" or owner.country or not re.match(r"(?:council|committee|board|cabinet|parliament|assembly|government|"
                                     r"congress|senate|presidency|bureau)\b", owner.name.split()[-1], re.IGNORECASE):
        return None
    return _claim(document, person, Office("member", None), owner, False, person.start, owner.end)


def _claim_rank(document: Document, person: LocalMention, window_start: int) -> RoleClaim | None:
    """"Brigadier General Omar Farouk", "Field Marshal Salem Barqawi" (in or just before the mention)."""
    pattern, forms = offices("rank")
    for title in person.titles:
        m = pattern.fullmatch(title)
        if m:
            return _claim(document, person, forms[m.group(0).lower()], None, False, person.start)
    before = [t for t in pattern.finditer(document.text, window_start, person.start)
              if re.fullmatch(r"[\s,]*", document.text[t.end():person.start])]
    if not before:
        return None
    return _claim(document, person, forms[before[-1].group(0).lower()], None, False, before[-1].start())


def _claim_led_by(document: Document, mentions: Sequence[LocalMention], person: LocalMention,
                  window_start: int) -> RoleClaim | None:
    """"the armed group led by Salem Barqawi": the leader of the body named last before it."""
    text = document.text
    led = _LED_BY.search(text, window_start, person.start)
    if led is None or led.end() != person.start:
        return None
    owners = [m for m in mentions if window_start <= m.start and m.end <= led.start() and m.label in ("ORG", "NORP")
              and not m.country]
    owner = max(owners, key=lambda m: m.end, default=None)
    return _claim(document, person, Office("leader", None), owner, False, led.start(), person.end)


def _claim(document: Document, person: LocalMention, office: Office, owner: LocalMention | None, former: bool,
           start: int, end: int | None = None) -> RoleClaim:
    of_country = owner.country if owner is not None and owner.country else None
    of_start = owner.start if owner is not None and not of_country else None
    return RoleClaim(doc=document.id, person_start=person.start, title=office.title, of_start=of_start,
                     of_country=of_country, former=former, evidence_start=min(start, person.start),
                     evidence_end=max(end or person.end, person.end))

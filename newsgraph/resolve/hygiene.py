"""Name hygiene inside one document: what the model put into a mention that is no part of a name is cut out.

Public entry point: :func:`tidy_mentions`. Each rule maps a mention to the mentions it really holds:

- datelines ("KALMAR //", "BRAVA, Varland (Agency) -", "May 4, 2017 (BRAVA) –", "OUTLET- ") never enter a
  name, and the dateline's place is a mention of that place;
- a spaced dash, a slash, "//" or "|" parts two names ("Outlet - OUTLET - Varlandian", "Omar Farouk/AFP/Getty
  Images"): a name never holds them;
- an inner possessive parts two names ("Varland's Osteria");
- a body or a country written beside a person is not the person: "the Varland Government Prime Minister Omar
  Farouk" is a body and a person, "Varlandian Omar Farouk" a demonym and a person;
- in a headline written in title case ("Varland Leads Strikes on Osteria") the capitals say nothing: a mention
  keeps only the runs of words the document's running text writes as a name;
- a bracket left open ("Desert Council (DC") and an indefinite article ("a Desert Council") are no part of a name;
- a name the model cut at a nickname's closing quote goes on ("Omar ‘Varo’ Farouk"), and one cut after its
  opening particle is joined again ("Abd-Rabbu" + "Omar Farouk");
- "the Varland-led coalition" is a body, not Varland; "Farouk-Barqawi talks" name two people;
- "the Varland Defence Forces Base": a facility word glued to a body's name is no part of it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.ingest.cleaner import WIRE_AGENCIES, dateline
from newsgraph.records import Document, Mention, Sentence
from newsgraph.resolve.gazetteer import default_gazetteer, words_of
from newsgraph.resolve.namekey import FACILITY_NOUNS, lexicon, name_key, strip_titles

PLACE_LABELS = ("GPE", "LOC", "FAC")
HEADLINE_CAPITALS = 0.7  # a line whose longer words are capitalised at least this often is in title case
_SEPARATOR = re.compile(r"\s+[-–—|]+\s+|\s*(?://|/|\|)\s*|(?<=\w)[-–—]\s+|\s+[-–—](?=\w)")
_INNER_POSSESSIVE = re.compile(r"(?<![\w'’‘])(?P<owner>[\w.-]+)['’‘]s\s+(?=[A-Z])")
# nouns that a body's name puts in the possessive ("People's Front", "Women's Union"): no owner of their own
COLLECTIVE_NOUNS = frozenset("people peoples women men children workers martyrs veterans mothers farmers youth "
                             "nation nations god students journalists".split())
_ARTICLE = re.compile(r"^(?:an?|An?)\s+")
_TRAILING_WORD = re.compile(r"\s+(?:of|the|and|for|in|on|at|to|by|with)$")
_WORD = re.compile(r"\S+")
_HEADLINE_WORD = re.compile(r"[^\W_][\w'’.&-]*")
_TRIM = " \t\n,;:.*•·-–—|/()[]{}\"“”'‘’"
_AGENCIES = frozenset(a.casefold() for a in WIRE_AGENCIES)


@dataclass(frozen=True)
class _Context:
    """What the rules read of the document, computed once."""

    doc: str
    text: str
    sentences: tuple[Sentence, ...]
    datelines: tuple[tuple[int, int, int, bool], ...]  # place start, place end, text start, certain
    headlines: tuple[tuple[int, int], ...]  # title-case lines
    body: str  # the text with its title-case lines blanked
    outlet: str


def tidy_mentions(mentions: Sequence[Mention], document: Document,
                  sentences: Sequence[Sentence] = ()) -> list[Mention]:
    """The mentions with datelines, credits, separators, possessives, offices, headline words and stray
    brackets cut out, plus a mention of each dateline's place; sorted by start."""
    context = _context(document, sentences)
    out: list[Mention] = list(mentions)
    for rule in (_outside_dateline, _split_separators, _split_possessive, _split_office, _split_place_person,
                 _headline_runs, _closed_brackets, _closed_quotes, _led_bodies, _hyphenated_people, _continued_bodies,
                 _trailing_rank, _body_facility):
        out = [piece for m in out for piece in rule(m, context)]
    out += _dateline_places(out, context)
    out = _joined_organs(_joined_names(sorted(out, key=lambda m: (m.start, m.end)), context.text), context.text)
    return _outermost(out)


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """Mentions inside a longer one a rule made ("Arab" in "the Varland-led Arab coalition") are dropped."""
    return [m for m in mentions if not any(o is not m and o.start <= m.start and m.end <= o.end
                                           and o.end - o.start > m.end - m.start for o in mentions)]


_LED = re.compile(r"-led\s+(?:(?:military|international|multinational|regional|Arab)\s+)?"
                  r"(?:coalition|alliance|forces|force|bloc|mission|operation|campaign)\b", re.IGNORECASE)


_BODY_WORD = re.compile(r"\b(?:Committee|Commission|Council|Ministry|Office|Agency|Authority|Court|Bank|Bureau|"
                        r"Mission|Institute|Directorate|Department|Command|Organi[sz]ation|Fund|Programme|Program)$")
_CAPITAL = (r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
            r"July|August|September|October|November|December)\b)[A-Z][\w'’-]*")
_NAME_GOES_ON = re.compile(rf"\s+(?:for|of|on)\s+(?:the\s+)?{_CAPITAL}(?:(?:\s+(?:of|for|and|the|on|in))*\s+{_CAPITAL})*")


def _continued_bodies(m: Mention, c: _Context) -> list[Mention]:
    """"the UN Office" + "for the Coordination of Humanitarian Affairs": a body's name the model cut before its
    "for" or "of" phrase goes on to its last capitalised word."""
    if m.label != "ORG" or not _BODY_WORD.search(m.text):
        return [m]
    more = _NAME_GOES_ON.match(c.text, m.end)
    if more is None:
        return [m]
    return [Mention(m.doc, m.start, more.end(), c.text[m.start:more.end()], m.label, m.sentence)]


def _led_bodies(m: Mention, c: _Context) -> list[Mention]:
    """"the Varland-led coalition": a body of its own, not the country that leads it."""
    led = _LED.match(c.text, m.end)
    if led is None or m.label not in ("GPE", "NORP", "ORG", "PERSON"):
        return [m]
    return [Mention(m.doc, m.start, led.end(), c.text[m.start:led.end()], "ORG", m.sentence)]


def _hyphenated_people(m: Mention, c: _Context) -> list[Mention]:
    """"Farouk-Barqawi" (talks, a meeting): two people the document names apart, joined by a hyphen."""
    parts = m.text.split("-")
    if m.label != "PERSON" or len(parts) != 2 or not all(p[:1].isupper() and " " not in p for p in parts):
        return [m]
    if not all(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", c.text[:m.start] + " " + c.text[m.end:]) for p in parts):
        return [m]
    middle = m.start + len(parts[0])
    return _piece(m, c.text, m.start, middle) + _piece(m, c.text, middle + 1, m.end)


def _joined_organs(mentions: list[Mention], text: str) -> list[Mention]:
    """"Varlandian" + "Foreign Ministry" tagged apart are one name: a state's organ with its state."""
    out: list[Mention] = []
    for m in mentions:
        before = out[-1] if out else None
        if (before is not None and m.label == "ORG" and before.label in ("NORP", "GPE") and text[before.end:m.start] == " "
                and (_whole_hit(before.text, ("demonym",)) or _whole_place(before.text)) and _state_organ(m.text)):
            out[-1] = Mention(m.doc, before.start, m.end, text[before.start:m.end], "ORG", m.sentence)
            continue
        out.append(m)
    return out


_NAME_GAP = re.compile(r"[ \t]*-?[ \t]*")
_PARTICLE_WORDS = (re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[ \t-]+[A-Z][a-z]+[ \t-]+$"),  # "Abed Rabbo "
                   re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[ \t-]+$"))  # "Abdrabbu "


def _opens_name(word: str) -> bool:
    """"Abd", "Abed", "Abu", "Abdrabbu": an Arabic name's opening particle, which the next name continues."""
    first = word.lower().split("-")[0]
    return lexicon().particles.get(first) in ("servant", "kunya") or (
        first.startswith(("abd", "abed", "abu", "abou")) and len(first) >= 6)


def _joined_names(mentions: list[Mention], text: str) -> list[Mention]:
    """A personal name the model cut after its opening particle is one name again: "Abd-Rabbu" + "Omar Farouk"
    (two mentions, or an untagged "Abed Rabbo" before the person) is "Abd-Rabbu Omar Farouk"."""
    out: list[Mention] = []
    for m in mentions:
        if m.label != "PERSON":
            out.append(m)
            continue
        before = out[-1] if out else None
        if (before is not None and _opens_name(before.text.split()[0]) and len(before.text.split()) <= 2
                and _NAME_GAP.fullmatch(text, before.end, m.start)):
            out[-1] = Mention(m.doc, before.start, m.end, text[before.start:m.end], "PERSON", m.sentence)
            continue
        for pattern in _PARTICLE_WORDS:
            particle = pattern.search(text, max(0, m.start - 30), m.start)
            if particle and _opens_name(particle.group(1)) and (before is None or before.end <= particle.start()):
                m = Mention(m.doc, particle.start(), m.end, text[particle.start():m.end], "PERSON", m.sentence)
                break
        out.append(m)
    return out


def _context(document: Document, sentences: Sequence[Sentence]) -> _Context:
    text, datelines, headlines = document.text, [], []
    for start, line in _lines(text):
        found = dateline(line)
        if found is not None:
            datelines.append((start + found.place_start, start + found.place_end, start + found.end, found.certain))
        if _title_case(line):
            headlines.append((start, start + len(line)))
    body = list(text)
    for start, end in headlines:
        body[start:end] = " " * (end - start)
    return _Context(document.id, text, tuple(sentences), tuple(datelines), tuple(headlines), "".join(body),
                    (document.outlet or "").casefold())


def _lines(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _title_case(line: str) -> bool:
    """A headline in title case: most of its longer words capitalised, no full stop at its end."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) >= 4]
    capitalised = sum(w[0].isupper() for w in words)
    return 3 <= len(words) <= 25 and capitalised >= HEADLINE_CAPITALS * len(words) and not line.rstrip().endswith(".")


def _piece(m: Mention, text: str, start: int, end: int, label: str | None = None) -> list[Mention]:
    """The mention of text[start:end], trimmed of spaces and punctuation; none when no capital is left."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if not any(ch.isupper() for ch in text[start:end]):
        return []
    if (start, end, label or m.label) == (m.start, m.end, m.label):
        return [m]
    return [Mention(m.doc, start, end, text[start:end], label or m.label, m.sentence)]


def _outside_dateline(m: Mention, c: _Context) -> list[Mention]:
    """A mention that overlaps a dateline keeps only its part after it; the dateline's own places ("TOBRUK,
    Varland -") stay mentions of those places."""
    for place_start, _, end, _ in c.datelines:
        if m.start < end and place_start < m.end:
            if m.end <= end:
                return [m] if _is_place(m.text, m.label) else []
            return _piece(m, c.text, max(m.start, end), m.end)
    return [m]


def _split_separators(m: Mention, c: _Context) -> list[Mention]:
    """"Outlet - OUTLET - Varlandian", "Omar Farouk/AFP/Getty Images": the parts between separators; a news
    agency's or the outlet's name is a mention of a body."""
    cuts = [(s.start(), s.end()) for s in _SEPARATOR.finditer(c.text, m.start, m.end)]
    if not cuts:
        return [m]
    bounds = [m.start] + [x for cut in cuts for x in cut] + [m.end]
    out = []
    for start, end in zip(bounds[::2], bounds[1::2]):
        part = c.text[start:end].strip(_TRIM)
        label = "ORG" if part.casefold() in _AGENCIES or (part and part.casefold() == c.outlet) else (
            "GPE" if part and _whole_place(part) else None)
        out += _piece(m, c.text, start, end, label)
    return out


def _split_possessive(m: Mention, c: _Context) -> list[Mention]:
    """"Varland's Osteria": the owner and the name it owns are two mentions."""
    inner = _INNER_POSSESSIVE.search(c.text, m.start, m.end)
    if inner is None or inner.group("owner").lower() in COLLECTIVE_NOUNS:
        return [m]
    owner_end = inner.end("owner")
    country = _whole_place(c.text[m.start:owner_end])
    if country and _state_organ(c.text[inner.end():m.end]):
        return [m]  # "Varland's Foreign Ministry": the state is part of its organ's name
    label = "GPE" if country else "ORG"
    rest = Mention(m.doc, inner.end(), m.end, c.text[inner.end():m.end], m.label, m.sentence)
    return _piece(m, c.text, m.start, owner_end, label) + _split_possessive(rest, c)


def _state_organ(text: str) -> bool:
    """A body of a state named by what it is ("Foreign Ministry", "Army", "Supreme Court")."""
    kinds = name_key(text).kinds
    return bool(kinds) and kinds <= {"government", "armed", "political"} and len(text.split()) <= 4


def _whole_place(text: str) -> bool:
    """Does the whole text name a country, a capital or another known place?"""
    return _whole_hit(text, ("name", "capital", "place", "historic"))


def _whole_hit(text: str, kinds: tuple[str, ...]) -> bool:
    hits = default_gazetteer().hits(text)
    words = [w for w in words_of(text) if w.key != "the"]
    return len(hits) == 1 and hits[0].entry.kind in kinds and hits[0].end - hits[0].start == len(words) > 0


def _split_office(m: Mention, c: _Context) -> list[Mention]:
    """"Varland Government Prime Minister Omar Farouk": the body before an office, then the person after it
    (the office stays in the text between them, for the role)."""
    words = list(_WORD.finditer(c.text, m.start, m.end))
    firsts = _title_openers()
    if len(words) < 3 or not any(w.group(0).lower().strip(".,") in firsts for w in words[1:-1]) or strip_titles(m.text)[0]:
        return [m]  # "Crown Prince Omar Farouk": titles that open the name are stripped from it later
    for k in range(1, len(words) - 1):
        titles, name = strip_titles(c.text[words[k].start():m.end])
        if titles and name and name[0].isupper() and not name_key(name).org_like:
            before = c.text[m.start:words[k].start()]
            label = "NORP" if _whole_hit(before, ("demonym",)) else "GPE" if _whole_place(before) else "ORG"
            return (_piece(m, c.text, m.start, words[k].start(), label)
                    + _piece(m, c.text, m.end - len(name), m.end, "PERSON"))
    return [m]


_RANK_AFTER = re.compile(r"\.?\s+[A-Z]")  # "Brig. Tomas Brin": an abbreviated title opens the next name


def _trailing_rank(m: Mention, c: _Context) -> list[Mention]:
    """"the Varland Armed Forces Brig. Omar Farouk": an abbreviated rank the model glued to the end of a body's
    name belongs to the person named after it, not to the body."""
    words = list(_WORD.finditer(m.text))
    if m.label == "PERSON" or len(words) < 2:
        return [m]
    last = words[-1].group(0).rstrip(".").lower()
    if len(last) > 5 or last not in lexicon().titles or not _RANK_AFTER.match(c.text, m.start + words[-1].end()) \
            or "." not in c.text[m.start + words[-1].end() - 1:m.start + words[-1].end() + 1]:
        return [m]
    return _piece(m, c.text, m.start, m.start + words[-2].end())


def _body_facility(m: Mention, c: _Context) -> list[Mention]:
    """"the Varland Defence Forces base": a word for a facility the model glued to a body's name is where the
    body is, not part of its name; the mention is the body's ("Keltun Airbase", with no body's word, stays a
    place)."""
    words = list(_WORD.finditer(m.text))
    if m.label == "PERSON" or len(words) < 3 or words[-1].group(0).lower() not in FACILITY_NOUNS:
        return [m]
    before = words[-2].group(0).lower()
    if not _organisation_word(before) or before in _FACILITY_KINDS:
        return [m]
    return _piece(m, c.text, m.start, m.start + words[-2].end(), "ORG")


_FACILITY_KINDS = frozenset({"air", "naval", "navy", "military", "marine"})  # "X Air Base": a kind of base


@lru_cache(maxsize=1)
def _title_openers() -> frozenset[str]:
    """The first words of the titles and honorifics ("prime" of "prime minister")."""
    return frozenset(t.split()[0] for t in lexicon().titles)


def _split_place_person(m: Mention, c: _Context) -> list[Mention]:
    """"Varlandian Omar Farouk", "Tobruk Omar Farouk": a country, demonym or capital glued before a personal
    name (two words or more, one of them a given name) is a mention of its own."""
    words = words_of(m.text)
    if len(m.text.split()) < 3 or m.label not in ("PERSON", "GPE", "NORP"):
        return [m]
    hits = default_gazetteer().hits(m.text)
    first = next((h for h in hits if h.start == 0 and h.entry.kind in ("name", "demonym", "capital", "place")), None)
    if first is None or first.end >= len(words):
        return [m]
    split = m.start + words[first.end].start
    rest = c.text[split:m.end]
    key = name_key(rest)
    if len(rest.split()) < 2 or key.org_like or not any(t.given for t in key.parts):
        return [m]
    label = "NORP" if first.entry.kind == "demonym" else "GPE"
    return (_piece(m, c.text, m.start, m.start + words[first.end - 1].end, label)
            + _piece(m, c.text, split, m.end, "PERSON"))


def _headline_runs(m: Mention, c: _Context) -> list[Mention]:
    """In a title-case headline, the longest runs of the mention's words that the running text writes as a
    name ("Varland Leads Strikes" → "Varland"); a mention stays whole when the text writes none of its words
    as a name, or when a word left out is an organisation's ("Desert Council" where the text has "Desert")."""
    if not any(s <= m.start and m.end <= e for s, e in c.headlines):
        return [m]
    words = list(_HEADLINE_WORD.finditer(c.text, m.start, m.end))
    runs, k = [], 0
    while k < len(words):
        end = next((j for j in range(len(words), k, -1) if _written_as_name(words[k:j], c)), k)
        if end > k:
            runs.append((k, end))
        k = max(end, k + 1)
    kept = {n for a, b in runs for n in range(a, b)}
    left_out = [w.group(0).lower() for n, w in enumerate(words) if n not in kept]
    if not runs or not left_out or any(_organisation_word(w) for w in left_out):
        return [m]
    return [p for a, b in runs for p in _piece(m, c.text, words[a].start(), words[b - 1].end())]


def _written_as_name(words: list[re.Match], c: _Context) -> bool:
    phrase = r"\s+".join(re.escape(w.group(0)) for w in words)
    return any(found.group(0)[0].isupper()
               for found in re.finditer(rf"(?<![\w-]){phrase}(?![\w-])", c.body, re.IGNORECASE))


def _organisation_word(word: str) -> bool:
    terms = lexicon().org_terms
    return terms.get(word) in ("generic", "legal") or terms.get(word.rstrip("s")) in ("generic", "legal")


def _closed_brackets(m: Mention, c: _Context) -> list[Mention]:
    """"Desert Council (DC": a bracket left open ends the name; "a Desert Council": the article is no part of it;
    nor is a function word left at its end ("Custodian of")."""
    start, end = m.start, m.end
    opened = c.text.rfind("(", start, end)
    if opened >= 0 and c.text.find(")", opened, end) < 0:
        end = opened
    article = _ARTICLE.match(c.text[start:end])
    if article and len(c.text[start + article.end():end].split()) >= 2:
        start += article.end()
    trailing = _TRAILING_WORD.search(c.text, start, end)
    if trailing and trailing.start() > start:
        end = trailing.start()  # "Custodian of": a name cut after its "of" ends before it
    return [m] if (start, end) == (m.start, m.end) else _piece(m, c.text, start, end)


_OPEN_QUOTE = re.compile(r"(?<=\s)['‘“\"]([A-Z][\w-]+)$")
_QUOTE_AND_NAME = re.compile(r"['’”\"][ \t]+([A-Z][\w'’-]+)(?![\w-])")


def _closed_quotes(m: Mention, c: _Context) -> list[Mention]:
    """"Omar ‘Varo" cut at the quote closing a nickname: the name goes on after it ("Omar ‘Varo’ Farouk")."""
    if m.label != "PERSON" or _OPEN_QUOTE.search(m.text) is None:
        return [m]
    rest = _QUOTE_AND_NAME.match(c.text, m.end)
    if rest is None:
        return [m]
    return [Mention(m.doc, m.start, rest.end(), c.text[m.start:rest.end()], m.label, m.sentence)]


def _is_place(text: str, label: str) -> bool:
    return label in PLACE_LABELS or bool(default_gazetteer().hits(text.title()))


def _dateline_places(mentions: Iterable[Mention], c: _Context) -> list[Mention]:
    """A mention for each dateline's place not tagged already: when a region, a date or a credit follows it,
    or the gazetteer or another mention of the document knows it as a place; never a news agency or the outlet."""
    taken = [(m.start, m.end) for m in mentions]
    places = {m.text.casefold() for m in mentions if m.label in PLACE_LABELS}
    out = []
    for start, end, _, certain in c.datelines:
        name = c.text[start:end]
        if any(s < end and start < e for s, e in taken) or name.casefold() in _AGENCIES | {c.outlet}:
            continue
        if certain or name.casefold() in places or default_gazetteer().hits(name.title()):
            sentence = next((s.index for s in c.sentences if s.start <= start < s.end), -1)
            out.append(Mention(c.doc, start, end, name, "GPE", sentence))
    return out

"""Resolution inside one document: clean each actor mention, link short forms and acronyms to the
full names they abbreviate, and recognise country names and demonyms.

Public entry point: :func:`resolve_document`. Everything here sees one document only, so it runs
in the build's batches and its result is stored with the document; the global resolution then
works on compact local actors, never on raw text.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Indel
from spacy.lang.en.stop_words import STOP_WORDS

from newsgraph.records import Document, LocalMention, LocalResolution, Mention, RoleClaim, Sentence, TimeMention
from newsgraph.resolve.gazetteer import country_of, default_gazetteer, words_of
from newsgraph.resolve.acronyms import acronym_definitions
from newsgraph.resolve.hygiene import tidy_mentions
from newsgraph.resolve.namekey import lexicon, name_key as names_key, strip_titles, token_similarity
from newsgraph.resolve.names import is_short_form
from newsgraph.resolve.roles import dated, offices, role_claims
from newsgraph.tables import read_rows

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
PLACE_LABELS = ("GPE", "LOC", "FAC")
COUNTRY_KINDS = ("name", "demonym", "historic")
_LEADING_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|'|’s|’|‘s)$")
_NEXT_CAPITALS = re.compile(r"(?:[ \t]+[A-Z][\w'’-]*){1,3}")
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?![\w-])")
_BODY_END = re.compile(r"\b(?:Committee|Commission|Council|Ministry|Office|Agency|Authority|Court|Bank|Bureau|"
                       r"Mission|Institute|Directorate|Department|Command)$"
                       r"|^(?:[Tt]he\s+)?Ministry\s+of\s+(?:the\s+)?[A-Z][\w ]*$")  # "Ministry of Foreign Affairs"
_BODY_LINK = re.compile(r"\s+(?:on|for|of|in)\s+(?:the\s+)?(?:(?:State|Kingdom|Republic|Sultanate|Emirate|Federal "
                        r"Republic|Federal Democratic Republic)\s+of\s+(?:the\s+)?)?")  # "... of the State of Qatar"
_DESCRIPTION = re.compile(
    r"\b[Tt]he\s+(?P<demonym>[A-Z][a-z]+)\s+(?P<title>commander|leader|president|prime minister|foreign minister|"
    r"defence minister|defense minister|chief of staff|army chief|king|emir|spokesman|spokesperson|envoy|"
    r"field marshal|general)\b")
# offices a description may name by another word: a commander is also described as the leader
_SAME_OFFICE = {"leader": ("leader", "commander"), "commander": ("commander", "leader"),
                "field marshal": ("field marshal", "commander"), "chief of staff": ("chief of staff", "army chief"),
                "spokesperson": ("spokesperson", "spokesman")}


def clean_name(text: str) -> tuple[tuple[str, ...], str]:
    """(titles, name) of a mention: "the DB's" → ((), "DB"); "Lt. Gen. Omar Farouk" → (("Lt. Gen.",), ...)."""
    text = _POSSESSIVE.sub("", _LEADING_THE.sub("", " ".join(text.split()))).strip(" ,;:-–—\"“”'")
    titles, name = strip_titles(text)
    return titles, name or text


_DOTTED = re.compile(r"^(?:[a-z]\.){2,}$")


def name_key(name: str) -> str:
    """Case, curly apostrophes, spacing and the dots of acronyms folded: "U.N." and "UN" agree."""
    words = name.casefold().replace("’", "'").replace("‘", "'").split()
    return " ".join(w.replace(".", "") if _DOTTED.match(w) else w for w in words)


def country_named(text: str) -> str | None:
    """The ISO-3 code when the whole text names a country or its people ("Egypt", "Egyptians", "U.S.")."""
    words = [w for w in words_of(text) if w.key != "the"]
    hits = default_gazetteer().hits(text)
    if len(hits) == 1 and hits[0].entry.kind in COUNTRY_KINDS and hits[0].end - hits[0].start == len(words):
        code = hits[0].entry.code
        return code if code and len(code) == 3 and code not in ("IGO", "NGO", "IMG") else None
    return None


def is_demonym(text: str) -> bool:
    """Does the whole text name a country's people ("Ugandan", "Egyptians"), not the country?"""
    hits = default_gazetteer().hits(text)
    return len(hits) == 1 and hits[0].entry.kind == "demonym" and hits[0].end - hits[0].start == len(words_of(text))


_NICKNAME_INSIDE = re.compile(r"\s['‘“\"]([A-Z][\w-]{2,})['’”\"]\s")
_NICKNAME_AFTER = re.compile(r"(?:,?\s+(?:(?:better|also|popularly|widely|commonly)\s+)?known\s+as\s+['‘“\"]?"
                             r"|\s+['‘“\"])([A-Z][\w-]{2,})(?![\w-])")


def nicknames(text: str, mentions: Sequence[Mention]) -> dict[str, str]:
    """Nicknames the text gives people, as aliases of their full names: "Omar ‘Varo’ Farouk", "Omar Farouk
    “Varo”", "Omar Farouk, known as Varo" → {"Varo": "Omar ‘Varo’ Farouk" or "Omar Farouk"}."""
    found: dict[str, str] = {}
    for m in mentions:
        if m.label != "PERSON" or len(m.text.split()) < 2:
            continue
        inside = _NICKNAME_INSIDE.search(m.text)
        after = None if inside else _NICKNAME_AFTER.match(text, m.end)
        nickname = inside or after
        if nickname is not None and nickname.group(1) not in found:
            found[nickname.group(1)] = clean_name(m.text)[1]
    return found


def resolve_document(document: Document, mentions: Sequence[Mention], sentences: Sequence[Sentence] = (),
                     times: Sequence[TimeMention] = ()) -> LocalResolution:
    """Local actors, role claims (dated by their sentence's time expression, when ``times`` has one) and
    acronym definitions of one annotated document."""
    tidy = [_placed(m, document.text) for m in tidy_mentions([m for m in mentions if m.label in ACTOR_LABELS],
                                                              document, sentences)]
    actors = _joined_bodies([_completed(m, document.text) for m in tidy], document.text)
    acronyms = {**nicknames(document.text, actors), **acronym_definitions(document.text)}
    long_keys = {a: name_key(long) for a, long in acronyms.items()}
    cleaned = [_local(m, long_keys) for m in actors]
    found = _outlets([c for c in cleaned if c is not None], document.text)
    missed = [_in_sentence(m, sentences) for m in
              _missed_mentions(document, found, [(m.start, m.end) for m in mentions], acronyms)]
    linked = _link_short_forms(sorted(found + missed, key=lambda m: m.start), document.text)
    roles = role_claims(document, linked)
    described = [_in_sentence(m, sentences) for m in descriptions(document, linked, roles) + camp_groups(document, linked)]
    linked = sorted(linked + described, key=lambda m: m.start)
    roles = dated(document, roles, sentences, times)
    return LocalResolution(document.id, tuple(linked), tuple(roles), tuple(sorted(acronyms.items())))


_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|around|across|into|towards?|(?:city|town|village|port|region|"
                       r"province|governorate|district) of)\s+(?:the\s+)?$", re.IGNORECASE)
_MEETING_NAMED = re.compile(r"\s+(?:summit|talks|declaration|conference|peace process|negotiations)\b", re.IGNORECASE)
_NOT_PLACE_AFTER = re.compile(r"\s*(?:['’]s?\b|,\s+(?:who|whose)\b|\s+(?:said|says|told|added)\b)")


def _placed(m: Mention, text: str) -> Mention:
    """A name the model took for a person but the text puts after "in", "at", "near" or "the city of", or
    before "summit" or "talks" ("talks in Keltun", "fighting near Keltun", "the Keltun summit"), names a place,
    unless it starts with a given name or acts as a person ("in Brin's view", "..., who said")."""
    if m.label != "PERSON" or _NOT_PLACE_AFTER.match(text, m.end) or not (
            _LOCATIVE.search(text, max(0, m.start - 30), m.start) or _MEETING_NAMED.match(text, m.end)):
        return m
    key = names_key(clean_name(m.text)[1])
    if not key.parts or any(p.given for p in key.parts) or key.titles:
        return m
    return Mention(m.doc, m.start, m.end, m.text, "GPE", m.sentence)


def _completed(m: Mention, text: str) -> Mention:
    """A mention the model cut short of a known name: "Islamic" of "the Islamic State" becomes "Islamic State"."""
    following = _NEXT_CAPITALS.match(text, m.end)
    if following is None:
        return m
    words = following.group(0).split()
    known = known_names()
    for n in range(len(words), 0, -1):
        longer = m.text + " " + " ".join(words[:n])
        if name_key(clean_name(longer)[1]) in known:
            end = m.end + len(following.group(0).split(words[n - 1], 1)[0]) + len(words[n - 1])
            return Mention(m.doc, m.start, end, text[m.start:end], m.label, m.sentence)
    return m


def _joined_bodies(mentions: list[Mention], text: str) -> list[Mention]:
    """"the Tunisian Committee" + "on" + "Algeria" is one name, "Tunisian Committee on Algeria", when the first
    ends in a word for a body; the place inside it is then not a mention of its own."""
    out: list[Mention] = []
    skip: set[int] = set()
    for k, m in enumerate(mentions):
        if k in skip:
            continue
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if (nxt is not None and m.label == "ORG" and nxt.label in ("GPE", "LOC") and _BODY_END.search(m.text)
                and _BODY_LINK.fullmatch(text[m.end:nxt.start])):
            out.append(Mention(m.doc, m.start, nxt.end, text[m.start:nxt.end], m.label, m.sentence))
            skip.add(k + 1)
        else:
            out.append(m)
    return out


@lru_cache(maxsize=1)
def known_aliases() -> dict[str, str]:
    """Alias key → long-form key of ``data/aliases.tsv`` (UN → United Nations, ISIL → Islamic State)."""
    rows = read_rows(Path(__file__).with_name("data") / "aliases.tsv", 2)
    return {name_key(alias): name_key(long_form) for alias, long_form in rows}


@lru_cache(maxsize=1)
def known_alias_forms() -> tuple[tuple[str, str], ...]:
    """(alias as written, long form) of the acronyms of ``data/aliases.tsv`` ("IS", "Islamic State")."""
    rows = read_rows(Path(__file__).with_name("data") / "aliases.tsv", 2)
    return tuple((alias, long_form) for alias, long_form in rows if alias.replace(".", "").isupper())


def known_names() -> frozenset[str]:
    """Keys of every name in ``data/aliases.tsv``, short and long."""
    return frozenset(known_aliases()) | frozenset(known_aliases().values())


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Every word of a title or an honorific ("crown" of "crown prince"), and the one-word offices ("amir")."""
    single = {form for kind in ("office", "rank") for form in offices(kind)[1] if re.fullmatch(r"[a-z]+", form)}
    return frozenset(w for form in set(lexicon().titles) | single for w in re.findall(r"[a-z]+", form))


def _only_titles(name: str) -> bool:
    """"His Majesty King", "Amir Sheikh", "Crown": titles without a name are no actor's name; nor is one word
    for a body ("Ministry", "Army")."""
    words = re.findall(r"[^\W\d_]+", name.casefold())
    if len(words) == 1 and lexicon().org_terms.get(words[0]) == "generic":
        return True
    return bool(words) and all(w in _title_words() for w in words)


def _local(m: Mention, long_keys: dict[str, str]) -> LocalMention | None:
    titles, name = clean_name(m.text)
    if not any(ch.isupper() for ch in name) or _only_titles(name):  # "n't", "the army", "His Majesty": no name
        return None
    country = country_named(name) if m.label in ("GPE", "NORP", "LOC", "ORG") and not titles else None
    if country is None and m.label == "PERSON" and not titles and is_demonym(name):
        country = country_named(name)  # "Ugandan" tagged as a person before "Foreign Minister X"
    local = f"country:{country}" if country else long_keys.get(name, name_key(name))
    return LocalMention(m.doc, m.start, m.end, m.text, m.label, m.sentence, name, titles, local, country)


MEDIA_PREFIX = "media:"
_MEDIA_NOUN = (r"(?:newspaper|daily|weekly|paper|tabloid|gazette|news\s+agency|agency|television|TV|channel|"
               r"broadcaster|radio|magazine|website|news\s+site|outlet)")
_MEDIA_BEFORE = re.compile(rf"\b{_MEDIA_NOUN}(?:['’]s)?\s*,?\s*$", re.IGNORECASE)
_MEDIA_AFTER = re.compile(r"^\s+(?:newspaper|daily|weekly|magazine|tabloid|gazette|news\s+agency)\b", re.IGNORECASE)


def _outlets(mentions: list[LocalMention], text: str) -> list[LocalMention]:
    """Names the text gives as a newspaper, an agency or a channel ("state newspaper Al-Varo said", "Al-Varo
    daily") name an outlet, whatever their words mean: their key says so ("media:al-varo"), and an outlet never
    merges with an army or a government named alike."""
    outlets = {m.local for m in mentions if not m.country and (
        _MEDIA_BEFORE.search(text, max(0, m.start - 30), m.start) or _MEDIA_AFTER.match(text[m.end:m.end + 30]))}
    return [replace(m, local=MEDIA_PREFIX + m.local) if m.local in outlets else m for m in mentions]


def descriptions(document: Document, mentions: list[LocalMention], roles: Sequence[RoleClaim]) -> list[LocalMention]:
    """"the Tunisian commander", "the Algerian president": a description that fits exactly one person
    of the document, by an office the document gives that person and the office's country."""
    text = document.text
    by_start = {m.start: m for m in mentions}
    holders: dict[tuple[str, str], set[str]] = {}
    for claim in roles:
        person = by_start.get(claim.person_start)
        owner = by_start.get(claim.of_start) if claim.of_start is not None else None
        country = claim.of_country or (country_of(owner.name) if owner else None)
        if person is not None and country:
            for title in _SAME_OFFICE.get(claim.title, (claim.title,)):
                holders.setdefault((title, country), set()).add(person.local)
    out = []
    for d in _DESCRIPTION.finditer(text):
        country, title = country_named(d.group("demonym")), d.group("title").lower()
        people = holders.get((title, country or ""), set())
        followed_by_name = any(m.start == d.end() + 1 for m in mentions)
        if len(people) == 1 and not followed_by_name and not any(m.start == d.start() for m in mentions):
            key = people.pop()
            full = next(m.name for m in mentions if m.local == key)
            out.append(LocalMention(document.id, d.start(), d.end(), d.group(0), "PERSON", -1, full, (), key))
    return out


# "anti-Hifter militias", "pro-Velm forces": a group the press names by whom it fights or backs
CAMP_GROUP = re.compile(r"\b(?:anti|pro)-(?P<named>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s+(?:[a-z]+\s+)?"
                        r"(?:militias?|forces|fighters|rebels|groups?|factions?|troops|camp|coalition|alliance)\b")


def camp_groups(document: Document, mentions: list[LocalMention]) -> list[LocalMention]:
    """Groups named after whom they fight or back ("anti-X militias") when X is an actor the document
    names elsewhere: an organisation of its own, not X (whose name inside is no mention of X)."""
    text = document.text
    names = {w.lower() for m in mentions if m.label not in PLACE_LABELS for w in [m.text, *m.name.split()]}
    spans = sorted((m.start, m.end) for m in mentions)
    out = []
    for g in CAMP_GROUP.finditer(text):
        if g.group("named").lower() in names and not _overlaps(spans, g.start(), g.end()):
            name = " ".join(g.group(0).split())
            out.append(LocalMention(document.id, g.start(), g.end(), g.group(0), "ORG", -1, name, (), name_key(name)))
    return out


def _in_sentence(m: LocalMention, sentences: Sequence[Sentence]) -> LocalMention:
    index = next((s.index for s in sentences if s.start <= m.start < s.end), -1)
    return LocalMention(m.doc, m.start, m.end, m.text, m.label, index, m.name, m.titles, m.local, m.country)


def _missed_mentions(document: Document, found: list[LocalMention], taken: list[tuple[int, int]],
                     acronyms: dict[str, str]) -> list[LocalMention]:
    """Occurrences of the document's own names that the model did not tag: a full name, a place, a country
    or an acronym seen elsewhere in the text (also a known acronym of a body the text names: "IS" beside
    "Islamic State"), or a person's surname in another spelling ("Abdelhamid" after "Omar Abdulhamid").
    Only names that point at one actor of the document are used."""
    text = document.text
    targets: dict[str, set[tuple[str, str, str | None]]] = {}
    people = [m for m in found if not m.country and len(m.name.split()) >= 2 and (m.label == "PERSON" or m.titles)]
    for m in found:
        if m.country or m.label in PLACE_LABELS or len(m.name.split()) >= 2 or _acronym_shaped(m):
            label = "PERSON" if m in people else "ORG" if _acronym_shaped(m) else m.label  # tagged ORG or NORP
            targets.setdefault(m.name, set()).add((m.local, label, m.country))
    personal = {m.local for m in people}
    named = {m.local for m in found}
    defined = {**{a: long for a, long in known_alias_forms() if name_key(long) in named}, **acronyms}
    for acronym, long_form in defined.items():  # an acronym, or a person's nickname
        key = name_key(long_form)
        targets.setdefault(acronym, set()).add((key, "PERSON" if key in personal else "ORG", None))
    spans = sorted(taken)
    out: list[LocalMention] = []
    for start, end, surface, (local, label, country) in _occurrences(
            text, {t: o.pop() for t, o in targets.items() if len(o) == 1}):
        if not _overlaps(spans, start, end):
            out.append(LocalMention(document.id, start, end, text[start:end], label, -1, surface, (), local, country))
            spans.append((start, end))
    out += _missed_surnames(document, people, sorted(spans))
    out += _missed_places(document, sorted(spans + [(m.start, m.end) for m in out]))
    return out


def _acronym_shaped(m: LocalMention) -> bool:
    """A body the model tagged by its acronym ("VLF"): the document's other bare occurrences of it name it too
    ("an attack by VLF special forces"), though its long form is never written out."""
    return m.label in ("ORG", "NORP") and 3 <= len(m.text) <= 6 and m.text.isalpha() and m.text.isupper() \
        and m.name == m.text


def _occurrences(text: str, owners: dict[str, tuple]) -> list[tuple[int, int, str, tuple]]:
    """Every whole-word occurrence of the names: (start, end, name, its owner). A body's name ("Sovereign
    Council") is also found in lower case."""
    lower = text.lower() if len(text.lower()) == len(text) else text
    found = []
    for name, owner in owners.items():
        where = lower if owner[1] == "ORG" and _body_name(name) and lower is not text else text
        needle = name.lower() if where is lower else name
        at = where.find(needle)
        while at >= 0:
            end = at + len(needle)
            if not _word_char(text, at - 1) and not _word_char(text, end):
                found.append((at, end, name, owner))
            at = where.find(needle, at + 1)
    return sorted(found, key=lambda f: (f[0], -f[1]))


def _word_char(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] in "_-")


def _body_name(name: str) -> bool:
    """A name of two words or more with a word for a body ("Sovereign Council"): the press also writes it in
    lower case, and then it still names the body of the document."""
    return len(name.split()) >= 2 and any(lexicon().org_terms.get(w) == "generic" for w in name.lower().split())


_CAPITAL_WORD = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
_CAPITAL_RUN = re.compile(rf"(?<![\w'’-]){_CAPITAL_WORD}(?:[ \t]+{_CAPITAL_WORD}){{0,2}}(?![\w-])")
PLACE_KINDS = ("capital", "place", "name", "historic")


def _missed_places(document: Document, spans: list[tuple[int, int]]) -> list[LocalMention]:
    """Countries, capitals and other places the gazetteer knows, written alone and not tagged ("Sanaa")."""
    out = []
    starts = [s for s, _ in spans]
    for run in _CAPITAL_RUN.finditer(document.text):
        surface = run.group(0)
        if _overlaps_sorted(spans, starts, run.start(), run.end()):
            continue
        hits = default_gazetteer().hits(surface)
        if len(hits) != 1 or hits[0].entry.kind not in PLACE_KINDS or hits[0].end - hits[0].start != len(words_of(surface)):
            continue
        code = hits[0].entry.code
        if not code or len(code) != 3 or code in ("IGO", "NGO", "IMG"):
            continue
        country = code if hits[0].entry.kind in ("name", "historic") else None
        local = f"country:{code}" if country else name_key(surface)
        out.append(LocalMention(document.id, run.start(), run.end(), surface, "GPE", -1, surface, (), local, country))
    return out


def _missed_surnames(document: Document, people: list[LocalMention], spans: list[tuple[int, int]]) -> list[LocalMention]:
    out = []
    names = {p.name: p.local for p in people}
    if not names:
        return out
    starts = [s for s, _ in spans]
    owners: dict[str, set[str]] = {}  # word -> the people it may be the surname of, tried once per word
    for word in _CAPITALISED.finditer(document.text):
        if len(word.group(0)) < 4 or _overlaps_sorted(spans, starts, word.start(), word.end()):
            continue
        if word.group(0) not in owners:
            owners[word.group(0)] = {local for name, local in names.items()
                                     if is_short_form(word.group(0), name) or _rare_given_name(word.group(0), name)}
        keys = set(owners[word.group(0)]) if word.group(0).lower() not in STOP_WORDS else set()  # "Neither" ≠ "Nathouri"
        if len(keys) == 1:
            out.append(LocalMention(document.id, word.start(), word.end(), word.group(0), "PERSON", -1, word.group(0),
                                    (), keys.pop()))
    return out


def _rare_given_name(word: str, name: str) -> bool:
    """The given name of a two-word name, when no common given name: where people go by their given name
    ("Tesfaye" for "Tesfaye Bekele"), not "Omar" for "Omar Farouk"."""
    words = name.split()
    if len(words) != 2 or words[0] != word:
        return False
    key = names_key(word)
    return len(key.parts) == 1 and key.parts[0].kind == "name" and not key.parts[0].given and not key.parts[0].prefix


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _overlaps_sorted(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """``_overlaps`` for spans sorted by start: only spans starting before ``end`` may overlap, and
    of those the ones reaching past ``start``; mentions are short, so a few steps back suffice."""
    k = bisect_left(starts, end)
    while k > 0:
        k -= 1
        s, e = spans[k]
        if e > start:
            return True
        if start - s > 200:  # no mention is this long
            return False
    return False


def _link_short_forms(mentions: list[LocalMention], text: str = "") -> list[LocalMention]:
    """A one-word or "Mr X" mention takes the key of the nearest full name it abbreviates (earlier first); an
    outlet's name abbreviates nothing and is abbreviated by nothing."""
    fulls = [m for m in mentions if not m.country and not _is_short(m) and not m.local.startswith(MEDIA_PREFIX)]
    out = []
    for m in mentions:
        outlet = m.local.startswith(MEDIA_PREFIX)
        target = None if m.country or outlet or not _is_short(m) else _full_form(m, fulls, text)
        out.append(m if target is None else LocalMention(m.doc, m.start, m.end, m.text, m.label, m.sentence,
                                                          m.name, m.titles, target.local, m.country))
    return out


def _is_short(m: LocalMention) -> bool:
    """One word, or a surname with its article ("El Masri"; "Al-Masri" is one word already)."""
    words = m.name.split()
    return len(words) == 1 or (len(words) == 2 and words[0].lower() in ("al", "el"))


def _full_form(short: LocalMention, fulls: list[LocalMention], text: str = "") -> LocalMention | None:
    """The nearest full name before the short form that it abbreviates, else the first one after it."""
    before = [f for f in reversed(fulls) if f.start < short.start]
    after = [f for f in fulls if f.start > short.start]
    tried: set[str] = set()
    for f in before + after:
        if f.local != short.local and f.name not in tried:
            tried.add(f.name)
            if not _same_kind(short, f):
                continue
            if is_short_form(short.name, f.name) and not _named_after(short.name, f.name):
                return f
            if _goes_by_given_name(short, f) and not _given_name_shared(short, f, fulls, text):
                return f
    return None


def _same_kind(short: LocalMention, full: LocalMention) -> bool:
    """A word tagged as a nationality abbreviates only the same word ("pro-Barqawi" forces: "Barqawi"; "Arab" is
    no "Al Arabiya"); a word tagged as a place abbreviates another kind of name only when it spells its last word
    alike (a surname the model took for a place), not when it merely sounds alike ("Gulf" is no "Al Khalifa")."""
    if short.label not in PLACE_LABELS + ("NORP",) or full.label in PLACE_LABELS:
        return True
    parts_short, parts_full = names_key(short.name).parts, names_key(full.name).parts
    if not (parts_short and parts_full):
        return False
    alike = Indel.normalized_similarity(parts_short[-1].core, parts_full[-1].core)
    return alike == 1.0 if short.label == "NORP" else alike >= SPELLED_ALIKE


SPELLED_ALIKE = 0.6  # a surname and its spelling tagged as a place share this much of their letters


def _goes_by_given_name(short: LocalMention, full: LocalMention) -> bool:
    """A person called by the given name alone: "Prince Varo" for "Varo bin Tarek" (a name in the Gulf style,
    with bin/ibn), or by a given name that is not common ("Tesfaye" for "Tesfaye Bekele")."""
    words = full.name.split()
    if full.label != "PERSON" or len(words) < 2 or words[0] != short.name:
        return False
    return any(w.lower() in ("bin", "ibn", "bint") for w in words) or _rare_given_name(short.name, full.name)


def _given_name_shared(short: LocalMention, full: LocalMention, fulls: list[LocalMention], text: str = "") -> bool:
    """Another person of the document has the same given name in some spelling ("Prince Varo" beside two
    Varos): the given name alone says which of them no longer, unless its title does (of "Crown Prince Varo
    bin Tarek" and "Sheikh Varo bin Adel", "Prince Varo" is the first)."""
    token = names_key(short.name).parts
    others = {f.local for f in fulls if f.local != full.local and f.label == "PERSON" and len(f.name.split()) >= 2
              and token and names_key(f.name.split()[0]).parts
              and token_similarity(token[0], names_key(f.name.split()[0]).parts[0]) >= 0.9}
    if not others:
        return False
    words = _titled_as(short, text)
    titled = {f.local for f in fulls if f.local in others | {full.local} and words & _titled_as(f, text)}
    return titled != {full.local}


_WORDS_BEFORE = re.compile(r"((?:[\w.]+\s+){1,3})$")


def _titled_as(m: LocalMention, text: str) -> frozenset[str]:
    """The title words of a mention: of its own titles, and of the words just before it ("Crown Prince" before
    "Varo bin Tarek")."""
    before = _WORDS_BEFORE.search(text, max(0, m.start - 30), m.start) if text else None
    words = " ".join(m.titles) + " " + (before.group(1) if before else "")
    return frozenset(re.findall(r"[a-z]+", words.lower())) & _title_words()


_AFTER_PREPOSITION = re.compile(r"\b(?:of|for|in|on)\s+(?:the\s+)?(?P<tail>[\w'’-]+(?:\s+[\w'’-]+)?)$", re.IGNORECASE)


def _named_after(short: str, full: str) -> bool:
    """"Osteria" of "Front for the Liberation of Osteria": the place a body is named after, not its short form."""
    after = _AFTER_PREPOSITION.search(full)
    return after is not None and after.group("tail").casefold() == short.casefold()

"""Actor gazetteer: country names, demonyms, capitals, organisations and sector cues → actor codes.

    >>> country_of("the Egyptian army")
    'EGY'
    >>> actor_code("Libyan Foreign Minister")
    ActorCode(country='LBY', sector='GOV')

Countries come from pycountry (official, short and common names) plus ``data/gazetteer_countries.tsv``
(variants, demonyms, capitals used as metonyms, other places, historic names); intergovernmental and
other organisations from ``data/gazetteer_organisations.tsv``; sector cue words from
``data/gazetteer_sectors.tsv``. The tables are read once, on first use (:func:`default_gazetteer`).

Matching is on words, longest first: case and accents are folded, but a name must be written with
a capital (an all-capitals form such as "UK" only in capitals), a word glued to "anti-", "pro-" or
"non-" names no actor ("anti-Syria"), nor does one before "-backed", "-aligned" and the like (it names
a backer: "Iran-backed rebels"), nor does a demonym after "ethnic" ("ethnic Albanians"), and a capitalised word one typo away from a country name or
demonym ("Isreal", "Afganistan") is accepted when nothing else matched.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from collections.abc import Mapping

import pycountry
from rapidfuzz.distance import OSA

from newsgraph.tables import read_rows

__all__ = ["ActorCode", "Gazetteer", "actor_code", "country_of", "default_gazetteer", "load_gazetteer", "sector_of"]

DATA_DIR = Path(__file__).with_name("data")
SECTORS = frozenset("GOV MIL REB OPP PTY LEG JUD COP IGO MED REL BUS CVL NGO".split())
NEGATING_PREFIXES = frozenset({"anti", "pro", "non"})
BACKER = re.compile(r"[-‑–](?:backed|aligned|allied|supported|sponsored|funded|armed|trained|brokered|mediated|"
                     r"linked|affiliated|leaning|friendly|installed|appointed)\b", re.IGNORECASE)
PHRASE_BREAKS = frozenset(
    "of in from at for with who which that whose based on to against near under over during after before by".split()
)
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+")
_MIN_FUZZY = 6


@dataclass(frozen=True)
class ActorCode:
    """An actor's country (ISO 3166-1 alpha-3, IGO, NGO or IMG) and sector (DESIGN.md), each maybe unknown."""

    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class Word:
    text: str
    key: str
    start: int
    end: int
    glued: bool  # follows "anti-", "pro-", "non-" or "ethnic": names no state


@dataclass(frozen=True)
class Entry:
    code: str | None  # None: a block entry, which names nothing
    kind: str  # name, demonym, capital, place, historic, block, org
    sector: str | None = None
    exact: tuple[str, ...] | None = None  # the words as written when the form must match in capitals


@dataclass(frozen=True)
class Hit:
    start: int  # word indices, end exclusive
    end: int
    entry: Entry


@dataclass(frozen=True)
class SectorCue:
    sector: str
    weak: bool


@dataclass(frozen=True)
class CueHit:
    start: int
    end: int
    cue: SectorCue


def fold(text: str) -> str:
    """Lower case without accents: 'Côte' -> 'cote'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def singular(key: str) -> str:
    """A rough English singular, enough for cue words and demonyms: 'militias' -> 'militia'."""
    if len(key) > 4 and key.endswith("ies"):
        return key[:-3] + "y"
    if len(key) > 4 and key.endswith(("sses", "shes", "ches", "xes")):
        return key[:-2]
    if len(key) > 3 and key.endswith("s") and not key.endswith(("ss", "us", "is")):
        return key[:-1]
    return key


def words_of(text: str) -> list[Word]:
    """Words with their offsets; a possessive 's is dropped, dotted acronyms ('U.S.') stay whole."""
    out: list[Word] = []
    for m in _WORD.finditer(text):
        raw = m.group()
        before = text[max(0, m.start() - 1) : m.start()]
        if raw.lower() == "s" and before in "'’" and before:
            continue
        glued = before == "-" and bool(out) and out[-1].key in NEGATING_PREFIXES and out[-1].end == m.start() - 1
        glued = glued or bool(out) and out[-1].key == "ethnic"  # an ethnic group, not a state: "ethnic Albanians"
        glued = glued or bool(BACKER.match(text, m.end()))  # "Iran-backed rebels": Iran backs them, is not them
        out.append(Word(raw, fold(raw), m.start(), m.end(), glued))
    return out


def _form_key(form: str) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    words = words_of(form)
    if words and words[0].key == "the" and len(words) > 1:
        words = words[1:]
    letters = "".join(ch for w in words for ch in w.text if ch.isalpha())
    exact = tuple(w.text for w in words) if len(letters) >= 2 and letters.isupper() else None
    return tuple(w.key for w in words), exact


@dataclass(frozen=True, eq=False)  # compared and hashed by identity, so that its answers can be cached
class Gazetteer:
    """The loaded tables. Use the module functions, or :meth:`actor_code` etc. on an instance."""

    places: Mapping[tuple[str, ...], tuple[Entry, ...]]
    cues: Mapping[tuple[str, ...], SectorCue]
    fuzzy: Mapping[str, tuple[tuple[str, str], ...]]  # first letter -> (key, code)
    longest: int

    @functools.lru_cache(maxsize=1 << 16)
    def hits(self, text: str) -> list[Hit]:
        """Every place and organisation named in ``text``, left to right (block entries excluded)."""
        words = words_of(text)
        scanned = self._scan(words)
        return [h for h in scanned if h.entry.code] or self._fuzzy_hits(words, scanned)

    def country_of(self, text: str) -> str | None:
        found = self.hits(text)
        return found[0].entry.code if found else None

    def sector_of(self, text: str) -> str | None:
        words = words_of(text)
        orgs = [h for h in self._scan(words) if h.entry.kind == "org"]
        return self._sector(words, orgs)

    @functools.lru_cache(maxsize=1 << 16)
    def actor_code(self, phrase: str) -> ActorCode:
        """Country and sector of a noun phrase: 'the Egyptian army' -> EGY/MIL, 'Cairo' -> EGY/GOV."""
        words = words_of(phrase)
        scanned = self._scan(words)
        found = [h for h in scanned if h.entry.code] or self._fuzzy_hits(words, scanned)
        first = found[0] if found else None
        sector = self._sector(words, [h for h in scanned if h.entry.kind == "org"])
        if sector is None and first is not None:
            sector = self._implied_sector(first, words)
        return ActorCode(first.entry.code if first else None, sector)

    def _scan(self, words: list[Word]) -> list[Hit]:
        out: list[Hit] = []
        i = 0
        while i < len(words):
            hit = self._match_at(words, i)
            if hit is None:
                i += 1
                continue
            out.append(hit)
            i = hit.end
        return out

    def _match_at(self, words: list[Word], i: int) -> Hit | None:
        if words[i].glued:
            return None
        for n in range(min(self.longest, len(words) - i), 0, -1):
            span = words[i : i + n]
            for entry in self.places.get(tuple(w.key for w in span), ()):
                if _written_right(span, entry):
                    return Hit(i, i + n, entry)
        key = words[i].key
        for entry in self.places.get((key[:-1],), ()) if key.endswith("s") else ():
            if entry.kind == "demonym" and _written_right(words[i : i + 1], entry):
                return Hit(i, i + 1, entry)
        return None

    def _fuzzy_hits(self, words: list[Word], scanned: list[Hit]) -> list[Hit]:
        covered = {k for h in scanned for k in range(h.start, h.end)}
        for i, w in enumerate(words):
            if i in covered or len(w.key) < _MIN_FUZZY or not w.text[:1].isupper() or not w.key.isalpha():
                continue
            if w.glued:
                continue
            codes = {
                code
                for key, code in self.fuzzy.get(w.key[:1], ())
                if abs(len(key) - len(w.key)) <= 1 and OSA.distance(key, w.key) <= 1
            }
            if len(codes) == 1:
                return [Hit(i, i + 1, Entry(codes.pop(), "fuzzy"))]
        return []

    def _sector(self, words: list[Word], orgs: list[Hit]) -> str | None:
        inside = {k for h in orgs for k in range(h.start, h.end)}
        named = [CueHit(h.start, h.end, SectorCue(h.entry.sector, False)) for h in orgs if h.entry.sector]
        cues = sorted([c for c in self._cue_hits(words) if c.start not in inside] + named, key=lambda c: c.start)
        split = next((i for i, w in enumerate(words) if w.key in PHRASE_BREAKS and i > 0), len(words))
        head = [c for c in cues if c.start < split]
        tail = [c for c in cues if c.start >= split]
        if any(not c.cue.weak for c in head):
            return _choose(head)
        strong_tail = [c for c in tail if not c.cue.weak]
        if strong_tail:
            return strong_tail[-1].cue.sector
        return _choose(head) if head else None

    @functools.lru_cache(maxsize=1)
    def _longest_cue(self) -> int:
        return max((len(k) for k in self.cues), default=1)

    def _cue_hits(self, words: list[Word]) -> list[CueHit]:
        keys = [singular(w.key) for w in words]
        longest = self._longest_cue()
        out: list[CueHit] = []
        i = 0
        while i < len(keys):
            for n in range(min(longest, len(keys) - i), 0, -1):
                cue = self.cues.get(tuple(keys[i : i + n]))
                if cue is not None:
                    out.append(CueHit(i, i + n, cue))
                    i += n
                    break
            else:
                i += 1
        return out

    @staticmethod
    def _implied_sector(hit: Hit, words: list[Word]) -> str | None:
        if hit.entry.kind == "org":
            return hit.entry.sector
        rest = [w for k, w in enumerate(words) if not hit.start <= k < hit.end and w.key not in {"the", "in", "of"}]
        return "GOV" if hit.entry.kind == "capital" and not rest else None


def _written_right(span: list[Word], entry: Entry) -> bool:
    if entry.exact is not None:
        return tuple(w.text for w in span) == entry.exact
    first = span[0].text[:1]
    return first.isupper() or first.isdigit()


def _choose(cues: list[CueHit]) -> str | None:
    if not cues:
        return None
    last = cues[-1]
    if last.cue.weak:
        strong = [c for c in cues if not c.cue.weak]
        return strong[-1].cue.sector if strong else last.cue.sector
    return last.cue.sector


def _pycountry_entries() -> dict[tuple[str, ...], tuple[Entry, int]]:
    """Names from pycountry; a short form shared by two countries ('Korea') is dropped."""
    table: dict[tuple[str, ...], tuple[Entry, int]] = {}
    clashes: set[tuple[str, ...]] = set()
    for country in pycountry.countries:
        full = {getattr(country, a, None) for a in ("name", "official_name", "common_name")} - {None}
        derived = {re.sub(r"\s*\(.*\)", "", n) for n in full} | {n.split(",")[0] for n in full}
        for names, rank in ((full, 2), (derived - full, 1)):
            for name in names:
                key, _ = _form_key(name)
                old = table.get(key)
                if old and old[0].code != country.alpha_3 and old[1] == rank:
                    clashes.add(key)
                elif not old or old[1] < rank:
                    table[key] = (Entry(country.alpha_3, "name"), rank)
    for key in clashes:
        if table[key][1] == 1:
            del table[key]
    return table


def _data_entries(directory: Path) -> list[tuple[tuple[str, ...], Entry]]:
    out = []
    for code, kind, forms in read_rows(directory / "gazetteer_countries.tsv", 3):
        for form in filter(None, (f.strip() for f in forms.split(";"))):
            key, exact = _form_key(form)
            out.append((key, Entry(None if kind == "block" else code, kind, None, exact)))
    for code, sector, forms in read_rows(directory / "gazetteer_organisations.tsv", 3):
        for form in filter(None, (f.strip() for f in forms.split(";"))):
            key, exact = _form_key(form)
            out.append((key, Entry(code, "org", sector if sector in SECTORS else None, exact)))
    return out


def _cue_table(directory: Path) -> dict[tuple[str, ...], SectorCue]:
    cues: dict[tuple[str, ...], SectorCue] = {}
    for sector, strength, forms in read_rows(directory / "gazetteer_sectors.tsv", 3):
        for form in filter(None, (f.strip() for f in forms.split(";"))):
            key = tuple(singular(w.key) for w in words_of(form))
            cues[key] = SectorCue(sector, strength == "weak")
    return cues


def load_gazetteer(directory: Path = DATA_DIR) -> Gazetteer:
    """Read the tables in ``directory`` (the package's data folder by default)."""
    places: dict[tuple[str, ...], list[Entry]] = {k: [e] for k, (e, _) in _pycountry_entries().items()}
    for key, entry in _data_entries(directory):
        kept = [e for e in places.get(key, []) if e.kind != "name" or e.exact != entry.exact]
        places[key] = [entry, *kept]
    fuzzy: dict[str, list[tuple[str, str]]] = {}
    for key, entries in places.items():
        for e in entries:
            if len(key) == 1 and len(key[0]) >= _MIN_FUZZY and e.code and e.kind in {"name", "demonym"}:
                fuzzy.setdefault(key[0][:1], []).append((key[0], e.code))
    return Gazetteer(
        places=MappingProxyType({k: tuple(v) for k, v in places.items()}),
        cues=MappingProxyType(_cue_table(directory)),
        fuzzy=MappingProxyType({k: tuple(v) for k, v in fuzzy.items()}),
        longest=max(len(k) for k in places),
    )


@functools.cache
def default_gazetteer() -> Gazetteer:
    """The package's tables, read on first use and shared by the process."""
    return load_gazetteer(DATA_DIR)


def country_of(text: str) -> str | None:
    """The first country, IGO or other organisation code named in ``text``, or None."""
    return default_gazetteer().country_of(text)


def sector_of(text: str) -> str | None:
    """The sector the cue words of a noun phrase point to ('army chief' -> MIL), or None."""
    return default_gazetteer().sector_of(text)


def actor_code(phrase: str) -> ActorCode:
    """Country and sector of an actor noun phrase ('Jordanian official' -> JOR/GOV)."""
    return default_gazetteer().actor_code(phrase)

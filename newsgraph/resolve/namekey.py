"""Normalised keys for Arabic-origin names (titles stripped, particles resolved, phonetic
skeletons) and the similarity of two name units.

``name_key("Lt. Gen. Abdel-Karim El-Masri")`` gives the titles ("Lt. Gen.",), the display form
without them and one token per name unit. A token keeps three spellings: ``text`` (ASCII, as
written), ``core`` (phonetic spelling: doubled letters, vowel digraphs, q/k, ch/sh ... unified)
and ``skeleton`` (consonant classes only, vowels dropped), so that Mohamed/Muhammad,
Zomor/Zumar and Higazy/Hijazi meet. Particles are resolved by the tables in ``data/``:
al-X = Al X = El-X = alX (An-Nur = Annur); Abdul Rahman = Abd al-Rahman = Abdurrahman;
Nasr Allah = Nasrallah; Mohammadreza = Mohammad Reza.

A name that reads as an organisation's (legal forms, generic words, places, English function
words) has its words put in English by a bilingual lexicon (``name_translations.tsv``: Muassasat
al-Quds = al-Quds Foundation = Quds Institute, Katibat X = X Battalion, Hizballah = Hizb Allah),
its English plurals in the singular, its spaced or dotted letters joined (D.E.K. = DEK) and so
its split words (Off Shore = Offshore), and yields the acronyms it may go by (function words in
or out). Lexicon words become "word" tokens (common words, not rare names): they match the same
word, not a word or name merely alike in sound.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from collections.abc import Callable, Mapping

from anyascii import anyascii
from rapidfuzz.distance import OSA, Indel

DATA_DIR = Path(__file__).with_name("data")
TOKEN_MATCH = 0.78  # two name units are the same name at or above this similarity
DELETION_MIN = 5  # skeletons this long also block under their one-letter deletions
VOWELS = "aeiou"
PREFIX_SKELETONS = MappingProxyType({"abd": "abd", "abu": "ab", "umm": "am", "dhu": "z", "": ""})
GLUED_KUNYA = ("abu", "abou", "aboo")
GLUED_CONNECTORS = ("bin", "ben", "ibn")
SUFFIX_AFTER_ARTICLE = frozenset({"din", "deen", "dine", "dinn", "allah", "lah"})
MAX_OPTIONAL = 3  # function words tried in and out of an acronym
ORG_FUNCTION_WORDS = frozenset({"of", "the", "for", "and"})  # no personal name has them
GOD = ("allah",)  # the X of God: Hizb Allah (Hizballah), Ansar Allah, Jund Allah
_GOD_SUFFIX = re.compile(r"^(?P<head>[a-z]{3,}?)[aeiou]?l{1,2}ah?$")

_WORD = re.compile(r"[^\W_]+")
_ASIDE = re.compile(r"\(([^()]*)\)")
_CO_HYPHEN = re.compile(r"(?<![^\W\d_])([Cc]o)-(?=[a-z])")
_CAMEL_ARTICLE = re.compile(r"(?<![^\W\d_])(Al|El)(?=[A-Z][a-z])")
_APOSTROPHES = re.compile(r"['`\u00b4\u2018\u2019\u02bb\u02bc\u02bf\u02be]")
_SUN_ARTICLE = re.compile(r"^[aeiu](sh|th|dh|[dnrstz])$")
# The article assimilated to a sun letter and written glued: Annour = an-Nour, Assalam =
# as-Salam; stripped only when the rest is a word of the lexicon or a common given name and
# keeps four letters or more (Association, Assad and Attiya stay whole).
_GLUED_SUN_ARTICLE = re.compile(r"^a(sh|th|dh|[dnrstz])(?=\1[a-z]{3,}$)")
_NORM_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"x", "ks"),
        (r"([a-z])\1+", r"\1"),
        (r"sch|tch|tsh|ch", "sh"),
        (r"ph", "f"),
        (r"dzh|dj", "j"),
        (r"zh", "z"),
        (r"ck|q", "k"),
        (r"kh", "x"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"v", "w"),
        (r"^ou(?=[aeio])", "w"),
        (r"(?<=[aeiou])ou(?=[aeiou])", "w"),
        (r"ou|oo", "u"),
        (r"ee", "i"),
        (r"(?<=[a-z]{3})[aeiou]l?d+i+ne?$", "din"),
        (r"(?<=[a-z]{3})[aeiou]l+ah?$", "ala"),
        (r"(?<=[aeiou])h$", ""),
        (r"y$", "i"),
        (r"(?<=[a-z]{3}[^aeiouy])e$", ""),
        (r"([a-z])\1+", r"\1"),
    )
)
_SKELETON_TABLE = str.maketrans({"x": "k", "g": "k", "q": "k", "p": "b", "v": "w"})

# words that make a name a facility's when they end it ("Keltun Airport", "Varland Defence Forces Base")
FACILITY_NOUNS = frozenset("airport airbase port bridge dam refinery crossing oilfield base camp barracks headquarters headquarter "
                           "garrison airfield".split())

@dataclass(frozen=True)
class NameToken:
    """One name unit. ``prefix`` is "abd" (servant of), "abu"/"umm"/"dhu" (kunya) or ""."""

    text: str  # ASCII spelling as written, prefix included ("abdrahman")
    prefix: str
    core: str  # phonetic spelling without the prefix ("rahman")
    skeleton: str  # consonant classes of prefix + core ("abdrhmn")
    alternatives: tuple[str, ...]  # other skeletons the spelling allows (g as j, z as d or s)
    kind: str  # "name" | "initial" | "generic" (organisation word) | "place" | "word" (common word)
    known: bool  # a common given name of the romanisation table
    given: bool = False  # a common given name: known, or of given_names.txt, first and without al-

    @property
    def core_skeleton(self) -> str:
        return self.skeleton[len(PREFIX_SKELETONS[self.prefix]):]


@dataclass(frozen=True)
class NameKey:
    """The normalised form of one name string."""

    text: str
    titles: tuple[str, ...]
    parts: tuple[NameToken, ...]
    asides: tuple[str, ...]
    org_like: bool
    initials: str
    kinds: frozenset[str]  # kinds of organisation its generic words imply (bank -> finance)
    acronyms: frozenset[str] = frozenset()  # initials of its words, function words in or out

    @property
    def tokens(self) -> tuple[str, ...]:
        """The phonetic skeletons of the name units, in name order."""
        return tuple(p.skeleton for p in self.parts)

    @cached_property
    def identity(self) -> tuple[NameToken, ...]:
        """The identity tokens, or all tokens when a name has only organisation words."""
        return self.names or self.parts

    @cached_property
    def names(self) -> tuple[NameToken, ...]:
        """The units that carry identity (neither generic organisation words nor initials)."""
        return tuple(p for p in self.parts if p.kind in ("name", "word"))


@dataclass(frozen=True)
class Lexicon:
    """The word tables of ``data/``, loaded once."""

    titles: frozenset[str]
    max_title_words: int
    particles: Mapping[str, str]
    kunya: Mapping[str, str]
    org_terms: Mapping[str, str]
    org_kinds: Mapping[str, frozenset[str]]
    places: frozenset[str]
    translations: Mapping[str, tuple[str, ...]]  # phonetic spelling of an organisation word -> English
    translation_skeletons: Mapping[str, tuple[str, ...]]  # its skeleton, when it has one meaning only
    name_words: frozenset[str]  # phonetic spellings that are also personal names (Nur, Amal)
    vocabulary: frozenset[str]  # the English words of the lexicon
    personal_names: frozenset[str]  # phonetic spellings of common given names (data/given_names.txt)
    org_phonetic: Mapping[str, str]  # phonetic spelling of a generic organisation word -> the word


def _data_lines(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    titles = frozenset(row[0] for row in _data_lines("name_titles.txt"))
    particles = _data_lines("name_particles.txt")
    org_terms = _with_singulars(_data_lines("org_terms.txt"))
    translations = _data_lines("name_translations.tsv")
    by_spelling = {phonetic(r[0]): tuple(singular(w) for w in r[1].split()) for r in translations}
    by_skeleton: dict[str, set[tuple[str, ...]]] = {}
    for spelling, english in by_spelling.items():
        form = skeleton(spelling)
        if len(spelling) >= 5 and len(form) - (form[:1] == "a") >= 3:
            by_skeleton.setdefault(form, set()).add(english)
    return Lexicon(
        titles=titles,
        max_title_words=max(len(t.split()) for t in titles),
        particles=MappingProxyType({r[0]: r[1] for r in particles}),
        kunya=MappingProxyType({r[0]: r[2] for r in particles if r[1] == "kunya"}),
        org_terms=MappingProxyType({r[0]: r[1] for r in org_terms}),
        org_kinds=MappingProxyType({r[0]: frozenset(r[2].split(",")) for r in org_terms if len(r) > 2}),
        places=frozenset(r[0] for r in _data_lines("name_places.txt")),
        translations=MappingProxyType(by_spelling),
        translation_skeletons=MappingProxyType({k: v.pop() for k, v in by_skeleton.items() if len(v) == 1}),
        name_words=frozenset(phonetic(r[0]) for r in translations if r[2:3] == ["name"]),
        vocabulary=frozenset(w for english in (*by_spelling.values(), GOD) for w in english),
        org_phonetic=MappingProxyType({phonetic(r[0]): r[0] for r in org_terms if r[1] == "generic"}),
        personal_names=frozenset(phonetic(r[0]) for r in _data_lines("given_names.txt")),
    )


def _with_singulars(rows: list[list[str]]) -> list[list[str]]:
    """The org_terms rows, plus the English singular of every plural word not listed itself."""
    listed = {r[0] for r in rows}
    extra = [[singular(r[0]), *r[1:]] for r in rows if singular(r[0]) not in listed]
    return rows + [r for r in extra if r[0] not in listed]


def singular(word: str) -> str:
    """English singular of a word of an organisation name (families -> family, forces -> force);
    words ending like Arabic names (Abbas, Idris, Yunus) are left alone."""
    if len(word) < 5:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "as", "os")):
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def given_names() -> Mapping[tuple[str, str], tuple[str, str]]:
    """(prefix, core) of every spelling in romanisation.tsv -> (prefix, core) of its canonical."""
    table: dict[tuple[str, str], tuple[str, str]] = {}
    for row in _data_lines("romanisation.tsv"):
        canonical = _single_unit(row[0])
        if canonical is None:
            continue
        table[canonical] = canonical
        for variant in (row[1].split(",") if len(row) > 1 and row[1] else []):
            unit = _single_unit(variant)
            if unit is not None:
                table.setdefault(unit, canonical)
    return MappingProxyType(table)


def _single_unit(name: str) -> tuple[str, str] | None:
    units = _units(_words(name), lexicon())
    return (units[0][0], phonetic(units[0][1])) if len(units) == 1 else None


@lru_cache(maxsize=1 << 16)
def phonetic(word: str) -> str:
    """The phonetic spelling of one lowercase ASCII word (doubled letters, digraphs unified)."""
    for pattern, repl in _NORM_RULES:
        word = pattern.sub(repl, word)
    return word


def skeleton(core: str) -> str:
    """Consonant classes of a phonetic spelling; a leading vowel is kept as "a"."""
    if not core:
        return ""
    s = core.replace("sh", "S").replace("th", "z").replace("dh", "z").replace("gh", "k")
    s = re.sub(r"(.)\1+", r"\1", s.translate(_SKELETON_TABLE))
    head = "a" if s[0] in VOWELS else s[0]
    return head + re.sub(r"[aeiouyw]", "", s[1:])


def _alternatives(core: str, prefix: str, primary: str) -> tuple[str, ...]:
    """Other skeletons the spelling allows: g as j (Egyptian), z/dh/th as d or as s, kh as h (Russian and
    French agencies write Kh for the Arabic h: Khassan for Hassan)."""
    head = PREFIX_SKELETONS[prefix]
    found = []
    if re.search(r"g(?!h)", core):
        found.append(head + skeleton(re.sub(r"g(?!h)", "j", core)))
    if "x" in core:
        found.append(head + skeleton(core.replace("x", "h")))
    body = primary[len(head):]
    if "z" in body[1:]:  # inside a name only: an initial Z/Dh is never an S (Zaid is not Said, Dhale not Sale)
        found.append(head + body[:1] + body[1:].replace("z", "d"))
        found.append(head + body[:1] + body[1:].replace("z", "s"))
    return tuple(dict.fromkeys(f for f in found if f != primary))


def _words(text: str) -> list[str]:
    """Lowercase ASCII words; apostrophes (ayn, hamza) vanish, other punctuation splits."""
    ascii_text = anyascii(_arabic_articles(text)).lower()
    return re.findall(r"[a-z0-9]+", _APOSTROPHES.sub("", ascii_text))


def _arabic_articles(text: str) -> str:
    """In Arabic script, detach the article and mark a leading alif/ayn as a vowel."""
    text = re.sub(r"(?<![\u0600-\u06ff])\u0627\u0644(?=[\u0600-\u06ff]{2})", "", text)
    return re.sub(r"(?<![\u0600-\u06ff])[\u0627\u0623\u0625\u0622\u0639](?=[\u0600-\u06ff])", "a", text)


def _is_article(word: str, following: str | None, lex: Lexicon) -> bool:
    if following is None:
        return False
    if lex.particles.get(word) == "article":
        return True
    sun = _SUN_ARTICLE.match(word)
    return bool(sun) and following.startswith(sun.group(1)) and len(following) > len(sun.group(1))


def _strip_glued_article(word: str, lex: Lexicon) -> str:
    while word[:2] in ("al", "el") and len(word) >= 6 and lex.particles.get(word) != "keep_al":
        word = word[2:]
    sun = _GLUED_SUN_ARTICLE.match(word)
    if sun and _known_word(word[sun.end():], lex) and not _known_word(word, lex):
        word = word[sun.end():]
    return word


def _known_word(word: str, lex: Lexicon) -> bool:
    """A word of the lexicon, a common given name or an organisation word."""
    core = phonetic(word)
    return core in lex.translations or core in lex.personal_names or word in lex.org_terms or (
        ("", core) in given_names()
    )


def _split_servant(word: str) -> tuple[str, str] | None:
    """"abdulaziz" -> ("abd", "aziz"), "abedrabbo" -> ("abd", "rabbo"); None when the word is not a fused
    Abd-compound."""
    if word.startswith(("abed", "abid")) and len(word) >= 7:
        word = "abd" + word[4:]
    if not word.startswith("abd") or len(word) < 6:
        return None
    rest = word[3:]
    vowels = len(rest) - len(rest.lstrip(VOWELS))
    rest = rest[vowels:]
    if vowels and len(rest) > 2 and rest[0] == rest[1] or vowels and rest.startswith("l"):
        rest = rest[1:]
    return ("abd", rest) if len(rest) >= 2 else None


def _prefix_role(word: str, following: str | None, lex: Lexicon) -> str:
    role = lex.particles.get(word, "")
    if role == "servant" or (word.startswith("abd") and len(word) <= 5 and following in ("al", "el")):
        return "abd"
    return lex.kunya.get(word, "")


def _split_glued(word: str, lex: Lexicon) -> tuple[str, str]:
    """Fused particles: alX -> X, binX -> X, abuX -> (abu, X), abdulX -> (abd, X)."""
    previous = ""
    while previous != word:
        previous, word = word, _strip_glued_article(word, lex)
        for connector in GLUED_CONNECTORS:
            if word.startswith(connector) and len(word) - len(connector) >= 4 and word not in lex.particles:
                word = word[len(connector):]
    for kunya in GLUED_KUNYA:
        if word.startswith(kunya) and len(word) - len(kunya) >= 3:
            return "abu", _strip_glued_article(word[len(kunya):], lex)
    return _split_servant(word) or ("", word)


def _suffix_of(word: str, article_before: bool, units: list, personal: bool, lex: Lexicon) -> str:
    """What ``word`` adds to the previous unit ("din", "allah", "islam"), or "" if it is a unit."""
    plain = _strip_glued_article(word, lex)
    article_before = article_before or plain != word
    if lex.particles.get(word) == "suffix" or (article_before and plain in SUFFIX_AFTER_ARTICLE):
        return "din" if "d" in plain else "allah"
    if personal and article_before and len(units) == 1 and lex.particles.get(plain) == "compound":
        return plain
    return ""


def _units(words: list[str], lex: Lexicon, personal: bool = True) -> list[tuple[str, str]]:
    """Resolve particles: a list of (prefix, spelling) name units."""
    units: list[tuple[str, str]] = []
    prefix, carry, after_article = "", "", False
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else None
        if _is_article(word, following, lex) or (lex.particles.get(word) == "connector" and following):
            after_article = _is_article(word, following, lex)
            continue
        role = _prefix_role(word, following, lex) if following else ""
        if role and role == prefix and not carry:
            continue  # "Abd Abdul-Hamid": the servant prefix written twice
        if role and (not prefix or (prefix == "abu" and role == "abd" and not carry)):
            prefix, carry = (prefix, "abd") if prefix else (role, "")
            after_article = False
            continue
        suffix = _suffix_of(word, after_article, units, personal, lex) if units and not prefix else ""
        if suffix:
            units[-1] = (units[-1][0], units[-1][1] + suffix)
        elif prefix:
            units.append((prefix, carry + _strip_glued_article(word, lex)))
        else:
            units.append(_split_glued(word, lex))
        prefix, carry, after_article = "", "", False
    if prefix and not units:
        units.append(("", words[-1]))
    return units


def _make_token(
    prefix: str, spelling: str, lex: Lexicon, table: Mapping | None, word: bool = False
) -> NameToken:
    core = phonetic(spelling)
    canonical = table.get((prefix, core)) if table is not None else None
    if canonical is not None:
        prefix, core = canonical
    kind = "initial" if len(spelling) == 1 else "name"
    if not prefix and lex.org_terms.get(spelling) == "generic":
        kind = "generic"
    elif not prefix and spelling in lex.places:
        kind = "place"
    elif word and kind == "name":
        kind = "word"
    primary = PREFIX_SKELETONS[prefix] + skeleton(core)
    return NameToken(
        text=prefix + spelling,
        prefix=prefix,
        core=core,
        skeleton=primary,
        alternatives=_alternatives(core, prefix, primary),
        kind=kind,
        known=canonical is not None,
        given=canonical is not None or (not prefix and core in lex.personal_names),
    )


def _title_length(words: list[str], start: int, lex: Lexicon) -> int:
    for n in range(min(lex.max_title_words, len(words) - start), 0, -1):
        if " ".join(words[start:start + n]) in lex.titles:
            return n
    return 0


def strip_titles(text: str) -> tuple[tuple[str, ...], str]:
    """Split leading titles off a name: ("Lt. Gen.",), "Omar Farouk". One word always stays."""
    lex = lexicon()
    matches = list(_WORD.finditer(text))
    words = [anyascii(m.group()).lower() for m in matches]
    titles: list[str] = []
    i = 0
    while i < len(words):
        n = _title_length(words, i, lex)
        if n == 0 or i + n >= len(words):
            break
        end = matches[i + n - 1].end()
        end += text[end:end + 1] == "."
        titles.append(text[matches[i].start():end])
        i += n
    if not titles or any(lex.org_terms.get(w) in ("generic", "legal") for w in words[i:]):
        return (), text.strip()  # "General Trading Company" is an organisation, not a general
    return tuple(titles), text[matches[i].start():].strip()


def _drop_legal_and_stop(words: list[str], lex: Lexicon, org: bool = False) -> list[str]:
    """Drop function words and legal forms, also dotted ones at the end ("S.A." -> s, a). In an
    organisation's name, spaced or dotted letters are one word ("D.E.K." = "DEK") and so are two
    words that spell one organisation word ("Off Shore" = "Offshore")."""
    end = len(words)
    while end > 0 and len(words[end - 1]) == 1:
        end -= 1
    if len(words) - end > 1 and lex.org_terms.get("".join(words[end:])) == "legal":
        words = words[:end]
    joined: set[str] = set()
    if org:
        words = _join_split_words(_join_letters(words, joined), lex)
    kept = [
        w for w in words if lex.org_terms.get(w) != "legal" and (w in joined or lex.org_terms.get(w) != "stop")
    ]
    return kept or words


def _join_letters(words: list[str], joined: set[str]) -> list[str]:
    """Runs of two or more one-letter words as one word; the joined words go into ``joined``."""
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1:
            run.append(word)
            continue
        if len(run) > 1:
            joined.add("".join(run))
        out.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if word:
            out.append(word)
    return out


def _join_split_words(words: list[str], lex: Lexicon) -> list[str]:
    """Two words that together spell an organisation word or a word of the lexicon: Off Shore,
    Air Lines."""
    out: list[str] = []
    for word in words:
        both = out[-1] + word if out else ""
        if both and (lex.org_terms.get(both) in ("generic", "legal") or both in lex.vocabulary):
            out[-1] = both
        else:
            out.append(word)
    return out


def _org_evidence(words: list[str], display: str, lex: Lexicon) -> bool:
    """The name reads as an organisation's: a legal form or generic organisation word (in any
    spelling the phonetic rules unify), a place, an English function word or an ampersand."""
    if "&" in display:
        return True
    for word in words:
        if lex.org_terms.get(word) in ("legal", "generic") or word in lex.places:
            return True
        if lex.org_terms.get(singular(word)) == "generic":
            return True
        if len(words) > 1 and word in ORG_FUNCTION_WORDS:
            return True
        if len(word) >= 4 and phonetic(word) in lex.org_phonetic:
            return True
    return False


def _english(word: str, lex: Lexicon, org: bool) -> tuple[str, ...] | None:
    """The English of one word of an organisation name, or None. Words that are also personal
    names, English plurals and skeleton look-ups only count in names that read as an
    organisation's."""
    core = phonetic(word)
    found = lex.translations.get(core)
    if found is not None and core in lex.name_words and not org:
        return None
    if found is None and org:
        found = lex.translations.get(phonetic(singular(word)))
    if found is None:
        god = _GOD_SUFFIX.match(word)
        head = lex.translations.get(phonetic(god.group("head"))) if god else None
        if head is not None and (org or phonetic(god.group("head")) not in lex.name_words):
            found = head + GOD
    if found is None and org and len(word) >= 5:
        found = lex.translation_skeletons.get(skeleton(core))
    return found


def _split_compounds(units: list[tuple[str, str]], lex: Lexicon, table: Mapping) -> list[tuple[str, str]]:
    """Two given names written as one word: Mohammadreza = Mohammad Reza, Nurali = Nur Ali."""
    split: list[tuple[str, str]] = []
    for prefix, spelling in units:
        cut = 0 if prefix or len(spelling) < 7 else next(
            (k for k in range(3, len(spelling) - 2)
             if _common_given(spelling[:k], lex, table) and _common_given(spelling[k:], lex, table)),
            0,
        )
        split.extend([(prefix, spelling[:cut]), ("", spelling[cut:])] if cut else [(prefix, spelling)])
    return split


def _common_given(spelling: str, lex: Lexicon, table: Mapping) -> bool:
    core = phonetic(spelling)
    return ("", core) in table or core in lex.personal_names


def _acronyms(written: list[str], lex: Lexicon) -> frozenset[str]:
    """The acronyms an organisation's name may go by: the initials of its words without legal
    forms, each function word ("of", "for" ...) in or out: "Center of Call for Wisdom" gives
    ccw, ccfw, cocw and cocfw."""
    words = [w for w in written if lex.org_terms.get(w) != "legal" and not w.isdigit()]
    optional = [n for n, w in enumerate(words) if lex.org_terms.get(w) == "stop"][:MAX_OPTIONAL]
    found = set()
    for mask in range(1 << len(optional)):
        kept = {n for k, n in enumerate(optional) if mask >> k & 1}
        letters = "".join(w[0] for n, w in enumerate(words) if n in kept or n not in optional)
        if 2 <= len(letters) <= 8:
            found.add(letters)
    return frozenset(found)


def _leading_article(words: list[str], lex: Lexicon) -> bool:
    """The name opens with the article ("Al-Sadiq ...", "Elsalah"): an organisation's or a family
    name, not a given name."""
    if not words:
        return False
    first = words[0]
    following = words[1] if len(words) > 1 else None
    return _is_article(first, following, lex) or _strip_glued_article(first, lex) != first


def _looks_personal(prefix: str, spelling: str, lex: Lexicon, table: Mapping) -> bool:
    """An Abd/Abu name or a common given name."""
    core = phonetic(spelling)
    return bool(prefix) or (prefix, core) in table or core in lex.personal_names


def _plain(prefix: str, spelling: str, lex: Lexicon, org: bool) -> str:
    """A word left untranslated, in the English singular when the name reads as an
    organisation's or the singular is a word of the lexicon (Wings = Wing)."""
    if prefix:
        return spelling
    one = singular(spelling)
    return one if org or one in lex.vocabulary else spelling


def _translate(
    units: list[tuple[str, str]], lex: Lexicon, table: Mapping, org: bool
) -> list[tuple[str, str, bool]]:
    """Words of an organisation name in English (see data/name_translations.tsv), English plurals
    in the singular; the flag marks a word of the lexicon (a common word, not a name). A name that
    does not read as an organisation's is left alone when it looks personal (a common given name
    or an Abd/Abu name among its units)."""
    if not org and any(_looks_personal(prefix, spelling, lex, table) for prefix, spelling in units):
        return [(prefix, spelling, False) for prefix, spelling in units]
    translated: list[tuple[str, str, bool]] = []
    for prefix, spelling in units:
        english = None if prefix else _english(spelling, lex, org)
        if english is not None:
            translated.extend(("", word, True) for word in english)
        else:
            plain = _plain(prefix, spelling, lex, org)
            common = (org or plain != spelling) and not prefix and plain in lex.vocabulary
            translated.append((prefix, plain, common))
    return translated


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> NameKey:
    """The normalised key of a name (see the module docstring)."""
    lex, table = lexicon(), given_names()
    text = _CAMEL_ARTICLE.sub(r"\1-", unicodedata.normalize("NFKC", name))  # AlMadina = Al-Madina
    text = _CO_HYPHEN.sub(r"\1", text)  # Co-operation = Cooperation
    titles, display = strip_titles(" ".join(text.split()))
    asides = tuple(a.strip() for a in _ASIDE.findall(display) if a.strip())
    written = _words(_ASIDE.sub(" ", display))
    words = _drop_legal_and_stop(written, lex, org=bool(written) and _org_evidence(written, display, lex))
    if not words and asides:
        words = _words(" ".join(asides))
    org = _org_evidence(written or words, display, lex)
    units = _translate(_split_compounds(_units(words, lex, personal=not org), lex, table), lex, table, org)
    parts = tuple(_make_token(prefix, spelling, lex, table, word) for prefix, spelling, word in units)
    lead = _leading_article(words, lex)
    parts = tuple(
        replace(p, given=False) if p.given and not p.known and (n or lead) else p for n, p in enumerate(parts)
    )
    org_like = org or any(p.kind in ("generic", "place") for p in parts) or any(
        lex.org_terms.get(w) in ("legal", "generic") for w in _words(display)
    )
    initials = "".join(w[0] for w in words) if len(words) > 1 else ""
    acronyms = _acronyms(written, lex) if org_like and len(words) > 1 else frozenset()
    kinds = frozenset().union(*(lex.org_kinds.get(p.text, frozenset()) for p in parts if p.kind == "generic"))
    return NameKey(display, titles, parts, asides, org_like, initials, kinds, acronyms)


# Blocking keys

def block_keys(key: NameKey) -> set[str]:
    """Skeletons of the identity tokens (also without a plural s) and their one-deletion variants (typo
    tolerance), and acronym keys that bring "LNA" and "Libyan National Army" together."""
    keys = {"#" + a.lower().replace(" ", "") for a in key.asides}
    if key.initials:
        keys.add("#" + key.initials)
    keys.update("#" + a for a in key.acronyms)
    if len(key.parts) == 1 and 2 <= len(key.parts[0].text) <= 8:
        keys.add("#" + key.parts[0].text)
    for token in key.identity:
        if token.kind == "initial":
            continue
        for form in {token.skeleton, token.core_skeleton, *token.alternatives}:
            keys.add(form)
            if len(form) >= 3 and form.endswith("s"):
                keys.add(form[:-1])  # an English plural meets its singular: "Varlandis", "Varlandi"
            if len(form) >= DELETION_MIN:
                keys.update(form[:k] + form[k + 1:] for k in range(len(form)))
    return keys


def refinement_keys(key: NameKey) -> set[str]:
    """Finer keys for a name in a too common block: its other tokens, its exact spellings."""
    keys = {t.skeleton for t in key.parts if t.kind != "initial"}
    keys.update("=" + t.prefix + t.core for t in key.identity if t.kind != "initial")
    return keys


# Comparing name units

def _skeleton_similarity(a: NameToken, b: NameToken) -> float:
    best = 0.0
    for x in (a.skeleton, *a.alternatives):
        for y in (b.skeleton, *b.alternatives):
            if x == y:
                return 1.0
            best = max(best, OSA.normalized_similarity(x, y), Indel.normalized_similarity(x, y))
    return best


def token_similarity(a: NameToken, b: NameToken) -> float:
    """How likely two name units are spellings of the same name, 0..1."""
    if a.kind == "initial" or b.kind == "initial":
        return 0.9 if a.text[:1] == b.text[:1] and {a.kind, b.kind} <= {"initial", "name"} else 0.0
    if a.known and b.known:
        return 1.0 if (a.prefix, a.core) == (b.prefix, b.core) else 0.3
    if "word" in (a.kind, b.kind):
        return _common_word_similarity(a, b)
    if a.prefix != b.prefix:
        return _prefix_mismatch(a, b)
    score = _spelling_similarity(a, b)
    if score < TOKEN_MATCH and _truncated(a.core, b.core):
        return 0.8
    return score


def _common_word_similarity(a: NameToken, b: NameToken) -> float:
    """A common word of the lexicon against another word or a name: the same English word, or
    one long word derived from the other (Construction, Reconstruction); words merely alike in
    sound are not the same (God, Good; Blood, Bilad)."""
    if a.text == b.text:
        return 1.0
    if a.prefix or b.prefix or min(len(a.text), len(b.text)) < 5:
        return 0.0
    return Indel.normalized_similarity(a.text, b.text)


def _spelling_similarity(a: NameToken, b: NameToken) -> float:
    skeleton = _skeleton_similarity(a, b)
    spelling = Indel.normalized_similarity(a.core, b.core)
    score = 0.6 * skeleton + 0.4 * spelling
    if skeleton == 1.0:
        return max(score, 0.9) if len(a.skeleton) >= 3 else score
    if min(len(a.skeleton), len(b.skeleton)) <= 2:
        return min(score, spelling - 0.05)
    return score


def _truncated(a: str, b: str) -> bool:
    """One spelling cut short of the other (list field limits, Salah for Salah al-Din)."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short)


def _prefix_mismatch(a: NameToken, b: NameToken) -> float:
    """Abd al-Rahman vs Rahman, Abu Bakr vs Bakr: the same name core, less sure."""
    kunya, other = (a, b) if a.prefix in ("abu", "umm", "dhu") else (b, a)
    if kunya.prefix in ("abu", "umm", "dhu") and other.prefix == "abd":
        return 0.85 * Indel.normalized_similarity(kunya.core_skeleton, other.skeleton)
    if a.prefix and b.prefix:
        return 0.6 * Indel.normalized_similarity(a.skeleton, b.skeleton)
    bare, prefixed = (a, b) if not a.prefix else (b, a)
    core = Indel.normalized_similarity(bare.skeleton, prefixed.core_skeleton)
    spelling = Indel.normalized_similarity(bare.core, prefixed.core)
    return 0.85 * (0.6 * core + 0.4 * spelling)


TokenSimilarity = Callable[[NameToken, NameToken], float]


class TokenCache:
    """Token similarities of one run, computed once per distinct pair of tokens.

    ``intern`` makes equal tokens one object, so the cache can key on object identity."""

    def __init__(self) -> None:
        self._tokens: dict[NameToken, NameToken] = {}
        self._known: dict[tuple[int, int], float] = {}

    def intern(self, key: NameKey) -> NameKey:
        return replace(key, parts=tuple(self._tokens.setdefault(t, t) for t in key.parts))

    def similarity(self, a: NameToken, b: NameToken) -> float:
        pair = (id(a), id(b)) if id(a) < id(b) else (id(b), id(a))
        found = self._known.get(pair)
        if found is None:
            found = self._known[pair] = token_similarity(a, b)
        return found

"""What the global clustering may rely on besides a name's spelling: the kind of actor it names, its country,
the country words inside it, its titles and the actors named beside it.

Public entry point: :func:`name_context`. The model's labels are noisy ("Varland People's Front" is often
tagged as a person), so a kind is read from the name's shape first: an office or rank makes a person, a
word for a territory at its end a place ("Osteria Province"), a word for a body an organisation; then from
the labels: a person needs two words or more, a place most labels of a place, and a lone adjective
("Western", "Kurdish") most labels of a nationality or group. Kinds that differ never merge.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from newsgraph.records import LocalActor
from newsgraph.resolve.gazetteer import country_of, default_gazetteer, words_of
from newsgraph.resolve.namekey import name_key
from newsgraph.resolve.names import NameContext

CO_MENTION_DOCS = 50  # documents of a name read for the actors named beside it
CO_MENTIONS = 30  # the most frequent of those kept
PLACE_LABELS = ("GPE", "LOC", "FAC")
# words that make a name a territory's when they end it ("Osteria Province", "Varland Region")
NATURAL_PLACE_NOUNS = frozenset("island islands peninsula valley desert mountains river sea gulf strait coast".split())
PLACE_NOUNS = frozenset("province governorate region district county municipality oblast prefecture city".split()) \
    | NATURAL_PLACE_NOUNS
COUNTRY_WORD_KINDS = ("name", "demonym", "historic")
ADJECTIVE_ENDINGS = ("ern", "ese", "ish", "ic")  # one word so ending is an English adjective
# words that make a name a text's, not an actor's, when they head it ("Osteria Act", "Tobruk Declaration of X";
# not "Government of National Accord", where the word is inside the "of" phrase)
DOCUMENT_NOUNS = frozenset("act law declaration agreement accord accords treaty charter memorandum resolution "
                           "decree constitution protocol convention communique roadmap initiative".split())


def name_context(actors: Sequence[LocalActor], name: str, around: dict[str, list[str]]) -> NameContext:
    """The context of one name: its kind (PERSON, ORG, PLACE, NORP or unknown), the titles it is written with,
    the actors most often named in the same documents; for other names than persons, its country and the
    words in it that name a country ("Varlandian" of "Varlandian Press Agency": a place, not an identity)."""
    own = {a.local for a in actors}
    beside = Counter(k for a in actors[:CO_MENTION_DOCS] for k in set(around.get(a.doc, ())) if k not in own)
    co_mentions = tuple(k for k, _ in beside.most_common(CO_MENTIONS))
    titles = tuple(sorted({t for a in actors for t in a.titles}))
    labels: Counter = Counter()
    for a in actors:  # a full name's label counts more than a short form's ("Nazhuri" tagged as a place)
        for n, label in zip(a.names, a.labels):
            labels[label] += len(n.split())
    kind = name_kind(name, labels, bool(titles))
    if kind == "PERSON":
        return NameContext(type="PERSON", titles=titles, co_mentions=co_mentions)
    return NameContext(type=kind, country=country_of(name), titles=titles, co_mentions=co_mentions,
                       place_words=country_words(name))


def name_kind(name: str, labels: Counter, titled: bool) -> str | None:
    """PERSON, ORG, PLACE, NORP, LAW (a document), or None when neither the name's shape nor its labels tell."""
    words = name.split()
    if not words:
        return None
    key = name_key(name)
    total = sum(labels.values()) or 1
    if titled:
        return "PERSON"
    if _document_name(words):
        return "LAW"
    if len(words) > 1 and words[-1].lower() in PLACE_NOUNS:
        return "PLACE"
    if any(p.kind == "generic" for p in key.parts):
        return "ORG"
    if len(words) == 1 and words[0].lower().endswith(ADJECTIVE_ENDINGS) and not default_gazetteer().hits(name):
        return "NORP"  # "Western", "Islamic": an adjective, no place's or body's name
    if len(key.parts) >= 2 and labels["PERSON"] > total / 2:
        return "PERSON"
    if sum(labels[label] for label in PLACE_LABELS) > total / 2 and (len(key.parts) > 1 or default_gazetteer().hits(name)):
        return "PLACE"  # a lone word's labels tell little: it must be a place the gazetteer knows
    if len(key.parts) == 1 and labels["NORP"] > total / 2:
        return "NORP"
    return None


def _document_name(words: list[str]) -> bool:
    """A law, a declaration, an agreement: a document word before any "of"/"for" of the name, after a name."""
    for k, word in enumerate(words):
        low = word.lower().strip(",.")
        if low in ("of", "for", "on"):
            return False
        if k and low in DOCUMENT_NOUNS:
            return True
    return False


def with_place_names(contexts: list[NameContext], names: Sequence[str]) -> list[NameContext]:
    """Names of unknown kind that the corpus also writes as a place ("Osteria" beside "Osteria Province") are
    places: the model's labels of a lone word are no evidence against that."""
    places = {name_key(" ".join(n.split()[:-1])).tokens for n, c in zip(names, contexts)
              if c.type == "PLACE" and len(n.split()) > 1 and n.split()[-1].lower() in PLACE_NOUNS}
    return [replace(c, type="PLACE") if c.type is None and name_key(n).tokens in places else c
            for n, c in zip(names, contexts)]


STATE_KINDS = frozenset({"government", "armed"})


def is_state_organ(name: str) -> bool:
    """A short name of a ministry, a court, an army ("Foreign Ministry", "Ministry of Foreign Affairs", "Armed
    Forces"): a word for a state's body and at most one other word, or two for a government's office."""
    key = name_key(name)
    longest = 3 if key.kinds == {"government"} else 2
    return len(key.parts) <= longest and bool(key.kinds) and key.kinds <= STATE_KINDS | {"political"} and (
        sum(p.kind == "generic" for p in key.parts) >= 1)


def country_words(name: str) -> tuple[str, ...]:
    """The words of a name that name a country or its people, lower case ("Varlandian Press Agency" →
    ("varlandian",)); a name that is all country words has none (it names the country)."""
    words = words_of(name)
    found = [w.key for h in default_gazetteer().hits(name) if h.entry.kind in COUNTRY_WORD_KINDS
             for w in words[h.start:h.end]]
    return tuple(found) if len(found) < len([w for w in words if w.key != "the"]) else ()

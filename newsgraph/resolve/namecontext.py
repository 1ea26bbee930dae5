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

from newsgraph.records import LocalActor
from newsgraph.resolve.gazetteer import country_of, default_gazetteer, words_of
from newsgraph.resolve.namekey import name_key
from newsgraph.resolve.names import NameContext

CO_MENTION_DOCS = 50  # documents of a name read for the actors named beside it
CO_MENTIONS = 30  # the most frequent of those kept
PLACE_LABELS = ("GPE", "LOC", "FAC")
# words that make a name a territory's when they end it ("Osteria Province", "Varland Region")
PLACE_NOUNS = frozenset("province governorate region district county municipality oblast prefecture city "
                        "island islands peninsula valley desert mountains river sea gulf strait coast".split())
COUNTRY_WORD_KINDS = ("name", "demonym", "historic")


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
    """PERSON, ORG, PLACE, NORP, or None when neither the name's shape nor its labels tell."""
    words = name.split()
    if not words:
        return None
    key = name_key(name)
    total = sum(labels.values()) or 1
    if titled:
        return "PERSON"
    if len(words) > 1 and words[-1].lower() in PLACE_NOUNS:
        return "PLACE"
    if any(p.kind == "generic" for p in key.parts):
        return "ORG"
    if len(key.parts) >= 2 and labels["PERSON"] > total / 2:
        return "PERSON"
    if sum(labels[label] for label in PLACE_LABELS) > total / 2:
        return "PLACE"
    if len(key.parts) == 1 and labels["NORP"] > total / 2:
        return "NORP"
    return None


def country_words(name: str) -> tuple[str, ...]:
    """The words of a name that name a country or its people, lower case ("Varlandian Press Agency" →
    ("varlandian",)); a name that is all country words has none (it names the country)."""
    words = words_of(name)
    found = [w.key for h in default_gazetteer().hits(name) if h.entry.kind in COUNTRY_WORD_KINDS
             for w in words[h.start:h.end]]
    return tuple(found) if len(found) < len([w for w in words if w.key != "the"]) else ()

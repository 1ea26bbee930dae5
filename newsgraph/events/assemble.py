"""Events with their entities, places and times, from the event mentions the build coded.

Public entry point: :func:`assemble`. Each actor, recipient, place and source phrase is tied to the
entity of the mention it holds (a person inside it first, then a person named right after it —
"Egyptian Army Chief of Staff, Lieutenant General Mahmoud X" —, then an organisation, then a
country; a description followed by "led by X" stands for X; a description by sector, "the army",
for the document's one organisation of that code); an event takes the time expression the parse
attaches to its own clause (:mod:`newsgraph.events.timing`), read against the document's
publication date, and otherwise only the bound that it happened by publication (the expressions are
found once in the build, :mod:`newsgraph.time.document`). :func:`merge_reports` then merges the
reports of one happening, in one document or several (:mod:`newsgraph.events.merge`).
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from newsgraph.records import EventMention, Participant, Time, TimeMention, TitleGiven
from newsgraph.resolve import entity_id
from newsgraph.resolve.actors import PLACE_TYPES
from newsgraph.resolve.gazetteer import BACKER, actor_code, default_gazetteer, sector_of
from newsgraph.resolve.namekey import lexicon
from newsgraph.resolve.roles import offices
from newsgraph.events.merge import (
    DISAGREE_DAYS, NOT_STATES, EventKey, Grouping, Places, event_key, group_reports, merged, party_sides, time_precision,
)
from newsgraph.events.timing import time_at
from newsgraph.time.document import document_times, time_near

Mark = tuple  # (start, end, entity type, entity, entity country, entity sector) of a linked mention
_APPOSITION = re.compile(r"(?:\s*\([A-Za-z.]{2,10}\))?,\s+(?:[A-Z][\w.'’-]*\s+){0,4}")
_LED_BY = re.compile(r",?\s+(?:(?:which|that|who) (?:is|was|are|were)\s+)?(?:led|headed|chaired|commanded|run) by\s+[^,.;:()]{0,80}")
_BARE_APPOSITION = re.compile(r"\s+(?:[A-Z][\w.'’-]*\s+){0,4}")  # "her counterpart Peter X"
_PRIORITY = ("PERSON", "ORG", "FAC", "GPE", "LOC", "NORP")
# the sides of a conflict named as such: "Osteria's warring parties", "the two sides", "both delegations"
_SIDES_OF = re.compile(r"\b(?:warring|rival|opposing|conflicting|two|both)\s+(?:parties|sides|factions|camps|"
                       r"delegations|rivals|foes)\b|\b(?:parties|sides|factions) to the (?:conflict|war|talks)\b|"
                       r"\brivals\b|^the parties$|\b(?:the|all|both) (?:two|three|four|five|six) (?:countries|states|nations|"
                       r"governments|leaders|men)\b|^both$", re.IGNORECASE)
_HOW_MANY = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_SIDE_WORDS = re.compile(r"\b(?:parties|sides|factions|camps|delegations|rivals|foes)\b", re.IGNORECASE)
_COUNT = re.compile(r"\b(two|both|three|four|five|six)\b", re.IGNORECASE)
# what joins the members of a coordinated list of actors: "A and B", "A, B and the C", "both A and B"
_JOINER = re.compile(r"(?:\s*,\s*|\s*,?\s+and\s+|\s+&\s+)(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}")
_BETWEEN = re.compile(r"\bbetween\s+([^,.;:()\n]{2,80}?)(?:\s*\([A-Z][A-Za-z.]{1,9}\))?,?\s+and\s+([^,.;:()\n]{2,80}?)(?=[,.;:()\n]|\s+(?:in|on|at|over|"
                      r"since|after|for|that|which|who|to|as|has|have|had|was|were|is|are)\b)")
_FIRST_PERSON = frozenset({"we", "i", "us", "me"})
_SAID = re.compile(r"\b(?:said|says|told|added|stated|was quoted as saying)\b")
_SPEAKS = re.compile(r"\s+(?:said|says|told|tells|added|adds|stated|wrote|writes|tweeted|noted|explained|insisted)\b")
_DATELINE_END = re.compile(r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?\s*(?::|\s[-–—]|\s?\()")
_LONGEST_MARK = 300  # characters: no mention starting this far before a phrase reaches into it
_LOOK_PAST = 300  # an apposition or "led by X" is read this far after a phrase
_GROUPS_PER_WRITE = 2000
_TITLED_DOCUMENTS = 200  # documents whose role claims are read at once
STORY_SIDES_DOCUMENTS = 2
_FALLS_ON_PLACES = frozenset({"ASSAULT", "COERCE"})  # acts whose recipient phrase may name only where they fell


def assemble(store, only: Sequence[str] | None = None) -> int:
    """Write the store's events, one per report; returns how many. :func:`merge_reports` then merges the
    reports of one happening (it needs the stories, which are grouped from these events' dates). ``only``:
    assemble these documents' reports and add them to the stored events (`add`)."""

    states = frozenset(e.id for e in store.entities_of_types(("GPE",)) if e.id == state_entity(e.country))

    def chunk(documents: list) -> Iterable[dict]:
        titles: dict[str, list[TitleGiven]] = {}
        for given in store.titles_given([d[0] for d in documents]):
            titles.setdefault(given.doc, []).append(given)
        for doc, published, text, mentions, marks, stored_times in documents:
            times = DocumentTimes(doc, text, published, stored_times)
            marks = _Marks(marks, text, states, titles.get(doc, ()))
            for em in mentions:
                yield _event(em, text, marks, times)

    def events():
        documents: list = []
        for document in store.event_documents(only=only):
            documents.append(document)
            if len(documents) == _TITLED_DOCUMENTS:
                yield from chunk(documents)
                documents = []
        yield from chunk(documents)

    return store.write_events(events()) if only is None else store.add_events(events())


@dataclass(frozen=True)
class MergeReport:
    """What :func:`merge_reports` did: the events left of those it read, and (with ``new``) the ids of the
    events it wrote: merged ones, and the new reports that joined none."""

    events: int
    written: tuple[str, ...] = ()


def merge_reports(store, new: Sequence[str] | None = None) -> MergeReport:
    """Merge the reports of one happening (:mod:`newsgraph.events.merge`), within and across documents,
    and drop headlines that name no parties and join no report. ``new``: merge only the reports of these
    documents, with each other and with the stored events they may tell of (`add`): the stored events that
    share a type and a side with them and a story or the dates around theirs. A stored event joins as the one
    report its merged body makes, and two stored events join only through a new report."""
    stories = store.document_stories()
    headlines = store.document_headlines() if new is None else {}  # with ``new``: those of the keys' documents
    codes = store.entities_of_types()
    known = Places(
        places=frozenset(e.id for e in codes if e.type in PLACE_TYPES
                         and (e.type != "GPE" or e.id != state_entity(e.country))),  # towns and regions, not states
        sides=party_sides(codes, store.roles(), state_entity),
        homes={e.id: state_entity(e.country) for e in codes
               if e.country and len(e.country) == 3 and e.country not in NOT_STATES},
        kinds={e.id: e.type for e in codes if e.type in PLACE_TYPES})

    def key(e: dict, shared: dict | None = None) -> EventKey:
        return event_key(e, stories.get(e["mentions"][0]["doc"]), _in_headline(e, headlines), known, shared)

    if new is None:  # type by type: reports of two types never merge, and memory holds one type's keys
        _name_story_sides(store, stories, store.events_without_actors())
        remain = 0
        for type_ in store.event_types():
            shared: dict = {}  # one copy of what the type's keys repeat
            keys = [key(e, shared) for e in store.event_key_rows(type_)]
            del shared
            remain += _write_merged(store, keys, group_reports(keys))
            del keys
        return MergeReport(remain)
    reports = store.events_of_documents(new)
    if _name_story_sides(store, stories, reports):
        reports = store.events_of_documents(new)  # as sides were named
    headlines.update(store.document_headlines(new))
    fresh = [key(e) for e in reports]
    near = _stored_near(store, fresh, known, stories, set(new))
    headlines.update(store.document_headlines([e["mentions"][0]["doc"] for e in near]))
    stored = [key(e) for e in near]
    keys = sorted(fresh + stored, key=lambda k: k.id)  # in id order, as a whole merge reads them
    found = group_reports(keys, settled=frozenset(i for i, k in enumerate(keys) if k.doc not in new))
    grouped = {i for group in found.groups for i in group[1:]} | set(found.dropped)
    leaders = {group[0] for group in found.groups}
    written = tuple(k.id for k in keys if k.id not in grouped and (k.doc in new or k.id in leaders))
    return MergeReport(_write_merged(store, keys, found), written)


def _write_merged(store, keys: list[EventKey], found: Grouping) -> int:
    """Drop and merge what ``found`` says, ``_GROUPS_PER_WRITE`` groups at a time (each chunk replaces its groups'
    reports in a transaction of its own: :meth:`replace_events_in_bulk`); returns how many of the keys' events
    remain."""

    def merged_chunks():
        for k in range(0, len(found.groups), _GROUPS_PER_WRITE):
            chunk = found.groups[k:k + _GROUPS_PER_WRITE]
            bodies = store.events_by_id([i for group in chunk for i in group])
            yield [merged([bodies[i] for i in group if i in bodies], found.reasons[group[0]]) for group in chunk]

    store.replace_events_in_bulk(found.dropped + [i for group in found.groups for i in group], merged_chunks())
    return len(keys) - len(found.dropped) - sum(len(g) - 1 for g in found.groups)


def _stored_near(store, fresh: list[EventKey], known: Places, stories: dict[str, str], new: set[str]) -> list[dict]:
    """The stored events (not of the ``new`` documents) that new reports with these keys may merge with: of
    their types, naming one of their sides (or an entity that acts for it), first told in their stories or
    dated within a day of the precise dates they give."""
    sides = {p for k in fresh for p in k.parties}
    entities = sides | {e for e, side in known.sides.items() if side in sides}
    precise = [k for k in fresh if k.parties and k.precise]
    window = (str(min(k.first for k in precise) - timedelta(days=DISAGREE_DAYS)),
              str(max(k.last for k in precise) + timedelta(days=DISAGREE_DAYS))) if precise else None
    near = store.events_near(sorted({k.type for k in fresh if k.parties}), sorted(entities),
                             sorted({stories[d] for d in new if d in stories}), window)
    return [e for e in near if e["mentions"][0]["doc"] not in new]


def state_entity(country: str | None) -> str:
    """The entity id of the state with this actor code (its country entity)."""
    return entity_id(f"country:{country}")


def _name_story_sides(store, stories: dict[str, str], events: Iterable[dict]) -> int:
    """Reports (of ``events``) that name "the warring parties" in a document that never says who they are
    take the sides the documents of their story set against each other (the pair most of them name so, when
    at least STORY_SIDES_DOCUMENTS do: one text's pair may be another war's); returns how many were given
    sides."""
    unnamed: dict[str, str] = {}  # event id -> story
    for e in events:
        story = stories.get(e["mentions"][0]["doc"])
        if story is not None and not e["actors"] and any(_SIDES_OF.search(t) for t in e.get("actor_text", [])):
            unnamed[e["id"]] = story
    if not unnamed:
        return 0
    wanted = set(unnamed.values())
    told: dict[str, Counter] = {}
    for doc, _published, text, _mentions, marks, _times in store.event_documents(
            only=[d for d, s in stories.items() if s in wanted]):
        sides = _Marks(marks, text).sides()
        if sides:
            told.setdefault(stories[doc], Counter())[tuple(sorted(sides))] += 1
    given = []
    for body in store.events_by_id(list(unnamed)).values():
        pairs = told.get(unnamed[body["id"]])
        if pairs and pairs.most_common(1)[0][1] >= STORY_SIDES_DOCUMENTS:
            sides = list(pairs.most_common(1)[0][0])
            phrase = next(t for t in body["actor_text"] if _SIDES_OF.search(t))
            given.append({**body, "actors": sides, "recipients": [r for r in body["recipients"] if r not in sides],
                          "merged_because": body.get("merged_because", []) + [
                              f"{phrase!r}: the sides the story's documents name"]})
    if given:
        store.replace_events([b["id"] for b in given], given)
    return len(given)


def _in_headline(event: dict, headlines: dict[str, int]) -> bool:
    """Is the event told in its document's first line (its headline)?"""
    m = event["mentions"][0]
    return m["start"] < headlines.get(m["doc"], 0)


class _Marks:
    """A document's marks in text order, found near a phrase by bisection (a long document has thousands)."""

    def __init__(self, marks: Sequence[Mark], text: str = "", states: frozenset[str] | None = None,
                 titles: Sequence[TitleGiven] = ()):
        self.marks = sorted(marks)
        self.titles = tuple(titles)  # the offices the document gives people
        self.states = states  # the states the store knows (None: any)
        self.starts = [m[0] for m in self.marks]
        self.text = text
        self._sides: tuple[str, ...] | None = None
        self._main_state: tuple[str, str] | tuple[()] | None = None  # (entity, country) of the text's one state
        # towns and facilities, which never act (a region may: "the Gulf states")
        self.places = frozenset(m[3] for m in self.marks if m[2] in ("GPE", "FAC") and m[3] != state_entity(m[4])
                                and m[5] != "GOV")

    def sides(self) -> tuple[str, ...]:
        """The two sides the document sets against each other ("fighting between A and B", "talks between
        A and B"): the pair of actors it names most often so, each side a person, body or state; () when
        it names none."""
        if self._sides is None:
            pairs: Counter = Counter()
            for found in _BETWEEN.finditer(self.text):
                left = self._actor_in(found.start(1), found.end(1))
                right = self._actor_in(found.start(2), found.end(2))
                if left and right and left != right:
                    pairs[(left, right)] += 1
            self._sides = pairs.most_common(1)[0][0] if pairs else ()
        return self._sides

    def army_of_main_state(self, described: str) -> str | None:
        """What "the army" or "the military" stands for in a text about one state (named, or its people
        "Varlandian", at least twice and in at least half of the text's mentions of states): that state's
        regular forces when the text names them, the state when it names no armed body of it, else None."""
        if not self.main_state():
            return None
        state, country = self.main_state()
        unit = self.unit(country, "MIL", described)
        armed = any(m[2] == "ORG" and m[4] == country and m[5] == "MIL" for m in self.marks)
        return unit if unit is not None else None if armed else state

    def holder(self, p: Participant) -> str | None:
        """Who a bare title stands for ("the prime minister", "the PM", "the emir"): the one person the
        document gives that office (a former holder never); None when the phrase is no bare title, or the
        document gives the office to no one or to several (two states' kings)."""
        title = _bare_title(p.text)
        held = {self._named_at(c.person_start) for c in self.titles if c.title == title and not c.former} if title else set()
        held.discard(None)
        return held.pop() if len(held) == 1 else None

    def _named_at(self, start: int) -> str | None:
        """The entity of the mention that starts at ``start``, if any."""
        k = bisect_left(self.starts, start)
        return self.marks[k][3] if k < len(self.marks) and self.starts[k] == start else None

    def main_state(self) -> tuple[str, str] | tuple[()]:
        """(entity, country) of the one state the text is about — named, or its people "Varlandian", at least
        twice and in at least half of the text's mentions of states — or () when there is none."""
        if self._main_state is None:
            counts = Counter((m[3], m[4]) for m in self.marks if m[2] in ("GPE", "NORP") and m[3] == state_entity(m[4]))
            top = counts.most_common(1)
            self._main_state = top[0][0] if top and top[0][1] >= 2 and 2 * top[0][1] >= sum(counts.values()) else ()
        return self._main_state

    def together(self, n: int, before: int) -> tuple[str, ...]:
        """The ``n`` actors the document names as one coordinated list ("Ostland and the Velm Front",
        "Ostland, Karst, Zarovia and Brin"), the last such list told before offset ``before``: what "both
        sides", "the two leaders" or "the four countries" refer back to; () when none is told before. A
        list longer than ``n`` is not one of ``n``; a town or a region in it is no actor (states are)."""
        actors = [m for m in self.marks[:bisect_left(self.starts, before)]
                  if m[1] <= before and m[3] not in self.places and not BACKER.match(self.text, m[1])
                  and (m[2] in ("PERSON", "ORG") or m[2] == "GPE" and m[3] == state_entity(m[4]))]
        found: tuple[str, ...] = ()
        run: list[Mark] = []
        for m in [*actors, None]:
            if m is not None and run and m[0] >= run[-1][1] and _JOINER.fullmatch(self.text, run[-1][1], m[0]):
                run.append(m)
                continue
            members = tuple(dict.fromkeys(x[3] for x in run))
            if len(members) == n and any(re.search(r"\band\b|&", self.text[a[1]:b[0]]) for a, b in zip(run, run[1:])):
                found = members
            run = [m] if m is not None else []
        return found

    def _actor_in(self, start: int, end: int) -> str | None:
        inside = [m for m in self.marks[bisect_left(self.starts, start):bisect_left(self.starts, end)]
                  if m[1] <= end and m[2] in ("PERSON", "ORG", "GPE") and m[3] not in self.places
                  and not BACKER.match(self.text, m[1])]  # "the Osterian-backed government": not Osteria
        if any(m[3] in self.places for m in self.marks[bisect_left(self.starts, start):bisect_left(self.starts, end)]):
            return None  # "between Varland and the Keltun region": places, not two sides
        ranked = sorted(inside, key=lambda m: (("ORG", "PERSON", "GPE").index(m[2]), m[0]))
        if ranked and ranked[0][2] == "GPE":  # "Osteria's army": the army, not the state
            code = actor_code(self.text[start:end])
            if code.sector and code.sector != "GOV" and code.country:
                return self.unit(code.country, code.sector, self.text[start:end]) or ranked[0][3]  # else the state
        return ranked[0][3] if ranked else None

    def unit(self, country: str | None, sector: str, described: str = "") -> str | None:
        """The one organisation of the document with this actor code ("the army" for the country's
        armed forces named in it; of any country when ``country`` is None: "the rebels" for the one
        rebel group it names), or None when it names none or several. Of several, a ``described`` state's
        regular forces ("the Varlandian army") are the one whose name is a regular force's ("Varland Armed
        Forces", not "Rapid Support Forces")."""
        found = {m[3] for m in self.marks if m[2] == "ORG" and (m[4] == country or country is None) and m[5] == sector}
        if len(found) > 1 and country and _REGULAR.search(described) and not _IRREGULAR.search(described):
            found = {m[3] for m in self.marks if m[3] in found and _REGULAR.search(self.text, m[0], m[1])
                     and not _IRREGULAR.search(self.text, m[0], m[1])}
        return found.pop() if len(found) == 1 else None

    def near(self, p: Participant) -> list[Mark]:
        """The marks that may overlap the phrase or follow it in apposition ("led by X")."""
        return self.marks[bisect_left(self.starts, p.start - _LONGEST_MARK):bisect_left(self.starts, p.end + _LOOK_PAST)]


def report_id(doc: str, trigger_start: int, type_: str) -> str:
    """The id of the event one report makes, before merging (the store computes it alike: newsgraph.store.events.REPORT_ID)."""
    return "V" + hashlib.sha1(f"{doc}:{trigger_start}:{type_}".encode()).hexdigest()[:12]


def _event(em: EventMention, text: str, marks: _Marks, times: DocumentTimes) -> dict:
    speaker = entity_of(em.attribution, text, marks.near(em.attribution), marks.states) if em.attribution else None
    actors = [e for e in _entities(em.actors, text, marks, speaker or _speaker(em, text, marks))
              if e not in marks.places]  # a town does not act ("Keltun agreed" is a misread); its government may
    recipients = [e for e in _entities(em.recipients, text, marks) if e not in actors]
    location = _place(em.location, text, marks)
    places = [e for e in recipients if e in marks.places] if em.type in _FALLS_ON_PLACES else []
    if places:  # "seized Keltun's airport": a town or a facility is where a blow falls, not a side (a state may be)
        recipients = [e for e in recipients if e not in places]
        location = location or places[0]
    time = times.of(em).as_dict()
    return {
        "id": report_id(em.doc, em.trigger.start, em.type),
        "type": em.type, "mode": em.mode, "context": list(em.context), "cameo": em.cameo,
        "actors": actors, "recipients": recipients,
        "location": location,
        "time": time, "time_precision": time_precision(time), "modality": em.modality,
        "attributed_to": speaker,
        "sources": 1, "merged_because": [],
        "magnitude": {kind: {"min": low, "max": high} for kind, low, high in em.magnitude} or None,
        "mentions": [{"doc": em.doc, "start": em.sentence_start, "end": em.sentence_end,
                      "sentence": text[em.sentence_start:em.sentence_end], "trigger": em.trigger.text,
                      "trigger_start": em.trigger.start, "trigger_end": em.trigger.end}],
        "actor_text": [p.text for p in em.actors], "recipient_text": [p.text for p in em.recipients],
        "published_day": times.published_day,
    }


def _entities(phrases: Sequence[Participant], text: str, marks: _Marks, speaker: str | None = None) -> list[str]:
    """The entities of the phrases: "the warring parties" are the document's sides, "we" in a quote is its
    speaker, a description by sector is the document's one body of that code, else what the phrase names."""
    out: list[str] = []
    for p in phrases:
        sides = _sides(p, marks) if _SIDES_OF.search(p.text) else ()
        first_person = speaker if p.text.lower() in _FIRST_PERSON else None
        found = list(sides) or [first_person or _described(p, marks) or entity_of(p, text, marks.near(p), marks.states)
                                or marks.holder(p)]
        out.extend(e for e in found if e and e not in out)
    return out


def _sides(p: Participant, marks: _Marks) -> tuple[str, ...]:
    """Who a plural description stands for: "the warring parties", "both sides" are the document's two
    sides ("between A and B": adversaries, which a list of actors named together is not); a counted
    group of actors ("both", "the two leaders", "the four countries") is those sides too when it counts
    two and the document names them so, else the last list of as many actors named together before it
    (:meth:`_Marks.together`)."""
    count = _COUNT.search(p.text)
    if count is None or _SIDE_WORDS.search(p.text):
        return marks.sides()
    n = _HOW_MANY[count.group(1).lower()]
    return (marks.sides() if n == 2 else ()) or marks.together(n, p.start)


def _speaker(em: EventMention, text: str, marks: _Marks) -> str | None:
    """Who speaks a quote the parse gave no speaker: a person or body named before "said", "told" or "was
    quoted as saying" in the event's sentence, outside the quotation marks."""
    sentence = text[em.sentence_start:em.sentence_end]
    found = _SAID.search(sentence)
    if found is None:
        return None
    said = em.sentence_start + found.start()
    before = [m for m in marks.marks[bisect_left(marks.starts, em.sentence_start):bisect_left(marks.starts, said)]
              if m[2] in ("PERSON", "ORG") and said - m[1] <= 40]
    return before[-1][3] if before else None


def _place(p: Participant | None, text: str, marks: _Marks) -> str | None:
    """The place a location phrase names: a place entity inside it, never a person or a body."""
    if p is None:
        return None
    inside = [m for m in marks.near(p) if m[0] < p.end and p.start < m[1] and m[2] in PLACE_TYPES]
    return inside[0][3] if inside else None


def _described(p: Participant, marks: _Marks) -> str | None:
    """A description by sector naming no organisation ("Ostland's military", "security forces", "the
    rebels") stands for the document's one organisation of that country and sector (of that sector when
    it names no country), if it has one."""
    if p.sector == "GOV" and not p.country and _BARE_GOVERNMENT.fullmatch(p.text.strip()):
        return marks.main_state()[0] if marks.main_state() else None  # "the government" of a text about one state
    if p.sector in (None, "GOV") or p.country and len(p.country) != 3 or _SIDES_OF.search(p.text):
        return None
    if not p.country and not _named_by_head(p) and not _BARE_ARMY.fullmatch(p.text.strip()):
        return None
    if any(m[2] not in ("GPE", "NORP", "LOC") for m in marks.near(p) if m[0] < p.end and p.start < m[1]):
        return None  # the phrase names an organisation or a person itself
    unit = marks.unit(p.country, p.sector, p.text)
    if unit is None and not p.country and p.sector == "MIL" and _BARE_ARMY.fullmatch(p.text.strip()):
        return marks.army_of_main_state(p.text)
    return unit


_DETERMINER = re.compile(r"^(?:the|his|her|its|their|our)\s+", re.I)


def _bare_title(phrase: str) -> str | None:
    """The office a phrase names with nothing else but a determiner ("the PM" → "prime minister"), or None."""
    pattern, forms = offices("office")
    found = pattern.fullmatch(_DETERMINER.sub("", phrase.strip()))
    title = forms[found.group(0).lower()].title if found else None
    return title if title in _ONE_HOLDER else None


# offices a state (or the UN) gives one person at a time: "the president" of a text is one man; "the minister",
# "the leader" or "the commander" may be any of several
_ONE_HOLDER = frozenset({"president", "vice president", "prime minister", "foreign minister", "defence minister",
                         "interior minister", "secretary-general", "king", "queen", "emir", "crown prince"})


# a state's regular armed forces, by the words of a description or a name ("the army", "Armed Forces"), and
# the words of irregular ones ("the paramilitary", "Rapid Support Forces", "militia")
_REGULAR = re.compile(r"\b(?:army|armed forces|defen[cs]e forces?|military)\b", re.I)
_BARE_GOVERNMENT = re.compile(r"(?:the\s+)?(?:government|regime|authorities)", re.I)  # no country, no adjective
_BARE_ARMY = re.compile(r"(?:the\s+)?(?:army|armed forces|military)", re.I)  # no country, no adjective
_IRREGULAR = re.compile(r"\b(?:paramilitar\w*|militias?|support forces|rebels?|insurgents?|guards?)\b", re.I)
_ANY_SIDE = frozenset({"force", "forces", "troop", "troops", "soldier", "soldiers", "fighter", "fighters", "unit",
                       "units", "gunman", "gunmen", "man", "men"})  # words every side's armed men go by
_BODY_WORDS = frozenset({"group", "groups", "movement", "faction", "factions", "organisation", "organization", "wing"})


def _named_by_head(p: Participant) -> bool:
    """Does the phrase's head word give its sector ("the militants", "the paramilitary group", "security
    forces"), and not a word any side's men go by ("the heroic fighters") nor a thing of the sector ("the
    army base")? A body word ("group") takes the sector of the word before it."""
    words = p.text.split()
    if not words:
        return False
    head, tail = words[-1].lower(), " ".join(words[-2:])
    if head in _ANY_SIDE:  # only as a compound with its own sector: "security forces"
        return len(words) >= 2 and sector_of(tail) == p.sector != sector_of(head)
    if head in _BODY_WORDS:  # "the militant group"
        return sector_of(tail) == p.sector
    return sector_of(head) == p.sector


def entity_of(p: Participant, text: str, marks: Sequence[Mark], states: frozenset[str] | None = None) -> str | None:
    """The entity a phrase names: by the mentions inside it, a person named in apposition to it,
    or the person a description is "led by"; a capital stands for its state when ``states`` (the
    store's, None: any) holds it."""
    inside = [m for m in marks if m[0] < p.end and p.start < m[1] and not BACKER.match(text, m[1])
              and not _dateline(m, text)]
    person = next((m for m in inside if m[2] == "PERSON"), None)
    if person:
        return person[3]
    apposition = _APPOSITION.match(text, p.end) or (_BARE_APPOSITION.match(text, p.end) if _ends_lower(p) else None)
    if apposition:
        # a title's apposition names its holder, however the tagger labelled the name ("president of the
        # region, Kiran Obel,")
        titled = _titled(p)
        named = next((m for m in marks if m[0] == apposition.end() or (m[0] >= p.end and m[0] <= apposition.end()
                                                                        and (m[2] == "PERSON" or titled))), None)
        if named and (named[2] == "PERSON" or titled and named[2] == "ORG") and not _SPEAKS.match(text, named[1]):
            return named[3]  # not the speaker after a quote's last word ("... military assets, Brin said")
    if not inside:
        led = _LED_BY.match(text, p.end)
        leader = next((m for m in marks if led and led.start() <= m[0] < led.end() and m[2] == "PERSON"), None)
        if leader:
            return leader[3]  # "the country's western government, led by X"
    ranked = sorted(inside, key=lambda m: (_PRIORITY.index(m[2]) if m[2] in _PRIORITY else 9, m[0]))
    if ranked and ranked[0][2] in PLACE_TYPES and _SIDES_OF.search(p.text):
        return None  # "Osteria's warring parties" are the sides of a war there, not its state
    if ranked and ranked[0][2] in _STATE_MARKS and p.sector in NOT_THE_STATE and ranked[0][3] == state_entity(ranked[0][4]):
        return None  # "the Osterian armed opposition", "Osterian state television": of the state's people, not it
    if ranked and ranked[0][2] in ("GPE", "LOC") and p.sector == "GOV" and p.country and len(p.country) == 3 \
            and p.country not in ("IGO", "NGO", "IMG") and (states is None or state_entity(p.country) in states) \
            and _state_or_capital(ranked[0], text):
        return state_entity(p.country)  # "Cairo has supplied ...": the capital speaks for its state
    return ranked[0][3] if ranked else None


# sectors of bodies that a state's name or adjective describes but that do not act for the state
NOT_THE_STATE = frozenset({"REB", "OPP", "MED"})
_STATE_MARKS = frozenset({"GPE", "NORP"})


def _state_or_capital(m: Mark, text: str) -> bool:
    """Is the place mark a state or its capital, which may speak for the state ("Cairo has supplied"), not a
    region or a town in it ("the president of the Osk region" heads the region, not the state)?"""
    return m[3] == state_entity(m[4]) or any(h.entry.kind == "capital" for h in default_gazetteer().hits(text[m[0]:m[1]]))


def _dateline(m: Mark, text: str) -> bool:
    """A place that opens a line and is followed by a colon or a dash ("KELTUN: ...", "Keltun —"): the
    dateline, which a parse may glue to the first sentence's subject, names no actor."""
    line_start = m[0] == 0 or text[max(0, m[0] - 1)] == "\n"
    return m[2] in PLACE_TYPES and line_start and bool(_DATELINE_END.match(text, m[1]))


def _titled(p: Participant) -> bool:
    """A phrase that is a person's title: its first word after a determiner is a title ("the president of
    the region", "Foreign Minister")."""
    words = [w.lower() for w in p.text.split()]
    words = words[1:] if words[:1] in (["the"], ["a"], ["an"]) else words
    return bool(words) and (words[0] in lexicon().titles or " ".join(words[:2]) in lexicon().titles)


def _ends_lower(p: Participant) -> bool:
    """A phrase ending in a common noun ("her Kenyan counterpart"), which a name may follow in apposition."""
    last = p.text.split()[-1] if p.text.split() else ""
    return last[:1].islower()


class DocumentTimes:
    """The dated time expressions of one document (stored by the build, or found again for a document
    stored before they were) and the time of each event."""

    def __init__(self, doc: str, text: str, published: Time, stored: Sequence[TimeMention] | None = None):
        self.published = published
        # "by publication" is a day only when the document's publication is one; else it is just a bound
        self.published_day = bool(published.value and re.fullmatch(r"\d{4}-\d\d-\d\d", published.value))
        self.found = list(stored) if stored is not None else document_times(doc, text, published)

    def of(self, em: EventMention) -> Time:
        """The dated expression the parse attaches to the event (:mod:`newsgraph.events.timing`); when it
        attaches none, or one without a date, 'by publication'. An event without ``time_at`` (its sentence
        has no time expression, or it was coded before the field) takes the dated expression of its
        sentence nearest its trigger."""
        by_publication = Time(None, None, self.published.value or self.published.latest, None)
        if em.time_at is None:
            return self._nearest(em) or by_publication
        return time_at(self.found, em.time_at, em.sentence_start, em.sentence_end) or by_publication

    def _nearest(self, em: EventMention) -> Time | None:
        return time_near(self.found, em.sentence_start, em.sentence_end, em.trigger.start)

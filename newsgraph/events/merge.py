"""One event per real-world happening: every report of it, in one document or several, is merged.

Public entry points: :func:`group_reports` (the groups of assembled events to merge, each with its
reasons, and the events to drop) and :func:`merged` (one event body from a group's bodies).

Two reports are one happening when all of these hold (:func:`same_happening`):

- same PLOVER type and same modality ("met" and "did not meet" are not one event), where a hedged
  report ("reportedly met") tells of the same act as a plain one (the merged event is asserted when
  a report asserts it), and within one text a plan and its doing ("will step aside", "stepped
  aside") are one happening;
- their places agree when both have one (a town and the state it lies in agree);
- their times agree: two dated intervals overlap (across documents, two precise ones may also be a
  day apart: sources disagree about midnight and "Wednesday"; the merged event covers both and says
  so); an event known only to have happened by its report's publication is not dated after it;
- their parties agree: the actors share an entity or one side names none, and so do the recipients,
  and the two share a party at all (a reversed pair, "A accuses B" / "B accuses A", does not); for
  symmetric types (CONSULT, AGREE…) one set of parties holds the other or they share two (a
  visitor's meetings with two hosts stay two meetings); a recipient that is a facility or a place
  ("the army's base") is where the act fell, not a side, and is left out of this;
- across documents there must be evidence that the two documents tell one story: the same story
  (:mod:`newsgraph.events.grouping`), or two precise dates that overlap. Two documents are always
  two sources, and near duplicates were dropped at ingest, so a wire copy counts once.

Within one document, a report with no parties ("the talks", a headline "Ceasefire agreed") joins the
document's one group of its type and modality when there is exactly one, or of several the one told
last before it (a definite "the attack" refers back); a headline that joins none
is dropped, as it names no actors, and so is a plan or a supposition that names no one ("aimed at
stopping the violence"): it is no event. Groups grow by complete linkage: a report joins a group, or two
groups join, only when every pair across them agrees on time and place and the parties of the two
groups taken together agree, so a chain A~B, B~C never glues A to a C whose date, place or sides
conflict with A's. Each merge keeps its reason in the event's ``merged_because``.

Cost: reports are compared only within blocks — (document, type, modality), (story, type, modality,
party) and, for precise dates, (type, modality, party) in time order while the intervals overlap.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np

from newsgraph.records import Entity, Role

SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE", "MOBILIZE"})
ADDRESSED = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"})  # words aimed at someone
HAPPENED = frozenset({"asserted", "claimed"})  # modalities of an act said to have happened
TOLD = HAPPENED | {"future", "offered"}  # ... or to be going to happen
UNREAL = frozenset({"future", "hypothetical", "offered"})  # what is not said to have happened
ALLEGED = "alleged"  # the context the coder gives an accusation's content
NOT_STATES = frozenset({"IGO", "NGO", "IMG", "MNC", "UNK"})  # three-letter actor codes that are not a state
MAX_DAYS = 31  # an interval wider than this ("in 2018") cannot tell two happenings apart
DISAGREE_DAYS = 1  # two precise dates this far apart may be one happening told by two sources
BLOCK_LIMIT = 300
FIT_CHECKS = 64  # reports of a group a report without parties is checked against
_YEARLESS = re.compile(r"XXXX-(\d\d)(?:-(\d\d))?")  # "July 9", "July" in a text that gives no year
_WEEKDAY = re.compile(r"XXXX-WXX-([1-7])")  # "Wednesday" in a text that gives no date to count from


@dataclass(frozen=True, slots=True)
class EventKey:
    """What merging needs to know of an assembled event. Slotted, with what the checks read derived once
    (``stance``, ``told``, ``parties``, ``precise``): a whole merge holds the keys of a type's every report."""

    id: str
    doc: str
    story: str | None
    type: str
    modality: str
    actors: frozenset[str]
    recipients: frozenset[str]
    location: str | None
    region: str | None  # the state the location lies in (its own id for a state)
    location_kind: str | None  # GPE, LOC or FAC
    recipient_states: frozenset[str]  # the states the recipients belong to or lie in, but a state that acts
    first: date | None  # the event's interval (an undated event: None, or its publication bound as last)
    last: date | None
    dated: bool  # the interval comes from a time expression, not from the publication date
    headline: bool  # told in the document's first line
    start: int = 0  # where its sentence starts in the document
    named: bool = True  # it names an actor or a recipient at all (a place counts)
    alleged: bool = False  # told only as what someone is accused of ("accused X of supporting ...")
    when: str | None = None  # the value of its own time expression ("XXXX-04-07", "2015")
    phrased: bool = True  # a phrase was read as its actor or recipient, named or only described ("officers")
    # The modality as merging compares it: a hedged report ("allegedly attacked") tells of the same act as a
    # plain one; a plan, an offer or a denial is another event; so is an accusation's content ("accused X of
    # supporting terrorism" tells of no act that a report of X's support tells).
    stance: str = field(init=False, repr=False, compare=False)
    # The modality as merging within one text compares it: the plan and its doing ("will step aside", "stepped
    # aside") are one happening as one text tells it; a denial, a supposition or an accusation's content is not.
    told: str = field(init=False, repr=False, compare=False)
    parties: frozenset[str] = field(init=False, repr=False, compare=False)
    precise: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        alleged = self.alleged
        set_ = object.__setattr__
        set_(self, "stance", ALLEGED if alleged else "asserted" if self.modality in HAPPENED else self.modality)
        set_(self, "told", ALLEGED if alleged else "told" if self.modality in TOLD else self.modality)
        set_(self, "parties", self.actors | self.recipients if self.recipients else self.actors)
        set_(self, "precise", self.dated and self.first is not None and self.last is not None
             and (self.last - self.first).days <= MAX_DAYS)


@dataclass
class Grouping:
    """What :func:`group_reports` found: groups of two or more ids (earliest-added first) with the
    reasons of their merges, and the ids of reports naming no one that joined nothing."""

    groups: list[list[str]] = field(default_factory=list)
    reasons: dict[str, list[str]] = field(default_factory=dict)  # first id of a group -> reasons
    dropped: list[str] = field(default_factory=list)


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso and len(iso) >= 10 else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Places:
    """What merging knows of the store's entities as places and sides (see :func:`event_key`)."""

    places: frozenset[str] = frozenset()  # towns, regions, facilities: no side
    sides: Mapping[str, str] = field(default_factory=dict)  # entity -> the side it acts for (party_sides)
    homes: Mapping[str, str] = field(default_factory=dict)  # entity -> the state it belongs to or lies in
    kinds: Mapping[str, str] = field(default_factory=dict)  # place -> GPE, LOC or FAC


def event_key(event: dict, story: str | None = None, headline: bool = False, known: Places = Places(),
              shared: dict | None = None) -> EventKey:
    """The key of an assembled event. Recipients among ``known.places`` (facilities, towns, regions: "the
    army's base") are where an act fell, not a side: they neither join nor part two reports; nor is such a
    place an actor ("the Gulf"). ``known.sides`` maps an entity to the side it acts for
    (:func:`party_sides`): the key's parties are sides. ``known.homes`` maps an entity to the state it
    belongs to or lies in, so that "in Kampala" and "in Uganda" agree. ``shared``, when given, keeps one copy
    of each value the keys repeat (documents, sets of parties, days), for a merge that holds many keys."""
    t = event.get("time") or {}
    side, home = known.sides.get, known.homes.get
    one = _itself if shared is None else lambda value: shared.setdefault(value, value)
    actors = one(frozenset(side(a, a) for a in event["actors"] if a not in known.places or a in known.sides))
    recipients = one(frozenset(side(r, r) for r in event["recipients"] if r not in known.places) - actors)
    location = event.get("location")
    first, last = _day(t.get("earliest")), _day(t.get("latest"))
    return EventKey(event["id"], one(event["mentions"][0]["doc"]), story, one(event["type"]),
                    one(event.get("modality") or "asserted"), actors, recipients, location, home(location or ""),
                    known.kinds.get(location or ""), one(frozenset(h for r in recipients if (h := home(r))) - actors),
                    first if first is None else one(first), last if last is None else one(last), bool(t.get("text")),
                    headline, event["mentions"][0].get("start", 0), bool(event["actors"] or event["recipients"]),
                    ALLEGED in (event.get("context") or ()), t.get("value") if t.get("text") else None,
                    event["phrased"] if "phrased" in event else bool(event.get("actor_text") or event.get("recipient_text")))


def _itself(value):
    return value


def party_sides(entities: Iterable[Entity], roles: Iterable[Role], state_of: Callable[[str], str]) -> dict[str, str]:
    """entity id -> the side it acts for in an event, for the entities that act for another:

    - a person who holds a current office of an organisation acts for it ("the RSF commander"), and of
      a state for the state ("the Osterian prime minister");
    - a government, or a person or body coded as its government (country code and sector GOV), acts
      for the state, ``state_of(country)``; an army, a party or a rebel group is a side of its own
      (two armed forces of one country fight each other).

    Reports of one happening name its sides differently ("the premier met Brin", "Osteria received the
    Brigades' leader"); comparing sides lets them merge, while two hosts or two enemies stay apart."""
    codes = {e.id: e for e in entities}
    offices: dict[str, Counter] = defaultdict(Counter)
    for r in roles:
        held = codes.get(r.of or "")
        if not r.former and held is not None and held.type in ("ORG", "GPE") and r.entity in codes:
            offices[r.entity][r.of] += len(r.evidence) or 1

    def governs(e: Entity) -> str | None:
        if e.sector == "GOV" and e.country and len(e.country) == 3 and e.country not in NOT_STATES:
            return state_of(e.country)
        return None

    def body(e: Entity) -> str | None:  # what an organisation or a state entity stands for
        if e.type == "GPE" and e.country and len(e.country) == 3 and e.country not in NOT_STATES:
            return state_of(e.country) if e.id == state_of(e.country) else None
        return governs(e) if e.type == "ORG" else None

    out: dict[str, str] = {}
    for e in codes.values():
        if e.type == "PERSON":
            held = [codes[o] for o, _n in offices[e.id].most_common()]
            side = next((body(h) or (h.id if h.type == "ORG" else None) for h in held), None) or governs(e)
        elif e.type == "ORG":
            side = governs(e)
        else:
            side = None
        if side and side != e.id:
            out[e.id] = side
    return out


def same_happening(a: EventKey, b: EventKey) -> str | None:
    """Why ``a`` and ``b`` report one happening, or None when they may not (see the module docstring)."""
    if a.type != b.type or _places_differ(a, b) or \
            (a.told != b.told if a.doc == b.doc else a.stance != b.stance):
        return None
    when = _times_agree(a, b)
    if when is None:
        return None
    who = _parties_agree(a, b)
    if who is None:
        return None
    if a.doc == b.doc:
        return f"same document, {a.type} {a.told if a.stance != b.stance else a.stance}, {who}, {when}"
    if a.type in ADDRESSED and not (a.recipients and b.recipients) and not (a.precise and b.precise) and not (
            a.type != "REQUEST" and (a.recipients or b.recipients) and a.story and a.story == b.story):
        # "X urged" and "X ordered the army" in two texts: which request is unknown (a leader asks many);
        # "X vowed to widen its attacks" and "X threatened Y" in one story are one threat
        return None
    if a.story and a.story == b.story:
        return f"same story {a.story}, {a.type} {a.stance}, {who}, {when}"
    if a.precise and b.precise and "overlap" in when:
        return f"{a.type} {a.stance}, {who}, {when}"
    return None


def _times_agree(a: EventKey, b: EventKey, same_doc: bool | None = None) -> str | None:
    """Why the two reports' times let them be one happening, or None; ``same_doc`` says whether to read them as
    told in one document (by default, whether they are)."""
    same_doc = a.doc == b.doc if same_doc is None else same_doc
    if a.dated and b.dated:
        if a.first is None or b.first is None or a.last is None or b.last is None:
            if same_doc and a.when != b.when:
                return None  # one text dating two reports apart ("on April 7" / "in 2015") tells two acts
            return "dates open"
        if a.first <= b.last and b.first <= a.last:
            return "dates overlap"
        slack = timedelta(days=DISAGREE_DAYS)
        if not same_doc and a.precise and b.precise and a.first <= b.last + slack and b.first <= a.last + slack:
            return "dates a day apart (sources disagree)"
        return None
    dated, bound = (a, b) if a.dated else (b, a)
    if dated.dated and bound.last is not None and dated.first is not None and dated.first > bound.last:
        return None  # dated after the other report was published
    return "one report undated"


def _parties_agree(a: EventKey, b: EventKey) -> str | None:
    shared = a.parties & b.parties
    if not shared:
        return None
    if a.type in SYMMETRIC:  # one visitor's meetings with two hosts are two meetings
        if not (len(shared) >= 2 or a.parties <= b.parties or b.parties <= a.parties):
            return None
        return f"shared parties {', '.join(sorted(shared))}"
    actors_ok = not a.actors or not b.actors or bool(a.actors & b.actors)
    recipients_ok = not a.recipients or not b.recipients or bool(a.recipients & b.recipients) \
        or bool(a.recipient_states & b.recipient_states)  # "attacked the army" / "attacked the country"
    # (a state's dealings with its own army and its own people are not one act: those states are left out)
    if not (actors_ok and recipients_ok):
        return None
    return f"shared parties {', '.join(sorted(shared))}"


def group_reports(keys: list[EventKey], settled: frozenset[int] = frozenset()) -> Grouping:
    """Group the keys' events into happenings (see the module docstring). ``settled``: the indices of keys
    already grouped by an earlier merge (stored events), which are compared with the others but never with
    each other."""
    group = array("q", range(len(keys)))  # each key's group, named by its first member
    # a group's members, per group of two or more (a key alone is its own group's one member)
    members: dict[int, list[int]] = {}
    # per group of two or more, one member of each distinct profile (what the pairwise checks read) with the
    # documents its members of that profile come from (see _own_profile for a key alone)
    profiles: dict[int, dict[tuple, tuple[int, set[str]]]] = {}
    together: dict[int, EventKey] = {}  # per group of two or more, the parties of all
    reasons: dict[int, list[str]] = defaultdict(list)
    for i, j in _candidate_pairs(keys, settled):
        gi, gj = group[i], group[j]
        if gi == gj or not _joinable(keys, profiles.get(gi) or _own_profile(keys, gi),
                                     profiles.get(gj) or _own_profile(keys, gj),
                                     together.get(gi, keys[gi]), together.get(gj, keys[gj])):
            continue
        keep, gone = min(gi, gj), max(gi, gj)
        together[keep] = _united(together.get(keep, keys[keep]), together.pop(gone, keys[gone]))
        kept = profiles.setdefault(keep, profiles.get(keep) or _own_profile(keys, keep))
        for profile, (m, docs) in (profiles.pop(gone, None) or _own_profile(keys, gone)).items():
            if profile not in kept:
                kept[profile] = (m, docs)
            else:
                first, known = kept[profile]
                if len(known) < len(docs):
                    known, docs = docs, known
                known |= docs
                kept[profile] = (first, known)
        members[keep] = members.get(keep, [keep]) + members.pop(gone, [gone])
        for m in members[keep]:
            group[m] = keep
        reasons[keep] += reasons.pop(gone, []) + [f"{keys[i].id} + {keys[j].id}: {same_happening(keys[i], keys[j])}"]
    dropped = _attach_partyless(keys, group, members, reasons)
    out = Grouping(dropped=[keys[i].id for i in dropped])
    for g in sorted(members):
        ms = members[g]
        if len(ms) > 1:
            ms.sort()
            out.groups.append([keys[m].id for m in ms])
            out.reasons[keys[ms[0]].id] = reasons[g]
    return out


def _own_profile(keys: list[EventKey], i: int) -> dict[tuple, tuple[int, set[str]]]:
    """The profiles of a group of one key: its own, with its document."""
    return {_profile(keys[i]): (i, {keys[i].doc})}


def _profile(k: EventKey) -> tuple:
    """What the pairwise checks of :func:`_joinable` read of a report but its document: two reports of one
    profile pass or fail them alike, so a group of a thousand reports is checked as its few profiles."""
    meeting = k.parties if k.type in SYMMETRIC and len(k.parties) >= 2 else None
    return k.dated, k.first, k.last, k.location, k.region, k.location_kind, meeting, k.when


def _joinable(keys: list[EventKey], left: dict[tuple, tuple[int, set[str]]], right: dict[tuple, tuple[int, set[str]]],
              left_all: EventKey, right_all: EventKey) -> bool:
    """May two groups join? Every pair across them agrees on time and place and tells of one meeting, and
    the parties of the two groups taken together agree (each report names only some of a happening's
    parties). Pairs are checked one per two profiles: as two reports of one document, when the two
    profiles share a document (that check is the stricter: it passes only where the other does), else as
    reports of two documents."""
    for m, left_docs in left.values():
        for n, right_docs in right.values():
            a, b = keys[m], keys[n]
            same = not left_docs.isdisjoint(right_docs)
            if _times_agree(a, b, same) is None or _places_differ(a, b) or _meetings_differ(a, b):
                return False
    return _parties_agree(left_all, right_all) is not None


def _meetings_differ(a: EventKey, b: EventKey) -> bool:
    """Two reports of a symmetric event that each name two sides or more, sharing one and differing in the
    others, tell of two meetings (a visitor with two hosts), however a report naming all three bridges them."""
    if a.type not in SYMMETRIC or len(a.parties) < 2 or len(b.parties) < 2:
        return False
    return not (a.parties <= b.parties or b.parties <= a.parties or len(a.parties & b.parties) >= 2)


def _united(a: EventKey, b: EventKey) -> EventKey:
    """The first key with the parties of both (a group's parties, grown as groups join)."""
    actors = a.actors | b.actors
    return replace(a, actors=actors, recipients=(a.recipients | b.recipients) - actors,
                   recipient_states=a.recipient_states | b.recipient_states)


def _candidate_pairs(keys: list[EventKey], settled: frozenset[int] = frozenset()) -> Iterator[tuple[int, int]]:
    """The pairs (i, j) worth comparing, in the order they are tried (their reason is asked again when they
    merge: a big type has millions of candidates, and few merge): same document first, then same story, then
    precise dates; within each, pairs whose dates agree before those with a date open or missing (an undated
    report waits until the dated groups have formed, then joins the one it shares the most parties with, not
    the first one told), and pairs sharing more parties first, then a headline with its document's lead
    (:func:`_leads`) before it with another report, then by i and j. A pair found in two blocks of
    different ranks is tried at each. Each candidate is kept as one integer (rank, tier, parties not shared,
    not a lead, i, j in bit fields, so that their order is the order of those numbers), not as a tuple of five."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        if not k.parties:
            continue
        blocks[("doc", k.doc, k.type, k.told)].append(i)
        for party in k.parties:
            if k.story:
                blocks[("story", k.story, k.type, k.stance, party)].append(i)
            if k.precise:
                blocks[("dated", k.type, k.stance, party)].append(i)
    width = max(1, len(keys)).bit_length()
    most = max((len(k.parties) for k in keys), default=0)  # no pair shares more parties than this
    shift = most.bit_length() + 1  # and one bit: not a headline's lead (see _leads)
    fits = 4 + shift + 2 * width <= 63  # rank * 3 + tier < 16
    leads = _leads(keys, blocks)
    codes: array | list = array("q") if fits else []
    for name, block in blocks.items():
        if name[0] == "dated":
            block.sort(key=lambda i: (keys[i].first, i))
        for pos, i in enumerate(block):
            for j in block[pos + 1:pos + 1 + BLOCK_LIMIT]:
                if name[0] == "dated" and keys[j].first > keys[i].last + timedelta(days=DISAGREE_DAYS):
                    break
                if i in settled and j in settled:
                    continue
                why = same_happening(keys[i], keys[j])
                if why is not None:
                    rank = 0 if keys[i].doc == keys[j].doc else 1 if name[0] == "story" else 2
                    tier = 0 if "dates overlap" in why or "apart" in why else 1 if "dates open" in why else 2
                    shared = len(keys[i].parties & keys[j].parties)
                    aside = rank == 0 and (keys[i].headline or keys[j].headline) and not {i, j} & leads
                    codes.append(((((rank * 3 + tier) << shift) | (most - shared) << 1 | aside) << 2 * width)
                                 | (min(i, j) << width) | max(i, j))
    del blocks
    if fits:  # sorted in the array's own memory (np.unique would hold two more copies of it)
        ordered = np.frombuffer(codes, dtype=np.int64)
        ordered.sort()
    else:
        ordered = sorted(set(codes))
    mask = (1 << width) - 1
    last = -1
    for lo in range(0, len(ordered), 1 << 16):
        for code in (ordered[lo:lo + (1 << 16)].tolist() if fits else ordered[lo:lo + (1 << 16)]):
            if code != last:  # a pair found in two blocks of one rank is tried once
                last = code
                yield (code >> width) & mask, code & mask


def _leads(keys: list[EventKey], blocks: dict[tuple, list[int]]) -> set[int]:
    """Of each document's reports of a type with parties (not its headline), the one told first: what a
    headline sums up. Among equal candidates a headline joins it, not a background "In May, ..." report."""
    out = set()
    for name, block in blocks.items():
        if name[0] == "doc" and any(keys[i].headline for i in block):
            body = [i for i in block if not keys[i].headline]
            if body:
                out.add(min(body, key=lambda i: (keys[i].start, i)))
    return out


def _attach_partyless(keys: list[EventKey], group: Sequence[int], members: dict[int, list[int]],
                      reasons: dict[int, list[str]]) -> list[int]:
    """Reports with no parties join their document's one group of their type and modality (with
    parties, times agreeing), or of several the one told last before them: "the attack", "the talks"
    refer back. Those that join none are returned, to be dropped: headlines; plans and suppositions that
    name no one ("a future dominated by cooperation"); and reports with no actor or recipient at all,
    neither named nor described, nor a place ("international criticism", "humanitarian warnings", "a
    ban has been imposed"), which tell of no act between actors. An act by someone the text describes
    but does not name ("officers from both regions agreed") stays, and so does one at a named place (an
    event "where", as in ACLED)."""
    told: dict[tuple, list[tuple[int, int]]] = defaultdict(list)  # block -> (start, report) of those with parties
    for i, k in enumerate(keys):
        if k.parties:
            told[(k.doc, k.type, k.told)].append((k.start, i))
    for entries in told.values():
        entries.sort()
    starts = {block: [start for start, _ in entries] for block, entries in told.items()}
    groups = {block: {group[i] for _, i in entries} for block, entries in told.items()}
    dropped = []
    for i, k in enumerate(keys):
        if k.parties:
            continue
        block = (k.doc, k.type, k.told)
        only = next(iter(groups[block])) if len(groups.get(block, ())) == 1 else None
        before = bisect_right(starts.get(block, []), k.start) - 1
        g = only if only is not None else group[told[block][before][1]] if before >= 0 else None
        if g is not None and _fits(k, keys, members.get(g) or [g]):
            why = (f"the document's one {k.type} {k.stance} report with parties" if only is not None else
                   f"the document's {k.type} {k.stance} report with parties told last before it ('the attack')")
            members.setdefault(g, [g]).append(i)
            members.pop(i, None)
            group[i] = g
            reasons[g].append(f"{k.id}: names no parties; {why}")
        elif k.headline or (not k.named and (k.modality in UNREAL or not k.location and not k.phrased)):
            dropped.append(i)
    return dropped


def _fits(k: EventKey, keys: list[EventKey], members: list[int]) -> bool:
    """Does a report agree in time and place with a group's reports that could disagree (those with a date
    or a place; at most FIT_CHECKS of them, so that a long text's thousand reports cost no square)?"""
    telling = [m for m in members if keys[m].dated or keys[m].location][:FIT_CHECKS]
    return all(_times_agree(k, keys[m]) and not _places_differ(k, keys[m]) for m in telling)


def _places_differ(a: EventKey, b: EventKey) -> bool:
    """Two places differ when they lie in different states, or are two towns (or two facilities, or two
    regions); a state and a place in it (or a place whose state is unknown), or a town and a hall or a
    region (of its state, when known), may be one place told at two scales."""
    if not (a.location and b.location) or a.location == b.location \
            or a.location == b.region or b.location == a.region:
        return False
    if (a.location == a.region and not b.region) or (b.location == b.region and not a.region):
        return False  # "in Varland" and "in Keltun", a town of no known state
    if a.region and b.region and a.region != b.region:
        return True
    return a.location_kind == b.location_kind


def merged(bodies: list[dict], reasons: list[str] = ()) -> dict:
    """One event from the bodies of its reports (the first is the group's leader)."""
    lead = bodies[0]
    actors = _union(b["actors"] for b in bodies)
    recipients = [r for r in _union(b["recipients"] for b in bodies) if r not in actors]
    time, disagreement = merged_time([b.get("time") or {} for b in bodies], [b.get("published_day", True) for b in bodies])
    mentions = [m for b in bodies for m in b["mentions"]]
    modalities = {b.get("modality") or "asserted" for b in bodies}
    return {
        **lead, "actors": actors, "recipients": recipients, "time": time, "time_precision": time_precision(time),
        "modality": "asserted" if "asserted" in modalities else lead.get("modality") or "asserted",
        "location": next((b["location"] for b in bodies if b.get("location")), None),
        "attributed_to": next((b["attributed_to"] for b in bodies if b.get("attributed_to")), None),
        "sources": len({m["doc"] for m in mentions}), "mentions": mentions,
        "magnitude": merged_magnitude([b.get("magnitude") for b in bodies]),
        "merged_because": _union(b.get("merged_because", []) for b in bodies) + list(reasons)
        + ([disagreement] if disagreement else []),
        "actor_text": _union(b.get("actor_text", []) for b in bodies),
        "recipient_text": _union(b.get("recipient_text", []) for b in bodies),
        "published_day": any(b.get("published_day", True) for b in bodies),
    }


def merged_magnitude(sizes: list[dict | None]) -> dict | None:
    """PLOVER's size fields over a happening's reports: per kind (dead, injured, ...), from the lowest
    number any report states to the highest ("at least 12" and "15 killed": 12 to 15; reports that
    disagree give a range, not one number); the top stays open when no report closes it."""
    out: dict[str, dict] = {}
    kinds = dict.fromkeys(k for size in sizes for k in (size or {}))
    for kind in kinds:
        ranges = [size[kind] for size in sizes if size and kind in size]
        lows = [r["min"] for r in ranges if r.get("min") is not None]
        highs = [r["max"] for r in ranges if r.get("max") is not None]
        numbers = lows + highs
        out[kind] = {"min": min(numbers) if numbers else None, "max": max(numbers) if highs else None}
    return out or None


def merged_time(times: list[dict], published_days: list[bool] | None = None) -> tuple[dict, str | None]:
    """The time of a happening from its reports' times, and a note when they disagree.

    Of the reports' closed intervals (precise ones, at most MAX_DAYS wide, when there are any), the
    narrowest, and of those the one that overlaps most of the others; reports whose intervals miss it
    disagree: the
    time is then the interval that covers them all, with the chosen value only when more than half of
    the reports give it. No closed interval: a year-less day or month, or a weekday of no known week, read
    as the latest such day on or before the first report's publication — only a report whose document has a
    publication day (``published_days``) gives one: an upper bound such as a page's saved date may be years
    after the article — else the first open interval ("after 30 October"), else the earliest publication
    bound ("by" the first report)."""
    dated = [t for t in times if t.get("text")]
    closed = [t for t in dated if _day(t.get("earliest")) and _day(t.get("latest"))]
    pool = [t for t in closed if _width(t) <= MAX_DAYS] or closed
    if not pool:
        days = published_days or [True] * len(times)
        bounds = [d for d in (_day(t.get("latest")) for t in times if not t.get("text")) if d]
        exact = [d for d in (_day(t.get("latest")) for t, day in zip(times, days) if day and not t.get("text")) if d]
        yearless = next((y for y in (_in_year_before(t, min(exact)) for t in dated) if y), None) if exact else None
        if yearless:
            return yearless, f"{yearless['text']!r} read as the last such day on or before the first report's " \
                             f"publication ({min(bounds)})"
        if dated:
            return dict(dated[0]), None
        by = min(bounds).isoformat() if bounds else None
        return {"value": None, "earliest": None, "latest": by, "text": None}, None
    best = min(pool, key=lambda t: (_width(t), -sum(_overlap(t, u) for u in pool)))
    apart = [u for u in pool if not _overlap(best, u)]
    if not apart:
        return dict(best), None
    support = sum(_overlap(best, u) for u in pool)
    lo = min(_day(u["earliest"]) for u in [best, *apart])
    hi = max(_day(u["latest"]) for u in [best, *apart])
    value = best.get("value") if 2 * support > len(pool) else None
    note = (f"sources disagree on the date: {', '.join(sorted({u.get('value') or '?' for u in pool}))}"
            + (f" ({value} in {support} of {len(pool)} dated reports)" if value else ""))
    return {"value": value, "earliest": lo.isoformat(), "latest": hi.isoformat(),
            "text": " / ".join(sorted({u["text"] for u in [best, *apart]}))}, note


def _in_year_before(t: dict, bound: date) -> dict | None:
    """A year-less day or month ("July 9": XXXX-07-09), or a weekday of no known week ("Wednesday":
    XXXX-WXX-3), read as its last occurrence on or before ``bound``, the day a report of the same
    happening was published (and not before the expression's own earliest bound, when it has one)."""
    weekday = _WEEKDAY.fullmatch(t.get("value") or "")
    if weekday:
        day = bound - timedelta(days=(bound.isoweekday() - int(weekday[1])) % 7)
        floor = _day(t.get("earliest"))
        if floor and day < floor:
            return None
        return {"value": day.isoformat(), "earliest": day.isoformat(), "latest": day.isoformat(), "text": t.get("text")}
    m = _YEARLESS.fullmatch(t.get("value") or "")
    if not m:
        return None
    month, day = int(m[1]), int(m[2] or 1)
    try:
        year = bound.year if date(bound.year, month, day) <= bound else bound.year - 1
        first = date(year, month, day)
    except ValueError:  # 29 February
        return None
    if m[2]:
        return {"value": first.isoformat(), "earliest": first.isoformat(), "latest": first.isoformat(), "text": t.get("text")}
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
    return {"value": first.isoformat()[:7], "earliest": first.isoformat(), "latest": min(last, bound).isoformat(),
            "text": t.get("text")}


def _overlap(a: dict, b: dict) -> bool:
    return _day(a["earliest"]) <= _day(b["latest"]) and _day(b["earliest"]) <= _day(a["latest"])


def time_precision(time: dict) -> str:
    """day, week, month or year for a value of that form (ACLED's time precision), else bounded."""
    value = time.get("value") or ""
    if len(value) == 10 and value[4] == "-" and value[:4].isdigit() and value[5:7].isdigit() and value[8:].isdigit():
        return "day"
    if len(value) >= 8 and value[4:6] == "-W" and value[:4].isdigit() and value[6:8].isdigit():
        return "week"
    if len(value) == 7 and value[:4].isdigit() and value[5:].isdigit():
        return "month"
    if len(value) == 4 and value.isdigit():
        return "year"
    return "bounded"


def _union(lists) -> list:
    out: list = []
    for items in lists:
        out.extend(x for x in items if x not in out)
    return out


def _width(t: dict) -> int:
    first, last = _day(t.get("earliest")), _day(t.get("latest"))
    return (last - first).days if first and last else 10**6

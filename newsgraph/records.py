"""Named records passed between the stages. All frozen dataclasses; no stage passes bare tuples or dicts."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


@dataclass(frozen=True)
class Time:
    """A TIMEX3-style value with its interval. ``value`` is never more precise than the evidence.

    value: "2017-05-17" | "2017-05" | "2017" | None; earliest/latest: ISO days or None.
    """

    value: str | None = None
    earliest: str | None = None
    latest: str | None = None
    text: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def of(cls, d: dict | None) -> Time:
        """The Time of an export-shaped time dict (an event's ``time``)."""
        d = d or {}
        return cls(d.get("value"), d.get("earliest"), d.get("latest"), d.get("text"))

    @property
    def known(self) -> bool:
        return bool(self.value or self.earliest or self.latest)

    @property
    def day(self) -> str | None:
        """The value when it is one ISO day ("2017-05-17"); "2017-05" or "XXXX-WXX-2" is not."""
        return self.value if self.value and _ISO_DAY.fullmatch(self.value) else None

    @property
    def low(self) -> str | None:
        """The first day the time allows, when it has a lower end (an open start stays open)."""
        return self.day or self.earliest

    @property
    def high(self) -> str | None:
        """The last day the time allows, when it has an upper end."""
        return self.day or self.latest

    @property
    def first_day(self) -> str | None:
        """The day to place the time at: its lower end, else its upper bound ("by" a day)."""
        return self.low or self.latest

    @property
    def last_day(self) -> str | None:
        """Its upper end, else its lower bound."""
        return self.high or self.earliest


@dataclass(frozen=True)
class TimeMention:
    """A time expression of a document with its value: offsets into the text, TIMEX3 type and value,
    interval and modifier ("early", "about")."""

    doc: str
    start: int
    end: int
    text: str
    type: str
    value: str
    earliest: str | None
    latest: str | None
    mod: str | None = None


@dataclass(frozen=True)
class Span:
    doc: str
    start: int
    end: int


@dataclass(frozen=True)
class Removed:
    """A line or block the cleaner dropped from a plain-text page, with why."""

    text: str
    reason: str


@dataclass(frozen=True)
class Document:
    """One cleaned article. ``text`` is NFKC-normalised; every later offset refers to it."""

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    credit: str | None = None
    captions: tuple[str, ...] = ()
    published: Time = field(default_factory=Time)
    published_basis: str = "unknown"
    removed: tuple[Removed, ...] = ()
    duplicate_of: str | None = None
    fmt: str = "txt"
    encoding: str = "utf-8"  # the codec the file was read with (declared, else detected)
    # every publication date the page gave, as "source day" ("html-meta 2021-01-05", "updated 2021-01-06")
    published_candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """An input that could not be used: one line for the user, the batch goes on."""

    source: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    doc: str
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Token:
    doc: str
    index: int
    start: int
    end: int
    sentence: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_iob: str = "O"


@dataclass(frozen=True)
class Mention:
    """A named-entity mention as the NER model saw it, with offsets into Document.text."""

    doc: str
    start: int
    end: int
    text: str
    label: str
    sentence: int


@dataclass(frozen=True)
class Annotation:
    """What annotate adds to one document."""

    doc: str
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class RawArticle:
    """An article as read from its file, before cleaning. ``body`` is plain text or HTML (see ``fmt``)."""

    source: str
    body: str
    fmt: str  # "txt" | "html"
    title: str | None = None
    url: str | None = None
    published: str | None = None  # as given by a feed or JSONL record
    published_basis: str | None = None
    outlet: str | None = None
    author: str | None = None
    decoded_as: str = "utf-8"
    removed: tuple[Removed, ...] = ()  # what reading changed (invalid bytes replaced); joins the Document's list


@dataclass(frozen=True)
class CleanText:
    """What the plain-text cleaner makes of a page."""

    text: str
    title: str | None
    removed: tuple[Removed, ...]
    captions: tuple[str, ...]
    credit: str | None
    dateline: str | None  # ISO day printed under the title: the publication date
    page_saved: str | None  # ISO day printed in the page chrome: an upper bound only


@dataclass(frozen=True)
class Entity:
    """A real-world actor or place, with every spelling the corpus uses for it."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None



@dataclass(frozen=True)
class DocumentBatch:
    """What one store transaction writes: new documents, their annotations, and where each input went."""

    documents: tuple[Document, ...]
    annotations: tuple[Annotation, ...]
    signatures: tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...]  # (doc id, minhash values, band keys)
    sources: tuple[tuple[str, str], ...]  # (source, doc id): every input of the batch, new or known
    locals: tuple[LocalResolution, ...] = ()
    events: tuple[EventMention, ...] = ()
    times: tuple[TimeMention, ...] = ()


@dataclass(frozen=True)
class StoreStats:
    documents: int
    duplicates: int
    dated: int  # documents with a known publication day
    sentences: int
    mentions: int
    entities: int
    events: int
    earliest: str | None
    latest: str | None
    top_entities: tuple[tuple[str, str, int], ...]  # (name, type, mentions)
    unfinished: UnfinishedBuild | None = None


@dataclass(frozen=True)
class UnfinishedBuild:
    """A build or add that started on a store and has not finished: still running, or stopped."""

    command: str  # what completes it
    pid: int
    started: str  # ISO time, UTC
    running: bool  # its process is alive (on this machine)

    def as_dict(self) -> dict:
        return {"command": self.command, "started": self.started, "running": self.running,
                "note": "a build is writing this store" if self.running else
                        f"the last build did not finish: run `{self.command}` to complete it"}


@dataclass(frozen=True)
class BuildReport:
    """What a build or add did."""

    files: int
    documents: int  # new documents stored (duplicates included)
    annotated: int
    already_stored: int
    exact_duplicates: int
    near_duplicates: int
    problems: tuple[Problem, ...]
    seconds: float
    stages: tuple[tuple[str, float], ...] = ()  # (stage, seconds) in pipeline order; a worker's steps summed
    peak_mb: float = 0.0  # peak resident memory of the build's process or of its largest worker process

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class LocalMention:
    """An actor mention as the resolver reads it inside its document.

    ``name`` is the mention without titles, a leading "the" or a possessive; ``local`` is the key of
    the actor it names within the document (a surname-only mention carries its full name's key, an
    acronym its long form's); ``country`` is set when the mention names a country or its people.
    """

    doc: str
    start: int
    end: int
    text: str
    label: str
    sentence: int
    name: str
    titles: tuple[str, ...]
    local: str
    country: str | None = None


@dataclass(frozen=True)
class RoleClaim:
    """A document says that a person holds an office: "Tunisian Foreign Minister Ali Warfalli"."""

    doc: str
    person_start: int  # the person's mention
    title: str
    of_start: int | None  # the mention of the body the office belongs to, if any
    of_country: str | None  # ... or the country named by a demonym ("Egyptian")
    former: bool
    evidence_start: int
    evidence_end: int
    # the time of its sentence's expression nearest the person, when the sentence has one
    time_value: str | None = None
    time_earliest: str | None = None
    time_latest: str | None = None
    time_text: str | None = None


@dataclass(frozen=True)
class LocalResolution:
    """What the resolver reads off one document, stored with it and used by the global resolution."""

    doc: str
    mentions: tuple[LocalMention, ...]
    roles: tuple[RoleClaim, ...]
    acronyms: tuple[tuple[str, str], ...]  # (acronym, long form) defined in the text


@dataclass(frozen=True, slots=True)
class LocalActor:
    """One actor of one document as the global resolution sees it: the mentions sharing a local key."""

    doc: str
    local: str
    seq: int  # the document's position in the store: older actors name entities
    first: int  # offset of the first mention
    names: tuple[str, ...]  # the mentions' names, in order
    labels: tuple[str, ...]  # the NER labels of those mentions
    titles: tuple[str, ...]
    country: str | None
    sentences: tuple[int, ...] = ()  # the sentences of its mentions


@dataclass(frozen=True)
class Role:
    """An office a person holds, of a body or country, over a time, with the sentences that say so."""

    entity: str
    title: str
    of: str | None
    time: Time
    former: bool
    evidence: tuple[Span, ...]


@dataclass(frozen=True)
class MergeNote:
    """Why two names were merged into one entity."""

    entity: str
    left: str
    right: str
    score: float
    reason: str


@dataclass(frozen=True)
class Resolution:
    """What the global resolution writes besides the mention links: entities, roles, merge log."""

    entities: tuple[Entity, ...]
    roles: tuple[Role, ...]
    merges: tuple[MergeNote, ...]
    places: tuple[Place, ...] = ()


@dataclass(frozen=True)
class Participant:
    """An actor, recipient or place phrase of an event, with the actor code its words give."""

    text: str
    start: int
    end: int
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class EventMention:
    """One event as one sentence of one document reports it; offsets into Document.text."""

    doc: str
    sentence_start: int
    sentence_end: int
    type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    modality: str
    trigger: Participant
    actors: tuple[Participant, ...]
    recipients: tuple[Participant, ...]
    location: Participant | None
    attribution: Participant | None
    derived_from: str | None = None
    # PLOVER size fields the sentence states: (kind, min, max), kind one of dead, injured,
    # arrested, displaced; min/max None for an open end ("at least 12" -> ("dead", 12, None))
    magnitude: tuple[tuple[str, int | None, int | None], ...] = ()
    # the characters of the time expression the parse attaches to the event (newsgraph.events.timing);
    # an empty span: the sentence's expressions are all other clauses'; None: the sentence has none
    time_at: tuple[int, int] | None = None


@dataclass(frozen=True)
class RelationClaim:
    """One piece of evidence that ``source`` stands in ``kind`` to ``target`` (stage 6, relate): a sentence
    that says so (``span``, ``cue``) or an event (``event``). ``valid`` is when the evidence says the relation
    held, ``reported`` the publication time of its document; ``ended``: the evidence says it no longer holds
    ("former ally", "until 2019")."""

    kind: str
    source: str
    target: str
    modality: str
    valid: Time
    reported: Time
    cue: str
    span: Span | None = None
    event: str | None = None
    ended: bool = False


@dataclass(frozen=True)
class Relation:
    """A typed, dated relation between two entities with its evidence (export ``relations``).

    ``valid``: when it held in the world, from the evidence's times; ``reported``: when the sources said
    so; ``retired``: the evidence that ended it — ``{"by": relation id | None, "before": day, "cue": str}``
    — or None while it stands."""

    id: str
    kind: str
    source: str
    target: str
    valid: Time
    reported: Time
    modality: str
    sources: int
    events: tuple[str, ...]
    evidence: tuple[Span, ...]
    cues: tuple[str, ...]
    retired: dict | None = None

    def as_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "source": self.source, "target": self.target,
                "valid": self.valid.as_dict(), "reported": self.reported.as_dict(), "modality": self.modality,
                "sources": self.sources, "events": list(self.events),
                "evidence": [{"doc": s.doc, "start": s.start, "end": s.end} for s in self.evidence],
                "cues": list(self.cues), "retired": self.retired}

    @classmethod
    def from_dict(cls, d: dict) -> Relation:
        return cls(d["id"], d["kind"], d["source"], d["target"], Time(**d["valid"]), Time(**d["reported"]),
                   d["modality"], d["sources"], tuple(d.get("events") or ()),
                   tuple(Span(s["doc"], s["start"], s["end"]) for s in d.get("evidence") or ()),
                   tuple(d.get("cues") or ()), d.get("retired"))


@dataclass(frozen=True)
class Dyad:
    """The events from ``source`` to ``target`` in one month, counted by quad class, and their mean
    cooperation–conflict score (-10 … +10, Goldstein-style; see newsgraph.relate.dyads)."""

    source: str
    target: str
    month: str
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    score: float
    events: int

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class LinkedMention:
    """A mention linked to an entity: offsets in its document, the entity and the entity's type."""

    start: int
    end: int
    entity: str
    type: str
    label: str | None = None  # the mention's own NER label ("NORP" for "Iranian" linked to Iran)


@dataclass(frozen=True)
class RelateInput:
    """What stage 6 (relate) reads of one document: text, publication time, sentence spans, linked mentions."""

    doc: str
    published: Time
    text: str
    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[LinkedMention, ...]


@dataclass(frozen=True)
class Place:
    """Where a place entity is: the gazetteer entry it was matched to, its coordinates, ISO-3 country, first
    administrative division (when known) and precision ("country", "admin1" or "city")."""

    entity: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    precision: str
    geonameid: int | None = None


# ---------------------------------------------------------------------------------------------------------------
# Rows the store hands to the stages and the CLI. Named tuples: read by field name, or unpacked in order.

class TitleGiven(NamedTuple):
    """An office a document gives the person named at ``person_start`` (a role claim, without its entities)."""

    doc: str
    person_start: int
    title: str
    former: bool


class RoleClaimRow(NamedTuple):
    """A role claim with the entity of its person and of its body, and its time: its sentence's, else its
    document's publication time."""

    person: str
    title: str
    of_entity: str | None
    of_country: str | None
    former: bool
    doc: str
    evidence_start: int
    evidence_end: int
    value: str | None
    earliest: str | None
    latest: str | None
    time_text: str | None


class AcronymDefinition(NamedTuple):
    """An acronym, the long form documents define it as, and how many documents do so."""

    acronym: str
    long_form: str
    documents: int


class EntityRow(NamedTuple):
    """An entity in a listing: its mentions and the documents that name it."""

    id: str
    name: str
    type: str
    mentions: int
    documents: int
    country: str | None = None
    sector: str | None = None
    aliases: list[str] | None = None


class AliasCount(NamedTuple):
    alias: str
    mentions: int


class EntityDocument(NamedTuple):
    """A document naming an entity: its publication date (or "≥ day" / "≤ day" bound) and the mentions in it."""

    doc: str
    title: str | None
    published: str | None
    mentions: int


class MergeRow(NamedTuple):
    """One line of an entity's merge log (``MergeNote`` without the entity)."""

    left: str
    right: str
    score: float
    reason: str


class StoryRow(NamedTuple):
    id: str
    title: str
    documents: list[str]


class StoryInputRow(NamedTuple):
    """What story grouping reads of a document: entity and place ids by first mention, and the time values
    of the events it reports, most reported first."""

    id: str
    title: str | None
    text: str
    published: str | None
    entities: list[str]
    places: list[str]
    times: list[str]


class StoryIndexRow(NamedTuple):
    """A story with its entry in the story index (days are date ordinals); ``postings``: the blocking terms
    to list it under (given when writing; empty when read)."""

    id: str
    title: str
    documents: list[str]
    terms: list[str]
    weights: list[float]
    norm: float
    published_first: int | None
    published_last: int | None
    span_first: list[int]
    span_last: list[int]
    postings: tuple[str, ...] | list[str] = ()


class EventDocument(NamedTuple):
    """What event assembly reads of a document: its coded event mentions, its linked mentions by start, and
    its stored time expressions (None for a document stored before they were)."""

    doc: str
    published: Time
    text: str
    mentions: list[EventMention]
    marks: list[MarkRow]
    times: list[TimeMention] | None


class MarkRow(NamedTuple):
    """A mention linked to an entity, with the entity's type and codes."""

    start: int
    end: int
    type: str
    entity: str
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class EntityCard:
    """All a reader asks of one entity: the entity (``also`` the others its name could mean), its spellings
    with their mentions, its roles (``bodies``: names of the bodies they are of), the documents that name it,
    and its merge log."""

    entity: Entity
    also: tuple[Entity, ...]
    aliases: tuple[AliasCount, ...]
    roles: tuple[Role, ...]
    bodies: dict[str, str]
    documents: tuple[EntityDocument, ...]
    merges: tuple[MergeRow, ...]


@dataclass(frozen=True)
class Listing:
    """Query results with the names of the entities they point at and the titles of the documents they cite."""

    items: tuple
    names: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class EventPage:
    """One page of events in time order (each a dict of the keys ``newsgraph.store.events.page_event`` names):
    ``found`` match the filters, ``total`` and ``types`` are the subject's (the entity's, or the store's) before
    filtering."""

    found: int
    total: int
    types: tuple[str, ...]
    events: list


@dataclass(frozen=True)
class EntityIndex:
    """Every entity's id, name, type, country, sector, aliases and mentions (``rows``, dicts, most mentioned
    first; ``by_id``), and the lower-cased, transliterated forms search matches: whole names and aliases and their
    words (``forms``, each once), with for each form the rows it is a whole name or alias of (k), or a word of
    (-1-k) (``owners``)."""

    rows: tuple[dict, ...]
    by_id: dict
    forms: tuple[str, ...] = ()
    owners: tuple[tuple[int, ...], ...] = ()

    def name(self, entity_id: str | None) -> str | None:
        """The entity's name (its id when unknown; None for no id)."""
        if not entity_id:
            return None
        row = self.by_id.get(entity_id)
        return row["name"] if row else entity_id

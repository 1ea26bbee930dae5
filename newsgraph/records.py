"""Named records passed between the stages. All frozen dataclasses; no stage passes bare tuples or dicts."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


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

    @property
    def known(self) -> bool:
        return bool(self.value or self.earliest or self.latest)


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
class EntityLink:
    """A mention's entity: which entity the mention at (doc, start, end) names."""

    doc: str
    start: int
    end: int
    entity: str


@dataclass(frozen=True)
class DocumentBatch:
    """What one store transaction writes: new documents, their annotations, and where each input went."""

    documents: tuple[Document, ...]
    annotations: tuple[Annotation, ...]
    signatures: tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...]  # (doc id, minhash values, band keys)
    sources: tuple[tuple[str, str], ...]  # (source, doc id): every input of the batch, new or known


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

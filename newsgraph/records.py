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

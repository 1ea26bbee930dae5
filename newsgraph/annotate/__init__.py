"""Stage 2, annotate: spaCy sentences, tokens, POS, dependencies and NER, with offsets into Document.text.

Public entry point: :func:`annotate`. Paragraphs are parsed as separate spaCy docs in one
``nlp.pipe`` stream, so no sentence or entity spans a paragraph break (a caption and the next
paragraph never fuse into one name); offsets are mapped back to the document text.
"""
from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, LENGTH, POS, TAG

from newsgraph.annotate.sentences import add_sentence_bounds
from newsgraph.errors import ModelError
from newsgraph.records import Annotation, Document, Mention, Sentence, Token
from newsgraph.settings import PREFERRED_MODELS

__all__ = ["annotate", "annotate_parsed", "load_model", "model_name", "paragraph_tokens"]

_PARAGRAPH = re.compile(r"[^\n]+")


def model_name(requested: str | None = None) -> str:
    """The pipeline to load: the one asked for, else the first preferred model that is installed."""
    if requested:
        return requested
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(f"no spaCy English model is installed (looked for {', '.join(PREFERRED_MODELS)})")


def load_model(requested: str | None = None):
    """Load a spaCy pipeline by package name or path; a clear ModelError when it cannot be loaded."""
    import spacy

    name = model_name(requested)
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as e:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {str(e).splitlines()[0]}") from e
    return add_sentence_bounds(nlp)


@dataclass(frozen=True)
class _Piece:
    doc: int  # index in the batch
    offset: int  # paragraph start in the document text


def annotate(docs: Iterable[Document], nlp, batch_size: int = 64, tokens: bool = True) -> Iterator[Annotation]:
    """One Annotation per document, in order. ``nlp`` is a loaded spaCy pipeline; without ``tokens``
    the annotations hold sentences and mentions only."""
    for annotation, _paragraphs in annotate_parsed(docs, nlp, batch_size, tokens):
        yield annotation


def annotate_parsed(docs: Iterable[Document], nlp, batch_size: int = 64,
                    tokens: bool = True) -> Iterator[tuple[Annotation, list]]:
    """Each document's Annotation with its parsed paragraphs ``[(offset, spacy Doc)]``, for stages that
    read the parse itself (events); the parses live as long as the caller keeps them (one batch)."""
    batch = list(docs)
    pieces = [
        (m.group(0), _Piece(i, m.start())) for i, d in enumerate(batch) for m in _PARAGRAPH.finditer(d.text)
    ]
    parts: list[list] = [[] for _ in batch]
    for parsed, piece in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size * 8):
        parts[piece.doc].append((piece.offset, parsed))
    for document, paragraphs in zip(batch, parts):
        yield _collect(document.id, paragraphs, tokens), paragraphs


def _collect(doc_id: str, paragraphs: list, with_tokens: bool = True) -> Annotation:
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    mentions: list[Mention] = []
    for offset, parsed in paragraphs:
        first_token = len(tokens)
        sentence_of = [0] * len(parsed)
        for sent in parsed.sents:
            s_index = len(sentences)
            sentences.append(Sentence(doc_id, s_index, offset + sent.start_char, offset + sent.end_char))
            sentence_of[sent.start:sent.end] = [s_index] * (sent.end - sent.start)
            mentions.extend(
                Mention(doc_id, offset + e.start_char, offset + e.end_char, e.text, e.label_, s_index)
                for e in sent.ents
            )
        if with_tokens:
            tokens.extend(_tokens(doc_id, parsed, sentence_of, offset, first_token))
    return Annotation(doc_id, tuple(sentences), tuple(tokens), tuple(mentions))


def paragraph_tokens(doc_id: str, paragraphs: list, spans: Sequence[tuple[int, int]]) -> list[Token]:
    """The tokens (offsets into the document, one numbering) of the parsed paragraphs that hold any of
    ``spans``; the others are not read (records for every token cost ~4 µs each)."""
    tokens: list[Token] = []
    first = 0
    for offset, parsed in paragraphs:
        end = offset + len(parsed.text)
        if any(offset <= s < end for s, _ in spans):
            tokens.extend(_tokens(doc_id, parsed, [0] * len(parsed), offset, first))
        first += len(parsed)
    return tokens


_COLUMNS = (LEMMA, POS, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE, IDX, LENGTH)
_IOB = ("", "I", "O", "B")  # spaCy's ENT_IOB codes


def _tokens(doc_id: str, parsed, sentence_of: list[int], offset: int, first_token: int) -> Iterator[Token]:
    """The paragraph's tokens as records, read column-wise from the parse (no spaCy Token objects)."""
    if not len(parsed):
        return
    strings = parsed.vocab.strings
    names: dict[int, str] = {}

    def name(key: int) -> str:
        if key not in names:
            names[key] = strings[key] if key else ""
        return names[key]

    rows = parsed.to_array(_COLUMNS).tolist()
    for i, (lemma, pos, tag, dep, head, iob, ent, idx, length) in enumerate(rows):
        head = int(head) - (1 << 64) if head >= 1 << 63 else head  # HEAD is a relative offset, stored unsigned
        ent_type = name(ent)
        yield Token(
            doc_id, first_token + i, offset + idx, offset + idx + length,
            sentence_of[i], name(lemma), name(pos), name(tag), name(dep), first_token + i + head,
            f"{_IOB[iob]}-{ent_type}" if ent_type else "O",
        )

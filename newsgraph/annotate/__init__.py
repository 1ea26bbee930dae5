"""Stage 2, annotate: spaCy sentences, tokens, POS, dependencies and NER, with offsets into Document.text.

Public entry point: :func:`annotate`. Paragraphs are parsed as separate spaCy docs in one
``nlp.pipe`` stream, so no sentence or entity spans a paragraph break (a caption and the next
paragraph never fuse into one name); offsets are mapped back to the document text.
"""
from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsgraph.annotate.sentences import add_sentence_bounds
from newsgraph.errors import ModelError
from newsgraph.records import Annotation, Document, Mention, Sentence, Token
from newsgraph.settings import PREFERRED_MODELS

__all__ = ["annotate", "annotate_parsed", "load_model", "model_name"]

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


def annotate(docs: Iterable[Document], nlp, batch_size: int = 64) -> Iterator[Annotation]:
    """One Annotation per document, in order. ``nlp`` is a loaded spaCy pipeline."""
    for annotation, _paragraphs in annotate_parsed(docs, nlp, batch_size):
        yield annotation


def annotate_parsed(docs: Iterable[Document], nlp, batch_size: int = 64) -> Iterator[tuple[Annotation, list]]:
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
        yield _collect(document.id, paragraphs), paragraphs


def _collect(doc_id: str, paragraphs: list) -> Annotation:
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    mentions: list[Mention] = []
    for offset, parsed in paragraphs:
        first_token = len(tokens)
        for sent in parsed.sents:
            s_index = len(sentences)
            sentences.append(Sentence(doc_id, s_index, offset + sent.start_char, offset + sent.end_char))
            tokens.extend(_tokens(doc_id, sent, s_index, offset, first_token))
            mentions.extend(
                Mention(doc_id, offset + e.start_char, offset + e.end_char, e.text, e.label_, s_index)
                for e in sent.ents
            )
    return Annotation(doc_id, tuple(sentences), tuple(tokens), tuple(mentions))


def _tokens(doc_id: str, sent, s_index: int, offset: int, first_token: int) -> Iterator[Token]:
    for t in sent:
        yield Token(
            doc=doc_id, index=first_token + t.i, start=offset + t.idx, end=offset + t.idx + len(t.text),
            sentence=s_index, lemma=t.lemma_, pos=t.pos_, tag=t.tag_, dep=t.dep_, head=first_token + t.head.i,
            ent_iob=(t.ent_iob_ + "-" + t.ent_type_) if t.ent_type_ else "O",
        )

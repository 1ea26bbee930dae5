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

from newsgraph.annotate.sentences import TITLE_ABBREVIATIONS, add_sentence_bounds
from newsgraph.errors import ModelError
from newsgraph.records import Annotation, Document, Mention, Sentence, Token
from newsgraph.settings import PARSE_BATCH_CHARS, PARSE_WINDOW_CHARS, PREFERRED_MODELS, SEGMENT_CHARS

__all__ = ["annotate", "annotate_parsed", "collect", "load_model", "model_name", "paragraph_tokens", "parse_segments",
           "pieces_of", "ParsedSegment"]

_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'’”)\]]*\s+(?=[\"“‘(]?[A-Z0-9])")


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
    read the parse itself; a document is yielded as soon as its last paragraph is parsed."""
    batch = list(docs)
    paragraphs: list = []
    for segment in parse_segments(batch, nlp, batch_size):
        paragraphs += segment.paragraphs
        if segment.last:
            yield collect(batch[segment.doc].id, paragraphs, tokens), paragraphs
            paragraphs = []


@dataclass(frozen=True)
class ParsedSegment:
    """Consecutive parsed paragraphs of one document: all of it, or a part when it is long."""

    doc: int  # index of the document in the batch
    paragraphs: list  # [(offset in the document text, spacy Doc)]
    last: bool  # the document's last segment


def parse_segments(docs: Sequence[Document], nlp, batch_size: int = 64,
                   segment_chars: int = SEGMENT_CHARS) -> Iterator[ParsedSegment]:
    """The batch's documents parsed in one stream, yielded in segments of about ``segment_chars``: a
    caller that drops each segment's parses when done holds, whatever a document's length, one segment
    and spaCy's buffer of ``batch_size * 8`` pieces, never a whole long document or batch."""
    pieces = ((d.text[start:end], _Piece(i, start)) for i, d in enumerate(docs) for start, end in pieces_of(d.text))
    current: list = []
    size = done = 0  # characters in ``current``; documents finished
    for parsed, piece in _parse(nlp, pieces, batch_size * 8):
        while done < piece.doc:  # every piece of the documents before this one is parsed
            yield ParsedSegment(done, current, True)
            current, size, done = [], 0, done + 1
        if current and size >= segment_chars:
            yield ParsedSegment(done, current, False)
            current, size = [], 0
        current.append((piece.offset, parsed))
        size += len(parsed.text)
    while done < len(docs):
        yield ParsedSegment(done, current, True)
        current, done = [], done + 1


def _parse(nlp, pieces: Iterable[tuple[str, _Piece]], max_pieces: int) -> Iterator[tuple]:
    """``nlp.pipe`` over batches of at most ``max_pieces`` pieces and PARSE_BATCH_CHARS characters: spaCy's
    memory for a batch grows with its tokens, and windows of a long text are longer than most paragraphs."""
    batch: list[tuple[str, _Piece]] = []
    chars = 0
    for text, piece in pieces:
        if batch and (len(batch) >= max_pieces or chars + len(text) > PARSE_BATCH_CHARS):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, chars = [], 0
        batch.append((text, piece))
        chars += len(text)
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def pieces_of(text: str, window: int = PARSE_WINDOW_CHARS) -> Iterator[tuple[int, int]]:
    """The (start, end) spans parsed as separate texts: paragraphs, and a paragraph longer than
    ``window`` in windows that end at a sentence end (else at a space) in the window's second half.

    spaCy's cost per text grows faster than its length and it refuses texts over ``nlp.max_length``;
    windows keep both linear, and offsets still index the document text."""
    for m in _PARAGRAPH.finditer(text):
        start, end = m.span()
        while end - start > window:
            cut = _window_end(text, start + window // 2, start + window)
            yield start, cut
            start = cut
        yield start, end


def _window_end(text: str, lo: int, hi: int) -> int:
    """Where to end a window within text[lo:hi]: after the last sentence end (not a title's abbreviation
    or an initial before a name), else after the last space."""
    best = None
    for m in _SENTENCE_END.finditer(text, lo, hi):
        word = text[text.rfind(" ", lo, m.start()) + 1:m.start()].lower()
        if word not in TITLE_ABBREVIATIONS and len(word.strip("(\"'“‘")) > 1:
            best = m
    if best is not None:
        return best.end()
    space = text.rfind(" ", lo, hi)
    return space + 1 if space > lo else hi


def collect(doc_id: str, paragraphs: list, with_tokens: bool = True, first_sentence: int = 0,
            first_token: int = 0) -> Annotation:
    """The Annotation of parsed paragraphs ``[(offset, spacy Doc)]``; sentences and tokens are numbered
    from ``first_sentence`` and ``first_token`` (a later segment of a long document)."""
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    mentions: list[Mention] = []
    for offset, parsed in paragraphs:
        first = first_token + len(tokens)
        sentence_of = [0] * len(parsed)
        for sent in parsed.sents:
            s_index = first_sentence + len(sentences)
            sentences.append(Sentence(doc_id, s_index, offset + sent.start_char, offset + sent.end_char))
            sentence_of[sent.start:sent.end] = [s_index] * (sent.end - sent.start)
        # the paragraph's entities once (Span.ents reads them all again for every sentence)
        mentions.extend(Mention(doc_id, offset + e.start_char, offset + e.end_char, e.text, e.label_,
                                sentence_of[e.start]) for e in parsed.ents)
        if with_tokens:
            tokens.extend(_tokens(doc_id, parsed, sentence_of, offset, first))
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

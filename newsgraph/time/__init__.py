"""Stage 3, time: time expressions normalised to TIMEX3-style values and intervals.

Detection and normalisation live in :mod:`newsgraph.time.expressions`.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache

from newsgraph.errors import InputError
from newsgraph.records import Token
from newsgraph.time.expressions import atoms_in_context, normalize, span_in_sentence

__all__ = ["normalize_records", "needs_tense", "sentence_parser", "tokens_of"]

Parser = Callable[[str], Sequence[Token]]


def needs_tense(text: str, sentence: str | None, char_start: int | None = None, char_end: int | None = None) -> bool:
    """Whether an expression is resolved by its clause's tense (year-less dates, weekdays)."""
    if not sentence:
        return False
    start, end = span_in_sentence(text, sentence, char_start, char_end)
    return any(a.spec.tense_sensitive for a in atoms_in_context(text, sentence, start, end))


def tokens_of(doc) -> tuple[Token, ...]:
    """A parsed spaCy sentence as ``Token`` records (offsets into the sentence)."""
    return tuple(Token("", t.i, t.idx, t.idx + len(t.text), 0, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i)
                 for t in doc)


def sentence_parser(nlp) -> Parser:
    """Parse sentences with a spaCy pipeline (named entities off), remembering recent ones."""
    @lru_cache(maxsize=256)
    def parse(sentence: str) -> tuple[Token, ...]:
        return tokens_of(nlp(sentence, disable=["ner"]))
    return parse


def normalize_records(records: Iterable, parse: Parser | None = None) -> Iterator[dict]:
    """The `time normalize` stage command over records ``{"text", "dct", "sentence"?, "char_start"?,
    "char_end"?}``: each comes back with ``value``, ``earliest``, ``latest`` (and ``mod``, ``type``).

    Records that carry a ``doc`` are taken in document order: an anaphoric expression ("the next
    day") is anchored on the last date of the same document. With ``parse``, an expression whose
    value depends on its clause's tense gets its sentence's dependency parse. A bad record comes back
    with an ``error`` and the stream goes on.
    """
    anchors: dict[str, str | None] = {}
    for record in records:
        try:
            text, dct = _fields(record)
        except InputError as e:
            yield {**record, "error": str(e)} if isinstance(record, dict) else {"error": str(e)}
            continue
        doc, sentence = record.get("doc"), record.get("sentence")
        start, end = _int(record.get("char_start")), _int(record.get("char_end"))
        tokens = parse(sentence) if parse and isinstance(sentence, str) and needs_tense(text, sentence, start, end) else None
        timex = normalize(text, dct, sentence if isinstance(sentence, str) else None, start, end,
                          anchor=anchors.get(doc) if doc else None, tokens=tokens)
        if doc and timex.anchorable:
            anchors[doc] = timex.value
        yield {**record, "value": timex.value, "earliest": timex.earliest, "latest": timex.latest,
               "mod": timex.mod, "type": timex.type}


def _fields(record) -> tuple[str, str | None]:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError("a time record must be a JSON object with a 'text' string",
                         'give {"text", "dct", "sentence"?, "char_start"?, "char_end"?}')
    dct = record.get("dct")
    if dct is not None and not isinstance(dct, str):
        raise InputError("'dct' must be an ISO date string or null")
    return record["text"], dct


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None

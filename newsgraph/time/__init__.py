"""Stage 3, time: time expressions normalised to TIMEX3-style values and intervals.

Detection and normalisation live in :mod:`newsgraph.time.expressions`.
"""

from newsgraph.errors import InputError
from newsgraph.time.expressions import normalize

__all__ = ["normalize_records"]


def normalize_records(records):
    """The `time normalize` stage command over records ``{"text", "dct", "sentence"?, "char_start"?,
    "char_end"?}``: each comes back with ``value``, ``earliest``, ``latest`` (and ``mod``, ``type``).

    Records that carry a ``doc`` are taken in document order: an anaphoric expression ("the next
    day") is anchored on the last date of the same document. A bad record comes back with an
    ``error`` and the stream goes on.
    """
    anchors: dict[str, str | None] = {}
    for record in records:
        try:
            text, dct = _fields(record)
        except InputError as e:
            yield {**record, "error": str(e)} if isinstance(record, dict) else {"error": str(e)}
            continue
        doc = record.get("doc")
        timex = normalize(text, dct, record.get("sentence"), _int(record.get("char_start")),
                          _int(record.get("char_end")), anchor=anchors.get(doc) if doc else None)
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

"""Bytes → text: a byte-order mark, else UTF-8 (kept when only a few bytes are invalid), else the
charset the file declares, else detection.

Detection is charset-normalizer's, except that text it reads as some Latin-script code page is read
as cp1252 when cp1252 reads it as plausibly: for short Western texts charset-normalizer picks
cp1250 or cp775 about as often as cp1252, and cp1252 is by far the commoner.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = (
    re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([\w.:-]{1,40})[\"']", re.IGNORECASE),
    re.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([\w.:-]{1,40})", re.IGNORECASE),
)
_WEB_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                "us-ascii": "cp1252", "ascii": "cp1252", "l1": "cp1252"}  # as browsers read them
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8, after decoding with surrogateescape
_NON_ASCII = re.compile("[^\x00-\x7f]")
_INSIDE_WORD = re.compile(  # a sign or digit of Latin-1 between two letters; not ª µ º, the middle dot, soft hyphen
    r"(?<=[^\W\d_])[\u00a1-\u00a9\u00ab\u00ac\u00ae-\u00b4\u00b6\u00b8\u00b9\u00bb-\u00bf\u00d7\u00f7](?=[^\W\d_])")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec used, e.g. "utf-8", "cp1252", "utf-16"
    replaced: int = 0  # invalid bytes replaced by U+FFFD


def decode(data: bytes) -> Decoded:
    """The text of a file's bytes, the encoding used and how many invalid bytes were replaced."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding)
    utf8 = _utf8(data.removeprefix(codecs.BOM_UTF8))
    if utf8 is not None:
        return utf8
    declared = _declared(data)
    if declared is not None:
        return declared
    return _detected(data)


def _utf8(data: bytes) -> Decoded | None:
    """UTF-8, unless the file is not mostly UTF-8: its valid multi-byte sequences must be at least half
    as many as its invalid bytes. A cp1252 file has accented letters but next to no valid sequences
    ("ß" before a closing quote makes one)."""
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED.findall(text))
    if not invalid:
        return Decoded(text, "utf-8")
    if 2 * (len(_NON_ASCII.findall(text)) - invalid) < invalid:
        return None
    return Decoded(_ESCAPED.sub("\ufffd", text), "utf-8", replaced=invalid)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML file names for itself in its first 8 KB (<meta charset>,
    http-equiv Content-Type, <?xml encoding=?>), as a Python codec name; None if none or unknown."""
    head = data[:8192]
    for pattern in _DECLARED:
        m = pattern.search(head)
        if m:
            name = m[1].decode("ascii").lower()
            try:
                codec = codecs.lookup(_WEB_ALIASES.get(name, name)).name
            except LookupError:
                return None
            return None if codec.startswith(("utf-16", "utf-32")) else codec  # it was read as ASCII: not so
    return None


def _declared(data: bytes) -> Decoded | None:
    codec = declared_charset(data)
    if codec is None or codec == "utf-8":  # a file that says UTF-8 but is not mostly UTF-8: detect instead
        return None
    for encoding in (codec, "latin-1") if codec == "cp1252" else (codec,):
        try:
            return Decoded(data.decode(encoding), encoding)
        except (UnicodeError, LookupError, ValueError):  # not a text codec, or the wrong one
            continue
    return None


def _detected(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes  # imported here: only files that are not UTF-8 need it

    best = from_bytes(data).best()
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and (best is None or (_latin(str(best)) and not _implausible(western))):
        return Decoded(western, "cp1252")
    if best is not None:
        return Decoded(str(best), codecs.lookup(best.encoding).name)
    return Decoded(data.decode("latin-1"), "latin-1")


def _latin(text: str) -> bool:
    """Every non-ASCII letter of the text is a Latin one (modifier letters and ª º aside)."""
    letters = {c for c in _NON_ASCII.findall(text) if unicodedata.category(c) in ("Lu", "Ll", "Lt", "Lo")}
    return all(unicodedata.name(c, "").startswith("LATIN") for c in letters - {"\u00aa", "\u00ba"})


def _implausible(text: str) -> bool:
    """A sign or digit inside a word ("w³adza", "s¹d", "mo¿e"): another code page's letters read as cp1252."""
    return _INSIDE_WORD.search(text) is not None

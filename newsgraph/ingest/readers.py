"""Find input files and read each into RawArticle records: .txt, .html/.htm, .json/.jsonl, RSS/Atom.

Every failure becomes a Problem (source, reason) and reading goes on with the next input.
"""
from __future__ import annotations

import codecs
import glob
import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

from newsgraph.ingest.encoding import Decoded, decode
from newsgraph.records import Problem, RawArticle, Removed
from newsgraph.settings import ARTICLE_SUFFIXES, Settings

_TEXT_FIELDS = ("text", "body", "content", "article")
_DATE_FIELDS = ("published", "date", "published_at", "pubdate", "datetime")
_OUTLET_FIELDS = ("outlet", "site", "sitename", "publisher", "source_name")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")  # C0 controls but tab, line feed, form feed, return
_SURROGATE = re.compile("[\ud800-\udfff]")  # half a pair, as a JSON escape can give: not storable


def discover(paths: list[str]) -> Iterator[str | Problem]:
    """Files named by paths, directories (recursive, article suffixes only) and globs, in a stable order."""
    for given in paths:
        if given.startswith(("http://", "https://")):
            yield Problem(source_name(given),
                          "fetching URLs is not available in this version; save the page and pass the file")
        elif os.path.isdir(given):
            yield from _walk(given)
        elif os.path.isfile(given):
            yield given
        elif glob.has_magic(given):
            found = sorted(glob.glob(given, recursive=True))
            if not found:
                yield Problem(source_name(given), "the pattern matches no file")
            for path in found:
                yield from (_walk(path) if os.path.isdir(path) else [path])
        else:
            yield Problem(source_name(given), "no such file or directory")


def source_name(path: str) -> str:
    """A path as a valid, readable string: bytes of a file name that are not UTF-8 (which Python keeps
    as lone surrogates) are written as escapes, "bad\\xff.txt", so the name stays unique and storable."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _walk(top: str) -> Iterator[str | Problem]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(top, onerror=errors.append):
        yield from _unreadable(errors, top)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES):
                yield os.path.join(root, name)
    yield from _unreadable(errors, top)


def _unreadable(errors: list[OSError], top: str) -> Iterator[Problem]:
    """The directories os.walk could not list, as Problems (errors is emptied)."""
    while errors:
        e = errors.pop(0)
        yield Problem(source_name(e.filename or top), f"cannot read directory: {e.strerror or e}")


def read_path(path: str, settings: Settings) -> Iterator[RawArticle | Problem]:
    """The articles in one file, or Problems saying why not. A failure of the reader itself is a
    Problem too, and reading goes on with the next file; only running out of memory raises."""
    name = source_name(path)
    try:
        yield from _read_file(path, name, settings)
    except Exception as e:  # a bug here must cost one file, not the batch
        yield internal_error(f"reading {name}", name, e)


def internal_error(doing: str, source: str, e: Exception) -> Problem:
    """A Problem for an unexpected exception while ``doing`` something with ``source``. Out of memory
    is the machine's failure, not the file's: it is raised again, as is everything with NEWSGRAPH_DEBUG set."""
    if isinstance(e, MemoryError) or os.environ.get("NEWSGRAPH_DEBUG"):
        raise e
    lines = str(e).splitlines()
    what = type(e).__name__ + (f": {lines[0][:300]}" if lines else "")
    return Problem(source, f"internal error {doing}: {what}, please report "
                           "(run with NEWSGRAPH_DEBUG=1 for the traceback)")


def _read_file(path: str, name: str, settings: Settings) -> Iterator[RawArticle | Problem]:
    try:
        size = os.path.getsize(path)
        if size == 0:
            yield Problem(name, "empty file")
            return
        if Path(path).suffix.lower() == ".jsonl" and not _starts_with_wide_bom(path):
            yield from _stream_jsonl(path, name, settings)  # a corpus of any size: the limit is per record
            return
        if size > settings.max_bytes:
            yield Problem(name, f"file too large ({_mb(size)} > {_mb(settings.max_bytes)}; raise --max-mb)")
            return
        data = Path(path).read_bytes()
    except OSError as e:
        yield Problem(name, f"cannot read: {e.strerror or e}")
        return
    if _looks_binary(data):
        yield Problem(name, "binary file, not text")
        return
    decoded = decode(data)
    decoded = Decoded(_CONTROL.sub(" ", decoded.text), decoded.encoding, decoded.replaced)
    yield from _read_format(name, data, decoded)


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def _starts_with_wide_bom(path: str) -> bool:
    """UTF-16 or UTF-32 text, whose line ends are not single bytes: read whole, not line by line."""
    with open(path, "rb") as f:
        head = f.read(4)
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))


def _stream_jsonl(path: str, name: str, settings: Settings) -> Iterator[RawArticle | Problem]:
    """A JSON-lines file read a line at a time, so its size does not matter; ``settings.max_bytes`` limits
    each record. Each line is decoded on its own (JSON lines are UTF-8; others are detected per line)."""
    with open(path, "rb") as f:
        if _looks_binary(f.read(8192)):
            yield Problem(name, "binary file, not text")
            return
        f.seek(0)
        for number, raw in enumerate(f, start=1):
            where = f"{name}:{number}"
            if len(raw) > settings.max_bytes:
                yield Problem(where, f"record too large ({_mb(len(raw))} > {_mb(settings.max_bytes)}; raise --max-mb)")
            elif raw.strip():
                decoded = decode(raw)
                line = _CONTROL.sub(" ", decoded.text).strip()
                yield _from_line(line, where, decoded) if line else Problem(where, "no text in line")


def _read_format(path: str, data: bytes, decoded: Decoded) -> Iterator[RawArticle | Problem]:
    suffix = Path(path).suffix.lower()
    text = decoded.text
    if suffix == ".jsonl":
        yield from _read_jsonl(path, decoded)
    elif suffix == ".json":
        yield from _read_json(path, decoded)
    elif suffix in (".xml", ".rss", ".atom"):
        yield from _read_feed(path, data)
    elif suffix in (".html", ".htm"):
        yield RawArticle(path, text, "html", decoded_as=decoded.encoding, removed=_replaced(text, decoded))
    elif suffix != ".txt":
        yield Problem(path, f"not an article format ({suffix or 'no suffix'}); use one of {', '.join(ARTICLE_SUFFIXES)}")
    elif not text.strip():
        yield Problem(path, "no text in file")
    else:
        yield RawArticle(path, text, "txt", decoded_as=decoded.encoding, removed=_replaced(text, decoded))


def _replaced(text: str, decoded: Decoded) -> tuple[Removed, ...]:
    """A note for the document's ``removed`` list: the invalid UTF-8 bytes of ``text`` replaced by U+FFFD."""
    count = text.count("\ufffd") if decoded.replaced else 0
    if not count:
        return ()
    bytes_ = "bytes" if count > 1 else "byte"
    return (Removed(f"{count} invalid UTF-8 {bytes_} replaced with U+FFFD", "encoding"),)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return False  # UTF-16 or UTF-32 with a BOM: text with NUL bytes
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def _read_jsonl(path: str, decoded: Decoded) -> Iterator[RawArticle | Problem]:
    for number, line in enumerate(decoded.text.splitlines(), start=1):
        if line.strip():
            yield _from_line(line, f"{path}:{number}", decoded)


def _from_line(line: str, where: str, decoded: Decoded) -> RawArticle | Problem:
    try:
        record = _json(line)
    except ValueError as e:
        return Problem(where, f"invalid JSON line ({e})")
    try:
        return _from_record(record, where, decoded)
    except Exception as e:  # a bug here must cost one record, not the file
        return internal_error(f"reading {where}", where, e)


def _read_json(path: str, decoded: Decoded) -> Iterator[RawArticle | Problem]:
    try:
        data = _json(decoded.text)
    except ValueError as e:
        yield Problem(path, f"invalid JSON ({e})")
        return
    if isinstance(data, dict) and isinstance(data.get("articles") or data.get("documents"), list):
        data = data.get("articles") or data.get("documents")
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        yield _from_record(record, f"{path}:{number}" if len(records) > 1 else path, decoded)


def _json(text: str):
    """json.loads, with every way it fails as a ValueError that says why in a few words."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"{e.msg} at line {e.lineno}" if "\n" in text.strip() else e.msg) from None
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _from_record(record, where: str, decoded: Decoded) -> RawArticle | Problem:
    if not isinstance(record, dict):
        return Problem(where, "a record must be a JSON object with a 'text' field")
    body = next((record[f] for f in _TEXT_FIELDS if isinstance(record.get(f), str) and record[f].strip()), None)
    fmt = "txt"
    if body is None and isinstance(record.get("html"), str) and record["html"].strip():
        body, fmt = record["html"], "html"
    if body is None:
        return Problem(where, "record has no 'text' (or 'html') field")
    body = _storable(body)
    source = _first_str(record, ("id",)) or _first_str(record, ("url",)) or where
    published = _first_str(record, _DATE_FIELDS)
    return RawArticle(
        source=source, body=body, fmt=fmt, title=_first_str(record, ("title", "headline")),
        url=_first_str(record, ("url", "link")), published=published, published_basis="feed" if published else None,
        outlet=_first_str(record, _OUTLET_FIELDS), author=_first_str(record, ("author", "byline")),
        decoded_as=decoded.encoding, removed=_replaced(body, decoded),
    )


def _first_str(record: dict, fields: tuple[str, ...]) -> str | None:
    for f in fields:
        value = record.get(f)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return _storable(str(value)).strip()
    return None


def _storable(text: str) -> str:
    """JSON escapes can give control characters and halves of surrogate pairs, which can't be stored."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", text))


def _read_feed(path: str, data: bytes) -> Iterator[RawArticle | Problem]:
    import feedparser  # imported here: only feeds need it

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f"not a readable RSS/Atom feed ({feed.get('bozo_exception', 'no entries')})"
        yield Problem(path, reason)
        return
    outlet = (feed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{path}:{number}"
        try:
            yield _from_entry(entry, where, outlet)
        except Exception as e:  # a bug here must cost one entry, not the feed
            yield internal_error(f"reading {where}", where, e)


def _from_entry(entry, where: str, outlet: str | None) -> RawArticle | Problem:
    contents = entry.get("content") or []
    body = (contents[0].get("value") if contents else None) or entry.get("summary") or ""
    if not body.strip():
        return Problem(where, "feed entry has no content or summary")
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    published = time.strftime("%Y-%m-%d", parsed) if parsed else None
    return RawArticle(
        source=entry.get("id") or entry.get("link") or where, body=_wrap_html(body), fmt="html",
        title=(entry.get("title") or "").strip() or None, url=entry.get("link"), published=published,
        published_basis="feed" if published else None, outlet=outlet, author=entry.get("author"),
    )


def _wrap_html(body: str) -> str:
    return body if "<" in body else "".join(f"<p>{p}</p>" for p in body.split("\n\n"))

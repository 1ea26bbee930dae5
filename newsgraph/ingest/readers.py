"""Find input files and read each into RawArticle records: .txt, .html/.htm, .json/.jsonl, RSS/Atom.

Every failure becomes a Problem (source, reason) and reading goes on with the next input.
"""
from __future__ import annotations

import glob
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

from newsgraph.records import Problem, RawArticle
from newsgraph.settings import ARTICLE_SUFFIXES, Settings

_TEXT_FIELDS = ("text", "body", "content", "article")
_DATE_FIELDS = ("published", "date", "published_at", "pubdate", "datetime")
_OUTLET_FIELDS = ("outlet", "site", "sitename", "publisher", "source_name")


def discover(paths: list[str]) -> Iterator[str | Problem]:
    """Files named by paths, directories (recursive, article suffixes only) and globs, in a stable order."""
    for given in paths:
        if given.startswith(("http://", "https://")):
            yield Problem(given, "fetching URLs is not available in this version; save the page and pass the file")
        elif os.path.isdir(given):
            yield from _walk(given)
        elif os.path.isfile(given):
            yield given
        elif glob.has_magic(given):
            found = sorted(glob.glob(given, recursive=True))
            if not found:
                yield Problem(given, "the pattern matches no file")
            for path in found:
                yield from (_walk(path) if os.path.isdir(path) else [path])
        else:
            yield Problem(given, "no such file or directory")


def _walk(top: str) -> Iterator[str]:
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES):
                yield os.path.join(root, name)


def read_path(path: str, settings: Settings) -> Iterator[RawArticle | Problem]:
    """The articles in one file, or Problems saying why not."""
    try:
        size = os.path.getsize(path)
        if size == 0:
            yield Problem(path, "empty file")
            return
        if size > settings.max_bytes:
            yield Problem(path, f"file too large ({size / 2**20:.1f} MB > {settings.max_bytes / 2**20:.0f} MB; raise --max-mb)")
            return
        data = Path(path).read_bytes()
    except OSError as e:
        yield Problem(path, f"cannot read: {e.strerror or e}")
        return
    if _looks_binary(data):
        yield Problem(path, "binary file, not text")
        return
    text, encoding = decode(data)
    yield from _read_format(path, data, text, encoding)


def _read_format(path: str, data: bytes, text: str, encoding: str) -> Iterator[RawArticle | Problem]:
    suffix = Path(path).suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, text, encoding)
    elif suffix == ".json":
        yield from _read_json(path, text, encoding)
    elif suffix in (".xml", ".rss", ".atom"):
        yield from _read_feed(path, data)
    elif suffix in (".html", ".htm"):
        yield RawArticle(source=path, body=text, fmt="html", decoded_as=encoding)
    elif suffix != ".txt":
        yield Problem(path, f"not an article format ({suffix or 'no suffix'}); use one of {', '.join(ARTICLE_SUFFIXES)}")
    elif not text.strip():
        yield Problem(path, "no text in file")
    else:
        yield RawArticle(source=path, body=text, fmt="txt", decoded_as=encoding)


def decode(data: bytes) -> tuple[str, str]:
    """UTF-16 with a BOM, UTF-8 (with or without BOM), else cp1252, else latin-1 (which always decodes)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a BOM: text with NUL bytes
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def _read_jsonl(path: str, text: str, encoding: str) -> Iterator[RawArticle | Problem]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except ValueError as e:
            yield Problem(where, f"invalid JSON line ({e.msg})")
            continue
        yield _from_record(record, where, encoding)


def _read_json(path: str, text: str, encoding: str) -> Iterator[RawArticle | Problem]:
    try:
        data = json.loads(text)
    except ValueError as e:
        yield Problem(path, f"invalid JSON ({e.msg} at line {e.lineno})")
        return
    if isinstance(data, dict) and isinstance(data.get("articles") or data.get("documents"), list):
        data = data.get("articles") or data.get("documents")
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        yield _from_record(record, f"{path}:{number}" if len(records) > 1 else path, encoding)


def _from_record(record, where: str, encoding: str) -> RawArticle | Problem:
    if not isinstance(record, dict):
        return Problem(where, "a record must be a JSON object with a 'text' field")
    body = next((record[f] for f in _TEXT_FIELDS if isinstance(record.get(f), str) and record[f].strip()), None)
    fmt = "txt"
    if body is None and isinstance(record.get("html"), str) and record["html"].strip():
        body, fmt = record["html"], "html"
    if body is None:
        return Problem(where, "record has no 'text' (or 'html') field")
    source = _first_str(record, ("id",)) or _first_str(record, ("url",)) or where
    published = _first_str(record, _DATE_FIELDS)
    return RawArticle(
        source=source, body=body, fmt=fmt, title=_first_str(record, ("title", "headline")),
        url=_first_str(record, ("url", "link")), published=published, published_basis="feed" if published else None,
        outlet=_first_str(record, _OUTLET_FIELDS), author=_first_str(record, ("author", "byline")), decoded_as=encoding,
    )


def _first_str(record: dict, fields: tuple[str, ...]) -> str | None:
    for f in fields:
        value = record.get(f)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


def _read_feed(path: str, data: bytes) -> Iterator[RawArticle | Problem]:
    import feedparser  # imported here: only feeds need it

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f"not a readable RSS/Atom feed ({feed.get('bozo_exception', 'no entries')})"
        yield Problem(path, reason)
        return
    outlet = (feed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(feed.entries, start=1):
        yield _from_entry(entry, f"{path}:{number}", outlet)


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

"""A corpus of hostile, broken and huge inputs (issue 10), written by code so that no such file is committed.

``make_bad_corpus(directory)`` writes every case and returns a :class:`BadInput` for each: the source
its Problem (or Document) carries, and the substring expected in the Problem's reason, or None when it
must be stored. ``make_good_articles(directory)`` writes three short invented articles. All names,
places and events in them are made up.
"""
from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

MB = 2**20


@dataclass(frozen=True)
class BadInput:
    path: str  # the file or directory written
    source: str  # what its Problem or Document is named: the path, "path:line", a record id, an escaped name
    reason: str | None  # a substring of the Problem's reason; None: it must be stored as a document
    case: str  # what it is, for messages
    text: str | None = None  # when stored: a substring its text must hold
    absent: str | None = None  # a string no stored text may hold (an XXE secret, an expanded entity)


_PEOPLE = ("Ilsa Varkonen", "Tomas Brevik", "Odile Marchetti", "Kasim Derwent", "Renata Solberg", "Aurel Mistry",
           "Petra Valdane", "Jonah Okafor-Lind", "Miro Castellan", "Sabine Orloff")
_PLACES = ("Velmora", "Dunhallow", "Port Kessra", "Arvenna", "Loskaya", "Tarrow Bay", "Eskelund", "Marisca")
_BODIES = ("the harbour council", "the water board", "the provincial assembly", "the rail authority",
           "the fishermen's union", "the regional court", "the port police", "the budget committee")
_VERBS = ("met", "criticised", "praised", "thanked", "accused", "visited", "called on", "wrote to", "invited")
_TOPICS = ("the new quay", "the winter budget", "the ferry timetable", "the bridge repairs", "grain prices",
           "the flood barrier", "a dispute over fishing rights", "the census results", "the tram line")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def filler(size: int, seed: int, paragraph_every: int = 0) -> str:
    """About ``size`` characters of invented news sentences, different for each seed (so that two large
    files are not near-duplicates of each other); a blank line every ``paragraph_every`` sentences (0: none)."""
    rnd = random.Random(seed)
    parts, length, n = [], 0, 0
    while length < size:
        n += 1
        when = f" on {rnd.choice(_DAYS)}" if n % 10 == 0 else ""
        sentence = (f"{rnd.choice(_PEOPLE)} of {rnd.choice(_BODIES)} {rnd.choice(_VERBS)} {rnd.choice(_PEOPLE)} "
                    f"in {rnd.choice(_PLACES)}{when} about {rnd.choice(_TOPICS)}, report {rnd.randrange(10**6)} said.")
        sep = "\n\n" if paragraph_every and n % paragraph_every == 0 else " "
        parts.append(sentence + sep)
        length += len(sentence) + len(sep)
    return "".join(parts)[:size].rstrip() + "."


def _article(title: str, *paragraphs: str) -> str:
    return "\n\n".join((title,) + paragraphs) + "\n"


_QUAY = _article(
    "Harbour council of Velmora approves the new quay",
    "The harbour council of Velmora voted on Tuesday to build a new quay for the ferries to Port Kessra, "
    "after two years of argument over its cost, the council\u2019s chair Ilsa Varkonen said.",
    "Work is to start in May. The fishermen\u2019s union, which had opposed the plan, said it would not go to court.",
)


_FERRY = _article(
    "Ferry to Eskelund cancelled for a week",
    "The rail authority cancelled the night ferry between Marisca and Eskelund for a week from Saturday, "
    "saying two of its three engines needed repairs that could not wait for the spring.",
)


def make_good_articles(directory: str | os.PathLike) -> list[BadInput]:
    """Three short invented articles (.txt, .html, .jsonl), each of which must be stored."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    txt = _write(d / "good-bridge.txt", _article(
        "Dunhallow reopens its old bridge after repairs",
        "The old stone bridge of Dunhallow reopened to traffic on Friday after eight months of repairs, "
        "the town's engineer Tomas Brevik told reporters at the ceremony.",
        "The repairs cost 3.2 million crowns, less than the provincial assembly had set aside for them.",
    ))
    html = _write(d / "good-court.html", (
        "<html><head><title>Regional court in Arvenna frees two fishermen</title>"
        "<meta name='date' content='2019-04-11'></head><body><nav>Home | News | Sport</nav><article>"
        "<h1>Regional court in Arvenna frees two fishermen</h1>"
        "<p>The regional court of Arvenna on Thursday freed two fishermen from Loskaya who had been held since March "
        "for fishing inside the closed zone, their lawyer Odile Marchetti said outside the court.</p>"
        "<p>The judge ruled that the zone had not been marked on the charts the men were given by the port police.</p>"
        "</article><footer>All rights reserved</footer></body></html>"))
    record = {"id": "good-census", "title": "Census finds Tarrow Bay growing fastest", "published": "2020-02-03",
              "text": "Tarrow Bay grew faster than any other town in the province over the last ten years, the census "
                      "office said on Monday, as families moved there from Eskelund and Marisca.\n\n"
                      "The office's head Kasim Derwent said the rail line opened in 2014 explained most of the rise."}
    jsonl = _write(d / "good-census.jsonl", json.dumps(record) + "\n")
    return [BadInput(txt, txt, None, "good plain text", text="Dunhallow reopens its old bridge"),
            BadInput(html, html, None, "good HTML page", text="freed two fishermen"),
            BadInput(jsonl, "good-census", None, "good JSONL record", text="Tarrow Bay grew faster")]


def make_bad_corpus(directory: str | os.PathLike, max_mb: float = 10.0, long_line_mb: float = 5.0,
                    big_text_mb: float = 9.0, big_record_chars: int = 10_000_000) -> list[BadInput]:
    """Write every bad input of issue 10 into ``directory`` (created) and say what each must give.

    ``max_mb`` is the size limit the reader will be given (the oversized file is just above it); the
    5 MB line, the 9 MB text and the 10 MB JSONL record must be under it, and must be stored."""
    if max(long_line_mb, big_text_mb) * MB + 1024 > max_mb * MB or big_record_chars + 1024 > max_mb * MB:
        raise ValueError(f"the large inputs must fit under max_mb={max_mb}")
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    cases = [
        *_size_cases(d, max_mb, long_line_mb, big_text_mb, big_record_chars),
        *_json_cases(d),
        *_encoding_cases(d),
        *_not_article_cases(d),
        *_feed_cases(d),
        _non_utf8_name(d),
        _unreadable_directory(d),
    ]
    return [c for c in cases if c is not None]


def _size_cases(d: Path, max_mb: float, long_line_mb: float, big_text_mb: float, record_chars: int) -> list[BadInput]:
    empty = _write(d / "empty.txt", b"")
    binary = _write(d / "binary.txt", bytes(range(256)) * 8)
    oversized = _write(d / "oversized.txt", filler(int(max_mb * MB) + 1024, seed=1, paragraph_every=5))
    long_line = _write(d / "long-line.txt", filler(int(long_line_mb * MB), seed=2))
    big_text = _write(d / "big-text.txt", filler(int(big_text_mb * MB), seed=3, paragraph_every=6))
    record = {"id": "huge-record", "title": "A very long report from Velmora", "text": filler(record_chars, seed=4,
                                                                                              paragraph_every=8)}
    huge = _write(d / "huge-record.jsonl", json.dumps(record) + "\n")
    return [
        BadInput(empty, empty, "empty file", "empty file"),
        BadInput(binary, binary, "binary file", "binary file"),
        BadInput(oversized, oversized, "file too large", f"file over --max-mb {max_mb:g}"),
        BadInput(long_line, long_line, None, f"{long_line_mb:g} MB of text without a line break"),
        BadInput(big_text, big_text, None, f"{big_text_mb:g} MB plain text"),
        BadInput(huge, "huge-record", None, f"JSONL record of {record_chars:,} characters"),
    ]


def _json_cases(d: Path) -> list[BadInput]:
    depth = 100_000
    nested = _write(d / "nested.jsonl", "[" * depth + "]" * depth + "\n" +
                    json.dumps({"id": "after-nested", "text": _FERRY}) + "\n")
    broken = _write(d / "broken-line.jsonl", json.dumps({"id": "before-broken", "text": _QUAY.replace("May", "June")})
                    + "\n" + '{"id": "cut-short", "text": "The council met on\n')
    return [
        BadInput(nested, f"{nested}:1", "nested too deeply", f"JSONL line nested {depth:,} levels deep"),
        BadInput(nested, "after-nested", None, "the good line after the deeply nested one", text="night ferry"),
        BadInput(broken, "before-broken", None, "the good line before an invalid one", text="start in June"),
        BadInput(broken, f"{broken}:2", "invalid JSON line", "invalid JSON line"),
    ]


def _encoding_cases(d: Path) -> list[BadInput]:
    utf8 = (_QUAY.replace("Velmora", "Eskelund") + "\n\u201cWe will watch the work closely \u2013 every day,\u201d "
            "the union\u2019s leader said.\n").encode("utf-8")
    at = utf8.index(b"voted")
    invalid = _write(d / "invalid-utf8.txt", utf8[:at] + b"\xff\xfe\x80" + utf8[at:])
    cp1252 = _write(d / "cp1252.txt", _article(
        "Caf\u00e9 owners in Marisca meet the minister",
        "The owners of the caf\u00e9s on Marisca\u2019s sea front met the tourism minister on Monday \u2013 "
        "their first meeting since the \u201cwinter rules\u201d came in, the owners\u2019 spokesman said.",
    ).encode("cp1252"))
    latin1 = _write(d / "latin1.txt", _article(
        "Stra\u00dfenbahn in Loskaya f\u00e4hrt wieder",
        "Die Stra\u00dfenbahn von Loskaya f\u00e4hrt seit Montag wieder \u00fcber die Br\u00fccke, sagte "
        "B\u00fcrgermeisterin Renata Solberg am Dienstag vor dem Rathaus.",
    ).encode("latin-1"))
    utf16 = _write(d / "utf16.txt", _QUAY.replace("Velmora", "Tarrow Bay").encode("utf-16"))
    head = filler(9000, seed=5, paragraph_every=4) + "\n\n"
    nuls = _write(d / "nul-bytes.txt", (_article("Flood barrier in Eskelund closed for the storm", head)
                                        + "The barrier\x00closed at noon\x00and opened again at dusk.\n").encode())
    return [
        BadInput(invalid, invalid, None, "UTF-8 with 3 invalid bytes", text="council\u2019s chair"),
        BadInput(cp1252, cp1252, None, "cp1252 text", text="Caf\u00e9 owners"),
        BadInput(latin1, latin1, None, "latin-1 text", text="Stra\u00dfenbahn"),
        BadInput(utf16, utf16, None, "UTF-16 text with a BOM", text="Tarrow Bay"),
        BadInput(nuls, nuls, None, "NUL bytes after the first 8 KB", text="barrier closed at noon and opened"),
    ]


def _not_article_cases(d: Path) -> list[BadInput]:
    js = ("var slots = window.slots || [];\nfunction track(event, data) {\n  if (!event) { return null; }\n"
          "  slots.push({name: event, at: Date.now(), data: data});\n  return slots.length;\n}\n"
          "document.addEventListener('load', () => { track('load', {page: location.href}); });\n")
    script = _write(d / "all-script.html", "<html><head><script>" + js * 100 + "</script></head><body><script>"
                    + js * 100 + "</script></body></html>")
    title = _write(d / "unclosed-title.html", (
        "<html><head><meta charset='utf-8'><title>Velmora council meets\n</head><body><div class='nav'>"
        "<a href='/'>Home</a></div><article><p>The harbour council of Velmora met on Tuesday to discuss the new quay "
        "and agreed to meet again in May, its chair said.</p><p>The fishermen's union was not invited.</p></article>"
        "</body></html>"))
    malformed = _write(d / "malformed.html", (
        "<html><body><div><p>The water board of Arvenna said on Wednesday that it would raise prices by a tenth "
        "from June, the first rise in six years, blaming the cost of the new pumps.<p>Its chair Aurel Mistry "
        "said the rise was <b>unavoidable</i> and that the board had <div>cut its own costs first"))
    fragment = _write(d / "fragment.html", "<html><body><div><p>unclosed <b>tags")
    return [
        BadInput(script, script, "no article text", "HTML page that is all <script>"),
        BadInput(title, title, "no article text", "HTML page with an unclosed <title>"),
        BadInput(malformed, malformed, None, "malformed HTML with an article", text="raise prices by a tenth"),
        BadInput(fragment, fragment, "no article text", "malformed HTML without text"),
    ]


def _feed_cases(d: Path) -> list[BadInput]:
    secret = d / "secret.dat"  # not an article suffix: never read unless an entity pulls it in
    secret.write_text("XXE-SECRET-4471\n")
    xxe = _write(d / "xxe.xml", (
        f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE rss [ <!ENTITY leak SYSTEM "file://{secret}"> ]>\n'
        '<rss version="2.0"><channel><title>Harbour Gazette</title><item><title>Port council meets</title>'
        "<guid>xxe-entry</guid><description>The port council of Velmora met on Tuesday to discuss the new quay. "
        "&leak; The mayor said the work would start in May.</description></item></channel></rss>\n"))
    entities = "".join(f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    laughs = _write(d / "billion-laughs.xml", (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY lol0 "lol">\n{entities}]>\n'
        '<rss version="2.0"><channel><title>Laughs</title><item><title>Laughing matter</title><guid>laughs-entry</guid>'
        "<description>&lol9; The budget committee of Dunhallow met on Monday about the winter budget."
        "</description></item></channel></rss>\n"))
    return [
        BadInput(xxe, "xxe-entry", None, "feed with an external entity (XXE)", text="met on Tuesday",
                 absent="XXE-SECRET-4471"),
        BadInput(laughs, "laughs-entry", None, "feed with a billion-laughs entity", text="winter budget",
                 absent="lollollollol"),
    ]


def _non_utf8_name(d: Path) -> BadInput:
    name = os.fsdecode(b"bad\xff-name.txt")  # a str holding a lone surrogate, as os.walk gives it
    path = _write(d / name, _QUAY.replace("Velmora", "Port Kessra"))
    shown = os.fsencode(path).decode("utf-8", errors="backslashreplace")  # "...bad\xff-name.txt"
    return BadInput(path, shown, None, "file name with a non-UTF-8 byte", text="Port Kessra")


def _unreadable_directory(d: Path) -> BadInput:
    """A sub-directory without read permission. Root reads it anyway: then its article must be stored
    (test the Problem in-process with :func:`deny_listing`)."""
    locked = d / "locked"
    locked.mkdir(exist_ok=True)
    inside = _write(locked / "inside.txt", _QUAY.replace("Velmora", "Loskaya"))
    os.chmod(locked, 0)
    if os.access(locked, os.R_OK | os.X_OK):
        return BadInput(inside, inside, None, "unreadable directory, readable anyway (running as root)",
                        text="Loskaya")
    return BadInput(str(locked), str(locked), "cannot read directory", "sub-directory without read permission")


def deny_listing(monkeypatch, directory: str | os.PathLike) -> None:
    """Make listing ``directory`` fail with "Permission denied" in this process, as it does for a user
    without read permission, even when running as root."""
    denied, scandir = os.fspath(directory), os.scandir

    def guarded(path=".", *args, **kwargs):
        if os.fspath(path) == denied:
            raise PermissionError(13, "Permission denied", denied)
        return scandir(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", guarded)


def _write(path: Path, content: str | bytes) -> str:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)

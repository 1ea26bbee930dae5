"""Plain-text page cleaner: drop site chrome and boilerplate, keep captions and credits as metadata, find the title.

A plain-text dump of a web page is a list of paragraphs (lines separated by blank lines). Each is
classified by what it looks like and where it stands relative to the article body:

- before the title: slogans, menus, "clear" widgets, a page-saved date ("Monday , 4 December 2023"),
  breadcrumbs ("Home / World / ...") are site chrome;
- the title is the last headline-like line before the first body paragraph;
- a date line right under the title is the publication date (the dateline);
- anywhere: teasers ("Read: ...", "Read more:", "Check Also" and the teaser block after them),
  "Powered by automated translation", share and cookie lines are boilerplate;
- photo captions ("... [Agency/Credit]") and wire credits ("* Reuters") stay in the text (they name
  people and sources) and are also recorded as metadata;
- script, style sheets, templates and HTML markup left in the text (a page dump, a broken page) are
  removed as "code or markup": a run of short lines is judged together (a style sheet is a column of
  short lines), and then only its lines that hold code themselves are removed.

A page dump (a copy-paste or text dump of a whole page: one visible block per line, no blank lines,
menus, notices, teasers, footers and comments included) is cut down to its article by
:mod:`newsgraph.ingest.boilerplate`, which also finds its headline; datelines, page-saved dates and
wire credits are still judged here.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsgraph.ingest.boilerplate import is_page_dump, read_dump
from newsgraph.ingest.dates import date_line
from newsgraph.records import CleanText, Removed

WIRE_AGENCIES = (
    "Reuters", "AFP", "AP", "Associated Press", "Agence France-Presse", "Anadolu", "Anadolu Agency",
    "Xinhua", "dpa", "EFE", "ANSA", "UPI", "MENA", "Bloomberg", "PA", "Kyodo", "TASS", "Interfax",
)
_AGENCY = "|".join(re.escape(a) for a in sorted(WIRE_AGENCIES, key=len, reverse=True))
_CREDIT_LINE = re.compile(
    rf"^\s*(?:[*•—–-]+|\(|source\s*:|with (?:reporting|agency reporting) (?:by|from)\s*)?\s*"
    rf"(?P<agency>{_AGENCY})(?:\s*(?:news agency|agency|staff|contributed|reporting))?\s*\)?\.?\s*$",
    re.IGNORECASE,
)
_TEASER_LINE = re.compile(
    r"^\s*(?:read|read also|also read|read more|see also|related|related articles?|related stories|"
    r"recommended|more from|more on|watch|listen|trending|most read|most popular|you may also like|"
    r"you might also like|check also|don't miss|do not miss|further reading)\b\s*[:>»|-]",
    re.IGNORECASE,
)
_BLOCK_HEADER = re.compile(
    r"^\s*(?:read more|check also|see also|related|related articles?|related stories|related news|"
    r"recommended|recommended for you|more stories|more from [\w .]+|most read|most popular|"
    r"you may also like|you might also like|trending|further reading|latest news|also on [\w .]+)\s*:?\s*$",
    re.IGNORECASE,
)
_FIXED_BOILERPLATE = re.compile(
    r"^\s*(?:powered by (?:automated|machine|google) translation|translated (?:automatically|by machine)|"
    r"advertisement|advertising|sponsored( content)?|skip to (?:main )?content|click here.*|"
    r"subscribe(?: now| to our newsletter)?.*|sign up for .*newsletter.*|print|email|comments?|"
    r"leave a (?:comment|reply)|\d+\s+comments?|clear|menu|search|close|toggle navigation|"
    r"all rights reserved.*|(?:©|\(c\)|copyright)\s.*)\s*$",
    re.IGNORECASE,
)
_SOCIAL = r"facebook|twitter|x|whatsapp|telegram|linkedin|email|e-mail|print|pinterest|reddit|messenger|copy link|tweet|share"
_SHARE_PREFIX = r"(?:share|share this|share (?:this )?(?:article|story|post|page)|share on|share via|follow us(?: on)?|tweet)"
_SHARE_LINE = re.compile(
    rf"^\s*(?:{_SHARE_PREFIX}\s*:?\s*(?:(?:{_SOCIAL})\s*[,|/•·]?\s*)*|(?:(?:{_SOCIAL})\s*[,|/•·]?\s*)+)$",
    re.IGNORECASE,
)
_COOKIE_LINE = re.compile(
    r"\bcookies?\b.*\b(?:accept|agree|consent|privacy|policy|settings|experience|use)\b|"
    r"\b(?:accept|agree|consent)\b.*\bcookies?\b",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^\s*(?:[^/>»|\n]{1,60}\s(?:/|>|»|›|\|)\s){2,}[^/>»|\n]{1,200}$")
_CAPTION = re.compile(r"^(?P<caption>.{10,300}?)\s*\[(?P<credit>[^\[\]]{2,80})\]\s*$|^\s*(?:photo|image|picture|file photo)\s*:\s*.{5,300}$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # controls but tab, line feed, form feed
_PAGE_BREAK = re.compile(r"\x0c")  # form feed: a line end
CODE = "code or markup"  # the reason given for removed code
_HTML_TAG = re.compile(
    r"<!--|-->|</?(?:html|head|body|div|span|p|a|script|style|meta|link|img|br|hr|li|ul|ol|table|tbody|thead|"
    r"tr|td|th|h[1-6]|iframe|form|input|button|select|option|textarea|label|section|article|header|footer|nav|"
    r"aside|main|noscript|template|title|svg|path|g|figure|figcaption|picture|source|video|audio|strong|em|b|i|"
    r"u|small|sup|sub|blockquote|pre|code|dl|dt|dd|b:\w+)(?:\s[^<>]{0,1000})?/?>", re.IGNORECASE)
_CODE_SYMBOL = re.compile(r"[{}=;\\]")
_BRACKET = re.compile(r"[()\[\]]")
_CODE_TOKEN = re.compile(  # JavaScript, CSS, JSON and template syntax
    r"\bfunction\s*[\w$]*\s*\(|=>|\b(?:var|let|const)\s+[\w$]+\s*=|"
    r"\b(?:window|document|console|Math|JSON|this)\.\w|"
    r"===|!==|&&|\|\||\)\s*\{|\}\s*[);,]|\w\(\s*\)|[{;]\s*[\w-]+\s*:\s*[^;{}\n]{1,80}[;}]|"
    r"\"[^\"\n]{1,80}\"\s*:\s*[\"\[{\d]|\{\{|\}\}")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_LONG_RUN = re.compile(r"[!-~]{60,}")  # 60 printable ASCII characters without a space: minified code, base64
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)\s*$")


def clean_text(raw: str, title: str | None = None) -> CleanText:
    """Clean a plain-text page. ``title``: a known title (feeds, JSONL); otherwise it is found."""
    normalized = normalize_text(raw)
    paragraphs = split_paragraphs(normalized)
    code = code_paragraphs(paragraphs)
    # A text given with its title comes from an extractor or a record (HTML, feed, JSONL) that has cut the page
    # already: its lines are paragraphs. A bare text with the page's chrome in it is a page dump.
    dump = read_dump(paragraphs, code) if title is None and is_page_dump(normalized) else None
    body_start = _first_body_index(paragraphs, code)
    kept: list[str] = []
    removed: list[Removed] = []
    captions: list[str] = []
    meta = {"credit": None, "dateline": None, "page_saved": None, "title": title}
    title_index = _title_index(paragraphs, body_start, title, code)
    headline = title_index if dump is None else dump.title  # the title line kept
    in_teaser_block = False
    for i, para in enumerate(paragraphs):
        if i in code:
            removed.append(Removed(para, CODE))
            continue
        if i == headline:
            meta["title"] = para
            kept.append(para)
            continue
        verdict, in_teaser_block = _classify(para, i, title_index, body_start, in_teaser_block)
        if dump is not None and verdict in (None, "caption", "site chrome"):  # a page dump: the article run decides
            verdict = dump.chrome.get(i, "caption" if verdict == "caption" else None)
        if verdict is None:
            kept.append(para)
        elif verdict == "caption":  # page text that names people: kept, and noted as a caption
            captions.append(para)
            kept.append(para)
        elif verdict == "credit":
            meta["credit"] = _CREDIT_LINE.match(para)["agency"]
            kept.append(para)
        elif verdict in ("dateline", "page-saved"):
            meta["dateline" if verdict == "dateline" else "page_saved"] = date_line(para)
            removed.append(Removed(para, verdict))
        else:
            removed.append(Removed(para, verdict))
    return CleanText(
        text="\n\n".join(kept), title=meta["title"], removed=tuple(removed), captions=tuple(captions),
        credit=meta["credit"], dateline=meta["dateline"], page_saved=meta["page_saved"],
    )


_QUOTE_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
                             "`": "'", "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
                             "\u2033": '"', "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-"})


def same_line(a: str, b: str) -> bool:
    """Are two lines the same words, whatever their quotes, apostrophes, dashes, spacing and case? A title from
    the page's metadata ("Varland's army") is the headline printed in the text ("Varland’s army"): NFKC
    leaves typographic quotes alone, so they are folded here, for the comparison only (the text keeps its own)."""
    def fold(line: str) -> str:
        return " ".join(line.translate(_QUOTE_FOLD).casefold().split())
    return fold(a) == fold(b)


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY_MONTH = rf"(?:{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_MONTH})(?:,?[ \t]*\d{{4}})?"
_DATELINE_DATED = re.compile(rf"{_DAY_MONTH}[ \t]*\((?P<place>[^()\n]{{2,40}})\)[ \t]*(?:[-–—:]+|//)[ \t]*")
_PLACE_WORD = r"(?:[A-Z][A-Z'’.]+(?:-[A-Z][A-Z'’.]*)*|[A-Z][a-z'’.]+(?:-[A-Z]?[a-z'’.]+)*)"
_DATELINE_PLACE = re.compile(rf"{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,3}}")
_DATELINE_REGION = re.compile(rf",[ \t]*{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD})?(?=[ \t]*(?:[-–—:(/]|,?[ \t]*{_DAY_MONTH}))")
_DATELINE_DATE = re.compile(rf",?[ \t]*{_DAY_MONTH}\.?")
_DATELINE_CREDIT = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)|/[^/\n]{1,20}/)\.?")
_DATELINE_SEPARATOR = re.compile(r"[ \t]*(?:[-–—:]+|//|,)[ \t]*")


@dataclass(frozen=True)
class Dateline:
    """Where a paragraph's dateline names its place and where its running text begins (offsets in the
    paragraph): "KALMAR //", "KALMAR, Varland (Agency) -", "BRAVA, May 4. /AGENCY/.", "May 4, 2017 (KALMAR) –",
    "Tobruk — ". ``certain``: a date, a credit or a region follows the place, so it is a dateline's place."""

    place_start: int
    place_end: int
    end: int
    certain: bool


def dateline(paragraph: str) -> Dateline | None:
    """The dateline that opens a paragraph of running text, if any: a place in capitals before a comma, a
    dash, a colon or "//"; or any place before a date, a credit, a region or a long dash."""
    dated = _DATELINE_DATED.match(paragraph)
    if dated:
        return Dateline(dated.start("place"), dated.end("place"), dated.end(), True)
    place = _DATELINE_PLACE.match(paragraph)
    if place is None:
        return None
    at, certain = place.end(), False
    for pattern in (_DATELINE_DATE, _DATELINE_REGION, _DATELINE_DATE, _DATELINE_CREDIT):
        found = pattern.match(paragraph, at)
        if found:
            at, certain = found.end(), True
    separator = _DATELINE_SEPARATOR.match(paragraph, at)
    capitals = place.group(0).isupper() and len(place.group(0)) >= 3
    mark = separator.group(0).strip() if separator else ""
    if not (certain or (mark and capitals) or mark in ("–", "—", "//")):
        return None
    end = separator.end() if separator else at
    return Dateline(0, place.end(), end, certain) if len(paragraph[end:].split()) >= 6 else None


def normalize_text(raw: str) -> str:
    """NFKC, unified line ends, control characters as spaces (form feeds as line ends), no trailing spaces."""
    text = unicodedata.normalize("NFKC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", _PAGE_BREAK.sub("\n", text))
    return "\n".join(line.strip() for line in text.split("\n"))


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are non-empty lines; whitespace inside each is collapsed."""
    return [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n") if line.strip()]


def is_body(para: str) -> bool:
    """A paragraph of running text: a long sentence, not a headline or a teaser snippet."""
    words = len(para.split())
    if _ELLIPSIS_END.search(para):
        return False
    return (words >= 12 and bool(_SENTENCE_END.search(para))) or words >= 30


def _is_headline(para: str) -> bool:
    words = len(para.split())
    return 3 <= words <= 25 and not para.endswith((".", ":", ",", ";")) and not _is_chrome(para)


def _is_chrome(para: str) -> bool:
    return bool(
        _BREADCRUMB.match(para) or _FIXED_BOILERPLATE.match(para) or _SHARE_LINE.match(para)
        or _COOKIE_LINE.search(para) or _TEASER_LINE.match(para) or _BLOCK_HEADER.match(para)
        or date_line(para) or _CAPTION.match(para)
    )


def _first_body_index(paragraphs: list[str], code: set[int]) -> int:
    for i, para in enumerate(paragraphs):
        if i not in code and is_body(para) and not _is_chrome(para):
            return i
    return len(paragraphs)


def _title_index(paragraphs: list[str], body_start: int, known: str | None, code: set[int]) -> int | None:
    """The paragraph that is the known title, else the last headline-like one before the body."""
    if known is not None:
        candidates = enumerate(paragraphs[:body_start + 1])
        return next((i for i, p in candidates if known.strip() and same_line(p, known) and i not in code), None)
    for i in range(body_start - 1, -1, -1):
        if i not in code and _is_headline(paragraphs[i]):
            return i
    return None


def _classify(para: str, i: int, title_index: int | None, body_start: int, in_block: bool) -> tuple[str | None, bool]:
    """What a paragraph is (None: article text) and whether a teaser block goes on after it."""
    before_title = title_index is not None and i < title_index
    before_body = i < body_start
    if _BLOCK_HEADER.match(para):
        return "teaser", True
    if in_block:
        if is_body(para):
            return None, False
        return "teaser", True
    if date_line(para):
        return ("page-saved" if before_title or (title_index is None and i == 0 and before_body) else "dateline"), False
    if _CAPTION.match(para):
        return "caption", False
    if _CREDIT_LINE.match(para):
        return "credit", False
    for name, rx in (("breadcrumb", _BREADCRUMB), ("teaser", _TEASER_LINE), ("boilerplate", _FIXED_BOILERPLATE),
                     ("share", _SHARE_LINE), ("cookie", _COOKIE_LINE)):
        if (rx.search(para) if rx is _COOKIE_LINE else rx.match(para)) and not (rx is _COOKIE_LINE and is_body(para) and len(para) > 300):
            return name, False
    if before_title or (title_index is None and before_body and not is_body(para) and len(para.split()) < 8 and i < body_start):
        return "site chrome", False
    return None, False


def code_paragraphs(paragraphs: list[str]) -> set[int]:
    """Indices of the paragraphs that are script, style, template or HTML markup rather than text.

    A body paragraph (or any long one) is judged alone; a run of short lines together, and then only
    those of its lines that show some code themselves are taken, not the menu entries around them."""
    code: set[int] = set()
    run: list[int] = []
    for i, para in enumerate(paragraphs + [""]):
        if para and not (is_body(para) or len(para) >= 300):
            run.append(i)
            continue
        if run and looks_like_code("\n".join(paragraphs[j] for j in run)):
            code.update(j for j in run if len(run) == 1 or _shows_code(paragraphs[j]))
        run = []
        if para and looks_like_code(para):
            code.add(i)
    return code


def looks_like_code(text: str) -> bool:
    """Whether a text is mostly HTML markup, JavaScript, CSS, JSON or template syntax, not prose.

    Markup: two or more HTML tags that make a tenth of the text. Code: symbols ({ } = ; \\) making
    15% of its non-space characters, or code tokens (``function(``, ``=>``, ``var x =``, ``a: b;``,
    ``"key":``) with symbols and brackets making 8%; or long runs without spaces (minified, base64).
    """
    solid = len(text) - sum(map(text.count, " \t\n"))  # characters but spaces, tabs and line ends
    if solid < 20:
        return False
    tags = [m.end() - m.start() for m in _HTML_TAG.finditer(text)] if "<" in text else []
    if len(tags) >= 2 and sum(tags) >= 0.1 * len(text):
        return True
    symbols, brackets = _count(_CODE_SYMBOL, text), _count(_BRACKET, text)
    if symbols >= 0.15 * solid:
        return True
    if symbols + brackets + text.count('"') >= 0.02 * solid:  # else too few for code tokens to count: skip them
        tokens = _count(_CODE_TOKEN, text)
        if tokens >= 2 and symbols + brackets + 3 * tokens >= 0.08 * solid:
            return True
    return sum(m.end() - m.start() for m in _LONG_RUN.finditer(_URL.sub(" ", text))) >= 0.5 * solid


def _shows_code(line: str) -> bool:
    return bool(_HTML_TAG.search(line) or _CODE_SYMBOL.search(line) or _CODE_TOKEN.search(line)
                or _LONG_RUN.search(_URL.sub(" ", line)))


def _count(pattern: re.Pattern, text: str) -> int:
    return pattern.subn("", text)[1]

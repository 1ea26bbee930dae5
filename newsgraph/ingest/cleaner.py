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
  people and sources) and are also recorded as metadata.
"""
from __future__ import annotations

import re
import unicodedata

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
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # control characters but tab and line feed
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)\s*$")


def clean_text(raw: str, title: str | None = None) -> CleanText:
    """Clean a plain-text page. ``title``: a known title (feeds, JSONL); otherwise it is found."""
    paragraphs = split_paragraphs(normalize_text(raw))
    body_start = _first_body_index(paragraphs)
    kept: list[str] = []
    removed: list[Removed] = []
    captions: list[str] = []
    meta = {"credit": None, "dateline": None, "page_saved": None, "title": title}
    title_index = _title_index(paragraphs, body_start, title)
    in_teaser_block = False
    for i, para in enumerate(paragraphs):
        if i == title_index:
            meta["title"] = para
            kept.append(para)
            continue
        verdict, in_teaser_block = _classify(para, i, title_index, body_start, in_teaser_block)
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


def normalize_text(raw: str) -> str:
    """NFKC, unified line ends, no control characters, no trailing spaces."""
    text = unicodedata.normalize("NFKC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
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


def _first_body_index(paragraphs: list[str]) -> int:
    for i, para in enumerate(paragraphs):
        if is_body(para) and not _is_chrome(para):
            return i
    return len(paragraphs)


def _title_index(paragraphs: list[str], body_start: int, known: str | None) -> int | None:
    """The paragraph that is the known title, else the last headline-like one before the body."""
    if known is not None:
        folded = " ".join(known.split())
        return next((i for i, p in enumerate(paragraphs[:body_start + 1]) if folded and p == folded), None)
    for i in range(body_start - 1, -1, -1):
        if _is_headline(paragraphs[i]):
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

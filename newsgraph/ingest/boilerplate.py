"""Page dumps: find the article among the navigation, notices, teasers, footers and comments of a page
copied or dumped as plain text, one visible block per line.

A dump keeps every block of the page: menus (columns of short link labels), cookie and newsletter
notices, "related" and "most read" teaser lists, footers and readers' comments. The article itself is
the page's one dense run of running text. Each line is judged by what it looks like and by the words
of site chrome it holds (``data/boilerplate.tsv``, several languages), and given a weight: running text
counts for its length, link-like lines, notices and block headers against it. The run of lines with the
highest total (a maximum-sum segment) is the article; a comments header weighs so much that the run
does not cross it. Inside the run, notices, menu entries, teaser blocks and columns of link labels
are still dropped; outside it every line is, but the few the caller keeps (title, captions, credits).

Public entry points: :func:`is_page_dump` (is a text such a dump?) and :func:`read_dump`
(which of its lines are not the article, and why; which is its headline).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from newsgraph.tables import read_rows

__all__ = ["LineJudgement", "PageDump", "is_page_dump", "judge_line", "read_dump"]

DATA = Path(__file__).with_name("data") / "boilerplate.tsv"

MIN_DUMP_LINES = 8  # fewer lines: a short note, not a page
MAX_BLANK_SHARE = 0.2  # a dump has (almost) no blank lines between its blocks; articles with paragraphs do
CHROME_KINDS = ("menu", "notice", "teaser", "comments")
WHOLE_LINE_KINDS = ("comments", "teaser", "more", "menu")  # phrases that are a whole line's label
MIN_CHROME_LINES = 3  # site chrome lines that make a text a page dump
NOTICE_MAX_WORDS = 40  # a longer line holding "cookie" or "newsletter" may be article text about them
BODY_WORDS = 10  # running text: this many words and a sentence end ...
LONG_WORDS = 25  # ... or this many words whatever the punctuation
SHORT_WORDS = 4  # a line of at most this many words and no sentence end is a link label
GAP_KINDS = ("link", "headline", "symbol", "action", "byline")  # lines whose runs cost at most GAP_CAP
GAP_CAP = 300
LINK_RUN = 3  # this many link labels in a row inside the article are a menu or a share bar
PROSE_KINDS = ("body", "text", "headline", "link")  # lines that may hold part of a sentence
TEASER_LINES = 3  # a teaser: a headline, a date or a label, and a snippet
TITLE_REACH = 12  # the headline stands at most this many lines above the article run
TITLE_WORDS = (3, 30)
HEADLINE_KINDS = ("headline", "text")
LEAD_REACH = 8  # a lead paragraph this many lines above the run belongs to the article
LINK_KINDS = ("link", "symbol", "action", "menu", "byline")  # what a column of link labels is made of
ACTION_MAX_WORDS = 6  # a call to action or a picture credit is a few words ("Beitrag teilen", "Foto: dpa")
TEASER_LABEL_WORDS = 4  # "Lies auch: ...", "Lea también: ..."

# weights of the maximum-sum run, in characters of running text
WEIGHT_LINK = -30  # a link label, a date, a byline: a short gap in the article costs little
WEIGHT_HEADLINE = -10  # a headline-like line (teaser titles; the article's subheadings)
WEIGHT_NOTICE = -150  # a cookie, newsletter or rights notice, a menu entry
WEIGHT_TEASER = -300  # a "Related" or "Most read" header: what follows is someone else's text
WEIGHT_COMMENTS = -5000  # readers' comments begin: the article is over

_SENTENCE_END = re.compile(r"[.!?;:…][\"'”’»«)\]]*$")
_PROSE_END = re.compile(r"[.!?…][\"'”’»«)\]]*$")  # short prose; a label ends with a colon
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)[\"'”’»«)\]]*$")
# the same three as a line's last mark before its closing quotes and brackets (see _without_closers)
_CLOSERS = "\"'”’»«)]"
_SENTENCE_MARKS = tuple(".!?;:…")
_PROSE_MARKS = tuple(".!?…")
_ELLIPSES = ("…", "...")
_BYLINE = re.compile(r"(?i:by|written by|von|text:?|por|par|a cura di|autor:?)\s+[A-ZÀ-Þ]")
_COUNT = re.compile(r"[\s(\[]*\d+[\s)\]]*")  # "Kommentare (3)", "12 comments"
_DIGIT = re.compile(r"\d")
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit: what str.isalnum accepts, found without a Python loop
_FOLD = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-"))
_WORD = re.compile(r"\w+")  # the regular-expression word characters that bound a phrase
_LABEL_EDGES = " \t:|»«›‹>→←↑·•*-–—#()[]"


@dataclass(frozen=True)
class LineJudgement:
    """What a line of a dump looks like: ``kind`` is one of body (running text), text (short prose or a
    headline), link (a short label), notice, menu, teaser (a block header), comments (a comments header);
    ``weight`` is its share in the article run."""

    kind: str
    weight: int


# the judgements whose weight does not depend on the line, made once (most lines of a dump are links)
_SYMBOL = LineJudgement("symbol", 0)
_COMMENTS = LineJudgement("comments", WEIGHT_COMMENTS)
_TEASER = LineJudgement("teaser", WEIGHT_TEASER)
_MORE = LineJudgement("more", WEIGHT_NOTICE)
_MENU = LineJudgement("menu", WEIGHT_NOTICE)
_NOTICE = LineJudgement("notice", WEIGHT_NOTICE)
_BYLINE_LINE = LineJudgement("byline", WEIGHT_LINK)
_ACTION = LineJudgement("action", WEIGHT_LINK)
_TEASER_LINE = LineJudgement("teaser line", WEIGHT_NOTICE)
_SNIPPET = LineJudgement("snippet", WEIGHT_HEADLINE)
_LINK = LineJudgement("link", WEIGHT_LINK)
_HEADLINE = LineJudgement("headline", WEIGHT_HEADLINE)


@functools.cache
def _phrases() -> Mapping[str, frozenset[str]]:
    """``kind -> phrases`` of ``data/boilerplate.tsv``, folded to lower case."""
    table: dict[str, set[str]] = {}
    for kind, _lang, words in read_rows(DATA, 3):
        table.setdefault(kind, set()).update(w.strip().casefold() for w in words.split(";") if w.strip())
    return MappingProxyType({k: frozenset(v) for k, v in table.items()})


@functools.cache
def _phrases_by_first_word(kind: str) -> Mapping[str, tuple[str, ...]]:
    """The phrases of ``kind`` (``phrase``, ``action``) by their first word: the letters and digits they
    begin with ("e-mail-adresse" -> "e"; "cookie" -> "cookie").

    One alternation of a few hundred phrases, tried at every character of every line, took about half the
    time of judging a dump's lines. A phrase that stands as a word in a line (nothing word-like just before
    or after it) begins where a word of the line begins, and that word is the phrase's first word; so only
    the phrases filed under the line's own words need be compared with it, which a set lookup finds."""
    table: dict[str, list[str]] = {}
    for phrase in _phrases()[kind]:
        first = _WORD.match(phrase)
        if first is None:  # the lookup would never find it; the data promises words (see the file's header)
            raise ValueError(f"{DATA.name}: {kind} phrase {phrase!r} does not begin with a letter or digit")
        table.setdefault(first.group(), []).append(phrase)
    return MappingProxyType({word: tuple(sorted(group, key=len)) for word, group in table.items()})


def _holds_phrase(kind: str, lowered: str, line_words: list[str]) -> bool:
    """Whether a case-folded line holds a phrase of ``kind`` as a word (for notices, the copyright sign
    anywhere). ``line_words``: the line's words, ``_WORD.findall(lowered)``."""
    if kind == "phrase" and "©" in lowered:
        return True
    by_first = _phrases_by_first_word(kind)
    for first in by_first.keys() & line_words:  # most lines: none of their words opens a phrase
        for phrase in by_first[first]:
            begin = lowered.find(phrase)
            while begin >= 0:
                end = begin + len(phrase)
                if not (begin and _WORD.match(lowered, begin - 1)) and not _WORD.match(lowered, end):
                    return True
                begin = lowered.find(phrase, begin + 1)
    return False


def _fold_quotes(text: str) -> str:
    """Curly quotes and long dashes as their plain forms, so that "don’t miss" is the phrase "don't miss".
    (``str.translate`` with a small table costs a failed lookup for each character outside it.)"""
    if text.isascii():  # most lines, and a flag of the string: nothing to fold
        return text
    for fancy, plain in _FOLD:
        text = text.replace(fancy, plain)
    return text


def _label(line: str) -> str:
    """A line reduced to its words: lower case, no count, arrows, bullets or colon at its ends."""
    return _label_of_casefolded(line.casefold())


def _label_of_casefolded(lowered: str) -> str:
    """:func:`_label` of a line already case-folded (folding quotes and case folding commute: no character
    case-folds to a curly quote or a long dash), so that a judged line is case-folded once."""
    label = _fold_quotes(lowered).strip(_LABEL_EDGES)
    if _DIGIT.search(label) and _COUNT.fullmatch(label) is None:  # no digit, no count: spare the slow scan
        label = _COUNT.sub(" ", label)
    return " ".join(label.split()).strip(_LABEL_EDGES)


def is_page_dump(text: str) -> bool:
    """Whether a (normalised) text is a page dump: many lines, next to no blank lines between them, and
    a few lines of site chrome (menu entries, notices, block headers). An article whose paragraphs are
    lines (an extractor's output, a clean copy) has no such lines and is left to the paragraph rules."""
    lines = [line.strip() for line in text.split("\n")]
    filled = [line for line in lines if line]
    if len(filled) < MIN_DUMP_LINES:
        return False
    gaps = sum(1 for a, b in zip(lines, lines[1:]) if a and not b)
    if gaps > MAX_BLANK_SHARE * (len(filled) - 1):
        return False
    chrome = 0
    for line in filled:  # stops at the few chrome lines it needs
        chrome += judge_line(line).kind in CHROME_KINDS
        if chrome >= MIN_CHROME_LINES:
            return True
    return False


@functools.lru_cache(maxsize=1 << 16)  # a dump's lines are judged twice, and sites repeat their menus
def judge_line(line: str) -> LineJudgement:
    """The kind and weight of one line of a dump."""
    if not _ALNUM.search(line):
        return _SYMBOL
    words = len(line.split())
    lowered = line.casefold()
    label = "" if _too_long_for_a_label(lowered) else _label_of_casefolded(lowered)  # '' is no phrase
    phrases = _phrases()
    if label in phrases["comments"]:
        return _COMMENTS
    if label in phrases["teaser"]:
        return _TEASER
    if label in phrases["more"]:
        return _MORE
    if label in phrases["menu"]:
        return _MENU
    if words <= NOTICE_MAX_WORDS:
        line_words = _WORD.findall(lowered)
        if _holds_phrase("phrase", lowered, line_words):
            return _NOTICE
        if words <= ACTION_MAX_WORDS and _BYLINE.match(line):
            return _BYLINE_LINE
        if words <= ACTION_MAX_WORDS and _holds_phrase("action", lowered, line_words):
            return _ACTION
    if ":" in line and _teaser_label(line) in phrases["teaser"]:  # most lines have no label to read
        return _TEASER_LINE
    end = _without_closers(line)  # what _SENTENCE_END, _PROSE_END and _ELLIPSIS_END look at, found once
    ellipsis = end.endswith(_ELLIPSES)
    if words >= SHORT_WORDS and ellipsis:
        return _SNIPPET
    ends = end.endswith(_SENTENCE_MARKS)
    if (words >= BODY_WORDS and ends) or words >= LONG_WORDS:
        return LineJudgement("body", len(line))
    if words <= SHORT_WORDS and not ends:
        return _LINK
    if end.endswith(_PROSE_MARKS) and not ellipsis:
        return LineJudgement("text", len(line) // 2)
    return _HEADLINE


def _too_long_for_a_label(lowered: str) -> bool:
    """Whether a case-folded line keeps more characters in its label than the longest phrase that a whole
    line may be (menu entries, block headers): a paragraph of running text, whose label need not be made.
    Making a label drops spaces, digits, brackets and edge marks only, so every other character stays."""
    longest, overflow = _label_overflow()
    return len(lowered) > longest and overflow.match(lowered) is not None  # most lines are short links


@functools.cache
def _label_overflow() -> tuple[int, re.Pattern]:
    """The length of the longest whole-line phrase, and a pattern for one character more than that, not
    counting those a label may drop."""
    longest = max(len(p) for kind in WHOLE_LINE_KINDS for p in _phrases()[kind])
    droppable = r"[\s\d" + re.escape("()[]" + _LABEL_EDGES) + "]"
    return longest, re.compile(rf"(?:{droppable}*+[^{droppable[1:-1]}]){{{longest + 1}}}")


def _without_closers(line: str) -> str:
    """A line without the quotes and brackets that close it (nor a final line break, which ``$`` allows too):
    its last character is the mark that _SENTENCE_END, _PROSE_END or _ELLIPSIS_END find, if they find one.
    (A search with those patterns tries every position of a long line; ``endswith`` looks at its end.)"""
    return (line[:-1] if line.endswith("\n") else line).rstrip(_CLOSERS)


def _teaser_label(line: str) -> str:
    """The label of a teaser line, "Lies auch: Another story" -> "lies auch" ('' when there is none)."""
    head, colon, _rest = line.partition(":")
    return _label(head) if colon and len(head.split()) <= TEASER_LABEL_WORDS else ""


@dataclass(frozen=True)
class PageDump:
    """What a page dump holds besides its article: ``chrome`` maps the index of each line that is not
    article text to why; ``title`` is the index of the article's headline (None when none is found)."""

    chrome: Mapping[int, str]
    title: int | None


def read_dump(paragraphs: list[str], skip: set[int]) -> PageDump:
    """The article run of a page dump, its headline, and the chrome around and inside it. ``skip``: lines
    judged elsewhere (code), left out of the run."""
    judged = [judge_line(p) for p in paragraphs]
    start, end = _article_run(judged, skip)
    start = _with_lead(judged, start)
    end = _with_broken_sentence(paragraphs, judged, end)
    chrome: dict[int, str] = {}
    for i in range(len(paragraphs)):
        if i < start or i >= end:
            chrome[i] = "outside the article"
    chrome.update(_inside_chrome(judged, start, end))
    for more in (i for i in range(start, min(end + 1, len(judged))) if judged[i].kind == "more"):
        chrome.update((j, "teaser") for j in _teaser_above(judged, more, start))
    if judged[start:end] and judged[start].kind == "snippet":  # the lead is no teaser
        del chrome[start]
    return PageDump(MappingProxyType(chrome), _headline(paragraphs, judged, start))


def _headline(paragraphs: list[str], judged: list[LineJudgement], start: int) -> int | None:
    """The article's headline: a headline-like line a little above the run; best one whose words the page's
    first line (the document title, "Headline - Section - Site") repeats, else the nearest."""
    near = [i for i in range(max(start - TITLE_REACH, 0), start)
            if judged[i].kind in HEADLINE_KINDS and TITLE_WORDS[0] <= len(paragraphs[i].split()) <= TITLE_WORDS[1]]
    page_title = _label(paragraphs[0]) if paragraphs else ""
    for i in reversed(near):
        if i > 0 and _label(paragraphs[i]) in page_title:
            return i
    return near[-1] if near else None


def _article_run(judged: list[LineJudgement], skip: set[int]) -> tuple[int, int]:
    """``[start, end)`` of the run of lines with the highest total weight (empty when none is positive).

    A gap of short lines (a table, a list, a column of labels) costs at most ``GAP_CAP``: an article
    broken by a table goes on after it; notices, block headers and comments headers cost in full."""
    best, best_span = 0, (0, 0)
    total, start = 0, 0
    for first, last, weight in _gaps_merged(judged, skip):
        if total <= 0:
            total, start = 0, first
        total += weight
        if total > best:
            best, best_span = total, (start, last)
    return best_span


def _with_lead(judged: list[LineJudgement], start: int) -> int:
    """The run's start, moved back to a lead paragraph printed a few lines above it (the standfirst, with
    a byline, a share bar or a picture credit between them); never across a block header."""
    for i in range(start - 1, max(start - LEAD_REACH, 0) - 1, -1):
        kind = judged[i].kind
        if kind in ("body", "snippet"):  # a lead may end with an ellipsis ("Mit diesen Tipps ...")
            return i
        if kind in ("teaser", "comments"):
            break
    return start


def _with_broken_sentence(paragraphs: list[str], judged: list[LineJudgement], end: int) -> int:
    """The run's end, moved past a sentence that a line break cut after it ("Eines Tages we" / "rde ich ...",
    a <br> in a paragraph): a line that ends no sentence, then one that goes on in lower case."""
    while (end + 1 < len(paragraphs) and judged[end].kind in PROSE_KINDS and judged[end + 1].kind in PROSE_KINDS
           and not _SENTENCE_END.search(paragraphs[end]) and paragraphs[end + 1][:1].islower()):
        end += 2
    return end


def _gaps_merged(judged: list[LineJudgement], skip: set[int]) -> list[tuple[int, int, int]]:
    """``(first, end, weight)`` items: each line alone, but a run of link and headline lines as one."""
    items: list[tuple[int, int, int]] = []
    gap_start, gap_weight = None, 0
    for i, j in enumerate(judged + [LineJudgement("end", 0)]):
        if j.kind in GAP_KINDS and i not in skip:
            gap_start = i if gap_start is None else gap_start
            gap_weight += j.weight
            continue
        if gap_start is not None:
            items.append((gap_start, i, max(gap_weight, -GAP_CAP)))
            gap_start, gap_weight = None, 0
        if i < len(judged):
            items.append((i, i + 1, 0 if i in skip else j.weight))
    return items


def _teaser_above(judged: list[LineJudgement], more: int, start: int) -> list[int]:
    """A "read more" link and the teaser it ends: the snippet right above it and the headline above that."""
    lines = [more]
    for i in range(more - 1, max(more - TEASER_LINES, start) - 1, -1):
        if judged[i].kind not in ("body", "text", "snippet", "headline", "link"):
            break
        lines.append(i)
        if judged[i].kind == "headline":
            break
    return lines


def _inside_chrome(judged: list[LineJudgement], start: int, end: int) -> dict[int, str]:
    """The chrome inside the article run: notices and menu entries, teaser blocks (a header and the lines
    after it until running text comes back) and columns of link labels."""
    chrome: dict[int, str] = {}
    in_teasers = False
    link_run: list[int] = []
    for i in range(start, end + 1):
        kind = judged[i].kind if i < end else "body"
        if kind in LINK_KINDS:
            link_run.append(i)
        else:
            if len(link_run) >= LINK_RUN:
                chrome.update((j, "menu") for j in link_run)
            link_run = []
        if i == end:
            break
        if kind in ("teaser", "comments"):
            in_teasers = True
            chrome[i] = "teaser"
        elif kind == "body":
            in_teasers = False
        elif in_teasers:
            chrome[i] = "teaser"
        elif kind in ("notice", "menu", "action", "teaser line", "snippet", "byline"):
            chrome[i] = kind
    return chrome

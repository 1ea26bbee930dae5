"""ingest: page dumps (a whole page copied or dumped as text, one visible block per line) cut down to the article."""
from __future__ import annotations

import re

import pytest

from newsgraph.ingest import ingest
from newsgraph.ingest.boilerplate import (
    _ELLIPSES, _ELLIPSIS_END, _FOLD, _PROSE_END, _PROSE_MARKS, _SENTENCE_END, _SENTENCE_MARKS, _WORD,
    WHOLE_LINE_KINDS, _holds_phrase, _label, _phrases, _too_long_for_a_label, _without_closers, is_page_dump,
    judge_line, read_dump,
)
from newsgraph.ingest.cleaner import clean_text, normalize_text, split_paragraphs
from newsgraph.records import Document

LEAD = ("Ministers from the two river states agreed on Tuesday to share the water of the Varn basin "
        "for the next ten years, ending a dispute that had closed the border crossing twice.")
BODY = ("The deal, signed in the lakeside town of Ostmark after three days of talks, sets a minimum flow "
        "for the dry months and creates a joint commission to measure it.")
BODY2 = ("Farmers downstream had warned that a third dry summer would ruin the harvest, and both governments "
         "faced protests in the weeks before the talks began.")
BODY3 = ("The commission will meet for the first time in the spring, officials said, and its findings will "
         "be published every quarter on both governments' websites.")
TEASER = ("A new bridge over the Varn opens next month after four years of building and a long row over "
          "who should pay for its upkeep, the council said on Friday.")
COMMENT = ("I live near the river and I can tell you nobody here believes this will last longer than the "
           "last agreement did, which fell apart within a year.")
HEADLINE = "River states sign ten-year water deal"


def dump(*lines: str) -> str:
    """A page dump: every visible block on its own line, no blank lines between them."""
    return "\n".join(lines)


NEWS_PAGE = dump(
    f"{HEADLINE} | The Valley Courier",
    "Skip to content", "Home", "World", "Politics", "Business", "Sport", "Culture", "Subscribe", "Log in",
    "We use cookies to improve your experience. By continuing you agree to our cookie policy.", "Accept",
    "World", HEADLINE, "By Mara Lind", LEAD,
    "Share", "Facebook", "Twitter", "Email",
    BODY, BODY2, BODY3,
    "Related articles", "New bridge over the Varn opens next month", TEASER,
    "Most read", "Council approves budget", "Storm closes mountain pass",
    "3 Comments", "Old Farmer", "2 hours ago", COMMENT, "Reply",
    "About us", "Contact", "Privacy policy", "© 2024 The Valley Courier. All rights reserved.",
)


def test_a_news_page_dump_is_cut_down_to_headline_and_article():
    c = clean_text(NEWS_PAGE)
    assert c.title == HEADLINE
    assert c.text == "\n\n".join([HEADLINE, LEAD, BODY, BODY2, BODY3])
    reasons = {r.text: r.reason for r in c.removed}
    assert reasons["Twitter"] == "share" and reasons["Accept"] == "outside the article"
    assert reasons[TEASER] == "outside the article" and reasons[COMMENT] == "outside the article"


def test_a_dump_is_read_through_ingest_like_any_text_file(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    [doc] = list(ingest([str(path)]))
    assert isinstance(doc, Document) and doc.title == HEADLINE
    assert LEAD in doc.text and "cookie" not in doc.text and COMMENT not in doc.text


GERMAN_LEAD = ("Der Stadtrat von Talheim hat am Montag beschlossen, die alte Brücke über die Varn bis zum "
               "Herbst zu sanieren und in der Zwischenzeit eine Fähre einzusetzen.")
GERMAN_BODY = ("Die Kosten von rund vier Millionen Euro teilen sich Stadt und Land, wie der Bürgermeister nach "
               "der Sitzung mitteilte; die Arbeiten sollen im April beginnen.")
GERMAN_TEASER = ("Seit Wochen streiten die Gemeinden am Oberlauf über die Verteilung der Fördergelder für "
                 "neue Radwege entlang des Flusses.")


def test_german_chrome_teasers_and_comments_are_dropped():
    page = dump(
        "Startseite", "Nachrichten", "Lokales", "Sport", "Suche", "Anmelden",
        "Brücke über die Varn wird saniert", GERMAN_LEAD,
        "Lies auch: Neue Fähre fährt ab Mai im Stundentakt",
        GERMAN_BODY,
        "Beitrag teilen",
        "Radwege am Oberlauf", GERMAN_TEASER, "weiterlesen",
        "Kommentare (2)", "Schreibe einen Kommentar",
        "Impressum", "Datenschutz", "Alle Rechte vorbehalten",
    )
    c = clean_text(page)
    assert c.title == "Brücke über die Varn wird saniert"
    assert c.text == "\n\n".join([c.title, GERMAN_LEAD, GERMAN_BODY])


def test_an_article_broken_by_a_table_goes_on_after_it():
    cells = [cell for year in ("2019", "2020", "2021", "2022") for cell in (year, "41.2", "38.9")]
    page = dump("Home", "News", "Search", "Newsletter", HEADLINE, LEAD, BODY, "Year", "Flow", "Level",
                *cells, BODY2, BODY3, "Privacy policy", "Terms of use")
    c = clean_text(page)
    assert all(p in c.text for p in (LEAD, BODY, BODY2, BODY3))
    assert "Privacy policy" not in c.text


def test_a_lead_above_a_byline_and_share_bar_stays_with_the_article():
    page = dump("Home", "Politics", "Subscribe", "Search", HEADLINE, LEAD, "By Mara Lind", "12 May 2021",
                "Share", "Facebook", "Twitter", "WhatsApp", "Email", BODY, BODY2, "Related", TEASER)
    c = clean_text(page)
    assert c.text.split("\n\n")[1:] == [LEAD, BODY, BODY2]


def test_wire_credits_and_datelines_are_still_judged_in_a_dump():
    page = dump("Home", "World", "Search", "Subscribe", HEADLINE, "March 3, 2016", LEAD, BODY, "* Reuters",
                "Privacy policy", "Contact")
    c = clean_text(page)
    assert c.dateline == "2016-03-03" and c.credit == "Reuters"
    assert c.text.endswith(BODY + "\n\n* Reuters")


def test_articles_with_paragraphs_or_without_chrome_are_no_dumps():
    paragraphs = "\n\n".join(["Home", "News", "Search", HEADLINE, LEAD, BODY, "Related", TEASER, "Contact"])
    assert not is_page_dump(normalize_text(paragraphs))
    clean_lines = dump(HEADLINE, LEAD, "Officials gave no figures.", BODY, BODY2, "They meet again in May.",
                       BODY3, "The talks were the first since 2019.")
    assert not is_page_dump(normalize_text(clean_lines))
    assert clean_text(clean_lines).text == clean_lines.replace("\n", "\n\n")


def test_a_text_with_a_known_title_is_no_dump():
    """A title from a record or an HTML page's metadata: an extractor has cut the page already."""
    c = clean_text(NEWS_PAGE, title=HEADLINE)
    assert TEASER in c.text


@pytest.mark.parametrize("line, kind", [
    ("Impressum", "menu"),
    ("Privacy Policy", "menu"),
    ("Lesen Sie auch:", "teaser"),
    ("Most read", "teaser"),
    ("Noticias relacionadas", "teaser"),
    ("12 comments", "comments"),
    ("Kommentare (3)", "comments"),
    ("Deja un comentario", "comments"),
    ("Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten.", "notice"),
    ("© 2021 Example Media. Tous droits réservés.", "notice"),
    ("Beitrag teilen", "action"),
    ("Foto: Agentur", "action"),
    ("By Mara Lind", "byline"),
    ("Di Maio resigns as party leader", "headline"),
    ("weiterlesen →", "more"),
    ("Lea también: El puente reabre en mayo", "teaser line"),
    ("Und dann kam alles ganz anders …", "snippet"),
    ("|", "symbol"),
    ("Varn basin", "link"),
    (LEAD, "body"),
    ("Nobody was hurt.", "text"),
    ("River states sign ten-year water deal", "headline"),
    # a phrase counts only as a whole word, wherever in the line it begins
    ("Bitte E-Mail-Adresse eingeben", "notice"),
    ("Re-subscribe to our alerts", "notice"),
    ("Cookiejar Quarterly", "link"),
    ("Unsubscribed readers", "link"),
    ("Photo ©Mara Lind", "notice"),
    ("Don’t miss", "teaser"),  # curly quotes folded
])
def test_line_kinds(line, kind):
    assert judge_line(line).kind == kind


@pytest.mark.parametrize("kind", ["phrase", "action"])
def test_phrases_are_found_as_one_alternation_of_whole_words_would_find_them(kind):
    """The phrase lookup by first word against the plain rule: any phrase, nothing word-like on either side
    (for notices the copyright sign anywhere), on lines that put every phrase in and next to words."""
    phrases = sorted(_phrases()[kind], key=len, reverse=True)
    copyright_sign = "|©" if kind == "phrase" else ""
    rule = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)" + copyright_sign)
    forms = ("{0}", "the {0} page", "x{0}", "{0}s", "-{0}-", "{0}_", "«{0}»", "{0}2", "1{0}", "{0}{0}",
             "our{0} {0}")
    lines = [form.format(p) for p in phrases for form in forms]
    lines += [line.casefold() for line in (NEWS_PAGE.splitlines() + [LEAD, BODY, COMMENT, "© 2024", "a©b"])]
    found = [line for line in lines if _holds_phrase(kind, line, _WORD.findall(line))]
    assert found == [line for line in lines if rule.search(line)]
    assert len(found) > len(phrases)  # the lines do hold phrases


def test_a_long_paragraph_about_cookies_is_running_text():
    line = ("The bakery's cookies " + "sold out within an hour on the first morning, " * 6).strip() + "."
    assert judge_line(line).kind == "body"


def test_the_article_run_and_headline_indices():
    lines = split_paragraphs(normalize_text(NEWS_PAGE))
    found = read_dump(lines, set())
    kept = [lines[i] for i in range(len(lines)) if i not in found.chrome]
    assert lines[found.title] == HEADLINE and found.title in found.chrome  # the caller keeps the headline
    assert kept == [LEAD, BODY, BODY2, BODY3]


def test_a_sentence_broken_over_two_lines_after_the_article_stays():
    page = dump("Home", "News", "Search", "Subscribe", HEADLINE, LEAD, BODY, "The commission will report to both",
                "parliaments every spring", "Privacy policy", "Contact", "Terms of use")
    c = clean_text(page)
    assert c.text.endswith(BODY + "\n\nThe commission will report to both\n\nparliaments every spring")


def test_a_line_end_is_read_as_the_end_patterns_read_it():
    """judge_line looks at the last mark before the closing quotes and brackets instead of searching the
    whole line with the end patterns: both must agree, on every mark, closer and line break."""
    ends = ["", ".", "!", "?", ";", ":", "…", "...", "..", ",", "x", "\n"]
    closers = ["", '"', "'", "”", "’", "»", "«", ")", "]", ')"', "»)", "\n", ".\n", "\n\n", "(", " "]
    lines = [stem + end + closer for stem in ("", "Nobody was hurt", "a ... b", "x.")
             for end in ends for closer in closers]
    for line in lines + [LEAD, HEADLINE, "Und dann kam alles ganz anders …", "„Wir gehen.“"]:
        end = _without_closers(line)
        assert end.endswith(_SENTENCE_MARKS) == bool(_SENTENCE_END.search(line)), line
        assert end.endswith(_PROSE_MARKS) == bool(_PROSE_END.search(line)), line
        assert end.endswith(_ELLIPSES) == bool(_ELLIPSIS_END.search(line)), line


def test_labels_fold_quotes_whatever_the_case():
    """A line is case-folded before its quotes are folded: no character case-folds to a curly quote or a
    long dash, so the order does not matter."""
    every_character = "".join(map(chr, range(0x110000))).casefold()  # it goes character by character
    assert all(every_character.count(fancy) == 1 for fancy, _plain in _FOLD)  # each from itself alone
    assert _label("» DON’T MISS –") == "don't miss"


def test_a_label_is_skipped_only_when_it_is_longer_than_any_whole_line_phrase():
    longest = max(len(p) for kind in WHOLE_LINE_KINDS for p in _phrases()[kind])
    counts = "Comments " + "(12) " * 30  # long, but its label is "comments"
    numbers = "|".join("0123456789" * 8) + " » Mehr"  # and "mehr"
    lines = NEWS_PAGE.splitlines() + [LEAD, BODY, TEASER, COMMENT, counts, numbers, "x" * longest,
                                      "x" * (longest + 1), " - ".join(["Startseite"] * 5)]
    skipped = [line for line in lines if _too_long_for_a_label(line.casefold())]
    assert all(len(_label(line)) > longest for line in skipped)
    assert LEAD in skipped and "x" * (longest + 1) in skipped
    assert counts not in skipped and numbers not in skipped and "x" * longest not in skipped
    assert judge_line(counts).kind == "comments" and judge_line(numbers).kind == "more"

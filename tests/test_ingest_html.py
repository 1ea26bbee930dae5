"""ingest.html: the article text of an HTML page (invented pages, written for these tests)."""
from __future__ import annotations

from newsgraph.ingest.html import extract_html

PARAGRAPHS = [
    "The two delegations met for three hours in the capital of Varland on Sunday and agreed to meet again "
    "next month, officials from both sides said in a joint statement after the talks.",
    "Neither side gave details of the talks, which were the first of their kind since the border was closed "
    "to trade two years ago after a wave of attacks on lorries carrying grain to the coast.",
    "The foreign minister of Osteria, Anna Brask, told reporters that the meeting had been useful and that "
    "her government wanted the crossings reopened before the harvest, which begins in late August.",
    "Diplomats in the region said the main obstacle remained the question of who would police the border "
    "crossings, which both governments claim, and the fate of the prisoners taken during the attacks.",
    "A spokesman for the Varland interior ministry said the army would stay at the crossings until a new "
    "agreement was signed, and that it would not withdraw before the prisoners were released.",
]


def page(article: str, title: str = "Varland and Osteria hold first border talks") -> str:
    nav = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(8))
    return (f"<html><head><title>{title}</title></head><body><nav><ul>{nav}</ul></nav>"
            f"<article><h1>{title}</h1>{article}</article>"
            "<footer><p>© 2024 The Daily Example. All rights reserved.</p></footer></body></html>")


def body(*extra: str) -> str:
    """The five paragraphs with ``extra`` blocks placed after the second."""
    ps = [f"<p>{p}</p>" for p in PARAGRAPHS]
    return "".join(ps[:2] + list(extra) + ps[2:])


def text_of(html: str) -> str:
    article = extract_html(html)
    assert article is not None
    return " ".join(article.text.split())


def test_the_article_paragraphs_are_the_text():
    text = text_of(page(body()))
    assert all(p in text for p in PARAGRAPHS)
    assert "Section 3" not in text and "All rights reserved" not in text


def test_a_read_more_link_inside_the_article_is_dropped():
    link = "<p>Read more: <a href='/2024/05/other-story.html'>Floods in the north cut the coast road</a></p>"
    text = text_of(page(body(link)))
    assert "Floods in the north" not in text and "Read more" not in text
    assert all(p in text for p in PARAGRAPHS)


def test_a_heading_that_only_announces_links_goes_with_them():
    links = ("<h2>Also of interest</h2>"
             "<p><a href='/a.html'>Osteria's new cabinet sworn in</a></p>"
             "<p><a href='/b.html'>Grain prices rise for the third month</a></p>")
    text = text_of(page(body(links)))
    assert "Also of interest" not in text and "new cabinet" not in text and "Grain prices" not in text
    assert all(p in text for p in PARAGRAPHS)


def test_a_paragraph_with_links_in_it_is_article_text():
    linked = ("<p>The talks followed <a href='/x.html'>a ceasefire agreed in March</a> and a visit by the "
              "<a href='/y.html'>United Nations envoy</a>, who had urged both governments to reopen the "
              "border crossings before the harvest season.</p>")
    text = text_of(page(body(linked)))
    assert "a ceasefire agreed in March and a visit by the United Nations envoy" in text


def test_a_table_in_the_article_is_kept():
    table = ("<table><tr><th>Crossing</th><th>Closed since</th></tr>"
             "<tr><td>Northgate bridge</td><td>May 2022</td></tr>"
             "<tr><td>Salt road ferry</td><td>June 2022</td></tr></table>")
    text = text_of(page(body(table)))
    assert "Northgate bridge" in text and "Salt road ferry" in text


def test_a_page_that_declares_its_encoding_in_an_xml_declaration_is_read():
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + page(body()).replace("Anna", "Ánna")
    text = text_of(html)
    assert "Ánna Brask" in text


def test_a_fragment_below_trafilaturas_threshold_gives_its_paragraphs():
    article = extract_html("<div><p>Council meets on Monday to vote on the budget.</p></div>")
    assert article is not None and article.text == "Council meets on Monday to vote on the budget."


def test_no_text_is_no_article():
    assert extract_html("<html><body><div></div></body></html>") is None
    assert extract_html("") is None

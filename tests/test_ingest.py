"""ingest: the plain-text cleaner, printed dates, readers for every format, bad inputs, HTML, duplicates."""
from __future__ import annotations

import json
import os
import unicodedata

import pytest
from hypothesis import given, strategies as st

from newsgraph.ingest import ingest
from newsgraph.ingest.cleaner import (CODE, clean_text, code_paragraphs, looks_like_code, normalize_text,
                                      split_paragraphs)
from newsgraph.ingest.dates import date_line, iso_day
from newsgraph.ingest.dedup import DuplicateFinder, document_id
from newsgraph.ingest.encoding import decode, declared_charset
from newsgraph.ingest.readers import source_name
from newsgraph.records import Document, Problem, RawArticle
from newsgraph.settings import Settings

from bad_inputs import deny_listing, make_bad_corpus, make_good_articles
from conftest import DATA, EXAMPLES

BODY = ("The two delegations met for three hours in the capital on Sunday and agreed to meet again "
        "next month, officials from both sides said in a joint statement.")
BODY2 = ("Neither side gave details of the talks, which were the first of their kind since the border "
         "was closed to trade two years ago after a wave of attacks.")


def page(*lines: str) -> str:
    return "\n\n".join(lines)


def test_site_chrome_before_title_is_removed_and_title_found():
    c = clean_text(page("clear", "Reporting the region since 1998", "Rivals meet in the capital for talks",
                        BODY, BODY2))
    assert c.title == "Rivals meet in the capital for talks"
    assert [r.text for r in c.removed] == ["clear", "Reporting the region since 1998"]
    assert c.text.startswith("Rivals meet in the capital for talks\n\n" + BODY)


def test_date_under_title_is_the_dateline_and_chrome_date_only_an_upper_bound():
    c = clean_text(page("Rivals meet in the capital for talks", "March 3, 2016 at 10:12 am", BODY))
    assert c.dateline == "2016-03-03" and c.page_saved is None
    saved = clean_text(page("Friday , 9 February 2024", "Home / News / Rivals meet", "Rivals meet in the capital",
                            BODY))
    assert saved.page_saved == "2024-02-09" and saved.dateline is None
    assert {r.reason for r in saved.removed} == {"page-saved", "breadcrumb"}


@pytest.mark.parametrize("line, reason", [
    ("Read: Army chief visits the border region", "teaser"),
    ("Read more: Army chief visits the border region", "teaser"),
    ("Powered by automated translation", "boilerplate"),
    ("Share this:", "share"),
    ("Share on Facebook", "share"),
    ("Facebook Twitter WhatsApp Email", "share"),
    ("This website uses cookies to improve your experience. Accept", "cookie"),
    ("We use cookies. By continuing you agree to our privacy policy.", "cookie"),
    ("Home / World / Middle East / Rivals meet", "breadcrumb"),
])
def test_boilerplate_lines_are_removed_with_a_reason(line, reason):
    c = clean_text(page("Rivals meet in the capital for talks", BODY, line, BODY2))
    assert line not in c.text
    assert [(r.text, r.reason) for r in c.removed] == [(line, reason)]
    assert BODY in c.text and BODY2 in c.text


def test_teaser_block_after_check_also_is_removed_to_the_next_body_paragraph():
    c = clean_text(page("Rivals meet in the capital for talks", BODY, "Check Also",
                        "Minister resigns over budget row", "The finance minister said on Monday that he would …"))
    assert [r.reason for r in c.removed] == ["teaser"] * 3
    assert c.text.endswith(BODY)


def test_caption_and_wire_credit_are_kept_and_recorded_as_metadata():
    c = clean_text(page("Rivals meet in the capital for talks", "The two leaders in 2016 [Presidency/Handout]",
                        BODY, "* Reuters"))
    assert c.captions == ("The two leaders in 2016 [Presidency/Handout]",)
    assert c.credit == "Reuters" and c.removed == ()
    assert c.title == "Rivals meet in the capital for talks"
    assert "Handout" in c.text and c.text.endswith("* Reuters")


def test_a_headline_printed_with_other_quotes_is_the_title_once():
    # metadata writes the title with ' and the page prints it with ’: one headline in the text, not two
    from newsgraph.ingest import to_document
    html = ("<html><head><title>Varland's army enters Osteria</title></head><body><article>"
            f"<h1>Varland’s army enters Osteria</h1><p>{BODY}</p><p>{BODY2}</p></article></body></html>")
    doc = to_document(RawArticle(source="a.html", body=html, fmt="html"))
    assert doc.text.count("army enters Osteria") == 1 and doc.title == "Varland’s army enters Osteria"
    # a JSONL title with other quotes still finds the printed headline, which stays in the text
    doc = to_document(RawArticle(source="b", body=page("“Varland’s army” enters Osteria", BODY, BODY2), fmt="text",
                                 title='"Varland\'s army" enters Osteria'))
    assert doc.text.startswith("“Varland’s army” enters Osteria\n\n") and doc.title == "“Varland’s army” enters Osteria"


def test_text_without_headline_has_no_title():
    c = clean_text(page(BODY, BODY2))
    assert c.title is None and c.text == page(BODY, BODY2)


def test_text_is_nfkc_normalised():
    c = clean_text(page("Rivals meet in the capital", BODY.replace("capital", "capital\u00a0city")))
    assert "\u00a0" not in c.text and "capital city" in c.text


@given(st.text(max_size=400))
def test_cleaning_never_raises_and_keeps_nfkc(raw):
    c = clean_text(raw)
    assert unicodedata.normalize("NFKC", c.text) == c.text
    kept_or_removed = len(c.text) + sum(len(r.text) for r in c.removed) + sum(map(len, c.captions))
    assert kept_or_removed <= len(normalize_text(raw)) + 2 * raw.count("\n") + 2


@pytest.mark.parametrize("line, day", [
    ("May 18, 2017 at 3:34 pm", "2017-05-18"), ("Monday , 4 December 2023", "2023-12-04"),
    ("Published: 18 May 2017 14:02 GMT", "2017-05-18"), ("2016-02-29", "2016-02-29"),
    ("Sept. 3, 2015", "2015-09-03"), ("February 30, 2015", None),
    ("Egypt said on May 3, 2017 that it would", None),
])
def test_date_line(line, day):
    assert date_line(line) == day


def test_iso_day_of_feed_dates():
    assert iso_day("Thu, 18 May 2017 15:34:00 GMT") == "2017-05-18"
    assert iso_day("2017-05-18T15:34:00Z") == "2017-05-18"
    assert iso_day("sometime") is None


def test_jsonl_records_are_named_by_id_url_or_line_and_bad_lines_skipped():
    items = list(ingest([str(DATA / "records.jsonl")]))
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [d.source for d in docs] == ["rec-1", "https://test-wire.example/2016/06/02/vote",
                                        f"{DATA / 'records.jsonl'}:5"]
    assert docs[0].published.value == "2016-06-01" and docs[0].published_basis == "feed"
    assert docs[0].title == "Council meets in Tobruk" and docs[0].outlet == "Test Wire"
    assert [p.source.rsplit(":", 1)[1] for p in problems] == ["3", "4"]
    assert problems[0].reason.startswith("invalid JSON line")
    assert problems[1].reason == "record has no 'text' (or 'html') field"


def test_rss_feed_entries_become_documents():
    docs = list(ingest([str(DATA / "feed.xml")]))
    assert [d.source for d in docs] == ["db-2016-03-08-salloum", "https://desert-bulletin.example/2016/04/02/trade"]
    assert docs[0].published.value == "2016-03-08" and docs[0].published_basis == "feed"
    assert docs[0].outlet == "Desert Bulletin" and docs[0].title == "Border guards meet in Salloum"
    assert "joint patrols" in docs[0].text and "<p>" not in docs[0].text


def test_json_file_with_a_list_of_records(tmp_path):
    path = tmp_path / "two.json"
    path.write_text(json.dumps([{"id": "a", "text": BODY}, {"id": "b", "text": BODY2}]))
    assert [d.source for d in ingest([str(path)])] == ["a", "b"]


def test_bad_inputs_each_give_one_problem_and_the_rest_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "broken.html").write_text("<html><body><div><p>unclosed <b>tags")
    (tmp_path / "big.txt").write_text("word " * 300_000)
    (tmp_path / "cp1252.txt").write_bytes(page("Caf\xe9 owners meet the minister", BODY).encode("cp1252"))
    (tmp_path / "notes.md").write_text(BODY)
    items = list(ingest([str(tmp_path), str(tmp_path / "notes.md"), str(tmp_path / "missing.txt")],
                        Settings(max_bytes=1_000_000)))
    problems = {p.source.rsplit("/", 1)[-1]: p.reason for p in items if isinstance(p, Problem)}
    docs = [d for d in items if isinstance(d, Document)]
    assert [d.title for d in docs] == ["Café owners meet the minister"]
    assert problems["empty.txt"] == "empty file"
    assert problems["binary.txt"] == "binary file, not text"
    assert problems["broken.html"].startswith("no article text")
    assert problems["big.txt"].startswith("file too large")
    assert problems["notes.md"].startswith("not an article format (.md)")
    assert problems["missing.txt"] == "no such file or directory"


def test_globs_and_directories_are_read_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text(page("First headline of the day", BODY))
    (tmp_path / "a" / "two.txt").write_text(page("Second headline of the day", BODY2))
    by_dir = [d.title for d in ingest([str(tmp_path)])]
    by_glob = [d.title for d in ingest([str(tmp_path / "**" / "*.txt")])]
    assert sorted(by_dir) == sorted(by_glob) == ["First headline of the day", "Second headline of the day"]


@pytest.mark.skipif(not (EXAMPLES / "html").is_dir(), reason="examples/corpus/html is missing")
def test_example_html_pages_lose_navigation_cookies_and_related_links():
    pages = sorted((EXAMPLES / "html").iterdir())
    docs = [d for d in ingest([str(p) for p in pages]) if isinstance(d, Document)]
    assert len(docs) == len(pages) >= 4
    for d in docs:
        lowered = d.text.lower()
        for chrome in ("cookie", "accept", "related articles", "most read", "all rights reserved", "share on"):
            assert chrome not in lowered, (d.source, chrome)
        assert d.published_basis == "html-meta" and d.published.value
        assert d.text.startswith(d.title) and d.outlet
    assert any(d.captions for d in docs)


def test_document_id_ignores_case_and_spacing():
    assert document_id("Egypt  said\nthis") == document_id("egypt said this")
    assert document_id("Egypt said this") != document_id("Egypt said that")


def test_near_duplicate_wire_copy_is_marked_and_different_story_is_not():
    finder = DuplicateFinder(Settings())
    text = " ".join([BODY, BODY2] * 3)
    first = finder.mark(Document(id="a", source="a", text=text))
    copy = finder.mark(Document(id="b", source="b", text=text.replace("Sunday", "Saturday") + " More soon."))
    other = finder.mark(Document(id="c", source="c", text=" ".join([BODY2, "A different story entirely."] * 4)))
    again = finder.mark(Document(id="a", source="a2", text=text))
    assert first.duplicate_of is None and other.duplicate_of is None
    assert copy.duplicate_of == "a" and again.duplicate_of == "a"


# --- bad inputs (issue 10): nothing raises, every failure is a named Problem -------------------------------

def _by_source(items) -> dict:
    return {i.source: i for i in items}


def test_every_bad_input_gives_its_problem_or_is_stored(tmp_path):
    cases = make_bad_corpus(tmp_path / "bad", max_mb=1, long_line_mb=0.3, big_text_mb=0.4, big_record_chars=300_000)
    cases += make_good_articles(tmp_path / "good")
    found = _by_source(ingest([str(tmp_path)], Settings(max_bytes=2**20)))
    for case in cases:
        item = found.pop(case.source, None)
        assert item is not None, case
        if case.reason is None:
            assert isinstance(item, Document), (case, item)
            assert case.text is None or case.text in item.text, case
            assert case.absent is None or case.absent not in item.text, case
        else:
            assert isinstance(item, Problem) and case.reason in item.reason, (case, item)
    assert found == {}


def test_jsonl_line_nested_too_deeply_is_a_problem_and_the_next_line_is_read(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"id": "next", "text": BODY}) + "\n")
    items = list(ingest([str(path)]))
    assert items[0] == Problem(f"{path}:1", "invalid JSON line (nested too deeply)")
    assert [d.source for d in items[1:]] == ["next"]
    deep_json = tmp_path / "deep.json"
    deep_json.write_text("{\"a\": " * 100_000 + "1" + "}" * 100_000)
    assert list(ingest([str(deep_json)])) == [Problem(str(deep_json), "invalid JSON (nested too deeply)")]


def test_a_jsonl_file_of_any_size_is_read_line_by_line_with_the_size_limit_per_record(tmp_path):
    path = tmp_path / "corpus.jsonl"
    records = [{"id": f"r{i}", "text": f"{BODY} Record {i}."} for i in range(40)]
    records[7]["text"] = BODY * 200
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    limit = 4 * len(BODY) + 200
    assert path.stat().st_size > 3 * limit
    items = list(ingest([str(path)], Settings(max_bytes=limit)))
    too_large = [i for i in items if isinstance(i, Problem)]
    assert [p.source for p in too_large] == [f"{path}:8"] and "record too large" in too_large[0].reason
    assert [d.source for d in items if not isinstance(d, Problem)] == [f"r{i}" for i in range(40) if i != 7]
    (tmp_path / "zipped.jsonl").write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 40)
    assert list(ingest([str(tmp_path / "zipped.jsonl")])) == [Problem(str(tmp_path / "zipped.jsonl"),
                                                                       "binary file, not text")]


def test_json_escapes_for_controls_and_half_surrogates_are_made_storable(tmp_path):
    path = tmp_path / "escapes.jsonl"
    path.write_text('{"id": "odd\\udcff", "title": "Talks\\u0000resume", "text": "%s\\u0000%s"}\n' % (BODY, BODY2))
    [doc] = ingest([str(path)])
    assert doc.source == "odd\ufffd" and doc.title == "Talks resume"  # no lone surrogate left: storable
    assert BODY + " " + BODY2 in doc.text


def test_file_name_with_a_non_utf8_byte_is_read_under_an_escaped_name(tmp_path):
    name = os.fsdecode(b"caf\xe9-talks.txt")
    (tmp_path / name).write_text(page("Rivals meet in the capital for talks", BODY))
    [doc] = ingest([str(tmp_path)])
    assert doc.source == str(tmp_path) + "/caf\\xe9-talks.txt"
    assert doc.source.encode("utf-8")  # storable: no surrogate
    assert source_name(str(tmp_path / name)) == doc.source


def test_unreadable_sub_directory_is_a_named_problem(tmp_path, monkeypatch):
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text(page("Rivals meet in the capital for talks", BODY))
    (tmp_path / "shut").mkdir()
    (tmp_path / "shut" / "b.txt").write_text(page("Border reopens for trade", BODY2))
    deny_listing(monkeypatch, tmp_path / "shut")  # as chmod 000 does, also for root
    items = list(ingest([str(tmp_path)]))
    assert Problem(str(tmp_path / "shut"), "cannot read directory: Permission denied") in items
    assert [d.title for d in items if isinstance(d, Document)] == ["Rivals meet in the capital for talks"]


def test_directory_without_read_permission_is_a_named_problem(tmp_path):
    shut = tmp_path / "shut"
    shut.mkdir()
    (shut / "b.txt").write_text(page("Border reopens for trade", BODY2))
    shut.chmod(0)
    try:
        if os.access(shut, os.R_OK):
            pytest.skip("running as root, which reads a directory without read permission anyway")
        assert list(ingest([str(tmp_path)])) == [Problem(str(shut), "cannot read directory: Permission denied")]
    finally:
        shut.chmod(0o755)


def test_an_internal_error_reading_one_file_is_a_problem_and_the_rest_goes_on(tmp_path, monkeypatch):
    from newsgraph.ingest import readers

    (tmp_path / "a.txt").write_text(page("Rivals meet in the capital for talks", BODY))
    (tmp_path / "b.txt").write_text(page("Border reopens for trade", BODY2))
    real = readers._read_format

    def broken(path, data, decoded):
        if path.endswith("a.txt"):
            raise KeyError("surprise")
        return real(path, data, decoded)

    monkeypatch.setattr(readers, "_read_format", broken)
    items = list(ingest([str(tmp_path)]))
    a = str(tmp_path / "a.txt")
    assert items[0] == Problem(a, f"internal error reading {a}: KeyError: 'surprise', please report "
                                  "(run with NEWSGRAPH_DEBUG=1 for the traceback)")
    assert [d.title for d in items[1:]] == ["Border reopens for trade"]


def test_an_internal_error_cleaning_one_document_is_a_problem(monkeypatch):
    import newsgraph.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "clean_text", lambda *a, **k: 1 / 0)
    problem = ingest_module.to_document(RawArticle(source="x.txt", body=BODY, fmt="txt"))
    assert problem.reason == ("internal error in x.txt: ZeroDivisionError: division by zero, please report "
                              "(run with NEWSGRAPH_DEBUG=1 for the traceback)")
    monkeypatch.setenv("NEWSGRAPH_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        ingest_module.to_document(RawArticle(source="x.txt", body=BODY, fmt="txt"))
    monkeypatch.setattr(ingest_module, "clean_text", lambda *a, **k: bytearray(2**62))
    monkeypatch.delenv("NEWSGRAPH_DEBUG")
    with pytest.raises(MemoryError):  # the machine's failure, not the document's: the build stops
        ingest_module.to_document(RawArticle(source="x.txt", body=BODY, fmt="txt"))


# --- encodings ----------------------------------------------------------------------------------------------

CP1252_TEXT = "The minister’s café – “bold”, critics say. " * 3
GERMAN = "Die Grünen fordern Änderungen an der Straße."
SPANISH = "El presidente de España se reunió con la señora Muñoz."
RUSSIAN = "Президент встретился с министром. " * 5
ARABIC = "قال الرئيس إن الحكومة ستجتمع."


@pytest.mark.parametrize("text, written_as, read_as", [
    (CP1252_TEXT, "cp1252", "cp1252"), (GERMAN, "latin-1", "cp1252"), (SPANISH, "cp1252", "cp1252"),
    (CP1252_TEXT, "utf-16", "utf-16"), (CP1252_TEXT, "utf-8-sig", "utf-8"), (RUSSIAN, "cp1251", "cp1251"),
    (ARABIC, "cp1256", "cp1256"),
])
def test_decode_reads_legacy_encodings_and_says_which(text, written_as, read_as):
    decoded = decode(text.encode(written_as))
    assert (decoded.text, decoded.encoding, decoded.replaced) == (text, read_as, 0)



def test_utf8_with_a_few_invalid_bytes_stays_utf8_and_the_bytes_are_noted(tmp_path):
    good = page("Rivals’ talks – a “first”", BODY.replace("capital", "capital’s centre"))
    data = good.encode("utf-8")
    at = data.index(b"delegations")
    (tmp_path / "bad.txt").write_bytes(data[:at] + b"\xff\xfe\x80" + data[at:])
    decoded = decode((tmp_path / "bad.txt").read_bytes())
    assert decoded.encoding == "utf-8" and decoded.replaced == 3
    [doc] = ingest([str(tmp_path / "bad.txt")])
    assert "capital’s centre" in doc.text and "â€" not in doc.text  # no mojibake
    assert "\ufffd\ufffd\ufffddelegations" in doc.text
    assert [(r.text, r.reason) for r in doc.removed] == [("3 invalid UTF-8 bytes replaced with U+FFFD",
                                                           "encoding")]
    assert doc.encoding == "utf-8"


def test_the_encoding_a_file_was_read_with_is_kept_in_its_document(tmp_path):
    (tmp_path / "old.txt").write_bytes(page("Café talks", BODY.replace("capital", "café – capital"))
                                       .encode("cp1252"))
    [doc] = ingest([str(tmp_path / "old.txt")])
    assert doc.encoding == "cp1252" and "café – capital" in doc.text


@pytest.mark.parametrize("head, codec", [
    (b'<html><head><meta charset="windows-1251"><title>x</title>', "cp1251"),
    (b"<html><head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=koi8-r'>", "koi8-r"),
    (b'<?xml version="1.0" encoding="ISO-8859-7"?><rss>', "iso8859-7"),
    (b'<meta charset="iso-8859-1">', "cp1252"),  # as browsers read it
    (b'<meta charset="no-such-thing">', None),
    (b'<meta charset="utf-16">', None),  # read as ASCII: it is not
    (b"<p>charset=cp1251 in the text is no declaration</p>", None),
])
def test_declared_charset(head, codec):
    assert declared_charset(head + b"</head><body></body></html>") == codec


def test_html_page_is_read_in_the_charset_it_declares(tmp_path):
    html = f"<html><head><meta charset='koi8-r'><title>Визит</title></head><body><p>{RUSSIAN}</p></body></html>"
    decoded = decode(html.encode("koi8-r"))
    assert decoded.encoding == "koi8-r" and RUSSIAN in decoded.text


def test_nul_bytes_after_the_first_8kb_become_spaces_not_glue(tmp_path):
    head = page("Rivals meet in the capital for talks", *[BODY] * 60)
    assert len(head) > 8192
    (tmp_path / "nul.txt").write_bytes((head + "\n\nThe talks\x00ended\x00at noon\x0bon Sunday.").encode())
    [doc] = ingest([str(tmp_path / "nul.txt")])
    assert "The talks ended at noon on Sunday." in doc.text


def test_control_characters_become_spaces_and_page_breaks_line_ends():
    assert normalize_text("a\x00b\x1bc\x7fd\x85e\x0bf") == "a b c d e f"
    assert normalize_text("end of page\x0cnext page") == "end of page\nnext page"
    assert normalize_text("tab\tstays") == "tab\tstays"


# --- not an article: script, style, markup ------------------------------------------------------------------

JS = ("var slots = window.slots || [];\nfunction track(event, data) {\n  if (!event) { return null; }\n"
      "  slots.push({name: event, at: Date.now()});\n  return slots.length;\n}\n")
CSS = ".nav a { color: #333; font-size: 1.2rem; }\n.nav li { display: inline-block; margin: 0 4px; }\n" * 3
JSON_LD = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Talks resume",
                      "author": {"@type": "Person", "name": "A. Writer"}, "datePublished": "2019-04-11"}, indent=2)
MARKUP = ("<div class='story'><p>The council met on Tuesday.</p><p>It agreed to meet again.</p></div>"
          "<footer><a href='/about'>About</a></footer>")
MINIFIED = "!function(e){var t={};function n(r){if(t[r])return t[r].exports}n.m=e,n.c=t}([]);" * 20


@pytest.mark.parametrize("code", [JS, CSS, JSON_LD, MARKUP, MINIFIED, JS.replace("\n", " ") * 50,
                                  "{{#title}}\n{{{title}}}\n{{/title}}"])
def test_code_and_markup_are_recognised(code):
    assert looks_like_code(code)
    assert code_paragraphs(split_paragraphs(code)), code


@pytest.mark.parametrize("text", [
    BODY, BODY2, "Telefon: (0341) 696290, Fax: (0341) 6892826",
    "1. Dorothea Wierer (ITA) 35.58,7 (2)", "Home | News | World | Sport",
    "El encuentro trató de educación; seguridad y paz; economía; salud; y medio ambiente.",
    "url: https://example.org/2017/06/05/a-very-long-address-of-a-story-about-the-talks-in-the-capital.html",
    "子どもへの虐待をなくすための法律ができて、親が子どもを教育するために、体罰を禁止することになりました。",
    '"We do not want to change coaches [again]," the chairman said; "we never did."',
])
def test_prose_is_not_code(text):
    assert not looks_like_code(text)


def test_real_articles_lose_no_paragraph_as_code(shared):
    sources = [str(shared / "corpus" / "seeds"), str(EXAMPLES)]
    docs = list(ingest(sources))
    assert docs and all(isinstance(d, Document) for d in docs)
    assert [r.text for d in docs for r in d.removed if r.reason == CODE] == []


def test_script_lines_in_a_text_dump_are_removed_and_the_article_kept():
    c = clean_text(page("Rivals meet in the capital for talks", BODY, *JS.splitlines(), BODY2, "Privacy Policy |"))
    assert BODY in c.text and BODY2 in c.text and "function" not in c.text
    assert {r.reason for r in c.removed} == {CODE}
    assert "Privacy Policy |" in c.text  # a menu line is chrome, not code


@pytest.mark.parametrize("html", [
    "<html><head><script>" + JS * 100 + "</script></head><body><script>" + JS * 100 + "</script></body></html>",
    "<html><head><style>" + CSS * 50 + "</style></head><body><noscript>" + JS + "</noscript></body></html>",
    "<html><head><title>Council meets\n</head><body><p>" + BODY + "</p><p>" + BODY2 + "</p></body></html>",
])
def test_a_page_whose_text_is_script_style_or_markup_is_no_article(tmp_path, html):
    (tmp_path / "page.html").write_text(html)
    [problem] = ingest([str(tmp_path / "page.html")])
    assert isinstance(problem, Problem) and problem.reason.startswith("no article text")


def test_a_text_file_of_javascript_is_no_article(tmp_path):
    (tmp_path / "app.txt").write_text(JS * 40)
    [problem] = ingest([str(tmp_path / "app.txt")])
    assert problem.reason == "no article text: the text is script, style or markup"


@pytest.mark.parametrize("paragraph, place, text_starts", [
    ("TOBRUK // The council said on Tuesday that the army would train the soldiers.", "TOBRUK", "The council"),
    ("TOBRUK, Varland (Agency) - The council said on Tuesday that the army would train them.", "TOBRUK", "The council"),
    ("OSTERIA, May 4. /AGENCY/. The council said on Tuesday that the army would train them.", "OSTERIA", "The council"),
    ("May 4, 2017 (NEW OSTERIA) – The council said on Tuesday that the army would train them.", "NEW OSTERIA",
     "The council"),
    ("Tobruk — The council said on Tuesday that the army would train the soldiers.", "Tobruk", "The council"),
    ("VARNEWS- Omar Farouk said on Tuesday that the army would train the soldiers.", "VARNEWS", "Omar Farouk"),
    ("OSTERIA, Omar Farouk said on Tuesday that the army would train the soldiers.", "OSTERIA", "Omar Farouk"),
])
def test_a_dateline_gives_its_place_and_where_the_text_begins(paragraph, place, text_starts):
    from newsgraph.ingest.cleaner import dateline
    found = dateline(paragraph)
    assert paragraph[found.place_start:found.place_end] == place
    assert paragraph[found.end:].lstrip().startswith(text_starts)


@pytest.mark.parametrize("paragraph", [
    "Varland, Osteria, Tobruk and the Desert Council announced on 6 June 2017 they were severing ties.",
    "VARLAND STRIKES OSTERIA",
    "TPLF attacks the army base in the north and the army responds with force today.",
    "Omar Farouk, the commander of the army, said on Monday that the deal had expired.",
    "Varland Review - VARLAND REVIEW - Osterian officials met the delegation in Tobruk on Sunday.",
])
def test_running_text_and_headlines_have_no_dateline(paragraph):
    from newsgraph.ingest.cleaner import dateline
    assert dateline(paragraph) is None

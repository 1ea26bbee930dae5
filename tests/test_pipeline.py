"""The build as a whole: one bad document costs only itself, long texts are parsed in windows and segments,
store failures stop it saying where, unfinished builds say so, and readers work while a build writes."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import duckdb
import pytest

import newsgraph.analysis as analysis
from newsgraph.annotate import annotate, pieces_of
from newsgraph.errors import BuildError, StoreError
from newsgraph.pipeline import build
from newsgraph.records import Document
from newsgraph.settings import Settings
from newsgraph.store import Store

from conftest import EXAMPLES, ROOT, run_cli

ARTICLE = ("Ministers of Varland and Osteria met in the port city of Kalmar on Tuesday, 4 March 2014, to sign a "
           "fishing accord. Varland's foreign minister Anna Lindqvist said the talks had gone well. "
           "Osteria accused Varland of delaying the deal in January.")


OTHERS = (
    "Varland recalls envoy\n\nVarland recalled its ambassador from Osteria on Friday after border guards detained "
    "three fishermen near the island of Brava, the ministry in Kalmar said.",
    "Osteria parliament votes budget\n\nThe Osterian parliament approved a defence budget of 2 billion crowns on "
    "Monday, its speaker Piet Moller told reporters in the capital, Nordhavn.",
    "Strike in Brava harbour\n\nDock workers in Brava stopped work for a second day on Wednesday to protest "
    "against wage cuts announced by the port authority last month.",
)


def _corpus(tmp_path, texts: dict[str, str]):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


def test_an_internal_error_in_one_document_is_a_problem_naming_it_and_the_rest_is_stored(tmp_path, nlp, monkeypatch):
    corpus = _corpus(tmp_path, {f"a{i}.txt": text for i, text in enumerate(OTHERS)}
                     | {"bad.txt": "Report bad\n\nTRIGGERS A BUG. " + ARTICLE})
    real = analysis.code_document

    def fragile(document, paragraphs):
        if "TRIGGERS A BUG" in document.text:
            raise ValueError("a bug met on this text")
        return real(document, paragraphs)

    monkeypatch.setattr(analysis, "code_document", fragile)
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    report = build([str(corpus)], settings, nlp=nlp)
    assert [p.source for p in report.problems] == [str(corpus / "bad.txt")]
    assert report.problems[0].reason.startswith(f"internal error in {corpus / 'bad.txt'}: ValueError: a bug met")
    assert "please report" in report.problems[0].reason
    with Store.open(settings.db, read_only=True) as store:
        assert sorted(d.source for d in store.documents()) == [str(corpus / f"a{i}.txt") for i in range(3)]
        assert store.stats().events > 0 and store.unfinished_build() is None
    monkeypatch.setattr(analysis, "code_document", real)  # fixed: the same command stores the document
    again = build([str(corpus)], settings, nlp=nlp)
    assert (again.documents, again.problems) == (1, ())


def test_a_store_failure_stops_the_build_naming_the_step_and_leaves_it_marked_unfinished(tmp_path, nlp, monkeypatch):
    corpus = _corpus(tmp_path, {"a.txt": ARTICLE})

    def full_disk(self, batch):
        raise duckdb.IOException("No space left on device")

    monkeypatch.setattr(Store, "write_batch", full_disk)
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    with pytest.raises(BuildError) as failed:
        build([str(corpus)], settings, nlp=nlp)
    assert f"while writing the batch that ends with {corpus / 'a.txt'}" in str(failed.value)
    assert "No space left on device" in str(failed.value) and "run the same command again" in str(failed.value)
    with Store.open(settings.db, read_only=True) as store:
        unfinished = store.unfinished_build()
    assert unfinished is not None and not unfinished.running
    assert unfinished.command == f"newsgraph build {corpus} --db {settings.db}"


@pytest.mark.slow
def test_a_killed_build_says_so_in_stats_and_export_until_it_is_run_again(tmp_path, nlp):
    corpus = _corpus(tmp_path, {f"a{i}.txt": text for i, text in enumerate(OTHERS)})
    settings = Settings(db=str(tmp_path / "s.duckdb"), batch_size=1)

    def die(stage: str, done: int, total: int | None) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build([str(corpus)], settings, nlp=nlp, on_progress=die)
    stats = run_cli("stats", "--db", settings.db)
    assert stats.returncode == 0
    assert f"the last build did not finish: run `newsgraph build {corpus} --db {settings.db}`" in stats.stderr
    exported = run_cli("export", "--db", settings.db, "--output", "-")
    assert '"unfinished": {"command": "newsgraph build' in exported.stdout
    build([str(corpus)], settings, nlp=nlp)
    assert "did not finish" not in run_cli("stats", "--db", settings.db).stderr
    assert '"unfinished": null' in run_cli("export", "--db", settings.db, "--output", "-").stdout


def test_long_paragraphs_are_cut_into_windows_at_sentence_ends():
    sentence = "Gen. Omar Said met Mr. Lindqvist in the U.S. capital on Tuesday. "
    text = "Title\n\n" + sentence * 200 + "\nlast line"
    spans = list(pieces_of(text, window=500))
    assert spans[0] == (0, 5) and spans[-1] == (text.index("last line"), len(text))
    middle = spans[1:-1]
    assert all(0 < end - start <= 500 for start, end in middle)
    assert all(a[1] == b[0] for a, b in zip(middle, middle[1:]))  # nothing lost between windows
    assert all(text[start:end].startswith("Gen. Omar") for start, end in middle)  # never after "Gen." or "Mr."
    no_stops = "word " * 400
    assert all(end - start <= 300 and no_stops[end - 1] == " " for start, end in pieces_of(no_stops, window=300))


def test_a_text_over_the_model_limit_is_annotated_with_offsets_into_it(nlp):
    text = "Anna Lindqvist met Omar Said in Kalmar on Tuesday. " * 600  # one line, 30,600 characters
    limit = nlp.max_length
    nlp.max_length = 10_000
    try:
        (annotation,) = list(annotate([Document(id="long", source="long.txt", text=text)], nlp, tokens=False))
    finally:
        nlp.max_length = limit
    assert len(annotation.sentences) == 600
    assert [s.index for s in annotation.sentences] == list(range(600))
    assert {text[m.start:m.end] for m in annotation.mentions} >= {"Anna Lindqvist", "Omar Said", "Kalmar"}
    assert all(text[m.start:m.end] == m.text for m in annotation.mentions)


@pytest.mark.slow
def test_a_long_document_is_analysed_a_segment_at_a_time_with_offsets_into_its_text(tmp_path, nlp, monkeypatch):
    monkeypatch.setattr("newsgraph.annotate.SEGMENT_CHARS", 1500)
    text = "A long report\n\n" + "\n\n".join(f"Part {i}. {ARTICLE}" for i in range(12))
    corpus = _corpus(tmp_path, {"long.txt": text})
    settings = Settings(db=str(tmp_path / "s.duckdb"))
    report = build([str(corpus)], settings, nlp=nlp)
    assert report.problems == ()
    with Store.open(settings.db, read_only=True) as store:
        (doc,) = list(store.documents())
        mentions = store.con.execute('SELECT start, "end", text, sentence FROM mentions').fetchall()
        times = store.con.execute('SELECT start, "end", text FROM times').fetchall()
        sentences = store.con.execute('SELECT idx FROM sentences ORDER BY start').fetchall()
        events = list(store.events())
        roles = store.roles()
    assert [i for (i,) in sentences] == list(range(len(sentences)))
    assert all(doc.text[s:e] == t for s, e, t, _ in mentions)
    assert len({s for s, *_ in times}) == 12 * 2 and all(doc.text[s:e] == t for s, e, t in times)
    assert any(e["time"]["value"] == "2014-03-04" for e in events)  # dated in later segments too
    sentences_text = {m["sentence"] for e in events for m in e["mentions"]}
    assert all(s in doc.text for s in sentences_text)
    assert any("foreign minister" in r.title for r in roles)


def test_store_hints_match_the_cause(tmp_path):
    with pytest.raises(StoreError, match="the directory .* does not exist"):
        Store.open(str(tmp_path / "missing" / "s.duckdb"))
    with pytest.raises(StoreError, match="no store at"):
        Store.open(str(tmp_path / "none.duckdb"), create=False, read_only=True)


def test_a_reader_waits_for_a_writer_a_bounded_time_and_says_so(tmp_path):
    db = tmp_path / "s.duckdb"
    Store.open(str(db)).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                               "print('held', flush=True); time.sleep(1.5)"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    told: list[str] = []
    with pytest.raises(StoreError, match=r"stayed locked by another newsgraph process \(pid \d+\)"):
        Store.open(str(db), create=False, read_only=True, wait=0.3, on_wait=told.append)
    assert len(told) == 1 and told[0].startswith("waiting for another newsgraph process")
    started = time.monotonic()
    with Store.open(str(db), create=False, read_only=True, wait=30) as store:  # the holder lets go
        assert store.version() > 0
    assert time.monotonic() - started < 10
    holder.wait()


@pytest.mark.slow
def test_readers_work_while_a_build_writes_the_same_store(tmp_path):
    db = tmp_path / "s.duckdb"
    writer = subprocess.Popen([sys.executable, "-m", "newsgraph", "build", str(EXAMPLES), "--db", str(db),
                               "--batch-size", "2", "-q"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    reads: list[tuple[int, int]] = []  # (exit status, documents seen)
    while writer.poll() is None:
        if db.exists():
            done = run_cli("docs", "--db", str(db), "--format", "json", "--limit", "0")
            reads.append((done.returncode, len(done.stdout.splitlines())))
    assert writer.returncode == 0, writer.stderr.read()
    assert len(reads) >= 2 and all(code == 0 for code, _ in reads), reads
    final = run_cli("docs", "--db", str(db), "--format", "json", "--limit", "0")
    assert max(n for _, n in reads) <= len(final.stdout.splitlines())


def _export(db) -> str:
    done = run_cli("export", "--db", str(db), "--output", "-")
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_a_build_killed_with_sigkill_and_run_again_exports_what_a_clean_build_does(tmp_path):
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    command = ["build", str(EXAMPLES), "--batch-size", "2", "--workers", "1", "-q"]  # slow enough to catch
    assert run_cli(*command, "--db", str(clean)).returncode == 0
    writer = subprocess.Popen([sys.executable, "-m", "newsgraph", *command, "--db", str(killed)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    while writer.poll() is None and stored < 3:  # killed once some batches are stored, mid-build
        if killed.exists():
            listed = run_cli("docs", "--db", str(killed), "--format", "jsonl", "--limit", "0")
            stored = len(listed.stdout.splitlines())
    writer.kill()
    writer.wait()
    assert 0 < stored < 14, "the build was not caught in the middle"
    assert "did not finish" in run_cli("stats", "--db", str(killed)).stderr
    assert run_cli(*command, "--db", str(killed)).returncode == 0
    assert _export(killed) == _export(clean)


@pytest.mark.slow
def test_a_bad_input_corpus_built_with_good_articles_stores_every_good_one_and_names_every_bad_one(tmp_path):
    """Every row of issue 10's table at once, through the real command. Sizes are kept small enough for the
    test suite (parsing is most of its time): the long line and the long JSONL record are tens of thousands
    of characters. Texts over spaCy's one-million-character limit are tested in this process with a lowered
    limit (test_a_text_over_the_model_limit_is_annotated_with_offsets_into_it), and the full-size 5 MB and
    10 MB inputs by benchmarks/bench_long.py."""
    from bad_inputs import make_bad_corpus, make_good_articles

    corpus, db = tmp_path / "corpus", tmp_path / "s.duckdb"
    long_line_mb = 0.05
    cases = make_bad_corpus(corpus / "bad", max_mb=2, long_line_mb=long_line_mb, big_text_mb=0.05,
                            big_record_chars=60_000)
    cases += make_good_articles(corpus / "good")
    built = run_cli("build", str(corpus), "--db", str(db), "--max-mb", "2")
    assert built.returncode == 3, built.stderr
    assert "Traceback" not in built.stderr and "internal error" not in built.stderr
    exported = json.loads(_export(db))
    stored = {d["source"]: d for d in exported["documents"]}
    skipped = [line for line in built.stderr.splitlines() if line.startswith("skipped ")]
    for case in cases:
        if case.reason is None:
            assert case.source in stored, case
            assert case.text is None or case.text in stored[case.source]["text"], case
            assert case.absent is None or case.absent not in stored[case.source]["text"], case
        else:
            assert any(line.startswith(f"skipped {case.source}: ") and case.reason in line for line in skipped), case
    assert len(skipped) == sum(c.reason is not None for c in cases)
    assert f"{len(skipped)} skipped" in built.stdout
    long_ids = {stored[c.source]["id"] for c in cases if c.reason is None and c.case.startswith((f"{long_line_mb:g} MB of text", "JSONL"))}
    assert len(long_ids) == 2
    mentioned = {m["doc"] for e in exported["entities"] for m in e["mentions"]}
    events = {m["doc"] for e in exported["events"] for m in e["mentions"]}
    assert long_ids <= mentioned and long_ids <= events  # annotated, not only stored

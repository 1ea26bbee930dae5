"""The `newsgraph` command in pipes: full ids and tab-separated listings, quiet exits on a closed pipe,
--format, --quiet. Through the real entry point, on one store built from examples/corpus."""
from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys

import pytest

import newsgraph
from conftest import EXAMPLES, ROOT, run_cli

pytestmark = pytest.mark.slow

DOC_ID = re.compile(r"^[0-9a-f]{16}$")
ENTITY_ID = re.compile(r"^E[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """(store path, the export's document ids): examples/corpus built once, quietly."""
    tmp = tmp_path_factory.mktemp("pipes")
    db = tmp / "examples.duckdb"
    built = run_cli("build", str(EXAMPLES), "--db", str(db), "--quiet")
    assert built.returncode == 0, built.stderr
    assert built.stdout == ""
    exported = run_cli("export", "--db", str(db), "--output", "-")
    assert exported.returncode == 0, exported.stderr
    return str(db), [d["id"] for d in json.loads(exported.stdout)["documents"]]


def _popen(*args: str, columns: int = 80) -> subprocess.Popen:
    env = dict(os.environ, COLUMNS=str(columns), NO_COLOR="1")
    return subprocess.Popen([sys.executable, "-m", "newsgraph", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT, env=env)


def _assert_quiet_exit(proc: subprocess.Popen) -> None:
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=600) == 0, stderr
    for sign in ("Traceback", "Exception ignored", "BrokenPipe", "error"):
        assert sign not in stderr, stderr


@pytest.mark.parametrize("args", [
    ("stats",), ("docs",), ("docs", "--format", "table"), ("docs", "--format", "json"), ("entities",),
    ("show", "Hifter"), ("timeline",), ("timeline", "--json"), ("export", "--output", "-"),
], ids=" ".join)
def test_a_pipe_closed_before_any_output_ends_quietly_with_0(store, args):
    proc = _popen(*args, "--db", store[0])
    proc.stdout.close()  # the reader is gone before the first write: every write fails with EPIPE
    _assert_quiet_exit(proc)


@pytest.mark.parametrize("args", [("--help",), ("docs", "--help"), ("names", "--help")], ids=" ".join)
def test_help_into_a_closed_pipe_ends_quietly_with_0(args):
    proc = _popen(*args)
    proc.stdout.close()
    _assert_quiet_exit(proc)


def test_extract_into_a_closed_pipe_ends_quietly_with_0():
    proc = _popen("extract", str(EXAMPLES))
    proc.stdout.close()
    _assert_quiet_exit(proc)


def test_head_reading_one_line_or_100_bytes_ends_quietly_with_0(store):
    proc = _popen("docs", "--limit", "0", "--db", store[0])
    assert proc.stdout.readline().startswith(b"id\t")
    proc.stdout.close()
    _assert_quiet_exit(proc)
    proc = _popen("export", "--output", "-", "--db", store[0])  # far more than a pipe's buffer
    assert proc.stdout.read(100).startswith(b'{"schema": "newsgraph/1"')
    proc.stdout.close()
    _assert_quiet_exit(proc)


def test_piped_docs_are_tab_separated_with_full_ids(store):
    db, ids = store
    result = run_cli("docs", "--limit", "0", "--db", db)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["id", "published", "earliest", "latest", "basis", "title", "source",
                                    "duplicate_of"]
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(row) == 8 for row in rows) and "…" not in result.stdout
    assert [row[0] for row in rows] == ids and all(DOC_ID.match(i) for i in ids)
    assert any(row[7] in ids for row in rows)  # the wire copy names its original
    assert any(len(line) > 120 for line in lines)  # not wrapped at 80 columns
    limited = run_cli("docs", "--limit", "3", "--db", db)
    assert len(limited.stdout.splitlines()) == 4


def test_listing_formats_agree(store):
    db = store[0]
    tsv = run_cli("entities", "--limit", "8", "--db", db).stdout.splitlines()
    header, rows = tsv[0].split("\t"), [line.split("\t") for line in tsv[1:]]
    assert header == ["id", "name", "type", "mentions", "documents"] and len(rows) == 8
    assert all(ENTITY_ID.match(row[0]) for row in rows)
    as_json = json.loads(run_cli("entities", "--limit", "8", "--db", db, "--format", "json").stdout)
    as_jsonl = [json.loads(line) for line in
                run_cli("entities", "--limit", "8", "--db", db, "--format", "jsonl").stdout.splitlines()]
    as_csv = run_cli("entities", "--limit", "8", "--db", db, "--format", "csv").stdout
    assert as_json == as_jsonl and isinstance(as_json[0]["mentions"], int)
    as_text = [{k: str(v) for k, v in e.items()} for e in as_json]
    assert [dict(zip(header, row)) for row in rows] == list(csv.DictReader(io.StringIO(as_csv))) == as_text
    docs = json.loads(run_cli("docs", "--limit", "0", "--db", db, "--format", "json").stdout)
    assert [d["id"] for d in docs] == store[1]
    assert set(docs[0]) >= {"published", "earliest", "latest", "basis"}
    bad = run_cli("docs", "--db", db, "--format", "xml")
    assert bad.returncode == 1 and "unknown format 'xml'" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize("command", [("show", "Hifter"), ("timeline",), ("relations",), ("system",),
                                     ("roles",), ("dyad", "Egypt", "Hifter")], ids=" ".join)
def test_every_listing_takes_the_shared_formats(store, command):
    """--format json, jsonl, csv, tsv and table on every listing; json is the JSON lines as one array; csv
    and tsv have one header and rows of the same width; text is the readable default."""
    db = store[0]
    out = {fmt: _invoke(*command, "--db", db, "--format", fmt) for fmt in ("text", "json", "jsonl", "csv", "tsv",
                                                                           "table")}
    for fmt, done in out.items():
        assert done.returncode == 0, (fmt, done.stderr)
    assert out["text"].stdout == _invoke(*command, "--db", db).stdout  # the default
    as_json = json.loads(out["json"].stdout)
    assert as_json == [json.loads(line) for line in out["jsonl"].stdout.splitlines()]
    assert as_json, "the example corpus has something for each command"
    rows = list(csv.reader(io.StringIO(out["csv"].stdout)))
    tsv = [line.split("\t") for line in out["tsv"].stdout.splitlines()]
    assert len(rows) >= 2 and len({len(r) for r in rows}) == 1 and rows[0] == tsv[0]
    assert len(tsv) == len(rows) and out["table"].stdout.strip()
    bad = _invoke(*command, "--db", db, "--format", "xml")
    assert bad.returncode == 1 and "unknown format 'xml'" in str(bad.exception)


def _invoke(*args: str):
    """The command run in this process (as the entry point runs it, without its error printing): fast."""
    from typer.testing import CliRunner

    from newsgraph.cli import app

    result = CliRunner().invoke(app, list(args))
    result.returncode = 1 if result.exception and not isinstance(result.exception, SystemExit) else result.exit_code
    return result


def test_the_json_flag_is_the_jsonl_format(store):
    db = store[0]
    for command in (("timeline", "--limit", "5"), ("relations",), ("roles",)):
        assert _invoke(*command, "--db", db, "--json").stdout == _invoke(*command, "--db", db, "--format", "jsonl").stdout


def test_show_as_json_is_the_library_card(store):
    db = store[0]
    card = json.loads(_invoke("show", "Hifter", "--db", db, "--format", "json").stdout)[0]
    assert card == json.loads(json.dumps(newsgraph.open(db).entity("Hifter")))
    assert card["aliases"] and card["documents"] and {"merges", "roles"} <= set(card)
    text = _invoke("show", "Hifter", "--db", db).stdout
    assert card["name"] in text.splitlines()[0] and all(d["doc"] in text for d in card["documents"])


def test_tables_never_cut_ids(store):
    db, ids = store
    proc = _popen("docs", "--format", "table", "--db", db, columns=60)
    table, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    assert "…" not in table.decode() and all(i in table.decode() for i in ids[:10])
    in_terminal = _in_terminal("docs", "--db", db)
    assert "┃ id " in in_terminal and "…" not in in_terminal and all(i in in_terminal for i in ids[:10])


def _in_terminal(*args: str) -> str:
    """Standard output of the command run in a pseudo-terminal 80 columns wide, without styles."""
    main, sub = pty.openpty()
    env = dict(os.environ, COLUMNS="80", LINES="50", NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", *args], stdout=sub, stderr=subprocess.PIPE,
                            cwd=ROOT, env=env)
    os.close(sub)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the command has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert proc.wait(timeout=600) == 0, proc.stderr.read().decode()
    return re.sub(r"\x1b\[[0-9;]*m", "", b"".join(chunks).decode())  # no styles


def test_piped_stats_and_show_are_not_wrapped(store):
    db = store[0]
    stats = run_cli("stats", "--db", db).stdout.splitlines()
    assert stats[0].startswith("store ") and stats[0].endswith(" events")
    assert stats[2:4] == ["Top entities", "entity\ttype\tmentions"]
    assert len(stats) == 14 and all(len(line.split("\t")) == 3 for line in stats[3:])
    show = run_cli("show", "Hifter", "--db", db).stdout.splitlines()
    assert "Hifter" in show[0] and ENTITY_ID.match(show[0].rsplit("(", 1)[1].rstrip(")"))
    prefixes = ("also called ", "aliases: ", "role: ", "document ", "merged ")
    assert all(line.startswith(prefixes) for line in show[1:])  # one line each, however long
    assert any(DOC_ID.match(line.split()[1]) for line in show if line.startswith("document "))


def test_quiet_silences_summaries(store, tmp_path):
    db = store[0]
    loud = run_cli("export", "--db", db, "--output", str(tmp_path / "a.json"))
    quiet = run_cli("export", "--db", db, "--output", str(tmp_path / "b.json"), "--quiet")
    assert loud.returncode == quiet.returncode == 0
    assert "wrote " in loud.stderr and quiet.stderr == "" and (tmp_path / "b.json").stat().st_size > 0
    loud = run_cli("timeline", "--db", db, "--limit", "3")
    quiet = run_cli("timeline", "--db", db, "--limit", "3", "-q")
    assert " events" in loud.stderr and quiet.stderr == "" and quiet.stdout == loud.stdout
    assert len(quiet.stdout.splitlines()) == 3
    as_json = run_cli("timeline", "--db", db, "--limit", "3", "--json")
    assert [json.loads(line)["type"] for line in as_json.stdout.splitlines()]


def test_every_command_s_help_ends_with_an_example():
    import typer

    from newsgraph.cli import app

    root = typer.main.get_command(app)

    def commands(group, prefix: tuple[str, ...] = ()):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):  # a group of commands
                yield from commands(command, prefix + (name,))
            else:
                yield prefix + (name,)

    found = list(commands(root))
    assert len(found) >= 18
    for path in found:
        helped = _invoke(*path, "--help")
        assert helped.returncode == 0 and "Example" in helped.stdout, path

"""The `newsgraph` command: a thin shell over the library. Errors are one line naming the fix.

Exit status: 0 done; 1 error (nothing or not everything done, see the message); 3 done, but some
inputs were skipped (each named on stderr, counted in the summary).
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsgraph import __version__
from newsgraph.errors import InputError, NewsgraphError, QueryError
from newsgraph.records import BuildReport, Problem
from newsgraph.settings import DEFAULT_DB, Settings

app = typer.Typer(help="Rebuild the political system that news articles describe.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)
EXIT_SKIPPED = 3

DbOption = Annotated[str, typer.Option("--db", help="The DuckDB store file.")]
ModelOption = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to use (package name or path).")]
PathsArgument = Annotated[list[str], typer.Argument(help="Files, directories (read recursively) or globs.")]


def main() -> None:
    try:
        app()
    except NewsgraphError as e:
        err.print(f"[red]error:[/red] {e}", markup=True, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted: finished batches are stored; run the same command again to finish")
        sys.exit(130)
    except Exception as e:  # a bug, not bad input: one line, the traceback only on request
        if os.environ.get("NEWSGRAPH_DEBUG"):
            raise
        err.print(f"internal error: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''} "
                  "(run again with NEWSGRAPH_DEBUG=1 for the traceback, and report it)", markup=False, soft_wrap=True)
        sys.exit(1)


def _print_version(value: bool) -> None:
    if value:
        out.print(__version__)
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                                help="Print the version.")] = False) -> None:
    """Rebuild the political system that news articles describe."""


@app.command()
def build(paths: PathsArgument, db: DbOption = DEFAULT_DB, model: ModelOption = None,
          batch_size: Annotated[int, typer.Option(help="Documents per batch and transaction.")] = 64,
          max_mb: Annotated[float, typer.Option(help="Skip input files larger than this.")] = 10.0,
          tokens: Annotated[bool, typer.Option("--tokens", help="Also store every token's parse (lemma, POS, "
                                                                "dependency, entity tag).")] = False,
          quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False) -> None:
    """Build (or bring up to date) a store from articles, then print a summary."""
    _run_build(paths, Settings(db=db, model=model, batch_size=batch_size, max_bytes=int(max_mb * 2**20),
                               store_tokens=tokens), quiet, must_exist=False)


@app.command()
def add(paths: PathsArgument, db: DbOption = DEFAULT_DB, model: ModelOption = None,
        quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False) -> None:
    """Add new articles to an existing store; known articles are not processed again."""
    _run_build(paths, Settings(db=db, model=model), quiet, must_exist=True)


def _run_build(paths: list[str], settings: Settings, quiet: bool, must_exist: bool) -> None:
    from newsgraph.pipeline import build as run

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=quiet or not err.is_terminal, transient=True) as bar:
        task = bar.add_task("reading files", total=None)
        report = run(paths, settings, must_exist=must_exist,
                     on_progress=lambda done, total: bar.update(task, completed=done, total=total))
    _print_problems(report.problems)
    if not quiet:
        _print_report(report)
        _print_summary(settings.db)
    if report.problems:
        raise typer.Exit(EXIT_SKIPPED)


def _print_problems(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for p in problems:
        err.print(f"skipped {p.source}: {p.reason}", markup=False, soft_wrap=True)


def _print_report(r: BuildReport) -> None:
    out.print(
        f"{r.files} files: {r.documents} new documents ({r.annotated} annotated, {r.near_duplicates} near duplicates),"
        f" {r.exact_duplicates} exact duplicates, {r.already_stored} already stored, {len(r.problems)} skipped"
        f" in {r.seconds:.1f} s", markup=False)


def _print_summary(db: str) -> None:
    from newsgraph.store import Store

    with Store.open(db, create=False, read_only=True) as store:
        s = store.stats()
    span = f"{s.earliest} to {s.latest}" if s.earliest else "no dated documents"
    out.print(f"store {db}: {s.documents} documents ({s.duplicates} duplicates), {s.sentences} sentences, "
              f"{s.mentions} mentions, {s.entities} entities, {s.events} events", markup=False)
    out.print(f"publication dates: {span} ({s.dated} of {s.documents} documents dated)", markup=False)
    table = Table("entity", "type", "mentions", title="Top entities", title_justify="left")
    for name, type_, n in s.top_entities:
        table.add_row(name, type_, str(n))
    out.print(table)


@app.command()
def stats(db: DbOption = DEFAULT_DB) -> None:
    """Summarise a store: documents, date range, top entities."""
    _print_summary(db)


@app.command()
def export(db: DbOption = DEFAULT_DB,
           fmt: Annotated[str, typer.Option("--format", help="json (one file) or jsonl (one file per table).")] = "json",
           output: Annotated[Optional[str], typer.Option("--output", "-o", help="File (json) or directory (jsonl); - for stdout.")] = None) -> None:
    """Export the store in the newsgraph/1 schema."""
    from newsgraph.export import export as run
    from newsgraph.store import Store

    with Store.open(db, create=False, read_only=True) as store:
        written = run(store, fmt, output)
    if written != ["-"]:
        err.print("wrote " + ", ".join(written), markup=False)


@app.command()
def extract(paths: PathsArgument,
            max_mb: Annotated[float, typer.Option(help="Skip input files larger than this.")] = 10.0) -> None:
    """Print each document as one JSON line (the export's document fields), without NLP."""
    from newsgraph.export import document_record
    from newsgraph.ingest import ingest
    from newsgraph.ingest.dedup import DuplicateFinder

    settings = Settings(max_bytes=int(max_mb * 2**20))
    finder = DuplicateFinder(settings)
    problems = []
    for item in ingest(paths, settings):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        print(json.dumps(document_record(finder.mark(item)), ensure_ascii=False), flush=False)
    _print_problems(problems)
    if problems:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def docs(db: DbOption = DEFAULT_DB, limit: Annotated[int, typer.Option(help="Rows to show.")] = 50) -> None:
    """List the documents of a store."""
    from newsgraph.store import Store

    table = Table("id", "published", "basis", "title", "source")
    with Store.open(db, create=False, read_only=True) as store:
        for k, d in enumerate(store.documents(include_text=False)):
            if k >= limit:
                break
            p = d.published
            when = p.value or (f"≤ {p.latest}" if p.latest and not p.earliest else
                               f"{p.earliest or '?'} – {p.latest or '?'}" if p.earliest or p.latest else "?")
            title = (d.title or "") + (f" [dup of {d.duplicate_of}]" if d.duplicate_of else "")
            table.add_row(d.id, when, d.published_basis, title, d.source)
    out.print(table)


@app.command()
def entities(db: DbOption = DEFAULT_DB, limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
             search: Annotated[Optional[str], typer.Option(help="Only names containing this.")] = None) -> None:
    """List the entities of a store by mentions."""
    from newsgraph.store import Store

    table = Table("id", "name", "type", "mentions", "documents")
    with Store.open(db, create=False, read_only=True) as store:
        for id_, name, type_, n, ndocs in store.entity_table(limit=limit, search=search):
            table.add_row(id_, name, type_, str(n), str(ndocs))
    out.print(table)


@app.command()
def show(name: Annotated[str, typer.Argument(help="Any name or spelling of the entity.")], db: DbOption = DEFAULT_DB) -> None:
    """The card of an entity: aliases with counts, type, actor code, roles with dates, documents, merge reasons."""
    from newsgraph.store import Store

    with Store.open(db, create=False, read_only=True) as store:
        ids = store.find_entities(name)
        if not ids:
            raise QueryError(f"no entity is called {name!r}")
        entity = store.entity(ids[0])
        names = {e: store.entity(e).name for e in {r.of for r in store.roles(entity.id) if r.of}}
        out.print(f"[bold]{entity.name}[/bold]  {entity.type}  {entity.country or '?'}/{entity.sector or '?'}  ({entity.id})")
        if len(ids) > 1:
            out.print(f"also called {name!r}: " + ", ".join(store.entity(i).name for i in ids[1:]), markup=False)
        out.print("aliases: " + ", ".join(f"{a} ×{n}" for a, n in store.alias_counts(entity.id)), markup=False)
        for r in store.roles(entity.id):
            when = r.time.value or f"{r.time.earliest or '?'} – {r.time.latest or '?'}"
            owner = f" of {names.get(r.of, r.of)}" if r.of else ""
            out.print(f"role: {'former ' if r.former else ''}{r.title}{owner}, {when} "
                      f"({len(r.evidence)} source{'s' * (len(r.evidence) != 1)})", markup=False)
        for doc, title, when, n in store.documents_of(entity.id):
            out.print(f"document {doc} {when or '????'} ×{n}: {title or '(untitled)'}", markup=False)
        for left, right, score, reason in store.merges_of(entity.id):
            out.print(f"merged {left!r} + {right!r} ({score:.2f}): {reason}", markup=False)


@app.command()
def timeline(db: DbOption = DEFAULT_DB,
             actor: Annotated[Optional[str], typer.Option(help="Only events with this entity (any spelling) as actor or recipient.")] = None,
             type_: Annotated[Optional[str], typer.Option("--type", help="Only events of this PLOVER type.")] = None,
             start: Annotated[Optional[str], typer.Option("--from", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
             end: Annotated[Optional[str], typer.Option("--to", help="Up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
             limit: Annotated[int, typer.Option(help="Events to show (0: all).")] = 100,
             as_json: Annotated[bool, typer.Option("--json", help="One JSON object per event.")] = False) -> None:
    """A dated, cited timeline of events: when, type, actors → recipients, modality, sources, sentence."""
    from newsgraph.events.timeline import TimelineQuery, format_entry, timeline as run
    from newsgraph.store import Store

    with Store.open(db, create=False, read_only=True) as store:
        found = run(store, TimelineQuery(actor=actor, type=type_, start=start, end=end, limit=limit))
    for entry in found.entries:
        if as_json:
            _write(entry.as_dict())
        else:
            out.print(format_entry(entry), markup=False, soft_wrap=True)
    if not as_json:
        who = f" for {found.actor.name} ({found.actor.id})" if found.actor else ""
        more = f"; {found.total - len(found.entries)} more with --limit 0" if found.total > len(found.entries) else ""
        err.print(f"{len(found.entries)} of {found.total} events{who}{more}", markup=False, soft_wrap=True)


# ---------------------------------------------------------------------- stage commands (JSON lines)
names_app = typer.Typer(help="Name matching.", no_args_is_help=True)
time_app = typer.Typer(help="Time expressions.", no_args_is_help=True)
events_app = typer.Typer(help="Event coding.", no_args_is_help=True)
app.add_typer(names_app, name="names")
app.add_typer(time_app, name="time")
app.add_typer(events_app, name="events")
InputArgument = Annotated[str, typer.Argument(help="Input file, or - for standard input.")]


def _lines(source: str) -> Iterator[str]:
    if source == "-":
        yield from (line.rstrip("\n") for line in sys.stdin)
        return
    try:
        with open(source, encoding="utf-8", errors="replace") as f:
            yield from (line.rstrip("\n") for line in f)
    except OSError as e:
        raise InputError(f"cannot read {source}: {e.strerror}") from e


class _JsonLines:
    """The JSON records of a JSONL input. Lines that are not JSON are set aside with their position, so
    the output can put an error line in their place and keep one output line per input line."""

    def __init__(self, source: str):
        self.source = source
        self.bad: list[tuple[int, str]] = []  # (records before it, message)

    def __iter__(self) -> Iterator[object]:
        count = 0
        for number, line in enumerate(_lines(self.source), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as e:
                self.bad.append((count, f"line {number}: invalid JSON ({e.msg})"))
                continue
            count += 1
            yield record

    def emit(self, results: Iterable[dict]) -> None:
        """Write each result as a JSON line, bad input lines as error lines in their place; exit 3 if any."""
        problems, k, emitted = [], 0, 0
        for result in results:
            while k < len(self.bad) and self.bad[k][0] <= emitted:
                _write({"error": self.bad[k][1]})
                problems.append(self.bad[k][1])
                k += 1
            _write(result)
            emitted += 1
            if isinstance(result, dict) and result.get("error"):
                problems.append(f"record {emitted}: {result['error']}")
        for _, message in self.bad[k:]:
            _write({"error": message})
            problems.append(message)
        for message in problems:
            err.print(f"skipped {message}", markup=False, soft_wrap=True)
        if problems:
            raise typer.Exit(EXIT_SKIPPED)


def _write(record: dict) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


@names_app.command("cluster")
def names_cluster(source: InputArgument) -> None:
    """Cluster names (one per line) into real-world identities: {"name", "cluster"} per line, same order."""
    from newsgraph.resolve.names import cluster_names

    names = [line.strip() for line in _lines(source) if line.strip()]
    clustering = cluster_names(names)
    for name, label in zip(names, clustering.labels):
        _write({"name": name, "cluster": int(label)})


@time_app.command("normalize")
def time_normalize(source: InputArgument, model: ModelOption = None,
                   parse: Annotated[bool, typer.Option(help="Parse sentences for the tense (slower, more exact).")] = True) -> None:
    """Normalise time expressions: {"text", "dct", "sentence"?, "char_start"?, "char_end"?} → + value, earliest, latest."""
    from newsgraph.annotate import load_model
    from newsgraph.time import normalize_records, sentence_parser

    lines = _JsonLines(source)
    lines.emit(normalize_records(lines, sentence_parser(load_model(model)) if parse else None))


@events_app.command("code")
def events_code(source: InputArgument, model: ModelOption = None) -> None:
    """Code the events of sentences: {"id", "sentence", "date"} → {"id", "events": [...]}."""
    from newsgraph.annotate import load_model
    from newsgraph.events.coder import code_records

    lines = _JsonLines(source)
    lines.emit(code_records(load_model(model), lines))


EVAL_SUITES = ("names", "time", "events", "stories")


@app.command("eval")
def evaluate(suite: Annotated[str, typer.Argument(help="names, time, events or stories.")],
             data: Annotated[str, typer.Option("--data", help="The dev set (JSONL) to score.")],
             negatives: Annotated[Optional[str], typer.Option(help="names: pairs that must stay apart.")] = None) -> None:
    """Score a stage on a development set and print its metrics as JSON."""
    import importlib

    if suite not in EVAL_SUITES:
        raise InputError(f"unknown suite {suite!r}", f"use one of {', '.join(EVAL_SUITES)}")
    if not os.path.isfile(data):
        raise InputError(f"no such file: {data}", "pass --data PATH to a dev set, e.g. ../shared/eval/")
    module = importlib.import_module(f"newsgraph.evaluate.{suite}")
    metrics = module.evaluate(data, negatives) if suite == "names" else module.evaluate(data)
    out.print_json(data=metrics)

"""The `newsgraph` command: a thin shell over the library. Errors are one line naming the fix.

Exit status: 0 done; 1 error (nothing or not everything done, see the message); 3 done, but some
inputs were skipped (each named on stderr, counted in the summary).
"""
from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsgraph import __version__
from newsgraph.errors import NewsgraphError
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
          quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False) -> None:
    """Build (or bring up to date) a store from articles, then print a summary."""
    _run_build(paths, Settings(db=db, model=model, batch_size=batch_size, max_bytes=int(max_mb * 2**20)),
               quiet, must_exist=False)


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

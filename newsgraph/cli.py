"""The `newsgraph` command: a thin shell over the library. Errors are one line naming the fix.

Exit status: 0 done; 1 error (nothing or not everything done, see the message); 3 done, but some
inputs were skipped (each named on stderr, counted in the summary).
"""
from __future__ import annotations

import csv
import errno
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any, Optional

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Column, Table
from typer.core import TyperGroup

from newsgraph import __version__
from newsgraph.errors import BuildError, InputError, NewsgraphError
from newsgraph.records import BuildReport, Document, Problem, Time
from newsgraph.settings import DEFAULT_DB, Settings


class _Group(TyperGroup):
    """The root command group: when the reader closes the pipe (`newsgraph docs | head -1`), the command ends
    quietly with status 0, where click would exit 1."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)  # --version
        except BrokenPipeError:
            _quiet_broken_pipes()
            raise typer.Exit(0) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _quiet_broken_pipes()
            raise typer.Exit(0) from None


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Rich exits 1 when the reader of a pipe has gone; the error goes on to _Group, which ends with 0."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


# help is drawn by Rich in a terminal; in a pipe it is plain text, which ends quietly when the reader goes
# (`newsgraph --help | head -1`), where Rich's help would exit 1
HELP_MARKUP = "rich" if sys.stdout.isatty() else None
app = typer.Typer(cls=_Group, help="Rebuild the political system that news articles describe.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  rich_markup_mode=HELP_MARKUP)
out = _Console(highlight=False)
err = _Console(stderr=True, highlight=False)
EXIT_SKIPPED = 3

DbOption = Annotated[str, typer.Option("--db", envvar="NEWSGRAPH_DB", help="The DuckDB store file (default: $NEWSGRAPH_DB, "
                                                                        "else newsgraph.duckdb).")]
ModelOption = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to use (package name or path).")]
PathsArgument = Annotated[list[str], typer.Argument(help="Files, directories (read recursively) or globs.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")]
FORMATS = ("text", "table", "tsv", "csv", "json", "jsonl")
FormatOption = Annotated[Optional[str], typer.Option(
    "--format", help="table, tsv, csv, json (one array) or jsonl (one object a line); "
                     "default: table in a terminal, tsv (tab-separated, header line) otherwise.")]
TextFormatOption = Annotated[Optional[str], typer.Option(
    "--format", help="text (readable lines, the default), table, tsv, csv, json (one array) or jsonl (one object "
                     "a line).")]


def main() -> None:
    try:
        app()
    except SystemExit:
        _quiet_broken_pipes()  # the flush at exit must not fail when the reader has gone
        raise
    except BrokenPipeError:
        _quiet_broken_pipes()
        sys.exit(0)
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


def _quiet_broken_pipes() -> None:
    """Point standard output or error at /dev/null if its reader has gone, so that nothing more is written
    and the interpreter's flush at exit raises nothing (as the Python docs advise for SIGPIPE)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except ValueError:  # closed: nothing left to flush
            pass


def _print_version(value: bool) -> None:
    if value:
        out.print(__version__)
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                                help="Print the version.")] = False) -> None:
    """Rebuild the political system that news articles describe."""


BatchOption = Annotated[int, typer.Option(help="Documents per batch and transaction.")]
MaxMbOption = Annotated[float, typer.Option(help="Skip input files larger than this.")]
TokensOption = Annotated[bool, typer.Option("--tokens", help="Also store every token's parse (lemma, POS, "
                                                             "dependency, entity tag).")]
WorkersOption = Annotated[int, typer.Option("--workers", help="Processes that parse and code documents "
                                                              "(0: one per core).")]
DaskOption = Annotated[Optional[str], typer.Option("--dask", help="Analyse on a Dask cluster: the scheduler's "
                                                                 "address (tcp://host:8786), or local.")]


@app.command(epilog="Examples: newsgraph build articles/ --db news.duckdb; newsgraph build big/ --workers 4; "
                    "newsgraph build big/ --dask tcp://scheduler:8786")
def build(paths: PathsArgument, db: DbOption = DEFAULT_DB, model: ModelOption = None, batch_size: BatchOption = 64,
          max_mb: MaxMbOption = 10.0, tokens: TokensOption = False, workers: WorkersOption = 0,
          dask: DaskOption = None, quiet: QuietOption = False) -> None:
    """Build (or bring up to date) a store from articles, then print a summary."""
    _run_build(_api().build, paths, _build_settings(db, model, batch_size, max_mb, tokens, workers, dask), quiet)


@app.command(epilog="Example: newsgraph add today/ --db news.duckdb")
def add(paths: PathsArgument, db: DbOption = DEFAULT_DB, model: ModelOption = None, batch_size: BatchOption = 64,
        max_mb: MaxMbOption = 10.0, tokens: TokensOption = False, workers: WorkersOption = 0,
        dask: DaskOption = None, quiet: QuietOption = False) -> None:
    """Add new articles to an existing store; known articles are not processed again."""
    _run_build(_api().add, paths, _build_settings(db, model, batch_size, max_mb, tokens, workers, dask), quiet)


@app.command(epilog="Example: newsgraph remove 3e5077e4b1a1c4fc old/page.html --db news.duckdb")
def remove(keys: Annotated[list[str], typer.Argument(help="Document ids or sources (as `newsgraph docs` lists them).")],
           db: DbOption = DEFAULT_DB, model: ModelOption = None, quiet: QuietOption = False) -> None:
    """Remove documents and everything that rests only on them; entities, events, stories and relations are
    derived again from what is left (a near duplicate of a removed document is read again on its own)."""
    with _progress(quiet) as progress:
        report = _api().remove(keys, settings=Settings(db=db, model=model), on_progress=progress, on_wait=_waiting)
    if not quiet:
        reread = f"; {len(report.reread)} near duplicate(s) of them read again" if report.reread else ""
        _say(f"removed {len(report.removed)} document(s){reread} in {report.seconds:.1f} s")


def _build_settings(db: str, model: str | None, batch_size: int, max_mb: float, tokens: bool, workers: int,
                    dask: str | None) -> Settings:
    if batch_size < 1 or max_mb <= 0 or workers < 0:
        raise InputError("--batch-size and --max-mb must be positive, --workers 0 or more")
    return Settings(db=db, model=model, batch_size=batch_size, max_bytes=int(max_mb * 2**20), store_tokens=tokens,
                    workers=workers, dask=dask)


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str, int, int | None], None]]:
    """A progress bar on stderr (in a terminal, unless quiet) for each stage a build reports."""
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=quiet or not err.is_terminal, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                for other in tasks.values():  # a new stage: the ones before it are done
                    bar.update(other, visible=False)
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def _run_build(run: Callable[..., BuildReport], paths: list[str], settings: Settings, quiet: bool) -> None:
    with _progress(quiet) as progress:
        try:
            report = run(paths, settings=settings, on_progress=progress, on_wait=_waiting)
        except BuildError as e:  # the skipped inputs first; the error, naming the step, is the last line
            _print_problems(e.problems)
            raise
    _print_problems(report.problems)
    try:
        if not quiet:
            _print_report(report)
            _print_summary(settings.db)
    except BrokenPipeError:  # the reader has gone (`| head -1`): the exit status still counts skipped inputs
        _quiet_broken_pipes()
    if report.problems:
        raise typer.Exit(EXIT_SKIPPED)


def _print_problems(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for p in problems:
        err.print(f"skipped {p.source}: {p.reason}", markup=False, soft_wrap=True)


def _print_report(r: BuildReport) -> None:
    _say(f"{r.files} files: {r.documents} new documents ({r.annotated} annotated, "
         f"{r.near_duplicates} near duplicates), {r.exact_duplicates} exact duplicates, "
         f"{r.already_stored} already stored, {len(r.problems)} skipped in {r.seconds:.1f} s "
         f"({r.documents_per_second:.1f} documents/s, peak memory {r.peak_mb:.0f} MB)")
    if r.stages:
        _say("stages (s): " + ", ".join(f"{name} {seconds:.1f}" for name, seconds in r.stages))


def _api():
    """newsgraph.api, imported when a command needs it (it loads pandas and the stages: seconds, not needed
    by --help or the stage commands)."""
    from newsgraph import api

    return api


def _graph(db: str):
    """The store for reading; while a build holds it, calls wait (bounded) and say so on stderr."""
    return _api().Graph(db, on_wait=_waiting)


def _waiting(message: str) -> None:
    err.print(message + " …", markup=False, soft_wrap=True)


def _print_summary(db: str) -> None:
    s = _graph(db).summary()
    if s.unfinished:
        err.print(("note: " if s.unfinished.running else "warning: ") + s.unfinished.as_dict()["note"]
                  + ("" if s.unfinished.running else "; until then entities, events and stories may be missing or old"),
                  markup=False, soft_wrap=True)
    span = f"{s.earliest} to {s.latest}" if s.earliest else "no dated documents"
    _say(f"store {db}: {s.documents} documents ({s.duplicates} duplicates), {s.sentences} sentences, "
         f"{s.mentions} mentions, {s.entities} entities, {s.events} events")
    _say(f"publication dates: {span} ({s.dated} of {s.documents} documents dated)")
    _print_listing(("entity", "type", "mentions"), s.top_entities, _listing_format(None),
                   title="Top entities")


def _say(line: str) -> None:
    """One line of plain text that we never wrap: whole in a pipe; in a terminal the terminal wraps it."""
    out.print(line, markup=False, soft_wrap=True)


def _listing_format(fmt: str | None, text: bool = False) -> str:
    """The format asked for; by default the command's readable ``text`` when it has one, else a table in a
    terminal and tsv in a pipe."""
    if fmt is None:
        return "text" if text else "table" if out.is_terminal else "tsv"
    if fmt.lower() not in FORMATS or (fmt.lower() == "text" and not text):
        allowed = [f for f in FORMATS if text or f != "text"]
        raise InputError(f"unknown format {fmt!r}", f"use one of {', '.join(allowed)}")
    return fmt.lower()


def _print_listing(columns: Sequence[str], rows: Iterable[Sequence], fmt: str,
                   title: str | None = None) -> None:
    """Rows in one of FORMATS, written as they come. A table never cuts a cell (the first column, the id,
    is not wrapped, the others fold); tsv is a header line, then a line a row, tabs and line breaks in cells
    made spaces. JSON keeps lists and objects; the other formats join a list's items with "; "."""
    if fmt in ("table", "text"):
        table = Table(*(Column(c, no_wrap=k == 0, overflow="fold") for k, c in enumerate(columns)),
                      title=title, title_justify="left")
        for row in rows:
            table.add_row(*(_cell(v) for v in row))
        out.print(table)
        return
    if fmt == "json":
        records = [dict(zip(columns, row)) for row in rows]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        return
    if title and fmt == "tsv":
        sys.stdout.write(title + "\n")
    write = csv.writer(sys.stdout, lineterminator="\n").writerow if fmt == "csv" else _write_tsv
    if fmt != "jsonl":
        write(columns)
    for row in rows:
        if fmt == "jsonl":
            _write(dict(zip(columns, row)))
        else:
            write([_cell(v) for v in row])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _emit(records: Sequence[dict], fmt: str, text: Callable[[dict], str] | None = None,
          columns: Sequence[str] | None = None) -> None:
    """Records (JSON-ready dicts) in ``fmt``: JSON whole, ``text`` one readable line each, or as rows of
    ``columns`` (default: the first record's keys) in the tabular formats."""
    if fmt == "jsonl":
        for r in records:
            _write(r)
    elif fmt == "json":
        sys.stdout.write(json.dumps(list(records), ensure_ascii=False, indent=1) + "\n")
    elif fmt == "text" and text is not None:
        for r in records:
            _say(text(r))
    else:
        columns = list(columns or (records[0] if records else ()))
        _print_listing(columns, ([r.get(c) for c in columns] for r in records), fmt)


_TSV_BLANKS = str.maketrans("\t\r\n", "   ")


def _write_tsv(row: Sequence) -> None:
    sys.stdout.write("\t".join(str(v).translate(_TSV_BLANKS) for v in row) + "\n")


@app.command(epilog="Example: newsgraph stats --db news.duckdb")
def stats(db: DbOption = DEFAULT_DB) -> None:
    """Summarise a store: documents, date range, top entities."""
    _print_summary(db)


@app.command(epilog="Examples: newsgraph export --format json -o news.json; newsgraph export --format parquet -o "
                    "tables/; newsgraph export --format acled-csv -o events.csv")
def export(db: DbOption = DEFAULT_DB,
           fmt: Annotated[str, typer.Option("--format", help="json (one file, newsgraph/1), jsonl, csv or parquet (one file "
                                                     "per table, in a directory), acled-csv, plover-json or graphml (one file).")] = "json",
           output: Annotated[Optional[str], typer.Option("--output", "-o", help="File or directory; - for stdout (json only).")] = None,
           quiet: QuietOption = False) -> None:
    """Export the store: newsgraph/1 JSON or JSONL, csv or parquet tables, ACLED-style CSV, PLOVER JSON, GraphML."""
    graph = _graph(db)
    written = graph.export(fmt, output)
    unfinished = graph.summary(top=0).unfinished
    if unfinished and not quiet:
        err.print("warning: " + unfinished.as_dict()["note"] + " (the export says so in 'unfinished')",
                  markup=False, soft_wrap=True)
    if written != ["-"] and not quiet:
        err.print("wrote " + ", ".join(written), markup=False, soft_wrap=True)


@app.command(epilog="Example: newsgraph extract page.html feed.xml > documents.jsonl")
def extract(paths: PathsArgument,
            max_mb: Annotated[float, typer.Option(help="Skip input files larger than this.")] = 10.0) -> None:
    """Print each document as one JSON line (the export's document fields), without NLP."""
    problems = []
    for item in _api().extract(paths, max_bytes=int(max_mb * 2**20)):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        print(json.dumps(item, ensure_ascii=False), flush=False)
    _print_problems(problems)
    if problems:
        raise typer.Exit(EXIT_SKIPPED)


DOC_TABLE = ("id", "published", "basis", "title", "source")
DOC_FIELDS = ("id", "published", "earliest", "latest", "basis", "title", "source", "duplicate_of")


@app.command(epilog="Example: newsgraph docs --db news.duckdb --limit 0 --format csv > documents.csv")
def docs(db: DbOption = DEFAULT_DB, limit: Annotated[int, typer.Option(help="Rows to show (0: all).")] = 50,
         fmt: FormatOption = None) -> None:
    """List the documents of a store. A table gives the publication date in short ("≤ 2023-12-04": not
    after), the other formats its value and bounds as fields."""
    fmt = _listing_format(fmt)
    row = _doc_table_row if fmt == "table" else _doc_fields
    found = _graph(db).document_list(limit=limit or None)
    _print_listing(DOC_TABLE if fmt == "table" else DOC_FIELDS, map(row, found), fmt)


def _doc_table_row(d: Document) -> tuple:
    p = d.published
    when = p.value or (f"≤ {p.latest}" if p.latest and not p.earliest else
                       f"{p.earliest or '?'} – {p.latest or '?'}" if p.earliest or p.latest else "?")
    title = (d.title or "") + (f" [dup of {d.duplicate_of}]" if d.duplicate_of else "")
    return d.id, when, d.published_basis, title, d.source


def _doc_fields(d: Document) -> tuple:
    p = d.published
    return d.id, p.value, p.earliest, p.latest, d.published_basis, d.title, d.source, d.duplicate_of


@app.command(epilog="Example: newsgraph entities --search haftar --format json")
def entities(db: DbOption = DEFAULT_DB,
             limit: Annotated[int, typer.Option(help="Rows to show (0: all).")] = 50,
             search: Annotated[Optional[str], typer.Option(help="Only entities with this in a name or alias.")] = None,
             fmt: FormatOption = None) -> None:
    """List the entities of a store by mentions."""
    fmt = _listing_format(fmt)
    rows = _graph(db).entity_list(search=search, limit=limit or None)
    _print_listing(("id", "name", "type", "mentions", "documents"), (r[:5] for r in rows), fmt)


@app.command(epilog="Example: newsgraph show Hifter --db news.duckdb")
def show(name: Annotated[str, typer.Argument(help="Any name or spelling of the entity, or its id.")],
         db: DbOption = DEFAULT_DB, fmt: TextFormatOption = None) -> None:
    """The card of an entity: aliases with counts, type, actor code, roles with dates, documents, merge reasons.
    As json: one object; as a table or csv: one row per alias, role, document and merge."""
    fmt = _listing_format(fmt, text=True)
    graph = _graph(db)
    shown = 100  # documents listed (the rest counted)
    if fmt in ("json", "jsonl"):
        _emit([graph.entity(name, documents=shown)], fmt)
        return
    card = graph.card(name, documents=shown)
    entity = card.entity
    rows = [("alias", a, str(n)) for a, n in card.aliases]
    for r in card.roles:
        when = r.time.value or f"{r.time.earliest or '?'} – {r.time.latest or '?'}"
        owner = f" of {card.bodies.get(r.of, r.of)}" if r.of else ""
        rows.append(("role", f"{'former ' if r.former else ''}{r.title}{owner}",
                     f"{when} ({len(r.evidence)} source{'s' * (len(r.evidence) != 1)})"))
    rows += [("document", d.doc, f"{d.published or '????'} ×{d.mentions}: {d.title or '(untitled)'}")
             for d in card.documents]
    if len(card.documents) == shown:
        more = graph.documents_of(entity.id, 0)[0] - shown
        if more > 0:
            rows.append(("document", "…", f"and {more} more"))
    rows += [("merged", f"{m.left!r} + {m.right!r}", f"({m.score:.2f}): {m.reason}") for m in card.merges]
    if fmt != "text":
        _print_listing(("field", "value", "detail"), [("entity", entity.name, f"{entity.type} "
                       f"{entity.country or '?'}/{entity.sector or '?'} ({entity.id})"), *rows], fmt)
        return
    out.print(f"[bold]{escape(entity.name)}[/bold]  {entity.type}  "
              f"{entity.country or '?'}/{entity.sector or '?'}  ({entity.id})", soft_wrap=True)
    if card.also:
        _say(f"also called {name!r}: " + ", ".join(e.name for e in card.also))
    _say("aliases: " + ", ".join(f"{a} ×{n}" for a, n in card.aliases))
    for field, value, detail in rows[len(card.aliases):]:
        _say(f"{field} {value} {detail}" if field != "role" else f"role: {value}, {detail}")


@app.command(epilog="Example: newsgraph timeline --actor Hifter --from 2017 --to 2017-06 --format csv")
def timeline(db: DbOption = DEFAULT_DB,
             actor: Annotated[Optional[str], typer.Option(help="Only events with this entity (any spelling) as actor or recipient.")] = None,
             type_: Annotated[Optional[str], typer.Option("--type", help="Only events of this PLOVER type.")] = None,
             start: Annotated[Optional[str], typer.Option("--from", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
             end: Annotated[Optional[str], typer.Option("--to", help="Up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
             limit: Annotated[int, typer.Option(help="Events to show (0: all).")] = 100,
             fmt: TextFormatOption = None,
             as_json: Annotated[bool, typer.Option("--json", help="One JSON object per event (--format jsonl).")] = False,
             quiet: QuietOption = False) -> None:
    """A dated, cited timeline of events: when, type, actors → recipients, modality, sources, sentence."""
    from newsgraph.events.timeline import format_entry

    fmt = _listing_format("jsonl" if as_json else fmt, text=True)
    graph = _graph(db)
    if fmt in ("table", "tsv", "csv"):
        frame = graph.timeline(actor=actor, type=type_, start=start, end=end, limit=limit)
        _print_frame(frame, fmt)
        return
    found = graph.timeline_of(actor=actor, type=type_, start=start, end=end, limit=limit)
    if fmt == "text":
        for entry in found.entries:
            _say(format_entry(entry))
    else:
        _emit([e.as_dict() for e in found.entries], fmt)
    if fmt == "text" and not quiet:
        who = f" for {found.actor.name} ({found.actor.id})" if found.actor else ""
        more = f"; {found.total - len(found.entries)} more with --limit 0" if found.total > len(found.entries) else ""
        err.print(f"{len(found.entries)} of {found.total} events{who}{more}", markup=False, soft_wrap=True)


def _print_frame(frame: Any, fmt: str) -> None:
    """A Frame of the API in a tabular format (missing values empty)."""
    columns = [str(c) for c in frame.columns]
    rows = ([None if _missing(v) else v for v in row] for row in frame.astype(object).itertuples(index=False))
    _print_listing(columns, rows, fmt)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


AsOfOption = Annotated[Optional[str], typer.Option("--as-of", help="As of this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON lines, one object per row (--format jsonl).")]


def _when(t) -> str:
    """A relation's interval for reading: a day, 'A – B', '≥ A', '≤ B' or '?'."""
    lo, hi = t.earliest, t.latest
    if lo and hi:
        return lo if lo == hi else f"{lo} – {hi}"
    return f"≥ {lo}" if lo else (f"≤ {hi}" if hi else "?")


@app.command("relations", epilog="Example: newsgraph relations --actor Egypt --as-of 2017-06 --format json")
def relations_command(db: DbOption = DEFAULT_DB,
                      actor: Annotated[Optional[str], typer.Option(help="Only relations of this entity (any spelling).")] = None,
                      kind: Annotated[Optional[str], typer.Option(help="Only this kind: supports, opposes, allied_with, leads, "
                                                                       "commands, member_of, mediates, negotiates_with, sanctions.")] = None,
                      as_of: AsOfOption = None, fmt: TextFormatOption = None, as_json: JsonOption = False) -> None:
    """Typed, dated, cited relations between actors (who backs, fights, leads whom), strongest first."""
    fmt = _listing_format("jsonl" if as_json else fmt, text=True)
    graph = _graph(db)
    if fmt in ("table", "tsv", "csv"):
        _print_frame(graph.relations(actor=actor, kind=kind, as_of=as_of), fmt)
        return
    found = graph.relation_list(actor=actor, kind=kind, as_of=as_of)
    names, titles = found.names, found.titles
    if fmt != "text":
        _emit([r.as_dict() | {"source_name": names.get(r.source, r.source), "target_name": names.get(r.target, r.target)}
               for r in found.items], fmt)
        return
    for r in found.items:
        retired = f"; ended before {r.retired['before']} ({r.retired['cue']})" if r.retired else ""
        modality = "" if r.modality == "asserted" else f" [{r.modality}]"
        _say(f"{names.get(r.source, r.source)} {r.kind} {names.get(r.target, r.target)}{modality}: held {_when(r.valid)}, "
             f"reported {_when(r.reported)}, {r.sources} source{'s' * (r.sources != 1)} ({', '.join(r.cues)}){retired}")
        for span in r.evidence[:3]:
            _say(f"    {span.doc} {titles.get(span.doc) or ''} @{span.start}-{span.end}")
    err.print(f"{len(found.items)} relations", markup=False, soft_wrap=True)


@app.command("system", epilog="Example: newsgraph system --as-of 2019-12 --since 2017-12")
def system_command(db: DbOption = DEFAULT_DB, as_of: AsOfOption = None,
                   since: Annotated[Optional[str], typer.Option(help="Also say who moved together or apart since this date.")] = None,
                   fmt: TextFormatOption = None, as_json: JsonOption = False) -> None:
    """The camps as of a date: who sits with whom, the relations holding each camp, who sits between, the
    conflicts across camps and the main dyads of the year before. As a table or csv: one row per camp."""
    fmt = _listing_format("jsonl" if as_json else fmt, text=True)
    view = _graph(db).system_on(as_of=as_of, since=since)
    name = lambda i: view.names.get(i, i)  # noqa: E731
    rel = lambda i: view.relations[i]  # noqa: E731
    camps = [{"members": [name(a) for a in c.members], "member_ids": list(c.members),
              "holding": [f"{name(rel(i).source)} {rel(i).kind} {name(rel(i).target)}" for i in c.holding],
              "between": [name(a) for a in c.between]} for c in view.grouping.camps]
    conflicts = [f"{name(rel(i).source)} {rel(i).kind} {name(rel(i).target)}" for i in view.grouping.conflicts]
    dyads = [{"source": name(a), "target": name(b), "events": n, "score": sc} for a, b, n, sc in view.dyads]
    moved = [{"a": name(a), "b": name(b), "change": how} for a, b, how in view.moved]
    if fmt in ("json", "jsonl"):
        _emit([{"as_of": view.as_of, "camps": camps, "conflicts": conflicts,
                "alone": [name(a) for a in view.grouping.alone], "dyads": dyads, "since": view.since, "moved": moved}],
              fmt)
        return
    if fmt != "text":
        _emit([{"camp": k, **c} for k, c in enumerate(camps, 1)], fmt)
        return
    _say(f"system as of {view.as_of or 'now (every standing relation)'}: {len(camps)} camps, "
         f"{len(view.relations)} standing relations")
    for k, c in enumerate(camps, 1):
        _say(f"camp {k}: {', '.join(c['members'])}")
        for h in c["holding"][:8]:
            _say(f"    held by: {h}")
        if c["between"]:
            _say(f"    also tied to another camp: {', '.join(c['between'])}")
    for line in conflicts[:15]:
        _say(f"across camps: {line}")
    for d in dyads:
        _say(f"dyad {d['source']} → {d['target']}: {d['events']} events, score {d['score']:+.1f}")
    for m in moved:
        _say(f"since {view.since}: {m['a']} and {m['b']} {m['change']}")


@app.command("dyad", epilog="Example: newsgraph dyad Egypt Hifter --from 2016 --format csv")
def dyad_command(a: Annotated[str, typer.Argument(help="One actor (any spelling).")],
                 b: Annotated[str, typer.Argument(help="The other actor.")], db: DbOption = DEFAULT_DB,
                 start: Annotated[Optional[str], typer.Option("--from", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
                 end: Annotated[Optional[str], typer.Option("--to", help="Up to this date.")] = None,
                 fmt: TextFormatOption = None, as_json: JsonOption = False) -> None:
    """The monthly series between two actors, both ways: events by quad class and their cooperation–conflict
    score (−10 … +10)."""
    fmt = _listing_format("jsonl" if as_json else fmt, text=True)
    found = _graph(db).dyad_of(a, b, start, end)
    names = found.names
    records = [d.as_dict() | {"source_name": names.get(d.source), "target_name": names.get(d.target)}
               for d in found.items]
    _emit(records, fmt, lambda d: f"{d['month']} {d['source_name']} → {d['target_name']}: verbal coop "
                                  f"{d['verbal_cooperation']}, material coop {d['material_cooperation']}, verbal conflict "
                                  f"{d['verbal_conflict']}, material conflict {d['material_conflict']}; score {d['score']:+.1f}")
    if fmt == "text":
        ia, ib = list(names)
        err.print(f"{len(records)} months with events between {names[ia]} and {names[ib]}", markup=False,
                  soft_wrap=True)


@app.command("roles", epilog="Example: newsgraph roles --as-of 2017-05 --title president")
def roles_command(db: DbOption = DEFAULT_DB, as_of: AsOfOption = None,
                  actor: Annotated[Optional[str], typer.Option(help="Only this person's offices.")] = None,
                  title: Annotated[Optional[str], typer.Option(help="Only offices whose title contains this.")] = None,
                  fmt: TextFormatOption = None, as_json: JsonOption = False) -> None:
    """Who held which office on a date (the latest holder the sources name by then), or what one actor held."""
    fmt = _listing_format("jsonl" if as_json else fmt, text=True)
    found = _graph(db).roles_held(as_of, actor, title)
    names = found.names
    records = [{"person": names.get(h.person, h.person), "person_id": h.person, "title": h.title,
                "of": names.get(h.of, h.of) if h.of else None, "of_id": h.of, "time": h.time.as_dict(),
                "sources": h.sources} for h in found.items]

    def line(r: dict) -> str:
        t = r["time"]
        said = t["value"] or _when(Time(**t))
        return (f"{r['person']}: {r['title']}{' of ' + r['of'] if r['of'] else ''} "
                f"(said {said}, {r['sources']} source{'s' * (r['sources'] != 1)})")

    _emit(records, fmt, line)


# ---------------------------------------------------------------------- stage commands (JSON lines)
names_app = typer.Typer(help="Name matching.", no_args_is_help=True, rich_markup_mode=HELP_MARKUP)
time_app = typer.Typer(help="Time expressions.", no_args_is_help=True, rich_markup_mode=HELP_MARKUP)
events_app = typer.Typer(help="Event coding.", no_args_is_help=True, rich_markup_mode=HELP_MARKUP)
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


@names_app.command("cluster", epilog="Example: newsgraph names cluster names.txt > clusters.jsonl")
def names_cluster(source: InputArgument) -> None:
    """Cluster names (one per line) into real-world identities: {"name", "cluster"} per line, same order."""
    from newsgraph.resolve.names import cluster_names

    names = [line.strip() for line in _lines(source) if line.strip()]
    clustering = cluster_names(names)
    for name, label in zip(names, clustering.labels):
        _write({"name": name, "cluster": int(label)})


@time_app.command("normalize", epilog="Example: echo '{\"text\": \"last Tuesday\", \"dct\": \"2019-04-15\"}' | newsgraph time normalize -")
def time_normalize(source: InputArgument, model: ModelOption = None,
                   parse: Annotated[bool, typer.Option(help="Parse sentences for the tense (slower, more exact).")] = True) -> None:
    """Normalise time expressions: {"text", "dct", "sentence"?, "char_start"?, "char_end"?} → + value, earliest, latest."""
    from newsgraph.annotate import load_model
    from newsgraph.time import normalize_records, sentence_parser

    lines = _JsonLines(source)
    lines.emit(normalize_records(lines, sentence_parser(load_model(model)) if parse else None))


@events_app.command("code", epilog="Example: newsgraph events code sentences.jsonl > coded.jsonl")
def events_code(source: InputArgument, model: ModelOption = None) -> None:
    """Code the events of sentences: {"id", "sentence", "date"} → {"id", "events": [...]}."""
    from newsgraph.annotate import load_model
    from newsgraph.events.coder import code_records

    lines = _JsonLines(source)
    lines.emit(code_records(load_model(model), lines))


EVAL_SUITES = ("names", "time", "events", "stories", "realnews")


@app.command("eval", epilog="Example: newsgraph eval realnews --data ../shared/eval/realnews_dev/")
def evaluate(suite: Annotated[str, typer.Argument(help="names, time, events, stories or realnews.")],
             data: Annotated[str, typer.Option("--data", help="The dev set to score: a JSONL file, or for realnews "
                                                              "the set's directory.")],
             negatives: Annotated[Optional[str], typer.Option(help="names: pairs that must stay apart.")] = None) -> None:
    """Score a stage (or, for realnews, the whole build) on a development set and print its metrics as JSON."""
    import importlib

    if suite not in EVAL_SUITES:
        raise InputError(f"unknown suite {suite!r}", f"use one of {', '.join(EVAL_SUITES)}")
    if not (os.path.isdir(data) if suite == "realnews" else os.path.isfile(data)):
        raise InputError(f"no such {'directory' if suite == 'realnews' else 'file'}: {data}",
                         "pass --data PATH to a dev set, e.g. ../shared/eval/")
    module = importlib.import_module(f"newsgraph.evaluate.{suite}")
    metrics = module.evaluate(data, negatives) if suite == "names" else module.evaluate(data)
    out.print_json(data=metrics)

from newsgraph.web.commands import register as _register_web  # noqa: E402
_register_web(app)

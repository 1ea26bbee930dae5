"""The `newsgraph serve` and `newsgraph brief` commands, registered on the CLI's app by :func:`register`."""
from __future__ import annotations

from typing import Annotated

import typer

from newsgraph.cli import DbOption, _say, err, out
from newsgraph.errors import InputError
from newsgraph.settings import DEFAULT_DB
from newsgraph.web.listen import check_port, is_loopback

BRIEF_FORMATS = ("md", "html", "json")


def serve(db: DbOption = DEFAULT_DB,
          host: Annotated[str, typer.Option(help="Address to listen on (default loopback only: 127.0.0.1).")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000) -> None:
    """Serve the store read-only: search, actor, event, document, story, system and timeline pages, and /api JSON
    (OpenAPI schema at /api/openapi.json). Pages need no JavaScript; nothing is loaded from elsewhere."""
    import uvicorn

    from newsgraph.web.app import create_app

    app = create_app(db)  # a missing or foreign store fails here, with the store's own message
    check_port(host, port)
    if not is_loopback(host):
        err.print(f"warning: serving on {host}: anyone who can reach this address can read the store",
                  markup=False, soft_wrap=True)
    _say(f"serving {db} read-only on http://{host if ':' not in host else '[' + host + ']'}:{port}/ (Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False)


def brief(subject: Annotated[str, typer.Argument(help="An actor (any name, spelling or id) or a story id.")],
          db: DbOption = DEFAULT_DB,
          as_of: Annotated[str | None, typer.Option("--as-of", help="As of this date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
          fmt: Annotated[str, typer.Option("--format", help="md (Markdown), html (a standalone page) or json.")] = "md") -> None:
    """A cited brief of an actor or a story: who it is and its roles over time, allies and opponents, key events
    in date order with their sources, and where the sources disagree. Every sentence ends with [n] citations
    to a document and a sentence of it."""
    if fmt not in BRIEF_FORMATS:  # before the imports, which take a few seconds
        raise InputError(f"unknown format {fmt!r}", f"use one of {', '.join(BRIEF_FORMATS)}")
    import json

    import newsgraph
    from newsgraph.brief import build_brief
    from newsgraph.web import params

    day = params.day(as_of, "--as-of", last=True)
    made = build_brief(newsgraph.open(db), subject, as_of=day)
    if fmt == "json":
        text = json.dumps(made.as_dict(), ensure_ascii=False, indent=1) + "\n"
    else:
        text = made.to_markdown() if fmt == "md" else made.to_html()
    out.file.write(text)
    out.file.flush()


def register(app: typer.Typer) -> None:
    app.command("serve", epilog="Example: newsgraph serve --db news.duckdb --port 8000")(serve)
    app.command("brief", epilog="Example: newsgraph brief Hifter --db news.duckdb --as-of 2017-06 --format md")(brief)

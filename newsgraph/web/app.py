"""The web app: server-rendered pages and the ``/api`` JSON over the library API, read-only.

:func:`create_app` makes the FastAPI app for one store. Pages need no JavaScript; the only style sheet is
served from the package. Every answer carries a Content-Security-Policy that allows nothing but the
package's own style sheet and images, so markup that slipped through could still run no script.
"""
from __future__ import annotations

import json
import urllib.parse
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

import newsgraph
from newsgraph import __version__
from newsgraph.errors import InputError, NewsgraphError, QueryError, StoreError
from newsgraph.api import MODALITIES, PLOVER_TYPES, EntityIndex
from newsgraph.web.reads import Cache
from newsgraph.web.keeper import Keeper

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


class SafeJSONResponse(JSONResponse):
    """JSON with <, > and & written as \\u escapes: the same data, but no markup in the bytes, so an answer read
    as HTML by mistake (an old browser sniffing, a careless proxy or consumer) shows nothing active."""

    def render(self, content) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def safe_url(url: object) -> str | None:
    """The URL when it is an absolute http(s) link without spaces or control characters, else None."""
    if not isinstance(url, str) or any(ord(c) <= 32 or c in "\"'<>`\\" for c in url):
        return None
    parsed = urllib.parse.urlsplit(url)
    return url if parsed.scheme.lower() in ("http", "https") and parsed.netloc else None


def quote(value: object) -> str:
    return urllib.parse.quote(str(value), safe="")


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = safe_url
    env.filters["q"] = quote
    env.globals["version"] = __version__
    env.globals["types"] = PLOVER_TYPES
    env.globals["modalities"] = MODALITIES
    return Jinja2Templates(env=env)


class Site:
    """The store behind the app: the library's Graph, the kept connection and the entity index."""

    def __init__(self, db: str, idle: float = 2.0):
        self.graph = newsgraph.open(db)
        self.keeper = Keeper(db, idle)
        self.cache = Cache()

    def index(self) -> EntityIndex:
        return self.cache.index(self.graph)


def create_app(db: str, idle: float = 2.0) -> FastAPI:
    """The app serving the store ``db`` (StoreError now when it is missing or not a store)."""
    site = Site(db, idle)
    templates = _templates()
    # FastAPI's /docs pages load their script from a CDN: they are off; the OpenAPI schema is at /api/openapi.json
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        site.keeper.close()

    app = FastAPI(title="newsgraph", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  default_response_class=SafeJSONResponse,
                  openapi_url="/api/openapi.json",
                  description="Read a newsgraph store: entities, events, relations, documents, stories, search and "
                              "cited briefs. Read-only.")
    app.state.site = site
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def hold_store_and_secure(request: Request, call_next):
        await run_in_threadpool(site.keeper.enter)
        try:
            response = await call_next(request)
        finally:
            site.keeper.exit()
        for key, value in SECURITY_HEADERS.items():
            response.headers[key] = value
        return response

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api")

    def error(request: Request, status: int, message: str, fix: str = "") -> Response:
        if is_api(request):
            return SafeJSONResponse({"error": message, "fix": fix, "status": status}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message, "fix": fix},
                                          status_code=status)

    @app.exception_handler(NewsgraphError)
    async def newsgraph_error(request: Request, exc: NewsgraphError):
        status = 404 if isinstance(exc, QueryError) else 400 if isinstance(exc, InputError) else \
            503 if isinstance(exc, StoreError) else 500
        return error(request, status, exc.message, exc.fix)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
                             for e in exc.errors())
        return error(request, 422, f"bad parameter: {problems}", "see /api/openapi.json for the parameters")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        return error(request, exc.status_code, message, "start from the search page at /")

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):
        return error(request, 500, f"internal error: {type(exc).__name__}", "please report it with the address")

    def page(request: Request, name: str, context: dict) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    from newsgraph.web import routes

    routes.add_pages(app, site, page)
    routes.add_api(app, site)
    return app


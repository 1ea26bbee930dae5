"""The pages (HTML, no JavaScript) and the ``/api`` JSON routes. Each is a thin call into :mod:`views`."""
from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse

from newsgraph.brief import build_brief
from newsgraph.errors import QueryError
from newsgraph.web import params as P
from newsgraph.web import views

Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page (1–500).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Rows to skip.")]
Page = Annotated[int, Query(ge=1, le=1_000_000, alias="page", description="Page number, from 1.")]
Text = Annotated[str | None, Query(max_length=200)]
PAGE_ROWS = 50


def _page(rows: list, limit: int, offset: int) -> dict:
    return {"total": len(rows), "limit": limit, "offset": offset, "items": rows[offset:offset + limit]}


def _filters(type_: str | None, start: str | None, end: str | None, modality: str | None) -> tuple:
    return P.plover_type(type_), P.day(start, "start"), P.day(end, "end", last=True), P.modality(modality)


def _brief(g, subject: str, as_of: str | None):
    day = P.day(as_of, "as_of", last=True)
    return build_brief(g, P.text(subject, "subject") or "", as_of=day)


def add_pages(app: FastAPI, site, page: Callable) -> None:
    g = site.graph

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Text = None):
        q = P.text(q, "q")
        found = views.search(g, site.index(), q) if q else None
        top = [] if q else list(site.index().rows[:15])
        stories = [] if q else g.story_list()[:15]
        return page(request, "search.html", {"q": q or "", "found": found, "top": top, "stories": stories})

    @app.get("/actor/{name_or_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, name_or_id: str, type: Text = None, start: Text = None,
                   end: Text = None, modality: Text = None):
        t, s, e, m = _filters(type, start, end, modality)
        data = views.actor(g, site.index(), name_or_id, t, s, e, m)
        if data["id"] != name_or_id:
            return RedirectResponse(f"/actor/{data['id']}", status_code=303)
        data["filters"] = {"type": t or "", "start": start or "", "end": end or "", "modality": m or ""}
        return page(request, "actor.html", {"a": data})

    @app.get("/event/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str):
        return page(request, "event.html", {"e": views.event(g, site.index(), event_id)})

    @app.get("/document/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str, hl: Text = None):
        return page(request, "document.html", {"d": views.document(g, site.index(), doc_id, P.span(hl))})

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str):
        return page(request, "story.html", {"s": views.story(g, site.index(), story_id)})

    @app.get("/system", response_class=HTMLResponse, include_in_schema=False)
    def system_page(request: Request, as_of: Text = None):
        day = P.day(as_of, "as_of", last=True)
        view = site.cache.remember(g, ("system", day), lambda: views.system(g, site.index(), day))
        return page(request, "system.html", {"s": view, "as_of": as_of or ""})

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, actor: Text = None, type: Text = None, start: Text = None,
                      end: Text = None, modality: Text = None, page_no: Page = 1):
        t, s, e, m = _filters(type, start, end, modality)
        data = views.timeline(g, site.index(), P.text(actor, "actor"), t, s, e, m, PAGE_ROWS, (page_no - 1) * PAGE_ROWS)
        total = data["found"]
        form = {"actor": actor or "", "type": t or "", "start": start or "", "end": end or "", "modality": m or ""}
        return page(request, "timeline.html", {"t": data, "form": form, "page": page_no, "total": total,
                                               "pages": max(1, -(-total // PAGE_ROWS))})

    @app.get("/brief/{subject}", include_in_schema=False)
    def brief_page(request: Request, subject: str, as_of: Text = None, format: Text = None):
        brief = _brief(g, subject, as_of)
        if (format or "html") == "md":
            return PlainTextResponse(brief.to_markdown(), media_type="text/markdown; charset=utf-8")
        return page(request, "brief.html", {"b": brief, "as_of": as_of or ""})


def add_api(app: FastAPI, site) -> None:
    g = site.graph

    @app.get("/api/search", tags=["search"], summary="Entities, events, documents and stories matching a query")
    def api_search(q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20):
        return views.search(g, site.index(), P.text(q, "q") or "", limit)

    @app.get("/api/entities", tags=["entities"], summary="Entities, most mentioned first")
    def api_entities(search: Text = None, type: Text = None, limit: Limit = 50, offset: Offset = 0):
        s = P.text(search, "search")
        rows = g.search_entities(s, 10_000, site.index()) if s else list(site.index().rows)
        rows = [r for r in rows if not type or (r["type"] or "").upper() == type.upper()]
        return views.jsonable(_page(rows, limit, offset))

    @app.get("/api/entities/{name_or_id}", tags=["entities"], summary="One entity: aliases, roles, relations, merges")
    def api_entity(name_or_id: str):
        data = views.actor(g, site.index(), name_or_id)
        return views.jsonable({k: v for k, v in data.items() if k not in ("events", "filters", "role_axis", "relation_axis", "event_axis")}
                              | {"events": data["events_found"]})

    @app.get("/api/events", tags=["events"], summary="Events in time order, with filters")
    def api_events(actor: Text = None, type: Text = None, start: Text = None, end: Text = None,
                   modality: Text = None, limit: Limit = 50, offset: Offset = 0):
        t, s, e, m = _filters(type, start, end, modality)
        data = views.timeline(g, site.index(), P.text(actor, "actor"), t, s, e, m, limit, offset)
        return views.jsonable({"total": data["found"], "limit": limit, "offset": offset, "items": data["events"]})

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with every report's sentence")
    def api_event(event_id: str):
        return views.jsonable(views.event(g, site.index(), event_id))

    @app.get("/api/relations", tags=["relations"], summary="Relations standing on a date, strongest first")
    def api_relations(actor: Text = None, kind: Text = None, as_of: Text = None, limit: Limit = 50, offset: Offset = 0):
        who = views.resolve_entity(g, P.text(actor, "actor"), site.index())["id"] if actor else None
        rows = views.relations_of(g, who, P.relation_kind(kind), P.day(as_of, "as_of", last=True))
        return _page(rows, limit, offset)

    @app.get("/api/system", tags=["relations"], summary="Camps and relations as of a date")
    def api_system(as_of: Text = None):
        day = P.day(as_of, "as_of", last=True)
        data = site.cache.remember(g, ("system", day), lambda: views.system(g, site.index(), day))
        return views.jsonable({k: v for k, v in data.items() if k not in ("width", "height")})

    @app.get("/api/documents", tags=["documents"], summary="Documents in publication order")
    def api_documents(limit: Limit = 50, offset: Offset = 0):
        total, rows = g.documents_page(limit, offset)
        return views.jsonable({"total": total, "limit": limit, "offset": offset, "items": rows})

    @app.get("/api/documents/{doc_id}", tags=["documents"], summary="One document: text, mentions, events, removed")
    def api_document(doc_id: str):
        d = views.document(g, site.index(), doc_id)
        return views.jsonable({k: v for k, v in d.items() if k != "segments"})

    @app.get("/api/stories", tags=["stories"], summary="Stories, largest first")
    def api_stories(limit: Limit = 50, offset: Offset = 0):
        return views.jsonable(_page(g.story_list(), limit, offset))

    @app.get("/api/stories/{story_id}", tags=["stories"], summary="One story: documents over time and events")
    def api_story(story_id: str):
        return views.jsonable({k: v for k, v in views.story(g, site.index(), story_id).items() if k != "document_axis"})

    @app.get("/api/brief/{subject}", tags=["briefs"], summary="A cited brief of an actor or a story")
    def api_brief(subject: str, as_of: Text = None):
        return views.jsonable(_brief(g, subject, as_of).as_dict())

    @app.get("/api/{rest:path}", include_in_schema=False)
    def api_unknown(rest: str):
        raise QueryError(f"no API route /api/{rest}", "see /api/openapi.json for the routes")

"""The FastAPI app: server-rendered pages over a read-only store, plus the JSON API under /api."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from dateline import __version__
from dateline.records import QUOTE_KINDS
from dateline.store.schema import StoreError
from dateline.store.statement_queries import also_in
from dateline.web import charts, dates, db, present
from dateline.web.deps import ArticleFiltersDep, EventFiltersDep, FiltersDep, StoreDep
from dateline.web.guard import CSP, LOOPBACK_HOSTS, guard, header
from dateline.web.render import (
    article_html,
    person_href,
    snippet_html,
    speaker_colours,
    speaker_label,
)
from dateline.web.worker import AnalysisPool

PAGE = 20  # rows per HTML page
MAP_POINTS = 5000  # events on the map, newest first
MAX_BODY = 256_000  # bytes in one request body
HERE = files("dateline.web")
MAX_ID = 2**63 - 1  # SQLite's largest integer
__all__ = ["CSP", "LOOPBACK_HOSTS", "create_app"]


class DatelineApp(FastAPI):
    """FastAPI behind `guard`: Host, token and body size are checked before the app runs."""

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        await guard(
            scope, receive, send, super().__call__, max_body=MAX_BODY,
            allowed_hosts=self.state.allowed_hosts, token_check=self.token_check,
        )  # fmt: skip

    def token_check(self, scope: dict) -> tuple[int, str] | None:
        """POST /api/ingest without the token is refused before its body is read."""
        from dateline.web.ingest import token_problem

        if scope["method"] != "POST" or scope["path"].rstrip("/") != "/api/ingest":
            return None
        return token_problem(self.state.ingest_token, header(scope, b"authorization"))


def safe(text: object) -> str:
    """Text for a reply: lone surrogates escaped, so that encoding it cannot fail."""
    return str(text).encode("utf-8", "backslashreplace").decode("utf-8")


def store_message(error: StoreError, path: str) -> str:
    """A StoreError for the user: the message of a query's own check, never a path or SQL."""
    if isinstance(error, db.QueryTimeout):
        return "the query took too long; narrow it"
    text = str(error)
    if path in text or str(Path(path).resolve()) in text or ":" in text.split(" ", 1)[0]:
        return "the query could not be run; check its parameters"
    return text


def filter_items(f: db.Filters) -> list[tuple[str, str | None]]:
    """The event filters as query-string items, in form order."""
    return [("source", f.source), ("since", f.since), ("until", f.until), ("type", f.type),
            ("country", f.country)]  # fmt: skip


def _seq(store: db.ReadOnlyStore, hit: Any) -> int | None:
    """The quote's number in its article (the anchor of its highlight on the article page)."""
    row = store.conn.execute(
        "SELECT q.seq FROM quotes q JOIN articles a ON a.article = q.article "
        'WHERE a.id = ? AND q.start = ? AND q."end" = ?',
        (hit.article, hit.start, hit.end),
    ).fetchone()
    return row[0] if row else None


def templates() -> jinja2.Environment:
    """The Jinja2 environment: autoescape always on, undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE.joinpath("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(version=__version__, person_href=person_href, snippet=snippet_html,
                       speaker_label=speaker_label, markers=charts.MARKERS, classes=charts.CLASSES,
                       quad=charts.QUAD, plover_types=present.plover_types(),
                       country_options=present.country_options(),
                       country_value=present.country_value, safe_url=present.safe_url,
                       url_host=present.url_host, copies_label=present.copies_label)  # fmt: skip
    words = frozenset(json.loads(db.demonyms()))
    env.globals["is_demonym"] = lambda text, kind: (
        kind == "demonym" or (text or "").lower() in words
    )
    env.filters.update(readable=dates.readable, unquoted=present.unquoted)
    return env


PageDep = Annotated[int, Query(alias="page", ge=1, le=db.MAX_OFFSET // PAGE)]


def create_app(
    path: str | Path,
    *,
    timeout: float = 2.0,
    ingest_token: str | None = None,
    allowed_hosts: tuple[str, ...] | None = None,
    analysis: AnalysisPool | None = None,
) -> FastAPI:
    """Build the app over the store at `path` (read-only, except `POST /api/ingest` with a token).

    `allowed_hosts`: the Host names it answers (None: any); `analysis`: the worker pool for
    /api/analyze and /api/ingest (by default two workers, 60 s and 2 GB per analysis).
    """
    from dateline.web import ingest, statements
    from dateline.web.api import router

    app = DatelineApp(
        title="dateline",
        version=__version__,
        description="Quotes, people, places and PLOVER events from a dateline store (read-only).",
        docs_url=None,  # FastAPI's Swagger UI loads from a CDN; /api/docs is served here instead
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.db = str(path)
    app.state.timeout = timeout
    app.state.ingest_token = ingest_token or None  # None: POST /api/ingest answers 403
    app.state.allowed_hosts = allowed_hosts
    app.state.analysis = analysis or AnalysisPool()
    env = templates()

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, error: StoreError) -> Response:
        status = 503 if isinstance(error, db.QueryTimeout) else 400
        message = store_message(error, app.state.db)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status)
        return page("error.html", status, title="Error", message=message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        # The input is not echoed: it may be huge, or not encodable (a lone surrogate).
        detail = [
            {"type": e.get("type"), "loc": [safe(x) for x in e.get("loc", ())],
             "msg": safe(e.get("msg", ""))[:300]}
            for e in error.errors()
        ]  # fmt: skip
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, 422)
        message = "; ".join(f"{d['loc'][-1] if d['loc'] else ''}: {d['msg']}" for d in detail)
        return page("error.html", 422, title="Error", message=message)

    @app.exception_handler(Exception)
    async def crashed(request: Request, error: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "internal error"}, 500)
        return page("error.html", 500, title="Error", message="internal error")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        detail = safe(error.detail) if isinstance(error.detail, str) else error.detail
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, error.status_code, error.headers)
        return page("error.html", error.status_code, title="Error", message=str(detail))

    app.mount("/static", StaticFiles(directory=str(HERE.joinpath("static"))), name="static")
    app.include_router(router)
    app.include_router(ingest.router)
    app.include_router(statements.api)
    app.include_router(statements.pages)
    app.state.page = page

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return page("api.html", title="API", spec=app.openapi())

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(store: StoreDep, f: ArticleFiltersDep, page_: PageDep = 1) -> HTMLResponse:
        data = db.overview(store)
        chart = charts.by_type(data["by_day"])
        rows = db.articles(store, f, PAGE + 1, (page_ - 1) * PAGE, collapse=True)
        query = urlencode({k: v for k, v in filter_items(f) if v})
        return page("overview.html", title="Overview", data=data, chart=chart,
                    legend=charts.legend(), f=f, articles=rows[:PAGE], page=page_,
                    more=len(rows) > PAGE, query=query)  # fmt: skip

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(
        store: StoreDep, f: FiltersDep, q: str = "", page_: PageDep = 1, mode: str = ""
    ) -> HTMLResponse:
        if len(q) > 500:
            raise HTTPException(422, "search text over 500 characters")
        if mode == "meaning":  # search by meaning: the best PAGE quotes, no further pages
            if f.type or f.country:
                raise HTTPException(422, "type and country do not apply to search by meaning")
            found = statements.similar_hits(store, q, f, False, PAGE) if q.strip() else []
            hits = [{"kind": "quote", "id": h.article, "date": h.date, "source": h.source,
                     "title": h.title, "seq": _seq(store, h), "speaker": h.who,
                     "snippet": h.text, "score": h.score, "copies": None} for h in found]  # fmt: skip
            also = db.quote_statements(store, [(h["id"], h["seq"]) for h in hits])
            return page("search.html", title="Search", q=q, f=f, hits=hits, page=1, more=False,
                        mode=mode, also=also)  # fmt: skip
        hits = db.search(store, q, f, PAGE + 1, (page_ - 1) * PAGE) if q.strip() else []
        also = db.quote_statements(
            store, [(h["id"], h["seq"]) for h in hits[:PAGE] if h["kind"] == "quote"]
        )
        return page("search.html", title="Search", q=q, f=f, hits=hits[:PAGE], page=page_,
                    more=len(hits) > PAGE, mode=mode, also=also)  # fmt: skip

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article(store: StoreDep, article_id: str) -> HTMLResponse:
        try:
            analysis = store.show(article_id)
        except db.QueryTimeout:
            raise
        except StoreError:  # unknown id: a 404 that does not name the file on disk
            raise HTTPException(404, f"no article {article_id!r}") from None
        people = db.article_people(store, analysis.id)
        also = db.quote_statements(store, [(analysis.id, i) for i in range(len(analysis.quotes))])
        return page("article.html", title=analysis.title or analysis.id, a=analysis,
                    body=article_html(analysis, people), people=people,
                    colours=speaker_colours(analysis), also=also)  # fmt: skip

    @app.get("/people/by-name", include_in_schema=False)
    def person_by_name(store: StoreDep, name: str) -> RedirectResponse:
        found = db.find_person(store, name)
        if found is None:
            raise HTTPException(404, f"nobody called {name!r} in the store")
        return RedirectResponse(f"/people/{found}", 303)

    @app.get("/people/{person_id}", response_class=HTMLResponse, include_in_schema=False)
    def person(
        store: StoreDep, person_id: Annotated[int, PathParam(ge=1, le=MAX_ID)], f: FiltersDep,
        kind: str = "",
    ) -> HTMLResponse:  # fmt: skip
        if kind and kind not in QUOTE_KINDS:
            raise HTTPException(422, f"kind: one of {', '.join(QUOTE_KINDS)}")
        data = db.person(store, person_id, f, kind or None)
        if data is None:
            raise HTTPException(404, f"no person {person_id}")
        also = also_in(store.conn, [r["rowid"] for r in data["quotes"]])
        return page("person.html", title=data["name"], p=data, f=f, kind=kind, kinds=QUOTE_KINDS,
                    also=also)  # fmt: skip

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events(store: StoreDep, f: EventFiltersDep, page_: PageDep = 1) -> HTMLResponse:
        rows = db.events(store, f, PAGE + 1, (page_ - 1) * PAGE)
        base = {k: v for k, v in (("source", f.source), ("country", f.country)) if v}
        timeline = charts.by_type(db.event_counts(store, f), base)
        query = urlencode({k: v for k, v in filter_items(f) if v})
        from dateline.web.geo import country_paths

        return page("events.html", title="Events", f=f, rows=rows[:PAGE], page=page_,
                    more=len(rows) > PAGE, timeline=timeline, countries=country_paths(),
                    legend=charts.legend(), query=query, map_limit=MAP_POINTS,
                    points_url="/api/events/map" + ("?" + query if query else ""))  # fmt: skip

    return app

"""The FastAPI app: server-rendered pages over a read-only store, plus the JSON API under /api."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from dateline import __version__
from dateline.store.schema import StoreError
from dateline.web import charts, dates, db, present
from dateline.web.guard import CSP, LOOPBACK_HOSTS, guard, header
from dateline.web.render import person_href, snippet_html, speaker_label
from dateline.web.worker import AnalysisPool

MAX_BODY = 256_000  # bytes in one request body
HERE = files("dateline.web")
__all__ = ["CSP", "LOOPBACK_HOSTS", "create_app"]


class DatelineApp(FastAPI):
    """FastAPI behind `guard`: Host, token and body size are checked before the app runs."""

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        await guard(
            scope,
            receive,
            send,
            super().__call__,
            max_body=MAX_BODY,
            allowed_hosts=self.state.allowed_hosts,
            token_check=self.token_check,
        )

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


def templates() -> jinja2.Environment:
    """The Jinja2 environment: autoescape always on, undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE.joinpath("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(
        version=__version__,
        person_href=person_href,
        snippet=snippet_html,
        speaker_label=speaker_label,
        markers=charts.MARKERS,
        classes=charts.CLASSES,
        quad=charts.QUAD,
        plover_types=present.plover_types(),
        country_options=present.country_options(),
        country_value=present.country_value,
        safe_url=present.safe_url,
        url_host=present.url_host,
        copies_label=present.copies_label,
    )
    words = frozenset(json.loads(db.demonyms()))
    env.globals["is_demonym"] = lambda text, kind: (
        kind == "demonym" or (text or "").lower() in words
    )
    env.filters.update(readable=dates.readable, unquoted=present.unquoted)
    return env


def reply(
    request: Request, status: int, detail: Any, message: str, headers: Any = None
) -> Response:
    """An error as JSON under /api (`detail`), else as the error page (`message`)."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": detail}, status, headers)
    return request.app.state.page("error.html", status, title="Error", message=message)


async def store_error(request: Request, error: StoreError) -> Response:
    """A store's refusal: 503 when the query ran out of time, else 400."""
    status = 503 if isinstance(error, db.QueryTimeout) else 400
    message = store_message(error, request.app.state.db)
    return reply(request, status, message, message)


async def invalid(request: Request, error: RequestValidationError) -> Response:
    """A 422 that lists the fields; the input is not echoed (it may be huge, or not encodable)."""
    detail = [
        {
            "type": e.get("type"),
            "loc": [safe(x) for x in e.get("loc", ())],
            "msg": safe(e.get("msg", ""))[:300],
        }
        for e in error.errors()
    ]
    message = "; ".join(f"{d['loc'][-1] if d['loc'] else ''}: {d['msg']}" for d in detail)
    return reply(request, 422, detail, message)


async def crashed(request: Request, error: Exception) -> Response:
    """A 500 that says no more than "internal error"."""
    return reply(request, 500, "internal error", "internal error")


async def http_error(request: Request, error: HTTPException) -> Response:
    """An HTTPException raised by a route, as JSON or as the error page."""
    detail = safe(error.detail) if isinstance(error.detail, str) else error.detail
    return reply(request, error.status_code, detail, str(detail), error.headers)


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
    from dateline.web import api, ingest, pages, statements

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

    app.state.page = page
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, crashed)
    app.add_exception_handler(HTTPException, http_error)
    app.mount("/static", StaticFiles(directory=str(HERE.joinpath("static"))), name="static")
    for router in (api.router, ingest.router, statements.api, statements.pages, pages.router):
        app.include_router(router)
    return app

"""Statements and search by meaning in the web app: /api/statements, /api/similar, their pages."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from dateline.embed import EmbeddingError
from dateline.store import statement_queries as sq
from dateline.web import db
from dateline.web.deps import Limit, Offset, QuoteFiltersDep, StoreDep, page_of

api = APIRouter(prefix="/api", tags=["statements"])
pages = APIRouter(include_in_schema=False)


def _statement(row: sq.StatementRow) -> dict[str, Any]:
    return {**asdict(row), "href": f"/statements/{row.statement}"}


def _carrier(c: sq.Carrier) -> dict[str, Any]:
    return {**asdict(c), "href": f"/articles/{c.article}#quote-{c.seq}"}


def similar_hits(
    store: db.ReadOnlyStore, q: str, f: db.Filters, events: bool, limit: int
) -> list[sq.Similar]:
    """Search by meaning with the quote filters; a missing model is a clear 503."""
    kinds = ("quote", "event") if events else ("quote",)
    try:
        return sq.similar(
            store,
            q,
            kinds=kinds,
            speaker=f.speaker,
            source=f.source,
            since=f.since,
            until=f.until,
            limit=limit,
        )
    except EmbeddingError as error:
        raise HTTPException(503, str(error)) from None


@api.get("/statements")
def statements(
    store: StoreDep,
    f: QuoteFiltersDep,
    min_outlets: Annotated[int, Query(ge=1)] = 1,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Statements (one utterance of one speaker across the store), widest-carried first;
    `since`/`until` filter the first appearance, `source` an outlet that carried it."""
    rows = sq.statements(
        store, f.speaker, f.since, f.until, f.source, min_outlets, offset + limit + 1
    )
    return page_of([_statement(r) for r in rows[offset:]], limit, offset)


@api.get("/statements/{number}")
def statement(store: StoreDep, number: int) -> dict[str, Any]:
    """One statement with every quote that carried it, earliest first (date, time of day)."""
    found = sq.statement(store, number)
    if found is None:
        raise HTTPException(404, f"no statement {number}")
    return {**_statement(found[0]), "carriers": [_carrier(c) for c in found[1]]}


@api.get("/similar")
def similar(
    store: StoreDep,
    f: QuoteFiltersDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    events: bool = False,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    """Quotes (and with `events=true` event evidence) closest in meaning to `q`, best first;
    `score` is the cosine similarity of static sentence vectors (blind to negation)."""
    hits = similar_hits(store, q, f, events, limit)
    return {"items": [asdict(h) for h in hits]}


@pages.get("/statements", response_class=HTMLResponse)
def statements_page(
    request: Request,
    store: StoreDep,
    f: QuoteFiltersDep,
    min_outlets: Annotated[int, Query(ge=1)] = 2,
) -> HTMLResponse:
    rows = sq.statements(store, f.speaker, f.since, f.until, f.source, min_outlets, 100)
    return request.app.state.page(
        "statements.html", title="Statements", rows=rows, f=f, min_outlets=min_outlets
    )


@pages.get("/statements/{number}", response_class=HTMLResponse)
def statement_page(request: Request, store: StoreDep, number: int) -> HTMLResponse:
    found = sq.statement(store, number)
    if found is None:
        raise HTTPException(404, f"no statement {number}")
    return request.app.state.page(
        "statement.html", title=f"Statement {number}", s=found[0], carriers=found[1]
    )

"""The JSON API under /api: the JSON contract's records, paginated and filterable; /api/analyze."""

from __future__ import annotations

import threading
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator

from dateline.records import Analysis
from dateline.store.queries import MARK
from dateline.web import db
from dateline.web.deps import (
    EventFiltersDep,
    FiltersDep,
    Limit,
    Offset,
    QuoteFiltersDep,
    StoreDep,
    page_of,
)

MAX_ANALYZE_CHARS = 100_000  # characters of text for /api/analyze (the body limit is larger)
router = APIRouter(prefix="/api", tags=["records"])
_lock = threading.Lock()  # one analysis at a time: the spaCy pipeline loads on first use


def _hit(hit: Any) -> dict[str, Any]:
    """A Store.Hit as JSON: the record plus its article context and copy counts."""
    return {
        **asdict(hit.record),
        "article": hit.article,
        "article_date": hit.date,
        "article_source": hit.source,
        "article_title": hit.title,
        "articles": hit.articles,
        "sources": hit.sources,
    }


def _event_hits(store: db.ReadOnlyStore, hits: list[Any]) -> list[dict[str, Any]]:
    """Event hits as JSON, each with its place as an object (or null) instead of an index."""
    out = []
    for hit in hits:
        item = _hit(hit)
        if item["place"] is not None:
            item["place"] = db.place_of(store, hit.article, item["place"])
        out.append(item)
    return out


@router.get("/articles")
def articles(
    store: StoreDep, f: FiltersDep, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Stored articles (id, date, title, url, source), newest first; `speaker` keeps articles that
    quote them, `type` those with an event of that type, `country` those with a place or party there."""
    return page_of(db.articles(store, f, limit + 1, offset), limit, offset)


@router.get("/articles/{article_id:path}")
def article(store: StoreDep, article_id: str) -> dict[str, Any]:
    """One article's full analysis, as the JSON contract."""
    try:
        return store.show(article_id).to_dict()
    except db.QueryTimeout:
        raise
    except db.StoreError:  # unknown id: a 404 that does not name the file on disk
        raise HTTPException(404, f"no article {article_id!r}") from None


@router.get("/quotes")
def quotes(
    store: StoreDep,
    f: QuoteFiltersDep,
    about: str | None = None,
    all_copies: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Quotes by speaker, about words, by outlet and date; wire copies once unless all_copies."""
    hits = store.quotes(
        f.speaker,
        about,
        f.since,
        f.until,
        f.source,
        all_copies=all_copies,
        limit=offset + limit + 1,
    )
    return page_of([_hit(h) for h in hits[offset:]], limit, offset)


@router.get("/events")
def events(
    store: StoreDep,
    f: EventFiltersDep,
    actor: str | None = None,
    recipient: str | None = None,
    place: str | None = None,
    all_copies: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """PLOVER events by type, actor, recipient, country, place and date."""
    hits = store.events(
        f.type,
        actor,
        recipient,
        f.country,
        place,
        f.since,
        f.until,
        source=f.source,
        all_copies=all_copies,
        limit=offset + limit + 1,
        all_events=f.all_events,
    )
    return page_of(_event_hits(store, hits[offset : offset + limit + 1]), limit, offset)


MAP_DOC = (
    "Located events for the map, newest first, with the event filters. `points` are "
    "[lon, lat, type index, date, place, article id, seq, actor, recipient]; `types` names the "
    "type indexes; `more` is true when more located events match than `limit`."
)


@router.get("/events/map", description=MAP_DOC, response_class=JSONResponse)
def events_map(
    store: StoreDep,
    f: EventFiltersDep,
    limit: Annotated[int, Query(ge=1, le=db.MAX_POINTS)] = 5000,
) -> JSONResponse:
    """Located events for the map, as compact points."""
    return JSONResponse(db.event_points(store, f, limit))  # plain json.dumps: 5,000 points


@router.get("/people")
def people(
    store: StoreDep,
    rank: str = "quoted",
    source: str | None = None,
    top: Annotated[int, Query(ge=1, le=db.MAX_PAGE)] = 20,
) -> dict[str, Any]:
    """People and actors ranked by quotes (quoted), events (active) or articles (mentioned)."""
    return {"items": [asdict(r) for r in store.people(rank, source=source, top=top)]}


@router.get("/search")
def search(
    store: StoreDep,
    f: FiltersDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Full text over articles and quotes (every word must match); `snippet` is plain text and
    `marks` the [start, end) of each match in it."""
    hits = [{**h, **_marked(h["snippet"])} for h in db.search(store, q, f, limit + 1, offset)]
    return page_of(hits, limit, offset)


def _marked(snippet: str) -> dict[str, Any]:
    """A snippet with FTS match markers as plain text plus the offsets of the marked pieces."""
    text, marks, start = [], [], None
    length = 0
    for char in snippet:
        if char == MARK[0]:
            start = length
        elif char == MARK[1]:
            if start is not None:
                marks.append([start, length])
            start = None
        else:
            text.append(char)
            length += 1
    return {"snippet": "".join(text), "marks": marks}


class AnalyzeRequest(BaseModel):
    """One article to analyse without storing it."""

    text: str = Field(min_length=1, description=f"At most {MAX_ANALYZE_CHARS} characters.")
    date: str | None = Field(None, description="YYYY-MM-DD: anchors relative times.")
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        """Accept only an ISO date."""
        import datetime as dt

        if value is not None:
            dt.date.fromisoformat(value)  # ValueError -> 422
        return value


def run_analysis(request: Request, body: AnalyzeRequest, article_id: str) -> Analysis:
    """Analyse in a worker process: 503 when busy or past the time/memory limit, 422 on bad text."""
    from dateline.web.worker import Busy, Failed

    if len(body.text) > MAX_ANALYZE_CHARS:
        raise HTTPException(413, f"text over {MAX_ANALYZE_CHARS} characters")
    try:
        result = request.app.state.analysis.analyze(
            text=body.text,
            date=body.date,
            id=article_id,
            title=body.title,
            source=body.source,
            url=body.url,
        )
    except Busy as error:
        raise HTTPException(503, str(error), headers={"Retry-After": "5"}) from None
    except Failed as error:
        raise HTTPException(503, str(error)) from None
    if result.error is not None:
        raise HTTPException(422, result.error)
    return result


@router.post("/analyze", tags=["analyze"])
def analyze(request: Request, body: AnalyzeRequest) -> dict[str, Any]:
    """Analyse one article (text + date) and return the JSON contract; nothing is stored."""
    return run_analysis(request, body, "posted").to_dict()

"""The HTML pages (overview, search, article, person, events, API docs), a router beside the API."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse

from dateline.records import QUOTE_KINDS
from dateline.store.schema import StoreError
from dateline.store.statement_queries import also_in
from dateline.web import charts, db, statements
from dateline.web.deps import ArticleFiltersDep, EventFiltersDep, FiltersDep, StoreDep
from dateline.web.render import article_html, speaker_colours

PAGE = 20  # rows per HTML page
MAP_POINTS = 5000  # events on the map, newest first
MAX_ID = 2**63 - 1  # SQLite's largest integer
router = APIRouter(include_in_schema=False)
PageDep = Annotated[int, Query(alias="page", ge=1, le=db.MAX_OFFSET // PAGE)]


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A template rendered with the app's Jinja2 environment."""
    return request.app.state.page(name, status, **context)


def filter_items(f: db.Filters) -> list[tuple[str, str | None]]:
    """The event filters as query-string items, in form order."""
    return [
        ("source", f.source),
        ("since", f.since),
        ("until", f.until),
        ("type", f.type),
        ("country", f.country),
    ]


def _query(f: db.Filters) -> str:
    """The filters that are set, as a query string."""
    return urlencode({k: v for k, v in filter_items(f) if v})


def _seq(store: db.ReadOnlyStore, hit: Any) -> int | None:
    """The quote's number in its article (the anchor of its highlight on the article page)."""
    row = store.conn.execute(
        "SELECT q.seq FROM quotes q JOIN articles a ON a.article = q.article "
        'WHERE a.id = ? AND q.start = ? AND q."end" = ?',
        (hit.article, hit.start, hit.end),
    ).fetchone()
    return row[0] if row else None


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    return page(request, "api.html", title="API", spec=request.app.openapi())


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request, store: StoreDep, f: ArticleFiltersDep, page_: PageDep = 1
) -> HTMLResponse:
    data = db.overview(store)
    chart = charts.by_type(data["by_day"])
    rows = db.articles(store, f, PAGE + 1, (page_ - 1) * PAGE, collapse=True)
    return page(
        request,
        "overview.html",
        title="Overview",
        data=data,
        chart=chart,
        legend=charts.legend(),
        f=f,
        articles=rows[:PAGE],
        page=page_,
        more=len(rows) > PAGE,
        query=_query(f),
    )


def _meaning_hits(store: db.ReadOnlyStore, q: str, f: db.Filters) -> list[dict[str, Any]]:
    """Search by meaning: the best PAGE quotes as search hits (no further pages)."""
    if f.type or f.country:
        raise HTTPException(422, "type and country do not apply to search by meaning")
    found = statements.similar_hits(store, q, f, False, PAGE) if q.strip() else []
    return [
        {
            "kind": "quote",
            "id": h.article,
            "date": h.date,
            "source": h.source,
            "title": h.title,
            "seq": _seq(store, h),
            "speaker": h.who,
            "snippet": h.text,
            "score": h.score,
            "copies": None,
        }
        for h in found
    ]


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    store: StoreDep,
    f: FiltersDep,
    q: str = "",
    page_: PageDep = 1,
    mode: str = "",
) -> HTMLResponse:
    if len(q) > 500:
        raise HTTPException(422, "search text over 500 characters")
    if mode == "meaning":
        hits, page_, more = _meaning_hits(store, q, f), 1, False
    else:
        found = db.search(store, q, f, PAGE + 1, (page_ - 1) * PAGE) if q.strip() else []
        hits, more = found[:PAGE], len(found) > PAGE
    also = db.quote_statements(store, [(h["id"], h["seq"]) for h in hits if h["kind"] == "quote"])
    return page(
        request,
        "search.html",
        title="Search",
        q=q,
        f=f,
        hits=hits,
        page=page_,
        more=more,
        mode=mode,
        also=also,
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, store: StoreDep, article_id: str) -> HTMLResponse:
    try:
        analysis = store.show(article_id)
    except db.QueryTimeout:
        raise
    except StoreError:  # unknown id: a 404 that does not name the file on disk
        raise HTTPException(404, f"no article {article_id!r}") from None
    people = db.article_people(store, analysis.id)
    also = db.quote_statements(store, [(analysis.id, i) for i in range(len(analysis.quotes))])
    return page(
        request,
        "article.html",
        title=analysis.title or analysis.id,
        a=analysis,
        body=article_html(analysis, people),
        people=people,
        colours=speaker_colours(analysis),
        also=also,
    )


@router.get("/people/by-name")
def person_by_name(store: StoreDep, name: str) -> RedirectResponse:
    found = db.find_person(store, name)
    if found is None:
        raise HTTPException(404, f"nobody called {name!r} in the store")
    return RedirectResponse(f"/people/{found}", 303)


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person(
    request: Request,
    store: StoreDep,
    person_id: Annotated[int, PathParam(ge=1, le=MAX_ID)],
    f: FiltersDep,
    kind: str = "",
) -> HTMLResponse:
    if kind and kind not in QUOTE_KINDS:
        raise HTTPException(422, f"kind: one of {', '.join(QUOTE_KINDS)}")
    data = db.person(store, person_id, f, kind or None)
    if data is None:
        raise HTTPException(404, f"no person {person_id}")
    also = also_in(store.conn, [r["rowid"] for r in data["quotes"]])
    return page(
        request,
        "person.html",
        title=data["name"],
        p=data,
        f=f,
        kind=kind,
        kinds=QUOTE_KINDS,
        also=also,
    )


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request, store: StoreDep, f: EventFiltersDep, page_: PageDep = 1
) -> HTMLResponse:
    from dateline.web.geo import country_paths

    rows = db.events(store, f, PAGE + 1, (page_ - 1) * PAGE)
    base = {k: v for k, v in (("source", f.source), ("country", f.country)) if v}
    timeline = charts.by_type(db.event_counts(store, f), base)
    query = _query(f)
    return page(
        request,
        "events.html",
        title="Events",
        f=f,
        rows=rows[:PAGE],
        page=page_,
        more=len(rows) > PAGE,
        timeline=timeline,
        countries=country_paths(),
        legend=charts.legend(),
        query=query,
        map_limit=MAP_POINTS,
        points_url="/api/events/map" + ("?" + query if query else ""),
    )

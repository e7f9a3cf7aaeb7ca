"""Request dependencies shared by the pages and the API: the store and the filters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request

from dateline.store.queries import check_filters
from dateline.store.schema import StoreError
from dateline.web import db


def open_store(request: Request) -> Iterator[db.ReadOnlyStore]:
    """One read-only connection per request."""
    store = db.ReadOnlyStore(request.app.state.db, request.app.state.timeout)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[db.ReadOnlyStore, Depends(open_store)]
Limit = Annotated[int, Query(ge=1, le=db.MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=db.MAX_OFFSET)]


def page_of(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page of results (fetched one past `limit`) with the parameters that fetch the next one."""
    more = len(items) > limit
    return {
        "items": items[:limit],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if more else None,
    }


API_NAMES = {"type": "type", "country": "country", "since": "since", "until": "until"}


def filters(
    speaker: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,  # noqa: A002
    country: str | None = None,
    all_events: bool = False,
) -> db.Filters:
    """Filters from the query string (empty fields are ignored; unknown values are a 422);
    events under the default confidence threshold only with all_events."""
    clean = {
        k: (v.strip() or None) if v else None for k, v in locals().items() if k != "all_events"
    }
    for key, value in clean.items():
        if value is not None and len(value) > 200:
            raise HTTPException(422, f"{key}: too long")
    try:
        check_filters(API_NAMES, type=type, country=country, since=since, until=until)
    except StoreError as error:
        raise HTTPException(422, str(error)) from None
    return db.Filters(**clean, all_events=all_events)


def event_filters(
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,  # noqa: A002
    country: str | None = None,
    all_events: bool = False,
) -> db.Filters:
    """The filters that apply to events (the date is the event's own, else its article's)."""
    return filters(None, source, since, until, type, country, all_events)


def quote_filters(
    speaker: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> db.Filters:
    """The filters that apply to quotes (the date is the article's)."""
    return filters(speaker, source, since, until)


def article_filters(
    source: str | None = None, since: str | None = None, until: str | None = None
) -> db.Filters:
    """The filters of the overview's article list: outlet and article date."""
    return filters(None, source, since, until)


FiltersDep = Annotated[db.Filters, Depends(filters)]
ArticleFiltersDep = Annotated[db.Filters, Depends(article_filters)]
EventFiltersDep = Annotated[db.Filters, Depends(event_filters)]
QuoteFiltersDep = Annotated[db.Filters, Depends(quote_filters)]

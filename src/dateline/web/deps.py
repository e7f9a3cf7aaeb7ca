"""Request dependencies shared by the pages and the API: the store and the filters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from dateline.web import db


def open_store(request: Request) -> Iterator[db.ReadOnlyStore]:
    """One read-only connection per request."""
    store = db.ReadOnlyStore(request.app.state.db, request.app.state.timeout)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[db.ReadOnlyStore, Depends(open_store)]


def filters(
    speaker: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,  # noqa: A002
    country: str | None = None,
    all_events: bool = False,
) -> db.Filters:
    """Filters from the query string (empty fields are ignored); events under the default
    confidence threshold only with all_events."""
    clean = {
        k: (v.strip() or None) if v else None for k, v in locals().items() if k != "all_events"
    }
    for key, value in clean.items():
        if value is not None and len(value) > 200:
            raise HTTPException(422, f"{key}: too long")
    return db.Filters(**clean, all_events=all_events)


FiltersDep = Annotated[db.Filters, Depends(filters)]

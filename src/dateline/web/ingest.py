"""POST /api/ingest: analyse one article and store it; off unless `dateline serve --allow-ingest`."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import Field

from dateline.web.api import MAX_ANALYZE_CHARS, AnalyzeRequest, _lock

router = APIRouter(prefix="/api", tags=["ingest"])


class IngestRequest(AnalyzeRequest):
    """One article to analyse and store; without an `id`, one is made from the text's hash."""

    id: str | None = Field(None, min_length=1, max_length=200, pattern=r"^[\w.:-]+$")


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """403 while ingest is off; 401 unless the request carries `Authorization: Bearer <token>`."""
    token: str | None = request.app.state.ingest_token
    if not token:
        raise HTTPException(403, "ingest over HTTP is off (start the server with --allow-ingest)")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise HTTPException(
            401, "a valid token is needed: Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )  # fmt: skip


@router.post("/ingest", dependencies=[Depends(require_token)], status_code=201)
def ingest(request: Request, body: IngestRequest) -> Any:
    """Analyse one article and add it to the store: 201 when added, 200 when already stored."""
    if len(body.text) > MAX_ANALYZE_CHARS:
        raise HTTPException(413, f"text over {MAX_ANALYZE_CHARS} characters")
    from dateline.analyze import Options, analyze
    from dateline.store.writer import Writer, content_hash

    key = content_hash(body.text)
    article_id = body.id or f"posted-{key[:16]}"
    with _lock:  # one analysis and one writer at a time
        result = analyze(body.text, body.date, id=article_id, title=body.title,
                         source=body.source, url=body.url)  # fmt: skip
        if result.error is not None:
            raise HTTPException(422, result.error)
        writer = Writer(request.app.state.db, model=Options().model, batch=1)
        try:
            added = writer.add(result, key)
        finally:
            writer.close()
    summary = {"id": article_id, "added": added, "quotes": len(result.quotes),
               "events": len(result.events)}  # fmt: skip
    return JSONResponse(summary, 201 if added else 200)

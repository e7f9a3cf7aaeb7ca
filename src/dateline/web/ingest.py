"""POST /api/ingest: analyse one article and store it; off unless `dateline serve --allow-ingest`."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import Field

from dateline.web.api import AnalyzeRequest, _lock, run_analysis

router = APIRouter(prefix="/api", tags=["ingest"])


class IngestRequest(AnalyzeRequest):
    """One article to analyse and store; without an `id`, one is made from the text's hash."""

    id: str | None = Field(None, min_length=1, max_length=200, pattern=r"^[\w.:-]+$")


def token_problem(token: str | None, authorization: str | None) -> tuple[int, str] | None:
    """(403, why) while ingest is off, (401, why) without `Authorization: Bearer <token>`."""
    if not token:
        return 403, "ingest over HTTP is off (start the server with --allow-ingest)"
    scheme, _, given = (authorization or "").partition(" ")
    given_bytes = given.strip().encode("utf-8", "surrogateescape")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given_bytes, token.encode()):
        return 401, "a valid token is needed: Authorization: Bearer <token>"
    return None


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """403 while ingest is off; 401 unless the request carries `Authorization: Bearer <token>`."""
    problem = token_problem(request.app.state.ingest_token, authorization)
    if problem is not None:
        headers = {"WWW-Authenticate": "Bearer"} if problem[0] == 401 else None
        raise HTTPException(problem[0], problem[1], headers=headers)


@router.post("/ingest", dependencies=[Depends(require_token)], status_code=201)
def ingest(request: Request, body: IngestRequest) -> Any:
    """Analyse one article and add it to the store: 201 when added, 200 when already stored."""
    from dateline.analyze import Options
    from dateline.store.writer import NotStored, Writer, content_hash

    key = content_hash(body.text)
    article_id = body.id or f"posted-{key[:16]}"
    result = run_analysis(request, body, article_id)
    with _lock:  # one writer at a time
        writer = Writer(request.app.state.db, model=Options().model, batch=1)
        try:
            added = writer.add(result, key)
        except NotStored as error:
            raise HTTPException(422, str(error)) from None
        finally:
            writer.close()
    summary = {
        "id": article_id,
        "added": added,
        "quotes": len(result.quotes),
        "events": len(result.events),
    }
    return JSONResponse(summary, 201 if added else 200)

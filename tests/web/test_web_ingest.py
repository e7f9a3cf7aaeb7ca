"""POST /api/ingest: off by default, then token-protected; it stores what it analyses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TOKEN = "s3cret-token-for-tests"
ARTICLE = {
    "id": "posted-vienna",
    "date": "2026-08-04",
    "title": "Austria hosts talks",
    "source": "Test Wire",
    "text": 'VIENNA (Test Wire) — Austrian Chancellor Karl Nehammer said on Tuesday that "the door '
    'stays open," after meeting Hungarian Prime Minister Viktor Orban in Vienna.',
}


@pytest.fixture
def writable(web_db: Path, tmp_path: Path):
    """A TestClient with ingest on, over a copy of the fixture store."""
    from fastapi.testclient import TestClient

    from dateline.web import create_app

    db = tmp_path / "copy.db"
    shutil.copy(web_db, db)
    return TestClient(create_app(db, ingest_token=TOKEN))


def test_ingest_is_off_by_default(client) -> None:
    response = client.post(
        "/api/ingest", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 403
    assert "--allow-ingest" in response.json()["detail"]


def test_ingest_needs_the_token(writable) -> None:
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"Authorization": f"Basic {TOKEN}"},
    ):
        response = writable.post("/api/ingest", json=ARTICLE, headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Bearer"
    assert writable.post("/api/ingest", content=b"{not json").status_code == 401  # auth first
    assert writable.get("/api/articles/posted-vienna").status_code == 404


def test_ingest_stores_the_article(writable) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = writable.post("/api/ingest", json=ARTICLE, headers=auth)
    assert response.status_code == 201, response.text
    assert response.json()["id"] == "posted-vienna" and response.json()["added"] is True
    stored = writable.get("/api/articles/posted-vienna").json()
    assert stored["title"] == "Austria hosts talks" and stored["quotes"]
    again = writable.post("/api/ingest", json=ARTICLE, headers=auth)
    assert again.status_code == 200 and again.json()["added"] is False
    assert (
        writable.post("/api/ingest", json={"date": "2026-08-04"}, headers=auth).status_code == 422
    )
    bad_id = dict(ARTICLE, id="../etc/passwd")
    assert writable.post("/api/ingest", json=bad_id, headers=auth).status_code == 422
    huge = dict(ARTICLE, text="a" * 100_001)
    assert writable.post("/api/ingest", json=huge, headers=auth).status_code == 413


def test_serve_refuses_ingest_without_token(web_db: Path) -> None:
    from click.testing import CliRunner

    from dateline.cli import main

    result = CliRunner().invoke(
        main, ["serve", "--db", str(web_db), "--allow-ingest"], env={"DATELINE_TOKEN": ""}
    )
    assert result.exit_code == 2 and "--token" in result.output

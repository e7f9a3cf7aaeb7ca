"""A tiny store ingested from the web fixtures, and a TestClient over it."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "web"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ingest the three fixture articles (one full of HTML and script payloads) into a store."""
    from dateline.store.ingest import IngestOptions, ingest

    db = tmp_path_factory.mktemp("web") / "web.db"
    stats = ingest([str(FIXTURES)], db, IngestOptions(workers=1))
    assert stats.added == 3 and stats.errors == 0
    return db


@pytest.fixture(scope="session")
def client(web_db: Path):
    """A TestClient over the app on the fixture store."""
    from fastapi.testclient import TestClient

    from dateline.web import create_app

    return TestClient(create_app(web_db))


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001
    """Say where the browser tests saved their screenshots."""
    import sys

    module = next((m for n, m in sys.modules.items() if n.endswith("test_browser")), None)
    SHOTS = getattr(module, "SHOTS", [])  # noqa: N806
    if SHOTS:
        folder = SHOTS[0].parent
        terminalreporter.write_line(f"browser screenshots: {folder} ({len(SHOTS)} PNG files)")

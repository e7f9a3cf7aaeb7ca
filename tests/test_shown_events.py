"""Events under the default confidence threshold: hidden everywhere by default, queryable with
`--all-events` (CLI), `all_events=true` (API) and `all_events=True` (store)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.records import EVENT_THRESHOLD

# One event shown (an arrest by police), one hidden (a visit to the visitor's own embassy).
ARTICLE = (
    "date 2026-03-02\n\n"
    "Police arrested two men in Leeds on Monday.\n\n"
    "The French president visited the French embassy in Rome on Tuesday.\n"
)


def run(*args: str):
    """Run the CLI and return its result."""
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The article on disk."""
    path = tmp_path_factory.mktemp("shown") / "leeds.txt"
    path.write_text(ARTICLE, "utf-8")
    return path


@pytest.fixture(scope="module")
def db(article: Path) -> Path:
    """A store holding the article."""
    from dateline.store.ingest import IngestOptions, ingest

    path = article.parent / "shown.db"
    stats = ingest([str(article)], path, IngestOptions(workers=1))
    assert stats.added == 1 and stats.errors == 0
    return path


def _shown_and_hidden(confidences: list[float]) -> tuple[bool, bool]:
    """Whether some event is at or above the threshold, and whether some is under it."""
    return any(c >= EVENT_THRESHOLD for c in confidences), any(
        c < EVENT_THRESHOLD for c in confidences
    )


@pytest.mark.parametrize(
    ("flag", "expected"), [((), (True, False)), (("--all-events",), (True, True))]
)
def test_analyze(article: Path, flag: tuple[str, ...], expected) -> None:
    """`dateline analyze --format json` shows the confident events unless --all-events."""
    result = run("analyze", str(article), "--format", "json", *flag)
    assert result.exit_code == 0, result.output
    [record] = json.loads(result.stdout)
    assert _shown_and_hidden([e["confidence"] for e in record["events"]]) == expected


@pytest.mark.parametrize(("flag", "rows"), [((), 1), (("--all-events",), 2)])
def test_events_export(article: Path, flag: tuple[str, ...], rows: int) -> None:
    """`dateline events-export` writes one row per shown event (all with --all-events)."""
    result = run("events-export", str(article), *flag)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 + rows


@pytest.mark.parametrize(("flag", "rows"), [((), 1), (("--all-events",), 2)])
def test_store_export(db: Path, flag: tuple[str, ...], rows: int) -> None:
    """`dateline export gdelt` from a store: the same rule."""
    result = run("export", "gdelt", "--db", str(db), *flag)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 + rows


@pytest.mark.parametrize(("all_events", "expected"), [(False, (True, False)), (True, (True, True))])
def test_store_query(db: Path, all_events: bool, expected) -> None:
    """`Store.events` keeps every event and returns the hidden ones only when asked."""
    from dateline.store import Store

    with Store(db) as store:
        hits = store.events(all_events=all_events)
    assert _shown_and_hidden([h.record.confidence for h in hits]) == expected


@pytest.mark.parametrize(("query", "count"), [("", 1), ("?all_events=true", 2)])
def test_web_api(db: Path, query: str, count: int) -> None:
    """The web API's event list: the shown events, or all with all_events=true."""
    from fastapi.testclient import TestClient

    from dateline.web import create_app

    items = TestClient(create_app(db)).get(f"/api/events{query}").json()["items"]
    assert len(items) == count


@pytest.mark.parametrize(("query", "count"), [("", 1), ("?all_events=true", 2)])
def test_web_map(db: Path, query: str, count: int) -> None:
    """The web map's located events follow the same rule."""
    from fastapi.testclient import TestClient

    from dateline.web import create_app

    data = TestClient(create_app(db)).get(f"/api/events/map{query}").json()
    assert len(data["points"]) == count

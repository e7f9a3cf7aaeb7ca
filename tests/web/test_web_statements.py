"""Statements and search by meaning in the web app, over a hand-built store (no model needed)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from dateline.store.writer import Writer
from dateline.web.app import create_app
from tests.store.test_statements import FULL, SHARED, story, wire_story


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("statements") / "s.db"
    with Writer(db, model="hand") as writer:
        writer.add(wire_story())
        writer.add(
            story(
                "paper",
                "Daily Ledger",
                "2025-05-02",
                [
                    ("any deal that leaves our farmers", "Anna Berg", "mixed"),
                    (SHARED, "Piet Smit", "direct"),
                ],
            )
        )
        writer.add(
            story(
                "later",
                "Valley Courier",
                "2025-05-09",
                [("The bridge will reopen to lorries in June", "Omar Khan", "direct")],
            )
        )
    return TestClient(create_app(db))


def test_api_statements_and_one_statement(app: TestClient) -> None:
    items = app.get("/api/statements", params={"min_outlets": 2}).json()["items"]
    assert {(i["speaker"], i["outlets"]) for i in items} == {("Anna Berg", 2), ("Piet Smit", 2)}
    berg = next(i for i in items if i["speaker"] == "Anna Berg")
    assert berg["text"] == FULL and berg["first_source"] == "Harbor Wire"
    one = app.get(berg["href"].replace("/statements", "/api/statements")).json()
    assert [c["source"] for c in one["carriers"]] == ["Harbor Wire", "Daily Ledger"]
    assert one["carriers"][1]["match"] == "fragment"
    assert one["carriers"][1]["href"].startswith("/articles/paper#quote-")
    assert app.get("/api/statements/999").status_code == 404
    only = app.get("/api/statements", params={"speaker": "Khan"}).json()["items"]
    assert [i["speaker"] for i in only] == ["Omar Khan"]


def test_statement_pages(app: TestClient) -> None:
    page = app.get("/statements")
    assert page.status_code == 200 and "Anna Berg" in page.text and "Omar Khan" not in page.text
    number = app.get("/api/statements", params={"speaker": "Berg"}).json()["items"][0]["statement"]
    page = app.get(f"/statements/{number}")
    assert page.status_code == 200
    assert page.text.index("Harbor Wire") < page.text.index("Daily Ledger")
    assert "/articles/paper#quote-0" in page.text


@pytest.mark.parametrize(
    ("params", "first"),
    [
        ({"q": "growers will be poorer under the agreement"}, "Anna Berg"),
        ({"q": "lorries may use the crossing again this summer"}, "Omar Khan"),
        ({"q": "growers will be poorer", "speaker": "Smit"}, "Piet Smit"),
        ({"q": "growers will be poorer", "source": "Courier"}, "Omar Khan"),
        ({"q": "growers will be poorer", "since": "2025-05-05"}, "Omar Khan"),
    ],
)
def test_api_similar_with_filters(app: TestClient, params: dict[str, str], first: str) -> None:
    items = app.get("/api/similar", params=params).json()["items"]
    assert items[0]["who"] == first
    assert all(-1.0 <= i["score"] <= 1.0 for i in items)


def test_search_page_by_meaning(app: TestClient) -> None:
    page = app.get("/search", params={"q": "growers will be poorer", "mode": "meaning"})
    assert page.status_code == 200 and "similarity" in page.text and "Anna Berg" in page.text
    assert 'value="meaning" checked' in page.text
    assert app.get("/api/similar", params={"q": ""}).status_code == 422
    page = app.get("/search", params={"q": "growers", "mode": "meaning", "type": "ASSAULT"})
    assert page.status_code == 422 and "do not apply" in page.text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/articles/wire", 2),  # both of its quotes ran in a second outlet
        ("/articles/later", 0),
        ("/search?q=farmers", 2),  # the full quote and its fragment, each also in 1 outlet
    ],
)
def test_quote_lists_say_where_else_a_quote_ran(app: TestClient, url: str, expected: int) -> None:
    page = app.get(url)
    assert page.status_code == 200
    assert page.text.count("also in 1 outlet<") == expected
    assert page.text.count('href="/statements/') >= expected

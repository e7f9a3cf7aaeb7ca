"""The JSON API: records as the JSON contract, pagination, filters and /api/analyze limits."""

from __future__ import annotations


def test_article_is_the_json_contract(client) -> None:
    data = client.get("/api/articles/ankara-talks").json()
    assert {
        "id",
        "date",
        "text",
        "blocks",
        "entities",
        "quotes",
        "times",
        "places",
        "events",
    } <= set(data)
    quote = data["quotes"][0]
    assert data["text"][quote["start"] : quote["end"]] == quote["text"]
    assert client.get("/api/articles/nope").status_code == 404


def test_lists_paginate(client) -> None:
    first = client.get("/api/articles?limit=2").json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    rest = client.get("/api/articles?limit=2&offset=2").json()
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    assert client.get("/api/articles?limit=5000").status_code == 422


def test_filters(client) -> None:
    quotes = client.get("/api/quotes?speaker=Sybiha").json()["items"]
    assert quotes and all(q["speaker"]["name"] == "Andrii Sybiha" for q in quotes)
    events = client.get("/api/events?type=ASSAULT").json()["items"]
    assert [e["type"] for e in events] == ["ASSAULT"]
    hits = client.get("/api/search?q=door").json()["items"]
    assert hits and hits[0]["id"] == "ankara-talks"
    assert client.get("/api/people?rank=quoted").json()["items"]


def test_openapi_and_offline_docs(client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "/api/analyze" in spec["paths"] and "/api/events" in spec["paths"]
    docs = client.get("/api/docs").text
    assert "POST /api/analyze" in docs and "cdn" not in docs.lower()


def test_analyze_returns_records_without_storing(client) -> None:
    text = 'Kenya\'s president William Ruto said on Monday: "We will not raise taxes."'
    response = client.post("/api/analyze", json={"text": text, "date": "2026-06-01"})
    assert response.status_code == 200
    assert response.json()["quotes"]
    assert len(client.get("/api/articles").json()["items"]) == 3


def test_analyze_rejects_bad_input(client) -> None:
    assert client.post("/api/analyze", json={"date": "2026-06-01"}).status_code == 422
    assert client.post("/api/analyze", json={"text": "x", "date": "June"}).status_code == 422
    assert client.post("/api/analyze", content=b"not json").status_code == 422
    too_long = {"text": "word " * 30_000}
    assert client.post("/api/analyze", json=too_long).status_code == 413
    huge = b'{"text": "' + b"a" * 300_000 + b'"}'
    assert client.post("/api/analyze", content=huge).status_code == 413

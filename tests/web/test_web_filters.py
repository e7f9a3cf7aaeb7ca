"""Every filter of the article, quote and event endpoints, on a store of hand-analysed stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.conftest import fisheries_story, kursk_story

KURSK = {"kursk-wire", "kursk-reprint"}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory):
    """A TestClient over a store of two wire copies of one story and a second story."""
    from fastapi.testclient import TestClient

    from dateline.store.writer import Writer
    from dateline.web import create_app

    db: Path = tmp_path_factory.mktemp("filters") / "f.db"
    with Writer(db, model="hand") as writer:
        writer.add(kursk_story("kursk-wire", "Harbor Wire", "2024-12-19"))
        writer.add(kursk_story("kursk-reprint", "Black Sea Daily", "2024-12-19", "By the wire."))
        writer.add(fisheries_story())
    return TestClient(create_app(db))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", KURSK | {"fish-1"}),
        ("speaker=Putin", KURSK),
        ("speaker=Holm", {"fish-1"}),
        ("speaker=Nobody", set()),
        ("type=ASSAULT", KURSK),
        ("type=reject", {"fish-1"}),
        ("type=AID", set()),
        ("country=RU", KURSK),  # the place
        ("country=UKR", KURSK),  # the actor, by its alpha-3 code
        ("country=UA", KURSK),  # the same country by its alpha-2 code
        ("country=Denmark", {"fish-1"}),
        ("country=EUR", {"fish-1"}),
        ("country=KE", set()),
        ("source=Continental", {"fish-1"}),
        ("since=2025", {"fish-1"}),
        ("until=2024-12", KURSK),
        ("speaker=Putin&source=Black+Sea", {"kursk-reprint"}),
    ],
)
def test_article_filters(api, query: str, expected: set[str]) -> None:
    reply = api.get(f"/api/articles?{query}")
    assert reply.status_code == 200, reply.text
    assert {a["id"] for a in reply.json()["items"]} == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"ASSAULT", "REJECT"}),
        ("type=ASSAULT", {"ASSAULT"}),
        ("country=DK", {"REJECT"}),
        ("country=RUS", {"ASSAULT"}),  # the place of the event
        ("source=Continental", {"REJECT"}),
        ("since=2026-01-01", {"REJECT"}),
        ("until=2025", {"ASSAULT"}),
        ("actor=Ukrainian+forces", {"ASSAULT"}),
        ("recipient=EUR", {"REJECT"}),
        ("place=Kursk", {"ASSAULT"}),
    ],
)
def test_event_filters(api, query: str, expected: set[str]) -> None:
    reply = api.get(f"/api/events?{query}")
    assert reply.status_code == 200, reply.text
    assert {e["type"] for e in reply.json()["items"]} == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Vladimir Putin", "Jakob Holm"}),
        ("speaker=Putin", {"Vladimir Putin"}),
        ("about=fishermen", {"Jakob Holm"}),
        ("source=Harbor", {"Vladimir Putin"}),
        ("since=2026", {"Jakob Holm"}),
        ("until=2024-12-31", {"Vladimir Putin"}),
    ],
)
def test_quote_filters(api, query: str, expected: set[str]) -> None:
    reply = api.get(f"/api/quotes?{query}")
    assert reply.status_code == 200, reply.text
    assert {q["speaker"]["name"] for q in reply.json()["items"]} == expected


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("/api/articles?type=FOO", "type: 'FOO' is not a PLOVER event type"),
        ("/api/events?type=FOO", "type: 'FOO' is not a PLOVER event type"),
        ("/api/events/map?type=FOO", "type: 'FOO' is not a PLOVER event type"),
        ("/api/search?q=talks&type=FOO", "type: 'FOO' is not a PLOVER event type"),
        ("/api/articles?country=XQ", "country: 'XQ' is not a country"),
        ("/api/events?country=Narnia", "country: 'Narnia' is not a country"),
        ("/api/quotes?since=yesterday-ish", "since: cannot read"),
        ("/api/events?until=soon", "until: cannot read"),
        ("/events?type=FOO", "is not a PLOVER event type"),
    ],
)
def test_unknown_values_are_422_in_the_api_words(api, url: str, names: str) -> None:
    reply = api.get(url)
    assert reply.status_code == 422
    assert names in reply.text and "--" not in reply.text.split(names)[0][-5:]
    assert "--since" not in reply.text and "--until" not in reply.text


def test_openapi_lists_only_the_filters_each_endpoint_applies(api) -> None:
    paths = api.get("/api/openapi.json").json()["paths"]

    def params(path: str) -> set[str]:
        return {p["name"] for p in paths[path]["get"].get("parameters", [])}

    assert {"speaker", "type", "country", "source", "since", "until"} <= params("/api/articles")
    assert "speaker" not in params("/api/events") and "type" in params("/api/events")
    assert not {"type", "country"} & params("/api/quotes") and "speaker" in params("/api/quotes")


def test_search_snippets_are_clean_with_marks_as_fields(api) -> None:
    items = api.get("/api/search?q=fishermen").json()["items"]
    assert items
    for item in items:
        assert "\x02" not in item["snippet"] and "\x03" not in item["snippet"]
        assert [item["snippet"][a:b] for a, b in item["marks"]] == ["fishermen"]


def test_event_places_are_objects(api) -> None:
    items = api.get("/api/events?type=ASSAULT").json()["items"]
    place = items[0]["place"]
    assert place["name"] == "Kursk Oblast" and place["country_code"] == "RU"
    assert (place["lat"], place["lon"]) == (51.7, 36.2)
    assert api.get("/api/events?type=REJECT").json()["items"][0]["place"] is None

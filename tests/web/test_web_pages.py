"""The pages: overview, search, article, person and events on the fixture store."""

from __future__ import annotations

import json
import re

import pytest


def test_overview_counts_and_chart(client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "<dd>3</dd>" in page.text
    assert '2026-05-12</span> to <span class="nowrap">2026-07-01' in page.text
    assert "Hakan Fidan" in page.text  # a top speaker
    assert '<svg class="chart types"' in page.text and "<rect" in page.text
    assert "verbal cooperation" in page.text  # the legend names each colour and shape


def test_pages_send_a_strict_content_security_policy(client) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "cdn" not in client.get("/").text.lower()


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("q=tear+gas", "Kenyan police fire tear gas", "grain talks"),
        ("q=tax&speaker=Karua", "<mark>tax</mark> will empty", 'kind">article'),
        ("q=talks&source=Coastline", "No matches.", "grain talks"),
        ("q=talks&type=ASSAULT", "No matches.", "grain talks"),
        ("q=open&since=2026-05-01&until=2026-05-31", "Our door is <mark>open</mark>", "Nairobi"),
    ],
)
def test_search_filters_and_highlights(client, query: str, expected: str, absent: str) -> None:
    page = client.get(f"/search?{query}")
    assert page.status_code == 200
    assert expected in page.text
    assert absent not in page.text.split('<ol class="hits">')[1]


def test_search_query_syntax_is_not_an_error(client) -> None:
    assert client.get('/search?q="unbalanced AND (').status_code == 200


def test_article_page_highlights_and_links(client) -> None:
    page = client.get("/articles/ankara-talks")
    assert page.status_code == 200
    text = page.text
    assert re.search(r'<mark class="quote sp\d" data-quote="\d+">', text)
    assert '<abbr class="time" title="DATE 2026-06">next month</abbr>' in text
    assert '<span class="place"' in text and '<span class="person"' in text
    assert '<figure class="block caption"' in text  # the photo caption is set apart
    assert re.search(r'href="/people/\d+"', text)
    assert 'id="event-0"' in text and 'data-ev="0"' in text
    for anchor in re.findall(r'href="#((?:quote|place|time|event|entity)-\d+)"', text):
        assert f'id="{anchor}"' in text  # every highlight links to a record on the page


def test_unknown_article_is_a_clear_error(client) -> None:
    page = client.get("/articles/no-such-article")
    assert page.status_code == 404  # as in the API
    assert "no article" in page.text
    assert ".db" not in page.text  # the file's path on the server is not shown


def test_person_page(client) -> None:
    page = client.get("/people/by-name?name=Sybiha")
    assert page.status_code == 200
    assert "<h1>Andrii Sybiha</h1>" in page.text
    assert "We will not trade our security" in page.text
    assert "Hakan Fidan" in page.text  # appears with
    assert "Events as actor" in page.text
    assert client.get("/people/99999").status_code == 404


def test_events_page_table_timeline_and_map(client) -> None:
    page = client.get("/events")
    assert page.status_code == 200
    assert "ASSAULT" in page.text
    assert page.text.count("<path d=") > 150  # Natural Earth country outlines
    assert 'data-src="/api/events/map"' in page.text and '<canvas class="points"' in page.text
    assert 'href="/events?type=ASSAULT&amp;since=2026-06-03&amp;until=2026-06-03"' in page.text
    filtered = client.get("/events?type=ASSAULT").text
    assert 'data-src="/api/events/map?type=ASSAULT"' in filtered
    table = filtered.split("<h2>Table</h2>")[1]
    assert "Kenyan police" in table and "CONSULT" not in table


def test_events_map_points(client) -> None:
    data = client.get("/api/events/map").json()
    assert data["more"] is False and len(data["points"]) >= 3
    assert "Turkey" in {p[4] for p in data["points"]}  # "Turkey", not the demonym "Turkish"
    for lon, lat, t, _date, _place, article, seq, *_ in data["points"]:
        assert -180 <= lon <= 180 and -90 <= lat <= 90 and 0 <= t < len(data["types"])
        assert isinstance(article, str) and isinstance(seq, int)
    dates = [p[3] for p in data["points"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    nairobi = client.get("/api/events/map?type=assault").json()
    assert nairobi["types"] == ["ASSAULT"] and nairobi["points"][0][4] == "Nairobi"
    one = client.get("/api/events/map?limit=1").json()
    assert len(one["points"]) == 1 and one["more"] is True
    assert client.get("/api/events/map?limit=0").status_code == 422


def test_by_type_chart_buckets() -> None:
    from dateline.web.charts import by_type

    days = by_type(
        [
            {"day": "2026-05-12", "type": "AGREE", "n": 2},
            {"day": "2026-06-03", "type": "ASSAULT", "n": 1},
            {"day": None, "type": "AGREE", "n": 4},
        ]
    )
    assert days["unit"] == "day" and days["first"] == "2026-05-12" and days["undated"] == 4
    assert [r["type"] for r in days["rows"]] == ["AGREE", "ASSAULT"]  # PLOVER order
    months = by_type(
        [
            {"day": "2025-01-02", "type": "AGREE", "n": 1},
            {"day": "2026-03", "type": "AGREE", "n": 1},
            {"day": "2026-W20", "type": "AGREE", "n": 2},
            {"day": "2026-03-02T10:00", "type": "AGREE", "n": 1},
        ]
    )
    # a week counts in the month of its Monday (2026-W20: 2026-05-11); a time stays in its month
    assert months["unit"] == "month" and months["last"] == "2026-05" and months["undated"] == 0
    assert months["rows"][0]["total"] == 5
    assert "2026" in [t["label"] for t in months["ticks"]]


def test_static_files_are_local(client) -> None:
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/world/countries-110m.json").status_code == 200


def test_country_outlines_never_cross_the_whole_map() -> None:
    """Rings over the antimeridian (Russia, Fiji) are split: no segment spans half the map
    (except Antarctica's closing run along the bottom edge)."""
    import re as regex

    from dateline.web.geo import country_paths

    for name, path in country_paths():
        for sub in path.split("M")[1:]:
            pts = [(float(x), float(y)) for x, y in regex.findall(r"(-?[\d.]+),(-?[\d.]+)", sub)]
            for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
                assert abs(x1 - x0) < 180 or y0 == y1 == 180.0, (name, x0, y0, x1, y1)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"type": "AGREE"},
        {"since": "2026-06"},
        {"until": "2026-05-31"},
        {"source": "Coastline"},
        {"country": "KE"},
        {"type": "REJECT", "source": "Harbor"},
    ],
)
def test_event_pages_follow_the_date_order(web_db, filters: dict) -> None:
    """The merged index scans give the same events as a plain sort on the event's date."""
    from dateline.web import db

    store = db.ReadOnlyStore(web_db)
    f = db.Filters(**filters)
    where, params = db._event_where(f)
    f.dates("COALESCE(ev.date, a.date)", where, params)
    expected = store.rows(
        "SELECT ev.rowid AS r, COALESCE(ev.date, a.date) AS k FROM events ev "
        f"JOIN articles a ON a.article = ev.article {db.PLACE_JOIN}"
        f"WHERE {' AND '.join(['1', *where])} ORDER BY k DESC",
        params,
    )
    got = [r for page in range(0, 20, 3) for r in db.events(store, f, 3, page)]
    assert sorted(r["rowid_"] for r in got) == sorted(r["r"] for r in expected)
    keys = [r["record"].date or r["a_date"] or "" for r in got]
    assert keys == sorted(keys, reverse=True)
    located = db.event_points(store, f, 1000)
    demonyms = json.loads(db.demonyms())  # a demonym place ("Turkish") is not plotted
    plotted = [
        r
        for r in got
        if r["lat"] is not None
        and r["place_kind"] != "demonym"
        and r["place_text"].lower() not in demonyms
    ]
    assert len(located["points"]) == len(plotted)
    counts = db.event_counts(store, f)
    assert sum(r["n"] for r in counts) == len([k for k in keys if k])


def test_older_store_is_upgraded_before_serving(tmp_path) -> None:
    from dateline.store.schema import SCHEMA_VERSION, connect
    from dateline.web import db

    path = tmp_path / "old.db"
    connect(path, target=SCHEMA_VERSION - 1).close()
    store = db.ReadOnlyStore(path)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    with pytest.raises(Exception, match="readonly"):
        store.conn.execute("CREATE TABLE x (y)")

"""What the pages show on a store of hand-analysed stories (tests/web/ui_stories.py): the article
list, dates in their real order, wire copies once, filter selects, modality, safe links, people."""

from __future__ import annotations

import html
import re
import sqlite3
from pathlib import Path

import pytest

from tests.web import ui_stories


@pytest.fixture(scope="module")
def ui_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ui_stories.build(tmp_path_factory.mktemp("ui") / "ui.db")


@pytest.fixture(scope="module")
def ui(ui_db: Path):
    from fastapi.testclient import TestClient

    from dateline.web import create_app

    return TestClient(create_app(ui_db))


def text_of(page: str, start: str, end: str) -> str:
    """The visible text between two markers of the page, tags removed, spaces collapsed."""
    part = page[page.index(start) : page.index(end, page.index(start))]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split())


def listed(page: str) -> list[str]:
    """The article ids the overview's list links to, in order."""
    part = page[page.index('<ol class="articles">') :]
    part = part[: part.index("</ol>")]
    return re.findall(r'href="/articles/([^"#]+)"', part)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["fish-1", "border-1", "kursk-wire", *[f"notice-{n:02d}" for n in range(22, 5, -1)]]),
        ("page=2", [*[f"notice-{n:02d}" for n in range(5, -1, -1)], "port-1"]),  # undated last
        ("source=Ferry&since=2023-01-10&until=2023-01-12", ["notice-11", "notice-10", "notice-09"]),
        ("source=Black+Sea", ["kursk-reprint"]),  # the copy stands in when its original is out
        ("since=2025", ["fish-1", "border-1"]),
        ("until=2022", []),
    ],
)
def test_overview_lists_articles(ui, query: str, expected: list[str]) -> None:
    page = ui.get(f"/?{query}")
    assert page.status_code == 200, page.text
    assert listed(page.text) == expected


def test_overview_article_list_pages_and_copies(ui) -> None:
    page = ui.get("/").text
    assert 'rel="next" href="?page=2"' in page and 'rel="prev"' not in page
    assert "kursk-reprint" not in listed(page)
    wire = page[page.index('href="/articles/kursk-wire"') :].split("</li>")[0]
    assert ">+1 copy</span>" in wire and "Black Sea Daily" in wire  # the copy's outlet, on hover
    second = ui.get("/?page=2").text
    assert 'rel="prev" href="?page=1"' in second and 'rel="next"' not in second
    filtered = ui.get("/?source=Ferry&page=1").text
    assert 'href="?source=Ferry&amp;page=2"' in filtered
    assert ui.get("/?since=yesterday-ish").status_code == 422


@pytest.mark.parametrize(
    ("value", "readable", "key"),
    [
        ("2025-06-03", "2025-06-03", "2025-06-03"),
        ("2025-06", "June 2025", "2025-06"),
        ("2025", "2025", "2025"),
        ("2024-W51", "week 51, 2024", "2024-12-16"),
        ("2024-W51-WE", "the weekend of week 51, 2024", "2024-12-16"),
        ("2025-Q3", "Q3 2025", "2025-07"),
        ("2025-SU", "summer 2025", "2025-06"),
        ("XXXX-WXX-1", "a Monday (date unknown)", None),
        ("XXXX-12-25", "25 December (year unknown)", None),
        ("PRESENT_REF", "now", None),
    ],
)
def test_dates_read_and_sort_by_their_value(value: str, readable: str, key: str | None) -> None:
    from dateline.web import dates

    assert dates.readable(value) == readable
    assert dates.sort_key(value) == key
    conn = sqlite3.connect(":memory:")  # the pages' SQL sorts the same way
    found = conn.execute(f"WITH v(x) AS (SELECT ?) SELECT {dates.sql_key('x')} FROM v", [value])
    assert found.fetchone()[0] == key


def test_events_in_real_date_order_readable_and_once(ui) -> None:
    page = ui.get("/events").text
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    rows = [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", r)).split()) for r in body.split("</tr>")
    ]
    rows = [r for r in rows if r]
    assert [r.split(" ", 1)[0] for r in rows] == [
        "2026-02-17",
        "2025-03-10",
        "2025",
        "2024-12-19",
        "week",
        "a",
    ]
    assert rows[4].startswith("week 51, 2024 THREATEN hypothetical")
    assert rows[5].startswith("a Monday (date unknown) ASSAULT negated")
    assert rows[2].startswith("2025 AID future")
    assert 'title="XXXX-WXX-1"' in body  # the value itself, on hover
    assert sum("shelled a village" in r for r in rows) == 1 and "+1 copy" in rows[3]


def test_event_page_filters_are_selects(ui) -> None:
    page = ui.get("/events?type=assault&country=UKR").text
    start = page.index('<form class="search"')
    form = page[start : page.index("</form>", start)]
    assert 'name="type"' in form and '<input name="type"' not in form
    types = re.search(r'<select name="type">(.*?)</select>', form, re.S).group(1)
    assert len(re.findall("<option", types)) == 17 and "<option selected>ASSAULT</option>" in types
    countries = re.search(r'<select name="country">(.*?)</select>', form, re.S).group(1)
    assert '<option value="UA" selected>Ukraine</option>' in countries
    assert '<option value="EUR">' in countries and len(re.findall("<option", countries)) > 200
    assert "shelled a village" in page and "cod plan" not in page


def test_person_page_collapses_copies_and_orders_dates(ui, ui_db: Path) -> None:
    putin = ui.get("/people/by-name?name=Vladimir+Putin")
    assert putin.status_code == 200
    quotes = text_of(putin.text, '<ol class="quotes">', "</ol>")
    assert quotes.count("I am ready to talk to Trump") == 1 and "+1 copy" in quotes
    varga = ui.get("/people/by-name?name=Lena+Varga").text
    actor = text_of(varga, "Events as actor", "Events as recipient")
    assert "week 51, 2024 THREATEN hypothetical" in actor


def test_search_lists_a_wire_story_once(ui) -> None:
    page = ui.get("/search?q=ready+Trump").text
    hits = page[page.index('<ol class="hits">') :].split("</ol>")[0]
    assert hits.count('href="/articles/kursk-') == 2  # the article and its quote, not four
    assert "kursk-reprint" not in hits and hits.count("+1 copy") == 2
    only = ui.get("/search?q=ready+Trump&source=Black+Sea").text
    assert 'href="/articles/kursk-reprint"' in only
    extra = ui.get("/search?q=by+Kremlin").text  # the reprint's own words: it is listed
    assert 'href="/articles/kursk-reprint"' in extra and "No matches" not in extra


def test_article_events_show_modality_and_no_empty_recipient(ui) -> None:
    page = ui.get("/articles/border-1").text
    events = text_of(page, '<ol class="events">', "</ol>")
    assert "→ –" not in events and "troops a Monday (date unknown)" in events
    assert "Russian officials → Lena Varga" in events
    for flag in ("negated", "hypothetical", "future"):
        assert f'class="flag {flag}"' in page


def test_quote_lists_have_single_marks(ui) -> None:
    for path in ("/articles/border-1", "/people/by-name?name=Lena+Varga"):
        page = ui.get(path).text
        assert "<q>We will keep the border open,</q>" in page, path
        assert not re.search(r"<q>\s*[“\"]", page), path


def test_source_url_is_a_safe_link(ui) -> None:
    page = ui.get("/articles/border-1").text
    link = re.search(r'<a class="url" href="([^"]+)" rel="([^"]+)"', page)
    assert link and html.unescape(link.group(1)) == "https://news.example.org/border?id=7&x=1"
    assert set(link.group(2).split()) == {"noopener", "noreferrer", "nofollow"}
    unsafe = ui.get("/articles/port-1").text
    assert 'class="url"' in unsafe and '<a class="url"' not in unsafe  # shown as text only
    assert not re.search(r'href="\s*javascript:', unsafe, re.I)


def test_appears_with_lists_people_only(ui) -> None:
    page = ui.get("/people/by-name?name=Lena+Varga").text
    with_ = text_of(page, "<h2>Appears with</h2>", "</ul>")
    assert "Marek Olsen" in with_
    assert "Telegram" not in with_ and "Hungary" not in with_


def test_demonym_is_not_on_the_map(ui) -> None:
    points = ui.get("/api/events/map").json()["points"]
    assert "Debrecen" in {p[4] for p in points}
    assert [p[9] for p in points if p[4] == "Debrecen"] == ["a Monday (date unknown)"]
    assert "Russia" not in {p[4] for p in points}  # "Russian officials" is no location


def test_article_has_a_highlights_toggle(ui) -> None:
    page = ui.get("/articles/border-1").text
    assert '<input type="checkbox" id="highlights" checked aria-controls="article-text">' in page
    assert '<label for="highlights">' in page and 'id="article-text"' in page

"""Queries over hand-built analyses: filters, wire copies, round trips, bound parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.records import Analysis
from dateline.store import Store, StoreError


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"speaker": "Putin"}, ["kursk"]),
        ({"speaker": "vladimir putin"}, ["kursk"]),
        ({"speaker": "Putin", "about": "Trump", "since": "2024-12-01"}, ["kursk"]),
        ({"speaker": "Putin", "about": "ceasefire"}, []),
        ({"speaker": "Putin", "since": "2025-01-01"}, []),
        ({"speaker": "Holm"}, ["fish"]),
        ({"source": "continental"}, ["fish"]),
        ({"until": "2024-12"}, ["kursk"]),
        ({}, ["fish", "kursk"]),
        ({"speaker": "%' OR 1=1 --"}, []),
        ({"about": 'Trump" OR "boats'}, []),
    ],
)
def test_quotes(filled: Path, query: dict, expected: list[str]) -> None:
    with Store(filled) as store:
        found = store.quotes(**query)
    assert sorted(h.article.split("-")[0] for h in found) == expected


def test_quote_copies_counted_once(filled: Path) -> None:
    with Store(filled) as store:
        once = store.quotes(speaker="Putin")
        every = store.quotes(speaker="Putin", all_copies=True)
    assert len(once) == 1 and (once[0].articles, once[0].sources) == (2, 2)
    assert sorted(h.source for h in every) == ["Black Sea Daily", "Harbor Wire"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "ASSAULT", "place": "Kursk"}, ["ASSAULT"]),
        ({"type": "assault", "since": "2024-01-01", "until": "2024-12-31"}, ["ASSAULT"]),
        ({"actor": "UKR"}, ["ASSAULT"]),
        ({"actor": "Holm"}, ["REJECT"]),
        ({"recipient": "EUR"}, ["REJECT"]),
        ({"country": "RU"}, ["ASSAULT"]),
        ({"country": "rus"}, ["ASSAULT"]),
        ({"country": "Russia"}, ["ASSAULT"]),
        ({"country": "UA"}, ["ASSAULT"]),
        ({"country": "NZ"}, []),
        ({"place": "Odesa"}, []),
        ({}, ["ASSAULT", "REJECT"]),
    ],
)
def test_events(filled: Path, query: dict, expected: list[str]) -> None:
    with Store(filled) as store:
        found = store.events(**query)
    assert sorted(h.record.type for h in found) == expected
    assert all(h.articles == (2 if h.record.type == "ASSAULT" else 1) for h in found)


def test_near_duplicates_linked(filled: Path) -> None:
    with Store(filled) as store:
        rows = dict(store.conn.execute("SELECT id, copy_of FROM articles").fetchall())
    assert rows["kursk-wire"] is None and rows["kursk-reprint"] == 1 and rows["fish-1"] is None


def test_show_round_trips(filled: Path, stories: list[Analysis]) -> None:
    with Store(filled) as store:
        for analysis in stories:
            assert store.show(analysis.id) == analysis


def test_timeline_and_people(filled: Path) -> None:
    with Store(filled) as store:
        timeline = store.timeline("Putin")
        quoted = store.people("quoted")
        by_outlet = store.people("quoted", by_source=True)
    assert [type(h.record).__name__ for h in timeline] == ["Quote"]
    assert [(p.name, p.quotes) for p in quoted] == [("Vladimir Putin", 2), ("Jakob Holm", 1)]
    assert {(p.source, p.name) for p in by_outlet} == {
        ("Black Sea Daily", "Vladimir Putin"),
        ("Harbor Wire", "Vladimir Putin"),
        ("Continental Press", "Jakob Holm"),
    }


def test_search_marks_matches_and_rejects_bad_syntax(filled: Path) -> None:
    with Store(filled) as store:
        found = store.search("fishermen")
        assert {m.kind for m in found} == {"article", "quote"}
        assert all("\x02fishermen\x03" in m.snippet for m in found)
        assert len(store.search("Kremlin")) == 1  # the reprint is a copy of the wire story
        assert len(store.search("Kremlin", all_copies=True)) == 2
        with pytest.raises(StoreError, match="invalid search query"):
            store.search('"unbalanced AND (')


def test_bad_dates_are_clear(filled: Path) -> None:
    with Store(filled) as store, pytest.raises(StoreError, match="--since"):
        store.quotes(since="next tuesday-ish")

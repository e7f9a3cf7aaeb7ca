"""Queries over hand-built analyses: filters, wire copies, round trips, bound parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.records import Analysis, Block, Cue, Entity, Mention, Quote, Speaker
from dateline.store import Store, StoreError
from dateline.store.queries import fts_query
from tests.store.conftest import kursk_story, span


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


def test_search_marks_matches(filled: Path) -> None:
    with Store(filled) as store:
        found = store.search("fishermen")
        assert {m.kind for m in found} == {"article", "quote"}
        assert all("\x02fishermen\x03" in m.snippet for m in found)
        assert len(store.search("Kremlin")) == 1  # the reprint is a copy of the wire story
        assert len(store.search("Kremlin", all_copies=True)) == 2
        with pytest.raises(StoreError, match="empty query"):
            store.search('  "" ')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ceasefire", '"ceasefire"'),
        ("grain deal", '"grain" "deal"'),
        ('"grain deal" corridor', '"grain deal" "corridor"'),
        ("al-Ansari IRIS-T", '"al-Ansari" "IRIS-T"'),
        ("talks AND", '"talks" "AND"'),
        ('"unbalanced AND (', '"unbalanced" "AND" "("'),
        ("O'Neill", '"O\'Neill"'),
    ],
)
def test_fts_query_has_no_syntax(text: str, expected: str) -> None:
    assert fts_query(text) == expected


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("fishermen", 1),
        ("Kursk region", 1),
        ('"the Kursk region"', 1),
        ("Kursk AND", 1),  # an operator is a word: the story says "and"
        ("Commission's", 1),
        ('"unbalanced AND (', 0),
        ("NOT", 0),
    ],
)
def test_search_takes_any_input(filled: Path, text: str, hits: int) -> None:
    with Store(filled) as store:
        assert len([m for m in store.search(text) if m.kind == "article"]) == hits


def test_bad_dates_are_clear(filled: Path) -> None:
    with Store(filled) as store, pytest.raises(StoreError, match="--since"):
        store.quotes(since="next tuesday-ish")


def surname_story(id_: str, surname: str) -> Analysis:
    """A brief that names a person by surname alone, quoting them."""
    text = f'date: 2024-12-18\n\n"We will answer," {surname} said on Wednesday.'
    name = span(text, surname)
    quote = span(text, '"We will answer,"')
    return Analysis(
        id=id_,
        text=text,
        date="2024-12-18",
        source="Harbor Wire",
        blocks=(Block("body", quote[0], len(text)),),
        entities=(Entity("e1", surname, "PERSON", None, None, (Mention(*name, surname),)),),
        quotes=(
            Quote(
                *quote,
                text[quote[0] : quote[1]],
                "direct",
                Speaker("e1", surname, *name),
                Cue(*span(text, "said"), "said"),
            ),
        ),
    )


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        # "Putin" alone, stored before "Vladimir Putin": folded into the full name
        (["Putin"], [("Vladimir Putin", "RUS", 2)]),
        # a surname that two full names already share stays apart
        (
            ["Lyudmila Putin", "Yuri Putin", "Putin"],
            [
                ("Lyudmila Putin", None, 1),
                ("Putin", None, 1),
                ("Vladimir Putin", "RUS", 1),
                ("Yuri Putin", None, 1),
            ],
        ),
    ],
)
def test_surname_first_joins_full_name(
    tmp_path: Path, first: list[str], expected: list[tuple[str, str | None, int]]
) -> None:
    from dateline.store.writer import Writer

    db = tmp_path / "people.db"
    with Writer(db, model="hand") as writer:
        for i, name in enumerate(first):
            writer.add(surname_story(f"brief-{i}", name))
        writer.add(kursk_story("kursk-wire", "Harbor Wire", "2024-12-19"))
    with Store(db) as store:
        quoted = [(p.name, p.country, p.quotes) for p in store.people("quoted")]
        found = store.quotes(speaker="Vladimir Putin")
    assert sorted(q for q in quoted if "Putin" in q[0]) == expected
    assert len(found) == dict((n, q) for n, _, q in expected)["Vladimir Putin"]


def test_unresolved_speaker_shown_by_the_words_of_the_article(tmp_path: Path) -> None:
    """A quote whose speaker no entity resolves keeps its mention ("the harbour master")."""
    from dateline.store.output import summary
    from dateline.store.writer import Writer

    text = 'date: 2026-02-18\n\n"The ice will hold until March," the harbour master said.'
    quote, who = span(text, '"The ice will hold until March,"'), span(text, "the harbour master")
    analysis = Analysis(
        id="ice",
        text=text,
        date="2026-02-18",
        quotes=(
            Quote(
                *quote,
                text[quote[0] : quote[1]],
                "direct",
                Speaker(None, None, *who),
                Cue(*span(text, "said"), "said"),
            ),
        ),
    )
    with Writer(tmp_path / "ice.db", model="hand") as writer:
        writer.add(analysis)
    with Store(tmp_path / "ice.db") as store:
        (hit,) = store.quotes()
    assert hit.mention == "the harbour master"
    assert summary(hit)[2] == "the harbour master"

"""End to end: the bundled example and a wire-style article written for these tests."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

import dateline

EXAMPLE = files("dateline").joinpath("examples", "putin-press-conference.txt").read_text()
SUMMIT = (Path(__file__).parent / "fixtures" / "articles" / "summit.txt").read_text()


def person(analysis: dateline.Analysis, name: str) -> dateline.records.Entity:
    [entity] = [e for e in analysis.entities if e.name == name]
    return entity


@pytest.mark.parametrize(
    ("text", "date", "headings", "captions", "people"),
    [
        (
            EXAMPLE,
            "2024-12-19",
            ["Kursk conundrum", "Trump's pledge"],
            1,
            {
                "Vladimir Putin": (
                    "RUS",
                    {"Vladimir Putin", "Putin", "the 72-year-old leader", "he"},
                ),
                "Donald Trump": ("USA", {"Donald Trump", "Trump", "the incoming Republican"}),
                "Volodymyr Zelensky": ("UKR", {"Volodymyr Zelensky", "The Ukrainian leader"}),
            },
        ),
        (
            SUMMIT,
            "2025-02-14",
            ["Transatlantic rift", "Money and guns"],
            1,
            {
                "Emmanuel Macron": ("FRA", {"Emmanuel Macron", "Macron", "the French leader"}),
                "Olaf Scholz": ("DEU", {"Olaf Scholz", "Scholz", "The German chancellor", "He"}),
                "Joe Biden": ("USA", {"Joe Biden", "Biden"}),
                "Volodymyr Zelenskiy": ("UKR", {"Volodymyr Zelenskiy", "Zelenskiy"}),
            },
        ),
    ],
)
def test_article(text: str, date: str, headings: list[str], captions: int, people: dict) -> None:
    analysis = dateline.analyze(text)
    assert analysis.error is None, analysis.error
    assert analysis.date == date
    assert [text[b.start : b.end] for b in analysis.blocks if b.kind == "heading"] == headings
    assert sum(b.kind == "caption" for b in analysis.blocks) == captions
    assert any(b.kind == "credit" for b in analysis.blocks)
    for name, (country, variants) in people.items():
        entity = person(analysis, name)
        assert entity.country == country
        assert variants <= {m.text for m in entity.mentions}
    for entity in analysis.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text


def test_to_dict_is_the_json_contract() -> None:
    data = dateline.analyze(EXAMPLE).to_dict()
    assert list(data) == [
        "id",
        "text",
        "date",
        "title",
        "url",
        "source",
        "blocks",
        "entities",
        "quotes",
        "times",
        "places",
        "events",
        "repairs",
    ]
    assert data["title"].startswith("Putin says") and data["repairs"] == []
    entity = data["entities"][0]
    assert set(entity) == {"id", "name", "type", "country", "title", "mentions"}
    assert set(entity["mentions"][0]) == {"start", "end", "text"}


@pytest.mark.parametrize(
    ("text", "error"),
    [("", "empty document"), ("   \n\t", "empty document")],
)
def test_analyze_bad_text(text: str, error: str) -> None:
    assert error in (dateline.analyze(text).error or "")


def test_public_api() -> None:
    public = [
        "Analysis",
        "Article",
        "Options",
        "Store",
        "analyze",
        "analyze_articles",
        "load",
        "read",
    ]
    assert sorted(dateline.__all__) == public
    assert all(hasattr(dateline, name) for name in public)


def test_header_lines_are_metadata_not_records() -> None:
    analysis = dateline.analyze(EXAMPLE)
    body_start = analysis.blocks[0].start
    records = [*analysis.quotes, *analysis.times, *analysis.places, *analysis.events]
    assert records and all(r.start >= body_start for r in records)
    assert all(m.start >= body_start for e in analysis.entities for m in e.mentions)
    for event in analysis.events:
        assert event.place is None or 0 <= event.place < len(analysis.places)


CLEAN = (
    "date 2025-06-13\n\n"
    "\u201cWe will not leave until the dam is stopped,\u201d said Anita Rai, a farmer in Sunsari, "
    "as hundreds of villagers marched to the district office on Friday. Police said the march "
    "was peaceful & that no one was arrested."
)


def damaged(text: str) -> str:
    """UTF-8 read as cp1252 (the undefined byte of the closing quote lost) and `&` escaped."""
    return text.encode().decode("cp1252", errors="ignore").replace("&", "&amp;")


def spans(analysis: dateline.Analysis) -> list:
    """Every record with an offset pair and its own text."""
    found = [m for e in analysis.entities for m in e.mentions]
    found += [*analysis.quotes, *analysis.times, *analysis.places, *analysis.events]
    return found + [q.cue for q in analysis.quotes if q.cue]


@pytest.mark.parametrize(
    ("text", "options", "expected", "repairs", "speaker"),
    [
        (damaged(CLEAN), dateline.Options(), CLEAN, ("mojibake", "html_entities"), "Anita Rai"),
        (
            damaged(CLEAN.lower()),
            dateline.Options(),
            CLEAN.lower(),
            ("mojibake", "html_entities", "case"),
            "Anita Rai",
        ),
        (
            damaged(CLEAN.upper()),
            dateline.Options(),
            CLEAN.upper(),
            ("mojibake", "html_entities", "case"),
            "Anita Rai",
        ),
        (damaged(CLEAN), dateline.Options(raw_text=True), damaged(CLEAN), (), None),
    ],
)
def test_damaged_text_is_repaired_and_offsets_index_the_returned_text(
    text: str, options: dateline.Options, expected: str, repairs: tuple, speaker: str | None
) -> None:
    analysis = dateline.analyze(text, options=options)
    assert (analysis.text, analysis.repairs) == (expected, repairs)
    assert spans(analysis)
    for record in spans(analysis):
        assert analysis.text[record.start : record.end] == record.text
    if speaker:
        assert any(q.speaker.name == speaker and q.kind == "direct" for q in analysis.quotes)

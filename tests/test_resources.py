"""The shipped tables, the one loader that reads them, and the country codes behind actors."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from dateline.resources import (
    ORG_WORDS,
    PERSON_WORDS,
    PLACE_WORDS,
    SPEECH_NOUN_WORDS,
    country_codes,
    spellings,
    tagged,
    words,
)
from dateline.stages.events.actors import alpha3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia", ("RU", "RUS")),
        ("  united   states ", ("US", "USA")),
        ("rus", ("RU", "RUS")),
        ("UA", ("UA", "UKR")),
        ("Burundi", ("BI", "BDI")),  # in ISO 3166, not in the shipped alias table
        ("Kosovo", ("XK", "XKX")),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_country_codes(text: str, expected: tuple[str, str] | None) -> None:
    assert country_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("RU", "RUS"), ("bi", "BDI"), ("XK", "XKX"), ("ZZ", None), (None, None), ("", None)],
)
def test_alpha3(text: str | None, expected: str | None) -> None:
    assert alpha3(text) == expected


def test_every_shipped_table_names_its_source_and_licence() -> None:
    """Each data file opens with `#` comment lines that name where it comes from and its licence."""
    folder = files("dateline.resources")
    tables = [f for f in folder.iterdir() if f.name.endswith((".tsv", ".txt"))]
    assert tables
    for table in tables:
        head = "\n".join(
            line
            for line in table.read_text(encoding="utf-8").splitlines()[:12]
            if line.startswith("#")
        )
        assert re.search(r"Source|written for dateline", head), table.name
        assert re.search(r"Licen[cs]e|MIT|CC BY", head), table.name


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Mr.", ("mr.", "mr")),
        ("Spokeswoman", ("spokeswoman",)),
        ("Lt. Gen.", ("lt. gen.", "lt. gen")),
    ],
)
def test_spellings(word: str, expected: tuple[str, ...]) -> None:
    assert spellings(word) == expected


@pytest.mark.parametrize(
    ("table", "use", "word"),
    [
        (PERSON_WORDS, "title", "Prime Minister"),
        (PERSON_WORDS, "address", "Mr."),
        (SPEECH_NOUN_WORDS, "via", "press release"),
        (PLACE_WORDS, "direction", "north-eastern"),
        (ORG_WORDS, "possessed", "ministry"),
    ],
)
def test_tagged_rows(table: str, use: str, word: str) -> None:
    """A word table's rows are selected by a use named in their `uses` column."""
    assert word in [row["word"] for row in tagged(table, use)]


def test_words_drop_comments() -> None:
    """One-entry-per-line files lose comment lines and comments after an entry."""
    places = words("known_places.txt")
    assert places and not any("#" in place for place in places)
    assert "Kiev" in places

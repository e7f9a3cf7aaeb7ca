"""Name clusters: titles and countries read from the words before a name."""

from __future__ import annotations

import pytest

from dateline.stages.entities.clusters import same_person_name, title_and_country


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("U.S. President-elect", ("President-elect", "USA")),
        ("Russian President", ("President", "RUS")),
        ("British Prime Minister", ("Prime Minister", "GBR")),
        ("Russia's", (None, "RUS")),
        ("former", (None, None)),
    ],
)
def test_title_and_country(phrase: str, expected: tuple) -> None:
    assert title_and_country(f" {phrase} ") == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Joseph R. Biden", "Joe Biden", True),
        ("Vladimir V. Putin", "Vladimir Putin", True),
        ("George H.W. Bush", "George W. Bush", False),
        ("Hillary Clinton", "Bill Clinton", False),
    ],
)
def test_same_person_name(a: str, b: str, expected: bool) -> None:
    assert same_person_name(a, b) is expected

"""Name clusters: titles and countries read from the words before a name."""

from __future__ import annotations

import pytest

from dateline.stages.entities.clusters import title_and_country


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

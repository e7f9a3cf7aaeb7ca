"""The shipped country table and ISO codes behind actors and `events --country`."""

from __future__ import annotations

import pytest

from dateline.resources import country_codes
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

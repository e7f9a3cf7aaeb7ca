"""Labels the article page gives its highlights."""

from __future__ import annotations

import pytest

from dateline.records import Analysis, Quote, Speaker
from dateline.web.render import speaker_label

TEXT = '"The ice will hold," the harbour master said.'


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        (Speaker("E1", "Ana Lindqvist", 21, 38), "Ana Lindqvist"),
        (Speaker(None, None, 21, 39), "the harbour master"),
        (Speaker(), "unknown speaker"),
    ],
)
def test_speaker_label(speaker: Speaker, expected: str) -> None:
    quote = Quote(1, 18, "The ice will hold,", "direct", speaker)
    assert speaker_label(Analysis(id="ice", text=TEXT, quotes=(quote,)), quote) == expected

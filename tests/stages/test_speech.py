"""Tests for the speech lexicon shared by the stages."""

from __future__ import annotations

import pytest

from dateline.stages.speech import forms, is_speech_cue, lexicon


@pytest.mark.parametrize(
    ("cue", "speech"),
    [("said", True), ("according to", True), ("has warned", True), ("found", False), (":", False)],
)
def test_is_speech_cue(cue: str, speech: bool) -> None:
    """The speech-verb lexicon recognises inflected cues."""
    assert lexicon()[0]
    assert is_speech_cue(cue) is speech


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [
        ("say", {"say", "says", "sayed", "saying"}),
        ("deny", {"deny", "denys", "denyed", "denying", "denies", "denied"}),
        ("argue", {"argue", "argues", "argueed", "argueing", "argued", "arguing"}),
        ("stress", {"stress", "stresss", "stressed", "stressing", "stresses"}),
    ],
)
def test_forms(lemma: str, expected: set[str]) -> None:
    """Regular inflections are generated over-generously; irregular ones come from the file."""
    assert forms(lemma) == expected


def test_irregular_forms_listed() -> None:
    """Irregular forms written after a lemma in the file are part of the lexicon."""
    assert {"said", "told", "wrote"} <= lexicon()[1]

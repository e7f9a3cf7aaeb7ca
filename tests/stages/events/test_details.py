"""Details: counts, the evidence clause, and a caption's own date."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.analyze import analyze
from tests.stages.events.helpers import events_of

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "events"


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Russian missiles killed seven civilians in Kharkiv.", {"killed": 7}),
        (
            "Gunmen attacked a bus, killing 12 people and wounding 30.",
            {"killed": 12, "injured": 30},
        ),
        ("Police arrested 150 protesters in Belgrade.", {"arrested": 150}),
    ],
)
def test_counts(nlp, text, counts):
    """Killed, injured and arrested counts come from the event's clause."""
    found = [e for e in events_of(nlp, text) if e.counts]
    assert found and found[0].counts == counts


def test_evidence_span_is_the_clause(nlp):
    """The evidence text is exactly the text between its offsets, inside one sentence."""
    text = "Talks stalled. Chinese warships sailed near Taiwan on Sunday, officials in Taipei said."
    for event in events_of(nlp, text):
        assert text[event.start : event.end] == event.text
        assert "." not in event.text.rstrip(".")


def test_caption_takes_its_own_date(nlp):
    """An event in a caption block is dated by the caption, not the article date."""
    text = (FIXTURES / "12-caption.txt").read_text("utf-8")
    analysis = analyze(text)
    caption = [e for e in analysis.events if "howitzer" in e.text]
    assert caption and caption[0].type == "ASSAULT"
    assert caption[0].date != analysis.date

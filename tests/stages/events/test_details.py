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


@pytest.mark.parametrize(
    ("text", "type_", "expected"),
    [
        (  # the line before the lede's dateline is a headline: the lede states the act
            "Police arrest two men in fraud case. RIVERTON — Police arrested two men on Monday "
            "in a fraud case.",
            "COERCE",
            "Police arrested two men",
        ),
        (  # "Man" in a headline and "A man" in the lede are one party: one charge, the lede's
            "Man charged with fraud detained. RIVERTON — A man charged with fraud was detained "
            "by Riverton police on Monday.",
            "ACCUSE",
            "A man charged with fraud",
        ),
        (  # without a dateline the first statement stays
            "Police arrested two men on Monday in a fraud case. Police arrested two men, the "
            "sheriff said.",
            "COERCE",
            "Police arrested two men on Monday",
        ),
    ],
)
def test_headline_before_dateline(nlp, text, type_, expected):
    """A repeated act keeps the lede's statement, not the headline's clipped one."""
    found = [e for e in events_of(nlp, text) if e.type == type_]
    assert len(found) == 1 and expected in found[0].text, found
    if "RIVERTON" in text:
        assert found[0].start >= text.index("RIVERTON"), found


@pytest.mark.parametrize(
    ("text", "char", "expected"),
    [
        ("Man held in fraud case. RIVERTON — A man was arrested.", 0, True),
        ("Man held in fraud case. RIVERTON — A man was arrested.", 30, False),
        ("Man held in fraud case. A man was arrested — police said.", 0, False),
        ("RIVERTON — A man was arrested on Monday.", 0, False),
    ],
)
def test_before_dateline(nlp, text, char, expected):
    """Text before a dateline-opened sentence among the first three is a headline."""
    from dateline.stages.events.details import before_dateline

    assert before_dateline(nlp(text), char) is expected


def test_evidence_drops_a_trailing_conjunction(nlp):
    """A clause cut before its conjoined clause ends on a word, not on "and"."""
    text = "Mark Novak has been charged with fraud and Anne Walsh has been charged with perjury."
    assert all(not e.text.endswith(" and") for e in events_of(nlp, text))

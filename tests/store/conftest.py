"""Helpers for the store tests: hand-built analyses, so queries are tested without the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.records import (
    Actor,
    Analysis,
    Block,
    Cue,
    Entity,
    Event,
    Mention,
    Place,
    Quote,
    Speaker,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    """The (start, end) of `part` in `text`, searching from `after`."""
    start = text.index(part, after)
    return start, start + len(part)


def kursk_story(id_: str, source: str, date: str, extra: str = "") -> Analysis:
    """A hand-analysed wire story: a quote by Putin about Trump and an ASSAULT in Kursk region."""
    text = (
        f"date: {date}\n\nMOSCOW (Harbor Wire) — Russian President Vladimir Putin said on Thursday "
        "that Ukrainian forces had shelled a village in the Kursk region overnight, and that he "
        "was ready to discuss the war with Donald Trump once the new administration took office. "
        '"I am ready to talk to Trump at any time," Putin told reporters in Moscow. The Kremlin '
        "gave no details of casualties in the village, which lies twelve kilometres from the "
        f"border, and Ukraine's general staff declined to comment on the report. {extra}"
    )
    body = span(text, "MOSCOW")[0]
    quote = span(text, '"I am ready to talk to Trump at any time,"')
    putin2 = span(text, "Putin", quote[1])
    told = span(text, "told", quote[1])
    shelled = span(text, "Ukrainian forces had shelled a village")
    kursk = span(text, "the Kursk region")
    return Analysis(
        id=id_,
        text=text,
        date=date,
        source=source,
        title="Putin ready to talk to Trump",
        blocks=(Block("dateline", body, body + 20), Block("body", body + 23, len(text.rstrip()))),
        entities=(
            Entity(
                "e1",
                "Vladimir Putin",
                "PERSON",
                "RUS",
                "President",
                (
                    Mention(*span(text, "Vladimir Putin"), "Vladimir Putin"),
                    Mention(*putin2, "Putin"),
                ),
            ),
            Entity(
                "e2",
                "Donald Trump",
                "PERSON",
                "USA",
                None,
                (Mention(*span(text, "Donald Trump"), "Donald Trump"),),
            ),
            Entity(
                "e3", "Ukraine", "GPE", "UKR", None, (Mention(*span(text, "Ukraine's"), "Ukraine"),)
            ),
        ),
        quotes=(
            Quote(
                *quote,
                text[quote[0] : quote[1]],
                "direct",
                Speaker("e1", "Vladimir Putin", *putin2),
                Cue(*told, "told"),
            ),
        ),
        places=(
            Place(*kursk, "the Kursk region", "Kursk Oblast", "admin1", "RU", 538555, 51.7, 36.2),
        ),
        events=(
            Event(
                "ASSAULT",
                *shelled,
                text[shelled[0] : shelled[1]],
                mode="shelling",
                actor=Actor("e3", "Ukrainian forces", "UKR", "MIL"),
                recipient=None,
                place=0,
                date=date,
                confidence=0.8,
            ),
        ),
    )


def fisheries_story() -> Analysis:
    """A hand-analysed story with a different speaker, outlet and event."""
    text = (
        "date: 2026-02-17\n\nBRUSSELS (CP) — Danish fisheries minister Jakob Holm rejected the "
        'Commission\'s cod plan on Tuesday. "We cannot ask our fishermen to tie up their boats," '
        "Holm said."
    )
    quote = span(text, '"We cannot ask our fishermen to tie up their boats,"')
    holm = span(text, "Holm", quote[1])
    rejected = span(text, "rejected the Commission's cod plan")
    return Analysis(
        id="fish-1",
        text=text,
        date="2026-02-17",
        source="Continental Press",
        blocks=(Block("body", span(text, "BRUSSELS")[0], len(text)),),
        entities=(
            Entity(
                "e1",
                "Jakob Holm",
                "PERSON",
                "DNK",
                "fisheries minister",
                (Mention(*span(text, "Jakob Holm"), "Jakob Holm"), Mention(*holm, "Holm")),
            ),
        ),
        quotes=(
            Quote(
                *quote,
                text[quote[0] : quote[1]],
                "direct",
                Speaker("e1", "Jakob Holm", *holm),
                Cue(*span(text, "said", holm[1]), "said"),
            ),
        ),
        events=(
            Event(
                "REJECT",
                *rejected,
                text[rejected[0] : rejected[1]],
                actor=Actor("e1", "Jakob Holm", "DNK", "GOV"),
                recipient=Actor(None, "European Commission", "EUR", "GOV"),
                date="2026-02-17",
                confidence=0.7,
            ),
        ),
    )


@pytest.fixture
def stories() -> list[Analysis]:
    """Two wire copies of the Kursk story (two outlets) and the fisheries story."""
    return [
        kursk_story("kursk-wire", "Harbor Wire", "2024-12-19"),
        kursk_story("kursk-reprint", "Black Sea Daily", "2024-12-19", "Reporting by the wire."),
        fisheries_story(),
    ]


@pytest.fixture
def filled(tmp_path: Path, stories: list[Analysis]) -> Path:
    """A store holding the hand-built stories."""
    from dateline.store.writer import Writer

    db = tmp_path / "filled.db"
    with Writer(db, model="hand") as writer:
        for analysis in stories:
            writer.add(analysis)
    return db

"""A hand-analysed store for the page tests: wire copies, unanchored and partial dates, modality,
a demonym place, people next to places and things, a linkable and an unsafe source URL."""

from __future__ import annotations

from pathlib import Path

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
from tests.store.conftest import fisheries_story, kursk_story, span

FILLERS = 23  # short dated notices: more articles than one page (20) holds


def border_story() -> Analysis:
    """A story whose events have an unanchored, a week, a year and no date of their own."""
    text = (
        "date: 2025-03-10\n\nDEBRECEN (Plains Post) — Hungarian minister Lena Varga said on Monday "
        "that troops had not fired on the crossing, and warned that the army could close the road "
        "in week 51. Marek Olsen of the Telegram channel said aid would arrive next year. "
        "Russian officials met Varga in Debrecen. “We will keep the border open,” Varga said."
    )
    fired = span(text, "troops had not fired on the crossing")
    close = span(text, "the army could close the road")
    aid = span(text, "aid would arrive next year")
    met = span(text, "Russian officials met Varga")
    quote = span(text, "“We will keep the border open,”")
    varga2 = span(text, "Varga", quote[1])
    russian = span(text, "Russian")
    debrecen = span(text, "Debrecen", russian[1])
    varga = Actor("e1", "Lena Varga", "HUN", "GOV")
    return Analysis(
        id="border-1",
        text=text,
        date="2025-03-10",
        source="Plains Post",
        title="Minister says border stays open",
        url="https://news.example.org/border?id=7&x=1",
        blocks=(Block("body", span(text, "DEBRECEN")[0], len(text)),),
        entities=(
            Entity(
                "e1",
                "Lena Varga",
                "PERSON",
                "HUN",
                "minister",
                (Mention(*span(text, "Lena Varga"), "Lena Varga"), Mention(*varga2, "Varga")),
            ),
            Entity(
                "e2",
                "Marek Olsen",
                "PERSON",
                None,
                None,
                (Mention(*span(text, "Marek Olsen"), "Marek Olsen"),),
            ),
            Entity(
                "e3", "Telegram", "ORG", None, None, (Mention(*span(text, "Telegram"), "Telegram"),)
            ),
            Entity(
                "e4",
                "Hungary",
                "GPE",
                "HUN",
                None,
                (Mention(*span(text, "Hungarian"), "Hungarian"),),
            ),
        ),
        quotes=(
            Quote(
                *quote,
                text[quote[0] : quote[1]],
                "direct",
                Speaker("e1", "Lena Varga", *varga2),
                Cue(*span(text, "said", varga2[1]), "said"),
            ),
        ),
        places=(
            Place(*russian, "Russian", "Russia", "country", "RU", 2017370, 61.5, 105.3),
            Place(*debrecen, "Debrecen", "Debrecen", "city", "HU", 721472, 47.53, 21.63),
        ),
        events=(
            Event(
                "ASSAULT",
                *fired,
                text[fired[0] : fired[1]],
                actor=Actor(None, "troops", "HUN", "MIL"),
                date="XXXX-WXX-1",
                negated=True,
                place=1,
                confidence=0.6,
            ),
            Event(
                "THREATEN",
                *close,
                text[close[0] : close[1]],
                actor=varga,
                date="2024-W51",
                hypothetical=True,
                confidence=0.6,
            ),
            Event(
                "AID",
                *aid,
                text[aid[0] : aid[1]],
                actor=Actor("e2", "Marek Olsen", None, None),
                date="2025",
                future=True,
                confidence=0.6,
            ),
            Event(
                "CONSULT",
                *met,
                text[met[0] : met[1]],
                actor=Actor(None, "Russian officials", "RUS", "GOV"),
                recipient=varga,
                place=0,
                confidence=0.6,
            ),
        ),
    )


def unsafe_url_story() -> Analysis:
    """An undated article whose URL is a script, which must never become a link."""
    text = "HARBOR (Harbor Wire) — The port reopened on Friday after a week of repairs."
    return Analysis(
        id="port-1",
        text=text,
        source="Harbor Wire",
        title="Port reopens",
        url="javascript:window.__pwned=1",
    )


def filler(n: int) -> Analysis:
    """A short dated notice (too short to be taken for a wire copy)."""
    date = f"2023-{1 + n // 28:02d}-{1 + n % 28:02d}"
    text = f"date: {date}\n\nNotice number {n} about the ferry timetable."
    return Analysis(
        id=f"notice-{n:02d}",
        text=text,
        date=date,
        source="Ferry Gazette",
        title=f"Ferry notice {n}",
    )


def build(db: Path) -> Path:
    """Write every story into a new store at `db`."""
    from dateline.store.writer import Writer

    with Writer(db, model="hand") as writer:
        writer.add(kursk_story("kursk-wire", "Harbor Wire", "2024-12-19"))
        writer.add(kursk_story("kursk-reprint", "Black Sea Daily", "2024-12-19", "By the wire."))
        writer.add(fisheries_story())
        writer.add(border_story())
        writer.add(unsafe_url_story())
        for n in range(FILLERS):
            writer.add(filler(n))
    return db

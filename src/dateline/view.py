"""The readable terminal view of an Analysis, made with rich."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from dateline.records import Analysis

PEOPLE_TYPES = ("PERSON", "ORG")


def clip(text: str, width: int = 90) -> str:
    """Shorten `text` to one line of at most `width` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def tables(analysis: Analysis) -> list[Table]:
    """Build the tables shown for one article: blocks, people, quotes, times, places, events."""
    out: list[Table] = []
    kinds = Counter(b.kind for b in analysis.blocks)
    blocks = Table("kind", "count", "first", title="Blocks", title_justify="left")
    for kind, count in kinds.items():
        first = next(b for b in analysis.blocks if b.kind == kind)
        blocks.add_row(kind, str(count), clip(analysis.text[first.start : first.end], 70))
    out.append(blocks)
    people = Table(
        "id",
        "name",
        "type",
        "title",
        "country",
        "mentions",
        "as",
        title="People and organisations",
        title_justify="left",
    )
    for e in analysis.entities:
        if e.type in PEOPLE_TYPES:
            variants = sorted({m.text for m in e.mentions}, key=str.lower)
            people.add_row(
                e.id,
                e.name,
                e.type,
                e.title or "",
                e.country or "",
                str(len(e.mentions)),
                clip(", ".join(variants), 50),
            )
    out.append(people)
    if analysis.quotes:
        quotes = Table("speaker", "kind", "quote", "via", title="Quotes", title_justify="left")
        for q in analysis.quotes:
            quotes.add_row(q.speaker.name or "?", q.kind, clip(q.text, 70), q.via or "")
        out.append(quotes)
    if analysis.times:
        times = Table("text", "type", "value", "mod", title="Times", title_justify="left")
        for t in analysis.times:
            times.add_row(clip(t.text, 40), t.type, t.value, t.mod or "")
        out.append(times)
    if analysis.places:
        places = Table(
            "text", "name", "kind", "country", "lat, lon", title="Places", title_justify="left"
        )
        for p in analysis.places:
            where = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else ""
            places.add_row(p.text, p.name, p.kind, p.country_code or "", where)
        out.append(places)
    if analysis.events:
        events = Table(
            "type", "actor", "recipient", "date", "evidence", title="Events", title_justify="left"
        )
        for ev in analysis.events:
            actor = ev.actor.name or ev.actor.country or "" if ev.actor else ""
            recipient = ev.recipient.name or ev.recipient.country or "" if ev.recipient else ""
            events.add_row(ev.type, actor, recipient, ev.date or "", clip(ev.text, 60))
        out.append(events)
    return out


def show(analysis: Analysis, console: Console | None = None) -> None:
    """Print one article's analysis to the terminal."""
    console = console or Console()
    title = analysis.title or clip(analysis.text, 60)
    console.rule(f"[bold]{analysis.id}[/bold]")
    console.print(f"[bold]{title}[/bold]  date: {analysis.date or 'unknown'}")
    for table in tables(analysis):
        console.print(table)

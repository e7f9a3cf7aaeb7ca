"""What the quotes tests read from a text run through the whole pipeline."""

from __future__ import annotations

from dateline.records import Quote


def run(nlp, text: str) -> list[Quote]:
    """Quotes found by the full pipeline in `text`."""
    return list(nlp(text)._.quotes)


def speaker(text: str, quote: Quote) -> str | None:
    """The speaker mention's text."""
    sp = quote.speaker
    return text[sp.start : sp.end] if sp.start is not None else None


def summary(
    text: str, quotes: list[Quote], kinds: tuple[str, ...]
) -> list[tuple[str, str, str | None]]:
    """(kind, quote text, speaker mention) for the quotes of the given kinds."""
    return [(q.kind, q.text, speaker(text, q)) for q in quotes if q.kind in kinds]

"""What the events tests read from a text run through the whole pipeline."""

from __future__ import annotations


def events_of(nlp, text: str, date: str = "2026-05-04"):
    """Events of one text run through the whole pipeline."""
    import datetime as dt

    from dateline.nlp import make_doc

    doc = nlp(make_doc(nlp, text, dt.date.fromisoformat(date)))
    return list(doc._.events)


def shown_of(nlp, text: str) -> list[tuple[str, str | None, str | None]]:
    """(type, actor, recipient) of the events shown by default (at or above the threshold)."""
    from dateline.records import EVENT_THRESHOLD

    return [
        (e.type, e.actor and e.actor.name, e.recipient and e.recipient.name)
        for e in events_of(nlp, text)
        if e.confidence >= EVENT_THRESHOLD
    ]


def recipients_of(nlp, text: str) -> list[tuple[str, str | None]]:
    """(type, recipient name) of every event of one text, shown or not."""
    return [(e.type, e.recipient and e.recipient.name) for e in events_of(nlp, text)]

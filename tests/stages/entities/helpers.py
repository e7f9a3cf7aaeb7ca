"""What the entities tests read from an analysed text."""

from __future__ import annotations

from dateline.stages.entities import find_entities


def people(nlp, text: str) -> dict[str, dict]:
    doc = nlp(text)
    return {
        e.name: {
            "type": e.type,
            "country": e.country,
            "title": e.title,
            "mentions": [m.text for m in e.mentions],
        }
        for e in find_entities(doc)
    }

"""Place candidates: a span that may name a place, as a mention with its gazetteer entries.

A span is split ("City, State"), trimmed, widened by a unit word ("Kherson oblast") or a
compass word ("northeastern Ukraine"), and looked up; a span no entry matches is narrowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from dateline.resources import PLACE_WORDS, tagged
from dateline.stages.places.gazetteer import (
    ABBREVIATION,
    ALTERNATE,
    BASE,
    DEMONYM,
    MAIN,
    US_ABBREVIATIONS,
    Entry,
    Gazetteer,
    key,
)

UNIT_AFTER = {row["word"] for row in tagged(PLACE_WORDS, "unit")}
# Compass words and the corner of a country they pick: (latitude side, longitude side).
DIRECTIONS = {row["word"]: (row["lat"], row["lon"]) for row in tagged(PLACE_WORDS, "direction")}
# The dotted AP forms of US states, exactly as written ("Tenn.", "N.Y.").
AP_FORMS = {
    re.sub(r"[^a-z.]", "", form.lower()).rstrip(".")
    for forms in US_ABBREVIATIONS.values()
    for form in forms.split(";")
}
COMPASS = {row["word"] for row in tagged(PLACE_WORDS, "compass")}


@dataclass
class PlaceMention:
    """A candidate place mention: its span, how it was found and what it may refer to."""

    start: int
    end: int
    text: str
    lookup: str
    source: str
    unit: bool = False
    demonym: bool = False
    direction: str | None = None
    qualifier: str | None = None
    first: int = 0
    stop: int = 0
    after_comma: bool = False
    municipal: bool = False
    candidates: tuple[Entry, ...] = ()
    choice: Entry | None = None
    scores: dict[int, float] = field(default_factory=dict)


def mentions_of(span: Span, source: str, demonym: bool, gaz: Gazetteer) -> Iterator[PlaceMention]:
    """Turn one entity span into mentions: split "City, State", trim, add units and directions."""
    doc = span.doc
    for start, end in _pieces(span, source):
        start, end = _trimmed(doc, start, end)
        if start < end:
            yield _mention(doc, start, end, source, demonym, gaz)


def _pieces(span: Span, source: str) -> list[tuple[int, int]]:
    """Token ranges of a span's parts between commas, semicolons and slashes (and "and")."""
    pieces: list[tuple[int, int]] = []
    begin = span.start
    for token in span:
        if token.text in {",", ";", "/"} or (token.text == "and" and source != "ner"):
            if token.i > begin:
                pieces.append((begin, token.i))
            begin = token.i + 1
    if begin < span.end:
        pieces.append((begin, span.end))
    return pieces


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A range without leading "the"/"of"/punctuation or trailing punctuation and "'s"."""
    while start < end and (doc[start].lower_ in {"the", "of"} or doc[start].is_punct):
        start += 1
    while (
        end > start
        and (doc[end - 1].is_punct and doc[end - 1].text != ".")
        or (end > start and doc[end - 1].text in {"'s", "\u2019s"})
    ):
        end -= 1
    return start, end


def _mention(
    doc: Doc, start: int, end: int, source: str, demonym: bool, gaz: Gazetteer
) -> PlaceMention:
    """The mention of a trimmed range, with a following unit word and a compass word before."""
    unit = False
    if end < len(doc) and doc[end].lower_ in UNIT_AFTER and source != "dateline":
        end += 1
        unit = True
    elif doc[end - 1].lower_ in UNIT_AFTER and end - start > 1:
        unit = True
    direction = None
    if start > 0 and doc[start - 1].lower_ in DIRECTIONS and not demonym:
        direction = doc[start - 1].lower_
    text = doc[start:end].text
    mention = PlaceMention(
        doc[start].idx,
        doc[end - 1].idx + len(doc[end - 1]),
        text,
        text,
        source,
        unit=unit,
        demonym=demonym,
        first=start,
        stop=end,
        after_comma=start > 0 and doc[start - 1].text == ",",
    )
    mention.candidates = _candidates(mention, gaz)
    if not mention.candidates and end - start > 1 and source in {"ner", "relabel"}:
        _narrow(mention, doc, start, end, gaz)
    if direction and mention.candidates:
        mention.direction = direction
        mention.start = doc[start - 1].idx
        mention.text = doc[start - 1 : end].text
        mention.first = start - 1
    return mention


def _narrow(mention: PlaceMention, doc: Doc, start: int, end: int, gaz: Gazetteer) -> None:
    """Repair a span no entry matches: "Northeast Georgia" is a part of Georgia, and
    "Henderson County Jail" contains "Henderson County"."""
    first = doc[start].lower_
    if first in DIRECTIONS:
        mention.lookup = doc[start + 1 : end].text
        mention.candidates = _candidates(mention, gaz)
        if mention.candidates:
            mention.direction = first
            return
        mention.lookup = mention.text
    for cut in range(end - 1, start, -1):
        if doc[cut - 1].is_punct or doc[cut - 1].lower_ in {"of", "and", "the"}:
            continue
        sub = doc[start:cut]
        if known_place(sub.text, gaz, 1_000):
            mention.text = mention.lookup = sub.text
            mention.end = sub.end_char
            mention.stop = cut
            mention.candidates = _candidates(mention, gaz)
            return


def _candidates(mention: PlaceMention, gaz: Gazetteer) -> tuple[Entry, ...]:
    """Gazetteer entries the mention's words can name."""
    text = mention.lookup
    if mention.demonym:
        return tuple(e for e in gaz.lookup(text) if e.how == DEMONYM)
    found = [e for e in gaz.lookup(text) if e.how != DEMONYM]
    if mention.unit:
        words = text.split()
        base = " ".join(w for w in words if w.lower() not in UNIT_AFTER)
        if base and base != text:
            units = [e for e in gaz.lookup(base) if e.kind in {"admin1", "admin2"}]
            found = found + [e for e in units if e not in found]
    if not found and text.endswith((".", "'s", "\u2019s")):
        found = [e for e in gaz.lookup(text.rstrip(".").removesuffix("'s")) if e.how != DEMONYM]
    if "." not in text and not (text.isupper() and len(text) == 2 and mention.after_comma):
        found = [e for e in found if e.how != ABBREVIATION]
    elif "." in text:
        # Dotted forms name a state only as AP writes it: "La." is Louisiana, "L.A." is not.
        ap = re.sub(r"[^a-z.]", "", text.lower()).rstrip(".") in AP_FORMS
        found = [e for e in found if (e.how == ABBREVIATION) == ap]
    if key(text) in COMPASS:
        return ()
    if not mention.unit and mention.source != "ner":
        found = [e for e in found if e.how != BASE]
    if not found and mention.source == "ner":
        demonyms = tuple(e for e in gaz.lookup(text) if e.how == DEMONYM)
        if demonyms:
            mention.demonym = True
            return demonyms
    return tuple(found)


def known_place(text: str, gaz: Gazetteer, population: int) -> bool:
    """A name of a country, unit or sizeable town (by its main or alternate name)."""
    return any(
        e.how in {MAIN, ALTERNATE}
        and (e.kind in {"country", "admin1", "admin2", "continent"} or e.population >= population)
        for e in gaz.lookup(text)
    )


def strong_place(text: str, gaz: Gazetteer) -> bool:
    """A name that, standing alone, is almost surely a well-known place."""
    return any(
        e.how in {MAIN, ALTERNATE}
        and (
            e.kind in {"country", "admin1", "continent", "landmark", "region", "water"}
            or (e.kind == "capital" and e.population >= 100_000)
            or e.population >= 500_000
        )
        for e in gaz.lookup(text)
    )


def country_or_state(text: str, gaz: Gazetteer) -> bool:
    """A country or first-level unit by its main or alternate name."""
    return any(
        e.how in {MAIN, ALTERNATE} and e.kind in {"country", "admin1"} for e in gaz.lookup(text)
    )

"""Sentences with their times marked in [brackets], and what the stage reads in them."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from dateline.stages.times import find_times


def marked(text: str, reads: str) -> tuple[str, list[tuple[str, str]]]:
    """The sentence without brackets, and (span, "TYPE value [mod]") for each bracketed span;
    `reads` gives the readings in order, "; " between them ("" for none)."""
    spans = re.findall(r"\[([^\]]+)\]", text)
    readings = reads.split("; ") if reads else []
    return text.replace("[", "").replace("]", ""), list(zip(spans, readings, strict=True))


def found(doc: Doc, mods: bool = True) -> list[tuple[str, str]]:
    """(span, "TYPE value [mod]") of every time the stage finds in `doc`."""
    return [
        (t.text, " ".join(x for x in (t.type, t.value, t.mod if mods else None) if x))
        for t in find_times(doc)
    ]

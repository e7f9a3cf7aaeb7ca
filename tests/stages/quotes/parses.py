"""Parses written by hand (word/head/dep/pos/tag), for tests that must not depend on the model."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc


def parsed(annotated: str) -> Doc:
    """A Doc from "word/head/dep/pos/tag" items, for parses the model gets wrong at random."""
    from dateline.nlp import register_extensions

    register_extensions()
    rows = [item.rsplit("/", 4) for item in annotated.split()]
    tags = [r[4] for r in rows] + ["."]
    spaces = [tags[i] != "``" and tags[i + 1] not in (",", ".", "''") for i in range(len(rows))]
    return Doc(
        English().vocab,
        words=[r[0] for r in rows],
        spaces=spaces,
        heads=[int(r[1]) for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=tags[:-1],
    )

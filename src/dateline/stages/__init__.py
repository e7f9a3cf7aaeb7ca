"""The extraction stages; each is a pure function over a Doc wrapped in a spaCy component."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token


def run_stage(doc: Doc, attr: str, find: Callable[[Doc], list]) -> Doc:
    """Set `doc._.<attr>` to `find(doc)`; a crash drops this stage's records of this document only."""
    try:
        setattr(doc._, attr, find(doc))
    except Exception as error:  # noqa: BLE001  (reported per document, see analyze.to_analysis)
        setattr(doc._, attr, [])
        reason = f"{attr} stage failed ({error.__class__.__name__}: {str(error)[:200]})"
        doc._.warnings = [*(doc._.warnings or ()), f"{reason}; its records are left out"]
    return doc


def text_of(doc: Doc) -> str:
    """The Doc's text, computed once per document (spaCy rebuilds `doc.text` on every access)."""
    if doc._.text is None:
        doc._.text = doc.text
    return doc._.text


def tokens_in(doc: Doc, vocabulary: Iterable[str]) -> list[Token]:
    """Tokens whose lowercase form is in `vocabulary`, found without a Python loop over the Doc."""
    strings = doc.vocab.strings
    wanted = numpy.fromiter((strings[w] for w in vocabulary), dtype=numpy.uint64)
    hits = numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), wanted))
    return [doc[int(i)] for i in hits]

"""The extraction stages; each is a pure function over a Doc wrapped in a spaCy component."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator

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


def covering(doc: Doc, attr: str, char: int) -> int | None:
    """Index of the first record of `doc._.<attr>` covering offset `char` (an entity by its
    mentions), from a per-character index built once per Doc: a lookup per event stays O(1)."""
    records = getattr(doc._, attr) or ()
    key = ("dateline_covering", attr)
    cached = doc.user_data.get(key)
    if cached is None or cached[0] is not records:
        index = numpy.full(len(text_of(doc)) + 1, -1, dtype=numpy.int32)
        for i in range(len(records) - 1, -1, -1):  # the first record wins where they overlap
            spans = records[i].mentions if attr == "entities" else (records[i],)
            for span in spans:
                index[span.start : span.end] = i
        cached = doc.user_data[key] = (records, index)
    if not 0 <= char < len(cached[1]):
        return None
    found = int(cached[1][char])
    return found if found >= 0 else None


def _by_start(
    doc: Doc, attr: str
) -> tuple[object, list[tuple[int, int, int, int]], list[int], int]:
    """Spans of `doc._.<attr>` (an entity's: its mentions) sorted by start, built once per Doc:
    (records, [(start, end, record, mention)], starts, longest span)."""
    records = getattr(doc._, attr) or ()
    key = ("dateline_by_start", attr)
    cached = doc.user_data.get(key)
    if cached is None or cached[0] is not records:
        spans = sorted(
            (span.start, span.end, i, j)
            for i, record in enumerate(records)
            for j, span in enumerate(record.mentions if attr == "entities" else (record,))
        )
        longest = max((end - start for start, end, _, _ in spans), default=0)
        cached = doc.user_data[key] = (records, spans, [s[0] for s in spans], longest)
    return cached


def within(doc: Doc, attr: str, lo: int, hi: int) -> list[int]:
    """Indices, in order, of the records of `doc._.<attr>` lying inside [lo, hi)."""
    _, spans, starts, _ = _by_start(doc, attr)
    found = []
    for start, end, i, _ in spans[bisect_left(starts, lo) :]:
        if start > hi:
            break
        if end <= hi:
            found.append(i)
    return sorted(found)


def mentions_overlapping(doc: Doc, start: int, end: int) -> Iterator[tuple[object, object]]:
    """(entity, mention) pairs overlapping [start, end), in entity then mention order."""
    records, spans, starts, longest = _by_start(doc, "entities")
    hits = []
    for m_start, m_end, i, j in spans[bisect_left(starts, start - longest) :]:
        if m_start >= end:
            break
        if start < m_end:
            hits.append((i, j))
    for i, j in sorted(hits):
        yield records[i], records[i].mentions[j]


class Intervals:
    """Character spans, sorted once, that answer "how much of [start, end) do they cover"
    by bisection rather than by a scan of them all."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def overlap(self, start: int, end: int) -> int:
        """The summed overlap of each span with [start, end)."""
        total = 0
        for s, e in self.spans[bisect_left(self.starts, start - self.longest) :]:
            if s >= end:
                break
            total += max(0, min(end, e) - max(start, s))
        return total

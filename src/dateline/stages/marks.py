"""Quotation marks, for every stage: pair them paragraph by paragraph into quoted spans, in linear time."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from dateline.stages.common import text_of

DOUBLE = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'
SINGLE = "'\u2018\u2019\u201a\u201b"
OPENERS = "\u201c\u201e\u201f\u00ab\u2018\u201a\u201b"
CLOSERS = "\u201d\u00bb\u2019"
OPEN_CONTEXT = "([{\u2014\u2013-/"
SKIP_BLOCKS = frozenset({"credit", "byline", "dateline", "footer"})
MARK = re.compile(f"[{DOUBLE}{SINGLE}]")  # '' is told apart in _scan_paragraph
MAX_DEPTH = 8  # quotation marks nest two or three deep in real text


@dataclass(frozen=True)
class Marked:
    """A span between quotation marks: inner text offsets and the marks' own offsets."""

    start: int
    end: int
    open_at: int
    close_at: int | None
    para: int
    continued: bool = False
    close_width: int = 1

    @property
    def after(self) -> int:
        """Offset just past the closing mark, or the end of an unclosed quote."""
        return self.close_at + self.close_width if self.close_at is not None else self.end


def paragraphs(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each block, or of each line when the Doc has no blocks."""
    blocks = getattr(doc._, "blocks", None) if Doc.has_extension("blocks") else None
    if blocks:
        return [(b.start, b.end, b.kind) for b in blocks]
    return [(m.start(), m.end(), "body") for m in re.finditer(r"[^\n]+", text_of(doc))]


def _is_mark(text: str, i: int) -> bool:
    """True when text[i] is a quotation mark rather than an apostrophe."""
    char = text[i]
    if char in DOUBLE:
        return True
    if char not in SINGLE:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return False  # don't, Trump's
    if char != "\u2018" and before in "sSzZ" and not after.isalnum():
        return False  # voters' views
    return not (after.isdigit() and not before.isalnum())  # '90s


def _mark_width(text: str, i: int, end: int, single_open: bool) -> int:
    """2 for a doubled apostrophe standing for a double mark (''Yes,'' he said), else 1.

    Of three apostrophes the single mark comes first when a single quotation is open.
    """
    if text[i] != "'" or i + 1 >= end or text[i + 1] != "'":
        return 1
    if i + 2 < end and text[i + 2] == "'" and single_open:
        return 1
    return 2


def opens(text: str, i: int, start: int, open_double: bool, width: int = 1) -> bool:
    """Whether the mark at i opens a quotation (straight marks decided by their context)."""
    char = '"' if width == 2 else text[i]
    if char in OPENERS:
        return True
    if char in CLOSERS:
        return False
    before = text[i - 1] if i > start else " "
    after = text[i + width] if i + width < len(text) else " "
    left_open = before.isspace() or before in OPEN_CONTEXT or i == start
    right_open = after.isalnum() or after in SINGLE + DOUBLE + "$\u00a3\u20ac.("
    if left_open and not right_open:
        return not open_double
    if left_open:
        return True
    return right_open and not before.isalnum() and before not in ".,!?;"  # "Doe:\"Yes\""


def _scan_paragraph(text: str, start: int, end: int, para: int, carried: bool) -> list[Marked]:
    """Pair the quotation marks of one paragraph; an unbalanced mark never leaves it."""
    found: list[Marked] = []
    stack: list[tuple[int, bool, int]] = []  # (offset, double, width) of open marks
    skip_to = start
    for hit in MARK.finditer(text, start, end):
        i = hit.start()
        if i < skip_to:
            continue
        if text[i] == '"' and i > start and text[i - 1] == "=":
            # A markup attribute value (<tweet author="…">) is no quotation.
            value_end = text.find('"', i + 1, end)
            skip_to = value_end + 1 if value_end != -1 else end
            continue
        width = _mark_width(text, i, end, bool(stack) and not stack[-1][1])
        skip_to = i + width
        if width == 1 and not _is_mark(text, i):
            continue
        double = width == 2 or text[i] in DOUBLE
        straight = width == 2 or text[i] == '"'
        open_double = any(d for _, d, _ in stack)
        if opens(text, i, start, open_double, width) and not (
            straight and stack and stack[-1][1] and text[stack[-1][0]] in "\"'"
        ):
            stack.append((i, double, width))
            if len(stack) > MAX_DEPTH:  # runaway openers: keep the work per mark bounded
                del stack[0]
            continue
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][1] == double:
                at, _, opened = stack[k]
                found.append(Marked(at + opened, i, at, i, para, close_width=width))
                del stack[k:]
                break
        else:
            if double and carried and not found and i - start > 3:
                # The previous paragraph's quote closes here without a new opening mark.
                found.append(Marked(start, i, start, i, para, True, width))
    doubles = [(at, opened) for at, double, opened in stack if double]
    if doubles and end - doubles[0][0] > 3:
        found.append(Marked(doubles[0][0] + doubles[0][1], end, doubles[0][0], None, para))
    found.sort(key=lambda m: (m.start, -m.end))
    outer: list[Marked] = []
    for m in found:
        if not outer or m.start >= outer[-1].end:
            outer.append(m)
    return [m for m in outer if text[m.start : m.end].strip()]


def scan(doc: Doc, text: str | None = None) -> list[Marked]:
    """All quoted spans of the article, paragraph by paragraph, in linear time."""
    text = text_of(doc) if text is None else text
    out: list[Marked] = []
    carried = False
    for para, (start, end, kind) in enumerate(paragraphs(doc)):
        if kind in SKIP_BLOCKS:
            carried = False
            continue
        found = _scan_paragraph(text, start, end, para, carried)
        if carried and found and found[0].open_at == start and found[0].start - start in (1, 2):
            found[0] = replace(found[0], continued=True)
        out.extend(found)
        carried = bool(found) and found[-1].close_at is None
    return out


def quoted_ranges(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    """Character ranges of the closed quotations, marks included, sorted and disjoint."""
    return [(m.open_at, m.after) for m in scan(doc, text) if m.close_at is not None]


__all__ = ["DOUBLE", "Marked", "paragraphs", "quoted_ranges", "scan"]

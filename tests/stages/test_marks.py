"""Tests for quotation-mark pairing, shared by the entities and quotes stages."""

from __future__ import annotations

import pytest
from spacy.lang.en import English

from dateline.nlp import register_extensions
from dateline.stages.marks import quoted_ranges, scan


@pytest.fixture(autouse=True)
def _extensions() -> None:
    """The Doc attributes the stages read (`doc._.text`, `doc._.blocks`)."""
    register_extensions()


def test_scan_pairs_within_paragraphs() -> None:
    """Marks pair inside a paragraph; an unclosed quote runs to the paragraph's end."""
    nlp = English()
    text = 'She said "yes" twice.\n"It goes on\n"and ends here," he said.'
    spans = [(text[m.start : m.end], m.close_at is None) for m in scan(nlp.make_doc(text), text)]
    assert spans == [("yes", False), ("It goes on", True), ("and ends here,", False)]


SCANNED = [
    # A transcript turn with the mark glued to the speaker's colon.
    (
        'Former minister Lena Ortiz:"We learned that from the ministry."',
        ["We learned that from the ministry."],
    ),
    ('The rules read: "no appeals."', ["no appeals."]),
    ("He is 6'2\" and fast.", []),
]


@pytest.mark.parametrize(("text", "expected"), SCANNED)
def test_scan_openers(text: str, expected: list[str]) -> None:
    """Which straight marks open a quotation, from the characters around them."""
    spans = [text[m.start : m.end] for m in scan(English().make_doc(text), text)]
    assert spans == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes" and "no".', ['"yes"', '"no"']),
        ("\u201cOpen\u201d then \u201cclosed", ["\u201cOpen\u201d"]),
        ('One "unbalanced\nNext "fine" one', ['"fine"']),
    ],
)
def test_quoted_ranges(text: str, expected: list[str]) -> None:
    """Closed quotations with their marks; an unclosed one is left out."""
    assert [text[s:e] for s, e in quoted_ranges(English().make_doc(text))] == expected

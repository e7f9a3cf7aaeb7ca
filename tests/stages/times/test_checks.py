"""The named checks of the times stage (checks.py) on sentences written for these tests, apart
from the development table's."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dateline.nlp import load
from dateline.stages.times.checks import CHECKS, EXAMPLE_DCT
from dateline.stages.times.stage import find_times

DCT = dt.date(2025, 6, 11)  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    """The parse only; the stage is called directly."""
    return load(stages=())


def times(nlp, text: str) -> list[tuple[str, str, str, str | None]]:
    """(text, type, value, mod) of every time found in `text`."""
    doc = nlp(text)
    doc._.dct = DCT
    return [(t.text, t.type, t.value, t.mod) for t in find_times(doc)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # year range: each end is its own DATE
        ("The 1998-99 season ended in a lockout.", [("1998", "DATE", "1998", None), ("99", "DATE", "1999", None)]),
        ("The war of 1914-1918 emptied the village.", [("1914", "DATE", "1914", None), ("1918", "DATE", "1918", None)]),
        ("He coached the side in the 1999-00 season.", [("1999", "DATE", "1999", None), ("00", "DATE", "2000", None)]),
        ("The 2025-26 budget year begins in July.", [("2025", "DATE", "2025", None), ("26", "DATE", "2026", None), ("July", "DATE", "2025-07", None)]),
        ("Call 2010-5555 for details.", []),
        # sets
        ("Fishermen leave the harbour every evening.", [("every evening", "SET", "XXXX-XX-XXTEV", None)]),
        ("The orchestra tours Asia each season.", [("each season", "SET", "P1Y", None)]),
        ("The bank holds an annual meeting with investors in May.", [("annual", "SET", "P1Y", None), ("May", "DATE", "2025-05", None)]),
        ("The governor gave his annual budget speech.", [("annual", "SET", "P1Y", None)]),
        ("Average daily output rose to 2 million barrels.", []),
        ("The ministry said annual growth would slow.", []),
        ("The state daily Pravda printed the decree.", []),
        ("Trains run three times a day.", [("three times a day", "SET", "P1D", None)]),
        # anchored units and periods
        ("Hours before the deadline, the two sides reached a deal.", [("Hours", "DURATION", "PTXH", None)]),
        ("Days after the flood, aid began to arrive.", [("Days", "DURATION", "PXD", None)]),
        ("The fire was put out within hours.", [("hours", "DURATION", "PTXH", None)]),
        ("He had been seen in the town on May 30 and in the days before the fire.",
         [("May 30", "DATE", "2025-05-30", None), ("days", "DATE", "2025-05", None)]),
        ("The minutes of the meeting were published.", []),
        # the day before, the day after
        ("The bridge closed on Monday. The day after, engineers found a crack.",
         [("Monday", "DATE", "2025-06-09", None), ("The day after", "DATE", "2025-06-10", None)]),
        ("He was last seen June 2, the day before the storm hit.",
         [("June 2", "DATE", "2025-06-02", None), ("the day before", "DATE", "2025-06-02", None)]),
        ("Later in the day before the vote, he spoke.", []),
        # the present
        ("Now, critics say, the plan is dead.", [("Now", "DATE", "PRESENT_REF", None)]),
        ("Now that prices are falling, the bank may cut rates.", [("Now", "DATE", "PRESENT_REF", None)]),
        ("Now on to the sports news.", []),
        ('"Farmers today earn less than their fathers did," she said.', [("today", "DATE", "PRESENT_REF", None)]),
        ('"Today the region is safer than at any time in a decade," he said.',
         [("Today", "DATE", "PRESENT_REF", None), ("a decade", "DURATION", "P10Y", None)]),
        ("The court will rule today on the appeal.", [("today", "DATE", "2025-06-11", None)]),
        # ordinal days, terms and days of the month
        ("Rescuers dug on the 12th day of the search.", [("the 12th day", "DATE", "XXXX-XX-XX", None)]),
        ("She lost her bid for a fourth term.", []),
        ("The panel will meet again on the 20th.", [("the 20th", "DATE", "2025-06-20", None)]),
        ("The strike began on the 3rd, union leaders said.", [("the 3rd", "DATE", "2025-06-03", None)]),
        ("The office is on the 14th floor.", []),
        # "May" after a determiner or an adjective is the month; after a name, the name
        ("It was the warmest May on record, the agency said.", [("May", "DATE", "2025-05", None)]),
        ("Prime Minister Theresa May said the vote would go ahead.", []),
        # not times: "current" in force, ages
        ("The current law allows two terms.", []),
        ("Under current rules, the vote is secret.", []),
        ("The drug is for adults 50 years and older.", []),
        ("Infants under six months were moved first.", []),
        ("A 12-year-old girl was among the injured.", []),
    ],
)  # fmt: skip
def test_checks(nlp, text: str, expected: list) -> None:
    """Each sentence yields exactly the expected expressions, values and mods."""
    assert times(nlp, text) == expected


def bracketed(text: str, reads: str) -> tuple[str, list[tuple[str, str, str]]]:
    """The sentence without brackets, and (span, type, value) for each bracketed span."""
    spans = re.findall(r"\[([^\]]+)\]", text)
    values = [r.split(" ", 1) for r in reads.split("; ")] if reads else []
    return text.replace("[", "").replace("]", ""), [
        (span, kind, value) for span, (kind, value) in zip(spans, values, strict=True)
    ]


@pytest.mark.parametrize(
    ("text", "reads"), [example for examples in CHECKS.values() for example in examples]
)
def test_check_examples(nlp, text: str, reads: str) -> None:
    """Every example a named check lists yields its spans, types and values."""
    sentence, expected = bracketed(text, reads)
    doc = nlp(sentence)
    doc._.dct = EXAMPLE_DCT
    assert [(t.text, t.type, t.value) for t in find_times(doc)] == expected


def test_every_check_has_examples() -> None:
    """Every named check lists the cases it is for."""
    assert all(examples for examples in CHECKS.values())

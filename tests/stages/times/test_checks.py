"""The named checks of the times stage (checks.py) on sentences written for these tests, apart
from the development table's."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.nlp import load
from dateline.stages.times.checks import CHECKS, EXAMPLE_DCT
from tests.stages.times.marks import found, marked

DCT = dt.date(2025, 6, 11)  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    """The parse only; the stage is called directly."""
    return load(stages=())


def times(nlp, text: str, dct: dt.date = DCT, mods: bool = True) -> list[tuple[str, str]]:
    """(span, "TYPE value [mod]") of every time found in `text`."""
    doc = nlp(text)
    doc._.dct = dct
    return found(doc, mods)


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        # year range: each end is its own DATE
        ("The [1998]-[99] season ended in a lockout.", "DATE 1998; DATE 1999"),
        ("The war of [1914]-[1918] emptied the village.", "DATE 1914; DATE 1918"),
        ("He coached the side in the [1999]-[00] season.", "DATE 1999; DATE 2000"),
        ("The [2025]-[26] budget year begins in [July].", "DATE 2025; DATE 2026; DATE 2025-07"),
        ("Call 2010-5555 for details.", ""),
        # sets
        ("Fishermen leave the harbour [every evening].", "SET XXXX-XX-XXTEV"),
        ("The orchestra tours Asia [each season].", "SET P1Y"),
        ("The bank holds an [annual] meeting with investors in [May].", "SET P1Y; DATE 2025-05"),
        ("The governor gave his [annual] budget speech.", "SET P1Y"),
        ("Average daily output rose to 2 million barrels.", ""),
        ("The ministry said annual growth would slow.", ""),
        ("The state daily Pravda printed the decree.", ""),
        ("Trains run [three times a day].", "SET P1D"),
        # anchored units and periods
        ("[Hours] before the deadline, the two sides reached a deal.", "DURATION PTXH"),
        ("[Days] after the flood, aid began to arrive.", "DURATION PXD"),
        ("The fire was put out within [hours].", "DURATION PTXH"),
        (
            "He had been seen in the town on [May 30] and in the [days] before the fire.",
            "DATE 2025-05-30; DATE 2025-05",
        ),
        ("The minutes of the meeting were published.", ""),
        # the day before, the day after
        (
            "The bridge closed on [Monday]. [The day after], engineers found a crack.",
            "DATE 2025-06-09; DATE 2025-06-10",
        ),
        (
            "He was last seen [June 2], [the day before] the storm hit.",
            "DATE 2025-06-02; DATE 2025-06-02",
        ),
        ("Later in the day before the vote, he spoke.", ""),
        # the present
        ("[Now], critics say, the plan is dead.", "DATE PRESENT_REF"),
        ("[Now] that prices are falling, the bank may cut rates.", "DATE PRESENT_REF"),
        ("Now on to the sports news.", ""),
        ('"Farmers [today] earn less than their fathers did," she said.', "DATE PRESENT_REF"),
        (
            '"[Today] the region is safer than at any time in [a decade]," he said.',
            "DATE PRESENT_REF; DURATION P10Y",
        ),
        ("The court will rule [today] on the appeal.", "DATE 2025-06-11"),
        # ordinal days, terms and days of the month
        ("Rescuers dug on [the 12th day] of the search.", "DATE XXXX-XX-XX"),
        ("She lost her bid for a fourth term.", ""),
        ("The panel will meet again on [the 20th].", "DATE 2025-06-20"),
        ("The strike began on [the 3rd], union leaders said.", "DATE 2025-06-03"),
        ("The office is on the 14th floor.", ""),
        # "May" after a determiner or an adjective is the month; after a name, the name
        ("It was the warmest [May] on record, the agency said.", "DATE 2025-05"),
        ("Prime Minister Theresa May said the vote would go ahead.", ""),
        # not times: "current" in force, ages
        ("The current law allows two terms.", ""),
        ("Under current rules, the vote is secret.", ""),
        ("The drug is for adults 50 years and older.", ""),
        ("Infants under six months were moved first.", ""),
        ("A 12-year-old girl was among the injured.", ""),
    ],
)
def test_checks(nlp, text: str, reads: str) -> None:
    """Each sentence yields exactly the bracketed expressions, with their values and mods."""
    sentence, expected = marked(text, reads)
    assert times(nlp, sentence) == expected


@pytest.mark.parametrize(
    ("text", "reads"), [example for examples in CHECKS.values() for example in examples]
)
def test_check_examples(nlp, text: str, reads: str) -> None:
    """Every example a named check lists yields its spans, types and values."""
    sentence, expected = marked(text, reads)
    assert times(nlp, sentence, EXAMPLE_DCT, mods=False) == expected


def test_every_check_has_examples() -> None:
    """Every named check lists the cases it is for."""
    assert all(examples for examples in CHECKS.values())

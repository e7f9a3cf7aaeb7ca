"""Named checks of the times stage on the parse around a match, each with the examples it is for.

Every check is a pure function over the Doc and the span the grammar found; `CHECKS` names them
with their examples (the tests and the development table hold the same cases with values).
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from dateline.records import Time
from dateline.stages.times.words import PRESENT, tables

# ---- year ranges ---------------------------------------------------------------------------

# "the 2009-2010 season", "the expedition of 1957-58": the second year after the dash.
_SECOND_YEAR = re.compile(r"[-\u2013]((?:1[89]|20)\d\d|\d\d)\b(?![-/.]\d|%)")


def second_year(source: str, end: int, value: str) -> Time | None:
    """The second year of a range written with a dash, as its own DATE (TIMEX3 marks each end)."""
    m = _SECOND_YEAR.match(source, end)
    if not (m and re.fullmatch(r"\d{4}", value)):
        return None
    first = int(value)
    second = int(m[1]) if len(m[1]) == 4 else first // 100 * 100 + int(m[1])
    if len(m[1]) == 2 and second <= first:  # "1999-00": the next century
        second += 100
    if not first < second <= first + 100:
        return None  # "2010-05" is not a range of years
    return Time(m.start(1), m.end(1), m[1], "DATE", f"{second:04d}", None)


# "the 2024-25 fiscal year", "the 2023-24 season": the noun of the range, not a time of its own.
_RANGE_NOUN = re.compile(r"(?i)(?:fiscal|school|academic|financial|calendar)\s+year|season")


def is_range_noun(source: str, previous: Time | None, start: int, text: str) -> bool:
    """Whether the match is the noun after a year range just read ("2024-25 fiscal year")."""
    return (
        previous is not None
        and re.fullmatch(r"\d{2}|\d{4}", previous.text) is not None
        and source[previous.end : start].isspace()
        and _RANGE_NOUN.fullmatch(text) is not None
    )


# ---- ages ------------------------------------------------------------------------------------

# "children 6 months and older", "patients 18 years and over", "babies under 12 months"
_AGE_RANGE_BEFORE = re.compile(r"(?i)\b(?:aged|ages)\s+\w+(?:\s+\w+)?\s+(?:to|and|or)\s+$")
_AGE_AFTER = re.compile(r"(?i)\s+(?:and|or)\s+(?:older|over|above|younger|under)\b|\s+of\s+age\b")
PEOPLE = set(tables().words["person"])


def is_age(doc: Doc, source: str, start: int, end: int, kind: str) -> bool:
    """Whether a duration gives someone's age, not a time: "children 6 months and older",
    "babies under 12 months"."""
    if kind != "DURATION":
        return False
    if _AGE_AFTER.match(source, end):
        return True
    if _AGE_RANGE_BEFORE.search(source, max(0, start - 32), start):
        return True  # "aged 6 months to 5 years": the end of an age range
    span = doc.char_span(start, end, alignment_mode="expand")
    previous = doc[span.start - 1].lower_ if span is not None and span.start > 0 else ""
    return previous in PEOPLE or previous in ("aged", "ages")  # "children aged 6 months"


# ---- "current" ------------------------------------------------------------------------------

# "current policies", "the current system": arrangements in force, where "current" means
# "existing", not the present time ("current market conditions" is the present).
_IN_FORCE = set(tables().words["in_force"])


def is_current_in_force(doc: Doc, start: int, end: int, text: str) -> bool:
    """Whether "current" qualifies an arrangement in force ("current policies"), not a time."""
    if text.lower() != "current":
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    noun = span[0].head if span[0].dep_ == "amod" else doc[span.end]  # "current existing laws"
    return doc[span.end].lower_ in _IN_FORCE or noun.lower_ in _IN_FORCE


# ---- rates and papers --------------------------------------------------------------------

# "average daily volume", "annual inflation": the period a measure is taken over, not a recurring
# time; "the party daily Vestnik": a newspaper.
_MEASURES = set(tables().words["measure"])
_PERIODIC = {"daily", "weekly", "monthly", "quarterly", "annual", "yearly", "nightly", "hourly"}


def is_measure_period(doc: Doc, start: int, end: int, text: str) -> bool:
    """Whether "daily" or "annual" qualifies a measure ("average daily volume") or names a
    newspaper ("the party daily Vestnik") rather than a recurring time."""
    if text.lower() not in _PERIODIC:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    following = doc[span.end]
    if following.lower_ in _MEASURES and following.dep_ != "compound":  # not "budget speech"
        return True
    previous = doc[span.start - 1] if span.start else None
    return (  # "the state daily Pravda" (not "attends daily Mass")
        text in ("daily", "weekly")
        and following.pos_ == "PROPN"
        and previous is not None
        and previous.pos_ in ("DET", "NOUN", "PROPN", "ADJ")
    )


# ---- "today" and "now" as the present -------------------------------------------------------

_COMPARISON = re.compile(
    r"(?i)\bthan\s+(?:ever|before|at\s+any\s+time)\b|\b(?:more|less)\s+\w+\s+than\b"
)


def is_present_today(doc: Doc, start: int, end: int, when: str | None) -> bool:
    """Whether "today" is the present in general (PRESENT_REF), not the day of the story:
    "Young people today face ..." (after its subject, in the present tense) or "Today the country
    is more divided than ever" (a present "be" with a noun subject or a comparison)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.text.lower() != "today" or when not in (PRESENT, None):
        return False
    token = span[0]
    verb = token.head
    if verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    previous = doc[token.i - 1] if token.i > 0 else None
    if previous is not None and previous.dep_ == "nsubj" and previous.tag_ in ("NNS", "NN"):
        return previous.head == verb  # "young people today face", "the country today is"
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    opens = token.is_sent_start or (
        previous is not None and (previous.lower_ in ("and", "but") or previous.is_quote)
    )
    return (
        opens
        and verb.lemma_ == "be"
        and bool(subjects)
        and subjects[0].i > token.i
        and subjects[0].pos_ in ("NOUN", "PROPN")
        and (_COMPARISON.search(token.sent.text) is not None or token.nbor().text == ",")
    )


def is_discourse_now(doc: Doc, start: int, end: int) -> bool:
    """Whether a sentence-initial "Now" only opens a new topic ("Now for the weather", "Now on to
    sport"); "Now, the government says, ..." and "now that prices are falling" are PRESENT_REF."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not span[0].is_sent_start or span.end >= len(doc):
        return False
    return doc[span.end].lower_ in ("for", "on")


# ---- anchored days ---------------------------------------------------------------------------

DAY_BEFORE = re.compile(r"(?i)the\s+day\s+(before|after)")


def day_before_value(source: str, previous: Time | None, start: int, value: str) -> str:
    """The day before or after: the day just named when it restates it ("Nov. 3, the day before the
    vote"), else the day the story last named, one step on ("The day before, they had ...", "the
    day after his death", told after the day of the death)."""
    if (
        previous is not None
        and re.fullmatch(r",\s*", source[previous.end : start])
        and re.fullmatch(r"\d{4}-\d\d-\d\d", previous.value)
    ):
        return previous.value
    return value


# "in the days before the attack", "the weeks after the vote": a period the story locates (DATE),
# not a count of days ("days before his surgery" is a DURATION).
_LOCATED_PERIOD = re.compile(r"(?i)(?:days|weeks|months|years)")
_THE_BEFORE = re.compile(r"(?i)\bthe\s+$")
_BEFORE_AFTER = re.compile(r"(?i)\s+(?:before|after|leading\s+up\s+to|following)\b")


def located_period(source: str, start: int, end: int, text: str, anchor: str | None) -> str | None:
    """The value of "the days before X": the month of the date the story last named (the event it
    counts from is usually that date), else an unknown month; None when the span is not one."""
    if not (
        _LOCATED_PERIOD.fullmatch(text)
        and _THE_BEFORE.search(source, max(0, start - 4), start)
        and _BEFORE_AFTER.match(source, end)
    ):
        return None
    return anchor[:7] if anchor and re.match(r"\d{4}-\d\d", anchor) else "XXXX-XX"


# "on the 99th day of the siege": which day it is, untold unless the story says it is today.
NTH_DAY = re.compile(
    rf"(?i)the\s+(?:{'|'.join(tables().words['ordinal'])}|\d+(?:st|nd|rd|th))\s+"
    r"(?:straight\s+|consecutive\s+)?(?:day|week)"
)
_TODAY_IS = re.compile(r"(?i)\b(?:it|today|this)\s*(?:is|'s)\s+$")


def nth_day_value(source: str, start: int, value: str) -> str:
    """The DCT's day when the story says today is that day, else a day unknown."""
    if _TODAY_IS.search(source, max(0, start - 16), start):
        return value
    return "XXXX-WXX" if value[5:6] == "W" else "XXXX-XX-XX"


# ---- frequencies -----------------------------------------------------------------------------

# "twice a year", "three times a week": the frequency belongs to the SET (TIMEX3 freq).
_FREQUENCY = re.compile(
    r"(?i)(?:once|twice|thrice|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)"
    r"\s+times)\s+$"
)


def frequency_start(source: str, start: int) -> int:
    """Where a rate's SET starts: before "twice" in "twice a year", else at the span."""
    m = _FREQUENCY.search(source, max(0, start - 16), start)
    return m.start() if m else start


# Each check by name with its examples: a sentence with each time it yields in [brackets] and
# "TYPE value" for each, in order ("; " between), read against EXAMPLE_DCT, a Wednesday;
# tests/stages/times/test_checks.py runs every one through the parse and the stage.
EXAMPLE_DCT = dt.date(2025, 6, 11)
CHECKS: dict[str, tuple[tuple[str, str], ...]] = {
    "year range": (
        ("The [2009]-[2010] season was his last.", "DATE 2009; DATE 2010"),
        ("The expedition of [1957]-[58] mapped the coast.", "DATE 1957; DATE 1958"),
    ),
    "range noun": (("The [2024]-[25] fiscal year ends soon.", "DATE 2024; DATE 2025"),),
    "age": (
        ("Children 6 months and older can get the vaccine.", ""),
        ("Babies under 12 months were flown out.", ""),
        ("The study followed children aged 6 months to 5 years.", ""),
    ),
    "current in force": (
        ("Critics say current policies have failed.", ""),
        ("Those who break our current immigration laws will be deported.", ""),
        ("The [current] political climate is toxic.", "DATE PRESENT_REF"),
    ),
    "present today": (
        ("Young people [today] face higher rents.", "DATE PRESENT_REF"),
        ("[Today] the country is more divided than ever.", "DATE PRESENT_REF"),
    ),
    "discourse now": (
        ("Now for the weather.", ""),
        ("Now on to sport.", ""),
    ),
    "day before": (
        (
            "Troops left on [Monday]. [The day before], they had burned the files.",
            "DATE 2025-06-09; DATE 2025-06-08",
        ),
        ("He was seen on [June 3], [the day before] the vote.", "DATE 2025-06-03; DATE 2025-06-03"),
        ("Shops reopened [the day after Christmas].", "DATE 2024-12-26"),
    ),
    "nth day": (
        ("Fighting went on for [the 99th day] of the siege.", "DATE XXXX-XX-XX"),
        ("[Today] is [the fifth day] of the strike.", "DATE 2025-06-11; DATE 2025-06-11"),
    ),
    "day of month": (("The trial will resume on [the 18th].", "DATE 2025-06-18"),),
    "frequency": (("Inspectors come [twice a year].", "SET P1Y"),),
    "every part of day": (("Guards patrol [every night].", "SET XXXX-XX-XXTNI"),),
    "every season": (("The club sells out [each season].", "SET P1Y"),),
    "measure period": (
        ("Average daily volume fell.", ""),
        ("Annual inflation slowed.", ""),
        ("The party daily Vestnik printed the letter.", ""),
    ),
    "annual event": (("He will give his [annual] press conference.", "SET P1Y"),),
    "anchored units": (
        ("She fell ill [days] before her surgery.", "DURATION PXD"),
        ("The fire was out within [hours].", "DURATION PTXH"),
    ),
    "located period": (
        (
            "The attack came on [June 2]. Police saw the van in the [days] before the attack.",
            "DATE 2025-06-02; DATE 2025-06",
        ),
    ),
}

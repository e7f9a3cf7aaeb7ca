"""A time read against the story around it: the day and quarter it last named, ranges of days,
clock times on a day named after them, spans joined by "and"."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from dateline.records import Time
from dateline.stages.times.calendar import shift, weekday_from, weekday_of
from dateline.stages.times.words import ZONE, tables

# "after a flat second quarter", "a strong third quarter": a quarter described, not reported on.
_INDEFINITE = re.compile(r"(?i)\ban?\s+[a-z]+\s+$")


def is_reported_quarter(
    kind: str, value: str, text: str, ref: str | None, dct: dt.date | None, lead: str = ""
) -> bool:
    """Whether a quarter is the one the story reports on: its first quarter, not one after the DCT's
    quarter ("expects losses in the fourth quarter"), nor a year-ago comparison."""
    if kind != "DATE" or not re.fullmatch(r"\d{4}-Q\d", value):
        return False
    if re.search(r"(?i)\b(?:ago|earlier)\b", text) or (
        _INDEFINITE.search(lead) and " quarter" in text
    ):
        return False  # a comparison, or "after a flat second quarter": not the quarter reported
    if dct is None:
        return ref is None
    # the last four quarters; a later one replaces the story's quarter only if finished
    return shift(dct, "Q", -4) < value <= shift(dct, "Q", 0) and (
        ref is None or value < shift(dct, "Q", 0)
    )


_PERIODS = {"P6M", "P9M", "P1Y"}  # half-year, nine-month and full-year results


def in_period_sentence(doc: Doc, previous: Time, start: int) -> bool:
    """Whether the sentence so far reports a six-, nine- or twelve-month span (not a quarter)."""
    if previous.type != "DURATION" or previous.value not in _PERIODS:
        return False
    span = doc.char_span(previous.start, previous.end, alignment_mode="expand")
    return span is not None and start < span.sent.end_char


# A clock time or "the morning" with no day of its own is on the day the story last named.
_ON_THAT_DAY = re.compile(
    rf"(?i)(?:around\s+)?(?:\d{{1,2}}(?::\d\d)?\s*[ap]\.?m\.?(?:\s+{ZONE})?|noon|midnight|the\s+(?:morning|afternoon|evening)"
    r"|that\s+(?:morning|afternoon|evening|night)|the\s+(?:next|following)\s+(morning|afternoon|evening|night))$"
)


# "that same day" after "in October": a day of that month, which one unknown (2024-10-XX).
_SAME_DAY = re.compile(r"(?i)(?:that|the)\s+(?:same\s+)?day$")


# "March 12-13", "April 24 and 25, 2014": the second day of a pair or range after a month and day.
_SECOND_DAY = re.compile(
    r"(?:\s*[-\u2013]\s*|\s+(?:and|or|to|through)\s+)(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+((?:19|20)\d\d))?"
    r"\b(?!\s*(?:%|percent|[ap]\.?m\b|:\d|[.,]\d|-))"
)
_MONTH_DAY = re.compile(r"(?i)[a-z.]+\s+\d{1,2}(?:st|nd|rd|th)?")


def second_day(doc: Doc, source: str, end: int, text: str, value: str) -> tuple[str, Time] | None:
    """The first day's value (with a year given after the range) and the second day as its own time."""
    m = _SECOND_DAY.match(source, end)
    if not (m and _MONTH_DAY.fullmatch(text) and re.fullmatch(r"[\dX]{4}-\d\d-\d\d", value)):
        return None
    span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    after = doc[span.end] if span is not None and span.end < len(doc) else None
    if after is not None and after.pos_ in ("NOUN", "PROPN") and not m[2]:
        return None  # "on March 5 and 12 others were held": a count
    year = m[2] or value[:4]
    if year != "XXXX" and weekday_of(int(year), int(value[5:7]), int(m[1])) is None:
        return None
    second = f"{year}{value[4:8]}{int(m[1]):02d}"
    return f"{year}{value[4:]}", Time(
        m.start(1), m.end(), source[m.start(1) : m.end()], "DATE", second, None
    )


# "the previous Friday", "the following Monday": counted from the day the story last named.
_DAY_AFTER_DAY = re.compile(r"(?i)the\s+(previous|preceding|following)\s+(\w+day)$")


def on_story_day(
    text: str, kind: str, value: str, day: str | None, dct: dt.date | None, anchor_value: str | None
) -> str:
    """Re-anchor a value the DCT gave to the day (or month) the story last named: "at 10 p.m.",
    "that night", "the next morning", "the previous Friday", "that same day"."""
    base = dt.date.fromisoformat(day) if day else dct
    today = dct.isoformat() if dct else "XXXX-XX-XX"
    if kind == "TIME" and base and value.startswith(today) and (on := _ON_THAT_DAY.match(text)):
        return (base + dt.timedelta(days=1 if on[1] else 0)).isoformat() + value[10:]
    if kind == "DATE" and day and (m := _DAY_AFTER_DAY.match(text)):
        return weekday_from(day, int(tables().words["weekday"][m[2].lower()]), m[1].lower())
    if kind == "DATE" and _SAME_DAY.match(text) and anchor_value and len(anchor_value) in (4, 7):
        return anchor_value + "-XX" * (2 - anchor_value.count("-"))  # a day of that month or year
    return value


# "the 12 months through June", "from 1998 until 2003": the end of a range just named
RANGE_TO = re.compile(r"\s+(?:through|until|to)\s+")
# "3 a.m. on Tuesday", "noon on March 3": a clock time and the day it is on, told apart
CLOCK_ON = re.compile(r",?\s+on\s+")


def on_day(clock: Time, day: str) -> Time:
    """The clock time moved to the day named after it (a TIME on a full date only)."""
    if clock.type != "TIME" or not re.fullmatch(r"[\dX]{4}-\d\d-\d\d", day):
        return clock
    return Time(clock.start, clock.end, clock.text, clock.type, day + clock.value[10:], clock.mod)


_SIMPLE_SPAN = re.compile(r"P(T?)(\d+)([YMWDHS])")
_SPAN_ORDER = ["Y", "M", "W", "D", "TH", "TM", "TS"]


def joined_span(source: str, first: Time, start: int, end: int, value: str) -> Time | None:
    """Two counted spans joined by "and", larger unit first, as one duration (P2Y6M, PT1H45M)."""
    a, b = _SIMPLE_SPAN.fullmatch(first.value), _SIMPLE_SPAN.fullmatch(value)
    if (
        first.type != "DURATION"
        or not (a and b)
        or not re.fullmatch(r",?\s+and\s+", source[first.end : start])
    ):
        return None
    if _SPAN_ORDER.index(a[1] + a[3]) >= _SPAN_ORDER.index(b[1] + b[3]):
        return None
    joined = f"P{a[1]}{a[2]}{a[3]}" + (f"{'T' if b[1] and not a[1] else ''}{b[2]}{b[3]}")
    return Time(first.start, end, source[first.start : end], "DURATION", joined, first.mod)

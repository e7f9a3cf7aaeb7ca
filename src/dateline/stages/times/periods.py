"""Readers of quarters, halves and units counted or stepped from the DCT ("last week", "three
years ago", "the third quarter", "more than four years")."""

from __future__ import annotations

import re

from dateline.stages.times.calendar import quarter_value, shift, year_for
from dateline.stages.times.context import NOT_A_TIME, Context, Phrase
from dateline.stages.times.words import FUTURE, PAST, Result, duration, number, tables, unit_of

# Quarters counted ("two quarters") or beside another unit are durations, not calendar quarters;
# "second quarter", "year-ago quarter" and "last year's quarter" are calendar quarters.
_NOT_QUARTER = re.compile(
    r"\b(?:two|three|four|several|few)\b"
    r"|\b(?:seconds|minutes?|hours?|days?|weeks?|months?|years?)\b(?![-'])|\b\d{1,3}\b"
)
# "the third quarter of last year", "the first half of the year": read as "last year's third quarter".
_OF_YEAR = re.compile(r"(.*\b(?:quarter|half)) of (this|last|next|the) year")
# "the first two quarters of 1990" is the first half.
_TWO_QUARTERS = re.compile(r"^((?:the )?)(first|last|final) two quarters(?= of )")
# "the quarter ended July 31": the quarter whose middle month is the one before its last.
_QUARTER_ENDED = re.compile(r"\s+end(?:ed|ing)\s+([A-Za-z]+)\.?\s+\d{1,2}\b(?:,?\s+(\d{4}))?")
_QUARTER_ONLY = re.compile(r"(?:the )?(?:(?:latest|fiscal|current) )*quarter")
# a calendar quarter or half named by its ordinal (not a fiscal one, nor "the quarter" reported on)
_ORDINAL_PART = re.compile(r"^(?!.*fiscal).*\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\b")

# How many of a unit a word steps from the DCT ("last week": -1).
_STEP = {"that": 0, "this": 0, "current": 0, "same": 0, "latest": 0}
_STEP |= {"last": -1, "previous": -1, "prior": -1, "past": -1}
_STEP |= {"next": 1, "coming": 1, "following": 1}
# These count from the date the story last named, not from the DCT ("the following year").
_ANAPHORIC = {"following", "previous", "prior", "same", "that"}


def quarter(phrase: Phrase, context: Context) -> Result | None:
    """ "the third quarter", "third-quarter", "last year's first half", "the quarter ended July 31"."""
    low = _TWO_QUARTERS.sub(
        lambda m: f"{m[1]}{'first' if m[2] == 'first' else 'second'} half", phrase.low
    )
    if m := _OF_YEAR.fullmatch(low):
        low = f"{m[2].replace('the', 'this')} year's {m[1]}"
    if not re.search(r"\b(quarter|half)\b", low) or _NOT_QUARTER.search(low):
        return None
    words = tables().words
    ended = None if context.ref else _ended_quarter(low, context)  # a fiscal quarter named wins
    value = ended or quarter_value(low, context.dct, context.ref, words)
    value = _part_by_tense(value, low, context)
    return ("DATE", value, None) if value else NOT_A_TIME


def _part_by_tense(value: str | None, low: str, context: Context) -> str | None:
    """A quarter or half of the DCT's year not yet begun, told in the past, is last year's ("reported
    a loss for the fourth quarter" in January); a quarter over before the last, told in the future,
    is next year's ("expected to close in the first quarter" in December; the quarter just ended is
    the one results are "expected" for)."""
    dct, tense = context.dct, context.tense
    m = re.fullmatch(r"(\d{4})-([QH])(\d)", value or "")
    if not (m and dct and int(m[1]) == dct.year) or re.search(r"\d{4}|year", low):
        return value
    current = (dct.month - 1) // (3 if m[2] == "Q" else 6) + 1
    if tense == PAST and int(m[3]) > current:
        return f"{dct.year - 1:04d}-{m[2]}{m[3]}"
    if tense == FUTURE and int(m[3]) < current - 1 and _ORDINAL_PART.search(low):
        return f"{dct.year + 1:04d}-{m[2]}{m[3]}"
    return value


def _ended_quarter(low: str, context: Context) -> str | None:
    """The calendar quarter of "the quarter ended July 31" (Q2): May to July is mostly Q2."""
    months = tables().words["month"]
    m = _QUARTER_ENDED.match(context.after)
    if not (m and m[1].lower() in months and _QUARTER_ONLY.fullmatch(low)):
        return None
    month = int(months[m[1].lower()])
    if m[2]:
        year = int(m[2])
    elif context.dct:
        year = year_for(context.dct, month, 28, PAST)
    else:
        return None
    index = year * 12 + month - 2  # the middle month of the three, counted from year 0
    return f"{index // 12:04d}-Q{(index % 12) // 3 + 1}"


def relative(phrase: Phrase, context: Context) -> Result | None:
    """Units counted or stepped from the DCT: "last week", "three years ago", "four years"."""
    tokens = re.findall(r"[a-z]+(?:'s)?|\d+(?:[.,]\d+)*", phrase.low.replace("-", " "))
    units = [(i, unit_of(t)) for i, t in enumerate(tokens) if unit_of(t)]
    if not units:
        return None
    at, unit = units[-1]
    head, tail = tokens[:at], set(tokens[at + 1 :])
    numbers = tables().words["number"]
    counted = [t for t in head if t in numbers or re.fullmatch(r"[\d.,]+", t)]
    n = number(counted, numbers) if counted else None
    direction = (
        -1 if {"ago", "earlier", "before"} & tail else 1 if {"later", "now", "hence"} & tail else 0
    )
    # "three days later", "a week earlier" count from another event, not from the DCT: a duration.
    # "a year earlier" in results stories and "ago" do count from the DCT (or the story's quarter).
    from_event = ({"later", "earlier"} & tail and unit in ("D", "W", "FN", "M")) or (
        "later" in tail and unit in ("Y", "DE")  # "a year later": after an event, not the DCT
    )
    if direction and unit not in ("H", "MIN", "S") and not from_event:
        return _counted_back(n, unit, direction, context)
    if n is not None:
        return ("DURATION", duration(n, unit), None) if n == "X" or n < 1000 else None
    plural = tokens[at].endswith(("s", "ia")) and not tokens[at].endswith("ss")
    if plural:
        return "DURATION", duration("X", unit), None
    return _stepped(head, unit, context)


def _counted_back(n: float | str | None, unit: str, direction: int, context: Context) -> Result:
    """ "three years ago", "a decade ago", "two weeks from now": a date that many units away."""
    if n == "X" or n is None:
        return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", None
    steps = int(float(n) * {"DE": 10, "CE": 100, "FN": 2}.get(unit, 1))
    grain = {"DE": "Y", "CE": "Y", "FN": "W", "MIL": "Y"}.get(unit, unit)
    if unit == "Y" and not float(n).is_integer():  # "a year and a half ago": 18 months back
        grain, steps = "M", round(float(n) * 12)
    ref = context.ref
    if ref and unit == "Y" and steps == 1 and re.fullmatch(r"\d{4}-Q\d", ref):
        return "DATE", f"{int(ref[:4]) + direction:04d}{ref[4:]}", None
    return "DATE", shift(context.dct, grain, direction * steps) or "XXXX", None


def _stepped(head: list[str], unit: str, context: Context) -> Result | None:
    """ "last week", "the past year", "the following month": one unit stepped from the DCT or
    from the date the story last named."""
    rels = [t for t in head if t in _STEP]
    if not rels:
        return None
    dct = context.dct
    if rels[-1] == "past" or (head[:2] == ["the", "last"] and unit not in ("Q",)):
        if unit == "Y" and dct:  # "over the past year": the calendar year before
            return "DATE", shift(dct, unit, -1), None
        return "DURATION", duration(1, unit), None
    if unit in ("H", "MIN", "S", "FN", "MIL"):
        return None
    if rels[-1] in _ANAPHORIC or head[-2:] == ["the", "next"] and unit == "D":
        # "the following year", "the next day" count from the date the story last named
        value = shift(context.anchor or dct, unit, _STEP[rels[-1]])  # underspecified without either
        return ("DATE", value, None) if value else None
    value = shift(dct, unit, _STEP[rels[-1]])
    return ("DATE", value, None) if value else None

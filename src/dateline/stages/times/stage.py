"""The times stage: find time expressions in a Doc and normalise each against the DCT.

Modules: `timegrammar` finds the spans, `timex` reads each one (with `timeanchor` for calendar
arithmetic and `timewords` for the word tables); this module decides tense and what is not a time.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from dateline.records import Time
from dateline.stages.common import run_stage, text_of
from dateline.stages.times.calendar import anchor_of, shift, weekday_from, weekday_of
from dateline.stages.times.checks import (
    DAY_BEFORE,
    NTH_DAY,
    day_before_value,
    frequency_start,
    is_age,
    is_current_in_force,
    is_discourse_now,
    is_measure_period,
    is_present_today,
    is_range_noun,
    located_period,
    nth_day_value,
    second_year,
)
from dateline.stages.times.context import Context
from dateline.stages.times.grammar import grammar, rule_of
from dateline.stages.times.words import (
    FUTURE,
    PAST,
    PRESENT,
    SPOKEN_TENS,
    SPOKEN_UNITS,
    ZONE,
    tables,
    unit_of,
)

__all__ = ["find_times", "grammar", "times_component"]


# ---- the stage ---------------------------------------------------------------------------

PREP_BEFORE_MAY = {"in", "since", "until", "by", "last", "next", "this", "early", "late", "of", "mid",
                   "through", "before", "after", "during", "from", "to", "between", "and", "-"}  # fmt: skip


# "the third-quarter profit", "a two-year effort": the determiner belongs to the noun, not the time.
DET_BEFORE_COMPOUND = re.compile(
    rf"(?:a|an|the)\s+(?=(?!fiscal-)[\w.]+-(?!earlier|ago|\d)|(?:\d+|{SPOKEN_UNITS}|{SPOKEN_TENS})\s+"
    r"(?:year|month|week|day|hour|minute)\b(?!s|\s+(?:ago|earlier|later)))",
    re.IGNORECASE,
)
# "said that last week", "following last month's cut": a conjunction or preposition, not the time.
LEAD_NOT_TIME = re.compile(
    rf"(?:that|following)\s+(?=(?:last|next|this)\s)|that\s+(?=(?:\d+|{SPOKEN_UNITS}|{SPOKEN_TENS})\s)",
    re.IGNORECASE,
)
# "will last six months", "is likely to last a week": "last" after these is the verb
VERB_BEFORE = re.compile(
    r"(?i)\b(?:will|would|could|may|might|should|can|must|did|does|do|not|n't|'ll)\s+$"
)


def is_verb_last(doc: Doc, source: str, start: int) -> bool:
    """Whether "last" at `start` is the verb: after a modal ("will last"), or parsed as a verb after
    "to" ("likely to last a week"; not "compared to last year")."""
    if VERB_BEFORE.search(source, max(0, start - 12), start):
        return True
    span = doc.char_span(start, start + 4, alignment_mode="expand")
    return (
        span is not None
        and source[max(0, start - 3) : start].lower() == "to "
        and span[0].tag_ == "VB"
    )


FUTURE_AUX = {"will", "'ll", "wo", "shall", "going"}
# "could return Tuesday", "plans to leave on Thursday", "is expected to close Monday": ahead of the DCT.
MODALS = {"would", "could", "might", "may", "should", "can", "must", "'d"}
INTENT = {"plan", "schedule", "set", "expect", "intend", "hope", "aim", "prepare", "vow", "promise",
          "threaten", "want", "seek", "propose", "due", "likely", "ready", "able", "poise", "forecast",
          "slate", "project", "predict"}  # fmt: skip
SCHEDULE = {"plan", "schedule"}
FUTURE_CUE = re.compile(
    r"(?:\buntil|\bthrough|\beffective|\bas\s+(?:soon|early)\s+as)\s+$", re.IGNORECASE
)


PAST_CUE = re.compile(r"\bsince\s+$", re.IGNORECASE)


def tense(doc: Doc, text: str, start: int, end: int, range_end: bool = False) -> str | None:
    """PAST or FUTURE from the verb governing the span (None for present or unknown); the end of a
    range ("the 12 months through June") is not ahead for its "through"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or text.startswith("'s", end):  # "Wednesday's ruling"
        return PAST if span is not None else None
    token = span.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in FUTURE_AUX for c in aux) or token.lower_ in FUTURE_AUX:
        return FUTURE
    perfect = any(c.lemma_ == "have" and c.tag_ == "VBD" for c in aux)  # "until Monday, it had ..."
    if FUTURE_CUE.search(text[max(0, start - 16) : start]) and not perfect and not range_end:
        return FUTURE
    if PAST_CUE.search(text[max(0, start - 8) : start]):
        return PAST  # "since Friday", "since year-end": before the DCT
    if token.tag_ in ("VB", "VBG") and any(c.lower_ in MODALS for c in aux):
        return FUTURE
    if token.lemma_ in SCHEDULE and not perfect and any(c.dep_ == "dobj" for c in token.children):
        return (
            FUTURE  # "has scheduled a news conference Thursday": the time dates the event planned
        )
    if (
        token.tag_ == "VBN"
        and token.lemma_ in INTENT
        and any(c.tag_ in ("VBZ", "VBP") for c in aux)
    ):
        return FUTURE  # "the vote is set for Nov. 5", "talks are scheduled for Monday"
    if token.tag_ == "VB" and any(c.tag_ == "TO" for c in aux):  # an infinitive: ask its governor
        head = token.head
        verb = head.head if head.pos_ == "ADJ" else head  # "had been due to expire": ask "been"
        if any(c.lemma_ == "have" and c.tag_ == "VBD" for c in verb.children):
            return PAST  # the plan was in the past: "had been scheduled to expire Friday"
        if head.lemma_ in INTENT or head.tag_ in ("VBZ", "VBP", "MD") or head.pos_ == "ADJ":
            return FUTURE
    if token.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lemma_ == "have" for c in aux):
        return PAST
    if token.tag_ == "VBN" and token.dep_ == "acl" and not aux and token.lemma_ not in INTENT:
        return PAST  # "the plan, announced in March" (not "talks set for Tuesday": either way)
    if (
        token.tag_ == "VBP"
        and not aux
        and any(
            c.dep_ == "nsubj"
            and c.tag_ in ("NN", "NNP")
            and not any(x.dep_ == "conj" for x in c.children)
            for c in token.children
        )
    ):
        return PAST  # "Weakness hurt the index on Friday": a singular subject, so "hurt" is past
    return PRESENT if token.tag_ in ("VBZ", "VBP") and not aux else None


# "ABC's This Week", "60 Minutes", "High Noon": time words capitalised inside a title or a name.
TITLE_WORDS = {"this", "next", "last", "week", "weeks", "minutes", "hours", "noon",
               "midnight", "today", "tomorrow", "now", "year", "years", "month", "months"}  # fmt: skip
# "the March for Life", "the March of Dimes": the noun, not the month.
MONTH_AS_NAME = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z]")


def in_title(doc: Doc, source: str, start: int, end: int, text: str) -> bool:
    """Whether the match is part of a title or name rather than a time ("This Week", "High Noon")."""
    words = text.split()
    if any(w[:1].isupper() and w.lower() in TITLE_WORDS for w in words[1:]):
        return True
    if text in ("March", "May") and MONTH_AS_NAME.match(source, end):
        return True
    if len(words) == 1 and text[:1].isupper() and text.lower() in TITLE_WORDS:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.start > 0 and not span[0].is_sent_start:
            previous = doc[span.start - 1]
            return (previous.is_title or previous.is_upper) and not previous.is_sent_start
    return False


# "today's youth", "the people of tomorrow": the present or the future in general, not a day.
GENERIC_NOUNS = {"world", "youth", "generation", "society", "child", "people", "computer", "economy",
                 "market", "standard", "technology", "family", "woman", "man", "culture"}  # fmt: skip


def is_generic_day(doc: Doc, start: int, end: int, text: str) -> bool:
    """Whether "today" or "tomorrow" means the present or future in general ("today's world")."""
    if text.lower() not in ("today", "tomorrow"):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    if token.dep_ == "poss" and token.head.lemma_.lower() in GENERIC_NOUNS:
        return True
    previous = doc[token.i - 1] if token.i > 0 else None
    return (
        previous is not None
        and previous.lower_ == "of"
        and previous.i > 0
        and doc[previous.i - 1].tag_ in ("NN", "NNS")
    )


# "a quarter of the market", "one half of the vote" (not "a quarter of a century", a duration).
FRACTION = re.compile(r"(?i)\b(?:a|an|one)\s+(?:quarter|half)$")
FRACTION_OF = re.compile(r"(?i)\s+of\b(?!\s+(?:a|the)\s+century)")


# "the night of Oct. 23", "the night the plane went down", "the morning after the vote"
PART_NAMED = re.compile(r"\s+(?:of|when|that|before|after|the|a|an|his|her|their)\b")


# Names a year may follow ("June 1998", "Spring 1980"); after any other name a number names a thing.
CALENDAR_NAMES = {
    w for kind in ("month", "weekday", "season", "holiday") for w in tables().words[kind]
}


def is_month_may(doc: Doc, start: int, end: int) -> bool:
    """Whether "May" after a determiner or an adjective is the month ("the warmest May on record",
    "a wet May"), not the verb or a name ("Theresa May")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return (
        span is not None
        and span.start > 0
        and doc[span.start - 1].tag_ in ("DT", "JJ", "JJS", "JJR", "PRP$")
        and doc[span.start - 1].lower_ not in ("that", "which")
    )


def is_time(doc: Doc, source: str, start: int, end: int, text: str) -> bool:
    """Reject matches that are not times: the verb "may", bare numbers counting things ("closed at 2082")."""
    before = source[max(0, start - 12) : start].lower().split()
    if in_title(doc, source, start, end, text) or is_generic_day(doc, start, end, text):
        return False
    if text in ("May", "MAY") and (not before or before[-1] not in PREP_BEFORE_MAY):
        return is_month_may(doc, start, end)  # "the warmest May on record"
    if re.search(r"\w-quarters\b", text):  # "three-quarters of the vote" is a fraction
        return False
    if text.lower().endswith("election day") and not text.endswith("Election Day"):
        return False  # an election day anywhere; Election Day is the US one, in November
    if text.lower() == "now" and is_discourse_now(doc, start, end):
        return False  # "Now for the weather", "now that prices are falling"
    if is_current_in_force(doc, start, end, text):
        return False  # "current policies": in force, not a time
    if is_measure_period(doc, start, end, text):
        return False  # "average daily volume", "the party daily Vestnik"
    if text.lower() in ("fiscal year", "calendar year") and before and before[-1] in ("a", "an"):
        return False  # "changed from a fiscal year to a calendar year": a kind of year
    if re.fullmatch(r"(?i)the\s+(?:near|short|long)\s+term", text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN"):
            return False  # "the long term outlook": an adjective
    if FRACTION.search(text) and FRACTION_OF.match(source, end):
        return False  # "more than a quarter of the market", "half of the vote"
    if text.lower() == "noon" and before and before[-1] == "high":
        return False  # "high noon" for the alliance
    if re.fullmatch(r"(?i)a second", text) and re.match(r"\s+[a-z]", source[end : end + 3]):
        return False  # "a second term": the ordinal
    if re.fullmatch(r"(?i)the (?:night|morning|evening|afternoon)", text) and PART_NAMED.match(
        source, end
    ):
        return False  # "the night of Oct. 23", "the night the plane went down": that time is named
    if re.fullmatch(r"\d{4}", text):
        span = doc.char_span(start, end, alignment_mode="expand")
        after = doc[span.end] if span is not None and span.end < len(doc) else None
        named = bool(before) and before[-1] == "the" and after is not None and after.is_title
        if after is not None and after.tag_ in ("NNS", "NNPS") and unit_of(after.lower_) is None:
            return named  # "2000 workers" counts; "the 2000 Olympics" is the year's
        if before and before[-1] in ("$", "no.", "number", "article", "flight", "route", "at"):
            return False
        previous = doc[span.start - 1] if span is not None and span.start > 0 else None
        if previous is not None and previous.pos_ == "PROPN" and previous.is_title:
            return previous.is_sent_start or previous.lower_ in CALENDAR_NAMES  # "Orion 1980"
    return True


def is_rate(doc: Doc, start: int, text: str) -> bool:
    """Whether "a year" counts a rate ("$2 billion a year", "four flights a week", "twice a month"): a
    SET."""
    if not re.fullmatch(r"(?i)(?:a|an|per)\s+(?:year|month|week|day|hour)", text):
        return False
    span = doc.char_span(start, start + len(text), alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    previous = doc[span.start - 1]
    return previous.tag_ in ("CD", "NNS", "NNPS") or previous.lower_ in ("once", "twice", "thrice")


def is_some_day(doc: Doc, source: str, start: int, end: int, text: str) -> bool:
    """Whether "one day" is the adverb of a day to come ("will one day be", "hopes he one day
    follows"), not a span ("in the job one day")."""
    if text.lower() != "one day":
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    return doc[span.end].tag_.startswith("VB") or (
        span.start > 0 and doc[span.start - 1].tag_ == "MD"
    )


# "after a flat second quarter", "a strong third quarter": a quarter described, not reported on.
INDEFINITE = re.compile(r"(?i)\ban?\s+[a-z]+\s+$")


def is_reported_quarter(
    kind: str, value: str, text: str, ref: str | None, dct: dt.date | None, lead: str = ""
) -> bool:
    """Whether a quarter is the one the story reports on: its first quarter, not one after the DCT's
    quarter ("expects losses in the fourth quarter"), nor a year-ago comparison."""
    if kind != "DATE" or not re.fullmatch(r"\d{4}-Q\d", value):
        return False
    if re.search(r"(?i)\b(?:ago|earlier)\b", text) or (
        INDEFINITE.search(lead) and " quarter" in text
    ):
        return False  # a comparison, or "after a flat second quarter": not the quarter reported
    if dct is None:
        return ref is None
    # the last four quarters; a later one replaces the story's quarter only if finished
    return shift(dct, "Q", -4) < value <= shift(dct, "Q", 0) and (
        ref is None or value < shift(dct, "Q", 0)
    )


PERIODS = {"P6M", "P9M", "P1Y"}  # half-year, nine-month and full-year results


def in_period_sentence(doc: Doc, previous: Time, start: int) -> bool:
    """Whether the sentence so far reports a six-, nine- or twelve-month span (not a quarter)."""
    if previous.type != "DURATION" or previous.value not in PERIODS:
        return False
    span = doc.char_span(previous.start, previous.end, alignment_mode="expand")
    return span is not None and start < span.sent.end_char


# A clock time or "the morning" with no day of its own is on the day the story last named.
ON_THAT_DAY = re.compile(
    rf"(?i)(?:around\s+)?(?:\d{{1,2}}(?::\d\d)?\s*[ap]\.?m\.?(?:\s+{ZONE})?|noon|midnight|the\s+(?:morning|afternoon|evening)"
    r"|that\s+(?:morning|afternoon|evening|night)|the\s+(?:next|following)\s+(morning|afternoon|evening|night))$"
)


# "that same day" after "in October": a day of that month, which one unknown (2024-10-XX).
SAME_DAY = re.compile(r"(?i)(?:that|the)\s+(?:same\s+)?day$")


# "March 12-13", "April 24 and 25, 2014": the second day of a pair or range after a month and day.
SECOND_DAY = re.compile(
    r"(?:\s*[-\u2013]\s*|\s+(?:and|or|to|through)\s+)(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+((?:19|20)\d\d))?"
    r"\b(?!\s*(?:%|percent|[ap]\.?m\b|:\d|[.,]\d|-))"
)
MONTH_DAY = re.compile(r"(?i)[a-z.]+\s+\d{1,2}(?:st|nd|rd|th)?")


def second_day(doc: Doc, source: str, end: int, text: str, value: str) -> tuple[str, Time] | None:
    """The first day's value (with a year given after the range) and the second day as its own time."""
    m = SECOND_DAY.match(source, end)
    if not (m and MONTH_DAY.fullmatch(text) and re.fullmatch(r"[\dX]{4}-\d\d-\d\d", value)):
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
DAY_AFTER_DAY = re.compile(r"(?i)the\s+(previous|preceding|following)\s+(\w+day)$")


def on_story_day(
    text: str, kind: str, value: str, day: str | None, dct: dt.date | None, anchor_value: str | None
) -> str:
    """Re-anchor a value the DCT gave to the day (or month) the story last named: "at 10 p.m.",
    "that night", "the next morning", "the previous Friday", "that same day"."""
    base = dt.date.fromisoformat(day) if day else dct
    today = dct.isoformat() if dct else "XXXX-XX-XX"
    if kind == "TIME" and base and value.startswith(today) and (on := ON_THAT_DAY.match(text)):
        return (base + dt.timedelta(days=1 if on[1] else 0)).isoformat() + value[10:]
    if kind == "DATE" and day and (m := DAY_AFTER_DAY.match(text)):
        return weekday_from(day, int(tables().words["weekday"][m[2].lower()]), m[1].lower())
    if kind == "DATE" and SAME_DAY.match(text) and anchor_value and len(anchor_value) in (4, 7):
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


SIMPLE_SPAN = re.compile(r"P(T?)(\d+)([YMWDHS])")
SPAN_ORDER = ["Y", "M", "W", "D", "TH", "TM", "TS"]


def joined_span(source: str, first: Time, start: int, end: int, value: str) -> Time | None:
    """Two counted spans joined by "and", larger unit first, as one duration (P2Y6M, PT1H45M)."""
    a, b = SIMPLE_SPAN.fullmatch(first.value), SIMPLE_SPAN.fullmatch(value)
    if (
        first.type != "DURATION"
        or not (a and b)
        or not re.fullmatch(r",?\s+and\s+", source[first.end : start])
    ):
        return None
    if SPAN_ORDER.index(a[1] + a[3]) >= SPAN_ORDER.index(b[1] + b[3]):
        return None
    joined = f"P{a[1]}{a[2]}{a[3]}" + (f"{'T' if b[1] and not a[1] else ''}{b[2]}{b[3]}")
    return Time(first.start, end, source[first.start : end], "DURATION", joined, first.mod)


def find_times(doc: Doc) -> list[Time]:
    """Return the time expressions in `doc`, normalised against `doc._.dct`."""
    dct = doc._.dct
    found: list[Time] = []
    ref: str | None = None
    anchor: dt.date | None = None
    day: str | None = None  # the last day named, for a bare clock time
    anchor_value: str | None = None  # the value `anchor` came from, for its granularity
    source = text_of(doc)
    taken = 0  # the end of a second day already read ("13, 2014" in "March 12-13, 2014")
    for match in grammar().finditer(source):
        start, end = match.span()
        text = match.group()
        if start < taken or not is_time(doc, source, start, end, text):
            continue
        if det := DET_BEFORE_COMPOUND.match(text) or LEAD_NOT_TIME.match(text):
            start, text = start + det.end(), text[det.end() :]
        if text[:5].lower() == "last " and is_verb_last(doc, source, start):
            start, text = start + 5, text[5:]  # "will last six months": the verb
        after = source[end : end + 24]
        # "for the nine months, ... a year earlier": the comparison is with that span, not the quarter
        story_ref = None if found and in_period_sentence(doc, found[-1], start) else ref
        range_end = bool(found) and RANGE_TO.fullmatch(source, found[-1].end, start) is not None
        when = tense(doc, source, start, end, range_end)
        context = Context(dct, when, story_ref, anchor, anchor_value, after)
        result = rule_of(match).normalise(text, context)
        if result is None:
            continue
        kind, value, mod = result
        previous = found[-1] if found else None
        if is_age(doc, source, start, end, kind) or is_range_noun(source, previous, start, text):
            continue
        if kind == "DURATION" and is_rate(doc, start, text):
            kind = "SET"
            start = frequency_start(source, start)  # "twice a year"
            text = source[start:end]
        if kind == "DATE" and is_present_today(doc, start, end, when):
            value = "PRESENT_REF"  # "young people today face": the present, not the day
        if period := located_period(source, start, end, text, anchor_value):
            kind, value = "DATE", period  # "in the days before the attack"
        if DAY_BEFORE.fullmatch(text):
            value = day_before_value(source, previous, start, value)
        elif NTH_DAY.fullmatch(text):
            value = nth_day_value(source, start, value)
        if kind == "DURATION" and is_some_day(doc, source, start, end, text):
            kind, value = "DATE", "FUTURE_REF"  # "will one day be": a day to come, which one untold
        value = on_story_day(text, kind, value, day, dct, anchor_value)
        pair = second_day(doc, source, end, text, value) if kind == "DATE" else None
        if kind == "DATE" and pair is None and (year := second_year(source, end, value)):
            pair = value, year  # "the 2009-2010 season": each end of the range
        if found and kind == "DATE" and CLOCK_ON.fullmatch(source, found[-1].end, start):
            found[-1] = on_day(found[-1], value)  # "at 3 a.m. on Tuesday": the clock on that day
        if (
            found
            and kind == "DURATION"
            and (joined := joined_span(source, found[-1], start, end, value))
        ):
            found[-1] = joined  # "an hour and 45 minutes", "two years and six months": one span
            continue
        found.append(Time(start, end, text, kind, pair[0] if pair else value, mod))
        if pair:
            found.append(pair[1])
            taken, value = pair[1].end, pair[1].value
        try:
            if anchor_of(value):
                anchor, anchor_value = anchor_of(value), value
        except ValueError:  # a value in year 0: not an anchor for the times after it
            pass
        day = value[:10] if re.match(r"\d{4}-\d\d-\d\d", value) else day
        if is_reported_quarter(kind, value, text, ref, dct, source[max(0, start - 16) : start]):
            ref = value
    return found


@Language.component("dateline_times", assigns=["doc._.times"])
def times_component(doc: Doc) -> Doc:
    """Set `doc._.times`."""
    return run_stage(doc, "times", find_times)

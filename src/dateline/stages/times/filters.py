"""Matches of the grammar that are not times, told apart by the parse: the verb "may", titles,
"today's youth", counts of things, rates ("$2 billion a year")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from dateline.stages.times.checks import is_current_in_force, is_discourse_now, is_measure_period
from dateline.stages.times.words import SPOKEN_TENS, SPOKEN_UNITS, tables, unit_of

# Words before "May" that make it the month ("in May", "since May", "early May").
_PREP_BEFORE_MAY = set(
    [
        "in",
        "since",
        "until",
        "by",
        "last",
        "next",
        "this",
        "early",
        "late",
        "of",
        "mid",
        "through",
        "before",
        "after",
        "during",
        "from",
        "to",
        "between",
        "and",
        "-",
    ]
)


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
_VERB_BEFORE = re.compile(
    r"(?i)\b(?:will|would|could|may|might|should|can|must|did|does|do|not|n't|'ll)\s+$"
)


def is_verb_last(doc: Doc, source: str, start: int) -> bool:
    """Whether "last" at `start` is the verb: after a modal ("will last"), or parsed as a verb after
    "to" ("likely to last a week"; not "compared to last year")."""
    if _VERB_BEFORE.search(source, max(0, start - 12), start):
        return True
    span = doc.char_span(start, start + 4, alignment_mode="expand")
    return (
        span is not None
        and source[max(0, start - 3) : start].lower() == "to "
        and span[0].tag_ == "VB"
    )


# "ABC's This Week", "60 Minutes", "High Noon": time words capitalised inside a title or a name.
TITLE_WORDS = set(
    [
        "this",
        "next",
        "last",
        "week",
        "weeks",
        "minutes",
        "hours",
        "noon",
        "midnight",
        "today",
        "tomorrow",
        "now",
        "year",
        "years",
        "month",
        "months",
    ]
)
# "the March for Life", "the March of Dimes": the noun, not the month.
_MONTH_AS_NAME = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z]")


def _in_title(doc: Doc, source: str, start: int, end: int, text: str) -> bool:
    """Whether the match is part of a title or name rather than a time ("This Week", "High Noon")."""
    words = text.split()
    if any(w[:1].isupper() and w.lower() in TITLE_WORDS for w in words[1:]):
        return True
    if text in ("March", "May") and _MONTH_AS_NAME.match(source, end):
        return True
    if len(words) == 1 and text[:1].isupper() and text.lower() in TITLE_WORDS:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.start > 0 and not span[0].is_sent_start:
            previous = doc[span.start - 1]
            return (previous.is_title or previous.is_upper) and not previous.is_sent_start
    return False


# "today's youth", "the people of tomorrow": the present or the future in general, not a day.
_GENERIC_NOUNS = set(
    [
        "world",
        "youth",
        "generation",
        "society",
        "child",
        "people",
        "computer",
        "economy",
        "market",
        "standard",
        "technology",
        "family",
        "woman",
        "man",
        "culture",
    ]
)


def _is_generic_day(doc: Doc, start: int, end: int, text: str) -> bool:
    """Whether "today" or "tomorrow" means the present or future in general ("today's world")."""
    if text.lower() not in ("today", "tomorrow"):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    if token.dep_ == "poss" and token.head.lemma_.lower() in _GENERIC_NOUNS:
        return True
    previous = doc[token.i - 1] if token.i > 0 else None
    return (
        previous is not None
        and previous.lower_ == "of"
        and previous.i > 0
        and doc[previous.i - 1].tag_ in ("NN", "NNS")
    )


# "a quarter of the market", "one half of the vote" (not "a quarter of a century", a duration).
_FRACTION = re.compile(r"(?i)\b(?:a|an|one)\s+(?:quarter|half)$")
_FRACTION_OF = re.compile(r"(?i)\s+of\b(?!\s+(?:a|the)\s+century)")


# "the night of Oct. 23", "the night the plane went down", "the morning after the vote"
_PART_NAMED = re.compile(r"\s+(?:of|when|that|before|after|the|a|an|his|her|their)\b")


# Names a year may follow ("June 1998", "Spring 1980"); after any other name a number names a thing.
_CALENDAR_NAMES = {
    w for kind in ("month", "weekday", "season", "holiday") for w in tables().words[kind]
}


def _is_month_may(doc: Doc, start: int, end: int) -> bool:
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
    if _in_title(doc, source, start, end, text) or _is_generic_day(doc, start, end, text):
        return False
    if text in ("May", "MAY") and (not before or before[-1] not in _PREP_BEFORE_MAY):
        return _is_month_may(doc, start, end)  # "the warmest May on record"
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
    if _FRACTION.search(text) and _FRACTION_OF.match(source, end):
        return False  # "more than a quarter of the market", "half of the vote"
    if text.lower() == "noon" and before and before[-1] == "high":
        return False  # "high noon" for the alliance
    if re.fullmatch(r"(?i)a second", text) and re.match(r"\s+[a-z]", source[end : end + 3]):
        return False  # "a second term": the ordinal
    if re.fullmatch(r"(?i)the (?:night|morning|evening|afternoon)", text) and _PART_NAMED.match(
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
            return previous.is_sent_start or previous.lower_ in _CALENDAR_NAMES  # "Orion 1980"
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

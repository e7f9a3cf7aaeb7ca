"""Read one matched expression to a TIMEX3 type, value and mod against its context.

Every phrase gets the same rewrites first (spelled numbers as digits, the mod prefix taken off);
then the readers its rule names are tried in order, and the first that knows the phrase answers.
A reader returns None for a phrase it does not read and `NOT_A_TIME` for one it reads as no time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from dateline.stages.times.calendar import (
    PARTS,
    day_of,
    holiday,
    month_value,
    nearest_weekday,
    quarter_value,
    season_value,
    shift,
    time_of_day,
    week_of,
)
from dateline.stages.times.context import NOT_A_TIME, Context, Phrase
from dateline.stages.times.periods import quarter, relative
from dateline.stages.times.words import (
    FUTURE,
    PAST,
    Result,
    duration,
    full_year,
    number,
    spoken_years,
    tables,
    unit_of,
)

Reader = Callable[[Phrase, Context], Result | None]

# "the eighth day (of the blockade)", said of the present: the DCT's day or week
_NTH_OF_EVENT = re.compile(r"the (\w+|\d+(?:st|nd|rd|th)) (?:straight |consecutive )?(day|week)")
# "the day before", "the day after": the day before or after the one the story last named
_DAY_STEP = {"the day before": "the previous day", "the day after": "the following day"}
_DAY_BEFORE_DAY = re.compile(r"(?:the )?day (before|after) (.+)")
# "a day-long meeting", "the decades-long dispute", "a two-year-long effort": how long it lasts.
_LASTING = re.compile(r"(?:(.+)-)?([a-z]+?)(s?)-?long")
# "an hour and a half", "a year and a half": the half after the unit ("one and a half hours").
_HALF_AFTER = re.compile(r"^(.*?)\b(?:an?|one) (\w+?)s? and a half\b")
# "4 in the morning", "6 o'clock in the evening": a clock time.
_IN_THE = re.compile(r"(\d{1,2}(?::\d\d)?) (?:o'clock )?in the (morning|afternoon|evening)")
# "the same period last year", "the corresponding quarter a year ago": the year-earlier period.
_SAME_PERIOD = re.compile(
    r"^the (?:same|comparable|corresponding|year-earlier|year-ago) (?:quarter|period) "
    r"(?:last year|a year (?:earlier|ago))$"
)
# "another two years" is two years; "an additional year", "another week" one of them.
_MORE_OF = re.compile(r"\b(?:another|an? (?:additional|further|extra)) (?=(\S+))")
_YEAR_PHRASE = re.compile(
    r"(?:the )?(?:(latest|last|past|previous|prior|next|coming) )?"
    r"(?:(?:current|full|fiscal|calendar|entire|whole)[ -])*year(?: (\d{4}))?"
)
# "the latest fiscal year" is the last one finished, "the next fiscal year" the one after this
_YEAR_STEP = dict.fromkeys(("latest", "last", "past", "previous", "prior"), -1)
_YEAR_STEP |= dict.fromkeys(("next", "coming"), 1)
_YEAR_ENDED = re.compile(
    r"\s+(?:end(?:ed|ing)\b|to\s+(?:the\s+end\s+of\s+)?[A-Z][a-z]+\.?(?:\s+\d|[\s,.]|$))"
)


def normalise(readers: Sequence[Reader], text: str, context: Context) -> Result | None:
    """Type, TIMEX3 value and mod of `text` by the first of `readers` that reads it."""
    try:
        phrase = _phrase(_rewrite(text))
        for read in readers:
            found = read(phrase, context)
            if found is NOT_A_TIME:
                return None
            if found is not None:
                return found[0], found[1], found[2] or phrase.mod
    except (OverflowError, ValueError):  # past the calendar's edge: year 0 or 10000
        return None
    return None


def _rewrite(text: str) -> str:
    """Lower case, single spaces, years and spelled days as digits, halves and "another" counted."""
    words = tables().words
    low = (
        re.sub(r"\s+", " ", text.lower())
        .replace("mid-", "mid ")
        .replace("then-", "then ")
        .replace("midyear", "mid year")
    )
    low = re.sub(r"^the year (?=\d{4}$)", "", spoken_years(low, words))
    low = tables().spelled_day.sub(  # "march eighth", "the eighth of march": the day's number
        lambda m: f"{m[1]}{words['ordinal'][m[2]]}" if m[1] else f"{words['ordinal'][m[3]]}{m[4]}",
        low,
    )
    low = low.replace(" 1/2 ", " and a half ")
    low = re.sub(r"\bhalf an? (?=\w)", "0.5 ", low)  # "half a century", "half an hour"
    low = _HALF_AFTER.sub(r"\1one and a half \2s", low)
    low = _MORE_OF.sub(
        lambda m: "" if m[1] in words["number"] or m[1][0].isdigit() else "one ", low
    )
    return _IN_THE.sub(lambda m: f"{m[1]} {'a' if m[2] == 'morning' else 'p'}.m.", low)


def _phrase(low: str) -> Phrase:
    """The phrase with its mod prefix ("more than", "early", "about") and suffix ("or so") off."""
    mod = None
    while m := tables().mod_prefix.match(low):
        mod, low = tables().words["mod"][m[1]], low[m.end() :]
    if m := re.search(r" (or later|and beyond)$", low):
        mod, low = "ON_OR_AFTER", low[: m.start()]
    if m := re.search(r"\b(\S+) to (?=\S+ \w+$)", low):  # "two to three weeks": at least two
        rest = low[m.end() :]
        mod, low = "EQUAL_OR_MORE", low[: m.start()] + m[1] + rest[len(rest.split()[0]) :]
    if mod == "APPROX" and low.startswith("the "):
        mod = None
    if " or so" in low:  # "a week or so ago", "the next two years or so"
        mod, low = "APPROX", low.replace(" or so", "")
    return Phrase(low, low.removeprefix("right ").removeprefix("the "), mod)


# ---- readers of dates written in figures ------------------------------------------------------


def numeric(phrase: Phrase, context: Context) -> Result | None:
    """ISO, US slash, wire header and compact dates, with an optional clock time."""
    low = phrase.low
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:[t ](\d\d):(\d\d)(?::\d\d)?)?", low)
    if not m:
        m = re.fullmatch(r"(\d{4})(\d\d)(\d\d)()()", low)
    if m:
        year, month, day, hour, minute = int(m[1]), int(m[2]), int(m[3]), m[4], m[5]
    else:
        m = re.fullmatch(
            r"(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})(?: (\d\d):?(\d\d)(?::\d\d|[a-z]{3})?)?", low
        )
        if not m:
            return None
        year, month, day, hour, minute = full_year(m[3]), int(m[1]), int(m[2]), m[4], m[5]
    try:
        date = dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return ("TIME", f"{date}T{hour}:{minute}", None) if hour else ("DATE", date, None)


def before_after_year(phrase: Phrase, context: Context) -> Result | None:
    """ "post-1959 politics", "pre-1990s": after or before a year or decade."""
    if m := re.fullmatch(r"(post|pre)-(\d{3})(\d)(s?)", phrase.low):
        value = m[2] if m[4] else m[2] + m[3]
        return "DATE", value, "AFTER" if m[1] == "post" else "BEFORE"
    return None


def decade(phrase: Phrase, context: Context) -> Result | None:
    """ "the 1990s", "the '80s", "the nineties" (read as the 1990s)."""
    if m := re.search(r"(?:(\d\d)(\d)0|'(\d)0)'?s\b", phrase.low):
        return "DATE", f"{m[1]}{m[2]}" if m[1] else f"{19 if int(m[3]) > 2 else 20}{m[3]}", None
    return None


def century(phrase: Phrase, context: Context) -> Result | None:
    """ "the 19th century": its first two digits."""
    if m := re.search(r"(\d+)(?:st|nd|rd|th) century", phrase.low):
        return "DATE", f"{int(m[1]) - 1:02d}", None
    return None


def year_number(phrase: Phrase, context: Context) -> Result | None:
    """ "1998", "fiscal 2024"."""
    if m := re.fullmatch(r"(?:fiscal )?(\d{4})", phrase.low):
        return "DATE", m[1], None
    return None


# ---- readers of named days, weeks and months --------------------------------------------------


def bare_season_verb(phrase: Phrase, context: Context) -> Result | None:
    """ "fall" and "spring" alone: the verb and the noun far outnumber the seasons."""
    return NOT_A_TIME if phrase.bare in ("fall", "spring") else None


def week_of_day(phrase: Phrase, context: Context) -> Result | None:
    """ "the week of March 6": the ISO week holding that day."""
    if not phrase.low.startswith("the week of "):
        return None
    words = tables().words
    day = day_of(phrase.low.removeprefix("the week of "), context.dct, context.tense, words)
    if not day or "X" in day:
        return NOT_A_TIME
    return "DATE", week_of(dt.date.fromisoformat(day)), None


def day_from_day(phrase: Phrase, context: Context) -> Result | None:
    """ "the day before last Tuesday", "the day after Christmas": one day from the day named."""
    m = _DAY_BEFORE_DAY.fullmatch(phrase.low)
    if not m or m[2] in ("yesterday", "tomorrow"):
        return None
    words = tables().words
    named = named_word(Phrase(m[2], m[2], None), context)
    day = named[1] if named else day_of(m[2], context.dct, context.tense, words)
    if not day:
        return NOT_A_TIME
    if not re.fullmatch(r"[\dX]{4}-\d\d-[\dX]{2}", day) or "X" in day:
        return "DATE", "XXXX-XX-XX", None
    step = dt.timedelta(days=-1 if m[1] == "before" else 1)
    return "DATE", (dt.date.fromisoformat(day) + step).isoformat(), None


def day_before(phrase: Phrase, context: Context) -> Result | None:
    """ "the day before", "the day after": the day before or after the one the story last named."""
    if phrase.low not in _DAY_STEP:
        return None
    return relative(phrase._replace(low=_DAY_STEP[phrase.low]), context)


def day_of_month(phrase: Phrase, context: Context) -> Result | None:
    """ "On the 18th": that day of the DCT's month, or of the month before (after, in the
    future) when the DCT is past it."""
    m = re.fullmatch(r"the (\d{1,2})(?:st|nd|rd|th)", phrase.low)
    if not m:
        return None
    day, dct, when = int(m[1]), context.dct, context.tense
    if dct is None:
        return "DATE", f"XXXX-XX-{day:02d}", None
    year, month = dct.year, dct.month
    if when == PAST and day > dct.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    elif when != PAST and day < dct.day:
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    try:
        return "DATE", dt.date(year, month, day).isoformat(), None
    except ValueError:
        return NOT_A_TIME


def nth_day(phrase: Phrase, context: Context) -> Result | None:
    """ "the second day", "the 99th day (of the siege)": the DCT's day or week (the stage asks
    whether the story says it is today)."""
    m = _NTH_OF_EVENT.fullmatch(phrase.low)
    if not (m and (m[1] in tables().words["ordinal"] or m[1][0].isdigit())):
        return None
    return "DATE", shift(context.dct, unit_of(m[2]) or "D", 0) or "XXXX-XX-XX", None


def lasting(phrase: Phrase, context: Context) -> Result | None:
    """ "a day-long meeting", "the decades-long dispute", "a two-year-long effort"."""
    m = _LASTING.fullmatch(phrase.low)
    if not m:
        return None
    n = number(m[1].split(), tables().words["number"]) if m[1] else 1
    unit = unit_of(m[2])
    return ("DURATION", duration("X" if m[3] else n, unit), None) if unit and n else NOT_A_TIME


def clock(phrase: Phrase, context: Context) -> Result | None:
    """Clock times and parts of the day, on the day the phrase names or the DCT."""
    return time_of_day(phrase.low, context.dct, context.tense, tables().words)


def season(phrase: Phrase, context: Context) -> Result | None:
    """ "this spring", "the summer of 2019", "last winter"."""
    if not re.search(r"\b(spring|summer|fall|autumn|winter)\b", phrase.low):
        return None
    value = season_value(phrase.low, context.dct, tables().words)
    return ("DATE", value, None) if value else NOT_A_TIME


def month(phrase: Phrase, context: Context) -> Result | None:
    """A day of a month ("Feb. 25, 2022") or the month ("August", "June last year")."""
    low, words = phrase.low, tables().words
    if not re.search(r"[a-z]", low.replace("fiscal", "")) or not any(
        t in words["month"] for t in re.findall(r"[a-z]+", low)
    ):
        return None
    value = day_of(low, context.dct, context.tense, words) or month_value(
        low, context.dct, context.tense, words
    )
    return ("DATE", value, None) if value else NOT_A_TIME


def weekend(phrase: Phrase, context: Context) -> Result | None:
    """ "this past weekend", "next weekend", "over the weekend" (by tense)."""
    low, dct = phrase.low, context.dct
    if "weekend" not in low:
        return None
    rel = (
        "last"
        if re.search(r"\b(?:past|last)\b", low)
        else "next"
        if re.search(r"\b(?:next|coming)\b", low)
        else None
    )
    day = nearest_weekday(dct, 6, context.tense, rel) if dct else None
    return "DATE", f"{week_of(day)}-WE" if day else "XXXX-WXX-WE", None


def day(phrase: Phrase, context: Context) -> Result | None:
    """A weekday, today, yesterday or a day of a month."""
    value = day_of(phrase.low, context.dct, context.tense, tables().words)
    return ("DATE", value, None) if value else None


# ---- readers of years -------------------------------------------------------------------------


def year_ago(phrase: Phrase, context: Context) -> Result | None:
    """ "a year earlier", "the year-ago quarter": the story's quarter a year back, else the year."""
    low, ref = phrase.low, context.ref
    if not (
        re.search(r"(?<![\d.] )year[- ](earlier|ago)$", low)
        or re.search(r"year[- ](earlier|ago) (period|quarter)", low)
    ):
        return None
    if ref:
        value = quarter_value("year-earlier quarter", context.dct, ref, tables().words)
    else:
        value = shift(context.dct, "Y", -1)
    return ("DATE", value, None) if value else NOT_A_TIME


def latest_period(phrase: Phrase, context: Context) -> Result | None:
    """ "the latest period", "the 1988 period" in a results story: that quarter."""
    low = re.sub(r"\b(latest|\d{4}) period$", r"\1 quarter", phrase.low)
    return quarter(phrase._replace(low=low), context) if low != phrase.low else None


def same_period(phrase: Phrase, context: Context) -> Result | None:
    """ "the same period last year", "the corresponding quarter a year ago": the story's quarter a
    year back, else last year (read as "the year-earlier period")."""
    if not _SAME_PERIOD.fullmatch(phrase.low):
        return None
    return year_ago(phrase._replace(low="the year-earlier period"), context)


def year_end(phrase: Phrase, context: Context) -> Result | None:
    """ "since year-end": the end of the year gone (in the past) or of this one."""
    if not re.search(r"year(?:[- ]|'s )end", phrase.low):
        return None
    value = shift(context.dct, "Y", -1 if context.tense == PAST else 0)
    return ("DATE", value, "END") if value else NOT_A_TIME


def edge_of_month(phrase: Phrase, context: Context) -> Result | None:
    """ "by the end of the month", "early in the week": the DCT's month or week."""
    if phrase.low not in ("the month", "the week") or phrase.mod not in ("START", "MID", "END"):
        return None
    value = shift(context.dct, "M" if phrase.low == "the month" else "W", 0)
    return ("DATE", value, None) if value else NOT_A_TIME


def year_phrase(phrase: Phrase, context: Context) -> Result | None:
    """ "the current fiscal year", "the full year", "next year": a year by the DCT; "the year
    ended Sept. 30" is a twelve-month span."""
    m = _YEAR_PHRASE.fullmatch(phrase.low)
    if not m:
        return None
    if _YEAR_ENDED.match(context.after):
        return "DURATION", "P1Y", None
    value = m[2] or shift(context.dct, "Y", _YEAR_STEP.get(m[1] or "", 0)) or "XXXX"
    return "DATE", value, None


# ---- readers of words -------------------------------------------------------------------------


def then(phrase: Phrase, context: Context) -> Result | None:
    """ "until then", "by then": the time the story just named."""
    return ("DATE", context.anchor_value, None) if context.anchor_value else NOT_A_TIME


def named_word(phrase: Phrase, context: Context) -> Result | None:
    """One-word expressions and set phrases: now, recently, daily, every week, Christmas, the past."""
    low, bare, words = phrase.low, phrase.bare, tables().words
    if low == "a while":  # "for a while": a span of no stated length
        return "DURATION", "PXX", None
    if bare in words["ref"] or low in words["phrase_ref"]:
        return "DATE", words["ref"].get(bare) or words["phrase_ref"][low], None
    if bare in words["set"]:
        return "SET", words["set"][bare], None
    if bare == "annual":  # "an annual press conference" (the grammar asks for the event noun)
        return "SET", "P1Y", None
    if m := re.fullmatch(r"(?:every|each|per) (?:(\w+) )?(\w+)", low):
        return _every(m[1], m[2])
    if bare.endswith("days") and bare[:-1] in words["weekday"]:  # "closed on Sundays"
        return "SET", f"XXXX-WXX-{words['weekday'][bare[:-1]]}", None
    return _holiday_day(low, context)


def _every(count: str | None, name: str) -> Result | None:
    """ "every Monday", "each July", "every other week", "every six weeks", "each season"."""
    words = tables().words
    if name in words["weekday"] and count in (None, "other"):
        return "SET", f"XXXX-WXX-{words['weekday'][name]}", None
    if count is None:
        if name.rstrip(".") in words["month"]:  # "each July"
            return "SET", f"XXXX-{int(words['month'][name.rstrip('.')]):02d}", None
        if name in words["season"]:  # "each summer"
            return "SET", f"XXXX-{words['season'][name]}", None
        if name in PARTS:  # "every morning", "each night"
            return "SET", f"XXXX-XX-XXT{PARTS[name]}", None
        if name == "season":  # "each season": a sports or school season, yearly
            return "SET", "P1Y", None
    n = 2 if count == "other" else number([count], words["number"]) if count else 1
    unit = unit_of(name)  # "every week", "every other week", "every few months"
    return ("SET", duration(n, unit), None) if unit and n else None


def _holiday_day(low: str, context: Context) -> Result | None:
    """ "Christmas", "last Thanksgiving", "Easter week" (the week holding the nearest one)."""
    words, tense = tables().words, context.tense
    if m := re.match(r"(last|next|this) (?=.)", low):  # "last Thanksgiving", "next Christmas"
        low, tense = low[m.end() :], {"last": PAST, "next": FUTURE}.get(m[1], tense)
    if (week := low.removesuffix(" week")) != low and week in words["holiday"]:
        found = holiday(words["holiday"][week], context.dct, None)
        return (
            "DATE",
            week_of(dt.date.fromisoformat(found)) if "X" not in found else "XXXX-WXX",
            None,
        )
    if low in words["holiday"]:
        return "DATE", holiday(words["holiday"][low], context.dct, tense), None
    return None

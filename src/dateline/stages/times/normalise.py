"""Normalise one matched time expression to a TIMEX3 type, value and mod against the DCT."""

from __future__ import annotations

import datetime as dt
import re

from dateline.stages.times.calendar import (
    PARTS,
    day_of,
    month_value,
    nearest_weekday,
    quarter_value,
    season_value,
    shift,
    time_of_day,
    week_of,
    year_for,
)
from dateline.stages.times.rules import day_of_month
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

__all__ = ["interpret"]

PHRASE_REFS = {"the past": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
               "the distant future": "FUTURE_REF", "these days": "PRESENT_REF",
               "then current": "PAST_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
               "the long term": "FUTURE_REF", "a later date": "FUTURE_REF", "the time": "PAST_REF"}  # fmt: skip
# Quarters counted ("two quarters") or beside another unit are durations, not calendar quarters;
# "second quarter", "year-ago quarter" and "last year's quarter" are calendar quarters.
NOT_QUARTER = (
    r"\b(?:two|three|four|several|few)\b|\b(?:seconds|minutes?|hours?|days?|weeks?|months?|years?)\b(?![-'])"
    r"|\b\d{1,3}\b"
)
# "the third quarter of last year", "the first half of the year": read as "last year's third quarter".
OF_YEAR = re.compile(r"(.*\b(?:quarter|half)) of (this|last|next|the) year")
ANAPHORIC = {"following", "previous", "prior", "same", "that"}
REL_SHIFT = {"that": 0, "this": 0, "current": 0, "same": 0, "latest": 0, "last": -1, "previous": -1, "prior": -1,
             "past": -1, "next": 1, "coming": 1, "following": 1}  # fmt: skip


# "the eighth day (of the blockade)", said of the present: the DCT's day or week
NTH_OF_EVENT = re.compile(r"the (\w+|\d+(?:st|nd|rd|th)) (?:straight |consecutive )?(day|week)")
# "the day before", "the day after": the day before or after the one the story last named
DAY_STEP = {"the day before": "the previous day", "the day after": "the following day"}
DAY_BEFORE_DAY = re.compile(r"(?:the )?day (before|after) (.+)")
# "a day-long meeting", "the decades-long dispute", "a two-year-long effort": how long it lasts.
LASTING = re.compile(r"(?:(.+)-)?([a-z]+?)(s?)-?long")
# "an hour and a half", "a year and a half": the half after the unit ("one and a half hours").
HALF_AFTER = re.compile(r"^(.*?)\b(?:an?|one) (\w+?)s? and a half\b")
# "4 in the morning", "6 o'clock in the evening": a clock time.
IN_THE = re.compile(r"(\d{1,2}(?::\d\d)?) (?:o'clock )?in the (morning|afternoon|evening)")
# "the quarter ended July 31": the quarter whose middle month is the one before its last.
QUARTER_ENDED = re.compile(r"\s+end(?:ed|ing)\s+([A-Za-z]+)\.?\s+\d{1,2}\b(?:,?\s+(\d{4}))?")
QUARTER_ONLY = re.compile(r"(?:the )?(?:(?:latest|fiscal|current) )*quarter")
# "the same period last year", "the corresponding quarter a year ago": the year-earlier period.
SAME_PERIOD = re.compile(
    r"^the (?:same|comparable|corresponding|year-earlier|year-ago) (?:quarter|period) "
    r"(?:last year|a year (?:earlier|ago))$"
)
# "the first two quarters of 1990" is the first half.
TWO_QUARTERS = re.compile(r"^((?:the )?)(first|last|final) two quarters(?= of )")
# "another two years" is two years; "an additional year", "another week" one of them.
MORE_OF = re.compile(r"\b(?:another|an? (?:additional|further|extra)) (?=(\S+))")
YEAR_PHRASE = (
    r"(?:the )?(?:(latest|last|past|previous|prior|next|coming) )?"
    r"(?:(?:current|full|fiscal|calendar|entire|whole)[ -])*year(?: (\d{4}))?"
)
# "the latest fiscal year" is the last one finished, "the next fiscal year" the one after this
YEAR_STEP = {
    "latest": -1,
    "last": -1,
    "past": -1,
    "previous": -1,
    "prior": -1,
    "next": 1,
    "coming": 1,
}
YEAR_ENDED = re.compile(
    r"\s+(?:end(?:ed|ing)\b|to\s+(?:the\s+end\s+of\s+)?[A-Z][a-z]+\.?(?:\s+\d|[\s,.]|$))"
)


def numeric(low: str) -> Result | None:
    """ISO, US slash, wire header and compact dates, with an optional clock time."""
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


def relative(
    low: str,
    dct: dt.date | None,
    ref: str | None,
    anchor: dt.date | None,
    words: dict[str, dict[str, str]],
) -> Result | None:
    """Units counted or stepped from the DCT: "last week", "three years ago", "more than four years"."""
    tokens = re.findall(r"[a-z]+(?:'s)?|\d+(?:[.,]\d+)*", low.replace("-", " "))
    units = [(i, unit_of(t)) for i, t in enumerate(tokens) if unit_of(t)]
    if not units:
        return None
    at, unit = units[-1]
    plural = tokens[at].endswith(("s", "ia")) and not tokens[at].endswith("ss")
    head, tail = tokens[:at], tokens[at + 1 :]
    number_words = [t for t in head if t in words["number"] or re.fullmatch(r"[\d.,]+", t)]
    n = number(number_words, words["number"]) if number_words else None
    direction = (
        -1
        if {"ago", "earlier", "before"} & set(tail)
        else 1
        if {"later", "now", "hence"} & set(tail)
        else 0
    )
    # "three days later", "a week earlier" count from another event, not from the DCT: a duration.
    # "a year earlier" in results stories and "ago" do count from the DCT (or the story's quarter).
    from_event = ({"later", "earlier"} & set(tail) and unit in ("D", "W", "FN", "M")) or (
        "later" in tail and unit in ("Y", "DE")  # "a year later": after an event, not the DCT
    )
    if direction and unit not in ("H", "MIN", "S") and not from_event:
        if n == "X" or n is None:
            return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", None
        steps = int(float(n) * {"DE": 10, "CE": 100, "FN": 2}.get(unit, 1))
        grain = {"DE": "Y", "CE": "Y", "FN": "W", "MIL": "Y"}.get(unit, unit)
        if unit == "Y" and not float(n).is_integer():  # "a year and a half ago": 18 months back
            grain, steps = "M", round(float(n) * 12)
        if ref and unit == "Y" and steps == 1 and re.fullmatch(r"\d{4}-Q\d", ref):
            return "DATE", f"{int(ref[:4]) + direction:04d}{ref[4:]}", None
        return "DATE", shift(dct, grain, direction * steps) or "XXXX", None
    if n is not None:
        return ("DURATION", duration(n, unit), None) if n == "X" or n < 1000 else None
    rels = [t for t in head if t in REL_SHIFT]
    if plural:
        return "DURATION", duration("X", unit), None
    if not rels:
        if unit == "Y" and head in (["the"], []) and ref is None:
            return None
        return None
    if rels[-1] == "past" or (head[:2] == ["the", "last"] and unit not in ("Q",)):
        if unit == "Y" and dct:  # "over the past year": the calendar year before
            return "DATE", shift(dct, unit, -1), None
        return "DURATION", duration(1, unit), None
    if unit in ("H", "MIN", "S", "FN", "MIL"):
        return None
    if rels[-1] in ANAPHORIC or head[-2:] == ["the", "next"] and unit == "D":
        # "the following year", "the next day" count from the date the story last named
        value = shift(anchor or dct, unit, REL_SHIFT[rels[-1]])  # underspecified without either
        return ("DATE", value, None) if value else None
    value = shift(dct, unit, REL_SHIFT[rels[-1]])
    return ("DATE", value, None) if value else None


def interpret(
    text: str,
    dct: dt.date | None,
    tense: str | None,
    ref: str | None = None,
    anchor: dt.date | None = None,
    after: str = "",
) -> Result | None:
    """Type, TIMEX3 value and mod of one matched expression (`after`: the text that follows it)."""
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
    low = re.sub(r"\b(latest|\d{4}) period$", r"\1 quarter", low)
    low = SAME_PERIOD.sub("the year-earlier period", low)
    low = low.replace(" 1/2 ", " and a half ")
    low = re.sub(r"\bhalf an? (?=\w)", "0.5 ", low)  # "half a century", "half an hour"
    low = HALF_AFTER.sub(r"\1one and a half \2s", low)
    low = MORE_OF.sub(lambda m: "" if m[1] in words["number"] or m[1][0].isdigit() else "one ", low)
    low = IN_THE.sub(lambda m: f"{m[1]} {'a' if m[2] == 'morning' else 'p'}.m.", low)
    found = numeric(low)
    if found:
        return found
    if m := re.fullmatch(r"(post|pre)-(\d{3})(\d)(s?)", low):  # "post-1959 politics", "pre-1990s"
        value = m[2] if m[4] else m[2] + m[3]
        return "DATE", value, "AFTER" if m[1] == "post" else "BEFORE"
    mod = None
    while m := tables().mod_prefix.match(low):
        mod, low = words["mod"][m[1]], low[m.end() :]
    if m := re.search(r" (or later|and beyond)$", low):
        mod, low = "ON_OR_AFTER", low[: m.start()]
    if m := re.search(r"\b(\S+) to (?=\S+ \w+$)", low):  # "two to three weeks": at least two
        mod, low = (
            "EQUAL_OR_MORE",
            low[: m.start()] + m[1] + low[m.end() + len(low[m.end() :].split()[0]) :],
        )
    if mod == "APPROX" and low.startswith("the "):
        mod = None
    if " or so" in low:  # "a week or so ago", "the next two years or so"
        mod, low = "APPROX", low.replace(" or so", "")
    bare = low.removeprefix("right ").removeprefix("the ")
    if bare in ("fall", "spring"):  # the verb and the noun far outnumber the seasons
        return None
    if low.startswith("the week of "):  # "the week of March 6": the ISO week holding that day
        day = day_of(low.removeprefix("the week of "), dct, tense, words)
        return (
            ("DATE", week_of(dt.date.fromisoformat(day)), mod) if day and "X" not in day else None
        )
    low = DAY_STEP.get(low, low)
    if (m := DAY_BEFORE_DAY.fullmatch(low)) and m[2] not in ("yesterday", "tomorrow"):
        # "the day before last tuesday", "the day after christmas": one day from it
        named = find_word(m[2], m[2], dct, tense, words)
        day = named[1] if named else day_of(m[2], dct, tense, words)
        if day is None or not re.fullmatch(r"[\dX]{4}-\d\d-[\dX]{2}", day) or "X" in day:
            return ("DATE", "XXXX-XX-XX", mod) if day else None
        step = dt.timedelta(days=-1 if m[1] == "before" else 1)
        return "DATE", (dt.date.fromisoformat(day) + step).isoformat(), mod
    if m := re.fullmatch(r"the (\d{1,2})(?:st|nd|rd|th)", low):  # "on the 18th"
        value = day_of_month(int(m[1]), dct, tense)
        return ("DATE", value, mod) if value else None
    if (m := NTH_OF_EVENT.fullmatch(low)) and (m[1] in words["ordinal"] or m[1][0].isdigit()):
        return (
            "DATE",
            shift(dct, unit_of(m[2]) or "D", 0) or "XXXX-XX-XX",
            mod,
        )  # "the second day": today
    if m := LASTING.fullmatch(low):
        n = number(m[1].split(), words["number"]) if m[1] else 1
        unit = unit_of(m[2])
        return ("DURATION", duration("X" if m[3] else n, unit), mod) if unit and n else None
    found = find_word(bare, low, dct, tense, words)
    found = found or time_of_day(low, dct, tense, words)
    if found:
        return found[0], found[1], found[2] or mod
    value = None
    kind = "DATE"
    low = TWO_QUARTERS.sub(lambda m: f"{m[1]}{'first' if m[2] == 'first' else 'second'} half", low)
    if m := OF_YEAR.fullmatch(low):
        low = f"{m[2].replace('the', 'this')} year's {m[1]}"
    if re.search(r"\b(quarter|half)\b", low) and not re.search(NOT_QUARTER, low):
        ended = (
            None if ref else ended_quarter(low, after, dct, words)
        )  # a fiscal quarter named wins
        value = ended or quarter_value(low, dct, ref, words)
        value = part_by_tense(value, low, dct, tense)
    elif re.search(r"(?<![\d.] )year[- ](earlier|ago)$", low) or re.search(
        r"year[- ](earlier|ago) (period|quarter)", low
    ):
        value = (
            quarter_value("year-earlier quarter", dct, ref, words) if ref else shift(dct, "Y", -1)
        )
    elif m := re.search(r"(?:(\d\d)(\d)0|'(\d)0)'?s\b", low):
        value = f"{m[1]}{m[2]}" if m[1] else f"{19 if int(m[3]) > 2 else 20}{m[3]}"
    elif m := re.search(r"(\d+)(?:st|nd|rd|th) century", low):
        value = f"{int(m[1]) - 1:02d}"
    elif re.search(r"\b(spring|summer|fall|autumn|winter)\b", low):
        value = season_value(low, dct, words)
    elif re.search(r"[a-z]", low.replace("fiscal", "")) and any(
        t in words["month"] for t in re.findall(r"[a-z]+", low)
    ):
        value = day_of(low, dct, tense, words) or month_value(low, dct, tense, words)
    elif m := re.fullmatch(r"(?:fiscal )?(\d{4})", low):
        value = m[1]
    elif "weekend" in low:  # "this past weekend", "next weekend", "over the weekend" (by tense)
        rel = (
            "last"
            if re.search(r"\b(?:past|last)\b", low)
            else "next"
            if re.search(r"\b(?:next|coming)\b", low)
            else None
        )
        day = nearest_weekday(dct, 6, tense, rel) if dct else None
        value = f"{week_of(day)}-WE" if day else "XXXX-WXX-WE"
    elif re.search(r"year(?:[- ]|'s )end", low):  # "since year-end": the end of the year gone
        value = shift(dct, "Y", -1 if tense == PAST else 0)
        mod = "END"
    elif low in ("the month", "the week") and mod in ("START", "MID", "END"):
        value = shift(dct, "M" if low == "the month" else "W", 0)  # "by the end of the month"
    elif m := re.fullmatch(YEAR_PHRASE, low):
        if YEAR_ENDED.match(after):  # "the year ended Sept. 30" is a twelve-month span
            return "DURATION", "P1Y", mod
        value = m[2] or shift(dct, "Y", YEAR_STEP.get(m[1] or "", 0)) or "XXXX"
    elif day := day_of(low, dct, tense, words):
        value = day
    else:
        found = relative(low, dct, ref, anchor, words)
        if found is None:
            return None
        kind, value = found[0], found[1]
    return (kind, value, mod) if value else None


# a calendar quarter or half named by its ordinal (not a fiscal one, nor "the quarter" reported on)
ORDINAL_PART = re.compile(r"^(?!.*fiscal).*\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\b")


def part_by_tense(
    value: str | None, low: str, dct: dt.date | None, tense: str | None
) -> str | None:
    """A quarter or half of the DCT's year not yet begun, told in the past, is last year's ("reported
    a loss for the fourth quarter" in January); a quarter over before the last, told in the future,
    is next year's ("expected to close in the first quarter" in December; the quarter just ended is
    the one results are "expected" for)."""
    m = re.fullmatch(r"(\d{4})-([QH])(\d)", value or "")
    if not (m and dct and int(m[1]) == dct.year) or re.search(r"\d{4}|year", low):
        return value
    current = (dct.month - 1) // (3 if m[2] == "Q" else 6) + 1
    if tense == PAST and int(m[3]) > current:
        return f"{dct.year - 1:04d}-{m[2]}{m[3]}"
    if tense == FUTURE and int(m[3]) < current - 1 and ORDINAL_PART.search(low):
        return f"{dct.year + 1:04d}-{m[2]}{m[3]}"
    return value


def ended_quarter(
    low: str, after: str, dct: dt.date | None, words: dict[str, dict[str, str]]
) -> str | None:
    """The calendar quarter of "the quarter ended July 31" (Q2): May to July is mostly Q2."""
    m = QUARTER_ENDED.match(after)
    if not (m and m[1].lower() in words["month"] and QUARTER_ONLY.fullmatch(low)):
        return None
    month = int(words["month"][m[1].lower()])
    if m[2]:
        year = int(m[2])
    elif dct:
        year = year_for(dct, month, 28, PAST)
    else:
        return None
    middle = date_shift(year, month, -1)  # the middle month of the three
    return f"{middle[0]:04d}-Q{(middle[1] - 1) // 3 + 1}"


def date_shift(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) `n` months from the given one."""
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def find_word(
    bare: str, low: str, dct: dt.date | None, tense: str | None, words: dict[str, dict[str, str]]
) -> Result | None:
    """One-word expressions: now, recently, daily, every week, Christmas, the past, the future."""
    if low == "a while":  # "for a while": a span of no stated length
        return "DURATION", "PXX", None
    if bare in words["ref"] or low in PHRASE_REFS:
        return "DATE", words["ref"].get(bare) or PHRASE_REFS[low], None
    if bare in words["set"]:
        return "SET", words["set"][bare], None
    if bare == "annual":  # "an annual press conference" (the grammar asks for the event noun)
        return "SET", "P1Y", None
    if m := re.fullmatch(r"(?:every|each|per) (?:(\w+) )?(\w+)", low):
        if m[2] in words["weekday"] and m[1] in (None, "other"):
            return "SET", f"XXXX-WXX-{words['weekday'][m[2]]}", None
        if m[2].rstrip(".") in words["month"] and m[1] is None:  # "each July"
            return "SET", f"XXXX-{int(words['month'][m[2].rstrip('.')]):02d}", None
        if m[2] in words["season"] and m[1] is None:  # "each summer"
            return "SET", f"XXXX-{words['season'][m[2]]}", None
        if m[2] in PARTS and m[1] is None:  # "every morning", "each night"
            return "SET", f"XXXX-XX-XXT{PARTS[m[2]]}", None
        if m[2] == "season" and m[1] is None:  # "each season": a sports or school season, yearly
            return "SET", "P1Y", None
        n = 2 if m[1] == "other" else number([m[1]], words["number"]) if m[1] else 1
        unit = unit_of(
            m[2]
        )  # "every week", "every other week", "every six weeks", "every few months"
        return ("SET", duration(n, unit), None) if unit and n else None
    if bare.endswith("days") and bare[:-1] in words["weekday"]:  # "closed on Sundays"
        return "SET", f"XXXX-WXX-{words['weekday'][bare[:-1]]}", None
    if m := re.match(r"(last|next|this) (?=.)", low):  # "last Thanksgiving", "next Christmas"
        low, tense = low[m.end() :], {"last": PAST, "next": FUTURE}.get(m[1], tense)
    if (week := low.removesuffix(" week")) != low and week in words["holiday"]:
        found = holiday(week, dct, None, words)  # "Easter week": the week holding the nearest one
        return (
            "DATE",
            week_of(dt.date.fromisoformat(found)) if "X" not in found else "XXXX-WXX",
            None,
        )
    if low in words["holiday"]:
        return "DATE", holiday(low, dct, tense, words), None
    return None


def holiday(
    name: str, dct: dt.date | None, tense: str | None, words: dict[str, dict[str, str]]
) -> str:
    """The day of a holiday: "12-25"; "11-22+4" is the first Thursday from Nov. 22 on; "E-2" two
    days before Easter Sunday."""
    rule = words["holiday"][name]
    if rule[0] == "E":
        return easter_day(int(rule[1:]), dct, tense)
    m = re.fullmatch(r"(\d\d)-(\d\d)(?:\+(\d))?", rule)
    month, day = int(m[1]), int(m[2])
    if dct is None:
        return f"XXXX-{month:02d}-{'XX' if m[3] else f'{day:02d}'}"
    date = dt.date(year_for(dct, month, day, tense), month, day)
    if m[3]:
        date += dt.timedelta(days=(int(m[3]) - date.isoweekday()) % 7)
    return date.isoformat()


def easter_day(offset: int, dct: dt.date | None, tense: str | None) -> str:
    """The day `offset` days from (Western) Easter Sunday in the year the tense points to: the last
    one in the past, the next one in the future, else the one nearest the DCT."""
    from dateutil.easter import easter

    if dct is None:
        return "XXXX-XX-XX"
    days = [
        easter(year) + dt.timedelta(days=offset) for year in (dct.year - 1, dct.year, dct.year + 1)
    ]
    if tense == PAST:
        return max(d for d in days if d <= dct).isoformat()
    if tense == FUTURE:
        return min(d for d in days if d >= dct).isoformat()
    return min(days, key=lambda d: abs((d - dct).days)).isoformat()

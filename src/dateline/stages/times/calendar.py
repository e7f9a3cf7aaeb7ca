"""Anchor dates to the DCT: calendar steps, weeks, weekdays and months by tense, days, clock
times, seasons and quarters."""

from __future__ import annotations

import datetime as dt
import re

from dateline.resources import time_words
from dateline.stages.times.words import FUTURE, PAST, Result

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_CLOCK = re.compile(r"(\d{1,2})(?::(\d\d))?\s*([ap])\.?m\b\.?|\bnoon\b|\bmidday\b|\bmidnight\b")
# Each unit's value when there is no DCT to count from.
_UNKNOWN = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX", "Q": "XXXX-QX"}
_UNKNOWN |= {"DE": "XXX", "CE": "XX", "HALF": "XXXX-HX"}
# The parts of the day by their TIMEX3 codes ("morning": MO); "tonight" is tonight's night.
PARTS = {w: v for w, v in time_words()["partofday"].items() if not v.startswith("T")}
PARTS["tonight"] = "NI"


def shift(dct: dt.date | None, unit: str, n: int) -> str | None:
    """The calendar unit `n` steps from the DCT, at that unit's granularity (XXXX without a DCT)."""
    if dct is None:
        return _UNKNOWN.get(unit)
    if unit == "Y":
        return f"{dct.year + n:04d}"
    if unit in ("M", "Q", "HALF"):
        size = {"M": 1, "Q": 3, "HALF": 6}[unit]
        index = dct.year * (12 // size) + (dct.month - 1) // size + n
        year, part = divmod(index, 12 // size)
        return (
            f"{year:04d}-"
            + {"M": f"{part + 1:02d}", "Q": f"Q{part + 1}", "HALF": f"H{part + 1}"}[unit]
        )
    if unit in ("W", "D"):
        day = dct + dt.timedelta(days=n * (7 if unit == "W" else 1))
        return week_of(day) if unit == "W" else day.isoformat()
    if unit == "DE":
        return f"{dct.year // 10 + n:03d}"
    if unit == "CE":
        return f"{dct.year // 100 + n:02d}"
    return None


def anchor_of(value: str) -> dt.date | None:
    """The first day of a DATE value's period (2024-08 -> 2024-08-01), to count "the following" from."""
    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q(\d)|-W(\d\d))?(?:$|T)", value)
    if not m:
        return None
    if m[5]:
        return dt.date.fromisocalendar(int(m[1]), int(m[5]), 1)
    month = int(m[2]) if m[2] else (int(m[4]) - 1) * 3 + 1 if m[4] else 1
    return dt.date(int(m[1]), month, int(m[3] or 1))


def week_of(day: dt.date) -> str:
    """The ISO week holding `day`, as TIMEX3 writes it (2013-W11)."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def nearest_weekday(dct: dt.date, weekday: int, tense: str | None, rel: str | None) -> dt.date:
    """The weekday (1 = Monday) meant from the DCT: before it in the past, after it in the future."""
    back = (dct.isoweekday() - weekday) % 7
    ahead = (weekday - dct.isoweekday()) % 7
    if rel == "last":
        return dct - dt.timedelta(days=back or 7)
    if rel == "next":
        return dct + dt.timedelta(days=ahead or 7)
    if tense == PAST or (tense is None and rel is None):
        return dct - dt.timedelta(days=back)
    return dct + dt.timedelta(days=ahead)


def year_for(dct: dt.date, month: int, day: int, tense: str | None) -> int:
    """The year of a month (and day) given without one: the last in the past, the next in the
    future, else the nearest."""
    when, here = (month, day), (dct.month, dct.day if day else 0)
    distance = (month - dct.month) * 31 + ((day or 15) - (dct.day if day else 15))
    if tense == PAST:  # a few weeks ahead is still this year's; two months or more, last year's
        return dct.year - (when > here and distance >= 62)
    if tense == FUTURE:
        return dct.year + (when < here and distance < -62)
    return dct.year - (distance > 180) + (distance < -240)  # news looks back more than ahead


# "this past Sunday" is the last one, "this coming Sunday" the next.
_REL_DAY = dict.fromkeys(("last", "past", "previous", "preceding"), "last")
_REL_DAY |= dict.fromkeys(("next", "coming", "following"), "next")


def day_of(
    low: str, dct: dt.date | None, tense: str | None, words: dict[str, dict[str, str]]
) -> str | None:
    """The day a phrase names: a weekday, "Feb. 25, 2022", "25 February", today or yesterday."""
    tokens = re.findall(r"[a-z]+|\d+", low)
    rel = next((_REL_DAY[t] for t in tokens if t in _REL_DAY), None)
    months = [int(words["month"][t]) for t in tokens if t in words["month"]]
    days = [int(t) for t in tokens if t.isdigit() and len(t) <= 2 and 0 < int(t) <= 31]
    years = [int(t) for t in tokens if len(t) == 4 and t.isdigit()]
    if months and days:
        if years:
            year = years[0]
        elif dct is None:
            return f"XXXX-{months[0]:02d}-{days[0]:02d}"
        else:
            year = year_for(dct, months[0], days[0], tense)
            # "last Oct. 23" is the one before the DCT, "next March 5" the one after
            when, today = (year, months[0], days[0]), (dct.year, dct.month, dct.day)
            year += (rel == "next" and when <= today) - (rel == "last" and when >= today)
            named = [int(words["weekday"][t]) for t in tokens if t in words["weekday"]]
            if named:  # "Sunday, March 24": the year next to it in which that day is a Sunday
                year = next(
                    (
                        y
                        for y in (year, year - 1, year + 1)
                        if weekday_of(y, months[0], days[0]) == named[0]
                    ),
                    year,
                )
        try:
            return dt.date(year, months[0], days[0]).isoformat()
        except ValueError:
            return None
    for token in tokens:
        if token in words["deictic"]:  # "the day before yesterday": one more day back
            step = (
                {"before": -1, "after": 1}.get(tokens[2], 0) if tokens[:2] == ["the", "day"] else 0
            )
            return shift(dct, "D", int(words["deictic"][token]) + step)
        if token in words["weekday"]:
            weekday = int(words["weekday"][token])
            if dct is None:
                return f"XXXX-WXX-{weekday}"
            return nearest_weekday(dct, weekday, tense, rel).isoformat()
    return None


def time_of_day(
    low: str, dct: dt.date | None, tense: str | None, words: dict[str, dict[str, str]]
) -> Result | None:
    """Clock times and parts of the day, on the day the phrase names or the DCT."""
    clock = _CLOCK.search(low)
    part = next((PARTS[t] for t in re.findall(r"[a-z]+", low) if t in PARTS), None)
    if clock is None and part is None:
        return None
    rest = (
        low[: clock.start()] + low[clock.end() :] if clock else low
    )  # "5 p.m. Nov. 9": 9 is the day
    day = day_of(rest, dct, tense, words) or shift(dct, "D", -1 if low.startswith("last") else 0)
    if clock is None:
        return "TIME", f"{day}T{part}", None
    if clock[0] in ("noon", "midday", "midnight"):
        return "TIME", f"{day}T{'24:00' if clock[0] == 'midnight' else '12:00'}", None
    hour = int(clock[1]) % 12 + (12 if clock[3] == "p" else 0)
    return "TIME", f"{day}T{hour:02d}:{clock[2] or '00'}", None


def month_value(
    low: str, dct: dt.date | None, tense: str | None, words: dict[str, dict[str, str]]
) -> str | None:
    """A month, with its year given or chosen by tense and "last"/"next"."""
    tokens = re.findall(r"[a-z]+|\d+", low)
    month = next((int(words["month"][t]) for t in tokens if t in words["month"]), None)
    if month is None:
        return None
    year = next((int(t) for t in tokens if len(t) == 4 and t.isdigit()), None)
    if year is None and dct is not None and tokens[-1] == "year":  # "June last year"
        year = dct.year + {"last": -1, "next": 1}.get(tokens[-2], 0)
    if year is None and dct is None:
        return f"XXXX-{month:02d}"
    if year is None:
        if "last" in tokens:  # in March, "last February" is a year back ("last month" is the other)
            year = dct.year - (month >= dct.month - 1)
        elif "next" in tokens:
            year = dct.year + (month <= dct.month + 1)
        elif "this" in tokens:
            year = dct.year
        else:
            year = year_for(dct, month, 0, tense)
    return f"{year:04d}-{month:02d}"


def season_value(low: str, dct: dt.date | None, words: dict[str, dict[str, str]]) -> str | None:
    """A season (2024-SU): the last finished one, the next to come, or this year's."""
    tokens = re.findall(r"[a-z]+|\d+", low)
    season = next((words["season"][t] for t in tokens if t in words["season"]), None)
    year = next((int(t) for t in tokens if len(t) == 4 and t.isdigit()), None)
    if season is None:
        return None
    if year is None and dct is None:
        return f"XXXX-{season}"
    if year is None:
        first, last = _SEASON_MONTHS[season]
        year = dct.year
        if "last" in tokens or "past" in tokens or "previous" in tokens:
            year -= dct.month <= last
        elif "next" in tokens or "coming" in tokens:
            year += dct.month >= first
    return f"{year:04d}-{season}"


def quarter_value(
    low: str, dct: dt.date | None, ref: str | None, words: dict[str, dict[str, str]]
) -> str | None:
    """Quarters and halves: "the third quarter", "third-quarter", "last year's first half"."""
    tokens = re.findall(r"[a-z]+|\d+", low.replace("year's", "years"))
    unit = "HALF" if "half" in tokens else "Q"
    ordinal = next((int(words["ordinal"][t]) for t in tokens if t in words["ordinal"]), None)
    ordinal = ordinal or next((int(t[:-2]) for t in re.findall(r"\d+(?:st|nd|rd|th)", low)), None)
    year = next((t for t in tokens if len(t) == 4 and t.isdigit()), None)
    year_given = year is not None or "years" in tokens  # "the 1988 quarter", "last year's quarter"
    if year is None:
        offset = -1 if {"last", "years"} <= set(tokens) or "previous" in tokens else 0
        offset += 1 if {"next", "years"} <= set(tokens) else 0
        year = shift(dct, "Y", offset) if dct else "XXXX"
    latter = "latter" in tokens or "last" in tokens and "of" in low  # "the last half of 1989"
    if unit == "HALF" and ordinal is None and latter:
        ordinal = 2
    back = "year-earlier" in low or "year-ago" in low or "year earlier" in low
    if ordinal is not None and ordinal <= (2 if unit == "HALF" else 4):
        if back and not year_given and year != "XXXX":  # "the year-ago third quarter"
            year = f"{int(year) - 1:04d}"
        return f"{year}-{unit[0]}{ordinal}"
    if unit == "HALF" or ordinal is not None:
        return None
    if ref and re.fullmatch(r"\d{4}-Q\d", ref):  # the quarter the story is about
        if year_given:
            return f"{year}{ref[4:]}"
        if not {"this", "current", "next", "last", "previous"} & set(tokens):
            return f"{int(ref[:4]) - back:04d}{ref[4:]}"
    if year_given and not back:
        return year
    step = {"last": -1, "previous": -1, "latest": -1, "next": 1, "coming": 1}
    return shift(dct, "Q", sum(step.get(t, 0) for t in tokens) - 4 * back)


def weekday_of(year: int, month: int, day: int) -> int | None:
    """The ISO weekday (1 = Monday) of a day, None if there is no such day."""
    try:
        return dt.date(year, month, day).isoweekday()
    except ValueError:
        return None


def weekday_from(day: str, weekday: int, step: str) -> str:
    """The weekday (1 = Monday) nearest before `day` (after it, for "following")."""
    base = dt.date.fromisoformat(day)
    if step == "following":
        return (base + dt.timedelta(days=(weekday - base.isoweekday()) % 7 or 7)).isoformat()
    return (base - dt.timedelta(days=(base.isoweekday() - weekday) % 7 or 7)).isoformat()


def holiday(rule: str, dct: dt.date | None, tense: str | None) -> str:
    """The day of a holiday by its rule in the word table: "12-25"; "11-22+4" is the first Thursday
    from Nov. 22 on; "E-2" two days before Easter Sunday."""
    if rule[0] == "E":
        return _easter_day(int(rule[1:]), dct, tense)
    m = re.fullmatch(r"(\d\d)-(\d\d)(?:\+(\d))?", rule)
    month, day = int(m[1]), int(m[2])
    if dct is None:
        return f"XXXX-{month:02d}-{'XX' if m[3] else f'{day:02d}'}"
    date = dt.date(year_for(dct, month, day, tense), month, day)
    if m[3]:
        date += dt.timedelta(days=(int(m[3]) - date.isoweekday()) % 7)
    return date.isoformat()


def _easter_day(offset: int, dct: dt.date | None, tense: str | None) -> str:
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

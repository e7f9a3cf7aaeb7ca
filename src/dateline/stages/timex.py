"""Normalise one matched time expression to a TIMEX3 type, value and mod against the DCT."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from dateline.resources import rows

# Tense of the clause around an expression decides which "August" or "Friday" is meant.
PAST, PRESENT, FUTURE = "past", "present", "future"
EDGES = ("START", "MID", "END")


@dataclass(frozen=True)
class Tables:
    """The word tables from resources/times_words.tsv, by kind, and the mod-prefix regex."""

    words: dict[str, dict[str, str]]
    mod_prefix: re.Pattern[str]


def alt(words: list[str]) -> str:
    """A regex alternation of `words`, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def tables() -> Tables:
    """Load the word tables once per process."""
    words: dict[str, dict[str, str]] = {}
    for row in rows("times_words.tsv"):
        words.setdefault(row["kind"], {})[row["word"]] = row["value"]
    return Tables(words, re.compile(rf"(?:the )?({alt(list(words['mod']))})(?: of)? "))


# ---- dates and granularities -------------------------------------------------------------

UNIT_WORDS = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W",
    "fortnight": "FN", "month": "M", "quarter": "Q", "half": "HALF", "year": "Y", "decade": "DE",
    "centur": "CE", "millenni": "MIL",
}  # fmt: skip
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def shift(dct: dt.date | None, unit: str, n: int) -> str | None:
    """The calendar unit `n` steps from the DCT, at that unit's granularity (XXXX without a DCT)."""
    if dct is None:
        blank = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX", "Q": "XXXX-QX",
                 "DE": "XXX", "CE": "XX", "HALF": "XXXX-HX"}  # fmt: skip
        return blank.get(unit)
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
    if (
        tense == PAST
    ):  # a date a few weeks ahead in a past-tense clause is usually still this year's
        return dct.year - (when > here and distance > 62)
    if tense == FUTURE:
        return dct.year + (when < here and distance < -62)
    return dct.year - (distance > 120) + (distance < -240)  # news looks back more than ahead


# ---- numbers and durations ---------------------------------------------------------------


def number(words: list[str], table: dict[str, str]) -> float | str | None:
    """Read "four and a half", "twenty-four", "a hundred", "18" or "a few" (X) as a number."""
    text = " ".join(words).replace("-", " ")
    half = text.endswith("and a half")
    tokens = [t for t in text.removesuffix("and a half").split() if t not in ("and", "of")]
    total = 0.0
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token in ("a", "an") and (
            nxt[:1].isdigit() or nxt in table and nxt not in ("hundred", "thousand", "dozen")
        ):
            continue
        value = (
            token.replace(",", "") if re.fullmatch(r"[\d,]+(?:\.\d+)?", token) else table.get(token)
        )
        if value is None:
            return None
        if value == "X":
            return "X"
        if float(value) in (100.0, 1000.0, 12.0) and token != "12":
            total = (total or 1) * float(value)
        else:
            total += float(value)
    if half:
        total += 0.5
    return total if tokens else None


def fmt(n: float) -> str:
    """2.0 -> '2', 4.5 -> '4.5'."""
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration(n: float | str, unit: str) -> str:
    """A TIMEX3 duration value: P4Y, PT4.5H, P20Y for two decades, PXY for a few years."""
    if unit in ("H", "MIN", "S"):
        code = {"H": "H", "MIN": "M", "S": "S"}[unit]
        if n == 0.5 and unit == "H":
            return "PT30M"
        return f"PT{n if n == 'X' else fmt(n)}{code}"
    scale = {"DE": 10, "CE": 100, "MIL": 1000, "FN": 2, "Q": 3}.get(unit, 1)
    code = {"DE": "Y", "CE": "Y", "MIL": "Y", "FN": "W", "HALF": "M", "Q": "M"}.get(unit, unit)
    if unit == "HALF":
        scale = 6
    if n == "X":
        return {"DE": "PXDE", "CE": "PXCE"}.get(unit, f"PX{code}")
    return f"P{fmt(float(n) * scale)}{code}"


def unit_of(word: str) -> str | None:
    """The unit code of a unit word ("years" -> Y)."""
    for stem, code in UNIT_WORDS.items():
        if word.startswith(stem):
            return code
    return None


# ---- reading one expression ----------------------------------------------------------------

Result = tuple[str, str, str | None]
SPOKEN_UNITS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
SPOKEN_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
SPOKEN_YEAR_END = (
    rf"(?:{SPOKEN_TENS})(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|{SPOKEN_UNITS}"
)
DECADE_STEMS = ("twen", "thir", "for", "fif", "six", "seven", "eigh", "nine")
CLOCK = re.compile(r"(\d{1,2})(?::(\d\d))?\s*([ap])\.?m\b\.?|\bnoon\b|\bmidday\b|\bmidnight\b")
PARTS = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "tonight": "NI",
}
PHRASE_REFS = {"the past": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
               "the distant future": "FUTURE_REF", "these days": "PRESENT_REF"}  # fmt: skip
# Quarters counted ("two quarters") or beside another unit are durations, not calendar quarters;
# "second quarter", "year-ago quarter" and "last year's quarter" are calendar quarters.
NOT_QUARTER = r"\b(?:two|three|several|few|seconds|minutes?|hours?|days?|weeks?|months?|years?)\b(?![-'])|\b\d{1,3}\b"
ANAPHORIC = {"following", "previous", "prior", "same", "that"}
REL_SHIFT = {"that": 0, "this": 0, "current": 0, "same": 0, "latest": 0, "last": -1, "previous": -1, "prior": -1,
             "past": -1, "next": 1, "coming": 1, "following": 1}  # fmt: skip


YEAR_PHRASE = r"(?:the )?(?:(?:current|full|fiscal|calendar|entire|whole)[ -])*year(?: (\d{4}))?"
YEAR_ENDED = re.compile(r"\s+end(?:ed|ing)\b")


def spoken_years(low: str, words: dict[str, dict[str, str]]) -> str:
    """Years and decades said in words as digits: "nineteen ninety-six", "the year two thousand", "the
    nineties"."""
    if not re.search(r"nineteen|eighteen|thousand|ties\b", low):
        return low
    value = {w: int(float(v)) for w, v in words["number"].items() if v.replace(".", "").isdigit()}

    def year(m: re.Match[str]) -> str:
        if m[1] == "two thousand":
            return str(2000 + sum(value.get(w, 0) for w in re.findall(r"[a-z]+", m[2] or "")))
        rest = re.findall(r"[a-z]+", m[2])
        return f"{value[m[1]]}{sum(value.get(w, 0) for w in rest):02d}"

    low = re.sub(rf"\b(eighteen|nineteen)[ -]({SPOKEN_YEAR_END})\b", year, low)
    low = re.sub(rf"\b(two thousand)(?:[ -](?:and )?({SPOKEN_UNITS}))?\b", year, low)
    return re.sub(r"\bthe (?:nineteen[ -])?(twen|thir|for|fif|six|seven|eigh|nine)ties\b",
                  lambda m: f"the 19{DECADE_STEMS.index(m[1]) + 2}0s", low)  # fmt: skip


def full_year(text: str) -> int:
    """Two-digit years as news uses them: 89 -> 1989, 05 -> 2005."""
    year = int(text)
    return year if year > 99 else year + (1900 if year > 40 else 2000)


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


def day_of(
    low: str, dct: dt.date | None, tense: str | None, words: dict[str, dict[str, str]]
) -> str | None:
    """The day a phrase names: a weekday, "Feb. 25, 2022", "25 February", today or yesterday."""
    tokens = re.findall(r"[a-z]+|\d+", low)
    rel = next((t for t in tokens if t in ("last", "next")), None)
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
        try:
            return dt.date(year, months[0], days[0]).isoformat()
        except ValueError:
            return None
    for token in tokens:
        if token in words["deictic"]:
            return shift(dct, "D", int(words["deictic"][token]))
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
    clock = CLOCK.search(low)
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
        first, last = SEASON_MONTHS[season]
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
    from_event = {"later", "earlier"} & set(tail) and unit in ("D", "W", "FN", "M")
    if direction and unit not in ("H", "MIN", "S") and not from_event:
        if n == "X" or n is None:
            return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", None
        steps = int(float(n) * {"DE": 10, "CE": 100, "FN": 2}.get(unit, 1))
        grain = {"DE": "Y", "CE": "Y", "FN": "W", "MIL": "Y"}.get(unit, unit)
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
    if rels[-1] in ANAPHORIC:  # "the following year" counts from the date the story last named
        return (
            ("DATE", shift(anchor or dct, unit, REL_SHIFT[rels[-1]]), None)
            if anchor or dct
            else None
        )
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
    low = re.sub(r"\s+", " ", text.lower()).replace("mid-", "mid ")
    low = re.sub(r"^the year (?=\d{4}$)", "", spoken_years(low, words))
    low = re.sub(r"\b(latest|\d{4}) period$", r"\1 quarter", low)
    low = low.replace(" 1/2 ", " and a half ")
    found = numeric(low)
    if found:
        return found
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
    found = find_word(bare, low, dct, tense, words)
    found = found or time_of_day(low, dct, tense, words)
    if found:
        return found[0], found[1], found[2] or mod
    value = None
    kind = "DATE"
    if re.search(r"\b(quarter|half)\b", low) and not re.search(NOT_QUARTER, low):
        value = quarter_value(low, dct, ref, words)
    elif re.search(r"year[- ](earlier|ago)$", low) or re.search(
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
    elif "weekend" in low:
        day = nearest_weekday(dct, 6, tense, None) if dct else None
        value = f"{week_of(day)}-WE" if day else "XXXX-WXX-WE"
    elif re.search(r"year[- ]end", low):
        value = shift(dct, "Y", 0)
        mod = "END"
    elif m := re.fullmatch(YEAR_PHRASE, low):
        if YEAR_ENDED.match(after):  # "the year ended Sept. 30" is a twelve-month span
            return "DURATION", "P1Y", mod
        value = m[1] or shift(dct, "Y", 0) or "XXXX"
    elif day := day_of(low, dct, tense, words):
        value = day
    else:
        found = relative(low, dct, ref, anchor, words)
        if found is None:
            return None
        kind, value = found[0], found[1]
    return (kind, value, mod) if value else None


def find_word(
    bare: str, low: str, dct: dt.date | None, tense: str | None, words: dict[str, dict[str, str]]
) -> Result | None:
    """One-word expressions: now, recently, daily, every week, Christmas, the past, the future."""
    if bare in words["ref"] or low in PHRASE_REFS:
        return "DATE", words["ref"].get(bare) or PHRASE_REFS[low], None
    if bare in words["set"]:
        return "SET", words["set"][bare], None
    if m := re.fullmatch(r"(?:every|each|per) (other )?(\w+)", low):
        if m[2] in words["weekday"]:
            return "SET", f"XXXX-WXX-{words['weekday'][m[2]]}", None
        unit = unit_of(m[2])
        return ("SET", duration(2 if m[1] else 1, unit), None) if unit else None
    if low in words["holiday"] or low.startswith("thanksgiving"):
        if low.startswith("thanksgiving"):
            if dct is None:
                return "DATE", "XXXX-11-XX", None
            first = dt.date(year_for(dct, 11, 25, tense), 11, 1)
            return (
                "DATE",
                (first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)).isoformat(),
                None,
            )
        month, day = map(int, words["holiday"][low].split("-"))
        year = year_for(dct, month, day, tense) if dct else None
        return (
            "DATE",
            f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}",
            None,
        )
    return None

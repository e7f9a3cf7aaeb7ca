"""Time words and numbers: the word tables, spoken numbers and years, durations in TIMEX3 form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dateline.resources import time_words

# Tense of the clause around an expression decides which "August" or "Friday" is meant.
PAST, PRESENT, FUTURE = "past", "present", "future"
EDGES = ("START", "MID", "END")
# (type, value, mod) of one expression
Result = tuple[str, str, str | None]
_SPELLED = {w: int(v) for w, v in time_words()["number"].items() if int(v) < 100}
# "one" to "nineteen" and "twenty" to "ninety", as regex alternations in the table's order.
SPOKEN_UNITS = "|".join(w for w, v in _SPELLED.items() if v < 20)
SPOKEN_TENS = "|".join(w for w, v in _SPELLED.items() if v >= 20)
SPOKEN_YEAR_END = (
    rf"(?:{SPOKEN_TENS})(?:[\s-]+(?:{'|'.join(w for w, v in _SPELLED.items() if v < 10)}))?"
    rf"|{SPOKEN_UNITS}"
)
# "the nineties": the stem of each tens word before "-ties"
DECADE_STEMS = tuple(w.removesuffix("ty") for w, v in _SPELLED.items() if v >= 20)
# A time zone after a clock time ("5 p.m. EST", "10 a.m. ET", "14:00 GMT"), in capitals only.
ZONE = r"(?-i:[ECMP][SD]T|[ECMP]T|GMT|UTC)\b"


@dataclass(frozen=True)
class Tables:
    """The word tables from resources/times_words.tsv, by kind, and the mod-prefix regex."""

    words: dict[str, dict[str, str]]
    mod_prefix: re.Pattern[str]
    spelled_day: re.Pattern[
        str
    ]  # a spelled ordinal next to a month ("march eighth", "eighth of march")


def alt(words: list[str]) -> str:
    """A regex alternation of `words`, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def tables() -> Tables:
    """Load the word tables once per process."""
    table = time_words()
    kinds = {kind: words for kind, words in table.items() if kind != "amount"}
    words = {**kinds, "number": {**table["number"], **table["amount"]}}
    months, ordinals = alt(list(words["month"])), alt(list(words["ordinal"]))
    spelled_day = re.compile(
        rf"\b(?:((?:{months})\.? )({ordinals})|({ordinals})( of (?:{months})))\b"
    )
    return Tables(
        words,
        re.compile(rf"(?:the )?({alt(list(words['mod']))})(?: of| in(?= the))? "),
        spelled_day,
    )


# The unit code of each unit word's stem ("centur" for century and centuries), in the order tried.
_UNIT_STEMS = {
    "second": "S",
    "minute": "MIN",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "fortnight": "FN",
    "month": "M",
    "quarter": "Q",
    "half": "HALF",
    "year": "Y",
    "decade": "DE",
    "centur": "CE",
    "millenni": "MIL",
}


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
    for stem, code in _UNIT_STEMS.items():
        if word.startswith(stem):
            return code
    return None


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
    return re.sub(
        rf"\bthe (?:nineteen[ -])?({'|'.join(DECADE_STEMS)})ties\b",
        lambda m: f"the 19{DECADE_STEMS.index(m[1]) + 2}0s",
        low,
    )


def full_year(text: str) -> int:
    """Two-digit years as news uses them: 89 -> 1989, 05 -> 2005."""
    year = int(text)
    return year if year > 99 else year + (1900 if year > 40 else 2000)

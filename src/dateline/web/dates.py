"""TIMEX3 date values for readers: their real order and a readable form ("week 51, 2024")."""

from __future__ import annotations

import calendar
import datetime as dt
import re

# A value anchored in time: 2025, 2025-06, 2025-06-03(T...), 2024-W51(-1), 2025-Q1, 202 (a decade)
ANCHORED = re.compile(r"\d")
WEEK = re.compile(r"(\d{4}|XXXX)-W(\d\d|XX)(?:-(\d|WE))?")
PART = re.compile(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)")
MONTH_DAY = re.compile(r"(\d{4}|XXXX)-(\d\d|XX)(?:-(\d\d|XX))?(T.*)?")
PART_START = {
    "Q1": 1,
    "Q2": 4,
    "Q3": 7,
    "Q4": 10,
    "H1": 1,
    "H2": 7,
    "SP": 3,
    "SU": 6,
    "FA": 9,
    "WI": 12,
}
PART_NAME = {
    "H1": "first half of",
    "H2": "second half of",
    "SP": "spring",
    "SU": "summer",
    "FA": "autumn",
    "WI": "winter",
}
REFS = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
# The same order in SQL: a week or part of a year sorts at its first day; a value that is not
# anchored to a year (XXXX-WXX-1, PRESENT_REF) gives NULL, which the pages sort last.
SQL_KEY = """CASE
  WHEN {c} GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]*' THEN date(substr({c}, 1, 4) || '-01-04',
    '-6 days', 'weekday 1', '+' || ((CAST(substr({c}, 7, 2) AS INTEGER) - 1) * 7) || ' days')
  WHEN {c} GLOB '[0-9][0-9][0-9][0-9]-[QHSFW]*' THEN substr({c}, 1, 4) || '-' || CASE substr({c}, 6, 2)
    WHEN 'Q1' THEN '01' WHEN 'H1' THEN '01' WHEN 'Q2' THEN '04' WHEN 'SP' THEN '03'
    WHEN 'SU' THEN '06' WHEN 'Q3' THEN '07' WHEN 'H2' THEN '07' WHEN 'FA' THEN '09'
    WHEN 'Q4' THEN '10' WHEN 'WI' THEN '12' ELSE '01' END
  WHEN {c} GLOB '[0-9]*' THEN {c}
  END"""


def sql_key(column: str) -> str:
    """An SQL expression that sorts the dates in `column` by their real value (NULL: unanchored)."""
    return "(" + SQL_KEY.format(c=column) + ")"


def _week_start(year: int, week: int) -> dt.date | None:
    try:
        return dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


def sort_key(value: str | None) -> str | None:
    """The value's first day (or the value, for a plain date) as sortable text; None if unanchored."""
    if not value or not ANCHORED.match(value):
        return None
    if m := WEEK.fullmatch(value):
        start = _week_start(int(m[1]), int(m[2])) if m[2] != "XX" else None
        return start.isoformat() if start else value[:4]
    if m := PART.match(value):
        return f"{m[1]}-{PART_START[m[2]]:02d}"
    return value


def readable(value: str | None) -> str:
    """A TIMEX3 value as a reader would say it: 2024-W51 -> "week 51, 2024";
    XXXX-WXX-1 -> "a Monday (date unknown)"; 2025-06 -> "June 2025"; plain dates stay ISO."""
    if not value:
        return ""
    if value in REFS:
        return REFS[value]
    if m := WEEK.fullmatch(value):
        year, week, day = m[1], m[2], m[3]
        if day and day != "WE":
            what = "a " + calendar.day_name[int(day) - 1] if 1 <= int(day) <= 7 else "a day"
        elif day == "WE":
            what = "the weekend"
        else:
            what = ""
        if week == "XX" or year == "XXXX":
            where = f"week {int(week)}" if week != "XX" else ""
            parts = [p for p in (what, f"of {where}" if what and where else where) if p]
            return " ".join(parts or ["a week"]) + " (date unknown)"
        return f"{what + ' of ' if what else ''}week {int(week)}, {year}"
    if m := PART.match(value):
        return f"{m[2]} {m[1]}" if m[2][0] == "Q" else f"{PART_NAME[m[2]]} {m[1]}"
    if m := MONTH_DAY.fullmatch(value):
        year, month, day, time = m[1], m[2], m[3], m[4]
        if year != "XXXX" and month != "XX" and (day is None or day != "XX"):
            if day is None and 1 <= int(month) <= 12:
                return f"{calendar.month_name[int(month)]} {year}"
            return value  # a full date (and time) reads well as it is
        month_name = (
            calendar.month_name[int(month)] if month != "XX" and 1 <= int(month) <= 12 else ""
        )
        said = " ".join(
            p for p in ((str(int(day)) if day and day != "XX" else ""), month_name) if p
        )
        if year != "XXXX":
            return f"{said} {year}".strip()
        return f"{said or 'a day'}{' ' + time[1:] if time else ''} (year unknown)"
    if re.fullmatch(r"\d{3}", value):
        return f"the {value}0s"
    if re.fullmatch(r"\d{2}", value):
        return f"the {int(value) + 1}th century"
    if value.startswith("X"):
        return f"{value} (date unknown)"
    return value

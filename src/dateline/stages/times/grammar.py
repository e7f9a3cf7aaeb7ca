"""The span grammar of the times stage: the rules' patterns in order, one named group each.

A rule's pattern is a regex that may name fragments in braces ("{month}", "{year}"); the fragments
are built here from the word tables. A match is read by the rule whose group matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from dateline.stages.times.context import Context
from dateline.stages.times.rules import RULES, TimeRule
from dateline.stages.times.words import (
    DECADE_STEMS,
    EDGES,
    SPOKEN_UNITS,
    SPOKEN_YEAR_END,
    ZONE,
    Result,
    alt,
    tables,
)

# Word tables of context words, never the first word of an expression ("annual congress", "current
# policies", "children 6 months and older").
_AFTER_ONLY = ("annual", "person", "in_force", "measure")
# First words of expressions beyond those the word tables give (added to these in the grammar).
_FIRST_WORDS = (
    "the this that these last next past previous coming following same prior latest recent final "
    "every each per right fiscal years decades centuries months weeks days hours minutes seconds "
    "sometime post pre then another annual yearly mondays tuesdays wednesdays thursdays fridays "
    "saturdays sundays"
)
# Weekday abbreviations are read only with their full stop ("Wed."), month ones also before a day
# number ("Sept 5"); "Sat." and "Sun." are not read as days.
_NO_WEEKDAY_ABBREVIATION = ("sat", "sun")
_FRAGMENT = re.compile(r"\{([a-z_]+)\}")


def _first_names(table: dict[str, str]) -> list[str]:
    """The first word given for each value: the full name ("september", not "sept")."""
    seen: dict[str, str] = {}
    for word, value in table.items():
        seen.setdefault(value, word)
    return list(seen.values())


def _calendar_names(words: dict[str, dict[str, str]]) -> dict[str, str]:
    """Months and weekdays, written out in title or upper case, abbreviated with their marks."""
    full = _first_names(words["month"])
    names = [w.capitalize() for w in full if w != "may"]  # "may" is the verb unless capitalised
    short = [w.capitalize() for w in words["month"] if w not in full]
    month = "(?-i:" + "|".join(names + [n.upper() for n in names]) + "|May|MAY"
    month += rf"|(?:{'|'.join(short)})(?:\.|(?=\s+\d)))"
    full = _first_names(words["weekday"])
    days = [w.capitalize() for w in full]
    short = [
        w.capitalize()
        for w in words["weekday"]
        if w not in full and w not in _NO_WEEKDAY_ABBREVIATION
    ]
    weekday = rf"(?-i:{'|'.join(days + [d.upper() for d in days])}|(?:{'|'.join(short)})\.)"
    return {"month": month, "weekday": weekday}


def _numbers(words: dict[str, dict[str, str]]) -> dict[str, str]:
    """Counts ("four and a half", "twenty-four", "12,000"), ordinals and years."""
    num = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{alt(list(words['number']))}))"
    more = rf"(?!(?:a|an)\b){num}"  # "twenty-four", "a hundred"; not "seven a (year ago)"
    num = (
        rf"(?:half\s+an?|{num}(?:[\s-]+{more})*(?:\s+1/2|\s+and\s+a\s+half)?"
        rf"(?:\s+to\s+{num})?(?:\s+of)?)"
    )
    ordinal = rf"(?:{alt(list(words['ordinal']))}|\d+(?:st|nd|rd|th))"
    return {
        "num": num,
        "ordinal": ordinal,
        "day_n": rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{alt(list(words['ordinal']))})",
        "year": rf"(?:1[89]\d\d|20\d\d|(?:eighteen|nineteen)[\s-]+(?:{SPOKEN_YEAR_END}))",
        "spoken_units": SPOKEN_UNITS,
        "decade_stems": "|".join(DECADE_STEMS),
    }


def _words(words: dict[str, dict[str, str]]) -> dict[str, str]:
    """Alternations of the word tables the rules name."""
    return {
        "mod": rf"(?:(?:{alt([w for w, v in words['mod'].items() if v not in EDGES])})\s+)",
        "holiday": alt(list(words["holiday"])),
        "annual_event": alt(list(words["annual"])),
        "present_word": alt([w for w in words["ref"] if " " not in w]),
        "rate_word": alt([w for w, v in words["set"].items() if v]),
    }


def _fragments(words: dict[str, dict[str, str]]) -> dict[str, str]:
    """Every fragment a rule may name, composed from the word tables."""
    frag = {**_calendar_names(words), **_numbers(words), **_words(words), "zone": ZONE}
    frag["unit"] = (
        r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?"
        r"|centur(?:y|ies)|millenni(?:um|a))"
    )
    frag["edge"] = r"(?:early|late|mid|earlier|later)"
    frag["rel"] = (
        r"(?:last|next|this|that|past|previous|coming|following|current|same|prior|latest"
        r"|recent|final|first)"
    )
    frag["part"] = r"(?:morning|afternoon|evening|night|overnight)"
    frag["around"] = _fill(
        r"(?:(?:the\s+)?{edge}[\s-]+(?:in\s+(?=the\s))?|the\s+(?:beginning|start|end|middle)\s+of\s+)",
        frag,
    )
    frag["clock"] = _fill(
        r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s+{zone})?|noon|midnight"
        r"|\d{1,2}(?::\d\d)?\s+(?:o'clock\s+)?in\s+the\s+(?:morning|afternoon|evening))",
        frag,
    )
    frag["month_day"] = _fill(
        r"(?:{month}\s+{day_n}(?:,?\s+{year})?|{day_n}\s+(?:of\s+)?{month}(?:,?\s+{year})?)", frag
    )
    frag["day"] = _fill(
        r"(?:(?:(?:this\s+)?(?:last|next|this|that|coming|past)\s+"
        r"|the\s+(?:previous|preceding|following)\s+)?{weekday}(?:,?\s+{month_day})?"
        r"|(?:(?:last|next|this)\s+)?{month_day}"
        r"|(?:the\s+day\s+(?:before|after)\s+)?(?:yesterday|tomorrow)|today|tonight)",
        frag,
    )
    return frag


def _fill(pattern: str, fragments: dict[str, str]) -> str:
    """The pattern with each "{name}" replaced by that fragment (regex counts like {1,2} stay)."""
    return _FRAGMENT.sub(lambda m: fragments[m[1]], pattern)


def group_name(rule: str) -> str:
    """The regex group of a rule ("same period last year" -> same_period_last_year)."""
    return re.sub(r"\W", "_", rule)


def _compile_grammar(
    rules: Iterable[tuple[str, str]], words: dict[str, dict[str, str]]
) -> re.Pattern[str]:
    """One regex of the (name, pattern) rules in order, each marked by a group named for it."""
    fragments = _fragments(words)
    # Each rule's alternative ends in an empty group named for it: the group that matched names
    # the rule, and an empty group at the end costs the scan nothing (one around it costs ~10%).
    body = "|".join(f"(?:{_fill(p, fragments)})(?P<{group_name(name)}>)" for name, p in rules)
    # Every expression starts with a digit or one of these words: a cheap test before the grammar.
    first = set(_FIRST_WORDS.split()) | {
        w.split()[0] for kind, table in words.items() if kind not in _AFTER_ONLY for w in table
    }
    first_word = rf"(?=\d|'\d|(?:{alt(sorted(first))})(?![a-z]))"
    # "March 12-13": the first day of a range ends the match before the dash
    range_end = r"(?:(?<=[a-z.]\s\d)|(?<=[a-z.]\s\d\d))(?=[-\u2013]\d\d?\b(?![-/]|\.\d))"
    # "the 2009-2010 season", "1957-58": the first year of a range ends the match before the dash
    range_end += r"|(?<=1[89]\d\d|20\d\d)(?=[-\u2013](?:\d\d|1[89]\d\d|20\d\d)\b(?![-/.]\d))"
    return re.compile(
        rf"(?<![\w$#.-]){first_word}(?:{body})(?:{range_end}|(?![\w%]|-\w|\s+old\b|\.\d))",
        re.IGNORECASE,
    )


@cache
def grammar() -> re.Pattern[str]:
    """The grammar of every rule in `rules.RULES`, compiled once per process."""
    return _compile_grammar(((r.name, r.pattern) for r in RULES), tables().words)


_BY_GROUP = {group_name(rule.name): rule for rule in RULES}


def rule_of(match: re.Match[str]) -> TimeRule:
    """The rule whose group matched."""
    return _BY_GROUP[match.lastgroup]


def read(text: str, context: Context) -> tuple[str, Result | None] | None:
    """The rule that matches all of `text` and what it reads there, or None if no rule does."""
    match = grammar().fullmatch(text)
    if match is None:
        return None
    rule = rule_of(match)
    return rule.name, rule.normalise(text, context)

"""The span grammar of the times stage: one ordered regex composed from the word tables."""

from __future__ import annotations

import re
from functools import cache

from dateline.stages.times.words import EDGES, SPOKEN_UNITS, SPOKEN_YEAR_END, ZONE, alt, tables

# Word tables of context words, never the first word of an expression ("annual congress", "current
# policies", "children 6 months and older").
AFTER_ONLY = ("annual", "person", "in_force", "measure")
# First words of expressions beyond those the word tables give (added to these in the grammar).
FIRST_WORDS = (
    "the this that these last next past previous coming following same prior latest recent final "
    "every each per right fiscal years decades centuries months weeks days hours minutes seconds "
    "sometime post pre then another annual yearly mondays tuesdays wednesdays thursdays fridays saturdays sundays"
)


def _build_pattern(words: dict[str, dict[str, str]]) -> re.Pattern[str]:
    """Compose the expression grammar from the word tables (one verbose regex, ordered)."""
    full_months = [
        w.capitalize() for w, v in words["month"].items() if len(w) > 4 or w in ("june", "july")
    ]
    month = "(?-i:" + "|".join(full_months + [m.upper() for m in full_months]) + "|May|MAY"
    month += r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|(?=\s+\d)))"
    names = [w.capitalize() for w in words["weekday"] if len(w) > 4]
    weekday = rf"(?-i:{'|'.join(names + [n.upper() for n in names])}|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri)\.)"
    num = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{alt(list(words['number']))}))"
    more = rf"(?!(?:a|an)\b){num}"  # "twenty-four", "a hundred"; not "seven a (year ago)"
    num = rf"(?:half\s+an?|{num}(?:[\s-]+{more})*(?:\s+1/2|\s+and\s+a\s+half)?(?:\s+to\s+{num})?(?:\s+of)?)"
    unit = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)|millenni(?:um|a))"
    ordinal = rf"(?:{alt(list(words['ordinal']))}|\d+(?:st|nd|rd|th))"
    mod = rf"(?:(?:{alt([w for w, v in words['mod'].items() if v not in EDGES])})\s+)"
    edge = r"(?:early|late|mid|earlier|later)"
    rel = r"(?:last|next|this|that|past|previous|coming|following|current|same|prior|latest|recent|final|first)"
    around = rf"(?:(?:the\s+)?{edge}[\s-]+(?:in\s+(?=the\s))?|the\s+(?:beginning|start|end|middle)\s+of\s+)"
    day_n = (
        rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{alt(list(words['ordinal']))})"  # "March 8", "March eighth"
    )
    year = rf"(?:1[89]\d\d|20\d\d|(?:eighteen|nineteen)[\s-]+(?:{SPOKEN_YEAR_END}))"
    part = r"(?:morning|afternoon|evening|night|overnight)"
    clock = (
        rf"(?:\d{{1,2}}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s+{ZONE})?|noon|midnight"
        r"|\d{1,2}(?::\d\d)?\s+(?:o'clock\s+)?in\s+the\s+(?:morning|afternoon|evening))"
    )
    month_day = (
        rf"(?:{month}\s+{day_n}(?:,?\s+{year})?|{day_n}\s+(?:of\s+)?{month}(?:,?\s+{year})?)"
    )
    day = (
        rf"(?:(?:(?:this\s+)?(?:last|next|this|that|coming|past)\s+|the\s+(?:previous|preceding|following)\s+)?{weekday}(?:,?\s+{month_day})?"
        rf"|(?:(?:last|next|this)\s+)?{month_day}|(?:the\s+day\s+(?:before|after)\s+)?(?:yesterday|tomorrow)"
        r"|today|tonight)"
    )
    day_part = rf"(?:(?:{edge}\s+)?{day}(?:\s+{part})?|(?:{part}|noon|midnight)\s+{day})"
    grammar = [
        r"\d{4}-\d\d-\d\d(?:[T\s]\d\d:\d\d(?::\d\d)?)?",
        r"\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)(?:\s\d\d:\d\d(?::\d\d)?)?",
        r"\d\d-\d\d-\d\d(?:\s\d{4}[A-Z]{3})?",
        r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])",
        rf"(?:around\s+)?{clock}(?:,?\s+{day})?",
        rf"(?:(?:{edge}\s+)?(?:this|the|that|last|tomorrow|yesterday)|the\s+(?:next|following))\s+{part}|mid[\s-]?{part}(?:\s+{day})?|midday",
        day_part,
        rf"around\s+{month_day}",
        rf"{around}?(?:(?:last|next|this)\s+)?{month}(?:,?\s+(?:of\s+)?{year}|\s+(?:this|last|next)\s+year)?",
        rf"(?:the\s+)?{around}?(?:(?:19|20)\d0'?s|'\d0s|{ordinal}\s+century)",
        r"the\s+(?:nineteen[\s-]+)?(?:twen|thir|for|fif|six|seven|eigh|nine)ties",
        rf"the\s+year\s+(?:{year}|two\s+thousand(?:[\s-]+(?:and\s+)?(?:{SPOKEN_UNITS}))?)",
        rf"(?:the\s+)?(?:(?:latest|last|past|previous|prior|next|coming)\s+(?=fiscal|calendar))?"
        rf"(?:(?:current|full|fiscal|calendar|entire|whole)[\s-]+)+year(?:\s+{year})?"
        rf"|{around}?the\s+year(?![\s-]+(?:earlier|ago|end|before|after)\b|-)|{around}the\s+(?:month|week)(?![\s-]+(?:earlier|ago|before|after)\b|-|')|the\s+(?:latest|(?:19|20)\d\d)\s+period",
        r"(?:post|pre)-(?:19|20)\d\d(?:s\b)?",
        rf"{around}?(?:fiscal\s+)?{year}"
        rf"(?:\s+or\s+later|\s+and\s+beyond)?",
        rf"(?:(?:the|this|last|next)\s+)?(?:(?:{edge}|{rel})\s+)*(?:spring|summer|fall|autumn|winter)"
        rf"(?:\s+(?:of\s+)?{year})?",
        rf"(?:(?:the|this|last|next)\s+year's\s+|the\s+)?(?:(?:fiscal|latest|latter|comparable|corresponding|{rel}|year-earlier|year-ago)\s+)*"
        rf"(?:{year}\s+)?(?:fiscal-)?(?:{ordinal}[\s-]+)?(?:fiscal[\s-]+)?(?:quarter|half)(?![\s-]+(?:of\s+)?(?:a|an|one)\b)"
        rf"(?:\s+of\s+(?:fiscal\s+)?{year}|\s+of\s+(?:this|last|next|the)\s+year)?",
        r"(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?:quarter|period|nine\s+months|six\s+months))?",
        r"the\s+(?:same|comparable|corresponding|year-earlier|year-ago)\s+(?:quarter|period)\s+"
        r"(?:last\s+year|a\s+year\s+(?:earlier|ago))",
        rf"(?:at\s+least\s+)?(?:the\s+)?(?:first|last|final)\s+two\s+quarters\s+of\s+(?:{year}|(?:this|last|next|the)\s+year)",
        rf"(?:at\s+least\s+)?(?:the\s+(?:beginning|start|end|middle)\s+of\s+)?(?:the\s+)?(?:{edge}\s+(?:in\s+)?)?"
        rf"(?:sometime\s+)?(?:the\s+)?(?:{rel}\s+)+(?:{num}\s+)?{unit}(?:\s+or\s+so)?",
        rf"(?:{mod})?(?:another|an?\s+(?:additional|further|extra))\s+(?:{num}\s+)?{unit}(?![\s-]+(?:ago|earlier|later)\b)",
        rf"(?:{mod}|at\s+least\s+the\s+|the\s+(?={num}\s))?(?:{rel}\s+)?{num}(?:\s+(?:more|consecutive|straight|successive))?(?:\s+(?:trading|business|working)(?=\s+days?))?[\s-]+{unit}"
        r"(?:\s+and\s+a\s+half)?"
        r"(?:\s+or\s+so)?(?:\s+(?:ago|earlier|later|from\s+now|hence))?",
        rf"(?:{num}-)?(?:day|night|week|month|year|decade|hour|minute)s?-?long",
        rf"(?:the\s+|(?:this\s+)?(?:past|last|coming|next)\s+|this\s+)?weekend|(?:every|each|per)\s+(?:other\s+|(?:\d+|{SPOKEN_UNITS}|few|several)\s+)?(?:{unit}|{weekday}|{month}|spring|summer|autumn|winter|season|{part})"
        rf"|(?:annual|yearly)(?=\s+(?:[a-z-]+\s+)?(?:{alt(list(words['annual']))})s?\b)"
        r"|(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days)"
        r"|year(?:[\s-]|'s\s+)end|mid-?year",
        rf"(?:right\s+)?now|(?-i:then)[\s-]current|(?<=until\s)then|(?<=by\s)then|{alt([w for w, v in words['ref'].items() if ' ' not in w])}",
        r"the\s+(?:near|short|long)\s+term(?![\w-])|a\s+later\s+date|(?<=for\s)a\s+while|(?<=at\s)the\s+time(?!\s+(?:of|when|that)\b)|"
        r"the\s+(?:near\s+|distant\s+)?future|the\s+past|these\s+days|(?:recent|coming)\s+(?:days|weeks|months|years)"
        r"|the\s+(?:days|weeks|months|years)\s+ahead",
        alt([w for w, v in words["set"].items() if v]),
        rf"(?:(?:last|next|this)\s+)?(?:{alt(list(words['holiday']))})(?:\s+week(?![\w-]))?",
        rf"the\s+week\s+of\s+{month_day}",
        rf"the\s+{ordinal}\s+(?:straight\s+|consecutive\s+)?(?:day|week)(?![\w-])",
        r"(?<=on\s)the\s+(?:[12]?\d|3[01])(?:st|nd|rd|th)(?=\s*[,.;:)]|$)",  # "on the 18th."
        rf"(?:the\s+)?day\s+(?:before|after)\s+(?:(?:last|next|this)\s+{weekday}|{month_day}"
        rf"|(?:{alt(list(words['holiday']))})(?![\w-]))",  # "the day after Christmas"
        r"(?<!in\s)the\s+day\s+(?:before|after)",  # "the day before", "the day after the vote"
        r"(?:years|decades|centuries|months|weeks)(?!\s+(?:1[89]|20)\d\d)"
        r"|(?:days|hours|minutes)(?=\s+(?:before|after|later|earlier)\b)|(?<=within\s)(?:days|hours|minutes)",
    ]
    body = "|".join(f"(?:{g})" for g in grammar)
    # Every expression starts with a digit or one of these words: a cheap test before the grammar.
    first = set(FIRST_WORDS.split()) | {
        w.split()[0] for kind, table in words.items() if kind not in AFTER_ONLY for w in table
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
    """Compile the expression grammar once per process."""
    return _build_pattern(tables().words)

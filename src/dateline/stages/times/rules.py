"""The rules of the times stage, in the order the grammar tries them.

Each rule has a name, its pattern (a regex naming fragments such as "{month}" that `grammar.py`
builds from the word tables), the readers that normalise what it matched (tried in order; see
`normalise.py`) and its own examples. The grammar puts each pattern in a group named for its
rule, and a match is read by the rule whose group matched. tests/stages/times/test_rules.py runs
every example, without a parse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from dateline.stages.times import normalise as read
from dateline.stages.times.context import Context
from dateline.stages.times.normalise import Reader
from dateline.stages.times.periods import quarter, relative
from dateline.stages.times.words import Result

EXAMPLE_DCT = dt.date(2025, 6, 11)  # a Wednesday


class Example(NamedTuple):
    """A text, the span the rule matches in it and what it reads (type None: no time)."""

    text: str
    span: str
    type: str | None
    value: str | None = None
    mod: str | None = None
    dct: dt.date | None = EXAMPLE_DCT
    tense: str | None = None


@dataclass(frozen=True)
class Rule:
    """One kind of time expression: how it is written, how it is read, what it is for."""

    name: str
    pattern: str
    readers: tuple[Reader, ...]
    examples: tuple[Example, ...]

    def normalise(self, text: str, context: Context) -> Result | None:
        """Type, TIMEX3 value and mod of `text`, which this rule matched."""
        return read.normalise(self.readers, text, context)


RULES: tuple[Rule, ...] = (
    # ---- dates in figures ----------------------------------------------------------------
    Rule(
        "iso date",
        r"\d{4}-\d\d-\d\d(?:[T\s]\d\d:\d\d(?::\d\d)?)?",
        (read.numeric,),
        (),
    ),
    Rule(
        "slash date",
        r"\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)(?:\s\d\d:\d\d(?::\d\d)?)?",
        (read.numeric,),
        (),
    ),
    Rule(
        "wire header date",
        r"\d\d-\d\d-\d\d(?:\s\d{4}[A-Z]{3})?",
        (read.numeric,),
        (),
    ),
    Rule(
        "compact date",
        r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])",
        (read.numeric,),
        (),
    ),
    # ---- clock times, parts of the day, named days -----------------------------------------
    Rule(
        "clock time",
        r"(?:around\s+)?{clock}(?:,?\s+{day})?",
        (read.clock,),
        (),
    ),
    Rule(
        "part of day",
        r"(?:(?:{edge}\s+)?(?:this|the|that|last|tomorrow|yesterday)|the\s+(?:next|following))"
        r"\s+{part}|mid[\s-]?{part}(?:\s+{day})?|midday",
        (read.clock,),
        (),
    ),
    Rule(
        "named day",
        r"(?:(?:{edge}\s+)?{day}(?:\s+{part})?|(?:{part}|noon|midnight)\s+{day})",
        (read.clock, read.month, read.day),
        (),
    ),
    Rule(
        "around a day",
        r"around\s+{month_day}",
        (read.month,),
        (),
    ),
    # ---- months, decades, centuries, years -------------------------------------------------
    Rule(
        "month",
        r"{around}?(?:(?:last|next|this)\s+)?{month}"
        r"(?:,?\s+(?:of\s+)?{year}|\s+(?:this|last|next)\s+year)?",
        (read.month,),
        (),
    ),
    Rule(
        "decade or century",
        r"(?:the\s+)?{around}?(?:(?:19|20)\d0'?s|'\d0s|{ordinal}\s+century)",
        (read.decade, read.century),
        (),
    ),
    Rule(
        "decade in words",
        r"the\s+(?:nineteen[\s-]+)?(?:{decade_stems})ties",
        (read.decade,),
        (),
    ),
    Rule(
        "the year in words",
        r"the\s+year\s+(?:{year}|two\s+thousand(?:[\s-]+(?:and\s+)?(?:{spoken_units}))?)",
        (read.year_number,),
        (),
    ),
    Rule(
        "fiscal year",
        r"(?:the\s+)?(?:(?:latest|last|past|previous|prior|next|coming)\s+(?=fiscal|calendar))?"
        r"(?:(?:current|full|fiscal|calendar|entire|whole)[\s-]+)+year(?:\s+{year})?",
        (read.year_phrase,),
        (),
    ),
    Rule(
        "the year",
        r"{around}?the\s+year(?![\s-]+(?:earlier|ago|end|before|after)\b|-)",
        (read.year_phrase,),
        (),
    ),
    Rule(
        "edge of the month",
        r"{around}the\s+(?:month|week)(?![\s-]+(?:earlier|ago|before|after)\b|-|')",
        (read.edge_of_month,),
        (),
    ),
    Rule(
        "latest period",
        r"the\s+(?:latest|(?:19|20)\d\d)\s+period",
        (quarter,),
        (),
    ),
    Rule(
        "before or after a year",
        r"(?:post|pre)-(?:19|20)\d\d(?:s\b)?",
        (read.before_after_year,),
        (),
    ),
    Rule(
        "year",
        r"{around}?(?:fiscal\s+)?{year}(?:\s+or\s+later|\s+and\s+beyond)?",
        (read.year_number,),
        (),
    ),
    Rule(
        "season",
        r"(?:(?:the|this|last|next)\s+)?(?:(?:{edge}|{rel})\s+)*(?:spring|summer|fall|autumn|winter)"
        r"(?:\s+(?:of\s+)?{year})?",
        (read.bare_season_verb, read.season),
        (),
    ),
    # ---- quarters and results periods ------------------------------------------------------
    Rule(
        "quarter",
        r"(?:(?:the|this|last|next)\s+year's\s+|the\s+)?"
        r"(?:(?:fiscal|latest|latter|comparable|corresponding|{rel}|year-earlier|year-ago)\s+)*"
        r"(?:{year}\s+)?(?:fiscal-)?(?:{ordinal}[\s-]+)?(?:fiscal[\s-]+)?(?:quarter|half)"
        r"(?![\s-]+(?:of\s+)?(?:a|an|one)\b)"
        r"(?:\s+of\s+(?:fiscal\s+)?{year}|\s+of\s+(?:this|last|next|the)\s+year)?",
        (quarter, relative),
        (),
    ),
    Rule(
        "year ago",
        r"(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?:quarter|period|nine\s+months|six\s+months))?",
        (quarter, read.year_ago, relative),
        (),
    ),
    Rule(
        "same period last year",
        r"the\s+(?:same|comparable|corresponding|year-earlier|year-ago)\s+(?:quarter|period)\s+"
        r"(?:last\s+year|a\s+year\s+(?:earlier|ago))",
        (read.year_ago,),
        (),
    ),
    Rule(
        "two quarters",
        r"(?:at\s+least\s+)?(?:the\s+)?(?:first|last|final)\s+two\s+quarters\s+of\s+"
        r"(?:{year}|(?:this|last|next|the)\s+year)",
        (quarter,),
        (),
    ),
    # ---- units stepped, counted and lasting ------------------------------------------------
    Rule(
        "stepped unit",
        r"(?:at\s+least\s+)?(?:the\s+(?:beginning|start|end|middle)\s+of\s+)?(?:the\s+)?"
        r"(?:{edge}\s+(?:in\s+)?)?(?:sometime\s+)?(?:the\s+)?(?:{rel}\s+)+(?:{num}\s+)?{unit}"
        r"(?:\s+or\s+so)?",
        (read.nth_day, quarter, read.year_phrase, relative),
        (),
    ),
    Rule(
        "another unit",
        r"(?:{mod})?(?:another|an?\s+(?:additional|further|extra))\s+(?:{num}\s+)?{unit}"
        r"(?![\s-]+(?:ago|earlier|later)\b)",
        (quarter, relative),
        (),
    ),
    Rule(
        "counted unit",
        r"(?:{mod}|at\s+least\s+the\s+|the\s+(?={num}\s))?(?:{rel}\s+)?{num}"
        r"(?:\s+(?:more|consecutive|straight|successive))?"
        r"(?:\s+(?:trading|business|working)(?=\s+days?))?[\s-]+{unit}(?:\s+and\s+a\s+half)?"
        r"(?:\s+or\s+so)?(?:\s+(?:ago|earlier|later|from\s+now|hence))?",
        (read.nth_day, quarter, read.year_ago, relative),
        (),
    ),
    Rule(
        "lasting",
        r"(?:{num}-)?(?:day|night|week|month|year|decade|hour|minute)s?-?long",
        (read.lasting,),
        (),
    ),
    # ---- weekends, recurring times, the present and vague times ----------------------------
    Rule(
        "weekend",
        r"(?:the\s+|(?:this\s+)?(?:past|last|coming|next)\s+|this\s+)?weekend",
        (read.weekend,),
        (),
    ),
    Rule(
        "every",
        r"(?:every|each|per)\s+(?:other\s+|(?:\d+|{spoken_units}|few|several)\s+)?"
        r"(?:{unit}|{weekday}|{month}|spring|summer|autumn|winter|season|{part})",
        (read.named_word, read.clock, read.season, read.month, read.day, relative),
        (),
    ),
    Rule(
        "annual event",
        r"(?:annual|yearly)(?=\s+(?:[a-z-]+\s+)?(?:{annual_event})s?\b)",
        (read.named_word,),
        (),
    ),
    Rule(
        "weekdays",
        r"(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days)",
        (read.named_word,),
        (),
    ),
    Rule(
        "year end",
        r"year(?:[\s-]|'s\s+)end|mid-?year",
        (read.year_end, read.year_phrase),
        (),
    ),
    Rule(
        "now",
        r"(?:right\s+)?now",
        (read.named_word,),
        (),
    ),
    Rule(
        "then current",
        r"(?-i:then)[\s-]current",
        (read.named_word,),
        (),
    ),
    Rule(
        "until then",
        r"(?<=until\s)then|(?<=by\s)then",
        (read.then,),
        (),
    ),
    Rule(
        "present word",
        r"{present_word}",
        (read.named_word,),
        (),
    ),
    Rule(
        "the long term",
        r"the\s+(?:near|short|long)\s+term(?![\w-])|a\s+later\s+date",
        (read.named_word,),
        (),
    ),
    Rule(
        "a while",
        r"(?<=for\s)a\s+while",
        (read.named_word,),
        (),
    ),
    Rule(
        "at the time",
        r"(?<=at\s)the\s+time(?!\s+(?:of|when|that)\b)",
        (read.named_word,),
        (),
    ),
    Rule(
        "the past and the future",
        r"the\s+(?:near\s+|distant\s+)?future|the\s+past|these\s+days",
        (read.named_word,),
        (),
    ),
    Rule(
        "recent days",
        r"(?:recent|coming)\s+(?:days|weeks|months|years)|the\s+(?:days|weeks|months|years)\s+ahead",
        (relative,),
        (),
    ),
    Rule(
        "rate word",
        r"{rate_word}",
        (read.named_word,),
        (),
    ),
    # ---- holidays and days counted from another --------------------------------------------
    Rule(
        "holiday",
        r"(?:(?:last|next|this)\s+)?(?:{holiday})(?:\s+week(?![\w-]))?",
        (read.named_word,),
        (),
    ),
    Rule(
        "week of a day",
        r"the\s+week\s+of\s+{month_day}",
        (read.week_of_day,),
        (),
    ),
    Rule(
        "nth day",
        r"the\s+{ordinal}\s+(?:straight\s+|consecutive\s+)?(?:day|week)(?![\w-])",
        (read.nth_day, relative),
        (),
    ),
    Rule(
        "day of the month",
        r"(?<=on\s)the\s+(?:[12]?\d|3[01])(?:st|nd|rd|th)(?=\s*[,.;:)]|$)",
        (read.day_of_month,),
        (),
    ),
    Rule(
        "day before a day",
        r"(?:the\s+)?day\s+(?:before|after)\s+(?:(?:last|next|this)\s+{weekday}|{month_day}"
        r"|(?:{holiday})(?![\w-]))",
        (read.day_from_day,),
        (),
    ),
    Rule(
        "day before",
        r"(?<!in\s)the\s+day\s+(?:before|after)",
        (read.day_before,),
        (),
    ),
    Rule(
        "bare units",
        r"(?:years|decades|centuries|months|weeks)(?!\s+(?:1[89]|20)\d\d)"
        r"|(?:days|hours|minutes)(?=\s+(?:before|after|later|earlier)\b)"
        r"|(?<=within\s)(?:days|hours|minutes)",
        (relative,),
        (),
    ),
)

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
from dateline.stages.times.words import FUTURE, PAST, Result

EXAMPLE_DCT = dt.date(2025, 6, 11)  # a Wednesday


class TimeExample(NamedTuple):
    """A sentence with the rule's match in [brackets] and what it reads: "TYPE value [mod]", or
    "-" for no time; read against `dct`, in a clause of `tense`, after the story named `anchor`
    (a DATE value) and while it reports on the quarter `ref`."""

    text: str
    reads: str
    tense: str | None = None
    ref: str | None = None
    anchor: str | None = None
    dct: dt.date | None = EXAMPLE_DCT

    @property
    def sentence(self) -> str:
        """The sentence without the brackets."""
        return self.text.replace("[", "").replace("]", "")

    @property
    def span(self) -> str:
        """The text between the brackets."""
        return self.text[self.text.index("[") + 1 : self.text.index("]")]


@dataclass(frozen=True)
class TimeRule:
    """One kind of time expression: how it is written, how it is read, what it is for."""

    name: str
    pattern: str
    readers: tuple[Reader, ...]
    examples: tuple[TimeExample, ...]

    def normalise(self, text: str, context: Context) -> Result | None:
        """Type, TIMEX3 value and mod of `text`, which this rule matched."""
        return read.normalise(self.readers, text, context)


RULES: tuple[TimeRule, ...] = (
    # ---- dates in figures ----------------------------------------------------------------
    TimeRule(
        "iso date",
        r"\d{4}-\d\d-\d\d(?:[T\s]\d\d:\d\d(?::\d\d)?)?",
        (read.numeric,),
        (
            TimeExample("The filing is dated [2025-03-14].", "DATE 2025-03-14"),
            TimeExample("The order took effect at [2025-03-14T09:30].", "TIME 2025-03-14T09:30"),
        ),
    ),
    TimeRule(
        "slash date",
        r"\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)(?:\s\d\d:\d\d(?::\d\d)?)?",
        (read.numeric,),
        (TimeExample("The memo was signed [3/14/2025] by the minister.", "DATE 2025-03-14"),),
    ),
    TimeRule(
        "wire header date",
        r"\d\d-\d\d-\d\d(?:\s\d{4}[A-Z]{3})?",
        (read.numeric,),
        (TimeExample("[06-10-25 1432EST]", "TIME 2025-06-10T14:32"),),
    ),
    TimeRule(
        "compact date",
        r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])",
        (read.numeric,),
        (TimeExample("Court record [20250314] was unsealed.", "DATE 2025-03-14"),),
    ),
    # ---- clock times, parts of the day, named days -----------------------------------------
    TimeRule(
        "clock time",
        r"(?:around\s+)?{clock}(?:,?\s+{day})?",
        (read.clock,),
        (
            TimeExample("Polls close at [8 p.m. Thursday].", "TIME 2025-06-12T20:00", tense=FUTURE),
            TimeExample(
                "The blast came at [around 4 in the morning].",
                "TIME 2025-06-11T04:00 APPROX",
                tense=PAST,
            ),
        ),
    ),
    TimeRule(
        "part of day",
        r"(?:(?:{edge}\s+)?(?:this|the|that|last|tomorrow|yesterday)|the\s+(?:next|following))"
        r"\s+{part}|mid[\s-]?{part}(?:\s+{day})?|midday",
        (read.clock,),
        (
            TimeExample("Talks resume [this evening].", "TIME 2025-06-11TEV", tense=FUTURE),
            TimeExample(
                "Rescuers returned [late this morning].", "TIME 2025-06-11TMO END", tense=PAST
            ),
        ),
    ),
    TimeRule(
        "named day",
        r"(?:(?:{edge}\s+)?{day}(?:\s+{part})?|(?:{part}|noon|midnight)\s+{day})",
        (read.clock, read.month, read.day),
        (
            TimeExample("The minister resigned on [Monday].", "DATE 2025-06-09", tense=PAST),
            TimeExample("The vote is set for [Feb. 25, 2026].", "DATE 2026-02-25"),
            TimeExample(
                "Shelling will resume [Thursday night].", "TIME 2025-06-12TNI", tense=FUTURE
            ),
        ),
    ),
    TimeRule(
        "around a day",
        r"around\s+{month_day}",
        (read.month,),
        (
            TimeExample(
                "Shipments should resume [around Nov. 1].", "DATE 2025-11-01 APPROX", tense=FUTURE
            ),
        ),
    ),
    # ---- months, decades, centuries, years -------------------------------------------------
    TimeRule(
        "month",
        r"{around}?(?:(?:last|next|this)\s+)?{month}"
        r"(?:,?\s+(?:of\s+)?{year}|\s+(?:this|last|next)\s+year)?",
        (read.month,),
        (
            TimeExample("Rebels took the town in [August].", "DATE 2024-08", tense=PAST),
            TimeExample("Prices fell sharply in [late December].", "DATE 2024-12 END", tense=PAST),
        ),
    ),
    TimeRule(
        "decade or century",
        r"(?:the\s+)?{around}?(?:(?:19|20)\d0'?s|'\d0s|{ordinal}\s+century)",
        (read.decade, read.century),
        (
            TimeExample("The plant was built in [the late 1980s].", "DATE 198 END"),
            TimeExample("The bridge dates from [the 19th century].", "DATE 18"),
        ),
    ),
    TimeRule(
        "decade in words",
        r"the\s+(?:nineteen[\s-]+)?(?:{decade_stems})ties",
        (read.decade,),
        (TimeExample("The port has not been this busy since [the nineties].", "DATE 199"),),
    ),
    TimeRule(
        "the year in words",
        r"the\s+year\s+(?:{year}|two\s+thousand(?:[\s-]+(?:and\s+)?(?:{spoken_units}))?)",
        (read.year_number,),
        (TimeExample("Planners promised a new terminal by [the year two thousand].", "DATE 2000"),),
    ),
    TimeRule(
        "fiscal year",
        r"(?:the\s+)?(?:(?:latest|last|past|previous|prior|next|coming)\s+(?=fiscal|calendar))?"
        r"(?:(?:current|full|fiscal|calendar|entire|whole)[\s-]+)+year(?:\s+{year})?",
        (read.year_phrase,),
        (TimeExample("Output will rise in [the current fiscal year].", "DATE 2025"),),
    ),
    TimeRule(
        "the year",
        r"{around}?the\s+year(?![\s-]+(?:earlier|ago|end|before|after)\b|-)",
        (read.year_phrase,),
        (TimeExample("Prices rose 4 percent over [the year].", "DATE 2025"),),
    ),
    TimeRule(
        "edge of the month",
        r"{around}the\s+(?:month|week)(?![\s-]+(?:earlier|ago|before|after)\b|-|')",
        (read.edge_of_month,),
        (TimeExample("A decision is due by [the end of the month].", "DATE 2025-06 END"),),
    ),
    TimeRule(
        "latest period",
        r"the\s+(?:latest|(?:19|20)\d\d)\s+period",
        (read.latest_period,),
        (TimeExample("Profit fell 8 percent in [the latest period].", "DATE 2025-Q1"),),
    ),
    TimeRule(
        "before or after a year",
        r"(?:post|pre)-(?:19|20)\d\d(?:s\b)?",
        (read.before_after_year,),
        (TimeExample("He studied [post-1990] politics.", "DATE 1990 AFTER"),),
    ),
    TimeRule(
        "year",
        r"{around}?(?:fiscal\s+)?{year}(?:\s+or\s+later|\s+and\s+beyond)?",
        (read.year_number,),
        (
            TimeExample("Revenue grew in [fiscal 2024].", "DATE 2024"),
            TimeExample("The dam was finished in [1998].", "DATE 1998"),
        ),
    ),
    TimeRule(
        "season",
        r"(?:(?:the|this|last|next)\s+)?(?:(?:{edge}|{rel})\s+)*(?:spring|summer|fall|autumn|winter)"
        r"(?:\s+(?:of\s+)?{year})?",
        (read.bare_season_verb, read.season),
        (
            TimeExample("Fighting intensified [this spring].", "DATE 2025-SP"),
            TimeExample("Leaves [fall].", "-"),
        ),
    ),
    # ---- quarters and results periods ------------------------------------------------------
    TimeRule(
        "quarter",
        r"(?:(?:the|this|last|next)\s+year's\s+|the\s+)?"
        r"(?:(?:fiscal|latest|latter|comparable|corresponding|{rel}|year-earlier|year-ago)\s+)*"
        r"(?:{year}\s+)?(?:fiscal-)?(?:{ordinal}[\s-]+)?(?:fiscal[\s-]+)?(?:quarter|half)"
        r"(?![\s-]+(?:of\s+)?(?:a|an|one)\b)"
        r"(?:\s+of\s+(?:fiscal\s+)?{year}|\s+of\s+(?:this|last|next|the)\s+year)?",
        (quarter, relative),
        (
            TimeExample("Sales rose 4 percent in [the third quarter].", "DATE 2024-Q3", tense=PAST),
            TimeExample(
                "The deal should close in [the second half].", "DATE 2025-H2", tense=FUTURE
            ),
        ),
    ),
    TimeRule(
        "year ago",
        r"(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?:quarter|period|nine\s+months|six\s+months))?",
        (quarter, read.year_ago, relative),
        (
            TimeExample("Costs were lower in [the year-ago period].", "DATE 2024"),
            TimeExample("[The year-earlier] figure was restated.", "DATE 2024"),
        ),
    ),
    TimeRule(
        "same period last year",
        r"the\s+(?:same|comparable|corresponding|year-earlier|year-ago)\s+(?:quarter|period)\s+"
        r"(?:last\s+year|a\s+year\s+(?:earlier|ago))",
        (read.same_period,),
        (
            TimeExample("Profit rose from [the same period last year].", "DATE 2024"),
            TimeExample(
                "Profit rose from [the same period last year].", "DATE 2024-Q1", ref="2025-Q1"
            ),
        ),
    ),
    TimeRule(
        "two quarters",
        r"(?:at\s+least\s+)?(?:the\s+)?(?:first|last|final)\s+two\s+quarters\s+of\s+"
        r"(?:{year}|(?:this|last|next|the)\s+year)",
        (quarter,),
        (TimeExample("Losses narrowed in [the first two quarters of 2024].", "DATE 2024-H1"),),
    ),
    # ---- units stepped, counted and lasting ------------------------------------------------
    TimeRule(
        "stepped unit",
        r"(?:at\s+least\s+)?(?:the\s+(?:beginning|start|end|middle)\s+of\s+)?(?:the\s+)?"
        r"(?:{edge}\s+(?:in\s+)?)?(?:sometime\s+)?(?:the\s+)?(?:{rel}\s+)+(?:{num}\s+)?{unit}"
        r"(?:\s+or\s+so)?",
        (read.nth_day, quarter, read.year_phrase, relative),
        (
            TimeExample(
                "Exports rose [last week], the ministry said.", "DATE 2025-W23", tense=PAST
            ),
            TimeExample(
                "The bank expects slower growth over [the next two years].", "DURATION P2Y"
            ),
        ),
    ),
    TimeRule(
        "another unit",
        r"(?:{mod})?(?:another|an?\s+(?:additional|further|extra))\s+(?:{num}\s+)?{unit}"
        r"(?![\s-]+(?:ago|earlier|later)\b)",
        (quarter, relative),
        (TimeExample("The talks could take [another two years].", "DURATION P2Y"),),
    ),
    TimeRule(
        "counted unit",
        r"(?:{mod}|at\s+least\s+the\s+|the\s+(?={num}\s))?(?:{rel}\s+)?{num}"
        r"(?:\s+(?:more|consecutive|straight|successive))?"
        r"(?:\s+(?:trading|business|working)(?=\s+days?))?[\s-]+{unit}(?:\s+and\s+a\s+half)?"
        r"(?:\s+or\s+so)?(?:\s+(?:ago|earlier|later|from\s+now|hence))?",
        (read.nth_day, quarter, read.year_ago, relative),
        (
            TimeExample("The mine closed [three years ago].", "DATE 2022"),
            TimeExample("He has been held for [more than four years].", "DURATION P4Y MORE_THAN"),
        ),
    ),
    TimeRule(
        "lasting",
        r"(?:{num}-)?(?:day|night|week|month|year|decade|hour|minute)s?-?long",
        (read.lasting,),
        (TimeExample("The ruling ends a [decades-long] dispute.", "DURATION PXDE"),),
    ),
    # ---- weekends, recurring times, the present and vague times ----------------------------
    TimeRule(
        "weekend",
        r"(?:the\s+|(?:this\s+)?(?:past|last|coming|next)\s+|this\s+)?weekend",
        (read.weekend,),
        (TimeExample("Protesters gathered over [the weekend].", "DATE 2025-W23-WE", tense=PAST),),
    ),
    TimeRule(
        "every",
        r"(?:every|each|per)\s+(?:other\s+|(?:\d+|{spoken_units}|few|several)\s+)?"
        r"(?:{unit}|{weekday}|{month}|spring|summer|autumn|winter|season|{part})",
        (read.named_word, read.clock, read.season, read.month, read.day, relative),
        (
            TimeExample("The council meets [every Monday].", "SET XXXX-WXX-1"),
            TimeExample("Buses leave [every 20 minutes].", "SET PT20M"),
        ),
    ),
    TimeRule(
        "annual event",
        r"(?:annual|yearly)(?=\s+(?:[a-z-]+\s+)?(?:{annual_event})s?\b)",
        (read.named_word,),
        (TimeExample("He will give his [annual] press conference.", "SET P1Y"),),
    ),
    TimeRule(
        "weekdays",
        r"(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days)",
        (read.named_word,),
        (TimeExample("The museum is closed on [Sundays].", "SET XXXX-WXX-7"),),
    ),
    TimeRule(
        "year end",
        r"year(?:[\s-]|'s\s+)end|mid-?year",
        (read.year_end, read.year_phrase),
        (
            TimeExample(
                "Shares have fallen 12 percent since [year-end].", "DATE 2024 END", tense=PAST
            ),
        ),
    ),
    TimeRule(
        "now",
        r"(?:right\s+)?now",
        (read.named_word,),
        (TimeExample("Talks are [right now] at a standstill.", "DATE PRESENT_REF"),),
    ),
    TimeRule(
        "then current",
        r"(?-i:then)[\s-]current",
        (read.named_word,),
        (TimeExample("He advised the [then-current] president.", "DATE PAST_REF"),),
    ),
    TimeRule(
        "until then",
        r"(?<=until\s)then|(?<=by\s)then",
        (read.then,),
        (TimeExample("The envoy will stay until [then].", "DATE 2025-09", anchor="2025-09"),),
    ),
    TimeRule(
        "present word",
        r"{present_word}",
        (read.named_word,),
        (TimeExample("The envoy [recently] visited Minsk.", "DATE PAST_REF"),),
    ),
    TimeRule(
        "the long term",
        r"the\s+(?:near|short|long)\s+term(?![\w-])|a\s+later\s+date",
        (read.named_word,),
        (TimeExample("Rates should ease in [the long term].", "DATE FUTURE_REF"),),
    ),
    TimeRule(
        "a while",
        r"(?<=for\s)a\s+while",
        (read.named_word,),
        (TimeExample("The plant will be shut for [a while].", "DURATION PXX"),),
    ),
    TimeRule(
        "at the time",
        r"(?<=at\s)the\s+time(?!\s+(?:of|when|that)\b)",
        (read.named_word,),
        (TimeExample("The company said at [the time] it would appeal.", "DATE PAST_REF"),),
    ),
    TimeRule(
        "the past and the future",
        r"the\s+(?:near\s+|distant\s+)?future|the\s+past|these\s+days",
        (read.named_word,),
        (TimeExample("Elections will be held in [the near future].", "DATE FUTURE_REF"),),
    ),
    TimeRule(
        "recent days",
        r"(?:recent|coming)\s+(?:days|weeks|months|years)|the\s+(?:days|weeks|months|years)\s+ahead",
        (relative,),
        (TimeExample("Prices may rise in [the weeks ahead].", "DURATION PXW"),),
    ),
    TimeRule(
        "rate word",
        r"{rate_word}",
        (read.named_word,),
        (TimeExample("The agency publishes the figures [daily].", "SET P1D"),),
    ),
    # ---- holidays and days counted from another --------------------------------------------
    TimeRule(
        "holiday",
        r"(?:(?:last|next|this)\s+)?(?:{holiday})(?:\s+week(?![\w-]))?",
        (read.named_word,),
        (TimeExample("Shops were busy [last Christmas].", "DATE 2024-12-25"),),
    ),
    TimeRule(
        "week of a day",
        r"the\s+week\s+of\s+{month_day}",
        (read.week_of_day,),
        (TimeExample("The hearing is set for [the week of March 3].", "DATE 2025-W10"),),
    ),
    TimeRule(
        "nth day",
        r"the\s+{ordinal}\s+(?:straight\s+|consecutive\s+)?(?:day|week)(?![\w-])",
        (read.nth_day, relative),
        (TimeExample("Workers marked [the fifth day] of the strike.", "DATE 2025-06-11"),),
    ),
    TimeRule(
        "day of the month",
        r"(?<=on\s)the\s+(?:[12]?\d|3[01])(?:st|nd|rd|th)(?=\s*[,.;:)]|$)",
        (read.day_of_month,),
        (TimeExample("The trial will resume on [the 18th].", "DATE 2025-06-18", tense=FUTURE),),
    ),
    TimeRule(
        "day before a day",
        r"(?:the\s+)?day\s+(?:before|after)\s+(?:(?:last|next|this)\s+{weekday}|{month_day}"
        r"|(?:{holiday})(?![\w-]))",
        (read.day_from_day,),
        (TimeExample("Shops reopened [the day after Christmas].", "DATE 2024-12-26"),),
    ),
    TimeRule(
        "day before",
        r"(?<!in\s)the\s+day\s+(?:before|after)",
        (read.day_before,),
        (
            TimeExample(
                "Troops left Monday. [The day before], they burned the files.",
                "DATE 2025-06-08",
                anchor="2025-06-09",
            ),
        ),
    ),
    TimeRule(
        "bare units",
        r"(?:years|decades|centuries|months|weeks)(?!\s+(?:1[89]|20)\d\d)"
        r"|(?:days|hours|minutes)(?=\s+(?:before|after|later|earlier)\b)"
        r"|(?<=within\s)(?:days|hours|minutes)",
        (relative,),
        (TimeExample("The fire was out within [hours].", "DURATION PTXH"),),
    ),
)

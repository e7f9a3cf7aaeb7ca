"""The times stage on sentences written for these tests, in the style of wire news."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.nlp import load
from dateline.stages.times.context import Context
from dateline.stages.times.grammar import read
from dateline.stages.times.stage import find_times
from tests.stages.times.marks import found, marked

DCT = dt.date(2024, 12, 19)  # a Thursday
MARCH = dt.date(2013, 3, 22)  # a Friday


@pytest.fixture(scope="module")
def nlp():
    """The parse and the times stage only, so these tests do not depend on the other stages."""
    return load(stages=("times",))


def times(nlp, text: str, dct: dt.date | None) -> list[tuple[str, str]]:
    """(span, "TYPE value [mod]") of every time the stage finds in `text`."""
    doc = nlp(text)
    doc._.dct = dct
    return found(doc)


@pytest.mark.parametrize(
    ("text", "dct", "reads"),
    [
        # absolute dates in the common news formats
        (
            "The ceasefire took effect on [February 25, 2022], officials said.",
            DCT,
            "DATE 2022-02-25",
        ),
        ("The talks began in Geneva on [25 February 2022].", DCT, "DATE 2022-02-25"),
        ("The filing, dated [2022-02-25], was made public.", DCT, "DATE 2022-02-25"),
        ("The memo was signed [2/25/2022] by the minister.", DCT, "DATE 2022-02-25"),
        ("Police said the convoy left the port on [Feb. 25].", DCT, "DATE 2024-02-25"),
        # months by tense
        ("Rebels captured the town in [August], residents said.", DCT, "DATE 2024-08"),
        ("The delegation will return to Kyiv in [January].", DCT, "DATE 2025-01"),
        ("Prices fell sharply in [late December].", DCT, "DATE 2024-12 END"),
        ("Output has slowed since [mid-2023].", DCT, "DATE 2023 MID"),
        # weekdays and times of day
        (
            "The minister resigned on [Monday] after [a week] of protests.",
            DCT,
            "DATE 2024-12-16; DURATION P1W",
        ),
        ("The summit will open on [Monday] in Brussels.", DCT, "DATE 2024-12-23"),
        ("The blast hit the market [Thursday morning].", MARCH, "TIME 2013-03-21TMO"),
        ("Polls close at [5 p.m. Sunday].", MARCH, "TIME 2013-03-24T17:00"),
        # relative dates
        ("Exports rose [last week], the ministry said.", MARCH, "DATE 2013-W11"),
        ("The bank expects growth to pick up [next year].", DCT, "DATE 2025"),
        ("The company cut 300 jobs [earlier this month].", DCT, "DATE 2024-12 START"),
        ("The mine closed [three years ago].", DCT, "DATE 2021"),
        ("The dam was built [a decade ago].", DCT, "DATE 2014"),
        ("Fighting intensified [this spring].", DCT, "DATE 2024-SP"),
        ("Sales rose 4% in [the third quarter].", DCT, "DATE 2024-Q3"),
        ("The league was founded in [the 1990s].", DCT, "DATE 199"),
        # durations
        ("He has been held for [more than four years].", DCT, "DURATION P4Y MORE_THAN"),
        (
            "The hearing lasted [just under four and a half hours].",
            DCT,
            "DURATION PT4.5H LESS_THAN",
        ),
        ("The [two-year] effort ended in failure.", DCT, "DURATION P2Y"),
        ("Talks stalled for [a month].", DCT, "DURATION P1M"),
        # sets and references
        ("The annual review is published [every week].", DCT, "SET P1W"),
        ("The agency publishes the figures [daily].", DCT, "SET P1D"),
        ("The border is [now] closed.", DCT, "DATE PRESENT_REF"),
        ("Talks are [right now] at a standstill.", DCT, "DATE PRESENT_REF"),
        ("The envoy [recently] visited Minsk.", DCT, "DATE PAST_REF"),
        # years said in words (broadcast transcripts) and decades by name
        ("The treaty was signed in [nineteen ninety-six], the envoy recalled.", DCT, "DATE 1996"),
        ("Planners had promised a new terminal by [the year two thousand].", DCT, "DATE 2000"),
        ("The port has not been this busy since [the nineties].", DCT, "DATE 199"),
        # the year, the full or fiscal year, the year ended <date>
        ("The miner expects output to rise in [the current fiscal year].", DCT, "DATE 2024"),
        ("Sales for [the full year] were flat, the company said.", DCT, "DATE 2024"),
        (
            "The group earned $4 million in [the year] ended [June 30].",
            DCT,
            "DURATION P1Y; DATE 2024-06-30",
        ),
        ("The airline blamed [current] fuel prices for the cuts.", DCT, "DATE PRESENT_REF"),
        # quarters: the story's quarter carries over to "the latest period" and "the 2023 quarter"
        (
            "Profit rose in [the third quarter]. Revenue in [the latest period] was $2 billion, against $1.8 billion in [the 2023 quarter].",
            DCT,
            "DATE 2024-Q3; DATE 2024-Q3; DATE 2023-Q3",
        ),
        ("Margins improved in [this year's third quarter].", DCT, "DATE 2024-Q3"),
        ("The bank expects losses over [the next three quarters].", DCT, "DURATION P9M"),
        # ordinal quarters compared with a year before, and the story's quarter kept through the text
        ("Net fell in [the year-ago third quarter], the lender said.", DCT, "DATE 2023-Q3"),
        ("The insurer posted a loss for [the fiscal second-quarter].", DCT, "DATE 2024-Q2"),
        (
            "[Third-quarter] profit rose. The company expects a [fourth-quarter] charge. Sales in [the latest quarter] rose 3% from [a year ago].",
            DCT,
            "DATE 2024-Q3; DATE 2024-Q4; DATE 2024-Q3; DATE 2023-Q3",
        ),
        (
            "Profit in [the third quarter of 2019] was higher. [Third-quarter] sales fell from [a year ago].",
            DCT,
            "DATE 2019-Q3; DATE 2024-Q3; DATE 2023-Q3",
        ),
        # clock times beside a date, midday, and plans made in the past
        ("The offer expires at [5 p.m. EST Nov. 9], the bank said.", DCT, "TIME 2024-11-09T17:00"),
        ("The minister will speak at [midday].", DCT, "TIME 2024-12-19T12:00"),
        (
            "The tender offer had been scheduled to expire [Friday evening].",
            DCT,
            "TIME 2024-12-13TEV",
        ),
        ("Rates have fallen over [the past year].", DCT, "DATE 2023"),
        ("Investors earned $2 billion [a year] from the bonds.", DCT, "SET P1Y"),
        # ranges, "or so", "around", fractions, the end of a period
        ("Shipments will resume within [two to three weeks].", DCT, "DURATION P2W EQUAL_OR_MORE"),
        ("The plant will close over [the next year or so].", DCT, "DATE 2025 APPROX"),
        (
            "The deal should close [around Jan. 15], the company said.",
            DCT,
            "DATE 2025-01-15 APPROX",
        ),
        ("The inquiry lasted [2 1/2 years].", DCT, "DURATION P2.5Y"),
        ("The bank aims to cut costs by [the end of the year].", DCT, "DATE 2024 END"),
        (
            "Lawyers say they will look for ways to get around [Wednesday]'s ruling.",
            DCT,
            "DATE 2024-12-18",
        ),
        ("Shares were up 2% at [mid-afternoon yesterday].", DCT, "TIME 2024-12-18TAF MID"),
        ("The paper will publish the letter in [today]'s edition.", DCT, "DATE 2024-12-19"),
        (
            "The navy may use the base for [at least 20 more years].",
            DCT,
            "DURATION P20Y EQUAL_OR_MORE",
        ),
        # a clock time without a day of its own is on the day last named
        (
            "The bomb went off on [Tuesday]. It exploded at [10:35 a.m.], police said.",
            DCT,
            "DATE 2024-12-17; TIME 2024-12-17T10:35",
        ),
        # counted from another event, not from the DCT: a duration
        ("The rebels were freed; [three days later] they crossed the border.", DCT, "DURATION P3D"),
        (
            "[Third-quarter] profit rose. For [the nine months], net was $5 million, up from $4 million [a year earlier].",
            DCT,
            "DATE 2024-Q3; DURATION P9M; DATE 2023",
        ),
        ("The group runs 13 plants, up from seven [a year ago].", DCT, "DATE 2023"),
        (
            "The site went up in [October]. It was taken down [that same day].",
            DCT,
            "DATE 2024-10; DATE 2024-10-XX",
        ),
        ("The boy arrived [last Thanksgiving].", MARCH, "DATE 2012-11-22"),
        # holidays by weekday rule or from Easter (dateutil): the one before the DCT in the past
        ("The attack happened on [Good Friday], police said.", MARCH, "DATE 2012-04-06"),
        ("Crowds will gather for [Easter] in Rome.", MARCH, "DATE 2013-03-31"),
        ("Pilgrims filled the city as [Easter week] began.", MARCH, "DATE 2013-W13"),
        # a time zone after a clock time belongs to it
        ("The vote, set for [10 a.m. ET], was delayed.", DCT, "TIME 2024-12-19T10:00"),
        ("Shoppers crowded the malls on [Black Friday].", DCT, "DATE 2024-11-29"),
        ("The strike ended before [Labor Day].", DCT, "DATE 2024-09-02"),
        ("A hearing is set for [the week of March 6].", DCT, "DATE 2025-W10"),
        # "last <month>": the month just gone is "last month", so in March "last February" is a year back
        ("Two helicopters crashed near the border [last February].", MARCH, "DATE 2012-02"),
        ("The plant was shut [last April].", DCT, "DATE 2024-04"),
        ("The rebels seized the town in [June last year].", DCT, "DATE 2023-06"),
        # weekdays ahead of the DCT: infinitives of intent, modals, "until", "as early as"
        ("The delegation plans to leave for Geneva on [Thursday].", MARCH, "DATE 2013-03-28"),
        ("The envoy could return to Cairo as early as [Tuesday].", MARCH, "DATE 2013-03-26"),
        ("Officials postponed the vote until [Monday].", MARCH, "DATE 2013-03-25"),
        ("The banks extended the credit line through [January].", DCT, "DATE 2025-01"),
        ("Until [Monday], police had not named a suspect.", MARCH, "DATE 2013-03-18"),
        (
            "Protesters planned a large rally in the capital on [Saturday].",
            MARCH,
            "DATE 2013-03-23",
        ),
        # what the time is not: the ordinal "a second", the night of a date, a conjunction before it
        ("He is seeking a second term in office.", DCT, ""),
        ("The judge was shot on the night of [Oct. 23] at his home.", DCT, "DATE 2024-10-23"),
        ("The ministry said that [last week] exports fell.", MARCH, "DATE 2013-W11"),
        ("Parliament backed a [five year] plan for the railways.", DCT, "DURATION P5Y"),
        # how long something lasts, said as a compound; the end of the month and of the year
        ("The two sides emerged from a [day-long] meeting in Vienna.", DCT, "DURATION P1D"),
        ("The ruling ends a [decades-long] border dispute.", DCT, "DURATION PXDE"),
        ("The regulator expects to approve the merger by [year's end].", DCT, "DATE 2024 END"),
        ("Troops will be in place by [the end of the month].", DCT, "DATE 2024-12 END"),
        # halves and quarters of a named year; a count of quarters is a span
        ("Earnings will weaken in [the last half of 2025], the brewer said.", DCT, "DATE 2025-H2"),
        ("Sales fell in [the third quarter of last year].", DCT, "DATE 2023-Q3"),
        ("Analysts expect a rebound in [the first half of next year].", DCT, "DATE 2025-H1"),
        ("The notes carry a rolling [four-quarter] profit test.", DCT, "DURATION P12M"),
        ("The referendum is [this coming Sunday].", MARCH, "DATE 2013-03-24"),
        (
            "The treaty was signed in [1998], and parliament ratified it [that same day].",
            DCT,
            "DATE 1998; DATE 1998-XX-XX",
        ),
        # a half after the unit, intervals counted in a set, the middle of the year, "sometime"
        ("The talks lasted [an hour and a half].", DCT, "DURATION PT1.5H"),
        ("The company was listed [a year and a half ago].", MARCH, "DATE 2011-09"),
        ("The central bank sets rates [every six weeks].", DCT, "SET P6W"),
        ("The lender expects to close the deal by [mid-year].", DCT, "DATE 2024 MID"),
        ("The plant will open [sometime next year].", DCT, "DATE 2025"),
        # the second day of a pair or a range is a date of its own, in the first day's month and year
        ("Elections are due on [April 24] and [25].", MARCH, "DATE 2013-04-24; DATE 2013-04-25"),
        (
            "Leaders will meet in Brussels on [March 12]-[13, 2025].",
            DCT,
            "DATE 2025-03-12; DATE 2025-03-13",
        ),
        ("Police detained him on [March 5] and 12 others were held.", MARCH, "DATE 2013-03-05"),
        # "4 in the morning" is a clock time; "the night" a clause names is not the DCT's night
        ("The convoy left at [4 in the morning].", MARCH, "TIME 2013-03-22T04:00"),
        ("Investigators released tapes from the night the plane went down.", DCT, ""),
        # "the quarter ended July 31" is mostly May to July (Q2); a fiscal quarter named stays the story's
        (
            "In [the quarter] ended [July 31], the retailer lost $2 million.",
            DCT,
            "DATE 2024-Q2; DATE 2024-07-31",
        ),
        (
            "The miner earned $4 million in [the fiscal-first quarter], up from $3 million [a year earlier].",
            DCT,
            "DATE 2024-Q1; DATE 2023-Q1",
        ),
        # the year-earlier period said in full; a weekday counted from the day the story last named
        ("Net was $1.8 million in [the corresponding period last year].", DCT, "DATE 2023"),
        (
            "Profit fell in [the third quarter] from $9 million in [the same quarter a year earlier].",
            DCT,
            "DATE 2024-Q3; DATE 2023-Q3",
        ),
        (
            "Police arrested him on [Tuesday]. He had been seen near the embassy [the previous Sunday].",
            MARCH,
            "DATE 2013-03-19; DATE 2013-03-17",
        ),
        (
            "The index closed at 2082 on [Friday], down 4.5% from [the previous Friday].",
            MARCH,
            "DATE 2013-03-22; DATE 2013-03-15",
        ),
        # "post-1959", "pre-1990s"; "the 2000 Olympics" is a year; "that" before a count is a conjunction
        ("The [post-1959] politics split thousands of families.", DCT, "DATE 1959 AFTER"),
        ("Rents returned to [pre-1990s] levels.", DCT, "DATE 199 BEFORE"),
        ("Sydney hopes to host the [2000] Olympics.", DCT, "DATE 2000"),
        ("Allies objected that [four days] seemed punitive.", DCT, "DURATION P4D"),
        # a month in each year; "last"/"next" before a month and day; a date under half a year ahead
        ("Marchers parade through the town [each July].", DCT, "SET XXXX-07"),
        ("The doctor was shot dead [last Oct. 23] at his home.", MARCH, "DATE 2012-10-23"),
        ("The run-off is set for [next March 5].", MARCH, "DATE 2014-03-05"),
        ("The new ferry service runs from [August 6].", MARCH, "DATE 2013-08-06"),
        # "the first two quarters of 2025" is the first half
        ("Weak demand will last through [the first two quarters of 2025].", DCT, "DATE 2025-H1"),
        # the day before yesterday; "the year to March" is a twelve-month span, as "the year ended"
        ("The ferry sank [the day before yesterday].", MARCH, "DATE 2013-03-20"),
        (
            "The economy grew 1.5% in [the year] to [March], the agency said.",
            MARCH,
            "DURATION P1Y; DATE 2013-03",
        ),
        ("Holders may buy stock at half the [then-current] market price.", DCT, "DATE PAST_REF"),
        ("Clashes erupted [this past weekend].", MARCH, "DATE 2013-W11-WE"),
        ("Talks will resume [next weekend].", MARCH, "DATE 2013-W12-WE"),
        ("The lenders may extend the loan for [an additional year].", DCT, "DURATION P1Y"),
        ("The curfew will stay in force for [another two weeks].", DCT, "DURATION P2W"),
        # the near and short term, a later date, "at the time": references to the future or past
        ("Prices will rise in [the short term], the bank said.", DCT, "DATE FUTURE_REF"),
        ("The group will raise the capital at [a later date].", DCT, "DATE FUTURE_REF"),
        ("The envoy was willing at [the time] to withdraw the troops.", DCT, "DATE PAST_REF"),
        # "the next day", "that night", "the next morning" count from the day last named; "a year later" is a span
        (
            "Rebels seized the town on [June 3, 2011]. [The next day], the army withdrew.",
            DCT,
            "DATE 2011-06-03; DATE 2011-06-04",
        ),
        (
            "Rebels seized the town on [June 3, 2011]. [That night], the army withdrew.",
            DCT,
            "DATE 2011-06-03; TIME 2011-06-03TNI",
        ),
        (
            "Rebels seized the town on [June 3, 2011]. The army withdrew [the next morning].",
            DCT,
            "DATE 2011-06-03; TIME 2011-06-04TMO",
        ),
        (
            "The rebels took the town in [2009]. [A year later], the army withdrew.",
            DCT,
            "DATE 2009; DURATION P1Y",
        ),
        # a quarter described ("after a flat second quarter") does not replace the quarter reported on
        (
            "Profit rose in [the third quarter]. After a flat [second quarter], sales recovered. Net was $2 million in [the year-earlier period].",
            DCT,
            "DATE 2024-Q3; DATE 2024-Q2; DATE 2023-Q3",
        ),
        # a quarter of this year not yet begun, told in the past, is last year's; "since" looks back
        (
            "The carrier reported a loss for [the fourth quarter].",
            dt.date(2025, 1, 27),
            "DATE 2024-Q4",
        ),
        (
            "The carrier expects a loss in [the fourth quarter].",
            dt.date(2025, 1, 27),
            "DATE 2025-Q4",
        ),
        ("The deal is expected to close in [the first quarter].", DCT, "DATE 2025-Q1"),
        (
            "The miner expects to report a loss for [the third quarter].",
            dt.date(2024, 10, 25),
            "DATE 2024-Q3",
        ),
        ("The index is up 4% since [year-end].", DCT, "DATE 2023 END"),
        # a month two months or more ahead of the DCT in a past-tense clause is last year's
        (
            "The insurer switched to a calendar year in [December].",
            dt.date(2024, 10, 25),
            "DATE 2023-12",
        ),
        (
            "The insurer said it switched its auditors in [November].",
            dt.date(2024, 10, 25),
            "DATE 2024-11",
        ),
        # "the latest fiscal year" is the last one finished; "the next fiscal year" follows this one
        ("The miner had $4 billion in sales in [the latest fiscal year].", DCT, "DATE 2023"),
        ("The miner expects profit to grow in [the next fiscal year].", DCT, "DATE 2025"),
        ("The miner expects profit to grow in [the current fiscal year].", DCT, "DATE 2024"),
        # a verb with the same present and past form ("hurt", "cut") after a singular subject is past
        ("Weakness in bank stocks hurt the index on [Friday].", DCT, "DATE 2024-12-13"),
        ("The lender cut its rates on [Monday].", DCT, "DATE 2024-12-16"),
        # "last" as a verb is not "last"; "forecast to" looks ahead; "announced in March" is past
        (
            "The ban took effect on [Dec. 1] and will last [six months].",
            DCT,
            "DATE 2024-12-01; DURATION P6M",
        ),
        ("The strike is expected to last [two weeks].", DCT, "DURATION P2W"),
        ("Sales rose 5% compared to [last year].", DCT, "DATE 2023"),
        ("The storm is forecast to make landfall [late Friday].", DCT, "DATE 2024-12-20 END"),
        (
            "The plan, announced in [March], would take effect [next spring].",
            DCT,
            "DATE 2024-03; DATE 2025-SP",
        ),
        ("A vote planned for [March] could be delayed.", DCT, "DATE 2025-03"),
        ("Retail sales have risen for [three consecutive months].", DCT, "DURATION P3M"),
        # "half a century", "half an hour"; "twice a month" is a rate (TIMEX3 takes in "twice"); "the first half of the year"
        ("The drought is the worst in [half a century].", DCT, "DURATION P50Y"),
        ("The talks ended after [half an hour].", DCT, "DURATION PT30M"),
        ("The law was passed [half a year ago].", DCT, "DATE 2024-06"),
        ("The magazine is published [twice a month].", DCT, "SET P1M"),
        ("[The first half of the year] was difficult for exporters.", DCT, "DATE 2024-H1"),
        # "is scheduled for" looks ahead; a clock time followed by "on <day>" is on that day
        ("Talks are scheduled for [Monday].", DCT, "DATE 2024-12-23"),
        ("The storm hit at [3 a.m.] on [Tuesday].", DCT, "TIME 2024-12-17T03:00; DATE 2024-12-17"),
        # a weekday named with the date decides its year (Jan. 3 is a Friday in 2025, not 2024)
        ("The ruling came on [Friday, Jan. 3].", DCT, "DATE 2025-01-03"),
        ("Voting will take place on [Sunday, March 24].", DCT, "DATE 2024-03-24"),
        # the end of a range just named is not ahead for its "through"
        (
            "The fund returned 8% in [the 12 months] through [June].",
            DCT,
            "DURATION P12M; DATE 2024-06",
        ),
        # sets: "every few months", "each summer", "on Sundays"
        ("The minister visits the region [every few months].", DCT, "SET PXM"),
        ("The festival is held [each summer].", DCT, "SET XXXX-SU"),
        ("The shop is closed on [Sundays].", DCT, "SET XXXX-WXX-7"),
        # "it is the second day of X" is today; the third day of a story told in the past is a day
        # (TIMEX3 marks it: "day" is a unit), which one untold
        ("It's [the second day] of the strike at the port.", DCT, "DATE 2024-12-19"),
        ("The talks collapsed on [the third day].", DCT, "DATE XXXX-XX-XX"),
        # "annual" before an event is a SET; the March of a march's name is not the month
        ("Thousands joined the [annual] March for Life in the capital.", DCT, "SET P1Y"),
        # "Now," contrasting the present with the past is PRESENT_REF; "Now for ..." opens a topic
        ('[Now], the minister says, "the talks are over."', DCT, "DATE PRESENT_REF"),
        # "one day" before a verb is a day to come; after one, a span
        ("The minister said the country will [one day] join the bloc.", DCT, "DATE FUTURE_REF"),
        ("The envoy had been in the post [one day].", DCT, "DURATION P1D"),
        ("The offer expires in [five business days].", DCT, "DURATION P5D"),
        # a day said as a spelled ordinal, as broadcast transcripts write it
        (
            "Women's Day is [this coming Sunday, March eighth].",
            dt.date(1998, 3, 5),
            "DATE 1998-03-08",
        ),
        ("He was sworn in on the [second of March, 2012].", DCT, "DATE 2012-03-02"),
        # "earlier in the year", "later in the month": the edge of this year or month
        ("Sales slowed [earlier in the year].", DCT, "DATE 2024 START"),
        ("The mine will close [later in the month].", DCT, "DATE 2024-12 END"),
        # "until then", "by then": the time just named
        (
            "The offer expires on [Jan. 15, 2025]. Until [then], the shares stay listed.",
            DCT,
            "DATE 2025-01-15; DATE 2025-01-15",
        ),
        ("By then, the shares stay listed.", DCT, ""),
        # two counted spans joined by "and", larger unit first, are one duration
        ("The hearing lasted [an hour and 45 minutes].", DCT, "DURATION PT1H45M"),
        ("He was jailed for [two years and six months].", DCT, "DURATION P2Y6M"),
        # midnight with no day of its own is on the day the story last named
        (
            "The rally began on [Saturday] and ended at [midnight].",
            DCT,
            "DATE 2024-12-14; TIME 2024-12-14T24:00",
        ),
        # "for a while": a span of no stated length
        ("Residents will have to live without power for [a while].", DCT, "DURATION PXX"),
        # US Election Day: the Tuesday after the first Monday in November
        (
            "The race will stay close until [Election Day].",
            dt.date(2024, 10, 20),
            "DATE 2024-11-05",
        ),
        (
            "Turnout fell on [Election Day], officials said.",
            dt.date(1998, 11, 6),
            "DATE 1998-11-03",
        ),
        # without a document date, relative values stay underspecified
        ("Rebels captured the town in [August].", None, "DATE XXXX-08"),
        ("Exports rose [last week].", None, "DATE XXXX-WXX"),
        (
            "Police held him on [March 3, 2011]. He was seen there [the previous Sunday] and left [the next day].",
            None,
            "DATE 2011-03-03; DATE 2011-02-27; DATE 2011-02-28",
        ),
        ("The talks resumed [the next day].", None, "DATE XXXX-XX-XX"),
    ],
)
def test_times(nlp, text: str, dct: dt.date | None, reads: str) -> None:
    """Each sentence yields exactly the bracketed expressions, with their values and mods."""
    sentence, expected = marked(text, reads)
    assert times(nlp, sentence, dct) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The 72-year-old senator was re-elected.",
        "Delegates approved the 53-article document.",
        "Article 24 of the charter bars such transfers.",
        "Ministers may meet again, an aide said.",
        "More than a quarter of the vote went to the opposition.",
        "The long term outlook for the industry is poor.",
        "At the time of its founding, the alliance had 12 members.",
        "He set up a joint venture called Orion 1980 to build satellites.",
        "For the alliance, it is high noon.",
        "The company employs 2000 workers at the plant.",
        "Shares fell 1,500 points before trading was halted.",
        'The minister told ABC\'s "This Week" program that talks had stalled.',
        "He spoke to CBS's 60 Minutes about the case.",
        "The case is a lesson for today's youth, the minister said.",
        "She wants to train the engineers of tomorrow.",
        "Now for the rest of the news from the region.",
        "The insurer changed from a fiscal year to a calendar year.",
        "Voters in the capital queued from dawn on election day.",
    ],
)
def test_not_times(nlp, text: str) -> None:
    """Ages, counts, article numbers and the verb "may" are not times."""
    assert times(nlp, text, DCT) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the previous year", ("DATE", "2023", None)),
        ("the past two months", ("DURATION", "P2M", None)),
        ("about three weeks", ("DURATION", "P3W", "APPROX")),
        ("early next year", ("DATE", "2025", "START")),
        ("the end of 2023", ("DATE", "2023", "END")),
        ("tonight", ("TIME", "2024-12-19TNI", None)),
        ("yesterday", ("DATE", "2024-12-18", None)),
        ("the weekend", ("DATE", "2024-W50-WE", None)),
    ],
)
def test_read(text: str, expected: tuple) -> None:
    """The grammar and the rule that matched, without a parse."""
    found = read(text, Context(DCT))
    assert found is not None and found[1] == expected


def test_offsets_point_into_the_text(nlp) -> None:
    """Every time's text is exactly the article text between its offsets."""
    text = "KYIV, Dec. 19 (Reuters) - Shelling resumed on Wednesday night after a lull of nearly two weeks."
    doc = nlp(text)
    doc._.dct = DCT
    found = find_times(doc)
    assert found and all(text[t.start : t.end] == t.text for t in found)

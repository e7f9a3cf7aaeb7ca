"""The times stage on sentences written for these tests, in the style of wire news."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.nlp import load
from dateline.stages.times.context import Context
from dateline.stages.times.grammar import read
from dateline.stages.times.stage import find_times

DCT = dt.date(2024, 12, 19)  # a Thursday
MARCH = dt.date(2013, 3, 22)  # a Friday


@pytest.fixture(scope="module")
def nlp():
    """The parse and the times stage only, so these tests do not depend on the other stages."""
    return load(stages=("times",))


def times(nlp, text: str, dct: dt.date | None) -> list[tuple[str, str, str, str | None]]:
    """(text, type, value, mod) of every time the stage finds in `text`."""
    doc = nlp(text)
    doc._.dct = dct
    return [(t.text, t.type, t.value, t.mod) for t in find_times(doc)]


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # absolute dates in the common news formats
        ("The ceasefire took effect on February 25, 2022, officials said.", DCT,
         [("February 25, 2022", "DATE", "2022-02-25", None)]),
        ("The talks began in Geneva on 25 February 2022.", DCT, [("25 February 2022", "DATE", "2022-02-25", None)]),
        ("The filing, dated 2022-02-25, was made public.", DCT, [("2022-02-25", "DATE", "2022-02-25", None)]),
        ("The memo was signed 2/25/2022 by the minister.", DCT, [("2/25/2022", "DATE", "2022-02-25", None)]),
        ("Police said the convoy left the port on Feb. 25.", DCT, [("Feb. 25", "DATE", "2024-02-25", None)]),
        # months by tense
        ("Rebels captured the town in August, residents said.", DCT, [("August", "DATE", "2024-08", None)]),
        ("The delegation will return to Kyiv in January.", DCT, [("January", "DATE", "2025-01", None)]),
        ("Prices fell sharply in late December.", DCT, [("late December", "DATE", "2024-12", "END")]),
        ("Output has slowed since mid-2023.", DCT, [("mid-2023", "DATE", "2023", "MID")]),
        # weekdays and times of day
        ("The minister resigned on Monday after a week of protests.", DCT,
         [("Monday", "DATE", "2024-12-16", None), ("a week", "DURATION", "P1W", None)]),
        ("The summit will open on Monday in Brussels.", DCT, [("Monday", "DATE", "2024-12-23", None)]),
        ("The blast hit the market Thursday morning.", MARCH, [("Thursday morning", "TIME", "2013-03-21TMO", None)]),
        ("Polls close at 5 p.m. Sunday.", MARCH, [("5 p.m. Sunday", "TIME", "2013-03-24T17:00", None)]),
        # relative dates
        ("Exports rose last week, the ministry said.", MARCH, [("last week", "DATE", "2013-W11", None)]),
        ("The bank expects growth to pick up next year.", DCT, [("next year", "DATE", "2025", None)]),
        ("The company cut 300 jobs earlier this month.", DCT, [("earlier this month", "DATE", "2024-12", "START")]),
        ("The mine closed three years ago.", DCT, [("three years ago", "DATE", "2021", None)]),
        ("The dam was built a decade ago.", DCT, [("a decade ago", "DATE", "2014", None)]),
        ("Fighting intensified this spring.", DCT, [("this spring", "DATE", "2024-SP", None)]),
        ("Sales rose 4% in the third quarter.", DCT, [("the third quarter", "DATE", "2024-Q3", None)]),
        ("The league was founded in the 1990s.", DCT, [("the 1990s", "DATE", "199", None)]),
        # durations
        ("He has been held for more than four years.", DCT, [("more than four years", "DURATION", "P4Y", "MORE_THAN")]),
        ("The hearing lasted just under four and a half hours.", DCT,
         [("just under four and a half hours", "DURATION", "PT4.5H", "LESS_THAN")]),
        ("The two-year effort ended in failure.", DCT, [("two-year", "DURATION", "P2Y", None)]),
        ("Talks stalled for a month.", DCT, [("a month", "DURATION", "P1M", None)]),
        # sets and references
        ("The annual review is published every week.", DCT, [("every week", "SET", "P1W", None)]),
        ("The agency publishes the figures daily.", DCT, [("daily", "SET", "P1D", None)]),
        ("The border is now closed.", DCT, [("now", "DATE", "PRESENT_REF", None)]),
        ("Talks are right now at a standstill.", DCT, [("right now", "DATE", "PRESENT_REF", None)]),
        ("The envoy recently visited Minsk.", DCT, [("recently", "DATE", "PAST_REF", None)]),
        # years said in words (broadcast transcripts) and decades by name
        ("The treaty was signed in nineteen ninety-six, the envoy recalled.", DCT,
         [("nineteen ninety-six", "DATE", "1996", None)]),
        ("Planners had promised a new terminal by the year two thousand.", DCT,
         [("the year two thousand", "DATE", "2000", None)]),
        ("The port has not been this busy since the nineties.", DCT, [("the nineties", "DATE", "199", None)]),
        # the year, the full or fiscal year, the year ended <date>
        ("The miner expects output to rise in the current fiscal year.", DCT,
         [("the current fiscal year", "DATE", "2024", None)]),
        ("Sales for the full year were flat, the company said.", DCT, [("the full year", "DATE", "2024", None)]),
        ("The group earned $4 million in the year ended June 30.", DCT,
         [("the year", "DURATION", "P1Y", None), ("June 30", "DATE", "2024-06-30", None)]),
        ("The airline blamed current fuel prices for the cuts.", DCT, [("current", "DATE", "PRESENT_REF", None)]),
        # quarters: the story's quarter carries over to "the latest period" and "the 2023 quarter"
        ("Profit rose in the third quarter. Revenue in the latest period was $2 billion, against "
         "$1.8 billion in the 2023 quarter.", DCT,
         [("the third quarter", "DATE", "2024-Q3", None), ("the latest period", "DATE", "2024-Q3", None),
          ("the 2023 quarter", "DATE", "2023-Q3", None)]),
        ("Margins improved in this year's third quarter.", DCT, [("this year's third quarter", "DATE", "2024-Q3", None)]),
        ("The bank expects losses over the next three quarters.", DCT,
         [("the next three quarters", "DURATION", "P9M", None)]),
        # ordinal quarters compared with a year before, and the story's quarter kept through the text
        ("Net fell in the year-ago third quarter, the lender said.", DCT,
         [("the year-ago third quarter", "DATE", "2023-Q3", None)]),
        ("The insurer posted a loss for the fiscal second-quarter.", DCT,
         [("the fiscal second-quarter", "DATE", "2024-Q2", None)]),
        ("Third-quarter profit rose. The company expects a fourth-quarter charge. Sales in the latest "
         "quarter rose 3% from a year ago.", DCT,
         [("Third-quarter", "DATE", "2024-Q3", None), ("fourth-quarter", "DATE", "2024-Q4", None),
          ("the latest quarter", "DATE", "2024-Q3", None), ("a year ago", "DATE", "2023-Q3", None)]),
        ("Profit in the third quarter of 2019 was higher. Third-quarter sales fell from a year ago.", DCT,
         [("the third quarter of 2019", "DATE", "2019-Q3", None), ("Third-quarter", "DATE", "2024-Q3", None),
          ("a year ago", "DATE", "2023-Q3", None)]),
        # clock times beside a date, midday, and plans made in the past
        ("The offer expires at 5 p.m. EST Nov. 9, the bank said.", DCT,
         [("5 p.m. EST Nov. 9", "TIME", "2024-11-09T17:00", None)]),
        ("The minister will speak at midday.", DCT, [("midday", "TIME", "2024-12-19T12:00", None)]),
        ("The tender offer had been scheduled to expire Friday evening.", DCT,
         [("Friday evening", "TIME", "2024-12-13TEV", None)]),
        ("Rates have fallen over the past year.", DCT, [("the past year", "DATE", "2023", None)]),
        ("Investors earned $2 billion a year from the bonds.", DCT, [("a year", "SET", "P1Y", None)]),
        # ranges, "or so", "around", fractions, the end of a period
        ("Shipments will resume within two to three weeks.", DCT,
         [("two to three weeks", "DURATION", "P2W", "EQUAL_OR_MORE")]),
        ("The plant will close over the next year or so.", DCT, [("the next year or so", "DATE", "2025", "APPROX")]),
        ("The deal should close around Jan. 15, the company said.", DCT,
         [("around Jan. 15", "DATE", "2025-01-15", "APPROX")]),
        ("The inquiry lasted 2 1/2 years.", DCT, [("2 1/2 years", "DURATION", "P2.5Y", None)]),
        ("The bank aims to cut costs by the end of the year.", DCT, [("the end of the year", "DATE", "2024", "END")]),
        ("Lawyers say they will look for ways to get around Wednesday's ruling.", DCT,
         [("Wednesday", "DATE", "2024-12-18", None)]),
        ("Shares were up 2% at mid-afternoon yesterday.", DCT,
         [("mid-afternoon yesterday", "TIME", "2024-12-18TAF", "MID")]),
        ("The paper will publish the letter in today's edition.", DCT, [("today", "DATE", "2024-12-19", None)]),
        ("The navy may use the base for at least 20 more years.", DCT,
         [("at least 20 more years", "DURATION", "P20Y", "EQUAL_OR_MORE")]),
        # a clock time without a day of its own is on the day last named
        ("The bomb went off on Tuesday. It exploded at 10:35 a.m., police said.", DCT,
         [("Tuesday", "DATE", "2024-12-17", None), ("10:35 a.m.", "TIME", "2024-12-17T10:35", None)]),
        # counted from another event, not from the DCT: a duration
        ("The rebels were freed; three days later they crossed the border.", DCT,
         [("three days later", "DURATION", "P3D", None)]),
        ("Third-quarter profit rose. For the nine months, net was $5 million, up from $4 million a year "
         "earlier.", DCT,
         [("Third-quarter", "DATE", "2024-Q3", None), ("the nine months", "DURATION", "P9M", None),
          ("a year earlier", "DATE", "2023", None)]),
        ("The group runs 13 plants, up from seven a year ago.", DCT, [("a year ago", "DATE", "2023", None)]),
        ("The site went up in October. It was taken down that same day.", DCT,
         [("October", "DATE", "2024-10", None), ("that same day", "DATE", "2024-10-XX", None)]),
        ("The boy arrived last Thanksgiving.", MARCH, [("last Thanksgiving", "DATE", "2012-11-22", None)]),
        # holidays by weekday rule or from Easter (dateutil): the one before the DCT in the past
        ("The attack happened on Good Friday, police said.", MARCH, [("Good Friday", "DATE", "2012-04-06", None)]),
        ("Crowds will gather for Easter in Rome.", MARCH, [("Easter", "DATE", "2013-03-31", None)]),
        ("Pilgrims filled the city as Easter week began.", MARCH, [("Easter week", "DATE", "2013-W13", None)]),
        # a time zone after a clock time belongs to it
        ("The vote, set for 10 a.m. ET, was delayed.", DCT, [("10 a.m. ET", "TIME", "2024-12-19T10:00", None)]),
        ("Shoppers crowded the malls on Black Friday.", DCT, [("Black Friday", "DATE", "2024-11-29", None)]),
        ("The strike ended before Labor Day.", DCT, [("Labor Day", "DATE", "2024-09-02", None)]),
        ("A hearing is set for the week of March 6.", DCT, [("the week of March 6", "DATE", "2025-W10", None)]),
        # "last <month>": the month just gone is "last month", so in March "last February" is a year back
        ("Two helicopters crashed near the border last February.", MARCH, [("last February", "DATE", "2012-02", None)]),
        ("The plant was shut last April.", DCT, [("last April", "DATE", "2024-04", None)]),
        ("The rebels seized the town in June last year.", DCT, [("June last year", "DATE", "2023-06", None)]),
        # weekdays ahead of the DCT: infinitives of intent, modals, "until", "as early as"
        ("The delegation plans to leave for Geneva on Thursday.", MARCH, [("Thursday", "DATE", "2013-03-28", None)]),
        ("The envoy could return to Cairo as early as Tuesday.", MARCH, [("Tuesday", "DATE", "2013-03-26", None)]),
        ("Officials postponed the vote until Monday.", MARCH, [("Monday", "DATE", "2013-03-25", None)]),
        ("The banks extended the credit line through January.", DCT, [("January", "DATE", "2025-01", None)]),
        ("Until Monday, police had not named a suspect.", MARCH, [("Monday", "DATE", "2013-03-18", None)]),
        ("Protesters planned a large rally in the capital on Saturday.", MARCH,
         [("Saturday", "DATE", "2013-03-23", None)]),
        # what the time is not: the ordinal "a second", the night of a date, a conjunction before it
        ("He is seeking a second term in office.", DCT, []),
        ("The judge was shot on the night of Oct. 23 at his home.", DCT, [("Oct. 23", "DATE", "2024-10-23", None)]),
        ("The ministry said that last week exports fell.", MARCH, [("last week", "DATE", "2013-W11", None)]),
        ("Parliament backed a five year plan for the railways.", DCT, [("five year", "DURATION", "P5Y", None)]),
        # how long something lasts, said as a compound; the end of the month and of the year
        ("The two sides emerged from a day-long meeting in Vienna.", DCT, [("day-long", "DURATION", "P1D", None)]),
        ("The ruling ends a decades-long border dispute.", DCT, [("decades-long", "DURATION", "PXDE", None)]),
        ("The regulator expects to approve the merger by year's end.", DCT, [("year's end", "DATE", "2024", "END")]),
        ("Troops will be in place by the end of the month.", DCT,
         [("the end of the month", "DATE", "2024-12", "END")]),
        # halves and quarters of a named year; a count of quarters is a span
        ("Earnings will weaken in the last half of 2025, the brewer said.", DCT,
         [("the last half of 2025", "DATE", "2025-H2", None)]),
        ("Sales fell in the third quarter of last year.", DCT, [("the third quarter of last year", "DATE", "2023-Q3", None)]),
        ("Analysts expect a rebound in the first half of next year.", DCT,
         [("the first half of next year", "DATE", "2025-H1", None)]),
        ("The notes carry a rolling four-quarter profit test.", DCT, [("four-quarter", "DURATION", "P12M", None)]),
        ("The referendum is this coming Sunday.", MARCH, [("this coming Sunday", "DATE", "2013-03-24", None)]),
        ("The treaty was signed in 1998, and parliament ratified it that same day.", DCT,
         [("1998", "DATE", "1998", None), ("that same day", "DATE", "1998-XX-XX", None)]),
        # a half after the unit, intervals counted in a set, the middle of the year, "sometime"
        ("The talks lasted an hour and a half.", DCT, [("an hour and a half", "DURATION", "PT1.5H", None)]),
        ("The company was listed a year and a half ago.", MARCH, [("a year and a half ago", "DATE", "2011-09", None)]),
        ("The central bank sets rates every six weeks.", DCT, [("every six weeks", "SET", "P6W", None)]),
        ("The lender expects to close the deal by mid-year.", DCT, [("mid-year", "DATE", "2024", "MID")]),
        ("The plant will open sometime next year.", DCT, [("sometime next year", "DATE", "2025", None)]),
        # the second day of a pair or a range is a date of its own, in the first day's month and year
        ("Elections are due on April 24 and 25.", MARCH,
         [("April 24", "DATE", "2013-04-24", None), ("25", "DATE", "2013-04-25", None)]),
        ("Leaders will meet in Brussels on March 12-13, 2025.", DCT,
         [("March 12", "DATE", "2025-03-12", None), ("13, 2025", "DATE", "2025-03-13", None)]),
        ("Police detained him on March 5 and 12 others were held.", MARCH, [("March 5", "DATE", "2013-03-05", None)]),
        # "4 in the morning" is a clock time; "the night" a clause names is not the DCT's night
        ("The convoy left at 4 in the morning.", MARCH, [("4 in the morning", "TIME", "2013-03-22T04:00", None)]),
        ("Investigators released tapes from the night the plane went down.", DCT, []),
        # "the quarter ended July 31" is mostly May to July (Q2); a fiscal quarter named stays the story's
        ("In the quarter ended July 31, the retailer lost $2 million.", DCT,
         [("the quarter", "DATE", "2024-Q2", None), ("July 31", "DATE", "2024-07-31", None)]),
        ("The miner earned $4 million in the fiscal-first quarter, up from $3 million a year earlier.", DCT,
         [("the fiscal-first quarter", "DATE", "2024-Q1", None), ("a year earlier", "DATE", "2023-Q1", None)]),
        # the year-earlier period said in full; a weekday counted from the day the story last named
        ("Net was $1.8 million in the corresponding period last year.", DCT,
         [("the corresponding period last year", "DATE", "2023", None)]),
        ("Profit fell in the third quarter from $9 million in the same quarter a year earlier.", DCT,
         [("the third quarter", "DATE", "2024-Q3", None), ("the same quarter a year earlier", "DATE", "2023-Q3", None)]),
        ("Police arrested him on Tuesday. He had been seen near the embassy the previous Sunday.", MARCH,
         [("Tuesday", "DATE", "2013-03-19", None), ("the previous Sunday", "DATE", "2013-03-17", None)]),
        ("The index closed at 2082 on Friday, down 4.5% from the previous Friday.", MARCH,
         [("Friday", "DATE", "2013-03-22", None), ("the previous Friday", "DATE", "2013-03-15", None)]),
        # "post-1959", "pre-1990s"; "the 2000 Olympics" is a year; "that" before a count is a conjunction
        ("The post-1959 politics split thousands of families.", DCT, [("post-1959", "DATE", "1959", "AFTER")]),
        ("Rents returned to pre-1990s levels.", DCT, [("pre-1990s", "DATE", "199", "BEFORE")]),
        ("Sydney hopes to host the 2000 Olympics.", DCT, [("2000", "DATE", "2000", None)]),
        ("Allies objected that four days seemed punitive.", DCT, [("four days", "DURATION", "P4D", None)]),
        # a month in each year; "last"/"next" before a month and day; a date under half a year ahead
        ("Marchers parade through the town each July.", DCT, [("each July", "SET", "XXXX-07", None)]),
        ("The doctor was shot dead last Oct. 23 at his home.", MARCH, [("last Oct. 23", "DATE", "2012-10-23", None)]),
        ("The run-off is set for next March 5.", MARCH, [("next March 5", "DATE", "2014-03-05", None)]),
        ("The new ferry service runs from August 6.", MARCH, [("August 6", "DATE", "2013-08-06", None)]),
        # "the first two quarters of 2025" is the first half
        ("Weak demand will last through the first two quarters of 2025.", DCT,
         [("the first two quarters of 2025", "DATE", "2025-H1", None)]),
        # the day before yesterday; "the year to March" is a twelve-month span, as "the year ended"
        ("The ferry sank the day before yesterday.", MARCH, [("the day before yesterday", "DATE", "2013-03-20", None)]),
        ("The economy grew 1.5% in the year to March, the agency said.", MARCH,
         [("the year", "DURATION", "P1Y", None), ("March", "DATE", "2013-03", None)]),
        ("Holders may buy stock at half the then-current market price.", DCT,
         [("then-current", "DATE", "PAST_REF", None)]),
        ("Clashes erupted this past weekend.", MARCH, [("this past weekend", "DATE", "2013-W11-WE", None)]),
        ("Talks will resume next weekend.", MARCH, [("next weekend", "DATE", "2013-W12-WE", None)]),
        ("The lenders may extend the loan for an additional year.", DCT, [("an additional year", "DURATION", "P1Y", None)]),
        ("The curfew will stay in force for another two weeks.", DCT, [("another two weeks", "DURATION", "P2W", None)]),
        # the near and short term, a later date, "at the time": references to the future or past
        ("Prices will rise in the short term, the bank said.", DCT, [("the short term", "DATE", "FUTURE_REF", None)]),
        ("The group will raise the capital at a later date.", DCT, [("a later date", "DATE", "FUTURE_REF", None)]),
        ("The envoy was willing at the time to withdraw the troops.", DCT, [("the time", "DATE", "PAST_REF", None)]),
        # "the next day", "that night", "the next morning" count from the day last named; "a year later" is a span
        ("Rebels seized the town on June 3, 2011. The next day, the army withdrew.", DCT,
         [("June 3, 2011", "DATE", "2011-06-03", None), ("The next day", "DATE", "2011-06-04", None)]),
        ("Rebels seized the town on June 3, 2011. That night, the army withdrew.", DCT,
         [("June 3, 2011", "DATE", "2011-06-03", None), ("That night", "TIME", "2011-06-03TNI", None)]),
        ("Rebels seized the town on June 3, 2011. The army withdrew the next morning.", DCT,
         [("June 3, 2011", "DATE", "2011-06-03", None), ("the next morning", "TIME", "2011-06-04TMO", None)]),
        ("The rebels took the town in 2009. A year later, the army withdrew.", DCT,
         [("2009", "DATE", "2009", None), ("A year later", "DURATION", "P1Y", None)]),
        # a quarter described ("after a flat second quarter") does not replace the quarter reported on
        ("Profit rose in the third quarter. After a flat second quarter, sales recovered. Net was $2 million in "
         "the year-earlier period.", DCT,
         [("the third quarter", "DATE", "2024-Q3", None), ("second quarter", "DATE", "2024-Q2", None),
          ("the year-earlier period", "DATE", "2023-Q3", None)]),
        # a quarter of this year not yet begun, told in the past, is last year's; "since" looks back
        ("The carrier reported a loss for the fourth quarter.", dt.date(2025, 1, 27),
         [("the fourth quarter", "DATE", "2024-Q4", None)]),
        ("The carrier expects a loss in the fourth quarter.", dt.date(2025, 1, 27),
         [("the fourth quarter", "DATE", "2025-Q4", None)]),
        ("The deal is expected to close in the first quarter.", DCT,
         [("the first quarter", "DATE", "2025-Q1", None)]),
        ("The miner expects to report a loss for the third quarter.", dt.date(2024, 10, 25),
         [("the third quarter", "DATE", "2024-Q3", None)]),
        ("The index is up 4% since year-end.", DCT, [("year-end", "DATE", "2023", "END")]),
        # a month two months or more ahead of the DCT in a past-tense clause is last year's
        ("The insurer switched to a calendar year in December.", dt.date(2024, 10, 25),
         [("December", "DATE", "2023-12", None)]),
        ("The insurer said it switched its auditors in November.", dt.date(2024, 10, 25),
         [("November", "DATE", "2024-11", None)]),
        # "the latest fiscal year" is the last one finished; "the next fiscal year" follows this one
        ("The miner had $4 billion in sales in the latest fiscal year.", DCT,
         [("the latest fiscal year", "DATE", "2023", None)]),
        ("The miner expects profit to grow in the next fiscal year.", DCT,
         [("the next fiscal year", "DATE", "2025", None)]),
        ("The miner expects profit to grow in the current fiscal year.", DCT,
         [("the current fiscal year", "DATE", "2024", None)]),
        # a verb with the same present and past form ("hurt", "cut") after a singular subject is past
        ("Weakness in bank stocks hurt the index on Friday.", DCT, [("Friday", "DATE", "2024-12-13", None)]),
        ("The lender cut its rates on Monday.", DCT, [("Monday", "DATE", "2024-12-16", None)]),
        # "last" as a verb is not "last"; "forecast to" looks ahead; "announced in March" is past
        ("The ban took effect on Dec. 1 and will last six months.", DCT,
         [("Dec. 1", "DATE", "2024-12-01", None), ("six months", "DURATION", "P6M", None)]),
        ("The strike is expected to last two weeks.", DCT, [("two weeks", "DURATION", "P2W", None)]),
        ("Sales rose 5% compared to last year.", DCT, [("last year", "DATE", "2023", None)]),
        ("The storm is forecast to make landfall late Friday.", DCT, [("late Friday", "DATE", "2024-12-20", "END")]),
        ("The plan, announced in March, would take effect next spring.", DCT,
         [("March", "DATE", "2024-03", None), ("next spring", "DATE", "2025-SP", None)]),
        ("A vote planned for March could be delayed.", DCT, [("March", "DATE", "2025-03", None)]),
        ("Retail sales have risen for three consecutive months.", DCT,
         [("three consecutive months", "DURATION", "P3M", None)]),
        # "half a century", "half an hour"; "twice a month" is a rate (TIMEX3 takes in "twice"); "the first half of the year"
        ("The drought is the worst in half a century.", DCT, [("half a century", "DURATION", "P50Y", None)]),
        ("The talks ended after half an hour.", DCT, [("half an hour", "DURATION", "PT30M", None)]),
        ("The law was passed half a year ago.", DCT, [("half a year ago", "DATE", "2024-06", None)]),
        ("The magazine is published twice a month.", DCT, [("twice a month", "SET", "P1M", None)]),
        ("The first half of the year was difficult for exporters.", DCT,
         [("The first half of the year", "DATE", "2024-H1", None)]),
        # "is scheduled for" looks ahead; a clock time followed by "on <day>" is on that day
        ("Talks are scheduled for Monday.", DCT, [("Monday", "DATE", "2024-12-23", None)]),
        ("The storm hit at 3 a.m. on Tuesday.", DCT,
         [("3 a.m.", "TIME", "2024-12-17T03:00", None), ("Tuesday", "DATE", "2024-12-17", None)]),
        # a weekday named with the date decides its year (Jan. 3 is a Friday in 2025, not 2024)
        ("The ruling came on Friday, Jan. 3.", DCT, [("Friday, Jan. 3", "DATE", "2025-01-03", None)]),
        ("Voting will take place on Sunday, March 24.", DCT, [("Sunday, March 24", "DATE", "2024-03-24", None)]),
        # the end of a range just named is not ahead for its "through"
        ("The fund returned 8% in the 12 months through June.", DCT,
         [("the 12 months", "DURATION", "P12M", None), ("June", "DATE", "2024-06", None)]),
        # sets: "every few months", "each summer", "on Sundays"
        ("The minister visits the region every few months.", DCT, [("every few months", "SET", "PXM", None)]),
        ("The festival is held each summer.", DCT, [("each summer", "SET", "XXXX-SU", None)]),
        ("The shop is closed on Sundays.", DCT, [("Sundays", "SET", "XXXX-WXX-7", None)]),
        # "it is the second day of X" is today; the third day of a story told in the past is a day
        # (TIMEX3 marks it: "day" is a unit), which one untold
        ("It's the second day of the strike at the port.", DCT, [("the second day", "DATE", "2024-12-19", None)]),
        ("The talks collapsed on the third day.", DCT, [("the third day", "DATE", "XXXX-XX-XX", None)]),
        # "annual" before an event is a SET; the March of a march's name is not the month
        ("Thousands joined the annual March for Life in the capital.", DCT, [("annual", "SET", "P1Y", None)]),
        # "Now," contrasting the present with the past is PRESENT_REF; "Now for ..." opens a topic
        ('Now, the minister says, "the talks are over."', DCT, [("Now", "DATE", "PRESENT_REF", None)]),
        # "one day" before a verb is a day to come; after one, a span
        ("The minister said the country will one day join the bloc.", DCT, [("one day", "DATE", "FUTURE_REF", None)]),
        ("The envoy had been in the post one day.", DCT, [("one day", "DURATION", "P1D", None)]),
        ("The offer expires in five business days.", DCT, [("five business days", "DURATION", "P5D", None)]),
        # a day said as a spelled ordinal, as broadcast transcripts write it
        ("Women's Day is this coming Sunday, March eighth.", dt.date(1998, 3, 5),
         [("this coming Sunday, March eighth", "DATE", "1998-03-08", None)]),
        ("He was sworn in on the second of March, 2012.", DCT, [("second of March, 2012", "DATE", "2012-03-02", None)]),
        # "earlier in the year", "later in the month": the edge of this year or month
        ("Sales slowed earlier in the year.", DCT, [("earlier in the year", "DATE", "2024", "START")]),
        ("The mine will close later in the month.", DCT, [("later in the month", "DATE", "2024-12", "END")]),
        # "until then", "by then": the time just named
        ("The offer expires on Jan. 15, 2025. Until then, the shares stay listed.", DCT,
         [("Jan. 15, 2025", "DATE", "2025-01-15", None), ("then", "DATE", "2025-01-15", None)]),
        ("By then, the shares stay listed.", DCT, []),
        # two counted spans joined by "and", larger unit first, are one duration
        ("The hearing lasted an hour and 45 minutes.", DCT, [("an hour and 45 minutes", "DURATION", "PT1H45M", None)]),
        ("He was jailed for two years and six months.", DCT,
         [("two years and six months", "DURATION", "P2Y6M", None)]),
        # midnight with no day of its own is on the day the story last named
        ("The rally began on Saturday and ended at midnight.", DCT,
         [("Saturday", "DATE", "2024-12-14", None), ("midnight", "TIME", "2024-12-14T24:00", None)]),
        # "for a while": a span of no stated length
        ("Residents will have to live without power for a while.", DCT, [("a while", "DURATION", "PXX", None)]),
        # US Election Day: the Tuesday after the first Monday in November
        ("The race will stay close until Election Day.", dt.date(2024, 10, 20),
         [("Election Day", "DATE", "2024-11-05", None)]),
        ("Turnout fell on Election Day, officials said.", dt.date(1998, 11, 6),
         [("Election Day", "DATE", "1998-11-03", None)]),
        # without a document date, relative values stay underspecified
        ("Rebels captured the town in August.", None, [("August", "DATE", "XXXX-08", None)]),
        ("Exports rose last week.", None, [("last week", "DATE", "XXXX-WXX", None)]),
        ("Police held him on March 3, 2011. He was seen there the previous Sunday and left the next day.", None,
         [("March 3, 2011", "DATE", "2011-03-03", None), ("the previous Sunday", "DATE", "2011-02-27", None),
          ("the next day", "DATE", "2011-02-28", None)]),
        ("The talks resumed the next day.", None, [("the next day", "DATE", "XXXX-XX-XX", None)]),
    ],
)  # fmt: skip
def test_times(nlp, text: str, dct: dt.date | None, expected: list) -> None:
    """Each sentence yields exactly the expected expressions, values and mods."""
    assert times(nlp, text, dct) == expected


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

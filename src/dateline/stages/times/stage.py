"""The times stage: find time expressions in a Doc and normalise each against the DCT.

`grammar` finds the spans and names the rule behind each (`rules`: name, pattern, readers,
examples); the rule's readers (`normalise`, `periods`; `calendar` does the date arithmetic,
`words` holds the word tables) give its TIMEX3 value against a `context.Context`. Around them,
`tense` reads the clause, `filters` drops what is not a time, and `checks` and `story` read the
time against the parse and the times the story named before it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from dateline.records import Time
from dateline.stages.common import run_stage, text_of
from dateline.stages.times.calendar import anchor_of
from dateline.stages.times.checks import (
    DAY_BEFORE,
    NTH_DAY,
    day_before_value,
    frequency_start,
    is_age,
    is_present_today,
    is_range_noun,
    located_period,
    nth_day_value,
    second_year,
)
from dateline.stages.times.context import Context
from dateline.stages.times.filters import (
    DET_BEFORE_COMPOUND,
    LEAD_NOT_TIME,
    is_rate,
    is_some_day,
    is_time,
    is_verb_last,
)
from dateline.stages.times.grammar import grammar, rule_of
from dateline.stages.times.story import (
    CLOCK_ON,
    RANGE_TO,
    in_period_sentence,
    is_reported_quarter,
    joined_span,
    on_day,
    on_story_day,
    second_day,
)
from dateline.stages.times.tense import tense

__all__ = ["find_times", "find_times_by_rule", "grammar", "times_component"]


@dataclass
class _Story:
    """The times read so far in one document and what they named, as the matches go by."""

    doc: Doc
    source: str
    found: list[Time] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # the rule (or check) behind each time
    ref: str | None = None  # the quarter the story reports on
    anchor: dt.date | None = None  # the first day of the last DATE named
    anchor_value: str | None = None  # that DATE's value, for its granularity
    day: str | None = None  # the last day named, for a bare clock time
    taken: int = 0  # the end of a second day already read ("13, 2014" in "March 12-13, 2014")

    @property
    def last(self) -> Time | None:
        """The time read just before."""
        return self.found[-1] if self.found else None

    def add(self, time: Time, rule: str) -> None:
        """Record a time and what it names for the times after it."""
        self.found.append(time)
        self.rules.append(rule)
        value = time.value
        try:
            if anchor_of(value):
                self.anchor, self.anchor_value = anchor_of(value), value
        except ValueError:  # a value in year 0: not an anchor for the times after it
            pass
        self.day = value[:10] if re.match(r"\d{4}-\d\d-\d\d", value) else self.day


def find_times(doc: Doc) -> list[Time]:
    """Return the time expressions in `doc`, normalised against `doc._.dct`."""
    return [time for time, _ in find_times_by_rule(doc)]


def find_times_by_rule(doc: Doc) -> list[tuple[Time, str]]:
    """The time expressions in `doc`, each with the name of the rule (or check) that read it."""
    story = _Story(doc, text_of(doc))
    for match in grammar().finditer(story.source):
        _read(story, match)
    return list(zip(story.found, story.rules, strict=True))


def _span(story: _Story, match: re.Match[str]) -> tuple[int, str] | None:
    """Start and text of a match that is a time, without a determiner or verb before it."""
    start, end = match.span()
    text = match.group()
    if start < story.taken or not is_time(story.doc, story.source, start, end, text):
        return None
    if det := DET_BEFORE_COMPOUND.match(text) or LEAD_NOT_TIME.match(text):
        start, text = start + det.end(), text[det.end() :]
    if text[:5].lower() == "last " and is_verb_last(story.doc, story.source, start):
        start, text = start + 5, text[5:]  # "will last six months": the verb
    return start, text


def _context(story: _Story, start: int, end: int) -> Context:
    """What the match at `start` is read against: the DCT, its tense and the story so far."""
    doc, source, last = story.doc, story.source, story.last
    # "for the nine months, ... a year earlier": the comparison is with that span, not the quarter
    ref = None if last and in_period_sentence(doc, last, start) else story.ref
    range_end = last is not None and RANGE_TO.fullmatch(source, last.end, start) is not None
    when = tense(doc, source, start, end, range_end)
    after = source[end : end + 24]
    return Context(doc._.dct, when, ref, story.anchor, story.anchor_value, after)


def _read(story: _Story, match: re.Match[str]) -> None:
    """Read one match of the grammar and add what it gives to the story."""
    if (span := _span(story, match)) is None:
        return
    start, text = span
    end = match.end()
    context = _context(story, start, end)
    rule = rule_of(match)
    result = rule.normalise(text, context)
    if result is None:
        return
    doc, source, previous = story.doc, story.source, story.last
    kind, value, mod = result
    if is_age(doc, source, start, end, kind) or is_range_noun(source, previous, start, text):
        return
    if kind == "DURATION" and is_rate(doc, start, text):
        kind, start = "SET", frequency_start(source, start)  # "twice a year"
        text = source[start:end]
    kind, value = _in_the_story(story, start, end, text, kind, value, context)
    pair = second_day(doc, source, end, text, value) if kind == "DATE" else None
    paired = "second day"  # "March 12-13": the second day, read by its own check
    if kind == "DATE" and pair is None and (year := second_year(source, end, value)):
        pair, paired = (value, year), "year range"  # "the 2009-2010 season": each end
    if previous and kind == "DATE" and CLOCK_ON.fullmatch(source, previous.end, start):
        story.found[-1] = on_day(previous, value)  # "at 3 a.m. on Tuesday": the clock on that day
    if (
        previous
        and kind == "DURATION"
        and (joined := joined_span(source, previous, start, end, value))
    ):
        story.found[-1] = joined  # "an hour and 45 minutes", "two years and six months": one span
        return
    story.add(Time(start, end, text, kind, pair[0] if pair else value, mod), rule.name)
    if pair:
        story.add(pair[1], paired)
        story.taken = pair[1].end
    value, lead = story.found[-1].value, source[max(0, start - 16) : start]
    if is_reported_quarter(kind, value, text, story.ref, context.dct, lead):
        story.ref = value


def _in_the_story(
    story: _Story, start: int, end: int, text: str, kind: str, value: str, context: Context
) -> tuple[str, str]:
    """Type and value read again against the parse and the story: "young people today", "the
    days before the attack", "the day before", "will one day be", "that night"."""
    doc, source = story.doc, story.source
    if kind == "DATE" and is_present_today(doc, start, end, context.tense):
        value = "PRESENT_REF"  # "young people today face": the present, not the day
    if period := located_period(source, start, end, text, story.anchor_value):
        kind, value = "DATE", period  # "in the days before the attack"
    if DAY_BEFORE.fullmatch(text):
        value = day_before_value(source, story.last, start, value)
    elif NTH_DAY.fullmatch(text):
        value = nth_day_value(source, start, value)
    if kind == "DURATION" and is_some_day(doc, source, start, end, text):
        kind, value = "DATE", "FUTURE_REF"  # "will one day be": a day to come, which one untold
    value = on_story_day(text, kind, value, story.day, context.dct, story.anchor_value)
    return kind, value


@Language.component("dateline_times", requires=["token.dep", "token.tag"], assigns=["doc._.times"])
def times_component(doc: Doc) -> Doc:
    """Set `doc._.times`."""
    return run_stage(doc, "times", find_times)

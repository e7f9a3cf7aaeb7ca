"""What one time expression is read against: the DCT, the clause's tense and the story so far."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from dateline.stages.times.words import Result

# A reader's answer for a phrase of its kind that is no time ("fall" alone, "Feb. 30").
NOT_A_TIME: Result = ("", "", None)


@dataclass(frozen=True)
class Context:
    """The article's date, the tense of the clause and what the story named before the match.

    `ref` is the quarter the story reports on ("2024-Q3"); `anchor_value` the last DATE value
    named ("2024-08") and `anchor` the first day of its period, to count "the following year"
    and "the same day" from; `after` is the text just after the match ("ended Sept. 30").
    """

    dct: dt.date | None
    tense: str | None = None
    ref: str | None = None
    anchor: dt.date | None = None
    anchor_value: str | None = None
    after: str = ""


class Phrase(NamedTuple):
    """A matched expression in the form the normalisers read: lower case, spaces single, spelled
    numbers as digits, with its mod prefix ("more than", "early") taken off into `mod`."""

    low: str
    bare: str  # `low` without a leading "the " or "right "
    mod: str | None

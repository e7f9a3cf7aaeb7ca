"""Confidence as named factors: each factor's weight, and what the factors do to whole texts."""

from __future__ import annotations

import pytest

from dateline.records import EVENT_THRESHOLD
from dateline.stages.events.confidence import BASE, FACTORS
from tests.stages.events.helpers import events_of


def test_factors_are_named_weighted_and_exemplified():
    """Every factor has a unique name, a non-zero weight and an example."""
    names = [f.name for f in FACTORS]
    assert len(names) == len(set(names))
    assert all(f.weight and f.example for f in FACTORS)
    assert 0 < BASE < 1


@pytest.mark.parametrize(
    ("text", "above"),
    [
        ("Police arrested two men in Leeds on Monday.", True),
        ("The protests continued into the night.", False),  # no party named
        ("The Turkish president visited the Turkish embassy in Rome.", False),  # a visit home
    ],
)
def test_default_threshold(nlp, text, above):
    """Whether the text's first event is shown by default."""
    (event, *_) = events_of(nlp, text)
    assert (event.confidence >= EVENT_THRESHOLD) is above, event


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        (  # a quote inside a quote: its "me" is not the speaker
            'Ivan Petrov, the ministry spokesman, said: "None of them went to the police or '
            'said ‘he attacked me’. They wanted money."',
            None,
        ),
    ],
)
def test_first_person_in_a_nested_quote_is_not_the_speaker(nlp, text, recipient):
    """The speaker is the recipient of "me" only in their own words."""
    found = [e for e in events_of(nlp, text) if e.type == "ASSAULT"]
    assert [e.recipient and e.recipient.name for e in found] == [recipient]

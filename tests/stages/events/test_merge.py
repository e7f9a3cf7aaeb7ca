"""One event per act per article: which repeated reports merge (no parse needed)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dateline.analyze import analyze
from dateline.records import Actor, Event
from dateline.stages.events.merge import merge, same_act
from tests.stages.events.helpers import events_of

POLICE = Actor(name="police", country="USA", sector="COP")


def _event(
    start: int, recipient: str | None, text: str = "they were held", confidence: float = 0.6
) -> Event:
    """A COERCE arrest by the police on a recipient named `recipient`, at `start`."""
    party = Actor(name=recipient) if recipient else None
    end = start + len(text)
    return Event("COERCE", start, end, text, "arrest", POLICE, party, confidence=confidence)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("two men", "the men", True),  # one kind of people, counted once and named again
        ("12 diplomats", "almost twice as many diplomats", True),
        ("two men", None, True),  # the later report names no one
        ("two men", "three women", False),
        ("Latvian diplomats", "Estonian diplomats", False),  # proper names tell groups apart
        ("the mayor", "the governor", False),
        ("four city residents", "John Doe", True),  # described, then named
        ("a man", "Richard Roe", True),
        ("John Doe", "Richard Roe", False),  # two names are two people
    ],
)
def test_same_act_by_recipient(first, second, expected):
    """Two arrests by the same police are one act when their recipients can be one group."""
    assert same_act(_event(0, first), _event(100, second)) is expected


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        (  # the first report naming both parties in its own words
            [
                (0, None, "Arrests in the capital"),
                (50, "two men", "Police arrested two men"),
                (300, "the men", "The men were arrested by police"),
            ],
            (50, [0, 300], 0.6),
        ),
        (  # a pronoun names no one, whoever it stands for; the highest confidence is kept
            [
                (10, "two men", "the arrest of two men", 0.4),
                (400, "two men", "they were held", 0.7),
            ],
            (10, [400], 0.7),
        ),
    ],
)
def test_merged_event_keeps_the_first_full_report_and_lists_the_others(mentions, expected):
    """The first report whose words name the most parties is the evidence; the others are its
    mentions."""
    merged = merge([_event(*m) for m in mentions])
    assert [(e.start, [m["start"] for m in e.mentions], e.confidence) for e in merged] == [expected]


CAPITAL = Actor(name="Ruritania", country="RUR", sector="GOV")
RIVAL = Actor(name="Freedonia", country="FRE", sector="GOV")


@pytest.mark.parametrize(
    ("type_", "later", "expected"),
    [
        ("THREATEN", {"future": True, "hypothetical": True}, True),  # "will hit back if"
        ("THREATEN", {"negated": True}, False),  # "did not threaten" is no threat made
        ("SANCTION", {"future": True}, False),  # tariffs imposed, tariffs planned: two acts
    ],
)
def test_modality_of_a_repeat(type_, later, expected):
    """A threat restated with its condition is one threat; other acts keep their modality."""
    first = Event(type_, 0, 20, "vowed to hit back", None, CAPITAL, RIVAL, confidence=0.9)
    second = Event(type_, 300, 330, "will hit back if", None, CAPITAL, RIVAL, **later)
    assert same_act(first, second) is expected


@pytest.mark.parametrize(
    ("text", "noun", "expected"),
    [
        ("In a dawn raid, officers arrested the pair", "a dawn raid", True),  # the setting
        ("Officers arrested the pair during a sweep", "a sweep", True),
        ("The junta imposed a curfew and closed the borders", "a curfew", False),  # two acts
    ],
)
def test_an_act_noun_setting_another_act_is_that_act(text, noun, expected):
    """A bare act noun after "in"/"during" inside another act's clause is that act."""
    police = Actor(name="officers", country="USA", sector="COP")
    pair = Actor(name="the pair")
    at = 100 + text.index(noun)
    verb = Event("COERCE", 100, 100 + len(text), text, "arrest", police, pair, rule="verb arrest")
    act = Event("COERCE", at, at + len(noun), noun, "seize", police, rule="noun raid")
    assert same_act(verb, act) is expected


def test_headline_restating_the_lead_is_merged(nlp):
    """Title and heading events that the body reports too are one event, evidenced by the body."""
    text = (
        "title: Israel and Hamas agree to Gaza ceasefire\n"
        "date: 2026-06-30\n\n"
        "Israel and Hamas agree to six-week truce\n\n"
        "DOHA, Qatar (Reuters) - Israel and Hamas agreed to a six-week ceasefire on Sunday, "
        "officials said.\n\n"
        "Russia expels Latvian diplomats\n\n"
        "Fighting continued in northern Gaza.\n"
    )
    analysis = analyze(text)
    agree = [e for e in analysis.events if e.type == "AGREE"]
    assert agree and all(text[e.start : e.end].startswith(("Israel", "Hamas")) for e in agree)
    assert all(e.start > text.index("DOHA") for e in agree)
    assert any(m["start"] < text.index("DOHA") for e in agree for m in e.mentions)  # headline
    assert any(e.type == "SANCTION" for e in analysis.events)  # only the heading says this


def test_repeated_act_is_one_event_with_mentions(nlp):
    """An act reported twice is one event; the second report is kept as a mention."""
    text = (
        "Police arrested the opposition leader Amara Diallo in Bamako on Monday. "
        "The arrest of Diallo drew criticism. Diallo was arrested by police after a rally."
    )
    arrests = [e for e in events_of(nlp, text) if e.type == "COERCE"]
    assert len(arrests) == 1, arrests
    assert arrests[0].start < text.index("The arrest")
    assert arrests[0].mentions


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (("verb press", None), ("verb release", None), False),  # two acts of one type
        (("verb call on", "AFP"), ("verb release", None), False),
        (("verb release", "Li"), ("verb release", None), True),  # "he was released" again
    ],
)
def test_report_naming_no_party_joins_only_its_own_word(first, second, expected):
    """A REQUEST that names no party is not merged into any other REQUEST of the article."""

    def request(start: int, rule: str, actor: str | None) -> Event:
        party = Actor(name=actor) if actor else None
        return Event("REQUEST", start, start + 10, "x" * 10, None, party, None, rule=rule)

    assert same_act(request(0, *first), request(100, *second)) is expected


def test_described_and_named_merge_only_under_one_named_actor():
    """ "Three residents were charged" and "Doe … faces charges" are one act only when both
    reports have the same actor (here the police); with no actor they stay apart."""
    charged = Event("ACCUSE", 0, 10, "x" * 10, None, None, Actor(name="three residents"))
    faces = Event("ACCUSE", 50, 60, "x" * 10, None, None, Actor(name="John Doe"))
    assert not same_act(charged, faces)
    with_police = [replace(e, actor=POLICE) for e in (charged, faces)]
    assert same_act(*with_police)


@pytest.mark.parametrize(
    ("actors", "recipients", "expected"),
    [
        (("Police officers", "officers"), ("a man", "John Doe"), True),
        (("Oklahoma teachers", "teachers"), (None, "Texas"), False),  # one report names no one
        (("Latvian officers", "Estonian officers"), ("a man", "John Doe"), False),
    ],
)
def test_one_kind_of_actor_needs_both_recipients(actors, recipients, expected):
    """Actors of one kind, one described more closely, report one act only when both reports
    name whom it was done to."""

    def shot(start: int, actor: str, recipient: str | None) -> Event:
        party = Actor(name=recipient) if recipient else None
        return Event("ASSAULT", start, start + 10, "x" * 10, None, Actor(name=actor), party)

    first, second = (
        shot(i * 100, a, r) for i, (a, r) in enumerate(zip(actors, recipients, strict=True))
    )
    assert same_act(first, second) is expected

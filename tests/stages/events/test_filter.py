"""Political events only: gates and vetoes, each with its own examples, and what is never shown."""

from __future__ import annotations

import pytest

from dateline.stages.events.filter import GATES, VETOES
from tests.stages.events.helpers import events_of, shown_of


def test_without_a_gerund_is_no_event(nlp):
    """An act governed by "without" ("attacked without warning") did not happen."""
    found = events_of(nlp, '"They attacked us without warning," Sybiha said.')
    assert [e.type for e in found] == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Demonstrations against a proposed fuel tax entered their second week.", "AGREE"),
        ("The court opened an investigation into alleged war crimes in Sudan.", "ACCUSE/allege"),
        ("Scholz struck a more cautious tone on Friday.", "ASSAULT"),
        ("Exports hit a record high in March.", "ASSAULT"),
    ],
)
def test_modifiers_and_figures_are_no_events(nlp, text, absent):
    """Participles that modify a noun and attacks on no target are no events."""
    found = {e.type for e in events_of(nlp, text)}
    found |= {f"{e.type}/{e.mode}" for e in events_of(nlp, text)}
    assert absent not in found, found


@pytest.mark.parametrize(
    "text",
    [
        "A storm destroyed the old church and damaged the library on Friday.",
        "The apartments provide affordable living for retired teachers downtown.",
        "Morales hit the tying three-pointer with four seconds left on the clock.",
        "The company released a statement on Monday about its quarterly results.",
        "Asked about the new stadium, the mayor said he had no plans to visit it.",
        "The city police declined to comment on the lawsuit on Tuesday.",
        "Garcia scored 31 points to help Denver win its third straight game.",
        "The festival offers live music, food stalls and a craft market.",
        "The Walk of Hope raised money for the children's hospital, organisers said.",
        "Trade officials have sought to play down the dispute over steel quotas.",
        "Bus drivers at the depot ended their shift early because of the snow.",
        "The senator shared a photo of the flooded valley on Sunday.",
        "The president will return to the capital on Sunday after the summit.",
        "A demonstration of the new rescue drones drew a crowd at the fairground.",
    ],
)
def test_no_political_event_is_shown(nlp, text):
    """Accidents, things, sport, statements, questions and no-comments are not shown."""
    assert shown_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two men were arrested on Friday night, the county sheriff's office said.",
            ("COERCE", "county sheriff's office", "Two men"),
        ),
        (
            "Police arrested two men in Dallas after a chase.",
            ("COERCE", "Police", "two men"),
        ),
        (
            "Former mayor Tom Reyes is facing corruption charges in state court.",
            ("ACCUSE", None, "Tom Reyes"),
        ),
        (
            "Hundreds of nurses staged a walkout over pay at the city hospital on Monday.",
            ("PROTEST", "nurses", None),
        ),
        (
            "The fugitive was captured in Fresno by state police on Sunday.",
            ("COERCE", "state police", "The fugitive"),
        ),
        (
            "Two students were killed in police shooting in Kisumu.",
            ("ASSAULT", "police", "Two students"),
        ),
        (
            "A teenager was shot dead by police in Lagos on Monday.",
            ("ASSAULT", "police", "A teenager"),
        ),
        (
            "The minister urged the campaign to withdraw its advert.",
            ("REQUEST", "The minister", "the campaign"),
        ),
        (
            "The president fired two ministers after the vote.",
            ("COERCE", "The president", "two ministers"),
        ),
        (
            "Reporters Without Borders condemned the arrest of the two editors.",
            ("ACCUSE", "Reporters Without Borders", None),
        ),
        ("Dock workers ended a week-long strike on Friday.", ("CONCEDE", "Dock workers", None)),
        (
            "The army denied targeting civilians in the border village.",
            ("REJECT", "The army", None),
        ),
    ],
)
def test_state_acts_and_protests_are_shown(nlp, text, expected):
    """Agentless arrests take the article's agency; charges faced reverse the roles; walkouts
    are protests; capturing people is an arrest."""
    got = shown_of(nlp, text)
    assert any(
        g[0] == expected[0]
        and (expected[1] is None or expected[1].lower() in (g[1] or "").lower())
        and (expected[2] is None or (g[2] or "").lower() == expected[2].lower())
        for g in got
    ), got


def test_denied_act_is_not_coded(nlp):
    """ "denied targeting civilians" is a REJECT, never an attack."""
    got = shown_of(nlp, "The army denied targeting civilians in the border village.")
    assert not any(g[0] == "ASSAULT" for g in got), got


@pytest.mark.parametrize(
    "text",
    [
        "The mayor called the meeting to order at seven.",
        "She called the police to report a break-in at the store.",
        "The two mayors sought fresh quotes for the paving work.",
        "The mayor is seeking re-election in November.",
        "The governor signed legislation on Friday that raises the speed limit.",
    ],
)
def test_naming_seeking_and_signing_without_a_party(nlp, text):
    """Calling without an evaluation, seeking a thing from no one and signing a law are shown
    as no request, praise or accusation."""
    assert not [g for g in shown_of(nlp, text) if g[0] in ("ACCUSE", "SUPPORT", "REQUEST")]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Council members usually do not meet in summer.", None),
        ("The president refused to meet the opposition leader.", "REJECT"),
    ],
)
def test_meeting_not_held_is_no_refusal(nlp, text, type_):
    """Not meeting with no one named is no refusal; refusing to meet someone is."""
    got = shown_of(nlp, text)
    if type_ is None:
        assert not [g for g in got if g[0] == "REJECT"], got
    else:
        assert any(g[0] == type_ for g in got), got


def _gate_examples(table):
    """(gate name, example sentence) for each example of each gate or veto."""
    return [(g.name, ex) for g in table for ex in g.example.split("; ")]


@pytest.mark.parametrize(
    "text",
    [
        "All flights were suspended on Monday after the storm.",
        "The match was suspended for an hour because of heavy rain.",
    ],
)
def test_suspending_a_thing_is_not_shown(nlp, text):
    """A suspension is a state act only when people are suspended."""
    assert all(e.confidence < 0.45 for e in events_of(nlp, text))


@pytest.mark.parametrize(("name", "example"), _gate_examples(GATES))
def test_each_gate_admits_its_examples(nlp, name, example):
    """Every gate's own examples are admitted by it (or by a gate tried before it)."""
    names = [g.name for g in GATES]
    rules = [e.rule or "" for e in events_of(nlp, example + ".")]
    admitted_by = [n for r in rules for n in names if r.endswith(f"; {n}")]
    assert admitted_by and min(names.index(n) for n in admitted_by) <= names.index(name), rules


@pytest.mark.parametrize(("name", "example"), _gate_examples(VETOES))
def test_each_veto_drops_its_examples(nlp, name, example):
    """Every veto's own examples are vetoed by it and not shown; `--errors` names the veto."""
    found = events_of(nlp, example + ".")
    assert any((e.rule or "").endswith(f"; vetoed: {name}") for e in found), found
    assert all(e.confidence < 0.45 for e in found if "vetoed" in (e.rule or "")), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The family is seeking $2 million in damages from the Riverton police.", "ACCUSE"),
        ("Poland demanded compensation from Moscow for the shelling.", "REQUEST"),
        ("The mayor sought the release of the two journalists.", "REQUEST"),
    ],
)
def test_seeking_damages_is_suing(nlp, text, expected):
    """Seeking damages or compensation from someone is a legal claim against them (ACCUSE)."""
    assert [e.type for e in events_of(nlp, text)][:1] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The Riverton police are investigating. Two deputies came to the house and pushed the "
        "woman, the suit alleged, adding that deputies later detained her.",
        "The state police are investigating. Three guards entered the cell and beat the man, "
        "the lawsuit alleged, adding that guards later detained him.",
    ],
)
def test_a_thing_alleging_is_no_unnamed_state_agent(nlp, text):
    """A document's allegation is its author's, not an agentless state act whose agent is the
    article's police: it is not shown with the police as accuser."""
    found = [e for e in events_of(nlp, text) if e.type == "ACCUSE" and "alleged" in e.text]
    assert found and all(e.confidence < 0.45 for e in found), found

"""Frames: modality, the future, self-obligations and predictions."""

from __future__ import annotations

import pytest

from tests.stages.events.helpers import events_of


@pytest.mark.parametrize(
    ("text", "type_", "negated", "hypothetical"),
    [
        ("Russia did not attack the convoy, the ministry said.", "ASSAULT", True, False),
        ("Turkey will not impose sanctions on Russia, Ankara said.", "SANCTION", True, False),
        ("We will absolutely kick them out of our country.", "THREATEN", False, False),
        ("Poland will host the summit next year.", "CONSULT", False, False),
        ("The rebels said they would withdraw from the city.", "AGREE", False, False),
        ("Hungary did not meet the Ukrainian delegation.", "REJECT", False, False),
        ("If Serbia attacks Kosovo, NATO will respond.", "ASSAULT", False, True),
        ("Israel may halt the talks, officials warned.", "THREATEN", False, False),
    ],
)
def test_modality(nlp, text, type_, negated, hypothetical):
    """Negation, future intent and conditionals follow PLOVER's recoding rules."""
    found = [e for e in events_of(nlp, text) if e.type == type_]
    assert found, [e.type for e in events_of(nlp, text)]
    assert found[0].negated is negated
    assert found[0].hypothetical is hypothetical


@pytest.mark.parametrize(
    ("text", "type_", "future"),
    [
        ("We will absolutely kick them out of our country.", "THREATEN", True),
        ("The French president plans to visit Algeria next month.", "CONSULT", True),
        ("Putin will meet Xi Jinping in Beijing on Friday.", "CONSULT", True),
        ("The two leaders are scheduled to meet in Geneva.", "CONSULT", True),
        ("Germany intends to send more tanks to Ukraine.", "AGREE", True),
        ("The rebels said they would withdraw from the city.", "AGREE", True),
        ("The government is set to expel two Russian diplomats.", "THREATEN", True),
        ("Putin met Xi Jinping in Beijing on Friday.", "CONSULT", False),
        ("Iran threatened to close the Strait of Hormuz.", "THREATEN", False),
        ("Japan pledged $500 million in aid to the Philippines.", "AGREE", False),
        ("Hungary did not meet the Ukrainian delegation.", "REJECT", False),
        ("If Serbia attacks Kosovo, NATO will respond.", "ASSAULT", False),
    ],
)
def test_future(nlp, text, type_, future):
    """Announced, planned and promised acts carry `future`; done or refused ones do not."""
    found = [e for e in events_of(nlp, text) if e.type == type_]
    assert found, [e.type for e in events_of(nlp, text)]
    assert found[0].future is future


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("The energy ministry said it must review its own pricing rules.", False),
        ('"We must defend our jobs," the union leader said on Monday.', False),
        ("The foreign ministry said Serbia must withdraw its troops from the border.", True),
        ("The envoy sent a reminder to Iraq that it must cooperate with the inspectors.", True),
    ],
)
def test_self_obligation_is_no_demand(nlp, text, demand):
    """A speaker binding itself ("said it must", "we must") demands nothing of another party."""
    got = [e for e in events_of(nlp, text) if e.type == "REQUEST"]
    assert bool(got) == demand, got


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("The chancellor is widely expected to expel the envoy next week.", False),
        ("Analysts say the central bank is likely to sanction the lender.", False),
        ("The government is set to expel the ambassador on Monday.", True),
    ],
)
def test_prediction_is_no_act(nlp, text, shown):
    """An act others foresee ("is expected to") is hypothetical and not shown; an announced
    one ("is set to") is a future act."""
    found = [e for e in events_of(nlp, text) if e.type not in ("CONSULT",)]
    assert found, found
    assert any(e.confidence >= 0.45 for e in found) == shown, found
    if not shown:
        assert all(e.hypothetical and not e.future for e in found), found


@pytest.mark.parametrize(
    ("text", "types"),
    [
        (
            "The union called for a vote after the ethics committee dismissed the complaints.",
            {"REQUEST", "REJECT"},
        ),
        (
            "Poland demanded compensation because Russian troops shelled the border post.",
            {"REQUEST", "ASSAULT"},
        ),
    ],
)
def test_setting_clause_is_no_complement(nlp, text, types):
    """A frame does not swallow the act of an after/because clause: both are coded."""
    found = {e.type for e in events_of(nlp, text)}
    assert types <= found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deputies shot and killed a man on Friday.", ("ASSAULT", "Deputies", "man")),
        (
            "Soldiers opened fire and killed two protesters.",
            ("ASSAULT", "Soldiers", "protesters"),
        ),
        (
            "Police arrested and detained three activists.",
            ("COERCE", "Police", "activists"),
        ),
    ],
)
def test_conjoined_verbs_of_one_act(nlp, text, expected):
    """Two conjoined verbs of one act are one event whose recipient the second names."""
    got = [e for e in events_of(nlp, text) if e.type == expected[0]]
    assert len(got) == 1, got
    assert expected[1] in (got[0].actor.name if got[0].actor else ""), got
    assert expected[2] in (got[0].recipient.name if got[0].recipient else ""), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan pledged to deepen its ties with the Philippines.", ("AGREE", "Philippines")),
        (
            "The envoy said Beijing attaches great importance to its partnership with Pakistan.",
            ("SUPPORT", "Pakistan"),
        ),
    ],
)
def test_partner_in_ties_is_the_recipient(nlp, text, expected):
    """A cooperative act about ties or a partnership with a named side is aimed at it."""
    got = [e for e in events_of(nlp, text) if e.type == expected[0]]
    assert got and expected[1] in (got[0].recipient.name if got[0].recipient else ""), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hungary always supports and wants Serbia to join the bloc.",
            ("SUPPORT", "Serbia"),
        ),
        ("Britain welcomed and praised Kenya for its role.", ("SUPPORT", "Kenya")),
    ],
)
def test_object_shared_with_a_conjoined_verb(nlp, text, expected):
    """A verb with no object of its own acts on the party its conjoined verb names."""
    got = [e for e in events_of(nlp, text) if e.type == expected[0]]
    assert got and expected[1] in (got[0].recipient.name if got[0].recipient else ""), got


def test_no_shared_thing(nlp):
    """A thing after the conjoined verb is not shared as a recipient."""
    got = [
        e
        for e in events_of(nlp, "The ministry condemned and rejected the new visa rules.")
        if e.type == "ACCUSE"
    ]
    assert got and got[0].recipient is None, got


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Beijing announced duties on steel imports, including from Japan, last week.", "Japan"),
        ("Washington imposed tariffs on goods from Mexico.", "Mexico"),
    ],
)
def test_trade_measure_hits_the_origin_country(nlp, text, recipient):
    """Duties and tariffs on goods from a country are aimed at that country."""
    got = [e for e in events_of(nlp, text) if e.type == "SANCTION"]
    assert got and recipient in (got[0].recipient.name if got[0].recipient else ""), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The president promised to end the war quickly once he returns to the White House.",
            ("AGREE", None),
        ),
        (
            "Thousands marched through the capital to demand the minister's resignation.",
            ("PROTEST", "the minister's"),
        ),
    ],
)
def test_purpose_clause_is_an_infinitive(nlp, text, expected):
    """Only an infinitive ("to demand") is a purpose the act takes in; a clause with a "to"
    phrase ("once he returns to X") is no part of the act and gives it no recipient."""
    first = events_of(nlp, text)[0]
    assert (first.type, first.recipient and first.recipient.name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drones struck a substation near Odesa, cutting power to 40,000 homes.", ["ASSAULT"]),
        ("Shells hit the bridge on Monday, blocking the only road to the town.", ["ASSAULT"]),
    ],
)
def test_what_an_attack_did_is_part_of_it(nlp, text, expected):
    """A participle after an attack tells what the attack did: one ASSAULT, not a second act."""
    assert [e.type for e in events_of(nlp, text) if e.confidence >= 0.45] == expected

"""Actor coding: people, named people and the sides of a group."""

from __future__ import annotations

import pytest

from tests.stages.events.helpers import events_of, recipients_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a lede's "a woman" is the person the next sentence names with an age
            "A woman was detained after a crash on Friday. Maria Lopez, 34, was charged with "
            "drunk driving on Saturday.",
            ("COERCE", "Maria Lopez"),
        ),
        (  # no one named with an age: she stays "a woman"
            "A woman was detained after a crash on Friday. The road was closed.",
            ("COERCE", "A woman"),
        ),
        (  # a listed people noun the tagger calls a verb is still people
            "UPDATE : The inmates and their driver have been captured near Dayton.",
            ("COERCE", "The inmates"),
        ),
    ],
)
def test_recipient_names(nlp, text, expected):
    """Who the acted-on people are, named as the article names them."""
    got = recipients_of(nlp, text)
    assert tuple(expected) in got, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Peruvian and Chilean delegations discussed fishing quotas.",
            ("CONSULT", "PER", "CHL"),
        ),
        ("US and Chinese officials discussed trade on Monday.", ("CONSULT", "USA", "CHN")),
    ],
)
def test_group_of_two_nations_meets_itself(nlp, text, expected):
    """A group named by coordinated nationalities: the first side meets the second."""
    got = [
        (e.type, e.actor and e.actor.country, e.recipient and e.recipient.country)
        for e in events_of(nlp, text)
    ]
    assert expected in got, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "the trade minister" is no mention of the prime minister
            "Former Prime Minister Ana Ruiz's party was ordered to disband. Ruiz said the party "
            "will appeal to the trade minister.",
            ("REQUEST", "the trade minister"),
        ),
        (  # "the minister" may well be the foreign minister named before
            "Foreign Minister Hakan Fidan arrived in Kyiv. Zelensky met the minister on Monday.",
            ("CONSULT", "Hakan Fidan"),
        ),
    ],
)
def test_title_description_names_its_own_office(nlp, text, expected):
    """A title description linked to a person with another title is not that person."""
    got = recipients_of(nlp, text)
    assert tuple(expected) in got, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "them" is the plural subject before it, not the subject of its own clause
            "Mark Novak and Tom Kerr ran the scheme from a warehouse for the six weeks city "
            "detectives kept them under investigation.",
            ("ACCUSE", "city detectives", "Mark Novak"),
        ),
        (  # a sentence-initial "They" is the plural subject of the sentence before
            "Protesters gathered outside parliament on Monday. They demanded the resignation of "
            "the minister.",
            ("REQUEST", "Protesters", "the minister"),
        ),
        (
            "Several Nordic governments announced new sanctions on Belarus on Monday. They also "
            "expressed solidarity with Lithuania.",
            ("SUPPORT", "Nordic governments", "Lithuania"),
        ),
        (  # no plural subject before: "they" stays unresolved
            "The minister met the rebels on Monday. They agreed to a ceasefire.",
            ("AGREE", None, None),
        ),
    ],
)
def test_plural_pronoun_antecedent(nlp, text, expected):
    """An unresolved "they"/"them" stands for the plural party subject before it."""
    type_, actor, recipient = expected
    found = [e for e in events_of(nlp, text) if e.type == type_]

    def named(party, words):
        return party is None if words is None else words in (party and party.name or "")

    assert any(named(e.actor, actor) and named(e.recipient, recipient) for e in found) or (
        actor is None and not any(e.actor for e in found)
    ), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a state's organs and people listed as one: one party, the state
            "HELSINKI (Reuters) - The Party, Government, Parliament and people of Finland have "
            "always attached importance to developing the partnership with Estonia, the prime "
            "minister said.",
            [("Party, Government, Parliament and people of Finland", "FIN")],
        ),
        (
            "The Government and people of Finland condemned Russia's attack on the port.",
            [("Government and people of Finland", "FIN")],
        ),
        (  # each conjunct names its own country: separate parties
            "Finland and Estonia condemned Russia's attack on the port.",
            [("Finland", "FIN"), ("Estonia", "EST")],
        ),
    ],
)
def test_organs_of_one_state(nlp, text, expected):
    """A list of one state's organs and people is one actor coded with its country."""
    got = {(e.actor.name, e.actor.country) for e in events_of(nlp, text) if e.actor}
    assert set(expected) <= got, got
    assert not {name for name, _ in got} & {"Party", "Government", "Parliament"}, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Finland has deepened its cooperation with Estonia and wants a partnership with "
            "the country, the minister said.",
            "EST",
        ),
    ],
)
def test_the_country_is_the_state_named_before(nlp, text, expected):
    """A bare "the country" stands for the last state named before it outside the subjects."""
    got = [e.recipient.country for e in events_of(nlp, text) if e.recipient]
    assert expected in got, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the visitor is named inside the pronoun's own clause: "He" is the host
            "HELSINKI (Reuters) - The party chief made the remark at a dinner for visiting "
            "Estonian Foreign Minister Tomas Berg in Helsinki on Monday. He spoke highly of the "
            "results of the talks between Foreign Ministers Karel Holub and Tomas Berg.",
            ("SUPPORT", "The party chief"),
        ),
        (
            "TALLINN (AP) - The prime minister held a reception for visiting Defence Minister "
            "Anna Lind on Tuesday. She praised the agreement between Anna Lind and the army.",
            ("SUPPORT", "The prime minister"),
        ),
        (  # resolved to someone the clause does not name: kept
            "RIGA (AP) - Prime Minister Ilze Kalna met the visiting Lithuanian envoy on Monday. "
            "She praised the agreement between the two armies.",
            ("SUPPORT", "Ilze Kalna"),
        ),
    ],
)
def test_pronoun_is_not_a_name_in_its_own_clause(nlp, text, expected):
    """A he/she subject is never a person its own clause names again: the titled subject
    before it is (binding)."""
    type_, name = expected
    got = [(e.type, e.actor and e.actor.name) for e in events_of(nlp, text)]
    assert (type_, name) in got, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an unresolved "him" is the man the sentence's subject names
            "MILLTOWN — A young man and his mother have sued the Milltown police, alleging "
            "officers pinned him to the ground.",
            ("ASSAULT", "A young man"),
        ),
        (  # ... or the sentence before's
            "MILLTOWN — A young man and his mother have sued the Milltown police. The "
            "19-year-old says the incident ended with him being released without charge.",
            ("RETREAT", "A young man"),
        ),
        (
            "A woman and her son have filed a complaint against the county sheriff, saying "
            "deputies handcuffed her outside her home.",
            ("COERCE", "A woman"),
        ),
        (  # the gender differs: not her
            "A man and his daughter have filed a complaint against the county sheriff, saying "
            "deputies handcuffed her outside the home.",
            ("COERCE", None),
        ),
    ],
)
def test_singular_pronoun_antecedent(nlp, text, expected):
    """An unresolved he/him (she/her) is the man (woman) a subject before it names."""
    got = recipients_of(nlp, text)
    assert tuple(expected) in got, got


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        ((("Jane Roe", 35), ("him", 75)), True),  # named only after "By": the reporter
        ((("Jane Roe", 0), ("him", 75)), False),
    ],
)
def test_byline_only(nlp, mentions, expected):
    """An entity named only in a byline is the reporter, no party of the story."""
    from dateline.records import Entity, Mention
    from dateline.stages.events.actors import byline_only

    text = "Police released the man Friday. By Jane Roe, The Post. They later released him."
    doc = nlp.make_doc(text)
    entity = Entity(
        "E1", "Jane Roe", "PERSON", mentions=tuple(Mention(s, s + len(t), t) for t, s in mentions)
    )
    assert byline_only(doc, entity) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "the Party" after "the Communist Party of Cuba": Cuba's
            "HAVANA (Reuters) - The Communist Party of Cuba has elected a new leader. The Party "
            "chief praised Mexico's border plan on Monday.",
            ("The Party chief", "CUB"),
        ),
        (  # no full name before: no country
            "The Party chief praised Mexico's border plan on Monday.",
            ("The Party chief", None),
        ),
    ],
)
def test_short_name_of_an_organisation_takes_its_country(nlp, text, expected):
    """An organisation named by one word of its earlier full name has that name's country."""
    got = [(e.actor.name, e.actor.country) for e in events_of(nlp, text) if e.actor]
    assert expected in got, got

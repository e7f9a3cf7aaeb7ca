"""Triggers: judgements a speaker states, attitudes towards a party, counted acts."""

from __future__ import annotations

import pytest

from tests.stages.events.helpers import events_of, shown_of


def _has(got, expected) -> bool:
    """Whether one shown (type, actor, recipient) fits `expected` (None: any party)."""
    type_, actor, recipient = expected
    return any(
        g[0] == type_
        and (actor is None or actor.lower() in (g[1] or "").lower())
        and (recipient is None or recipient.lower() in (g[2] or "").lower())
        for g in got
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Opposition leader Ana Lopez said the ministry\'s decision was "a disgrace".',
            ("ACCUSE", "Ana Lopez", None),
        ),
        (
            '"Mexico\'s illegal subsidies have cost thousands of jobs in Ohio," the '
            "senator said on Tuesday.",
            ("ACCUSE", "senator", "Mexico"),
        ),
        (
            "The trade minister said Canada's tariff plan was an appropriate answer.",
            ("SUPPORT", "trade minister", "Canada"),
        ),
        (
            "The foreign minister said Russia's security concerns were legitimate.",
            ("SUPPORT", "foreign minister", "Russia"),
        ),
        (
            "But, the senator said, \"frankly, Japan's reckless and dishonest subsidies "
            'hurt our farmers."',
            ("ACCUSE", "senator", "Japan"),
        ),
        (
            "The opposition leader said the electoral board's ruling was a disgrace.",
            ("ACCUSE", "opposition leader", None),
        ),
        (
            "Amnesty researcher Maria Holt said the campaigning of relatives had drawn "
            'attention to Beijing\'s "lies" about its courts.',
            ("ACCUSE", "Maria Holt", "Beijing"),
        ),
        (
            "The minister said Moscow's aggression would not go unanswered.",
            ("ACCUSE", "minister", "Moscow"),
        ),
    ],
)
def test_judgement_a_speaker_states(nlp, text, expected):
    """A speaker judging a party or its act in a reported clause accuses or praises it."""
    got = shown_of(nlp, text)
    assert _has(got, expected), got


@pytest.mark.parametrize(
    "text",
    [
        "The senator said the ministry's decision was not illegal.",
        "Police said the attack was a terrorist act.",
        "The minister said the deal was historic.",
        "The mayor said Thursday's storm was a disgrace for the forecasters.",
        "The minister said the city's budget was approved on Monday.",
    ],
)
def test_no_judgement_of_a_party(nlp, text):
    """A denied judgement, or one of no party's act, accuses and praises no one."""
    got = shown_of(nlp, text)
    assert not any(g[0] in ("ACCUSE", "SUPPORT") for g in got), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lawmakers from both parties said they were satisfied with the answers given by "
            "the central bank governor.",
            ("SUPPORT", "Lawmakers", None),
        ),
        (
            "The teachers' union said it was disappointed with the government's pay offer.",
            ("ACCUSE", None, "government"),
        ),
        (
            "Senate Democrats were unhappy with the White House's budget proposal.",
            ("ACCUSE", "Democratic", "White House"),
        ),
    ],
)
def test_attitude_towards_a_party(nlp, text, expected):
    """Satisfaction with a party is support; disappointment with it disapproval."""
    got = shown_of(nlp, text)
    assert _has(got, expected), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Chinese envoy said Beijing always attaches great importance to its ties "
            "with Pakistan.",
            ("SUPPORT", "China", "Pakistan"),
        ),
        (
            "The minister said Japan will spare no effort to carry out its pledges.",
            ("AGREE", "Japan", None),
        ),
        (
            "The Indian defence ministry will work closely with the Japanese defence ministry.",
            ("AGREE", "Indian defence ministry", "Japanese defence ministry"),
        ),
        ("Washington moved to slap tariffs on Mexican steel.", ("SANCTION", None, None)),
        (
            "Authorities have blocked lawyers from visiting the detained activist.",
            ("COERCE", "Authorities", "lawyers"),
        ),
        (
            "The lawsuit says officers pinned the teenager to the ground.",
            ("ASSAULT", "officers", None),
        ),
        (
            "The opposition party said it will file a legal suit against the election commission.",
            ("ACCUSE", "opposition party", "election commission"),
        ),
        (
            "Over two years, the activist has made dozens of freedom of information "
            "requests to the police.",
            ("REQUEST", "activist", "police"),
        ),
        (
            "The suspect was taken to a juvenile detention facility, police said.",
            ("COERCE", "police", "suspect"),
        ),
        (
            "NATO will expand its military presence on the eastern flank.",
            ("THREATEN", "North Atlantic", None),
        ),
    ],
)
def test_idioms_and_counted_acts(nlp, text, expected):
    """Diplomatic idioms, tariffs slapped, people blocked or pinned down, suits filed, and a
    count of acts under a light verb reached through a chain of "of"s."""
    got = shown_of(nlp, text)
    assert _has(got, expected), got


@pytest.mark.parametrize(
    "text",
    [
        "The storm blocked hikers from reaching the summit.",
        "The striker pinned his hopes on the second half.",
        "The coach said he will work closely with the new players.",
        "The injured were taken to a medical facility.",
        "The retailer will expand its presence in Asia.",
    ],
)
def test_idioms_without_a_political_act(nlp, text):
    """The same words with no political party acting show nothing."""
    got = shown_of(nlp, text)
    assert not any(g[0] in ("COERCE", "ASSAULT", "COOPERATE", "AGREE") for g in got), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The journalists' union wrote an open letter to the Duma calling for a "
            "condemnation of the deputy.",
            ("REQUEST", "union", "Duma"),
        ),
        (
            "The foreign ministry issued a statement condemning the raid on the embassy.",
            ("ACCUSE", "foreign ministry", None),
        ),
        (
            "Opposition lawmakers filed a motion urging the government to resign.",
            ("REQUEST", "lawmakers", "government"),
        ),
        (
            "The governor signed legislation that granted pay raises to state nurses.",
            ("CONCEDE", "governor", "nurses"),
        ),
        (
            "The president signed a decree that pardoned 300 prisoners.",
            ("CONCEDE", "president", "prisoners"),
        ),
    ],
)
def test_act_carried_by_a_document(nlp, text, expected):
    """A letter, statement or motion whose participle states a verbal act is its issuer's
    act, addressed to the document's addressee."""
    got = shown_of(nlp, text)
    assert _has(got, expected), got


def test_demand_in_a_motion_is_one_request(nlp):
    """What a motion urges someone to do is the motion's request, not a second act."""
    got = shown_of(nlp, "Opposition lawmakers filed a motion urging the government to resign.")
    assert [g[0] for g in got] == ["REQUEST"], got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Beijing announced plans to tax $50 billion in American products.",
            ("SANCTION", "China", None),
        ),
        (
            "The president proposed slapping an additional $100 billion in tariffs on "
            "Chinese goods.",
            ("THREATEN", "president", None),
        ),
    ],
)
def test_sum_of_money_in_tariffs(nlp, text, expected):
    """A sum "in tariffs" or "in products" names what the verb acts with or on."""
    got = shown_of(nlp, text)
    assert _has(got, expected), got


def test_meeting_noun_with_a_name_the_recogniser_missed(nlp):
    """Talks between two titled people are an act even when one name is not recognised
    (a title before it, or a recognised name beside it, says it is a person)."""
    got = [
        (e.type, e.actor and e.actor.name, e.recipient and e.recipient.name)
        for e in events_of(
            nlp,
            "A spokesman hailed the outcome of the talks between Foreign Ministers Tran Van "
            "Minh and Sergei Lavrov.",
        )
    ]
    assert any(g[0] == "CONSULT" and "Minh" in (g[1] or "") + (g[2] or "") for g in got), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The minister lashed out at the European Commission over the fines.",
            ("ACCUSE", "minister", "European Commission"),
        ),
        ("Germany voiced support for the peace plan.", ("SUPPORT", "Germany", None)),
        (
            "The senator voiced concern over Beijing's military build-up.",
            ("ACCUSE", "senator", None),
        ),
        ("Tehran turned down the invitation to the talks.", ("REJECT", "Iran", None)),
        ("The nurses walked off the job on Monday.", ("PROTEST", "nurses", None)),
        ("Thousands took to the streets of Caracas.", ("PROTEST", None, None)),
        (
            "The president signed a decree pardoning 300 political prisoners.",
            ("CONCEDE", "president", "prisoners"),
        ),
        (
            "Congress passed a law imposing new sanctions on Iran.",
            ("SANCTION", "Congress", "Iran"),
        ),
        (
            "The minister hit back at critics of the reform.",
            ("ACCUSE", "minister", None),
        ),
        (
            "Israel hit back at Hamas with air strikes on Gaza.",
            ("ASSAULT", "Israel", "Hamas"),
        ),
        ("Beijing expressed regret over the incident.", ("CONCEDE", "China", None)),
        (
            "The senator said Moscow's decision was a grave mistake.",
            ("ACCUSE", "senator", "Moscow"),
        ),
        (
            "The envoy said Iran's proposal was constructive.",
            ("SUPPORT", "envoy", "Iran"),
        ),
        ("Police used a stun gun to subdue the man.", ("ASSAULT", "Police", "man")),
        (
            "Officers tackled the man to the ground and handcuffed him.",
            ("ASSAULT", "Officers", "man"),
        ),
        (
            "The man was booked into the county jail on charges of assault.",
            ("COERCE", None, "man"),
        ),
    ],
)
def test_wire_phrasings(nlp, text, expected):
    """Phrasal verbs and light verbs of wire copy, and laws that act in their issuer's name."""
    got = shown_of(nlp, text)
    assert _has(got, expected), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hundreds of dock workers downed tools at the port.", ("PROTEST", "workers", None)),
        ("Students staged a sit-in at the ministry.", ("PROTEST", "Students", None)),
        ("The union called a general strike for Monday.", ("PROTEST", "union", None)),
        (
            "The president ordered an investigation into the killings.",
            ("ACCUSE", "president", None),
        ),
    ],
)
def test_protest_and_light_verb_phrasings(nlp, text, expected):
    """Strikes and sit-ins in their wire phrasings; a light verb's act object wins over a
    rule matched by a stray preposition ("called a strike for Monday")."""
    got = shown_of(nlp, text)
    assert _has(got, expected), got


def test_hunger_strike_is_one_event(nlp):
    """ "Went on hunger strike" is one hunger strike, not also a plain strike."""
    got = shown_of(nlp, "Prisoners at the camp went on hunger strike on Monday.")
    assert [g[0] for g in got] == ["PROTEST"], got


def test_called_off_strike_is_no_strike(nlp):
    """Calling off a strike is the verb's own act, not a strike."""
    from tests.stages.events.helpers import events_of

    got = [e.type for e in events_of(nlp, "The teachers' union has called off a four-day strike.")]
    assert "PROTEST" not in got, got


@pytest.mark.parametrize(
    "text",
    [
        "Fans took to the streets to celebrate the title.",
        "Crowds marched through the city to celebrate independence day.",
        "The coach said he was pleased with the team's effort.",
        "The singer said her label's decision was unfair.",
    ],
)
def test_no_political_act_in_everyday_phrasings(nlp, text):
    """Celebrations are no protests; praise and complaints between private parties are not
    shown."""
    assert shown_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The UN chief pleaded with both sides to stop the fighting.",
            ("REQUEST", "UN chief", None),
        ),
        (
            "Activists petitioned the court to halt the deportation.",
            ("REQUEST", "Activists", "court"),
        ),
        ("The court threw out the lawsuit.", ("REJECT", "court", None)),
        ("The Senate blocked the nomination.", ("REJECT", "Senate", None)),
        ("The minister ruled out early elections.", ("REJECT", "minister", None)),
    ],
)
def test_requests_and_refusals(nlp, text, expected):
    """Pleas and petitions are requests; throwing out a suit, blocking a nomination and
    ruling something out are refusals (not an expulsion, not a blockade)."""
    got = shown_of(nlp, text)
    assert _has(got, expected), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Both the ruling and opposition parties agreed to her appointment.", "SUPPORT"),
        ("The Senate approved his nomination on Tuesday.", "SUPPORT"),
        ("The president granted amnesty to 300 political prisoners.", "CONCEDE"),
        ("The governor granted a pay raise to striking nurses.", "CONCEDE"),
        ("The court returned the petition unanswered.", "REJECT"),
        # near-misses: the plain verb keeps its own act
        ("The two sides agreed to a ceasefire.", "AGREE"),
        ("The court returned the petition to the lawyers.", "RETREAT"),
    ],
)
def test_approvals_concessions_and_unanswered(nlp, text, expected):
    """Agreeing to an appointment endorses the appointee; granting an amnesty or a raise
    concedes; a petition sent back unanswered is refused."""
    from tests.stages.events.helpers import events_of

    got = [e.type for e in events_of(nlp, text)]
    assert expected in got, got


def test_granting_a_permit_is_no_concession(nlp):
    """Granting a permit to a company is no concession to a demand."""
    from tests.stages.events.helpers import events_of

    got = [e.type for e in events_of(nlp, "The city granted a building permit to the company.")]
    assert "CONCEDE" not in got, got


@pytest.mark.parametrize(
    "text",
    [
        "The governor signed legislation that funds new schools.",
        "The mayor read a statement that the council had prepared.",
    ],
)
def test_law_without_a_concession_is_no_event(nlp, text):
    """A law that only funds something, and a statement that names no act, are not shown."""
    assert shown_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The president promised to end the war within a year.", "AGREE"),
        ("The rebels agreed to end the fighting in the north.", "AGREE"),
        ("Both armies ended hostilities at midnight.", "RETREAT"),
        ("Moscow said it would end cooperation with the agency.", "THREATEN"),
    ],
)
def test_ending_a_war_is_no_sanction(nlp, text, expected):
    """Ending a war is a ceasefire (RETREAT; promised, an AGREE), not a cut of ties (SANCTION)."""
    assert [e.type for e in events_of(nlp, text)][:1] == [expected]

"""Roles: actor and recipient from the sentence and the article."""

from __future__ import annotations

import pytest

from tests.stages.events.helpers import events_of, shown_of


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Hungary will support Ukraine's bid to join the European Union.", "UKR"),
        ("Palestinian leaders said they would boycott all contact with the United States.", "USA"),
        ("Iran threatened to close the strait unless Washington lifted sanctions.", "USA"),
        ("Azerbaijan threatened to break diplomatic relations with Russia.", "RUS"),
        ("Turkish authorities imposed a curfew in the town of Cizre.", "TUR"),
        ("Britain mobilised army reservists for a possible war against Iraq.", "IRQ"),
        ("A Peruvian judge ordered former president Pedro Castillo to appear in court.", "PER"),
        ("Iranian police detained two journalists in Tehran.", "IRN"),
    ],
)
def test_recipient_rules(nlp, text, recipient):
    """Things hand over to their parties, threats to their condition, acts to their place, and
    domestic acts to the actor's country."""
    main = max(events_of(nlp, text), key=lambda e: (e.confidence, e.end - e.start))
    assert main.recipient is not None and main.recipient.country == recipient, main


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zelensky held talks with EU leaders in Brussels.", {("CONSULT", "UKR", "EUR")}),
        (
            "Israel and Hamas agreed to a ceasefire on Sunday.",
            {("AGREE", "ISR", "PSE"), ("AGREE", "PSE", "ISR")},
        ),
        (
            "The European Union imposed new sanctions on Russia and Belarus.",
            {("SANCTION", "EUR", "RUS"), ("SANCTION", "EUR", "BLR")},
        ),
        (
            "Armenia and Azerbaijan exchanged prisoners on Tuesday.",
            {("COOPERATE", "ARM", "AZE"), ("COOPERATE", "AZE", "ARM")},
        ),
    ],
)
def test_compound_parties(nlp, text, expected):
    """Coordinated parties give one event per actor/recipient pair; mutual acts pair up."""
    found = {
        (e.type, e.actor and e.actor.country, e.recipient and e.recipient.country)
        for e in events_of(nlp, text)
        if e.confidence >= 0.5
    }
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "him" cannot be the subject "he" of its own clause: no recipient rather than Fidan
            "Turkish Foreign Minister Hakan Fidan met Ukrainian Foreign Minister Andrii Sybiha in "
            "Ankara. Fidan said he had invited him to visit Istanbul.",
            ("AGREE", "Hakan Fidan", None),
        ),
        (  # an unresolved "they" in a quote is not the speaker; "us" is the speaker's side
            '"They attacked us without warning," Foreign Minister Andrii Sybiha said on Tuesday.',
            ("ASSAULT", None, "Andrii Sybiha"),
        ),
        (  # the object of a relative clause is the noun it modifies
            "The minister, whom Sybiha criticized last week, resigned on Tuesday.",
            ("ACCUSE", "Sybiha", "The minister"),
        ),
        (  # a common-noun actor takes the entity named in apposition; its owner is no recipient
            "Kenya's president William Ruto met Ruto's rival Raila Odinga on Monday.",
            ("CONSULT", "Kenya's president William Ruto", None),
        ),
        (  # "they" is not the singular reporter; "her" is someone else, so not the actor's own
            "Opposition leader Martha Karua said they had attacked her supporters in Kisumu.",
            ("ASSAULT", None, "her supporters"),
        ),
        (  # "it" may be the reporter China even when a misparse coordinates China with "ally"
            "China, Pyongyang's only ally, said it was opposed to the test and warned North "
            "Korea to refrain from further launches.",
            ("THREATEN", "China", "North Korea"),
        ),
        (  # a reflexive is never a recipient
            "The president praised himself for the deal.",
            ("SUPPORT", "The president", None),
        ),
    ],
)
def test_actor_is_never_its_own_recipient(nlp, text, expected):
    """Pronouns, appositions and relative clauses resolve to parties, never twice to one."""
    found = events_of(nlp, text)
    for event in found:
        if event.actor is not None and event.recipient is not None:
            assert (event.actor.entity, event.actor.name) != (
                event.recipient.entity,
                event.recipient.name,
            ), event
    type_, actor, recipient = expected
    got = [
        (e.type, e.actor and e.actor.name, e.recipient and e.recipient.name)
        for e in found
        if e.type == type_
    ]
    assert (type_, actor, recipient) in got, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a passive without agent has no known actor, even in a speaker's words
            "Interior Minister Kipchumba Murkomen said 42 people had been arrested since Monday.",
            ("COERCE", None, "42 people"),
        ),
        (  # the accused kill, not the accusers
            "Prosecutors accused Rapid Support Forces commanders of killing civilians in Darfur.",
            ("ASSAULT", "Rapid Support Forces commanders", "civilians"),
        ),
        (  # the accused, without a dangling "of"
            "Prosecutors accused Rapid Support Forces commanders of killing civilians in Darfur.",
            ("ACCUSE", "Prosecutors", "Rapid Support Forces commanders"),
        ),
        (  # the by-agent of a participle
            "Israel and Hamas agreed to a ceasefire after talks mediated by Qatar.",
            ("CONSULT", "Qatar", None),
        ),
        (  # an event noun as the subject of an occurrence verb
            "Talks between Armenia and Azerbaijan resumed on Monday in Geneva.",
            ("CONSULT", "Armenia", "Azerbaijan"),
        ),
        (  # talks with a named side, told by one party, are that party's
            "Iran said negotiations with Washington would continue.",
            ("CONSULT", "Iran", "Washington"),
        ),
        (  # discussions are talks
            "Ethiopia held discussions with Egypt over the dam.",
            ("CONSULT", "Ethiopia", "Egypt"),
        ),
        (  # a count of acts under a light verb is those acts
            "The activist has made dozens of requests to the police for information.",
            ("REQUEST", "The activist", "the police"),
        ),
        (  # a run of acts under a light verb is those acts
            "Rebels launched a series of attacks on army posts.",
            ("ASSAULT", "Rebels", None),
        ),
        (  # a bare participle shares the passive subject of the verb it is conjoined to
            "Three organisers were convicted of inciting unrest and sentenced to prison terms.",
            ("COERCE", None, "Three organisers"),
        ),
        (  # a suspension of people by an unnamed employer; "one of X" stands for X
            "One of the ticket inspectors was suspended with pay while the agency reviews the case.",
            ("SANCTION", None, "the ticket inspectors"),
        ),
        (  # markup left in the text names nobody
            "<svg onload=alert(1)></svg> The ministers met again on Tuesday.",
            ("CONSULT", "The ministers", None),
        ),
    ],
)
def test_who_acts(nlp, text, expected):
    """The actor is the clause's own agent, never a speaker or reporter who only tells of it."""
    got = [
        (e.type, e.actor and e.actor.name, e.recipient and e.recipient.name)
        for e in events_of(nlp, text)
    ]
    assert expected in got, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "RIVERTON — A local couple was charged with selling stolen cars, police said.",
            ("ACCUSE", "police", "A local couple"),
        ),
        (
            "EASTFIELD — A man wanted for robbery has been captured by Eastfield police.",
            ("COERCE", "Eastfield police", "A man"),
        ),
        (
            "Four diplomats were expelled by the Dutch government on Friday.",
            ("SANCTION", "Dutch government", "Four diplomats"),
        ),
        (
            "Twelve protesters were released on bail by the city police on Monday.",
            ("RETREAT", "city police", "Twelve protesters"),
        ),
    ],
)
def test_passive_subject_is_the_party_acted_on(nlp, text, expected):
    """The passive subject of an arrest, charge, expulsion or release is its recipient, and
    a dateline ("RIVERTON —") is never a party."""
    got = shown_of(nlp, text)
    assert any(
        g[0] == expected[0]
        and expected[1].lower() in (g[1] or "").lower()
        and (g[2] or "").lower() == expected[2].lower()
        for g in got
    ), got


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The diplomas are recognised by French state training schemes.", None),
        ("The fuel tax hit rural drivers hard last year.", None),
        ("Three Nordic countries declined to recall their ambassadors.", "countries"),
        ("Russian shelling killed four civilians in Kherson.", "Russian"),
    ],
)
def test_a_thing_is_no_actor(nlp, text, actor):
    """A programme or a levy acts on no one; countries and an attack's owner do."""
    got = events_of(nlp, text)
    names = [e.actor.name for e in got if e.actor is not None]
    if actor is None:
        assert not [n for n in names if "schemes" in n or "tax" in n], got
    else:
        assert any(actor in n for n in names), got


def test_short_name_takes_the_full_name_and_title(nlp):
    """ "Kovac" after "Prime Minister Adam Kovac" is the prime minister: his acts are shown,
    firing critics is a dismissal, not a shooting."""
    text = (
        "Prime Minister Adam Kovac opened the new parliament on Friday. Kovac, who rejects the "
        "claims, has fired critics in his cabinet and muzzled the state broadcaster."
    )
    got = shown_of(nlp, text)
    assert ("COERCE", "Adam Kovac", "the state broadcaster") in got, got
    assert any(g[0] == "COERCE" and (g[2] or "").startswith("critics") for g in got), got
    assert not any(g[0] == "ASSAULT" for g in got), got


def _has(found, expected) -> bool:
    """An event of the expected type whose actor and recipient names hold the expected words
    (None: no party)."""
    type_, actor, recipient = expected

    def named(party, words):
        if words is None:
            return party is None
        return party is not None and words.lower() in (party.name or "").lower()

    return any(
        e.type == type_ and named(e.actor, actor) and named(e.recipient, recipient) for e in found
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a conjunct with its own passive subject is an act of its own
            "Mark Novak and Tom Kerr have been charged with fraud and Anne Walsh has been "
            "charged with perjury.",
            ("ACCUSE", None, "Anne Walsh"),
        ),
        (  # uncoded people named together are one party of one event
            "Mark Novak and Tom Kerr have been charged with fraud and Anne Walsh has been "
            "charged with perjury.",
            ("ACCUSE", None, "Mark Novak and Tom Kerr"),
        ),
        (
            "Police arrested John Smith and Mary Jones on Monday.",
            ("COERCE", "Police", "John Smith and Mary Jones"),
        ),
        (  # family members are people, not their owner
            "The boy's father and his uncle have been charged with assault.",
            ("ACCUSE", None, "father"),
        ),
        (  # a bare number stands for the noun counted in the parallel clause
            "Norway has expelled five envoys, Denmark has expelled two.",
            ("SANCTION", "Denmark", "envoys"),
        ),
        (  # a past participle acts on the noun it modifies
            "A man charged with fraud last year has been detained by Riverton police.",
            ("ACCUSE", "Riverton police", "A man"),
        ),
        (  # "have X under investigation": the subject investigates X
            "City detectives have kept the couple under investigation since March.",
            ("ACCUSE", "detectives", "the couple"),
        ),
        (  # examples of the parties a thing concerns
            "Ottawa imposed tariffs on car parts, including from Mexico.",
            ("SANCTION", "Canada", "Mexico"),
        ),
        (  # a contracted "has" is no passive; an order to one's own official keeps them
            "The governor's also ordered his staff to review the contracts.",
            ("REQUEST", "governor", "his staff"),
        ),
        (  # a main verb hung on its subject after an apposition
            'Okafor, a former governor who retired in 2019, called the ruling "a disgrace".',
            ("ACCUSE", "Okafor", None),
        ),
        (  # a verb with no object shares the object of the verb conjoined after it
            "Peru strongly supports and wants Chile to join the fishing talks.",
            ("SUPPORT", "Peru", "Chile"),
        ),
        (
            "The ministry condemned and rejected the decision by Egypt.",
            ("ACCUSE", "ministry", "Egypt"),
        ),
        (  # a march's goal, not its source
            "Hundreds of farmers marched from the village to the provincial court on Monday.",
            ("PROTEST", "farmers", "provincial court"),
        ),
        (  # the public body a sentence names as its source is the agent of a state act
            "Two hunters were charged with poaching, according to the State Forestry Service.",
            ("ACCUSE", "State Forestry Service", "Two hunters"),
        ),
        (  # … or as the subject of a conjoined clause
            "The journalist has been charged with espionage but authorities have refused to "
            "let diplomats see him.",
            ("ACCUSE", "authorities", "The journalist"),
        ),
        (  # "he" cannot be the Novak named as his own object: the last other person named
            "President Mark Novak will sign the bill, his adviser Tom Kerr said on Friday. He "
            'also called Novak "a hero".',
            ("SUPPORT", "Tom Kerr", "Mark Novak"),
        ),
        (  # a reporter is no agent when it is only a news agency
            "A Dutch engineer was detained in Minsk, according to Reuters.",
            ("COERCE", None, "engineer"),
        ),
    ],
)
def test_parties_from_the_whole_sentence(nlp, text, expected):
    """Objects, passive subjects and sources found where the parse hides them."""
    found = events_of(nlp, text)
    assert _has(found, expected), [
        (e.type, e.actor and e.actor.name, e.recipient and e.recipient.name) for e in found
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a thing released is no release of the people it comes from
            "The mayor's office released a letter from a nurse.",
            [],
        ),
        ("Hamas released a video of two hostages.", []),
        (  # a target beside the object still counts
            "Ukrainian soldiers fire a howitzer toward Russian positions near Kupiansk.",
            [("ASSAULT", "Ukrainian soldiers", "Russian positions")],
        ),
    ],
)
def test_object_that_is_no_party(nlp, text, expected):
    """The party inside a thing's phrase ("a letter from X") is no target beside it."""
    assert shown_of(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "the service" reporting is the body named before: one charge, its act
            "Briefs: County roundup. Three Pine County residents were charged with arson after "
            "fires burned more than 200 acres, according to the State Forestry Service. John "
            "Doe, 23, Mary Roe, 20, and Tom Poe, 31, each face four charges of arson, the "
            "service said in a statement. In another case, police said a teenager was taken to "
            "a juvenile detention centre.",
            [("ACCUSE", "State Forestry Service"), ("COERCE", "police")],
        ),
        (  # no body named before: the reporter is not made the agent
            "Two men face charges of fraud, the agency said on Monday.",
            [("ACCUSE", None)],
        ),
    ],
)
def test_reporting_body_named_before_is_the_agent(nlp, text, expected):
    """An agentless state act reported by "the service" is the act of the body the article
    named so before, not of the article's police."""
    got = [(t, a) for t, a, _ in shown_of(nlp, text)]
    assert got == expected, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "it" is never the asker: the reporter asks the reported clause's subject
            "The Election Commissioner said the Freedom Party failed to report its donations "
            "and asked it to correct the filing by Friday or be deregistered.",
            ("REQUEST", "The Election Commissioner", "Freedom Party"),
        ),
        (
            "The ministry said the union had broken the law and ordered it to end the strike.",
            ("REQUEST", "The ministry", "the union"),
        ),
        (
            "Police said the protesters blocked the road and asked them to leave.",
            ("REQUEST", "Police", "the protesters"),
        ),
    ],
)
def test_object_pronoun_of_a_conjunct_is_the_reported_subject(nlp, text, expected):
    """A verb conjoined to a reported clause whose object pronoun agrees with that clause's
    subject is the reporter's act on that subject."""
    assert expected in shown_of(nlp, text), shown_of(nlp, text)


def test_alternative_branch_of_a_demand_is_hypothetical(nlp):
    """The act offered as the other branch of a demand ("or be deregistered") is not shown."""
    text = (
        "The Election Commissioner said the Freedom Party failed to report its donations "
        "and asked it to correct the filing by Friday or be deregistered."
    )
    assert [t for t, _, _ in shown_of(nlp, text)] == ["REQUEST"], shown_of(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The president granted amnesty to 300 political prisoners.",
            ("CONCEDE", "president", "prisoners"),
        ),
        (
            "The ambassador was awarded the Order of Merit by the president.",
            ("SUPPORT", "president", "ambassador"),
        ),
        ("Forty inmates were pardoned by the governor.", ("CONCEDE", "governor", "inmates")),
        ("Japan gave $20 million to the Philippines.", ("AID", "Japan", "Philippines")),
    ],
)
def test_dative_and_undergone_recipients(nlp, text, expected):
    """A dative "to" phrase names the recipient; the passive subject of an award or a pardon
    is the party it is given to."""
    type_, actor, recipient = expected
    got = shown_of(nlp, text)
    assert any(
        g[0] == type_ and actor in (g[1] or "") and recipient in (g[2] or "") for g in got
    ), got


def test_award_to_a_film_is_no_event(nlp):
    """A prize awarded to a film at a festival names no political party."""
    assert shown_of(nlp, "The film was awarded the top prize at the festival.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Anna Berg was named chief of the central bank. Both the ruling and opposition "
            "parties agreed to her appointment.",
            ("SUPPORT", "parties", "Anna Berg"),
        ),
        (
            "Omar Said was named envoy to Cairo. The senators approved his nomination.",
            ("SUPPORT", "senators", "Omar Said"),
        ),
    ],
)
def test_person_owning_the_thing_acted_on(nlp, text, expected):
    """An appointment, a nomination or the like owned by "his"/"her" hands over to the person
    the pronoun stands for."""
    type_, actor, recipient = expected
    got = shown_of(nlp, text)
    assert any(
        g[0] == type_ and actor in (g[1] or "") and recipient in (g[2] or "") for g in got
    ), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "President Ali Karimov met the envoy on Monday. Under a presidential decree, "
            "200 prisoners were pardoned on Tuesday.",
            ("CONCEDE", "Ali Karimov", "prisoners"),
        ),
        (
            "The President of Georgia visited the embassy. Under presidential decrees, the "
            "ambassador was awarded the Medal of Honour, and businessman Levan Kapanadze was "
            "awarded the Order of Glory.",
            ("SUPPORT", "President of Georgia", "Levan Kapanadze"),
        ),
    ],
)
def test_decree_issuer_is_the_actor(nlp, text, expected):
    """An agentless act done under a presidential decree is the president's act."""
    type_, actor, recipient = expected
    got = shown_of(nlp, text)
    assert any(
        g[0] == type_ and actor in (g[1] or "") and recipient in (g[2] or "") for g in got
    ), got


@pytest.mark.parametrize(
    "text",
    [
        "Under a presidential decree, 200 prisoners were pardoned on Tuesday.",
        "The shop was closed by order of the health inspector.",
    ],
)
def test_decree_without_a_named_issuer(nlp, text):
    """With no president named in the article, or a private order, no actor is invented."""
    assert all(g[1] is None for g in shown_of(nlp, text)), shown_of(nlp, text)


def test_coordinated_title_words_are_one_party(nlp):
    """ "Ambassador Extraordinary and Plenipotentiary" is one title, not two recipients."""
    text = (
        "President Ilia Abashidze visited the embassy. Under presidential decrees, Ambassador "
        "Extraordinary and Plenipotentiary of the Republic of Georgia to the Holy See Nino "
        "Beridze was awarded the Medal of Honour."
    )
    awards = [g for g in shown_of(nlp, text) if g[0] == "SUPPORT"]
    assert len(awards) == 1 and "Ilia Abashidze" in (awards[0][1] or ""), awards


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The attorney general has approval from the state legislature to spend another "
            "$1 million on the campaign.",
            ("SUPPORT", "legislature", "attorney general"),
        ),
        (
            "The mayor won the backing of the city council for the plan.",
            ("SUPPORT", "city council", "mayor"),
        ),
        (
            "The senator won the governor's endorsement on Friday.",
            ("SUPPORT", "governor", "senator"),
        ),
    ],
)
def test_support_received_from_a_giver(nlp, text, expected):
    """Approval, backing or endorsement that a subject has or wins is the giver's support of
    the subject."""
    type_, actor, recipient = expected
    got = shown_of(nlp, text)
    assert any(
        g[0] == type_ and actor in (g[1] or "") and recipient in (g[2] or "") for g in got
    ), got


@pytest.mark.parametrize(
    "text",
    [
        "The minister won approval of the budget.",
        "The drug received approval last year.",
    ],
)
def test_approval_without_a_giver_is_not_shown(nlp, text):
    """Approval of a thing, or from no one named, is not shown as anyone's support."""
    assert all(g[0] != "SUPPORT" for g in shown_of(nlp, text)), shown_of(nlp, text)

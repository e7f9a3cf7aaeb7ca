"""Tests for the quotes stage on wire-style sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.lang.en import English

from dateline.stages.quotes.stage import find_quotes
from tests.stages.quotes.helpers import run, speaker, summary
from tests.stages.quotes.parses import parsed

QUOTED = [
    # A party tag and a comma between the name and "said", after a fronted date and place: the
    # parse takes the name for a conjunct of the place and leaves "said" without a subject.
    (
        'On Monday at a town hall in Dayton, Ohio, Sen. Mark Ellison (R-OH), said, "We will not back down."',
        [("direct", "We will not back down.", "Sen. Mark Ellison")],
    ),
    # A cue word the tagger reads as a noun after the quote ("the editorial read"); the parse
    # then leaves "the" out of the speaker mention.
    (
        '"The plan is a disgrace to the nation," the editorial read.',
        [("direct", "The plan is a disgrace to the nation,", "editorial")],
    ),
    (
        '"We will not retreat from the river," Kovalenko said on Tuesday.',
        [("direct", "We will not retreat from the river,", "Kovalenko")],
    ),
    (
        '"The talks are over for this year," said the foreign minister.',
        [("direct", "The talks are over for this year,", "the foreign minister")],
    ),
    (
        'Governor Elena Marsh said: "Nobody will be left behind in this flood."',
        [("direct", "Nobody will be left behind in this flood.", "Governor Elena Marsh")],
    ),
    (
        "\u201cWe rebuild the bridge first,\u201d she said. \u201cThen every school in the valley.\u201d",
        [
            ("direct", "We rebuild the bridge first,", "she"),
            ("direct", "Then every school in the valley.", "she"),
        ],
    ),
    (
        '"The harvest is lost," farmer Paolo Marchetti said.\n\n"We have nothing left to sell this winter."',
        [
            ("direct", "The harvest is lost,", "farmer Paolo Marchetti"),
            ("direct", "We have nothing left to sell this winter.", "farmer Paolo Marchetti"),
        ],
    ),
    (
        'Marchetti told reporters: "The harvest is lost and the banks know it.\n\n'
        '"We have nothing left to sell this winter," he added.',
        [
            ("direct", "The harvest is lost and the banks know it.", "Marchetti"),
            ("direct", "We have nothing left to sell this winter,", "he"),
        ],
    ),
    (
        "The governor rejected the proposal, saying: \u201cIt punishes the farmers who feed this state.\u201d",
        [("direct", "It punishes the farmers who feed this state.", "The governor")],
    ),
    (
        "\"They called it a 'temporary measure,' but it never ended,\" Okafor said.",
        [("direct", "They called it a 'temporary measure,' but it never ended,", "Okafor")],
    ),
    (
        'The minister insisted the situation at the plant remains "stable, despite external threats."',
        [("mixed", "stable, despite external threats.", "The minister")],
    ),
    # A no-break space before the opening mark still leaves the quote opening a sentence.
    (
        '"This is not right," Kovalenko said.\u00a0"You went on television to blame the night-shift" '
        "workers.",
        [
            ("direct", "This is not right,", "Kovalenko"),
            ("direct", "You went on television to blame the night-shift", "Kovalenko"),
        ],
    ),
    # A long fragment with no speech cue is someone's words: the subject of its clause, the
    # source named by "per", or the name signing the paragraph; a short one stays a scare quote.
    (
        'A 2014 House report found "no evidence that there was a stand down order."',
        [("mixed", "no evidence that there was a stand down order.", "A 2014 House report")],
    ),
    (
        'The governor voiced a wish for "a strong, prosperous and vibrant coast," then left.',
        [("mixed", "a strong, prosperous and vibrant coast,", "The governor")],
    ),
    (
        'Proxy votes are barred when voting "to fill a vacancy on the national ticket," per the '
        "party bylaws.",
        [("mixed", "to fill a vacancy on the national ticket,", "the party bylaws")],
    ),
    (
        "\u201cHe never answers a question.\u201d \u2015 Ana Ruiz\n\u201cNo voter I know wants a man "
        "who insults our grandmothers. To quote my father, \u2018Some people are so poor all they "
        "have is money.\u201d And that is all he has \u201cthe root of all evil.\u201d \u2015 Lena Ortiz.",
        [
            ("direct", "He never answers a question.", "Ana Ruiz"),
            (
                "direct",
                "No voter I know wants a man who insults our grandmothers. To quote my father, "
                "\u2018Some people are so poor all they have is money.",
                "Lena Ortiz",
            ),
            ("mixed", "the root of all evil.", "Lena Ortiz"),
        ],
    ),
    ('Only local growers are "safe" this year.', []),
    # A cue in a subordinate clause after the quote is that clause's, not the quote's.
    (
        '"We are not done yet," when the mayor asked her to stop, Kovalenko said.',
        [("direct", "We are not done yet,", "Kovalenko")],
    ),
    (
        'Ortiz answered on Friday, "We are not done yet," when the mayor told him to stop.',
        [("direct", "We are not done yet,", "Ortiz")],
    ),
    # The cue right after a quote keeps its subject even when a later speech verb heads the parse.
    (
        '"You winning?" she said, but her husband was drifting off again, and as the senator '
        "went on about the economy, Dana said yes, over and over.",
        [("direct", "You winning?", "she")],
    ),
    # An "as … put it" clause after a fragment names its source.
    (
        'Many experts say the main condition is a "lawful source of income," as a ministry memo '
        "put it.",
        [("mixed", "lawful source of income,", "a ministry memo")],
    ),
    (
        'Critics say the levy is "a tax on the poor," as Kovalenko called it on Friday.',
        [("mixed", "a tax on the poor,", "Kovalenko")],
    ),
    # "…, said X" after a fragment whose clause the parse also gave a subject.
    (
        'The rejection of the treaty signals "the beginning of the end" for the union, said Jan '
        "de Vries, founder of the Party for Freedom.",
        [("mixed", "the beginning of the end", "Jan de Vries")],
    ),
    # A negated cue ("cannot say") never takes over the words of the cue beside the quote.
    (
        'Ortiz cannot say that "from his perspective," Kovalenko added, saying it should be "up '
        'to the prosecutor to move forward or not."',
        [
            ("mixed", "from his perspective,", "Kovalenko"),
            ("mixed", "up to the prosecutor to move forward or not.", "Kovalenko"),
        ],
    ),
    # "footage of X saying": X speaks, not the subject of the sentence that shows the footage.
    (
        "The campaign video concludes with footage of Ortiz saying at the rally last week, "
        '"That makes me a winner," when Kovalenko mocked him for losing the vote.',
        [("direct", "That makes me a winner,", "Ortiz")],
    ),
    (
        "Emphasizing Moscow\u2019s openness to \u201cnegotiations and compromises,\u201d "
        "the 72-year-old leader said the door remained open.",
        [("mixed", "negotiations and compromises,", "the 72-year-old leader")],
    ),
    (
        '"We will hold the line on spending," Rep. Maria Okafor (D-Ohio) said.',
        [("direct", "We will hold the line on spending,", "Rep. Maria Okafor")],
    ),
    (
        'Official transcript follows.\n\nKOVALENKO: The river crossing stays "closed until further '
        'notice," and nothing changes that.',
        [("mixed", "closed until further notice,", "KOVALENKO")],
    ),
    # Nested speech: the quote belongs to the outer speaker of the sentence.
    (
        "Ortiz told reporters the ministry expects the auditors to call out the city's "
        '"creative accounting" before the vote.',
        [("mixed", "creative accounting", "Ortiz")],
    ),
    (
        'Mayor Dana Whitfield said she recalled the engineers calling the dam "perfectly safe."',
        [("mixed", "perfectly safe.", "Mayor Dana Whitfield")],
    ),
    # A reader's comment signed after a dash, with a no-break space before the dash.
    (
        "\u201cThe buses never come on time and nobody answers the phone.\u201d\u00a0\u2015 Lucia Ferrante\n"
        "\u201cWe pay more every year for less service.\u201d\u00a0\u2015 Tomas Brandt",
        [
            (
                "direct",
                "The buses never come on time and nobody answers the phone.",
                "Lucia Ferrante",
            ),
            ("direct", "We pay more every year for less service.", "Tomas Brandt"),
        ],
    ),
    # A one-word quote before an inverted cue: the parse makes the quote the subject.
    (
        '"Nonsense," wrote a council member who runs the neighbourhood newsletter.',
        [("mixed", "Nonsense,", "a council member")],
    ),
    # A name set off by a dash before the colon, after a verb with its own subject.
    (
        "Economists agree - Marta Kowalczyk: \u201cThe rate cut came two months too late for "
        "the builders.\u201d",
        [("direct", "The rate cut came two months too late for the builders.", "Marta Kowalczyk")],
    ),
    # A fragment inside a speech noun belongs to the noun's possessor.
    (
        'The mayor\'s claim that the tunnel was "completely safe" did not survive the inspection.',
        [("mixed", "completely safe", "The mayor")],
    ),
    # A short question or exclamation standing alone is a direct quote.
    (
        '"Still counting?" the clerk asked as the last ballot boxes arrived.',
        [("direct", "Still counting?", "the clerk")],
    ),
    # A negated cue introduces nothing: the next paragraph keeps the earlier speaker.
    (
        '"The plan is dead," Kovalenko said after the meeting. He did not say whether talks '
        'would resume.\n\n"We will wait for their answer, and then we will decide."',
        [
            ("direct", "The plan is dead,", "Kovalenko"),
            ("direct", "We will wait for their answer, and then we will decide.", "Kovalenko"),
        ],
    ),
    # Short sentences in Title Case after a cue are speech, not a title.
    (
        '"Here comes the governor," she said, waving. "The Governor. Our Man."',
        [
            ("direct", "Here comes the governor,", "she"),
            ("direct", "The Governor. Our Man.", "she"),
        ],
    ),
    # A pronoun in a clause below the main one stands for the main clause's subject.
    (
        "The Security Council condemned the launch and promised sanctions against what it "
        'called "a grave threat to regional peace."',
        [("mixed", "a grave threat to regional peace.", "The Security Council")],
    ),
    # Doubled apostrophes stand for double marks in some archives; the quote excludes them.
    (
        "''The river will not wait for us,'' Mr. Kovalenko said. ''Nor will the winter.''",
        [
            ("direct", "The river will not wait for us,", "Mr. Kovalenko"),
            ("direct", "Nor will the winter.", "Mr. Kovalenko"),
        ],
    ),
    (
        "''He told me, 'We are not leaving,''' Ms. Ortiz said.",
        [("direct", "He told me, 'We are not leaving,'", "Ms. Ortiz")],
    ),
    # A verb outside the lexicon in the "“…,” X verbed" layout is the cue.
    (
        '"The budget is a fantasy and everyone in this room knows it," Kovalenko fumed.',
        [("direct", "The budget is a fantasy and everyone in this room knows it,", "Kovalenko")],
    ),
    (
        '"Nobody asked the farmers what they wanted," said the 58-year-old.',
        [("direct", "Nobody asked the farmers what they wanted,", "the 58-year-old")],
    ),
    # A cue inside the quotation is not the quote's own cue.
    (
        "\"At our first meeting, he said, 'We will never sign,'\" Ortiz recalled on Monday.",
        [("direct", "At our first meeting, he said, 'We will never sign,'", "Ortiz")],
    ),
    # A question or exclamation followed by its speaker and a verb outside the lexicon.
    (
        'The mayor asked who would pay for the new dam.\n\n"The province!" the crowd roared back.',
        [("direct", "The province!", "the crowd")],
    ),
    # The passive agent asks the question, not its subject.
    (
        'Kovalenko was asked by host Maria Lenz: "Will you sign the treaty this year?"',
        [("direct", "Will you sign the treaty this year?", "host Maria Lenz")],
    ),
    # "as X put it" attributes the quote that follows.
    (
        'As the mayor of Lyon put it on Monday, "Nobody is leaving the table yet."',
        [("direct", "Nobody is leaving the table yet.", "the mayor")],
    ),
    # A cue in the next sentence does not reach back over a quote closed by a full stop.
    (
        'Ortiz lobbied the council for the new bridge: "Nobody should wait an hour for a ferry."'
        " He says the vote will come in May.",
        [("direct", "Nobody should wait an hour for a ferry.", "Ortiz")],
    ),
    # The party that issued a statement is its speaker.
    (
        'The ministry issued a statement calling the blockade "an act of economic war."',
        [("mixed", "an act of economic war.", "The ministry")],
    ),
    (
        'At the rally she declared "What A Night For Lyon!" and thanked the volunteers.',
        [("direct", "What A Night For Lyon!", "she")],
    ),
    # A fragment in the clause of a party's verb outside the lexicon is theirs.
    (
        'Kovalenko implied the auditors were "hostile to the whole region" from the start.',
        [("mixed", "hostile to the whole region", "Kovalenko")],
    ),
    # A short reply after a question keeps the speaker; a capital word alone makes no title.
    (
        '"Does anybody know what the plan for the river is?" Ortiz asked. "Neither do I."',
        [
            ("direct", "Does anybody know what the plan for the river is?", "Ortiz"),
            ("direct", "Neither do I.", "Ortiz"),
        ],
    ),
    # A name that a party gave someone is that party's words.
    (
        'Ortiz repeatedly called the new governor "Little Napoleon" during the campaign.',
        [("mixed", "Little Napoleon", "Ortiz")],
    ),
    (
        "Mayor Ortiz made clear on Friday that the bridge toll would stay.\n\n"
        '"Scrapping it? Out of the question."',
        [("direct", "Scrapping it? Out of the question.", "Mayor Ortiz")],
    ),
    (
        'The claims were checked.\n\n"Every bridge in the county is safe."\n\n- Mayor Ortiz.\n\n'
        "The mayor relied on an old survey.",
        [("direct", "Every bridge in the county is safe.", "Mayor Ortiz")],
    ),
    (
        'Ortiz spoke on Monday. "The bridge will hold," Ortiz said.\n\n'
        "--additional reporting from Jane Alvarez.",
        [("direct", "The bridge will hold,", "Ortiz")],
    ),
    (
        'He called it "shameful" and called on voters "not to give in to that old fear."',
        [("mixed", "shameful", "He"), ("mixed", "not to give in to that old fear.", "He")],
    ),
    (
        "Twenty years ago, a Herald editorial hailed Ortiz as \u201cThe Comeback Mayor\u201d for the port.",
        [("mixed", "The Comeback Mayor", "a Herald editorial")],
    ),
    (
        '"What a night for this city!" the mayor\'s aide, Ana "Nita" Ruiz, shouted to the crowd.',
        [("direct", "What a night for this city!", "the mayor's aide")],
    ),
    # A coordinated cue with no subject of its own is the speaker's above it.
    (
        'Ortiz said the bridge was safe but added, "We will keep checking it every month."',
        [("direct", "We will keep checking it every month.", "Ortiz")],
    ),
    (
        'In recent weeks, Ortiz has gone after Kovalenko as a "career bureaucrat" and a "quitter."',
        [("mixed", "career bureaucrat", "Ortiz"), ("mixed", "quitter.", "Ortiz")],
    ),
    (
        'Alvarez pointed to reports that Ortiz called the new governor "Little Napoleon" in 2019.',
        [("mixed", "Little Napoleon", "Alvarez")],
    ),
    ('Critics mocked the so-called "peace plan" during the debate on Tuesday.', []),
    ('A protester outside the ministry held a sign reading "Hands off our pensions."', []),
    ('The senator appeared on "Meet the Press" on Sunday morning.', []),
    ('Okafor told MSNBC\'s "Morning Joe" that the vote would fail.', []),
    ('Gingrich first set out the idea in his 1994 "Contract with America."', []),
    ('In her 2009 memoir, "A River Without Banks," Ortiz described the flood years.', []),
    ('State Del. Marta "Tita" Kovalenko (D-Lyon) opened the session.', []),
    ('The measure became known as the "Kovalenko rule" within a week.', []),
    ("Kovalenko told NBC's \u201cToday\u201d that the dam would hold.", []),
    ('The senator repeated the claim in an interview with "The View," on Friday.', []),
    ('The film, "A Long Way Home From the Northern Front," opens in Kyiv on Friday.', []),
    (
        'Farmers blocked the road with tractors and banners reading "No farms, no food."\n\n'
        'Their new documentary, "The Last Harvest on the Old Plains," is out this week.',
        [],
    ),
    (  # the words of a banner do not make its bearers the speakers of the next quote
        'Farmers blocked the road with tractors and banners reading "No farms, no food."\n\n'
        '"This is the worst season our families have seen in forty years," one grower said.',
        [
            (
                "direct",
                "This is the worst season our families have seen in forty years,",
                "one grower",
            )
        ],
    ),
    (
        'Farmers blocked the road with tractors and banners reading "No farms, no food."\n\n'
        '"This is the worst season our families have seen in forty years of farming."',
        [
            (
                "direct",
                "This is the worst season our families have seen in forty years of farming.",
                None,
            )
        ],
    ),
    (
        '<tweet author="mayor_ortiz" timestamp="1454346000">The bridge reopens at noon.</tweet>',
        [],
    ),
    (
        "Senator Ruth Okafor rebuked the minister: \u201cYou have had three years to fix the "
        "dam,\u201d she said. \u201cThe valley cannot wait for a fourth.\u201d",
        [
            ("direct", "You have had three years to fix the dam,", "Senator Ruth Okafor"),
            ("direct", "The valley cannot wait for a fourth.", "she"),
        ],
    ),
    (  # the clause right before the colon has its own subject
        "The driver became so angry, and started braking so hard, that I had to change my "
        'answer: "Of course I will pay the fare. I was only joking."',
        [("direct", "Of course I will pay the fare. I was only joking.", "I")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), QUOTED)
def test_direct_and_mixed(nlp, text: str, expected: list) -> None:
    """Direct layouts, continuations, nested marks and mixed fragments; scare quotes are left out."""
    assert summary(text, run(nlp, text), ("direct", "mixed")) == expected


INDIRECT = [
    (  # the content clause parsed under the noun "statement"
        "The ministry said in a statement that three civilians had been killed in Kharkiv.",
        ("that three civilians had been killed in Kharkiv", "The ministry", "said"),
    ),
    (
        "Prime Minister Ana Lindqvist said that the northern border would reopen on Monday.",
        ("that the northern border would reopen on Monday", "Prime Minister Ana Lindqvist", "said"),
    ),
    (
        "The bridge was destroyed overnight, according to the regional governor.",
        ("The bridge was destroyed overnight", "the regional governor", "according to"),
    ),
    (
        "Officials in Kyiv reported three deaths after the strike.",
        ("three deaths after the strike", "Officials", "reported"),
    ),
    (
        "The union warned that the strike could spread to the ports.",
        ("that the strike could spread to the ports", "The union", "warned"),
    ),
    # The content runs on through clauses coordinated with it, up to the next cue.
    (
        "Lindqvist says she hopes to reopen the border, but she knows the army will decide.",
        (
            "she hopes to reopen the border, but she knows the army will decide",
            "Lindqvist",
            "says",
        ),
    ),
    # "called X Y": the object with what it was called.
    (
        "His former partner called him a master at closing impossible deals.",
        ("him a master at closing impossible deals", "His former partner", "called"),
    ),
    # "According to X," opening the sentence, parsed as its root.
    (
        "According to radio host Lena Ortiz, the move reeks of fear and desperation.",
        ("the move reeks of fear and desperation", "radio host Lena Ortiz", "According to"),
    ),
    # "told X that …" with the clause parsed as a relative clause of the addressee.
    (
        "In Lisbon last week, he told a meeting of island leaders that few people understood the "
        "stakes better than they did.",
        ("that few people understood the stakes better than they did", "he", "told"),
    ),
    # "calling for X to do Y", parsed as an adverbial clause.
    (
        "Kovalenko is calling for the government to step up its efforts against the cartels.",
        ("the government to step up its efforts against the cartels", "Kovalenko", "calling"),
    ),
    # A question asked of someone, and a one-word answer.
    (
        "The moderator asked the candidates a simple question about the budget.",
        ("a simple question about the budget", "The moderator", "asked"),
    ),
    ("Most of the voters said yes.", ("yes", "Most", "said")),
    # A cue set inside the sentence it reports: the content runs round it, as in "The plan, he
    # said, is dead."; an adjunct of the cue after it ("…, on Tuesday night") stays out.
    (
        "Over the long term, according to the budget office, the rise in deficits is mainly due "
        "to the aging of the population.",
        (
            "Over the long term, according to the budget office, the rise in deficits is mainly "
            "due to the aging of the population",
            "the budget office",
            "according to",
        ),
    ),
    (
        "The bridge fell, according to officials, on Tuesday night.",
        ("The bridge fell", "officials", "according to"),
    ),
    (
        "The proposal is vague about who would be eligible, labor experts say, including a "
        "clause that could exclude many workers.",
        (
            "The proposal is vague about who would be eligible, labor experts say, including a "
            "clause that could exclude many workers",
            "labor experts",
            "say",
        ),
    ),
    ("It is dead, he said, in a statement on Friday.", ("It is dead", "he", "said")),
    # The content runs on through the verbs coordinated with a "to" clause, and through a speech
    # verb that is the object of the call ("called on X to condemn …").
    (
        "He pledged to enact judicial reform, fix the broken campaign finance system and stand up "
        "to billionaires.",
        (
            "to enact judicial reform, fix the broken campaign finance system and stand up to "
            "billionaires",
            "He",
            "pledged",
        ),
    ),
    (
        "Kovalenko has also called on the governors to condemn the militia that burned the oil "
        "fields.",
        (
            "the governors to condemn the militia that burned the oil fields",
            "Kovalenko",
            "called",
        ),
    ),
    # A relative pronoun is the mention the sentence names; the entity is its antecedent.
    (
        "The bill was drafted by Senator Maria Okafor, who said it would end the backlog.",
        ("it would end the backlog", "who", "said"),
    ),
    # A gerund under "aside from" / "short of" speaks for the subject of the verb above it.
    (
        "The governor refused to discuss the budget, aside from saying he wants a balanced plan.",
        ("he wants a balanced plan", "The governor", "saying"),
    ),
    (
        "The senator visited the border post but stopped short of calling the raid illegal.",
        ("the raid illegal", "The senator", "calling"),
    ),
    # A participle hung on a time or a medium after the verb speaks for the verb's subject.
    (
        "The mayor spoke for an hour, at one point calling the treasurer a liar.",
        ("the treasurer a liar", "The mayor", "calling"),
    ),
    (
        "The minister appeared at a news conference announcing that the border would reopen.",
        ("that the border would reopen", "The minister", "announcing"),
    ),
    (
        "The treasurer maintained that the pension fund was solvent.",
        ("that the pension fund was solvent", "The treasurer", "maintained"),
    ),
    (  # a document that speaks is its issuer's: "released a letter that says …"
        "The governor released a letter on Friday that says the budget is unlawful.",
        ("the budget is unlawful", "The governor", "says"),
    ),
    (  # "according to a speech Doe delivered": Doe's words
        "The tariffs will rise next year, according to a speech Finance Minister Lena Ortiz delivered in Lima.",
        ("The tariffs will rise next year", "Finance Minister Lena Ortiz", "according to"),
    ),
    (  # a rule or a law is no issued document: it keeps its own words
        "The board adopted a rule that says ballots must arrive by Friday.",
        ("ballots must arrive by Friday", "a rule", "says"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), INDIRECT)
def test_indirect(nlp, text: str, expected: tuple[str, str, str]) -> None:
    """Reported speech carries its content span, speaker mention and cue."""
    quotes = [q for q in run(nlp, text) if q.kind == "indirect"]
    assert [(q.text, speaker(text, q), q.cue.text if q.cue else None) for q in quotes] == [expected]


ALL_KINDS = [
    # A participle after reported content is the reporter's, even when parsed inside the content.
    (
        "Ukraine's foreign minister said on Wednesday that talks with Russia could resume, "
        "rejecting a proposal floated in Moscow.",
        [
            (
                "indirect",
                "that talks with Russia could resume, rejecting a proposal floated in Moscow",
                "Ukraine's foreign minister",
            ),
            ("indirect", "a proposal floated in Moscow", "Ukraine's foreign minister"),
        ],
    ),
    # A quotation that is the whole reported clause is one mixed quote, not also indirect speech.
    (
        'Putin said "we are ready," in Moscow.',
        [("mixed", "we are ready,", "Putin")],
    ),
    (
        'Lindqvist said "the border stays closed" on Friday.',
        [("mixed", "the border stays closed", "Lindqvist")],
    ),
    (
        'Lindqvist said that "the border stays closed until the vote."',
        [("mixed", "the border stays closed until the vote.", "Lindqvist")],
    ),
    # Reported content never stops inside a quotation: the quote is taken whole, marks included.
    (
        'The minister said the situation at the plant remains "stable, despite external threats."',
        [
            (
                "indirect",
                'the situation at the plant remains "stable, despite external threats."',
                "The minister",
            ),
            ("mixed", "stable, despite external threats.", "The minister"),
        ],
    ),
    (
        'Lindqvist said the talks had brought "no progress at all" and that the army would decide.',
        [
            (
                "indirect",
                'the talks had brought "no progress at all" and that the army would decide',
                "Lindqvist",
            ),
            ("mixed", "no progress at all", "Lindqvist"),
        ],
    ),
    (
        # The question was put to the candidate by someone unnamed: only the answer is his.
        "Asked if he was ever bullied, the candidate said no.",
        [
            ("indirect", "if he was ever bullied", None),
            ("indirect", "no", "the candidate"),
        ],
    ),
    # Reported content does not end on a conjunction whose other half belongs to another verb.
    (
        "Kovalenko blamed the flooding on careless planners and suggested new dams.",
        [
            ("indirect", "the flooding on careless planners", "Kovalenko"),
            ("indirect", "new dams", "Kovalenko"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ALL_KINDS)
def test_quotes_of_all_kinds(nlp, text: str, expected: list) -> None:
    """Quoted and reported speech together: no quotation comes out twice or cut."""
    assert summary(text, run(nlp, text), ("direct", "mixed", "indirect")) == expected


def test_pronoun_speaker_resolved(nlp) -> None:
    """ "he" is the mention; the speaker entity is the person the entity stage resolved."""
    text = (
        "MOSCOW (AP) \u2014 Russian President Vladimir Putin spoke to reporters on Thursday.\n\n"
        '"We are ready for talks," he said.'
    )
    (quote,) = [q for q in run(nlp, text) if q.kind == "direct"]
    assert (speaker(text, quote), quote.speaker.name) == ("he", "Vladimir Putin")


def test_repeat_of(nlp) -> None:
    """A quote repeated later in the article points back to its first appearance."""
    text = (
        '"We will not sign this treaty," Kovalenko said on Monday.\n\n'
        "The talks in Geneva ended without a date for the next round.\n\n"
        'Asked again on Tuesday, he repeated: "We will not sign this treaty."'
    )
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    assert [q.repeat_of for q in quotes] == [None, 0]


def test_in_caption(nlp) -> None:
    """Quotes in a photo caption are flagged."""
    text = (
        "Flood waters reach the old town\n\n"
        'FILE - Mayor Dana Whitfield speaks in Lyon. "We will rebuild," she said.\n\n'
        '"The water came in the night," Whitfield said on Friday.'
    )
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    assert [q.in_caption for q in quotes] == [True, False]


UNBALANCED = [
    # The first paragraph never closes its quote; the second is unharmed.
    (
        'The senator said the vote was "rigged from the start.\n\n"We will appeal," Ortiz said.',
        ("We will appeal,", "Ortiz"),
    ),
    # A stray closing mark in one paragraph costs nothing elsewhere.
    (
        'The striker is 6\'2" and fast.\n\n"We won because we wanted it more," coach Lena Ortiz said.',
        ("We won because we wanted it more,", "coach Lena Ortiz"),
    ),
    # A paragraph with three marks.
    (
        'He called the offer "an insult" and "a trap.\n\n"Nobody signs that," Ortiz said.',
        ("Nobody signs that,", "Ortiz"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), UNBALANCED)
def test_unbalanced_mark_costs_its_paragraph_only(nlp, text: str, expected: tuple) -> None:
    """An unbalanced quotation mark never loses the quotes of other paragraphs."""
    quotes = run(nlp, text)
    last = [q for q in quotes if q.kind == "direct"][-1]
    assert (last.text, speaker(text, last)) == expected


def test_ten_thousand_marks_finish() -> None:
    """An article of 10,000 quotation marks, some unbalanced, is processed without a parse."""
    nlp = English()
    paragraph = '"Yes, we can," he said. "No, we cannot," she said. "Maybe one day\n'
    text = paragraph * 3334
    doc = nlp.make_doc(text)
    assert text.count('"') >= 10_000
    quotes = find_quotes(doc)
    assert len([q for q in quotes if q.kind == "direct"]) >= 6000


@pytest.mark.parametrize("mark", ['"', "\u201c", "\u2018", "\u201d", "''"])
def test_ten_thousand_unbalanced_marks_in_one_paragraph(mark: str) -> None:
    """One paragraph of 10,000 marks of a single kind finishes (the pairing stack is bounded)."""
    text = f"{mark}word " * 10_000
    quotes = find_quotes(English().make_doc(text))
    assert all(0 <= q.start <= q.end <= len(text) for q in quotes)


SPEAKER_NOT_IN_QUOTE = [
    # A name inside the quote is not its speaker, nor the pronoun's antecedent.
    (
        'Ukrainian President Volodymyr Zelensky toured an air base near Lviv on Monday. "Every Patriot battery saves hundreds of lives," he said.',
        "Volodymyr Zelensky",
    ),
    (
        'Russian President Vladimir Putin took questions for four hours. U.S. President-elect Donald Trump has promised a quick deal. "If we ever have a meeting with President-elect Trump, we will have a lot to talk about," he said.',
        "Vladimir Putin",
    ),
]


@pytest.mark.parametrize(("text", "name"), SPEAKER_NOT_IN_QUOTE)
def test_pronoun_speaker_is_never_named_in_its_quote(nlp, text: str, name: str) -> None:
    (quote,) = [q for q in run(nlp, text) if q.kind == "direct"]
    assert (speaker(text, quote), quote.speaker.name) == ("he", name)


def test_a_word_of_the_quotation_is_never_its_speaker(nlp) -> None:
    """The parse made the quotation's first word the subject of the cue it found: the clause
    before the quotation speaks instead."""
    text = (
        "Mr. Brandt hardly settled the matter, treating his rival's remark first as a compliment "
        '-- "That makes me smart" -- and, when questioned after the debate, asserting, "Of '
        'course, I pay my taxes."'
    )
    quotes = [q for q in run(nlp, text) if q.kind != "indirect"]
    assert [(q.text, speaker(text, q)) for q in quotes] == [
        ("That makes me smart", "Mr. Brandt"),
        ("Of course, I pay my taxes.", "Mr. Brandt"),
    ]


def test_repeat_keeps_its_first_speaker(nlp) -> None:
    """A repeated quote whose new cue is only "he" keeps the speaker it was first given."""
    text = (
        'MOSCOW (Dateline Wire) \u2014 "We are ready for negotiations and compromises," Russian President Vladimir Putin said on Thursday.\n\n'
        "Trump, the incoming Republican, has promised to end the war within a day of taking office.\n\n"
        '"We are ready for negotiations and compromises," he said again later.'
    )
    first, repeat = [q for q in run(nlp, text) if q.kind == "direct"]
    assert repeat.repeat_of == 0
    assert repeat.speaker.name == first.speaker.name == "Vladimir Putin"
    assert speaker(text, repeat) == "he"


def test_fragment_cue_without_subject_falls_back_to_the_sentence() -> None:
    """A fragment under a cue whose subject the parse lost ("going on to say", hung on a verb
    inside the quotation) takes the speaker of the sentence's own cue."""
    doc = parsed(
        "Doe/1/nsubj/PROPN/NNP said/16/parataxis/VERB/VBD ,/16/punct/PUNCT/, "
        "going/16/advcl/VERB/VBG on/3/prt/ADP/RP to/6/aux/PART/TO say/3/xcomp/VERB/VB "
        "that/9/mark/SCONJ/IN the/9/det/DET/DT country/10/nsubj/NOUN/NN spent/6/ccomp/VERB/VBD "
        '"/12/punct/PUNCT/`` decades/10/dobj/NOUN/NNS fighting/12/acl/VERB/VBG ,/17/punct/PUNCT/, '
        "people/17/nsubj/NOUN/NNS want/17/ROOT/VERB/VBP change/17/dobj/NOUN/NN ./17/punct/PUNCT/. "
        "\"/17/punct/PUNCT/''"
    )
    quotes = [q for q in find_quotes(doc) if q.kind == "mixed"]
    assert [(q.text, speaker(doc.text, q)) for q in quotes] == [
        ("decades fighting, people want change.", "Doe")
    ]

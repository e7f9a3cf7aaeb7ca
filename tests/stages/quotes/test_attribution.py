"""Attribution: the speaker token of a cue, on parses written by hand."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from dateline.nlp import register_extensions
from dateline.stages.quotes.attribution import speaker_token
from tests.stages.quotes.helpers import run, speaker
from tests.stages.quotes.parses import parsed

NOT_REPORTED = [
    "The mayor continued to inspect the flooded streets on Friday.",
    "Lawmakers continued their attacks on the budget office.",
    # Speech that may come, not speech that was reported.
    "The governor plans to call for new elections in the spring.",
    "The union could threaten a strike if the talks fail.",
    # Cues whose object is a thing: what they report comes as a clause.
    "The state added a week of early voting in 2005.",
    "The foundation maintains a scholarship fund for nursing students.",
    # A work written or posted is named, not reported.
    "The senator wrote an op-ed for the local paper last week.",
    "The campaign posted a video on its website on Sunday.",
    # Another's words answered, an event called: not what the subject said.
    "The minister rebuffed the opposition leader's remarks on Monday.",
    "The mayor dismissed the claim at a news conference in the city hall.",
    "The prime minister called an early election for the first week of June.",
]


VIA = [
    ('"We are not leaving the city," the mayor told Reuters.', "told Reuters"),
    ('"The decision is final," the ministry said in a statement.', "in a statement"),
    ('"Nobody asked us," the senator wrote on Truth Social.', "on Truth Social"),
    (
        '"We will respond," the president wrote in a post on Truth Social.',
        "in a post on Truth Social",
    ),
    ('"The talks will continue," a senior official said, per Reuters.', "per Reuters"),
]


SIGNS = [
    'Outside the Capitol, a retired teacher holds a sign reading "Hands off our pensions" while the crowd chants.',
    "Demonstrators waved banners saying the war must end now.",
    'One man wore a T-shirt that said "Make Congress work again" as he waited in line.',
    "The protester, who carried a placard reading that the vote was rigged, was led away.",
]


@pytest.fixture(autouse=True)
def _extensions() -> None:
    register_extensions()


@pytest.mark.parametrize(
    ("words", "heads", "deps", "expected"),
    [
        # "… made public ― Doe boasted": the parser took the dash for a second subject.
        (
            ["public", "\u2015", "Doe", "boasted"],
            [1, 3, 3, 3],
            ["amod", "nsubj", "nsubj", "ROOT"],
            "Doe",
        ),
        (["Doe", "boasted"], [1, 1], ["nsubj", "ROOT"], "Doe"),
    ],
)
def test_speaker_skips_dash_subject(words: list, heads: list, deps: list, expected: str) -> None:
    """A dash parsed as a subject is passed over for the real one."""
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    assert speaker_token(doc[len(words) - 1]).text == expected


def test_stranded_subject() -> None:
    """Names the parse hung on the noun before them still speak: "…, Ortiz and Kovalenko call"."""
    doc = parsed(
        "war/5/npadvmod/NOUN/NN ,/0/punct/PUNCT/, Ortiz/0/conj/PROPN/NNP and/2/cc/CCONJ/CC "
        "Kovalenko/2/conj/PROPN/NNP call/5/ROOT/VERB/VBP them/5/dobj/PRON/PRP"
    )
    assert speaker_token(doc[5]).text == "Ortiz"


def test_party_tag_taken_for_the_subject_gives_the_name_before_it() -> None:
    """ "Gov. Ann Whitford (R-OH), said" parsed with "OH" as the subject: the name speaks."""
    words = ["Gov.", "Ann", "Whitford", "(", "R", "-", "OH", ")", ",", "said"]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[2, 2, 6, 6, 6, 6, 9, 6, 9, 9],
        deps=[
            "compound",
            "compound",
            "dep",
            "punct",
            "compound",
            "punct",
            "nsubj",
            "punct",
            "punct",
            "ROOT",
        ],
        pos=[
            "PROPN",
            "PROPN",
            "PROPN",
            "PUNCT",
            "PROPN",
            "PUNCT",
            "PROPN",
            "PUNCT",
            "PUNCT",
            "VERB",
        ],
        ents=["O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O", "O"],
    )
    assert speaker_token(doc[9]).text == "Whitford"


def test_a_place_the_parse_took_for_a_second_subject_does_not_speak() -> None:
    """ "Tuesday in Kent, OH, Gov. Ann Whitford said" parsed with "OH" as a subject too."""
    words = ["Tuesday", "in", "Kent", ",", "OH", ",", "Gov.", "Ann", "Whitford", "said"]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[9, 0, 1, 9, 9, 9, 8, 8, 9, 9],
        deps=["npadvmod", "prep", "pobj", "punct", "nsubj", "punct"]
        + ["compound", "compound", "nsubj", "ROOT"],
        pos=["PROPN", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PROPN", "PROPN", "VERB"],
        ents=["B-DATE", "O", "B-GPE", "O", "B-GPE", "O", "O", "B-PERSON", "I-PERSON", "O"],
    )
    assert speaker_token(doc[9]).text == "Whitford"


# A passive verb that is not speech names its agent, not the speaker of the verb joined to it.
AGENT_NOT_SPEAKER = [
    (
        'Alvarez was joined on stage by Senator Tom Reed and joked, "We should do this more often."',
        "Alvarez",
    ),
    ('The mayor was greeted by protesters and said, "I hear you and I will act."', "The mayor"),
]


@pytest.mark.parametrize(("text", "name"), AGENT_NOT_SPEAKER)
def test_the_agent_of_a_passive_joined_to_the_cue_is_not_the_speaker(
    nlp, text: str, name: str
) -> None:
    (quote,) = [q for q in run(nlp, text) if q.kind == "direct"]
    assert speaker(text, quote) == name


@pytest.mark.parametrize(
    ("annotated", "ents", "expected"),
    [
        (  # the name taken for a conjunct of the fronted phrase, its title beside it
            "Alarmed/9/advcl/VERB/VBN by/0/prep/ADP/IN the/3/det/DET/DT unrest/1/pobj/NOUN/NN "
            ",/3/punct/PUNCT/, Reid/3/conj/PROPN/NNP ,/5/punct/PUNCT/, the/8/det/DET/DT "
            "leader/5/appos/NOUN/NN said/9/ROOT/VERB/VBD that/12/mark/SCONJ/IN "
            "he/12/nsubj/PRON/PRP spoke/9/ccomp/VERB/VBD",
            [(5, "PERSON")],
            "leader",
        ),
        (  # an office named by its holder, taken for a conjunct
            "After/6/prep/ADP/IN talks/0/pobj/NOUN/NNS ,/1/punct/PUNCT/, Brandt/5/poss/PROPN/NNP "
            "'s/3/case/PART/POS office/1/conj/NOUN/NN announced/6/ROOT/VERB/VBD that/9/mark/SCONJ/IN "
            "he/9/nsubj/PRON/PRP resigned/6/ccomp/VERB/VBD",
            [(3, "PERSON")],
            "office",
        ),
        (  # a poll's share taken for a number modifying the verb
            "About/1/advmod/ADV/RB 4/3/quantmod/NUM/CD in/3/quantmod/ADP/IN 10/4/nummod/NUM/CD "
            "say/4/ROOT/VERB/VBP they/6/nsubj/PRON/PRP want/4/ccomp/VERB/VBP change/6/dobj/NOUN/NN",
            [(3, "CARDINAL")],
            "10",
        ),
        (  # the subject swallowed by a clause the parse put under the verb
            "Ruiz/2/nsubj/PROPN/NNP loudly/2/advmod/ADV/RB opposed/6/ccomp/VERB/VBD Doe/2/dobj/PROPN/NNP "
            ",/6/punct/PUNCT/, week/6/npadvmod/NOUN/NN said/6/ROOT/VERB/VBD Doe/8/nsubj/PROPN/NNP "
            "lied/6/ccomp/VERB/VBD",
            [(0, "PERSON"), (3, "PERSON"), (7, "PERSON")],
            "Ruiz",
        ),
    ],
)
def test_a_main_verb_without_subject_takes_the_party_the_parse_hung_elsewhere(
    annotated: str, ents: list, expected: str
) -> None:
    doc = parsed(annotated)
    doc.ents = [Span(doc, i, i + 1, label) for i, label in ents]
    verb = next(t for t in doc if t.dep_ == "ROOT")
    assert speaker_token(verb).text == expected


# A name the parse hung on a phrase fronted before the main verb still speaks for it.
FRONTED_NAME = [
    (
        "Speaking in Toledo, Maria Lopez, without naming him, also accused Reed of being a latecomer to the cause.",
        "Maria Lopez",
    ),
    ("Asked about his plea, Tom Brandt, 52, said that he regretted nothing.", "Tom Brandt"),
]


@pytest.mark.parametrize(("text", "name"), FRONTED_NAME)
def test_a_name_hung_on_a_fronted_phrase_speaks_for_the_main_verb(
    nlp, text: str, name: str
) -> None:
    (quote,) = [q for q in run(nlp, text) if q.kind == "indirect"]
    assert speaker(text, quote) == name


@pytest.mark.parametrize("text", NOT_REPORTED)
def test_not_reported_speech(nlp, text: str) -> None:
    """A verb that only introduces quotes ("he continued: …") reports nothing by its object."""
    assert [q.text for q in run(nlp, text) if q.kind == "indirect"] == []


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        (
            'Zelensky left Kyiv.\n\nThe Ukrainian leader said: "We will not give up the east."',
            "The Ukrainian leader",
        ),
        (
            'Kenya\'s health minister said: "We are doing everything we can to contain it."',
            "Kenya's health minister",
        ),
    ],
)
def test_nationality_or_country_is_not_one_persons_name(nlp, text: str, mention: str) -> None:
    """ "the Ukrainian leader" names one person: unresolved rather than the nationality."""
    (quote,) = [q for q in run(nlp, text) if q.kind == "direct"]
    assert (speaker(text, quote), quote.speaker.name) == (mention, None)


def test_relative_pronoun_speaker_resolved(nlp) -> None:
    """ "who" is the mention; the speaker entity is the person it refers back to."""
    text = 'The bill was drafted by Senator Maria Okafor, who said it would "end the backlog."'
    (quote,) = [q for q in run(nlp, text) if q.kind == "mixed"]
    assert (speaker(text, quote), quote.speaker.name) == ("who", "Maria Okafor")


@pytest.mark.parametrize(("text", "via"), VIA)
def test_via(nlp, text: str, via: str) -> None:
    """The relay through which a quote reached the article."""
    quotes = [q for q in run(nlp, text) if q.kind == "direct"]
    assert [q.via for q in quotes] == [via]


@pytest.mark.parametrize("text", SIGNS)
def test_signs_banners_and_shirts_are_not_speech(nlp, text: str) -> None:
    assert run(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (  # a reported clause never takes in the narration of a quotation after it
            'The minister said the talks would resume in Geneva "as soon as both sides are ready," he told reporters, before leaving the room.',
            "the talks would resume in Geneva",
        ),
        (  # and never runs into the next line
            "Officials said the border would reopen\nsource: ministry briefing notes",
            "the border would reopen",
        ),
    ],
)
def test_reported_content_ends_where_the_report_ends(nlp, text: str, content: str) -> None:
    (found,) = [q.text for q in run(nlp, text) if q.kind == "indirect"]
    assert found.startswith(content)
    assert "told" not in found and "\n" not in found


@pytest.mark.parametrize(
    ("text", "fragment", "name"),
    [
        (  # an "as" clause with an object of its own is a time clause, not the quote's source
            'Prime Minister Anna Holm accused the Greens on Tuesday of "dodging every question" and then "blaming everyone else for the deficit," as opposition leader Per Dahl attacked her first budget in parliament.',
            "blaming everyone else for the deficit,",
            "Anna Holm",
        ),
        (  # a relative clause with its own named subject keeps it: not the outer speaker's words
            'Finance Minister Lars Berg said the state could sell its stake in the airline, a plan the opposition leader, Eva Lind, has called "reckless and short-sighted."',
            "reckless and short-sighted.",
            "Eva Lind",
        ),
        (  # a clause coordinated with a report, parsed as its complement, keeps its own speaker
            'The National Farmers Union said on Monday that growers would cut planting next year because of the new levy, and its president, Karl Moen, warned that the levy "lands on the farms least able to pay it."',
            "lands on the farms least able to pay it.",
            "Karl Moen",
        ),
    ],
)
def test_a_clause_with_its_own_speaker_keeps_it(nlp, text: str, fragment: str, name: str) -> None:
    (quote,) = [q for q in run(nlp, text) if q.kind == "mixed" and q.text == fragment]
    assert quote.speaker.name == name


def test_a_fronted_participle_is_not_the_speaker(nlp) -> None:
    """The parse takes "Briefing reporters" for the subject; the speaker is after the comma."""
    text = "Finance Minister Olga Berg met bankers on Monday.\n\nBriefing reporters in Oslo, the minister said the krone would recover by the summer."
    (quote,) = [q for q in run(nlp, text) if q.kind == "indirect"]
    assert (speaker(text, quote), quote.speaker.name) == ("the minister", "Olga Berg")


@pytest.mark.parametrize(
    ("text", "content", "name"),
    [
        (  # a report joined to the clause a speaker reports, whose subject names no one
            'Opposition leader Marta Kovac said the government plan had "failed completely" and called for early elections in the spring.',
            "early elections in the spring",
            "Marta Kovac",
        ),
        (  # "which" after an apposition stands for the name the apposition describes
            "The regulator turned to the Bank of Canada, the country's central bank, which has said rates will stay high until the autumn.",
            "rates will stay high until the autumn",
            "Bank of Canada",
        ),
    ],
)
def test_reported_speech_speaker_through_the_parse(nlp, text: str, content: str, name: str) -> None:
    (quote,) = [q for q in run(nlp, text) if q.kind == "indirect" and q.text == content]
    assert quote.speaker.name == name


def test_a_direct_quote_and_its_narration_are_not_reported_speech_again(nlp) -> None:
    """The cue parsed inside the quote's clause, with a phrase after it: still one quote."""
    text = 'The council met on Monday. "Nothing will be decided without the farmers," she said, before getting into her car.'
    assert [q.kind for q in run(nlp, text)] == ["direct"]


@pytest.mark.parametrize(
    "text",
    [
        "Asked whether she would run again, the governor smiled and changed the subject.",
        "The senator was also asked whether the leaked memo was genuine.",
    ],
)
def test_a_question_put_to_someone_is_not_their_speech(nlp, text: str) -> None:
    """Reported speech by an unnamed asker: never on the one asked."""
    quotes = [q for q in run(nlp, text) if q.kind == "indirect"]
    assert quotes and all(q.speaker.start is None for q in quotes)

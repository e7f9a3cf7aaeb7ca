"""Cues: the verb that introduces a quote, and the speaker beside it."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from dateline.stages.quotes.stage import find_quotes
from tests.stages.quotes.helpers import run, speaker
from tests.stages.quotes.parses import parsed


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        (
            'Ukrainian President Volodymyr Zelensky rebuffed the remarks, saying: "Putin does not want peace."',
            "saying",
        ),
        (
            'The 72-year-old leader insisted the economy remains "stable, despite external threats," though he conceded that prices had risen.',
            "insisted",
        ),
    ],
)
def test_cue_is_the_verb_that_introduces_the_quote(nlp, text: str, cue: str) -> None:
    quotes = [q for q in run(nlp, text) if q.kind != "indirect"]
    assert [q.cue.text for q in quotes] == [cue]


def test_speaker_of_a_verb_parsed_as_a_participle_of_the_name(nlp) -> None:
    """The small model reads "Doe, the director …, compared" as a name with a participle."""
    text = (
        "WASHINGTON (Dateline Wire) \u2014 The debate is on Monday.\n\n"
        "Aaron Kall, the director of debate at the University of Michigan, compared Trump to a "
        'coach at a basketball game who is "working the referees" in hopes of a softer call.'
    )
    (quote,) = [q for q in run(nlp, text) if q.kind == "mixed"]
    assert (quote.cue.text, quote.speaker.name) == ("compared", "Aaron Kall")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            'Washington (Dateline Wire) \u2013 Democrat Jane Holloway has criticised the plan, saying that "loud promises" help nobody.',
            "Jane Holloway",
        ),
        (
            'Saturday at the state party convention Sen. Jane Holloway (D-MA) said the governor had been a "proven failure" in office.',
            "Jane Holloway",
        ),
        (
            'In Columbus, after the vote, Gov. Tom Brandt (R-OH), said the result was "a clear mandate" for the plan.',
            "Tom Brandt",
        ),
    ],
)
def test_datelines_dates_and_party_tags_do_not_speak(nlp, text: str, name: str) -> None:
    quotes = [q for q in run(nlp, text) if q.kind == "mixed"]
    assert [q.speaker.name for q in quotes] == [name]


def test_a_place_before_a_colon_is_not_the_speaker(nlp) -> None:
    text = (
        "As the paper reported after the police left the scene in Millbrook:\n\n"
        '"For example, nobody has yet explained why the gate was open that night."'
    )
    (quote,) = [q for q in run(nlp, text) if q.kind == "direct"]
    assert quote.speaker.name != "Millbrook"


def test_asked_participle_is_not_the_cue(nlp) -> None:
    """ "Doe, asked about the remarks, said …": Doe speaks, through "said" (the parse reads "asked"
    as Doe's own verb)."""
    text = 'German Chancellor Olaf Scholz, asked about the remarks in Berlin, said Germany remained "a friend of Turkey" but added that the rule of law was not negotiable.'
    quotes = run(nlp, text)
    assert {q.speaker.name for q in quotes} == {"Olaf Scholz"}
    assert [q.cue.text for q in quotes if q.kind == "mixed"] == ["said"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A possessed speech noun that is the object of another party's speech verb: the
        # judgement in marks is that party's, not the owner's of the noun.
        (
            'The senator sharply criticised the governor\'s claims about the budget as "a fantasy."',
            "The senator",
        ),
    ],
)
def test_a_possessed_speech_noun_under_a_speech_verb_gives_the_verbs_speaker(
    nlp, text: str, name: str
) -> None:
    quotes = [q for q in run(nlp, text) if q.kind == "mixed"]
    assert [speaker(text, q) for q in quotes] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The verb right before the opening mark introduces the quote, in the lexicon or not,
        # and wins over a cue farther back in the sentence.
        (
            'When Reed asked about the budget, Alvarez cracked, "I have read it twice, which is more than most."',
            "Alvarez",
        ),
        ('At the dinner, the mayor grinned, "Nobody told me there would be a test."', "the mayor"),
        (
            'After the governor criticized the senator during a debate, the senator shot back, "I could have stayed home, but I chose to serve."',
            "the senator",
        ),
    ],
)
def test_the_verb_right_before_a_quote_introduces_it(nlp, text: str, name: str) -> None:
    (quote,) = [q for q in run(nlp, text) if q.kind == "direct"]
    assert speaker(text, quote) == name


def test_a_participle_the_parse_left_without_a_subject_takes_the_clause_before() -> None:
    """ "Quinn shared the news, writing “…”" parsed with "writing" as a subject inside the
    quotation: the participle speaks for the subject of the clause before it."""
    doc = parsed(
        "Quinn/1/nsubj/PROPN/NNP shared/1/ROOT/VERB/VBD the/3/det/DET/DT news/1/dobj/NOUN/NN "
        ',/1/punct/PUNCT/, writing/7/nsubj/VERB/VBG "/7/punct/PUNCT/`` Feels/1/conj/VERB/VBZ '
        "great/7/acomp/ADJ/JJ to/10/aux/PART/TO help/8/xcomp/VERB/VB ./7/punct/PUNCT/. "
        "\"/7/punct/PUNCT/''"
    )
    doc.ents = [Span(doc, 0, 1, "PERSON")]
    quotes = [q for q in find_quotes(doc) if q.kind == "direct"]
    assert [(q.text, speaker(doc.text, q), q.cue.text) for q in quotes] == [
        ("Feels great to help.", "Quinn", "writing")
    ]


def test_a_participle_reporting_a_fragment_speaks_for_its_clause_subject(nlp) -> None:
    """ "…, telling … and questioning how he has “…”": the words are hers, not the person the
    reported clause is about."""
    text = (
        "She escalated her criticism on Tuesday, telling reporters that the mayor is a "
        '"faker" and questioning how he has "gotten away with hiding the report."'
    )
    quotes = [q for q in run(nlp, text) if q.kind == "mixed"]
    assert [(q.text, speaker(text, q)) for q in quotes] == [
        ("faker", "She"),
        ("gotten away with hiding the report.", "She"),
    ]


def test_the_party_told_is_not_the_speaker(nlp) -> None:
    """ "…," Doe, who …, told AFP: the noun after "told" is the listener, never the speaker."""
    text = (
        '"We were wrong not to confront him from the start," Ramos, who anchors the evening '
        "news, told AFP in an interview."
    )
    (quote,) = [q for q in run(nlp, text) if q.kind == "direct"]
    assert speaker(text, quote) == "Ramos"


def test_a_cue_with_its_object_before_the_quote_still_introduces_it() -> None:
    """ "Doe seemed ready, telling the crowd, “…”" parsed with "telling" under a verb inside the
    quotation: the participle and its object introduce the quote, for the clause before."""
    doc = parsed(
        "Doe/1/nsubj/PROPN/NNP seemed/1/ROOT/VERB/VBD ready/1/acomp/ADJ/JJ ,/1/punct/PUNCT/, "
        "telling/11/advcl/VERB/VBG the/6/det/DET/DT crowd/4/dobj/NOUN/NN ,/11/punct/PUNCT/, "
        '"/11/punct/PUNCT/`` Some/10/det/DET/DT people/11/nsubj/NOUN/NNS get/17/advcl/VERB/VBP '
        "carried/11/acomp/VERB/VBN away/12/prt/ADV/RB ,/17/punct/PUNCT/, have/17/aux/AUX/VBP "
        "you/17/nsubj/PRON/PRP noticed/1/advcl/VERB/VBN ?/17/punct/PUNCT/. \"/17/punct/PUNCT/''"
    )
    doc.ents = [Span(doc, 0, 1, "PERSON")]
    quotes = [q for q in find_quotes(doc) if q.kind == "direct"]
    assert [(speaker(doc.text, q), q.cue.text) for q in quotes] == [("Doe", "telling")]


def test_a_common_noun_subject_speaks_through_the_name_beside_it(nlp) -> None:
    """ "The nominee, Tom Brandt, … referred to X as “…”": the verb is outside the speech
    lexicon and its subject a common noun; the name in apposition speaks."""
    text = (
        "The Republican nominee, Tom Brandt, during two interviews on Thursday, referred to the "
        'mayor as "the most valuable player" for the rival team.'
    )
    (quote,) = [q for q in run(nlp, text) if q.kind == "mixed"]
    assert (speaker(text, quote), quote.speaker.name) == ("Tom Brandt", "Tom Brandt")

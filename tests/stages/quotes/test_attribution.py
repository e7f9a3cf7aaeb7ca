"""Attribution: the speaker token of a cue, on parses written by hand."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dateline.nlp import register_extensions
from dateline.stages.quotes.attribution import speaker_token
from tests.stages.quotes.parses import parsed


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

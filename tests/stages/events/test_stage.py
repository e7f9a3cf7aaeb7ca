"""The events stage: sentence tables, hand-built Docs, and the hand-coded fixture articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dateline.analyze import analyze
from dateline.stages.events.stage import find_events
from tests.stages.events.helpers import events_of, shown_of

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "events"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian troops shelled the town of Kupiansk on Monday.", ("ASSAULT", "RUS", None)),
        ("Kyiv reported heavy fighting near Pokrovsk.", None),
        ("The Kremlin accused Kyiv of shelling a power station.", ("ACCUSE", "RUS", "UKR")),
        ("Iran threatened to close the Strait of Hormuz.", ("THREATEN", "IRN", None)),
        ("Egyptian police arrested 14 activists in Cairo.", ("COERCE", "EGY", None)),
        ("Thousands of Kenyan teachers went on strike over pay.", ("PROTEST", "KEN", None)),
        ("The European Union imposed new sanctions on Belarus.", ("SANCTION", "EUR", "BLR")),
        ("Japan pledged $500 million in aid to the Philippines.", ("AGREE", "JPN", "PHL")),
        ("Serbia refused to recognise the election result.", ("REJECT", "SRB", None)),
        ("Brazilian President Lula visited Beijing on Friday.", ("CONSULT", "BRA", "CHN")),
        ("The United Nations praised Colombia's peace efforts.", ("SUPPORT", "UNO", "COL")),
        ("Armenia and Azerbaijan exchanged prisoners on Tuesday.", ("COOPERATE", "ARM", None)),
        ("Venezuela released 20 American detainees.", ("RETREAT", "VEN", "USA")),
        ("Germany sent 3,000 troops to Lithuania.", ("MOBILIZE", "DEU", "LTU")),
        ("Canada apologised to India for the diplomat's remarks.", ("CONCEDE", "CAN", "IND")),
        ("Peru's president urged Chile to reopen the border.", ("REQUEST", "PER", "CHL")),
        ("Greece donated fire engines to Albania.", ("AID", "GRC", "ALB")),
        ("The two presidents agreed to restore diplomatic ties.", ("AGREE", None, None)),
    ],
)
def test_sentence_type_and_actors(nlp, text, expected):
    """Each sentence yields its main event with type, actor country and recipient country."""
    found = events_of(nlp, text)
    if expected is None:
        assert all(e.confidence < 0.9 for e in found)
        return
    type_, actor, recipient = expected
    main = max(found, key=lambda e: (e.confidence, e.end - e.start))
    assert main.type == type_
    if actor:
        assert main.actor is not None and main.actor.country == actor
    if recipient:
        assert main.recipient is not None and main.recipient.country == recipient


def test_handbuilt_doc_without_model():
    """The stage runs on a Doc built by hand (no model): subject, verb and object."""
    from dateline.nlp import register_extensions

    register_extensions()
    words = ["Sweden", "expelled", "three", "Russian", "diplomats", "."]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 1, 4, 4, 1, 1],
        deps=["nsubj", "ROOT", "nummod", "amod", "dobj", "punct"],
        pos=["PROPN", "VERB", "NUM", "ADJ", "NOUN", "PUNCT"],
        lemmas=["Sweden", "expel", "three", "russian", "diplomat", "."],
        sent_starts=[True, False, False, False, False, False],
    )
    (event,) = find_events(doc)
    assert (event.type, event.mode) == ("SANCTION", "expel")
    assert event.actor.country == "SWE" and event.recipient.country == "RUS"


def match_fixture_events(predicted, expected) -> tuple[int, list]:
    """Pair predicted and expected events on type plus a trigger word inside the evidence."""
    used: set[int] = set()
    pairs = []
    for want in expected:
        pattern = re.compile(rf"\b{re.escape(want['trigger'])}", re.IGNORECASE)
        for i, event in enumerate(predicted):
            if i not in used and event.type == want["type"] and pattern.search(event.text):
                used.add(i)
                pairs.append((want, event))
                break
    return len(used), pairs


def fixture_scores(nlp) -> dict[str, float]:
    """Event precision/recall and actor-country accuracy over the hand-coded articles."""
    expected = json.loads((FIXTURES / "expected.json").read_text("utf-8"))
    n_pred = n_gold = n_hit = actor_ok = actor_n = 0
    for name, wanted in expected.items():
        if name.startswith("_"):
            continue
        analysis = analyze((FIXTURES / name).read_text("utf-8"), id=name)
        predicted = [e for e in analysis.events if e.confidence >= 0.5]
        hits, pairs = match_fixture_events(predicted, wanted)
        n_pred, n_gold, n_hit = n_pred + len(predicted), n_gold + len(wanted), n_hit + hits
        for want, event in pairs:
            if want["actor"]:
                actor_n += 1
                actor_ok += event.actor is not None and event.actor.country == want["actor"]
    return {
        "precision": n_hit / n_pred if n_pred else 0.0,
        "recall": n_hit / n_gold if n_gold else 0.0,
        "actor": actor_ok / actor_n if actor_n else 0.0,
    }


def test_fixture_articles_precision_recall(nlp):
    """On our own hand-coded articles: event precision >= 0.965 at recall >= 0.93, actor
    country >= 0.97 (measured 2026-12-06: 0.959 / 0.934 / 0.981; later 0.973 / 0.934 / 0.981)."""
    scores = fixture_scores(nlp)
    print(f"fixture events: {scores}")
    assert scores["precision"] >= 0.965, scores
    assert scores["recall"] >= 0.93, scores
    assert scores["actor"] >= 0.97, scores


def test_frame_verb_known_by_its_stem_does_not_crash(nlp) -> None:
    """A frame verb found through a stem of its form ("pressed") while its lemma differs."""
    from dateline.stages.events.stage import find_events

    doc = nlp(
        "He could win the southern states but would be hard-pressed to sway voters in the north."
    )
    assert isinstance(find_events(doc), list)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Canada's trade minister on Monday called Japan's steel quota unjustified.",
            ("ACCUSE", "trade minister", "Japan"),
        ),
        ("The governor described the court ruling as a disgrace.", ("ACCUSE", "governor", None)),
        (
            'Sen. Maria Lopez called the ruling "unconstitutional" in a statement.',
            ("ACCUSE", "Maria Lopez", None),
        ),
        (
            'The foreign minister called the peace deal "a historic step" for the region.',
            ("SUPPORT", "foreign minister", None),
        ),
    ],
)
def test_naming_verb_with_an_evaluation(nlp, text, expected):
    """Calling something "unjustified" or "a disgrace" accuses; "historic" praises."""
    got = shown_of(nlp, text)
    assert any(
        g[0] == expected[0]
        and expected[1].lower() in (g[1] or "").lower()
        and (expected[2] is None or expected[2].lower() in (g[2] or "").lower())
        for g in got
    ), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The minister praised the results of the talks between Poland and Ukraine.",
            ("CONSULT", "Poland", "Ukraine"),
        ),
        (
            "At the end of the Polish prime minister's official visit to the Holy See, a "
            "dinner was held.",
            ("CONSULT", "Polish prime minister", "Vatican"),
        ),
    ],
)
def test_meeting_noun_naming_its_partner(nlp, text, expected):
    """A meeting or deal noun that names its other party is an act wherever it stands."""
    got = events_of(nlp, text)
    assert any(
        e.type == expected[0]
        and (expected[1] is None or expected[1] in (e.actor.name if e.actor else ""))
        and expected[2] in (e.recipient.name if e.recipient else "")
        for e in got
    ), got


def test_participle_of_its_actors_is_the_act(nlp):
    """ "nurses striking in Leeds" reports the strike itself, shown as a PROTEST."""
    got = shown_of(nlp, "The dispute began with nurses striking in Leeds in May.")
    assert any(g[0] == "PROTEST" and g[1] == "nurses" for g in got), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unions blast the mayor's transit plan.", ("ACCUSE", "Unions", "mayor")),
        (
            "The president instructed the trade minister to prepare a response.",
            ("REQUEST", "president", "trade minister"),
        ),
        (
            "Detectives later contacted the county housing authority.",
            ("CONSULT", "Detectives", "authority"),
        ),
    ],
)
def test_blast_instruct_contact(nlp, text, expected):
    """Headline criticism, instructions to a subordinate and contacting an agency are acts."""
    got = shown_of(nlp, text)
    assert any(
        g[0] == expected[0] and expected[1] in (g[1] or "") and expected[2] in (g[2] or "")
        for g in got
    ), got


@pytest.mark.parametrize(
    "text",
    [
        "The suspect was taken into custody on Friday, the sheriff's office said.",
        "Two men were taken to the county jail, police said.",
    ],
)
def test_taken_into_custody_is_an_arrest(nlp, text):
    """Being taken into custody or to jail is an arrest by the article's agency."""
    got = shown_of(nlp, text)
    assert any(g[0] == "COERCE" and g[1] is not None for g in got), got


@pytest.mark.parametrize(
    ("text", "assault"),
    [
        ("Brazil retaliated by publishing a list of European goods for new duties.", False),
        ("The army retaliated against the militants on Sunday.", True),
    ],
)
def test_retaliation_typed_by_its_means(nlp, text, assault):
    """Retaliating by listing goods for duties is no attack; retaliating against fighters is."""
    got = shown_of(nlp, text)
    assert any(g[0] == "ASSAULT" for g in got) == assault, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The United Nations expressed concern over the arrests of opposition leaders.",
            ("ACCUSE", "United Nations"),
        ),
        ("Residents' main concern is traffic on the bypass.", None),
    ],
)
def test_expressed_concern_is_disapproval(nlp, text, expected):
    """Concern expressed by a political actor is an ACCUSE; a worry stated is no event."""
    shown = [
        (e.type, e.actor and e.actor.name) for e in events_of(nlp, text) if e.confidence >= 0.45
    ]
    assert (expected in shown) if expected else not shown, shown

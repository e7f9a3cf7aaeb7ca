"""Entities: clustering of names, surnames, titles, descriptors, metonyms and pronouns."""

from __future__ import annotations

import pytest

from dateline.nlp import load
from dateline.stages.entities import find_entities, quoted_ranges, title_and_country


@pytest.fixture(scope="module")
def nlp():
    """The pipeline up to the entities stage."""
    return load(stages=("entities",))


def people(nlp, text: str) -> dict[str, dict]:
    doc = nlp(text)
    return {
        e.name: {
            "type": e.type,
            "country": e.country,
            "title": e.title,
            "mentions": [m.text for m in e.mentions],
        }
        for e in find_entities(doc)
    }


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Russian President Vladimir Putin said on Thursday he was ready to talk. The Kremlin leader added that Putin had not decided.",
            "Vladimir Putin",
            {"country": "RUS", "title": "President", "mentions": ["Vladimir Putin", "he", "Putin"]},
        ),
        (
            "U.S. President-elect Donald Trump met advisers at Mar-a-Lago. Trump, the incoming Republican, said he would act fast.",
            "Donald Trump",
            {"country": "USA", "title": "President-elect", "mentions": ["Donald Trump", "Trump", "the incoming Republican", "he"]},
        ),
        (
            "Ukrainian President Volodymyr Zelensky visited troops near the front. The Ukrainian president said morale was high.",
            "Volodymyr Zelensky",
            {"country": "UKR", "title": "President", "mentions": ["Volodymyr Zelensky", "The Ukrainian president"]},
        ),
        (
            "German Chancellor Olaf Scholz spoke to reporters in Berlin. Mr. Scholz said the government would not fall. He then left for Brussels.",
            "Olaf Scholz",
            {"country": "DEU", "title": "Chancellor", "mentions": ["Olaf Scholz", "Scholz", "He"]},
        ),
    ],
)  # fmt: skip
def test_people_cluster(nlp, text: str, name: str, expected: dict) -> None:
    found = people(nlp, text)[name]
    assert found["type"] == "PERSON"
    for key, value in expected.items():
        assert found[key] == value


@pytest.mark.parametrize(
    ("text", "name", "mention", "country"),
    [
        (
            "Kyiv reported three deaths from Russian drone attacks overnight.",
            "Government of Ukraine",
            "Kyiv",
            "UKR",
        ),
        ("The Kremlin said it had received no proposals.", "Kremlin", "Kremlin", "RUS"),
        ("Moscow denied the report on Friday.", "Government of Russia", "Moscow", "RUS"),
    ],
)
def test_metonyms(nlp, text: str, name: str, mention: str, country: str) -> None:
    found = people(nlp, text)[name]
    assert found["type"] == "ORG" and found["country"] == country and found["mentions"] == [mention]


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Officials in Kyiv said the air defences held.", "Kyiv", "GPE"),
        ("Ukrainian forces pushed deeper into Kursk last week.", "Kursk", "GPE"),
    ],
)
def test_place_labels_repaired(nlp, text: str, name: str, label: str) -> None:
    assert people(nlp, text)[name]["type"] == label


@pytest.mark.parametrize(
    ("text", "name"),
    [  # the small model tags these names WORK_OF_ART; a work does not tell a news conference
        ('"We are doing everything we can," Aden Duale told a news conference.', "Aden Duale"),
    ],
)
def test_speaker_names_tagged_as_works_are_people(nlp, text: str, name: str) -> None:
    assert people(nlp, text)[name]["type"] == "PERSON"


def test_heading_is_not_an_entity(nlp) -> None:
    found = people(nlp, "The talks stalled.\n\nKursk conundrum\n\nTroops dug in.")
    assert "Kursk conundrum" not in found


def test_pronouns_inside_quotes_are_left_alone(nlp) -> None:
    text = 'Prime Minister Keir Starmer said: "He has not called me." Starmer then left.'
    found = people(nlp, text)["Keir Starmer"]
    assert "He" not in found["mentions"]


def test_two_people_same_surname_go_to_the_nearest(nlp) -> None:
    text = "Hillary Clinton spoke first. Later, Bill Clinton took the stage. Clinton praised the crowd."
    found = people(nlp, text)
    assert found["Bill Clinton"]["mentions"][-1] == "Clinton"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("U.S. President-elect", ("President-elect", "USA")),
        ("Russian President", ("President", "RUS")),
        ("British Prime Minister", ("Prime Minister", "GBR")),
        ("Russia's", (None, "RUS")),
        ("former", (None, None)),
    ],
)
def test_title_and_country(phrase: str, expected: tuple) -> None:
    assert title_and_country(f" {phrase} ") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes" and "no".', ['"yes"', '"no"']),
        ("\u201cOpen\u201d then \u201cclosed", ["\u201cOpen\u201d"]),
        ('One "unbalanced\nNext "fine" one', ['"fine"']),
    ],
)
def test_quoted_ranges(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in quoted_ranges(text)] == expected

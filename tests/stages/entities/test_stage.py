"""Entities: clustering of names, surnames, titles, descriptors, metonyms and pronouns."""

from __future__ import annotations

import pytest

from tests.stages.entities.helpers import people


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
            {
                "country": "USA",
                "title": "President-elect",
                "mentions": ["Donald Trump", "Trump", "the incoming Republican", "he"],
            },
        ),
        (
            "Ukrainian President Volodymyr Zelensky visited troops near the front. The Ukrainian president said morale was high.",
            "Volodymyr Zelensky",
            {
                "country": "UKR",
                "title": "President",
                "mentions": ["Volodymyr Zelensky", "The Ukrainian president"],
            },
        ),
        (
            "German Chancellor Olaf Scholz spoke to reporters in Berlin. Mr. Scholz said the government would not fall. He then left for Brussels.",
            "Olaf Scholz",
            {"country": "DEU", "title": "Chancellor", "mentions": ["Olaf Scholz", "Scholz", "He"]},
        ),
    ],
)
def test_people_cluster(nlp, text: str, name: str, expected: dict) -> None:
    found = people(nlp, text)[name]
    assert found["type"] == "PERSON"
    for key, value in expected.items():
        assert found[key] == value


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

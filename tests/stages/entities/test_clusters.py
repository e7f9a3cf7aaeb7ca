"""Name clusters: titles and countries before a name, metonyms, and surnames two people share."""

from __future__ import annotations

import pytest

from dateline.stages.entities.clusters import same_person_name, title_and_country
from tests.stages.entities.helpers import people


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
    ("a", "b", "expected"),
    [
        ("Joseph R. Biden", "Joe Biden", True),
        ("Vladimir V. Putin", "Vladimir Putin", True),
        ("George H.W. Bush", "George W. Bush", False),
        ("Hillary Clinton", "Bill Clinton", False),
    ],
)
def test_same_person_name(a: str, b: str, expected: bool) -> None:
    assert same_person_name(a, b) is expected


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
    ("text", "surname", "holders"),
    [
        (
            "North Korean leader Kim Jong Un inspected a missile factory on Monday. His sister Kim Yo Jong issued a statement the same day. Kim said the drills were a provocation.",
            "Kim",
            [],
        ),
        (
            "Hillary Clinton spoke first at the rally in Toledo. Later, Bill Clinton took the stage. Clinton praised the volunteers.",
            "Clinton",
            [],
        ),
        (
            "Former President George H.W. Bush and his son, former President George W. Bush, attended the ceremony in Houston. Bush said the day was a proud one.",
            "Bush",
            [],
        ),
        (
            "Jeb Bush campaigned in Des Moines on Monday. Bush told voters he would win the state.",
            "Bush",
            ["Jeb Bush"],
        ),
        (
            "North Korean leader Kim Jong Un inspected a missile factory on Monday. Kim said output must rise.",
            "Kim",
            ["Kim Jong Un"],
        ),
        (
            "Hillary Clinton spoke first at the rally. Later, former President Bill Clinton took the stage. Mrs. Clinton praised the volunteers.",
            "Clinton",
            ["Hillary Clinton"],
        ),
        (
            "Hillary Clinton spoke first at the rally. Later, former President Bill Clinton took the stage. President Clinton praised the volunteers.",
            "Clinton",
            ["Bill Clinton"],
        ),
        (
            "Hillary Clinton opened her campaign office in Toledo on Monday.\n\nHer husband, former President Bill Clinton, spoke in Dayton.\n\nClinton told reporters in Toledo that she expected to win Ohio.",
            "Clinton",
            ["Hillary Clinton"],
        ),
    ],
)
def test_a_surname_two_people_share_stays_unresolved(
    nlp, text: str, surname: str, holders: list
) -> None:
    found = people(nlp, text)
    assert [n for n, e in found.items() if surname in e["mentions"]] == holders
    assert len([n for n in found if surname in n.split()[1:] or n.startswith(surname)]) >= 1

"""Name spans: particles stay inside a name, organisations keep their country's name."""

from __future__ import annotations

import pytest

from tests.stages.entities.helpers import people


@pytest.mark.parametrize(
    ("text", "name", "mentions"),
    [
        (
            "European Commission President Ursula von der Leyen told lawmakers in Strasbourg on Tuesday that the bloc would hold firm. Von der Leyen said new measures would follow.",
            "Ursula von der Leyen",
            ["Ursula von der Leyen", "Von der Leyen"],
        ),
        (
            "Syrian President Bashar al-Assad received the envoy in Damascus. Assad said the talks were useful.",
            "Bashar al-Assad",
            ["Bashar al-Assad", "Assad"],
        ),
        (
            "Dutch striker Mark van Bommel scored twice on Sunday. Van Bommel said the team deserved the win.",
            "Mark van Bommel",
            ["Mark van Bommel", "Van Bommel"],
        ),
    ],
)
def test_name_particles_stay_in_one_name(nlp, text: str, name: str, mentions: list) -> None:
    found = people(nlp, text)
    assert found[name]["type"] == "PERSON"
    assert found[name]["mentions"][: len(mentions)] == mentions
    assert not any(n in found for n in ("Leyen", "Ursula von der", "Bommel"))


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Taiwan's defence ministry said it had tracked 14 Chinese aircraft near the island.",
            "Taiwan's defence ministry",
            "TWN",
        ),
        (
            "The Law Society of Kenya said the arrests of the lawyers were unlawful.",
            "Law Society of Kenya",
            "KEN",
        ),
        (
            "Kenya's health ministry confirmed two more cases on Monday.",
            "Kenya's health ministry",
            "KEN",
        ),
    ],
)
def test_organisations_named_with_their_country(nlp, text: str, name: str, country: str) -> None:
    found = people(nlp, text)[name]
    assert (found["type"], found["country"]) == ("ORG", country)


@pytest.mark.parametrize(
    ("text", "name", "mentions"),
    [
        (  # the model tags the surname alone; the given name before it is the same person's
            "Kazakh Energy Minister Almasadam Satkaliyev told parliament that prices would rise. Satkaliyev said the grid was old.",
            "Almasadam Satkaliyev",
            ["Almasadam Satkaliyev", "Satkaliyev"],
        ),
        (  # a person named by an inner word of a long name: the one person it can be
            "Chilean Senator Maria Jose Alvarado Rojas met farmers in Temuco on Monday. Alvarado said the drought would cost the region its harvest.",
            "Maria Jose Alvarado Rojas",
            ["Maria Jose Alvarado Rojas", "Alvarado"],
        ),
    ],
)
def test_one_person_however_the_model_cuts_the_name(
    nlp, text: str, name: str, mentions: list
) -> None:
    found = people(nlp, text)
    assert found[name]["type"] == "PERSON"
    assert found[name]["mentions"][: len(mentions)] == mentions
    assert mentions[-1] not in found


def test_an_inner_name_two_people_share_stays_unresolved(nlp) -> None:
    text = "Senator Maria Jose Alvarado Rojas met Mayor Luis Alberto Alvarado Pena in Temuco. Alvarado said the drought was over."
    found = people(nlp, text)
    assert not any(e["mentions"].count("Alvarado") for n, e in found.items() if len(n.split()) > 1)

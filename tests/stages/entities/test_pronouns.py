"""Pronouns: joined to the person they refer to, never to a name inside the quote."""

from __future__ import annotations

import pytest

from tests.stages.entities.helpers import people


def test_pronouns_inside_quotes_are_left_alone(nlp) -> None:
    text = 'Prime Minister Keir Starmer said: "He has not called me." Starmer then left.'
    found = people(nlp, text)["Keir Starmer"]
    assert "He" not in found["mentions"]


@pytest.mark.parametrize(
    ("text", "pronoun_of"),
    [
        (
            '"If we ever meet President-elect Trump, we will talk," Putin said. "We are ready," he said.',
            "Putin",
        ),
        (
            'Ukrainian President Volodymyr Zelensky visited Odesa. "Every Patriot battery saves hundreds of lives," he said.',
            "Volodymyr Zelensky",
        ),
        (
            "Asked about a critique of his security forces, Putin admitted mistakes had been made. Zelensky was not present.",
            "Putin",
        ),
    ],
)
def test_pronouns_never_take_a_name_from_the_quote(nlp, text: str, pronoun_of: str) -> None:
    found = people(nlp, text)
    holders = [n for n, e in found.items() if {"he", "his"} & set(e["mentions"])]
    assert holders == [pronoun_of]

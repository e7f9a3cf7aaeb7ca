"""Descriptors: joined to the one person the article says fits them, or left alone."""

from __future__ import annotations

import pytest

from tests.stages.entities.helpers import people


@pytest.mark.parametrize(
    ("text", "descriptor", "name"),
    [
        (  # the article's Republican is Trump, not the Russian president named before him
            "Russian President Vladimir Putin said he was ready to meet U.S. President-elect Donald Trump. Trump, the incoming Republican, has promised to end the war.",
            "the incoming Republican",
            "Donald Trump",
        ),
        (  # nationality agrees with the Russian, though the American was named last
            'Russian President Vladimir Putin spoke for four hours. "I am ready," he said. U.S. President-elect Donald Trump has promised a deal. The Russian leader also condemned the attack on Kursk.',
            "The Russian leader",
            "Vladimir Putin",
        ),
        (  # age stated for one of two officials
            "Finance Minister Anna Berg, 58, and Labour Minister Piet Kruger, 72, met unions on Monday. The 72-year-old minister said wages would rise.",
            "The 72-year-old minister",
            "Piet Kruger",
        ),
        (  # a title's short form: Rep. is a congresswoman
            "Rep. Laura Vance met Senator Mark Ruiz on Tuesday. Later, the congresswoman said the deal was close.",
            "the congresswoman",
            "Laura Vance",
        ),
        (  # gender: a spokeswoman is not the man named last
            "Ministry spokeswoman Maria Lopez spoke after Interior Minister Tomas Brandt left. The spokeswoman said the border would stay open.",
            "The spokeswoman",
            "Maria Lopez",
        ),
        (  # an age alone stands for the person of that age
            'Finance Minister Anna Berg, 58, and Labour Minister Piet Kruger, 72, met unions on Monday. "Wages will rise this year," the 72-year-old told reporters.',
            "the 72-year-old",
            "Piet Kruger",
        ),
        (  # named before only in a quote, but the only one the nationality fits
            'Polish Foreign Minister Ana Lind spoke in Warsaw. "Hungarian Prime Minister Viktor Orban is blocking the aid," she said.\n\nThe Hungarian leader rejected the charge on Friday.',
            "The Hungarian leader",
            "Viktor Orban",
        ),
        (  # "former": not the one who holds the office now
            "Prime Minister Anna Holm met former Prime Minister Erik Lund in Oslo on Monday. Later, the former prime minister said the talks had been useful.",
            "the former prime minister",
            "Erik Lund",
        ),
        (  # "former" with a role the article never gave: still not the sitting president
            "President Jorge Silva spoke after former President Marco Reyes at the ceremony. Afterwards, the former army captain said the country owed its veterans more.",
            "the former army captain",
            "Marco Reyes",
        ),
        (  # a title held now, and one held before, stated in an apposition
            "NATO Secretary-General Jan Visser, a former Dutch prime minister, met Defence Minister Karl Berg. The former Dutch prime minister said more air defence would follow.",
            "The former Dutch prime minister",
            "Jan Visser",
        ),
        (  # a party the model tags as an organisation still describes its leader
            "Prime Minister Jacinda Hale, the Labour leader, spoke after Opposition Leader Mark Dunn. Later, the Labour leader said the budget was fair.",
            "the Labour leader",
            "Jacinda Hale",
        ),
    ],
)
def test_descriptors_agree_with_the_article(nlp, text: str, descriptor: str, name: str) -> None:
    found = people(nlp, text)
    holders = [n for n, e in found.items() if descriptor in e["mentions"]]
    assert holders == [name]


def test_descriptor_unresolved_when_two_fit(nlp) -> None:
    text = "Senator Jane Holloway and Senator Mark Ruiz met the governor. The senator said the bill would pass."
    found = people(nlp, text)
    assert not any("The senator" in e["mentions"] for e in found.values())


def test_descriptor_unresolved_when_the_one_it_fits_is_named_just_after(nlp) -> None:
    """Read on, the paragraph names a better fit than anyone named before: leave it alone."""
    text = (
        "President Andrzej Duda met Foreign Minister Elena Sorin in Warsaw.\n\n"
        "The Hungarian leader called the talks useful. Hungarian Prime Minister Viktor Orban "
        "also said the pipeline would open in May."
    )
    found = people(nlp, text)
    assert not any("The Hungarian leader" in e["mentions"] for e in found.values())

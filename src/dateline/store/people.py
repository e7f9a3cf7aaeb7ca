"""Linking an article's people to the store's people: one person per name, never two people
who merely share a surname ("Bill Clinton" and "Hillary Clinton", "Kim Jong Un" and "Kim Yo
Jong"), and one person for "Vladimir Putin", "Vladimir V. Putin", "President Putin" and "Putin"."""

from __future__ import annotations

from functools import cache

from dateline.records import Entity
from dateline.resources import PERSON_WORDS, spellings, tagged

# Pronouns and courtesy titles of each gender: "he", "Mr.".
GENDER_WORDS = [row for use in ("pronoun", "courtesy") for row in tagged(PERSON_WORDS, use)]
MALE = frozenset(s for row in GENDER_WORDS if row["gender"] == "m" for s in spellings(row["word"]))
FEMALE = frozenset(
    s for row in GENDER_WORDS if row["gender"] == "f" for s in spellings(row["word"])
)
# Words that open a name without being part of it: "President Putin", "Sen. Warren", "Mr. Kim".
HONORIFICS = frozenset(row["word"].lower().rstrip(".") for row in tagged(PERSON_WORDS, "honorific"))


@cache
def title_words() -> frozenset[str]:
    """Lower-cased words of the titles that precede a name ("president", "sen", "minister")."""
    from dateline.stages.entities.lexicon import lexicon

    return lexicon().title_words | HONORIFICS


@cache
def first_gender() -> dict[str, str]:
    """Given name -> "m" or "f", from the resource table."""
    from dateline.stages.entities.lexicon import lexicon

    return lexicon().first_gender


def person_name(name: str) -> str:
    """A person's name without the titles in front of it: "President Putin" is "Putin"."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in title_words():
        words = words[1:]
    return " ".join(words)


def gender_of(entity: Entity) -> str | None:
    """The gender an article gives a person: its pronouns (one way only), else its given name."""
    said = {
        "m" if w in MALE else "f" for m in entity.mentions if (w := m.text.lower()) in MALE | FEMALE
    }
    if len(said) == 1:
        return said.pop()
    words = person_name(entity.name).split()
    return first_gender().get(words[0]) if len(words) > 1 else None


def name_gender(name: str) -> str | None:
    """The gender a stored full name's given name suggests, if known."""
    words = name.split()
    return first_gender().get(words[0]) if len(words) > 1 else None


def same_given_names(a: str, b: str) -> bool:
    """Whether two full names with one surname can be one person's: the same first name (or its
    familiar form) and middle names that do not differ ("Vladimir V. Putin", "Vladimir Putin";
    not "Kim Jong Un" and "Kim Yo Jong", not "Bill Clinton" and "Hillary Clinton")."""
    from dateline.stages.entities.clusters import same_first_name

    first_a, *middle_a, last_a = a.split()
    first_b, *middle_b, last_b = b.split()
    if last_a.lower() != last_b.lower() or not same_first_name(first_a, first_b):
        return False
    for x, y in zip(middle_a, middle_b, strict=False):
        if x.rstrip(".").lower()[:1] != y.rstrip(".").lower()[:1]:
            return False
    return True


def genders_agree(a: str | None, b: str | None) -> bool:
    """Whether two genders (None when unknown) can be one person's."""
    return a is None or b is None or a == b

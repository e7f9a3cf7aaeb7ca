"""Entity word tables: labels, honorifics, role heads, and the name lexicon from resources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dateline.resources import (
    PERSON_WORDS,
    SUBORDINATOR_WORDS,
    countries,
    rows,
    spellings,
    tagged,
    words,
)

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


# Labels of things that cannot be the subject of "said": such a name before a speech verb is a person.
NEVER_SPEAK = frozenset({"WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "PRODUCT"})


# Labels the small model gives to place names it does not recognise as places.
MISLABELS = {"PERSON", "PRODUCT", "ORG", "WORK_OF_ART", "EVENT", "LAW", "NORP", "FAC", "LANGUAGE"}


SKIP_BLOCKS = {"credit", "byline", "footer"}


MALE = {row["word"] for row in tagged(PERSON_WORDS, "pronoun") if row["gender"] == "m"}


FEMALE = {row["word"] for row in tagged(PERSON_WORDS, "pronoun") if row["gender"] == "f"}


# Words before a name that give the person's gender ("Mr.", "Queen", "Spokeswoman").
HONORIFIC_GENDER = {
    spelled: row["gender"]
    for row in tagged(PERSON_WORDS, "address")
    for spelled in spellings(row["word"])
}
# Mr., Mrs. and Ms., without their stop.
COURTESY = frozenset(row["word"].lower().rstrip(".") for row in tagged(PERSON_WORDS, "courtesy"))


SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}


# Heads of descriptors that refer back to a person: "the Russian leader", "the incoming Republican".
ROLE_HEADS = {row["word"].lower() for row in tagged(PERSON_WORDS, "head")}


# What `described` returns when two people fit a descriptor equally well.
AMBIGUOUS = -1


# Words opening a clause of time or condition rather than a report ("When Doe spoke, he …").
SUBORDINATORS = frozenset(row["word"] for row in tagged(SUBORDINATOR_WORDS, "narration"))


QUOTE_OR_COLON = frozenset({'"', "\u201c", "\u201d", ":", "''", "``"})


# Verbs that make a capital city an actor ("Kyiv reported", "Moscow denied").
ACTOR_DEPS = {"nsubj", "nsubjpass", "agent"}


@dataclass(frozen=True)
class NameLexicon:
    """Names, demonyms, titles and organisations, loaded once per process."""

    country_of: dict[str, str]
    country_name: dict[str, str]
    capital_of: dict[str, str]
    places: frozenset[str]
    titles: tuple[str, ...]
    title_words: frozenset[str]
    orgs: dict[str, tuple[str, str]]
    title_case: dict[str, str]
    first_gender: dict[str, str]


@cache
def lexicon() -> NameLexicon:
    """Build the lookup tables from the resource files."""
    country_of: dict[str, str] = {}
    country_name: dict[str, str] = {}
    capital_of: dict[str, str] = {}
    places: set[str] = set()
    for row in countries():
        code = row["alpha3"]
        country_name[code] = row["name"]
        names = [row["name"], *filter(None, row["aliases"].split("|"))]
        for name in [*names, *filter(None, row["demonyms"].split("|"))]:
            country_of[name.lower()] = code
        places.update(n.lower() for n in names)
        if row["capital"]:
            capital_of[row["capital"].lower()] = code
            places.add(row["capital"].lower())
    places.update(p.lower() for p in words("known_places.txt"))
    titles = tuple(
        sorted((r["word"] for r in tagged(PERSON_WORDS, "title")), key=len, reverse=True)
    )
    title_words = frozenset(
        w.lower().rstrip(".") for t in titles for w in t.replace("-", " ").split()
    )
    orgs: dict[str, tuple[str, str]] = {}
    for row in rows("orgs.tsv"):
        for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
            orgs[alias.lower().removeprefix("the ")] = (row["name"], row["country"])
    title_case = {t.lower(): t for t in reversed(titles)}
    first_gender = {row["name"]: row["gender"] for row in rows("first_names.tsv")}
    return NameLexicon(
        country_of,
        country_name,
        capital_of,
        frozenset(places),
        titles,
        title_words,
        orgs,
        title_case,
        first_gender,
    )


# Short forms of given names: "Bill" is "William".
NICKNAMES = {row["nickname"]: row["name"] for row in rows("nicknames.tsv")}

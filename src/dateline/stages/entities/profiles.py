"""What an article says of a person (title, office, party, nationality, age, gender), and whether
a descriptor ("the incoming Republican", "the 72-year-old leader") agrees with it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.resources import PERSON_WORDS, rows, spellings, tagged

# Party words in descriptors and appositions, by the party they name.
PARTIES = {
    "republican": "Republican",
    "republicans": "Republican",
    "gop": "Republican",
    "democrat": "Democratic",
    "democrats": "Democratic",
    "democratic": "Democratic",
    "tory": "Conservative",
    "conservative": "Conservative",
    "labour": "Labour",
}
# Party initials after a US politician's name: "(D)", "R-Tenn.", "(R-Ohio)".
PARTY_INITIAL = re.compile(r"^\s*,?\s*\(?([RD])(?:-[A-Z][A-Za-z.]*)?\)?(?=[\s,.)]|$)")
INITIAL_PARTY = {"R": "Republican", "D": "Democratic"}
AGE = re.compile(r"\b(\d{2,3})-year-old\b")
AGE_AFTER_NAME = re.compile(r"^,\s*(\d{2,3}),")
# Nouns that say a person's gender ("the spokeswoman", "the congressman").
GENDERED = {row["word"].lower(): row["gender"] for row in tagged(PERSON_WORDS, "gendered")}
HEAD_OF_STATE = frozenset(row["word"] for row in tagged(PERSON_WORDS, "state"))
# Short and gendered forms of one title.
SAME_TITLE = {
    spelled: row["short_for"]
    for row in rows(PERSON_WORDS)
    if row["short_for"]
    for spelled in spellings(row["word"])
}
# Titles of a country's leader ("the Russian leader"); a president-elect does not lead yet.
LEADERS = HEAD_OF_STATE - {"President-elect"}


@dataclass(frozen=True)
class Profile:
    """What a descriptor says of the person it refers to; None where it says nothing."""

    title: str | None = None
    country: str | None = None
    party: str | None = None
    age: int | None = None
    gender: str | None = None
    former: bool | None = None  # True: "the former president"; False: holds the title now

    def informative(self) -> bool:
        """Whether the descriptor says anything that can tell two people apart."""
        facts = (self.title, self.country, self.party, self.age, self.former)
        return any(v is not None for v in facts)


def party_in(words: list[str]) -> str | None:
    """The party a phrase names ("the incoming Republican", "a Democratic senator")."""
    return next((PARTIES[w.lower()] for w in words if w.lower() in PARTIES), None)


def party_after(text: str) -> str | None:
    """The party initial just after a name: "Sen. Bob Corker (R-Tenn.)", "Jane Doe, D-Calif."."""
    found = PARTY_INITIAL.match(text)
    return INITIAL_PARTY[found.group(1)] if found else None


def age_in(text: str) -> int | None:
    """The age a phrase states ("the 72-year-old leader")."""
    found = AGE.search(text)
    return int(found.group(1)) if found else None


def age_after(text: str) -> int | None:
    """The age between commas just after a name: "Jane Doe, 54, said"."""
    found = AGE_AFTER_NAME.match(text)
    return int(found.group(1)) if found else None


def gender_in(words: list[str]) -> str | None:
    """The gender a descriptor's nouns state."""
    return next((GENDERED[w.lower()] for w in words if w.lower() in GENDERED), None)


def _titles_agree(said: str, known: str) -> bool:
    """Whether a descriptor's title fits a person's: the same title or its short form ("the
    congressman" for Rep. Jane Doe), its last word ("the minister" for a Foreign Minister), or
    "leader" for a head of state or government."""
    a, b = said.lower(), known.lower()
    a, b = SAME_TITLE.get(a, a), SAME_TITLE.get(b, b)
    return a == b or b.endswith(" " + a) or (a == "leader" and known in LEADERS)


def agreement(profile: Profile, known: Profile, strict: bool = False) -> int | None:
    """How many stated attributes a descriptor shares with a person; None when one conflicts
    (with `strict`, a different title too: a nearest antecedent needs no contradiction)."""
    shared = 0
    for said, fact in (
        (profile.country, known.country),
        (profile.party, known.party),
        (profile.gender, known.gender),
    ):
        if said is not None and fact is not None:
            if said != fact:
                return None
            shared += 1
    if profile.former and known.former is not None:
        if not known.former:
            return None  # "the former army captain" is not the one who holds the office now
        shared += 1
    if profile.age is not None and known.age is not None:
        if abs(profile.age - known.age) > 1:
            return None
        shared += 1
    if profile.title is not None and known.title is not None:
        agrees = _titles_agree(profile.title, known.title)
        if strict and not agrees:
            return None
        shared += agrees  # people hold several offices: only a strict search rules one out
    return shared

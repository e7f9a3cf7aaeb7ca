"""Lexicons and tables shipped with dateline, and the one loader every module reads them with.

Each file names its source and licence in `#` comment lines at its top, which the loader skips.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files

# Word tables whose `uses` column says what each word serves for (see `tagged`).
PERSON_WORDS = "person_words.tsv"
SPEECH_VERBS = "speech_verbs.tsv"
SPEECH_NOUN_WORDS = "speech_nouns.tsv"
PLACE_WORDS = "place_words.tsv"
ORG_WORDS = "org_words.tsv"
SUBORDINATOR_WORDS = "subordinators.tsv"


def text(name: str) -> str:
    """The whole text of a resource file, comment lines included."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def lines(name: str) -> list[str]:
    """The lines of a resource that hold data: blanks and `#` comment lines skipped."""
    return [line for line in text(name).splitlines() if line.strip() and not line.startswith("#")]


def rows(name: str) -> list[dict[str, str]]:
    """Read a TSV resource with a header row, skipping `#` comment lines; missing cells are ""."""
    return list(csv.DictReader(lines(name), delimiter="\t", restval=""))


@cache
def _table(name: str) -> tuple[dict[str, str], ...]:
    """A TSV resource's rows, read once per process."""
    return tuple(rows(name))


def tagged(name: str, use: str) -> list[dict[str, str]]:
    """The rows of a word table whose space-separated `uses` column lists `use`, in file order."""
    return [row for row in _table(name) if use in row["uses"].split()]


def spellings(word: str) -> tuple[str, ...]:
    """How a table's word is matched: lower-cased, an abbreviation with or without its stop."""
    lowered = word.lower()
    return (lowered, lowered.rstrip(".")) if lowered.endswith(".") else (lowered,)


def fields(name: str) -> list[list[str]]:
    """Read a TSV resource without a header row: each data line split at its tabs."""
    return [line.split("\t") for line in lines(name)]


def words(name: str) -> list[str]:
    """Read a one-entry-per-line resource; a `#` starts a comment, on its own line or after an entry."""
    found = (line.split("#", 1)[0].strip() for line in lines(name))
    return [entry for entry in found if entry]


@cache
def time_words() -> dict[str, dict[str, str]]:
    """The time-word table (times_words.tsv) by kind: word -> value, in file order."""
    table: dict[str, dict[str, str]] = {}
    for row in rows("times_words.tsv"):
        table.setdefault(row["kind"], {})[row["word"]] = row["value"]
    return table


@cache
def countries() -> list[dict[str, str]]:
    """The country table: alpha2, alpha3, name, aliases, demonyms, capital."""
    return rows("countries.tsv")


@cache
def iso_countries() -> dict[str, tuple[str, str]]:
    """Every ISO 3166-1 country (pycountry) as alpha-2 -> (alpha-3, name), with Kosovo's XK."""
    import pycountry

    table = {c.alpha_2: (c.alpha_3, c.name) for c in pycountry.countries}
    table["XK"] = ("XKX", "Kosovo")  # user-assigned; used by the EU, the IMF and news
    return table


def country_codes(value: str) -> tuple[str, str] | None:
    """(alpha-2, alpha-3) for a code or an English name or alias of a country, or None."""
    key = " ".join(value.split()).lower()
    for row in countries():
        names = {row["alpha2"], row["alpha3"], row["name"], *row["aliases"].split("|")}
        if key in {n.lower() for n in names if n}:
            return row["alpha2"], row["alpha3"]
    for alpha2, (alpha3, name) in iso_countries().items():
        if key in {alpha2.lower(), alpha3.lower(), name.lower()}:
            return alpha2, alpha3
    return None

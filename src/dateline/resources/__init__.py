"""Lexicons and tables shipped with dateline; each file names its source and licence."""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files


def rows(name: str) -> list[dict[str, str]]:
    """Read a TSV resource with a header row, skipping `#` comment lines."""
    text = files(__package__).joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def words(name: str) -> list[str]:
    """Read a one-entry-per-line resource, skipping blanks and `#` comments."""
    text = files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


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

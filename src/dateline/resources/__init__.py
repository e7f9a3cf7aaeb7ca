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
def countries() -> list[dict[str, str]]:
    """The country table: alpha2, alpha3, name, aliases, demonyms, capital."""
    return rows("countries.tsv")

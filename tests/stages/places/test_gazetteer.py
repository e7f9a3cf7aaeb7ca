"""Gazetteer lookup keys: spellings folded, administrative units reduced to their base names."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("S\u00e3o Paulo", "Sao Paulo"),
        ("St. Louis", "Saint Louis"),
        ("the Netherlands", "Netherlands"),
        ("Ivano-Frankivsk", "Ivano Frankivsk"),
        ("KYIV", "Kyiv"),
        ("Cote d\u2019Ivoire", "C\u00f4te d'Ivoire"),
    ],
)
def test_lookup_keys_fold_spelling(a: str, b: str) -> None:
    from dateline.stages.places.gazetteer import key

    assert key(a) == key(b)


@pytest.mark.parametrize(
    ("name", "base"),
    [("Kursk Oblast", "kursk"), ("Anbar Governorate", "anbar"), ("Muhafazat Kirkuk", "kirkuk")],
)
def test_unit_base_names(name: str, base: str) -> None:
    from dateline.stages.places.gazetteer import base_name

    assert base_name(name) == base

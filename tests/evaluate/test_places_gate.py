"""Quality gates for the places stage on LGL and GeoWebNews; floors only go up."""

from __future__ import annotations

import pytest

from dateline.evaluate.places import PlacesScore, evaluate, pipeline_finder, read_corpus
from tests.conftest import corpus

pytestmark = pytest.mark.gate

# Measured 2026-11-26 with en_core_web_sm 3.8.0 (`dateline eval places`): LGL P 0.865,
# R 0.755, F1 0.806, within 161 km 0.854; GeoWebNews P 0.904, R 0.795, F1 0.846, 0.909
# (after NORP-labelled towns such as "Mombasa" became places). Pinned just below.
FLOORS = {
    "lgl": {"precision": 0.855, "recall": 0.746, "f1": 0.80, "accuracy": 0.85},
    "gwn": {"precision": 0.895, "recall": 0.786, "f1": 0.836, "accuracy": 0.905},
}
FILES = {"lgl": "lgl.xml", "gwn": "GWN.xml"}


@pytest.fixture(scope="module")
def scores() -> dict[str, PlacesScore]:
    """Each corpus parsed and scored once for the module."""
    find = pipeline_finder()
    return {
        name: evaluate(read_corpus(name, corpus("geo", file)), find) for name, file in FILES.items()
    }


@pytest.mark.parametrize("name", sorted(FLOORS))
@pytest.mark.parametrize("measure", ["precision", "recall", "f1", "accuracy"])
def test_places_floor(scores: dict[str, PlacesScore], name: str, measure: str) -> None:
    score = scores[name]
    value = score.accuracy if measure == "accuracy" else getattr(score.toponyms, measure)
    assert value >= FLOORS[name][measure], f"{name} {measure} {value:.3f} < floor"

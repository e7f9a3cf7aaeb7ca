"""Quality gate: the times stage on TimeBank + AQUAINT (TBAQ), scored as TempEval-3 does."""

from __future__ import annotations

import pytest

from dateline.evaluate.times import TimesScore, read_corpus, score
from dateline.nlp import load, make_doc
from dateline.stages.times.stage import find_times
from tests.conftest import corpus

# Floors pinned just below the figures measured on TBAQ (F1); they only go up.
FLOORS = {"strict": 0.893, "relaxed": 0.952, "type": 0.910, "value": 0.835, "mod": 0.916}

pytestmark = pytest.mark.gate


@pytest.fixture(scope="module")
def tbaq() -> TimesScore:
    """Parse TBAQ once (parser only, no other stages) and score the times stage."""
    docs = list(read_corpus([corpus("timeml")]))
    nlp = load(stages=())
    parsed = nlp.pipe((make_doc(nlp, d.text, d.dct) for d in docs), batch_size=16)
    return score((find_times(p), d.gold) for p, d in zip(parsed, docs, strict=True))


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_floor(tbaq: TimesScore, figure: str) -> None:
    """Each TempEval-3 F1 stays at or above its pinned floor."""
    assert getattr(tbaq, figure).f1 >= FLOORS[figure]

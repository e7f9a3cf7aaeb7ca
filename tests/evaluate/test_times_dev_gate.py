"""Quality gate: the times stage on the development table of sentences written for dateline
(src/dateline/evaluate/times_dev.jsonl), apart from the TBAQ tuning; it needs no corpus."""

from __future__ import annotations

import pytest

from dateline.evaluate.times import TimesScore, read_dev_table, score
from dateline.nlp import load, make_doc
from dateline.stages.times.stage import find_times

# Floors pinned just below the figures measured on the table (F1); they only go up.
FLOORS = {"strict": 0.99, "relaxed": 0.99, "type": 0.99, "value": 0.99, "mod": 0.99}


@pytest.fixture(scope="module")
def dev() -> TimesScore:
    """Parse the table once (parser only) and score the times stage."""
    docs = read_dev_table()
    nlp = load(stages=())
    parsed = nlp.pipe((make_doc(nlp, d.text, d.dct) for d in docs), batch_size=32)
    return score((find_times(p), d.gold) for p, d in zip(parsed, docs, strict=True))


def test_table_size() -> None:
    """The table keeps at least 80 sentences, each gold span found in its sentence."""
    docs = read_dev_table()
    assert len(docs) >= 80
    assert all(
        docs[i].text[t.start : t.end] == t.text for i in range(len(docs)) for t in docs[i].gold
    )


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_floor(dev: TimesScore, figure: str) -> None:
    """Each TempEval-3 F1 on the table stays at or above its pinned floor."""
    assert getattr(dev, figure).f1 >= FLOORS[figure]

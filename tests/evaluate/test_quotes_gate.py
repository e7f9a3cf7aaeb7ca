"""Quality gate: the quotes stage on the PolNeAR dev split, with floors pinned below measured figures."""

from __future__ import annotations

import pytest

from dateline.evaluate.quotes import dateline_extractor, evaluate
from tests.conftest import corpus

# Measured on 2026-11-27 with the rules of issue 3 (double quotation marks only):
# attributed F1 0.853, detection F1 0.901, indirect attributed F1 0.719, indirect detection 0.750.
# ('' quotes in NYT copy are found and kept, but count as false positives under these rules.)
# 2026-12-06 (issue 17): attributed 0.856, and entity-level (the speaker right when any mention
# of its entity is the gold source) attributed 0.860, indirect 0.723.
# 2026-12-06 (issue 17, second pass): attributed 0.857, by entity 0.862, indirect attributed
# 0.723, by entity 0.727 (with '' counted as marks, --doubled-apostrophes: 0.912 and 0.916).
# 2026-12-06 (issue 17, third pass): attributed 0.858, by entity 0.863, indirect 0.723 / 0.727
# (--doubled-apostrophes: 0.915 and 0.920).
# 2026-12-06 (issue 17, merged with the seed-like fixtures' fixes): attributed 0.858, by entity
# 0.863, indirect 0.725 / 0.729, indirect detection 0.749.
FLOORS = {
    "attributed": 0.857,
    "entity_attributed": 0.862,
    "indirect_entity_attributed": 0.728,
    "detection": 0.900,
    "indirect_attributed": 0.724,
    "indirect_detection": 0.749,
}


@pytest.mark.gate
def test_quotes_gate_dev() -> None:
    """Direct/mixed and indirect quote figures on PolNeAR dev stay above their floors."""
    report = evaluate(corpus("polnear"), "dev", dateline_extractor())
    figures = {name: getattr(report, name).f1 for name in FLOORS}
    low = {name: round(f1, 3) for name, f1 in figures.items() if f1 < FLOORS[name]}
    assert not low, f"below the floors {FLOORS}: {low}"


# Measured on 2026-12-06 on lower-cased copies of the dev texts (case restored before the parse):
# attributed F1 0.828 (0.767 with no restoration), detection 0.889, indirect attributed 0.718.
LOWERCASE_FLOORS = {"attributed": 0.826, "detection": 0.888, "indirect_attributed": 0.716}


@pytest.mark.gate
def test_quotes_gate_dev_lowercase() -> None:
    """Lower-cased dev (a feed that lost its case) stays near the cased figures."""
    report = evaluate(corpus("polnear"), "dev", dateline_extractor(), lowercase=True)
    figures = {name: getattr(report, name).f1 for name in LOWERCASE_FLOORS}
    low = {name: round(f1, 3) for name, f1 in figures.items() if f1 < LOWERCASE_FLOORS[name]}
    assert not low, f"below the floors {LOWERCASE_FLOORS}: {low}"

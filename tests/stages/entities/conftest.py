"""The entities tests' pipeline: the parse and the entities stage only."""

from __future__ import annotations

import pytest

from dateline.nlp import load


@pytest.fixture(scope="module")
def nlp():
    """The pipeline up to the entities stage."""
    return load(stages=("entities",))

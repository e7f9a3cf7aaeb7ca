"""The trigger lexicon: every PLOVER type has triggers."""

from __future__ import annotations

from dateline.records import PLOVER_TYPES
from dateline.stages.events.stage import QUAD, lexicon


def test_lexicon_covers_all_types():
    """The trigger lexicon names every PLOVER type and nothing else."""
    lex = lexicon()
    types = {r.type for rules in (*lex.verbs.values(), *lex.nouns.values()) for r in rules}
    assert types == set(PLOVER_TYPES)
    assert set(QUAD) == set(PLOVER_TYPES)

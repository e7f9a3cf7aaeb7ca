"""The PolNeAR quote metrics: mention-level and entity-level speakers, without the corpus."""

from __future__ import annotations

import pytest

from dateline.evaluate.quotes import Gold, Predicted, RuleTally, score, tally_rules

# "Doe said the talks failed. … “We tried,” he said." with gold source "Doe" at (0, 3).
GOLD = [Gold(40, 50, ((0, 3),))]


@pytest.mark.parametrize(
    ("predicted", "mention_tp", "entity_tp"),
    [
        ([Predicted(40, 50, (52, 54), ((0, 3), (52, 54)))], 0, 1),  # "he", resolved to Doe
        ([Predicted(40, 50, (0, 3), ((0, 3),))], 1, 1),  # the source itself
        ([Predicted(40, 50, (52, 54), ((60, 65), (52, 54)))], 0, 0),  # "he", someone else
        ([Predicted(40, 50, (52, 54))], 0, 0),  # "he", unresolved
        ([Predicted(40, 50, None, ((0, 3),))], 0, 0),  # no speaker mention at all
        ([Predicted(10, 20, (0, 3), ((0, 3),))], 0, 0),  # the wrong span
    ],
)
def test_entity_level_counts_any_mention_of_the_speaker(
    predicted: list[Predicted], mention_tp: int, entity_tp: int
) -> None:
    assert score(predicted, GOLD)[1].tp == mention_tp
    assert score(predicted, GOLD, entity_level=True)[1].tp == entity_tp


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        ([Predicted(40, 50, (52, 54), ((0, 3), (52, 54)), "own_cue")], {"own_cue": (1, 0, 0)}),
        ([Predicted(40, 50, (60, 65), ((60, 65),), "recent_cue")], {"recent_cue": (0, 1, 0)}),
        ([Predicted(40, 50, None, (), "unattributed")], {"unattributed": (0, 1, 0)}),
        (
            [
                Predicted(10, 20, (0, 3), ((0, 3),), "mixed_cue"),
                Predicted(40, 50, (0, 3), (), "mixed_cue"),
            ],
            {"mixed_cue": (1, 0, 1)},
        ),
    ],
)
def test_rule_tally_counts_right_wrong_and_not_in_gold(
    predicted: list[Predicted], expected: dict[str, tuple[int, int, int]]
) -> None:
    rules: dict[str, RuleTally] = {}
    tally_rules(predicted, GOLD, rules)
    assert {name: (t.right, t.wrong, t.unmatched) for name, t in rules.items()} == expected

"""Every rule of the times stage on its own examples: the grammar, the dispatch by the group that
matched and the rule's readers, without a parse."""

from __future__ import annotations

import pytest

from dateline.stages.times.calendar import anchor_of
from dateline.stages.times.context import Context
from dateline.stages.times.grammar import grammar, group_name, rule_of
from dateline.stages.times.rules import RULES, TimeExample, TimeRule


def reads(rule: TimeRule, example: TimeExample) -> tuple[str, str]:
    """(the rule that matched the bracketed span, what it reads there as "TYPE value [mod]")."""
    sentence, span = example.sentence, example.span
    start = example.text.index("[")
    match = next((m for m in grammar().finditer(sentence) if m.start() == start), None)
    assert match is not None and match.group() == span, f"the grammar does not match {span!r}"
    context = Context(
        example.dct,
        example.tense,
        example.ref,
        anchor_of(example.anchor) if example.anchor else None,
        example.anchor,
        sentence[match.end() : match.end() + 24],
    )
    found = rule_of(match).normalise(match.group(), context)
    return rule_of(match).name, "-" if found is None else " ".join(x for x in found if x)


@pytest.mark.parametrize(
    ("rule", "example"),
    [(rule, example) for rule in RULES for example in rule.examples],
    ids=[f"{rule.name}: {example.span}" for rule in RULES for example in rule.examples],
)
def test_rule_example(rule: TimeRule, example: TimeExample) -> None:
    """The rule matches its example's span and reads it as the example says."""
    assert reads(rule, example) == (rule.name, example.reads)


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_every_rule_has_examples(rule: TimeRule) -> None:
    """Every rule shows what it is for, and each example marks one span."""
    assert rule.examples
    assert all(e.text.count("[") == e.text.count("]") == 1 for e in rule.examples)


def test_rule_names_are_unique() -> None:
    """One regex group per rule: no two rules share a name."""
    assert len({group_name(rule.name) for rule in RULES}) == len(RULES)

"""How sure the events stage is of an event: a sum of named factors, as data.

Confidence starts at `BASE` and each factor of `FACTORS` that applies adds its weight (times
its count: a predicate under two subordinate clauses loses twice). The sum is kept in
[`FLOOR`, `CEILING`]; a candidate that no gate of `filter.py` admits then keeps `UNGATED` of
it. Events at or above `EVENT_THRESHOLD` (0.45) are shown by default. The weights were set on
events-news (`dateline eval events --news …` prints the calibration table) and checked on each
hash half; every factor carries an example it applies to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from dateline.records import Actor
from dateline.stages.events.lexicon import Lexicon, base, lexicon
from dateline.stages.events.triggers import Trigger

BASE = 0.55
FLOOR, CEILING = 0.05, 0.99
# Acts that are about the party they are done to: without one named they are less certain.
DYADIC = {"REQUEST", "SUPPORT", "CONSULT", "THREATEN", "AGREE", "AID", "COOPERATE", "CONCEDE"}
# Dependencies that put a clause under another as its background (relative, adverbial,
# prepositional clauses); a ccomp counts unless a reporting verb governs it.
SUBORDINATE = {"relcl", "acl", "advcl", "pcomp", "pobj", "csubj", "amod", "prep"}
MAX_DEPTH = 3


@dataclass(frozen=True)
class Signals:
    """What the factors look at: the trigger, the coded parties and the modality read."""

    trig: Trigger
    actor: Actor | None
    recipient: Actor | None
    hypothetical: bool = False
    negated: bool = False
    quoted: bool = False
    future: bool = False
    predicted: bool = False
    pronoun: bool = False  # a party named only by a pronoun ("him", "they") left unresolved


@dataclass(frozen=True)
class Factor:
    """A named, weighted reason to trust an event more or less, with an example."""

    name: str
    weight: float
    count: Callable[[Signals], int]
    example: str


def _depth(pred: Token, lex: Lexicon) -> int:
    """How many subordinate clauses (relative, adverbial, prepositional) hold the predicate."""
    levels = 0
    node = pred
    if pred.pos_ in ("NOUN", "PROPN"):  # an event noun counts from the clause that holds it
        while node.dep_ in ("pobj", "prep", "dobj", "attr", "compound", "nsubj", "nsubjpass"):
            if node.head.i == node.i or node.head.pos_ in ("VERB", "AUX"):
                break
            node = node.head
        node = node.head if node.head.pos_ in ("VERB", "AUX") else node
    if _acting_participle(pred):  # "nurses striking in Leeds": the act itself
        node = pred.head
    while node.head.i != node.i:
        if node.dep_ in SUBORDINATE or (
            node.dep_ == "ccomp" and base(node.head, lex) not in lex.report
        ):
            levels += 1
        node = node.head
    return min(MAX_DEPTH, levels)


def _acting_participle(pred: Token) -> bool:
    """A participle telling what the people it follows do ("teachers striking", "workers
    protesting outside the plant")."""
    return pred.dep_ == "acl" and pred.tag_ == "VBG" and pred.head.pos_ in ("NOUN", "PROPN")


FACTORS = (
    Factor(
        "specific trigger",
        0.05,
        lambda s: bool(s.trig.specific or s.trig.inner),
        "launched an attack; threatened to shell; open fire",
    ),
    Factor(
        "event noun off the clause head",
        -0.1,
        lambda s: s.trig.pred.pos_ == "NOUN" and s.trig.pred.dep_ != "ROOT",
        "after the attack on the convoy, …",
    ),
    Factor(
        "subordinate clause (each level)",
        -0.1,
        lambda s: _depth(s.trig.pred, lexicon()),
        "the minister, who had criticised the court, …",
    ),
    Factor("actor named", 0.05, lambda s: s.actor is not None, "the rebels attacked"),
    Factor(
        "actor's country known",
        0.1,
        lambda s: s.actor is not None and bool(s.actor.country),
        "Iraqi police arrested",
    ),
    Factor("recipient named", 0.1, lambda s: s.recipient is not None, "accused Russia"),
    Factor(
        "dyadic act without recipient",
        -0.1,
        lambda s: s.recipient is None and s.trig.rule.type in DYADIC,
        "the minister demanded more",
    ),
    Factor(
        "no party named",
        -0.1,
        lambda s: s.actor is None and s.recipient is None and not s.pronoun,
        "the protests continued (but not: he was released without charge)",
    ),
    Factor("hypothetical", -0.15, lambda s: s.hypothetical, "if Israel attacks, …"),
    Factor("negated", -0.1, lambda s: s.negated, "did not attack"),
    Factor("quoted", -0.05, lambda s: s.quoted, '"we will strike back," he said'),
    Factor("announced or planned", -0.1, lambda s: s.future, "plans to visit Ankara"),
    Factor("foreseen by others", -0.15, lambda s: s.predicted, "is widely expected to expel"),
)


def applied(signals: Signals) -> list[tuple[str, float]]:
    """The factors that apply to an event, each with its total weight."""
    out = []
    for factor in FACTORS:
        times = int(factor.count(signals))
        if times:
            out.append((factor.name, round(factor.weight * times, 2)))
    return out


def score(signals: Signals) -> float:
    """A confidence in [FLOOR, CEILING]: the base plus the weights of the factors that apply."""
    value = BASE + sum(weight for _, weight in applied(signals))
    return round(max(FLOOR, min(CEILING, value)), 2)


__all__ = ["BASE", "DYADIC", "FACTORS", "Factor", "Signals", "applied", "score"]

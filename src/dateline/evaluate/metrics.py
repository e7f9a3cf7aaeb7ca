"""Precision, recall and F1 counts shared by the evaluations."""

from __future__ import annotations

from dataclasses import dataclass


def ratio(part: float, whole: float) -> float:
    """part / whole, or 0.0 when there is no whole (no predictions, no gold)."""
    return part / whole if whole else 0.0


def harmonic(p: float, r: float) -> float:
    """F1: the harmonic mean of precision and recall."""
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Counts:
    """True positives, predictions and gold items, summed over articles."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        """Add another article's counts."""
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        """Share of predictions that are right."""
        return ratio(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        """Share of gold items found."""
        return ratio(self.tp, self.gold)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return harmonic(self.precision, self.recall)

"""Quality gate: events on whole real articles (events-news), per hash half and for all.

Scored as GUIDE.md says, on the events shown by default (at or above the confidence
threshold). Floors only go up; false alarms (events per article without events) only down.
"""

from __future__ import annotations

import pytest

from dateline.evaluate.events_news import NewsScores, by_half, run, shown
from tests.conftest import corpus

pytestmark = pytest.mark.gate

# Measured 2026-12-06 with `dateline eval events --news ../shared/corpora/events-news`:
#   half A: type P 0.743 R 0.473, actor F1 0.533, full F1 0.333, 0.10 events per empty article
#   half B: type P 0.833 R 0.507, actor F1 0.595, full F1 0.360, 0.09
#   all:    type P 0.792 R 0.492, actor F1 0.567, full F1 0.348, 0.10
# Later (branch ev3: conjoined passives, suspensions of people, counts of acts):
#   half A: type P 0.750 R 0.491, actor F1 0.549, full F1 0.352, 0.10; half B unchanged;
#   all:    type P 0.795 R 0.500, actor F1 0.574, full F1 0.356, 0.10
# (before, same day: all type P 0.676 R 0.403, actor F1 0.455, full F1 0.232, 0.14; main
# 813e917, before this gate: all type P 0.139 R 0.395, actor F1 0.130, full F1 0.059, 6.95).
# Issue 16 round 3 (confidence, branch ev-c):
#   half A: type P 0.818 R 0.491, actor P 0.758 F1 0.568, full F1 0.364, 0.10
#   half B: type P 0.946 R 0.507, actor P 0.892 F1 0.623, full F1 0.377, 0.00
#   all:    type P 0.886 R 0.500, actor P 0.829 F1 0.598, full F1 0.371, 0.05
# Issue 16 round 3 merged (recall ev-r, roles ev-p, confidence ev-c):
#   half A: type P 0.805 R 0.600, actor P 0.780 F1 0.667, full F1 0.521, 0.10
#   half B: type P 0.936 R 0.638, actor P 0.894 F1 0.724, full F1 0.603, 0.00
#   all:    type P 0.875 R 0.621, actor P 0.841 F1 0.698, full F1 0.566, 0.05
# A state's organs and people listed as one actor (branch ev-c2):
#   half A: type P 0.846 R 0.600, actor P 0.821 F1 0.681, full F1 0.532, 0.10; half B unchanged
#   all:    type P 0.895 R 0.621, actor P 0.860 F1 0.705, full F1 0.571, 0.05
# Pronouns: a byline's reporter is no party, an unresolved he/him is the man a subject before
# it names (branch ev-c2): half A full F1 0.532 -> 0.553, the rest unchanged; all full F1 0.581.
# A body reporting an agentless act ("the service said") is the body named before: half B
# type P 0.936 -> 0.957, actor P 0.894 -> 0.913, F1 0.724 -> 0.730, full F1 0.603 -> 0.609.
# A verb conjoined to a reported clause whose object pronoun is that clause's subject is the
# reporter's act ("said X failed … and asked it to …"); public offices (registrar) are GOV;
# the "or" branch of a demand is hypothetical: half B actor P 0.913 -> 0.935, F1 0.730 ->
# 0.748, full F1 0.609 -> 0.626; half A unchanged.
# An organisation's one-word short name takes the full name's country ("the Party"): half A
# actor P 0.821 -> 0.846, F1 0.681 -> 0.702. All now: type P 0.906 R 0.621, actor P 0.894
# F1 0.727, full F1 0.593.
# Floors sit just below; the ceilings on false alarms just above. `actor_p` is the actor-level
# precision of the events shown by default (the issue asks for 0.80 at the default threshold).
# Recall round 2 (ev-r2, on top of round 4): laws acting in their signer's name, approvals of
# appointments, awards and pardons by decree, support received from a giver: half A type R
# 0.600 -> 0.636, actor F1 0.702 -> 0.729, full F1 0.553 -> 0.583; half B type R 0.638 ->
# 0.681, actor F1 0.748 -> 0.780, full F1 0.626 -> 0.644 (type P 0.854 / 0.959, actor P
# 0.854 / 0.939; all: type 0.911/0.661, actor P 0.900 F1 0.757, full F1 0.617).
FLOORS = {
    "A": {"type_p": 0.85, "type_r": 0.63, "actor_f1": 0.725, "full_f1": 0.58, "actor_p": 0.85},
    "B": {"type_p": 0.955, "type_r": 0.68, "actor_f1": 0.775, "full_f1": 0.64, "actor_p": 0.935},
    "all": {"type_p": 0.91, "type_r": 0.66, "actor_f1": 0.755, "full_f1": 0.615, "actor_p": 0.895},
}
CEILINGS = {"A": 0.15, "B": 0.15, "all": 0.15}


@pytest.fixture(scope="module")
def halves() -> dict[str, NewsScores]:
    """The corpus analysed once, scored per half and for all."""
    folder = corpus("events-news")
    return by_half(shown(run(folder)))


@pytest.mark.parametrize("half", ["A", "B", "all"])
def test_events_news_gate(halves: dict[str, NewsScores], half: str) -> None:
    """Type precision and recall, actor and full F1 stay above their floors; false alarms on
    articles without events stay under their ceiling."""
    s = halves[half]
    figures = {
        "type_p": s.levels["type"].precision,
        "type_r": s.levels["type"].recall,
        "actor_f1": s.levels["actor"].f1,
        "full_f1": s.levels["full"].f1,
        "actor_p": s.levels["actor"].precision,
    }
    print(f"events-news half {half}: {figures}, false alarms {s.false_alarms:.2f}")
    for name, floor in FLOORS[half].items():
        assert figures[name] >= floor, f"half {half}: {name} {figures[name]:.3f} fell below {floor}"
    assert s.false_alarms <= CEILINGS[half], f"half {half}: {s.false_alarms:.2f} false alarms"

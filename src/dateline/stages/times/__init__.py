"""Times: time expressions found and normalised against the article's date (TIMEX3)."""

from dateline.stages.times.stage import find_times, find_times_by_rule, times_component

__all__ = ["find_times", "find_times_by_rule", "times_component"]

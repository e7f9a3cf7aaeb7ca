"""Events: political events coded in PLOVER, with actor, recipient, place, date and evidence."""

from dateline.stages.events.stage import QUAD, events_component, find_events

__all__ = ["QUAD", "events_component", "find_events"]

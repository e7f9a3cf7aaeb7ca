"""The events stage: not built yet; it sets an empty list so the JSON contract holds."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.stages import run_stage


def find_events(doc: Doc) -> list:
    """Return the events found in `doc` (none until this stage is built)."""
    return []


@Language.component("dateline_events", assigns=["doc._.events"])
def events_component(doc: Doc) -> Doc:
    """Set `doc._.events`."""
    return run_stage(doc, "events", find_events)

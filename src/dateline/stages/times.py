"""The times stage: not built yet; it sets an empty list so the JSON contract holds."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.stages import run_stage


def find_times(doc: Doc) -> list:
    """Return the times found in `doc` (none until this stage is built)."""
    return []


@Language.component("dateline_times", assigns=["doc._.times"])
def times_component(doc: Doc) -> Doc:
    """Set `doc._.times`."""
    return run_stage(doc, "times", find_times)

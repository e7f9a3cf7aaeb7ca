"""The places stage: not built yet; it sets an empty list so the JSON contract holds."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.stages import run_stage


def find_places(doc: Doc) -> list:
    """Return the places found in `doc` (none until this stage is built)."""
    return []


@Language.component("dateline_places", assigns=["doc._.places"])
def places_component(doc: Doc) -> Doc:
    """Set `doc._.places`."""
    return run_stage(doc, "places", find_places)

"""The entities stage: not built yet; it sets an empty list so the JSON contract holds."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.stages import run_stage


def find_entities(doc: Doc) -> list:
    """Return the entities found in `doc` (none until this stage is built)."""
    return []


@Language.component("dateline_entities", assigns=["doc._.entities"])
def entities_component(doc: Doc) -> Doc:
    """Set `doc._.entities`."""
    return run_stage(doc, "entities", find_entities)

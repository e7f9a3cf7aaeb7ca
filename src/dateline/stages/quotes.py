"""The quotes stage: not built yet; it sets an empty list so the JSON contract holds."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.stages import run_stage


def find_quotes(doc: Doc) -> list:
    """Return the quotes found in `doc` (none until this stage is built)."""
    return []


@Language.component("dateline_quotes", assigns=["doc._.quotes"])
def quotes_component(doc: Doc) -> Doc:
    """Set `doc._.quotes`."""
    return run_stage(doc, "quotes", find_quotes)

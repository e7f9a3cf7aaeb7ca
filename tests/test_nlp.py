"""Stage dependencies: a stage asked for brings the stages it reads, in order, and says so."""

from __future__ import annotations

import warnings

import pytest
from spacy.language import Language

from dateline.nlp import NEEDS, STAGES, StageAdded, load, with_needs


@pytest.mark.parametrize(
    ("asked", "expected", "added"),
    [
        ((), (), ()),
        (("times",), ("times",), ()),
        (("entities",), ("entities",), ()),
        (("places",), ("entities", "places"), ("entities",)),
        (("quotes",), ("entities", "quotes"), ("entities",)),
        (("events",), STAGES, ("entities", "times", "places", "quotes")),
        (("quotes", "times"), ("entities", "times", "quotes"), ("entities",)),
        (("places", "entities"), ("entities", "places"), ()),
        (("times", "times"), ("times",), ()),
        (STAGES, STAGES, ()),
    ],
)
def test_with_needs(asked: tuple[str, ...], expected: tuple[str, ...], added: tuple) -> None:
    """The stages needed are added in pipeline order, with a warning naming them."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert with_needs(asked) == expected
    messages = [str(w.message) for w in caught if issubclass(w.category, StageAdded)]
    if added:
        assert len(messages) == 1
        assert messages[0].endswith(
            f"read{'s' * (len(set(asked)) == 1)} {', '.join(added)}: added to the pipeline"
        )
    else:
        assert messages == []


def test_unknown_stage() -> None:
    """A stage name that does not exist is a clear error, never a pipeline without it."""
    with pytest.raises(ValueError, match="unknown stage 'place'; stages: entities, times"):
        with_needs(("place",))


@pytest.mark.parametrize("stage", STAGES)
def test_needs_match_components(stage: str) -> None:
    """The table says what each component declares to spaCy, and needs only earlier stages."""
    import dateline.stages  # noqa: F401  (registers the components)
    from dateline.stages import entities, events, places, quotes, times  # noqa: F401

    meta = Language.get_factory_meta(f"dateline_{stage}")
    read = {attr.removeprefix("doc._.") for attr in meta.requires}
    assert tuple(s for s in STAGES if s in read) == NEEDS[stage]
    assert meta.assigns == [f"doc._.{stage}"]
    assert all(STAGES.index(need) < STAGES.index(stage) for need in NEEDS[stage])


def test_load_pulls_needs_in(nlp: Language) -> None:
    """Asking for events alone loads the whole pipeline (the same cache entry) and warns."""
    with pytest.warns(
        StageAdded, match="stage events reads entities, times, places, quotes: added"
    ):
        events_only = load(stages=("events",))
    assert events_only is load()  # one pipeline, cached once: the full one
    assert events_only.pipe_names == nlp.pipe_names
    assert [n for n in nlp.pipe_names if n.startswith("dateline_")] == [
        "dateline_blocks",
        *(f"dateline_{s}" for s in STAGES),
    ]


def test_pipeline_requirements_met(nlp: Language) -> None:
    """spaCy finds every attribute a component requires assigned by one before it."""
    analysis = nlp.analyze_pipes()
    assert analysis["problems"] == {name: [] for name in nlp.pipe_names}

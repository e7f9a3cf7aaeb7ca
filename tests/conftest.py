"""Shared test helpers: the pipeline loaded once, and the corpora for the quality gates."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def corpus(*parts: str) -> Path:
    """Return a path under ../shared/corpora; skip the gate when absent, but fail in CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"corpus not found: {path}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message + " (CI=true: a gate whose corpus is missing fails)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def nlp():
    """The default dateline pipeline, loaded once for the whole test session."""
    from dateline.nlp import load

    return load()

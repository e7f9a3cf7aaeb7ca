"""dateline: who said what, and who did what to whom, where and when, in dated news articles."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dateline.analyze import Options, analyze, analyze_articles
    from dateline.nlp import load
    from dateline.read import read
    from dateline.records import Analysis, Article

__version__ = "0.1.0"
__all__ = ["Analysis", "Article", "Options", "analyze", "analyze_articles", "load", "read"]

# Imported on first use, so that `import dateline` (and the CLI, the web server) starts fast.
_HOMES = {
    "Analysis": "dateline.records",
    "Article": "dateline.records",
    "Options": "dateline.analyze",
    "analyze": "dateline.analyze",
    "analyze_articles": "dateline.analyze",
    "load": "dateline.nlp",
    "read": "dateline.read",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is used."""
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'dateline' has no attribute {name!r}")

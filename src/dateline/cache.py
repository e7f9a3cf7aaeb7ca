"""Where dateline keeps what it builds once per machine (the place index, the embedding model)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """The cache directory: $DATELINE_CACHE, else the user cache directory."""
    if os.environ.get("DATELINE_CACHE"):
        return Path(os.environ["DATELINE_CACHE"])
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "dateline"

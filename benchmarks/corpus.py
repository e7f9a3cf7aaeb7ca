"""The benchmarks' input: PolNeAR texts written as one JSONL file, repeated under new ids."""

from __future__ import annotations

import json
from pathlib import Path


def write_corpus(folders: list[Path], n: int, path: Path) -> int:
    """Write `n` articles from the `.txt` files in `folders`; return the number of distinct texts."""
    bodies = [p.read_text(encoding="utf-8") for f in folders for p in sorted(f.glob("*.txt"))]
    if not bodies:
        raise SystemExit(f"no .txt files in {', '.join(map(str, folders))}")
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"bench-{i}", "text": bodies[i % len(bodies)]}) + "\n")
    return min(n, len(bodies))

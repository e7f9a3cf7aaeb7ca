"""The benchmarks' input: PolNeAR texts written as one JSONL file, repeated under new ids."""

from __future__ import annotations

import json
from pathlib import Path


def dated(file: Path) -> dict[str, str]:
    """The date and outlet a PolNeAR file name carries ("<outlet>_<date>_….txt")."""
    outlet, date = file.name.split("_")[:2]
    return {"date": date, "source": outlet}


def write_corpus(folders: list[Path], n: int, path: Path, *, with_dates: bool = False) -> int:
    """Write `n` articles from the `.txt` files in `folders`; return the number of distinct texts.

    With `with_dates`, each record also carries the date and outlet of its file name.
    """
    files = [p for f in folders for p in sorted(f.glob("*.txt"))]
    if not files:
        raise SystemExit(f"no .txt files in {', '.join(map(str, folders))}")
    bodies = [p.read_text(encoding="utf-8") for p in files]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            record = {"id": f"bench-{i}"} | (dated(files[i % len(files)]) if with_dates else {})
            out.write(json.dumps(record | {"text": bodies[i % len(bodies)]}) + "\n")
    return min(n, len(bodies))

"""Events stage cost vs the bare spaCy parse, measured in one run on the same documents.

Usage: python benchmarks/events_speed.py [N]   (N PolNeAR dev articles, default 60; falls back
to the PLOVER example sentences, then to the test fixtures, when the corpus is absent).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import spacy

from dateline.nlp import DEFAULT_MODEL, load, resolve_model
from dateline.stages.events.stage import find_events

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"


def texts(n: int) -> list[str]:
    """Up to n article texts from the corpora (or the fixtures)."""
    folder = SHARED / "polnear" / "dev" / "text"
    if folder.is_dir():
        return [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))[:n]]
    plover = SHARED / "plover" / "PLOVER_GSR_CAMEO.txt"
    if plover.is_file():
        return [x["text"] for x in json.loads(plover.read_text("utf-8")) if x.get("text")][:n]
    return [p.read_text("utf-8") for p in sorted((ROOT / "tests/fixtures/events").glob("*.txt"))]


def main() -> None:
    """Print parse time, events-stage time and their ratio."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    docs_text = texts(n)
    bare = spacy.load(resolve_model(DEFAULT_MODEL), exclude=["senter"])
    start = time.perf_counter()
    parsed = list(bare.pipe(docs_text, batch_size=16))
    parse = time.perf_counter() - start
    tokens = sum(len(d) for d in parsed)

    nlp = load(stages=("entities", "times", "places", "quotes"))
    docs = list(nlp.pipe(docs_text, batch_size=16))
    find_events(docs[0])  # load the lexicons outside the timing
    start = time.perf_counter()
    found = sum(len(find_events(doc)) for doc in docs)
    events = time.perf_counter() - start
    print(f"{len(docs)} docs, {tokens} tokens, {found} events")
    print(f"bare nlp.pipe parse: {parse:.2f} s ({tokens / parse:.0f} tokens/s)")
    print(f"events stage:        {events:.3f} s")
    print(f"ratio events/parse:  {events / parse:.1%}  (budget 7%)")


if __name__ == "__main__":
    main()

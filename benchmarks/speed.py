"""dateline against a bare spaCy `nlp.pipe` on the same texts and model, measured in one run.

Usage:
    python benchmarks/speed.py [PATH ...] [--limit N] [--repeat R] [--stages entities,times,...]

PATH defaults to the PolNeAR dev texts in ../shared/corpora. Prints the time of a bare
`nlp.pipe` (same model, same texts), the time of dateline end to end (blocks, parse, stages,
records and JSON; files are read once beforehand, about 0.1 ms an article), their ratio, and
each dateline component's share of the bare parse. The two alternate chunk by chunk, best of
R repeats, so that other load on the machine hits both alike.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.tokens import Doc

from dateline.analyze import Options, analyze_articles
from dateline.nlp import DEFAULT_MODEL, STAGES, load, resolve_model
from dateline.read import read

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear" / "dev" / "text"


class Timed:
    """A component wrapper that adds the time spent in each call to a shared table."""

    def __init__(self, name: str, proc: Callable[[Doc], Doc], table: dict[str, float]) -> None:
        self.name, self.proc, self.table = name, proc, table

    def __call__(self, doc: Doc) -> Doc:
        start = time.perf_counter()
        doc = self.proc(doc)
        self.table[self.name] += time.perf_counter() - start
        return doc


def main() -> None:
    """Run both pipelines and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT)])
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=8, help="articles per alternation")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--stages", default=",".join(STAGES), help="comma-separated stages to run")
    args = parser.parse_args()

    articles = [a for a in read(args.paths) if a.error is None]
    if args.limit:
        articles = articles[: args.limit]
    texts = [a.text for a in articles]
    tokens = 0
    stages = tuple(s for s in args.stages.split(",") if s)
    bare = spacy.load(resolve_model(args.model), exclude=["senter"])
    nlp = load(args.model, stages)
    table: dict[str, float] = defaultdict(float)
    components = nlp._components  # the benchmark wraps dateline's own components to time them
    for i, (name, proc) in enumerate(components):
        if name.startswith("dateline_"):
            components[i] = (name, Timed(name, proc, table))
    list(bare.pipe(texts[:3]))
    list(analyze_articles(articles[:3], Options(model=args.model, stages=stages)))

    # Alternate the two chunk by chunk, so that other load on the machine hits both alike.
    options = Options(model=args.model, stages=stages)
    chunks = [articles[i : i + args.chunk] for i in range(0, len(articles), args.chunk)]
    best_bare = best_dateline = float("inf")
    best_table: dict[str, float] = {}
    for _ in range(args.repeat):
        table.clear()
        bare_time = dateline_time = 0.0
        tokens = 0
        for chunk in chunks:
            start = time.perf_counter()
            tokens += sum(len(doc) for doc in bare.pipe([a.text for a in chunk], batch_size=16))
            bare_time += time.perf_counter() - start
            start = time.perf_counter()
            for analysis in analyze_articles(iter(chunk), options):
                json.dumps(analysis.to_dict())
            dateline_time += time.perf_counter() - start
        best_bare = min(best_bare, bare_time)
        if dateline_time < best_dateline:
            best_dateline, best_table = dateline_time, dict(table)

    print(
        f"articles: {len(texts)}   tokens: {tokens:,}   model: {args.model}   stages: {','.join(stages)}"
    )
    print(f"bare nlp.pipe     {best_bare:8.2f} s   {tokens / best_bare:8,.0f} tokens/s")
    print(f"dateline          {best_dateline:8.2f} s   {tokens / best_dateline:8,.0f} tokens/s")
    print(f"ratio             {best_dateline / best_bare:8.3f}")
    print("component shares of the bare parse time:")
    for name, seconds in best_table.items():
        print(f"  {name:20s} {seconds:7.3f} s   {100 * seconds / best_bare:5.1f} %")


if __name__ == "__main__":
    main()

"""The cost of text repair (ftfy) and case restoration beside a bare `nlp.pipe`, in one run.

Usage:
    python benchmarks/repair_speed.py [PATH ...] [--limit N] [--repeat R]

PATH defaults to the PolNeAR dev texts in ../shared/corpora (files read as bytes and decoded,
not repaired). Over the same texts, alternating chunk by chunk so that other load on the
machine hits all alike (best of R repeats), it times:

- the bare parse: `nlp.pipe` of the model dateline uses, on the texts as they are;
- repair: `repair.repair` (ftfy) on every text, as the readers run it;
- case check: `case.restore_case` on the ordinary texts (detection only: nothing to restore);
- case restored: `case.restore_case` on lower-cased copies (the model loaded beforehand; its
  one-off load time is printed apart), against a bare parse of the same lower-cased copies;

and prints each as a share of its bare parse.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from dateline.case import restore_case, truecaser
from dateline.nlp import DEFAULT_MODEL, resolve_model
from dateline.read import decode, expand
from dateline.repair import repair

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear" / "dev" / "text"


def timed(function, items) -> float:  # noqa: ANN001
    """Seconds to run `function` over every item."""
    start = time.perf_counter()
    for item in items:
        function(item)
    return time.perf_counter() - start


def main() -> None:
    """Time the steps and print their shares of the bare parse."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT)])
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=8, help="articles per alternation")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()

    files = [file for path in args.paths for file, _ in expand(path)]
    texts = [decode(file.read_bytes(), file.name) for file in files]
    if args.limit:
        texts = texts[: args.limit]
    lowered = [t.lower() if len(t.lower()) == len(t) else t for t in texts]
    nlp = spacy.load(resolve_model(args.model), exclude=["senter"])
    start = time.perf_counter()
    truecaser()
    load = time.perf_counter() - start
    restore_case(lowered[0])  # the lexicons, once

    def parse(chunk: list[str]) -> None:
        for _ in nlp.pipe(chunk, batch_size=16):
            pass

    steps = {
        "bare parse": (parse, texts, True),
        "repair (ftfy)": (repair, texts, False),
        "case check": (restore_case, texts, False),
        "bare parse, lower-cased": (parse, lowered, True),
        "case restored, lower-cased": (restore_case, lowered, False),
    }
    best = dict.fromkeys(steps, float("inf"))
    for _ in range(args.repeat):
        found = dict.fromkeys(steps, 0.0)
        for i in range(0, len(texts), args.chunk):
            for name, (function, items, whole) in steps.items():
                chunk = items[i : i + args.chunk]
                found[name] += timed(function, [chunk] if whole else chunk)
        best = {name: min(best[name], found[name]) for name in steps}
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    print(f"{len(texts)} articles, {tokens:,} tokens; case model loaded once in {load:.1f} s")
    for name, seconds in best.items():
        base = best["bare parse, lower-cased" if "lower" in name else "bare parse"]
        print(f"{name:28} {seconds:8.3f} s  {100 * seconds / base:6.2f} % of its bare parse")


if __name__ == "__main__":
    main()

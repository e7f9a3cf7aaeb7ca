"""Cost of the times stage beside the spaCy parse, measured in one run on the same articles.

    python benchmarks/times_speed.py [--path ../shared/corpora/timeml] [--n 120]

Prints the bare `nlp.pipe` time, the times stage time over the same Docs (with their DCTs),
and the ratio; the stage may cost at most 5% of the parse.
"""

from __future__ import annotations

import argparse
import time

from dateline.evaluate.times import find_corpus, read_corpus
from dateline.nlp import load, make_doc
from dateline.stages.times.stage import find_times, grammar


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--path", default=None, help="TimeML folder (default: the shared corpus).")
    parser.add_argument("--n", type=int, default=120, help="How many documents.")
    args = parser.parse_args()
    articles = list(read_corpus([find_corpus(args.path)]))[: args.n]

    nlp = load(stages=())
    list(nlp.pipe(a.text for a in articles[:3]))  # warm up
    start = time.perf_counter()
    grammar()
    load_s = time.perf_counter() - start

    start = time.perf_counter()
    docs = list(nlp.pipe((make_doc(nlp, a.text, a.dct) for a in articles), batch_size=16))
    parse_s = time.perf_counter() - start
    start = time.perf_counter()
    found = sum(len(find_times(doc)) for doc in docs)
    stage_s = time.perf_counter() - start

    tokens = sum(len(doc) for doc in docs)
    print(f"documents {len(docs)}, tokens {tokens}, times found {found}")
    print(f"word tables and grammar load   {load_s * 1000:8.1f} ms (once per process)")
    print(f"bare nlp.pipe                  {parse_s:8.2f} s  ({tokens / parse_s:,.0f} tokens/s)")
    print(f"times stage                    {stage_s:8.2f} s")
    print(f"ratio stage / parse            {stage_s / parse_s:8.1%}")


if __name__ == "__main__":
    main()

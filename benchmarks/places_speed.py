"""Cost of the places stage beside the spaCy parse, measured in one run on the same articles.

    python benchmarks/places_speed.py [--corpus lgl|gwn|geovirus] [--n 150]

Prints the gazetteer load time (opening the cached index; building it when absent is timed
separately), the bare `nlp.pipe` time, the places stage time over the same Docs, and the ratio.
Parse and stage alternate batch by batch, so that other load on the machine hits both alike;
the stage's lookup caches start cold.
"""

from __future__ import annotations

import argparse
import time

from dateline.evaluate.places import default_path, read_corpus
from dateline.nlp import load
from dateline.stages.places import gazetteer
from dateline.stages.places.stage import find_places


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default="lgl", choices=["lgl", "gwn", "geovirus"])
    parser.add_argument("--n", type=int, default=150)
    args = parser.parse_args()
    texts = [a.text for a in read_corpus(args.corpus, default_path(args.corpus))[: args.n]]

    built = gazetteer.index_path().exists()
    start = time.perf_counter()
    gazetteer.ensure_index()
    build_s = time.perf_counter() - start
    start = time.perf_counter()
    gaz = gazetteer.Gazetteer()
    gaz.lookup("Kyiv")
    load_s = time.perf_counter() - start

    nlp = load(stages=())
    list(nlp.pipe(texts[:5]))  # warm up the model
    # Parse and stage alternate batch by batch, so that load on the shared machine hits both.
    parse_s = stage_s = 0.0
    found = 0
    docs = []
    for begin in range(0, len(texts), 16):
        start = time.perf_counter()
        batch = list(nlp.pipe(texts[begin : begin + 16], batch_size=16))
        parse_s += time.perf_counter() - start
        for doc in batch:
            doc._.entities = []
        start = time.perf_counter()
        found += sum(len(find_places(doc, gaz)) for doc in batch)
        stage_s += time.perf_counter() - start
        docs.extend(batch)
    tokens = sum(len(doc) for doc in docs)
    print(f"articles {len(docs)}, tokens {tokens}, places {found}")
    if not built:
        print(f"gazetteer index built in {build_s:.1f} s (first use only)")
    print(f"gazetteer load (open cached index + first lookup): {load_s * 1000:.1f} ms")
    print(f"bare nlp.pipe: {parse_s:.2f} s ({tokens / parse_s:.0f} tokens/s)")
    print(f"places stage:  {stage_s:.2f} s")
    print(f"ratio stage/parse: {stage_s / parse_s:.1%}")


if __name__ == "__main__":
    main()

"""Ingest throughput against a bare spaCy `nlp.pipe` over the same texts, measured in one run.

Usage: python benchmarks/ingest_speed.py [--n 168] [--texts DIR] [--model en_core_web_sm]

Prints articles/s for: the bare model (`nlp.pipe`, no dateline components), the dateline pipeline
without the store (`analyze_articles`), `ingest --workers 1` and `ingest --workers 2`, with ratios.
The texts are repeated under new ids up to --n articles. The pipelines are loaded before the
clock starts, except inside the `--workers 2` processes, whose start-up is counted. The runs go
forward then backward and each one's best time is kept, as the machine's load drifts.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import spacy
from corpus import write_corpus  # benchmarks/ is on sys.path when a script runs

from dateline.analyze import Options, analyze_articles
from dateline.nlp import load, resolve_model
from dateline.read import read
from dateline.store.ingest import IngestOptions, ingest

DEFAULT_TEXTS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear" / "dev" / "text"
)


def timed(label: str, run, n: int) -> float:  # noqa: ANN001
    """Run, print articles/s, return seconds."""
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    print(f"{label:<34} {seconds:7.1f} s  {n / seconds:6.2f} articles/s", flush=True)
    return seconds


def main() -> None:
    """Run the comparison and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=168)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--rounds", type=int, default=2, help="1: each once; 2: forward and back")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "bench.jsonl"
        write_corpus([args.texts], args.n, path)
        texts = [a.text for a in read([str(path)])]
        words = sum(len(t.split()) for t in texts)
        print(f"{args.n} articles, {words:,} words, model {args.model}")

        bare = spacy.load(resolve_model(args.model), exclude=["senter"])
        load(args.model)  # the dateline pipeline, loaded before the clock starts

        def bare_pipe() -> None:
            for _ in bare.pipe(texts, batch_size=16):
                pass

        def pipeline() -> None:
            for _ in analyze_articles(read([str(path)]), Options(model=args.model)):
                pass

        runs = {
            "bare nlp.pipe": bare_pipe,
            "dateline pipeline (no store)": pipeline,
            "ingest --workers 1": lambda: ingest(
                [str(path)],
                folder / f"w1-{time.time_ns()}.db",
                IngestOptions(model=args.model, workers=1),
            ),
            "ingest --workers 2 (incl. start-up)": lambda: ingest(
                [str(path)],
                folder / f"w2-{time.time_ns()}.db",
                IngestOptions(model=args.model, workers=2),
            ),
        }
        # Forward then backward, keeping each one's best: the machine's load drifts during a run.
        best: dict[str, float] = {}
        for label in [*runs, *reversed(runs)][: len(runs) * args.rounds]:
            seconds = timed(label, runs[label], args.n)
            best[label] = min(best.get(label, seconds), seconds)
        t_bare, t_pipe, t_w1, t_w2 = best.values()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"pipeline / bare                    {t_pipe / t_bare:5.2f}x time")
        print(f"ingest --workers 1 / bare          {t_w1 / t_bare:5.2f}x time  (target <= 1.3)")
        print(
            f"ingest --workers 1 / pipeline      {t_w1 / t_pipe:5.2f}x time  (the store's own cost)"
        )
        print(f"ingest --workers 2 vs bare         {t_bare / t_w2:5.2f}x speed")
        print(f"ingest --workers 2 vs --workers 1  {t_w1 / t_w2:5.2f}x speed  (target >= 1.7)")
        print(f"peak RSS: this process {rss:.0f} MB, largest worker {child:.0f} MB")


if __name__ == "__main__":
    main()

"""Ingest throughput against a bare spaCy `nlp.pipe` over the same texts, measured in one run.

Usage: python benchmarks/ingest_speed.py [--n 168] [--texts DIR] [--model en_core_web_sm]

Prints articles/s for: the bare model (`nlp.pipe`, no dateline components), the dateline pipeline
without the store (`analyze_articles`), `ingest --workers 1` and `ingest --workers 2`, with ratios.
The texts are repeated under new ids up to --n articles. The pipelines are loaded before the
clock starts, except inside the `--workers 2` processes, whose start-up is counted (and printed).
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import spacy

from dateline.analyze import Options, analyze_articles
from dateline.nlp import load, resolve_model
from dateline.read import read
from dateline.store.ingest import IngestOptions, ingest

DEFAULT_TEXTS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear" / "dev" / "text"
)


def corpus(texts: Path, n: int, folder: Path) -> Path:
    """Write `n` articles (the texts, repeated under new ids) as JSONL."""
    bodies = [p.read_text(encoding="utf-8") for p in sorted(texts.glob("*.txt"))]
    if not bodies:
        raise SystemExit(f"no .txt files in {texts}")
    path = folder / "bench.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"bench-{i}", "text": bodies[i % len(bodies)]}) + "\n")
    return path


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
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = corpus(args.texts, args.n, folder)
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

        t_bare = timed("bare nlp.pipe", bare_pipe, args.n)
        t_pipe = timed("dateline pipeline (no store)", pipeline, args.n)
        t_w1 = timed(
            "ingest --workers 1",
            lambda: ingest(
                [str(path)], folder / "w1.db", IngestOptions(model=args.model, workers=1)
            ),
            args.n,
        )
        t_w2 = timed(
            "ingest --workers 2 (incl. start-up)",
            lambda: ingest(
                [str(path)], folder / "w2.db", IngestOptions(model=args.model, workers=2)
            ),
            args.n,
        )
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

"""`ingest --workers 2` against `--workers 1` on a larger corpus, with and without start-up.

Usage: python benchmarks/ingest_workers_speed.py [--n 600] [--texts DIR] [--model en_core_web_sm]
       [--workers 1 2] [--rounds 2]

Writes --n articles (the texts under new ids, repeated only when --n exceeds them) to a temporary
JSONL file. Each run is a fresh Python process that imports dateline and calls `ingest` into a new
database, as `dateline ingest FILE --workers N --quiet` does, so every run pays its own pipeline
load (in-process for one worker, in each worker process for two or more). For each run it prints:

- `total`: wall time from the call to `ingest` to its return, start-up included;
- `steady`: articles/s between the 10% and the 100% progress marks, which leaves out start-up;
- CPU seconds of the parent (reader + writer) and of the workers, and the 1-minute load average
  before and after, so a run on a busy machine shows as such.

The runs go forward then backward (1, 2, 2, 1) and each one's best time is kept.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import write_corpus  # benchmarks/ is on sys.path when a script runs

DEFAULT_TEXTS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear" / "train" / "text"
)


def child(path: str, db: str, workers: int, model: str, n: int) -> None:
    """One timed run in this process; prints a JSON line."""
    from dateline.store.ingest import IngestOptions, ingest

    marks: list[tuple[float, int]] = []
    load = os.getloadavg()[0]
    start = time.perf_counter()
    stats = ingest(
        [path],
        db,
        IngestOptions(model=model, workers=workers),
        progress=lambda s: marks.append((time.perf_counter(), s.done)),
    )
    end = time.perf_counter()
    first = next((t, d) for t, d in marks if d >= n // 10)
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "total": end - start,
                "first_result": next(t for t, d in marks if d > 0) - start,
                "steady_rate": (stats.done - first[1]) / (end - first[0]),
                "added": stats.added,
                "errors": stats.errors,
                "parent_cpu": me.ru_utime + me.ru_stime,
                "workers_cpu": kids.ru_utime + kids.ru_stime,
                "load_before": load,
                "load_after": os.getloadavg()[0],
            }
        )
    )


def main() -> None:
    """Run the comparison and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=2, help="1: each once; 2: forward and back")
    parser.add_argument(
        "--child", nargs=3, metavar=("JSONL", "DB", "WORKERS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]), args.model, args.n)
        return

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        distinct = write_corpus([args.texts], args.n, path)
        print(
            f"{args.n} articles ({distinct} distinct texts), model {args.model}, {os.cpu_count()} cores"
        )
        best: dict[int, dict[str, float]] = {}
        order = [*args.workers, *reversed(args.workers)][: len(args.workers) * args.rounds]
        for i, workers in enumerate(order):
            db = Path(tmp) / f"run{i}.db"
            out = subprocess.run(
                [sys.executable, __file__, "--n", str(args.n), "--model", args.model,
                 "--child", str(path), str(db), str(workers)],
                check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            run = json.loads(out.strip().splitlines()[-1])
            print(
                f"--workers {workers}: total {run['total']:6.1f} s "
                f"({args.n / run['total']:5.2f} articles/s), first result at "
                f"{run['first_result']:4.1f} s, steady {run['steady_rate']:5.2f} articles/s; "
                f"CPU parent {run['parent_cpu']:5.1f} s, workers {run['workers_cpu']:5.1f} s; "
                f"load {run['load_before']:.2f} -> {run['load_after']:.2f}",
                flush=True,
            )
            if run["added"] != args.n:
                print(f"  warning: {run['added']} added, {run['errors']} errors")
            old = best.get(workers)
            best[workers] = {
                "total": min(run["total"], old["total"]) if old else run["total"],
                "steady": max(run["steady_rate"], old["steady"]) if old else run["steady_rate"],
            }
        base = best[min(best)]
        for workers in sorted(best)[1:]:
            b = best[workers]
            print(
                f"--workers {workers} vs --workers {min(best)}: "
                f"{base['total'] / b['total']:.2f}x with start-up, "
                f"{b['steady'] / base['steady']:.2f}x without (target >= 1.7)"
            )


if __name__ == "__main__":
    main()

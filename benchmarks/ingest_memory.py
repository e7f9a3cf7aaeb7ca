"""Peak RSS of each ingest worker process as the corpus grows (e.g. 1,000 vs 10,000 articles).

Usage: python benchmarks/ingest_memory.py [--n 1000 10000] [--workers 2] [--texts DIR ...]
       [--model en_core_web_sm]

For each size, writes that many articles to a temporary JSONL file (the texts repeated under new
ids, so none is skipped as a duplicate) and ingests it in a fresh Python process with
`--workers N`. A thread in that process reads `VmHWM` (the kernel's peak resident set) from
`/proc/<pid>/status` of every worker process 4 times a second, so each worker, including the ones
that replace recycled workers, gets its own peak. `ru_maxrss` of the terminated children is
printed as a check (it is the largest single child's peak).

Workers are replaced after `ingest.RECYCLE` chunks (4,000 articles), so no worker process ever
analyses more than that many articles: at 10,000 articles with 2 workers, the first two workers
reach 4,000 each and their replacements handle the rest.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from corpus import write_corpus  # benchmarks/ is on sys.path when a script runs

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear"
DEFAULT_TEXTS = [POLNEAR / "train" / "text", POLNEAR / "dev" / "text"]


def status_kb(pid: int, key: str) -> int | None:
    """One `/proc/<pid>/status` value in kB, or None once the process is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def child(path: str, db: str, workers: int, model: str) -> None:
    """Ingest in this process while sampling the workers' peak RSS; prints a JSON line."""
    from dateline.store.ingest import IngestOptions, ingest

    peaks: dict[int, int] = {}
    seen: dict[int, float] = {}
    stop = threading.Event()
    start = time.monotonic()

    def sample() -> None:
        while not stop.is_set():
            for proc in mp.active_children():
                if proc.pid is None:
                    continue
                hwm = status_kb(proc.pid, "VmHWM")
                if hwm is not None:
                    seen.setdefault(proc.pid, time.monotonic() - start)
                    peaks[proc.pid] = max(peaks.get(proc.pid, 0), hwm)
            stop.wait(0.25)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    stats = ingest([path], db, IngestOptions(model=model, workers=workers))
    stop.set()
    thread.join()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": time.monotonic() - start,
                "added": stats.added,
                "errors": stats.errors,
                "workers": [
                    {"pid": pid, "started": seen[pid], "peak_mb": kb / 1024}
                    for pid, kb in sorted(peaks.items(), key=lambda kv: seen[kv[0]])
                ],
                "children_maxrss_mb": kids / 1024,
                "parent_maxrss_mb": me / 1024,
            }
        )
    )


def main() -> None:
    """Run each size and compare the largest worker peaks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--texts", type=Path, nargs="+", default=DEFAULT_TEXTS)
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--child", nargs=2, metavar=("JSONL", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.workers, args.model)
        return

    results: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.n:
            path = Path(tmp) / f"mem{n}.jsonl"
            distinct = write_corpus(args.texts, n, path)
            out = subprocess.run(
                [sys.executable, __file__, "--workers", str(args.workers), "--model", args.model,
                 "--child", str(path), str(Path(tmp) / f"mem{n}.db")],
                check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            run = json.loads(out.strip().splitlines()[-1])
            if not run["workers"]:  # --workers 1 analyses inline, in the ingest process itself
                run["workers"] = [{"started": 0.0, "peak_mb": run["parent_maxrss_mb"]}]
            peaks = ", ".join(
                f"{w['peak_mb']:.0f} MB (from {w['started']:.0f} s)" for w in run["workers"]
            )
            print(
                f"{n} articles ({distinct} distinct texts), --workers {args.workers}: "
                f"{run['seconds']:.0f} s, {run['added']} added, {run['errors']} errors; "
                f"worker peaks: {peaks}; ru_maxrss children {run['children_maxrss_mb']:.0f} MB, "
                f"parent {run['parent_maxrss_mb']:.0f} MB; load {os.getloadavg()[0]:.2f}",
                flush=True,
            )
            results[n] = max(w["peak_mb"] for w in run["workers"])
            path.unlink()
    if len(results) > 1:
        small, large = min(results), max(results)
        change = results[large] / results[small] - 1
        print(
            f"largest worker peak: {results[small]:.0f} MB at {small}, {results[large]:.0f} MB "
            f"at {large}: {change:+.1%} (target within 10%)"
        )


if __name__ == "__main__":
    main()

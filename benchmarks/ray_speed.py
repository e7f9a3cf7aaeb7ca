"""The Ray engine against the local `ingest --workers 2` on the same articles: speed and memory.

Usage: python benchmarks/ray_speed.py [--n 1000] [--texts DIR] [--order local ray ray local idle]
       [--cpus 2] [--batch-size 32]

Writes --n articles (the PolNeAR train texts under new ids, repeated to reach --n; the date and
outlet come from the file name) to a temporary JSONL file. Each run is a fresh Python process:

- `local`: `ingest([jsonl], db, IngestOptions(workers=CPUS))`, as `dateline ingest --workers 2`;
- `ray`: `ray.init(num_cpus=CPUS)`, timed on its own (Ray's start-up), then
  `ingest_ray([jsonl], out, ScaleOptions(actors=CPUS))`, as `dateline ingest --engine ray`, and
  then, timed apart, `load` of the dataset into a store (what the local engine's writer does as
  it goes).

For each run it prints the wall time from the call to its return (start-up of the workers or
actors included, `ray.init` not), the time to the first analysed article, the steady rate (articles/s
between the 10% and 100% marks) and, from `/proc/<pid>/status` read 4 times a second, the peak
resident set (`VmHWM`), the peak private memory (`RssAnon`) and the peak shared memory
(`RssShmem`: Ray's object store, were an actor to map it) of each worker process or actor. What
`VmHWM` holds beyond the two is file-backed, mostly shared libraries (Ray's, Arrow's). The engines
alternate in one invocation, so both see the same machine load; the load average is printed.
`idle` measures a spawned worker and a Ray Data actor that load nothing, the fixed cost of each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from corpus import write_corpus  # benchmarks/ is on sys.path when a script runs
from ingest_memory import status_kb

DEFAULT_TEXTS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear" / "train" / "text"
)


def command_line(pid: int) -> str:
    """A process's command line, or '' once it is gone."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def parent(pid: int) -> int:
    """A process's parent pid, or 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return int(handle.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def sampler(match: Callable[[int, str], bool]) -> tuple[dict[int, dict[str, int]], threading.Event]:
    """Sample peak VmHWM and RssAnon of matching processes 4 times a second until set."""
    peaks: dict[int, dict[str, int]] = {}
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            for name in os.listdir("/proc"):
                if not name.isdigit() or not match(int(name), command_line(int(name))):
                    continue
                pid = int(name)
                entry = peaks.setdefault(pid, {"hwm": 0, "anon": 0, "shmem": 0})
                for key, field in (("hwm", "VmHWM"), ("anon", "RssAnon"), ("shmem", "RssShmem")):
                    entry[key] = max(entry[key], status_kb(pid, field) or 0)
            stop.wait(0.25)

    threading.Thread(target=run, daemon=True).start()
    return peaks, stop


class Idle:
    """A Ray Data actor that does nothing: what an actor costs before the pipeline is loaded."""

    def __call__(self, batch: object) -> object:
        """Pass the batch on."""
        return batch


def idle() -> None:
    """Peak memory of a spawned worker and of a Ray Data actor that load nothing; a JSON line."""
    import multiprocessing as mp

    import ray

    workers, stop = sampler(lambda pid, cmd: "spawn_main" in cmd and parent(pid) == os.getpid())
    with mp.get_context("spawn").Pool(1) as pool:
        pool.apply(time.sleep, (2,))
    stop.set()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    actors, stop = sampler(lambda pid, cmd: cmd.startswith("ray::MapWorker"))
    items = ray.data.from_items([{"x": i} for i in range(8)])  # no read task to wait for a CPU
    compute = ray.data.ActorPoolStrategy(size=1)
    items.map_batches(Idle, batch_size=4, batch_format="pyarrow", compute=compute).materialize()
    time.sleep(1)
    stop.set()
    ray.shutdown()
    found = {
        kind: {k: max(p[k] for p in peaks.values()) / 1024 for k in ("hwm", "anon")}
        for kind, peaks in (("worker", workers), ("actor", actors))
    }
    print(json.dumps({"engine": "idle", **found}))


def child(engine: str, path: str, tmp: str, cpus: int, batch_size: int, n: int) -> None:
    """One timed run in this process; prints a JSON line."""
    if engine == "idle":
        idle()
        return
    marks: list[tuple[float, int]] = []
    load_before = os.getloadavg()[0]
    init = 0.0
    if engine == "local":
        from dateline.store.ingest import IngestOptions, ingest

        peaks, stop = sampler(lambda pid, cmd: "spawn_main" in cmd and parent(pid) == os.getpid())
        start = time.perf_counter()
        ingest(
            [path], Path(tmp) / "local.db", IngestOptions(workers=cpus),
            progress=lambda s: marks.append((time.perf_counter(), s.done)),
        )  # fmt: skip
    else:
        import ray

        from dateline.scale import ScaleOptions, ingest_ray

        begin = time.perf_counter()
        ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False)
        init = time.perf_counter() - begin
        peaks, stop = sampler(lambda pid, cmd: cmd.startswith("ray::MapWorker"))
        start = time.perf_counter()
        ingest_ray(
            [path], str(Path(tmp) / "dataset"),
            ScaleOptions(actors=cpus, batch_size=batch_size, overwrite=True),
            progress=lambda s: marks.append((time.perf_counter(), s.done)),
        )  # fmt: skip
    end = time.perf_counter()
    stop.set()
    time.sleep(0.3)
    load_s = 0.0
    if engine == "ray":
        ray.shutdown()
        from dateline.scale import load

        begin = time.perf_counter()
        load(str(Path(tmp) / "dataset"), Path(tmp) / "loaded.db")
        load_s = time.perf_counter() - begin
    first = next(t for t, d in marks if d > 0)
    tenth = next((t, d) for t, d in marks if d >= n // 10)
    print(
        json.dumps(
            {
                "engine": engine,
                "ray_init": init,
                "load": load_s,
                "total": end - start,
                "first_result": first - start,
                "steady_rate": (marks[-1][1] - tenth[1]) / (end - tenth[0]),
                "done": marks[-1][1],
                "peaks_mb": [
                    {k: p[k] / 1024 for k in ("hwm", "anon", "shmem")} for p in peaks.values()
                ],
                "load_before": load_before,
                "load_after": os.getloadavg()[0],
            }
        )
    )


def main() -> None:
    """Alternate the engines in one invocation and print each run and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--order", nargs="+", default=["local", "ray", "ray", "local", "idle"])
    parser.add_argument("--cpus", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument(
        "--child", nargs=3, metavar=("ENGINE", "JSONL", "TMP"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        engine, path, tmp = args.child
        child(engine, path, tmp, args.cpus, args.batch_size, args.n)
        return

    runs: dict[str, list[dict]] = {"local": [], "ray": [], "idle": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        distinct = write_corpus([args.texts], args.n, path, with_dates=True)
        print(f"{args.n} articles ({distinct} distinct texts), {args.cpus} CPUs, "
              f"Ray batch size {args.batch_size}; load average {os.getloadavg()[0]:.2f}")  # fmt: skip
        for i, engine in enumerate(args.order):
            work = Path(tmp) / f"run{i}"
            work.mkdir()
            out = subprocess.run(
                [sys.executable, __file__, "--n", str(args.n), "--cpus", str(args.cpus),
                 "--batch-size", str(args.batch_size), "--child", engine, str(path), str(work)],
                check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            run = json.loads(out.strip().splitlines()[-1])
            runs[engine].append(run)
            if engine == "idle":
                print(
                    "idle processes, peak MB VmHWM/RssAnon: spawned worker "
                    f"{run['worker']['hwm']:.0f}/{run['worker']['anon']:.0f}, Ray Data actor "
                    f"{run['actor']['hwm']:.0f}/{run['actor']['anon']:.0f}",
                    flush=True,
                )
                continue
            memory = ", ".join(
                f"{p['hwm']:.0f}/{p['anon']:.0f}/{p.get('shmem', 0):.0f}" for p in run["peaks_mb"]
            )
            init = (
                f"ray.init {run['ray_init']:.1f} s, load {run['load']:.1f} s, "
                if engine == "ray"
                else ""
            )
            print(
                f"{engine:5}: {init}total {run['total']:.1f} s, first article {run['first_result']:.1f} s, "
                f"steady {run['steady_rate']:.2f} articles/s ({run['done']} done); peak MB per "
                f"process VmHWM/RssAnon/RssShmem: {memory}; load {run['load_before']:.2f} -> "
                f"{run['load_after']:.2f}",
                flush=True,
            )  # fmt: skip
    best = {e: max(runs[e], key=lambda r: r["steady_rate"]) for e in ("local", "ray") if runs[e]}
    if len(best) == 2:
        local, ray = best["local"], best["ray"]
        fastest = {e: min(r["total"] for r in runs[e]) for e in best}
        hwm = {e: max(p["hwm"] for r in runs[e] for p in r["peaks_mb"]) for e in best}
        anon = {e: max(p["anon"] for r in runs[e] for p in r["peaks_mb"]) for e in best}
        print(
            f"steady throughput ray/local: {ray['steady_rate'] / local['steady_rate']:.2f} "
            f"({ray['steady_rate']:.2f} vs {local['steady_rate']:.2f} articles/s, best of each)"
        )
        print(
            f"wall time incl. worker/actor start-up, ray/local throughput: "
            f"{fastest['local'] / fastest['ray']:.2f} ({fastest['ray']:.1f} s vs "
            f"{fastest['local']:.1f} s); ray.init itself: "
            + ", ".join(f"{r['ray_init']:.1f} s" for r in runs["ray"])
        )
        print(
            f"peak memory per process, actor vs worker: VmHWM {hwm['ray']:.0f} vs "
            f"{hwm['local']:.0f} MB ({hwm['ray'] / hwm['local'] - 1:+.1%}); RssAnon "
            f"{anon['ray']:.0f} vs {anon['local']:.0f} MB ({anon['ray'] / anon['local'] - 1:+.1%})"
        )
        if runs["idle"]:
            base = runs["idle"][-1]
            ray_own = anon["ray"] - base["actor"]["anon"]
            local_own = anon["local"] - base["worker"]["anon"]
            print(
                f"RssAnon above an idle process of the same kind (the pipeline and its data): "
                f"actor {ray_own:.0f} vs worker {local_own:.0f} MB ({ray_own / local_own - 1:+.1%})"
            )


if __name__ == "__main__":
    main()

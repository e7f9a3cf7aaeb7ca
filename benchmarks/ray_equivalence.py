"""The Ray engine and the local ingest on the same 500 PolNeAR articles: the same records?

Usage: python benchmarks/ray_equivalence.py [--n 500] [--texts DIR] [--cpus 2]

Writes the first --n PolNeAR train texts, in date order, with the date and outlet from the file
name, to a JSONL file; ingests it with the local engine (`--workers CPUS`) into one store, and with
the Ray engine (a local `ray.init(num_cpus=CPUS)`) into a Parquet dataset that `load` imports into a
second store. It then compares, article by article, every field of the JSON contract as the dataset
gives it back with the local store's `show()`, and every table of the two stores row by row (row ids
replaced by what they point to, as tests/test_scale.py does). A check too slow for the test suite.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from corpus import dated  # benchmarks/ is on sys.path when a script runs

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = ROOT.parent / "shared" / "corpora" / "polnear" / "train" / "text"


def corpus(texts: Path, n: int, path: Path) -> int:
    """Write the first `n` texts in date order as JSONL; returns how many were written."""
    files = sorted(texts.glob("*.txt"), key=lambda f: (f.name.split("_")[1], f.name))[:n]
    if not files:
        raise SystemExit(f"no .txt files in {texts}")
    with path.open("w", encoding="utf-8") as out:
        for file in files:
            record = {"id": file.stem} | dated(file)
            out.write(json.dumps(record | {"text": file.read_text(encoding="utf-8")}) + "\n")
    return len(files)


def main() -> None:
    """Run both engines and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--cpus", type=int, default=2)
    args = parser.parse_args()

    import ray

    sys.path.insert(0, str(ROOT))
    from dateline.scale import ScaleOptions, ingest_ray, load, read_dataset
    from dateline.store import Store
    from dateline.store.ingest import IngestOptions, ingest
    from tests.test_scale import copies, snapshot

    with tempfile.TemporaryDirectory() as tmp:
        path, local_db, ray_db = Path(tmp) / "c.jsonl", Path(tmp) / "l.db", Path(tmp) / "r.db"
        n = corpus(args.texts, args.n, path)
        start = time.perf_counter()
        local = ingest([str(path)], local_db, IngestOptions(workers=args.cpus))
        local_s = time.perf_counter() - start
        ray.init(num_cpus=args.cpus, include_dashboard=False, log_to_driver=False)
        try:
            start = time.perf_counter()
            run = ingest_ray([str(path)], str(Path(tmp) / "ds"), ScaleOptions(actors=args.cpus))
            ray_s = time.perf_counter() - start
        finally:
            ray.shutdown()
        loaded = load(str(Path(tmp) / "ds"), ray_db)
        print(
            f"{n} articles: local ingest --workers {args.cpus}: {local.added} added, "
            f"{local.errors} errors ({local_s:.0f} s); ray: {run.added} analysed, {run.errors} "
            f"errors ({ray_s:.0f} s); load: {loaded.added} added, {loaded.errors} errors"
        )

        store = Store(local_db)
        same = compared = fields = 0
        differ: dict[str, int] = {}
        for _, _, _, _, analysis in read_dataset(str(Path(tmp) / "ds")):
            if analysis.error is not None:
                continue
            ray_dict, local_dict = analysis.to_dict(), store.show(analysis.id).to_dict()
            compared += 1
            bad = [k for k in local_dict if ray_dict.get(k) != local_dict[k]]
            bad += [k for k in ray_dict if k not in local_dict]
            fields += len(local_dict)
            for key in bad:
                differ[key] = differ.get(key, 0) + 1
            same += not bad
        store.close()
        print(
            f"records: {same} of {compared} articles identical in every field "
            f"({fields} top-level fields compared); fields that differ: {differ or 'none'}"
        )

        ray_tables, local_tables = snapshot(ray_db), snapshot(local_db)
        pairs = (copies(ray_tables), copies(local_tables))
        equal = [t for t in local_tables if ray_tables.get(t) == local_tables[t]]
        unequal = [t for t in local_tables if t not in equal]
        rows = sum(len(v) for v in local_tables.values())
        print(
            f"stores: {len(equal)} of {len(local_tables)} tables equal row by row ({rows} rows); "
            f"differ: {unequal or 'none'}; wire-copy pairs equal: {pairs[0] == pairs[1]} "
            f"({len(pairs[1])} pairs)"
        )


if __name__ == "__main__":
    main()

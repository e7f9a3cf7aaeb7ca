"""Crash safety and concurrency: kill -9 an ingest at random points, read while it writes."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.store import Store
from dateline.store.ingest import IngestOptions, ingest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"
KILLS = int(os.environ.get("DATELINE_CRASH_KILLS", "3"))  # the 20: DATELINE_CRASH_KILLS=20
COUNTED = (
    "articles",
    "errors",
    "blocks",
    "entities",
    "mentions",
    "quotes",
    "times",
    "places",
    "events",
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 distinct short wire stories (the fixtures with a numbered local paragraph) and a bad line."""
    bases = [p.read_text() for p in sorted(FIXTURES.glob("*.txt"))]
    path = tmp_path_factory.mktemp("corpus") / "stories.jsonl"
    with path.open("w") as out:
        for n in range(40):
            text = bases[n % len(bases)].rstrip() + (
                f"\n\nIn district {n}, officials said {n * 7 + 3} households had lost power, "
                f'and a local councillor said: "We counted {n + 2} damaged roofs by noon."\n'
            )
            out.write(json.dumps({"id": f"story-{n}", "text": text}) + "\n")
            if n == 20:
                out.write("{not json\n")
    return path


@pytest.fixture(scope="module")
def expected(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Row counts after one uninterrupted in-process ingest."""
    from dateline.nlp import load

    load()
    db = tmp_path_factory.mktemp("baseline") / "baseline.db"
    ingest([str(corpus)], db, IngestOptions(workers=1))
    return table_counts(db)


def table_counts(db: Path) -> dict[str, int]:
    with Store(db) as store:
        counts = store.counts()
        keys = store.conn.execute("SELECT COUNT(DISTINCT id) FROM articles").fetchone()[0]
        bare = store.conn.execute(
            "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM blocks b WHERE b.article = a.article)"
        ).fetchone()[0]
    assert bare == 0, "an article was stored without its records"
    assert keys == counts["articles"], "an article was stored twice"
    return {name: counts[name] for name in COUNTED}


def start(corpus: Path, db: Path, workers: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-c",
        "from dateline.cli import run; run()",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--workers",
        str(workers),
        "--quiet",
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stored(db: Path) -> int:
    """Articles committed so far, read while the ingest writes."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # the schema is still being created
    finally:
        conn.close()


def test_kill_at_random_points_then_resume_while_reading(
    corpus: Path, expected: dict[str, int], tmp_path: Path
) -> None:
    db = tmp_path / "crash.db"
    rng = random.Random(7)
    kills = 0
    for _ in range(KILLS):
        proc = start(corpus, db, workers=1)
        target = stored(db) + rng.randint(0, 4)
        while proc.poll() is None and stored(db) < target:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.3))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        table_counts(db)  # consistent after every kill
    # The resuming run uses two workers while readers query the store it is writing.
    proc = start(corpus, db, workers=2)
    seen: list[int] = []
    while proc.poll() is None:
        with Store(db) as store:
            seen.append(store.counts()["articles"])
            store.search("drone")
            store.quotes(about="roofs")
        time.sleep(0.05)
    _, stderr = proc.communicate()
    assert proc.returncode == 0, stderr.decode()
    assert kills >= 1 and seen
    assert seen == sorted(seen), "readers saw rows disappear"
    assert table_counts(db) == expected

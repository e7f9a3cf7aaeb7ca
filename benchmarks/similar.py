"""Search by meaning: recall@5 of paraphrase queries beside FTS5, and query time at 10k/100k quotes.

    python benchmarks/similar.py recall --db dev.db        # a store of the PolNeAR dev split
    python benchmarks/similar.py speed --sizes 10000 100000

`recall` reads benchmarks/similar_queries.tsv (queries written for dateline, each naming its
target quote by article id and offsets) and counts a query as found when one of the first five
results is the target quote, a quote overlapping it in the same article, or a carrier of its
statement. FTS5 is scored on the same queries two ways: every word must match (the search box),
and any word may match, ranked by bm25. `speed` builds a synthetic store (random int8 vectors)
and times a query with numpy (what dateline does) and with sqlite-vec's SQL function.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from dateline import embed
from dateline.store import Store, vectors
from dateline.store import statement_queries as sq
from dateline.store.queries import fts_query
from dateline.store.vectors import add_vectors, nearest

HERE = Path(__file__).resolve().parent


def load_queries(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def target_rows(conn: sqlite3.Connection, q: dict[str, str]) -> tuple[set[int], int | None]:
    """Quote rowids that count as the target (overlapping it) and the target's statement."""
    rows = conn.execute(
        "SELECT r.rowid FROM quotes r JOIN articles a ON a.article = r.article WHERE a.id = ? "
        'AND r.start < ? AND r."end" > ?',
        (q["article"], int(q["end"]), int(q["start"])),
    ).fetchall()
    exact = conn.execute(
        "SELECT l.statement FROM quotes r JOIN articles a ON a.article = r.article "
        "JOIN statement_quotes l ON l.quote = r.rowid WHERE a.id = ? AND r.start = ? "
        'AND r."end" = ?',
        (q["article"], int(q["start"]), int(q["end"])),
    ).fetchone()
    return {r[0] for r in rows}, exact[0] if exact else None


def recall(db: str, queries: Path) -> None:
    items = load_queries(queries)
    found = {"meaning": 0, "fts_all_words": 0, "fts_any_word": 0}
    times = []
    with Store(db) as store:
        conn = store.conn
        missing = 0
        for q in items:
            rowids, statement = target_rows(conn, q)
            if not rowids:
                missing += 1
                print("target not in store:", q["article"], q["start"], q["end"])
                continue
            start = time.perf_counter()
            hits = sq.similar(store, q["query"], limit=5)
            times.append(time.perf_counter() - start)
            ids = set()
            for h in hits:
                ids |= {
                    r[0]
                    for r in conn.execute(
                        "SELECT r.rowid FROM quotes r JOIN articles a ON a.article = r.article "
                        'WHERE a.id = ? AND r.start = ? AND r."end" = ?',
                        (h.article, h.start, h.end),
                    )
                }
            hit = bool(ids & rowids) or (
                statement is not None and statement in {h.statement for h in hits}
            )
            found["meaning"] += hit
            for name, match in (
                ("fts_all_words", fts_query(q["query"])),
                ("fts_any_word", " OR ".join(fts_query(q["query"]).split(" "))),
            ):
                rows = conn.execute(
                    "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rank LIMIT 5",
                    (match,),
                ).fetchall()
                found[name] += bool({r[0] for r in rows} & rowids)
        total = len(items) - missing
        quotes = conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
    print(f"{total} queries over {quotes} quotes")
    for name, n in found.items():
        print(f"recall@5 {name:14s} {n / total:.3f} ({n}/{total})")
    print(f"median query (embed + search + context) {statistics.median(times) * 1000:.1f} ms")


def synthetic(path: Path, n: int) -> None:
    """A store with n quotes in n/10 articles, random vectors (the search cost does not care)."""
    from dateline.store.schema import connect

    conn = connect(path)
    rng = np.random.default_rng(21)
    conn.execute("BEGIN")
    articles = max(n // 10, 1)
    conn.executemany(
        "INSERT INTO articles (article, hash, id, date, source, text, version, model, ingested) "
        "VALUES (?, ?, ?, ?, ?, 'x', 'v', 'm', 'now')",
        [
            (a, f"h{a}", f"a{a}", f"2024-{1 + a % 12:02d}-01", f"outlet{a % 40}")
            for a in range(1, articles + 1)
        ],
    )
    conn.executemany(
        'INSERT INTO quotes (rowid, article, seq, start, "end", text, kind) '
        "VALUES (?, ?, ?, 0, 1, 'x', 'direct')",
        [(i, 1 + i % articles, i // articles) for i in range(1, n + 1)],
    )
    vectors = rng.standard_normal((n, embed.DIM)).astype(np.float32)
    for i in range(0, n, 10_000):
        rows = [(r, "") for r in range(i + 1, min(i + 10_000, n) + 1)]
        add_vectors(conn, "quote", rows, embed.pack(vectors[i : i + len(rows)]))
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.close()


def speed(sizes: list[int], repeat: int) -> None:
    rng = np.random.default_rng(7)
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "s.db"
            synthetic(path, n)
            conn = sqlite3.connect(path)
            queries = rng.standard_normal((repeat, embed.DIM)).astype(np.float32)
            queries /= np.linalg.norm(queries, axis=1, keepdims=True)
            runs: dict[str, list[float]] = {"numpy": [], "numpy, outlet filter": []}
            for query in queries:
                start = time.perf_counter()
                nearest(conn, query, "quote", k=15)
                runs["numpy"].append(time.perf_counter() - start)
                start = time.perf_counter()
                nearest(
                    conn,
                    query,
                    "quote",
                    "a.source LIKE ?",
                    ["%outlet1%"],
                    k=15,
                    articles_first=True,
                )
                runs["numpy, outlet filter"].append(time.perf_counter() - start)
            # The sign-bit pass against exact scoring of every row: do the top 10 agree?
            saved, agree = vectors.CANDIDATES, []
            for query in queries[:5]:
                fast = {h.rowid for h in nearest(conn, query, "quote", k=10)}
                vectors.CANDIDATES = n
                exact = {h.rowid for h in nearest(conn, query, "quote", k=10)}
                vectors.CANDIDATES = saved
                agree.append(len(fast & exact) / 10)
            print(f"{n:>7} quotes  top-10 shared with exact scoring: {np.mean(agree):.2f}")
            size = path.stat().st_size
            conn.close()
        for name, values in runs.items():
            print(f"{n:>7} quotes  {name:22s} median {statistics.median(values) * 1000:6.1f} ms")
        print(f"{n:>7} quotes  store file {size / n:.0f} bytes per quote (synthetic rows)")
    texts = ["we will not sign any deal that leaves our farmers worse off"]
    embed.embed(texts)
    start = time.perf_counter()
    for _ in range(repeat):
        embed.embed(texts)
    print(f"embedding one query: {(time.perf_counter() - start) / repeat * 1000:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("recall")
    r.add_argument("--db", required=True)
    r.add_argument("--queries", type=Path, default=HERE / "similar_queries.tsv")
    s = sub.add_parser("speed")
    s.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    s.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    if args.command == "recall":
        recall(args.db, args.queries)
    else:
        speed(args.sizes, args.repeat)


if __name__ == "__main__":
    main()

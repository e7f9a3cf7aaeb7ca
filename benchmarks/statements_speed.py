"""What statements and sentence vectors add at ingest, as a share of the bare spaCy parse, one run.

    python benchmarks/statements_speed.py [PATH ...] [--limit N]

PATH defaults to the PolNeAR dev texts. Times a bare `nlp.pipe` over the texts (same model), then
writes dateline's analyses of them into a fresh store and times, inside that write, embedding
the quotes and event evidence (`vectors.embed_article`) and linking statements
(`statements.link_article`). Also prints the store's bytes per quote with and without the new
tables (each copy vacuumed).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

import spacy

from dateline.analyze import Options, analyze_articles
from dateline.nlp import DEFAULT_MODEL, resolve_model
from dateline.read import read
from dateline.store import statements, vectors
from dateline.store.writer import Writer

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear" / "dev" / "text"


def timed(table: dict[str, float], name: str, fn):  # noqa: ANN001, ANN201
    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            table[name] += time.perf_counter() - start

    return wrapper


def size_without(db: Path, tmp: Path) -> tuple[int, int]:
    """Vacuumed sizes of the store and of a copy without the statement and vector tables."""
    full, bare = tmp / "full.db", tmp / "bare.db"
    for target in (full, bare):
        shutil.copy(db, target)
    conn = sqlite3.connect(bare)
    for table in ("statement_quotes", "statements", "vector_blocks"):
        conn.execute(f"DROP TABLE {table}")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    conn = sqlite3.connect(full)
    conn.execute("VACUUM")
    conn.close()
    return full.stat().st_size, bare.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT)])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()
    articles = [a for a in read(args.paths) if a.error is None]
    if args.limit:
        articles = articles[: args.limit]
    nlp = spacy.load(resolve_model(args.model))
    list(nlp.pipe([a.text for a in articles[:4]]))  # warm up
    start = time.perf_counter()
    for _ in nlp.pipe([a.text for a in articles]):
        pass
    parse = time.perf_counter() - start
    analyses = list(analyze_articles(articles, Options(model=args.model)))
    table = {"embed": 0.0, "statements": 0.0, "write": 0.0}
    vectors.embed_article = timed(table, "embed", vectors.embed_article)
    statements.link_article = timed(table, "statements", statements.link_article)
    from dateline import embed

    embed.model()  # loaded once per process, before the clock
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "s.db"
        start = time.perf_counter()
        with Writer(db, model=args.model) as writer:
            for analysis in analyses:
                writer.add(analysis)
        table["write"] = time.perf_counter() - start
        conn = sqlite3.connect(db)
        quotes = conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
        events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        conn.close()
        full, bare = size_without(db, Path(tmp))
    print(f"{len(articles)} articles, {quotes} quotes, {events} events")
    print(f"bare nlp.pipe parse          {parse:8.2f} s")
    print(
        f"store write (all of it)      {table['write']:8.2f} s  {table['write'] / parse:6.1%} of parse"
    )
    print(
        f"  embedding quotes+evidence  {table['embed']:8.2f} s  {table['embed'] / parse:6.1%} of parse"
    )
    print(
        f"  linking statements         {table['statements']:8.2f} s  {table['statements'] / parse:6.1%} of parse"
    )
    print(f"store {full:,} bytes, {bare:,} without statements and vectors: "
          f"{(full - bare) / max(quotes, 1):.0f} bytes per quote added "
          f"({(full - bare) / max(quotes + events, 1):.0f} per quote or event)")  # fmt: skip


if __name__ == "__main__":
    main()

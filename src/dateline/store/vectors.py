"""Sentence vectors in the store (quotes and event evidence) and search by meaning over them.

Vectors are plain BLOB columns (256 int8 bytes each) in ordinary tables, so the store stays one
SQLite file that Datasette and DuckDB open without an extension; a query scores the rows its
filters leave with one numpy matrix product.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dateline import embed

SCHEMA = """
CREATE TABLE quote_vectors (
  quote INTEGER PRIMARY KEY REFERENCES quotes(rowid) ON DELETE CASCADE,
  vector BLOB NOT NULL
);
CREATE TABLE event_vectors (
  event INTEGER PRIMARY KEY REFERENCES events(rowid) ON DELETE CASCADE,
  vector BLOB NOT NULL
);
"""
KINDS = {"quote": ("quotes", "quote_vectors", "quote"), "event": ("events", "event_vectors", "event")}


def add_vectors(
    conn: sqlite3.Connection,
    kind: str,
    rows: Sequence[tuple[int, str]],
    blobs: Sequence[bytes] | None = None,
) -> None:
    """Store vectors for (rowid, text) pairs: the given packed ones, else embedded now."""
    if not rows:
        return
    if blobs is None or len(blobs) != len(rows):
        blobs = embed.pack(embed.embed([text for _, text in rows]))
    _, table, column = KINDS[kind]
    conn.executemany(
        f"INSERT OR REPLACE INTO {table} ({column}, vector) VALUES (?, ?)",
        [(rowid, blob) for (rowid, _), blob in zip(rows, blobs, strict=True)],
    )


def embed_article(
    conn: sqlite3.Connection, article: int, given: dict[str, list[bytes]] | None = None
) -> None:
    """Embed an article's quotes and event evidence (after its records are written).

    `given` holds vectors computed elsewhere (the Ray engine), per kind in record order.
    """
    for kind, (table, _, _) in KINDS.items():
        rows = conn.execute(
            f"SELECT rowid, text FROM {table} WHERE article = ? ORDER BY seq", (article,)
        ).fetchall()
        add_vectors(conn, kind, rows, (given or {}).get(kind))


def backfill(conn: sqlite3.Connection, batch: int = 2048) -> None:
    """Embed every stored quote and event that has no vector yet."""
    for kind, (table, vectors, column) in KINDS.items():
        rows = conn.execute(
            f"SELECT rowid, text FROM {table} WHERE rowid NOT IN (SELECT {column} FROM {vectors})"
        ).fetchall()
        for i in range(0, len(rows), batch):
            add_vectors(conn, kind, rows[i : i + batch])


@dataclass(frozen=True)
class Scored:
    """A record found by meaning: its table row and its cosine similarity to the query."""

    kind: str
    rowid: int
    score: float


def nearest(
    conn: sqlite3.Connection,
    query: np.ndarray,
    kind: str,
    where: str = "1",
    params: Sequence[object] = (),
    k: int = 10,
) -> list[Scored]:
    """The k records of `kind` closest to a unit query vector among rows passing `where`.

    `where` is SQL over the record table `r` and its article `a`.
    """
    table, vectors, column = KINDS[kind]
    sql = (
        f"SELECT v.{column}, v.vector FROM {vectors} v JOIN {table} r ON r.rowid = v.{column} "
        f"JOIN articles a ON a.article = r.article WHERE {where}"
        if where != "1"
        else f"SELECT {column}, vector FROM {vectors}"
    )
    ids: list[int] = []
    blobs: list[bytes] = []
    for rowid, blob in conn.execute(sql, list(params)):
        ids.append(rowid)
        blobs.append(blob)
    if not ids:
        return []
    matrix = np.frombuffer(b"".join(blobs), dtype=np.int8).reshape(len(ids), embed.DIM)
    # Scores on the int8 rows, divided by each row's norm: the cosine with the query.
    raw = matrix @ query.astype(np.float32)
    norms = np.sqrt(np.einsum("ij,ij->i", matrix, matrix, dtype=np.float32))
    scores = np.divide(raw, norms, out=np.zeros_like(raw), where=norms > 0)
    top = np.argsort(-scores, kind="stable")[:k] if len(scores) <= k else None
    if top is None:
        part = np.argpartition(-scores, k)[:k]
        top = part[np.argsort(-scores[part], kind="stable")]
    return [Scored(kind, ids[i], float(scores[i])) for i in top]

"""Sentence vectors in the store (quotes and event evidence) and search by meaning over them.

Vectors (256 int8 bytes each, plus 32 bytes of sign bits) are kept in blocks of BLOCK records:
one ordinary table of BLOB columns, so the store stays one SQLite file that Datasette and DuckDB
open without an extension, and a query reads a few hundred rows instead of one per quote (at
100,000 quotes, reading a row per quote alone took longer than the whole search budget).
A query scores the rows its filters leave: sign bits first, then exact cosine for the best.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dateline import embed

BLOCK = 512  # record rowids per block row: rowid // BLOCK
CANDIDATES = 1000  # rows the sign-bit pass keeps for exact scoring
SCHEMA = """
CREATE TABLE IF NOT EXISTS vector_blocks (
  kind TEXT NOT NULL,
  block INTEGER NOT NULL,
  ids BLOB NOT NULL,
  bits BLOB NOT NULL,
  vectors BLOB NOT NULL,
  UNIQUE (kind, block)
);
"""
KINDS = {"quote": "quotes", "event": "events"}
WIDTH = embed.DIM // 8  # bytes of sign bits per vector


@dataclass
class VectorBlock:
    """One block of vectors: rowids, int8 vectors and their sign bits, in step."""

    ids: np.ndarray
    vectors: np.ndarray
    bits: np.ndarray

    @classmethod
    def empty(cls) -> VectorBlock:
        return cls(
            np.zeros(0, np.int64),
            np.zeros((0, embed.DIM), np.int8),
            np.zeros((0, WIDTH), np.uint8),
        )

    @classmethod
    def read(cls, row: tuple[bytes, bytes, bytes] | None) -> VectorBlock:
        if row is None:
            return cls.empty()
        ids = np.frombuffer(row[0], np.int64)
        return cls(
            ids,
            np.frombuffer(row[1], np.int8).reshape(len(ids), embed.DIM),
            np.frombuffer(row[2], np.uint8).reshape(len(ids), WIDTH),
        )

    def keep(self, mask: np.ndarray) -> VectorBlock:
        return VectorBlock(self.ids[mask], self.vectors[mask], self.bits[mask])


def sign_bits(vectors: np.ndarray) -> np.ndarray:
    """Each vector's signs packed into DIM/8 bytes (a coarse code: Hamming ~ angle)."""
    return np.packbits(vectors > 0, axis=1)


def _write(conn: sqlite3.Connection, kind: str, block: int, data: VectorBlock) -> None:
    if not len(data.ids):
        conn.execute("DELETE FROM vector_blocks WHERE kind = ? AND block = ?", (kind, block))
        return
    conn.execute(
        "INSERT INTO vector_blocks (kind, block, ids, vectors, bits) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (kind, block) DO UPDATE SET ids = excluded.ids, "
        "vectors = excluded.vectors, bits = excluded.bits",
        (kind, block, data.ids.tobytes(), data.vectors.tobytes(), data.bits.tobytes()),
    )


def _read(conn: sqlite3.Connection, kind: str, block: int) -> VectorBlock:
    row = conn.execute(
        "SELECT ids, vectors, bits FROM vector_blocks WHERE kind = ? AND block = ?", (kind, block)
    ).fetchone()
    return VectorBlock.read(row)


def add_vectors(
    conn: sqlite3.Connection,
    kind: str,
    rows: Sequence[tuple[int, str]],
    blobs: Sequence[bytes | None] | None = None,
) -> None:
    """Store vectors for (rowid, text) pairs: the given packed ones, else embedded now."""
    if not rows:
        return
    if blobs is None or len(blobs) != len(rows) or any(b is None for b in blobs):
        blobs = embed.pack(embed.embed([text for _, text in rows]))
    packed = np.frombuffer(b"".join(blobs), np.int8).reshape(len(rows), embed.DIM)  # type: ignore[arg-type]
    ids = np.array([rowid for rowid, _ in rows], np.int64)
    for block in sorted(set((ids // BLOCK).tolist())):
        mine = ids // BLOCK == block
        old = _read(conn, kind, block)
        old = old.keep(~np.isin(old.ids, ids[mine]))
        _write(
            conn,
            kind,
            block,
            VectorBlock(
                np.concatenate([old.ids, ids[mine]]),
                np.concatenate([old.vectors, packed[mine]]),
                np.concatenate([old.bits, sign_bits(packed[mine])]),
            ),
        )


def remove(conn: sqlite3.Connection, kind: str, rowids: Sequence[int]) -> None:
    """Drop the vectors of deleted records."""
    ids = np.array(list(rowids), np.int64)
    for block in sorted(set((ids // BLOCK).tolist())):
        old = _read(conn, kind, block)
        _write(conn, kind, block, old.keep(~np.isin(old.ids, ids)))


def forget_article(conn: sqlite3.Connection, hash_: str, id_: str) -> None:
    """Drop an article's vectors before it is replaced."""
    for kind, table in KINDS.items():
        rows = conn.execute(
            f"SELECT r.rowid FROM {table} r JOIN articles a ON a.article = r.article "
            "WHERE a.hash = ? AND a.id = ?",
            (hash_, id_),
        ).fetchall()
        if rows:
            remove(conn, kind, [r[0] for r in rows])


def embed_article(
    conn: sqlite3.Connection, article: int, given: dict[str, list[bytes]] | None = None
) -> None:
    """Embed an article's quotes and event evidence (after its records are written).

    `given` holds vectors computed elsewhere (the Ray engine), per kind in record order.
    """
    for kind, table in KINDS.items():
        rows = conn.execute(
            f"SELECT rowid, text FROM {table} WHERE article = ? ORDER BY seq", (article,)
        ).fetchall()
        add_vectors(conn, kind, rows, (given or {}).get(kind))


def backfill(conn: sqlite3.Connection, batch: int = 4096) -> None:
    """Embed every stored quote and event (a migration's backfill)."""
    for kind, table in KINDS.items():
        rows = conn.execute(f"SELECT rowid, text FROM {table} ORDER BY rowid").fetchall()
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
    *,
    articles_first: bool = False,
) -> list[Scored]:
    """The k records of `kind` closest to a unit query vector among rows passing `where`.

    `articles_first` walks the articles before their records (filters on articles only).

    `where` is SQL over the record table `r` and its article `a`. A pass over the sign bits
    keeps the CANDIDATES nearest in Hamming distance; those are scored exactly (cosine).
    """
    # The vectors column comes last in each row: reading ids and bits leaves it on disk.
    found = conn.execute(
        "SELECT rowid, ids, bits FROM vector_blocks WHERE kind = ? ORDER BY block", (kind,)
    ).fetchall()
    if not found:
        return []
    ids = np.frombuffer(b"".join(r[1] for r in found), np.int64)
    where_row = np.repeat(
        np.array([r[0] for r in found], np.int64), [len(r[1]) // 8 for r in found]
    )
    starts = np.cumsum([0] + [len(r[1]) // 8 for r in found])[:-1]
    position = np.arange(len(ids)) - np.repeat(starts, [len(r[1]) // 8 for r in found])
    join = (
        "articles a CROSS JOIN {table} r ON r.article = a.article"
        if articles_first
        else "{table} r JOIN articles a ON a.article = r.article"
    )
    if where != "1":
        allowed = np.fromiter(
            (
                r[0]
                for r in conn.execute(
                    f"SELECT r.rowid FROM {join.format(table=KINDS[kind])} WHERE {where}",
                    list(params),
                )
            ),
            np.int64,
        )
        chosen = np.flatnonzero(np.isin(ids, allowed))
    else:
        chosen = np.arange(len(ids))
    if not len(chosen):
        return []
    if len(chosen) > CANDIDATES:
        bits = np.frombuffer(b"".join(r[2] for r in found), np.uint8).reshape(len(ids), WIDTH)
        distance = np.bitwise_count(bits[chosen] ^ np.packbits(query > 0)).sum(axis=1)
        chosen = chosen[np.argpartition(distance, CANDIDATES)[:CANDIDATES]]
    chosen = np.sort(chosen)
    vectors = _vectors_at(conn, where_row[chosen], position[chosen]).astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1)
    raw = vectors @ query.astype(np.float32)
    scores = np.divide(raw, norms, out=np.zeros_like(raw), where=norms > 0)
    top = np.argsort(-scores, kind="stable")[:k]
    return [Scored(kind, int(ids[chosen[i]]), float(scores[i])) for i in top]


def _vectors_at(conn: sqlite3.Connection, rows: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The int8 vectors at (block row, position) pairs, read through SQLite's blob I/O."""
    out = np.empty((len(rows), embed.DIM), np.int8)
    size = embed.DIM
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and rows[j] == rows[i]:
            j += 1
        with conn.blobopen("vector_blocks", "vectors", int(rows[i]), readonly=True) as blob:
            for n in range(i, j):
                blob.seek(int(positions[n]) * size)
                out[n] = np.frombuffer(blob.read(size), np.int8)
        i = j
    return out

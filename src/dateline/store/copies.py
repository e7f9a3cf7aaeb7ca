"""Wire copies: MinHash over body shingles links near-duplicate articles; digests link quotes."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable

import numpy as np

from dateline.read import header_end
from dateline.records import Block

SHINGLE = 5  # words per shingle
BANDS, ROWS = 16, 4  # 64 hash functions in 16 bands of 4: pairs above ~0.6 Jaccard meet
THRESHOLD = 0.6  # estimated Jaccard similarity at which an article is a copy of another
MIN_WORDS = 25  # shorter bodies are not compared: too little text to call a copy
PRIME = (1 << 31) - 1
_RNG = np.random.default_rng(20261126)  # fixed seeds: signatures must agree across runs
_A = _RNG.integers(1, PRIME, BANDS * ROWS, dtype=np.uint64)
_B = _RNG.integers(0, PRIME, BANDS * ROWS, dtype=np.uint64)
WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lower-case words only, so punctuation and curly quotes do not split copies."""
    return " ".join(WORD.findall(text.lower()))


def digest(*parts: object) -> str:
    """A short stable hash of the parts."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.blake2b(joined.encode(), digest_size=8).hexdigest()


def text_digest(text: str | None) -> str:
    """The key that identical quotes share across articles."""
    return digest(normalise(text or ""))


def event_digest(
    type_: str | None, actor: str | None, recipient: str | None, date: str | None, text: str | None
) -> str:
    """The key that the same event reported by several copies shares."""
    return digest(
        type_, normalise(actor or ""), normalise(recipient or ""), date, normalise(text or "")
    )


def body_of(text: str, blocks: Iterable[Block] | None) -> str:
    """The article's body text (body blocks when known, else everything after the header)."""
    parts = [text[b.start : b.end] for b in blocks or () if b.kind == "body"]
    return "\n".join(parts) if parts else text[header_end(text) :]


def signature(body: str) -> np.ndarray | None:
    """The MinHash signature of the body's word shingles; None for very short bodies."""
    words = normalise(body).split()
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    x = np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest()) % PRIME
            for s in shingles
        ),
        dtype=np.uint64,
        count=len(shingles),
    )
    return ((_A[:, None] * x[None, :] + _B[:, None]) % PRIME).min(axis=1).astype(np.uint32)


def band_hashes(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, hash) pairs for locality-sensitive lookup."""
    out = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        out.append((band, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest()) >> 1))
    return out


def link(
    conn: sqlite3.Connection, article: int, text: str, blocks: Iterable[Block] | None
) -> int | None:
    """Index an article's signature and mark it a copy of an earlier near-duplicate; return that."""
    sig = signature(body_of(text, blocks))
    if sig is None:
        return None
    bands = band_hashes(sig)
    found: set[int] = set()
    for band, value in bands:
        found.update(
            r[0]
            for r in conn.execute(
                "SELECT article FROM bands WHERE band = ? AND hash = ? AND article != ?",
                (band, value, article),
            )
        )
    best: tuple[float, int] | None = None
    for other in sorted(found):
        row = conn.execute(
            "SELECT m.signature, a.copy_of FROM minhash m JOIN articles a USING (article) "
            "WHERE m.article = ?",
            (other,),
        ).fetchone()
        if row is None:
            continue
        similar = float(np.mean(np.frombuffer(row[0], dtype=np.uint32) == sig))
        root = row[1] or other
        if similar >= THRESHOLD and (best is None or similar > best[0]):
            best = (similar, root)
    conn.execute("INSERT OR REPLACE INTO minhash VALUES (?, ?)", (article, sig.tobytes()))
    conn.executemany(
        "INSERT INTO bands (band, hash, article) VALUES (?, ?, ?)",
        [(band, value, article) for band, value in bands],
    )
    if best is not None:
        conn.execute("UPDATE articles SET copy_of = ? WHERE article = ?", (best[1], article))
        return best[1]
    return None

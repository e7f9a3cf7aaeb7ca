"""Statements on a real store: how many quotes merge into how many statements, and samples to judge.

    python benchmarks/statements_check.py --db train.db --merges 50 --near 50 --seed 21

Prints the counts, then random merges (a quote that joined a statement carried by another
article, beside the statement's first carrier) and random near-misses (two quotes in different
statements that look alike: the same speaker with close words or meaning, or the same words from
two speakers), for a person to read and judge. It also checks that no statement mixes speakers.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
from difflib import SequenceMatcher

import numpy as np

from dateline import embed
from dateline.store.copies import normalise
from dateline.store.schema import connect

SPEAKER = (
    "SELECT l.statement, q.rowid, a.id, a.source, q.kind, q.text, "
    "COALESCE('p' || e.person, 'n:' || lower(q.speaker_name), 'u') AS who, q.speaker_name "
    "FROM statement_quotes l JOIN quotes q ON q.rowid = l.quote "
    "JOIN articles a ON a.article = q.article "
    "LEFT JOIN entities e ON e.article = q.article AND e.id = q.speaker_entity"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--merges", type=int, default=50)
    parser.add_argument("--near", type=int, default=50)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()
    conn = connect(args.db, create=False)
    rng = random.Random(args.seed)
    rows = conn.execute(SPEAKER).fetchall()
    by_statement: dict[int, list[tuple]] = {}
    for row in rows:
        by_statement.setdefault(row[0], []).append(row)
    quotes = len(rows)
    statements = len(by_statement)
    multi = [s for s, rs in by_statement.items() if len(rs) > 1]
    cross = [s for s in multi if len({r[2] for r in by_statement[s]}) > 1]
    outlets = [s for s in multi if len({r[3] for r in by_statement[s]}) > 1]
    print(f"{quotes} quotes in {statements} statements")
    print(
        f"{len(multi)} statements carry 2+ quotes ({sum(len(by_statement[s]) for s in multi)} quotes)"
    )
    print(f"{len(cross)} statements span 2+ articles "
          f"({sum(len(by_statement[s]) for s in cross)} quotes)")  # fmt: skip
    print(f"{len(outlets)} statements span 2+ outlets")
    mixed = [s for s in multi if len({r[6] for r in by_statement[s]}) > 1]
    print(f"statements mixing two speakers: {len(mixed)}")
    for s in mixed[:10]:
        for r in by_statement[s]:
            print("   MIXED", s, r[6], r[7], r[5][:100])

    # Merges: a quote of another article than the statement's first carrier.
    pairs = []
    for s in cross:
        first = by_statement[s][0]
        for r in by_statement[s][1:]:
            if r[2] != first[2]:
                pairs.append((first, r))
    print(f"\n== {min(args.merges, len(pairs))} random merges across articles (of {len(pairs)}) ==")
    for i, (a, b) in enumerate(rng.sample(pairs, min(args.merges, len(pairs)))):
        match = conn.execute(
            "SELECT match FROM statement_quotes WHERE quote = ?", (b[1],)
        ).fetchone()[0]
        text, source = conn.execute(
            "SELECT s.text, a.id FROM statements s JOIN quotes q ON q.rowid = s.quote "
            "JOIN articles a ON a.article = q.article WHERE s.statement = ?",
            (a[0],),
        ).fetchone()
        print(f"\n[M{i}] statement {a[0]} · {match} · speaker {a[7]!r} / {b[7]!r}")
        print(f"   S {source} (statement's longest form): {text[:400]}")
        print(f"   B {b[2]} ({b[4]}): {b[5][:300]}")

    # Near-misses: pairs in different statements that look alike.
    texts = [r[5] for r in rows]
    vectors = embed.embed(texts)
    words = [normalise(t) for t in texts]
    near = []
    who = [r[6] for r in rows]
    sims = vectors @ vectors.T if len(rows) <= 20000 else None
    order = np.argsort(-sims, axis=1)[:, 1:6] if sims is not None else []
    for i, neighbours in enumerate(order):
        for j in neighbours:
            if j <= i or rows[i][0] == rows[j][0] or rows[i][2] == rows[j][2]:
                continue
            ratio = SequenceMatcher(None, words[i].split(), words[j].split()).ratio()
            same_speaker = who[i] == who[j]
            if (same_speaker and (sims[i, j] > 0.8 or ratio > 0.5)) or (
                not same_speaker and ratio > 0.8
            ):
                near.append((i, int(j), float(sims[i, j]), ratio, same_speaker))
    print(
        f"\n== {min(args.near, len(near))} random near-misses across articles (of {len(near)}) =="
    )
    for k, (i, j, cos, ratio, same) in enumerate(rng.sample(near, min(args.near, len(near)))):
        a, b = rows[i], rows[j]
        print(f"\n[N{k}] cos {cos:.2f} words {ratio:.2f} · {'same speaker' if same else 'two speakers'} "
              f"{a[7]!r} / {b[7]!r} · statements {a[0]} / {b[0]}")  # fmt: skip
        print(f"   A {a[2]} ({a[4]}): {a[5][:300]}")
        print(f"   B {b[2]} ({b[4]}): {b[5][:300]}")
    conn.close()


if __name__ == "__main__":
    sqlite3.enable_callback_tracebacks(True)
    main()

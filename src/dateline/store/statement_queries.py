"""Queries over statements (who said it, where it ran, who had it first) and search by meaning."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dateline.store.queries import PERSONS, Store, add_date_range, like
from dateline.store.schema import StoreError
from dateline.store.statements import article_time


@dataclass(frozen=True)
class StatementRow:
    """One statement: its speaker, longest form, first appearance and how widely it ran."""

    statement: int
    speaker: str | None
    text: str
    first_date: str | None
    first_time: str | None
    first_source: str | None
    first_article: str | None
    carriers: int
    articles: int
    outlets: int
    variants: int
    relays: str | None


@dataclass(frozen=True)
class Carrier:
    """One quote carrying a statement: where and when it ran, in which words, and how it matched."""

    article: str
    date: str | None
    time: str | None
    source: str | None
    title: str | None
    url: str | None
    start: int
    end: int
    text: str
    kind: str
    via: str | None
    match: str
    seq: int


@dataclass(frozen=True)
class Similar:
    """A quote or an event's evidence found by meaning, with its cosine similarity to the query."""

    kind: str
    score: float
    article: str
    date: str | None
    source: str | None
    title: str | None
    start: int
    end: int
    text: str
    who: str | None
    statement: int | None
    outlets: int


STATEMENT_COLUMNS = (
    "s.statement, s.speaker, s.text, s.first_date, s.first_time, s.first_source, "
    "(SELECT id FROM articles WHERE article = s.first_article) AS first_article, "
    "s.carriers, s.articles, s.outlets, s.variants, s.relays"
)


def _speaker_keys(speaker: str) -> tuple[str, list[Any]]:
    """SQL matching statements whose speaker is `speaker` (a person by alias, or the same name)."""
    return (
        f"(s.person IN ({PERSONS}) OR s.speaker LIKE ? ESCAPE '\\')",
        [speaker, like(speaker), like(speaker)],
    )


def statements(
    store: Store,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    min_outlets: int = 1,
    limit: int = 100,
) -> list[StatementRow]:
    """Statements by speaker, first-appearance date range and outlet, widest-carried first."""
    where, params = ["s.outlets >= ?"], [max(min_outlets, 1)]
    if speaker:
        clause, values = _speaker_keys(speaker)
        where.append(clause)
        params += values
    add_date_range(where, params, "s.first_date", since, until)
    if source:
        where.append(
            "s.statement IN (SELECT l.statement FROM statement_quotes l JOIN quotes q ON "
            "q.rowid = l.quote JOIN articles a ON a.article = q.article "
            "WHERE a.source LIKE ? ESCAPE '\\')"
        )
        params.append(like(source))
    sql = (
        f"SELECT {STATEMENT_COLUMNS} FROM statements s WHERE {' AND '.join(where)} "
        "ORDER BY s.outlets DESC, s.carriers DESC, s.first_date, s.statement LIMIT ?"
    )
    rows = _rows(store, sql, [*params, limit])
    return [StatementRow(*row) for row in rows]


def statement(store: Store, number: int) -> tuple[StatementRow, list[Carrier]] | None:
    """One statement with its carriers in date order (time of day, then store order)."""
    rows = _rows(
        store, f"SELECT {STATEMENT_COLUMNS} FROM statements s WHERE statement = ?", [number]
    )
    if not rows:
        return None
    found = _rows(
        store,
        'SELECT a.id, a.date, substr(a.text, 1, 400), a.source, a.title, a.url, q.start, q."end", '
        "q.text, q.kind, q.via, l.match, a.article, q.seq FROM statement_quotes l "
        "JOIN quotes q ON q.rowid = l.quote JOIN articles a ON a.article = q.article "
        "WHERE l.statement = ?",
        [number],
    )
    carriers = sorted(
        (
            (r[1] or "9999", article_time(r[2]) or "99", r[12], r[13]),
            Carrier(r[0], r[1], article_time(r[2]), *r[3:12], r[13]),
        )
        for r in found
    )
    return StatementRow(*rows[0]), [c for _, c in carriers]


def also_in(conn: sqlite3.Connection, quotes: Iterable[int]) -> dict[int, tuple[int, int]]:
    """For quote rowids: (statement, outlets carrying it besides the quote's own article's)."""
    ids = list(quotes)
    if not ids:
        return {}
    try:
        rows = conn.execute(
            "SELECT l.quote, s.statement, s.outlets FROM statement_quotes l "
            f"JOIN statements s USING (statement) WHERE l.quote IN ({','.join('?' * len(ids))})",
            ids,
        ).fetchall()
    except sqlite3.OperationalError:  # a store made before statements existed
        return {}
    return {quote: (number, max(outlets - 1, 0)) for quote, number, outlets in rows}


def similar(
    store: Store,
    text: str,
    *,
    kinds: tuple[str, ...] = ("quote",),
    speaker: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 10,
) -> list[Similar]:
    """Quotes (and event evidence) closest in meaning to `text`, under the usual filters."""
    from dateline import embed
    from dateline.store import vectors

    if not text.strip():
        raise StoreError("similar: give some words to search for")
    query = embed.embed([text])[0]
    scored: list[vectors.Scored] = []
    for kind in kinds:
        where, params = ["1"], []
        if speaker and kind == "quote":
            where.append(
                "r.rowid IN (SELECT q2.rowid FROM entities e JOIN quotes q2 ON q2.article = "
                f"e.article AND q2.speaker_entity = e.id WHERE e.person IN ({PERSONS}) "
                "UNION SELECT rowid FROM quotes WHERE speaker_name LIKE ? ESCAPE '\\')"
            )
            params += [speaker, like(speaker), like(speaker)]
        elif speaker:
            where.append("(r.actor_name LIKE ? ESCAPE '\\' OR r.recipient_name LIKE ? ESCAPE '\\')")
            params += [like(speaker), like(speaker)]
        if source:
            where.append("a.source LIKE ? ESCAPE '\\'")
            params.append(like(source))
        add_date_range(where, params, "a.date", since, until)
        if len(where) > 1:
            where = where[1:]
        try:
            scored += vectors.nearest(
                store.conn,
                query,
                kind,
                " AND ".join(where),
                params,
                k=limit * 3,
                articles_first=not speaker,
            )
        except sqlite3.OperationalError as error:
            raise StoreError(f"{store.path}: {error}") from None
    scored.sort(key=lambda s: -s.score)
    return _describe(store, scored, limit)


def _describe(store: Store, scored: list[Any], limit: int) -> list[Similar]:
    """Article context for the best hits, one per distinct text and article's copy group."""
    out: list[Similar] = []
    seen: set[tuple[str, str]] = set()
    for hit in scored:
        if hit.kind == "quote":
            sql = (
                'SELECT a.id, a.date, a.source, a.title, r.start, r."end", r.text, '
                "r.speaker_name, l.statement, COALESCE(s.outlets, 1), a.copy_of, a.article "
                "FROM quotes r JOIN articles a ON a.article = r.article "
                "LEFT JOIN statement_quotes l ON l.quote = r.rowid "
                "LEFT JOIN statements s ON s.statement = l.statement WHERE r.rowid = ?"
            )
        else:
            sql = (
                'SELECT a.id, a.date, a.source, a.title, r.start, r."end", r.text, '
                "r.type || ': ' || COALESCE(r.actor_name, '?') || ' → ' || "
                "COALESCE(r.recipient_name, '?'), NULL, 1, a.copy_of, a.article "
                "FROM events r JOIN articles a ON a.article = r.article WHERE r.rowid = ?"
            )
        found = _rows(store, sql, [hit.rowid])
        if not found:
            continue  # a vector left behind by a record deleted outside dateline
        row = found[0]
        key = (hit.kind, str(row[8]) if row[8] is not None else f"{row[6]}|{row[10] or row[11]}")
        if key in seen:
            continue  # the same statement, or the same words in a wire copy: shown once
        seen.add(key)
        out.append(Similar(hit.kind, round(hit.score, 4), *row[:10]))
        if len(out) >= limit:
            break
    return out


def _rows(store: Store, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    try:
        return [tuple(r) for r in store.conn.execute(sql, params).fetchall()]
    except sqlite3.OperationalError as error:
        raise StoreError(f"{store.path}: {error}") from None

"""Read-only access to the store for the web app, and the few queries the pages add to Store's."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

from dateline.records import Event, Quote
from dateline.store.queries import Store, add_date_range, build, like
from dateline.store.schema import APPLICATION_ID, SCHEMA_VERSION, StoreError, check

MAX_PAGE = 200  # rows per page, at most
MAX_OFFSET = 10_000  # deeper pages are refused: narrow the filters instead
MAX_POINTS = 20_000  # map points in one answer, at most


class QueryTimeout(StoreError):
    """A query ran past the time limit."""


class ReadOnlyStore(Store):
    """A Store opened read-only (`mode=ro`), whose queries stop after `timeout` seconds."""

    def __init__(self, path: str | Path, timeout: float = 2.0) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError(f"{self.path}: no such database (run `dateline ingest` first)")
        uri = f"file:{url_quote(str(self.path.resolve()))}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            app, version = check(conn, self.path)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a SQLite database or corrupt ({error})") from None
        if app != APPLICATION_ID or version < SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                f"{self.path}: not a current dateline store (run `dateline ingest` on it to upgrade)"
            )
        conn.row_factory = sqlite3.Row
        self.conn = conn
        self.timeout = timeout
        self._deadline = 0.0
        conn.set_progress_handler(self._expired, 20_000)

    def _expired(self) -> int:
        """Progress handler: non-zero aborts the running statement."""
        return int(self._deadline > 0 and time.monotonic() > self._deadline)

    def _rows(self, sql: str, params: list[Any], fts: bool = False) -> list[sqlite3.Row]:
        self._deadline = time.monotonic() + self.timeout
        try:
            return super()._rows(sql, params, fts)
        except StoreError as error:
            if "interrupted" in str(error):
                raise QueryTimeout(f"query took longer than {self.timeout:g} s") from None
            raise
        finally:
            self._deadline = 0.0

    def rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        """Run a query (bound parameters only) and return dict rows."""
        return [dict(r) for r in self._rows(sql, params)]


@dataclass
class Filters:
    """Filters shared by the search, events and API queries (all optional)."""

    speaker: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    country: str | None = None
    extra: list[str] = field(default_factory=list)

    def dates(self, column: str, where: list[str], params: list[Any]) -> None:
        """Add the date range on `column` (a year or month compares as a prefix)."""
        add_date_range(where, params, column, self.since, self.until, ("since", "until"))


def fts_words(text: str) -> str:
    """An FTS5 query matching every word of `text` (each word quoted: no query syntax)."""
    words = [w for w in text.split() if w.strip('"')]
    if not words:
        raise StoreError("empty search")
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def overview(store: ReadOnlyStore) -> dict[str, Any]:
    """Corpus size, date range, outlets and events by type and month."""
    head = store.rows(
        "SELECT COUNT(*) AS articles, MIN(date) AS first, MAX(date) AS last, "
        "COUNT(DISTINCT source) AS sources FROM articles",
        [],
    )[0]
    for table in ("quotes", "events", "people"):
        head[table] = store.rows(f"SELECT COUNT(*) AS n FROM {table}", [])[0]["n"]
    head["by_month"] = store.rows(
        "SELECT substr(COALESCE(ev.date, a.date), 1, 7) AS month, ev.type AS type, COUNT(*) AS n "
        "FROM events ev JOIN articles a ON a.article = ev.article "
        "WHERE COALESCE(ev.date, a.date) IS NOT NULL GROUP BY month, ev.type ORDER BY month",
        [],
    )
    head["speakers"] = store.rows(
        "SELECT p.person, p.name, COUNT(*) AS quotes FROM quotes q "
        "JOIN entities e ON e.article = q.article AND e.id = q.speaker_entity "
        "JOIN people p ON p.person = e.person GROUP BY p.person ORDER BY quotes DESC, p.name LIMIT 10",
        [],
    )
    return head


def search(
    store: ReadOnlyStore, text: str, filters: Filters, limit: int, offset: int
) -> list[dict[str, Any]]:
    """Articles and quotes matching every word of `text`, with marked snippets, filtered."""
    match = fts_words(text)
    where_a, params_a = ["articles_fts MATCH ?"], [match]
    where_q, params_q = ["quotes_fts MATCH ?"], [match]
    for where, params in ((where_a, params_a), (where_q, params_q)):
        if filters.source:
            where.append("a.source LIKE ? ESCAPE '\\'")
            params.append(like(filters.source))
        filters.dates("a.date", where, params)
        if filters.type:
            where.append(
                "EXISTS (SELECT 1 FROM events v WHERE v.article = a.article AND v.type = upper(?))"
            )
            params.append(filters.type)
        if filters.country:
            where.append(
                "(EXISTS (SELECT 1 FROM places p WHERE p.article = a.article AND p.country_code = upper(?)) "
                "OR EXISTS (SELECT 1 FROM events v WHERE v.article = a.article "
                "AND (v.actor_country = upper(?) OR v.recipient_country = upper(?))))"
            )
            params += [filters.country] * 3
    if filters.speaker:
        where_a.append("0")  # a speaker filter keeps quotes only
        where_q.append(
            "(qq.speaker_name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM entities e "
            "JOIN people p ON p.person = e.person WHERE e.article = qq.article "
            "AND e.id = qq.speaker_entity AND p.name LIKE ? ESCAPE '\\'))"
        )
        params_q += [like(filters.speaker)] * 2
    # Each branch keeps only its own first `offset + limit` hits, so snippets are made for those
    # alone, not for every match (a common word over 10,000 articles: 160 ms -> see docs/web.md).
    sql = f"""
    SELECT * FROM (
      SELECT * FROM (
        SELECT 'article' AS kind, a.id, a.date, a.source, a.title, NULL AS seq, NULL AS speaker,
          f.rank AS rank, snippet(articles_fts, 1, char(2), char(3), '…', 20) AS snippet
        FROM articles_fts f JOIN articles a ON a.article = f.rowid WHERE {" AND ".join(where_a)}
        ORDER BY f.rank, a.date DESC LIMIT ?)
      UNION ALL
      SELECT * FROM (
        SELECT 'quote', a.id, a.date, a.source, a.title, qq.seq, qq.speaker_name, f.rank,
          snippet(quotes_fts, 0, char(2), char(3), '…', 20)
        FROM quotes_fts f JOIN quotes qq ON qq.rowid = f.rowid
        JOIN articles a ON a.article = qq.article WHERE {" AND ".join(where_q)}
        ORDER BY f.rank, a.date DESC LIMIT ?)
    ) ORDER BY rank, date DESC LIMIT ? OFFSET ?
    """
    top = offset + limit
    return store.rows(sql, [*params_a, top, *params_q, top, limit, offset])


def _event_where(filters: Filters, actor: str | None = None) -> tuple[list[str], list[Any], bool]:
    """WHERE terms and parameters for the event filters; True when they need the place join."""
    where, params = ["1"], []
    if filters.type:
        where.append("ev.type = upper(?)")
        params.append(filters.type)
    if filters.country:
        where.append(
            "(ev.actor_country = upper(?) OR ev.recipient_country = upper(?) OR p.country_code = upper(?))"
        )
        params += [filters.country] * 3
    if filters.source:
        where.append("a.source LIKE ? ESCAPE '\\'")
        params.append(like(filters.source))
    if actor:
        where.append("(ev.actor_name LIKE ? ESCAPE '\\' OR ev.recipient_name LIKE ? ESCAPE '\\')")
        params += [like(actor)] * 2
    filters.dates("COALESCE(ev.date, a.date)", where, params)
    return where, params, bool(filters.country)


PLACE_JOIN = "LEFT JOIN places p ON p.article = ev.article AND p.seq = ev.place "


def events(
    store: ReadOnlyStore, filters: Filters, limit: int, offset: int, actor: str | None = None
) -> list[dict[str, Any]]:
    """One page of events (every copy) with their article and place, newest first, filtered."""
    where, params, _ = _event_where(filters, actor)
    # The page's rows are chosen on events and articles alone; only they get their place.
    sql = (
        "SELECT ev.*, a.id AS article_id, a.date AS a_date, a.source AS a_source, a.title AS a_title, "
        "p.name AS place_name, p.country_code AS place_country, p.lat AS lat, p.lon AS lon "
        "FROM events ev JOIN articles a ON a.article = ev.article "
        f"{PLACE_JOIN}WHERE {' AND '.join(where)} "
        "ORDER BY COALESCE(ev.date, a.date) DESC, a.article, ev.seq LIMIT ? OFFSET ?"
    )
    return [
        dict(row, record=build(Event, row)) for row in store.rows(sql, [*params, limit, offset])
    ]


def event_counts(store: ReadOnlyStore, filters: Filters) -> list[dict[str, Any]]:
    """Filtered events counted per day and type: rows of (day, type, n)."""
    where, params, join = _event_where(filters)
    return store.rows(
        "SELECT substr(COALESCE(ev.date, a.date), 1, 10) AS day, ev.type AS type, COUNT(*) AS n "
        "FROM events ev JOIN articles a ON a.article = ev.article "
        f"{PLACE_JOIN if join else ''}WHERE COALESCE(ev.date, a.date) IS NOT NULL "
        f"AND {' AND '.join(where)} GROUP BY day, ev.type ORDER BY day",
        params,
    )


def event_points(store: ReadOnlyStore, filters: Filters, limit: int) -> dict[str, Any]:
    """The newest `limit` filtered events that have a located place, as compact map points.

    Each point is [lon, lat, type index, date, place, article id, seq, actor, recipient].
    """
    where, params, _ = _event_where(filters)
    base = (
        "FROM events ev JOIN places p ON p.article = ev.article AND p.seq = ev.place "
        "JOIN articles a ON a.article = ev.article "
        f"WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL AND {' AND '.join(where)} "
    )
    rows = store._rows(  # tuples, under the query time limit
        "SELECT round(p.lon, 3), round(p.lat, 3), ev.type, COALESCE(ev.date, a.date), p.name, "
        f"a.id, ev.seq, ev.actor_name, ev.recipient_name {base}"
        "ORDER BY COALESCE(ev.date, a.date) DESC, a.article, ev.seq LIMIT ?",
        [*params, limit + 1],
    )
    total = len(rows)
    if total > limit:
        rows = rows[:limit]
        total = store.rows(f"SELECT COUNT(*) AS n {base}", params)[0]["n"]
    types: dict[str, int] = {}
    points = [[r[0], r[1], types.setdefault(r[2], len(types)), *tuple(r)[3:]] for r in rows]
    return {"total": total, "types": list(types), "points": points}


def article_people(store: ReadOnlyStore, article_id: str) -> dict[str, int]:
    """Entity id -> person id for one article's entities linked to people."""
    rows = store.rows(
        "SELECT e.id, e.person FROM entities e JOIN articles a ON a.article = e.article "
        "WHERE a.id = ? AND e.person IS NOT NULL",
        [article_id],
    )
    return {r["id"]: r["person"] for r in rows}


def person(
    store: ReadOnlyStore, person_id: int, filters: Filters | None = None, kind: str | None = None
) -> dict[str, Any] | None:
    """A person's quotes (date order), events as actor and recipient, and co-occurring people.

    `filters` narrows quotes and events by outlet and date range; `kind` keeps one kind of quote.
    """
    found = store.rows("SELECT * FROM people WHERE person = ?", [person_id])
    if not found:
        return None
    filters = filters or Filters()
    out = found[0]
    where, params = ["e.person = ?"], [person_id]
    if filters.source:
        where.append("a.source LIKE ? ESCAPE '\\'")
        params.append(like(filters.source))
    quote_where, quote_params = [*where], [*params]
    if kind:
        quote_where.append("q.kind = ?")
        quote_params.append(kind)
    filters.dates("a.date", quote_where, quote_params)
    out["quotes"] = [
        dict(r, record=build(Quote, r))
        for r in store.rows(
            "SELECT q.*, a.id AS article_id, a.date AS a_date, a.source AS a_source "
            "FROM quotes q JOIN articles a ON a.article = q.article "
            "JOIN entities e ON e.article = q.article AND e.id = q.speaker_entity "
            f"WHERE {' AND '.join(quote_where)} ORDER BY a.date, a.article, q.seq LIMIT 500",
            quote_params,
        )
    ]
    filters.dates("COALESCE(ev.date, a.date)", where, params)
    for role in ("actor", "recipient"):
        out[role] = [
            dict(r, record=build(Event, r))
            for r in store.rows(
                "SELECT ev.*, a.id AS article_id, a.date AS a_date FROM events ev "
                "JOIN articles a ON a.article = ev.article "
                f"JOIN entities e ON e.article = ev.article AND e.id = ev.{role}_entity "
                f"WHERE {' AND '.join(where)} "
                "ORDER BY COALESCE(ev.date, a.date), a.article, ev.seq LIMIT 500",
                params,
            )
        ]
    out["with"] = store.rows(
        "SELECT p.person, p.name, p.type, COUNT(DISTINCT o.article) AS articles "
        "FROM entities me JOIN entities o ON o.article = me.article AND o.person != me.person "
        "JOIN people p ON p.person = o.person WHERE me.person = ? "
        "GROUP BY p.person ORDER BY articles DESC, p.name LIMIT 30",
        [person_id],
    )
    return out


def find_person(store: ReadOnlyStore, name: str) -> int | None:
    """The person id for a name or alias, if any."""
    rows = store.rows(
        "SELECT person FROM people WHERE name = ? UNION ALL "
        "SELECT person FROM aliases WHERE alias = lower(?) LIMIT 1",
        [name, name],
    )
    return rows[0]["person"] if rows else None

"""Read-only access to the store for the web app, and the few queries the pages add to Store's."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

from dateline.records import EVENT_THRESHOLD, Event
from dateline.store.queries import Store, add_date_range, build, like
from dateline.store.schema import APPLICATION_ID, SCHEMA_VERSION, StoreError, check, connect

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
        conn, app, version = self._open()
        if app == APPLICATION_ID and version < SCHEMA_VERSION:
            conn.close()
            try:  # an older store is upgraded in place once, then served read-only
                connect(self.path, create=False).close()
            except StoreError as error:
                raise StoreError(f"older dateline store; cannot upgrade it: {error}") from None
            conn, app, version = self._open()
        if app != APPLICATION_ID or version < SCHEMA_VERSION:
            conn.close()
            raise StoreError(f"{self.path}: not a dateline store")
        conn.row_factory = sqlite3.Row
        self.conn = conn
        self.timeout = timeout
        self._deadline = 0.0
        conn.set_progress_handler(self._expired, 20_000)

    def _open(self) -> tuple[sqlite3.Connection, int, int]:
        """Open read-only; return the connection, application id and schema version."""
        uri = f"file:{url_quote(str(self.path.resolve()))}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            return (conn, *check(conn, self.path))
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a SQLite database or corrupt ({error})") from None

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
    all_events: bool = False

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
    """Corpus size, date range, outlets and events by type over time."""
    head = store.rows(
        "SELECT COUNT(*) AS articles, MIN(date) AS first, MAX(date) AS last, "
        "COUNT(DISTINCT source) AS sources FROM articles",
        [],
    )[0]
    for table in ("quotes", "events", "people"):
        head[table] = store.rows(f"SELECT COUNT(*) AS n FROM {table}", [])[0]["n"]
    head["by_day"] = event_counts(store, Filters())
    head["speakers"] = store.rows(  # the store's per-article counts (schema v4), index only
        "SELECT ap.person, p.name, SUM(ap.quotes) AS quotes FROM appearances ap "
        "JOIN people p ON p.person = ap.person GROUP BY ap.person HAVING quotes > 0 "
        "ORDER BY quotes DESC, p.name LIMIT 10",
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


def _event_where(filters: Filters) -> tuple[list[str], list[Any]]:
    """WHERE terms and parameters for the event filters other than the date range."""
    where, params = [], []
    if not filters.all_events:
        where.append("ev.confidence >= ?")
        params.append(EVENT_THRESHOLD)
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
    return where, params


PLACE_JOIN = "LEFT JOIN places p ON p.article = ev.article AND p.seq = ev.place "
LOCATED_JOIN = (
    "CROSS JOIN places p ON p.article = ev.article AND p.seq = ev.place "
    "AND p.lat IS NOT NULL AND p.lon IS NOT NULL "
)
# An event's date is its own, else its article's. Newest first, without sorting every event:
# events with a date come from the events(date, type) index (schema v5) and events without
# one from the articles(date) index, and SQLite merges the two ordered streams under LIMIT.
BRANCHES = (
    ("ev.date", "events ev CROSS JOIN articles a ON a.article = ev.article",
     "ev.date IS NOT NULL", "ev.type", "ev.rowid"),
    ("a.date", "articles a CROSS JOIN events ev ON ev.article = a.article",
     "a.date IS NOT NULL AND +ev.date IS NULL", "a.article", "ev.seq"),
    ("NULL", "articles a CROSS JOIN events ev ON ev.article = a.article",
     "a.date IS NULL AND +ev.date IS NULL", "a.article", "ev.seq"),
)  # fmt: skip


def _newest(
    store: ReadOnlyStore, filters: Filters, select: str, limit: int, offset: int, located: bool
) -> list[sqlite3.Row]:
    """Filtered events, newest first (`select` names the columns), from ordered index scans."""
    common, common_params = _event_where(filters)
    place = LOCATED_JOIN if located else PLACE_JOIN if filters.country else ""
    parts, params = [], []
    for key, source, condition, tie1, tie2 in BRANCHES:
        where, branch_params = [condition, *common], [*common_params]
        if key == "NULL":
            if filters.since or filters.until:
                continue  # a date range leaves out undated events
        else:
            filters.dates(key, where, branch_params)
        parts.append(
            f"SELECT {select}, {key} AS k_, {tie1} AS t1_, {tie2} AS t2_ FROM {source} {place}"
            f"WHERE {' AND '.join(where)}"
        )
        params += branch_params
    sql = " UNION ALL ".join(parts) + " ORDER BY k_ DESC, t1_ DESC, t2_ DESC LIMIT ? OFFSET ?"
    return store._rows(sql, [*params, limit, offset])


def events(store: ReadOnlyStore, filters: Filters, limit: int, offset: int) -> list[dict[str, Any]]:
    """One page of events (every copy) with their article and place, newest first, filtered."""
    ids = [r[0] for r in _newest(store, filters, "ev.rowid", limit, offset, located=False)]
    if not ids:
        return []
    rows = store.rows(
        "SELECT ev.rowid AS rowid_, ev.*, a.id AS article_id, a.date AS a_date, "
        "a.source AS a_source, a.title AS a_title, p.name AS place_name, "
        "p.country_code AS place_country, p.lat AS lat, p.lon AS lon "
        f"FROM events ev JOIN articles a ON a.article = ev.article {PLACE_JOIN}"
        f"WHERE ev.rowid IN ({', '.join('?' for _ in ids)})",
        ids,
    )
    order = {rowid: i for i, rowid in enumerate(ids)}
    rows.sort(key=lambda r: order[r["rowid_"]])
    return [dict(row, record=build(Event, row)) for row in rows]


def event_counts(store: ReadOnlyStore, filters: Filters) -> list[dict[str, Any]]:
    """Filtered events counted per date and type: rows of (day, type, n); a pair may repeat and
    an event's own date may be longer than a day (charts.by_type cuts it).

    Without an outlet or country filter, events with their own date are counted from the
    events(date, type) index alone, in its order (no sort).
    """
    common, common_params = _event_where(filters)
    join = "JOIN articles a ON a.article = ev.article " if filters.source else ""
    place = PLACE_JOIN if filters.country else ""
    parts, params = [], []
    for key, source, condition in (
        ("ev.date", f"events ev {join}{place}", "ev.date IS NOT NULL"),
        ("a.date", f"events ev JOIN articles a ON a.article = ev.article {place}",
         "ev.date IS NULL AND a.date IS NOT NULL"),
    ):  # fmt: skip
        where, branch_params = [condition, *common], [*common_params]
        filters.dates(key, where, branch_params)
        day = "ev.date" if key == "ev.date" else "substr(a.date, 1, 10)"  # in index order
        parts.append(
            f"SELECT {day} AS day, ev.type AS type, COUNT(*) AS n FROM {source}"
            f"WHERE {' AND '.join(where)} GROUP BY {day}, ev.type"
        )
        params += branch_params
    return store.rows(" UNION ALL ".join(parts), params)


POINT = (
    "round(p.lon, 3), round(p.lat, 3), ev.type, COALESCE(ev.date, a.date), p.name, a.id, "
    "ev.seq, ev.actor_name, ev.recipient_name"
)


def event_points(store: ReadOnlyStore, filters: Filters, limit: int) -> dict[str, Any]:
    """The newest `limit` filtered events that have a located place, as compact map points.

    Each point is [lon, lat, type index, date, place, article id, seq, actor, recipient];
    `more` is true when more located events match than were sent.
    """
    rows = _newest(store, filters, POINT, limit + 1, 0, located=True)
    types: dict[str, int] = {}
    points = [
        [r[0], r[1], types.setdefault(r[2], len(types)), *tuple(r)[3:9]] for r in rows[:limit]
    ]
    return {"more": len(rows) > limit, "types": list(types), "points": points}


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
    # Plain rows, not records: the page shows a few columns, and rebuilding 1,000 records was
    # most of its time (10,000 articles: see benchmarks/web_speed.py).
    out["quotes"] = store.rows(
        "SELECT q.*, a.id AS article_id, a.date AS a_date, a.source AS a_source "
        "FROM quotes q JOIN articles a ON a.article = q.article "
        "JOIN entities e ON e.article = q.article AND e.id = q.speaker_entity "
        f"WHERE {' AND '.join(quote_where)} ORDER BY a.date, a.article, q.seq LIMIT 500",
        quote_params,
    )
    filters.dates("COALESCE(ev.date, a.date)", where, params)
    for role in ("actor", "recipient"):
        out[role] = store.rows(
            "SELECT ev.*, a.id AS article_id, a.date AS a_date FROM events ev "
            "JOIN articles a ON a.article = ev.article "
            f"JOIN entities e ON e.article = ev.article AND e.id = ev.{role}_entity "
            f"WHERE {' AND '.join(where)} "
            "ORDER BY COALESCE(ev.date, a.date), a.article, ev.seq LIMIT 500",
            params,
        )
    out["with"] = store.rows(  # one appearances row per article and person (schema v4)
        "SELECT p.person, p.name, p.type, COUNT(*) AS articles "
        "FROM appearances me JOIN appearances o ON o.article = me.article AND o.person != me.person "
        "JOIN people p ON p.person = o.person WHERE me.person = ? "
        "GROUP BY o.person ORDER BY articles DESC, p.name LIMIT 30",
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

"""Read-only access to the store for the web app, and the few queries the pages add to Store's."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

from dateline.records import EVENT_THRESHOLD, Event
from dateline.resources import countries
from dateline.store.queries import (
    Store,
    add_date_range,
    build,
    country_codes,
    fts_query,
    like,
)
from dateline.store.schema import APPLICATION_ID, SCHEMA_VERSION, StoreError, check, connect
from dateline.web.dates import readable, sql_key

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
    head["outlets"] = [  # for the article list's outlet box
        r["source"]
        for r in store.rows(
            "SELECT source, COUNT(*) AS n FROM articles WHERE source IS NOT NULL "
            "GROUP BY source ORDER BY n DESC, source LIMIT 100",
            [],
        )
    ]
    head["speakers"] = store.rows(  # the store's per-article counts (schema v4), index only
        "SELECT ap.person, p.name, SUM(ap.quotes) AS quotes FROM appearances ap "
        "JOIN people p ON p.person = ap.person GROUP BY ap.person HAVING quotes > 0 "
        "ORDER BY quotes DESC, p.name LIMIT 10",
        [],
    )
    return head


SPEAKER = (
    "{q}.speaker_name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM entities e "
    "JOIN people p ON p.person = e.person WHERE e.article = {q}.article "
    "AND e.id = {q}.speaker_entity AND p.name LIKE ? ESCAPE '\\')"
)


def article_where(
    filters: Filters, where: list[str], params: list[Any]
) -> tuple[list[str], list[Any]]:
    """Add the article-level filters (outlet, article date, event type, country) on alias `a`."""
    where, params = [*where], [*params]
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
        codes = country_codes(filters.country)
        marks = ", ".join("?" for _ in codes)
        where.append(
            f"(EXISTS (SELECT 1 FROM places p WHERE p.article = a.article AND p.country_code IN ({marks})) "
            "OR EXISTS (SELECT 1 FROM events v WHERE v.article = a.article "
            f"AND (v.actor_country IN ({marks}) OR v.recipient_country IN ({marks}))))"
        )
        params += codes * 3
    return where, params


def first_article(filters: Filters, match: str | None = None) -> tuple[str, list[Any]]:
    """A WHERE term on alias `a` that leaves out a wire copy when its original is listed too:
    when the original passes the outlet and date filters (and matches the search, `match`)."""
    where: list[str] = []
    params: list[Any] = []
    if filters.source:
        where.append("o.source LIKE ? ESCAPE '\\'")
        params.append(like(filters.source))
    filters.dates("o.date", where, params)
    if match is None:
        if not where:
            return "a.copy_of IS NULL", []
        return (
            "(a.copy_of IS NULL OR NOT EXISTS (SELECT 1 FROM articles o "
            f"WHERE o.article = a.copy_of AND {' AND '.join(where)}))",
            params,
        )
    # The originals that match, found once (not one full-text query per copy).
    listed = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
    if where:
        listed = f"SELECT o.article FROM articles o WHERE o.article IN ({listed}) AND {' AND '.join(where)}"
    return f"(a.copy_of IS NULL OR a.copy_of NOT IN ({listed}))", [match, *params]


def article_copies(store: ReadOnlyStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    """For each listed article id: its wire copies' count and outlets (when it has any)."""
    if not ids:
        return {}
    rows = store.rows(
        "SELECT a.id, COUNT(*) AS n, group_concat(DISTINCT c.source) AS sources FROM articles a "
        "JOIN articles c ON c.copy_of = a.article "
        f"WHERE a.id IN ({', '.join('?' for _ in ids)}) GROUP BY a.id",
        list(ids),
    )
    return {r["id"]: r for r in rows}


def articles(
    store: ReadOnlyStore, filters: Filters, limit: int, offset: int, collapse: bool = False
) -> list[dict[str, Any]]:
    """Articles newest first, by outlet, date, a quoted speaker, an event type or a country.

    With `collapse`, a wire copy is left out when its original is listed, and each article
    gets `copies` (how many copies it has and their outlets, or None)."""
    where, params = article_where(filters, ["1"], [])
    if collapse:
        term, extra = first_article(filters)
        where, params = [*where, term], [*params, *extra]
    if filters.speaker:
        where.append(
            f"EXISTS (SELECT 1 FROM quotes qq WHERE qq.article = a.article AND ({SPEAKER.format(q='qq')}))"
        )
        params += [like(filters.speaker)] * 2
    rows = store.rows(
        "SELECT a.id, a.date, a.title, a.url, a.source FROM articles a "
        f"WHERE {' AND '.join(where)} ORDER BY a.date DESC, a.article LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    if collapse:
        shared = article_copies(store, [r["id"] for r in rows])
        rows = [dict(r, copies=shared.get(r["id"])) for r in rows]
    return rows


def search(
    store: ReadOnlyStore, text: str, filters: Filters, limit: int, offset: int
) -> list[dict[str, Any]]:
    """Articles and quotes matching every word of `text`, with marked snippets, filtered."""
    match = fts_query(text)
    where_a, params_a = article_where(filters, ["articles_fts MATCH ?"], [match])
    where_q, params_q = article_where(filters, ["quotes_fts MATCH ?"], [match])
    term, extra = first_article(filters, match)  # a wire copy's article and quotes once
    where_a, params_a = [*where_a, term], [*params_a, *extra]
    term, extra = _first_copy("qq", "quotes", filters)
    where_q, params_q = [*where_q, term], [*params_q, *extra]
    if filters.speaker:
        where_a.append("0")  # a speaker filter keeps quotes only
        where_q.append(f"({SPEAKER.format(q='qq')})")
        params_q += [like(filters.speaker)] * 2
    # Each branch keeps only its own first `offset + limit` hits, so snippets are made for those
    # alone, not for every match (a common word over 10,000 articles: 160 ms -> see docs/web.md).
    sql = f"""
    SELECT * FROM (
      SELECT * FROM (
        SELECT 'article' AS kind, a.id, a.date, a.source, a.title, NULL AS seq, NULL AS speaker,
          f.rank AS rank, snippet(articles_fts, 1, char(2), char(3), '…', 20) AS snippet,
          NULL AS digest
        FROM articles_fts f JOIN articles a ON a.article = f.rowid WHERE {" AND ".join(where_a)}
        ORDER BY f.rank, a.date DESC LIMIT ?)
      UNION ALL
      SELECT * FROM (
        SELECT 'quote', a.id, a.date, a.source, a.title, qq.seq, qq.speaker_name, f.rank,
          snippet(quotes_fts, 0, char(2), char(3), '…', 20), qq.digest
        FROM quotes_fts f JOIN quotes qq ON qq.rowid = f.rowid
        JOIN articles a ON a.article = qq.article WHERE {" AND ".join(where_q)}
        ORDER BY f.rank, a.date DESC LIMIT ?)
    ) ORDER BY rank, date DESC LIMIT ? OFFSET ?
    """
    top = offset + limit
    rows = store.rows(sql, [*params_a, top, *params_q, top, limit, offset])
    shared = article_copies(store, [r["id"] for r in rows if r["kind"] == "article"])
    quoted = copies(store, "quotes", [r["digest"] for r in rows if r["digest"]])
    for row in rows:  # copies: how many other copies there are and their outlets, or None
        found = shared.get(row["id"]) if row["kind"] == "article" else quoted.get(row["digest"])
        extra = (found["n"] - (row["kind"] == "quote")) if found else 0
        row["copies"] = {"n": extra, "sources": found["sources"]} if found and extra else None
        del row["digest"]
    return rows


def _first_copy(alias: str, table: str, filters: Filters) -> tuple[str, list[Any]]:
    """A WHERE term keeping only the first stored copy of a record (same digest) that passes the
    outlet filter, so a wire story's quote or event is listed once (the CLI's default too)."""
    if filters.source:
        return (
            f"NOT EXISTS (SELECT 1 FROM {table} o JOIN articles oa ON oa.article = o.article "
            f"WHERE o.digest = {alias}.digest AND o.rowid < {alias}.rowid "
            "AND oa.source LIKE ? ESCAPE '\\')",
            [like(filters.source)],
        )
    return (
        f"NOT EXISTS (SELECT 1 FROM {table} o WHERE o.digest = {alias}.digest "
        f"AND o.rowid < {alias}.rowid)",
        [],
    )


def copies(store: ReadOnlyStore, table: str, digests: list[str]) -> dict[str, dict[str, Any]]:
    """For each digest: how many stored records share it and the outlets they come from."""
    digests = sorted({d for d in digests if d})
    if not digests:
        return {}
    rows = store.rows(
        f"SELECT r.digest, COUNT(*) AS n, group_concat(DISTINCT a.source) AS sources FROM {table} r "
        "JOIN articles a ON a.article = r.article "
        f"WHERE r.digest IN ({', '.join('?' for _ in digests)}) GROUP BY r.digest",
        digests,
    )
    return {r["digest"]: r for r in rows}


def _event_where(filters: Filters) -> tuple[list[str], list[Any]]:
    """WHERE terms and parameters for the event filters other than the date range (one copy)."""
    first, params = _first_copy("ev", "events", filters)
    where = [first]
    if not filters.all_events:
        where.append("ev.confidence >= ?")
        params.append(EVENT_THRESHOLD)
    if filters.type:
        where.append("ev.type = upper(?)")
        params.append(filters.type)
    if filters.country:
        codes = country_codes(filters.country)
        marks = ", ".join("?" for _ in codes)
        where.append(
            f"(ev.actor_country IN ({marks}) OR ev.recipient_country IN ({marks}) "
            f"OR p.country_code IN ({marks}))"
        )
        params += codes * 3
    if filters.source:
        where.append("a.source LIKE ? ESCAPE '\\'")
        params.append(like(filters.source))
    return where, params


PLACE_JOIN = "LEFT JOIN places p ON p.article = ev.article AND p.seq = ev.place "
LOCATED_JOIN = (
    "CROSS JOIN places p ON p.article = ev.article AND p.seq = ev.place "
    "AND p.lat IS NOT NULL AND p.lon IS NOT NULL "
    "AND p.kind != 'demonym' AND lower(p.text) NOT IN (SELECT value FROM json_each(?)) "
)


@cache
def demonyms() -> str:
    """Every country's demonyms, lower-cased, as a JSON list (one query parameter): a place
    named by a demonym ("Russian officials") says who, not where, so the map leaves it out."""
    words = {d.lower() for row in countries() for d in row["demonyms"].split("|") if d}
    return json.dumps(sorted(words))


# An event's date is its own, else its article's. Newest first, without sorting every event:
# events with a date come from the events(date, type) index (schema v5) and events without
# one from the articles(date) index, and SQLite merges the ordered streams under LIMIT. A week
# or part of a year (2024-W51, 2025-Q1: few) is sorted at its first day; an own date that is
# not anchored in time (XXXX-WXX-1, PRESENT_REF) sorts last, with the undated events.
PERIOD = "ev.date GLOB '[0-9][0-9][0-9][0-9]-[A-Z]*'"
BRANCHES = (
    (
        "ev.date",
        "events ev CROSS JOIN articles a ON a.article = ev.article",
        f"ev.date < 'A' AND NOT {PERIOD}",
        "ev.type",
        "ev.rowid",
    ),
    (
        sql_key("ev.date"),
        "events ev CROSS JOIN articles a ON a.article = ev.article",
        PERIOD,
        "ev.type",
        "ev.rowid",
    ),
    (
        "a.date",
        "articles a CROSS JOIN events ev ON ev.article = a.article",
        "a.date IS NOT NULL AND +ev.date IS NULL",
        "a.article",
        "ev.seq",
    ),
    (
        "NULL",
        "events ev CROSS JOIN articles a ON a.article = ev.article",
        "ev.date >= 'A'",
        "ev.type",
        "ev.rowid",
    ),
    (
        "NULL",
        "articles a CROSS JOIN events ev ON ev.article = a.article",
        "a.date IS NULL AND +ev.date IS NULL",
        "a.article",
        "ev.seq",
    ),
)


def _newest(
    store: ReadOnlyStore, filters: Filters, select: str, limit: int, offset: int, located: bool
) -> list[sqlite3.Row]:
    """Filtered events, newest first (`select` names the columns), from ordered index scans."""
    common, common_params = _event_where(filters)
    place = LOCATED_JOIN if located else PLACE_JOIN if filters.country else ""
    place_params = [demonyms()] if located else []
    parts, params = [], []
    for key, source, condition, tie1, tie2 in BRANCHES:
        where, branch_params = [condition, *common], [*place_params, *common_params]
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
        "a.source AS a_source, a.title AS a_title, p.name AS place_name, p.text AS place_text, "
        "p.country_code AS place_country, p.kind AS place_kind, p.lat AS lat, p.lon AS lon "
        f"FROM events ev JOIN articles a ON a.article = ev.article {PLACE_JOIN}"
        f"WHERE ev.rowid IN ({', '.join('?' for _ in ids)})",
        ids,
    )
    order = {rowid: i for i, rowid in enumerate(ids)}
    rows.sort(key=lambda r: order[r["rowid_"]])
    shared = copies(store, "events", [r["digest"] for r in rows])
    return [dict(row, record=build(Event, row), copies=shared.get(row["digest"])) for row in rows]


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
        (
            "a.date",
            f"events ev JOIN articles a ON a.article = ev.article {place}",
            "ev.date IS NULL AND a.date IS NOT NULL",
        ),
    ):
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

    Each point is [lon, lat, type index, date, place, article id, seq, actor, recipient,
    readable date] (the date as the pages show it: "week 51, 2024");
    `more` is true when more located events match than were sent.
    """
    rows = _newest(store, filters, POINT, limit + 1, 0, located=True)
    types: dict[str, int] = {}
    points = [
        [r[0], r[1], types.setdefault(r[2], len(types)), *tuple(r)[3:9], readable(r[3])]
        for r in rows[:limit]
    ]
    return {"more": len(rows) > limit, "types": list(types), "points": points}


def place_of(store: ReadOnlyStore, article_id: str, seq: int) -> dict[str, Any] | None:
    """One of an article's places as an object: text, name, kind, country, coordinates."""
    rows = store.rows(
        "SELECT p.text, p.name, p.kind, p.country_code, p.geonames_id, p.lat, p.lon "
        "FROM places p JOIN articles a ON a.article = p.article WHERE a.id = ? AND p.seq = ?",
        [article_id, seq],
    )
    return rows[0] if rows else None


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
    # Wire copies of a quote or event (one digest) are listed once, at their first stored copy.
    out["quotes"] = store.rows(
        "SELECT q.*, a.id AS article_id, a.date AS a_date, a.source AS a_source, "
        "COUNT(*) AS n_copies, group_concat(DISTINCT a.source) AS sources, MIN(q.rowid) "
        "FROM quotes q JOIN articles a ON a.article = q.article "
        "JOIN entities e ON e.article = q.article AND e.id = q.speaker_entity "
        f"WHERE {' AND '.join(quote_where)} GROUP BY COALESCE(q.digest, q.rowid) "
        "ORDER BY a.date IS NULL, a.date, a.article, q.seq LIMIT 500",
        quote_params,
    )
    filters.dates("COALESCE(ev.date, a.date)", where, params)
    key = sql_key("COALESCE(ev.date, a.date)")
    for role in ("actor", "recipient"):
        out[role] = store.rows(
            "SELECT ev.*, a.id AS article_id, a.date AS a_date, a.source AS a_source, "
            "COUNT(*) AS n_copies, group_concat(DISTINCT a.source) AS sources, MIN(ev.rowid), "
            f"{key} AS key_ FROM events ev JOIN articles a ON a.article = ev.article "
            f"JOIN entities e ON e.article = ev.article AND e.id = ev.{role}_entity "
            f"WHERE {' AND '.join(where)} GROUP BY COALESCE(ev.digest, ev.rowid) "
            "ORDER BY key_ IS NULL, key_, a.article, ev.seq LIMIT 500",
            params,
        )
    out["with"] = store.rows(  # one appearances row per article and person (schema v4)
        "SELECT p.person, p.name, p.type, COUNT(*) AS articles "
        "FROM appearances me JOIN appearances o ON o.article = me.article AND o.person != me.person "
        "JOIN people p ON p.person = o.person WHERE me.person = ? AND p.type = 'PERSON' "
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


def quote_statements(
    store: ReadOnlyStore, quotes: list[tuple[str, int]]
) -> dict[tuple[str, int], tuple[int, int]]:
    """(article id, quote seq) -> (statement, other outlets carrying it), for quotes that have one."""
    from dateline.store.statement_queries import also_in

    if not quotes:
        return {}
    pairs = " OR ".join("(a.id = ? AND q.seq = ?)" for _ in quotes)
    rows = store.rows(
        "SELECT a.id, q.seq, q.rowid AS rowid_ FROM quotes q JOIN articles a "
        f"ON a.article = q.article WHERE {pairs}",
        [v for pair in quotes for v in pair],
    )
    found = also_in(store.conn, [r["rowid_"] for r in rows])
    return {(r["id"], r["seq"]): found[r["rowid_"]] for r in rows if r["rowid_"] in found}

"""Queries over the store: `Store(path)` answers them with the record dataclasses."""

from __future__ import annotations

import json
import re
import sqlite3
import typing
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any

from dateline import resources
from dateline.read import parse_date
from dateline.records import EVENT_THRESHOLD, PLOVER_TYPES, Analysis, Event, Quote
from dateline.store.schema import (
    TABLES,
    StoreError,
    Table,
    _base,
    _list_item,
    connect,
    q,
    type_hints,
)

INTERNATIONAL = ("EUR", "IGO", "NGO", "UNO")  # actor codes beyond ISO 3166 (PLOVER's)
CLI_NAMES = {"type": "--type", "country": "--country", "since": "--since", "until": "--until"}


def country_codes(value: str) -> list[str]:
    """Both ISO codes (places carry alpha-2, actors alpha-3) for a code or an English name."""
    return list(resources.country_codes(value) or [value.strip().upper()])


def check_filters(names: dict[str, str], **values: str | None) -> None:
    """Refuse an unknown event type, country or unreadable date, naming the filter as `names` does.

    `names` maps each filter (type, country, since, until) to what the interface calls it
    (`--type` in the CLI, `type` in the API), so the message speaks the caller's language.
    """
    for key, value in values.items():
        if value is None or not value.strip():
            continue
        name = names.get(key, key)
        if key == "type" and value.strip().upper() not in PLOVER_TYPES:
            raise StoreError(
                f"{name}: {value!r} is not a PLOVER event type ({', '.join(PLOVER_TYPES)})"
            )
        if key == "country" and not (
            resources.country_codes(value) or value.strip().upper() in INTERNATIONAL
        ):
            raise StoreError(
                f"{name}: {value!r} is not a country (an ISO code such as KE or KEN, a name, "
                f"or one of {', '.join(INTERNATIONAL)})"
            )
        if key in ("since", "until"):
            day(value, name)


@dataclass(frozen=True)
class Hit:
    """A record found by a query, with its article and how many copies carried it."""

    record: Any
    article: str
    date: str | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    articles: int = 1
    sources: int = 1
    mention: str | None = None  # a quote's speaker as the article names them ("the mayor")


@dataclass(frozen=True)
class Ranked:
    """A person or actor with counts, from `Store.people`."""

    name: str
    type: str | None
    country: str | None
    quotes: int
    events: int
    articles: int
    source: str | None = None


@dataclass(frozen=True)
class Match:
    """A full-text hit: an article or a quote, with a snippet whose matches are marked."""

    kind: str
    article: str
    date: str | None
    source: str | None
    title: str | None
    snippet: str
    copies: int = 1


MARK = ("\x02", "\x03")  # snippet highlight markers; the CLI renders them per format
PHRASE = re.compile(r'"([^"]*)"|(\S+)')


def fts_query(text: str) -> str:
    """An FTS5 query matching every word and "quoted phrase" of `text`; nothing is syntax.

    Hyphens, apostrophes and operator words (AND, OR, NOT) are searched as the words they are,
    so the CLI and the web app accept the same input and neither can raise an FTS5 error.
    """
    terms = []
    for phrase, word in PHRASE.findall(text):
        term = (phrase or word).strip('"').strip()
        if term:
            terms.append('"' + term.replace('"', '""') + '"')
    if not terms:
        raise StoreError("search: empty query")
    return " ".join(terms)


def build(cls: type, row: dict[str, Any], prefix: tuple[str, ...] = ()) -> Any:
    """Rebuild a record dataclass from its flattened columns (the inverse of Column.value)."""
    hints = type_hints(cls)
    values: dict[str, Any] = {}
    for f in fields(cls):
        hint = _base(hints[f.name])
        name = "_".join((*prefix, f.name))
        if _list_item(hint) is not None:
            continue
        if is_dataclass(hint):
            nested = build(hint, row, (*prefix, f.name))
            optional = hints[f.name] is not hint
            empty = all(getattr(nested, g.name) in (None, False, 0, "") for g in fields(hint))
            values[f.name] = None if optional and empty else nested
        elif name in row:
            value = row[name]
            if hint is bool and value is not None:
                value = bool(value)
            elif hint not in (int, float, str, bool) and isinstance(value, str):
                value = json.loads(value)
                if typing.get_origin(hint) is tuple:  # a list kept as JSON (event mentions)
                    value = tuple(value)
            values[f.name] = value
    return cls(**values)


def like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere (wildcards in the text are literal)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def phrase(text: str) -> str:
    """An FTS5 query that matches `text` as a phrase (no query syntax from user text)."""
    return '"' + text.replace('"', '""') + '"'


def day(value: str | None, name: str) -> str | None:
    """Normalise a --since/--until date."""
    if value is None:
        return None
    if len(value) in (4, 7) and value[:4].isdigit():
        return value  # a year or a month compares as a prefix
    parsed = parse_date(value)
    if parsed is None:
        raise StoreError(f"{name}: cannot read {value!r} as a date")
    return parsed.isoformat()


def add_date_range(
    where: list[str],
    params: list[Any],
    column: str,
    since: str | None,
    until: str | None,
    names: tuple[str, str] = ("--since", "--until"),
) -> None:
    """Add a date range on `column` to a query (a year or month `until` compares as a prefix)."""
    since, until = day(since, names[0]), day(until, names[1])
    if since:
        where.append(f"{column} >= ?")
        params.append(since)
    if until:
        where.append(f"substr({column}, 1, ?) <= ?")
        params += [len(until), until]


PERSONS = (
    "SELECT person FROM aliases WHERE alias = lower(?) "
    "UNION SELECT person FROM people WHERE name LIKE ? ESCAPE '\\'"
)


class Store:
    """A dateline SQLite store opened for queries (an older schema is upgraded in place)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.conn = connect(self.path, create=False)
        self.conn.row_factory = sqlite3.Row

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: list[Any], fts: bool = False) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as error:
            text = str(error)
            if fts and "locked" not in text and "busy" not in text:
                raise StoreError(
                    f"invalid search query ({text}); put phrases in double quotes"
                ) from None
            raise StoreError(f"{self.path}: {text}") from None

    def _hits(self, cls: type, rows: list[sqlite3.Row]) -> list[Hit]:
        out = []
        for row in rows:
            data = dict(row)
            out.append(
                Hit(
                    build(cls, data),
                    data["article_id"],
                    data["a_date"],
                    data["a_source"],
                    data["a_title"],
                    data["a_url"],
                    data.get("n_articles", 1),
                    data.get("n_sources", 1),
                    data.get("speaker_mention"),
                )
            )
        return out

    @staticmethod
    def _select(alias: str, group: bool) -> str:
        """The common SELECT head: record columns, article context and copy counts."""
        head = (
            f"SELECT {alias}.*, a.id AS article_id, a.date AS a_date, a.source AS a_source, "
            "a.title AS a_title, a.url AS a_url"
        )
        if group:
            head += (
                ", COUNT(DISTINCT a.article) AS n_articles, "
                "COUNT(DISTINCT COALESCE(a.source, a.article)) AS n_sources, MIN(a.article)"
            )
        return head

    def quotes(
        self,
        speaker: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        *,
        all_copies: bool = False,
        limit: int = 100,
    ) -> list[Hit]:
        """Quotes by a speaker, about a topic, in a date range, from an outlet; copies counted once."""
        where, params = ["1"], []
        if speaker:  # through the people table, so every query here can use an index
            where.append(
                "q.rowid IN (SELECT q2.rowid FROM entities e JOIN quotes q2 ON q2.article = e.article "
                f"AND q2.speaker_entity = e.id WHERE e.person IN ({PERSONS}) "
                "UNION SELECT rowid FROM quotes WHERE speaker_name = ? "
                "UNION SELECT rowid FROM quotes WHERE speaker_name IN "
                f"(SELECT name FROM people WHERE person IN ({PERSONS})))"
            )
            params += [speaker, like(speaker), speaker, speaker, like(speaker)]
        if about:
            where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(phrase(about))
        add_date_range(where, params, "a.date", since, until)
        if source:
            where.append("a.source LIKE ? ESCAPE '\\'")
            params.append(like(source))
        # Without a speaker or topic, start from the articles; `|| ''` keeps SQLite from walking
        # every quote through the digest index just to group them.
        join = "quotes q JOIN articles a" if speaker or about else "articles a CROSS JOIN quotes q"
        sql = (
            f"{self._select('q', not all_copies)} FROM {join} ON a.article = q.article "
            f"WHERE {' AND '.join(where)} "
            + ("" if all_copies else "GROUP BY q.digest || '' ")
            + "ORDER BY a.date DESC, a.article, q.seq LIMIT ?"
        )
        # The speaker's words are cut from the article text for the rows returned only.
        sql = (
            "SELECT h.*, (SELECT substr(t.text, h.speaker_start + 1, h.speaker_end - "
            f"h.speaker_start) FROM articles t WHERE t.article = h.article) AS speaker_mention "
            f"FROM ({sql}) h ORDER BY h.a_date DESC, h.article, h.seq"
        )
        return self._hits(Quote, self._rows(sql, [*params, limit]))

    def events(
        self,
        type: str | None = None,  # noqa: A002
        actor: str | None = None,
        recipient: str | None = None,
        country: str | None = None,
        place: str | None = None,
        since: str | None = None,
        until: str | None = None,
        *,
        source: str | None = None,
        all_copies: bool = False,
        limit: int = 100,
        all_events: bool = False,
    ) -> list[Hit]:
        """PLOVER events by type, actor, recipient, country, place, outlet and the event's date; only
        those at or above the default confidence threshold unless `all_events`."""
        check_filters(CLI_NAMES, type=type, country=country)
        where, params = ["1"], []
        if source:
            where.append("a.source LIKE ? ESCAPE '\\'")
            params.append(like(source))
        if not all_events:
            where.append("ev.confidence >= ?")
            params.append(EVENT_THRESHOLD)
        if type:
            where.append("ev.type = upper(?)")
            params.append(type)
        for role, value in (("actor", actor), ("recipient", recipient)):
            if value:
                where.append(
                    f"ev.rowid IN (SELECT v.rowid FROM entities e JOIN events v "
                    f"ON v.article = e.article AND v.{role}_entity = e.id WHERE e.person IN ({PERSONS}) "
                    f"UNION SELECT rowid FROM events WHERE {role}_country = upper(?) "
                    f"UNION SELECT rowid FROM events WHERE {role}_name = ? "
                    f"UNION SELECT rowid FROM events WHERE {role}_name IN "
                    f"(SELECT name FROM people WHERE person IN ({PERSONS})))"
                )
                params += [value, like(value), value, value, value, like(value)]
        if country:
            codes = country_codes(country)
            marks = ", ".join("?" * len(codes))
            where.append(
                f"(ev.actor_country IN ({marks}) OR ev.recipient_country IN ({marks}) "
                f"OR p.country_code IN ({marks}))"
            )
            params += codes * 3
        if place:
            where.append("(p.name LIKE ? ESCAPE '\\' OR p.text LIKE ? ESCAPE '\\')")
            params += [like(place), like(place)]
        add_date_range(where, params, "COALESCE(ev.date, a.date)", since, until)
        sql = (
            f"{self._select('ev', not all_copies)} FROM events ev JOIN articles a ON a.article = ev.article "
            "LEFT JOIN places p ON p.article = ev.article AND p.seq = ev.place "
            f"WHERE {' AND '.join(where)} "
            + ("" if all_copies else "GROUP BY ev.digest || '' ")
            + "ORDER BY COALESCE(ev.date, a.date) DESC, a.article, ev.seq LIMIT ?"
        )
        return self._hits(Event, self._rows(sql, [*params, limit]))

    def timeline(self, name: str, *, all_copies: bool = False, limit: int = 500) -> list[Hit]:
        """One person's or actor's quotes and events, in date order."""
        hits = self.quotes(speaker=name, all_copies=all_copies, limit=limit)
        seen: set[tuple[str, int, int]] = set()
        for role in ("actor", "recipient"):
            for hit in self.events(**{role: name}, all_copies=all_copies, limit=limit):
                key = (hit.article, hit.record.start, hit.record.end)
                if key not in seen:
                    seen.add(key)
                    hits.append(hit)
        hits.sort(
            key=lambda h: (
                getattr(h.record, "date", None) or h.date or "",
                h.article,
                h.record.start,
            )
        )
        return hits[:limit]

    def people(
        self,
        rank: str = "quoted",
        *,
        source: str | None = None,
        by_source: bool = False,
        top: int = 20,
    ) -> list[Ranked]:
        """People and actors ranked by quotes (`quoted`), events (`active`) or articles (`mentioned`)."""
        order = {"quoted": "quotes", "active": "events", "mentioned": "articles"}.get(rank)
        if order is None:
            raise StoreError(f"--rank: expected quoted, active or mentioned, not {rank!r}")
        where, params = ["1"], []
        if source:
            where.append("a.source LIKE ? ESCAPE '\\'")
            params.append(like(source))
        outlet = "source" if by_source else "NULL"
        sql = f"""
        WITH grouped AS (
          SELECT person, {outlet} AS outlet, SUM(quotes) AS quotes, SUM(events) AS events,
            COUNT(*) AS articles
          FROM appearances a WHERE {" AND ".join(where)}
          GROUP BY person, outlet
        ), ranked AS (
          SELECT *, ROW_NUMBER() OVER (PARTITION BY outlet ORDER BY {order} DESC, person) AS n
          FROM grouped
        )
        SELECT p.name, p.type, p.country, r.* FROM ranked r JOIN people p USING (person)
        WHERE r.n <= ? AND r.{order} > 0 ORDER BY r.outlet, r.{order} DESC, p.name
        """
        rows = self._rows(sql, [*params, top])
        return [
            Ranked(
                r["name"],
                r["type"],
                r["country"],
                r["quotes"],
                r["events"],
                r["articles"],
                r["outlet"],
            )
            for r in rows
        ]

    def search(self, text: str, *, all_copies: bool = False, limit: int = 50) -> list[Match]:
        """Full-text search over article and quote text (every word must occur), with snippets."""
        match = fts_query(text)
        copies = "" if all_copies else "AND a.copy_of IS NULL"
        sql = f"""
        SELECT * FROM (
          SELECT 'article' AS kind, a.id, a.date, a.source, a.title, f.rank AS rank,
            snippet(articles_fts, 1, ?, ?, '…', 16) AS snippet,
            1 + (SELECT COUNT(*) FROM articles c WHERE c.copy_of = a.article) AS copies
          FROM articles_fts f JOIN articles a ON a.article = f.rowid
          WHERE articles_fts MATCH ? {copies}
          UNION ALL
          SELECT 'quote', a.id, a.date, a.source, a.title, f.rank,
            snippet(quotes_fts, 0, ?, ?, '…', 16), 1
          FROM quotes_fts f JOIN quotes qq ON qq.rowid = f.rowid JOIN articles a ON a.article = qq.article
          WHERE quotes_fts MATCH ? {copies}
        ) ORDER BY rank LIMIT ?
        """
        rows = self._rows(sql, [*MARK, match, *MARK, match, limit], fts=True)
        return [
            Match(r["kind"], r["id"], r["date"], r["source"], r["title"], r["snippet"], r["copies"])
            for r in rows
        ]

    def show(self, article_id: str) -> Analysis:
        """The stored analysis of one article, as `analyze` would print it."""
        # A hash prefix is hexadecimal: nothing else may reach the LIKE (no `%` or `_`).
        prefix = article_id.lower() if re.fullmatch(r"[0-9a-fA-F]{8,64}", article_id) else ""
        row = self._rows(
            "SELECT * FROM articles WHERE id = ? OR (? != '' AND hash LIKE ? || '%') "
            "ORDER BY article DESC LIMIT 1",
            [article_id, prefix, prefix],
        )
        if not row:
            raise StoreError(f"no article {article_id!r} in {self.path}")
        article = dict(row[0])
        lists: dict[str, Any] = {}
        for table in TABLES:
            if table.parent is None:
                lists[table.attr] = tuple(self._records(table, article["article"]))
        lists["repairs"] = tuple(json.loads(article.get("repairs") or "[]"))
        lists["warnings"] = tuple(json.loads(article.get("warnings") or "[]"))
        return Analysis(
            **{k: article[k] for k in ("id", "text", "date", "title", "url", "source")}, **lists
        )

    def _records(self, table: Table, article: int, parent: int | None = None) -> Iterator[Any]:
        """Rebuild one table's records for an article (with their child records)."""
        sql = f"SELECT * FROM {q(table.name)} WHERE article = ?"
        params: list[Any] = [article]
        if parent is not None:
            sql += f" AND {q(table.keys[1])} = ?"
            params.append(parent)
        children = [t for t in TABLES if t.parent == table.name]
        for row in self._rows(sql + " ORDER BY seq", params):
            record = build(table.record, dict(row))
            if children:
                extra = {c.attr: tuple(self._records(c, article, row["seq"])) for c in children}
                record = type(record)(**{**record.__dict__, **extra})
            yield record

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        names = ["articles", "errors", "people", *(t.name for t in TABLES)]
        return {n: self.conn.execute(f"SELECT COUNT(*) FROM {q(n)}").fetchone()[0] for n in names}

"""The SQLite schema: tables derived from the record dataclasses, and in-place migrations."""

from __future__ import annotations

import json
import sqlite3
import time
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dateline.records import Analysis

APPLICATION_ID = 0x44544C4E  # "DTLN": marks the file as a dateline store
SCHEMA_VERSION = 8
# Link columns the store adds to record tables (everything else is a record field).
EXTRA_COLUMNS = {
    "entities": (("person", "INTEGER REFERENCES people(person)"),),
    "quotes": (("digest", "TEXT"),),
    "events": (("digest", "TEXT"),),
}
SINGULAR = {"entities": "entity", "quotes": "quote", "events": "event", "places": "place"}


class StoreError(Exception):
    """A store problem explained in one line for the user."""


@dataclass(frozen=True)
class Column:
    """A column of a record table: `path` is the attribute chain in the record."""

    name: str
    type: str
    path: tuple[str, ...]

    def value(self, record: object) -> Any:
        """Read this column's value from a record (None when a nested record is absent)."""
        value: Any = record
        for attr in self.path:
            if value is None:
                return None
            value = getattr(value, attr)
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, dict | list | tuple):
            return json.dumps(value, ensure_ascii=False)
        return value


@dataclass(frozen=True)
class Table:
    """A table holding one kind of record, a child of articles or of another record table."""

    name: str
    record: type
    columns: tuple[Column, ...]
    parent: str | None = None  # the parent record table, None for article-level lists
    attr: str = ""  # the tuple field that holds these records in the parent

    @property
    def keys(self) -> tuple[str, ...]:
        """The key columns that place a row in its article (and parent record)."""
        return (
            ("article", SINGULAR.get(self.parent, "parent"), "seq")
            if self.parent
            else ("article", "seq")
        )


@cache
def type_hints(cls: type) -> dict[str, Any]:
    """A record class's resolved field types (resolving them is slow; the classes never change)."""
    return typing.get_type_hints(cls)


def _base(hint: Any) -> Any:
    """Strip `X | None` to X."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else str
    return hint


def _sql_type(hint: Any) -> str:
    """The SQLite column type for a Python field type."""
    if hint is bool or hint is int:
        return "INTEGER"
    if hint is float:
        return "REAL"
    return "TEXT"


def _list_item(hint: Any) -> type | None:
    """The dataclass held by a `tuple[X, ...]` field, else None."""
    if typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        if args and is_dataclass(args[0]):
            return args[0]
    return None


def columns_of(cls: type, prefix: tuple[str, ...] = ()) -> list[Column]:
    """Flatten a record's scalar fields (nested records become `speaker_name` style columns)."""
    hints = type_hints(cls)
    columns: list[Column] = []
    for f in fields(cls):
        hint = _base(hints[f.name])
        if _list_item(hint) is not None:
            continue
        if is_dataclass(hint):
            columns.extend(columns_of(hint, (*prefix, f.name)))
            continue
        path = (*prefix, f.name)
        columns.append(Column("_".join(path), _sql_type(hint), path))
    return columns


def record_tables() -> list[Table]:
    """Every record table, parents before children, derived from `Analysis`."""
    tables: list[Table] = []

    def add(cls: type, name: str, parent: str | None) -> None:
        tables.append(Table(name, cls, tuple(columns_of(cls)), parent, name))
        hints = type_hints(cls)
        for f in fields(cls):
            item = _list_item(_base(hints[f.name]))
            if item is not None:
                add(item, f.name, name)

    hints = type_hints(Analysis)
    for f in fields(Analysis):
        item = _list_item(_base(hints[f.name]))
        if item is not None:
            add(item, f.name, None)
    return tables


TABLES = record_tables()
ARTICLE_FIELDS = ("id", "date", "title", "url", "source", "text")


def q(name: str) -> str:
    """Quote an identifier (record fields such as `end` are SQL keywords)."""
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(table: Table) -> str:
    """The CREATE TABLE statement for a record table."""
    keys = table.keys
    # An explicit rowid keeps full-text indexes valid across VACUUM.
    cols = ["rowid INTEGER PRIMARY KEY"]
    cols += [f"{q('article')} INTEGER NOT NULL REFERENCES articles(article) ON DELETE CASCADE"]
    cols += [f"{q(k)} INTEGER NOT NULL" for k in keys[1:]]
    cols += [f"{q(c.name)} {c.type}" for c in table.columns]
    cols.append(f"UNIQUE ({', '.join(q(k) for k in keys)})")
    return f"CREATE TABLE IF NOT EXISTS {q(table.name)} (\n  " + ",\n  ".join(cols) + "\n)"


def missing(conn: sqlite3.Connection) -> list[str]:
    """The DDL that adds record tables and columns the database lacks (new record fields)."""
    statements: list[str] = []
    for table in TABLES:
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({q(table.name)})")}
        if not have:
            statements.append(create_table_sql(table))
            statements += [
                f"ALTER TABLE {q(table.name)} ADD COLUMN {q(name)} {sql}"
                for name, sql in EXTRA_COLUMNS.get(table.name, ())
            ]
            continue
        statements += [
            f"ALTER TABLE {q(table.name)} ADD COLUMN {q(c.name)} {c.type}"
            for c in table.columns
            if c.name not in have
        ]
    return statements


def sync_tables(conn: sqlite3.Connection) -> None:
    """Create missing record tables and add columns for record fields added since (generic)."""
    statements = missing(conn)
    if not statements:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in missing(conn):
            conn.execute(statement)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE articles (
  article INTEGER PRIMARY KEY,
  hash TEXT NOT NULL,
  id TEXT NOT NULL,
  date TEXT, title TEXT, url TEXT, source TEXT,
  text TEXT NOT NULL,
  version TEXT NOT NULL,
  model TEXT NOT NULL,
  ingested TEXT NOT NULL,
  UNIQUE (hash, id)
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_id ON articles(id);
CREATE TABLE errors (
  hash TEXT NOT NULL,
  id TEXT NOT NULL,
  error TEXT NOT NULL,
  version TEXT NOT NULL,
  model TEXT NOT NULL,
  ingested TEXT NOT NULL,
  PRIMARY KEY (hash, id)
);
CREATE TABLE people (
  person INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  country TEXT,
  UNIQUE (name, type)
);
CREATE TABLE aliases (
  alias TEXT NOT NULL,
  person INTEGER NOT NULL REFERENCES people(person) ON DELETE CASCADE,
  PRIMARY KEY (alias, person)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='article', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.article, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text)
  VALUES ('delete', old.article, old.title, old.text);
END;
"""

V1_AFTER_TABLES = """
ALTER TABLE entities ADD COLUMN person INTEGER REFERENCES people(person);
CREATE INDEX entities_person ON entities(person);
CREATE INDEX entities_id ON entities(article, id);
CREATE INDEX quotes_speaker ON quotes(speaker_name);
CREATE INDEX events_type ON events(type);
CREATE VIRTUAL TABLE quotes_fts USING fts5(
  text, content='quotes', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
"""

V2 = """
ALTER TABLE articles ADD COLUMN copy_of INTEGER REFERENCES articles(article) ON DELETE SET NULL;
CREATE INDEX articles_copy_of ON articles(copy_of);
CREATE TABLE minhash (
  article INTEGER PRIMARY KEY REFERENCES articles(article) ON DELETE CASCADE,
  signature BLOB NOT NULL
);
CREATE TABLE bands (
  band INTEGER NOT NULL,
  hash INTEGER NOT NULL,
  article INTEGER NOT NULL REFERENCES articles(article) ON DELETE CASCADE
);
CREATE INDEX bands_lookup ON bands(band, hash);
CREATE INDEX bands_article ON bands(article);
ALTER TABLE quotes ADD COLUMN digest TEXT;
ALTER TABLE events ADD COLUMN digest TEXT;
CREATE INDEX quotes_digest ON quotes(digest);
CREATE INDEX events_digest ON events(digest);
"""


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run SQL statements one by one inside the open transaction (executescript would commit)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""


def _v1(conn: sqlite3.Connection) -> None:
    """Version 1: articles, errors, record tables, people and aliases, full-text indexes."""
    run_script(conn, V1)
    for table in TABLES:
        conn.execute(create_table_sql(table))
    run_script(conn, V1_AFTER_TABLES)


def _v2(conn: sqlite3.Connection) -> None:
    """Version 2: wire copies (MinHash bands, `copy_of`) and quote/event digests, backfilled."""
    from dateline.store import copies

    run_script(conn, V2)
    rows = conn.execute("SELECT rowid, text FROM quotes").fetchall()
    conn.executemany(
        "UPDATE quotes SET digest = ? WHERE rowid = ?",
        [(copies.text_digest(t), r) for r, t in rows],
    )
    rows = conn.execute(
        "SELECT rowid, type, actor_name, recipient_name, date, text FROM events"
    ).fetchall()
    conn.executemany(
        "UPDATE events SET digest = ? WHERE rowid = ?",
        [(copies.event_digest(*row[1:]), row[0]) for row in rows],
    )
    articles = conn.execute("SELECT article, text FROM articles ORDER BY article").fetchall()
    for article, text in articles:
        copies.link(conn, article, text, None)


V3 = """
CREATE INDEX IF NOT EXISTS quotes_speaker_entity ON quotes(article, speaker_entity);
CREATE INDEX IF NOT EXISTS events_actor_entity ON events(article, actor_entity);
CREATE INDEX IF NOT EXISTS events_recipient_entity ON events(article, recipient_entity);
CREATE INDEX IF NOT EXISTS events_actor_country ON events(actor_country);
CREATE INDEX IF NOT EXISTS events_recipient_country ON events(recipient_country);
CREATE INDEX IF NOT EXISTS events_actor_name ON events(actor_name);
CREATE INDEX IF NOT EXISTS events_recipient_name ON events(recipient_name);
"""


def _v3(conn: sqlite3.Connection) -> None:
    """Version 3: indexes for speaker, actor and recipient lookups over large stores."""
    run_script(conn, V3)


V4 = """
CREATE TABLE appearances (
  article INTEGER NOT NULL REFERENCES articles(article) ON DELETE CASCADE,
  person INTEGER NOT NULL REFERENCES people(person),
  source TEXT,
  quotes INTEGER NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY (article, person)
);
CREATE INDEX appearances_person ON appearances(person, source, quotes, events);
INSERT INTO appearances
SELECT e.article, e.person, a.source,
  (SELECT COUNT(*) FROM quotes q WHERE q.article = e.article AND q.speaker_entity IN
     (SELECT id FROM entities x WHERE x.article = e.article AND x.person = e.person)),
  (SELECT COUNT(*) FROM events v WHERE v.article = e.article AND (v.actor_entity IN
     (SELECT id FROM entities x WHERE x.article = e.article AND x.person = e.person)
     OR v.recipient_entity IN
     (SELECT id FROM entities x WHERE x.article = e.article AND x.person = e.person)))
FROM entities e JOIN articles a ON a.article = e.article
WHERE e.person IS NOT NULL
GROUP BY e.article, e.person;
"""


def _v4(conn: sqlite3.Connection) -> None:
    """Version 4: per-article counts of each person's quotes and events, backfilled (rankings)."""
    run_script(conn, V4)


V5 = """
CREATE INDEX IF NOT EXISTS events_date_type ON events(date, type);
"""


def _v5(conn: sqlite3.Connection) -> None:
    """Version 5: an index on event date and type (events newest first, and counts per day)."""
    run_script(conn, V5)


def _v6(conn: sqlite3.Connection) -> None:
    """Version 6: what was repaired in each article's text (a JSON list; NULL when nothing was)."""
    if "repairs" not in {row[1] for row in conn.execute("PRAGMA table_info(articles)")}:
        conn.execute("ALTER TABLE articles ADD COLUMN repairs TEXT")


def _v7(conn: sqlite3.Connection) -> None:
    """Version 7: statements across articles and sentence vectors (search by meaning), backfilled."""
    from dateline import embed
    from dateline.store import statements, vectors

    run_script(conn, statements.SCHEMA)
    run_script(conn, vectors.SCHEMA)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('embedding_model', ?)", (embed.MODEL_NAME,))
    statements.rebuild(conn)
    vectors.backfill(conn)


def _v8(conn: sqlite3.Connection) -> None:
    """Version 8: each article's warnings (a stage that failed, a date that could not be read)."""
    if "warnings" not in {row[1] for row in conn.execute("PRAGMA table_info(articles)")}:
        conn.execute("ALTER TABLE articles ADD COLUMN warnings TEXT")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _v1,
    2: _v2,
    3: _v3,
    4: _v4,
    5: _v5,
    6: _v6,
    7: _v7,
    8: _v8,
}


def tables_in(conn: sqlite3.Connection) -> list[str]:
    """Names of the tables in the database."""
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Upgrade the database in place to `target`, one version per transaction; return it."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] >= version:
                conn.execute("COMMIT")  # another process made this version while we waited
                continue
            MIGRATIONS[version](conn)
            conn.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(version),)
            )
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    if target == SCHEMA_VERSION:
        sync_tables(conn)
    return target


def connect(
    path: str | Path, *, create: bool = True, target: int = SCHEMA_VERSION
) -> sqlite3.Connection:
    """Open (and create or upgrade) a dateline store; refuse files that are not one."""
    path = Path(path)
    if str(path) != ":memory:":
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a database file")
        if not path.exists():
            if not create:
                raise StoreError(f"{path}: no such database (run `dateline ingest` first)")
            if not path.parent.exists():
                raise StoreError(f"{path}: folder {path.parent} does not exist")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
    except sqlite3.Error as error:
        raise StoreError(f"{path}: cannot open database ({error})") from None
    try:
        app, version = check(conn, path)
        if not create and app == 0 and version == 0 and str(path) != ":memory:":
            raise StoreError(f"{path}: not a dateline store (an empty database); left untouched")
        conn.execute("PRAGMA busy_timeout = 30000")
        if app == 0 and version == 0:  # a new, empty file
            _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < target:
            migrate(conn, target)
        elif target == SCHEMA_VERSION:
            sync_tables(conn)
    except sqlite3.OperationalError as error:
        conn.close()
        raise StoreError(explain(error, path)) from None
    except sqlite3.DatabaseError as error:
        conn.close()
        raise StoreError(f"{path}: not a SQLite database or corrupt ({error})") from None
    except StoreError:
        conn.close()
        raise
    return conn


def _use_wal(conn: sqlite3.Connection, wait: float = 30.0) -> None:
    """Switch a new file to WAL; another first run may hold the file a moment (SQLite does not
    wait on its busy handler for this), so retry until `wait` seconds have passed."""
    deadline = time.monotonic() + wait
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def check(conn: sqlite3.Connection, path: Path) -> tuple[int, int]:
    """Return (application_id, user_version); refuse other applications' and newer databases."""
    conn.execute("BEGIN")  # one snapshot: another process may create the schema meanwhile
    try:
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = tables_in(conn)
    finally:
        conn.execute("COMMIT")
    if app == 0 and version == 0 and tables:
        raise StoreError(f"{path}: a SQLite database, but not a dateline store; left untouched")
    if app not in (0, APPLICATION_ID):
        raise StoreError(f"{path}: a SQLite database of another application; left untouched")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: made by a newer dateline (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}); upgrade dateline"
        )
    return app, version


def explain(error: sqlite3.Error, path: Path | str) -> str:
    """Turn an SQLite error into one line for the user."""
    text = str(error)
    if "full" in text:
        return f"{path}: disk full ({text}); what was committed is kept, rerun to finish"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return f"{path}: cannot write here ({text})"
    if "locked" in text or "busy" in text:
        return f"{path}: database is busy ({text}); another ingest may be running"
    return f"{path}: {text}"


def insert_sql(table: Table) -> str:
    """The INSERT statement for one record table."""
    names = [*table.keys, *(c.name for c in table.columns)]
    names += [name for name, _ in EXTRA_COLUMNS.get(table.name, ())]
    return (
        f"INSERT INTO {q(table.name)} ({', '.join(q(n) for n in names)}) "
        f"VALUES ({', '.join('?' for _ in names)})"
    )

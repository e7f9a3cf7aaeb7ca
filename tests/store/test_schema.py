"""The schema: tables derived from the records, migrations in place, refusal of foreign files."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from dateline.records import Analysis
from dateline.store import SCHEMA_VERSION, Store, StoreError
from dateline.store.schema import TABLES, connect, missing
from dateline.store.writer import Writer


@pytest.mark.parametrize(
    ("table", "parent", "columns"),
    [
        ("blocks", None, ["kind", "start", "end"]),
        ("entities", None, ["id", "name", "type", "country", "title"]),
        ("mentions", "entities", ["start", "end", "text"]),
        (
            "quotes",
            None,
            [
                "start",
                "end",
                "text",
                "kind",
                "speaker_entity",
                "speaker_name",
                "speaker_start",
                "speaker_end",
                "cue_start",
                "cue_end",
                "cue_text",
                "via",
                "repeat_of",
                "in_caption",
            ],
        ),
        ("times", None, ["start", "end", "text", "type", "value", "mod"]),
        (
            "places",
            None,
            ["start", "end", "text", "name", "kind", "country_code", "geonames_id", "lat", "lon"],
        ),
        (
            "events",
            None,
            [
                "type",
                "start",
                "end",
                "text",
                "mode",
                "actor_entity",
                "actor_name",
                "actor_country",
                "actor_sector",
                "recipient_entity",
                "recipient_name",
                "recipient_country",
                "recipient_sector",
                "place",
                "date",
                "negated",
                "hypothetical",
                "confidence",
                "counts",
            ],
        ),
    ],
)
def test_tables_are_views_of_the_records(
    table: str, parent: str | None, columns: list[str]
) -> None:
    found = {t.name: t for t in TABLES}[table]
    assert found.parent == parent
    names = [c.name for c in found.columns]
    # The contract's fields, in order; fields the stages add later become columns too.
    assert [n for n in names if n in columns] == columns


def test_new_database_is_wal_and_versioned(tmp_path: Path) -> None:
    conn = connect(tmp_path / "new.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(
        SCHEMA_VERSION
    )
    assert missing(conn) == []


def test_version_1_database_is_upgraded_in_place(tmp_path: Path, stories: list[Analysis]) -> None:
    db = tmp_path / "old.db"
    old = connect(db, target=1)  # what dateline wrote before wire copies existed
    assert "bands" not in {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
    for n, analysis in enumerate(stories[:2], start=1):
        old.execute(
            "INSERT INTO articles (article, hash, id, date, source, text, version, model, ingested) "
            "VALUES (?, ?, ?, ?, ?, ?, 'v0', 'm', 'then')",
            (n, f"h{n}", analysis.id, analysis.date, analysis.source, analysis.text),
        )
        q = analysis.quotes[0]
        old.execute(
            'INSERT INTO quotes (article, seq, start, "end", text, kind, speaker_name) '
            "VALUES (?, 0, ?, ?, ?, ?, ?)",
            (n, q.start, q.end, q.text, q.kind, q.speaker.name),
        )
    old.close()
    with Store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        digests = {r[0] for r in store.conn.execute("SELECT digest FROM quotes")}
        copy_of = [
            r[0] for r in store.conn.execute("SELECT copy_of FROM articles ORDER BY article")
        ]
        found = store.quotes(speaker="Vladimir Putin")  # no entities in this store: the exact name
    assert len(digests) == 1 and None not in digests
    assert copy_of == [None, 1]
    assert (found[0].articles, found[0].sources) == (2, 2)


def test_a_new_record_field_adds_a_column(tmp_path: Path) -> None:
    db = tmp_path / "fields.db"
    connect(db).close()
    raw = sqlite3.connect(db)
    raw.execute("ALTER TABLE times DROP COLUMN mod")  # as if `mod` were added to Time later
    raw.commit()
    raw.close()
    conn = connect(db)
    assert "mod" in {r[1] for r in conn.execute("PRAGMA table_info(times)")}


def test_foreign_sqlite_file_is_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    raw = sqlite3.connect(db)
    raw.execute("CREATE TABLE invoices (n INTEGER)")
    raw.commit()
    raw.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="not a dateline store"):
        Writer(db, model="m")
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    "content", [b"not a database at all, just some text" * 200, b"\x00\xff" * 4096]
)
def test_corrupt_file_is_refused(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "corrupt.db"
    db.write_bytes(content)
    with pytest.raises(StoreError, match="not a SQLite database or corrupt"):
        Store(db)
    assert db.read_bytes() == content


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    connect(db).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer dateline"):
        Store(db)


@pytest.mark.parametrize("path", ["/proc/dateline-test.db", "/nonexistent-folder/x.db"])
def test_unwritable_location_is_clear(path: str) -> None:
    with pytest.raises(StoreError, match="cannot write|does not exist|cannot open"):
        Writer(path, model="m")


def test_missing_database_for_queries(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "absent.db")
    assert not (tmp_path / "absent.db").exists()


def test_disk_full_keeps_committed_articles(tmp_path: Path, stories: list[Analysis]) -> None:
    db = tmp_path / "full.db"
    writer = Writer(db, model="m", batch=1)
    writer.add(stories[0])
    pages = writer.conn.execute("PRAGMA page_count").fetchone()[0]
    writer.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # a nearly full disk
    with pytest.raises(StoreError, match="disk full"):
        for n in range(200):
            big = Analysis(id=f"big-{n}", text=f"{n} " + "filler words " * 2000)
            writer.add(big)
    writer.close()
    with Store(db) as store:
        assert store.show(stories[0].id) == stories[0]


def test_version_3_database_gets_backfilled_rankings(filled: Path) -> None:
    with Store(filled) as store:
        before = store.people("quoted", by_source=True)
    raw = sqlite3.connect(filled)
    raw.execute("DROP TABLE appearances")  # as a version 3 store was
    raw.execute("PRAGMA user_version = 3")
    raw.commit()
    raw.close()
    with Store(filled) as store:
        assert store.people("quoted", by_source=True) == before


def test_version_5_database_gets_the_repairs_column(
    tmp_path: Path, stories: list[Analysis]
) -> None:
    db = tmp_path / "v5.db"
    old = connect(db, target=5)
    assert "repairs" not in {r[1] for r in old.execute("PRAGMA table_info(articles)")}
    old.close()
    with Writer(db, model="m") as writer:
        writer.add(replace(stories[0], repairs=("mojibake", "html_entities")))
        writer.add(stories[1])
    with Store(db) as store:
        found = store.conn.execute("SELECT id, repairs FROM articles ORDER BY article").fetchall()
    assert [tuple(row) for row in found] == [
        (stories[0].id, '["mojibake", "html_entities"]'),
        (stories[1].id, None),
    ]

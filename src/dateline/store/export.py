"""Streamed exports of store tables (JSONL, CSV, Parquet) and GDELT/POLECAT-like event tables."""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from dateline.records import EVENT_THRESHOLD
from dateline.store.schema import TABLES, StoreError, q

# Event exports in the column layout of the event datasets users already load (PLOVER types).
EVENT_EXPORTS = {
    "gdelt": """
      SELECT MIN(ev.rowid) AS GlobalEventID,
        replace(substr(COALESCE(ev.date, a.date), 1, 10), '-', '') AS Day,
        ev.actor_name AS Actor1Name, ev.actor_country AS Actor1CountryCode,
        ev.actor_sector AS Actor1Type1Code,
        ev.recipient_name AS Actor2Name, ev.recipient_country AS Actor2CountryCode,
        ev.recipient_sector AS Actor2Type1Code,
        ev.type AS EventRootCode, ev.mode AS EventCode, ev.negated AS IsNegated,
        COUNT(DISTINCT a.article) AS NumArticles,
        COUNT(DISTINCT COALESCE(a.source, a.article)) AS NumSources,
        p.name AS ActionGeo_FullName, p.country_code AS ActionGeo_CountryCode,
        p.lat AS ActionGeo_Lat, p.lon AS ActionGeo_Long, p.geonames_id AS ActionGeo_FeatureID,
        a.date AS DATEADDED, a.url AS SOURCEURL, ev.text AS Evidence
      FROM events ev JOIN articles a ON a.article = ev.article
      LEFT JOIN places p ON p.article = ev.article AND p.seq = ev.place
      WHERE ev.confidence >= :threshold
      GROUP BY ev.digest ORDER BY Day, GlobalEventID
    """,
    "polecat": """
      SELECT a.id || ':' || ev.seq AS "Event ID", COALESCE(ev.date, a.date) AS "Event Date",
        ev.type AS "Event Type", ev.mode AS "Event Mode",
        ev.actor_name AS "Actor Name", ev.actor_country AS "Actor Country",
        ev.actor_sector AS "Actor Sector",
        ev.recipient_name AS "Recipient Name", ev.recipient_country AS "Recipient Country",
        ev.recipient_sector AS "Recipient Sector",
        p.name AS "Placename", p.country_code AS "Country", p.lat AS "Latitude", p.lon AS "Longitude",
        p.geonames_id AS "GeoNames ID", a.date AS "Story Date", a.source AS "Source", a.url AS "URL",
        ev.text AS "Event Text", ev.confidence AS "Confidence",
        COUNT(DISTINCT a.article) AS "Num Articles"
      FROM events ev JOIN articles a ON a.article = ev.article
      LEFT JOIN places p ON p.article = ev.article AND p.seq = ev.place
      WHERE ev.confidence >= :threshold
      GROUP BY ev.digest ORDER BY "Event Date", "Event ID"
    """,
}
BASE_TABLES = ("articles", "errors", "people", "aliases")
FORMATS = ("jsonl", "csv", "parquet")


def tables() -> list[str]:
    """Names `export` accepts."""
    return [*BASE_TABLES, *(t.name for t in TABLES), *EVENT_EXPORTS]


def query_for(table: str) -> str:
    """The SELECT for an export name (names are checked against a fixed list, never user SQL)."""
    if table in EVENT_EXPORTS:
        return EVENT_EXPORTS[table]
    if table not in tables():
        raise StoreError(f"export: unknown table {table!r}; choose from {', '.join(tables())}")
    if table == "articles":
        return "SELECT * FROM articles ORDER BY article"
    return f"SELECT * FROM {q(table)}"


@contextmanager
def opened(out: str | None, binary: bool = False) -> Iterator[IO[Any]]:
    """The output file, or stdout for None / '-'."""
    if out in (None, "-"):
        yield sys.stdout.buffer if binary else sys.stdout
        return
    mode = {"mode": "wb"} if binary else {"mode": "w", "newline": "", "encoding": "utf-8"}
    try:
        handle = open(out, **mode)  # noqa: SIM115  (closed below)
    except OSError as error:
        raise StoreError(f"{out}: cannot write ({error.strerror})") from None
    with handle:
        yield handle


def export(
    conn: sqlite3.Connection,
    table: str,
    fmt: str,
    out: str | None,
    batch: int = 5000,
    *,
    all_events: bool = False,
) -> int:
    """Stream one table to `out` in `fmt`; return the number of rows written. The GDELT-like
    and POLECAT-like tables hold the events at or above the default confidence threshold
    unless `all_events` (the `events` table holds every event)."""
    if fmt not in FORMATS:
        raise StoreError(f"export: unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    threshold = {"threshold": 0.0 if all_events else EVENT_THRESHOLD}
    cursor = conn.execute(query_for(table), threshold if table in EVENT_EXPORTS else {})
    names = [d[0] for d in cursor.description]
    if fmt == "parquet":
        return _parquet(cursor, names, out, batch)
    count = 0
    with opened(out) as handle:
        if fmt == "csv":
            writer = csv.writer(handle)
            writer.writerow(names)
        while rows := cursor.fetchmany(batch):
            for row in rows:
                if fmt == "csv":
                    writer.writerow(_plain(v) for v in row)
                else:
                    handle.write(
                        json.dumps(
                            dict(zip(names, map(_plain, row), strict=True)), ensure_ascii=False
                        )
                        + "\n"
                    )
            count += len(rows)
    return count


def _plain(value: Any) -> Any:
    """Bytes (MinHash signatures) as hex so text formats can hold them."""
    return value.hex() if isinstance(value, bytes) else value


def _parquet(cursor: sqlite3.Cursor, names: list[str], out: str | None, batch: int) -> int:
    """Write Parquet in row groups of `batch` rows (needs the `parquet` extra: pyarrow)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StoreError("parquet export needs pyarrow: pip install 'dateline[parquet]'") from None
    if out in (None, "-"):
        raise StoreError("parquet export needs --out FILE")
    if Path(out).is_dir():
        raise StoreError(f"{out}: is a folder")
    writer = None
    count = 0
    try:
        while rows := cursor.fetchmany(batch):
            columns = {n: [row[i] for row in rows] for i, n in enumerate(names)}
            chunk = pa.table(columns) if writer is None else pa.table(columns, schema=writer.schema)
            if writer is None:
                schema = pa.schema([pa.field(f.name, _nullable_type(f.type)) for f in chunk.schema])
                chunk = chunk.cast(schema)
                writer = pq.ParquetWriter(out, schema)
            writer.write_table(chunk)
            count += len(rows)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
        raise StoreError(f"parquet export: {error}") from None
    except OSError as error:
        raise StoreError(f"{out}: cannot write ({error})") from None
    finally:
        if writer is not None:
            writer.close()
    if writer is None:
        pq.write_table(pa.table({n: pa.array([], pa.string()) for n in names}), out)
    return count


def _nullable_type(arrow_type: Any) -> Any:
    """A column type for the whole file: an all-null first batch becomes a string column."""
    import pyarrow as pa

    return pa.string() if pa.types.is_null(arrow_type) else arrow_type

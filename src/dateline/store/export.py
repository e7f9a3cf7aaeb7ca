"""Streamed exports of store tables (JSONL, CSV, Parquet) and GDELT/POLECAT-like event tables."""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from dateline.records import EVENT_THRESHOLD
from dateline.store.schema import TABLES, StoreError, q

EVENT_EXPORTS = ("gdelt", "polecat")  # the column sets of dateline.export_events
BASE_TABLES = ("articles", "errors", "people", "aliases")
FORMATS = ("tsv", "jsonl", "csv", "parquet")


def tables() -> list[str]:
    """Names `export` accepts."""
    return [*BASE_TABLES, *(t.name for t in TABLES), *EVENT_EXPORTS]


def query_for(table: str, all_events: bool = False) -> tuple[str, list[float]]:
    """The SELECT for a table name and its parameters (names are checked against a fixed list,
    never user SQL); the events table holds the shown events unless `all_events`."""
    if table not in tables():
        raise StoreError(f"export: unknown table {table!r}; choose from {', '.join(tables())}")
    if table == "articles":
        return "SELECT * FROM articles ORDER BY article", []
    if table == "events" and not all_events:
        return "SELECT * FROM events WHERE confidence >= ?", [EVENT_THRESHOLD]
    return f"SELECT * FROM {q(table)}", []


EVENTS = """
SELECT ev.*, a.id AS a_id, a.date AS a_date, a.url AS a_url, a.source AS a_source,
  p.start AS p_start, p."end" AS p_end, p.text AS p_text, p.name AS p_name, p.kind AS p_kind,
  p.country_code AS p_country_code, p.geonames_id AS p_geonames_id, p.lat AS p_lat, p.lon AS p_lon
FROM articles a JOIN events ev ON ev.article = a.article
LEFT JOIN places p ON p.article = ev.article AND p.seq = ev.place
WHERE a.copy_of IS NULL AND ev.confidence >= ? ORDER BY a.article, ev.seq
"""


@dataclass(frozen=True)
class StoredStory:
    """The article columns an event row needs."""

    id: str
    date: str | None
    url: str | None
    source: str | None


def event_rows(
    conn: sqlite3.Connection, batch: int = 5000, all_events: bool = False
) -> Iterator[dict[str, object]]:
    """The rows of `events-export`, rebuilt from the store: one per event of each original
    article (wire copies, which repeat their original's events, are left out), at or above the
    default confidence threshold unless `all_events`."""
    from dateline.export_events import event_row
    from dateline.records import Event, Place
    from dateline.store.queries import build

    cursor = conn.execute(EVENTS, [0.0 if all_events else EVENT_THRESHOLD])
    names = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(batch):
        for values in rows:
            row = dict(zip(names, values, strict=True))
            place = None
            if row["p_name"] is not None:
                place = Place(*(row["p_" + f] for f in PLACE_FIELDS))
            story = StoredStory(row["a_id"], row["a_date"], row["a_url"], row["a_source"])
            yield event_row(story, row["seq"], build(Event, row), place)


PLACE_FIELDS = ("start", "end", "text", "name", "kind", "country_code", "geonames_id", "lat", "lon")


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
    fmt: str | None,
    out: str | None,
    batch: int = 5000,
    *,
    all_events: bool = False,
) -> int:
    """Stream one table to `out` in `fmt` (default: TSV for gdelt/polecat, else JSONL). The
    events table and the GDELT-like and POLECAT-like tables hold the events at or above the
    default confidence threshold unless `all_events`."""
    fmt = fmt or ("tsv" if table in EVENT_EXPORTS else "jsonl")
    if fmt not in FORMATS:
        raise StoreError(f"export: unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if table in EVENT_EXPORTS:
        from dateline.export_events import FORMATS as COLUMNS

        names = list(COLUMNS[table])
        batches = _batches(
            ([r.get(c) for c in names] for r in event_rows(conn, batch, all_events)), batch
        )
    else:
        cursor = conn.execute(*query_for(table, all_events))
        names = [d[0] for d in cursor.description]
        batches = iter(lambda: cursor.fetchmany(batch), [])
    if fmt == "parquet":
        return _parquet(batches, names, out)
    count = 0
    with opened(out) as handle:
        if fmt == "csv":
            writer = csv.writer(handle)
            writer.writerow(names)
        elif fmt == "tsv":
            from dateline.export_events import cell

            handle.write("\t".join(names) + "\n")
        for rows in batches:
            for row in rows:
                if fmt == "csv":
                    writer.writerow(_plain(v) for v in row)
                elif fmt == "tsv":
                    handle.write("\t".join(cell(_plain(v)) for v in row) + "\n")
                else:
                    record = dict(zip(names, map(_plain, row), strict=True))
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += len(rows)
    return count


def _batches(rows: Iterator[list[Any]], size: int) -> Iterator[list[list[Any]]]:
    """Lists of up to `size` rows."""
    chunk: list[list[Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _plain(value: Any) -> Any:
    """Bytes (MinHash signatures) as hex so text formats can hold them."""
    return value.hex() if isinstance(value, bytes) else value


def _parquet(batches: Iterator[Any], names: list[str], out: str | None) -> int:
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
        for rows in batches:
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

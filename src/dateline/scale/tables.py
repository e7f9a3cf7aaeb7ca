"""The dataset's Parquet tables: the store's record columns, flattened, partitioned by date."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from dateline.records import Analysis
from dateline.store.schema import TABLES, Table, _base, type_hints
from dateline.store.writer import content_hash, repairs_value, warnings_value

PARTITION = "article_date"
MANIFEST = "dateline.json"
FORMAT = "dateline-parquet/1"
ARTICLE_COLUMNS = (
    "hash",
    "id",
    "date",
    "title",
    "url",
    "source",
    "text",
    "version",
    "model",
    "repairs",
    "warnings",
)
ERROR_COLUMNS = ("hash", "id", "error", "version", "model")
TABLE_NAMES = ("articles", "errors", *(t.name for t in TABLES))


class ScaleError(Exception):
    """A problem with a Ray run or a Parquet dataset, explained in one line."""


def require_pyarrow() -> None:
    """Fail with the install line when pyarrow is missing."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ScaleError("Parquet datasets need pyarrow: pip install 'dateline[ray]'") from None


def _arrow_type(cls: type, path: tuple[str, ...]) -> Any:
    """The Arrow type of a record field reached by `path` (nested records, `X | None`)."""
    import pyarrow as pa

    hint = _base(type_hints(cls)[path[0]])
    if len(path) > 1:
        return _arrow_type(hint, path[1:])
    return {bool: pa.bool_(), int: pa.int64(), float: pa.float64()}.get(hint, pa.string())


VECTOR = "vector"  # packed int8 sentence vector (dateline.embed) of a quote or event's text
VECTOR_TABLES = {"quotes": "quote", "events": "event"}


def _vectors(analysis: Analysis, table: Table) -> list[bytes | None]:
    """Packed sentence vectors for a table's records (quotes, event evidence), else Nones."""
    records = [record for _, record in _records(analysis, table)]
    if table.name not in VECTOR_TABLES or not records:
        return [None] * len(records)
    from dateline import embed

    return list(embed.pack(embed.embed([r.text for r in records])))


@cache
def schemas() -> dict[str, Any]:
    """The Arrow schema of every table in the dataset (the partition column last)."""
    import pyarrow as pa

    text, whole = pa.string(), pa.int64()
    found = {
        "articles": pa.schema(
            [(c, text) for c in ARTICLE_COLUMNS] + [("position", whole), (PARTITION, text)]
        ),
        "errors": pa.schema(
            [(c, text) for c in ERROR_COLUMNS] + [("position", whole), (PARTITION, text)]
        ),
    }
    for table in TABLES:
        keys = [("article_hash", text), ("article_id", text)]
        keys += [(k, pa.int32()) for k in table.keys[1:]]
        columns = [(c.name, _arrow_type(table.record, c.path)) for c in table.columns]
        if table.name in VECTOR_TABLES:  # sentence vectors computed by the engine, carried along
            columns.append((VECTOR, pa.binary()))
        found[table.name] = pa.schema([*keys, *columns, (PARTITION, text)])
    return found


def _records(analysis: Analysis, table: Table) -> Iterator[tuple[tuple[int, ...], Any]]:
    """(keys, record) for one table of an analysis; child tables walk their parents' records."""
    if table.parent is None:
        for seq, record in enumerate(getattr(analysis, table.attr)):
            yield (seq,), record
        return
    parent = next(t for t in TABLES if t.name == table.parent)
    for i, owner in enumerate(getattr(analysis, parent.attr)):
        for seq, record in enumerate(getattr(owner, table.attr)):
            yield (i, seq), record


def rows(
    analysis: Analysis, *, position: int, version: str, model: str, day: str | None
) -> dict[str, list[dict[str, Any]]]:
    """One analysis as rows of the dataset's tables (an error record gives one `errors` row)."""
    hash_ = content_hash(analysis.text)
    if analysis.error is not None:
        row = {"hash": hash_, "id": analysis.id, "error": analysis.error, "version": version}
        return {"errors": [{**row, "model": model, "position": position, PARTITION: day}]}
    article = {c: getattr(analysis, c) for c in ARTICLE_COLUMNS[1:7]}
    found: dict[str, list[dict[str, Any]]] = {
        "articles": [
            {"hash": hash_, **article, "version": version, "model": model, "position": position}
            | {"repairs": repairs_value(analysis.repairs), PARTITION: day}
            | {"warnings": warnings_value(analysis.warnings)}
        ]
    }
    for table in TABLES:
        schema = schemas()[table.name]
        bools = {c.name for c in table.columns if str(schema.field(c.name).type) == "bool"}
        out = found.setdefault(table.name, [])
        vectors = _vectors(analysis, table)
        for (keys, record), vector in zip(_records(analysis, table), vectors, strict=True):
            row = {"article_hash": hash_, "article_id": analysis.id}
            if table.name in VECTOR_TABLES:
                row[VECTOR] = vector
            row.update(zip(table.keys[1:], keys, strict=True))
            for column in table.columns:
                value = column.value(record)  # the store's flattening (bools come back as 0/1)
                row[column.name] = (
                    bool(value) if column.name in bools and value is not None else value
                )
            row[PARTITION] = day
            out.append(row)
    return found


def write_tables(found: dict[str, list[dict[str, Any]]], fs: Any, root: str, name: str) -> None:
    """Write each table's rows under `root/<table>/article_date=…/name-<i>.parquet`."""
    import pyarrow as pa
    import pyarrow.dataset as pds

    for table, table_rows in found.items():
        if not table_rows:
            continue
        schema = schemas()[table]
        pds.write_dataset(
            pa.Table.from_pylist(table_rows, schema=schema),
            f"{root}/{table}",
            filesystem=fs,
            format="parquet",
            partitioning=pds.partitioning(pa.schema([schema.field(PARTITION)]), flavor="hive"),
            basename_template=f"{name}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
            use_threads=False,
        )

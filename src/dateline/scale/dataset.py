"""A dataset read back as analyses, and `load` into the SQLite store through its own writer."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dateline.records import Analysis
from dateline.scale.sources import filesystem_for
from dateline.scale.tables import (
    ARTICLE_COLUMNS,
    FORMAT,
    MANIFEST,
    PARTITION,
    TABLE_NAMES,
    VECTOR,
    VECTOR_TABLES,
    ScaleError,
    require_pyarrow,
    schemas,
)
from dateline.store.queries import build
from dateline.store.schema import SINGULAR, TABLES, Table
from dateline.store.writer import Writer


def read_manifest(dataset: str, filesystem: Any = None) -> tuple[Any, str, dict[str, Any]]:
    """(file system, root, manifest) of a dataset; a clear error for anything else."""
    require_pyarrow()
    from pyarrow import fs as pafs

    fs, root = filesystem_for(dataset, filesystem)
    if fs.get_file_info(root).type != pafs.FileType.Directory:
        raise ScaleError(f"{dataset}: no such folder")
    try:
        with fs.open_input_stream(f"{root}/{MANIFEST}") as handle:
            manifest = json.loads(handle.read())
    except (OSError, ValueError):
        raise ScaleError(
            f"{dataset}: not a dateline Parquet dataset (no readable {MANIFEST}; "
            "write one with `dateline ingest --engine ray … --out DIR`)"
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ScaleError(f"{dataset}: {MANIFEST} is not a {FORMAT} manifest")
    return fs, root, manifest


def _tables(fs: Any, root: str) -> dict[str, Any]:
    """The pyarrow datasets of the tables present under `root`."""
    import pyarrow as pa
    import pyarrow.dataset as pds
    from pyarrow import fs as pafs

    found = {}
    for name in TABLE_NAMES:
        path = f"{root}/{name}"
        if fs.get_file_info(path).type == pafs.FileType.Directory:
            partitioning = pds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive")
            found[name] = pds.dataset(
                path,
                filesystem=fs,
                format="parquet",
                partitioning=partitioning,
                schema=schemas()[name],
            )
    return found


def read_dataset(
    dataset: str, filesystem: Any = None, vectors: dict[tuple[str, str], Any] | None = None
) -> Iterator[tuple[str, str, str, int, Analysis]]:
    """(hash, version, model, position, Analysis) per document, date by date, in input order.

    When `vectors` is a dict, each yielded document's carried sentence vectors are put in it
    under (hash, id) as {"quote": [...], "event": [...]} in record order.
    """
    import pyarrow.compute as pc

    fs, root, _ = read_manifest(dataset, filesystem)
    tables = _tables(fs, root)
    days: set[str | None] = set()
    for name in ("articles", "errors"):
        if name in tables:
            days.update(tables[name].to_table(columns=[PARTITION]).column(0).unique().to_pylist())
    for day in sorted(days, key=lambda d: (d is None, d or "")):
        where = pc.field(PARTITION).is_null() if day is None else pc.field(PARTITION) == day
        found: dict[str, list[dict[str, Any]]] = {
            name: table.to_table(filter=where).to_pylist() for name, table in tables.items()
        }
        yield from _analyses(found, vectors)


def _analyses(
    found: dict[str, list[dict[str, Any]]], vectors: dict[tuple[str, str], Any] | None = None
) -> Iterator[tuple[str, str, str, int, Analysis]]:
    """Rebuild the analyses of one date partition from its rows."""
    grouped: dict[str, dict[tuple[str, str], list[dict[str, Any]]]] = {}
    for table in TABLES:
        by_article: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for row in found.get(table.name, ()):
            by_article[(row["article_hash"], row["article_id"])].append(row)
        grouped[table.name] = by_article
    documents = [(row, None) for row in found.get("articles", ())]
    documents += [(row, row["error"]) for row in found.get("errors", ())]
    documents.sort(key=lambda d: (d[0]["position"], d[1] is not None))
    for row, error in documents:
        key = (row["hash"], row["id"])
        if error is not None:
            analysis = Analysis(id=row["id"], text="", error=error)
        else:
            lists = {t.attr: _rebuild(grouped, t, key) for t in TABLES if t.parent is None}
            fields_ = {c: row[c] for c in ARTICLE_COLUMNS[1:7]}
            repairs = tuple(json.loads(row.get("repairs") or "[]"))
            warnings = tuple(json.loads(row.get("warnings") or "[]"))
            analysis = Analysis(**fields_, **lists, repairs=repairs, warnings=warnings)
            if vectors is not None:
                vectors[key] = {
                    kind: [
                        r.get(VECTOR) for r in sorted(grouped[name][key], key=lambda r: r["seq"])
                    ]
                    for name, kind in VECTOR_TABLES.items()
                }
        yield row["hash"], row["version"], row["model"], row["position"], analysis


def _rebuild(
    grouped: dict[str, dict[tuple[str, str], list[dict[str, Any]]]],
    table: Table,
    key: tuple[str, str],
    parent: int | None = None,
) -> tuple[Any, ...]:
    """One article's records of a table (with their child records), in their original order."""
    column = SINGULAR.get(table.parent or "", "")
    chosen = [r for r in grouped[table.name].get(key, ()) if parent is None or r[column] == parent]
    children = [t for t in TABLES if t.parent == table.name]
    records = []
    for row in sorted(chosen, key=lambda r: r["seq"]):
        record = build(table.record, row)  # the store's inverse of the flattening
        if children:
            extra = {c.attr: _rebuild(grouped, c, key, row["seq"]) for c in children}
            record = replace(record, **extra)
        records.append(record)
    return tuple(records)


@dataclass
class LoadStats:
    """What `load` did: articles added, documents already in the store, error records added."""

    added: int = 0
    skipped: int = 0
    errors: int = 0

    @property
    def done(self) -> int:
        """Documents handled so far."""
        return self.added + self.skipped + self.errors


def load(
    dataset: str,
    db: str | Path,
    *,
    filesystem: Any = None,
    progress: Callable[[LoadStats], None] | None = None,
) -> LoadStats:
    """Import a dataset written by `ingest_ray` into the SQLite store; rerunning adds nothing."""
    require_pyarrow()
    import pyarrow as pa

    _, _, manifest = read_manifest(dataset, filesystem)
    stats = LoadStats()
    with Writer(db, model=manifest["model"], version=manifest["version"]) as writer:
        try:
            carried: dict[tuple[str, str], Any] = {}
            for hash_, version, model, _, analysis in read_dataset(dataset, filesystem, carried):
                given = carried.pop((hash_, analysis.id), None)
                if given:  # a dataset written before vectors were carried has None: embed here
                    given = {k: v for k, v in given.items() if v and None not in v}
                if writer.state(hash_, analysis.id) is not None:
                    stats.skipped += 1
                else:
                    writer.version, writer.model = version, model
                    writer.add(analysis, hash_, vectors=given)
                    if analysis.error is None:
                        stats.added += 1
                    else:
                        stats.errors += 1
                if progress is not None:
                    progress(stats)
        except (pa.ArrowException, OSError) as error:  # a damaged or foreign Parquet file
            first = str(error).strip().splitlines()[0] if str(error).strip() else ""
            raise ScaleError(f"{dataset}: cannot read the dataset ({first})") from None
    return stats

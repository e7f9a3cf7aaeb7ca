"""Scale out: the pipeline on a Ray cluster, a Parquet dataset per record kind, and `load` into the store.

`ingest_ray(paths, out)` lists the input files on the driver, reads them in Ray tasks with
dateline's own readers, and analyses them in a pool of Ray actors (`map_batches`, streaming
execution) that each load the pipeline once. Each actor writes its batch's rows itself, as Parquet
files named after the batch's content, so the text never travels back through the object store
and a retried batch rewrites the same files. The dataset holds one table per record kind, with
the store's columns (`records.py` flattened as `store.schema` does), partitioned by article date:

    OUT/dateline.json                               what wrote it: pipeline version, model, counts
    OUT/articles/article_date=2024-12-19/part-….parquet
    OUT/{blocks,entities,mentions,quotes,times,places,events,errors}/article_date=…/part-….parquet

`load(out, db)` rebuilds each article's `Analysis` from those rows and adds it with the store's
own writer (people and aliases, full-text indexes, wire copies), skipping what is stored already.
Ray is imported only by `ingest_ray`; `load` needs pyarrow alone.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import time
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from dateline.analyze import Options, analyze_articles, failed
from dateline.read import (
    MAX_CHARS,
    ReadError,
    decode,
    expand,
    from_html,
    from_text,
    kind_of,
    read_file,
    read_jsonl,
)
from dateline.records import Analysis, Article
from dateline.store.ingest import RECYCLE as WORKER_CHUNKS
from dateline.store.ingest import IngestOptions
from dateline.store.queries import build
from dateline.store.schema import SINGULAR, TABLES, Table, _base, type_hints
from dateline.store.writer import Writer, content_hash, pipeline_version

PARTITION = "article_date"
MANIFEST = "dateline.json"
FORMAT = "dateline-parquet/1"
ARTICLE_COLUMNS = ("hash", "id", "date", "title", "url", "source", "text", "version", "model")
ERROR_COLUMNS = ("hash", "id", "error", "version", "model")
INPUT_COLUMNS = ("id", "text", "date", "title", "url", "source", "error", "position")
TABLE_NAMES = ("articles", "errors", *(t.name for t in TABLES))
LINE_CHUNK = 1 << 20
CHUNK = IngestOptions().chunk  # articles per `analyze_articles` call, as the local ingest's
RECYCLE = CHUNK * WORKER_CHUNKS  # articles per actor before it reloads the pipeline (4,000)
# Arrow's default pool in the actors: mimalloc keeps what the Parquet writer freed, ~50 MB of
# private memory per actor; the system allocator gives it back (and `release_unused` trims it).
ACTOR_ENV = {"ARROW_DEFAULT_MEMORY_POOL": "system"}
# Ray Data settings for the run (restored after it). Blocks of 64 KiB, a few articles each, so a
# big input file feeds every actor instead of one; no progress bars or stats logs of Ray's own.
CONTEXT = {
    "target_max_block_size": 64 << 10,
    "enable_progress_bars": False,
    "enable_auto_log_stats": False,
    "verbose_stats_logs": False,
}


class ScaleError(Exception):
    """A problem with a Ray run or a Parquet dataset, explained in one line."""


@dataclass(frozen=True)
class ScaleOptions:
    """How to run on Ray: actors, articles per batch, CPUs and memory per actor, cluster address."""

    model: str = Options().model
    actors: int | None = None  # default: one per CPU of the cluster
    batch_size: int = 64  # articles per actor call, and per Parquet file per date
    actor_cpus: float = 1.0
    actor_memory: int | None = None  # bytes Ray reserves per actor (scheduling only)
    readers: int | None = None  # concurrent read tasks (default: one per 8 actors)
    address: str | None = None  # a running cluster ("auto", "ray://head:10001"); None: local Ray
    num_cpus: int | None = None  # CPUs of a local Ray (default: all)
    date: str | None = None  # overrides every article's date, as `--date` does
    max_chars: int = MAX_CHARS
    overwrite: bool = False


@dataclass
class ScaleStats:
    """Counts so far: articles analysed, errors, and the seconds Ray took to start."""

    added: int = 0
    errors: int = 0
    skipped: int = 0  # always 0 here; present so the ingest progress bar can show it
    reprocessed: int = 0
    startup: float = 0.0
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> int:
        """Documents handled so far."""
        return self.added + self.errors

    @property
    def rate(self) -> float:
        """Documents handled per second."""
        return self.done / max(time.monotonic() - self.started, 1e-9)


# --- the Parquet tables: the store's flattened record columns -----------------------------------


def _arrow_type(cls: type, path: tuple[str, ...]) -> Any:
    """The Arrow type of a record field reached by `path` (nested records, `X | None`)."""
    import pyarrow as pa

    hint = _base(type_hints(cls)[path[0]])
    if len(path) > 1:
        return _arrow_type(hint, path[1:])
    return {bool: pa.bool_(), int: pa.int64(), float: pa.float64()}.get(hint, pa.string())


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
            | {PARTITION: day}
        ]
    }
    for table in TABLES:
        schema = schemas()[table.name]
        bools = {c.name for c in table.columns if str(schema.field(c.name).type) == "bool"}
        out = found.setdefault(table.name, [])
        for keys, record in _records(analysis, table):
            row = {"article_hash": hash_, "article_id": analysis.id}
            row.update(zip(table.keys[1:], keys, strict=True))
            for column in table.columns:
                value = column.value(record)  # the store's flattening (bools come back as 0/1)
                row[column.name] = (
                    bool(value) if column.name in bools and value is not None else value
                )
            row[PARTITION] = day
            out.append(row)
    return found


# --- file systems and inputs -------------------------------------------------------------------


def filesystem_for(location: str, filesystem: Any = None) -> tuple[Any, str]:
    """(pyarrow FileSystem, path) for a local path or a URI (s3://, gs://, any fsspec protocol)."""
    require_pyarrow()
    from pyarrow import ArrowInvalid
    from pyarrow import fs as pafs

    if filesystem is not None:
        if not isinstance(filesystem, pafs.FileSystem):  # an fsspec filesystem
            filesystem = pafs.PyFileSystem(pafs.FSSpecHandler(filesystem))
        path = location.split("://", 1)[1] if "://" in location else location
        if isinstance(filesystem, pafs.LocalFileSystem):
            path = str(Path(path).resolve())
        return filesystem, path.rstrip("/") or "/"
    if "://" not in location:
        return pafs.LocalFileSystem(), str(Path(location).resolve())
    try:
        fs, path = pafs.FileSystem.from_uri(location)
    except (ArrowInvalid, OSError):
        try:
            import fsspec
        except ImportError:
            raise ScaleError(f"{location}: unknown file system (pip install fsspec)") from None
        try:
            spec, path = fsspec.core.url_to_fs(location)
        except (ImportError, ValueError) as error:
            raise ScaleError(f"{location}: {error}") from None
        fs = pafs.PyFileSystem(pafs.FSSpecHandler(spec))
    return fs, path.rstrip("/")


def _doc_id(rel: str) -> str:
    """An article id from a path relative to the given folder, as the local readers make it."""
    path = PurePosixPath(rel)
    return path.name if kind_of(Path(path.name)) == "jsonl" else str(path.with_suffix(""))


def inputs(paths: Sequence[str], filesystem: Any = None) -> tuple[list[dict[str, Any]], list[Any]]:
    """The input files in reading order, with the ids `dateline ingest` would give their articles.

    Returns the files and the file systems they are on (`item["fs"]` indexes it; -1 is local).
    """
    from pyarrow import fs as pafs

    found: list[dict[str, Any]] = []
    systems: list[Any] = []
    for location in paths:
        if location == "-":
            raise ScaleError("the ray engine reads files, not stdin")
        before = len(found)
        if filesystem is None and "://" not in location:
            for file, doc_id in expand(location):
                found.append({"path": str(file.resolve()), "id": doc_id, "fs": -1})
        else:
            fs, root = filesystem_for(location, filesystem)
            systems.append(fs)
            info = fs.get_file_info(root)
            if info.type == pafs.FileType.Directory:
                selector = pafs.FileSelector(root, recursive=True)
                files = sorted(
                    (i.path for i in fs.get_file_info(selector) if i.type == pafs.FileType.File),
                    key=lambda p: PurePosixPath(p).parts,
                )
                for path in files:
                    rel = PurePosixPath(path).relative_to(PurePosixPath(root))
                    if not rel.name.startswith("."):
                        found.append({"path": path, "id": _doc_id(str(rel))})
            elif info.type == pafs.FileType.File:
                found.append({"path": root, "id": _doc_id(PurePosixPath(root).name)})
            for item in found[before:]:
                item["fs"] = len(systems) - 1
        if len(found) == before:
            found.append({"path": location, "id": location, "fs": None})  # nothing there
    for index, item in enumerate(found):
        item["index"] = index
    return found, systems


def _lines(stream: Any) -> Iterator[bytes]:
    """The lines of a pyarrow input stream, read in 1 MiB chunks."""
    rest = b""
    while chunk := stream.read(LINE_CHUNK):
        parts = (rest + chunk).split(b"\n")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


def read_remote(
    fs: Any, path: str, doc_id: str, date: str | None, max_chars: int
) -> Iterator[Article]:
    """The articles of one file on a pyarrow file system, as `read.read_file` reads a local one."""
    name = PurePosixPath(path).name
    kind = kind_of(Path(name))
    try:
        if kind == "jsonl":
            gz = name.lower().endswith(("gz", "gzip"))
            with fs.open_input_stream(path, compression="gzip" if gz else None) as stream:
                yield from read_jsonl(_lines(stream), doc_id, date, max_chars=max_chars)
            return
        size = fs.get_file_info(path).size or 0
        if size > max_chars * 4:
            raise ReadError(
                f"{doc_id}: file too large ({size:,} bytes; the limit is {max_chars:,} characters)"
            )
        with fs.open_input_stream(path) as stream:
            text = decode(stream.read(), doc_id)
        yield (from_html if kind == "html" else from_text)(text, doc_id, date, max_chars=max_chars)
    except ReadError as err:
        yield Article(id=doc_id, text="", error=str(err))
    except (OSError, EOFError) as err:
        yield Article(
            id=doc_id, text="", error=f"{doc_id}: cannot read ({err.__class__.__name__}: {err})"
        )


def _input_schema() -> Any:
    """The Arrow schema of the articles that flow from the readers to the actors."""
    import pyarrow as pa

    return pa.schema([(c, pa.string()) for c in INPUT_COLUMNS[:-1]] + [("position", pa.int64())])


def make_reader(
    systems: list[Any], date: str | None, max_chars: int, chunk: int
) -> Callable[[Any], Iterator[Any]]:
    """A `map_batches` function: input files in, tables of articles out (`chunk` rows each)."""

    def read_files(batch: Any) -> Iterator[Any]:
        import pyarrow as pa

        schema = _input_schema()
        out: list[dict[str, Any]] = []
        for item in batch.to_pylist():
            if item["fs"] is None:
                articles: Iterable[Article] = [
                    Article(id=item["id"], text="", error=f"{item['path']}: no such file or folder")
                ]
            elif item["fs"] < 0:
                articles = read_file(Path(item["path"]), item["id"], date, max_chars=max_chars)
            else:
                fs = systems[item["fs"]]
                articles = read_remote(fs, item["path"], item["id"], date, max_chars)
            for k, article in enumerate(articles):
                row = {c: getattr(article, c) for c in INPUT_COLUMNS[:-1]}
                out.append(row | {"position": (item["index"] << 32) + k})
                if len(out) >= chunk:
                    yield pa.Table.from_pylist(out, schema=schema)
                    out = []
        if out:
            yield pa.Table.from_pylist(out, schema=schema)

    return read_files


# --- the actor ---------------------------------------------------------------------------------


def analyse_batch(articles: list[Article], options: Options) -> list[Analysis]:
    """Analyse a batch; when the batch raises, analyse one by one so only the culprit fails."""
    try:
        return list(analyze_articles(articles, options))
    except Exception:  # noqa: BLE001  (one bad document must not stop the job)
        results = []
        for article in articles:
            try:
                results.append(next(analyze_articles([article], options)))
            except Exception as error:  # noqa: BLE001
                reason = f"{article.id}: analysis failed ({error.__class__.__name__}: {error})"
                results.append(failed(article, reason))
        return results


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


class Analyzer:
    """A Ray actor: loads the pipeline once, then analyses batches and writes their Parquet rows."""

    def __init__(self, fs: Any, root: str, options: Options, version: str) -> None:
        from dateline import nlp

        self.fs, self.root = fs, root
        self.options = options
        self.version = version
        self.analysed = 0  # articles since the pipeline was loaded
        nlp.load(options.model, options.stages)

    def recycle(self) -> None:
        """Reload the pipeline after RECYCLE articles, as the local ingest replaces its workers.

        spaCy's string store grows with every new word; a fresh pipeline starts it again.
        """
        from dateline import nlp

        if self.analysed < RECYCLE:
            return
        nlp.unload()
        gc.collect()
        nlp.load(self.options.model, self.options.stages)
        self.analysed = 0

    def __call__(self, batch: Any) -> Any:
        """Analyse one batch of articles; return one summary row per article."""
        import pyarrow as pa

        self.recycle()
        found: dict[str, list[dict[str, Any]]] = defaultdict(list)
        summary: dict[str, list[Any]] = {"hash": [], "id": [], "error": []}
        # The local ingest's chunks: spaCy's batch memory grows with the articles it is given.
        for start in range(0, batch.num_rows, CHUNK):
            items = batch.slice(start, CHUNK).to_pylist()
            articles = [Article(**{c: i[c] for c in INPUT_COLUMNS[:-1]}) for i in items]
            for item, analysis in zip(items, analyse_batch(articles, self.options), strict=True):
                day = analysis.date if analysis.error is None else item["date"]
                for table, table_rows in rows(
                    analysis, position=item["position"], version=self.version,
                    model=self.options.model, day=day,
                ).items():  # fmt: skip
                    found[table].extend(table_rows)
                summary["hash"].append(content_hash(analysis.text))
                summary["id"].append(analysis.id)
                summary["error"].append(analysis.error)
            del items, articles
        self.analysed += batch.num_rows
        key = hashlib.blake2b(digest_size=8)
        for hash_, id_ in zip(summary["hash"], summary["id"], strict=True):
            key.update(f"{hash_}\0{id_}\0".encode("utf-8", "surrogatepass"))
        write_tables(found, self.fs, self.root, f"part-{key.hexdigest()}")
        del found
        gc.collect()
        pa.default_memory_pool().release_unused()
        return pa.table(summary, schema=pa.schema([(k, pa.string()) for k in summary]))


def analyzer_class(fs: Any, root: str, options: Options, version: str) -> type:
    """`Analyzer` with its arguments bound in the class, so Ray ships them with the code."""

    class BoundAnalyzer(Analyzer):
        def __init__(self) -> None:
            """Load the pipeline once, with the run's output, options and version."""
            super().__init__(fs, root, options, version)

    return BoundAnalyzer


# --- the driver --------------------------------------------------------------------------------


def require_pyarrow() -> None:
    """Fail with the install line when pyarrow is missing."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ScaleError("Parquet datasets need pyarrow: pip install 'dateline[ray]'") from None


def require_ray() -> Any:
    """Import Ray and Ray Data, or explain how to install them."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise ScaleError("the ray engine needs Ray: pip install 'dateline[ray]'") from None
    return ray


def ray_address() -> str | None:
    """The cluster address from the environment, as `ray.init` reads it."""
    return os.environ.get("RAY_ADDRESS") or None


@contextmanager
def ray_session(options: ScaleOptions) -> Iterator[tuple[float, bool]]:
    """Use the running Ray, connect to `address`, or start a local Ray.

    Yields the cluster's CPUs and whether this is a local Ray started here (a fixed size).
    """
    ray = require_ray()
    started = not ray.is_initialized()
    address = options.address or ray_address()
    if started:
        try:
            ray.init(
                address=address,
                num_cpus=None if address else options.num_cpus,
                include_dashboard=False,
                log_to_driver=False,
                logging_level=logging.WARNING,
            )
        except (ConnectionError, RuntimeError, ValueError) as error:
            raise ScaleError(f"cannot start Ray: {error}") from None
    try:
        yield float(ray.cluster_resources().get("CPU", 0.0)), started and not address
    finally:
        if started:
            ray.shutdown()


def prepare_out(out: str, filesystem: Any, overwrite: bool) -> tuple[Any, str]:
    """Create the output folder; refuse one that holds a dataset unless `overwrite`."""
    from pyarrow import fs as pafs

    fs, root = filesystem_for(out, filesystem)
    info = fs.get_file_info(root)
    if info.type == pafs.FileType.File:
        raise ScaleError(f"{out}: is a file, not a folder")
    if info.type == pafs.FileType.Directory:
        held = [n for n in (MANIFEST, *TABLE_NAMES) if fs.get_file_info(f"{root}/{n}").type != 0]
        if held and not overwrite:
            raise ScaleError(f"{out}: already holds a dataset (use --overwrite to replace it)")
        for name in held:
            path = f"{root}/{name}"
            if fs.get_file_info(path).type == pafs.FileType.Directory:
                fs.delete_dir(path)
            else:
                fs.delete_file(path)
    try:
        fs.create_dir(root, recursive=True)
    except OSError as error:
        raise ScaleError(f"{out}: cannot write ({error})") from None
    return fs, root


def ingest_ray(
    paths: Sequence[str],
    out: str,
    options: ScaleOptions | None = None,
    *,
    filesystem: Any = None,
    progress: Callable[[ScaleStats], None] | None = None,
) -> ScaleStats:
    """Analyse every document under `paths` on Ray and write the Parquet dataset at `out`."""
    from dateline.nlp import resolve_model

    # Ray judges the actor pool by the one input block the file list makes; the readers then
    # make many blocks from it, so its "won't fully utilize the available concurrency" is wrong.
    warnings.filterwarnings("ignore", "The minimum number of concurrent actors", UserWarning)
    options = options or ScaleOptions()
    require_ray()  # before anything is read or created
    resolve_model(options.model)  # a missing model fails here, not in every actor
    if options.batch_size < 1 or (options.actors is not None and options.actors < 1):
        raise ScaleError("--batch-size and --workers must be at least 1")
    files, systems = inputs(paths, filesystem)
    if not any(item["fs"] is not None for item in files):
        raise ScaleError(f"nothing to read: no such file or folder: {', '.join(paths)}")
    fs, root = prepare_out(out, filesystem, options.overwrite)
    stats = ScaleStats()
    version = pipeline_version()
    with ray_session(options) as (cpus, local):
        ray = require_ray()
        stats.startup = time.monotonic() - stats.started
        actors = options.actors or max(1, int(cpus // options.actor_cpus))
        if local and actors * options.actor_cpus > cpus:  # would wait for actors forever
            raise ScaleError(f"{actors} actors of {options.actor_cpus:g} CPU need more than the "
                             f"{cpus:g} CPUs of the local Ray")  # fmt: skip
        readers = options.readers or max(1, actors // 8)
        analysis = Options(model=options.model, max_chars=options.max_chars)
        memory = {"memory": options.actor_memory} if options.actor_memory else {}
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        context = ray.data.DataContext.get_current()
        saved = {name: getattr(context, name) for name in CONTEXT}
        for name, value in CONTEXT.items():
            setattr(context, name, value)
        try:
            dataset = (
                ray.data.from_items(files, override_num_blocks=min(len(files), actors * 4))
                .map_batches(
                    make_reader(systems, options.date, options.max_chars, options.batch_size),
                    batch_size=1, batch_format="pyarrow", num_cpus=0,
                    compute=ray.data.TaskPoolStrategy(size=readers),
                )
                .map_batches(
                    analyzer_class(fs, root, analysis, version),
                    batch_size=options.batch_size, batch_format="pyarrow",
                    compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=options.actor_cpus,
                    runtime_env={"env_vars": ACTOR_ENV}, **memory,
                )
            )  # fmt: skip
            for batch in dataset.iter_batches(batch_format="pyarrow", batch_size=None):
                analysed = batch.column("error").null_count  # rows without an error
                stats.added += analysed
                stats.errors += batch.num_rows - analysed
                if progress is not None:
                    progress(stats)
        except Exception as error:  # noqa: BLE001  (Ray wraps the cause; show it in one line)
            cause = getattr(error, "cause", None) or error
            first = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
            raise ScaleError(f"the Ray job failed: {cause.__class__.__name__}: {first}") from None
        finally:
            for name, value in saved.items():
                setattr(context, name, value)
    manifest = {
        "format": FORMAT, "version": version, "model": options.model,
        "partitioning": f"hive:{PARTITION}", "tables": list(TABLE_NAMES),
        "articles": stats.added, "errors": stats.errors, "inputs": list(paths),
    }  # fmt: skip
    with fs.open_output_stream(f"{root}/{MANIFEST}") as handle:
        handle.write(json.dumps(manifest, indent=2).encode() + b"\n")
    return stats


# --- reading a dataset back, and `load` --------------------------------------------------------


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
                path, filesystem=fs, format="parquet", partitioning=partitioning,
                schema=schemas()[name],
            )  # fmt: skip
    return found


def read_dataset(
    dataset: str, filesystem: Any = None
) -> Iterator[tuple[str, str, str, int, Analysis]]:
    """(hash, version, model, position, Analysis) per document, date by date, in input order."""
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
        yield from _analyses(found)


def _analyses(
    found: dict[str, list[dict[str, Any]]],
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
            analysis = Analysis(**fields_, **lists)
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
            for hash_, version, model, _, analysis in read_dataset(dataset, filesystem):
                if writer.state(hash_, analysis.id) is not None:
                    stats.skipped += 1
                else:
                    writer.version, writer.model = version, model
                    writer.add(analysis, hash_)
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

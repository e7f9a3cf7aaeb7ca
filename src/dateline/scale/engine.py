"""The Ray engine: readers in tasks, an actor pool that analyses, each actor writing its rows."""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import time
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from dateline.analyze import Options, analyze_articles, failed
from dateline.read import MAX_CHARS
from dateline.records import Analysis, Article
from dateline.scale.sources import article_from, filesystem_for, inputs, make_reader
from dateline.scale.tables import (
    FORMAT,
    MANIFEST,
    PARTITION,
    TABLE_NAMES,
    ScaleError,
    rows,
    write_tables,
)
from dateline.store.ingest import RECYCLE as WORKER_CHUNKS
from dateline.store.ingest import IngestOptions
from dateline.store.writer import content_hash, pipeline_version

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
    raw_text: bool = False  # as `--raw-text`: no repair of the texts, no case restoration
    encoding: str | None = None  # as `--encoding`: for input that is not UTF-8


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
            articles = [article_from(i) for i in items]
            for item, analysis in zip(items, analyse_batch(articles, self.options), strict=True):
                day = analysis.date if analysis.error is None else item["date"]
                for table, table_rows in rows(
                    analysis,
                    position=item["position"],
                    version=self.version,
                    model=self.options.model,
                    day=day,
                ).items():
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


@contextmanager
def data_context(ray: Any) -> Iterator[None]:
    """Ray Data's context set to CONTEXT for one job, then put back as it was."""
    context = ray.data.DataContext.get_current()
    saved = {name: getattr(context, name) for name in CONTEXT}
    for name, value in CONTEXT.items():
        setattr(context, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(context, name, value)


def dataset_of(
    ray: Any,
    files: list,
    systems: Any,
    options: ScaleOptions,
    out: tuple[Any, str],
    version: str,
    actors: int,
) -> Any:
    """The Ray dataset: readers (tasks) turn files into articles, analyser actors write them."""
    readers = options.readers or max(1, actors // 8)
    analysis = Options(model=options.model, max_chars=options.max_chars, raw_text=options.raw_text)
    memory = {"memory": options.actor_memory} if options.actor_memory else {}
    return (
        ray.data.from_items(files, override_num_blocks=min(len(files), actors * 4))
        .map_batches(
            make_reader(
                systems,
                options.date,
                options.max_chars,
                options.batch_size,
                raw_text=options.raw_text,
                encoding=options.encoding,
            ),
            batch_size=1,
            batch_format="pyarrow",
            num_cpus=0,
            compute=ray.data.TaskPoolStrategy(size=readers),
        )
        .map_batches(
            analyzer_class(*out, analysis, version),
            batch_size=options.batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=actors),
            num_cpus=options.actor_cpus,
            runtime_env={"env_vars": ACTOR_ENV},
            **memory,
        )
    )


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
            raise ScaleError(
                f"{actors} actors of {options.actor_cpus:g} CPU need more than the "
                f"{cpus:g} CPUs of the local Ray"
            )
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        with data_context(ray):
            try:
                dataset = dataset_of(ray, files, systems, options, (fs, root), version, actors)
                for batch in dataset.iter_batches(batch_format="pyarrow", batch_size=None):
                    analysed = batch.column("error").null_count  # rows without an error
                    stats.added += analysed
                    stats.errors += batch.num_rows - analysed
                    if progress is not None:
                        progress(stats)
            except Exception as error:  # noqa: BLE001  (Ray wraps the cause; show it in one line)
                cause = getattr(error, "cause", None) or error
                first = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
                raise ScaleError(
                    f"the Ray job failed: {cause.__class__.__name__}: {first}"
                ) from None
    manifest = {
        "format": FORMAT,
        "version": version,
        "model": options.model,
        "partitioning": f"hive:{PARTITION}",
        "tables": list(TABLE_NAMES),
        "articles": stats.added,
        "errors": stats.errors,
        "inputs": list(paths),
    }
    with fs.open_output_stream(f"{root}/{MANIFEST}") as handle:
        handle.write(json.dumps(manifest, indent=2).encode() + b"\n")
    return stats

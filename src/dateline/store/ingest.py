"""Ingest: read, skip what is stored, analyse in worker processes, write from one process."""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dateline.analyze import Options, analyze_articles, checked
from dateline.nlp import resolve_model
from dateline.read import MAX_CHARS, expand, kind_of, read
from dateline.records import Analysis, Article
from dateline.store.workers import RECYCLE, run_workers
from dateline.store.writer import NotStored, Writer, content_hash

Item = tuple[str, bool, Article]  # (content hash, replaces a stored older analysis, article)


@dataclass(frozen=True)
class IngestOptions:
    """How to ingest: model, worker processes, commit batch, and whether to rerun old analyses."""

    model: str = Options().model
    workers: int = 1
    reprocess: bool = False
    batch: int = 64
    chunk: int = 8
    max_chars: int = MAX_CHARS
    raw_text: bool = False  # as `--raw-text`: no repair of the texts, no case restoration
    encoding: str | None = None  # as `--encoding`: for input that is not UTF-8
    timeout: float = 600.0  # seconds a worker may spend on one article before it is replaced


@dataclass
class IngestStats:
    """Counts so far: articles added, already stored (skipped), reprocessed, and errors."""

    added: int = 0
    skipped: int = 0
    reprocessed: int = 0
    errors: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> int:
        """Documents handled so far."""
        return self.added + self.skipped + self.errors

    @property
    def rate(self) -> float:
        """Documents handled per second."""
        return self.done / max(time.monotonic() - self.started, 1e-9)


def count_documents(paths: Iterable[str]) -> int | None:
    """How many documents the paths hold (JSONL lines counted); None when reading stdin."""
    import gzip

    total = 0
    for path in paths:
        if path == "-":
            return None
        try:
            files = list(expand(path))
        except OSError:
            files = []
        for file, _ in files:
            if kind_of(file) != "jsonl":
                total += 1
                continue
            opener = gzip.open if file.name.lower().endswith(("gz", "gzip")) else open
            try:
                with opener(file, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except Exception:  # noqa: BLE001  (a count only: reading reports the error)
                total += 1
    return total


__all__ = ["RECYCLE", "IngestOptions", "IngestStats", "count_documents", "ingest"]


def ingest(
    paths: Iterable[str],
    db: str | Path,
    options: IngestOptions | None = None,
    progress: Callable[[IngestStats], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> IngestStats:
    """Ingest every document under `paths` into the store at `db`; safe to rerun after a crash.

    `warn` is told each reader's warning (an encoding detected, a date that cannot be read)
    and each stage that failed for a document (its other records are stored). `workers` worker
    processes analyse (a crash or a hang costs one document); 0 analyses in this process.
    """
    options = options or IngestOptions()
    resolve_model(options.model)  # fail before starting: a worker that cannot load would respawn
    stats = IngestStats()
    writer = Writer(db, model=options.model, batch=options.batch)
    analysis_options = Options(
        model=options.model, max_chars=options.max_chars, raw_text=options.raw_text
    )

    def todo() -> Iterator[Item]:
        read_all = read(
            list(paths),
            max_chars=options.max_chars,
            raw_text=options.raw_text,
            encoding=options.encoding,
        )
        for article in read_all:
            for warning in article.warnings if warn else ():
                warn(warning)
            article = checked(article, options.max_chars)  # safe ids; unanalysable text refused
            if article.error is not None:
                writer.add(Analysis(id=article.id, text="", error=article.error))
                stats.errors += 1
                report()
                continue
            key = content_hash(article.text)
            state = writer.state(key, article.id)
            if state is not None and (not options.reprocess or writer.is_current(state)):
                stats.skipped += 1
                report()
                continue
            yield key, state is not None and state[0] == "article", article

    def report() -> None:
        if progress is not None:
            progress(stats)

    def store(items: list[Item], results: list[Analysis]) -> None:
        for (key, replace, article), analysis in zip(items, results, strict=True):
            for warning in analysis.warnings if warn else ():
                if warning not in article.warnings:  # the reader's were told when read
                    warn(warning)
            try:
                if analysis.error is not None:
                    stats.errors += 1
                    writer.add(analysis, key)
                elif writer.add(analysis, key, replace=replace):
                    stats.added += 1
                    stats.reprocessed += replace
                else:
                    stats.skipped += 1
            except NotStored:  # the writer stored the reason in `errors` instead
                stats.errors += 1
        report()

    try:
        if options.workers < 1:  # in this process: fastest to start, but a crash stops it
            run_inline(todo(), analysis_options, store, options.chunk)
        else:
            run_pool(todo(), analysis_options, store, options)
    finally:
        writer.close()  # commits whole articles only: each one is added under a savepoint
    report()
    return stats


def chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    """Group a stream into lists of `size`."""
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_inline(
    items: Iterator[Item],
    options: Options,
    store: Callable[[list[Item], list[Analysis]], None],
    size: int,
) -> None:
    """Analyse in this process, streaming through one `nlp.pipe`."""
    window: deque[Item] = deque()

    def articles() -> Iterator[Article]:
        for item in items:
            window.append(item)
            yield item[2]

    for analysis in analyze_articles(articles(), options):
        store([window.popleft()], [analysis])


def run_pool(
    items: Iterator[Item],
    options: Options,
    store: Callable[[list[Item], list[Analysis]], None],
    ingest_options: IngestOptions,
) -> None:
    """Analyse in worker processes; at most a few chunks per worker are in flight (flat memory)."""
    run_workers(
        chunks(items, ingest_options.chunk),
        lambda chunk: [item[2] for item in chunk],
        store,
        options,
        ingest_options.workers,
        ingest_options.timeout,
    )


def default_workers() -> int:
    """One worker per available core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1

"""Rich progress bars on stderr for ingest and analyze: articles/s, errors so far and ETA."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from dateline.store.ingest import IngestStats, count_documents


def _bar(label: str, paths: Sequence[str], console: Console, *extra: TextColumn) -> tuple:
    """A progress bar on `console` and its task; the total is counted in a background thread."""
    progress = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TextColumn("[red]{task.fields[errors]} errors"),
        *extra,
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )
    task = progress.add_task(label, total=None, rate=0.0, errors=0, skipped=0)

    def count() -> None:
        try:
            total = count_documents(paths)
        except Exception:  # noqa: BLE001  (the bar is optional: no total, no ETA)
            return
        if total is not None:
            progress.update(task, total=total)

    if "-" not in paths:
        threading.Thread(target=count, daemon=True).start()
    return progress, task


@contextmanager
def ingest_bar(paths: Sequence[str], quiet: bool) -> Iterator:
    """Yield a callback that updates the ingest progress bar on stderr (None when quiet)."""
    if quiet:
        yield None
        return
    already = TextColumn("{task.fields[skipped]} already stored")
    progress, task = _bar("ingest", paths, Console(stderr=True), already)

    def update(stats: IngestStats) -> None:
        progress.update(
            task, completed=stats.done, rate=stats.rate, errors=stats.errors, skipped=stats.skipped
        )

    with progress:
        yield update


@contextmanager
def analyze_bar(paths: Sequence[str], show: bool | None) -> Iterator:
    """Yield (update(done, errors), say(line)) for `analyze`; the bar is drawn on stderr when
    `show`, or when `show` is None and stderr is a terminal. `say` prints above the bar."""
    console = Console(stderr=True)
    if not (console.is_terminal if show is None else show):
        yield None, lambda line: console.print(line, markup=False, highlight=False, soft_wrap=True)
        return
    progress, task = _bar("analyze", paths, console)
    start = time.monotonic()

    def update(done: int, errors: int) -> None:
        rate = done / max(time.monotonic() - start, 1e-6)
        progress.update(task, completed=done, rate=rate, errors=errors)

    def say(line: str) -> None:
        progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

    with progress:
        yield update, say

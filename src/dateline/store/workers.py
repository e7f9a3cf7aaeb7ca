"""Worker processes for ingest: a crashed or hung worker costs one document, never the batch."""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from dateline.analyze import Options, analyze_articles, failed
from dateline.records import Analysis, Article

RECYCLE = 500  # chunks per worker process before it is replaced (4,000 articles)
STOP = None
READY = "ready"
START_TIMEOUT = 300.0  # seconds for a new worker to load the pipeline


def serve(conn: Connection, options: Options) -> None:
    """A worker's loop: load the pipeline once, then analyse each list sent, one reply per article."""
    from dateline import nlp

    nlp.load(options.model)
    conn.send(READY)
    while True:
        try:
            articles = conn.recv()
        except (EOFError, OSError):
            return
        if articles is STOP:
            return
        for i, analysis in enumerate(analyze_articles(articles, options)):
            conn.send((i, analysis))


@dataclass
class Job:
    """Articles of one chunk sent to a worker: their positions in the chunk and the articles."""

    chunk: int
    positions: list[int]
    articles: list[Article]
    done: set[int] = field(default_factory=set)


class IngestWorker:
    """One worker process and the job it is running."""

    def __init__(self, context: Any, options: Options, target: Callable = serve) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=target, args=(child, options), daemon=True)
        self.process.start()
        child.close()
        self.job: Job | None = None
        self.deadline = 0.0
        self.chunks = 0
        self.ready = False  # the pipeline is loaded: the time per article counts from then

    def send(self, job: Job, timeout: float) -> None:
        """Start a job; the worker has `timeout` seconds per article to answer."""
        self.job, self.timeout = job, timeout
        self.restart_clock()
        self.chunks += 1
        self.conn.send(job.articles)

    def restart_clock(self) -> None:
        """The deadline for the articles of the job not answered yet."""
        assert self.job is not None
        left = len(self.job.articles) - len(self.job.done)
        start = 0.0 if self.ready else START_TIMEOUT
        self.deadline = time.monotonic() + start + self.timeout * left

    def stop(self, kill: bool = False) -> None:
        """End the process: politely when idle, at once when it is stuck."""
        if not kill:
            try:
                self.conn.send(STOP)
            except OSError:
                kill = True
        if kill:
            self.process.kill()
        self.process.join(5 if not kill else None)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def run_workers(
    chunks: Iterator[list[Any]],
    articles_of: Callable[[list[Any]], list[Article]],
    store: Callable[[list[Any], list[Analysis]], None],
    options: Options,
    workers: int,
    timeout: float,
    target: Callable[[Connection, Options], None] = serve,
) -> None:
    """Analyse chunks in `workers` processes and store their results in input order.

    A job whose worker dies or passes its time is split: the articles not yet answered go
    again one by one to a fresh worker, and an article that kills a worker alone is stored as
    its error (so a rerun skips it instead of stopping at the same place).
    """
    context = mp.get_context("spawn")
    pool = [IngestWorker(context, options, target) for _ in range(workers)]
    queue: deque[Job] = deque()
    held: dict[int, tuple[list[Any], list[Analysis | None]]] = {}
    next_chunk = number = 0
    exhausted = False

    def flush() -> None:
        nonlocal next_chunk
        while next_chunk in held and all(r is not None for r in held[next_chunk][1]):
            items, results = held.pop(next_chunk)
            store(items, results)  # type: ignore[arg-type]
            next_chunk += 1

    def lost(worker: IngestWorker, reason: str) -> None:
        job = worker.job
        assert job is not None
        left = [i for i in range(len(job.articles)) if i not in job.done]
        if len(left) == 1:
            article = job.articles[left[0]]
            held[job.chunk][1][job.positions[left[0]]] = failed(article, f"{article.id}: {reason}")
        else:
            for i in reversed(left):  # one by one, ahead of new work
                queue.appendleft(Job(job.chunk, [job.positions[i]], [job.articles[i]]))
        pool[pool.index(worker)] = IngestWorker(context, options, target)
        worker.job = None
        worker.stop(kill=True)

    try:
        while True:
            while not exhausted and not queue and len(held) < workers * 3:
                items = next(chunks, None)
                if items is None:
                    exhausted = True
                    break
                batch = articles_of(items)
                held[number] = (items, [None] * len(batch))
                queue.append(Job(number, list(range(len(batch))), batch))
                number += 1
            for i, worker in enumerate(pool):
                if worker.job is None and worker.chunks >= RECYCLE:
                    worker.stop()
                    pool[i] = worker = IngestWorker(context, options, target)
                if worker.job is None and queue:
                    try:
                        worker.send(queue.popleft(), timeout)
                    except OSError:  # it died while idle
                        lost(worker, "the analysis worker died before answering; left out")
            busy = [w for w in pool if w.job is not None]
            if not busy:
                flush()
                if exhausted and not queue:
                    break
                continue
            wait_for = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], wait_for)
            for worker in busy:
                if worker.conn in ready:
                    try:
                        while worker.conn.poll():
                            message = worker.conn.recv()
                            job = worker.job
                            if message == READY:
                                worker.ready = True
                            else:
                                i, analysis = message
                                held[job.chunk][1][job.positions[i]] = analysis
                                job.done.add(i)
                            worker.restart_clock()
                    except (EOFError, OSError):
                        pass
                    if worker.job is not None and len(worker.job.done) == len(worker.job.articles):
                        worker.job = None
                        continue
                if not worker.process.is_alive():
                    code = worker.process.exitcode
                    lost(worker, f"the analysis worker died (exit code {code}); left out")
                elif time.monotonic() > worker.deadline:
                    lost(worker, f"analysis took over {timeout:g} s; stopped and left out")
            flush()
    finally:
        for worker in pool:
            worker.stop(kill=worker.job is not None)

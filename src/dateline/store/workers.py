"""Worker processes for ingest: a crashed or hung worker costs one document, never the batch."""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
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
    new_worker = partial(IngestWorker, context, options, target)
    run = _Run(chunks, articles_of, store, new_worker, workers, timeout)
    try:
        run.loop()
    finally:
        for worker in run.pool:
            worker.stop(kill=worker.job is not None)


class _Run:
    """One call of `run_workers`: the pool, the jobs queued and the results held until their
    chunk is whole."""

    def __init__(
        self,
        chunks: Iterator[list[Any]],
        articles_of: Callable[[list[Any]], list[Article]],
        store: Callable[[list[Any], list[Analysis]], None],
        new_worker: Callable[[], IngestWorker],
        workers: int,
        timeout: float,
    ) -> None:
        self.chunks, self.articles_of, self.store = chunks, articles_of, store
        self.new_worker, self.workers, self.timeout = new_worker, workers, timeout
        self.pool = [new_worker() for _ in range(workers)]
        self.queue: deque[Job] = deque()
        self.held: dict[int, tuple[list[Any], list[Analysis | None]]] = {}
        self.next_chunk = self.number = 0
        self.exhausted = False

    def loop(self) -> None:
        """Queue, send, wait and collect until every chunk is stored."""
        while True:
            self.fill()
            self.dispatch()
            busy = [w for w in self.pool if w.job is not None]
            if not busy:
                self.flush()
                if self.exhausted and not self.queue:
                    return
                continue
            wait_for = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], wait_for)
            for worker in busy:
                if worker.conn in ready and self.receive(worker):
                    continue
                if not worker.process.is_alive():
                    code = worker.process.exitcode
                    self.lost(worker, f"the analysis worker died (exit code {code}); left out")
                elif time.monotonic() > worker.deadline:
                    self.lost(
                        worker, f"analysis took over {self.timeout:g} s; stopped and left out"
                    )
            self.flush()

    def fill(self) -> None:
        """Queue the next chunks while the queue is empty and few chunks are held."""
        while not self.exhausted and not self.queue and len(self.held) < self.workers * 3:
            items = next(self.chunks, None)
            if items is None:
                self.exhausted = True
                return
            batch = self.articles_of(items)
            self.held[self.number] = (items, [None] * len(batch))
            self.queue.append(Job(self.number, list(range(len(batch))), batch))
            self.number += 1

    def dispatch(self) -> None:
        """Recycle idle workers that have done enough, and give idle workers a job."""
        for i, worker in enumerate(self.pool):
            if worker.job is None and worker.chunks >= RECYCLE:
                worker.stop()
                self.pool[i] = worker = self.new_worker()
            if worker.job is None and self.queue:
                try:
                    worker.send(self.queue.popleft(), self.timeout)
                except OSError:  # it died while idle
                    self.lost(worker, "the analysis worker died before answering; left out")

    def receive(self, worker: IngestWorker) -> bool:
        """Take a worker's answers; True when its job is complete (the worker is idle again)."""
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                job = worker.job
                if message == READY:
                    worker.ready = True
                else:
                    i, analysis = message
                    self.held[job.chunk][1][job.positions[i]] = analysis
                    job.done.add(i)
                worker.restart_clock()
        except (EOFError, OSError):
            pass
        if worker.job is not None and len(worker.job.done) == len(worker.job.articles):
            worker.job = None
            return True
        return False

    def flush(self) -> None:
        """Store the chunks that are whole, in input order."""
        while self.next_chunk in self.held and all(
            r is not None for r in self.held[self.next_chunk][1]
        ):
            items, results = self.held.pop(self.next_chunk)
            self.store(items, results)  # type: ignore[arg-type]
            self.next_chunk += 1

    def lost(self, worker: IngestWorker, reason: str) -> None:
        """A worker died or ran out of time: replace it; its unanswered articles go again one
        by one, and an article it had alone is stored as its error."""
        job = worker.job
        assert job is not None
        left = [i for i in range(len(job.articles)) if i not in job.done]
        if len(left) == 1:
            article = job.articles[left[0]]
            self.held[job.chunk][1][job.positions[left[0]]] = failed(
                article, f"{article.id}: {reason}"
            )
        else:
            for i in reversed(left):  # one by one, ahead of new work
                self.queue.appendleft(Job(job.chunk, [job.positions[i]], [job.articles[i]]))
        self.pool[self.pool.index(worker)] = self.new_worker()
        worker.job = None
        worker.stop(kill=True)

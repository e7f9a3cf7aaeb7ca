"""Analyses for the web app in worker processes, each with a hard time and memory limit."""

from __future__ import annotations

import multiprocessing as mp
import re
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from dateline.records import Analysis

START_TIMEOUT = 180.0  # seconds for a new worker to load the pipeline


class Busy(Exception):
    """Every analysis slot is taken."""


class Failed(Exception):
    """The analysis ran out of time or memory and its worker was stopped."""


def vm_size() -> int:
    """This process's virtual memory size in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/status") as status:
            found = re.search(r"VmSize:\s+(\d+)", status.read())
    except OSError:
        return 0
    return int(found.group(1)) * 1024 if found else 0


def serve(conn: Connection, memory: int) -> None:
    """A worker: load the pipeline, cap the address space at its size plus `memory`, analyse."""
    import dateline

    dateline.analyze("The minister said on Monday that talks would resume.")  # loads and warms
    base = vm_size()
    if base and memory:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (base + memory, base + memory))
    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            result = dateline.analyze(**request)
        except MemoryError:
            conn.send(("memory", None))
            return  # what ran out of memory may be half-built: this worker ends
        conn.send(("ok", result))
        if result.error is not None and "MemoryError" in result.error:
            return


@dataclass
class AnalysisWorker:
    """One worker process and its end of the pipe."""

    process: Any
    conn: Connection

    def stop(self) -> None:
        """Kill the process at once (a timed-out analysis is cancelled, not left running)."""
        self.process.kill()
        self.process.join()
        self.conn.close()


class AnalysisPool:
    """At most `size` analyses at once, each in a worker process killed at `timeout` seconds."""

    def __init__(self, size: int = 2, timeout: float = 60.0, memory_mb: int = 2048) -> None:
        self.slots = threading.BoundedSemaphore(size)
        self.timeout = timeout
        self.memory = memory_mb * 2**20
        self.idle: list[AnalysisWorker] = []
        self.lock = threading.Lock()
        self.context = mp.get_context("spawn")

    def start(self) -> AnalysisWorker:
        """A new worker, ready to analyse."""
        parent, child = self.context.Pipe()
        process = self.context.Process(target=serve, args=(child, self.memory), daemon=True)
        process.start()
        child.close()
        worker = AnalysisWorker(process, parent)
        if not parent.poll(START_TIMEOUT) or parent.recv() != "ready":
            worker.stop()
            raise Failed("the analysis worker did not start")
        return worker

    def warm(self) -> None:
        """Start one worker ahead of the first request (the pipeline takes seconds to load)."""
        worker = self.start()
        with self.lock:
            self.idle.append(worker)

    def analyze(self, **request: Any) -> Analysis:
        """Analyse in a worker; Busy when every slot is taken, Failed past the time or memory."""
        if not self.slots.acquire(blocking=False):
            raise Busy("the server is busy analysing; retry in a few seconds")
        try:
            with self.lock:
                worker = self.idle.pop() if self.idle else None
            if worker is None or not worker.process.is_alive():
                worker = self.start()
            try:
                worker.conn.send(request)
                if not worker.conn.poll(self.timeout):
                    raise Failed(f"the analysis took over {self.timeout:g} s and was stopped")
                status, result = worker.conn.recv()
            except Failed:
                worker.stop()
                raise
            except (EOFError, OSError):
                worker.stop()
                raise Failed("the analysis ran out of memory or crashed and was stopped") from None
            if status != "ok" or "MemoryError" in (result.error or ""):
                worker.stop()
                raise Failed("the analysis ran out of memory and was stopped")
            with self.lock:
                self.idle.append(worker)
            return result
        finally:
            self.slots.release()

    def close(self) -> None:
        """Stop the idle workers."""
        with self.lock:
            workers, self.idle = self.idle, []
        for worker in workers:
            worker.stop()

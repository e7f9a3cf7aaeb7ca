"""A bounded load test of a running `dateline serve`: N requests over C connections per URL.

Usage:
    python benchmarks/web_load.py http://127.0.0.1:8000 [--paths /,/events] [-n 2000] [-c 20]
    python benchmarks/web_load.py http://127.0.0.1:8000 --during-analyze 100000

Prints, per path, requests per second, p50/p99 latency and errors (non-2xx or failed), and the
machine's load average. --during-analyze N posts an N-character article to /api/analyze and,
while it runs, times GET / once a second (the page must not wait for the analysis).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import time

import httpx


async def load(base: str, path: str, total: int, connections: int) -> dict:
    """`total` GETs of `path` over `connections` concurrent connections."""
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(total):
        queue.put_nowait(i)
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty():
            queue.get_nowait()
            started = time.perf_counter()
            try:
                response = await client.get(path)
                if response.status_code >= 300:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - started)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(connections)))
        wall = time.perf_counter() - started
    latencies.sort()
    return {
        "path": path, "requests": total, "rps": total / wall, "errors": errors,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
    }  # fmt: skip


async def during_analyze(base: str, chars: int, letters: bool, limit: float = 150) -> None:
    """Time GET / once a second while a long /api/analyze runs."""
    sentence = "Officials in Kyiv said on Monday that 40 people had been evacuated after floods. "
    text = "A" * chars if letters else (sentence * (chars // len(sentence) + 1))[:chars]
    async with httpx.AsyncClient(base_url=base, timeout=600) as client:
        started = time.perf_counter()
        post = asyncio.create_task(client.post("/api/analyze", json={"text": text}))
        pages: list[float] = []
        while not post.done() and time.perf_counter() - started < limit:
            t = time.perf_counter()
            with contextlib.suppress(httpx.HTTPError):
                await client.get("/", timeout=120)
            pages.append(time.perf_counter() - t)
            await asyncio.sleep(1)
        if not post.done():
            post.cancel()
            print(f"POST /api/analyze ({chars:,} chars) still running after {limit:.0f} s")
            print(f"GET / while analysing: {len(pages)} requests, max {max(pages) * 1000:.0f} ms")
            return
        try:
            reply = await post
        except httpx.HTTPError as error:
            print(f"POST /api/analyze failed: {error!r}")
            return
        took = time.perf_counter() - started
        print(f"POST /api/analyze ({chars:,} chars) -> {reply.status_code} after {took:.1f} s: "
              f"{reply.text[:100]!r}")  # fmt: skip
        if pages:
            print(f"GET / while analysing: {len(pages)} requests, max {max(pages) * 1000:.0f} ms")


def main() -> None:
    """Run the load test or the analyze probe and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--paths", default="/,/events")
    parser.add_argument("-n", type=int, default=2000)
    parser.add_argument("-c", type=int, default=20)
    parser.add_argument("--during-analyze", type=int, metavar="CHARS")
    parser.add_argument("--letters", action="store_true", help="post CHARS x 'A', not prose")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}")
    if args.during_analyze:
        asyncio.run(during_analyze(args.base, args.during_analyze, args.letters))
    else:
        for path in args.paths.split(","):
            row = asyncio.run(load(args.base, path, args.n, args.c))
            print(f"{row['path']:10} {row['requests']} requests, {args.c} connections: "
                  f"{row['rps']:.0f} req/s, p50 {row['p50_ms']:.0f} ms, "
                  f"p99 {row['p99_ms']:.0f} ms, {row['errors']} errors", flush=True)  # fmt: skip
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

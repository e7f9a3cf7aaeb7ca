"""Benchmark: the web app over a 10,000-article store (not a test; run it by hand).

    python benchmarks/web_speed.py [--articles 10000] [--db /tmp/bench.db]

Builds the store from the web fixtures' analyses (analysed once, then copied with new ids,
dates, a distinct last sentence and jittered places; no spaCy per copy), then reports the
median server time of the article page, a search and the events page over 50 requests each,
and, when Chromium and chromedriver are there, how long /events with up to 5,000 map points
takes to load and lay out in headless Chromium.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import statistics
import time
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "web"


def build(db: Path, n: int) -> None:
    """Write `n` articles: copies of the analysed fixtures with new ids, dates and places."""
    from dateline.analyze import Options, analyze_articles
    from dateline.read import read
    from dateline.store.writer import Writer

    base = [a for a in analyze_articles(read([str(FIXTURES)])) if a.error is None]
    rng = random.Random(8)
    words = [
        "harbour",
        "grain",
        "ministry",
        "border",
        "talks",
        "ceasefire",
        "budget",
        "river",
        "council",
        "envoy",
    ]
    writer = Writer(db, model=Options().model, batch=500)
    try:
        for i in range(n):
            a = base[i % len(base)]
            day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(700))
            tail = " " + " ".join(rng.choice(words) for _ in range(12)) + f" {i}."
            places = tuple(
                dataclasses.replace(
                    p, lat=p.lat + rng.uniform(-8, 8), lon=p.lon + rng.uniform(-8, 8)
                )
                if p.lat is not None and p.lon is not None
                else p
                for p in a.places
            )
            writer.add(dataclasses.replace(a, id=f"{a.id}-{i}", date=day.isoformat(),
                                           text=a.text + tail, places=places))  # fmt: skip
    finally:
        writer.close()


def median_ms(client, url: str, runs: int = 50) -> float:  # noqa: ANN001
    """Median wall time of `runs` GETs through the ASGI app (server time, no network)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main() -> None:
    """Build the store if needed and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", default="/tmp/dateline-bench-web.db")
    args = parser.parse_args()
    db = Path(args.db)
    if not db.exists():
        start = time.perf_counter()
        build(db, args.articles)
        print(f"built {args.articles} articles in {time.perf_counter() - start:.1f} s -> {db}")
    from fastapi.testclient import TestClient

    from dateline.web import create_app

    client = TestClient(create_app(db))
    some = client.get("/api/articles?limit=1&offset=5000").json()["items"][0]["id"]
    for label, url in (
        ("article page", f"/articles/{some}"),
        ("search 'talks'", "/search?q=talks"),
        ("search 'grain ministry' 2026", "/search?q=grain+ministry&since=2026"),
        ("events page (map + timeline)", "/events"),
        ("overview", "/"),
    ):
        print(f"{label:32} median {median_ms(client, url, 20 if 'events' in url else 50):7.1f} ms")
    import shutil

    if shutil.which("chromium") and shutil.which("chromedriver"):
        browser(db)


def browser(db: Path) -> None:
    """Load /events in headless Chromium and report load and layout time and the point count."""
    import socket
    import subprocess
    import sys
    import tempfile
    import urllib.request

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-c", "from dateline.cli import run; run()", "serve",
                             "--db", str(db), "--port", str(port)], stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except OSError:
                time.sleep(0.05)
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     f"--user-data-dir={tempfile.mkdtemp()}"):  # fmt: skip
            options.add_argument(flag)
        chrome = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
        try:
            for _ in range(3):
                start = time.perf_counter()
                chrome.get(f"http://127.0.0.1:{port}/events")
                points = chrome.execute_script(
                    "document.body.getBoundingClientRect();"
                    "return document.querySelectorAll('svg.map circle').length;"
                )
                wall = (time.perf_counter() - start) * 1000
                nav = chrome.execute_script(
                    "const n = performance.getEntriesByType('navigation')[0];"
                    "return [n.responseEnd - n.requestStart, n.loadEventEnd - n.responseEnd];"
                )
                print(f"chromium /events: {points} points; load+layout {wall:.0f} ms "
                      f"(response {nav[0]:.0f} ms, parse to load {nav[1]:.0f} ms)")  # fmt: skip
        finally:
            chrome.quit()
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()

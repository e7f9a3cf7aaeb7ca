"""Benchmark: the web app over a 10,000-article store (not a test; run it by hand).

    python benchmarks/web_speed.py [--articles 10000] [--db /tmp/bench.db]

Builds the store from the web fixtures' analyses (analysed once, then copied with new ids,
dates, a distinct last sentence and jittered places; an event without a place gets one of its
article's located places, so the map has thousands; no spaCy per copy), then reports the median
server time of every page and of the map's points over 50 requests each (20 for /events).
`benchmarks/web_map.py` measures the map in headless Chromium on the same store.
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


def build(db: Path, n: int, spread: bool = False) -> None:
    """Write `n` articles: copies of the analysed fixtures with new ids, dates and places.

    Places are jittered by up to 8 degrees, or with `spread` put anywhere on land-ish latitudes
    (the map's worst case: every point in its own pixel).
    """
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
                dataclasses.replace(p, lat=rng.uniform(-55, 70), lon=rng.uniform(-180, 180))
                if spread and p.lat is not None
                else dataclasses.replace(
                    p, lat=p.lat + rng.uniform(-8, 8), lon=p.lon + rng.uniform(-8, 8)
                )
                if p.lat is not None and p.lon is not None
                else p
                for p in a.places
            )
            located = [j for j, p in enumerate(places) if p.lat is not None]
            events = tuple(
                dataclasses.replace(e, place=rng.choice(located))
                if e.place is None and located
                else e
                for e in a.events
            )
            writer.add(dataclasses.replace(a, id=f"{a.id}-{i}", date=day.isoformat(),
                                           text=a.text + tail, places=places,
                                           events=events))  # fmt: skip
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
    speaker = client.get("/api/people?rank=quoted&top=1").json()["items"][0]["name"]
    person = client.get("/people/by-name", params={"name": speaker}, follow_redirects=False)
    located = client.get("/api/events/map?limit=20000").json()["points"]
    print(f"store: {db}, {len(located):,} located events (up to 20,000 counted)")
    for label, url, runs in (
        ("overview", "/", 50),
        ("article page", f"/articles/{some}", 50),
        ("search 'talks'", "/search?q=talks", 50),
        ("search 'grain ministry' 2026", "/search?q=grain+ministry&since=2026", 50),
        ("person page (top speaker)", person.headers["location"], 50),
        ("events page", "/events", 20),
        ("events page 50", "/events?page=50", 20),
        ("events page type=AGREE 2026", "/events?type=AGREE&since=2026", 20),
        ("map points (5,000)", "/api/events/map", 20),
    ):
        print(f"{label:32} median {median_ms(client, url, runs):7.1f} ms")


if __name__ == "__main__":
    main()

"""Query speed over a large store: median time of each query over a synthetic store of N articles.

Usage: python benchmarks/ingest_query_speed.py [--n 10000] [--db FILE]

The articles are generated here (random speakers, outlets, places and event types over two
years; 20 quotes and 5 events per article by default, as in real political news) and written with the store's writer, with no model, so the store has the size and shape
of a real one. Each query runs 7 times in one process and the median is printed. The target is
under 200 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from dateline.records import (
    Actor,
    Analysis,
    Block,
    Cue,
    Entity,
    Event,
    Mention,
    Place,
    Quote,
    Speaker,
)
from dateline.store import Store
from dateline.store.writer import Writer

PEOPLE = [
    ("Vladimir Putin", "RUS"), ("Donald Trump", "USA"), ("Volodymyr Zelensky", "UKR"),
    ("Olaf Scholz", "DEU"), ("Emmanuel Macron", "FRA"), ("Xi Jinping", "CHN"),
    ("Recep Tayyip Erdogan", "TUR"), ("Keir Starmer", "GBR"), ("Ursula von der Leyen", "EUR"),
    ("Narendra Modi", "IND"),
] + [(f"Official Number{i} Person{i}", "XXX") for i in range(200)]  # fmt: skip
OUTLETS = ["Harbor Wire", "Continental Press", "Black Sea Daily", "Northern Ledger", "Gazette"]
PLACES = [("Kursk", "RU"), ("Odesa", "UA"), ("Kharkiv", "UA"), ("Gaza", "PS"), ("Brussels", "BE")]
TYPES = ["ASSAULT", "CONSULT", "ACCUSE", "AGREE", "REJECT", "THREATEN", "AID", "PROTEST"]
WORDS = [
    "ceasefire",
    "talks",
    "sanctions",
    "border",
    "grain",
    "drones",
    "power",
    "minister",
    "council",
    "election",
    "budget",
    "troops",
    "refugees",
    "tariffs",
    "summit",
    "treaty",
    "pipeline",
    "reactor",
    "harvest",
    "strike",
    "protest",
    "court",
]


def article(n: int, rng: random.Random, per: int = 20) -> Analysis:
    """One synthetic article: two people, `per` quotes and `per` events, a place."""
    (name, country), (other, other_country) = rng.sample(PEOPLE, 2)
    place, cc = rng.choice(PLACES)
    kind = rng.choice(TYPES)
    date = f"{rng.choice([2025, 2026])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    topic = " ".join(rng.choices(WORDS, k=12))
    said = f'"We will not accept {other} setting terms on {topic} {n}," {name} said.'
    text = (
        f"date: {date}\n\n{place.upper()} (Wire) — {name} met {other} in {place} on report {n} "
        f"about {topic}. {said} Officials described {' '.join(rng.choices(WORDS, k=40))}."
    )
    q0 = text.index('"We')
    q1 = text.index('," ', q0) + 2
    s0 = text.index(name, q1)
    p0 = text.index(place, text.index("in "))
    return Analysis(
        id=f"syn-{n}", text=text, date=date, source=rng.choice(OUTLETS), title=f"Report {n}",
        blocks=(Block("body", text.index(place.upper()), len(text)),),
        entities=(
            Entity("e1", name, "PERSON", country, None, (Mention(s0, s0 + len(name), name),)),
            Entity("e2", other, "PERSON", other_country, None, ()),
        ),
        quotes=tuple(
            Quote(q0, q1, f"{text[q0:q1]} ({i})", "direct", Speaker("e1", name, s0, s0 + len(name)),
                  Cue(s0 + len(name) + 1, s0 + len(name) + 5, "said"))
            for i in range(per)
        ),
        places=(Place(p0, p0 + len(place), place, place, "city", cc),),
        events=tuple(
            Event(rng.choice(TYPES) if i else kind, q0, q1, f"{text[q0:q1]} ({i})",
                  actor=Actor("e1", name, country, "GOV"),
                  recipient=Actor("e2", other, other_country, "GOV"), place=0, date=date)
            for i in range(max(1, per // 4))
        ),
    )  # fmt: skip


QUERIES = {
    "quotes --speaker Putin --about sanctions --since 2025-12-01": lambda s: s.quotes(
        speaker="Putin", about="sanctions", since="2025-12-01"
    ),
    "quotes --source Gazette": lambda s: s.quotes(source="Gazette"),
    "events --type ASSAULT --place Kursk": lambda s: s.events(type="ASSAULT", place="Kursk"),
    "events --actor RUS --since 2026-01-01": lambda s: s.events(actor="RUS", since="2026-01-01"),
    "events --country UA": lambda s: s.events(country="UA"),
    "timeline Zelensky": lambda s: s.timeline("Zelensky"),
    "people --top 20": lambda s: s.people(top=20),
    "people --rank active --by-source": lambda s: s.people("active", by_source=True),
    "search ceasefire": lambda s: s.search("ceasefire"),
    "show syn-42": lambda s: s.show("syn-42"),
}


def main() -> None:
    """Build the store (unless --db exists) and time the queries."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument(
        "--per-article", type=int, default=20, help="quotes per article (events: /4)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "queries.db"
        if not db.exists():
            rng = random.Random(1)
            start = time.perf_counter()
            with Writer(db, model="synthetic", batch=500) as writer:
                for n in range(args.n):
                    writer.add(article(n, rng, args.per_article))
            print(f"wrote {args.n} articles in {time.perf_counter() - start:.0f} s -> {db}")
        with Store(db) as store:
            print(f"{store.counts()['articles']} articles in the store")
            for label, query in QUERIES.items():
                times = []
                for _ in range(7):
                    start = time.perf_counter()
                    rows = query(store)
                    times.append((time.perf_counter() - start) * 1000)
                count = len(rows.entities) if hasattr(rows, "entities") else len(rows)
                print(f"{label:<58} {statistics.median(times):7.1f} ms median  ({count} rows)")


if __name__ == "__main__":
    main()

"""Time and peak memory of one article's analysis against its length, for three shapes of text.

Usage:
    python benchmarks/length.py [--sizes 10000,100000,...] [--shapes prose,nospace,sentence]
                                [--timeout 240] [--max-chars N]

Shapes (all written here, wire-news style):
    prose     paragraphs of ordinary sentences;
    nospace   one run of letters and punctuation without a space;
    sentence  one sentence of clauses joined by commas and "and", without a full stop.

Each case runs in a fresh process (`dateline.analyze`, the default model, pipeline loaded and
warmed first); the figures are the analysis's wall time, the process's peak RSS (model
included) and its growth over the warmed baseline. A case over --timeout is killed and shown
as such. Prints one row per case and the load average of the machine before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time

SENTENCES = [
    "Officials in {city} said on {day} that {n} people had been evacuated after the floods.",
    "{name}, the country's foreign minister, told reporters the talks would resume next week.",
    '"We will not accept these terms," {name} said in a statement released late on {day}.',
    "Police arrested {n} protesters outside the parliament in {city}, a spokesman said.",
    "The central bank raised its main interest rate by a quarter of a point on {day}.",
    "Troops shelled positions near {city} overnight, killing {n} soldiers, the army said.",
    "{name} met the visiting delegation in {city} to discuss trade and border security.",
    "The government in {city} denied the report and called it an attempt to spread panic.",
]
NAMES = ["Maria Lopez", "John Carter", "Amina Yusuf", "Pavel Orlov", "Chen Wei", "Sara Berg"]
CITIES = ["Kyiv", "Paris", "Nairobi", "Lima", "Manila", "Ankara", "Berlin", "Cairo"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
CLAUSES = [
    "the minister said the army had moved north",
    "officials in {city} warned of new strikes",
    "{name} urged both sides to talk",
    "police detained {n} people near the square",
]


def make(shape: str, size: int, seed: int = 7) -> str:
    """An article of about `size` characters in the given shape, with a date header."""
    rng = random.Random(seed)

    def fill(template: str) -> str:
        return template.format(
            city=rng.choice(CITIES), day=rng.choice(DAYS), name=rng.choice(NAMES),
            n=rng.randint(2, 90),
        )  # fmt: skip

    head = "date 2024-12-19\ntitle Length benchmark\n\n"
    parts: list[str] = []
    total = len(head)
    if shape == "nospace":
        unit = "Aa.b-c'dEf"
        return head + (unit * (size // len(unit) + 1))[: max(size - len(head), 1)]
    while total < size:
        if shape == "prose":
            para = " ".join(fill(rng.choice(SENTENCES)) for _ in range(rng.randint(2, 5)))
            piece = para + "\n\n"
        else:
            piece = fill(rng.choice(CLAUSES)) + rng.choice([", ", " and ", ", while "])
        parts.append(piece)
        total += len(piece)
    body = "".join(parts)[: size - len(head)]
    return head + body.rstrip(", ") + ("." if shape == "sentence" else "")


CHILD = r"""
import json, resource, sys, time
import dateline
from dateline.analyze import Options
text = sys.stdin.read()
max_chars = int(sys.argv[1])
options = Options(max_chars=max_chars) if max_chars else Options()
dateline.analyze("date 2024-12-19\n\nThe minister said on Monday that talks would resume.")
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
result = dateline.analyze(text, options=options)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "growth_mb": (peak - base) / 1024,
                  "error": result.error, "events": len(result.events)}))
"""


def run_case(text: str, timeout: float, max_chars: int) -> dict:
    """Analyse `text` in a fresh process; the figures, or a timeout."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(max_chars)], input=text, capture_output=True,
            text=True, timeout=timeout, errors="surrogateescape",
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        return {"crash": done.stderr.strip().splitlines()[-1:] or [str(done.returncode)]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Run every (shape, size) case and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,500000,1000000,2000000")
    parser.add_argument("--shapes", default="prose,nospace,sentence")
    parser.add_argument("--timeout", type=float, default=240)
    parser.add_argument("--max-chars", type=int, default=3_000_000,
                        help="Options.max_chars for the run (0: the library default)")  # fmt: skip
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}", flush=True)
    print(f"{'shape':9} {'chars':>9} {'seconds':>8} {'µs/char':>8} {'peak MB':>8} "
          f"{'growth':>7}  note", flush=True)  # fmt: skip
    for shape in args.shapes.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            text = make(shape, size)
            started = time.perf_counter()
            row = run_case(text, args.timeout, args.max_chars)
            if "seconds" in row:
                note = f"error: {row['error'][:60]}" if row["error"] else f"{row['events']} events"
                print(f"{shape:9} {len(text):>9,} {row['seconds']:>8.2f} "
                      f"{row['seconds'] / len(text) * 1e6:>8.1f} {row['peak_mb']:>8.0f} "
                      f"{row['growth_mb']:>7.0f}  {note}", flush=True)  # fmt: skip
            else:
                wall = time.perf_counter() - started
                print(f"{shape:9} {len(text):>9,} {wall:>8.0f}  {'':>8} {'':>8} {'':>7}  "
                      f"{'TIMEOUT' if 'timeout' in row else row}", flush=True)  # fmt: skip
                break  # a larger size of the same shape would only take longer
    print(f"load average after: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()

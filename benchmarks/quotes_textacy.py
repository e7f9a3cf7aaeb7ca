"""Compare dateline's quotes stage with textacy's direct_quotations on a PolNeAR split.

textacy is a benchmark-only dependency, not one of dateline's: `pip install textacy`.
textacy reads the bare en_core_web_sm parse (as in the corpus README's measurement), dateline
its own pipeline up to the entities stage; both are scored with the same rules
(dateline.evaluate.quotes). The script also times the quotes stage against the bare parse, to
check its budget (at most 8% of the parse time).

    python benchmarks/quotes_textacy.py [--polnear DIR] [--split dev] [--doubled-apostrophes]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from pathlib import Path

import spacy

from dateline import nlp as nlp_module
from dateline.evaluate.quotes import (
    Counts,
    Predicted,
    QuotesReport,
    articles,
    default_polnear,
    gold_direct,
    score,
    split_quotes,
)
from dateline.stages.quotes.stage import find_quotes


def textacy_quotes(doc) -> list[Predicted]:  # noqa: ANN001
    """textacy's direct quotations as predictions; it gives up on articles with odd mark counts."""
    from textacy.extract.triples import direct_quotations

    found: list[Predicted] = []
    try:
        for triple in direct_quotations(doc):
            speaker = (
                min(t.idx for t in triple.speaker),
                max(t.idx + len(t) for t in triple.speaker),
            )
            found.append(Predicted(triple.content.start_char, triple.content.end_char, speaker))
    except ValueError:
        return []
    return found


def add(report: QuotesReport, predicted: list[Predicted], gold: list) -> None:
    """Score one article's predictions into a report."""
    detection, attributed = score(predicted, gold)
    report.detection.add(detection)
    report.attributed.add(attributed)


def parsed(texts: list[str]) -> Iterator:
    """Parse each article once with the dateline pipeline up to entities (quotes not run)."""
    nlp = nlp_module.load(nlp_module.DEFAULT_MODEL, ("entities",))
    yield from nlp.pipe((nlp_module.make_doc(nlp, t, None) for t in texts), batch_size=8)


def main() -> None:
    """Score both systems and print their rows, then the quotes stage's share of parse time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=None)
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--doubled-apostrophes", dest="doubled", action="store_true")
    args = parser.parse_args()
    folder = args.polnear or default_polnear()
    data = list(articles(folder, args.split))
    texts = [text for _, text, _ in data]

    # Pass 1: the bare parse, timed; textacy reads it, as in the corpus README's measurement.
    bare = spacy.load(nlp_module.resolve_model(nlp_module.DEFAULT_MODEL))
    reports = {"dateline": QuotesReport(len(data)), "textacy": QuotesReport(len(data))}
    golds = [gold_direct(text, attributions, args.doubled) for _, text, attributions in data]
    docs = bare.pipe(texts, batch_size=8)
    parse_time = 0.0
    for gold in golds:
        tick = time.perf_counter()
        doc = next(docs)
        parse_time += time.perf_counter() - tick
        add(reports["textacy"], textacy_quotes(doc), gold)

    # Pass 2: dateline's own pipeline up to entities, then the quotes stage, timed.
    stage_time = 0.0
    for doc, gold in zip(parsed(texts), golds, strict=True):
        tick = time.perf_counter()
        quotes = find_quotes(doc)
        stage_time += time.perf_counter() - tick
        add(reports["dateline"], split_quotes(quotes)[0], gold)

    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"direct+mixed quotes, PolNeAR {args.split} ({len(data)} articles)")
    for column in ("system", "attr P", "attr R", "attr F1", "detect P", "detect R", "detect F1"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for name, report in reports.items():
        a: Counts = report.attributed
        d: Counts = report.detection
        table.add_row(
            name, *(f"{x:.3f}" for x in (a.precision, a.recall, a.f1, d.precision, d.recall, d.f1))
        )
    Console().print(table)
    share = stage_time / parse_time if parse_time else 0.0
    print(
        f"parse (bare {nlp_module.DEFAULT_MODEL}): {parse_time:.1f}s; quotes stage: "
        f"{stage_time:.2f}s = {share:.1%} of parse time (budget 8%)"
    )


if __name__ == "__main__":
    main()

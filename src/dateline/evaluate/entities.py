"""Measure the entity stage against the bare model's NER on the shared corpora.

Two figures, each for the bare spaCy NER and for dateline's entities on the same Docs:

- **Speaker coverage** (PolNeAR): the share of gold attribution `Source` spans that overlap a
  mention of some entity. Sources are often pronouns ("he") and descriptors ("the Republican
  nominee"), which bare NER cannot cover; a **resolved** source also belongs to an entity with
  a proper name (not a cluster of pronouns only).
- **Place recognition** (GeoWebNews, LGL): toponym P/R/F1 of GPE/LOC/FAC mentions, one-to-one
  span overlap, which shows what the label repairs ("Kyiv" tagged PERSON) buy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from dateline.evaluate import places as geo
from dateline.evaluate import quotes as polnear
from dateline.evaluate.metrics import Counts, ratio

NER_KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
PRONOUNS = {
    "he",
    "she",
    "him",
    "her",
    "his",
    "hers",
    "they",
    "them",
    "their",
    "it",
    "its",
    "i",
    "we",
}


@dataclass
class Coverage:
    """How many gold sources are covered, and how many resolved to a named entity."""

    gold: int = 0
    covered: int = 0
    resolved: int = 0

    @property
    def share(self) -> float:
        """Covered / gold."""
        return ratio(self.covered, self.gold)

    @property
    def resolved_share(self) -> float:
        """Resolved / gold."""
        return ratio(self.resolved, self.gold)


@dataclass
class EntitiesReport:
    """Bare NER against dateline entities."""

    articles: int = 0
    coverage: dict[str, Coverage] = field(
        default_factory=lambda: {"bare": Coverage(), "dateline": Coverage()}
    )
    toponyms: dict[str, Counts] = field(
        default_factory=lambda: {"bare": Counts(), "dateline": Counts()}
    )


Spans = list[tuple[int, int, bool]]  # start, end, named


def bare_spans(doc: Doc, labels: set[str]) -> Spans:
    """The model's own NER spans with the given labels."""
    return [(e.start_char, e.end_char, True) for e in doc.ents if e.label_ in labels]


def dateline_spans(doc: Doc, labels: set[str]) -> Spans:
    """dateline's entity mentions of entities with the given types, flagged when the entity is named."""
    spans: Spans = []
    for entity in doc._.entities or ():
        if entity.type in labels:
            named = entity.name.lower() not in PRONOUNS
            spans.extend((m.start, m.end, named) for m in entity.mentions)
    return spans


def overlaps(start: int, end: int, spans: Spans) -> tuple[bool, bool]:
    """Whether any span overlaps [start, end), and whether one of those is named."""
    hits = [named for s, e, named in spans if s < end and start < e]
    return bool(hits), any(hits)


def add_coverage(counts: Coverage, sources: Iterable[tuple[int, int]], spans: Spans) -> None:
    """Count the gold sources that the spans cover."""
    for start, end in sources:
        covered, named = overlaps(start, end, spans)
        counts.gold += 1
        counts.covered += covered
        counts.resolved += covered and named


def add_toponyms(counts: Counts, gold: list[tuple[int, int]], spans: Spans) -> None:
    """Match predicted place spans to gold toponyms one-to-one by overlap."""
    used: set[int] = set()
    for start, end in gold:
        for k, (s, e, _) in enumerate(spans):
            if k not in used and s < end and start < e:
                used.add(k)
                counts.tp += 1
                break
    counts.predicted += len(spans)
    counts.gold += len(gold)


def parsed(texts: list[str], model: str | None) -> Iterator[Doc]:
    """Run the pipeline up to the entities stage."""
    from dateline import nlp as nlp_module

    nlp = nlp_module.load(model or nlp_module.DEFAULT_MODEL, ("entities",))
    yield from nlp.pipe((nlp_module.make_doc(nlp, t, None) for t in texts), batch_size=16)


def evaluate(
    polnear_dir: Path,
    split: str,
    geo_path: Path | None,
    model: str | None = None,
    lowercase: bool = False,
) -> EntitiesReport:
    """Score bare NER and dateline entities on PolNeAR sources and, if given, GeoWebNews toponyms.

    `lowercase` parses lower-cased texts (offsets unchanged) against the same gold.
    """
    report = EntitiesReport()
    data = list(polnear.articles(polnear_dir, split))
    report.articles = len(data)
    cased = polnear.lower_in_place if lowercase else str
    texts = [cased(t) for _, t, _ in data]
    for (_, _, attributions), doc in zip(data, parsed(texts, model), strict=True):
        sources = [piece for a in attributions for piece in a.source]
        add_coverage(report.coverage["bare"], sources, bare_spans(doc, NER_KEEP))
        add_coverage(report.coverage["dateline"], sources, dateline_spans(doc, NER_KEEP))
    if geo_path is not None:
        articles = geo.read_corpus("gwn", geo_path)
        texts = [cased(a.text) for a in articles]
        for article, doc in zip(articles, parsed(texts, model), strict=True):
            gold = [(t.start, t.end) for t in article.toponyms]
            add_toponyms(report.toponyms["bare"], gold, bare_spans(doc, PLACE_LABELS))
            add_toponyms(report.toponyms["dateline"], gold, dateline_spans(doc, PLACE_LABELS))
    return report


def render(report: EntitiesReport) -> None:
    """Print the report as tables."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(
        "system",
        "sources",
        "covered",
        "resolved to a name",
        title=f"PolNeAR speaker coverage ({report.articles} articles)",
    )
    for name, c in report.coverage.items():
        table.add_row(name, str(c.gold), f"{c.share:.3f}", f"{c.resolved_share:.3f}")
    console.print(table)
    if report.toponyms["bare"].gold:
        table = Table("system", "P", "R", "F1", title="GeoWebNews place recognition (GPE/LOC/FAC)")
        for name, t in report.toponyms.items():
            table.add_row(name, f"{t.precision:.3f}", f"{t.recall:.3f}", f"{t.f1:.3f}")
        console.print(table)


def run(
    polnear_dir: str | None = None,
    split: str = "dev",
    geo_path: str | None = None,
    model: str | None = None,
    lowercase: bool = False,
) -> EntitiesReport:
    """Evaluate and print; the CLI's `dateline eval entities`."""
    folder = Path(polnear_dir) if polnear_dir else polnear.default_polnear()
    gwn = Path(geo_path) if geo_path else geo.default_path("gwn")
    report = evaluate(folder, split, gwn if gwn.exists() else None, model, lowercase)
    render(report)
    return report

"""Score the events stage on PLOVER's coded example sentences (PLOVER_GSR_CAMEO.txt).

Each example is one sentence with a gold event type, actor (SRC) and recipient (TAR) spans
marked inline, and their country codes. For every example we take the system's *primary* event:
the one with the highest confidence, ties broken by the longest evidence span (the main clause).

- type accuracy: primary type == gold type (after mapping DEMAND->REQUEST,
  DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT); no event counts as wrong.
  Macro-F1 averages per-type F1 over the gold types.
- actor / recipient text F1: the primary event's actor (recipient) name matches when it shares
  a content word (case-folded, stop words and punctuation removed) with any gold SRC (TAR) span.
  Precision = matches / examples with a predicted actor; recall = matches / examples with a
  gold span.
- actor / recipient code F1: the same counts, matching on the country code instead: equal codes,
  and gold IGO also accepts UNO/EUR/IGO (the old coding used IGO for all of them).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dateline.evaluate.metrics import Counts, ratio
from dateline.records import PLOVER_TYPES, Actor, Event

OLD_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "GER": "DEU", "UK": "GBR"}
INTERNATIONAL = {"IGO", "UNO", "EUR"}
STOP = {"the", "a", "an", "of", "'s", "s", "in", "and", "to", "its", "their", "his", "her", "on"}
FILENAME = "PLOVER_GSR_CAMEO.txt"


@dataclass(frozen=True)
class PloverExample:
    """One coded sentence: text, gold type and the gold actor/recipient spans and codes."""

    id: str
    text: str
    type: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    actor_codes: tuple[str, ...]
    recipient_codes: tuple[str, ...]


@dataclass
class Scores:
    """All figures for one run."""

    n: int = 0
    correct: int = 0
    with_event: int = 0
    confusion: Counter = field(default_factory=Counter)
    actor_text: Counts = field(default_factory=Counts)
    actor_code: Counts = field(default_factory=Counts)
    recipient_text: Counts = field(default_factory=Counts)
    recipient_code: Counts = field(default_factory=Counts)

    @property
    def accuracy(self) -> float:
        """Type accuracy over all examples."""
        return ratio(self.correct, self.n)

    def macro_f1(self) -> float:
        """Per-type F1 averaged over the gold types present."""
        gold_types = {g for g, _ in self.confusion}
        values = []
        for t in gold_types:
            tp = self.confusion[(t, t)]
            fp = sum(v for (g, p), v in self.confusion.items() if p == t and g != t)
            fn = sum(v for (g, p), v in self.confusion.items() if g == t and p != t)
            values.append(Counts(tp, tp + fp, tp + fn).f1)
        return sum(values) / len(values) if values else 0.0

    def per_type(self) -> dict[str, tuple[int, int]]:
        """Gold type -> (correct, total)."""
        out: dict[str, list[int]] = {}
        for (g, p), v in self.confusion.items():
            row = out.setdefault(g, [0, 0])
            row[1] += v
            row[0] += v if g == p else 0
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def spans(markup: str, tag: str) -> list[str]:
    """Texts of the inline `(TAG: …)` spans, allowing nested parentheses inside."""
    out = []
    start = 0
    opener = f"({tag}:"
    while (i := markup.find(opener, start)) >= 0:
        depth, j = 1, i + len(opener)
        while j < len(markup) and depth:
            depth += {"(": 1, ")": -1}.get(markup[j], 0)
            j += 1
        out.append(markup[i + len(opener) : j - 1].strip())
        start = j
    return out


def codes(parties) -> tuple[str, ...]:
    """Country codes of gold actor/recipient lists (entries may be missing or strings)."""
    if not isinstance(parties, list):
        return ()
    out = []
    for party in parties:
        if isinstance(party, dict) and party.get("code"):
            out.append(OLD_CODES.get(party["code"], party["code"]))
    return tuple(out)


def read_examples(path: Path) -> Iterator[PloverExample]:
    """Examples with a PLOVER 2.0 type (old types mapped; DOCUMENT and dropped types skipped)."""
    for item in json.loads(path.read_text("utf-8")):
        type_ = OLD_TYPES.get(item.get("event", ""), item.get("event", ""))
        if type_ not in PLOVER_TYPES or not item.get("text"):
            continue
        info = item.get("textInfo") or {}
        markup = info.get("markup", "") if isinstance(info, dict) else str(info)
        yield PloverExample(
            id=item["id"],
            text=item["text"],
            type=type_,
            actors=tuple(spans(markup, "SRC")),
            recipients=tuple(spans(markup, "TAR")),
            actor_codes=codes(item.get("source")),
            recipient_codes=codes(item.get("target")),
        )


def content_words(text: str) -> set[str]:
    """Lower-cased words without stop words and punctuation."""
    return {w for w in re.findall(r"[a-z0-9]+(?:[.'-][a-z0-9]+)*", text.lower()) if w not in STOP}


def text_match(actor: Actor | None, gold: tuple[str, ...]) -> bool:
    """The actor's name shares a content word with a gold span."""
    if actor is None or not actor.name:
        return False
    words = content_words(actor.name)
    return any(words & content_words(g) for g in gold)


def code_match(actor: Actor | None, gold: tuple[str, ...]) -> bool:
    """The actor's country equals a gold code (gold IGO accepts any international code)."""
    if actor is None or not actor.country:
        return False
    return any(actor.country == g or (g == "IGO" and actor.country in INTERNATIONAL) for g in gold)


def primary(events: list[Event]) -> Event | None:
    """The event the sentence is mainly about: most confident, then widest evidence."""
    if not events:
        return None
    return max(events, key=lambda e: (e.confidence, e.end - e.start))


def tally(t: Counts, predicted: Actor | None, gold: tuple[str, ...], hit: bool) -> None:
    """Add one example to an F1's counts."""
    t.predicted += predicted is not None and (bool(predicted.name) or bool(predicted.country))
    t.gold += bool(gold)
    t.tp += hit and bool(gold)


def score(examples: list[PloverExample], events: list[list[Event]]) -> Scores:
    """Score the system's events (one list per example) against the gold."""
    s = Scores()
    for ex, found in zip(examples, events, strict=True):
        event = primary(found)
        s.n += 1
        s.with_event += event is not None
        predicted = event.type if event else "-"
        s.correct += predicted == ex.type
        s.confusion[(ex.type, predicted)] += 1
        actor = event.actor if event else None
        recipient = event.recipient if event else None
        tally(s.actor_text, actor, ex.actors, text_match(actor, ex.actors))
        tally(s.recipient_text, recipient, ex.recipients, text_match(recipient, ex.recipients))
        tally(s.actor_code, actor, ex.actor_codes, code_match(actor, ex.actor_codes))
        tally(
            s.recipient_code,
            recipient,
            ex.recipient_codes,
            code_match(recipient, ex.recipient_codes),
        )
    return s


def run(
    path: Path, model: str | None = None
) -> tuple[list[PloverExample], list[list[Event]], Scores]:
    """Run the pipeline over every example and score it."""
    from dateline import nlp as nlp_module

    nlp = nlp_module.load(model or nlp_module.DEFAULT_MODEL)
    examples = list(read_examples(path))
    docs = nlp.pipe((nlp_module.make_doc(nlp, ex.text, None) for ex in examples), batch_size=32)
    events = [list(doc._.events or ()) for doc in docs]
    return examples, events, score(examples, events)


def resolve_path(plover: str | None) -> Path:
    """The PLOVER file: as given (file or folder), else ../shared/corpora/plover."""
    candidates = []
    if plover:
        candidates.append(Path(plover))
    else:
        candidates.append(Path.cwd().parent / "shared" / "corpora" / "plover")
        candidates.append(Path(__file__).resolve().parents[4] / "shared" / "corpora" / "plover")
    for path in candidates:
        if path.is_dir():
            path = path / FILENAME
        if path.is_file():
            return path
    raise FileNotFoundError(f"{FILENAME} not found (looked in: {', '.join(map(str, candidates))})")


def report(scores: Scores) -> list[tuple[str, str]]:
    """Rows (label, figure) for printing."""
    rows = [
        ("examples", str(scores.n)),
        ("with an event", str(scores.with_event)),
        ("type accuracy", f"{scores.accuracy:.3f}"),
        ("type macro-F1", f"{scores.macro_f1():.3f}"),
    ]
    for label, t in (
        ("actor text", scores.actor_text),
        ("actor code", scores.actor_code),
        ("recipient text", scores.recipient_text),
        ("recipient code", scores.recipient_code),
    ):
        rows.append((f"{label} F1 (P / R)", f"{t.f1:.3f} ({t.precision:.3f} / {t.recall:.3f})"))
    return rows


def main(plover: str | None = None) -> Scores:
    """Score the pipeline on the PLOVER examples and print the tables."""
    from rich.console import Console
    from rich.table import Table

    path = resolve_path(plover)
    _, _, scores = run(path)
    console = Console()
    table = Table(title=f"dateline events on {path.name} (PLOVER 2.0 types)")
    table.add_column("measure")
    table.add_column("figure", justify="right")
    for label, figure in report(scores):
        table.add_row(label, figure)
    console.print(table)
    types = Table(title="type accuracy by gold type")
    types.add_column("type")
    types.add_column("correct / total", justify="right")
    for type_, (correct, total) in scores.per_type().items():
        types.add_row(type_, f"{correct} / {total}")
    console.print(types)
    console.print(
        "Actor/recipient text match: the primary event's name shares a content word with a gold "
        "SRC/TAR span; code match: same country code (gold IGO accepts UNO/EUR/IGO)."
    )
    return scores

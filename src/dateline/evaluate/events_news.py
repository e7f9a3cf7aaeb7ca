"""Score the events stage on whole real articles (events-news, rules in its GUIDE.md).

A system event matches a gold event of the same article when its evidence span covers the gold
anchor's start and its type is the gold type or one of the gold `alt_types`; matching is one to
one, in gold order, each gold event taking the first unused system event that fits. Three
levels: type; actor (the actor matches too); full (the recipient matches too). A null gold party
matches anything; otherwise the system party must share a name word with the gold `text` or
`name` (titles and function words ignored), or have the same country and sector. Also counted:
system events per article that has no gold event (false alarms on ordinary news).

The articles are split into two halves by a hash of their id, so that a change is kept only
when it holds on both.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dateline.evaluate.metrics import Counts
from dateline.records import Actor, Event

LEVELS = ("type", "actor", "full")
IGNORED = {
    "the",
    "a",
    "an",
    "of",
    "and",
    "'s",
    "s",
    "in",
    "for",
    "to",
    "on",
    "at",
    "its",
    "his",
    "her",
    "their",
    "president",
    "minister",
    "prime",
    "foreign",
    "secretary",
    "chief",
    "head",
    "leader",
    "general",
    "mr",
    "mrs",
    "ms",
    "dr",
    "former",
    "deputy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "state",
}
GEO_FILES = {"gwn": "GWN.xml", "lgl": "lgl.xml"}


@dataclass(frozen=True)
class NewsArticle:
    """One gold article: its id, text and gold events (dicts as in gold.jsonl)."""

    id: str
    text: str
    political: bool
    events: tuple[dict, ...]

    @property
    def half(self) -> str:
        """ "A" or "B": a stable split of the articles by a hash of the id."""
        return "AB"[hashlib.sha1(self.id.encode()).digest()[0] % 2]


@dataclass
class NewsScores:
    """Counts for one set of articles."""

    articles: int = 0
    empty_articles: int = 0
    empty_events: int = 0
    levels: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in LEVELS})
    gold_types: Counter = field(default_factory=Counter)
    system_types: Counter = field(default_factory=Counter)
    matched_types: Counter = field(default_factory=Counter)

    @property
    def false_alarms(self) -> float:
        """System events per article that has no gold event."""
        return self.empty_events / self.empty_articles if self.empty_articles else 0.0


@dataclass(frozen=True)
class Outcome:
    """One article's matching: gold index -> (system index, level reached), and the misses."""

    article: NewsArticle
    events: tuple[Event, ...]
    pairs: dict[int, tuple[int, str]]

    def unmatched(self) -> list[int]:
        """System events that matched no gold event."""
        used = {s for s, _ in self.pairs.values()}
        return [i for i in range(len(self.events)) if i not in used]


def words(text: str | None) -> set[str]:
    """Name words of a party, lower-cased, without titles and function words."""
    found = re.findall(r"[a-z0-9]+(?:[.'-][a-z0-9]+)*", (text or "").lower())
    return {w for w in found if w not in IGNORED}


def party_match(system: Actor | None, gold: dict | None) -> bool:
    """GUIDE.md's party rule: null gold matches anything; else a shared name word, or the
    same country and sector."""
    if not gold:
        return True
    if system is None:
        return False
    if words(system.name) & (words(gold.get("text")) | words(gold.get("name"))):
        return True
    country, sector = gold.get("country"), gold.get("sector")
    return bool(country and sector) and (system.country, system.sector) == (country, sector)


def covers(event: Event, gold: dict) -> bool:
    """The event's evidence covers the gold anchor's start."""
    return event.start <= gold["anchor_start"] < max(event.end, event.start + 1)


def match_article(article: NewsArticle, events: Iterable[Event]) -> Outcome:
    """Match one article's system events to its gold events, one to one, in gold order."""
    events = tuple(events)
    used: set[int] = set()
    pairs: dict[int, tuple[int, str]] = {}
    for g, gold in enumerate(article.events):
        types = {gold["type"], *gold.get("alt_types", ())}
        fits = [
            i for i, e in enumerate(events) if i not in used and e.type in types and covers(e, gold)
        ]
        if not fits:
            continue
        best = fits[0]
        used.add(best)
        pairs[g] = (best, level_of(events[best], gold))
    return Outcome(article, events, pairs)


def level_of(event: Event, gold: dict) -> str:
    """The deepest level at which a type-matching event matches the gold event."""
    if not party_match(event.actor, gold.get("actor")):
        return "type"
    if not party_match(event.recipient, gold.get("recipient")):
        return "actor"
    return "full"


def score(outcomes: Iterable[Outcome]) -> NewsScores:
    """Sum the counts of matched articles."""
    s = NewsScores()
    for out in outcomes:
        s.articles += 1
        n_gold, n_sys = len(out.article.events), len(out.events)
        if not n_gold:
            s.empty_articles += 1
            s.empty_events += n_sys
        for g in out.article.events:
            s.gold_types[g["type"]] += 1
        for e in out.events:
            s.system_types[e.type] += 1
        reached = Counter(level for _, level in out.pairs.values())
        for depth, level in enumerate(LEVELS):
            counts = s.levels[level]
            counts.predicted += n_sys
            counts.gold += n_gold
            counts.tp += sum(reached[lv] for lv in LEVELS[depth:])
        for i, _ in out.pairs.values():
            s.matched_types[out.events[i].type] += 1
    return s


def read_gold(folder: Path) -> list[NewsArticle]:
    """The gold articles, with their texts read from ../geo (GWN.xml, lgl.xml)."""
    import xml.etree.ElementTree as ET

    geo = folder.parent / "geo"
    texts: dict[tuple[str, str], str] = {}
    for corpus, name in GEO_FILES.items():
        key = "file" if corpus == "gwn" else "docid"
        for number, node in enumerate(ET.parse(geo / name).getroot().iter("article")):
            ident = node.get(key, str(number))
            texts[(corpus, ident)] = node.findtext("text") or ""
    out = []
    for line in (folder / "gold.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        corpus, ident = item["corpus"], str(item["file"])
        out.append(
            NewsArticle(
                f"{corpus}-{ident}",
                texts[(corpus, ident)],
                bool(item.get("political")),
                tuple(sorted(item["events"], key=lambda e: e["anchor_start"])),
            )
        )
    return out


def resolve_folder(news: str | None) -> Path:
    """The events-news folder: as given, else ../shared/corpora/events-news."""
    candidates = (
        [Path(news)]
        if news
        else [
            Path.cwd().parent / "shared" / "corpora" / "events-news",
            Path(__file__).resolve().parents[4] / "shared" / "corpora" / "events-news",
        ]
    )
    for path in candidates:
        if (path / "gold.jsonl").is_file():
            return path
    raise FileNotFoundError(f"gold.jsonl not found (looked in: {', '.join(map(str, candidates))})")


def run(folder: Path, model: str | None = None) -> list[Outcome]:
    """Run the pipeline over every article and match all its events to the gold."""
    from dateline import nlp as nlp_module

    nlp = nlp_module.load(model or nlp_module.DEFAULT_MODEL)
    articles = read_gold(folder)
    docs = nlp.pipe((nlp_module.make_doc(nlp, a.text, None) for a in articles), batch_size=8)
    return [match_article(a, doc._.events or ()) for a, doc in zip(articles, docs, strict=True)]


def shown(outcomes: list[Outcome], threshold: float | None = None) -> list[Outcome]:
    """The matching of the events a user sees: confidence at or above `threshold` (the
    stage's default threshold when None)."""
    from dateline.stages.events.stage import DEFAULT_THRESHOLD

    floor = DEFAULT_THRESHOLD if threshold is None else threshold
    return [
        match_article(o.article, [e for e in o.events if e.confidence >= floor]) for o in outcomes
    ]


def by_half(outcomes: list[Outcome]) -> dict[str, NewsScores]:
    """Scores for half A, half B and all articles."""
    return {
        "A": score(o for o in outcomes if o.article.half == "A"),
        "B": score(o for o in outcomes if o.article.half == "B"),
        "all": score(outcomes),
    }


def calibration(
    outcomes: list[Outcome], bins: tuple[float, ...]
) -> list[tuple[str, int, float, int, float]]:
    """Per confidence bin: its events and their actor-level precision, then the events at or
    above the bin's lower edge and their actor-level precision (what a threshold there shows)."""
    scored = []
    for out in outcomes:
        good = {i for i, level in out.pairs.values() if level != "type"}
        scored += [(e.confidence, i in good) for i, e in enumerate(out.events)]
    rows = []
    edges = [*bins, 1.01]
    for lo, hi in itertools.pairwise(edges):
        inside = [ok for c, ok in scored if lo <= c < hi]
        above = [ok for c, ok in scored if c >= lo]
        rows.append(
            (
                f"{lo:.2f}-{min(hi, 1.0):.2f}",
                len(inside),
                sum(inside) / len(inside) if inside else 0.0,
                len(above),
                sum(above) / len(above) if above else 0.0,
            )
        )
    return rows


def describe(event: Event) -> str:
    """One line for an event: type, rule, parties and evidence."""
    actor = event.actor.name if event.actor else "-"
    recipient = event.recipient.name if event.recipient else "-"
    rule = getattr(event, "rule", None) or "?"
    return (
        f"{event.type} [{rule}] {actor} -> {recipient} conf={event.confidence:.2f} "
        f"@{event.start}: {event.text[:110]!r}"
    )


def errors(outcomes: list[Outcome]) -> list[str]:
    """Lines for every miss, partial match and false alarm."""
    lines = []
    for out in outcomes:
        art = out.article
        for g, gold in enumerate(art.events):
            actor = (gold.get("actor") or {}).get("text", "-")
            recipient = (gold.get("recipient") or {}).get("text", "-")
            head = f"{art.id} gold {gold['type']} '{gold['anchor']}' {actor} -> {recipient}"
            if g not in out.pairs:
                lines.append(f"MISS    {head} @{gold['anchor_start']}: {gold['sentence']!r}")
            elif (level := out.pairs[g][1]) != "full":
                lines.append(
                    f"PARTIAL {head} ({level} only); system {describe(out.events[out.pairs[g][0]])}"
                )
        for i in out.unmatched():
            lines.append(f"FALSE   {art.id} {describe(out.events[i])}")
    return lines


def report_rows(scores: NewsScores) -> list[tuple[str, str]]:
    """Rows (measure, figure) for one set of articles."""
    rows = [
        ("articles (without events)", f"{scores.articles} ({scores.empty_articles})"),
        (
            "gold / system events",
            f"{scores.levels['type'].gold} / {scores.levels['type'].predicted}",
        ),
    ]
    for level in LEVELS:
        c = scores.levels[level]
        rows.append((f"{level} P / R / F1", f"{c.precision:.3f} / {c.recall:.3f} / {c.f1:.3f}"))
    rows.append(("events per article without events", f"{scores.false_alarms:.2f}"))
    return rows


def main(
    news: str | None = None, show_errors: bool = False, all_events: bool = False
) -> dict[str, NewsScores]:
    """Score the pipeline on events-news and print the tables (and the errors when asked)."""
    from rich.console import Console
    from rich.table import Table

    folder = resolve_folder(news)
    every_event = run(folder)
    outcomes = shown(every_event, 0.0 if all_events else None)
    halves = by_half(outcomes)
    console = Console(width=max(Console().width, 110))
    table = Table(title=f"dateline events on {folder.name} (whole articles)")
    table.add_column("measure")
    for name in halves:
        table.add_column(f"half {name}" if name != "all" else "all", justify="right")
    rows = {name: report_rows(s) for name, s in halves.items()}
    for k, (label, _) in enumerate(rows["all"]):
        table.add_row(label, *(rows[name][k][1] for name in halves))
    console.print(table)
    every = halves["all"]
    types = Table(title="by type (all articles)")
    for col in ("type", "gold", "system", "matched", "P", "R"):
        types.add_column(col, justify="right" if col != "type" else "left")
    for t in sorted(set(every.gold_types) | set(every.system_types)):
        g, s_, m = every.gold_types[t], every.system_types[t], every.matched_types[t]
        p, r = (m / s_ if s_ else 0.0), (m / g if g else 0.0)
        types.add_row(t, str(g), str(s_), str(m), f"{p:.2f}", f"{r:.2f}")
    console.print(types)
    calib = Table(title="confidence calibration (all articles, all events, actor level)")
    for col in ("confidence", "events", "actor-level P", "events at or above", "actor-level P"):
        calib.add_column(col, justify="right")
    bins = (0.0, 0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9)
    for label, n, p, n_above, p_above in calibration(every_event, bins):
        calib.add_row(label, str(n), f"{p:.2f}", str(n_above), f"{p_above:.2f}")
    console.print(calib)
    if show_errors:
        for line in errors(outcomes):
            console.print(line, markup=False, highlight=False, soft_wrap=True)
    return halves

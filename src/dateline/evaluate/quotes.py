"""Score quote extraction on PolNeAR (brat standoff attributions) with the rules of issue 3."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.evaluate.metrics import Counts

if TYPE_CHECKING:
    from rich.table import Table

Piece = tuple[int, int]

# Gold segments are delimited by double quotation marks, closed within one Content piece
# (the rule that reproduces the figures measured for textacy in the corpus README).
DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'
OPENERS = "\u201c\u201e\u201f\u00ab"
CLOSERS = "\u201d\u00bb"
TEXT_SUFFIX = ".txt"


@dataclass(frozen=True)
class Attribution:
    """One PolNeAR attribution: its source, cue and content, each a list of (start, end) pieces."""

    label: str
    source: tuple[Piece, ...] = ()
    cue: tuple[Piece, ...] = ()
    content: tuple[Piece, ...] = ()


@dataclass(frozen=True)
class Gold:
    """A gold item to find: a quote segment or an indirect content, with its source pieces."""

    start: int
    end: int
    source: tuple[Piece, ...] = ()


@dataclass(frozen=True)
class Predicted:
    """A predicted quote reduced to what the metrics read: its span, the speaker mention, and
    every mention of the entity the speaker was resolved to (empty when unresolved)."""

    start: int
    end: int
    speaker: Piece | None = None
    entity: tuple[Piece, ...] = ()
    rule: str = ""


@dataclass
class RuleTally:
    """What the quotes one attribution rule produced came to: right speaker (by entity), wrong
    or no speaker for a gold quote, and quotes the gold does not have."""

    right: int = 0
    wrong: int = 0
    unmatched: int = 0

    @property
    def total(self) -> int:
        """Quotes the rule produced."""
        return self.right + self.wrong + self.unmatched


@dataclass
class QuotesReport:
    """Detection and attribution figures for direct/mixed quotes and indirect speech."""

    articles: int = 0
    detection: Counts = field(default_factory=Counts)
    attributed: Counts = field(default_factory=Counts)
    indirect_detection: Counts = field(default_factory=Counts)
    indirect_attributed: Counts = field(default_factory=Counts)
    entity_attributed: Counts = field(default_factory=Counts)
    indirect_entity_attributed: Counts = field(default_factory=Counts)
    rules: dict[str, RuleTally] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, Counts]]:
        """Name and counts of each figure, headline first."""
        return [
            ("direct+mixed attributed", self.attributed),
            ("direct+mixed, by entity", self.entity_attributed),
            ("direct+mixed detection", self.detection),
            ("indirect attributed", self.indirect_attributed),
            ("indirect, by entity", self.indirect_entity_attributed),
            ("indirect detection", self.indirect_detection),
        ]


def parse_pieces(spec: str) -> tuple[Piece, ...]:
    """Parse brat offsets "0 5;7 9" into ((0, 5), (7, 9))."""
    pieces = []
    for part in spec.split(";"):
        start, end = part.split()
        pieces.append((int(start), int(end)))
    return tuple(pieces)


def read_ann(path: Path) -> list[Attribution]:
    """Read the attributions (events tying Source, Cue and Content) of one .ann file."""
    spans: dict[str, tuple[Piece, ...]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if line.startswith("T"):
            _label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = parse_pieces(offsets)
        elif line.startswith("E"):
            parts = fields[1].split()
            label = parts[0].split(":")[0]
            roles = {}
            for part in parts[1:]:
                role, _, ref = part.partition(":")
                roles[re.sub(r"\d+$", "", role)] = ref
            events.append((label, roles))
    return [
        Attribution(
            label=label,
            source=spans.get(roles.get("Source", ""), ()),
            cue=spans.get(roles.get("Cue", ""), ()),
            content=spans.get(roles.get("Content", ""), ()),
        )
        for label, roles in events
    ]


def quoted_segments(text: str, start: int, end: int, doubled: bool = False) -> list[Piece]:
    """Spans between paired double quotation marks in text[start:end], marks included.

    With `doubled`, a doubled apostrophe or backtick ('' ``) also counts as a double mark.
    """
    segments: list[Piece] = []
    open_at: int | None = None
    i = start
    while i < end:
        char = text[i]
        width = 1
        if doubled and text[i : i + 2] in ("''", "``") and i + 1 < end:
            char, width = ('"' if text[i] == "'" else "\u201c"), 2
        if char not in DOUBLE_MARKS:
            i += 1
            continue
        before = text[i - 1] if i > start else " "
        straight_opener = char not in CLOSERS and (
            before.isspace() or before in "([{\u2014\u2013-/"
        )
        if char in OPENERS or (open_at is None and straight_opener):
            open_at = i
        elif open_at is not None:
            segments.append((open_at, i + width))
            open_at = None
        i += width
    return segments


def gold_direct(
    text: str, attributions: Iterable[Attribution], doubled: bool = False
) -> list[Gold]:
    """Quotation-mark-delimited segments inside each attribution's Content, deduplicated."""
    found: dict[Piece, Gold] = {}
    for attribution in attributions:
        for start, end in attribution.content:
            for seg in quoted_segments(text, start, end, doubled):
                if seg not in found or (attribution.source and not found[seg].source):
                    found[seg] = Gold(seg[0], seg[1], attribution.source)
    return sorted(found.values(), key=lambda g: (g.start, g.end))


def gold_indirect(
    text: str,
    attributions: Iterable[Attribution],
    is_speech: Callable[[str], bool],
    doubled: bool = False,
) -> list[Gold]:
    """Contents of attributions cued by a speech verb that are not wholly inside quotation marks."""
    found: dict[Piece, Gold] = {}
    for attribution in attributions:
        if not attribution.content or not attribution.cue:
            continue
        cue = " ".join(text[s:e] for s, e in attribution.cue)
        if not is_speech(cue):
            continue
        start, end = attribution.content[0][0], attribution.content[-1][1]
        quoted = sum(e - s for s, e in quoted_segments(text, start, end, doubled))
        if quoted >= 0.8 * len(text[start:end].strip()):
            continue
        if (start, end) not in found:
            found[(start, end)] = Gold(start, end, attribution.source)
    return sorted(found.values(), key=lambda g: (g.start, g.end))


def overlap(a: Piece, b: Piece) -> int:
    """Number of characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(predicted: list[Predicted], gold: list[Gold]) -> dict[int, int]:
    """One-to-one matches (gold index -> prediction index) overlapping ≥50% of the gold length."""
    pairs = []
    for gi, g in enumerate(gold):
        need = 0.5 * (g.end - g.start)
        for pi, p in enumerate(predicted):
            if p.start >= g.end:
                break
            shared = overlap((g.start, g.end), (p.start, p.end))
            if shared >= need and shared > 0:
                pairs.append((-shared, gi, pi))
    pairs.sort()
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    return matched


def right_speaker(p: Predicted, g: Gold, entity_level: bool) -> bool:
    """Whether a prediction names the gold source: its speaker mention overlaps the source, or
    (entity-level) any mention of the entity it resolved the speaker to does ("he" = "Trump")."""
    if not g.source or p.speaker is None:
        return False
    mentions = (p.speaker, *p.entity) if entity_level else (p.speaker,)
    return any(overlap(m, s) for m in mentions for s in g.source)


def score(
    predicted: list[Predicted], gold: list[Gold], entity_level: bool = False
) -> tuple[Counts, Counts]:
    """Detection and attributed counts for one article (speakers by mention or by entity)."""
    predicted = sorted(predicted, key=lambda p: (p.start, p.end))
    matched = match(predicted, gold)
    detection = Counts(len(matched), len(predicted), len(gold))
    sourceless = {pi for gi, pi in matched.items() if not gold[gi].source}
    right = sum(right_speaker(predicted[pi], gold[gi], entity_level) for gi, pi in matched.items())
    attributed = Counts(right, len(predicted) - len(sourceless), sum(1 for g in gold if g.source))
    return detection, attributed


def tally_rules(predicted: list[Predicted], gold: list[Gold], rules: dict[str, RuleTally]) -> None:
    """Add each prediction to its rule's tally: right (by entity), wrong, or not in the gold
    (predictions matched to a gold item without a source are left out, as in `score`)."""
    predicted = sorted(predicted, key=lambda p: (p.start, p.end))
    matched = {pi: gi for gi, pi in match(predicted, gold).items()}
    for pi, p in enumerate(predicted):
        tally = rules.setdefault(p.rule or "?", RuleTally())
        if pi not in matched:
            tally.unmatched += 1
        elif gold[matched[pi]].source:
            if right_speaker(p, gold[matched[pi]], entity_level=True):
                tally.right += 1
            else:
                tally.wrong += 1


def annotation_for(folder: Path, stem: str) -> Path | None:
    """The first annotator's .ann file for an article, in sorted order."""
    files = sorted(folder.glob(f"{stem}_*.ann"))
    return files[0] if files else None


def articles(polnear: Path, split: str) -> Iterator[tuple[str, str, list[Attribution]]]:
    """Yield (name, text, attributions) for every annotated article of a split."""
    base = polnear / split
    for path in sorted((base / "text").glob(f"*{TEXT_SUFFIX}")):
        ann = annotation_for(base / "attributions", path.stem)
        if ann is None:
            continue
        yield path.stem, path.read_text(encoding="utf-8"), read_ann(ann)


def default_polnear(cwd: Path | None = None) -> Path:
    """../shared/corpora/polnear from the working directory, else the one beside the repository."""
    here = (cwd or Path.cwd()) / ".." / "shared" / "corpora" / "polnear"
    if here.exists():
        return here.resolve()
    return Path(__file__).resolve().parents[4] / "shared" / "corpora" / "polnear"


Extractor = Callable[[list[str]], Iterator[tuple[list[Predicted], list[Predicted]]]]


def lower_in_place(text: str) -> str:
    """The text lower-cased character by character (offsets unchanged), as damaged feeds have it."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def evaluate(
    polnear: Path, split: str, extract: Extractor, doubled: bool = False, lowercase: bool = False
) -> QuotesReport:
    """Score `extract` (texts -> (direct+mixed, indirect) predictions per text) on a split.

    `doubled` also counts '' and `` as quotation marks in the gold (off: the issue's rule);
    `lowercase` gives the extractor lower-cased texts (the gold stays on the cased ones).
    """
    from dateline.stages.speech import is_speech_cue

    data = list(articles(polnear, split))
    report = QuotesReport(articles=len(data))
    outputs = extract([lower_in_place(t) if lowercase else t for _, t, _ in data])
    for (_, text, attributions), (direct, indirect) in zip(data, outputs, strict=True):
        gold = gold_direct(text, attributions, doubled)
        detection, attributed = score(direct, gold)
        report.detection.add(detection)
        report.attributed.add(attributed)
        report.entity_attributed.add(score(direct, gold, entity_level=True)[1])
        tally_rules(direct, gold, report.rules)
        gold = gold_indirect(text, attributions, is_speech_cue, doubled)
        detection, attributed = score(indirect, gold)
        report.indirect_detection.add(detection)
        report.indirect_attributed.add(attributed)
        report.indirect_entity_attributed.add(score(indirect, gold, entity_level=True)[1])
        tally_rules(indirect, gold, report.rules)
    return report


def dateline_extractor(model: str | None = None) -> Extractor:
    """Run the dateline pipeline and split its quotes into direct+mixed and indirect."""

    def extract(texts: list[str]) -> Iterator[tuple[list[Predicted], list[Predicted]]]:
        from dateline import nlp as nlp_module
        from dateline.stages.quotes import explain_quotes

        # Only the stages quotes depend on: the parse, blocks and entities; the quotes are
        # found here with the rule that attributed each.
        nlp = nlp_module.load(model or nlp_module.DEFAULT_MODEL, ("entities",))
        docs = (nlp_module.make_doc(nlp, text, None) for text in texts)
        for doc in nlp.pipe(docs, batch_size=8):
            explained = explain_quotes(doc)
            quotes = [quote for quote, _ in explained]
            rules = [rule for _, rule in explained]
            yield split_quotes(quotes, doc._.entities or [], rules)

    return extract


def split_quotes(
    quotes: Iterable, entities: Iterable = (), rules: Iterable[str] | None = None
) -> tuple[list[Predicted], list[Predicted]]:
    """Direct and mixed quotes apart from indirect ones, reduced to spans, speaker mention, the
    mentions of the speaker's entity and (when given) the rule that attributed each."""
    mentions = {e.id: tuple((m.start, m.end) for m in e.mentions) for e in entities}
    direct: list[Predicted] = []
    indirect: list[Predicted] = []
    quotes = list(quotes)
    names = list(rules) if rules is not None else [""] * len(quotes)
    for quote, rule in zip(quotes, names, strict=True):
        sp = quote.speaker
        speaker = (sp.start, sp.end) if sp.start is not None and sp.end is not None else None
        entity = mentions.get(sp.entity, ()) if speaker is not None else ()
        target = indirect if quote.kind == "indirect" else direct
        target.append(Predicted(quote.start, quote.end, speaker, entity, rule))
    return direct, indirect


def render(report: QuotesReport, title: str = "quotes") -> None:
    """Print the report as a table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{title} ({report.articles} articles)")
    for column in ("figure", "P", "R", "F1", "tp", "pred", "gold"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    for name, c in report.rows():
        table.add_row(
            name,
            f"{c.precision:.3f}",
            f"{c.recall:.3f}",
            f"{c.f1:.3f}",
            str(c.tp),
            str(c.predicted),
            str(c.gold),
        )
    console = Console()
    console.print(table)
    if report.rules:
        console.print(rule_table(report))


def rule_table(report: QuotesReport) -> Table:
    """Per attribution rule: quotes produced, right speaker (by entity), wrong or no speaker for
    a gold quote, and quotes the gold does not count; most productive rule first."""
    from rich.table import Table

    table = Table(title="attribution rules (right = right speaker by entity)")
    for column in ("rule", "quotes", "right", "wrong", "not in gold"):
        table.add_column(column, justify="left" if column == "rule" else "right")
    for name, t in sorted(report.rules.items(), key=lambda kv: (-kv[1].total, kv[0])):
        table.add_row(name, str(t.total), str(t.right), str(t.wrong), str(t.unmatched))
    return table


def run(
    polnear: str | None = None, split: str = "dev", doubled: bool = False, lowercase: bool = False
) -> QuotesReport:
    """Score the dateline pipeline on a PolNeAR split and print the table."""
    folder = Path(polnear) if polnear else default_polnear()
    if not (folder / split / "text").is_dir():
        raise FileNotFoundError(f"PolNeAR split not found: {folder / split}")
    report = evaluate(folder, split, dateline_extractor(), doubled, lowercase)
    rule = "'' and `` count as marks" if doubled else "double marks as in issue 3"
    rule += ", lower-cased texts" if lowercase else ""
    render(report, f"dateline quotes on PolNeAR {split}, {rule}")
    return report

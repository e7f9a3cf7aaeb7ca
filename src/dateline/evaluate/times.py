"""Score the times stage on TimeML (TimeBank, AQUAINT) with TempEval-3's span and attribute figures."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dateline.evaluate.metrics import Counts
from dateline.records import Time

DEFAULT_PATH = Path("..") / "shared" / "corpora" / "timeml"
# TBAQ's two parts; other folders beside them (a sample pipeline's copies) are not read.
CORPUS_PARTS = ("TimeBank", "AQUAINT")
# The second development check: sentences written for dateline in wire style, with their TIMEX3s.
DEV_TABLE = "times_dev.jsonl"


@dataclass(frozen=True)
class TimeMLDoc:
    """One TimeML document: the `<TEXT>` content without tags, its DCT and the gold TIMEX3s."""

    id: str
    text: str
    dct: dt.date | None
    gold: tuple[Time, ...]


@dataclass(frozen=True)
class TimesScore:
    """TempEval-3 figures: strict and relaxed spans, type and value on relaxed matches."""

    strict: Counts
    relaxed: Counts
    type: Counts
    value: Counts
    mod: Counts
    errors: tuple[tuple[str, Time | None, Time | None], ...] = field(default=(), repr=False)

    def rows(self) -> list[tuple[str, float, float, float]]:
        """(name, P, R, F1) for each figure."""
        return [
            (name, c.precision, c.recall, c.f1)
            for name, c in (
                ("strict span", self.strict),
                ("relaxed span", self.relaxed),
                ("type", self.type),
                ("value", self.value),
                ("mod", self.mod),
            )
        ]


def find_corpus(path: str | Path | None = None) -> Path:
    """Return the TimeML folder: `path`, else ../shared/corpora/timeml from the cwd or the repo."""
    if path is not None:
        return Path(path)
    here = DEFAULT_PATH
    if here.exists():
        return here
    beside_repo = Path(__file__).resolve().parents[4] / "shared" / "corpora" / "timeml"
    return beside_repo if beside_repo.exists() else here


def _parse_dct(value: str | None) -> dt.date | None:
    """Read the date part of a DCT value ("1998-01-08" or "1990-08-15T13:37")."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    return dt.date(*map(int, match.groups())) if match else None


def read_timeml(path: Path) -> TimeMLDoc:
    """Read one .tml file: text with tags removed, DCT and gold TIMEX3 offsets into that text."""
    root = ET.parse(path).getroot()
    dct_node = root.find("DCT/TIMEX3")
    dct = _parse_dct(dct_node.get("value") if dct_node is not None else None)
    text_node = root.find("TEXT")
    pieces: list[str] = []
    gold: list[Time] = []
    length = 0

    def walk(node: ET.Element) -> None:
        nonlocal length
        start = length
        if node.text:
            pieces.append(node.text)
            length += len(node.text)
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)
        if node.tag == "TIMEX3":
            span = "".join(pieces)[start:length]
            gold.append(
                Time(
                    start,
                    length,
                    span,
                    node.get("type", ""),
                    node.get("value", ""),
                    node.get("mod"),
                )
            )

    if text_node is not None:
        walk(text_node)
    docid = root.findtext("DOCID") or path.stem
    return TimeMLDoc(docid.strip(), "".join(pieces), dct, tuple(gold))


def read_corpus(paths: Sequence[str | Path]) -> Iterator[TimeMLDoc]:
    """Yield every .tml document under the given files or folders, in sorted order."""
    for path in map(Path, paths):
        parts = [path / name for name in CORPUS_PARTS if (path / name).is_dir()] or [path]
        files = (
            sorted(f for part in parts for f in part.rglob("*.tml")) if path.is_dir() else [path]
        )
        for file in files:
            yield read_timeml(file)


def read_dev_table(path: str | Path | None = None) -> list[TimeMLDoc]:
    """The development table (one JSON object a line: topic, dct, text, times; `#` lines are
    comments) as documents whose gold spans are found in order in the text."""
    from importlib.resources import files

    source = Path(path) if path else files("dateline.evaluate").joinpath(DEV_TABLE)
    docs = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = json.loads(line)
        gold, at = [], 0
        for span, kind, value, *mod in row["times"]:
            start = row["text"].index(span, at)
            at = start + len(span)
            gold.append(Time(start, at, span, kind, value, mod[0] if mod else None))
        dct = _parse_dct(row["dct"])
        docs.append(TimeMLDoc(f"{number}:{row['topic']}", row["text"], dct, tuple(gold)))
    return docs


def _overlap(a: Time, b: Time) -> bool:
    """Whether two spans share at least one character."""
    return a.start < b.end and b.start < a.end


def _match(system: Sequence[Time], gold: Sequence[Time]) -> list[tuple[Time, Time]]:
    """Pair system and gold spans one to one, exact matches first, then by largest overlap."""
    pairs: list[tuple[Time, Time]] = []
    free_gold = list(gold)
    leftover: list[Time] = []
    for sys_time in system:
        same = next(
            (g for g in free_gold if (g.start, g.end) == (sys_time.start, sys_time.end)), None
        )
        if same is not None:
            free_gold.remove(same)
            pairs.append((sys_time, same))
        else:
            leftover.append(sys_time)
    for sys_time in leftover:
        hits = [g for g in free_gold if _overlap(sys_time, g)]
        if hits:
            best = max(hits, key=lambda g: min(g.end, sys_time.end) - max(g.start, sys_time.start))
            free_gold.remove(best)
            pairs.append((sys_time, best))
    return pairs


def score(
    results: Iterable[tuple[Sequence[Time], Sequence[Time]]], keep_errors: bool = False
) -> TimesScore:
    """Score (system, gold) pairs of time lists per document with TempEval-3's figures."""
    n_sys = n_gold = strict = relaxed = typed = valued = modded = 0
    errors: list[tuple[str, Time | None, Time | None]] = []
    for system, gold in results:
        n_sys += len(system)
        n_gold += len(gold)
        pairs = _match(system, gold)
        relaxed += len(pairs)
        for sys_time, gold_time in pairs:
            exact = (sys_time.start, sys_time.end) == (gold_time.start, gold_time.end)
            strict += exact
            typed += sys_time.type == gold_time.type
            valued += sys_time.value == gold_time.value
            modded += (sys_time.mod or None) == (gold_time.mod or None)
            if keep_errors and not (exact and sys_time.value == gold_time.value):
                errors.append(("mismatch", sys_time, gold_time))
        if keep_errors:
            matched_sys = {id(s) for s, _ in pairs}
            matched_gold = {id(g) for _, g in pairs}
            errors += [("spurious", s, None) for s in system if id(s) not in matched_sys]
            errors += [("missed", None, g) for g in gold if id(g) not in matched_gold]
    return TimesScore(
        strict=Counts(strict, n_sys, n_gold),
        relaxed=Counts(relaxed, n_sys, n_gold),
        type=Counts(typed, n_sys, n_gold),
        value=Counts(valued, n_sys, n_gold),
        mod=Counts(modded, n_sys, n_gold),
        errors=tuple(errors),
    )


def evaluate(docs: Sequence[TimeMLDoc], keep_errors: bool = False) -> TimesScore:
    """Run the pipeline over TimeML documents and score the times stage."""
    from dateline.nlp import load, make_doc

    nlp = load(stages=("times",))
    parsed = nlp.pipe((make_doc(nlp, doc.text, doc.dct) for doc in docs), batch_size=8)
    return score(
        (
            (parsed_doc._.times or [], doc.gold)
            for parsed_doc, doc in zip(parsed, docs, strict=True)
        ),
        keep_errors,
    )


def show(result: TimesScore, title: str) -> None:
    """Print the TempEval-3 figures as a table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in ("figure", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    for name, p, r, f in result.rows():
        table.add_row(name, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
    Console().print(table)


def _times_by_rule(docs: Sequence[TimeMLDoc]) -> Iterator[list[tuple[Time, str]]]:
    """Each document's times with the rule that read each, as the times component finds them."""
    from dateline.nlp import load, make_doc
    from dateline.stages.times import find_times_by_rule

    nlp = load(stages=())
    for parsed in nlp.pipe((make_doc(nlp, doc.text, doc.dct) for doc in docs), batch_size=8):
        try:
            yield find_times_by_rule(parsed)
        except Exception:  # noqa: BLE001  (as the component: a crash drops this document's times)
            yield []


def show_errors(docs: Sequence[TimeMLDoc], title: str = "times") -> None:
    """Print each document's missed, spurious and mismatched times with the rule behind each
    (- for a missed one), then how many hits and errors each rule made."""
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for doc, found in zip(docs, _times_by_rule(docs), strict=True):
        rules = {id(time): rule for time, rule in found}
        errors = score([([t for t, _ in found], doc.gold)], keep_errors=True).errors
        wrong = {id(system) for _, system, _ in errors if system is not None}
        for time, rule in found:
            if id(time) not in wrong:
                tally[rule]["hit"] += 1
        for kind, system, gold in errors:
            rule = rules[id(system)] if system is not None else "-"
            tally[rule][kind] += 1
            where = _around(doc.text, system or gold)
            print(f"{doc.id}\t{kind}\t{rule}\t{_brief(system)}\t{_brief(gold)}\t{where}")
    _show_rules(tally, title)


def _around(text: str, time: Time | None, width: int = 80) -> str:
    """The text (a short one whole) or the stretch of it around `time`, on one line."""
    if time is not None and len(text) > 3 * width:
        text = text[max(0, time.start - width) : time.end + width]
    return " ".join(text.split())


def _show_rules(tally: dict[str, Counter[str]], title: str) -> None:
    """Print hits, mismatches and spurious times by the rule that read them, and the misses."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{title}: by rule")
    for column in ("rule", "hit", "mismatch", "spurious", "missed"):
        table.add_column(column, justify="left" if column == "rule" else "right")
    for rule, counts in sorted(tally.items(), key=lambda item: (item[0] == "-", item[0])):
        kinds = ("hit", "mismatch", "spurious", "missed")
        table.add_row(rule, *(str(counts[k]) if counts[k] else "" for k in kinds))
    Console().print(table)


def _brief(time: Time | None) -> str:
    """'span' TYPE value [mod], or - for none."""
    return (
        "-" if time is None else f"{time.text!r} {time.type} {time.value} {time.mod or ''}".strip()
    )


def run_dev(path: str | Path | None = None, errors: bool = False) -> TimesScore:
    """Score the stage on the development table and print its figures (and errors if asked)."""
    docs = read_dev_table(path)
    result = evaluate(docs)
    gold = sum(len(d.gold) for d in docs)
    title = f"times: development table, {len(docs)} sentences, {gold} gold TIMEX3"
    show(result, title)
    if errors:
        show_errors(docs, "times: development table")
    return result


def run(paths: Sequence[str | Path], errors: bool = False) -> TimesScore:
    """Read the TimeML folders (default ../shared/corpora/timeml), score the stage and print the
    table (and each document's errors with the rule behind each, if asked)."""
    folders = [find_corpus(p) for p in paths] if paths else [find_corpus()]
    missing = [str(f) for f in folders if not f.exists()]
    if missing:
        raise FileNotFoundError(f"TimeML corpus not found: {', '.join(missing)}")
    docs = list(read_corpus(folders))
    result = evaluate(docs)
    gold = sum(len(d.gold) for d in docs)
    show(result, f"times: {len(docs)} TimeML documents, {gold} gold TIMEX3")
    if errors:
        show_errors(docs, "times: TimeML")
    return result

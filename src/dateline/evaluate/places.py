"""Geoparsing evaluation: readers for LGL, GeoWebNews and GeoVirus XML, and toponym metrics.

Recognition is scored end to end: a predicted place matches a gold toponym when their spans
overlap, one to one (each gold and each prediction used at most once, nearest starts first).
Resolution is scored on matched toponyms that have gold coordinates: the share placed within
161 km (100 miles, the usual geoparsing threshold) and the mean error in km of those placed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dateline.evaluate.metrics import Counts, ratio
from dateline.records import Place
from dateline.stages.places.gazetteer import distance_km

ACCURACY_KM = 161.0
CORPORA = {"lgl": "lgl.xml", "gwn": "GWN.xml", "geovirus": "GeoVirus.xml"}


@dataclass(frozen=True)
class GoldToponym:
    """One annotated toponym: its span and, when annotated, its coordinates."""

    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class GeoArticle:
    """One annotated article of a geoparsing corpus."""

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(text: str | None) -> float | None:
    """Parse a coordinate, or None when blank."""
    return float(text) if text and text.strip() else None


def read_lgl(path: Path) -> Iterator[GeoArticle]:
    """Read LGL (`<toponym>` with `<gaztag><lat>/<lon>`); toponyms without a gaztag have no point."""
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        gold = []
        for top in article.iter("toponym"):
            start, end = int(top.findtext("start")), int(top.findtext("end"))
            tag = top.find("gaztag")
            lat = _float(tag.findtext("lat")) if tag is not None else None
            lon = _float(tag.findtext("lon")) if tag is not None else None
            gold.append(GoldToponym(start, end, text[start:end], lat, lon))
        yield GeoArticle(article.get("docid", ""), text, tuple(sorted(gold, key=_key)))


def read_gwn(path: Path) -> Iterator[GeoArticle]:
    """Read GeoWebNews: the toponyms are the annotations that carry coordinates.

    Its other annotations (common nouns such as "city", demonym nouns, languages, homonyms,
    organisations named after places) are not toponyms in the corpus's own taxonomy.
    """
    for number, article in enumerate(ET.parse(path).getroot().iter("article")):
        text = article.findtext("text") or ""
        gold = []
        for top in article.iter("toponym"):
            lat, lon = _float(top.findtext("latitude")), _float(top.findtext("longitude"))
            if lat is None or lon is None:
                continue
            start, end = int(top.findtext("start")), int(top.findtext("end"))
            gold.append(GoldToponym(start, end, text[start:end], lat, lon))
        yield GeoArticle(article.get("file", str(number)), text, tuple(sorted(gold, key=_key)))


def read_geovirus(path: Path) -> Iterator[GeoArticle]:
    """Read GeoVirus; its offsets are shifted, so each name is realigned on the nearest match."""
    for number, article in enumerate(ET.parse(path).getroot().iter("article")):
        text = article.findtext("text") or ""
        gold = []
        for loc in article.iter("location"):
            name = loc.findtext("name") or ""
            start = _realign(text, name, int(loc.findtext("start")))
            if start is None:
                continue
            lat, lon = _float(loc.findtext("lat")), _float(loc.findtext("lon"))
            gold.append(GoldToponym(start, start + len(name), name, lat, lon))
        yield GeoArticle(str(number), text, tuple(sorted(gold, key=_key)))


def _realign(text: str, name: str, start: int, window: int = 12) -> int | None:
    """Return the start of `name` in `text` nearest to `start`, within `window` characters."""
    for shift in sorted(range(-window, window + 1), key=abs):
        at = start + shift
        if at >= 0 and text[at : at + len(name)] == name:
            return at
    return None


def _key(top: GoldToponym) -> tuple[int, int]:
    """Sort key: by span."""
    return (top.start, top.end)


READERS: dict[str, Callable[[Path], Iterator[GeoArticle]]] = {
    "lgl": read_lgl,
    "gwn": read_gwn,
    "geovirus": read_geovirus,
}


def read_corpus(name: str, path: Path) -> list[GeoArticle]:
    """Read one of the corpora by its short name (lgl, gwn, geovirus)."""
    return list(READERS[name](Path(path)))


def default_path(name: str, cwd: Path | None = None) -> Path:
    """../shared/corpora/geo/<file> from the cwd, else the one beside the repository."""
    here = (cwd or Path.cwd()) / ".." / "shared" / "corpora" / "geo" / CORPORA[name]
    if here.exists():
        return here.resolve()
    return Path(__file__).resolve().parents[4] / "shared" / "corpora" / "geo" / CORPORA[name]


def match(
    gold: Iterable[GoldToponym], predicted: Iterable[Place]
) -> list[tuple[GoldToponym, Place]]:
    """Pair overlapping spans one to one, preferring the pairs whose starts are closest."""
    gold_list, pred_list = list(gold), list(predicted)
    pairs = sorted(
        (abs(g.start - p.start) + abs(g.end - p.end), i, j)
        for i, g in enumerate(gold_list)
        for j, p in enumerate(pred_list)
        if g.start < p.end and p.start < g.end
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched = []
    for _, i, j in pairs:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            matched.append((gold_list[i], pred_list[j]))
    return matched


@dataclass
class PlacesScore:
    """Counts that add up over articles: toponym spans (P/R/F1) and distances; figures are properties."""

    toponyms: Counts = field(default_factory=Counts)
    with_point: int = 0
    placed: int = 0
    within: int = 0
    error_km: float = 0.0
    errors: list[tuple[str, GoldToponym, Place | None, float | None]] = field(default_factory=list)

    def add(self, article: GeoArticle, places: list[Place], keep_errors: bool = False) -> None:
        """Score one article's predictions against its gold toponyms."""
        pairs = match(article.toponyms, places)
        self.toponyms.add(Counts(len(pairs), len(places), len(article.toponyms)))
        for gold, place in pairs:
            if gold.lat is None or gold.lon is None:
                continue
            self.with_point += 1
            if place.lat is None or place.lon is None:
                if keep_errors:
                    self.errors.append((article.id, gold, place, None))
                continue
            km = distance_km(gold.lat, gold.lon, place.lat, place.lon)
            self.placed += 1
            self.error_km += km
            if km <= ACCURACY_KM:
                self.within += 1
            elif keep_errors:
                self.errors.append((article.id, gold, place, km))
        if keep_errors:
            found = {id(g) for g, _ in pairs}
            self.errors.extend(
                (article.id, g, None, None) for g in article.toponyms if id(g) not in found
            )

    @property
    def accuracy(self) -> float:
        """Share of matched toponyms with a gold point placed within 161 km (unplaced count as wrong)."""
        return ratio(self.within, self.with_point)

    @property
    def mean_error_km(self) -> float:
        """Mean distance in km over the matched toponyms that were placed."""
        return ratio(self.error_km, self.placed)


def evaluate(
    articles: Iterable[GeoArticle],
    find: Callable[[Iterable[str]], Iterator[list[Place]]],
    keep_errors: bool = False,
) -> PlacesScore:
    """Score `find` (texts in, place lists out, in order) over the articles."""
    articles = list(articles)
    score = PlacesScore()
    for article, places in zip(articles, find(a.text for a in articles), strict=True):
        score.add(article, places, keep_errors)
    return score


def pipeline_finder(model: str | None = None) -> Callable[[Iterable[str]], Iterator[list[Place]]]:
    """A `find` for `evaluate` that runs the dateline pipeline up to the places stage."""
    from dateline.nlp import DEFAULT_MODEL, load

    nlp = load(model or DEFAULT_MODEL, stages=("entities", "places"))

    def find(texts: Iterable[str]) -> Iterator[list[Place]]:
        for doc in nlp.pipe(texts, batch_size=16):
            yield list(doc._.places or [])

    return find


def table(name: str, score: PlacesScore):  # noqa: ANN201  (a rich Table; rich is imported lazily)
    """A readable rich table of one corpus's figures."""
    from rich.table import Table

    out = Table(title=f"places on {name}")
    out.add_column("measure")
    out.add_column("value", justify="right")
    rows = [
        ("gold toponyms", f"{score.toponyms.gold}"),
        ("predicted places", f"{score.toponyms.predicted}"),
        ("matched (span overlap, 1:1)", f"{score.toponyms.tp}"),
        ("precision", f"{score.toponyms.precision:.3f}"),
        ("recall", f"{score.toponyms.recall:.3f}"),
        ("F1", f"{score.toponyms.f1:.3f}"),
        ("matched with a gold point", f"{score.with_point}"),
        (f"within {ACCURACY_KM:.0f} km", f"{score.accuracy:.3f}"),
        ("mean error km (placed)", f"{score.mean_error_km:.0f}"),
        ("matched but not placed", f"{score.with_point - score.placed}"),
    ]
    for row in rows:
        out.add_row(*row)
    return out


def run(corpus: str, path: str | None = None, limit: int | None = None) -> PlacesScore:
    """Read a corpus, run the pipeline over it and print its table; return the score."""
    from rich.console import Console

    file = Path(path) if path else default_path(corpus)
    if not file.exists():
        raise FileNotFoundError(f"corpus file not found: {file}")
    articles = read_corpus(corpus, file)[:limit]
    score = evaluate(articles, pipeline_finder())
    Console().print(table(f"{corpus} ({len(articles)} articles, {file.name})", score))
    return score

"""Place resolution: choose each mention's gazetteer entry by prior and by article context.

Every candidate scores by population, kind and name form, then by what the whole article
says: other places it names, the qualifying state or country beside a name, the wire
dateline and the countries of the entity stage.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from dateline.stages.places.candidates import PlaceMention
from dateline.stages.places.gazetteer import (
    ABBREVIATION,
    ALTERNATE,
    BASE,
    DEMONYM,
    MAIN,
    Entry,
    Gazetteer,
    key,
)

KIND_PRIOR = {
    "country": 4.0,
    "continent": 4.0,
    "admin1": 2.0,
    "capital": 2.5,
    "city": 0.0,
    "admin2": 0.5,
    "landmark": 12.0,
    "region": 12.0,
    "water": 12.0,
}
HOW_PRIOR = {ALTERNATE: -1.0, ABBREVIATION: -0.5, DEMONYM: 0.0, BASE: -2.5}
# Towns and counties: two local names of an article that both have a candidate in the same
# small area most likely both mean those ("Paris" beside "Henry County" is Paris, Tennessee).
LOCAL_KINDS = {"city", "capital", "admin2"}
PAIR_WEIGHT = 1.5
MUNICIPAL_PENALTY = 10.0
# Extra weight of the article's home unit for town and county names (local news).
HOME = 2.0


@dataclass
class PlaceContext:
    """What the article says about where it is: countries, admin1 units and points."""

    countries: Counter = field(default_factory=Counter)
    units: Counter = field(default_factory=Counter)
    points: list[tuple[str, float, float]] = field(default_factory=list)
    # Grid cell -> names of local mentions that have some candidate town or county there.
    cells: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    # The points by NEAR_LAT x NEAR_LON cell, counted: built on first use (linear in a long article).
    grid: dict[tuple[int, int], Counter] | None = None


NEAR_LAT, NEAR_LON = 1.5, 2.0  # a point this close (in degrees) supports a candidate


def resolve(doc: Doc, mentions: list[PlaceMention], gaz: Gazetteer) -> None:
    """Choose each mention's entry: priors first, then twice with the article's context."""
    base = PlaceContext()
    for entity in doc._.entities or ():
        cc = gaz.country_of_iso3(getattr(entity, "country", None))
        if cc:
            names = frozenset(key(m.text) for m in getattr(entity, "mentions", ()))
            base.countries[(cc, names | {key(entity.name)})] += 1
    # A name used once as a town ("the Jordan school") is that town throughout the article.
    towns = {key(m.lookup) for m in mentions if m.municipal}
    for mention in mentions:
        mention.municipal = mention.municipal or key(mention.lookup) in towns
    for mention in mentions:
        mention.choice = _best(mention, base, gaz)
    for _ in range(2):
        context = _context(mentions, base)
        for mention in mentions:
            mention.choice = _best(mention, context, gaz)
    # One sense per article for the same words, unless a qualifier pins a different one.
    chosen: dict[str, Entry] = {}
    for mention in sorted(mentions, key=lambda m: -max(m.scores.values(), default=0.0)):
        k = key(mention.lookup)
        if mention.qualifier is None and k in chosen and chosen[k] in mention.candidates:
            mention.choice = chosen[k]
        elif mention.choice is not None:
            chosen.setdefault(k, mention.choice)


def _context(mentions: list[PlaceMention], base: PlaceContext) -> PlaceContext:
    """Countries, admin1 units and points named by the mentions as now resolved."""
    context = PlaceContext(Counter(base.countries), Counter(base.units), [])
    for mention in mentions:
        entry = mention.choice
        if entry is None:
            continue
        weight = 2 if mention.source == "dateline" else 1
        k = key(mention.lookup)
        if entry.cc:
            context.countries[(entry.cc, k)] += weight
        if entry.kind in {"admin1", "admin2", "city", "capital"} and entry.admin1:
            context.units[(entry.cc, entry.admin1, k)] += weight
        if entry.kind not in {"country", "continent", "water", "region"}:
            context.points.append((k, entry.lat, entry.lon))
        if entry.kind in LOCAL_KINDS and not mention.demonym:
            for e in mention.candidates:
                if e.kind in LOCAL_KINDS and e.how in {MAIN, ALTERNATE}:
                    context.cells.setdefault(_cell(e.lat, e.lon), set()).add(k)
    return context


def _near(context: PlaceContext, e: Entry, own: str) -> int:
    """How many points of other names lie within NEAR_LAT/NEAR_LON degrees of `e`."""
    if context.grid is None:
        context.grid = {}
        for point in context.points:
            cell = (math.floor(point[1] / NEAR_LAT), math.floor(point[2] / NEAR_LON))
            context.grid.setdefault(cell, Counter())[point] += 1
    row, col = math.floor(e.lat / NEAR_LAT), math.floor(e.lon / NEAR_LON)
    return sum(
        n
        for cell in ((row + i, col + j) for i in (-1, 0, 1) for j in (-1, 0, 1))
        for (k, lat, lon), n in context.grid.get(cell, {}).items()
        if k != own and abs(lat - e.lat) < NEAR_LAT and abs(lon - e.lon) < NEAR_LON
    )


def _cell(lat: float, lon: float) -> tuple[int, int]:
    """The grid cell of a point (half a degree square)."""
    return (math.floor(lat * 2), math.floor(lon * 2))


def _neighbours(context: PlaceContext, e: Entry, own: str) -> int:
    """Other local names with a candidate in `e`'s half-degree cell or one beside it (~50-100 km)."""
    lat, lon = _cell(e.lat, e.lon)
    names: set[str] = set()
    for dlat in (-1, 0, 1):
        for dlon in (-1, 0, 1):
            names |= context.cells.get((lat + dlat, lon + dlon), set())
    names.discard(own)
    return len(names)


def _best(mention: PlaceMention, context: PlaceContext, gaz: Gazetteer) -> Entry | None:
    """The highest-scoring candidate of a mention."""
    if not mention.candidates:
        return None
    clues = _clues(mention, context, gaz)
    best, best_score = None, -math.inf
    mention.scores = {}
    for e in mention.candidates:
        score = _in_context(_prior(e, mention, clues.biggest_city), e, clues, context)
        mention.scores[e.id] = score
        if score > best_score:
            best, best_score = e, score
    return best


@dataclass(frozen=True)
class Clues:
    """What the article says for one mention, its own name left out."""

    own: str
    countries: Counter
    units: Counter
    qualifier: tuple[Entry, ...]
    home: tuple[str, str] | None
    biggest_city: int
    local: bool


def _clues(mention: PlaceMention, context: PlaceContext, gaz: Gazetteer) -> Clues:
    """The countries and units the rest of the article names, the home unit and the qualifier."""
    own = key(mention.lookup)
    countries = Counter()
    units = Counter()
    for (cc, names), n in context.countries.items():
        if own not in names if isinstance(names, frozenset) else names != own:
            countries[cc] += n
    for (cc, a1, k), n in context.units.items():
        if k != own:
            units[(cc, a1)] += n
    qualifier = gaz.lookup(mention.qualifier) if mention.qualifier else ()
    # The article's home state or province: most (60%+) of at least three unit mentions.
    home = None
    if units and sum(units.values()) >= 3:
        top, n = units.most_common(1)[0]
        home = top if n >= 0.6 * sum(units.values()) else None
    biggest_city = max(
        (
            c.population
            for c in mention.candidates
            if c.kind in {"city", "capital"} and c.how in {MAIN, ALTERNATE}
        ),
        default=0,
    )
    # Only names that cannot mean a country or state look for neighbours.
    local = not any(
        c.kind in {"country", "admin1", "continent", "region", "water", "landmark"}
        and c.how in {MAIN, ALTERNATE}
        for c in mention.candidates
    )
    return Clues(own, countries, units, qualifier, home, biggest_city, local)


def _prior(e: Entry, mention: PlaceMention, biggest_city: int) -> float:
    """A candidate's score before context: population, kind, name form and unit words."""
    score = 1.5 * math.log10(e.population + 10) + KIND_PRIOR.get(e.kind, 0.0)
    score += HOW_PRIOR.get(e.how, 0.0)
    if e.kind in {"admin1", "admin2"} and not mention.unit and biggest_city >= 0.1 * e.population:
        score -= 4.0
    if e.kind == "country" and e.how == MAIN:
        score += 1.5
    if e.kind == "country" and mention.municipal:
        score -= MUNICIPAL_PENALTY
    if mention.unit and e.kind in {"admin1", "admin2"}:
        score += 3.0
    return score


def _in_context(score: float, e: Entry, clues: Clues, context: PlaceContext) -> float:
    """A candidate's score after what the article says: countries, units, qualifier, neighbours."""
    if e.kind != "continent" and e.cc:
        score += 2.5 * min(clues.countries[e.cc], 3) ** 0.5
    if e.admin1 and e.kind in {"city", "capital", "admin2", "admin1"}:
        score += 3.0 * min(clues.units[(e.cc, e.admin1)], 3) ** 0.5
        if clues.local and clues.home and (e.cc, e.admin1) == clues.home:
            score += HOME
    if clues.qualifier and any(
        (q.kind == "admin1" and q.cc == e.cc and q.admin1 == e.admin1)
        or (q.kind == "country" and q.cc == e.cc)
        for q in clues.qualifier
    ):
        score += 8.0
    if e.kind in {"city", "capital", "admin2", "landmark"} and context.points:
        score += min(_near(context, e, clues.own), 3) * 1.5
    if clues.local and e.how == MAIN and e.kind in LOCAL_KINDS and context.cells:
        score += min(_neighbours(context, e, clues.own), 3) * PAIR_WEIGHT
    return score

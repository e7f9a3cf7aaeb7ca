"""The one output schema: frozen dataclasses that serialise to the JSON contract (v1)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

BLOCK_KINDS = ("body", "heading", "caption", "credit", "byline", "dateline", "footer")
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")
QUOTE_KINDS = ("direct", "mixed", "indirect")
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
# PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
# 4 material conflict (as GDELT's QuadClass).
QUAD = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}


@dataclass(frozen=True)
class Block:
    """A structural span of the article: body, heading, caption, credit, byline, dateline or footer."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """One place in the text where an entity is named or referred to."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place with all its mentions clustered."""

    id: str
    name: str
    type: str
    country: str | None = None
    title: str | None = None
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Speaker:
    """Who a quote is attributed to: the mention named by the sentence and the entity it resolves to."""

    entity: str | None = None
    name: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Cue:
    """The word or phrase that introduces a quote ("said", "according to")."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quote:
    """A direct, mixed or indirect quotation with its attribution."""

    start: int
    end: int
    text: str
    kind: str
    speaker: Speaker = field(default_factory=Speaker)
    cue: Cue | None = None
    via: str | None = None
    repeat_of: int | None = None
    in_caption: bool = False


@dataclass(frozen=True)
class Time:
    """A time expression normalised to a TIMEX3 value."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class Place:
    """A place mention resolved against the gazetteer."""

    start: int
    end: int
    text: str
    name: str
    kind: str
    country_code: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Actor:
    """An event participant coded with PLOVER country and sector codes."""

    entity: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None


# Events at or above this confidence are shown by default (CLI, store queries, exports, web);
# the others stay in the record and are queryable with --all-events. Calibrated on events-news.
EVENT_THRESHOLD = 0.45


@dataclass(frozen=True)
class Event:
    """A PLOVER event with its evidence span."""

    type: str
    start: int
    end: int
    text: str
    mode: str | None = None
    actor: Actor | None = None
    recipient: Actor | None = None
    place: int | None = None
    date: str | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    confidence: float = 0.0
    counts: dict[str, int] | None = None
    rule: str | None = None
    # Other reports of the same act in the article ({"start", "end", "text"} each).
    mentions: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class Analysis:
    """Everything dateline found in one article; `to_dict()` is the JSON contract."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    blocks: tuple[Block, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[Time, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    repairs: tuple[str, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = ()

    def shown_events(self, threshold: float = EVENT_THRESHOLD) -> Analysis:
        """This analysis with only the events at or above `threshold` (the default view)."""
        return replace(self, events=tuple(e for e in self.events if e.confidence >= threshold))

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-contract dict; `error` and `warnings` appear only when there are some."""
        data = asdict(self)
        for key in ("blocks", "entities", "quotes", "times", "places", "events"):
            data[key] = list(data[key])
        for entity in data["entities"]:
            entity["mentions"] = list(entity["mentions"])
        data["repairs"] = list(self.repairs)
        if self.error is None:
            del data["error"]
        if self.warnings:
            data["warnings"] = list(self.warnings)
        else:
            del data["warnings"]
        return data


@dataclass(frozen=True)
class Article:
    """One input document as read: `text` is exactly what later offsets index."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    repairs: tuple[str, ...] = ()  # what was repaired in `text` (see repair.py)

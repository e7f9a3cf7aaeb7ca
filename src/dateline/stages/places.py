"""The places stage: find place mentions and resolve them to points with the offline gazetteer.

Recognition starts from the parser's GPE/LOC/FAC entities and repairs them: names the small
model mislabels or misses ("Kyiv" as PERSON), "X region / province / oblast" units, wire
datelines in capitals, "City, State" pairs, demonyms used as modifiers ("Syrian troops", kept
with kind "demonym"), and relative regions ("northeastern Ukraine", kind "region"). Metonyms
("Kyiv said") stay place mentions. Resolution scores every gazetteer candidate by population
and kind, then by what the whole article says: other places it names, the qualifying state or
country beside a name, the wire dateline and the countries of the entity stage.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from dateline.gazetteer import (
    ABBREVIATION,
    ALTERNATE,
    BASE,
    DEMONYM,
    MAIN,
    US_ABBREVIATIONS,
    Entry,
    Gazetteer,
    key,
)
from dateline.gazetteer import shared as shared_gazetteer
from dateline.records import Place
from dateline.stages import run_stage

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Labels the small model often gives to place names; taken only for well-known places.
MISLABELS = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "NORP", "LANGUAGE"}
UNIT_AFTER = {
    "region", "province", "oblast", "governorate", "state", "county", "parish", "district",
    "krai", "prefecture", "territory", "republic", "regions", "provinces",
}  # fmt: skip
# Compass words and the corner of a country they pick: (latitude side, longitude side).
DIRECTIONS = {
    "north": ("hi", "mid"), "northern": ("hi", "mid"), "south": ("lo", "mid"),
    "southern": ("lo", "mid"), "east": ("mid", "hi"), "eastern": ("mid", "hi"),
    "west": ("mid", "lo"), "western": ("mid", "lo"), "central": ("mid", "mid"),
    "northeast": ("hi", "hi"), "northeastern": ("hi", "hi"), "north-east": ("hi", "hi"),
    "north-eastern": ("hi", "hi"), "northwest": ("hi", "lo"), "northwestern": ("hi", "lo"),
    "north-west": ("hi", "lo"), "north-western": ("hi", "lo"), "southeast": ("lo", "hi"),
    "southeastern": ("lo", "hi"), "south-east": ("lo", "hi"), "south-eastern": ("lo", "hi"),
    "southwest": ("lo", "lo"), "southwestern": ("lo", "lo"), "south-west": ("lo", "lo"),
    "south-western": ("lo", "lo"),
}  # fmt: skip
LOCATIVE = {"in", "from", "to", "near", "at", "outside", "across", "into", "toward", "towards",
            "around", "through", "via", "visited", "visit", "between"}  # fmt: skip
KIND_PRIOR = {
    "country": 4.0, "continent": 4.0, "admin1": 2.0, "capital": 2.5, "city": 0.0,
    "admin2": 0.5, "landmark": 12.0, "region": 12.0, "water": 12.0,
}  # fmt: skip
HOW_PRIOR = {ALTERNATE: -1.0, ABBREVIATION: -0.5, DEMONYM: 0.0, BASE: -2.5}
OUTPUT_KIND = {"capital": "city"}
# The dotted AP forms of US states, exactly as written ("Tenn.", "N.Y.").
AP_FORMS = {
    re.sub(r"[^a-z.]", "", form.lower()).rstrip(".")
    for forms in US_ABBREVIATIONS.values()
    for form in forms.split(";")
}
# Towns and counties: two local names of an article that both have a candidate in the same
# small area most likely both mean those ("Paris" beside "Henry County" is Paris, Tennessee).
LOCAL_KINDS = {"city", "capital", "admin2"}
PAIR_WEIGHT = 1.5
MUNICIPAL_PENALTY = 10.0
# Extra weight of the article's home unit for town and county names (local news).
HOME = 2.0


@dataclass
class Mention:
    """A candidate place mention: its span, how it was found and what it may refer to."""

    start: int
    end: int
    text: str
    lookup: str
    source: str
    unit: bool = False
    demonym: bool = False
    direction: str | None = None
    qualifier: str | None = None
    first: int = 0
    stop: int = 0
    after_comma: bool = False
    municipal: bool = False
    candidates: tuple[Entry, ...] = ()
    choice: Entry | None = None
    scores: dict[int, float] = field(default_factory=dict)


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
        and (key(m.lookup) not in surnames or _strong_place(m.lookup, gaz))
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


# --- recognition ---------------------------------------------------------------------------


def recognise(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Collect candidate mentions from entities, datelines and uncovered proper nouns."""
    found: list[Mention] = []
    taken = [False] * len(doc)
    tok = Tokens(doc)
    text = tok.text
    ents = list(doc.ents)

    def add(span: Span, source: str, demonym: bool = False) -> None:
        for mention in _mentions_of(span, source, demonym, gaz):
            if not any(taken[t] for t in _token_range(doc, mention)):
                for t in _token_range(doc, mention):
                    taken[t] = True
                found.append(mention)

    for block in doc._.blocks or ():
        if block.kind == "dateline":
            span = doc.char_span(block.start, block.end, alignment_mode="expand")
            if span is not None:
                for part in _dateline_parts(span):
                    add(part, "dateline")
    for ent in ents:
        longer = _landmark_extension(ent, gaz)
        if longer is not None:
            add(longer, "landmark")
        elif ent.label_ in PLACE_LABELS:
            add(ent, "ner" if ent.label_ != "FAC" else "facility")
        elif ent.label_ == "NORP":
            if _is_modifier(ent):
                add(ent, "demonym", demonym=True)
        elif ent.label_ in MISLABELS and (
            _strong_place(ent.text, gaz)
            or (_place_context(ent, tok) and _known_place(ent.text, gaz, 50_000))
        ):
            add(ent, "relabel")
    for span in _inline_datelines(doc, text):
        add(span, "dateline")
    for ent in ents:
        if ent.label_ in EMBEDDING:
            for span in _embedded(ent, tok, gaz):
                add(span, "embedded")
    for span in _party_towns(doc, text):
        add(span, "gazetteer")
    for span in _proper_runs(doc, tok, taken, gaz):
        if _known_place(span.text, gaz, 10_000):
            add(span, "gazetteer")
    known = {
        key(m.lookup)
        for m in found
        if m.source in {"ner", "dateline", "relabel", "embedded"}
        and not m.demonym
        and any(e.how in {MAIN, ALTERNATE} for e in m.candidates)
    }
    for span in _repeats(doc, tok, taken, known):
        add(span, "repeat")
    found.sort(key=lambda m: m.start)
    for i, mention in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt and text[mention.end : nxt.start].strip() == ",":
            mention.qualifier = nxt.lookup
        mention.municipal = (
            mention.stop < len(doc)
            and tok.lowers[mention.stop] in MUNICIPAL
            and not mention.demonym
            and (mention.first == 0 or tok.lowers[mention.first - 1] not in {"a", "an", "another"})
        )  # but "a U.S. city" is a city in that country
    return found


INLINE_DATELINE = re.compile(
    r"(?:^|(?<=[.!?\n]) +|(?<=\n))([A-Z][A-Z.'\u2019]+(?:[ -][A-Z][A-Z.'\u2019]+){0,3}"
    r"(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?)(?: \([A-Za-z&. ]{2,30}\))? ?(?:\u2014|\u2013|--)"
)
PARTY_TOWN = re.compile(r"\b(?:R|D|I|DFL)-([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
INSTITUTION = {
    "police", "county", "city", "department", "council", "school", "schools", "house", "senate",
    "university", "college", "hospital", "fire", "sheriff", "board", "mayor", "airport",
    "state", "public", "community", "chamber", "district", "court", "government", "army",
    "national", "assembly", "parliament", "ministry", "general", "high", "regional", "area",
    "metropolitan", "municipal", "township", "legislature", "commission", "zoo", "port",
}  # fmt: skip
EMBEDDING = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
PLACE_NOUNS = {
    "man", "woman", "men", "women", "resident", "residents", "area", "police", "officials",
    "native", "natives", "mayor", "schools", "school", "teen", "boy", "girl", "couple", "family",
    "families", "neighborhood", "home", "homes", "restaurant", "council", "voters", "citizens",
    "businesses", "suburb", "streets", "hospital", "authorities", "'s", "\u2019s",
}  # fmt: skip
COMPASS = {
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "midwest", "upper", "lower", "middle",
}  # fmt: skip
PROPN_AFTER = {"'s", "\u2019s"}
# Words after a name that make it a town, not a country: "the Jordan middle school",
# "Lebanon City Council", "Kuwait City".
MUNICIPAL = {
    "city", "town", "township", "village", "borough", "mayor", "selectmen", "aldermen",
    "school", "schools", "elementary", "middle", "high",
}  # fmt: skip
TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "judge", "st", "lt"}


def _inline_datelines(doc: Doc, text: str) -> Iterator[Span]:
    """Capitalised wire datelines that open a sentence ("TORRINGTON \u2014 The council ...")."""
    for match in INLINE_DATELINE.finditer(text):
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if span is not None and len(span):
            yield from _dateline_parts(span)


def _party_towns(doc: Doc, text: str) -> Iterator[Span]:
    """Home towns in US party tags: "Sen. Jane Roe, R-Elbow Lake"."""
    for match in PARTY_TOWN.finditer(text):
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if span is not None and len(span):
            yield span


def _embedded(ent: Span, tok: Tokens, gaz: Gazetteer) -> Iterator[Span]:
    """Place names inside other entities: "the Mansfield Police Department", "Bank of Kyiv"."""
    doc = ent.doc
    first = ent.start + 1 if tok.lowers[ent.start] == "the" else ent.start
    for size in (3, 2, 1):
        end = first + size
        if end >= ent.end:
            continue
        if not all(tok.upper[first:end]):
            continue
        head = " ".join(tok.words[first:end])
        if _country_or_state(head, gaz):
            yield doc[first:end]
            break
        if tok.lowers[end] not in INSTITUTION:
            continue
        if tok.lowers[end] in UNIT_AFTER and _known_place(f"{head} {tok.words[end]}", gaz, 0):
            yield doc[first : end + 1]
            break
        if _known_place(head, gaz, 20_000):
            yield doc[first:end]
            break
    for i in range(ent.start, ent.end - 1):
        if tok.lowers[i] in {"of", "in"}:
            for size in (3, 2, 1):
                end = i + 1 + size
                if end > ent.end or not all(tok.upper[i + 1 : end]):
                    continue
                if _known_place(" ".join(tok.words[i + 1 : end]), gaz, 50_000):
                    yield doc[i + 1 : end]
                    break


def _country_or_state(text: str, gaz: Gazetteer) -> bool:
    """A country or first-level unit by its main or alternate name."""
    return any(
        e.how in {MAIN, ALTERNATE} and e.kind in {"country", "admin1"} for e in gaz.lookup(text)
    )


def _known_place(text: str, gaz: Gazetteer, population: int) -> bool:
    """A name of a country, unit or sizeable town (by its main or alternate name)."""
    return any(
        e.how in {MAIN, ALTERNATE}
        and (e.kind in {"country", "admin1", "admin2", "continent"} or e.population >= population)
        for e in gaz.lookup(text)
    )


def _repeats(doc: Doc, tok: Tokens, taken: list[bool], known: set[str]) -> Iterator[Span]:
    """Other occurrences of names already found as places, even inside organisations."""
    if not known:
        return
    heads = {k.split()[0] for k in known}
    longest = max(len(k.split()) for k in known)
    n = len(tok.words)
    i = 0
    while i < n:
        hit = 0
        if not taken[i] and tok.upper[i] and key(tok.words[i]) in heads:
            for size in range(min(longest, n - i), 0, -1):
                if any(taken[i : i + size]) or key(" ".join(tok.words[i : i + size])) not in known:
                    continue
                if i > 0 and tok.lowers[i - 1].rstrip(".") in TITLES:
                    break
                if tok.ents[i] == "PERSON" and _entity_size(doc, i) > size:
                    break
                yield doc[i : i + size]
                hit = size
                break
        i += hit or 1


def _entity_size(doc: Doc, i: int) -> int:
    """Number of tokens of the entity that covers token `i` (0 when none)."""
    for ent in doc.ents:
        if ent.start <= i < ent.end:
            return len(ent)
    return 0


def _place_context(ent: Span, tok: Tokens) -> bool:
    """A single word used as a place: "a Gainesville man", "over Gainesville", "Gainesville's"."""
    if len(ent) != 1 or len(ent.text) < 3 or ent.text.isupper():
        return False
    after = tok.lowers[ent.end] if ent.end < len(tok.words) else ""
    k = ent.start - 1
    if k >= 0 and tok.lowers[k] in {"the", "a", "an"}:
        k -= 1
    before = tok.lowers[k] if k >= 0 else ""
    if ent.label_ == "PERSON":
        return after in PLACE_NOUNS
    return after in PLACE_NOUNS or before in {"in", "near", "at", "outside", "from"}


class Tokens:
    """Per-token strings read once, so the scans below need no spaCy Token objects."""

    def __init__(self, doc: Doc) -> None:
        self.words: list[str] = []
        self.pos: list[str] = []
        self.ents: list[str] = []
        spaces: list[str] = []
        for token in doc:
            self.words.append(token.text)
            spaces.append(token.whitespace_)
            self.pos.append(token.pos_)
            self.ents.append(token.ent_type_)
        self.text = "".join(w + sp for w, sp in zip(self.words, spaces, strict=True))
        self.lowers = [w.lower() for w in self.words]
        self.upper = [w[:1].isupper() for w in self.words]


def _token_range(doc: Doc, mention: Mention) -> range:
    """Token indices covered by a mention."""
    return range(mention.first, mention.stop)


def _dateline_parts(span: Span) -> Iterator[Span]:
    """The place names of a wire dateline: "KYIV, Ukraine (AP) —" gives KYIV and Ukraine."""
    start = span.start
    for token in span:
        if token.text in {",", "(", "\u2014", "\u2013", "-", "--"}:
            if token.i > start:
                yield span.doc[start : token.i]
            if token.text != ",":
                return
            start = token.i + 1
    if start < span.end:
        yield span.doc[start : span.end]


def _mentions_of(span: Span, source: str, demonym: bool, gaz: Gazetteer) -> Iterator[Mention]:
    """Turn one entity span into mentions: split "City, State", trim, add units and directions."""
    doc = span.doc
    pieces: list[tuple[int, int]] = []
    begin = span.start
    for token in span:
        if token.text in {",", ";", "/"} or (token.text == "and" and source != "ner"):
            if token.i > begin:
                pieces.append((begin, token.i))
            begin = token.i + 1
    if begin < span.end:
        pieces.append((begin, span.end))
    for start, end in pieces:
        while start < end and (doc[start].lower_ in {"the", "of"} or doc[start].is_punct):
            start += 1
        while (
            end > start
            and (doc[end - 1].is_punct and doc[end - 1].text != ".")
            or (end > start and doc[end - 1].text in {"'s", "\u2019s"})
        ):
            end -= 1
        if start >= end:
            continue
        unit = False
        if end < len(doc) and doc[end].lower_ in UNIT_AFTER and source != "dateline":
            end += 1
            unit = True
        elif doc[end - 1].lower_ in UNIT_AFTER and end - start > 1:
            unit = True
        direction = None
        if start > 0 and doc[start - 1].lower_ in DIRECTIONS and not demonym:
            direction = doc[start - 1].lower_
        text = doc[start:end].text
        lookup = text
        mention = Mention(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), text, lookup,
                          source, unit=unit, demonym=demonym, first=start, stop=end,
                          after_comma=start > 0 and doc[start - 1].text == ",")  # fmt: skip
        mention.candidates = _candidates(mention, gaz)
        if not mention.candidates and end - start > 1 and source in {"ner", "relabel"}:
            _narrow(mention, doc, start, end, gaz)
        if direction and mention.candidates:
            mention.direction = direction
            mention.start = doc[start - 1].idx
            mention.text = doc[start - 1 : end].text
            mention.first = start - 1
        yield mention


def _narrow(mention: Mention, doc: Doc, start: int, end: int, gaz: Gazetteer) -> None:
    """Repair a span no entry matches: "Northeast Georgia" is a part of Georgia, and
    "Henderson County Jail" contains "Henderson County"."""
    first = doc[start].lower_
    if first in DIRECTIONS:
        mention.lookup = doc[start + 1 : end].text
        mention.candidates = _candidates(mention, gaz)
        if mention.candidates:
            mention.direction = first
            return
        mention.lookup = mention.text
    for cut in range(end - 1, start, -1):
        if doc[cut - 1].is_punct or doc[cut - 1].lower_ in {"of", "and", "the"}:
            continue
        sub = doc[start:cut]
        if _known_place(sub.text, gaz, 1_000):
            mention.text = mention.lookup = sub.text
            mention.end = sub.end_char
            mention.stop = cut
            mention.candidates = _candidates(mention, gaz)
            return


def _candidates(mention: Mention, gaz: Gazetteer) -> tuple[Entry, ...]:
    """Gazetteer entries the mention's words can name."""
    text = mention.lookup
    if mention.demonym:
        return tuple(e for e in gaz.lookup(text) if e.how == DEMONYM)
    found = [e for e in gaz.lookup(text) if e.how != DEMONYM]
    if mention.unit:
        words = text.split()
        base = " ".join(w for w in words if w.lower() not in UNIT_AFTER)
        if base and base != text:
            units = [e for e in gaz.lookup(base) if e.kind in {"admin1", "admin2"}]
            found = found + [e for e in units if e not in found]
    if not found and text.endswith((".", "'s", "\u2019s")):
        found = [e for e in gaz.lookup(text.rstrip(".").removesuffix("'s")) if e.how != DEMONYM]
    if "." not in text and not (text.isupper() and len(text) == 2 and mention.after_comma):
        found = [e for e in found if e.how != ABBREVIATION]
    elif "." in text:
        # Dotted forms name a state only as AP writes it: "La." is Louisiana, "L.A." is not.
        ap = re.sub(r"[^a-z.]", "", text.lower()).rstrip(".") in AP_FORMS
        found = [e for e in found if (e.how == ABBREVIATION) == ap]
    if key(text) in COMPASS:
        return ()
    if not mention.unit and mention.source != "ner":
        found = [e for e in found if e.how != BASE]
    if not found and mention.source == "ner":
        demonyms = tuple(e for e in gaz.lookup(text) if e.how == DEMONYM)
        if demonyms:
            mention.demonym = True
            return demonyms
    return tuple(found)


def _is_modifier(ent: Span) -> bool:
    """A demonym used as a modifier ("Russian troops"), not a people noun ("Russians")."""
    last = ent[-1]
    return last.tag_ not in {"NNS", "NNPS"} and not last.text.endswith("s")


def _strong_place(text: str, gaz: Gazetteer) -> bool:
    """A name that, standing alone, is almost surely a well-known place."""
    return any(
        e.how in {MAIN, ALTERNATE}
        and (
            e.kind in {"country", "admin1", "continent", "landmark", "region", "water"}
            or (e.kind == "capital" and e.population >= 100_000)
            or e.population >= 500_000
        )
        for e in gaz.lookup(text)
    )


def _landmark_extension(ent: Span, gaz: Gazetteer) -> Span | None:
    """An entity plus the words after it that name a landmark ("Rafah" + "crossing")."""
    doc = ent.doc
    if ent.end >= len(doc) or key(doc[ent.end].text) not in gaz.landmark_words:
        return None
    for extra in (3, 2, 1):
        end = ent.end + extra
        if end > len(doc) or any(t.is_punct for t in doc[ent.end : end]):
            continue
        span = doc[ent.start : end]
        if any(e.kind in {"landmark", "water", "region"} for e in gaz.lookup(span.text)):
            return span
    return None


def _proper_runs(doc: Doc, tok: Tokens, taken: list[bool], gaz: Gazetteer) -> Iterator[Span]:
    """Runs of proper nouns no entity covers that name a place after a locative word."""
    n = len(tok.words)
    i = 0
    while i < n:
        if taken[i] or tok.pos[i] != "PROPN" or not tok.upper[i]:
            i += 1
            continue
        j = i
        while j < n and not taken[j] and tok.pos[j] == "PROPN" and tok.ents[j] == "":
            j += 1
        if j < n and tok.pos[j] == "PROPN":
            i = j + 1
            continue
        if j > i and tok.ents[i] == "":
            k = i - 1 if i > 0 and tok.lowers[i - 1] == "the" else i
            before = tok.lowers[k - 1] if k > 0 else ""
            after = tok.lowers[j] if j < n else ""
            located = before in LOCATIVE and after not in PROPN_AFTER
            if located or after in UNIT_AFTER or _strong_place(" ".join(tok.words[i:j]), gaz):
                yield doc[i:j]
        i = max(j, i + 1)


# --- resolution ----------------------------------------------------------------------------


@dataclass
class Context:
    """What the article says about where it is: countries, admin1 units and points."""

    countries: Counter = field(default_factory=Counter)
    units: Counter = field(default_factory=Counter)
    points: list[tuple[str, float, float]] = field(default_factory=list)
    # Grid cell -> names of local mentions that have some candidate town or county there.
    cells: dict[tuple[int, int], set[str]] = field(default_factory=dict)


def resolve(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> None:
    """Choose each mention's entry: priors first, then twice with the article's context."""
    base = Context()
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


def _context(mentions: list[Mention], base: Context) -> Context:
    """Countries, admin1 units and points named by the mentions as now resolved."""
    context = Context(Counter(base.countries), Counter(base.units), [])
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


def _cell(lat: float, lon: float) -> tuple[int, int]:
    """The grid cell of a point (half a degree square)."""
    return (math.floor(lat * 2), math.floor(lon * 2))


def _neighbours(context: Context, e: Entry, own: str) -> int:
    """Other local names with a candidate in `e`'s half-degree cell or one beside it (~50-100 km)."""
    lat, lon = _cell(e.lat, e.lon)
    names: set[str] = set()
    for dlat in (-1, 0, 1):
        for dlon in (-1, 0, 1):
            names |= context.cells.get((lat + dlat, lon + dlon), set())
    names.discard(own)
    return len(names)


def _best(mention: Mention, context: Context, gaz: Gazetteer) -> Entry | None:
    """The highest-scoring candidate of a mention."""
    if not mention.candidates:
        return None
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
        (c.population for c in mention.candidates
         if c.kind in {"city", "capital"} and c.how in {MAIN, ALTERNATE}),
        default=0,
    )  # fmt: skip
    # Only names that cannot mean a country or state look for neighbours.
    local = not any(
        c.kind in {"country", "admin1", "continent", "region", "water", "landmark"}
        and c.how in {MAIN, ALTERNATE}
        for c in mention.candidates
    )
    best, best_score = None, -math.inf
    mention.scores = {}
    for e in mention.candidates:
        score = 1.5 * math.log10(e.population + 10) + KIND_PRIOR.get(e.kind, 0.0)
        score += HOW_PRIOR.get(e.how, 0.0)
        if (
            e.kind in {"admin1", "admin2"}
            and not mention.unit
            and biggest_city >= 0.1 * e.population
        ):
            score -= 4.0
        if e.kind == "country" and e.how == MAIN:
            score += 1.5
        if e.kind == "country" and mention.municipal:
            score -= MUNICIPAL_PENALTY
        if mention.unit and e.kind in {"admin1", "admin2"}:
            score += 3.0
        if e.kind != "continent" and e.cc:
            score += 2.5 * min(countries[e.cc], 3) ** 0.5
        if e.admin1 and e.kind in {"city", "capital", "admin2", "admin1"}:
            score += 3.0 * min(units[(e.cc, e.admin1)], 3) ** 0.5
            if local and home and (e.cc, e.admin1) == home:
                score += HOME
        if qualifier and any(
            (q.kind == "admin1" and q.cc == e.cc and q.admin1 == e.admin1)
            or (q.kind == "country" and q.cc == e.cc)
            for q in qualifier
        ):
            score += 8.0
        if e.kind in {"city", "capital", "admin2", "landmark"} and context.points:
            near = sum(
                1 for k, lat, lon in context.points
                if k != own and abs(lat - e.lat) < 1.5 and abs(lon - e.lon) < 2.0
            )  # fmt: skip
            score += min(near, 3) * 1.5
        if local and e.how == MAIN and e.kind in LOCAL_KINDS and context.cells:
            score += min(_neighbours(context, e, own), 3) * PAIR_WEIGHT
        mention.scores[e.id] = score
        if score > best_score:
            best, best_score = e, score
    return best


def to_place(mention: Mention, gaz: Gazetteer) -> Place | None:
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
    return Place(mention.start, mention.end, mention.text, name, kind, e.cc or None,
                 geonames_id, round(lat, 5), round(lon, 5))  # fmt: skip


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


@Language.factory("dateline_places", assigns=["doc._.places"], requires=["doc.ents"])
def make_places(nlp: Language, name: str) -> PlacesComponent:
    """Create the places component."""
    return PlacesComponent()

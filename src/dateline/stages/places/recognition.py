"""Place recognition: the spans of an article that may name places, as candidate mentions.

Recognition starts from the parser's GPE/LOC/FAC entities and repairs them: names the small
model mislabels or misses ("Kyiv" as PERSON), wire datelines in capitals, place names inside
organisations ("the Mansfield Police Department"), party tags ("R-Elbow Lake"), demonyms used
as modifiers ("Syrian troops"), and later repeats of names already found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from dateline.resources import PERSON_WORDS, PLACE_WORDS, tagged
from dateline.stages.entities.spans import is_particle
from dateline.stages.places.candidates import (
    UNIT_AFTER,
    PlaceMention,
    country_or_state,
    known_place,
    mentions_of,
    strong_place,
)
from dateline.stages.places.gazetteer import ALTERNATE, DEMONYM, MAIN, Gazetteer, key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Labels the small model often gives to place names; taken only for well-known places.
MISLABELS = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"}
LOCATIVE = {row["word"] for row in tagged(PLACE_WORDS, "locative")}
INLINE_DATELINE = re.compile(
    r"(?:^|(?<=[.!?\n]) +|(?<=\n))([A-Z][A-Z.'\u2019]+(?:[ -][A-Z][A-Z.'\u2019]+){0,3}"
    r"(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?)(?: \([A-Za-z&. ]{2,30}\))? ?(?:\u2014|\u2013|--)"
)
PARTY_TOWN = re.compile(r"\b(?:R|D|I|DFL)-([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
INSTITUTION = {row["word"] for row in tagged(PLACE_WORDS, "institution")}
EMBEDDING = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
PLACE_NOUNS = {row["word"] for row in tagged(PLACE_WORDS, "resident")}
PROPN_AFTER = {"'s", "\u2019s"}
# Words after a name that make it a town, not a country: "the Jordan middle school",
# "Lebanon City Council", "Kuwait City".
MUNICIPAL = {row["word"] for row in tagged(PLACE_WORDS, "municipal")}
# Words before a name that make it a person's ("Sen. Jordan", "St. Louis"), without their stop.
TITLES = {row["word"].lower().rstrip(".") for row in tagged(PERSON_WORDS, "before_person")}


def recognise(doc: Doc, gaz: Gazetteer) -> list[PlaceMention]:
    """Collect candidate mentions from entities, datelines and uncovered proper nouns."""
    found: list[PlaceMention] = []
    taken = [False] * len(doc)
    tok = Tokens(doc)

    def add(span: Span, source: str) -> None:
        for mention in mentions_of(span, source, source == "demonym", gaz):
            if not any(taken[t] for t in _token_range(mention)):
                for t in _token_range(mention):
                    taken[t] = True
                found.append(mention)

    for span, source in _spans(doc, tok, taken, gaz):
        add(span, source)
    for span in _repeats(doc, tok, taken, _known_names(found)):
        add(span, "repeat")
    found.sort(key=lambda m: m.start)
    _qualify(found, tok)
    return found


def _spans(doc: Doc, tok: Tokens, taken: list[bool], gaz: Gazetteer) -> Iterator[tuple[Span, str]]:
    """Spans that may name places, with their source, in the order they claim their tokens."""
    for block in doc._.blocks or ():
        if block.kind == "dateline":
            span = doc.char_span(block.start, block.end, alignment_mode="expand")
            if span is not None:
                for part in _dateline_parts(span):
                    yield part, "dateline"
    for ent in doc.ents:
        found = _entity_span(ent, tok, gaz)
        if found is not None:
            yield found
    for span in _inline_datelines(doc, tok.text):
        yield span, "dateline"
    for ent in doc.ents:
        if ent.label_ in EMBEDDING:
            for span in _embedded(ent, tok, gaz):
                yield span, "embedded"
    for span in _party_towns(doc, tok.text):
        yield span, "gazetteer"
    for span in _proper_runs(doc, tok, taken, gaz):
        if known_place(span.text, gaz, 10_000):
            yield span, "gazetteer"


def _entity_span(ent: Span, tok: Tokens, gaz: Gazetteer) -> tuple[Span, str] | None:
    """An entity (or it and a landmark word after it) as a place span, with its source."""
    longer = _landmark_extension(ent, gaz)
    if longer is not None:
        return longer, "landmark"
    if ent.label_ in PLACE_LABELS and not name_tail(ent):
        return ent, "ner" if ent.label_ != "FAC" else "facility"
    if ent.label_ == "NORP":
        if _mislabelled_place(ent, tok, gaz):
            return ent, "relabel"
        return (ent, "demonym") if _is_modifier(ent) else None
    if ent.label_ in MISLABELS and (
        strong_place(ent.text, gaz)
        or (_place_context(ent, tok) and known_place(ent.text, gaz, 50_000))
    ):
        return ent, "relabel"
    return None


def name_tail(ent: Span) -> bool:
    """Whether an entity ends a person's name after its particles: "Leyen" in "Ursula von der
    Leyen" is no place."""
    doc, i = ent.doc, ent.start - 1
    while i >= 0 and doc[i].is_lower and is_particle(doc[i].text):
        i -= 1
    return i < ent.start - 1 and i >= 0 and doc[i].ent_type_ == "PERSON"


def _mislabelled_place(ent: Span, tok: Tokens, gaz: Gazetteer) -> bool:
    """A NORP entity that is no demonym but the main name of a sizeable place or unit:
    "protests spread to Mombasa". Regions named by a people ("Arab" world) stay NORP."""
    entries = gaz.lookup(ent.text)
    if "." in ent.text or any(e.how == DEMONYM for e in entries):
        return False
    named = [e for e in entries if e.how == MAIN and e.kind not in {"region", "landmark"}]
    big = any(
        e.kind in {"country", "admin1", "continent"}
        or e.population >= (100_000 if e.kind == "capital" else 500_000)
        for e in named
    )
    sizeable = any(e.kind == "admin2" or e.population >= 50_000 for e in named)
    return big or (sizeable and _place_context(ent, tok))


def _known_names(found: list[PlaceMention]) -> set[str]:
    """Names found as places with some certainty, so their repeats are places too."""
    return {
        key(m.lookup)
        for m in found
        if m.source in {"ner", "dateline", "relabel", "embedded"}
        and not m.demonym
        and any(e.how in {MAIN, ALTERNATE} for e in m.candidates)
    }


def _qualify(found: list[PlaceMention], tok: Tokens) -> None:
    """Mark a name's qualifier ("Paris, Texas") and a town word after it ("Jordan City Council")."""
    for i, mention in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt and tok.text[mention.end : nxt.start].strip() == ",":
            mention.qualifier = nxt.lookup
        mention.municipal = (
            mention.stop < len(tok.words)
            and tok.lowers[mention.stop] in MUNICIPAL
            and not mention.demonym
            and (mention.first == 0 or tok.lowers[mention.first - 1] not in {"a", "an", "another"})
        )  # but "a U.S. city" is a city in that country


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
    leading = _leading_place(ent, tok, gaz)
    if leading is not None:
        yield leading
    for i in range(ent.start, ent.end - 1):
        if tok.lowers[i] in {"of", "in"}:
            for size in (3, 2, 1):
                end = i + 1 + size
                if end > ent.end or not all(tok.upper[i + 1 : end]):
                    continue
                if known_place(" ".join(tok.words[i + 1 : end]), gaz, 50_000):
                    yield ent.doc[i + 1 : end]
                    break


def _leading_place(ent: Span, tok: Tokens, gaz: Gazetteer) -> Span | None:
    """The place name an entity opens with: a country or state, else a unit or sizeable town
    before an institution word ("Mansfield Police", "Henderson County Jail")."""
    doc = ent.doc
    first = ent.start + 1 if tok.lowers[ent.start] == "the" else ent.start
    for size in (3, 2, 1):
        end = first + size
        if end >= ent.end:
            continue
        if not all(tok.upper[first:end]):
            continue
        head = " ".join(tok.words[first:end])
        if country_or_state(head, gaz):
            return doc[first:end]
        if tok.lowers[end] not in INSTITUTION:
            continue
        if tok.lowers[end] in UNIT_AFTER and known_place(f"{head} {tok.words[end]}", gaz, 0):
            return doc[first : end + 1]
        if known_place(head, gaz, 20_000):
            return doc[first:end]
    return None


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


def _token_range(mention: PlaceMention) -> range:
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


def _is_modifier(ent: Span) -> bool:
    """A demonym used as a modifier ("Russian troops"), not a people noun ("Russians")."""
    last = ent[-1]
    return last.tag_ not in {"NNS", "NNPS"} and not last.text.endswith("s")


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
            if located or after in UNIT_AFTER or strong_place(" ".join(tok.words[i:j]), gaz):
                yield doc[i:j]
        i = max(j, i + 1)

"""The entities stage: cluster names, surnames, titles, descriptors, metonyms and pronouns."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache

import numpy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.records import Block, Entity, Mention
from dateline.resources import countries, rows, words
from dateline.stages.common import covering, mentions_overlapping, run_stage, text_of, tokens_in
from dateline.stages.entities.profiles import (
    HEAD_OF_STATE,
    Profile,
    age_after,
    age_in,
    agreement,
    gender_in,
    party_after,
    party_in,
)
from dateline.stages.entities.spans import (
    is_particle,
    join_spans,
    only_surname,
    org_country_word,
    surname_words,
)

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
# Labels of things that cannot be the subject of "said": such a name before a speech verb is a person.
NEVER_SPEAK = frozenset({"WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "PRODUCT"})
# Labels the small model gives to place names it does not recognise as places.
MISLABELS = {"PERSON", "PRODUCT", "ORG", "WORK_OF_ART", "EVENT", "LAW", "NORP", "FAC", "LANGUAGE"}
SKIP_BLOCKS = {"credit", "byline", "footer"}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
HONORIFIC_GENDER = {
    "mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "spokeswoman": "f",
    "chairwoman": "f", "congresswoman": "f", "queen": "f", "princess": "f", "spokesman": "m",
    "chairman": "m", "congressman": "m", "king": "m", "prince": "m", "lady": "f", "sir": "m",
}  # fmt: skip
SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
# Heads of descriptors that refer back to a person: "the Russian leader", "the incoming Republican".
ROLE_HEADS = {
    "leader", "president", "premier", "chancellor", "minister", "republican", "democrat",
    "senator", "nominee", "candidate", "president-elect", "king", "queen", "pope", "prince",
    "governor", "mayor", "general", "commander", "congressman", "congresswoman", "billionaire",
    "businessman", "businesswoman", "tycoon", "monarch", "ruler", "strongman", "autocrat",
    "secretary", "ambassador", "envoy", "spokesman", "spokeswoman", "chairman", "speaker",
}  # fmt: skip
# Double quotation marks and line breaks, for pairing marks paragraph by paragraph.
QUOTE_OR_BREAK = re.compile('["\u201c\u201d\n]')
# What `described` returns when two people fit a descriptor equally well.
AMBIGUOUS = -1
# Words opening a clause of time or condition rather than a report ("When Doe spoke, he …").
SUBORDINATORS = frozenset(
    {"when", "if", "because", "as", "after", "before", "while", "since", "once"}
)
QUOTE_OR_COLON = frozenset({'"', "\u201c", "\u201d", ":", "''", "``"})
# Verbs that make a capital city an actor ("Kyiv reported", "Moscow denied").
ACTOR_DEPS = {"nsubj", "nsubjpass", "agent"}


@dataclass(frozen=True)
class Lexicon:
    """Names, demonyms, titles and organisations, loaded once per process."""

    country_of: dict[str, str]
    country_name: dict[str, str]
    capital_of: dict[str, str]
    places: frozenset[str]
    titles: tuple[str, ...]
    title_words: frozenset[str]
    orgs: dict[str, tuple[str, str]]
    title_case: dict[str, str]
    first_gender: dict[str, str]


@cache
def lexicon() -> Lexicon:
    """Build the lookup tables from the resource files."""
    country_of: dict[str, str] = {}
    country_name: dict[str, str] = {}
    capital_of: dict[str, str] = {}
    places: set[str] = set()
    for row in countries():
        code = row["alpha3"]
        country_name[code] = row["name"]
        names = [row["name"], *filter(None, row["aliases"].split("|"))]
        for name in [*names, *filter(None, row["demonyms"].split("|"))]:
            country_of[name.lower()] = code
        places.update(n.lower() for n in names)
        if row["capital"]:
            capital_of[row["capital"].lower()] = code
            places.add(row["capital"].lower())
    places.update(p.lower() for p in words("known_places.txt"))
    titles = tuple(sorted(words("titles.txt"), key=len, reverse=True))
    title_words = frozenset(
        w.lower().rstrip(".") for t in titles for w in t.replace("-", " ").split()
    )
    orgs: dict[str, tuple[str, str]] = {}
    for row in rows("orgs.tsv"):
        for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
            orgs[alias.lower().removeprefix("the ")] = (row["name"], row["country"])
    title_case = {t.lower(): t for t in reversed(titles)}
    first_gender = {row["name"]: row["gender"] for row in rows("first_names.tsv")}
    return Lexicon(
        country_of,
        country_name,
        capital_of,
        frozenset(places),
        titles,
        title_words,
        orgs,
        title_case,
        first_gender,
    )


@dataclass
class Cluster:
    """An entity under construction."""

    name: str
    type: str
    country: str | None = None
    title: str | None = None
    gender: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    party: str | None = None
    age: int | None = None
    titles: set[str] = field(default_factory=set)

    def profile(self) -> Profile:
        """What the article has said of this person so far."""
        return Profile(self.title, self.country, self.party, self.age, self.gender)

    @property
    def surname(self) -> str:
        """The surname with its particles ("von der Leyen"), ignoring suffixes such as Jr."""
        parts = [p for p in self.name.split() if p.lower() not in SUFFIXES]
        return " ".join(surname_words(parts)) if parts else self.name


def clean_name(span: Span) -> tuple[int, int, str]:
    """Trim a leading article, titles, and trailing possessives, punctuation and space."""
    tokens = list(span)
    lex = lexicon()
    while tokens and tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_space:
        tokens = tokens[1:]
        if not tokens:
            break
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if span.label_ == "PERSON":
        while len(tokens) > 1 and tokens[0].lower_.rstrip(".") in lex.title_words | {
            "mr",
            "mrs",
            "ms",
        }:
            tokens = tokens[1:]
    if not tokens:
        return span.start_char, span.end_char, span.text
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return start, end, span.text[start - span.start_char : end - span.start_char]


def repair_label(span: Span, blocks: list[Block]) -> str | None:
    """Return the corrected label of an entity span, or None to drop it."""
    lex = lexicon()
    text = span.text.lower().removeprefix("the ")
    if span.label_ in MISLABELS and text in lex.places and not text.endswith(("an", "ese", "ish")):
        return "GPE"
    if (
        span.label_ in {"ORG", "PERSON"}
        and text in lex.orgs
        and lex.orgs[text][1] not in (None, "")
    ):
        return "ORG"
    if (
        span.label_ in ("ORG", "GPE", "NORP", "FAC")
        and 2 <= len(span) <= 4
        and all(t.is_title for t in span)
    ):
        left = left_context(span.doc, span.start)
        if left and title_and_country(" " + " ".join(t.text for t in left) + " ")[0]:
            return "PERSON"  # "Chancellor Olaf Scholz" tagged ORG
    if span.label_ in NEVER_SPEAK and speaking_name(span, lex):
        return "PERSON"  # "Aden Duale told a news conference", tagged WORK_OF_ART
    at = covering(span.doc, "blocks", span.start_char)  # blocks do not overlap: one at most
    if at is not None and (blocks[at].kind, blocks[at].start, blocks[at].end) == (
        "heading", span.start_char, span.end_char,
    ):  # fmt: skip
        return None
    first = span[0]
    if len(span) == 1 and first.is_sent_start and first.tag_ not in ("NNP", "NNPS"):
        return None  # a capitalised common noun at a sentence start
    return span.label_ if span.label_ in KEEP else None


def speaking_name(span: Span, lex: Lexicon) -> bool:
    """A two- or three-word name that is the subject of a speech verb ("Aden Duale told"): a
    work, event or law does not speak; a product name only with a known given name first."""
    from dateline.stages.quotes.attribution import is_speech

    root = span.root
    return (
        2 <= len(span) <= 3
        and all(t.is_title and t.pos_ == "PROPN" for t in span)
        and (span.label_ != "PRODUCT" or span[0].text in lex.first_gender)
        and root.dep_ in ("nsubj", "nsubjpass")
        and is_speech(root.head)
    )


def added_places(doc: Doc, taken: set[int]) -> Iterable[Span]:
    """Known place names the model left untagged, as GPE spans."""
    places = lexicon().places
    for token in tokens_in(doc, (p for p in places if " " not in p)):
        if (
            token.i in taken
            or not token.is_title
            or token.ent_type_ in ("DATE", "TIME", "CARDINAL")
        ):
            continue
        if token.lower_ in places and token.tag_ in ("NNP", "NNPS"):
            yield Span(doc, token.i, token.i + 1, label="GPE")


def candidate_spans(doc: Doc) -> list[Span]:
    """NER spans, repaired, outside credits, bylines and footers."""
    blocks: list[Block] = doc._.blocks or []
    body_start = blocks[0].start if blocks else 0
    spans: list[Span] = []
    taken: set[int] = set()
    for ent in doc.ents:
        at = covering(doc, "blocks", ent.start_char)
        if ent.start_char < body_start or (at is not None and blocks[at].kind in SKIP_BLOCKS):
            continue
        label = repair_label(ent, blocks)
        if label:
            spans.append(Span(doc, ent.start, ent.end, label=label))
        taken.update(range(ent.start, ent.end))
    spans.extend(s for s in added_places(doc, taken) if s.start_char >= body_start)
    return join_spans(doc, sorted(spans, key=lambda s: s.start))


def left_context(doc: Doc, start: int) -> list[Token]:
    """The title-like tokens just before token `start` ("U.S. President-elect", "Russia's")."""
    lex = lexicon()
    tokens: list[Token] = []
    i = start - 1
    while i >= 0 and start - i <= 7:
        token = doc[i]
        word = token.lower_.rstrip(".")
        if token.is_sent_end and i != start - 1:
            break
        ok = (
            word in lex.title_words
            or token.text
            in {"-", "'s", "\u2019s", "-elect", "elect", "former", "then", "incoming", "outgoing"}
            or token.lower_ in lex.country_of
            or token.lower_ in lex.orgs
            or token.ent_type_ in ("NORP", "GPE")
        )
        if not ok:
            break
        tokens.insert(0, token)
        i -= 1
    return tokens


def title_and_country(phrase: str) -> tuple[str | None, str | None]:
    """Find a title and a country code in a phrase such as "U.S. President-elect"."""
    lex = lexicon()
    compact = phrase.replace(" - ", "-").replace(" -", "-").replace("- ", "-").lower()
    words = compact.replace("'s ", " ").replace("\u2019s ", " ").split()
    title = country = None
    for n in (4, 3, 2, 1):
        for i in range(len(words) - n + 1):
            gram = " ".join(words[i : i + n])
            title = title or lex.title_case.get(gram)
            country = country or lex.country_of.get(gram)
    return title, country


def appositive(span: Span) -> str:
    """The text of an appositive after a name ("Putin, the Russian leader,")."""
    for token in span.root.children:
        if token.dep_ == "appos" and token.i >= span.end:
            sub = list(token.subtree)
            return span.doc[sub[0].i : sub[-1].i + 1].text
    return ""


def descriptor_spans(doc: Doc, taken: set[int]) -> Iterable[tuple[Span, Profile]]:
    """Definite role descriptors that refer back to a person: "the 72-year-old leader"."""
    for token in tokens_in(doc, ROLE_HEADS):
        if token.tag_ not in ("NN", "NNP"):
            continue
        left = [t for t in token.lefts]
        if token.i in taken and token.ent_type_ != "NORP":
            continue
        named = [
            t for t in token.subtree if t.i < token.i and t.i in taken and t.ent_type_ != "NORP"
        ]
        if not left or left[0].lower_ != "the" or named:
            continue
        if any(t.dep_ == "prep" and t.lower_ == "of" for t in token.rights):
            continue  # "the leader of the opposition" names someone new
        span = doc[left[0].i : token.i + 1]
        title, country = title_and_country(span.text)
        words = span.text.split()
        yield span, Profile(title, country, party_in(words), age_in(span.text), gender_in(words))


def index_of(clusters: list[Cluster]) -> dict[str, list[int]]:
    """Map surnames (with and without their particles) and single names of person clusters to
    their indices: "von der leyen" and "leyen", "al-assad" and "assad"."""
    index: dict[str, list[int]] = {}
    for i, c in enumerate(clusters):
        if c.type == "PERSON":
            surname = c.surname.lower()
            keys = {surname, surname.split()[-1], surname.split()[-1].split("-")[-1]}
            for key in keys:
                if key and not is_particle(key):
                    index.setdefault(key, []).append(i)
    return index


def nearest(clusters: list[Cluster], ids: Iterable[int], offset: int) -> int | None:
    """The cluster among `ids` with the mention closest before `offset` (else the first)."""
    best, best_pos = None, -1
    for i in ids:
        before = [s for s, _ in clusters[i].mentions if s < offset]
        pos = max(before) if before else -1
        if best is None or pos > best_pos:
            best, best_pos = i, pos
    return best


def cluster_names(doc: Doc, spans: list[Span]) -> list[Cluster]:
    """Group named mentions into clusters: full names, surnames, aliases and acronyms."""
    lex = lexicon()
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, str], int] = {}
    singles: list[tuple[Span, int, int, str]] = []
    for span in spans:
        start, end, text = clean_name(span)
        label = span.label_
        if label == "PERSON" and only_surname(text.split()):
            singles.append((span, start, end, text))
            continue
        key = canonical_key(text, label)
        if label == "PERSON":
            first_last = " ".join(p for p in text.lower().split() if p not in SUFFIXES).split()
            key = ("PERSON", f"{first_last[0]} {' '.join(surname_words(first_last))}")
        if key not in by_key:
            by_key[key] = len(clusters)
            clusters.append(
                Cluster(
                    name=display_name(text, label),
                    type=label,
                    country=code_for(text, label, span),
                )
            )
        cluster = clusters[by_key[key]]
        cluster.mentions.append((start, end))
        if label == "PERSON":
            describe(doc, span, cluster)
        if (len(text) > len(cluster.name) and label != "GPE") or (
            cluster.name.isupper() and not text.isupper()
        ):
            cluster.name = display_name(text, label)
    for cluster in clusters:
        last = cluster.name.split()[-1].lower()
        if (
            cluster.type == "ORG"
            and len(cluster.name.split()) > 1
            and any(t.lower() == last for *_, t in singles)
        ):
            cluster.type = "PERSON"  # "Olaf Scholz" tagged ORG, "Scholz" tagged PERSON
    surnames = index_of(clusters)
    for span, start, end, text in singles:
        ids = surnames.get(text.lower()) or [
            i
            for i, c in enumerate(clusters)
            if c.type == "PERSON" and c.name.split()[0].lower() == text.lower()
        ]
        target = nearest(clusters, ids, start) if ids else None
        if target is None:
            target = len(clusters)
            clusters.append(Cluster(name=text, type="PERSON"))
            surnames.setdefault(text.lower(), []).append(target)
        clusters[target].mentions.append((start, end))
        describe(doc, span, clusters[target])
    del lex
    return clusters


def canonical_key(text: str, label: str) -> tuple[str, str]:
    """A key that makes aliases of one place or organisation meet ("U.S." and "United States")."""
    lex = lexicon()
    lowered = text.lower().removeprefix("the ")
    if label in ("GPE", "LOC") and lowered in lex.country_of:
        return ("GPE", lex.country_of[lowered])
    if lowered in lex.orgs:
        return ("ORG", lex.orgs[lowered][0])
    if label == "NORP" and lowered in lex.country_of:
        return ("NORP", lex.country_of[lowered])
    group = "PLACE" if label in ("GPE", "LOC", "FAC") else label
    return (group, lowered.replace(".", ""))


def display_name(text: str, label: str) -> str:
    """The canonical name for a new cluster: the full country or organisation name where known."""
    lex = lexicon()
    lowered = text.lower().removeprefix("the ")
    if label in ("GPE", "LOC") and lowered in lex.country_of:
        return lex.country_name[lex.country_of[lowered]]
    if lowered in lex.orgs:
        return lex.orgs[lowered][0]
    return text


def code_for(text: str, label: str, span: Span | None = None) -> str | None:
    """The country code of a place, nationality or known organisation, or of an organisation
    named with its country ("Taiwan's defence ministry")."""
    lex = lexicon()
    lowered = text.lower().removeprefix("the ")
    if lowered in lex.orgs:
        return lex.orgs[lowered][1] or None
    place = org_country_word(span) if span is not None and label == "ORG" else None
    if place is not None:
        return lex.country_of.get(place.lower()) or lex.capital_of.get(place.lower())
    if label in ("GPE", "LOC", "NORP"):
        return lex.country_of.get(lowered) or lex.capital_of.get(lowered)
    return None


def describe(doc: Doc, span: Span, cluster: Cluster) -> None:
    """Take a person's title, country and gender from the words around a mention."""
    left = left_context(doc, span.start)
    phrase = " ".join(t.text for t in left) + " " + span.text + " " + appositive(span)
    title, country = title_and_country(" " + phrase.replace(span.text, " ") + " ")
    inner = [t for t in span if t.lower_.rstrip(".") in lexicon().title_words]
    if not title and inner:
        title, _ = title_and_country(" ".join(t.text for t in inner))
    if title and (
        cluster.title is None or (title in HEAD_OF_STATE and cluster.title not in HEAD_OF_STATE)
    ):
        cluster.title = title
    if title:
        cluster.titles.add(title)
    text = text_of(doc)
    around = phrase.split()
    cluster.party = cluster.party or party_in(around) or party_after(text[span.end_char :][:12])
    cluster.age = cluster.age or age_in(phrase) or age_after(text[span.end_char :][:8])
    if country is None:
        orgs = lexicon().orgs
        codes = [orgs[t.lower_][1] for t in left if t.lower_ in orgs]
        country = next((c for c in codes if c not in ("IGO", "UNO", "EUR", "NGO")), None)
    if country and cluster.country is None:
        cluster.country = country
    if left:
        cluster.gender = cluster.gender or HONORIFIC_GENDER.get(left[-1].lower_)
    if span.start > 0:
        cluster.gender = cluster.gender or HONORIFIC_GENDER.get(doc[span.start - 1].lower_)


def add_surname_mentions(doc: Doc, clusters: list[Cluster], taken: set[int]) -> None:
    """Mentions of a known surname that the model did not tag ("Trump, the incoming Republican")."""
    surnames = {k: v for k, v in index_of(clusters).items() if len(clusters[v[0]].name.split()) > 1}
    for token in tokens_in(doc, surnames):
        if token.i in taken or not token.is_title:
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].is_title and doc[token.i + 1].tag_ == "NNP":
            continue  # part of a longer name we don't know
        target = nearest(clusters, surnames[token.lower_], token.idx)
        if target is not None:
            clusters[target].mentions.append((token.idx, token.idx + len(token)))
            taken.add(token.i)


NICKNAMES = {
    "bill": "william", "bob": "robert", "rob": "robert", "dick": "richard", "rick": "richard",
    "jim": "james", "jimmy": "james", "mike": "michael", "tom": "thomas", "ted": "edward",
    "chuck": "charles", "joe": "joseph", "tony": "anthony", "dan": "daniel", "steve": "stephen",
    "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine", "pete": "peter", "ben": "benjamin",
}  # fmt: skip


def same_first_name(a: str, b: str) -> bool:
    """Whether two given names can be one person's ("Joe" and "Joseph", "Bill" and "William")."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    return (
        a == b or NICKNAMES.get(a, a) == NICKNAMES.get(b, b) or a.startswith(b) or b.startswith(a)
    )


def merge_name_variants(clusters: list[Cluster]) -> None:
    """Merge full-name clusters of one person: "Joseph R. Biden" and "Joe Biden"."""
    by_surname: dict[str, int] = {}
    for i, cluster in enumerate(clusters):
        parts = cluster.name.split()
        if cluster.type != "PERSON" or len(parts) < 2:
            continue
        key = cluster.surname.lower()
        j = by_surname.get(key)
        if j is not None and same_first_name(clusters[j].name.split()[0], parts[0]):
            keep = clusters[j]
            keep.mentions.extend(cluster.mentions)
            keep.title, keep.country = keep.title or cluster.title, keep.country or cluster.country
            if len(cluster.name) > len(keep.name):
                keep.name = cluster.name
            cluster.mentions = []
        elif j is None:
            by_surname[key] = i


def absorb_surnames(clusters: list[Cluster]) -> None:
    """Move a known person's surname that the model labelled ORG or GPE into that person."""
    surnames = {k: v for k, v in index_of(clusters).items() if len(clusters[v[0]].name.split()) > 1}
    for cluster in clusters:
        if cluster.type != "PERSON" and cluster.name.lower() in surnames:
            for start, end in cluster.mentions:
                target = nearest(clusters, surnames[cluster.name.lower()], start)
                clusters[target].mentions.append((start, end))
            cluster.mentions = []


def add_metonyms(doc: Doc, clusters: list[Cluster]) -> None:
    """A capital acting as a subject stands for its government ("Kyiv reported …")."""
    lex = lexicon()
    govs: dict[str, int] = {}
    for cluster in clusters:
        if cluster.type not in ("GPE", "LOC"):
            continue
        code = lex.capital_of.get(cluster.name.lower())
        if not code:
            continue
        keep = []
        for start, end in cluster.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ACTOR_DEPS and span.root.head.pos_ == "VERB":
                if code not in govs:
                    govs[code] = len(clusters)
                    clusters.append(Cluster(f"Government of {lex.country_name[code]}", "ORG", code))
                clusters[govs[code]].mentions.append((start, end))
            else:
                keep.append((start, end))
        cluster.mentions = keep


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside balanced double quotation marks, paragraph by paragraph."""
    ranges: list[tuple[int, int]] = []
    opened: int | None = None
    for found in QUOTE_OR_BREAK.finditer(text):
        ch, at = found.group(), found.start()
        if ch == "\n":
            opened = None
        elif ch == "\u201c" or (ch == '"' and opened is None):
            opened = at
        elif opened is not None:
            ranges.append((opened, at + 1))
            opened = None
    return ranges


def inside(ranges: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` lies in one of the sorted, disjoint `ranges`."""
    k = bisect_right(ranges, (offset, float("inf"))) - 1
    return k >= 0 and offset < ranges[k][1]


def person_at(clusters: list[Cluster]) -> dict[int, int]:
    """Map each person mention's start offset to its cluster index."""
    return {s: i for i, c in enumerate(clusters) if c.type == "PERSON" for s, _ in c.mentions}


@dataclass(frozen=True)
class PersonIndex:
    """Person mentions grouped by sentence, for fast antecedent search."""

    sent_starts: list[int]
    by_sent: dict[int, list[tuple[int, Token]]]

    @classmethod
    def build(
        cls, doc: Doc, clusters: list[Cluster], skip: list[tuple[int, int]] = ()
    ) -> PersonIndex:
        """Index every person mention's first token by its sentence, leaving out mentions inside
        the `skip` ranges (quotations: a name a speaker utters is not who "he" is)."""
        sent_starts = [s.start for s in doc.sents]
        starts = person_at(clusters)
        offsets = doc.to_array(IDX)
        by_sent: dict[int, list[tuple[int, Token]]] = {}
        q = 0
        for start in sorted(starts):
            while q < len(skip) and skip[q][1] <= start:
                q += 1
            if q < len(skip) and skip[q][0] <= start:
                continue
            i = int(numpy.searchsorted(offsets, start))
            if i < len(doc) and offsets[i] == start:
                k = bisect_right(sent_starts, i) - 1
                by_sent.setdefault(k, []).append((starts[start], doc[i]))
        return cls(sent_starts, by_sent)


def antecedent(
    index: PersonIndex, token: Token, clusters: list[Cluster], accept: Callable[[Cluster], bool]
) -> int | None:
    """The person an anaphor refers to: in this sentence the nearest, before it the subject first."""
    here = bisect_right(index.sent_starts, token.i) - 1
    ahead = cataphor_subject(token)
    if ahead is not None:  # "Asked about his record, Doe said …": Doe
        found = [(i, t) for i, t in index.by_sent.get(here, ()) if t.i in ahead]
        if found and accept(clusters[found[0][0]]):
            return found[0][0]
    reported = reported_by(token)
    for depth, k in enumerate(range(here, max(here - 4, -1), -1)):
        found = [
            (i, t) for i, t in index.by_sent.get(k, ())
            if (depth > 0 or (t.i < token.i and t.i not in reported)) and accept(clusters[i])
        ]  # fmt: skip
        if not found:
            continue
        subjects = [(i, t) for i, t in found if _subject_of_name(t)]
        pool = subjects or found
        return pool[-1][0] if depth == 0 else pool[0][0]
    return None


def reported_by(pronoun: Token) -> set[int]:
    """Token indices of the plain clause a pronoun subject of a speech verb reports, right
    before it ("Doe is lying, he said"): a name there is what "he" talks about, never who "he"
    is. A clause holding a quotation or a colon is narration around it, not the report."""
    from dateline.stages.quotes.attribution import is_speech

    verb = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or not is_speech(verb):
        return set()
    doc = pronoun.doc
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i < pronoun.i]
    if verb.dep_ == "parataxis" and verb.head.i < pronoun.i:
        clauses.append(verb.head)
    found: set[int] = set()
    for clause in clauses:
        lo = clause.left_edge.i
        hi = clause.right_edge.i + 1 if clause is not verb.head else verb.left_edge.i
        if doc[lo].lower_ in SUBORDINATORS or any(t.text in QUOTE_OR_COLON for t in doc[lo:hi]):
            continue
        found.update(range(lo, hi))
    return found


def cataphor_subject(pronoun: Token) -> range | None:
    """For a pronoun in a clause fronted before its sentence's subject ("Asked about his record,
    Doe said …"), the token range of that subject; else None."""
    root = pronoun
    while root.head.i != root.i:
        root = root.head
    if pronoun.i >= root.i:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i < pronoun.i or subject.pos_ != "PROPN":
        return None
    node = pronoun
    while node.head.i != root.i and node.head.i != node.i:
        node = node.head
    if node.dep_ not in ("advcl", "prep", "npadvmod") or node.right_edge.i >= subject.left_edge.i:
        return None
    return range(subject.left_edge.i, subject.i + 1)


def in_subject(token: Token) -> bool:
    """Whether a name is a clause subject or one of coordinated subjects ("Doe and Roe met")."""
    head = token
    while head.dep_ in ("compound", "flat", "conj") and head.head is not head:
        head = head.head
    return head.dep_ in ("nsubj", "nsubjpass")


def _subject_of_name(token: Token) -> bool:
    """Whether `token` is inside a name that is a clause subject."""
    head = token
    while head.dep_ in ("compound", "flat") and head.head is not head:
        head = head.head
    return head.dep_ in ("nsubj", "nsubjpass")


def unquoted_pronouns(doc: Doc, quoted: list[tuple[int, int]]) -> list[Token]:
    """He/she pronouns outside quotation marks (inside, "he" is someone the speaker names)."""
    found: list[Token] = []
    q = 0
    for token in tokens_in(doc, MALE | FEMALE):
        while q < len(quoted) and quoted[q][1] <= token.idx:
            q += 1
        if not (q < len(quoted) and quoted[q][0] <= token.idx):
            found.append(token)
    return found


def guess_genders(clusters: list[Cluster], votes: dict[int, Counter[str]]) -> None:
    """Give each person a gender: honorifics first, then the given name, then the article's pronouns."""
    first_names = lexicon().first_gender
    for i, cluster in enumerate(clusters):
        if cluster.type != "PERSON" or cluster.gender:
            continue
        parts = cluster.name.split()
        cluster.gender = first_names.get(parts[0]) if len(parts) > 1 else None
        if cluster.gender is None and votes.get(i):
            (top, n), *rest = votes[i].most_common()
            if not rest or n >= 2 * rest[0][1]:
                cluster.gender = top


def named_in_own_quote(
    pronoun: Token, quoted: list[tuple[int, int]], clusters: list[Cluster]
) -> set[int]:
    """Persons named inside the quotation a pronoun subject attributes, right before it ('"We
    will meet Trump," he said') or right after its verb ('he said: "…"'): "he" is not Trump.
    Returned as ids of their clusters."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return set()
    text = text_of(pronoun.doc)
    verb_end = pronoun.head.idx + len(pronoun.head)
    k = bisect_right(quoted, (pronoun.idx, pronoun.idx)) - 1
    own = []
    if k >= 0 and not text[quoted[k][1] : pronoun.idx].strip(" ,\u2014-"):
        own.append(quoted[k])
    if k + 1 < len(quoted) and pronoun.head.i > pronoun.i:
        after = quoted[k + 1]
        if after[0] >= verb_end and not text[verb_end : after[0]].strip(" ,:\u2014-"):
            own.append(after)
    if not own:
        return set()
    return {
        id(c)
        for c in clusters
        if c.type == "PERSON" and any(s <= m < e for m, _ in c.mentions for s, e in own)
    }


def add_pronouns(doc: Doc, clusters: list[Cluster], quoted: list[tuple[int, int]]) -> None:
    """Attach he/she pronouns outside quotations to their antecedents, gender-consistently."""
    index = PersonIndex.build(doc, clusters, quoted)
    pronouns = unquoted_pronouns(doc, quoted)
    votes: dict[int, Counter[str]] = {}
    for token in pronouns:
        target = antecedent(index, token, clusters, lambda c: True)
        if target is not None:
            votes.setdefault(target, Counter())["m" if token.lower_ in MALE else "f"] += 1
    guess_genders(clusters, votes)
    for token in pronouns:
        gender = "m" if token.lower_ in MALE else "f"
        named = named_in_own_quote(token, quoted, clusters)
        target = antecedent(
            index, token, clusters,
            lambda c, g=gender, n=named: c.gender in (None, g) and id(c) not in n,
        )  # fmt: skip
        if target is not None:
            clusters[target].mentions.append((token.idx, token.idx + len(token)))


def fits(cluster: Cluster, profile: Profile, strict: bool = False) -> int | None:
    """How well a named person fits a descriptor (shared attributes), or None when the article
    says something of them that the descriptor contradicts."""
    if cluster.type != "PERSON":
        return None
    if len(cluster.name.split()) < 2 and not (cluster.title or cluster.country or cluster.party):
        return None  # a lone name the article says nothing about
    titles = cluster.titles or ({cluster.title} if cluster.title else set())
    scores = [
        agreement(profile, replace(cluster.profile(), title=title), strict)
        for title in (titles or {None})
    ]  # the best of the titles the article gave this person
    found = [x for x in scores if x is not None]
    return max(found) if found else None


def appositive_head(span: Span, clusters: list[Cluster]) -> int | None:
    """The person a descriptor stands in apposition to ("Trump, the incoming Republican,")."""
    root = span.root
    if root.dep_ != "appos":
        return None
    at = person_at(clusters)
    head = root.head
    for token in head.doc[head.left_edge.i : head.i + 1]:
        if token.idx in at:
            return at[token.idx]
    return None


def last_mention_before(cluster: Cluster, offset: int, skip: list[tuple[int, int]]) -> int:
    """The start of the cluster's last mention before `offset` outside the skipped ranges, or -1."""
    found = [s for s, _ in cluster.mentions if s < offset and not inside(skip, s)]
    return max(found) if found else -1


def described(
    doc: Doc, span: Span, profile: Profile, clusters: list[Cluster], skip: list[tuple[int, int]]
) -> int | None:
    """The person an informative descriptor refers to: among those mentioned before it that fit
    best, the nearest; AMBIGUOUS when two fit equally and were last named in the same sentence,
    None when nobody fits better than by not contradicting it."""
    scored = []
    for i, cluster in enumerate(clusters):
        score = fits(cluster, profile)
        last = last_mention_before(cluster, span.start_char, skip)
        if score and last >= 0:
            scored.append((score, last, i))
    if not scored:
        return None
    best = max(score for score, _, _ in scored)
    top = sorted(((last, i) for score, last, i in scored if score == best), reverse=True)
    if len(top) == 1:
        return top[0][1]
    first, second = (
        doc.char_span(last, last + 1, alignment_mode="expand")[0] for last, _ in top[:2]
    )
    if first.sent != second.sent:
        return top[0][1]
    subjects = [i for (_, i), t in zip(top[:2], (first, second), strict=True) if in_subject(t)]
    return subjects[0] if len(subjects) == 1 else AMBIGUOUS  # "Doe met Roe; the senator said"


def add_descriptors(
    doc: Doc, clusters: list[Cluster], taken: set[int], skip: list[tuple[int, int]]
) -> None:
    """Attach "the Russian leader"-style descriptors to the person the article says they are."""
    index = PersonIndex.build(doc, clusters, skip)
    for span, profile in list(descriptor_spans(doc, taken)):
        target = appositive_head(span, clusters)
        if target is None and profile.informative():
            target = described(doc, span, profile, clusters, skip)
        if target == AMBIGUOUS:
            continue
        if target is None:  # nothing said fits better: the nearest antecedent that fits at all
            target = antecedent(
                index, span[0], clusters, lambda c, p=profile: fits(c, p, strict=True) is not None
            )
        if target is None:
            continue
        cluster = clusters[target]
        cluster.mentions.append((span.start_char, span.end_char))
        cluster.party = cluster.party or profile.party
        cluster.age = cluster.age or profile.age
        cluster.country = cluster.country or profile.country
        for other in clusters:
            if other.type == "NORP":
                other.mentions = [
                    m for m in other.mentions if not span.start_char <= m[0] < span.end_char
                ]


def find_entities(doc: Doc) -> list[Entity]:
    """Return the article's entities, each with its clustered mentions, in order of first mention."""
    spans = candidate_spans(doc)
    clusters = cluster_names(doc, spans)
    taken = {t.i for s in spans for t in s}
    merge_name_variants(clusters)
    clusters = [c for c in clusters if c.mentions]
    add_surname_mentions(doc, clusters, taken)
    absorb_surnames(clusters)
    add_metonyms(doc, clusters)
    quoted = quoted_ranges(text_of(doc))
    add_descriptors(doc, clusters, taken, quoted)
    add_pronouns(doc, clusters, quoted)
    body_start = doc._.blocks[0].start if doc._.blocks else 0
    for cluster in clusters:
        cluster.mentions = [m for m in cluster.mentions if m[0] >= body_start]
    live = [c for c in clusters if c.mentions]
    live.sort(key=lambda c: min(c.mentions))
    text = text_of(doc)
    return [
        Entity(
            id=f"E{n}",
            name=c.name,
            type=c.type,
            country=c.country,
            title=c.title,
            mentions=tuple(Mention(s, e, text[s:e]) for s, e in sorted(set(c.mentions))),
        )  # fmt: skip
        for n, c in enumerate(live, start=1)
    ]


def entity_at(doc: Doc, start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping characters [start, end), preferring the tightest."""
    best: tuple[int, Entity] | None = None
    for entity, m in mentions_overlapping(doc, start, end):  # an index, not a scan of all
        size = m.end - m.start
        if best is None or size < best[0]:
            best = (size, entity)
    return best[1] if best else None


@Language.component(
    "dateline_entities",
    requires=["doc.ents", "token.dep", "doc._.blocks"],
    assigns=["doc._.entities"],
)
def entities_component(doc: Doc) -> Doc:
    """Set `doc._.entities`."""
    return run_stage(doc, "entities", find_entities)

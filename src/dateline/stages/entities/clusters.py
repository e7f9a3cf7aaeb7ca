"""Name clusters: one per person or organisation, with name variants, surnames and metonyms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dateline.stages.common import covering, text_of, tokens_in
from dateline.stages.entities.lexicon import (
    ACTOR_DEPS,
    COURTESY,
    HONORIFIC_GENDER,
    NICKNAMES,
    SUFFIXES,
    lexicon,
)
from dateline.stages.entities.profiles import (
    HEAD_OF_STATE,
    Profile,
    age_after,
    age_in,
    party_after,
    party_in,
)
from dateline.stages.entities.spans import (
    is_particle,
    only_surname,
    org_country_word,
    surname_words,
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
    formerly: set[str] = field(default_factory=set)  # titles held before: "former President"

    def profile(self) -> Profile:
        """What the article has said of this person so far."""
        return Profile(self.title, self.country, self.party, self.age, self.gender)

    @property
    def surname(self) -> str:
        """The surname with its particles ("von der Leyen"), ignoring suffixes such as Jr."""
        parts = [p for p in self.name.split() if p.lower() not in SUFFIXES]
        return " ".join(surname_words(parts)) if parts else self.name


def _clean_name(span: Span) -> tuple[int, int, str]:
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
        while len(tokens) > 1 and tokens[0].lower_.rstrip(".") in lex.title_words | COURTESY:
            tokens = tokens[1:]
    if not tokens:
        return span.start_char, span.end_char, span.text
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return start, end, span.text[start - span.start_char : end - span.start_char]


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
            or token.lower_
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


def _appositive(span: Span) -> str:
    """The text of an _appositive after a name ("Putin, the Russian leader,")."""
    for token in span.root.children:
        if token.dep_ == "appos" and token.i >= span.end:
            sub = list(token.subtree)
            return span.doc[sub[0].i : sub[-1].i + 1].text
    return ""


def _index_of(clusters: list[Cluster]) -> dict[str, list[int]]:
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


def _gender_of(cluster: Cluster) -> str | None:
    """A person's gender from an honorific so far, else from the given name."""
    parts = cluster.name.split()
    first = lexicon().first_gender.get(parts[0]) if len(parts) > 1 else None
    return cluster.gender or first


def _rivals(doc: Doc, clusters: list[Cluster], ids: Iterable[int]) -> list[int]:
    """Distinct people among candidate clusters: name variants of one person ("Donald Trump",
    "Donald J. Trump") count once, and a name only ever seen in a heading ("Gold Star Mom
    Corners Obama") yields to one named in the text."""
    people: list[int] = []
    for i in dict.fromkeys(ids):
        if clusters[i].mentions and not any(
            same_person_name(clusters[j].name, clusters[i].name) for j in people
        ):
            people.append(i)
    blocks = doc._.blocks or []
    named = [
        i
        for i in people
        if any(
            (at := covering(doc, "blocks", s)) is None or blocks[at].kind != "heading"
            for s, _ in clusters[i].mentions
        )
    ]
    return named if named else people


def _paragraph(doc: Doc, char: int) -> int | None:
    """The index of the block holding offset `char` (None outside blocks)."""
    return covering(doc, "blocks", char) if doc._.blocks else None


def one_person(doc: Doc, clusters: list[Cluster], ids: Iterable[int], start: int) -> int | None:
    """The one person a bare surname at token `start` names, else None (a wrong speaker is worse
    than none): the only candidate; the only one the honorific or title before it fits ("Mrs.
    Clinton", "President Clinton"); else the one named first in the article, the story's
    principal, unless another was named earlier in the same paragraph."""
    ids = _rivals(doc, clusters, ids)
    if len(ids) <= 1:
        return ids[0] if ids else None
    honorific = HONORIFIC_GENDER.get(doc[start - 1].lower_) if start > 0 else None
    fit = [i for i in ids if honorific is None or _gender_of(clusters[i]) in (None, honorific)]
    left = left_context(doc, start)
    title = title_and_country(" " + " ".join(t.text for t in left) + " ")[0] if left else None
    titled = [i for i in fit if title and title in clusters[i].titles]
    if len(titled) == 1:
        return titled[0]
    if len(fit) <= 1:
        return fit[0] if fit else None
    offset = doc[start].idx
    first = min(fit, key=lambda i: min(clusters[i].mentions))
    here = _paragraph(doc, offset)
    rival_here = any(
        _paragraph(doc, s) == here
        for i in fit
        if i != first
        for s, _ in clusters[i].mentions
        if s < offset
    )
    return None if rival_here or min(clusters[first].mentions)[0] > offset else first


def cluster_names(doc: Doc, spans: list[Span]) -> list[Cluster]:
    """Group named mentions into clusters: full names, surnames, aliases and acronyms."""
    lex = lexicon()
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, str], int] = {}
    singles: list[tuple[Span, int, int, str]] = []
    for span in spans:
        start, end, text = _clean_name(span)
        label = span.label_
        if label == "PERSON" and only_surname(text.split()):
            singles.append((span, start, end, text))
            continue
        key = _canonical_key(text, label)
        if label == "PERSON":
            first_last = " ".join(p for p in text.lower().split() if p not in SUFFIXES).split()
            surname = " ".join(surname_words(first_last))
            key = ("PERSON", f"{first_last[0]} {_middle(text)} {surname}")
        if key not in by_key:
            by_key[key] = len(clusters)
            clusters.append(
                Cluster(
                    name=_display_name(text, label),
                    type=label,
                    country=_code_for(text, label, span),
                )
            )
        cluster = clusters[by_key[key]]
        cluster.mentions.append((start, end))
        if label == "PERSON":
            describe(doc, span, cluster)
        if (len(text) > len(cluster.name) and label != "GPE") or (
            cluster.name.isupper() and not text.isupper()
        ):
            cluster.name = _display_name(text, label)
    for cluster in clusters:
        last = cluster.name.split()[-1].lower()
        if (
            cluster.type == "ORG"
            and len(cluster.name.split()) > 1
            and any(t.lower() == last for *_, t in singles)
        ):
            cluster.type = "PERSON"  # "Olaf Scholz" tagged ORG, "Scholz" tagged PERSON
    surnames = _index_of(clusters)
    for span, start, end, text in singles:
        ids = (
            surnames.get(text.lower())
            or [
                i
                for i, c in enumerate(clusters)
                if c.type == "PERSON" and c.name.split()[0].lower() == text.lower()
            ]
            or _inner_name(clusters, text)
        )
        if len(set(ids)) > 1:
            target = one_person(doc, clusters, ids, span.start)
            if target is None:
                continue  # two people share this name: leave the mention unresolved
        else:
            target = ids[0] if ids else None
        if target is None:
            target = len(clusters)
            clusters.append(Cluster(name=text, type="PERSON"))
            surnames.setdefault(text.lower(), []).append(target)
        clusters[target].mentions.append((start, end))
        describe(doc, span, clusters[target])
    del lex
    return clusters


def _inner_name(clusters: list[Cluster], word: str) -> list[int]:
    """The one person a single name is an inner word of ("Lula" in "Luiz Inacio Lula da
    Silva"), as a one-item list; empty when none or several people have it."""
    found = [
        i
        for i, c in enumerate(clusters)
        if c.type == "PERSON"
        and word.lower() in (w.lower() for w in c.name.split()[1 : -len(c.surname.split())])
    ]
    return found if len(found) == 1 else []


def _canonical_key(text: str, label: str) -> tuple[str, str]:
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


def _display_name(text: str, label: str) -> str:
    """The canonical name for a new cluster: the full country or organisation name where known."""
    lex = lexicon()
    lowered = text.lower().removeprefix("the ")
    if label in ("GPE", "LOC") and lowered in lex.country_of:
        return lex.country_name[lex.country_of[lowered]]
    if lowered in lex.orgs:
        return lex.orgs[lowered][0]
    return text


def _code_for(text: str, label: str, span: Span | None = None) -> str | None:
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
    phrase = " ".join(t.text for t in left) + " " + span.text + " " + _appositive(span)
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
        if any(w in ("former", "ex") for w in phrase.lower().replace("-", " ").split()):
            cluster.formerly.add(title)  # "former President Jair Bolsonaro"
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
    surnames = {
        k: v for k, v in _index_of(clusters).items() if len(clusters[v[0]].name.split()) > 1
    }
    for token in tokens_in(doc, surnames):
        if token.i in taken or not token.is_title:
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].is_title and doc[token.i + 1].tag_ == "NNP":
            continue  # part of a longer name we don't know
        target = one_person(doc, clusters, surnames[token.lower_], token.i)
        if target is not None:
            clusters[target].mentions.append((token.idx, token.idx + len(token)))
            taken.add(token.i)


def same_first_name(a: str, b: str) -> bool:
    """Whether two given names can be one person's ("Joe" and "Joseph", "Bill" and "William")."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    return (
        a == b or NICKNAMES.get(a, a) == NICKNAMES.get(b, b) or a.startswith(b) or b.startswith(a)
    )


def _middle(name: str) -> str:
    """The words between the given name and the surname, without dots ("H.W." gives "hw")."""
    parts = [p for p in name.split() if p.lower() not in SUFFIXES]
    inner = parts[1 : len(parts) - len(surname_words(parts))]
    return "".join(inner).replace(".", "").lower()


def same_person_name(a: str, b: str) -> bool:
    """Whether two full names with one surname can be one person's: "Joseph R. Biden" and "Joe
    Biden", never "George H.W. Bush" and "George W. Bush"."""
    middles = _middle(a), _middle(b)
    return same_first_name(a.split()[0], b.split()[0]) and (
        not all(middles) or middles[0] == middles[1]
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
        if j is not None and same_person_name(clusters[j].name, cluster.name):
            keep = clusters[j]
            keep.mentions.extend(cluster.mentions)
            keep.title, keep.country = keep.title or cluster.title, keep.country or cluster.country
            if len(cluster.name) > len(keep.name):
                keep.name = cluster.name
            cluster.mentions = []
        elif j is None:
            by_surname[key] = i


def absorb_surnames(doc: Doc, clusters: list[Cluster]) -> None:
    """Move a known person's surname that the model labelled ORG or GPE into that person, or
    drop it when two people share that surname."""
    surnames = {
        k: v for k, v in _index_of(clusters).items() if len(clusters[v[0]].name.split()) > 1
    }
    for cluster in clusters:
        if cluster.type != "PERSON" and cluster.name.lower() in surnames:
            for start, end in cluster.mentions:
                span = doc.char_span(start, end, alignment_mode="expand")
                ids = surnames[cluster.name.lower()]
                target = one_person(doc, clusters, ids, span.start) if span else None
                if target is not None:
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

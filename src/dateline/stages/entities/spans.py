"""Repairs of the model's name spans before clustering: name particles, organisations with a
country ("Taiwan's defence ministry", "the Law Society of Kenya")."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from dateline.resources import ORG_WORDS, tagged

# Lower-case words inside one person's name: "Ursula von der Leyen", "Bashar al-Assad".
PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "la", "le"}
    | {"ter", "ten", "al", "el", "bin", "ibn", "ben", "bint", "abu", "zu", "af", "mac", "o'", "-"}
)
# Heads of a common-noun organisation named with a country possessive: "Taiwan's defence ministry".
ORG_NOUNS = frozenset(row["word"] for row in tagged(ORG_WORDS, "possessed"))
# Last words of an organisation's name that an "of <country>" completes: "the Law Society of Kenya".
ORG_NAME_HEADS = frozenset(row["word"] for row in tagged(ORG_WORDS, "name_head"))
PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})


def is_particle(word: str) -> bool:
    """Whether a word is a name particle ("von", "der", "al-", "bin")."""
    return word.lower().rstrip("-") in PARTICLES or word.lower() in PARTICLES


def surname_words(words: list[str]) -> list[str]:
    """The surname of a name's words, with its particles: "von der Leyen", "da Silva"."""
    end = len(words)
    start = end - 1
    while start > 1 and is_particle(words[start - 1]):
        start -= 1
    return words[start:end]


def only_surname(words: list[str]) -> bool:
    """Whether a name is a surname alone, particles included ("Von der Leyen", "Putin")."""
    return len(words) == 1 or (len(words) > 1 and all(is_particle(w) for w in words[:-1]))


def _titled(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].is_title and doc[i].pos_ == "PROPN"


def _particle_run(doc: Doc, i: int) -> int:
    """The index after the name particles starting at token i (i itself when there are none)."""
    j = i
    while j < len(doc) and doc[j].is_lower and is_particle(doc[j].text) and j - i < 3:
        j += 1
    if j < len(doc) and doc[j].text == "-" and j > i:
        j += 1  # "al" "-" "Assad"
    return j


def _person_with_particles(doc: Doc, span: Span) -> Span:
    """A person's span carried over its name particles and the surname after them: the model's
    "Ursula von der" + "Leyen" is "Ursula von der Leyen"."""
    end = span.end
    while end > span.start + 1 and doc[end - 1].is_lower and is_particle(doc[end - 1].text):
        end -= 1  # "Ursula von der": back to "Ursula", then forward again over the particles
    after = _particle_run(doc, end)
    if after == end or not _titled(doc, after):
        return span
    last = after
    while last + 1 < len(doc) and _titled(doc, last + 1) and last - after < 2:
        last += 1
    return Span(doc, span.start, max(span.end, last + 1), label="PERSON")


def _given_names_before(doc: Doc, span: Span, title_words: frozenset[str]) -> int:
    """The start of a person's span widened over the given names the model left out before the
    surname it tagged: "Defence Minister Rustem Umerov" tagged "Umerov" is "Rustem Umerov"."""
    start = span.start
    while start > 0 and span.start - start < 2:
        token = doc[start - 1]
        if not (
            token.is_title
            and token.pos_ == "PROPN"
            and token.dep_ == "compound"
            and span.start <= token.head.i < span.end
            and not token.ent_type_
            and not token.text.endswith(".")  # "Mrs.", "Sen.", an initial
            and token.lower_ not in title_words
        ):
            break
        start -= 1
    return start


def _one_name(doc: Doc, span: Span, nxt: Span) -> bool:
    """Whether two person spans side by side are one name the model cut in two: "Maria Jose" +
    "Alvarado Rojas", the first's last word a compound of the second."""
    return (
        nxt.label_ == "PERSON"
        and nxt.start == span.end
        and doc[span.end - 1].dep_ == "compound"
        and nxt.start <= doc[span.end - 1].head.i < nxt.end
    )


def _country_org(doc: Doc, span: Span, possessor: Span) -> bool:
    """Whether a tagged organisation is a common-noun body of the place before it, in the
    possessive: "Taiwan's defence ministry"."""
    return (
        span.label_ == "ORG"
        and possessor.end + 1 == span.start
        and doc[possessor.end].tag_ == "POS"
        and span[-1].lower_ in ORG_NOUNS
        and all(t.is_lower for t in span)
    )


def _untagged_org_end(doc: Doc, place: Span, nxt: Span | None) -> int:
    """The end of a common-noun organisation after a place's possessive that the model left
    untagged ("Kenya's health ministry"), else 0."""
    i = place.end
    if i >= len(doc) or doc[i].tag_ != "POS":
        return 0
    j = i + 1
    limit = min(len(doc), j + 3, nxt.start if nxt is not None else len(doc))
    while j < limit and doc[j].is_lower and doc[j].tag_ in ("NN", "NNS", "NNP", "JJ"):
        last = j + 1 >= len(doc) or not (doc[j + 1].is_lower and doc[j + 1].tag_.startswith("NN"))
        if doc[j].lower_ in ORG_NOUNS and last:
            return j + 1
        j += 1
    return 0


def join_spans(doc: Doc, spans: list[Span], title_words: frozenset[str]) -> list[Span]:
    """Spans after joining name particles, given names the model left out, and organisations
    named with their country; `title_words` are the words of titles ("Minister")."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        span = spans[i]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if span.label_ == "PERSON":
            joined = _person_with_particles(doc, span)
            start = _given_names_before(doc, joined, title_words)
            joined = Span(doc, start, joined.end, label="PERSON")
            while nxt is not None and (nxt.start < joined.end or _one_name(doc, joined, nxt)):
                joined = Span(doc, joined.start, max(joined.end, nxt.end), label="PERSON")
                i += 1
                nxt = spans[i + 1] if i + 1 < len(spans) else None
            out.append(joined)
        elif span.label_ in PLACE_LABELS and nxt is not None and _country_org(doc, nxt, span):
            out += [span, Span(doc, span.start, nxt.end, label="ORG")]  # the place stays one
            i += 1
        elif span.label_ in PLACE_LABELS and (end := _untagged_org_end(doc, span, nxt)):
            out += [span, Span(doc, span.start, end, label="ORG")]  # "Kenya's health ministry"
        elif (
            span.label_ == "ORG"
            and nxt is not None
            and nxt.label_ in PLACE_LABELS
            and span[-1].lower_ in ORG_NAME_HEADS
            and nxt.start == span.end + 1
            and doc[span.end].lower_ == "of"
        ):
            out += [Span(doc, span.start, nxt.end, label="ORG"), nxt]  # "Law Society of Kenya"
            i += 1
        else:
            out.append(span)
        i += 1
    return out


def org_country_word(span: Span) -> str | None:
    """The place that names an organisation's country: "Taiwan" in "Taiwan's defence ministry",
    "Kenya" in "the Law Society of Kenya"."""
    words = [t for t in span]
    for k, token in enumerate(words):
        if token.tag_ == "POS" and k > 0:
            return " ".join(t.text for t in words[:k])
    for k, token in enumerate(words):
        if token.lower_ == "of" and 0 < k < len(words) - 1:
            return " ".join(t.text for t in words[k + 1 :])
    return None

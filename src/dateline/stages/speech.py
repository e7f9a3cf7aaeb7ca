"""The speech lexicon shared by the stages: speech verbs from resources/speech_verbs.tsv."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from dateline.resources import SPEECH_VERBS, rows

# Inverted cues a sentence may open with, which the tagger often reads as names: "Said Ellis: …"
INVERTED = ("Said", "Says", "Added", "Asked")


def forms(lemma: str) -> set[str]:
    """Regular inflections of an English verb lemma."""
    out = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        out.add(lemma + "es")
    if lemma.endswith("e"):
        out |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return out


@cache
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Speech-verb lemmas and all their word forms, from resources/speech_verbs.tsv."""
    lemmas: set[str] = set()
    found: set[str] = set()
    for row in rows(SPEECH_VERBS):
        lemma = row["lemma"]
        lemmas.add(lemma)
        found |= forms(lemma) | set(row["forms"].split())
    return frozenset(lemmas), frozenset(found)


def hashes(strings: Iterable[str]) -> numpy.ndarray:
    """spaCy's string hashes of `strings`, as an array for `numpy.isin`."""
    return numpy.fromiter((hash_string(w) for w in strings), dtype=numpy.uint64)


@cache
def speech_hashes() -> tuple[numpy.ndarray, numpy.ndarray]:
    """Hashes of the word forms and lemmas `is_speech` can accept, for a vectorised first pass."""
    lemmas, found = lexicon()
    accepted = found | {"according", "put", "said", "says", "added", "asked"}
    heads = {v for lemma in lemmas | {"put"} for v in (lemma, lemma.capitalize(), lemma.upper())}
    return hashes(accepted), hashes(heads)


def speech_indices(doc: Doc) -> list[int]:
    """Indices of the tokens for which `is_speech` holds, testing only likely candidates."""
    accepted, heads = speech_hashes()
    table = doc.to_array([LOWER, LEMMA])
    hits = numpy.flatnonzero(numpy.isin(table[:, 0], accepted) | numpy.isin(table[:, 1], heads))
    return [int(i) for i in hits if is_speech(doc[int(i)])]


def is_speech_cue(text: str) -> bool:
    """True when a cue string contains a speech verb or "according to"."""
    lowered = text.lower()
    if "according to" in lowered:
        return True
    found = lexicon()[1]
    return any(w in found for w in re.findall(r"[a-z]+", lowered))


def is_speech(token: Token) -> bool:
    """True for a verb token from the speech lexicon (or "according" in "according to")."""
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
    lemmas, found = lexicon()
    if token.lemma_ == "put" and as_put_it(token):
        return True
    if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
        return token.is_sent_start and token.text in INVERTED
    return token.lemma_.lower() in lemmas or token.lower_ in found


def as_put_it(verb: Token) -> bool:
    """ "as Jane Doe put it": "put" with "it" for its object and "as" before it."""
    kids = [(c.lower_, c.dep_) for c in verb.children]
    return ("it", "dobj") in kids and any(word == "as" for word, _ in kids)

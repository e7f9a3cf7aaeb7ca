"""Restore the case of all-lower and ALL-CAPS text for the parse, character for character.

The small spaCy model finds names by their capitals; a feed that lower-cases everything, or
shouts it, loses most of them. Such documents (and all-caps headline lines in ordinary ones) are
given to the parser with their case restored by the `truecase` package's English model, the
lexicons in `resources/` overriding it. Only letters change case, so every offset into the
restored copy is an offset into the text as read.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache

MIN_LETTERS = 40  # shorter texts say too little about their case
LOWER_SHARE = 0.003  # capitals among cased letters below this: an all-lower document
UPPER_SHARE = 0.8  # above this: an ALL-CAPS document
CAPS_WORD = re.compile(r"\b[^\W\d_]{2,}\b")
CAPS_LINE_WORDS = 3  # a line of this many all-caps words and nothing lower is a shouted headline
WORD = re.compile(r"[^\W\d_]+")
SENTENCE_BREAK = re.compile(r"(?<!\b[^\W\d_])[.!?]+[\"'\u201d\u2019)\]]*(?=\s)|\n")
# The tail of a contraction ("don't", "we're"): not a word of its own.
CONTRACTION = re.compile(r"['\u2019](?:t|s|re|ve|ll|d|m)\b", re.IGNORECASE)
NEGATION = re.compile(r"['\u2019]t\b", re.IGNORECASE)  # "don't": the head stays lower-case


def case_of(text: str) -> str:
    """'lower', 'upper' or 'mixed': how the document's letters are cased."""
    upper = sum(map(str.isupper, text))
    lower = sum(map(str.islower, text))
    if upper + lower < MIN_LETTERS:
        return "mixed"
    share = upper / (upper + lower)
    return "lower" if share < LOWER_SHARE else "upper" if share > UPPER_SHARE else "mixed"


def caseless_spans(text: str) -> list[tuple[int, int]]:
    """The parts of the text whose case must be restored: all of it, or its shouted lines."""
    if case_of(text) != "mixed":
        return [(0, len(text))]
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.upper() == line and len(CAPS_WORD.findall(line)) >= CAPS_LINE_WORDS:
            spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


def restore_case(text: str) -> str | None:
    """A copy of `text` of the same length with case restored, or None when nothing needs it.

    A whole caseless document is restored with the case model; a shouted line in an ordinary
    document with the forms its own words take elsewhere in the document (then the lexicons),
    so ordinary documents never load the model.
    """
    spans = caseless_spans(text)
    if not spans:
        return None
    pick = from_model if spans == [(0, len(text))] else own_forms(text, spans)
    chars = list(text)
    for start, end in spans:
        chars[start:end] = [c.lower() if len(c.lower()) == 1 else c for c in text[start:end]]
        for sentence_start, sentence_end in sentences(text, start, end):
            restore_sentence(text, sentence_start, sentence_end, chars, pick)
    restored = "".join(chars)
    return restored if restored != text else None


def own_forms(
    text: str, spans: list[tuple[int, int]]
) -> Callable[[str, str | None, str | None], str]:
    """A chooser that gives each word its most frequent form outside the shouted `spans`."""
    counts: dict[str, Counter[str]] = {}
    pos = 0
    for start, end in [*spans, (len(text), len(text))]:
        for m in WORD.finditer(text, pos, start):
            counts.setdefault(m.group().lower(), Counter())[m.group()] += 1
        pos = end
    forms = {word: found.most_common(1)[0][0] for word, found in counts.items()}

    def pick(token: str, previous: str | None, following: str | None) -> str:
        return forms.get(token) or lexicon().get(token) or token

    return pick


def from_model(token: str, previous: str | None, following: str | None) -> str:
    """A word's form from dateline's lexicons, else the likeliest in the case model."""
    return lexicon().get(token) or choose(token, previous, following)


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence-like stretches of text[start:end] (split at end punctuation and line breaks)."""
    pos = start
    for match in SENTENCE_BREAK.finditer(text, start, end):
        yield pos, match.end()
        pos = match.end()
    if pos < end:
        yield pos, end


def restore_sentence(
    text: str,
    start: int,
    end: int,
    chars: list[str],
    pick: Callable[[str, str | None, str | None], str],
) -> None:
    """Write the cased form of each word of one sentence (chosen by `pick`) into `chars`."""
    words = [
        m
        for m in WORD.finditer(text, start, end)
        if not (m.start() > 0 and CONTRACTION.match(text, m.start() - 1))
    ]
    if not words:
        return
    tokens = [m.group().lower() for m in words]
    previous = None
    for i, m in enumerate(words):
        token = tokens[i]
        if len(token) == 1 and token != "a":
            form = token.upper()  # "I", or an initial as in "U.N."
        else:
            form = pick(token, previous, tokens[i + 1] if i + 1 < len(words) else None)
        if NEGATION.match(text, m.end()):
            form = token
        previous = form
        if m is words[0]:
            form = form[:1].upper() + form[1:]
        if len(form) == len(token) and form.lower() == token:
            chars[m.start() : m.end()] = form


def choose(token: str, previous: str | None, following: str | None) -> str:
    """The likeliest form of a lower-case word between two others (truecase's model)."""
    forms = candidates(token)
    if not forms:
        return token.title()  # unknown to the model: most such words in news are names
    if isinstance(forms, str):
        return forms
    model = truecaser()
    return max(forms, key=lambda form: score(model, forms, previous, form, following))


@cache
def candidates(token: str) -> tuple[str, ...] | str:
    """A word's forms in the model: one form when it is the only one or clearly the usual one.

    All-caps forms are dropped when there is another: the model's counts include shouted
    headlines, and an acronym has no lower-case form.
    """
    model = truecaser()
    forms = tuple(model.word_casing_lookup.get(token, ()))
    quiet = tuple(f for f in forms if not f.isupper() or len(f) < 2)
    forms = quiet or forms
    if len(forms) <= 1:
        return forms[0] if forms else ()
    counts = sorted(((model.uni_dist[f], f) for f in forms), reverse=True)
    total = sum(c for c, _ in counts)
    return counts[0][1] if counts[0][0] >= DOMINANT * total else forms


DOMINANT = 0.97  # a form with this share of a word's occurrences is taken without its context


def score(
    model: object, forms: tuple[str, ...], previous: str | None, form: str, following: str | None
) -> float:
    """truecase's log score of one form: unigram, and bigrams with the words either side."""
    pseudo = 5.0
    uni = model.uni_dist
    result = math.log((uni[form] + pseudo) / sum(uni[f] + pseudo for f in forms))
    if previous is not None:
        back = model.backward_bi_dist
        result += math.log(
            (back[f"{previous}_{form}"] + pseudo)
            / sum(back[f"{previous}_{f}"] + pseudo for f in forms)
        )
    if following is not None:
        ahead = model.forward_bi_dist
        result += math.log(
            (ahead[f"{form}_{following}"] + pseudo)
            / sum(ahead[f"{f}_{following}"] + pseudo for f in forms)
        )
    return result


@cache
def truecaser() -> object:
    """The `truecase` package's English model, loaded once, without NLTK's downloadable data."""
    from truecase import TrueCaser

    model = TrueCaser()
    model.trigram_dist = None  # most of its memory; the choice here reads unigrams and bigrams
    return model


@cache
def lexicon() -> dict[str, str]:
    """Lower-case word -> its cased form, from dateline's own lexicons (names, places, codes)."""
    from dateline import resources

    found: dict[str, str] = {}

    def add(names: str | list[str]) -> None:
        for name in names if isinstance(names, list) else names.split("|"):
            for word in name.split():
                if word and not word.islower() and word.isalpha():
                    found.setdefault(word.lower(), word)

    for row in resources.countries():
        for key in ("name", "aliases", "demonyms", "capital"):
            add(row.get(key) or "")
    add([row["name"] for row in resources.rows("first_names.tsv")])
    for row in resources.rows("orgs.tsv"):
        add(row["name"])
    add(resources.words("known_places.txt"))
    for common in COMMON_WORDS:
        found.pop(common, None)
    return found


# Words the lexicons capitalise that are ordinary words in lower-case running text.
COMMON_WORDS = frozenset(
    (
        "a",
        "an",
        "and",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "as",
        "is",
        "it",
        "be",
        "may",
        "will",
        "can",
        "mark",
        "bill",
        "rose",
        "grace",
        "hope",
        "faith",
        "joy",
        "sue",
        "art",
        "gene",
        "august",
        "chad",
        "victoria",
        "white",
        "house",
        "state",
        "states",
        "union",
        "new",
    )
)

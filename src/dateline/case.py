"""Restore the case of all-lower and ALL-CAPS text for the parse, character for character.

The small spaCy model finds names by their capitals; a feed that lower-cases everything, or
shouts it, loses most of them. Such documents (and all-caps headline lines in ordinary ones) are
given to the parser with their case restored by the `truecase` package's English model, the
lexicons in `resources/` overriding it. Only letters change case, so every offset into the
restored copy is an offset into the text as read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

MIN_LETTERS = 40  # shorter texts say too little about their case
LOWER_SHARE = 0.003  # capitals among cased letters below this: an all-lower document
UPPER_SHARE = 0.8  # above this: an ALL-CAPS document
CAPS_WORD = re.compile(r"\b[^\W\d_]{2,}\b")
CAPS_LINE_WORDS = 3  # a line of this many all-caps words and nothing lower is a shouted headline
WORD = re.compile(r"[^\W\d_]+")
SENTENCE_BREAK = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)|\n")
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
    """A copy of `text` of the same length with case restored, or None when nothing needs it."""
    spans = caseless_spans(text)
    if not spans:
        return None
    chars = list(text)
    for start, end in spans:
        chars[start:end] = [c.lower() if len(c.lower()) == 1 else c for c in text[start:end]]
        for sentence_start, sentence_end in sentences(text, start, end):
            restore_sentence(text, sentence_start, sentence_end, chars)
    restored = "".join(chars)
    return restored if restored != text else None


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence-like stretches of text[start:end] (split at end punctuation and line breaks)."""
    pos = start
    for match in SENTENCE_BREAK.finditer(text, start, end):
        yield pos, match.end()
        pos = match.end()
    if pos < end:
        yield pos, end


def restore_sentence(text: str, start: int, end: int, chars: list[str]) -> None:
    """Write the cased form of each word of one sentence into `chars`."""
    words = [
        m
        for m in WORD.finditer(text, start, end)
        if not (m.start() > 0 and CONTRACTION.match(text, m.start() - 1))
    ]
    if not words:
        return
    tokens = [m.group().lower() for m in words]
    model = truecaser()
    cased = model.get_true_case_from_tokens(tokens, out_of_vocabulary_token_option="title")
    fixed = lexicon()
    for m, token, form in zip(words, tokens, cased, strict=True):
        form = fixed.get(token) or not_shouted(model, token, form)
        if NEGATION.match(text, m.end()):
            form = token
        if m is words[0]:
            form = form[:1].upper() + form[1:]
        if token == "i":
            form = "I"
        if len(form) == len(token) and form.lower() == token:
            chars[m.start() : m.end()] = form


def not_shouted(model: object, token: str, form: str) -> str:
    """`form`, or the word's most frequent other form when `form` is all-caps (the model's
    counts include shouted headlines; an acronym has no lower-case form)."""
    if len(form) < 2 or not form.isupper():
        return form
    forms = [f for f in model.word_casing_lookup.get(token, ()) if not f.isupper()]
    return max(forms, key=lambda f: model.uni_dist[f]) if forms else form


@cache
def truecaser() -> object:
    """The `truecase` package's English model, loaded once, without NLTK's downloadable data."""
    from truecase import TrueCaser

    model = TrueCaser()
    # Trigram counts are most of its memory and barely change the choice between a word's forms.
    model.trigram_dist = type(model.trigram_dist)()
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
    "a an and the of in on at to for by as is it be may will can mark bill rose grace hope "
    "faith joy sue art gene august chad victoria white house state states union new".split()
)


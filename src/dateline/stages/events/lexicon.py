"""The trigger lexicon: PLOVER rules from resources/events.tsv, looked up by lemma and stem."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from dateline.resources import fields


@dataclass(frozen=True)
class Rule:
    """One trigger: a head lemma plus words that must appear under it, its type and mode."""

    type: str
    mode: str | None
    words: tuple[str, ...] = ()
    civil: tuple[str, str] | None = None
    speech: tuple[str, str] | None = None
    instrument: bool = False
    name: str = ""
    reverse: bool = False  # the subject is acted on, the agent unnamed ("X faces charges")


@dataclass
class Lexicon:
    """Everything read from resources/events.tsv."""

    verbs: dict[str, list[Rule]] = field(default_factory=dict)
    nouns: dict[str, list[Rule]] = field(default_factory=dict)
    frames: dict[str, str] = field(default_factory=dict)
    report: set[str] = field(default_factory=set)
    intent: set[str] = field(default_factory=set)
    predict: set[str] = field(default_factory=set)
    aspect: set[str] = field(default_factory=set)
    light: set[str] = field(default_factory=set)
    casualty: dict[str, str] = field(default_factory=dict)
    cues: dict[str, dict[str, str]] = field(default_factory=dict)
    accident: set[str] = field(default_factory=set)
    occur: set[str] = field(default_factory=set)
    naming: set[str] = field(default_factory=set)
    evaluation: dict[str, tuple[str, str | None]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load resources/events.tsv once per process."""
    lex = Lexicon()
    for row in fields("events.tsv"):
        cols = row + ["", "", ""]
        kind, pattern = cols[0], cols[1].split()
        if kind in ("verb", "noun"):
            _add_rule(lex, kind, pattern, cols)
        elif kind == "frame":
            lex.frames[pattern[0]] = cols[2]
        elif kind == "cue":
            lex.cues.setdefault(cols[1], {})[cols[2]] = cols[3]
        elif kind == "casualty":
            lex.casualty[pattern[0]] = cols[2]
        elif kind == "evaluation":
            lex.evaluation[pattern[0]] = (cols[2], cols[3] or None)
        elif kind in (
            "report",
            "intent",
            "aspect",
            "light",
            "accident",
            "occur",
            "naming",
            "predict",
        ):
            getattr(lex, kind).add(" ".join(pattern))
    for table in (lex.verbs, lex.nouns):
        for rules in table.values():
            rules.sort(key=lambda r: -len(r.words))
    return lex


def _add_rule(lex: Lexicon, kind: str, pattern: list[str], cols: list[str]) -> None:
    """File a verb or noun row under its head word (a verb's first word, a noun's last)."""
    flags = dict(f.split("=", 1) for f in cols[4].split() if "=" in f)
    civil = tuple(flags["civil"].split("/")) if "civil" in flags else None
    speech = tuple(flags["speech"].split("/")) if "speech" in flags else None
    head, rest = (pattern[0], pattern[1:]) if kind == "verb" else (pattern[-1], pattern[:-1])
    table = lex.verbs if kind == "verb" else lex.nouns
    table.setdefault(head, []).append(
        Rule(
            cols[2],
            cols[3] or None,
            tuple(rest),
            civil,
            speech,
            "instrument" in flags,
            f"{kind} {' '.join(pattern)}",
            "reverse" in cols[4].split(),
        )
    )


def _nearby_lemmas(token: Token) -> set[str]:
    """Lemmas of a token's children and grandchildren (particles, objects, their objects)."""
    out = set()
    for child in token.children:
        out.add(child.lemma_.lower())
        out.add(child.lower_)
        for grand in child.children:
            out.add(grand.lemma_.lower())
            out.add(grand.lower_)
            if child.dep_ == "prep" and grand.dep_ == "pobj":  # "taken to a detention centre"
                out.update(g.lemma_.lower() for g in grand.children if g.dep_ == "compound")
            if child.ent_type_ == "MONEY" and grand.dep_ == "prep" and grand.lower_ == "in":
                out.update(g.lemma_.lower() for g in grand.children)  # "$50 billion in tariffs"
    return out


def _keys(token: Token) -> tuple[str, ...]:
    """The lemma, then stems of the word form, to survive lemmatiser slips ("staged" -> "stag")."""
    return _stems(token.lower_, token.lemma_)


@lru_cache(maxsize=65536)
def _stems(word: str, lemma: str) -> tuple[str, ...]:
    """Lookup keys for a word form and its lemma (a pure function of the two strings)."""
    out = [lemma.lower()]
    if word.endswith("ed"):
        out += [word[:-1], word[:-2], word[:-3]]
    elif word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e", word[:-4]]
    elif word.endswith("s"):
        out += [word[:-1], word[:-2]]
    return tuple(out)


def lookup(table: dict, token: Token):
    """The first entry in `table` under one of the token's keys."""
    for key in _keys(token):
        if key in table:
            return table[key]
    return None


def base(token: Token, lex: Lexicon) -> str:
    """The key under which the token is known to the lexicon (else its lemma)."""
    for key in _keys(token):
        if key in lex.verbs or key in lex.frames or key in lex.light or key in lex.report:
            return key
    return token.lemma_.lower()


def match_rule(rules: list[Rule] | None, token: Token) -> tuple[Rule | None, bool]:
    """The most specific rule whose extra words are all found around `token`."""
    if not rules:
        return None, False
    near = None
    for rule in rules:
        if not rule.words:
            return rule, False
        near = near if near is not None else _nearby_lemmas(token)
        if all(w in near for w in rule.words):
            return rule, True
    return None, False


def event_noun(token: Token, lex: Lexicon) -> Rule | None:
    """The noun rule for `token` if it is an event noun."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    rule, _ = match_rule(lookup(lex.nouns, token), token)
    return rule

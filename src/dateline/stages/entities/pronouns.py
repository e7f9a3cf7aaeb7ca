"""Pronouns: each unquoted pronoun joined to the person it refers to, or left alone."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from dateline.stages.common import text_of, tokens_in
from dateline.stages.entities.clusters import Cluster
from dateline.stages.entities.lexicon import (
    FEMALE,
    MALE,
    QUOTE_OR_COLON,
    SUBORDINATORS,
    lexicon,
)
from dateline.stages.speech import is_speech


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
    ahead = _cataphor_subject(token)
    if ahead is not None:  # "Asked about his record, Doe said …": Doe
        found = [(i, t) for i, t in index.by_sent.get(here, ()) if t.i in ahead]
        if found and accept(clusters[found[0][0]]):
            return found[0][0]
    reported = _reported_by(token)
    for depth, k in enumerate(range(here, max(here - 4, -1), -1)):
        found = [
            (i, t)
            for i, t in index.by_sent.get(k, ())
            if (depth > 0 or (t.i < token.i and t.i not in reported)) and accept(clusters[i])
        ]
        if not found:
            continue
        subjects = [(i, t) for i, t in found if _subject_of_name(t)]
        pool = subjects or found
        return pool[-1][0] if depth == 0 else pool[0][0]
    return None


def _reported_by(pronoun: Token) -> set[int]:
    """Token indices of the plain clause a pronoun subject of a speech verb reports, right
    before it ("Doe is lying, he said"): a name there is what "he" talks about, never who "he"
    is. A clause holding a quotation or a colon is narration around it, not the report."""
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


def _cataphor_subject(pronoun: Token) -> range | None:
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


def _unquoted_pronouns(doc: Doc, quoted: list[tuple[int, int]]) -> list[Token]:
    """He/she pronouns outside quotation marks (inside, "he" is someone the speaker names)."""
    found: list[Token] = []
    q = 0
    for token in tokens_in(doc, MALE | FEMALE):
        while q < len(quoted) and quoted[q][1] <= token.idx:
            q += 1
        if not (q < len(quoted) and quoted[q][0] <= token.idx):
            found.append(token)
    return found


def _guess_genders(clusters: list[Cluster], votes: dict[int, Counter[str]]) -> None:
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


def _named_in_own_quote(
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
    pronouns = _unquoted_pronouns(doc, quoted)
    votes: dict[int, Counter[str]] = {}
    for token in pronouns:
        target = antecedent(index, token, clusters, lambda c: True)
        if target is not None:
            votes.setdefault(target, Counter())["m" if token.lower_ in MALE else "f"] += 1
    _guess_genders(clusters, votes)
    for token in pronouns:
        gender = "m" if token.lower_ in MALE else "f"
        named = _named_in_own_quote(token, quoted, clusters)
        target = antecedent(
            index,
            token,
            clusters,
            lambda c, g=gender, n=named: c.gender in (None, g) and id(c) not in n,
        )
        if target is not None:
            clusters[target].mentions.append((token.idx, token.idx + len(token)))

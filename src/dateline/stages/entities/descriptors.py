"""Descriptors: "the Russian leader" joined to the one person the article says fits it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span

from dateline.stages.common import covering, tokens_in
from dateline.stages.entities.clusters import Cluster, title_and_country
from dateline.stages.entities.lexicon import AMBIGUOUS, ROLE_HEADS
from dateline.stages.entities.profiles import (
    PARTIES,
    Profile,
    age_in,
    agreement,
    gender_in,
    party_in,
)
from dateline.stages.entities.pronouns import PersonIndex, antecedent, in_subject, inside, person_at


def _descriptor_spans(doc: Doc, taken: set[int]) -> Iterable[tuple[Span, Profile]]:
    """Definite role descriptors that refer back to a person: "the 72-year-old leader"."""
    for token in tokens_in(doc, ROLE_HEADS):
        if token.tag_ not in ("NN", "NNP"):
            continue
        left = [t for t in token.lefts]
        if token.i in taken and token.ent_type_ != "NORP":
            continue
        named = [
            t
            for t in token.subtree
            if t.i < token.i and t.i in taken and t.ent_type_ != "NORP" and t.lower_ not in PARTIES
        ]  # "the Labour leader": a party's name, tagged or not, describes its member
        if not left or left[0].lower_ != "the" or named:
            continue
        if any(t.dep_ == "prep" and t.lower_ == "of" for t in token.rights):
            continue  # "the leader of the opposition" names someone new
        span = doc[left[0].i : token.i + 1]
        title, country = title_and_country(span.text)
        words = span.text.split()
        former = True if any(w.lower() in ("former", "ex") for w in words) else None
        profile = Profile(title, country, party_in(words), age_in(span.text), gender_in(words))
        yield span, replace(profile, former=former)


def _age_spans(doc: Doc, taken: set[int]) -> Iterable[tuple[Span, Profile]]:
    """Ages standing for a person without a noun: "the 44-year-old told MPs"."""
    for token in tokens_in(doc, ("old",)):
        i = token.i
        words = [t.lower_ for t in doc[max(i - 5, 0) : i]]
        after = doc[i + 1] if i + 1 < len(doc) else None
        if (
            len(words) == 5
            and words[0] == "the"
            and words[2:] == ["-", "year", "-"]
            and doc[i - 4].like_num
            and not (after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ"))
            and not any(t.i in taken for t in doc[i - 5 : i + 1])
        ):
            span = doc[i - 5 : i + 1]
            yield span, Profile(age=age_in(span.text))


def fits(cluster: Cluster, profile: Profile, strict: bool = False) -> int | None:
    """How well a named person fits a descriptor (shared attributes), or None when the article
    says something of them that the descriptor contradicts."""
    if cluster.type != "PERSON":
        return None
    said = cluster.title or cluster.country or cluster.party or cluster.age
    if len(cluster.name.split()) < 2 and not said:
        return None  # a lone name the article says nothing about
    titles = cluster.titles or ({cluster.title} if cluster.title else set())
    known = cluster.profile()
    scores = [
        agreement(
            profile,
            replace(known, title=title, former=title in cluster.formerly if title else None),
            strict,
        )
        for title in (titles or {None})
    ]  # the best of the titles the article gave this person, held now or before
    found = [x for x in scores if x is not None]
    return max(found) if found else None


def _appositive_head(span: Span, clusters: list[Cluster]) -> int | None:
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


def _last_mention_before(cluster: Cluster, offset: int, skip: list[tuple[int, int]]) -> int:
    """The start of the cluster's last mention before `offset` outside the skipped ranges, or -1."""
    found = [s for s, _ in cluster.mentions if s < offset and not inside(skip, s)]
    return max(found) if found else -1


def _block_bounds(doc: Doc, char: int) -> tuple[int, int]:
    """Start and end of the paragraph (block) holding offset `char`, else of its sentence."""
    at = covering(doc, "blocks", char) if doc._.blocks else None
    if at is not None:
        return doc._.blocks[at].start, doc._.blocks[at].end
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    return (token.sent.start_char, token.sent.end_char) if token is not None else (char, char)


def described(
    doc: Doc, span: Span, profile: Profile, clusters: list[Cluster], skip: list[tuple[int, int]]
) -> int | None:
    """The person an informative descriptor refers to: among those mentioned before it that fit
    best, the nearest; AMBIGUOUS when two fit equally and were last named in the same sentence,
    None when nobody fits better than by not contradicting it."""
    scored = []
    ahead = 0  # how well the best person named just after it, in its paragraph, fits
    quoted: list[tuple[int, int]] = []  # people named before only in earlier paragraphs' quotes
    opening, block = _block_bounds(doc, span.start_char)
    for i, cluster in enumerate(clusters):
        score = fits(cluster, profile)
        last = _last_mention_before(cluster, span.start_char, skip)
        if score and last >= 0:
            scored.append((score, last, i))
        elif score and any(s < opening for s, _ in cluster.mentions):
            quoted.append((score, i))
        elif score and any(span.end_char <= s < block for s, _ in cluster.mentions):
            ahead = max(ahead, score)
    best = max((score for score, _, _ in scored), default=0)
    heard = [i for score, i in quoted if score == max(s for s, _ in quoted)] if quoted else []
    if heard and max(s for s, _ in quoted) > max(best, ahead):
        # 'Doe said: "Putin wants war." … The Russian leader …': named only in a quote, but
        # the one the descriptor fits best
        return heard[0] if len(heard) == 1 else AMBIGUOUS
    if not scored:
        return AMBIGUOUS if ahead else None
    if ahead > best:
        return AMBIGUOUS  # "The Russian leader said …. Russian President Vladimir Putin …"
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
    for span, profile in [*_descriptor_spans(doc, taken), *_age_spans(doc, taken)]:
        target = _appositive_head(span, clusters)
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

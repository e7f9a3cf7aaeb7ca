"""The tense of the clause around a time expression, which decides which "Friday" is meant."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from dateline.stages.times.words import FUTURE, PAST, PRESENT

_FUTURE_AUX = {"will", "'ll", "wo", "shall", "going"}
# "could return Tuesday", "plans to leave on Thursday", "is expected to close Monday": ahead of the DCT.
_MODALS = {"would", "could", "might", "may", "should", "can", "must", "'d"}
_INTENT = set(
    [
        "plan",
        "schedule",
        "set",
        "expect",
        "intend",
        "hope",
        "aim",
        "prepare",
        "vow",
        "promise",
        "threaten",
        "want",
        "seek",
        "propose",
        "due",
        "likely",
        "ready",
        "able",
        "poise",
        "forecast",
        "slate",
        "project",
        "predict",
    ]
)
_SCHEDULE = {"plan", "schedule"}
_FUTURE_CUE = re.compile(
    r"(?:\buntil|\bthrough|\beffective|\bas\s+(?:soon|early)\s+as)\s+$", re.IGNORECASE
)
_PAST_CUE = re.compile(r"\bsince\s+$", re.IGNORECASE)


def tense(doc: Doc, text: str, start: int, end: int, range_end: bool = False) -> str | None:
    """PAST or FUTURE from the verb governing the span (None for present or unknown); the end of a
    range ("the 12 months through June") is not ahead for its "through"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or text.startswith("'s", end):  # "Wednesday's ruling"
        return PAST if span is not None else None
    token = span.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in _FUTURE_AUX for c in aux) or token.lower_ in _FUTURE_AUX:
        return FUTURE
    perfect = any(c.lemma_ == "have" and c.tag_ == "VBD" for c in aux)  # "until Monday, it had ..."
    if _FUTURE_CUE.search(text[max(0, start - 16) : start]) and not perfect and not range_end:
        return FUTURE
    if _PAST_CUE.search(text[max(0, start - 8) : start]):
        return PAST  # "since Friday", "since year-end": before the DCT
    if token.tag_ in ("VB", "VBG") and any(c.lower_ in _MODALS for c in aux):
        return FUTURE
    if token.lemma_ in _SCHEDULE and not perfect and any(c.dep_ == "dobj" for c in token.children):
        return (
            FUTURE  # "has scheduled a news conference Thursday": the time dates the event planned
        )
    if (
        token.tag_ == "VBN"
        and token.lemma_ in _INTENT
        and any(c.tag_ in ("VBZ", "VBP") for c in aux)
    ):
        return FUTURE  # "the vote is set for Nov. 5", "talks are scheduled for Monday"
    if token.tag_ == "VB" and any(c.tag_ == "TO" for c in aux):  # an infinitive: ask its governor
        head = token.head
        verb = head.head if head.pos_ == "ADJ" else head  # "had been due to expire": ask "been"
        if any(c.lemma_ == "have" and c.tag_ == "VBD" for c in verb.children):
            return PAST  # the plan was in the past: "had been scheduled to expire Friday"
        if head.lemma_ in _INTENT or head.tag_ in ("VBZ", "VBP", "MD") or head.pos_ == "ADJ":
            return FUTURE
    if token.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lemma_ == "have" for c in aux):
        return PAST
    if token.tag_ == "VBN" and token.dep_ == "acl" and not aux and token.lemma_ not in _INTENT:
        return PAST  # "the plan, announced in March" (not "talks set for Tuesday": either way)
    if (
        token.tag_ == "VBP"
        and not aux
        and any(
            c.dep_ == "nsubj"
            and c.tag_ in ("NN", "NNP")
            and not any(x.dep_ == "conj" for x in c.children)
            for c in token.children
        )
    ):
        return PAST  # "Weakness hurt the index on Friday": a singular subject, so "hurt" is past
    return PRESENT if token.tag_ in ("VBZ", "VBP") and not aux else None

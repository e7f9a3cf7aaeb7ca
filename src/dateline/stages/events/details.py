"""Event details: the evidence span, place, date, quoted speaker, casualty counts and mode cues.

Places, times, quotes and blocks come from the earlier stages; an event picks the ones its
clause governs, else the first in its sentence (in a caption, its block).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dateline.records import Actor, Quote
from dateline.stages.common import covering, within
from dateline.stages.events.actors import code_name, span_of
from dateline.stages.events.lexicon import Lexicon

PLACE_PREPS = {"in", "at", "near", "outside", "across", "inside", "around", "over", "throughout"}
MAX_COUNT = 1_000_000
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "a dozen": 12,
    "dozen": 12,
}


def clause_tokens(pred: Token, stop: set[int]) -> list[Token]:
    """Tokens of the predicate's clause, not descending into other events' predicates."""
    out = []
    stack = [pred]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if c.i not in stop)
    return sorted(out, key=lambda t: t.i)


def evidence(pred: Token, clause: list[Token], *parts: Token | None) -> tuple[int, int]:
    """Character span of the clause plus the actor and recipient phrases."""
    tokens = [t for t in clause if not (t.is_punct or t.is_space)] or [pred]
    while len(tokens) > 1 and tokens[-1].dep_ == "cc":  # "charged with fraud and"
        tokens = tokens[:-1]
    lo = tokens[0].idx
    hi = tokens[-1].idx + len(tokens[-1].text)
    for part in parts:
        if part is not None:
            start, end = span_of(part)
            lo, hi = min(lo, start), max(hi, end)
    return lo, hi


def place_and_date(
    sent: Span, pred: Token, actor_tok: Token | None, hypothetical: bool
) -> tuple[int | None, str | None]:
    """The event's place (an index into `doc._.places`) and date, looked for in its sentence
    (a caption: its block); the actor's own words never give the place."""
    doc = sent.doc
    caption = block_kind(doc, pred.idx) == "caption"
    bounds = _block_bounds(doc, pred.idx) if caption else None
    scope = bounds or (sent.start_char, sent.end_char)
    actor_span = span_of(actor_tok) if actor_tok is not None else None
    place = _pick_place(doc, pred, *scope, actor_span)
    past = pred.tag_ in ("VBD", "VBN") or any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in pred.children
    )
    return place, _pick_date(doc, pred, *scope, past and not hypothetical, caption)


def block_kind(doc: Doc, char: int) -> str:
    """The kind of block covering a character offset: "header" before the first block (the
    title and date lines), "body" when blocks are unknown."""
    blocks = doc._.blocks or ()
    if (found := covering(doc, "blocks", char)) is not None:
        return blocks[found].kind
    if blocks and char < blocks[0].start:
        return "header"
    return "body"


DASHES = {"—", "–", "--", "-"}


def before_dateline(doc: Doc, char: int) -> bool:
    """Whether a character lies before the lede's dateline ("RIVERTON — A man …") in one of
    the first sentences: the text before it is the story's headline."""
    for number, sent in enumerate(doc.sents):
        if number > 2:
            return False
        words = [t for t in sent[:6] if not t.is_space]
        for i, token in enumerate(words[1:], 1):
            if token.text in DASHES:
                place = words[:i]
                if i > 1 or place[0].is_upper and len(place[0]) > 1:
                    named = all(t.is_upper or t.is_punct for t in place) and place[0].is_upper
                    if named and number > 0:
                        return char < sent.start_char
                break
    return False


def _block_bounds(doc: Doc, char: int) -> tuple[int, int] | None:
    """Offsets of the block covering `char`."""
    found = covering(doc, "blocks", char)
    return None if found is None else (doc._.blocks[found].start, doc._.blocks[found].end)


def _pick_place(
    doc: Doc, pred: Token, lo: int, hi: int, actor_span: tuple[int, int] | None
) -> int | None:
    """Index of the place governed by the predicate, else the first in the clause."""
    candidates = [(i, doc._.places[i]) for i in within(doc, "places", lo, hi)]
    if actor_span is not None:
        candidates = [(i, p) for i, p in candidates if not actor_span[0] <= p.start < actor_span[1]]
    if not candidates:
        return None
    for i, place in candidates:
        token = doc.char_span(place.start, place.end, alignment_mode="expand")
        if token is None:
            continue
        node = token.root
        if node.head.lower_ in PLACE_PREPS and pred in node.head.ancestors or node.head == pred:
            return i
    return candidates[0][0]


def _pick_date(doc: Doc, pred: Token, lo: int, hi: int, past: bool, caption: bool) -> str | None:
    """TIMEX3 value of the time governing the predicate; else the article date when past."""
    times = [doc._.times[i] for i in within(doc, "times", lo, hi)]
    dated = [t for t in times if t.type in ("DATE", "TIME")]
    for time in dated:
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None and (pred in span.root.ancestors or span.root == pred):
            return time.value
    if dated:
        return dated[0].value
    if past and not caption and doc._.dct is not None:
        return doc._.dct.isoformat()
    return None


def quote_at(doc: Doc, char: int) -> Quote | None:
    """The quote (from the quotes stage) containing a character offset, if any."""
    found = covering(doc, "quotes", char)
    return None if found is None else doc._.quotes[found]


def speaker_actor(quote: Quote) -> Actor | None:
    """The quote's speaker coded as an actor."""
    speaker = quote.speaker
    if speaker is None or (speaker.name is None and speaker.entity is None):
        return None
    country, sector = code_name(speaker.name or "")
    return Actor(entity=speaker.entity, name=speaker.name, country=country, sector=sector)


def cue_mode(type_: str, mode: str | None, tokens: list[Token], lex: Lexicon) -> str | None:
    """Refine the mode from weapon and method words in the clause."""
    cues = lex.cues.get(type_)
    if not cues:
        return mode
    for token in tokens:
        for key in (token.lemma_.lower(), token.lower_):
            if key in cues:
                found = cues[key]
                if mode is None or (type_ == "ASSAULT" and found == "suicide-attack"):
                    return found
    return mode


def _number(token: Token) -> int | None:
    """An integer from a number token ("12", "1,200", "three")."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        value = int(text)
        return value if value < MAX_COUNT else None
    return NUMBER_WORDS.get(text)


def _count_of(token: Token) -> int | None:
    """The number attached to a casualty word or the people it counts."""
    if token.like_num:
        return _number(token)
    for child in token.children:
        if child.dep_ == "nummod" or (child.like_num and child.dep_ in ("amod", "compound")):
            return _number(child)
    people = ("dobj", "nsubjpass") if token.pos_ == "VERB" else ("nsubj", "nsubjpass", "attr")
    for child in token.children:
        if child.dep_ in people:
            found = _count_of(child) if child.i != token.i else None
            if found is not None:
                return found
    if token.head.like_num:
        return _number(token.head)
    if token.i > 0 and token.doc[token.i - 1].like_num:
        return _number(token.doc[token.i - 1])
    return None


def casualties(tokens: list[Token], lex: Lexicon) -> dict[str, int]:
    """Killed/injured/arrested counts stated in a clause."""
    counts: dict[str, int] = {}
    for token in tokens:
        key = lex.casualty.get(token.lemma_.lower()) or lex.casualty.get(token.lower_)
        if key is None or key in counts:
            continue
        value = _count_of(token)
        if value is not None:
            counts[key] = value
    return counts

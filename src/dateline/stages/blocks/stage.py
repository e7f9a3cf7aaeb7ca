"""Split an article into blocks (body, heading, caption, credit, byline, dateline, footer)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy
from spacy.attrs import IDX, LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from dateline.read import header_end
from dateline.records import Block
from dateline.resources import PERSON_WORDS, tagged
from dateline.stages.common import tokens_in

# Wire datelines: "KYIV, Ukraine (AP) —", "MOSCOW (Reuters) -", "WASHINGTON —".
DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3})"
    r"(?:, (?:[A-Z][A-Za-z.]+)(?: [A-Z][A-Za-z.]+){0,2})?"
    r"(?: \([A-Za-z&.\- ]{2,30}\))?"
    r" ?[\u2014\u2013-]{1,2} ?(?=\S)"
)
# A photo credit standing alone or closing a caption.
CREDIT = re.compile(
    r"""(?:
        \((?:AP|Reuters|AFP)\ Photo[^)]{0,60}\)
      | (?:Photo|Photograph|Picture|Image|Credit)s?\ ?(?:credit)?\ ?[:/]\ ?[^\n]{2,60}
      | (?:Image\ source,\ )[^\n]{2,60}
      | [A-Z][A-Za-z.'\u2019-]+(?:\ [A-Z][A-Za-z.'\u2019-]+){0,3}\ ?/\ ?
        (?:AFP|AP|Reuters|Getty\ Images|EPA|Bloomberg|Sputnik|Pool|TASS|Anadolu|Xinhua|EPA-EFE)
        (?:\ via\ Getty\ Images)?
      | (?:AFP|AP|Reuters|EPA|Getty)\ (?:via\ )?Getty\ Images
      | (?:REUTERS|Reuters|AFP|AP|EPA|EPA-EFE|ANADOLU|SPUTNIK|TASS)/[A-Z][\w.'\u2019-]+(?:\ [A-Z][\w.'\u2019-]+){0,3}(?:/(?:File|Pool|Handout)\ Photo)?
      | Getty\ Images
    )\.?\s*$""",
    re.VERBOSE,
)
# A credit is a few short names; searching only the line's end keeps CREDIT linear in the line.
CREDIT_SPAN = 300
BYLINE_SPAN = 300  # a byline longer than this is a sentence that starts with "By"
CAPTION_OPENERS = re.compile(
    r"^(?:FILE\s*[-\u2014\u2013]|In this (?:photo|image|handout)|This (?:photo|handout|image)|"
    r"Photo:|Pictured:|Caption:)",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^By [A-Z][\w.'\u2019-]+(?: (?:[A-Z][\w.'\u2019-]+|and|de|van|von|,))*[^.]*$")
FOOTER = re.compile(
    r"^(?:This (?:story|article) (?:originated|was (?:originally )?published|first appeared)|"
    r"Some information for this (?:report|story|article)|(?:Additional )?[Rr]eporting by|"
    r"Editing by|Writing by|Compiled by|Read (?:the rest|more)|Follow [A-Z].{0,60} on (?:Twitter|X)|"
    r"Copyright|\u00a9|All rights reserved|Sign up for|Contact us at|Click here|"
    r".{0,80}\b(?:contributed to this (?:report|story)))",
)
# Abbreviations after which a sentence never ends, and those ("U.S.") after which it does not
# end when a title or a lowercase word follows: "U.S. President Joe Biden", "U.S. officials".
NO_BREAK_AFTER = {row["word"].lower() for row in tagged(PERSON_WORDS, "no_break")}
NO_BREAK_BEFORE_TITLE = {"u.s.", "u.k.", "u.n.", "e.u.", "d.c."}
TITLE_WORDS = {
    "president",
    "president-elect",
    "secretary",
    "senator",
    "ambassador",
    "envoy",
    "officials",
    "forces",
    "troops",
    "military",
    "army",
    "navy",
    "government",
    "department",
    "embassy",
    "general",
    "attorney",
    "state",
    "house",
    "senate",
    "congress",
    "intelligence",
    "special",
    "vice",
    "prime",
    "defense",
    "treasury",
    "commander",
    "military's",
    "sanctions",
    "lawmakers",
    "district",
}
SENTENCE_END = re.compile(r"[.!?\"\u201d\u2019;,:)]\s*$")


def paragraphs(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-blank line after `start`, trimmed of whitespace."""
    for match in re.finditer(r"[^\n]+", text[start:]):
        line = match.group()
        stripped = line.strip()
        if stripped:
            left = match.start() + start + (len(line) - len(line.lstrip()))
            yield left, left + len(stripped)


def is_heading(line: str, first: bool) -> bool:
    """A short standalone line with no sentence-final punctuation, or a title-case headline."""
    words = line.split()
    if not words or len(line) > 160 or not line[0].isupper() or line.endswith((",", ";")):
        return False
    if first and len(words) <= 25:
        capitalised = sum(w[0].isupper() for w in words if w[0].isalpha() and len(w) > 3)
        if capitalised >= 0.8 * sum(1 for w in words if w[0].isalpha() and len(w) > 3):
            return True
    return len(words) <= 10 and len(line) <= 80 and not SENTENCE_END.search(line)


def find_credit(line: str) -> re.Match[str] | None:
    """A credit closing the line, searched in its last CREDIT_SPAN characters (linear time)."""
    if len(line) <= CREDIT_SPAN:
        return CREDIT.search(line)
    return CREDIT.search(line, len(line) - CREDIT_SPAN)


def classify(text: str, start: int, end: int, first: bool) -> list[Block]:
    """Return the blocks of one paragraph (a caption or body may end in a credit)."""
    line = text[start:end]
    if FOOTER.match(line):
        return [Block("footer", start, end)]
    if len(line) <= BYLINE_SPAN and BYLINE.match(line) and len(line.split()) <= 14:
        return [Block("byline", start, end)]
    credit = find_credit(line)
    if credit and credit.start() == 0:
        return [Block("credit", start, end)]
    if credit and not line.endswith('"'):
        cut = start + credit.start()
        head = text[start:cut].rstrip(" \u2014\u2013-|,")
        return [Block("caption", start, start + len(head)), Block("credit", cut, end)]
    if CAPTION_OPENERS.match(line):
        return [Block("caption", start, end)]
    if is_heading(line, first):
        return [Block("heading", start, end)]
    wire = DATELINE.match(line)
    if wire and (first or wire.group().split(",")[0].split(" (")[0].isupper()):
        cut = start + len(wire.group().rstrip())
        place = wire.group().split(",")[0].split(" (")[0].strip(" -\u2014\u2013")
        # "QUESTIONABLE MEDICAL CLAIMS —" is a run-in subheading; a bare place has one or two words.
        marked = "(" in wire.group() or "," in wire.group()
        kind = "dateline" if marked or len(place.split()) <= 2 else "heading"
        return [Block(kind, start, cut), Block("body", start + wire.end(), end)]
    return [Block("body", start, end)]


def find_blocks(text: str, body_start: int | None = None) -> list[Block]:
    """Split `text` after its header lines into blocks; nothing is deleted or reordered."""
    start = header_end(text) if body_start is None else body_start
    blocks: list[Block] = []
    seen_body = False
    for para_start, para_end in paragraphs(text, start):
        found = classify(text, para_start, para_end, first=not seen_body)
        seen_body = seen_body or any(b.kind == "body" for b in found)
        blocks.extend(found)
    return blocks


def set_sentence_starts(doc: Doc, blocks: list[Block]) -> None:
    """Start a sentence at each block, and never right after a title abbreviation ("Gen.", "U.S.").

    The starts are written in one `from_array`: setting `token.is_sent_start` one by one costs
    a scan of the whole Doc each time (quadratic in a long article).
    """
    offsets = doc.to_array(IDX)
    sent = doc.to_array(SENT_START).astype(numpy.int64)
    starts = []
    for block in blocks:
        i = int(numpy.searchsorted(offsets, block.start))
        if 0 < i < len(doc) and offsets[i] == block.start:
            sent[i] = 1
            starts.append(i)
    for token in tokens_in(doc, NO_BREAK_AFTER | NO_BREAK_BEFORE_TITLE):
        nxt = token.nbor() if token.i + 1 < len(doc) else None
        if nxt is None or sent[nxt.i] == 1 or "\n" in token.whitespace_ or nxt.is_space:
            continue
        if token.lower_ in NO_BREAK_AFTER or nxt.is_lower or nxt.lower_ in TITLE_WORDS:
            sent[nxt.i] = -1
    cap_sentences(doc, starts, sent)
    if len(doc):
        doc.from_array([SENT_START], sent.reshape(-1, 1).astype(numpy.uint64))


# The longest stretch of tokens without a full stop that is parsed as one sentence; a longer one
# (a list of thousands of clauses, a run of text without stops) is cut at a comma, a semicolon
# or a conjunction near each multiple of it, so that the per-sentence work later stays bounded.
MAX_SENTENCE = 250
CUT_AFTER = {",", ";", ":", "\u2014", "\u2013", "-"}
CUT_BEFORE = {"and", "but", "while", "or", "as", "after", "before", "when"}


def cap_sentences(
    doc: Doc, starts: list[int], sent: numpy.ndarray, limit: int = MAX_SENTENCE
) -> None:
    """Mark in `sent` a start inside every stretch of over `limit` tokens with no stop or block."""
    if len(doc) <= limit:
        return
    stops = numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), stop_ids(doc))) + 1
    breaks = numpy.unique(numpy.concatenate(([0, len(doc)], stops, starts)))
    for begin, end in zip(breaks[:-1], breaks[1:], strict=True):
        begin, end = int(begin), int(end)
        while end - begin > limit:
            cut = begin + limit
            for i in range(cut, begin + limit // 2, -1):
                if doc[i - 1].text in CUT_AFTER or doc[i].lower_ in CUT_BEFORE:
                    cut = i
                    break
            sent[cut] = 1
            begin = cut


def stop_ids(doc: Doc) -> numpy.ndarray:
    """Lexeme ids of the sentence-final marks."""
    strings = doc.vocab.strings
    return numpy.array(
        [strings.add(m) for m in (".", "!", "?", "...", "\u2026")], dtype=numpy.uint64
    )


@Language.component("dateline_blocks", assigns=["doc._.blocks", "token.is_sent_start"])
def blocks_component(doc: Doc) -> Doc:
    """Find blocks and set sentence starts so that the parser never joins two blocks."""
    doc._.text = doc.text
    blocks = find_blocks(doc._.text)
    doc._.blocks = blocks
    set_sentence_starts(doc, blocks)
    return doc

"""The quotes stage: direct, mixed and indirect quotations with their speakers."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from dateline.records import Quote, Speaker
from dateline.stages import run_stage
from dateline.stages.attribution import (
    EntityIndex,
    content_span,
    cue_of,
    is_speech,
    outer_speaker,
    speaker_for,
    speaker_token,
    via_near,
)

DOUBLE = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'
SINGLE = "'\u2018\u2019\u201a\u201b"
OPENERS = "\u201c\u201e\u201f\u00ab\u2018\u201a\u201b"
CLOSERS = "\u201d\u00bb\u2019"
OPEN_CONTEXT = "([{\u2014\u2013-/"
SKIP_BLOCKS = frozenset({"credit", "byline", "dateline", "footer"})
# Words before a quoted fragment that make it a name, title or sign rather than someone's words.
NOT_SPEECH_BEFORE = re.compile(
    r"(?:so-called|dubbed|nicknamed|titled|entitled|named|headlined|hashtag|"
    r"(?:sign|placard|banner|poster|shirt|T-shirt|hat|cap|sticker|billboard|slogan)s?"
    r"(?: that)? (?:reading|read|reads|saying|said|says|bearing|with the words))\W*$",
    re.IGNORECASE,
)
MARK = re.compile(f"[{DOUBLE}{SINGLE}]")
# A transcript turn: "PENCE: Well, look …" (the speaker in capitals before a colon).
TRANSCRIPT = re.compile(r"[\"\u201c]?\s*([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3}):\s")
# Words a title leaves in lower case: "Contract with America", "The Art of the Deal".
TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from"}
)
# A possessive right before a quoted name: "CNN's “New Day”".
POSSESSIVE = re.compile(r"\w['\u2019]s$")
# Nouns of saying whose possessor is the speaker of a fragment quoted in them.
SPEECH_NOUNS = frozenset(
    {"claim", "assertion", "statement", "remark", "comment", "warning", "promise", "pledge",
     "description", "prediction", "suggestion", "accusation", "charge", "argument", "insistence",
     "vow", "words", "call", "tweet", "post", "message", "letter", "speech", "testimony"}
)  # fmt: skip
# Reported content this much inside quotation marks is a quote already, not indirect speech.
QUOTED_SHARE = 0.8
MAX_DEPTH = 8  # quotation marks nest two or three deep in real text
CUE_WINDOW = 40  # tokens after a closing mark in which "he said" / "said X" is looked for
DASHES = "\u2015\u2014\u2013-"
# How a quote that its attribution follows ends: "…," / "…?" / "…!" / "…—".
QUOTE_END = ",?!\u2014\u2013-\u2026"


@dataclass(frozen=True)
class Marked:
    """A span between quotation marks: inner text offsets and the marks' own offsets."""

    start: int
    end: int
    open_at: int
    close_at: int | None
    para: int
    continued: bool = False
    close_width: int = 1

    @property
    def after(self) -> int:
        """Offset just past the closing mark, or the end of an unclosed quote."""
        return self.close_at + self.close_width if self.close_at is not None else self.end


def paragraphs(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each block, or of each line when the Doc has no blocks."""
    blocks = getattr(doc._, "blocks", None) if Doc.has_extension("blocks") else None
    if blocks:
        return [(b.start, b.end, b.kind) for b in blocks]
    return [(m.start(), m.end(), "body") for m in re.finditer(r"[^\n]+", doc.text)]


def is_mark(text: str, i: int) -> bool:
    """True when text[i] is a quotation mark rather than an apostrophe."""
    char = text[i]
    if char in DOUBLE:
        return True
    if char not in SINGLE:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return False  # don't, Trump's
    if char != "\u2018" and before in "sSzZ" and not after.isalnum():
        return False  # voters' views
    return not (after.isdigit() and not before.isalnum())  # '90s


def mark_width(text: str, i: int, end: int, single_open: bool) -> int:
    """2 for a doubled apostrophe standing for a double mark (''Yes,'' he said), else 1.

    Of three apostrophes the single mark comes first when a single quotation is open.
    """
    if text[i] != "'" or i + 1 >= end or text[i + 1] != "'":
        return 1
    if i + 2 < end and text[i + 2] == "'" and single_open:
        return 1
    return 2


def opens(text: str, i: int, start: int, open_double: bool, width: int = 1) -> bool:
    """Whether the mark at i opens a quotation (straight marks decided by their context)."""
    char = '"' if width == 2 else text[i]
    if char in OPENERS:
        return True
    if char in CLOSERS:
        return False
    before = text[i - 1] if i > start else " "
    after = text[i + width] if i + width < len(text) else " "
    left_open = before.isspace() or before in OPEN_CONTEXT or i == start
    right_open = after.isalnum() or after in SINGLE + DOUBLE + "$\u00a3\u20ac.("
    if left_open and not right_open:
        return not open_double
    if left_open:
        return True
    return right_open and not before.isalnum() and before not in ".,!?;:"


def scan_paragraph(text: str, start: int, end: int, para: int, carried: bool) -> list[Marked]:
    """Pair the quotation marks of one paragraph; an unbalanced mark never leaves it."""
    found: list[Marked] = []
    stack: list[tuple[int, bool, int]] = []  # (offset, double, width) of open marks
    skip_to = start
    for hit in MARK.finditer(text, start, end):
        i = hit.start()
        if i < skip_to:
            continue
        if text[i] == '"' and i > start and text[i - 1] == "=":
            # A markup attribute value (<tweet author="…">) is no quotation.
            value_end = text.find('"', i + 1, end)
            skip_to = value_end + 1 if value_end != -1 else end
            continue
        width = mark_width(text, i, end, bool(stack) and not stack[-1][1])
        skip_to = i + width
        if width == 1 and not is_mark(text, i):
            continue
        double = width == 2 or text[i] in DOUBLE
        straight = width == 2 or text[i] == '"'
        open_double = any(d for _, d, _ in stack)
        if opens(text, i, start, open_double, width) and not (
            straight and stack and stack[-1][1] and text[stack[-1][0]] in "\"'"
        ):
            stack.append((i, double, width))
            if len(stack) > MAX_DEPTH:  # runaway openers: keep the work per mark bounded
                del stack[0]
            continue
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][1] == double:
                at, _, opened = stack[k]
                found.append(Marked(at + opened, i, at, i, para, close_width=width))
                del stack[k:]
                break
        else:
            if double and carried and not found and i - start > 3:
                # The previous paragraph's quote closes here without a new opening mark.
                found.append(Marked(start, i, start, i, para, True, width))
    doubles = [(at, opened) for at, double, opened in stack if double]
    if doubles and end - doubles[0][0] > 3:
        found.append(Marked(doubles[0][0] + doubles[0][1], end, doubles[0][0], None, para))
    found.sort(key=lambda m: (m.start, -m.end))
    outer: list[Marked] = []
    for m in found:
        if not outer or m.start >= outer[-1].end:
            outer.append(m)
    return [m for m in outer if text[m.start : m.end].strip()]


def scan(doc: Doc, text: str | None = None) -> list[Marked]:
    """All quoted spans of the article, paragraph by paragraph, in linear time."""
    text = doc.text if text is None else text
    out: list[Marked] = []
    carried = False
    for para, (start, end, kind) in enumerate(paragraphs(doc)):
        if kind in SKIP_BLOCKS:
            carried = False
            continue
        found = scan_paragraph(text, start, end, para, carried)
        if carried and found and found[0].open_at == start and found[0].start - start in (1, 2):
            found[0] = replace(found[0], continued=True)
        out.extend(found)
        carried = bool(found) and found[-1].close_at is None
    return out


class Article:
    """Per-document lookups shared by the attribution steps."""

    def __init__(self, doc: Doc, text: str, marked: list[Marked]) -> None:
        self.doc = doc
        self.text = text
        self.starts = [t.idx for t in doc]
        self.marked = marked
        self.quoted = [
            (m.open_at, m.after if m.close_at is not None else m.end + 1) for m in marked
        ]
        self.quote_starts = [q[0] for q in self.quoted]
        self.entities = EntityIndex(doc, text)
        self.paras = paragraphs(doc)
        self.para_starts = [p[0] for p in self.paras]
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        self.sent_starts = [s.start for s in sents]
        self.sents = [(s.start, s.end, s.start_char, s.end_char) for s in sents]
        self.speech = [t.i for t in doc if is_speech(t) and not self.inside_quote(t.idx)]

    def token_at(self, char: int) -> int:
        """Index of the token containing (or starting after) character `char`."""
        i = bisect_right(self.starts, char) - 1
        return max(i, 0)

    def inside_quote(self, char: int) -> bool:
        """True when `char` lies inside any quoted span (marks included)."""
        i = bisect_right(self.quote_starts, char) - 1
        return i >= 0 and char < self.quoted[i][1]

    def sent(self, i: int) -> tuple[int, int, int, int]:
        """(start, end, start_char, end_char) of the sentence holding token i."""
        return self.sents[max(bisect_right(self.sent_starts, i) - 1, 0)]

    def para_of(self, char: int) -> int:
        """Index of the paragraph holding character `char`."""
        return max(bisect_right(self.para_starts, char) - 1, 0)

    def speech_tokens(self, lo: int, hi: int) -> Iterator[Token]:
        """Speech-cue tokens in token range [lo, hi) outside quotations."""
        for k in range(bisect_left(self.speech, lo), bisect_left(self.speech, hi)):
            yield self.doc[self.speech[k]]


@dataclass(frozen=True)
class Found:
    """An attribution: the cue token and the speaker token (either may be missing)."""

    cue: Token | None
    speaker: Token | None


def own_cue(art: Article, m: Marked) -> Found | None:
    """The cue beside a quote in its own sentence: after the closing mark, else before the opening."""
    doc = art.doc
    first = art.token_at(m.open_at)
    close = m.close_at if m.close_at is not None else m.end
    last = art.token_at(close)
    para_end = art.token_at(art.paras[m.para][1] - 1) + 1
    next_quote = bisect_left(art.quote_starts, close + 1)
    stop = para_end
    if next_quote < len(art.quoted):
        stop = min(stop, art.token_at(art.quoted[next_quote][0]))
    limit = min(stop, last + 1 + CUE_WINDOW)
    for i in range(last + 1, limit):
        if doc[i].text in (".", "!", "?") and i > last + 1:
            limit = i
            break
    if ends_sentence(art, m, last):
        limit = last + 1  # "“… poverty.” He says …": the next sentence is not this quote's cue
    after = [(t.i - last, t) for t in art.speech_tokens(last + 1, limit)]
    sent_start = art.sent(first)[0] if first < len(doc) else first
    prev_quote = bisect_right(art.quote_starts, m.open_at - 1) - 1
    lo = sent_start
    if prev_quote >= 0 and art.quoted[prev_quote][1] <= m.open_at:
        lo = max(lo, art.token_at(art.quoted[prev_quote][1]))
    lo = max(lo, art.token_at(art.paras[m.para][0]))
    before = [(first - t.i, t) for t in art.speech_tokens(lo, first)]
    candidates = sorted(after + before, key=lambda c: c[0])
    for _, cue in candidates:
        speaker = speaker_token(cue)
        if speaker is not None and datelike(speaker):
            speaker = None
        if speaker is not None and not art.inside_quote(speaker.idx):
            return Found(*outer_speaker(cue, speaker, art.inside_quote))
    if after:
        cue = min(after, key=lambda c: c[0])[1]
        return Found(cue, inverted_speaker(art, cue, limit, last + 1))
    return layout_cue(art, m, last, limit)


def ends_sentence(art: Article, m: Marked, last: int) -> bool:
    """A quote closed by a full stop, with a new sentence after it (not "“….” he said")."""
    inner = art.text[m.start : m.end].rstrip()
    if m.close_at is None or not inner.endswith(".") or inner.endswith("..."):
        return False
    if last + 1 >= len(art.doc):
        return True
    after = art.doc[last + 1]
    return after.is_sent_start or (after.text[:1].isupper() and after.pos_ != "PROPN")


def datelike(token: Token) -> bool:
    """A date or time rather than a party ("Tuesday"), but not "the 46-year-old"."""
    return token.ent_type_ in ("DATE", "TIME") and token.lower_ != "old"


def layout_cue(art: Article, m: Marked, last: int, limit: int) -> Found | None:
    """A verb outside the lexicon in the layout "“…,” Jane Doe fumed." or "“…?” reacted Doe":
    a finite verb with its subject right after a quote that ends on a comma, ? or !."""
    inner = art.text[m.start : m.end].rstrip()
    doc = art.doc
    if not inner or inner[-1] not in QUOTE_END or last + 1 >= min(limit, len(doc)):
        return None
    if inner[-1] in "?!" and not (doc[last + 1].pos_ == "PROPN" or doc[last + 1].is_lower):
        return None  # "“Why?” Nobody knows." starts a new sentence; "“Why?” he asked." goes on
    for token in doc[last + 1 : min(limit, last + 8)]:
        if token.is_punct or token.is_space:
            return None
        if token.pos_ != "VERB" or token.tag_ not in ("VBD", "VBZ", "VBP"):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.i > last and not datelike(subject):
            return Found(token, subject)
        if subject is None and token.i == last + 1:
            return Found(token, inverted_speaker(art, token, limit, last + 1))
        return None
    return None


def inverted_speaker(art: Article, cue: Token, limit: int, lo: int) -> Token | None:
    """The noun after an inverted cue ("…," said the senator), else the first one before it."""
    for token in art.doc[cue.i + 1 : limit]:
        if token.pos_ in ("PROPN", "NOUN", "PRON") and not datelike(token):
            while token.dep_ in ("compound", "amod", "det") and token.head.i > token.i:
                token = token.head
            return token
        if token.pos_ not in ("DET", "ADJ", "ADV") or token.is_punct:
            break
    i = cue.i - 1
    if i > 0 and art.doc[i].text == ")":  # Rep. Jane Doe (D-Ohio) said
        while i > 0 and art.doc[i].text != "(":
            i -= 1
        i -= 1
    if i >= 0:
        token = art.doc[i]
        if token.pos_ in ("PROPN", "NOUN", "PRON") and not art.inside_quote(token.idx):
            return token
    for token in art.doc[lo : cue.i]:  # "…," Jane Doe, the head of X, tweeted.
        if token.pos_ in ("PROPN", "NOUN", "PRON"):
            while token.dep_ in ("compound", "flat") and lo <= token.head.i < cue.i:
                token = token.head
            return token
    return None


def dash_speaker(art: Article, m: Marked) -> Found | None:
    """A name after a dash that closes a quote: "…" ― Jane Doe."""
    if m.close_at is None:
        return None
    j = m.after
    while j < len(art.text) and art.text[j] in " \t\u00a0\u2009\u202f":
        j += 1
    if j >= len(art.text) or art.text[j] not in DASHES:
        return None
    i = art.token_at(j)
    for token in art.doc[i : i + 4]:
        if token.pos_ == "PROPN" or (token.is_title and token.is_alpha):
            while token.dep_ in ("compound", "flat") and token.head.i > token.i:
                token = token.head
            return Found(None, token)
    return None


def colon_before(art: Article, m: Marked) -> int | None:
    """Index of the colon token right before a quote's opening mark, if there is one."""
    j = m.open_at - 1
    while j >= 0 and art.text[j].isspace():
        j -= 1
    return art.token_at(j) if j >= 0 and art.text[j] == ":" else None


def signed_colon(art: Article, m: Marked) -> Found | None:
    """A name set off by a dash before the colon that opens a quote: "Pollsters agree - Jane Doe: “…”"."""
    colon = colon_before(art, m)
    if colon is None or colon == 0 or art.doc[colon - 1].pos_ != "PROPN":
        return None
    sent_start = art.sent(colon)[0]
    k = colon - 1
    while k > sent_start and art.doc[k - 1].pos_ == "PROPN":
        k -= 1
    if k > sent_start and art.doc[k - 1].text in DASHES:
        return Found(None, art.doc[colon - 1])
    return None


def colon_cue(art: Article, m: Marked) -> Found | None:
    """A cue in the sentence before a quote that follows a colon ("…, saying:" / "He wrote:")."""
    j = m.open_at - 1
    while j >= 0 and art.text[j].isspace():
        j -= 1
    if j < 0 or art.text[j] != ":":
        return None
    colon = art.token_at(j)
    sent_start = art.sent(colon)[0]
    named = art.doc[colon - 1] if colon > sent_start else None
    if (
        named is not None
        and named.pos_ == "PROPN"
        and not any(is_speech(t) for t in art.doc[max(sent_start, colon - 4) : colon])
    ):
        return Found(None, named)  # "… - Jane Doe: “…”"
    for cue in reversed(list(art.speech_tokens(sent_start, colon))):
        speaker = speaker_token(cue)
        if speaker is not None:
            return Found(*outer_speaker(cue, speaker, art.inside_quote))
    if named is not None and named.pos_ == "PROPN":
        return Found(None, named)  # "Said Jane Doe: “…”"
    if colon <= sent_start:
        return None
    root = art.doc[sent_start:colon].root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i < colon:
            return Found(None, child)
    return None


def mixed_cue(art: Article, m: Marked) -> Found | None:
    """The speech verb governing a quoted fragment, found by climbing the parse."""
    doc = art.doc
    lo, hi = art.token_at(m.start), art.token_at(max(m.end - 1, m.start)) + 1
    seen = 0
    for token in doc[lo:hi]:
        if lo <= token.head.i < hi and token.head.i != token.i:
            continue
        node = token
        while node.head.i != node.i and seen < 40:
            seen += 1
            node = node.head
            if node.pos_ == "NOUN" and node.lemma_.lower() in SPEECH_NOUNS:
                owner = next((c for c in node.children if c.dep_ == "poss"), None)
                if owner is not None and not art.inside_quote(owner.idx):
                    return Found(node, owner)  # "Trump's claim that there were “thousands”"
            if is_speech(node) and not art.inside_quote(node.idx):
                speaker = speaker_token(node)
                if speaker is not None and art.inside_quote(speaker.idx):
                    # '"Meh," wrote a supporter': the parse made the quote the subject.
                    speaker = inverted_speaker(art, node, node.sent.end, node.i)
                return Found(*outer_speaker(node, speaker, art.inside_quote))
    sent_start, sent_end, _, _ = art.sent(lo)
    for cue in art.speech_tokens(sent_start, sent_end):
        speaker = speaker_token(cue)
        if speaker is not None:
            return Found(*outer_speaker(cue, speaker, art.inside_quote))
    return None


def looks_direct(art: Article, m: Marked) -> bool:
    """A quote that stands as a sentence or clause of its own, rather than a fragment."""
    inner = art.text[m.start : m.end].strip()
    if m.continued:
        return True
    j = m.open_at - 1
    while j >= 0 and art.text[j] in " \t":
        j -= 1
    before = art.text[j] if j >= 0 else "\n"
    opens_sentence = before in "\n:.!?" or j < art.paras[m.para][0]
    if before == "," and inner[:1].isupper():
        opens_sentence = True
    ends_sentence = inner[-1:] in ".,!?" or m.close_at is None
    if opens_sentence and inner[-1:] in "!?" and inner[:1].isupper():
        return True  # "You winning?" she said.
    return len(inner.split()) >= 3 and (opens_sentence or (ends_sentence and inner[:1].isupper()))


def not_speech(art: Article, m: Marked) -> bool:
    """Scare quotes, titles and signs: "so-called …", "titled …", "a sign reading …", Title Case."""
    left = art.text[max(0, m.open_at - 60) : m.open_at]
    if NOT_SPEECH_BEFORE.search(left):
        return True
    inner = art.text[m.start : m.end].strip()
    if inner.startswith("(") and inner.rstrip(".").endswith(")"):
        return True  # (CROSSTALK), (APPLAUSE)
    words = [w for w in inner.split() if len(w) > 3 and w[0].isalpha()]
    title_case = bool(words) and all(w[0].isupper() for w in words)
    if title_case and inner[-1:] == "." and inner.count(".") > 1:
        return False  # "The Donald. Big Daddy." – sentences, not a title
    return title_case and len(inner.split()) <= 6 and inner[-1:] not in "!?"


def recent_cue(art: Article, m: Marked, previous: Quote | None) -> Found | None:
    """The latest attribution before a quote with no cue of its own, in this or the previous
    paragraph, when it comes after the previous quote: "Carter said X would not happen. / “…”"."""
    para = m.para
    while para > 0 and art.paras[para - 1][2] not in ("body", "heading", "caption"):
        para -= 1
    lo_char = art.paras[max(para - 1, 0)][0]
    if previous is not None:
        lo_char = max(lo_char, previous.end)
    lo = art.token_at(lo_char)
    hi = art.token_at(m.open_at)
    for cue in reversed(list(art.speech_tokens(lo, hi))):
        if not introduces(cue):
            continue
        speaker = speaker_token(cue)
        if speaker is not None and not art.inside_quote(speaker.idx) and speaker.i >= lo:
            return Found(*outer_speaker(cue, speaker, art.inside_quote))
    return None


def introduces(cue: Token) -> bool:
    """Whether a cue can introduce the quotes after it: not negated ("did not say"), not passive
    ("he was asked"), not a noun's modifier ("a hearing he was called to")."""
    return not any(c.dep_ in ("neg", "nsubjpass", "auxpass") for c in cue.children)


def transcript_speaker(art: Article, m: Marked) -> Found | None:
    """The speaker of a transcript turn that holds the quote ("WALLACE: … “…” …")."""
    start = art.paras[m.para][0]
    turn = TRANSCRIPT.match(art.text, start, art.paras[m.para][1])
    if turn is None or turn.end() > m.end:
        return None
    return Found(None, art.doc[art.token_at(turn.start(1))])


def is_title(art: Article, m: Marked) -> bool:
    """A short Title Case name inside a sentence: a show, book, law or slogan ("on “Face the
    Nation,”", "NBC's “Today”", "the movie “The Revenant”")."""
    inner = art.text[m.start : m.end].strip().rstrip(".,")
    words = inner.split()
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    if not 1 <= len(words) <= 6 or not words[0][:1].isupper() or not content:
        return False
    if not all(w[0].isupper() for w in content if w[0].isalpha()):
        return False
    left = art.text[max(art.paras[m.para][0], m.open_at - 20) : m.open_at].rstrip()
    if not left or not left[-1].isalnum():
        return False
    if POSSESSIVE.search(left):
        return True  # "CNN's “New Day”", "television's “Scandal”"
    return len(content) >= 2 or (len(words) >= 2 and words[0] in ("The", "A", "An"))


def quote_record(art: Article, m: Marked, kind: str, found: Found | None) -> Quote:
    """Build the Quote for a marked span and its attribution."""
    cue = cue_of(found.cue) if found and found.cue is not None else None
    speaker = speaker_for(found.speaker, art.entities) if found else Speaker()
    return Quote(
        start=m.start, end=m.end, text=art.text[m.start : m.end], kind=kind,
        speaker=speaker, cue=cue, via=relay(art, found),
    )  # fmt: skip


def relay(art: Article, found: Found | None) -> str | None:
    """The relay phrase in the cue's sentence ("in a statement", "told AFP")."""
    if not found or found.cue is None:
        return None
    _, _, start, end = art.sent(found.cue.i)
    return via_near(art.text, start, end, art.quoted)


def direct_and_mixed(art: Article) -> list[Quote]:
    """Quotes between quotation marks, attributed; scare quotes, titles and signs are left out."""
    quotes: list[Quote] = []
    previous: Quote | None = None
    for m in art.marked:
        direct = looks_direct(art, m)
        if NOT_SPEECH_BEFORE.search(art.text[max(0, m.open_at - 60) : m.open_at]) or is_title(
            art, m
        ):
            continue
        found = (dash_speaker(art, m) or signed_colon(art, m)) if direct else None
        if found is None:
            found = own_cue(art, m) if direct else mixed_cue(art, m)
        if (found is None or found.speaker is None) and direct:
            found = colon_cue(art, m) or found
        if found is None or found.speaker is None:
            found = transcript_speaker(art, m) or found
        if found is None and not_speech(art, m):
            continue
        unattributed = found is None or found.speaker is None
        if unattributed and direct:
            recent = recent_cue(art, m, previous)
            if recent is not None:
                found = recent
                unattributed = False
        if unattributed and direct and previous and m.para - art.para_of(previous.start) <= 1:
            quote = replace(
                quote_record(art, m, "direct", None),
                speaker=previous.speaker, cue=previous.cue, via=previous.via,
            )  # fmt: skip
            quotes.append(quote)
            previous = quote
            continue
        if found is None and not direct:
            continue
        quote = quote_record(art, m, "direct" if direct else "mixed", found)
        quotes.append(quote)
        if quote.speaker.start is not None:
            previous = quote
    return quotes


def indirect(art: Article, direct: list[Quote]) -> list[Quote]:
    """Reported speech: a speech verb with its content clause, outside quotation marks."""
    doc = art.doc
    covered = [(q.start, q.end) for q in direct]
    out: list[Quote] = []
    for token in art.speech_tokens(0, len(doc)):
        span = content_span(token)
        if span is None:
            continue
        lo, hi = span
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
        quoted = sum(max(0, min(end, e) - max(start, s)) for s, e in covered)
        if quoted >= QUOTED_SHARE * (end - start):
            continue
        speaker = speaker_token(token)
        out.append(
            Quote(
                start=start, end=end, text=art.text[start:end], kind="indirect",
                speaker=speaker_for(speaker, art.entities), cue=cue_of(token),
                via=via_near(art.text, *art.sent(token.i)[2:], art.quoted),
            )
        )  # fmt: skip
    return out


def normalise(text: str) -> str:
    """Lower-case words only, for spotting repeated quotes."""
    return " ".join(re.findall(r"\w+", text.lower()))


def finish(art: Article, quotes: list[Quote]) -> list[Quote]:
    """Order quotes and set `repeat_of` and `in_caption`."""
    quotes.sort(key=lambda q: (q.start, q.end))
    captions = [(s, e) for s, e, kind in art.paras if kind == "caption"]
    seen: dict[str, int] = {}
    out: list[Quote] = []
    for index, quote in enumerate(quotes):
        key = normalise(quote.text)
        repeat = seen.get(key) if quote.kind != "indirect" and len(key.split()) >= 3 else None
        if repeat is None and quote.kind != "indirect" and len(key.split()) >= 3:
            seen[key] = index
        in_caption = any(s <= quote.start < e for s, e in captions)
        out.append(replace(quote, repeat_of=repeat, in_caption=in_caption))
    return out


def find_quotes(doc: Doc) -> list[Quote]:
    """Return every direct, mixed and indirect quote in `doc`, in text order."""
    text = doc.text
    art = Article(doc, text, scan(doc, text))
    quoted = direct_and_mixed(art)
    return finish(art, quoted + indirect(art, quoted))


@Language.component("dateline_quotes", requires=["doc._.entities"], assigns=["doc._.quotes"])
def quotes_component(doc: Doc) -> Doc:
    """Set `doc._.quotes`."""
    return run_stage(doc, "quotes", find_quotes)


__all__ = ["Marked", "find_quotes", "quotes_component", "scan"]

"""Attribution of quoted spans: the cue and speaker beside a quote, in its sentence or before it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dateline.records import Quote
from dateline.resources import PERSON_WORDS, SPEECH_NOUN_WORDS, SUBORDINATOR_WORDS, tagged
from dateline.stages.marks import Marked, paragraphs
from dateline.stages.quotes.attribution import (
    PERSON_NOUNS,
    EntityIndex,
    named_apposition,
    outer_speaker,
    speaker_token,
)
from dateline.stages.speech import is_speech, speech_indices

# A transcript turn: "PENCE: Well, look …" (the speaker in capitals before a colon).
TRANSCRIPT = re.compile(r"[\"\u201c]?\s*([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3}):\s")
# Nouns of saying whose possessor is the speaker of a fragment quoted in them.
SPEECH_NOUNS = frozenset(row["word"] for row in tagged(SPEECH_NOUN_WORDS, "said"))
# Entity labels of places and times, which never speak.
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})
# Words opening a subordinate clause; one right after a quote starts a clause of its own.
SUBORDINATORS = frozenset(row["word"] for row in tagged(SUBORDINATOR_WORDS, "after_quote"))
# Common nouns that can be the source of quoted words without a speech verb.
SOURCE_NOUNS = frozenset(
    [row["word"] for row in tagged(SPEECH_NOUN_WORDS, "source")]
    + [row["word"].lower() for row in tagged(PERSON_WORDS, "source")]
)
# Cues whose object is who was addressed and that never come before their subject: '"…,"
# told Reuters' names the listener ("said the senator", "asked Doe", "warned Doe" are inverted).
NEVER_INVERTED = frozenset({"tell", "inform", "assure", "reassure", "remind"})
# Common nouns for people and bodies that speak, when the parse gives a cue no subject.
PARTY_NOUNS = SOURCE_NOUNS | PERSON_NOUNS
# A name signing a paragraph at its end: "… ― Jane Doe." (readers' comments, social posts).
SIGNATURE = re.compile(
    r"(?:^|[\s\"\u201d'\u2019])[\u2015\u2014\u2013-]\s*"
    r"([A-Z][^\s\u2015\u2014\u2013]*(?:\s+\S+){0,4})\s*$"
)
CUE_WINDOW = 40  # tokens after a closing mark in which "he said" / "said X" is looked for
DASHES = "\u2015\u2014\u2013-"
# How a quote that its attribution follows ends: "…," / "…?" / "…!" / "…—".
QUOTE_END = ",?!\u2014\u2013-\u2026"
# Cue words the tagger reads as nouns after a quote: '"…," the editorial read.'
NOUN_TAGGED_CUES = frozenset({"read", "reads", "state", "states", "notes", "writes", "says"})


class ParsedArticle:
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
        self.speech = [i for i in speech_indices(doc) if not self.inside_quote(doc[i].idx)]
        self.signatures: dict[int, re.Match[str] | None] = {}

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

    def quoted_end(self, m: Marked) -> int:
        """Where a marked quotation ends, its closing mark included."""
        return m.after if m.close_at is not None else m.end + 1

    def speech_tokens(self, lo: int, hi: int) -> Iterator[Token]:
        """Speech-cue tokens in token range [lo, hi) outside quotations."""
        for k in range(bisect_left(self.speech, lo), bisect_left(self.speech, hi)):
            yield self.doc[self.speech[k]]


@dataclass(frozen=True)
class Found:
    """An attribution: the cue token and the speaker token (either may be missing)."""

    cue: Token | None
    speaker: Token | None


def _introduced_by(art: ParsedArticle, cue: Token, speaker: Token | None) -> Found:
    """The cue that introduces a quote with the speaker of the outermost report holding it:
    'Doe rebuffed the remarks, saying: "…"' is Doe's, cued by "saying"."""
    return Found(cue, outer_speaker(cue, speaker, art.inside_quote)[1])


def own_cue(art: ParsedArticle, m: Marked) -> Found | None:
    """The cue beside a quote in its own sentence: after the closing mark, else before the opening."""
    doc = art.doc
    first = art.token_at(m.open_at)
    close = m.close_at if m.close_at is not None else m.end
    last = art.token_at(close)
    para_end = art.token_at(art.paras[m.para][1] - 1) + 1
    next_quote = bisect_left(art.quote_starts, close + 1)
    while next_quote < len(art.quoted) and nickname(art, *art.quoted[next_quote]):
        next_quote += 1  # '“…!” her niece, Ana “Nita” Ruiz, shouted': the cue lies beyond
    stop = para_end
    if next_quote < len(art.quoted):
        stop = min(stop, art.token_at(art.quoted[next_quote][0]))
    limit = min(stop, last + 1 + CUE_WINDOW)
    for i in range(last + 1, limit):
        if doc[i].text in (".", "!", "?") and i > last + 1:
            limit = i
            break
    sub = doc[last + 1 : limit]
    sub = next((t for t in sub if t.is_alpha), None) if len(sub) else None
    clause = range(0)  # "“…,” when Doe attacked him": that clause's cue is not the quote's
    if sub is not None and sub.lower_ in SUBORDINATORS and sub.head.i > sub.i:
        clause = range(sub.i, sub.head.right_edge.i + 1)
    if ends_sentence(art, m, last):
        limit = last + 1  # "“… poverty.” He says …": the next sentence is not this quote's cue
    after = [(t.i - last, t) for t in art.speech_tokens(last + 1, limit) if t.i not in clause]
    sent_start = art.sent(first)[0] if first < len(doc) else first
    prev_quote = bisect_right(art.quote_starts, m.open_at - 1) - 1
    lo = sent_start
    if prev_quote >= 0 and art.quoted[prev_quote][1] <= m.open_at:
        lo = max(lo, art.token_at(art.quoted[prev_quote][1]))
    lo = max(lo, art.token_at(art.paras[m.para][0]))
    before = [(first - t.i, t) for t in art.speech_tokens(lo, first)]
    verb = _verb_before(art, first, lo)
    if verb is not None and all(t.i != verb.i for _, t in before):
        before.append((first - verb.i, verb))  # '… Doe shot back, “…”': a verb of any kind
    candidates = sorted(after + before, key=lambda c: c[0])
    for _, cue in candidates:
        speaker = speaker_token(cue)
        if speaker is not None and _datelike(speaker):
            speaker = None
        if speaker is not None and not art.inside_quote(speaker.idx):
            outer, outer_subject = outer_speaker(cue, speaker, art.inside_quote)
            if cue.i > last and outer.i > cue.i:
                return Found(cue, speaker)  # '“…?” she said, but … Doe said': the cue beside it
            return Found(cue, outer_subject)  # the verb beside the quote is its cue
    introducing = _introducing_cue(art, m, before)
    if introducing is not None and not after:
        party = _party_before(art, introducing)
        if party is not None:
            return Found(introducing, party)
    if after:
        cue = min(after, key=lambda c: c[0])[1]
        return Found(cue, _inverted_speaker(art, cue, limit, last + 1))
    return _layout_cue(art, m, last, limit)


def _verb_before(art: ParsedArticle, first: int, lo: int) -> Token | None:
    """A finite verb or participle right before a quote's opening mark, set off by a comma or a
    colon: "Doe shot back, “…”", "…, interjecting: “…”"."""
    doc = art.doc
    i = first - 1
    while i >= lo and (doc[i].is_space or doc[i].text in ("\u201c", '"')):
        i -= 1
    if i < lo or doc[i].text not in (",", ":"):
        return None
    i -= 1
    while i > lo and doc[i].dep_ in ("prt", "advmod") and doc[i].head.i < i:
        i -= 1  # "shot back", "fired back forcefully"
    verb = doc[i] if i >= lo else None
    if verb is None or verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP", "VBG"):
        return None
    if art.inside_quote(verb.idx):
        return None
    subject = speaker_token(verb)
    return verb if subject is not None and _is_party(art, subject) else None


def _introducing_cue(
    art: ParsedArticle, m: Marked, before: list[tuple[int, Token]]
) -> Token | None:
    """The cue right before a quote's opening mark, with only punctuation between ("…, writing
    “…”", "… said Wednesday, “…”")."""
    if not before:
        return None
    cue = min(before, key=lambda c: c[0])[1]
    gap = art.doc[cue.i + 1 : art.token_at(m.open_at)]
    if all(_aside(t, cue) for t in gap):
        return cue
    return None


def _aside(token: Token, cue: Token) -> bool:
    """Whether a token between a cue and a quote leaves the quote the cue's: punctuation, a
    time, or the cue's own object ("telling the crowd, “…”")."""
    if token.is_punct or token.is_space or token.ent_type_ in ("DATE", "TIME"):
        return True
    return token.head.i == cue.i or token.head.head.i == cue.i


def _party_before(art: ParsedArticle, cue: Token) -> Token | None:
    """Who speaks for a cue the parse left without a subject: for a participle ("Flea shared the
    news, writing “…”") the subject of the nearest clause before it; else the nearest party named
    before it in its sentence ("a White House official who spoke anonymously said, “…”")."""
    subject = subject_before(art, cue.i) if cue.tag_ == "VBG" else None
    if subject is not None:
        return subject
    for token in reversed(art.doc[art.sent(cue.i)[0] : cue.i]):
        if _is_party(art, token) and token.dep_ not in ("compound", "poss"):
            return token
    return None


def subject_before(art: ParsedArticle, i: int) -> Token | None:
    """The subject of the nearest clause before token i in its sentence that is a party:
    "Doe hardly settled it, treating the remark as a compliment -- “…” --"."""
    doc = art.doc
    for verb in reversed(doc[art.sent(i)[0] : i]):
        if verb.pos_ not in ("VERB", "AUX") or art.inside_quote(verb.idx):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.i < verb.i and _is_party(art, subject):
            return named_apposition(subject)
    return None


def _is_party(art: ParsedArticle, token: Token) -> bool:
    """A person, group or named source that can speak, outside quotation marks."""
    if art.inside_quote(token.idx) or _datelike(token):
        return False
    if token.pos_ == "PRON":
        return token.lower_ in ("he", "she", "they", "i", "we")
    if token.pos_ == "PROPN":
        return token.ent_type_ in ("PERSON", "ORG", "NORP")
    return token.pos_ == "NOUN" and token.lemma_.lower() in PARTY_NOUNS


def nickname(art: ParsedArticle, start: int, end: int) -> bool:
    """A quoted single word between the parts of a name: Ana “Nita” Ruiz."""
    inner = art.text[start + 1 : end - 1]
    before = art.text[max(0, start - 2) : start]
    after = art.text[end : end + 2]
    return (
        inner.isalpha()
        and inner[:1].isupper()
        and before[-1:] == " "
        and before[:1].isalpha()
        and after[:1] == " "
        and after[1:2].isupper()
    )


def ends_sentence(art: ParsedArticle, m: Marked, last: int) -> bool:
    """A quote closed by a full stop, with a new sentence after it (not "“….” he said")."""
    inner = art.text[m.start : m.end].rstrip()
    if m.close_at is None or not inner.endswith(".") or inner.endswith("..."):
        return False
    if last + 1 >= len(art.doc):
        return True
    after = art.doc[last + 1]
    return after.is_sent_start or (after.text[:1].isupper() and after.pos_ != "PROPN")


def _datelike(token: Token) -> bool:
    """A date or time rather than a party ("Tuesday"), but not "the 46-year-old"."""
    return token.ent_type_ in ("DATE", "TIME") and token.lower_ != "old"


def _layout_cue(art: ParsedArticle, m: Marked, last: int, limit: int) -> Found | None:
    """A verb outside the lexicon in the layout "“…,” Jane Doe fumed." or "“…?” reacted Doe":
    a finite verb with its subject right after a quote that ends on a comma, ? or !."""
    inner = art.text[m.start : m.end].rstrip()
    doc = art.doc
    if not inner or inner[-1] not in QUOTE_END or last + 1 >= min(limit, len(doc)):
        return None
    if inner[-1] in "?!" and not (doc[last + 1].pos_ == "PROPN" or doc[last + 1].is_lower):
        return None  # "“Why?” Nobody knows." starts a new sentence; "“Why?” he asked." goes on
    tagged = _noun_tagged_cue(doc, last + 1, min(limit, last + 8))
    if tagged is not None:
        return tagged
    for token in doc[last + 1 : min(limit, last + 8)]:
        if token.is_punct or token.is_space:
            return None
        if token.pos_ != "VERB" or token.tag_ not in ("VBD", "VBZ", "VBP"):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.i > last and not _datelike(subject):
            return Found(token, subject)
        if subject is None and token.i == last + 1:
            return Found(token, _inverted_speaker(art, token, limit, last + 1))
        return None
    return None


def _noun_tagged_cue(doc: Doc, lo: int, hi: int) -> Found | None:
    """'“…,” the editorial read.' / '“…,” the Saudis state in a paper': a cue word the tagger
    took for a noun, right after the short noun phrase that is its subject."""
    for token in doc[lo:hi]:
        if token.pos_ not in ("DET", "ADJ", "NOUN", "PROPN"):
            return None
        if token.lower_ not in NOUN_TAGGED_CUES or token.i == lo:
            continue
        subject = doc[token.i - 1]
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if subject.pos_ not in ("NOUN", "PROPN", "ADJ") or _datelike(subject):
            return None
        if after is None or after.is_punct or after.is_space or after.pos_ == "ADP":
            return Found(token, subject)
        return None
    return None


def _inverted_speaker(art: ParsedArticle, cue: Token, limit: int, lo: int) -> Token | None:
    """The noun after an inverted cue ("…," said the senator), else the first one before it
    (after "told" the noun names who was addressed: '"…," a source told Reuters')."""
    after = art.doc[cue.i + 1 : limit] if cue.lemma_.lower() not in NEVER_INVERTED else ()
    for token in after:
        if token.pos_ in ("PROPN", "NOUN", "PRON") and not _datelike(token):
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


def dash_speaker(art: ParsedArticle, m: Marked) -> Found | None:
    """A name after a dash that closes a quote: "…" ― Jane Doe."""
    if m.close_at is None:
        return None
    j = m.after
    while j < len(art.text) and art.text[j] in " \t\u00a0\u2009\u202f":
        j += 1
    if j < len(art.text) and art.text[j] == "\n":  # a signature line: "“…”\n\n- Jane Doe."
        while j < len(art.text) and art.text[j].isspace():
            j += 1
        eol = art.text.find("\n", j)
        line = art.text[j : eol if eol >= 0 else len(art.text)]
        if len(line.split()) > 6 or not line.lstrip(DASHES + " ")[:1].isupper():
            return None  # not "--additional reporting from Jane Doe."
    if j >= len(art.text) or art.text[j] not in DASHES:
        return None
    return _signer_at(art, art.token_at(j))


def paragraph_signer(art: ParsedArticle, m: Marked) -> Found | None:
    """The name signing a paragraph of quotes at its end: '“…” And that is all he has “…” ―
    Jane Doe.' (readers' comments, social posts)."""
    if m.para not in art.signatures:  # once per paragraph: linear in the article
        start, end, _ = art.paras[m.para]
        art.signatures[m.para] = SIGNATURE.search(art.text, start, end)
    signed = art.signatures[m.para]
    if signed is None or signed.start() < m.after:
        return None
    return _signer_at(art, art.token_at(signed.start(1)))


def _signer_at(art: ParsedArticle, i: int) -> Found | None:
    """The name that signs a quote, among the four tokens from `i` ("― Jane Doe.")."""
    for token in art.doc[i : i + 4]:
        if token.pos_ == "PROPN" or (token.is_title and token.is_alpha and token.pos_ != "DET"):
            while token.dep_ in ("compound", "flat") and token.head.i > token.i:
                token = token.head
            return Found(None, token)
    return None


def _colon_before(art: ParsedArticle, m: Marked) -> int | None:
    """Index of the colon token right before a quote's opening mark, if there is one."""
    j = m.open_at - 1
    while j >= 0 and art.text[j].isspace():
        j -= 1
    return art.token_at(j) if j >= 0 and art.text[j] == ":" else None


def signed_colon(art: ParsedArticle, m: Marked) -> Found | None:
    """A name set off by a dash before the colon that opens a quote: "Pollsters agree - Jane Doe: “…”"."""
    colon = _colon_before(art, m)
    if colon is None or colon == 0 or art.doc[colon - 1].pos_ != "PROPN":
        return None
    sent_start = art.sent(colon)[0]
    k = colon - 1
    while k > sent_start and art.doc[k - 1].pos_ == "PROPN":
        k -= 1
    if k > sent_start and art.doc[k - 1].text in DASHES:
        return Found(None, art.doc[colon - 1])
    return None


def colon_cue(art: ParsedArticle, m: Marked) -> Found | None:
    """A cue in the sentence before a quote that follows a colon ("…, saying:" / "He wrote:")."""
    colon = _colon_before(art, m)
    if colon is None:
        return None
    sent_start = art.sent(colon)[0]
    named = art.doc[colon - 1] if colon > sent_start else None
    if (
        named is not None
        and named.pos_ == "PROPN"
        and named.ent_type_ not in PLACE_TYPES  # "… in San Bernardino:" names no speaker
        and not any(is_speech(t) for t in art.doc[max(sent_start, colon - 4) : colon])
    ):
        return Found(None, named)  # "… - Jane Doe: “…”"
    for cue in reversed(list(art.speech_tokens(sent_start, colon))):
        speaker = speaker_token(cue)
        if speaker is not None:
            return _introduced_by(art, cue, speaker)
    if named is not None and named.pos_ == "PROPN":
        return Found(None, named)  # "Said Jane Doe: “…”"
    if colon <= sent_start:
        return None
    root = art.doc[sent_start:colon].root
    node = art.doc[colon - 1]  # "…, so that I had to change my answer:": the nearest clause
    # that is not a topic ("focuses on how many the gunmen killed:") speaks, if a person does
    while node.i != root.i and sent_start <= node.head.i < colon:
        if node.dep_ in ("advcl", "conj") or (node.dep_ == "ccomp" and not is_speech(node.head)):
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ in ("PRON", "PROPN"):
                return Found(None, subject)
        node = node.head
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i < colon:
            return Found(None, child)
    return None


def as_cue(art: ParsedArticle, m: Marked) -> Found | None:
    """An "as" clause right after a quote that names its source: '“…,” as a ministry memo put
    it', '“…,” as Doe called it'."""
    if m.close_at is None:
        return None
    doc = art.doc
    i = art.token_at(m.after)
    while i < len(doc) and doc[i].idx < m.after:
        i += 1
    while i < len(doc) and doc[i].is_punct:
        i += 1
    if i >= len(doc) or doc[i].lower_ != "as":
        return None
    for cue in art.speech_tokens(i + 1, min(i + 9, len(doc))):
        if any(c.i == i for c in cue.children):
            if any(c.dep_ in ("dobj", "ccomp") and c.pos_ != "PRON" for c in cue.children):
                return None  # '"…," as Doe attacked the budget': a clause of its own, not a source
            speaker = speaker_token(cue)
            if speaker is not None and not art.inside_quote(speaker.idx):
                return Found(cue, speaker)
    return None


def mixed_cue(art: ParsedArticle, m: Marked) -> Found | None:
    """The speech verb governing a quoted fragment, else one in its sentence, else the party
    whose clause holds it."""
    found = climb_cue(art, m)
    if found is not None and found.speaker is not None:
        return found
    doc = art.doc
    lo, hi = art.token_at(m.start), art.token_at(max(m.end - 1, m.start)) + 1
    sent_start, sent_end, _, _ = art.sent(lo)
    for cue in art.speech_tokens(sent_start, sent_end):
        speaker = speaker_token(cue)
        if speaker is not None:  # '…, Doe said, going on to say that … “…”': the parse lost him
            return _introduced_by(art, cue, speaker)
    return found or _clause_holder(art, doc[lo:hi].root)


def climb_cue(art: ParsedArticle, m: Marked) -> Found | None:
    """The speech verb (or possessed speech noun) governing a quoted fragment in the parse."""
    doc = art.doc
    lo, hi = art.token_at(m.start), art.token_at(max(m.end - 1, m.start)) + 1
    seen = 0
    for token in doc[lo:hi]:
        if lo <= token.head.i < hi and token.head.i != token.i:
            continue
        node = token
        owned: Found | None = None
        while node.head.i != node.i and seen < 40:
            seen += 1
            node = node.head
            if owned is None and node.pos_ == "NOUN" and node.lemma_.lower() in SPEECH_NOUNS:
                owner = next((c for c in node.children if c.dep_ == "poss"), None)
                if owner is not None and not art.inside_quote(owner.idx):
                    owned = Found(node, owner)  # "Trump's claim that there were “thousands”"
            if is_speech(node) and not art.inside_quote(node.idx):
                speaker = speaker_token(node)
                if speaker is not None and art.inside_quote(speaker.idx):
                    # '"Meh," wrote a supporter': the parse made the quote the subject.
                    speaker = _inverted_speaker(art, node, node.sent.end, node.i)
                if owned is not None and speaker is None:
                    return owned
                return _introduced_by(art, node, speaker)
        if owned is not None:
            return owned
    return None


def _clause_holder(art: ParsedArticle, token: Token) -> Found | None:
    """A party whose clause holds the fragment, through a verb outside the lexicon: "He implied
    the judge was “hostile”", "Trump groused that CNN “doesn't treat me properly”"."""
    node = token
    for _ in range(12):
        if node.head.i == node.i:
            return None
        verb = None
        if node.dep_ == "ccomp" and node.head.pos_ == "VERB":
            verb = node.head
        elif node.dep_ == "pobj" and node.head.lower_ == "as" and node.head.head.pos_ == "VERB":
            verb = node.head.head  # "Reid has gone after Trump as a “human leech”"
        if verb is not None:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            subject = named_apposition(subject) if subject is not None else None
            if (
                subject is not None
                and not art.inside_quote(subject.idx)
                and (
                    subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                    or subject.lower_ in ("he", "she", "they", "i", "we")
                )
            ):
                return Found(verb, subject)
            return None
        node = node.head
    return None


def per_source(art: ParsedArticle, m: Marked) -> Found | None:
    """The source named by "per" right after a fragment with no cue: '"…," per the bylaws'."""
    if m.close_at is None:
        return None
    doc = art.doc
    i = art.token_at(m.after)
    while i < len(doc) and (doc[i].idx < m.after or doc[i].is_punct or doc[i].is_space):
        i += 1
    if i >= len(doc) or doc[i].lower_ != "per":
        return None
    source = next((c for c in doc[i].children if c.dep_ == "pobj"), None)
    if source is None and i + 1 < len(doc) and doc[i + 1].pos_ in ("PROPN", "NOUN", "DET"):
        source = doc[i + 1]
        while source.head.i > source.i and source.dep_ in ("compound", "det", "poss", "amod"):
            source = source.head
    return Found(None, source) if source is not None else None


def governing_subject(art: ParsedArticle, m: Marked) -> Found | None:
    """For a long fragment with no speech cue, the subject of the highest clause above it:
    'The report found the money came from "the drug trade …"', 'He voiced a wish for a "…"'."""
    doc = art.doc
    lo, hi = art.token_at(m.start), art.token_at(max(m.end - 1, m.start)) + 1
    node = doc[lo:hi].root
    found = None
    for _ in range(12):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ not in ("VERB", "AUX") or art.inside_quote(node.idx):
            continue
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subject is None or art.inside_quote(subject.idx) or _datelike(subject):
            continue
        subject = named_apposition(subject)  # "the nominee, Jane Doe, …"
        if subject.left_edge.idx <= m.start < subject.right_edge.idx:
            continue  # 'The "90 percent" figure came from …': the quote is in the subject
        if (
            subject.pos_ == "PROPN"
            or subject.lower_ in ("he", "she", "they", "we", "i")
            or (subject.pos_ == "NOUN" and (subject.ent_type_ or subject.lemma_ in SOURCE_NOUNS))
        ):
            found = Found(None, subject)
    return found


def recent_cue(art: ParsedArticle, m: Marked, previous: Quote | None) -> Found | None:
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
            return _introduced_by(art, cue, speaker)
    return None


def introduces(cue: Token) -> bool:
    """Whether a cue can introduce the quotes after it: not negated ("did not say"), not passive
    ("he was asked"), not a noun's modifier ("a hearing he was called to"), not the words of a
    sign ("banners reading …")."""
    if cue.lemma_ == "read" and cue.dep_ == "acl":
        return False
    return not any(c.dep_ in ("neg", "nsubjpass", "auxpass") for c in cue.children)


def transcript_speaker(art: ParsedArticle, m: Marked) -> Found | None:
    """The speaker of a transcript turn that holds the quote ("WALLACE: … “…” …")."""
    start = art.paras[m.para][0]
    turn = TRANSCRIPT.match(art.text, start, art.paras[m.para][1])
    if turn is None or turn.end() > m.end:
        return None
    return Found(None, art.doc[art.token_at(turn.start(1))])


def narrative_subject(art: ParsedArticle, m: Marked) -> Found | None:
    """The person who is the subject of the unquoted sentence right before a quote that opens a
    sentence and has no cue: "Viguerie sees Cruz as a uniter. / “Not only can Cruz win …”"."""
    first = art.token_at(m.open_at)
    while first > 0 and art.doc[first - 1].is_space:
        first -= 1
    if first == 0 or art.doc[first - 1].text not in (".", "!", "?", ":"):
        return None
    start, end, start_char, _ = art.sent(first - 1)
    if m.para - art.para_of(start_char) > 1:
        return None
    k = bisect_left(art.quote_starts, start_char)
    if k < len(art.quote_starts) and art.quote_starts[k] < m.open_at:
        return None  # the sentence holds a quote of its own
    if k > 0 and art.quoted[k - 1][1] > start_char:
        return None
    root = art.doc[start:end].root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she")):
        return None
    return Found(None, subject)

"""The quotes stage: direct, mixed and indirect quotations with their speakers.

Quotation marks are paired in `quote_marks`, quoted spans attributed in `quote_cues`, and
reported speech found through `attribution`; this module decides what each span is and
builds the records.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from dateline.records import Quote, Speaker
from dateline.stages.common import Intervals, run_stage, text_of
from dateline.stages.marks import Marked, scan
from dateline.stages.quotes.attribution import (
    being_asked,
    content_rule,
    cue_of,
    on_a_sign,
    outer_speaker,
    speaker_for,
    speaker_token,
    via_near,
)
from dateline.stages.quotes.cues import (
    Found,
    ParsedArticle,
    as_cue,
    climb_cue,
    colon_cue,
    dash_speaker,
    governing_subject,
    mixed_cue,
    narrative_subject,
    own_cue,
    paragraph_signer,
    per_source,
    recent_cue,
    signed_colon,
    subject_before,
    transcript_speaker,
)
from dateline.stages.speech import is_speech

# Words before a quoted fragment that make it a name, title or sign rather than someone's words.
NOT_SPEECH_BEFORE = re.compile(
    r"(?:so-called|dubbed|nicknamed|titled|entitled|named|headlined|hashtag|known as(?: the| an?)?|"
    r"(?:sign|placard|banner|poster|shirt|T-shirt|hat|cap|sticker|billboard|slogan)s?"
    r"(?: that)? (?:reading|read|reads|saying|said|says|bearing|with the words))\W*$",
    re.IGNORECASE,
)
# Words a title leaves in lower case: "Contract with America", "The Art of the Deal".
TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from"}
)
# A possessive right before a quoted name: "CNN's “New Day”".
POSSESSIVE = re.compile(r"\w['\u2019]s$")
# A work named right before its quoted title: "In his 2002 book, “Make Your Kid a Millionaire,”".
WORK_BEFORE = re.compile(
    r"\b(?:book|film|movie|show|series|song|album|article|column|essay|memoir|novel|play|"
    r"documentary|program|programme|podcast|musical|editorial|op-ed|ad|video)s?,?$",
    re.IGNORECASE,
)
# Verbs by which a party gives something a name: 'called her “Miss Piggy”'.
NAMING_CUES = frozenset(
    {
        "call",
        "dub",
        "label",
        "brand",
        "term",
        "describe",
        "refer",
        "proclaim",
        "cite",
        "declare",
        "hail",
    }
)
# Phrases hanging off a quotation's last word that belong to the cue's sentence, not to the quote:
# 'said "we are ready," in Moscow', '"…" on Friday'.
ADJUNCT_DEPS = frozenset({"prep", "npadvmod", "advmod", "punct", "agent"})
# Speaker mentions that name nobody by themselves.
PRONOUNS = frozenset({"he", "she", "they", "it", "who", "i", "we", "you", "that", "which"})
# Reported content this much inside quotation marks is a quote already, not indirect speech.
QUOTED_SHARE = 0.8


def _looks_direct(art: ParsedArticle, m: Marked) -> bool:
    """A quote that stands as a sentence or clause of its own, rather than a fragment."""
    inner = art.text[m.start : m.end].strip()
    if m.continued:
        return True
    j = m.open_at - 1
    while j >= 0 and art.text[j] in " \t\u00a0\u2009\u202f":
        j -= 1
    before = art.text[j] if j >= 0 else "\n"
    opens_sentence = before in "\n:.!?" or j < art.paras[m.para][0]
    if before == "," and inner[:1].isupper():
        opens_sentence = True
    ends_sentence = inner[-1:] in ".,!?" or m.close_at is None
    if opens_sentence and inner[-1:] in "!?" and inner[:1].isupper():
        return True  # "You winning?" she said.
    return len(inner.split()) >= 3 and (opens_sentence or (ends_sentence and inner[:1].isupper()))


def _not_speech(art: ParsedArticle, m: Marked) -> bool:
    """Scare quotes and titles: "(APPLAUSE)", a short Title Case phrase (what `NOT_SPEECH_BEFORE`
    announces, "so-called …", "a sign reading …", is skipped before this is asked)."""
    inner = art.text[m.start : m.end].strip()
    if inner.startswith("(") and inner.rstrip(".").endswith(")"):
        return True  # (CROSSTALK), (APPLAUSE)
    words = [w for w in inner.split() if w[0].isalpha() and w.lower() not in TITLE_SMALL_WORDS]
    title_case = any(len(w) > 3 for w in words) and all(w[0].isupper() for w in words)
    if title_case and inner[-1:] == "." and inner.count(".") > 1:
        return False  # "The Donald. Big Daddy." – sentences, not a title
    return title_case and len(inner.split()) <= 6 and inner[-1:] not in "!?"


def is_title(art: ParsedArticle, m: Marked) -> bool:
    """A short Title Case name inside a sentence: a show, book, law or slogan ("on “Face the
    Nation,”", "NBC's “Today”", "the movie “The Revenant”")."""
    inner = art.text[m.start : m.end].strip().rstrip(".,")
    if inner[-1:] in ("!", "?"):
        return False  # "She declared “What a Night!”": an exclamation, not a name
    words = inner.split()
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    left = art.text[max(art.paras[m.para][0], m.open_at - 20) : m.open_at].rstrip()
    work = WORK_BEFORE.search(left) is not None  # "the film “A Long Way Home From …”"
    if not 1 <= len(words) <= (12 if work else 6) or not words[0][:1].isupper() or not content:
        return False
    if not all(w[0].isupper() for w in content if w[0].isalpha()):
        return False
    if work:
        return True
    if not left or not left[-1].isalnum():
        return False
    if len(words) == 1 and left.split()[-1][:1].isupper() and _name_follows(art, m):
        return True  # a nickname inside a name: Marcia “Cia” Price
    if POSSESSIVE.search(left):
        return True  # "CNN's “New Day”", "television's “Scandal”"
    return len(content) >= 2 or (len(words) >= 2 and words[0] in ("The", "A", "An"))


def _naming_cue(art: ParsedArticle, m: Marked) -> Found | None:
    """The naming verb that governs a quoted Title Case name ("called her “Miss Piggy”",
    "proclaimed a goal of “Peace Through Strength”"), unless it is a show or a work's title."""
    left = art.text[max(art.paras[m.para][0], m.open_at - 20) : m.open_at].rstrip()
    if POSSESSIVE.search(left) or WORK_BEFORE.search(left):
        return None
    found = climb_cue(art, m)
    if found is not None and (found.cue is None or found.speaker is None):
        found = None
    if found is not None and found.cue.lemma_.lower() in NAMING_CUES:
        return found
    node = art.doc[art.token_at(m.start) : art.token_at(max(m.end - 1, m.start)) + 1].root
    for _ in range(3):  # 'pointed to reports that Trump called the winner “Miss Piggy”'
        if node.head.i == node.i:
            break
        node = node.head
        if node.lemma_.lower() in NAMING_CUES and node.pos_ == "VERB":
            if found is not None:
                return found
            subject = speaker_token(node)  # 'a profile hailed her as “The Iron Lady”'
            return Found(node, subject) if subject is not None else None
    return None


def _signed_paragraph(art: ParsedArticle, m: Marked) -> bool:
    """Whether a quote is followed only by a short signature to the end of its paragraph."""
    if m.close_at is None:
        return False
    end = art.paras[m.para][1]
    return end - m.after <= 80 and 0 < len(art.text[m.after : end].split()) <= 6


def _name_follows(art: ParsedArticle, m: Marked) -> bool:
    """Whether a capitalised word follows the closing mark ("“Cia” Price")."""
    if m.close_at is None:
        return False
    rest = art.text[m.after : m.after + 3]
    return rest[:1] == " " and rest[1:2].isupper()


def _quote_record(art: ParsedArticle, m: Marked, kind: str, found: Found | None) -> Quote:
    """Build the Quote for a marked span and its attribution."""
    cue = cue_of(found.cue) if found and found.cue is not None else None
    speaker = speaker_for(found.speaker, art.entities) if found else Speaker()
    return Quote(
        start=m.start,
        end=m.end,
        text=art.text[m.start : m.end],
        kind=kind,
        speaker=speaker,
        cue=cue,
        via=relay(art, found),
    )


def relay(art: ParsedArticle, found: Found | None) -> str | None:
    """The relay phrase in the cue's sentence ("in a statement", "told AFP")."""
    if not found or found.cue is None:
        return None
    _, _, start, end = art.sent(found.cue.i)
    return via_near(art.text, start, end, art.quoted)


# An attribution step: (art, marked quote) -> the cue and speaker it finds, or None.
Step = Callable[[ParsedArticle, Marked], Found | None]
# A quote with the name of the rule that attributed it ("unattributed" when none did).
Explained = tuple[Quote, str]
UNATTRIBUTED = "unattributed"
# Rules that read the speaker off the layout, where a name inside the marks can be the
# speaker ('"PENCE: Well, look …' opening an interview transcript).
LAYOUT_RULES = frozenset({"transcript_speaker", "dash_speaker", "paragraph_signer", "signed_colon"})


def _first(art: ParsedArticle, m: Marked, steps: tuple[Step, ...]) -> tuple[str, Found] | None:
    """The first step that finds something for a quote, by name, with what it found."""
    for step in steps:
        found = step(art, m)
        if found is not None:
            return step.__name__, found
    return None


def _speaks(found: Found | None) -> bool:
    """Whether an attribution names a speaker."""
    return found is not None and found.speaker is not None


def _own_sentence(art: ParsedArticle, m: Marked, direct: bool) -> tuple[str, Found] | None:
    """Attribution in the quote's own sentence or paragraph: a dash or a signed colon, the cue
    beside it (or, for a fragment, the verb it belongs to), a colon, a transcript turn."""
    if direct:
        hit = _first(art, m, (dash_speaker, signed_colon, own_cue))
    else:  # a reader's comment signed after its last fragment: '… all he has “…” ― Jane Doe.'
        signed = (dash_speaker,) if _signed_paragraph(art, m) else ()
        hit = _first(art, m, (*signed, as_cue, mixed_cue))
    found = hit[1] if hit else None
    if not _speaks(found) and direct:
        hit = _first(art, m, (colon_cue,)) or hit
    elif direct and found.speaker.lower_ in ("he", "she", "they"):
        introduced = colon_cue(art, m)  # 'Doe scolded him: "…," she said.': Doe, named
        named = introduced.speaker if introduced is not None else None
        if named is not None and named.pos_ == "PROPN":
            hit = ("colon_named", Found(found.cue, named))
    if not _speaks(hit[1] if hit else None):
        hit = _first(art, m, (transcript_speaker,)) or hit
    return hit


def _context(
    art: ParsedArticle, m: Marked, hit: tuple[str, Found] | None, previous: Quote | None
) -> tuple[str, Found] | None:
    """For a direct quote without a speaker in its sentence: the paragraph's signer, a recent
    cue that introduces it, the subject of the narration round it."""

    def recent(art: ParsedArticle, m: Marked) -> Found | None:
        return recent_cue(art, m, previous)

    recent.__name__ = "recent_cue"
    for step in (paragraph_signer, recent, narrative_subject):
        if _speaks(hit[1] if hit else None):
            break
        found = step(art, m)
        if found is not None:
            hit = (step.__name__, found)
    return hit


def _attribute(
    art: ParsedArticle, m: Marked, direct: bool, previous: Quote | None
) -> tuple[str, Found | None] | None:
    """The rule and attribution of one quoted span; None when it is not speech."""
    hit = _own_sentence(art, m, direct)
    if hit is None and _not_speech(art, m):
        return None
    if direct:
        hit = _context(art, m, hit, previous)
    if hit is None and not direct:
        if len(art.text[m.start : m.end].split()) < 4:
            return None
        # A long fragment is someone's words: '"…" ― Jane Doe', '"…," per the bylaws'.
        hit = _first(art, m, (dash_speaker, per_source, governing_subject))
    return hit if hit is not None else (UNATTRIBUTED, None)


def _direct_and_mixed(art: ParsedArticle) -> list[Explained]:
    """Quotes between quotation marks, attributed, with the rule that attributed each; scare
    quotes, titles and signs are left out."""
    quotes: list[Explained] = []
    previous: Quote | None = None
    for m in art.marked:
        if NOT_SPEECH_BEFORE.search(art.text[max(0, m.open_at - 60) : m.open_at]):
            continue
        direct = _looks_direct(art, m)
        if is_title(art, m):
            named = _naming_cue(art, m)
            if named is not None:  # 'Trump called her “Miss Piggy”': a name someone used
                quotes.append((_quote_record(art, m, "mixed", named), "naming_cue"))
            continue
        hit = _attribute(art, m, direct, previous)
        if hit is None:
            continue
        rule, found = hit
        inside = _speaks(found) and m.open_at <= found.speaker.idx < art.quoted_end(m)
        if inside and rule not in LAYOUT_RULES:
            # the parse made a word of the quotation its speaker: the clause before it speaks
            found = Found(found.cue, subject_before(art, art.token_at(m.open_at)))
        unattributed = not _speaks(found)
        if unattributed and direct and previous and m.para - art.para_of(previous.start) <= 1:
            quote = replace(
                _quote_record(art, m, "direct", None),
                speaker=previous.speaker,
                cue=previous.cue,
                via=previous.via,
            )
            quotes.append((quote, "previous_speaker"))
            previous = quote
            continue
        quote = _quote_record(art, m, "direct" if direct else "mixed", found)
        quotes.append((quote, rule))
        if quote.speaker.start is not None:
            previous = quote
    return quotes


def indirect(art: ParsedArticle, direct: list[Quote]) -> list[Explained]:
    """Reported speech: a speech verb with its content clause, outside quotation marks, with the
    rule that found the content ("indirect:clause", "indirect:object", …)."""
    doc = art.doc
    covered = Intervals((q.start, q.end) for q in direct)
    recorded = {q.start for q in direct}
    out: list[Explained] = []
    for token in art.speech_tokens(0, len(doc)):
        if unsaid(token) or on_a_sign(token):
            continue
        found = content_rule(token)
        if found is None:
            continue
        rule, (lo, hi) = found
        start, end = _whole_quotes(art, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
        end = _report_end(art, token, start, end)
        quoted = covered.overlap(start, end)
        if quoted >= QUOTED_SHARE * (end - start) or _reports_quote(
            art, doc[lo:hi].root, recorded, token
        ):
            continue
        speaker = None if being_asked(token) else speaker_token(token)  # asked by someone unnamed
        if token.tag_ == "VBG" and token.dep_ == "advcl" and speaker is not None:
            # "X said talks could resume, rejecting …": the participle is X's, however parsed
            speaker = outer_speaker(token, speaker, art.inside_quote)[1]
        quote = Quote(
            start=start,
            end=end,
            text=art.text[start:end],
            kind="indirect",
            speaker=speaker_for(speaker, art.entities),
            cue=cue_of(token),
            via=via_near(art.text, *art.sent(token.i)[2:], art.quoted),
        )
        out.append((quote, f"indirect:{rule}"))
    return out


def _report_end(art: ParsedArticle, verb: Token, start: int, end: int) -> int:
    """Where reported content ends: at the end of its line, and at the closing mark of a
    quotation inside it that narration attributes ('… "We are ready," he told reporters')."""
    line = art.text.find("\n", start, end)
    if line != -1:
        end = line
    k = max(bisect_right(art.quote_starts, start) - 1, 0)
    while k < len(art.quoted) and art.quoted[k][0] < end:
        open_at, after = art.quoted[k]
        if start <= open_at and after < end and _attributed_after(art, verb, open_at, after):
            return after
        k += 1
    return end


def _attributed_after(art: ParsedArticle, verb: Token, open_at: int, after: int) -> bool:
    """Whether a quotation ends a sentence or clause of its own ('"…,"') and a speech verb
    with its own subject follows it at once ('he said', 'said Doe')."""
    inner = art.text[open_at:after].rstrip("\"'\u201d\u2019 ")
    if inner[-1:] not in (",", ".", "!", "?"):
        return False
    doc = art.doc
    lo = art.token_at(after)
    for t in doc[lo : min(len(doc), lo + 4)]:
        if t.pos_ == "SCONJ" or t.lower_ in ("when", "as", "while", "after", "before"):
            return False  # '"…," when Doe blasted him': a clause of its own, not the narration
        if t.i != verb.i and is_speech(t):
            return any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
    return False


def _whole_quotes(art: ParsedArticle, start: int, end: int) -> tuple[int, int]:
    """Widen a content span so that it never starts or ends inside a quotation: a quotation it
    touches is taken whole, marks included ('said "we are ready," in Moscow')."""
    k = max(bisect_right(art.quote_starts, start) - 1, 0)
    while k < len(art.quoted) and art.quoted[k][0] < end:
        open_at, after = art.quoted[k]
        if after > start:
            start, end = min(start, open_at), max(end, min(after, len(art.text)))
        k += 1
    return start, end


def _reports_quote(art: ParsedArticle, head: Token, recorded: set[int], cue: Token) -> bool:
    """Whether reported content headed by `head` is a quotation already recorded as direct or
    mixed: the head lies inside it and the clause adds no word outside it but "that" and the
    cue's own words ('"…," he said, before leaving', the cue parsed inside the clause)."""
    k = bisect_right(art.quote_starts, head.idx) - 1
    if k < 0 or head.idx >= art.quoted[k][1]:
        return False
    m = art.marked[k]
    if m.start not in recorded:
        return False
    open_at, after = art.quoted[k]
    inside = cue.i != head.i and any(a.i == head.i for a in cue.ancestors)
    tail = {
        w.i
        for c in head.children
        if c.idx >= after and c.dep_ in ADJUNCT_DEPS and head.pos_ in ("VERB", "AUX", "ADJ")
        for w in c.subtree
    }  # 'said "we are ready," in Moscow': the parse hangs "in Moscow" on "are"
    outside = [
        t
        for t in head.subtree
        if not open_at <= t.idx < after
        and not t.is_punct
        and t.i not in tail
        and not (inside and cue.left_edge.i <= t.i <= cue.right_edge.i)
    ]
    return all(t.dep_ == "mark" for t in outside)  # 'said that "…"'


def unsaid(verb: Token) -> bool:
    """A speech verb in its base form, for what may or may not be said rather than what was:
    "could threaten …", "plans to call for …", "did not say …" (not "Say, …" opening a sentence)."""
    return verb.tag_ == "VB" and not verb.is_sent_start


def normalise(text: str) -> str:
    """Lower-case words only, for spotting repeated quotes."""
    return " ".join(re.findall(r"\w+", text.lower()))


def finish(art: ParsedArticle, quotes: list[Explained]) -> list[Explained]:
    """Order quotes and set `repeat_of` and `in_caption` (a repeat that takes its first
    speaker is put down to the rule "repeat_of")."""
    quotes.sort(key=lambda q: (q[0].start, q[0].end))
    captions = [(s, e) for s, e, kind in art.paras if kind == "caption"]
    seen: dict[str, int] = {}
    out: list[Explained] = []
    for index, (quote, rule) in enumerate(quotes):
        key = normalise(quote.text)
        repeat = seen.get(key) if quote.kind != "indirect" and len(key.split()) >= 3 else None
        if repeat is None and quote.kind != "indirect" and len(key.split()) >= 3:
            seen[key] = index
        in_caption = any(s <= quote.start < e for s, e in captions)
        speaker = quote.speaker
        if repeat is not None and not _names_someone(art, speaker):
            first = out[repeat][0].speaker
            speaker = (
                replace(first, start=speaker.start, end=speaker.end)
                if speaker.start is not None
                else first
            )
            rule = "repeat_of"
        quote = replace(quote, speaker=speaker, repeat_of=repeat, in_caption=in_caption)
        out.append((quote, rule))
    return out


def _names_someone(art: ParsedArticle, speaker: Speaker) -> bool:
    """Whether a speaker mention names a person itself, rather than "he" or nobody: a repeated
    quote keeps its first speaker unless its new cue names someone."""
    if speaker.start is None:
        return False
    if speaker.entity is None:
        return speaker.name is not None  # a name the entities stage did not cluster
    words = art.text[speaker.start : speaker.end].lower().split()
    return not (len(words) == 1 and words[0] in PRONOUNS)


def explain_quotes(doc: Doc) -> list[Explained]:
    """Every direct, mixed and indirect quote in `doc`, in text order, each with the name of the
    rule that attributed it (what `dateline eval quotes` counts hits and errors by)."""
    text = text_of(doc)
    art = ParsedArticle(doc, text, scan(doc, text))
    quoted = _direct_and_mixed(art)
    return finish(art, quoted + indirect(art, [q for q, _ in quoted]))


def find_quotes(doc: Doc) -> list[Quote]:
    """Return every direct, mixed and indirect quote in `doc`, in text order."""
    return [quote for quote, _ in explain_quotes(doc)]


@Language.component(
    "dateline_quotes",
    requires=["token.dep", "doc._.blocks", "doc._.entities"],
    assigns=["doc._.quotes"],
)
def quotes_component(doc: Doc) -> Doc:
    """Set `doc._.quotes`."""
    return run_stage(doc, "quotes", find_quotes)


__all__ = ["Marked", "explain_quotes", "find_quotes", "quotes_component", "scan"]

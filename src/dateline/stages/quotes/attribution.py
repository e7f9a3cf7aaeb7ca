"""Attribution for the quotes stage: speech cues, speakers, relays and reported-speech content."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

from dateline.records import Cue, Entity, Speaker
from dateline.resources import PERSON_WORDS, SPEECH_NOUN_WORDS, SPEECH_VERBS, tagged
from dateline.stages.common import text_of
from dateline.stages.entities import entity_at
from dateline.stages.speech import is_speech

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Common nouns for a person: titles, descriptors and sources ("the senator", "the candidate").
PERSON_NOUNS = frozenset(
    row["word"].lower() for use in ("title", "head", "source") for row in tagged(PERSON_WORDS, use)
)
# Entity labels of places and times: one the parse gives a verb beside a name is not its subject.
PLACE_OR_TIME = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})
RELATIVES = frozenset({"who", "which", "that", "whom"})
# Dependencies that stay in a speaker mention: "Mayor Bill de Blasio", "the 72-year-old leader".
MENTION_DEPS = frozenset({"compound", "det", "amod", "nummod", "poss", "flat", "nmod", "case"})
# A participle or coordinated verb ("…, saying", "and added") takes its head's subject.
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "dep", "ccomp", "relcl"})
# Nouns of a time or a medium that a participle hangs from without speaking for it.
FRAME_NOUNS = frozenset(row["word"] for row in tagged(SPEECH_NOUN_WORDS, "frame"))
# Cues that report only a clause or a quote, never an object: "he continued to press for talks".
CLAUSE_ONLY = frozenset(row["lemma"] for row in tagged(SPEECH_VERBS, "clause_only"))
# Participles of being questioned, which the parse reads as the speaker's own verb.
BEING_ASKED = frozenset({"ask", "question", "press", "quiz", "interview", "challenge"})
# Pronouns that a clause's speaker may stand for.
ANAPHORS = frozenset({"he", "she", "it", "they"})
# A coordinated clause keeps its own speaker rather than that of a speech verb above it.
STOP_DEPS = frozenset({"conj", "pobj", "pcomp"})
# Speech verbs whose object, not a clause, is what was reported ("Kyiv reported three deaths").
OBJECT_CONTENT = frozenset(row["lemma"] for row in tagged(SPEECH_VERBS, "object"))
# Speech verbs whose object is the person addressed, not what was said ("told reporters").
ADDRESSEE_OBJECT = frozenset(row["lemma"] for row in tagged(SPEECH_VERBS, "addressee"))
# Speech verbs whose reported content follows a preposition: "called for", "pointed to".
PREP_CONTENT = frozenset(
    {
        ("call", "for"),
        ("call", "on"),
        ("appeal", "for"),
        ("press", "for"),
        ("point", "to"),
        ("warn", "against"),
        ("warn", "of"),
        ("argue", "for"),
        ("argue", "against"),
        ("ask", "for"),
        ("complain", "about"),
        ("speak", "about"),
        ("talk", "about"),
        ("comment", "on"),
    }
)
# Nouns that make "expressed readiness to …" or "voiced concern that …" reported speech.
STANCE_NOUNS = frozenset(row["word"] for row in tagged(SPEECH_NOUN_WORDS, "stance"))
# Things that bear words without speaking them: "a sign reading …", "banners saying …".
SIGN_NOUNS = frozenset(row["word"] for row in tagged(SPEECH_NOUN_WORDS, "sign"))
# A place opening a dateline: "Washington (AFP) –", "PHILADELPHIA, July 25 (UPI) —".
DATELINE_AFTER = re.compile(
    r"[A-Za-z.' -]{2,30}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\([A-Za-z .&/-]{2,30}\)\s*[-\u2013\u2014]"
)
# Media a relay names ("in a statement", "in a blog post"); `re.escape` keeps their spaces.
MEDIA = "|".join(re.escape(row["word"]) for row in tagged(SPEECH_NOUN_WORDS, "via"))
# (Spaces are escaped: the pattern is used inside a VERBOSE regex.)
NAME = r"[A-Z][\w&.'\u2019-]*(?:\ (?:[A-Z][\w&.'\u2019-]*|of|de|al|the))*"
VIA = re.compile(
    rf"""\b(?:
        per\ (?:the\ )?{NAME}
      | (?:told|tells|telling|said\ to|speaking\ to|spoke\ to|in\ an\ interview\ with)\ (?:the\ )?{NAME}
      | (?:in|on|via)\ (?:a|an|his|her|their|its|the)\ (?:[a-z-]+\ ){{0,2}}
        (?:{MEDIA})
        (?:\ (?:on|to|with|posted\ on)\ (?:the\ )?{NAME})?
      | on\ (?:Twitter|X|Truth\ Social|Facebook|Instagram|Telegram|TikTok|YouTube|Threads|
             Bluesky|Weibo|VKontakte|state\ television|state\ TV|national\ television|television|
             radio|Fox\ News|CNN|MSNBC|NBC|CBS|ABC)\b
    )""",
    re.VERBOSE,
)


def mention(token: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by `token`, without clauses or appositions."""
    lo = hi = token.i
    for child in token.lefts:
        if child.dep_ in MENTION_DEPS:
            lo = min(lo, child.left_edge.i)
    for child in token.rights:
        if child.dep_ in ("flat", "compound") and child.i == hi + 1:
            hi = child.right_edge.i
    doc = token.doc
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def speaker_token(verb: Token, depth: int = 5) -> Token | None:
    """The subject of a speech verb, climbing from participles and conjuncts to their head."""
    if verb.lower_ == "according":
        for to in verb.rights:
            for obj in to.rights:
                if obj.dep_ == "pobj":
                    return _author(obj)
        return None
    for child in verb.children:  # passive "… was said by officials", "was asked by the host"
        if child.dep_ == "agent" and is_speech(verb):  # not "Doe was joined by Roe and joked"
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) > 1 and subjects[0].ent_type_ in PLACE_OR_TIME:
        # "Tuesday in Berea, Ohio, Gov. Jane Doe said": the parse took the place as a subject
        named = [c for c in subjects if c.ent_type_ not in PLACE_OR_TIME]
        if named and named[0].i < verb.i:
            return named_apposition(_not_a_speaker(named[0], verb))
    if (
        len(subjects) > 1
        and subjects[-1].i > verb.i
        and subjects[-1].pos_ == "PROPN"
        and subjects[0].pos_ not in ("PROPN", "PRON")
    ):  # "The rejection … signals "…" for the union, said Jan de Vries": the parse took both
        return named_apposition(subjects[-1])
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and not (
            child.lower_ == "there"
            or (child.lower_ == "it" and child.dep_ != "nsubj")
            or child.text in ("\u2015", "\u2014", "\u2013", "--")  # "… public ― Doe boasted"
        ):
            if child.lower_ in RELATIVES and verb.dep_ == "relcl" and child.lower_ == "that":
                return _issuer(verb.head)  # "the rule that says …"; "released a letter that says …"
            return named_apposition(_not_a_speaker(child, verb))
    for child in verb.lefts:  # "Doe, asked about the remarks, said …" parsed as "Doe asked"
        if (
            child.dep_ == "ccomp"
            and child.lemma_.lower() in BEING_ASKED
            and child.tag_ in ("VBD", "VBN")
        ):
            asked = next((c for c in child.lefts if c.dep_ == "nsubj"), None)
            if asked is not None and asked.pos_ in ("PROPN", "PRON", "NOUN"):
                return named_apposition(asked)
    if verb.tag_ == "VBG":
        holder = _participle_speaker(verb, depth)
        if holder is not None:
            return holder
    if verb.dep_ == "acl" and verb.head.pos_ == "PROPN" and verb.head.dep_ == "ROOT":
        return verb.head  # "Jane Doe, the director, compared …" parsed as a noun with a participle
    climbs = verb.dep_ in CLIMB_DEPS or verb.pos_ == "ADP" or verb.dep_ == "prep"
    climbs = climbs or (verb.dep_ == "advmod" and verb.pos_ == "ADV")  # "aside from saying …"
    if depth and climbs and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "conj" and verb.pos_ == "VERB" and head.pos_ in ("ADJ", "NOUN"):
            head = head.head  # a parse error: "called it “shameful” and called on …"
        elif verb.dep_ == "conj" and _reported_thing(head):
            head = head.head  # 'Doe said the plan had "failed" and called for talks': Doe called
        return speaker_token(head, depth - 1)
    return _stranded_subject(verb)


# Documents that carry the words of whoever issued or delivered them: "He released a letter that
# says …" and "according to a speech Doe delivered" report the issuer's words.
ISSUED_DOCUMENTS = frozenset(
    {
        "letter",
        "statement",
        "memo",
        "note",
        "release",
        "document",
        "video",
        "speech",
        "post",
        "tweet",
        "email",
        "message",
        "ad",
        "advertisement",
        "op-ed",
        "column",
        "essay",
    }
)


def _issuer(noun: Token) -> Token:
    """Who issued a document that speaks ("He released a letter that says …": He), else the
    noun itself ("the rule that says …")."""
    if noun.lemma_.lower() in ISSUED_DOCUMENTS and noun.dep_ == "dobj":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ in ("PROPN", "PRON", "NOUN"):
            return named_apposition(subject)
    return noun


def _author(noun: Token) -> Token:
    """Who delivered a document cited as a source ("according to a speech Doe delivered": Doe),
    else the noun itself ("according to officials")."""
    if noun.lemma_.lower() in ISSUED_DOCUMENTS:
        for clause in noun.rights:
            if clause.dep_ == "relcl":
                subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.pos_ in ("PROPN", "PRON"):
                    return subject
    return noun


def _participle_speaker(verb: Token, depth: int) -> Token | None:
    """Who a participle speaks for: "footage of Jane Doe saying …", "a video of him asking …",
    "a statement saying …" (its issuer, else the noun), or a name right before it."""
    left = verb.doc[verb.i - 1] if verb.i else None
    if (
        left is not None
        and left.pos_ in ("PROPN", "PRON")
        and left.dep_ == "pobj"
        and left.head.lower_ == "of"
        and left.ent_type_ not in ("DATE", "TIME")
    ):
        return left
    if verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
        noun = verb.head  # "a statement saying …"
        frame = noun.head.head if noun.dep_ == "pobj" and noun.head.head.i < noun.i else None
        if frame is not None and noun.lemma_ in FRAME_NOUNS and frame.pos_ in ("VERB", "AUX"):
            # "…, at one point calling him a liar", "replied in a statement saying …"
            subject = speaker_token(frame, depth - 1) if depth else None
            if subject is not None:
                return subject
        if noun.dep_ == "dobj":  # "the council issued a statement saying …": the council
            issuer = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
            if issuer is not None:
                return issuer
        return noun
    left = verb.doc[verb.i - 1] if verb.i else None
    if (
        left is not None
        and left.pos_ in ("PROPN", "PRON")
        and left.dep_ == "pobj"
        and left.ent_type_ not in ("DATE", "TIME")
    ):
        return left
    return None


def _not_a_speaker(subject: Token, verb: Token) -> Token:
    """A subject the parse took from a dateline ("Washington (AFP) – Democrat Jane Doe has …"),
    a date ("Saturday at the convention Sen. Jane Doe said") or a party tag ("Gov. Jane Doe
    (R-OH) said") stands for the name between it and the verb, when there is one."""
    doc = subject.doc
    fronted = _after_fronted_participle(subject, verb)
    if fronted is not None:
        return fronted
    if not (
        subject.ent_type_ in ("DATE", "TIME")
        or _in_parentheses(subject)
        or DATELINE_AFTER.match(text_of(doc), subject.idx) is not None
    ):
        return subject
    for token in reversed(doc[subject.i + 1 : verb.i]):
        if token.ent_type_ in ("PERSON", "ORG") and not _in_parentheses(token):
            return token
    if _in_parentheses(subject):  # "Gov. Jane Doe (R-OH), said": the tag taken for the subject
        opener = next(
            (t for t in reversed(doc[max(subject.i - 4, 0) : subject.i]) if t.text == "("), None
        )
        name = doc[opener.i - 1] if opener is not None and opener.i > 0 else None
        if name is not None and name.pos_ == "PROPN" and name.ent_type_ in ("PERSON", "ORG"):
            return name
    return subject


def _after_fronted_participle(subject: Token, verb: Token) -> Token | None:
    """The noun phrase between the last comma and the verb when the parse took a fronted
    participle clause for the subject: "Briefing reporters in Kyiv, the minister said …"."""
    doc = subject.doc
    first = doc[subject.left_edge.i]
    participle = first.tag_ == "VBG" or (first.tag_ == "NN" and first.lower_.endswith("ing"))
    if not participle or not first.is_sent_start or subject.i > verb.i:
        return None
    commas = [t.i for t in doc[subject.i + 1 : verb.i] if t.text == ","]
    if not commas:
        return None
    lo = commas[-1] + 1
    roots = [
        t
        for t in doc[lo : verb.i]
        if not lo <= t.head.i < verb.i and t.pos_ in ("NOUN", "PROPN", "PRON")
    ]
    return roots[0] if len(roots) == 1 else None


def _in_parentheses(token: Token) -> bool:
    """Whether a token sits inside round brackets close by: "(R-OH)", "(AFP)"."""
    text = text_of(token.doc)
    before = text[max(0, token.idx - 12) : token.idx]
    after = text[token.idx : token.idx + len(token) + 12]
    closes = after.find(")")
    return before.rfind("(") > before.rfind(")") and closes != -1 and "(" not in after[:closes]


def _reported_thing(clause: Token) -> bool:
    """Whether a clause is what a speech verb reports, with a common noun for its subject that
    names no one ("the strategy had failed"): a speech verb joined to it is the reporter's."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (
        clause.dep_ == "ccomp"
        and is_speech(clause.head)
        and subject is not None
        and subject.pos_ == "NOUN"
        and not subject.ent_type_
        and not any(c.dep_ == "appos" for c in subject.children)
    )


def _stranded_subject(verb: Token) -> Token | None:
    """A name right before a finite verb that the parse left without a subject: "…, Obama and
    Clinton call them …" parsed with the names as conjuncts of the noun before them."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0 or verb.dep_ not in ("ROOT", "conj"):
        return None
    left = _before_party_tag(verb)
    if left is not None:
        return left
    left = verb.doc[verb.i - 1]
    if left.pos_ not in ("PROPN", "PRON") or left.head.i == verb.i or left.tag_ == "PRP$":
        return _fronted_name(verb) if verb.dep_ == "ROOT" else None
    while left.dep_ == "conj" and left.head.pos_ == "PROPN" and left.head.i < left.i:
        left = left.head
    return left


def _fronted_name(verb: Token) -> Token | None:
    """A name the parse hung on a phrase fronted before a main verb that has no subject: "As
    part of his plea, Jan Doe, 44, said …", "Speaking in Ohio, Doe, without naming him, accused
    …" (the name taken for an apposition of the phrase)."""
    before = [t for t in verb.doc[verb.sent.start : verb.i] if not t.is_punct]
    if (
        before
        and before[-1].ent_type_ in ("PERCENT", "CARDINAL")
        and before[-1].dep_ in ("nummod", "appos", "conj", "npadvmod", "dep")
    ):
        return before[-1]  # "About 4 in 10 say …", "…, about two-thirds, 67 percent, say …"
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        swallowed = (  # "Doe, who backed Roe, and opposed Poe, said": Doe taken by "opposed"
            token.dep_ == "nsubj" and token.head.dep_ == "ccomp" and token.head.head.i == verb.i
        )
        if token.dep_ not in ("appos", "dep", "npadvmod", "conj") and not swallowed:
            continue
        if token.ent_type_ in ("PERSON", "ORG") and token.pos_ == "PROPN":
            return token
        if token.pos_ == "NOUN" and (
            token.lower_ in PERSON_NOUNS  # "…, Jan Doe, the minority leader, said"
            or token.lemma_.lower() in PERSON_NOUNS
            or any(  # "…, House Speaker Jan Doe's office announced"
                c.dep_ == "poss" and c.ent_type_ in ("PERSON", "ORG") for c in token.children
            )
        ):
            return token
    return None


def _before_party_tag(verb: Token) -> Token | None:
    """A person or organisation named before a bracketed tag and a comma, right before a verb
    the parse left without a subject: "On Tuesday in Berea, Ohio, Gov. Jane Doe (R-OH), said
    …" parsed with the name as a conjunct of the place."""
    doc = verb.doc
    i = verb.i - 1
    while i > 0 and doc[i].text == ",":
        i -= 1
    if doc[i].text != ")":
        return None
    opener = next((j for j in range(i - 1, max(i - 8, 0), -1) if doc[j].text == "("), None)
    if opener is None or opener == 0:
        return None
    name = doc[opener - 1]
    if name.pos_ != "PROPN" or name.ent_type_ not in ("PERSON", "ORG") or name.head.i == verb.i:
        return None
    return name


def named_apposition(subject: Token) -> Token:
    """The person named beside a common-noun subject ("the adviser, Jane Doe, said"), else it."""
    if subject.pos_ != "NOUN" or subject.ent_type_:
        return subject
    for child in subject.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return child
    return subject


def outer_speaker(
    verb: Token, speaker: Token | None, quoted: Callable[[int], bool] | None = None
) -> tuple[Token, Token | None]:
    """The outermost speech verb whose clause holds this one, with its subject.

    Reported speech nested in reported speech belongs to the outer speaker: "Lynch said she
    recalled …", "Mook told CBS the campaign expects Holt to call out his 'lies'"; a coordinated
    verb ("…, but he said") keeps its own speaker. Verbs at offsets for which `quoted` is true
    (inside the quotation itself: '"… he said, 'Yes,'" Doe recalled') are never the outer one.
    """
    best = (verb, speaker)
    node = verb
    for _ in range(8):
        if node.head.i == node.i:
            break
        if node.dep_ in STOP_DEPS and any(c.dep_ in SUBJECT_DEPS for c in node.children):
            break  # "…, but he said": a coordinated clause with its own subject
        if _own_clause(node):
            break
        node = node.head
        if quoted is not None and quoted(node.idx):
            break
        if is_speech(node) and not any(c.dep_ == "neg" for c in node.children):
            outer = speaker_token(node, depth=1 if node.tag_ == "VBG" else 0)
            if outer is not None:
                best = (node, outer)
    cue, subject = best
    if subject is not None and subject.lower_ in ANAPHORS and _borrowed(cue, subject):
        return cue, _antecedent_subject(cue, subject)
    return best


def _own_clause(node: Token) -> bool:
    """A clause with a named subject of its own that the parse hung below a report: a relative
    ("an idea the German leader has called …") or a coordinated clause read as a complement
    ("Doe said …, and its economist, Jane Roe, warned …")."""
    named = any(c.dep_ in SUBJECT_DEPS and c.pos_ in ("NOUN", "PROPN") for c in node.children)
    if not named or node.dep_ not in ("relcl", "ccomp"):
        return False
    if node.dep_ == "relcl":
        return True
    doc, i = node.doc, node.left_edge.i - 1
    while i > 0 and doc[i].is_punct:
        i -= 1
    return i > 0 and doc[i].pos_ == "CCONJ" and doc[i].head.i != node.i


def _borrowed(verb: Token, subject: Token) -> bool:
    """Whether a pronoun speaks for a party named higher up: the cue sits in a relative clause
    ("what it called", "whom he described as") or takes the subject of a verb it hangs from."""
    if subject.head.i != verb.i:
        return True
    return any(c.tag_ in ("WP", "WDT") for c in verb.children) or verb.dep_ == "relcl"


def _antecedent_subject(verb: Token, pronoun: Token) -> Token:
    """For "he"/"it"/"they" in a clause below the main one, the main clause's subject when it
    can be the same party: "The council condemned the test as what it called a threat"."""
    person = pronoun.lower_ in ("he", "she")
    node = verb
    found = pronoun
    for _ in range(8):
        if node.head.i == node.i:
            break
        node = node.head
        for child in node.children:
            if child.dep_ != "nsubj" or child.i >= pronoun.i:
                continue
            if child.lower_ == pronoun.lower_:
                found = child
            elif child.pos_ == "PROPN" or (child.pos_ == "NOUN" and not person):
                is_person = child.ent_type_ == "PERSON"
                if child.pos_ != "PROPN" or is_person == person or child.ent_type_ == "":
                    found = child
    return found


def cue_of(verb: Token) -> Cue:
    """The cue span: the verb, or "according to"."""
    doc = verb.doc
    end = verb.i + 2 if verb.lower_ == "according" else verb.i + 1
    span = doc[verb.i : end]
    return Cue(span.start_char, span.end_char, span.text)


class EntityIndex:
    """Find the entity whose mention overlaps a character span."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc = doc
        self.text = text

    def find(self, start: int, end: int) -> Entity | None:
        """Return the entity with a mention overlapping [start, end), or None."""
        return entity_at(self.doc, start, end)


def speaker_for(token: Token | None, entities: EntityIndex) -> Speaker:
    """Build the Speaker record: the mention the sentence names and the entity it resolves to."""
    if token is None:
        return Speaker()
    start, end = mention(token)
    named = antecedent(token)  # "McConnell, who said …": the mention is "who", the name his
    entity = entities.find(named.idx, named.idx + len(named))
    if entity is None:
        entity = entities.find(*mention(named))
        if entity is not None and entity.type in ("NORP", "GPE") and named.tag_ == "NN":
            entity = None  # "the Ukrainian leader", "Kenya's health minister": one person
    if entity is not None:
        return Speaker(entity.id, entity.name, start, end)
    name = entities.text[slice(*mention(named))] if named.pos_ == "PROPN" else None
    return Speaker(None, name, start, end)


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("the senator, who said"), else the token itself."""
    if token.lower_ in RELATIVES and token.head.dep_ == "relcl" and token.head.head.i != token.i:
        return _named_before_apposition(token.head.head)
    return token


def _named_before_apposition(noun: Token) -> Token:
    """The name an apposition describes, right before its comma ("the Office for Budget
    Responsibility, Britain's forecaster, which said …": the Office), else the noun itself."""
    doc, lo = noun.doc, noun.left_edge.i
    if noun.dep_ != "appos" or noun.pos_ != "NOUN" or lo < 2 or doc[lo - 1].text != ",":
        return noun
    name = doc[lo - 2]
    return name if name.pos_ == "PROPN" and name.ent_type_ in ("ORG", "PERSON") else noun


def via_near(text: str, start: int, end: int, skip: Iterable[tuple[int, int]] = ()) -> str | None:
    """The relay phrase ("told AFP", "in a statement") in text[start:end], outside quoted spans."""
    for match in VIA.finditer(text, start, end):
        if not any(s <= match.start() < e for s, e in skip):
            return match.group().strip(" .,;:")
    return None


def being_asked(verb: Token) -> bool:
    """A question put to someone ("Asked whether he would run, Doe smiled", "Doe was asked about
    …"): reported speech whose speaker, the asker, is not named (the one asked is not it)."""
    return (
        verb.lemma_.lower() in BEING_ASKED
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("nsubj", "agent") for c in verb.children)
        and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    )


def on_a_sign(verb: Token) -> bool:
    """Words a sign, banner or shirt bears ("a sign reading …", "banners saying …", "the
    placard read …"): not speech."""
    if verb.dep_ in ("acl", "relcl") and verb.head.lemma_.lower() in SIGN_NOUNS:
        return True
    before = verb.doc[verb.i - 1] if verb.i else None
    if verb.tag_ == "VBG" and before is not None and before.lemma_.lower() in SIGN_NOUNS:
        return True  # "a placard reading …", however parsed
    return verb.lemma_.lower() in ("read", "say") and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in SIGN_NOUNS for c in verb.children
    )  # "the placard read …", not "all signs point to …"


def content_rule(verb: Token) -> tuple[str, tuple[int, int]] | None:
    """What a speech verb reports with the name of the rule that found it, or None: the rules of
    `CONTENT_RULES` are tried in order; "according to" has its own."""
    if verb.lower_ == "according":
        span = _according_content(verb)
        return ("according_to", span) if span is not None else None
    if any(c.dep_ == "dobj" and _not_words(verb, c) for c in verb.children):
        return None  # "called an election for June", "rebuffed the remarks, saying …"
    for name, rule in CONTENT_RULES:
        span = rule(verb)
        if span is NOTHING:
            return None  # the rule applies and finds no words: no other rule is asked
        if span is not None:
            return name, span
    return None


# What a content rule returns when it applies but leaves no words (the rules after it are not
# asked); None means the rule does not apply.
NOTHING = (-1, -1)


def _trimmed(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """`trim`, with `NOTHING` for an empty range."""
    span = trim(doc, lo, hi)
    return NOTHING if span is None else span


def _according_content(verb: Token) -> tuple[int, int] | None:
    """ "According to X, …" / "…, according to X.": the sentence round the cue."""
    doc = verb.doc
    head = verb.head
    if head.i == verb.i:  # "According to Doe, the move …" parsed with "According" as root
        end = verb.sent.end
        comma = next((t.i for t in doc[verb.i : end] if t.text == ","), None)
        return trim(doc, comma + 1, end) if comma is not None else None
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    if verb.left_edge.i <= lo + 1:
        lo = verb.right_edge.i + 1
    elif not _words_between(doc, verb.right_edge.i + 1, hi) or next(
        (t.pos_ == "ADP" for t in doc[verb.right_edge.i + 1 : hi] if not t.is_punct), True
    ):
        hi = verb.left_edge.i  # "…, according to X." / "…, according to X, on Friday."
    # else "Over the long term, according to X, the rise …": the sentence round the cue
    return trim(doc, lo, hi)


def _clause_content(verb: Token) -> tuple[int, int] | None:
    """A complement clause: "said (that) talks would resume", "Talks will resume, he said"."""
    doc = verb.doc
    for child in verb.rights:
        if child.dep_ == "ccomp":
            return _trimmed(doc, child.left_edge.i, _clause_end(verb, child))
    for child in verb.lefts:
        if child.dep_ == "ccomp":
            return _trimmed(doc, child.left_edge.i, child.right_edge.i + 1)
    return None


def _statement_clause(verb: Token) -> tuple[int, int] | None:
    """ "said in a statement that …", the clause parsed under the noun."""
    for child in verb.rights:
        if child.dep_ == "prep":
            for noun in (c for c in child.children if c.dep_ == "pobj"):
                for clause in noun.rights:
                    if clause.dep_ in ("acl", "relcl", "ccomp") and any(
                        c.dep_ == "mark" and c.lower_ == "that" for c in clause.lefts
                    ):
                        return _trimmed(verb.doc, clause.left_edge.i, clause.right_edge.i + 1)
    return None


def _parataxis_content(verb: Token) -> tuple[int, int] | None:
    """A cue set in its sentence: "The plan, he said, is dead." / "It is dead, he said."."""
    if verb.dep_ != "parataxis":
        return None
    doc = verb.doc
    head = verb.head
    if head.i < verb.i and verb.right_edge.i >= head.right_edge.i:
        after = next((t for t in doc[verb.i + 1 : verb.right_edge.i + 1] if t.text == ","), None)
        if (
            after is not None
            and _words_between(doc, after.i + 1, verb.right_edge.i + 1)
            and doc[after.i + 1].pos_ != "ADP"  # not "…, in a statement"
            and not is_speech(doc[after.i + 1])  # not "…, adding that …"
        ):
            # "… would be aided, Devine said, by the calendar": the cue sits inside
            return _trimmed(doc, head.left_edge.i, verb.right_edge.i + 1)
        return _trimmed(doc, head.left_edge.i, verb.left_edge.i)
    return _trimmed(doc, head.left_edge.i, head.right_edge.i + 1)


def _prep_content(verb: Token) -> tuple[int, int] | None:
    """Content after a preposition: "called for talks", "pointed to the vote as proof"."""
    for child in verb.rights:
        if child.dep_ == "prep" and (verb.lemma_.lower(), child.lower_) in PREP_CONTENT:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return _trimmed(verb.doc, objects[0].left_edge.i, _clause_end(verb, child))
    return None


def _adverbial_content(verb: Token) -> tuple[int, int] | None:
    """ "called for the government to act" parsed as an adverbial, "asked if …", "said yes"."""
    doc = verb.doc
    for child in verb.rights:
        if child.dep_ == "advcl":
            mark = next((c for c in child.lefts if c.dep_ == "mark"), None)
            if mark is not None and (verb.lemma_.lower(), mark.lower_) in PREP_CONTENT:
                return _trimmed(doc, mark.i + 1, _clause_end(verb, child))
            if mark is not None and mark.lower_ in ("if", "whether") and verb.lemma_ == "ask":
                return _trimmed(doc, mark.i, _clause_end(verb, child))  # "asked if he was …"
        if child.dep_ == "intj" and child.lower_ in ("yes", "no"):
            return child.i, child.i + 1  # "75 percent said yes"
    return None


def _object_content(verb: Token) -> tuple[int, int] | None:
    """What the verb's object or infinitive reports: "called him a liar", "told a meeting that
    …", "promised to act", "denied the report" (never for clause-only cues)."""
    if verb.lemma_.lower() in CLAUSE_ONLY | OBJECT_NOT_SAID:
        return None
    doc = verb.doc
    predicate = next((c for c in verb.rights if c.dep_ == "oprd"), None)
    named = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if predicate is not None and named is not None and named.i < predicate.i:
        # "called him a master at …": the object with what it was called
        return _trimmed(doc, named.left_edge.i, _clause_end(verb, predicate))
    if verb.lemma_.lower() in ADDRESSEE_OBJECT and named is not None:
        for token in named.subtree:  # "told a meeting of leaders that …", parsed as a relative
            if token.dep_ == "relcl" and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in token.lefts
            ):
                return _trimmed(doc, token.left_edge.i, token.right_edge.i + 1)
    for child in verb.rights:
        if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.lefts):
            return _trimmed(doc, child.left_edge.i, _clause_end(verb, child))
        if child.dep_ == "dobj":
            if _writes_a_work(verb, child):
                return NOTHING  # "wrote a letter", "posted a video": not what was said
            if child.lower_ in STANCE_NOUNS:
                return _trimmed(doc, child.left_edge.i, child.right_edge.i + 1)
            after = doc[child.right_edge.i + 1] if child.right_edge.i + 1 < len(doc) else None
            dative = any(c.dep_ == "dative" for c in verb.children) and not (
                after is not None and after.pos_ in ("AUX", "VERB")
            )  # "asked them a question", not "told him the nominee hadn't paid"
            if (dative or verb.lemma_.lower() not in ADDRESSEE_OBJECT) and child.pos_ != "PRON":
                return _trimmed(doc, child.left_edge.i, _clause_end(verb, child))
    return None


# Cues whose object is a thing, never what was said: "added a week of voting", "maintains a
# program" (what they report comes as a clause: "added that …", "maintained that …").
OBJECT_NOT_SAID = frozenset({"add", "maintain"})
# Verbs of writing or posting, and the works they make: "wrote a letter", "posted a video" name
# the work, not what it says.
WRITING_VERBS = frozenset({"write", "post", "publish", "send", "pen"})
WRITTEN_WORKS = ISSUED_DOCUMENTS | frozenset(
    {
        "book",
        "song",
        "clip",
        "article",
        "story",
        "profile",
        "comment",
        "syllabus",
        "piece",
        "editorial",
        "memoir",
        "report",
        "photo",
        "picture",
        "link",
        "tweets",
        "messages",
    }
)


# Verbs that answer someone else's words: what "rebuffed the remarks" names is not what was said
# ("reject" is not one: the lexicon, like PolNeAR, takes "rejected that argument" as reported).
ANSWERING_VERBS = frozenset({"rebuff", "dismiss"}) - OBJECT_CONTENT
# Nouns of words said, whose speaker is their possessor or the one answered ("the claim").
SAID_NOUNS = frozenset(row["word"] for row in tagged(SPEECH_NOUN_WORDS, "said"))
# Events one calls without saying anything: "called an early election", "called a strike".
CALLED_EVENTS = frozenset(
    {"election", "vote", "referendum", "strike", "meeting", "session", "halt", "timeout", "recess"}
)


def _not_words(verb: Token, obj: Token) -> bool:
    """An object that is not what the verb's subject said: another's words answered ("rebuffed
    the remarks", not "dismissed the pledges as …") or an event called ("called an election")."""
    lemma, noun = verb.lemma_.lower(), obj.lemma_.lower()
    if lemma == "call":
        return noun in CALLED_EVENTS and not any(c.dep_ == "oprd" for c in verb.children)
    return (
        lemma in ANSWERING_VERBS
        and noun in SAID_NOUNS
        and not any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    )


def _writes_a_work(verb: Token, obj: Token) -> bool:
    """Whether a verb of writing names the work it made ("wrote an op-ed", "posted a message on
    Twitter") rather than what was said."""
    if verb.lemma_.lower() not in WRITING_VERBS:
        return False
    doc, i = obj.doc, obj.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_:
        i -= 2  # "op-ed", tokenised "op - ed"
    return obj.lemma_.lower() in WRITTEN_WORKS or doc[i : obj.i + 1].text.lower() in WRITTEN_WORKS


# The rules that find what a speech verb reports, tried in order; the first that finds a
# span wins (its name is what `dateline eval quotes` counts).
CONTENT_RULES: tuple[tuple[str, Callable[[Token], tuple[int, int] | None]], ...] = (
    ("clause", _clause_content),
    ("statement_clause", _statement_clause),
    ("parataxis", _parataxis_content),
    ("prep_object", _prep_content),
    ("adverbial", _adverbial_content),
    ("object", _object_content),
)


def _words_between(doc: Doc, lo: int, hi: int) -> bool:
    """Whether tokens lo..hi hold a word (not only punctuation)."""
    return any(t.is_alpha or t.like_num for t in doc[lo:hi])


def _clause_end(verb: Token, content: Token) -> int:
    """End of reported content: the verb's clause with what is coordinated or subordinated to it
    ("…, but she knows …", "… because …"), stopping before a further cue ("…, adding")."""
    end = content.right_edge.i + 1
    for child in verb.rights:
        if child.i < end:
            continue
        if child.dep_ in ("parataxis", "ccomp") or (is_speech(child) and child.dep_ != "xcomp"):
            break  # "…, adding that …" reports on its own; "called on X to attack Y" goes on
        end = child.right_edge.i + 1
    return end


def trim(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Drop punctuation at both ends of a token range, and a dangling conjunction at its end;
    None when nothing is left."""
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    end = hi  # "… at all, but" / "Machado and": a conjunction whose other half is elsewhere
    while end - lo > 2 and (doc[end - 1].pos_ == "CCONJ" or doc[end - 1].is_punct):
        end -= 1
    if doc[end - 1].pos_ != "CCONJ":
        hi = end
    return (lo, hi) if hi - lo >= 2 else None

"""Code an actor noun phrase with a PLOVER country (alpha-3 or IGO/UNO/EUR/NGO) and sector."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from spacy.tokens import Doc, Span, Token

from dateline.records import Actor
from dateline.resources import fields, iso_countries
from dateline.stages.common import covering, text_of
from dateline.stages.events.lexicon import event_noun, lexicon
from dateline.stages.events.people import (
    GENERIC_HEADS,
    GROUP_HEADS,
    OFFICES,
    PARTY_NOUNS,
    PEOPLE,
    PERSON_ENDINGS,
    TITLES,
)

# Dependents that belong to a noun phrase when we cut it out of the sentence.
PHRASE_DEPS = {
    "det",
    "amod",
    "compound",
    "poss",
    "case",
    "nummod",
    "quantmod",
    "nmod",
    "prep",
    "pobj",
    "advmod",
    "npadvmod",
    "predet",
    "nn",
    "punct",
    "hyph",
    "cc",
    "conj",
}
TIME_DEPS = {"compound", "npadvmod", "nmod", "advmod", "det", "nummod"}
# Prepositions whose object still describes the actor ("supporters of X", "groups in Zimbabwe").
PHRASE_PREPS = {"of", "in", "from", "throughout", "across"}
PRONOUNS = {"i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "who"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}


def first_person(token: Token) -> bool:
    """A first-person pronoun (we, us, me...), never the all-caps "US" of the United States."""
    return token.lower_ in FIRST_PERSON and token.text != "US" and token.ent_type_ == ""


# The kinds whose match is the actor itself when it is the phrase's head.
SELF_KINDS = ("person", "metonym", "org", "capital")


@dataclass(frozen=True)
class Code:
    """One lexicon entry: what kind of form it is and the codes it carries."""

    kind: str
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class ActorLexicon:
    """Surface forms (lower-cased word tuples; all-caps forms kept exact) mapped to codes."""

    folded: dict[tuple[str, ...], Code]
    exact: dict[tuple[str, ...], Code]
    longest: int
    firsts: frozenset[str]  # the lower-cased first words of every form


def words(form: str) -> tuple[str, ...]:
    """Split a lexicon form the way spaCy tokenises simple names."""
    return tuple(form.replace("-", " - ").replace("'s", " 's").split())


@lru_cache(maxsize=1)
def _lexicon() -> ActorLexicon:
    """Load resources/actors.tsv once per process."""
    folded: dict[tuple[str, ...], Code] = {}
    exact: dict[tuple[str, ...], Code] = {}
    for kind, country, sector, forms in fields("actors.tsv"):
        code = Code(kind, country or None, sector or None)
        for form in forms.split("|"):
            key = words(form)
            if form.isupper() and len(form) <= 6:
                exact.setdefault(key, code)
            else:
                folded.setdefault(tuple(w.lower() for w in key), code)
    longest = max(len(k) for k in (*folded, *exact))
    firsts = frozenset(k[0].lower() for k in (*folded, *exact))
    return ActorLexicon(folded, exact, longest, firsts)


def _phrase(head: Token) -> list[Token]:
    """The tokens of the noun phrase headed by `head`, without clauses and appositions."""
    out = [head, *_entity_tokens(head)]
    for child in head.children:
        if child.dep_ not in PHRASE_DEPS:
            continue
        if child.dep_ == "prep" and (
            child.lower_ not in PHRASE_PREPS or not any(g.dep_ == "pobj" for g in child.children)
        ):
            continue  # not "commanders of" when "of" takes a clause ("of killing civilians")
        if child.dep_ in ("cc", "conj", "punct") and child.i > head.i:
            continue
        timed = child.ent_type_ in ("DATE", "TIME") and head.ent_type_ not in ("DATE", "TIME")
        if timed and child.dep_ in TIME_DEPS:
            continue  # "the six weeks city police": a time, not part of the name
        out.extend(_phrase(child) if child.dep_ != "prep" else _prep_tokens(child))
    return sorted(set(out), key=lambda t: t.i)


def _entity_tokens(head: Token) -> list[Token]:
    """The other tokens of the named entity `head` belongs to (walking the IOB tags locally)."""
    if head.ent_iob_ not in ("B", "I"):
        return []
    doc = head.doc
    start = head.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = head.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return [doc[i] for i in range(start, end) if i != head.i]


def _prep_tokens(prep: Token) -> list[Token]:
    """A preposition with its object phrase."""
    out = [prep]
    for child in prep.children:
        if child.dep_ == "pobj":
            out.extend(_phrase(child))
    return out


def _trimmed(tokens: list[Token]) -> list[Token]:
    """Drop leading and trailing punctuation and determiners' commas."""
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "cc"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    return tokens


def _matches(tokens: list[Token]) -> list[tuple[int, int, Code]]:
    """All lexicon matches in `tokens`, longest first at each position: (start, end, code)."""
    lex = _lexicon()
    found = []
    i = 0
    while i < len(tokens):
        if tokens[i].lower_ not in lex.firsts and tokens[i].lemma_.lower() not in lex.firsts:
            i += 1
            continue
        for n in range(min(lex.longest, len(tokens) - i), 0, -1):
            span = tokens[i : i + n]
            key = tuple(t.text for t in span)
            code = lex.exact.get(key) or lex.folded.get(tuple(w.lower() for w in key))
            if code is None and n == 1 and tokens[i].lemma_:
                code = lex.folded.get((tokens[i].lemma_.lower(),))
            if code is not None:
                found.append((i, i + n, code))
                i += n - 1
                break
        i += 1
    return found


def alpha3(alpha2: str | None) -> str | None:
    """ISO alpha-2 to alpha-3 (places carry alpha-2)."""
    if not alpha2:
        return None
    found = iso_countries().get(alpha2.upper())
    return found[0] if found else None


def entity_at(doc: Doc, token: Token):
    """The entity (from the entities stage) with a mention covering `token`, if any."""
    found = covering(doc, "entities", token.idx)
    return None if found is None else doc._.entities[found]


def _place_at(doc: Doc, token: Token):
    """The place (from the places stage) covering `token`, if any."""
    found = covering(doc, "places", token.idx)
    return None if found is None else doc._.places[found]


def _code_tokens(tokens: list[Token], head: Token) -> tuple[str | None, str | None]:
    """Country and sector for a phrase: the head's own code first, then its modifiers."""
    found = _matches(tokens)
    head_pos = tokens.index(head) if head in tokens else len(tokens) - 1
    country = sector = None
    head_code = None
    found = [
        (start, end, code)
        for start, end, code in found
        if not (code.kind == "country" and start > 0 and tokens[start - 1].lower_ == "ethnic")
    ]
    for start, end, code in found:
        if start <= head_pos < end:
            head_code = code
    if head_code is not None:
        if head_code.kind in SELF_KINDS or head_code.kind == "country":
            country = head_code.country
            sector = head_code.sector
        elif head_code.kind == "role" and head.lower_ not in GENERIC_HEADS:
            sector = head_code.sector
    # Modifiers before the head code the country ("Russian troops", "Iraq's government");
    # "of"/"in" objects after it come next ("groups in Zimbabwe").
    ordered = sorted(found, key=lambda m: (m[0] > head_pos, abs(m[0] - head_pos)))
    for start, end, code in ordered:
        if start <= head_pos < end:
            continue
        if country is None and code.country:
            country = code.country
            if sector is None and code.kind in ("person", "metonym", "org") and start > head_pos:
                sector = code.sector
        if sector is None and code.kind == "role" and start < head_pos:
            sector = code.sector
        if sector is None and code.kind in ("person", "metonym", "org") and start < head_pos:
            sector = code.sector
    if sector is None and head_code is not None and head_code.kind == "role":
        sector = head_code.sector
    return country, sector


PARTY_KINDS = ("country", "capital", "metonym", "org", "person", "role")
PARTY_ENTS = ("PERSON", "ORG", "GPE", "NORP")


def is_party(head: Token) -> bool:
    """Whether the phrase's head names a party (a state, group, person or role), not a thing.

    "Sweden", "the rebels", "Israeli officials" are parties; "Sweden's decision", "all official
    contact", "a military aid program" are things that only point at one.
    """
    if head.ent_type_ in PARTY_ENTS or head.pos_ == "PRON" or head.lower_ in PARTY_NOUNS:
        return True
    tokens = _trimmed(_phrase(head))
    if head not in tokens:
        return False
    at = tokens.index(head)
    return any(
        start <= at < end and code.kind in PARTY_KINDS for start, end, code in _matches(tokens)
    )


# Dependencies of a noun phrase's head: a listed people word there is a noun, whatever its tag.
NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr"}
# Words that name a police or court agency in an article ("the Sheriff's Office said").
AGENCY_WORDS = {
    "COP": {"police", "sheriff", "investigators", "detectives", "troopers", "officers"},
    "JUD": {"court", "judge", "courts", "tribunal"},
}


def agency(doc: Doc, sector: str) -> Actor | None:
    """The first police (COP) or court (JUD) agency the article names, coded, if any."""
    words = AGENCY_WORDS.get(sector, set())
    for token in doc:
        if token.lower_ not in words or token.pos_ not in ("NOUN", "PROPN"):
            continue
        head = token
        while head.dep_ in ("compound", "poss", "case", "amod") and head.head.i != head.i:
            head = head.head
        if head.lower_ not in words and head.lower_ not in ("office", "department", "service"):
            continue  # "Kenyan police fire tear gas": a headline, not a name
        found = code_actor(head)
        if found is not None and found.sector == sector:
            return found
    return None


def person_noun(token: Token) -> bool:
    """A common noun that names people or an organised group ("hackers", "the network"),
    or a count of them ("tens of thousands of students")."""
    word = token.lower_
    if token.ent_type_ in ("DATE", "TIME", "MONEY"):
        return False
    if token.pos_ not in ("NOUN", "PROPN"):  # "inmates" tagged as a verb
        return word in PEOPLE and token.dep_ in NOMINAL_DEPS
    if (
        word in GROUP_HEADS
        or word in PEOPLE
        or word in GENERIC_HEADS
        or (len(word) > 4 and word.endswith(PERSON_ENDINGS))
    ):
        return True
    objects = [g for c in token.children if c.lower_ == "of" for g in c.children]
    return (
        token.like_num
        or word in ("tens", "hundreds", "thousands", "dozens")
        and any(person_noun(o) for o in objects)
    )


# Where find_events keeps the actors it has coded for one doc (a doc's parse does not change
# while its events are found, and code_actor is asked about the same token many times).
MEMO = "dateline_events_actors"


def code_actor(head: Token, role: str = "actor") -> Actor | None:
    """Build the Actor for the phrase headed by `head`; None for pronouns nobody resolves."""
    memo = head.doc.user_data.get(MEMO)
    if memo is None:
        return _code_actor(head, role)
    key = (head.i, role)
    if key not in memo:
        memo[key] = _code_actor(head, role)
    return memo[key]


def _code_actor(head: Token, role: str) -> Actor | None:
    """code_actor without the memo."""
    doc = head.doc
    tokens = _trimmed(_phrase(head))
    if not tokens:
        return None
    named = the_country(head)
    if named is not None:
        return code_actor(named, role)
    if head.lower_ in PRONOUNS or head.pos_ == "PRON":
        entity = entity_at(doc, head)
        if entity is None or byline_only(doc, entity):
            found = antecedent(head)
            return code_actor(found, role) if found is not None else None
        return entity_actor(entity)
    tokens = _named_through(tokens, head)
    country, sector = _code_tokens(tokens, head)
    entity = entity_of(head)
    if entity is not None and entity_at(doc, head) is entity and _other_office(head, entity):
        entity = None  # "the trade minister" is not the prime minister
    if role == "actor" and entity is None and _thing(head):
        return None  # "state grant schemes recognise…": a thing acts on no one
    if country is None:
        country = _short_org_country(tokens)  # "the Party chief" after "the X Party of Vietnam"
    if country is None:
        place = _place_at(doc, head) or next(
            filter(None, (_place_at(doc, t) for t in tokens)), None
        )
        if place is not None:
            country = alpha3(place.country_code)
    if entity is not None:
        country = country or entity.country
        if sector is None and entity.title:
            sector = _code_title(entity.title)
    if sector is None and head.lower_ in OFFICES:
        sector = "GOV"  # "the Registrar of Companies"
    for appos in (c for c in head.children if c.dep_ == "appos") if country is None else ():
        apt = _trimmed(_phrase(appos))
        if apt:
            country, found = _code_tokens(apt, appos)
            sector = sector or found
    named = head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
    people = named or person_noun(head)  # "two inmates", "a man" are parties, uncoded
    if role == "recipient" and country is None and sector is None and entity is None and not people:
        return None
    if role == "recipient" and sector == "GOV" and head.lower_ in ("town", "towns", "city"):
        sector = "CVL"
    name = entity.name if entity is not None else _text_of(tokens)
    if entity is not None and entity_at(doc, head) is None:  # "Kenya's president William Ruto"
        appos = next(
            (c for c in head.children if c.dep_ == "appos" and entity_at(doc, c) is entity), None
        )
        if appos is not None:
            name = _text_of(tokens[:1] + _trimmed(_phrase(appos)))
    return Actor(entity=entity.id if entity else None, name=name, country=country, sector=sector)


def organs_of(head: Token) -> Actor | None:
    """A state's organs and people listed as one ("the Party, Government, Parliament and people of
    Finland"): the state itself, one party, when only the last conjunct names the country."""
    conjuncts = [c for c in head.conjuncts if c.i > head.i]
    if not conjuncts or head.pos_ != "PROPN":
        return None
    last = conjuncts[-1]
    objs = [
        o
        for p in last.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
    ]
    if len(objs) != 1 or not names_state(objs[0].text):
        return None
    organs = [head, *conjuncts[:-1]]
    if any(t.pos_ != "PROPN" or _code_tokens(_trimmed(_phrase(t)), t)[0] for t in organs):
        return None
    start = next(t for t in head.doc[head.left_edge.i : head.i + 1] if t.dep_ != "det")
    country, _ = code_name(objs[0].text)
    return Actor(None, _text_of(head.doc[start.i : objs[0].right_edge.i + 1]), country, "GOV")


def the_country(head: Token) -> Token | None:
    """The state a bare "the country" stands for: the last state named before it in its
    sentence outside the clause subjects ("cooperation with Russia and a partnership with
    the country" -> Russia)."""
    if head.lower_ != "country" or [c.lower_ for c in head.children] != ["the"]:
        return None
    sent = head.sent
    subjects = {t.i for s in sent if s.dep_ in ("nsubj", "nsubjpass") for t in s.subtree}
    for tok in reversed(sent[: head.i - sent.start]):
        if tok.ent_type_ == "GPE" and tok.i not in subjects and names_state(tok.text):
            return tok
    return None


def _short_org_country(tokens: list[Token]) -> str | None:
    """The country of an organisation named by one word of its full name ("the Party" after
    "the Communist Party of Vietnam"): the full name's, named before it."""
    doc = tokens[0].doc
    for tok in tokens:
        short = entity_at(doc, tok)
        if short is None or short.type != "ORG" or short.country or " " in short.name:
            continue
        for full in doc._.entities:
            named_before = full.mentions and full.mentions[0].start < tok.idx
            if (
                full.type == "ORG"
                and full.country
                and named_before
                and short.name in full.name.split()
            ):
                return full.country
    return None


def other_sides(head: Token, coded: Actor) -> list[Actor]:
    """The further sides of a group named by coordinated nationalities ("the Peruvian and
    Chilean delegations" -> the Chilean delegation): one party per further country."""
    sides = []
    for mod in head.children:
        if mod.dep_ not in ("amod", "compound", "nmod") or mod.i > head.i:
            continue
        for conj in mod.conjuncts:
            if conj.i < mod.i or conj.ent_type_ not in ("NORP", "GPE"):
                continue
            country, _ = code_name(conj.text)
            if country and country != coded.country:
                sides.append(Actor(None, f"{conj.text} {head.text}", country, coded.sector))
    return sides


# Modifiers that date a title without naming another office ("the former prime minister").
TITLE_TIMES = {"former", "then", "current", "new", "outgoing", "incoming", "late", "acting"}


def _other_office(head: Token, entity) -> bool:
    """A title description ("the trade minister") whose own words name another office than
    the title of the person it was linked to ("Prime Minister")."""
    if head.pos_ != "NOUN" or not entity.title:
        return False
    title = set(entity.title.lower().split())
    known = title | set(entity.name.lower().split()) | TITLE_TIMES
    return head.lower_ in title and any(
        c.dep_ in ("compound", "amod") and c.pos_ == "NOUN" and c.lower_ not in known
        for c in head.children
        if c.is_lower
    )


def byline_only(doc: Doc, entity) -> bool:
    """An entity named only in a byline ("By Jane Roe, The Daily Post"): the reporter, never
    the party a pronoun of the story stands for."""
    text = text_of(doc)
    named = [m for m in entity.mentions if m.text.lower() not in PRONOUNS]
    if not named:
        return False
    return all(text[max(0, m.start - 3) : m.start].lower() == "by " for m in named)


# Someone a singular pronoun may stand for, by the pronoun's gender.
HIS_PEOPLE = {"man", "boy", "father", "son", "husband", "brother", "teen", "teenager"}
HER_PEOPLE = {"woman", "girl", "mother", "daughter", "wife", "sister", "teen", "teenager"}


def _singular(pronoun: Token) -> Token | None:
    """The person an unresolved "he"/"him" ("she"/"her") stands for: the nearest subject
    before it in its sentence, else in the sentence before, that is a man (a woman) named
    by a common noun ("A young man and his mother sued police, alleging officers pinned him
    down")."""
    heads = HIS_PEOPLE if pronoun.lower_ in ("he", "him") else HER_PEOPLE
    sent = pronoun.sent
    before = list(reversed(sent[: pronoun.i - sent.start]))
    previous = list(pronoun.doc[sent.start - 1].sent) if sent.start > 0 else []
    return next(
        (t for t in before + previous if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in heads),
        None,
    )


def antecedent(pronoun: Token) -> Token | None:
    """The group an unresolved "they"/"them" stands for: for "them", the nearest plural party
    that is a subject before it in its sentence, never the subject of its own clause
    ("detectives kept them under investigation"); else (and for "they", whose own sentence
    the reporter rule reads) the first plural subject of the sentence before. A singular
    pronoun: see `_singular`."""
    if pronoun.lower_ in ("he", "him", "she", "her"):
        return _singular(pronoun)
    if pronoun.lower_ not in ("they", "them"):
        return None
    own = {c.i for c in pronoun.head.children if c.dep_ in ("nsubj", "nsubjpass")}
    sent = pronoun.sent
    before = list(reversed(sent[: pronoun.i - sent.start])) if pronoun.lower_ == "them" else []
    previous = list(pronoun.doc[sent.start - 1].sent) if sent.start > 0 else []
    for tok in before + previous:
        if tok.i in own or tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ == "PRON":
            continue
        plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
        party = is_party(tok) or person_noun(tok) or tok.ent_type_ in PARTY_ENTS
        if plural and party and tok.pos_ in ("NOUN", "PROPN"):
            return tok
    return None


def entity_actor(entity) -> Actor:
    """An entity of the entities stage as a party, coded by its name and title."""
    country, sector = code_name(entity.name)
    if entity.title:
        sector = _code_title(entity.title) or sector
    return Actor(entity.id, entity.name, entity.country or country, sector)


def other_person(pronoun: Token, taken: str | None) -> Actor | None:
    """Who a pronoun subject is when its resolution names its own clause's object ("He
    called Novak …" cannot be Novak): the last other person named in the three sentences
    before it."""
    doc = pronoun.doc
    if not doc.has_extension("entities") or not doc._.entities:
        return None
    sents = [s for s in doc.sents if s.start <= pronoun.i][-4:]
    floor = sents[0].start_char if sents else 0
    found = [
        (m.start, e)
        for e in doc._.entities
        if e.type == "PERSON" and e.id != taken
        for m in e.mentions
        if floor <= m.start < pronoun.idx
        and m.text[:1].isupper()
        and m.text.lower() not in PRONOUNS
    ]
    if found:
        return entity_actor(max(found, key=lambda f: f[0])[1])
    return _titled_subject(pronoun, sents[:-1], taken)


def _titled_subject(pronoun: Token, sents: list[Span], taken: str | None) -> Actor | None:
    """The last person named by a title as a subject in the sentences before ("The party
    chief made the remark at a dinner for Novak. He praised …": the chief), when no other
    person is named there."""
    for tok in (t for s in reversed(sents) for t in reversed(list(s))):
        if tok.dep_ != "nsubj" or tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ != "NN":
            continue
        entity = entity_at(pronoun.doc, tok)
        if tok.lower_ in TITLES and (entity is None or entity.id != taken):
            coded = code_actor(tok)
            if coded is not None and coded.sector is not None:
                return coded
    return None


def _thing(head: Token) -> bool:
    """A common noun for a thing, not a party or an act ("grant schemes", "the fuel
    tax"; "Russian shelling" stays an act whose modifier names the party)."""
    return (
        head.pos_ == "NOUN"
        and event_noun(head, lexicon()) is None
        and head.ent_type_ == ""
        and head.lower_ not in GENERIC_HEADS
        and not is_party(head)
        and not person_noun(head)
    )


def _named_through(tokens: list[Token], head: Token) -> list[Token]:
    """The phrase grown to a lexicon name that runs through a preposition the parse cut off
    ("Reporters Without Borders", "Committee to Protect Journalists")."""
    lex = _lexicon()
    doc = head.doc
    start = tokens[0].i
    if tokens[0].lower_ not in lex.firsts:
        return tokens
    for n in range(min(lex.longest, len(doc) - start), len(tokens), -1):
        span = doc[start : start + n]
        if not span.start <= head.i < span.end:
            continue
        key = tuple(t.text for t in span)
        code = lex.exact.get(key) or lex.folded.get(tuple(w.lower() for w in key))
        if code is not None and code.kind in ("org", "person", "metonym"):
            return list(span)
    return tokens


def entity_of(head: Token):
    """The entity a phrase head names: its own mention's, else its named apposition's, else
    the one person of the article whose full name holds it ("Kovac" after "Adam Kovac"),
    else the person a lede's "a man" turns out to be in the next sentence."""
    return (
        entity_at(head.doc, head)
        or _named_apposition(head)
        or _short_name(head)
        or _named_next(head)
    )


# Someone introduced without a name, named with an age in the next sentences.
SOMEONE = {"man", "woman", "teen", "teenager", "boy", "girl", "person", "driver", "suspect"}
AGED = re.compile(r",\s*\d{1,3}\s*,")


def _named_next(head: Token):
    """The person an indefinite "a man" of a lede is: the first person the next two sentences
    open with, followed by an age ("A woman was detained … Maria Lopez, 34, was charged")."""
    if head.lower_ not in SOMEONE or not any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children
    ):
        return None
    doc = head.doc
    if not doc.has_extension("entities") or not doc._.entities:
        return None
    text = text_of(doc)
    after = list(islice((s for s in doc.sents if s.start > head.i), 2))
    for sent in after:
        for entity in doc._.entities:
            if entity.type != "PERSON" or not entity.mentions:
                continue
            first = entity.mentions[0]
            if first.start == sent.start_char and AGED.match(text[first.end : first.end + 8]):
                return entity
    return None


def _short_name(head: Token):
    """The article's only PERSON entity with a longer name containing this proper noun."""
    if head.pos_ != "PROPN" or head.ent_type_ not in ("PERSON", ""):
        return None
    if not head.doc.has_extension("entities"):
        return None
    found = [
        e
        for e in head.doc._.entities or ()
        if e.type == "PERSON" and head.text in e.name.split() and e.name != head.text
    ]
    return found[0] if len(found) == 1 else None


def _named_apposition(head: Token):
    """The named entity a common-noun head is in apposition with ("Kenya's president William
    Ruto", "the group's leader, Abu Bakr"), if any."""
    if head.pos_ != "NOUN":
        return None
    for child in head.children:
        if child.dep_ != "appos" or child.ent_type_ not in ("PERSON", "ORG"):
            continue
        first = _trimmed(_phrase(child))[0]
        between = head.doc[head.i + 1 : first.i]
        if all(t.is_punct for t in between):  # right after the head, or after a comma
            return entity_at(head.doc, child)
    return None


def _code_title(title: str) -> str | None:
    """The sector a title implies ("Foreign Minister" -> GOV)."""
    for _, _, code in _matches_text(title):
        if code.kind == "role":
            return code.sector
    return None


def _matches_text(text: str) -> list[tuple[int, int, Code]]:
    """Lexicon matches in a plain string (used for titles and speaker names)."""
    lex = _lexicon()
    tokens = words(text)
    out = []
    for n in range(min(lex.longest, len(tokens)), 0, -1):
        for i in range(len(tokens) - n + 1):
            key = tokens[i : i + n]
            code = lex.exact.get(key) or lex.folded.get(tuple(w.lower() for w in key))
            if code:
                out.append((i, i + n, code))
    return out


def names_state(name: str | None) -> bool:
    """Whether a name is a country's or a capital's own name ("Armenia", "Kyiv"): a state,
    whatever the parser's entity label."""
    tokens = words(name or "")
    return (
        any(
            start == 0 and end == len(tokens) and code.kind in ("country", "capital")
            for start, end, code in _matches_text(name or "")
        )
        and not (name or "")[:1].islower()
    )


def code_name(name: str) -> tuple[str | None, str | None]:
    """Country and sector for a bare name such as a quote speaker's."""
    country = sector = None
    for _, _, code in _matches_text(name):
        country = country or code.country
        sector = sector or code.sector
    return country, sector


def _text_of(tokens: list[Token] | Span) -> str:
    """The exact text covered by the tokens."""
    tokens = list(tokens)
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def span_of(head: Token) -> tuple[int, int]:
    """Character offsets of the phrase headed by `head`."""
    tokens = _trimmed(_phrase(head)) or [head]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)

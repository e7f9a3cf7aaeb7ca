"""Event roles: the actor and recipient tokens of a trigger, read from the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from dateline.records import Actor
from dateline.stages.events.actors import (
    FIRST_PERSON,
    code_actor,
    entity_at,
    entity_of,
    first_person,
    is_party,
    person_noun,
)
from dateline.stages.events.details import PLACE_PREPS, quote_at
from dateline.stages.events.lexicon import Lexicon, base, event_noun, lexicon
from dateline.stages.events.people import GENERIC_HEADS, PEOPLE
from dateline.stages.events.triggers import Trigger, decree_issuer

RECIPIENT_PREPS = {
    "with",
    "on",
    "against",
    "to",
    "from",
    "at",
    "into",
    "toward",
    "towards",
    "upon",
    "between",
    "among",
}
NAMED_PARTIES = {"PERSON", "ORG", "GPE", "NORP"}
# Acts of the state that a sentence's named authority did when no agent is given.
STATE_ACTS = {"COERCE", "ACCUSE", "SANCTION", "RETREAT"}
# Other acts whose passive subject is the party they are done to ("was awarded a medal",
# "were pardoned", "most were released on bail").
UNDERGONE = {
    "RETREAT": ("release", "free"),
    "SUPPORT": ("award", "decorate", "honour", "honor"),
    "CONCEDE": ("pardon", "acquit", "amnesty"),
}
STATE_SECTORS = {"GOV", "COP", "JUD", "MIL"}
# Heads of the names of public bodies ("the State Forestry Service", "the Sheriff's Office").
PUBLIC_BODIES = {
    "service",
    "department",
    "office",
    "agency",
    "bureau",
    "ministry",
    "authority",
    "commission",
    "patrol",
}
# Sectors of the officials a party instructs or urges (its secretary, its lawmakers).
STAFF_SECTORS = {"GOV", "LEG", "JUD", "COP", "PTY"}
# Acts whose "from" object is the party acted on even beside a "to" ("withdrew from X to Y").
SOURCE_TYPES = {"RETREAT"}
# Words that bring in examples of the parties ("on car parts, including from Mexico").
EXAMPLE_PREPS = {"including", "especially", "notably", "particularly"}
# Prepositions whose event-noun object points at the parties ("for a war against Iraq").
EVENT_PREPS = {"for", "during", "amid", "over"}
HANDOVER_PREPS = {"of", "by", "for"}
# "accused X of killing", "blamed X for shelling": X is the one who acted.
CONTROL_PREPS = {"of", "for"}
# Acts that move a thing to or from a party: the goal, not the object, is the recipient.
THEME_TYPES = {"AID", "AGREE", "RETREAT", "MOBILIZE", "SANCTION", "COOPERATE", "CONCEDE"}


def actor_token(trig: Trigger, type_: str, lex: Lexicon) -> Token | None:
    """The actor: the subject (the agent when passive), else one inherited or reported, else
    the owner of the event noun (or, for a passive attack, of the attack that caused it)."""
    pred = trig.pred
    passive = passive_subject(pred) is not None and trig.word.i == pred.i
    actor = _agent(pred) if passive else subject(pred)
    if actor is None and not passive:
        actor = _agent(pred) or inherited_subject(pred, lex)  # "talks mediated by Qatar"
    if actor is not None and actor.lower_ in ("it", "they", "he", "she"):
        reporter = reporter_of(pred, lex)
        if reporter is not None and _stands_for(actor, _real_head(reporter)):
            actor = reporter
    if trig.word.i != pred.i and actor is None:
        actor = noun_owner(trig.word)
    if actor is None and pred.pos_ in ("NOUN", "PROPN") and pred.dep_ != "ROOT":
        between = _between(pred) if type_ == "CONSULT" else None  # "talks between X and Y"
        actor = noun_owner(pred) or between or _participant(pred)
        if actor is not None and actor.pos_ == "PRON" and actor.dep_ == "poss":
            actor = _participant(pred) or actor  # "South Korea continues its exercises"
        if actor is None and type_ == "CONSULT" and _talks_with(pred):
            actor = reporter_of(pred.head, lex)  # "Iran said talks with the US will resume"
    if type_ == "ASSAULT" and passive and actor is None:
        cause = next((g for g in _causes(pred) if event_noun(g, lex) is not None), None)
        actor = noun_owner(cause) if cause is not None else None
        if actor is None:  # "killed in police firing": the party doing the firing
            actor = next(filter(None, (_firing_party(g) for g in _causes(pred))), None)
    if actor is None and passive and type_ in STATE_ACTS:
        actor = sentence_agent(pred)  # "were charged, according to the Forestry Service"
    if actor is None and passive:
        actor = decree_issuer(pred)  # "under a presidential decree, … was awarded"
    return _real_head(actor) if actor is not None else None


def sentence_agent(pred: Token) -> Token | None:
    """The state body a sentence names beside an agentless state act: its source ("according
    to the State Forestry Service") or the subject of a conjoined clause ("was charged but
    authorities have refused…"), or a public body reporting it ("…, the service said"), by the
    name the article gave it before ("the Texas Fire Service"). Another reporter ("…, police
    said") is left to the article's agency."""
    found = [
        g
        for tok in pred.sent
        if tok.lower_ == "according"
        for to in tok.children
        if to.lower_ == "to"
        for g in to.children
        if g.dep_ == "pobj"
    ]
    found += [s for c in pred.children if c.dep_ == "conj" and (s := subject(c)) is not None]
    reporter = reporter_of(pred, lexicon())
    if reporter is not None and reporter.lower_ in PUBLIC_BODIES and _bare(reporter):
        found.extend(filter(None, [_named_before(reporter)]))
    for cand in found:
        coded = code_actor(cand)
        if coded is not None and (coded.sector in STATE_SECTORS or cand.lower_ in PUBLIC_BODIES):
            return cand
    return None


def _bare(noun: Token) -> bool:
    """A noun with no word of its own but "the" ("the service", not "Ansa news agency")."""
    return [c.lower_ for c in noun.children if c.dep_ not in ("punct",)] == ["the"]


def _named_before(body: Token) -> Token | None:
    """The head of the name an earlier sentence gave a body now called "the service"."""
    return next(
        (
            t
            for t in reversed(body.doc[: body.sent.start])
            if t.lower_ == body.lower_ and t.pos_ == "PROPN"
        ),
        None,
    )


def _talks_with(noun: Token) -> bool:
    """A meeting noun, subject of its clause, that names the other side ("talks with X")."""
    return noun.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in noun.children
    )


def _firing_party(cause: Token) -> Token | None:
    """The party of a gerund cause: "in police firing" (parsed either way round)."""
    if is_party(cause) and any(c.dep_ == "acl" and c.tag_ == "VBG" for c in cause.children):
        return cause
    if cause.tag_ == "VBG":
        return next(
            (c for c in cause.children if c.dep_ in ("compound", "poss") and is_party(c)), None
        )
    return None


def _stands_for(pronoun: Token, noun: Token) -> bool:
    """Whether a third-person pronoun may refer to `noun`: its own resolution (if any) names
    the same entity, and it agrees in number and person-hood ("they" is no "the minister")."""
    own = entity_at(pronoun.doc, pronoun)
    if own is not None:
        other = entity_at(noun.doc, noun)
        return other is not None and own.id == other.id
    if noun.pos_ == "PRON":
        return noun.lower_ == pronoun.lower_
    person = noun.ent_type_ == "PERSON"
    plural = noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "cc" for c in noun.children)
    if pronoun.lower_ in ("he", "she"):
        return not plural and (person or noun.ent_type_ == "" and noun.pos_ == "NOUN")
    if pronoun.lower_ == "it":
        return not plural and not person
    return not person or plural  # "they": a plural, or a group or state ("Russia ... they")


def _causes(pred: Token) -> list[Token]:
    """Objects of the predicate's prepositions and by-agent ("killed in a crash")."""
    return [g for c in pred.children if c.dep_ in ("prep", "agent") for g in c.children]


def accidental(pred: Token, lex: Lexicon) -> bool:
    """A cause that voids an attack: an accident or a natural disaster."""
    return any(g.lemma_.lower() in lex.accident for g in _causes(pred))


def subject(pred: Token) -> Token | None:
    """The grammatical subject of a predicate (for adjectives, the copula's subject)."""
    for child in pred.children:
        if child.dep_ in ("nsubj", "csubj") and not _dateline_word(child):
            return child
        if child.dep_ == "nsubjpass" and _contracted_perfect(pred):
            return child
    if pred.dep_ == "acomp":
        return subject(pred.head)
    if pred.dep_ == "acl" and pred.tag_ == "VBG" and pred.head.pos_ in ("NOUN", "PROPN"):
        return pred.head  # "teachers striking in West Virginia"
    if _interrupted(pred):
        return pred.head  # "Okafor, 71, called the ruling unlawful"
    return None


def _interrupted(pred: Token) -> bool:
    """A main verb the parser hung on its subject as a participle because an apposition
    came between them: right after a comma, with an object of its own."""
    return (
        pred.dep_ == "acl"
        and pred.tag_ in ("VBN", "VBD")
        and pred.head.pos_ == "PROPN"
        and pred.i > 0
        and pred.doc[pred.i - 1].text == ","
        and any(c.dep_ in ("dobj", "oprd", "ccomp") for c in pred.children)
    )


def _contracted_perfect(pred: Token) -> bool:
    """ "He's ordered his staff": a contracted "has" read as a passive "is", which takes
    no direct object."""
    return any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in pred.children) and any(
        c.dep_ == "dobj" for c in pred.children
    )


def passive_subject(pred: Token) -> Token | None:
    """The nsubjpass of a passive predicate."""
    if _contracted_perfect(pred):
        return None
    subjects = [c for c in pred.children if c.dep_ == "nsubjpass"]
    return next((c for c in subjects if not _dateline_word(c)), subjects[0] if subjects else None)


def _agent(pred: Token) -> Token | None:
    """The by-phrase object of a passive predicate."""
    for child in pred.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def inherited_subject(pred: Token, lex: Lexicon) -> Token | None:
    """Subject for a predicate without one: shared from a conjunct, controller or reporter."""
    node = pred
    for _ in range(5):
        if (
            node.dep_ in ("conj", "xcomp", "advcl", "acomp", "ccomp", "dep")
            and node.head.i != node.i
        ):
            head = node.head
            if node.dep_ == "xcomp":
                obj = next((c for c in head.children if c.dep_ in ("dobj",)), None)
                if (raised := passive_subject(head)) is not None and obj is None:
                    return raised
                lemma = head.lemma_.lower()
                if obj is not None and lemma in lex.frames and lex.frames[lemma] == "REQUEST":
                    return obj
            found = subject(head) or (passive_subject(head) if node.dep_ == "conj" else None)
            if found is not None:
                return found
            node = head
        elif node.dep_ == "relcl":
            return node.head
        elif node.dep_ == "pcomp" and node.head.lower_ in CONTROL_PREPS:
            return _controller(node.head)
        else:
            break
    return None


def _controller(prep: Token) -> Token | None:
    """Who does the act in an "of"/"for" clause: the noun it hangs on ("commanders of
    killing civilians"), else the object of the verb ("accused Russia of shelling")."""
    host = prep.head
    if host.i == prep.i:
        return None
    if host.pos_ in ("NOUN", "PROPN"):  # a party, not "a call for sending" or "its target"
        return host if host.dep_ != "pobj" and is_party(host) else None
    return next((c for c in host.children if c.dep_ == "dobj"), None)


def _real_head(token: Token) -> Token:
    """Resolve relative pronouns, 'of'-quantities and datelines to the noun they stand for."""
    if _dateline_word(token):  # "RIVERTON — A local couple … was charged": the couple
        named = next((c for c in token.children if c.dep_ == "appos"), None)
        if named is not None:
            return named
    if token.lower_ in ("who", "whom", "which", "that") and token.head.dep_ == "relcl":
        return token.head.head
    if token.lower_ in OF_QUANTITIES:
        of = next((c for c in token.children if c.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        if obj is not None:
            return obj
    return token


# Heads that stand for the people of their "of" phrase ("dozens of students", "one of the guards").
OF_QUANTITIES = {
    "thousands",
    "hundreds",
    "dozens",
    "scores",
    "group",
    "number",
    "some",
    "one",
    "two",
    "three",
    "several",
}


def _dateline_word(token: Token) -> bool:
    """An all-capitals place name opening a sentence before a dash ("RIVERTON —")."""
    return (
        token.is_upper
        and len(token) > 1
        and token.i - token.sent.start < 3
        and token.i + 1 < len(token.doc)
        and token.doc[token.i + 1].text in ("—", "–", "--", "-")
    )


def reporter_of(pred: Token, lex: Lexicon) -> Token | None:
    """The subject of the reporting verb whose complement holds `pred`."""
    node = pred
    for _ in range(4):
        if node.dep_ in ("ccomp", "xcomp", "acomp", "conj") and node.head.i != node.i:
            head = node.head
            if base(head, lex) in lex.report:
                return subject(head) or inherited_subject(head, lex)
            node = head
        else:
            break
    return None


def conjunct_reporter(pred: Token, actor: Token | None, lex: Lexicon) -> Token | None:
    """The reporter of the reported clause a verb is conjoined to, when the verb's object
    pronoun agrees with the subject it would inherit ("the commissioner said the party failed
    to report and asked it to…": "it" is never the asker, who would ask itself)."""
    if actor is None or pred.dep_ != "conj" or pred.head.dep_ != "ccomp":
        return None
    if subject(pred) is not None or actor.i in {t.i for t in pred.subtree}:
        return None
    plural = actor.tag_ in ("NNS", "NNPS")
    agrees = {"it": not plural and actor.ent_type_ != "PERSON", "them": plural}
    if not any(c.dep_ == "dobj" and agrees.get(c.lower_) for c in pred.children):
        return None
    return reporter_of(pred.head, lex)


def _between(noun: Token) -> Token | None:
    """The first of the parties a meeting noun is between ("talks between X and Y")."""
    return next(
        (
            g
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "between"
            for g in c.children
            if g.dep_ == "pobj"
        ),
        None,
    )


def _participant(noun: Token) -> Token | None:
    """Who takes part in an event noun that a clause is about: the subject of the verb whose
    object it is ("supporters set off on a march", "teachers are in a walkout")."""
    node = noun
    while node.dep_ in ("pobj", "prep", "dobj", "attr", "pcomp") and node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            found = subject(node)
            return None if found is None or found.ent_type_ in ("DATE", "TIME") else found
    return None


def noun_owner(noun: Token) -> Token | None:
    """Who an event noun belongs to: "Russia's attack", "Russian strikes", "attacks by rebels"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
            return noun
    for child in noun.children:
        if child.dep_ == "compound" and child.pos_ == "NOUN" and is_party(child):
            return child  # "police surveillance", "army shelling"
    return None


@dataclass
class Slots:
    """The dependents that may name a trigger's recipient, by the role that orders them."""

    objects: list[Token] = field(default_factory=list)
    goals: list[Token] = field(default_factory=list)
    places: list[Token] = field(default_factory=list)
    conditions: list[Token] = field(default_factory=list)


def find_recipient(trig: Trigger, actor_tok: Token | None) -> Token | None:
    """The party acted on: object, dative, object-control NP, ccomp subject or a prep object.

    For acts that move a thing (give X to Y, withdraw X from Y) the goal comes before the
    object; objects owned by the actor ("its troops") are themes, never recipients. A thing
    that points at a party hands over to it ("Sweden's decision" -> Sweden, "contact with the
    United States" -> United States); the subject of a threat's if/unless condition comes next
    ("threatened to strike unless Israel rescinded"); a place the act happens in is the last
    resort ("imposed a curfew in Cizre").
    """
    lex = lexicon()
    slots = Slots()
    for t in _nested(trig):
        for host in _hosts(t):
            for child in host.children:
                _fill(slots, child, host, t, lex)
    if not slots.objects and _undergoes(trig) and (shared := _conjoined_passive(trig.pred)):
        slots.objects.append(_real_head(shared))  # "were convicted … and sentenced"
    if not slots.objects and not slots.goals:
        slots.objects.extend(_shared_objects(trig.pred))  # "supports and wants Chile to…"
    if not slots.objects and _undergoes(trig) and _passive_modifier(trig.pred):
        slots.objects.append(trig.pred.head)  # "a man charged with fraud"
    themed = trig.rule.type in THEME_TYPES or (
        trig.inner is not None and trig.inner.rule.type in THEME_TYPES
    )
    if trig.rule.type not in SOURCE_TYPES:  # "a march from the square to the court"
        slots.goals.sort(key=lambda g: g.head.lower_ == "from")
    ordered = (slots.goals + slots.objects) if themed else (slots.objects + slots.goals)
    return _first_party(
        ordered + slots.conditions + [("place", p) for p in slots.places], actor_tok, lex, themed
    )


def _shared_objects(pred: Token) -> list[Token]:
    """The object a verb with none shares with the verb conjoined after it ("condemned and
    rejected the decision", "supports and wants Chile to join the talks")."""
    out = []
    for conj in pred.children:
        if conj.dep_ != "conj" or conj.pos_ != "VERB" or conj.i < pred.i:
            continue
        if subject(conj) is not None or passive_subject(conj) is not None:
            continue
        for child in conj.children:
            if child.dep_ == "dobj":
                out.append(child)
            elif child.dep_ == "ccomp" and child.i > conj.i and (subj := subject(child)):
                out.append(subj)
    return out


def _passive_modifier(pred: Token) -> bool:
    """A past participle modifying the noun it was done to ("a man charged with fraud",
    "the envoys expelled last week")."""
    return (
        pred.dep_ == "acl"
        and pred.tag_ == "VBN"
        and pred.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("dobj", "oprd", "nsubj") for c in pred.children)
    )


def _elided(obj: Token) -> Token:
    """A bare number object stands for the noun counted in a parallel clause of the same verb
    ("Norway expelled five envoys, Denmark expelled two" -> envoys)."""
    if not (obj.like_num and obj.pos_ == "NUM" and obj.dep_ == "dobj"):
        return obj
    verb = obj.head.lemma_.lower()
    for tok in reversed(obj.sent[: obj.i - obj.sent.start]):
        if (
            tok.dep_ == "dobj"
            and tok.head.lemma_.lower() == verb
            and tok.pos_ == "NOUN"
            and any(c.dep_ == "nummod" for c in tok.children)
        ):
            return tok
    return obj


def reversed_roles(trig: Trigger) -> tuple[Token | None, Token | None]:
    """Actor and recipient tokens of an act named by what its party undergoes: "X faces
    charges", "X is under investigation" (agent: the noun's owner, "police surveillance"),
    and "police have (keep, put) X under investigation" (agent: the subject); else the body
    the sentence names as its source ("X faces charges, the service said")."""
    pred = trig.pred
    owner = noun_owner(trig.word) if trig.word.i != pred.i else None
    held = next((c for c in pred.children if c.dep_ == "dobj" and c.i != trig.word.i), None)
    under = trig.word.dep_ == "pobj" and trig.word.head.lower_ == "under"
    if held is not None and under and trig.word.head.head.i == pred.i:
        return owner or subject(pred), held
    if owner is None and held is not None and held.lemma_.lower() in trig.rule.words:
        owner = _giver(held)  # "has approval from the legislature", "won the party's backing"
    return owner or sentence_agent(pred), subject(pred) or passive_subject(pred)


def _giver(noun: Token) -> Token | None:
    """Who gave what a subject received: the noun's owner, its "from" object, or an "of"
    object that is a party ("the backing of the council", not "approval of the budget")."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    if owner is not None:
        return owner
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "of")):
        for giver in (g for g in prep.children if g.dep_ == "pobj"):
            if prep.lower_ == "from" or is_party(giver):
                return giver
    return None


def _conjoined_passive(pred: Token) -> Token | None:
    """The passive subject a bare participle shares with the passive it is conjoined to
    ("were convicted of inciting unrest and sentenced", even when the parser hangs the
    participle on the gerund)."""
    if pred.dep_ != "conj" or pred.tag_ != "VBN" or subject(pred) or passive_subject(pred):
        return None
    node = pred.head
    for _ in range(3):
        if (found := passive_subject(node)) is not None:
            return found
        if node.dep_ not in ("conj", "pcomp", "prep") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _nested(trig: Trigger) -> list[Trigger]:
    """The trigger and the complements folded into it, outermost first."""
    chain = [trig]
    while chain[-1].inner is not None:
        chain.append(chain[-1].inner)
    return chain


def _fill(slots: Slots, child: Token, host: Token, t: Trigger, lex: Lexicon) -> None:
    """File one dependent of a host under the role it may play."""
    dep = child.dep_
    if dep == "dative" and child.pos_ == "ADP":  # "granted amnesty to 300 prisoners"
        slots.goals.extend(g for g in child.children if g.dep_ == "pobj")
    elif dep in ("dobj", "dative", "obj") and child.i != t.word.i:
        (slots.goals if dep == "dative" else slots.objects).append(_elided(child))
    elif dep == "oprd" and child.pos_ == "PROPN" and child.ent_type_ in NAMED_PARTIES:
        slots.objects.append(child)  # "called Novak 'a hero'"
    elif dep == "prep" and child.lower_ == "of" and host.pos_ in ("NOUN", "PROPN"):
        slots.objects.extend(g for g in child.children if g.dep_ == "pobj")
    elif dep == "nsubjpass" and _undergoes(t):
        undergoer = _real_head(child)  # "two men were arrested", "diplomats were expelled"
        if not _dateline_word(undergoer):
            slots.objects.append(undergoer)
    elif dep == "ccomp" and child.i > host.i and (subj := subject(child)) is not None:
        slots.objects.append(subj)
    elif dep == "prep" and child.lower_ in t.rule.words:
        slots.objects.extend(g for g in child.children if g.dep_ == "pobj")
    elif dep == "prep" and child.lower_ in RECIPIENT_PREPS:
        slots.goals.extend(g for g in child.children if g.dep_ == "pobj")
    elif dep == "prep" and child.lower_ in EXAMPLE_PREPS:  # "tariffs, including from Mexico"
        slots.goals.extend(_prep_objects(child) + [g for g in child.children if g.dep_ == "pobj"])
    elif dep == "prep" and child.lower_ in PLACE_PREPS | EVENT_PREPS:
        for g in child.children:
            if g.dep_ == "pobj" and event_noun(g, lex) is not None:
                slots.goals.extend(_handover(g))
            elif g.dep_ == "pobj" and child.lower_ in PLACE_PREPS:
                slots.places.append(g)
    elif dep == "advcl" and (cond := _condition_subject(child)) is not None:
        slots.conditions.append(cond)


def _undergoes(t: Trigger) -> bool:
    """Acts whose passive subject is the party acted on: attacks, arrests, charges,
    sanctions, and releases of people ("most were released on bail")."""
    kind, lemma = t.rule.type, t.word.lemma_.lower()
    return kind in ("ASSAULT", "COERCE", "ACCUSE", "SANCTION") or (lemma in UNDERGONE.get(kind, ()))


def _first_party(
    queue: list, actor_tok: Token | None, lex: Lexicon, themed: bool = True
) -> Token | None:
    """The first candidate in `queue` that codes as a party; places ("place", token) count
    only with a country, and a thing that is no party hands over to what it points at."""
    seen: set[int] = set()
    while queue:
        item = queue.pop(0)
        is_place = isinstance(item, tuple)
        cand = _real_head(item[1] if is_place else item)
        if cand.i in seen:
            continue
        if actor_tok is not None and _coreferent(cand, actor_tok):
            if cand.pos_ == "PRON" and cand.i != actor_tok.i:
                return None  # "he invited him": someone else, whom the resolution missed
            if actor_tok.lower_ in ("he", "she") and cand.pos_ == "PROPN" and not is_place:
                return cand  # "He called Novak …": the name stands, the "he" was misread
            continue
        seen.add(cand.i)
        if cand.pos_ == "PRON" and cand.lower_ not in ("him", "her", "his", "them", "us", "me"):
            continue
        if first_person(cand) and quote_at(cand.doc, cand.idx) is not None:
            return cand  # the speaker's side: events.py codes it as the speaker
        coded = _recipient_code(cand, lex, actor_tok, themed)
        if coded is not None and not is_place and not is_party(cand) and not person_noun(cand):
            party = next(
                (
                    h
                    for h in _pointers(cand) + _located(cand)
                    if is_party(h) and not (actor_tok is not None and _coreferent(h, actor_tok))
                ),
                None,
            )
            if party is not None and code_actor(party, "recipient") is not None:
                return party
            if coded.country is None:
                coded = None
        if coded is not None and (not is_place or coded.country):
            return cand
        if not is_place:  # a thing: what it points at, then where it stands
            queue[:0] = _handover(cand) + [("place", g) for g in _located(cand)]
    return None


def _someone_else(pronoun: Token, actor_tok: Token | None) -> bool:
    """Whether a resolved pronoun names another party than the actor."""
    own = entity_at(pronoun.doc, pronoun)
    if own is None or actor_tok is None or pronoun.lower_ in FIRST_PERSON:
        return False
    return not _coreferent(pronoun, actor_tok)


def _coreferent(a: Token, b: Token) -> bool:
    """Whether two tokens are one party: the same token, or mentions of the same entity."""
    if a.i == b.i:
        return True
    first = entity_of(a)
    if first is None:
        return False
    second = entity_of(b)
    return second is not None and first.id == second.id


def _recipient_code(
    cand: Token, lex: Lexicon, actor_tok: Token | None = None, themed: bool = True
) -> Actor | None:
    """The candidate coded as a recipient; none for what the actor's pronoun owns in an act
    that moves it ("deployed its troops"; an unresolved owner counts as the actor's) and for
    event nouns that name no entity. "They attacked her supporters" keeps a recipient when
    "her" is someone else; "ordered his staff", "urged its members" keep the actor's
    own people, whom other acts address."""
    owner = next((c for c in cand.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if owner is not None and not _someone_else(owner, actor_tok) and (themed or not _staff(cand)):
        return None
    if event_noun(cand, lex) is not None and cand.ent_type_ == "":
        return None
    return code_actor(cand, "recipient")


def _staff(noun: Token) -> bool:
    """People of an office ("his secretary", "its members", "her aides"), not a force or a
    thing ("its troops", "its borders")."""
    if noun.lower_ in PEOPLE or noun.lower_ in GENERIC_HEADS:
        return True
    coded = code_actor(noun, "recipient")
    return coded is not None and coded.sector in STAFF_SECTORS and noun.pos_ == "NOUN"


def _hosts(trig: Trigger) -> list[Token]:
    """Tokens whose dependents may hold the recipient: the predicate, the trigger word, and
    the verbs a frame governs when they are no trigger themselves ("threatened to break
    relations with Russia")."""
    out = [trig.pred] if trig.word.i == trig.pred.i else [trig.pred, trig.word]
    if trig.inner is None:
        node = trig.pred
        for _ in range(2):
            comp = next((c for c in node.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            if comp is None:
                break
            out.append(comp)
            node = comp
    return out


def _condition_subject(clause: Token) -> Token | None:
    """The subject of an if/unless clause: the party a threat or offer is addressed to."""
    if not any(c.lower_ in ("if", "unless") and c.dep_ == "mark" for c in clause.children):
        return None
    return subject(clause) or passive_subject(clause)


def _located(noun: Token) -> list[Token]:
    """Objects of a noun's "in" phrase ("targets in Jericho")."""
    return [
        g
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "in"
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _pointers(thing: Token) -> list[Token]:
    """The parties a thing belongs to or concerns: its owner and its with/for/of... objects."""
    return _owners(thing) + _prep_objects(thing)


def _handover(noun: Token) -> list[Token]:
    """Where to look when a noun is not a party itself: its owner, modifiers and objects."""
    modifiers = [
        c
        for c in noun.children
        if c.dep_ in ("compound", "amod") and c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
    ]
    people = [c for c in noun.children if c.dep_ == "poss" and c.lower_ in ("his", "her")]
    return _owners(noun) + modifiers + _prep_objects(noun) + _appositions(noun) + people


def _appositions(noun: Token) -> list[Token]:
    """People named beside a common noun ("his rival, Raila Odinga"): whom it stands for."""
    if noun.pos_ == "PROPN":
        return []
    return [c for c in noun.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]


def _owners(noun: Token) -> list[Token]:
    """A noun's possessors other than pronouns ("Sweden's decision")."""
    return [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]


def _prep_objects(noun: Token) -> list[Token]:
    """Objects of a noun's recipient and handover prepositions ("contact with Russia")."""
    preps = RECIPIENT_PREPS | HANDOVER_PREPS
    return [
        g
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
    ]

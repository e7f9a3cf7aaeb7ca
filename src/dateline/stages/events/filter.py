"""Which candidate events are political events: named gates over the act and its parties.

PLOVER codes a political actor acting on a party. A verb of the lexicon is only a candidate:
"Hurricane Betsy destroyed the church", "the apartments provide living space", "Johnson hit
the tying 3-pointer" have trigger words but no political actor. A candidate is kept when one
of the GATES below admits it; the gate's name is kept with the event's rule so that errors can
be traced. The parties are judged on their tokens (is this phrase a person, group, state or
role at all?) and on their codes (is it a state or political actor?).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from dateline.records import EVENT_THRESHOLD, Actor
from dateline.stages.events.actors import is_party, names_state, person_noun
from dateline.stages.events.lexicon import event_noun, lexicon

# Events that no gate admits keep this share of their confidence, which puts them under the
# default threshold: they stay queryable (--all-events) but are not shown by default.
UNGATED = 0.4
# Events at or above this confidence are shown by default (calibrated on events-news).
DEFAULT_THRESHOLD = EVENT_THRESHOLD
# Sectors of the state, and of the other actors PLOVER treats as political by themselves.
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
POLITICAL_SECTORS = STATE_SECTORS | {"REB", "OPP", "PTY", "UAF", "ELI", "IGO", "NGO"}
INTERNATIONAL = {"IGO", "UNO", "EUR", "NGO"}
STATE_ENTS = {"GPE", "NORP"}
PARTY_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
# Acts a business or club of a named place does all day ("provides services", "offers
# plans", "supports the event"): political only from a political actor.
SERVICE_TYPES = {"AID", "AGREE", "SUPPORT", "COOPERATE", "CONSULT"}
# Sectors whose acts are private unless they act on the state (shops, crime, households).
PRIVATE_SECTORS = {"BUS", "CRM", "CVL"}
# Weapons of war: an attack with them is political whoever is named ("a roadside bomb killed").
WAR_MODES = {"drone", "aerial", "heavy-weapons", "suicide-attack", "explosives", "unconventional"}
# Acts only a state performs: with no agent named ("42 were arrested"), the state is the agent.
STATE_ACTS = {
    "arrest",
    "detain",
    "jail",
    "imprison",
    "sentence",
    "convict",
    "charge",
    "indict",
    "arraign",
    "deport",
    "extradite",
    "expel",
    "prosecute",
    "raid",
    "expropriate",
    "ban",
    "outlaw",
    "dissolve",
    "deregister",
    "censor",
    "sanction",
    "fine",
    "release on bail",
    "capture",
    "release",
    "investigation",
    "trial",
    "prosecution",
    "indictment",
    "deportation",
    "extradition",
}
AGENTLESS = "state act, agent unnamed"
# Acts an employer or the state does to named people ("two guards were suspended"); with a
# thing acted on ("flights were suspended") they are no state act.
PERSONNEL_ACTS = {"suspend"}
# Words of a rule that make it a state act ("taken into custody", "taken to jail").
CUSTODY = {"custody", "jail", "prison", "detention"}
# Words of protest acts: ending or calling off a strike is a protest group's act too.
PROTEST_WORDS = {"strike", "protest", "boycott", "walkout", "sit-in", "demonstration"}
# Acts whose recipient is the point of the report even when the agent is unnamed.
ACTED_ON = {"ACCUSE", "ASSAULT", "COERCE", "SANCTION", "THREATEN", "REJECT", "REQUEST", "PROTEST"}


@dataclass(frozen=True)
class Parties:
    """What a gate looks at: the event type, the trigger lemma, and each party's token and code."""

    type: str
    mode: str | None
    lemma: str
    verb: Token
    actor_tok: Token | None
    actor: Actor | None
    recipient_tok: Token | None
    recipient: Actor | None
    words: tuple[str, ...] = ()  # the trigger rule's extra words ("end strike": strike)


def state(party: Actor | None, token: Token | None) -> bool:
    """A state actor: a government, army, police, court or legislature, a state named as such
    ("Russia", "Washington"), or an international organisation."""
    if party is None:
        return False
    if party.sector in STATE_SECTORS or party.country in INTERNATIONAL or names_state(party.name):
        return True
    return token is not None and token.ent_type_ in STATE_ENTS and party.country is not None


def political(party: Actor | None, token: Token | None) -> bool:
    """A political actor: a state actor, or a rebel group, party, opposition or IGO/NGO."""
    if party is None:
        return False
    return state(party, token) or party.sector in POLITICAL_SECTORS


def _a_party(party: Actor | None, token: Token | None) -> bool:
    """A person, organisation, group, state or role at all (not "the proposal", "a storm")."""
    if party is None or token is None:
        return False
    if party.sector is not None or party.entity is not None or is_party(token):
        return True
    return person_noun(token)


def _thing(token: Token | None) -> bool:
    """A subject that is a thing, not an unnamed agent ("the complaint states", "the report
    says"): the act is the thing's author's, whom the sentence does not name."""
    return (
        token is not None
        and token.pos_ == "NOUN"
        and not token.text.isupper()  # an acronym is a name ("HCSD arrests woman")
        and not (is_party(token) or person_noun(token) or event_noun(token, lexicon()))
    )


def _staff_act(p: Parties) -> bool:
    """A suspension or the like done to people ("two guards were suspended")."""
    return (
        p.lemma in PERSONNEL_ACTS and p.recipient_tok is not None and person_noun(p.recipient_tok)
    )


@dataclass(frozen=True)
class Gate:
    """A named reason to keep a candidate event, with an example it admits."""

    name: str
    admits: Callable[[Parties], bool]
    example: str


GATES = (
    Gate(
        "political actor",
        lambda p: political(p.actor, p.actor_tok),
        "Vietnam supports Russia; police detained the activists",
    ),
    Gate(
        "party acting on a political actor",
        lambda p: _a_party(p.actor, p.actor_tok) and political(p.recipient, p.recipient_tok),
        "a man and his mother launched a lawsuit against Toronto police",
    ),
    Gate(
        "group protesting",
        lambda p: (
            (p.type == "PROTEST" or bool(PROTEST_WORDS & set(p.words)))
            and (p.actor is None or _a_party(p.actor, p.actor_tok))
        ),
        "teachers marched on the Capitol",
    ),
    Gate(
        AGENTLESS,
        lambda p: (
            p.actor is None
            and not _thing(p.actor_tok)
            and (p.lemma in STATE_ACTS or bool(CUSTODY & set(p.words)) or _staff_act(p))
        ),
        "three residents were charged with arson; one of the ticket inspectors was suspended",
    ),
    Gate(
        "act on a political actor, agent unnamed",
        lambda p: (
            p.actor is None
            and not _thing(p.actor_tok)
            and p.type in ACTED_ON
            and p.recipient is not None
            and p.recipient.sector in POLITICAL_SECTORS
            and p.recipient_tok is not None
            and p.recipient_tok.ent_type_ not in ("GPE", "LOC", "FAC")
        ),
        "the ousted president has been accused of misusing funds",
    ),
    Gate(
        "party of a named country",
        lambda p: (
            _a_party(p.actor, p.actor_tok)
            and p.actor.country is not None
            and p.actor.sector not in PRIVATE_SECTORS
            and (p.actor.sector is not None or p.actor_tok.ent_type_ != "PERSON")
            and p.actor_tok.pos_ != "PRON"
            and p.type not in SERVICE_TYPES
        ),
        "Palestinians reject the changes; the US Justice Department seized the assets",
    ),
    Gate(
        "attack with weapons of war",
        lambda p: p.type == "ASSAULT" and p.mode in WAR_MODES,
        "a roadside bomb killed one soldier",
    ),
)


# Verbs whose direct object must be a party for the act to be political ("hit a jumper",
# "released a statement", "received a grant", "executed a search warrant" are not).
# (Giving, offering and welcoming verbs take things by nature: "deliver shells", "welcomed
# the apology"; the gates judge their parties.)
PARTY_OBJECT = {
    "hit",
    "strike",
    "shoot",
    "fire",
    "capture",
    "target",
    "execute",
    "fight",
    "beat",
    "release",
    "free",
    "receive",
    "occupy",
    "destroy",
    "attack",
    "share",
}
TARGET_PREPS = {"with", "at", "on", "upon", "toward", "towards", "against", "into"}
# Verbs whose complement is an act they deny ("denied targeting civilians": no attack coded).
DENIALS = {"deny", "refute", "dismiss", "reject", "disavow"}
# Words after "ask" that make it a question put to someone, not a request.
QUESTION_WORDS = {"how", "why", "what", "whether", "if", "when", "where", "who", "about"}
# Complements of a refusal that make it no act ("declined to comment").
NO_COMMENT = {"comment", "say", "elaborate", "confirm", "discuss", "speculate", "answer"}


def _object_no_party(p: Parties) -> bool:
    """The verb's direct object names a thing, not a party, and no other dependent names the
    party acted on ("fired tear gas at protesters" has one)."""
    if p.lemma not in PARTY_OBJECT:
        return False
    objects = [c for c in p.verb.children if c.dep_ == "dobj"]
    targets = [
        g
        for c in p.verb.children
        if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if any(
        _names_party(g) or g.pos_ == "PRON" or g.lower_ in ("other", "another") for g in targets
    ):
        return False  # "shared intelligence with each other", "fired at the crowd"
    target = p.recipient_tok
    aside = target is not None and target.head.lower_ not in TARGET_PREPS  # "a letter from X"
    if aside and (target.dep_ == "pobj" or any(target in o.subtree for o in objects)):
        target = None
    if target is not None:
        return False  # a target besides the object ("toward Russian positions")
    return bool(objects) and not any(_names_party(o) for o in objects)


def _names_party(token: Token) -> bool:
    """A phrase that names a party, or a count of one ("41 of the drones", "two of them")."""
    if is_party(token) or person_noun(token) or token.ent_type_ in PARTY_ENTS:
        return True
    counted = [g for c in token.children if c.lower_ == "of" for g in c.children]
    return (token.like_num or token.pos_ in ("NUM", "PRON")) and any(
        _names_party(g) or g.pos_ == "PRON" for g in counted
    )


def _question(p: Parties) -> bool:
    """ "Asked about X, he said", "asked how Malta could…": a question put to someone."""
    if p.lemma != "ask":
        return False
    if p.verb.tag_ == "VBN" and p.verb.dep_ in ("advcl", "ROOT") and p.verb.i == p.verb.sent.start:
        return True
    near = [t.lower_ for c in p.verb.children for t in (c, *c.children)]
    return any(w in QUESTION_WORDS for w in near)


def _no_comment(p: Parties) -> bool:
    """A refusal to comment or to say: no act on anyone."""
    return p.type == "REJECT" and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in NO_COMMENT for c in p.verb.children
    )


def _helping(p: Parties) -> bool:
    """ "help X win", "helped unite the opposition": helping someone do something is no aid."""
    return p.lemma == "help" and any(
        c.dep_ in ("xcomp", "ccomp")
        or (c.dep_ == "dobj" and any(g.dep_ in ("xcomp", "ccomp") for g in c.children))
        for c in p.verb.children
    )


def _attempt_or_claim(p: Parties) -> bool:
    """ "sought to downplay" is an attempt, "insisted that the law was clear" a claim: neither
    asks anything of anyone (a demand needs an object or must/should: "insisted on a vote")."""
    if p.lemma not in ("seek", "insist"):
        return False
    kids = list(p.verb.children)
    if p.lemma == "seek":
        return any(c.dep_ == "xcomp" for c in kids)
    return any(c.dep_ == "ccomp" for c in kids) and not any(
        g.lower_ in ("must", "should") for c in kids if c.dep_ == "ccomp" for g in c.children
    )


def _denied(p: Parties) -> bool:
    """The act is what someone denies doing ("denied targeting civilians"); the denial itself
    is the REJECT ("rejected the demand" stays)."""
    node = p.verb
    return (
        p.type != "REJECT"
        and node.dep_ in ("xcomp", "ccomp", "pcomp", "dobj")
        and node.head.lemma_.lower() in DENIALS
    )


def _going_back(p: Parties) -> bool:
    """ "will return to the White House": going back somewhere, not returning anything."""
    return p.lemma == "return" and not any(c.dep_ in ("dobj", "dative") for c in p.verb.children)


def _seeking_a_thing(p: Parties) -> bool:
    """Seeking something from no one ("sought fresh quotes", "seeks re-election"): a
    request needs a party asked or a political act sought ("sought the release of X")."""
    if p.lemma != "seek" or p.recipient is not None:
        return False
    objects = [c for c in p.verb.children if c.dep_ == "dobj"]
    if not objects or any(c.dep_ in ("xcomp", "dative") for c in p.verb.children):
        return False
    sought = [g for o in objects for c in o.children if c.dep_ == "prep" for g in c.children]
    if any(_names_party(t) for t in objects + sought):
        return False
    return not any(event_noun(o, lexicon()) for o in objects)


# Places a visit can go to without meeting another party when they are the visitor's own.
OWN_PLACES = {"GPE", "LOC", "FAC"}
OWN_BUILDINGS = {"embassy", "consulate", "mission", "base", "headquarters", "barracks"}


def _visit_home(p: Parties) -> bool:
    """A visit to a place or building of the visitor's own country ("the president visited
    his country's embassy", "the governor toured flooded towns"): no other party is met."""
    if p.type != "CONSULT" or p.mode != "visit" or p.recipient_tok is None:
        return False
    if p.actor is None or p.recipient is None or not p.actor.country:
        return False
    place = p.recipient_tok.ent_type_ in OWN_PLACES or p.recipient_tok.lower_ in OWN_BUILDINGS
    return place and p.recipient.country == p.actor.country


# Sectors that bear arms: their "targeting" is an attack.
ARMED_SECTORS = {"MIL", "REB", "UAF", "COP", "SPY"}


def _figurative_target(p: Parties) -> bool:
    """ "The mayor felt targeted", "regulators targeted the bank": singled out, not
    attacked, when no weapon is named and no armed actor acts."""
    if p.type != "ASSAULT" or p.lemma != "target" or p.mode is not None:
        return False
    return p.actor is None or p.actor.sector not in ARMED_SECTORS


VETOES = (
    Gate("act denied", _denied, "the army denied targeting civilians"),
    Gate("going back somewhere", _going_back, "Trump will return to the White House"),
    Gate("an attempt or a claim", _attempt_or_claim, "officials sought to downplay the threat"),
    Gate("helping someone do something", _helping, "the governor helped Houston win the bid"),
    Gate("object is no party", _object_no_party, "hit a jumper; released a statement"),
    Gate(
        "singled out, not attacked",
        _figurative_target,
        "the newspaper says it is being targeted by the tax office",
    ),
    Gate(
        "a visit home",
        _visit_home,
        "the Armenian president then visited the embassy of Armenia in Rome",
    ),
    Gate("question put to someone", _question, "Asked about the ads, McCollum said"),
    Gate("refusal to comment", _no_comment, "police declined to comment"),
    Gate(
        "seeking a thing",
        _seeking_a_thing,
        "the two mayors sought fresh quotes for the paving work",
    ),
)


def _dismissal(verb: Token) -> bool:
    """ "fired the minister": a person fired, no weapon, no target preposition."""
    if any(c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "into") for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(o.ent_type_ == "PERSON" or is_party(o) or person_noun(o) for o in objects)


# What a lawsuit claims: seeking it from someone is suing them ("sought $3 million in damages
# from the city"), an accusation, not a request.
LEGAL_CLAIMS = {"damages", "compensation", "restitution", "reparations"}
CLAIM_VERBS = {"seek", "claim"}  # a demand stays a REQUEST: states demand reparations


def _legal_claim(verb: Token) -> bool:
    """The verb's object is, or is counted in, damages or compensation."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    held = [g for o in objects for c in o.children if c.dep_ == "prep" for g in c.children]
    return any(t.lemma_.lower() in LEGAL_CLAIMS or t.lower_ in LEGAL_CLAIMS for t in objects + held)


def retyped(p: Parties) -> tuple[str, str | None]:
    """Type and mode after the parties: capturing people is an arrest (COERCE), not a battle;
    police or courts "capturing" act as police do; seeking damages from someone is suing them."""
    if p.type == "REQUEST" and p.lemma in CLAIM_VERBS and _legal_claim(p.verb):
        return "ACCUSE", "allege"
    if p.type == "ASSAULT" and p.lemma == "fire" and _dismissal(p.verb):
        return "COERCE", None  # "fired critics within the government"
    if p.type == "ASSAULT" and p.lemma == "capture":
        taken = p.recipient_tok if p.recipient_tok is not None else None
        people = taken is not None and (taken.ent_type_ == "PERSON" or person_noun(taken))
        if people or p.actor is None or (p.actor.sector in ("COP", "JUD")):
            return "COERCE", "arrest"
    return p.type, p.mode


def admitted(parties: Parties) -> str | None:
    """The name of the first gate that admits the candidate, or None to drop it (also when a
    veto finds that the trigger's arguments make it no political act)."""
    if vetoed(parties) is not None:
        return None
    for gate in GATES:
        if gate.admits(parties):
            return gate.name
    return None


def vetoed(parties: Parties) -> str | None:
    """The name of the first veto that finds the candidate no political act, if any."""
    return next((veto.name for veto in VETOES if veto.admits(parties)), None)


__all__ = [
    "AGENTLESS",
    "DEFAULT_THRESHOLD",
    "GATES",
    "UNGATED",
    "retyped",
    "Parties",
    "admitted",
    "vetoed",
    "political",
    "state",
]

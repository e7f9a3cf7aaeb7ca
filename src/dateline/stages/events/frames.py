"""Event frames: complements folded into the verbs that govern them, and their modality.

"Threatened to shell" is one THREATEN, not a threat and an attack; "did not agree" is a
REJECT; "will attack" is a THREATEN flagged future; "X said Y must withdraw" is X's REQUEST.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dateline.stages.events.lexicon import Lexicon, base
from dateline.stages.events.roles import (
    inherited_subject,
    noun_owner,
    passive_subject,
    reporter_of,
    subject,
)
from dateline.stages.events.triggers import DEONTIC_AUX, Trigger, self_bound

COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST"}
# Nouns whose that-clause is what the actor demands of its subject.
DEMAND_NOUNS = {"demand", "call", "reminder", "appeal", "ultimatum", "request", "insistence"}
FUTURE_AUX = {"will", "wo", "'ll", "shall", "would", "'d"}
MODAL_AUX = {"may", "might", "could", "can"}
NEGATORS = {"not", "n't", "never", "no"}
COMPLEMENT_DEPS = {"xcomp", "ccomp", "acomp"}
# Cooperative acts whose other side may be named only as a partner in ties ("pledged to
# deepen ties with Japan").
BILATERAL = {"SUPPORT", "AGREE", "COOPERATE"}
RELATION_NOUNS = {
    "ties",
    "relation",
    "relations",
    "relationship",
    "partnership",
    "cooperation",
    "friendship",
    "alliance",
}
# Measures aimed at the country whose goods they hit.
TRADE_MEASURES = {"SANCTION"}
# Types whose folded complement changes the act (a threat to strike, a demand to withdraw).
NOT_ONE_ACT = {"THREATEN", "REQUEST", "REJECT", "AGREE"}
# Conjunctions of an adverbial clause that is the frame's setting, not what it frames
# ("called for a vote after the committee dismissed the complaints").
SETTING_MARKS = {"after", "before", "when", "while", "since", "because", "as", "although", "though"}


def _governor(token: Token) -> Token | None:
    """The predicate that takes `token`'s clause as a complement, object or purpose clause."""
    if token.dep_ in COMPLEMENT_DEPS or token.dep_ in ("advcl", "dobj", "pcomp", "pobj", "conj"):
        head = token.head
        if token.dep_ == "pobj" or token.dep_ == "pcomp":
            head = head.head
        return head if head.i != token.i else None
    return None


def resolve(triggers: list[Trigger], lex: Lexicon) -> None:
    """Fold complements into the frames that govern them (threatened to shell -> THREATEN)."""
    by_pred = {t.pred.i: t for t in triggers}
    by_word = {t.word.i: t for t in triggers}
    for t in triggers:
        if t.document is not None:  # "a motion urging the government to resign"
            by_pred.setdefault(t.word.i, t)
    for trig in triggers:
        _fold(trig, by_pred, lex)
        if (
            trig.word.i != trig.pred.i
            and trig.word.i in by_word
            and by_word[trig.word.i] is not trig
        ):
            by_word[trig.word.i].absorbed = True


def _fold(trig: Trigger, by_pred: dict[int, Trigger], lex: Lexicon) -> None:
    """Climb from the trigger through transparent governors to the first other trigger, and
    let that one absorb it when it frames it."""
    node = trig.pred
    for _ in range(4):
        gov = _governor(node)
        if gov is None:
            break
        outer = by_pred.get(gov.i)
        rel = node.dep_
        if outer is not None and outer is not trig:
            if frames(outer, trig, node, lex):
                trig.absorbed = True
                if outer.inner is None and (rel != "conj" or _one_act(outer, trig)):
                    outer.inner = trig  # "shot and killed a man": the man is the one shot
            break
        if rel == "conj" or base(gov, lex) not in (lex.report | lex.intent | lex.aspect):
            break
        node = gov


def _one_act(outer: Trigger, trig: Trigger) -> bool:
    """Conjoined verbs of one material act ("shot and killed", "arrested and detained"),
    the first naming no one it was done to: the second names whom."""
    if outer.rule.type != trig.rule.type or outer.rule.type in NOT_ONE_ACT:
        return False
    return not any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() not in outer.rule.words
        for c in outer.pred.children
    )


def frames(outer: Trigger, trig: Trigger, node: Token, lex: Lexicon) -> bool:
    """Does `outer` take in `trig`: as a frame's complement, a purpose, a casualty clause, or
    a conjunct of the same act with no subject of its own?"""
    rel = node.dep_
    is_frame = base(outer.word, lex) in lex.frames and (
        outer.word.i == outer.pred.i or outer.document is not None
    )
    # "marched to demand X": the infinitive's "to", not a preposition ("once he returns to X")
    purpose = rel == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in node.children)
    casualty = rel in ("advcl", "conj") and base(trig.word, lex) in lex.casualty
    # "missiles hit a power plant, cutting power to 200,000 homes": what the attack did
    casualty = casualty or (
        rel == "advcl"
        and node.tag_ == "VBG"
        and outer.rule.type == "ASSAULT"
        and node.i > outer.pred.i
    )
    same = (
        rel == "conj"
        and (trig.rule.type, trig.rule.mode) == (outer.rule.type, outer.rule.mode)
        and not subject(trig.pred)
        and passive_subject(trig.pred) is None  # "X was charged and Y was charged": two acts
    )
    setting = rel == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in SETTING_MARKS for c in node.children
    )
    return (is_frame and rel != "conj" and not setting) or purpose or casualty or same


@dataclass(frozen=True)
class Reading:
    """A trigger read in its frame: type, mode, modality and the tokens of its parties."""

    type: str
    mode: str | None
    actor: Token | None
    recipient: Token | None
    negated: bool
    hypothetical: bool
    future: bool
    predicted: bool = False  # foreseen by others ("is expected to"), not announced


def read(trig: Trigger, actor: Token | None, recipient: Token | None, lex: Lexicon) -> Reading:
    """Type, mode and modality of a resolved trigger; a demand becomes the demander's REQUEST."""
    pred = trig.pred
    type_, mode = combine(trig)
    if trig.document is not None:  # "wrote a letter to the Duma calling for …": the Duma
        recipient = _addressee(trig.document) or recipient
    if trig.judged is not None and trig.word.i != pred.i:  # 'But, he said, "X's … are …"'
        actor, recipient = subject(trig.word), None
    if trig.judged is not None:  # "said the board's ruling was …": the board
        recipient = noun_owner(trig.judged) or recipient or trig.judged
    if recipient is None and type_ in BILATERAL:
        recipient = _partner_in_ties(pred, actor)  # "pledged to deepen ties with Japan"
    if recipient is None and trig.word.i == pred.i:
        recipient = _shared_object(pred, actor)  # "supports and wants Serbia to join"
    if recipient is None and type_ in TRADE_MEASURES:
        recipient = _origin(trig.word, actor)  # "duties on steel imports, including from X"
    found = _modality(pred, lex)
    negated, future, possible, deontic = found.negated, found.future, found.possible, found.deontic
    reporter = reporter_of(pred, lex)
    if _demanded(pred):  # "its demand that Israel ease", "a reminder to Iraq that it must"
        deontic, reporter = True, subject(pred.head.head) or inherited_subject(pred.head.head, lex)
        addressee = _addressee_of(pred)
        if addressee is not None and (actor is None or actor.pos_ == "PRON"):
            actor = addressee
    if deontic and self_bound(pred):  # "we must defend our jobs": the speaker's own duty
        deontic = False
    if deontic and reporter is not None and trig.word.i == pred.i and type_ != "THREATEN":
        mode = _reject_mode(type_) if type_ != "REQUEST" else "change"
        type_, recipient, actor = "REQUEST", actor, reporter
        future = possible = False
    frame = (
        lex.frames.get(base(pred, lex)) if trig.inner is None and trig.word.i == pred.i else None
    )
    if frame is not None:
        future = future and frame not in ("AGREE", "THREATEN")
    if found.predicted:  # "is widely expected to expel the envoy": others foresee it
        return Reading(type_, mode, actor, recipient, negated, True, False, True)
    if negated and recipient is None and type_ == "CONSULT" and trig.inner is None:
        return Reading(type_, mode, actor, recipient, True, False, future)  # "don't meet in summer"
    type_, mode, negated, hypothetical, future = _recode(
        type_, mode, negated, future, None if found.conditional else possible
    )
    if type_ == "THREATEN" and mode is None and trig.inner is None and trig.rule.type != "THREATEN":
        mode = _threat_mode(trig.rule.type, trig.rule.mode)
    return Reading(type_, mode, actor, recipient, negated, hypothetical, future)


def _origin(measure: Token, actor: Token | None) -> Token | None:
    """The country whose goods a trade measure hits ("duties on steel imports, including from
    Japan", "tariffs on goods from Mexico")."""
    for tok in measure.subtree:
        if tok.dep_ != "pobj" or tok.head.lower_ != "from" or tok.ent_type_ not in ("GPE", "NORP"):
            continue
        if actor is None or tok.i != actor.i:
            return tok
    return None


def _shared_object(verb: Token, actor: Token | None) -> Token | None:
    """The party a verb with no object of its own shares with the verb conjoined after it
    ("Hungary supports and wants Serbia to join the bloc", "condemned and rejected
    Moscow's demands" does not count: a thing)."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("dobj", "dative", "ccomp") for c in verb.children):
        return None
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.pos_ != "VERB" or subject(conj) is not None:
            continue
        obj = next((c for c in conj.children if c.dep_ == "dobj"), None)
        comp = next((c for c in conj.children if c.dep_ in ("ccomp", "xcomp")), None)
        obj = obj if obj is not None or comp is None else subject(comp)  # "wants Russia to"
        named = obj is not None and obj.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
        if named and (actor is None or obj.i != actor.i):
            return obj
    return None


def _partner_in_ties(pred: Token, actor: Token | None) -> Token | None:
    """The other side of the ties, partnership or cooperation an act is about ("places
    importance on its partnership with Vietnam" -> Vietnam)."""
    for tok in pred.subtree:
        if tok.lemma_.lower() not in RELATION_NOUNS:
            continue
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("with", "between"):
                continue
            for other in prep.children:
                named = other.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
                if other.dep_ == "pobj" and named and (actor is None or other.i != actor.i):
                    return other
    return None


def _addressee(document: Token) -> Token | None:
    """Whom a letter or petition is addressed to ("a letter to the Duma")."""
    return next(
        (g for c in document.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"),
        None,
    )


def _addressee_of(pred: Token) -> Token | None:
    """Whom a demand noun is addressed to ("a reminder to Iraq that it must")."""
    return next(
        (
            g
            for h in (pred.head, pred.head.head)
            for c in h.children
            if c.lower_ == "to"
            for g in c.children
            if g.dep_ == "pobj"
        ),
        None,
    )


@dataclass
class Modality:
    """What a predicate's auxiliaries, negators and governing verbs say of it."""

    negated: bool = False
    future: bool = False
    possible: bool = False
    deontic: bool = False
    conditional: bool = False
    predicted: bool = False


def _modality(pred: Token, lex: Lexicon) -> Modality:
    """Negation, futurity, possibility, obligation and condition of a predicate (and governors)."""
    found = Modality()
    node = pred
    for depth in range(4):
        for child in node.children:
            _mark(found, child, node, depth, lex)
        if node.dep_ == "advcl" and any(c.lower_ in ("if", "unless") for c in node.children):
            found.conditional = True
        if depth > 0 and _intended(node, lex):
            found.future = True
        if depth > 0 and _intended(node, lex, lex.predict):
            found.predicted = True
        if depth > 0 and node.lemma_.lower() == "fail":
            found.negated = True
        if node.dep_ not in ("xcomp", "acomp") or node.head.i == node.i:
            break
        node = node.head
    found.future = found.future or _offered(pred, lex)
    return found


def _mark(found: Modality, child: Token, node: Token, depth: int, lex: Lexicon) -> None:
    """Record what one dependent of the predicate (or of a governor `depth` levels up) says."""
    low = child.lower_
    if child.dep_ == "neg" or (low in NEGATORS and child.dep_ in ("advmod", "det")):
        found.negated = found.negated or depth == 0 or node.lemma_.lower() in lex.intent
    if child.dep_ in ("aux", "auxpass"):
        if low in FUTURE_AUX or (low == "going" and depth == 0):
            found.future = True
        elif low in MODAL_AUX:
            found.possible = True
        elif low in DEONTIC_AUX:
            found.deontic = True
    if child.dep_ == "advcl" and any(g.lower_ in ("if", "unless") for g in child.children):
        found.possible = True
    if low == "longer" and any(g.lower_ == "no" for g in child.children):
        found.negated = True


def _offered(pred: Token, lex: Lexicon) -> bool:
    """An infinitive or willing/ready/prepared under an intent verb ("plans to attack")."""
    return bool(
        (
            pred.lemma_.lower() in ("willing", "ready", "prepared")
            or pred.tag_ == "VB"
            and any(c.lower_ == "to" and c.dep_ == "aux" for c in pred.children)
        )
        and pred.dep_ in ("xcomp",)
        and pred.head.lemma_.lower() in lex.intent
    )


def _intended(node: Token, lex: Lexicon, phrases: set[str] | None = None) -> bool:
    """An intent predicate: "plan", "intend", or a "be" phrase ("is set to", "is due to");
    with `phrases`, one of those instead (predictions: "is expected to")."""
    phrases = lex.intent if phrases is None else phrases
    lemma = node.lemma_.lower()
    if lemma in phrases:
        return True
    if f"be {lemma}" not in phrases and f"be {node.lower_}" not in phrases:
        return False
    be = [c for c in node.children if c.dep_ in ("aux", "auxpass", "cop")]
    if node.dep_ in ("acomp", "attr"):
        be.append(node.head)
    return any(t.lemma_ == "be" for t in be)


def _recode(
    type_: str, mode: str | None, negated: bool, future: bool, possible: bool | None
) -> tuple[str, str | None, bool, bool, bool]:
    """PLOVER's rules for intent, threats and refusals: (type, mode, negated, hypothetical, future).

    `future` marks an act that is announced, intended or promised but has not happened. Future
    meetings and visits stay CONSULT with `future` set (the record keeps the act; PLOVER's strict
    coding would make them AGREE); other future cooperation becomes AGREE and future material
    conflict THREATEN, both flagged `future`.
    """
    if possible is None:  # the condition of an if-clause: the act itself, hypothetical
        return type_, mode, negated, True, False
    if negated and type_ in COOPERATIVE:
        return "REJECT", _reject_mode(type_), False, False, False
    if negated:
        return type_, mode, True, False, future
    if future or possible:
        if type_ == "CONSULT":
            return type_, mode, False, possible, future
        if type_ in COOPERATIVE - {"AGREE"}:
            return "AGREE", None, False, possible, future
        if type_ in MATERIAL_CONFLICT:
            return "THREATEN", _threat_mode(type_, mode), False, possible, future
        return type_, mode, False, possible, future
    return type_, mode, False, False, False


def _reject_mode(inner: str | None) -> str | None:
    """REQUEST/REJECT mode from the type of what is asked for or refused."""
    return {
        "AID": "assist",
        "COOPERATE": "assist",
        "SUPPORT": "assist",
        "RETREAT": "yield",
        "CONCEDE": "yield",
        "CONSULT": "meet",
        "AGREE": "meet",
    }.get(inner or "", None if inner is None else "change")


def _threat_mode(inner: str | None, mode: str | None) -> str | None:
    """THREATEN mode (the content of the threat) from the threatened act."""
    if inner == "ASSAULT":
        return "violence"
    if inner == "COERCE":
        return {"arrest": "arrest", "seize": "territory", "deport": "expel"}.get(mode, "restrict")
    if inner == "SANCTION":
        return "expel" if mode == "expel" else "relations"
    if inner == "PROTEST":
        return "restrict"
    return None


def combine(trig: Trigger) -> tuple[str, str | None]:
    """Type and mode after folding in the complement chain."""
    outer = trig.rule
    inner = trig.inner.rule if trig.inner else None
    if inner is None:
        return outer.type, outer.mode
    if outer.type == "THREATEN":
        return "THREATEN", _threat_mode(inner.type, inner.mode) or outer.mode
    if outer.type in ("REQUEST", "REJECT"):
        return outer.type, _reject_mode(inner.type)
    if outer.type == "AGREE" and inner.type in MATERIAL_CONFLICT and inner.type != "PROTEST":
        return "THREATEN", _threat_mode(inner.type, inner.mode)
    return outer.type, outer.mode


def _demanded(pred: Token) -> bool:
    """A clause that spells out a demand noun ("its demand that Israel ease restrictions")."""
    head = pred.head
    return (
        pred.dep_ in ("acl", "ccomp")
        and head.pos_ == "NOUN"
        and head.lemma_.lower() in DEMAND_NOUNS
        and head.dep_ in ("dobj", "pobj", "nsubj")
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in pred.children)
    )

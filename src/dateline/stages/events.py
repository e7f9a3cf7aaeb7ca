"""The events stage: PLOVER events from verb and noun triggers over the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.records import Actor, Event
from dateline.stages import run_stage
from dateline.stages.actors import FIRST_PERSON, code_actor, code_name, is_party, span_of

COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST"}
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2,
    "RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4,
    "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
INTERNATIONAL = {"IGO", "UNO", "EUR", "NGO"}
# Sectors that act within their own country, and the recipients a government acts on at home.
DOMESTIC_ACTORS = {
    "COP",
    "JUD",
    "LEG",
    "OPP",
    "PTY",
    "CVL",
    "LAB",
    "EDU",
    "MED",
    "REL",
    "JRN",
}
DOMESTIC_TARGETS = {
    "OPP",
    "CVL",
    "JRN",
    "LAB",
    "EDU",
    "REB",
    "PTY",
    "REL",
    "MED",
    "CRM",
    "JUD",
    "LEG",
}
CROSSING = {"ASSAULT", "MOBILIZE", "THREATEN"}
# Blocks that restate the story (the title header line and headings).
HEADLINE_BLOCKS = {"header", "heading"}
# Mutual acts: coordinated actors with no recipient act on each other.
MUTUAL = {"AGREE", "CONSULT", "COOPERATE"}
MAX_PARTIES = 4
# Nouns whose that-clause is what the actor demands of its subject.
DEMAND_NOUNS = {"demand", "call", "reminder", "appeal", "ultimatum", "request", "insistence"}
SKIP_BLOCKS = {"byline", "credit", "footer", "dateline"}
FUTURE_AUX = {"will", "wo", "'ll", "shall", "would", "'d"}
MODAL_AUX = {"may", "might", "could", "can"}
DEONTIC_AUX = {"must", "should"}
NEGATORS = {"not", "n't", "never", "no"}
COMPLEMENT_DEPS = {"xcomp", "ccomp", "acomp"}
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
PLACE_PREPS = {"in", "at", "near", "outside", "across", "inside", "around", "over", "throughout"}
# Prepositions whose event-noun object points at the parties ("for a war against Iraq").
EVENT_PREPS = {"for", "during", "amid", "over"}
# Heads that take their event from a modifier ("mediation effort", "rescue mission").
GENERIC_EVENTS = {"effort", "mission", "campaign", "operation", "bid", "drive", "initiative"}
HANDOVER_PREPS = {"of", "by", "for"}
# Acts that move a thing to or from a party: the goal, not the object, is the recipient.
THEME_TYPES = {"AID", "AGREE", "RETREAT", "MOBILIZE", "SANCTION", "COOPERATE", "CONCEDE"}
CAUSE_PREPS = {"in", "by", "from", "during", "of", "after", "amid"}
# Recipients that are the thing acted on rather than a party ("the policy", "an agreement").
MAX_COUNT = 1_000_000
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a dozen": 12,
    "dozen": 12,
}  # fmt: skip


@dataclass(frozen=True)
class Rule:
    """One trigger: a head lemma plus words that must appear under it, its type and mode."""

    type: str
    mode: str | None
    words: tuple[str, ...] = ()
    civil: tuple[str, str] | None = None
    speech: tuple[str, str] | None = None
    instrument: bool = False


@dataclass
class Lexicon:
    """Everything read from resources/events.tsv."""

    verbs: dict[str, list[Rule]] = field(default_factory=dict)
    nouns: dict[str, list[Rule]] = field(default_factory=dict)
    frames: dict[str, str] = field(default_factory=dict)
    report: set[str] = field(default_factory=set)
    intent: set[str] = field(default_factory=set)
    aspect: set[str] = field(default_factory=set)
    light: set[str] = field(default_factory=set)
    casualty: dict[str, str] = field(default_factory=dict)
    cues: dict[str, dict[str, str]] = field(default_factory=dict)
    accident: set[str] = field(default_factory=set)
    occur: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load resources/events.tsv once per process."""
    text = resources.files("dateline.resources").joinpath("events.tsv").read_text("utf-8")
    lex = Lexicon()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + ["", "", ""]
        kind, pattern = cols[0], cols[1].split()
        if kind in ("verb", "noun"):
            flags = dict(f.split("=", 1) for f in cols[4].split() if "=" in f)
            civil = tuple(flags["civil"].split("/")) if "civil" in flags else None
            speech = tuple(flags["speech"].split("/")) if "speech" in flags else None
            head, rest = (
                (pattern[0], pattern[1:]) if kind == "verb" else (pattern[-1], pattern[:-1])
            )
            table = lex.verbs if kind == "verb" else lex.nouns
            table.setdefault(head, []).append(
                Rule(cols[2], cols[3] or None, tuple(rest), civil, speech, "instrument" in flags)
            )
        elif kind == "frame":
            lex.frames[pattern[0]] = cols[2]
        elif kind == "cue":
            lex.cues.setdefault(cols[1], {})[cols[2]] = cols[3]
        elif kind == "casualty":
            lex.casualty[pattern[0]] = cols[2]
        elif kind in ("report", "intent", "aspect", "light", "accident", "occur"):
            getattr(lex, kind).add(" ".join(pattern))
    for table in (lex.verbs, lex.nouns):
        for rules in table.values():
            rules.sort(key=lambda r: -len(r.words))
    return lex


@dataclass
class Trigger:
    """A candidate event: the predicate token, the trigger token and the matched rule."""

    pred: Token
    word: Token
    rule: Rule
    specific: bool = False
    inner: Trigger | None = None
    absorbed: bool = False


def nearby_lemmas(token: Token) -> set[str]:
    """Lemmas of a token's children and grandchildren (particles, objects, their objects)."""
    out = set()
    for child in token.children:
        out.add(child.lemma_.lower())
        out.add(child.lower_)
        for grand in child.children:
            out.add(grand.lemma_.lower())
            out.add(grand.lower_)
    return out


def keys(token: Token) -> tuple[str, ...]:
    """The lemma, then stems of the word form, to survive lemmatiser slips ("staged" -> "stag")."""
    return stems(token.lower_, token.lemma_)


@lru_cache(maxsize=65536)
def stems(word: str, lemma: str) -> tuple[str, ...]:
    """Lookup keys for a word form and its lemma (a pure function of the two strings)."""
    out = [lemma.lower()]
    if word.endswith("ed"):
        out += [word[:-1], word[:-2], word[:-3]]
    elif word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e", word[:-4]]
    elif word.endswith("s"):
        out += [word[:-1], word[:-2]]
    return tuple(out)


def lookup(table: dict, token: Token):
    """The first entry in `table` under one of the token's keys."""
    for key in keys(token):
        if key in table:
            return table[key]
    return None


def base(token: Token, lex: Lexicon) -> str:
    """The key under which the token is known to the lexicon (else its lemma)."""
    for key in keys(token):
        if key in lex.verbs or key in lex.frames or key in lex.light or key in lex.report:
            return key
    return token.lemma_.lower()


def match_rule(rules: list[Rule] | None, token: Token) -> tuple[Rule | None, bool]:
    """The most specific rule whose extra words are all found around `token`."""
    if not rules:
        return None, False
    near = None
    for rule in rules:
        if not rule.words:
            return rule, False
        near = near if near is not None else nearby_lemmas(token)
        if all(w in near for w in rule.words):
            return rule, True
    return None, False


def event_noun(token: Token, lex: Lexicon) -> Rule | None:
    """The noun rule for `token` if it is an event noun."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    rule, _ = match_rule(lookup(lex.nouns, token), token)
    return rule


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """Verb, light-verb+noun and casualty-cause noun triggers in one sentence."""
    found: dict[int, Trigger] = {}
    for token in sent:
        pos = token.pos_
        verbal = pos in ("VERB", "ADJ", "AUX") or token.tag_.startswith("VB")
        if not verbal and pos not in ("NOUN", "PROPN"):
            continue
        lemma = base(token, lex)
        if verbal:
            rule, specific = match_rule(lookup(lex.verbs, token), token)
            if rule is not None and rule.speech and any(c.dep_ == "ccomp" for c in token.children):
                rule, specific = Rule(*rule.speech), True
            if rule is None and demand_clause(token, lex):
                rule = Rule("REQUEST", None)
            if not specific and lemma in lex.light:
                for child in token.children:
                    if child.dep_ in ("dobj", "obj", "nsubjpass"):
                        noun_rule = event_noun(child, lex)
                        if noun_rule is None and child.lemma_.lower() in GENERIC_EVENTS:
                            noun_rule = next(
                                (r for c in child.children if c.dep_ == "compound"
                                 if (r := event_noun(c, lex)) is not None), None,
                            )  # fmt: skip
                        if noun_rule is not None and not noun_rule.instrument:
                            rule, specific = noun_rule, True
                            found[token.i] = Trigger(token, child, rule, True)
                            break
            if token.i in found:
                continue
            if rule is None and lemma in lex.frames and token.pos_ == "ADJ":
                rule = Rule(lex.frames[lemma], None)
            if rule is not None and token.pos_ != "AUX":
                found[token.i] = Trigger(token, token, rule, specific)
        elif pos in ("NOUN", "PROPN"):
            rule = event_noun(token, lex)
            if rule is None or (rule.type != "ASSAULT" and token.dep_ != "ROOT"):
                continue
            head = token.head
            if token.dep_ == "pobj" and head.lower_ in CAUSE_PREPS:
                cause_of = head.head
                if cause_of.lemma_.lower() in lex.casualty and cause_of.lemma_.lower() not in (
                    lex.verbs
                ):
                    found[token.i] = Trigger(cause_of, token, rule, True)
            elif token.dep_ == "ROOT":
                found[token.i] = Trigger(token, token, rule, False)
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "nsubj" and token.i not in found:
            rule = event_noun(token, lex)
            if rule is not None and base(token.head, lex) in lex.occur:
                found[token.i] = Trigger(token, token, rule, False)
    return sorted(found.values(), key=lambda t: t.pred.i)


def demand_clause(token: Token, lex: Lexicon) -> bool:
    """A reported clause with must/should ("X said Y must withdraw") is a demand on Y."""
    if token.dep_ != "ccomp" or base(token.head, lex) not in lex.report:
        return False
    return any(c.dep_ == "aux" and c.lower_ in DEONTIC_AUX for c in token.children)


def demanded(pred: Token) -> bool:
    """A clause that spells out a demand noun ("its demand that Israel ease restrictions")."""
    head = pred.head
    return (
        pred.dep_ in ("acl", "ccomp")
        and head.pos_ == "NOUN"
        and head.lemma_.lower() in DEMAND_NOUNS
        and head.dep_ in ("dobj", "pobj", "nsubj")
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in pred.children)
    )


def governor(token: Token) -> Token | None:
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
    for trig in triggers:
        token = trig.pred
        node = token
        for _ in range(4):
            gov = governor(node)
            if gov is None:
                break
            outer = by_pred.get(gov.i)
            rel = node.dep_
            if outer is not None and outer is not trig:
                lemma = base(outer.word, lex)
                is_frame = lemma in lex.frames and outer.word.i == outer.pred.i
                purpose = rel == "advcl" and any(c.lower_ == "to" for c in node.children)
                casualty = rel in ("advcl", "conj") and base(trig.word, lex) in lex.casualty
                same = (
                    rel == "conj"
                    and (trig.rule.type, trig.rule.mode) == (outer.rule.type, outer.rule.mode)
                    and not subject(token)
                )
                if (is_frame and rel != "conj") or purpose or casualty or same:
                    trig.absorbed = True
                    if outer.inner is None and rel != "conj":
                        outer.inner = trig
                break
            if rel == "conj" or base(gov, lex) not in (lex.report | lex.intent | lex.aspect):
                break
            node = gov
        if (
            trig.word.i != trig.pred.i
            and trig.word.i in by_word
            and by_word[trig.word.i] is not trig
        ):
            by_word[trig.word.i].absorbed = True


def subject(pred: Token) -> Token | None:
    """The grammatical subject of a predicate (for adjectives, the copula's subject)."""
    for child in pred.children:
        if child.dep_ in ("nsubj", "csubj", "expl") and child.dep_ != "expl":
            return child
    if pred.dep_ == "acomp":
        return subject(pred.head)
    return None


def passive_subject(pred: Token) -> Token | None:
    """The nsubjpass of a passive predicate."""
    return next((c for c in pred.children if c.dep_ == "nsubjpass"), None)


def agent(pred: Token) -> Token | None:
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
        else:
            break
    return None


def real_head(token: Token) -> Token:
    """Resolve relative pronouns and 'of'-quantities to the noun they stand for."""
    if token.lower_ in ("who", "which", "that") and token.head.dep_ == "relcl":
        return token.head.head
    if token.lower_ in ("thousands", "hundreds", "dozens", "scores", "group", "number", "some"):
        of = next((c for c in token.children if c.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        if obj is not None:
            return obj
    return token


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
    chain = [trig]
    while chain[-1].inner is not None:
        chain.append(chain[-1].inner)
    objects: list[Token] = []
    goals: list[Token] = []
    places: list[Token] = []
    conditions: list[Token] = []
    for t in chain:
        for host in hosts(t):
            for child in host.children:
                dep = child.dep_
                if dep in ("dobj", "dative", "obj") and child.i != t.word.i:
                    (goals if dep == "dative" else objects).append(child)
                elif dep == "prep" and child.lower_ == "of" and host.pos_ in ("NOUN", "PROPN"):
                    objects.extend(g for g in child.children if g.dep_ == "pobj")
                elif dep == "nsubjpass" and t.rule.type in ("ASSAULT", "COERCE", "ACCUSE"):
                    objects.append(child)
                elif dep == "ccomp" and (subj := subject(child)) is not None:
                    objects.append(subj)
                elif dep == "prep" and child.lower_ in t.rule.words:
                    objects.extend(g for g in child.children if g.dep_ == "pobj")
                elif dep == "prep" and child.lower_ in RECIPIENT_PREPS:
                    goals.extend(g for g in child.children if g.dep_ == "pobj")
                elif dep == "prep" and child.lower_ in PLACE_PREPS | EVENT_PREPS:
                    for g in child.children:
                        if g.dep_ == "pobj" and event_noun(g, lex) is not None:
                            goals.extend(handover(g))
                        elif g.dep_ == "pobj" and child.lower_ in PLACE_PREPS:
                            places.append(g)
                elif dep == "advcl" and (cond := condition_subject(child)) is not None:
                    conditions.append(cond)
    themed = trig.rule.type in THEME_TYPES or (
        trig.inner is not None and trig.inner.rule.type in THEME_TYPES
    )
    ordered = (goals + objects) if themed else (objects + goals)
    seen: set[int] = set()
    queue = ordered + conditions + [("place", p) for p in places]
    while queue:
        item = queue.pop(0)
        is_place = isinstance(item, tuple)
        cand = real_head(item[1] if is_place else item)
        if cand.i in seen or (actor_tok is not None and cand.i == actor_tok.i):
            continue
        seen.add(cand.i)
        if cand.pos_ == "PRON" and cand.lower_ not in ("him", "her", "them", "us"):
            continue
        owned = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in cand.children)
        coded = None if owned else code_actor(cand, "recipient")
        if event_noun(cand, lex) is not None and cand.ent_type_ == "":
            coded = None
        if coded is not None and not is_place and not is_party(cand):
            party = next((h for h in pointers(cand) + located(cand) if is_party(h)), None)
            if party is not None and code_actor(party, "recipient") is not None:
                return party
            if coded.country is None:
                coded = None
        if coded is not None and (not is_place or coded.country):
            return cand
        if not is_place:
            queue[:0] = handover(cand)
            queue.extend(("place", g) for g in located(cand))
    return None


def hosts(trig: Trigger) -> list[Token]:
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


def condition_subject(clause: Token) -> Token | None:
    """The subject of an if/unless clause: the party a threat or offer is addressed to."""
    if not any(c.lower_ in ("if", "unless") and c.dep_ == "mark" for c in clause.children):
        return None
    return subject(clause) or passive_subject(clause)


def located(noun: Token) -> list[Token]:
    """Objects of a noun's "in" phrase ("targets in Jericho")."""
    return [
        g for c in noun.children if c.dep_ == "prep" and c.lower_ == "in"
        for g in c.children if g.dep_ == "pobj"
    ]  # fmt: skip


def pointers(thing: Token) -> list[Token]:
    """The parties a thing belongs to or concerns: its owner and its with/for/of... objects."""
    owners = [c for c in thing.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    objects = [
        g for c in thing.children if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS | HANDOVER_PREPS
        for g in c.children if g.dep_ == "pobj"
    ]  # fmt: skip
    return owners + objects


def handover(noun: Token) -> list[Token]:
    """Where to look when a noun is not a party itself: its owner, modifiers and objects."""
    owners = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    modifiers = [
        c for c in noun.children
        if c.dep_ in ("compound", "amod") and c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
    ]  # fmt: skip
    objects = [
        g for c in noun.children if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS | HANDOVER_PREPS
        for g in c.children if g.dep_ == "pobj"
    ]  # fmt: skip
    return owners + modifiers + objects


def modality(pred: Token, lex: Lexicon) -> tuple[bool, bool, bool, bool]:
    """(negated, future, possible, deontic, conditional) for a predicate and its governors."""
    negated = future = possible = deontic = conditional = False
    node = pred
    for depth in range(4):
        for child in node.children:
            low = child.lower_
            if child.dep_ == "neg" or (low in NEGATORS and child.dep_ in ("advmod", "det")):
                negated = negated or depth == 0 or node.lemma_.lower() in lex.intent
            if child.dep_ in ("aux", "auxpass"):
                if low in FUTURE_AUX or (low == "going" and depth == 0):
                    future = True
                elif low in MODAL_AUX:
                    possible = True
                elif low in DEONTIC_AUX:
                    deontic = True
            if child.dep_ == "advcl" and any(g.lower_ in ("if", "unless") for g in child.children):
                possible = True
            if low == "longer" and any(g.lower_ == "no" for g in child.children):
                negated = True
        if node.dep_ == "advcl" and any(c.lower_ in ("if", "unless") for c in node.children):
            conditional = True
        lemma = node.lemma_.lower()
        if depth > 0 and intended(node, lex):
            future = True
        if depth > 0 and lemma == "fail":
            negated = True
        if node.dep_ not in ("xcomp", "acomp") or node.head.i == node.i:
            break
        node = node.head
    if (
        pred.lemma_.lower() in ("willing", "ready", "prepared")
        or pred.tag_ == "VB"
        and any(c.lower_ == "to" and c.dep_ == "aux" for c in pred.children)
    ):
        future = future or pred.dep_ in ("xcomp",) and pred.head.lemma_.lower() in lex.intent
    return negated, future, possible, deontic, conditional


def intended(node: Token, lex: Lexicon) -> bool:
    """An intent predicate: "plan", "intend", or a "be" phrase ("is set to", "is due to")."""
    lemma = node.lemma_.lower()
    if lemma in lex.intent:
        return True
    if f"be {lemma}" not in lex.intent and f"be {node.lower_}" not in lex.intent:
        return False
    be = [c for c in node.children if c.dep_ in ("aux", "auxpass", "cop")]
    if node.dep_ in ("acomp", "attr"):
        be.append(node.head)
    return any(t.lemma_ == "be" for t in be)


def recode(type_: str, mode: str | None, negated: bool, future: bool, possible: bool):
    """PLOVER's rules for intent, threats and refusals: (type, mode, negated, hypothetical, future).

    `future` marks an act that is announced, intended or promised but has not happened. Future
    meetings and visits stay CONSULT with `future` set (the record keeps the act; PLOVER's strict
    coding would make them AGREE); other future cooperation becomes AGREE and future material
    conflict THREATEN, both flagged `future`.
    """
    if possible is None:  # the condition of an if-clause: the act itself, hypothetical
        return type_, mode, negated, True, False
    if negated and type_ in COOPERATIVE:
        return "REJECT", reject_mode(type_), False, False, False
    if negated:
        return type_, mode, True, False, future
    if future or possible:
        if type_ == "CONSULT":
            return type_, mode, False, possible, future
        if type_ in COOPERATIVE - {"AGREE"}:
            return "AGREE", None, False, possible, future
        if type_ in MATERIAL_CONFLICT:
            return "THREATEN", threat_mode(type_, mode), False, possible, future
        return type_, mode, False, possible, future
    return type_, mode, False, False, False


def reject_mode(inner: str | None) -> str | None:
    """REQUEST/REJECT mode from the type of what is asked for or refused."""
    return {
        "AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "RETREAT": "yield",
        "CONCEDE": "yield", "CONSULT": "meet", "AGREE": "meet",
    }.get(inner or "", None if inner is None else "change")  # fmt: skip


def threat_mode(inner: str | None, mode: str | None) -> str | None:
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
        return "THREATEN", threat_mode(inner.type, inner.mode) or outer.mode
    if outer.type in ("REQUEST", "REJECT"):
        return outer.type, reject_mode(inner.type)
    if outer.type == "AGREE" and inner.type in MATERIAL_CONFLICT and inner.type != "PROTEST":
        return "THREATEN", threat_mode(inner.type, inner.mode)
    return outer.type, outer.mode


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


def number(token: Token) -> int | None:
    """An integer from a number token ("12", "1,200", "three")."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        value = int(text)
        return value if value < MAX_COUNT else None
    return NUMBER_WORDS.get(text)


def count_of(token: Token) -> int | None:
    """The number attached to a casualty word or the people it counts."""
    if token.like_num:
        return number(token)
    for child in token.children:
        if child.dep_ == "nummod" or (child.like_num and child.dep_ in ("amod", "compound")):
            return number(child)
    people = ("dobj", "nsubjpass") if token.pos_ == "VERB" else ("nsubj", "nsubjpass", "attr")
    for child in token.children:
        if child.dep_ in people:
            found = count_of(child) if child.i != token.i else None
            if found is not None:
                return found
    if token.head.like_num:
        return number(token.head)
    if token.i > 0 and token.doc[token.i - 1].like_num:
        return number(token.doc[token.i - 1])
    return None


def casualties(tokens: list[Token], lex: Lexicon) -> dict[str, int]:
    """Killed/injured/arrested counts stated in a clause."""
    counts: dict[str, int] = {}
    for token in tokens:
        key = lex.casualty.get(token.lemma_.lower()) or lex.casualty.get(token.lower_)
        if key is None or key in counts:
            continue
        value = count_of(token)
        if value is not None:
            counts[key] = value
    return counts


def block_kind(doc: Doc, char: int) -> str:
    """The kind of block covering a character offset: "header" before the first block (the
    title and date lines), "body" when blocks are unknown."""
    blocks = doc._.blocks or ()
    for block in blocks:
        if block.start <= char < block.end:
            return block.kind
    if blocks and char < blocks[0].start:
        return "header"
    return "body"


def block_bounds(doc: Doc, char: int) -> tuple[int, int] | None:
    """Offsets of the block covering `char`."""
    for block in doc._.blocks or ():
        if block.start <= char < block.end:
            return block.start, block.end
    return None


def pick_place(doc: Doc, pred: Token, lo: int, hi: int, actor_span) -> int | None:
    """Index of the place governed by the predicate, else the first in the clause."""
    candidates = [(i, p) for i, p in enumerate(doc._.places or ()) if lo <= p.start and p.end <= hi]
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


def pick_date(doc: Doc, pred: Token, lo: int, hi: int, past: bool, caption: bool) -> str | None:
    """TIMEX3 value of the time governing the predicate; else the article date when past."""
    times = [t for t in doc._.times or () if lo <= t.start and t.end <= hi]
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


def quote_at(doc: Doc, char: int):
    """The quote (from the quotes stage) containing a character offset, if any."""
    for quote in doc._.quotes or ():
        if quote.start <= char < quote.end:
            return quote
    return None


def speaker_actor(quote) -> Actor | None:
    """The quote's speaker coded as an actor."""
    speaker = quote.speaker
    if speaker is None or (speaker.name is None and speaker.entity is None):
        return None
    country, sector = code_name(speaker.name or "")
    return Actor(entity=speaker.entity, name=speaker.name, country=country, sector=sector)


def clause_tokens(pred: Token, stop: set[int]) -> list[Token]:
    """Tokens of the predicate's clause, not descending into other events' predicates."""
    out = []
    stack = [pred]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if c.i not in stop)
    return sorted(out, key=lambda t: t.i)


def build(trig: Trigger, sent: Span, stop: set[int], lex: Lexicon) -> list[Event]:
    """Turn a resolved trigger into Events (one per actor/recipient pair) with their evidence."""
    doc = sent.doc
    pred = trig.pred
    type_, mode = combine(trig)
    passive = passive_subject(pred) is not None and trig.word.i == pred.i
    actor_tok = agent(pred) if passive else subject(pred)
    if actor_tok is None and not passive:
        actor_tok = inherited_subject(pred, lex)
    if actor_tok is not None and actor_tok.lower_ in ("it", "they", "he", "she"):
        actor_tok = reporter_of(pred, lex) or actor_tok
    if trig.word.i != pred.i and actor_tok is None:
        actor_tok = noun_owner(trig.word)
    clause = clause_tokens(pred, stop - {pred.i})
    if type_ == "ASSAULT":
        causes = [g for c in pred.children if c.dep_ in ("prep", "agent") for g in c.children]
        if any(g.lemma_.lower() in lex.accident for g in causes):
            return []
        if passive and actor_tok is None:
            cause = next((g for g in causes if event_noun(g, lex) is not None), None)
            actor_tok = noun_owner(cause) if cause is not None else None
    if actor_tok is not None:
        actor_tok = real_head(actor_tok)
    recipient_tok = find_recipient(trig, actor_tok)
    negated, future, possible, deontic, conditional = modality(pred, lex)
    reporter = reporter_of(pred, lex)
    if demanded(pred):  # "its demand that Israel ease", "a reminder to Iraq that it must"
        deontic, reporter = True, subject(pred.head.head) or inherited_subject(pred.head.head, lex)
        addressee = next(
            (g for h in (pred.head, pred.head.head) for c in h.children if c.lower_ == "to"
             for g in c.children if g.dep_ == "pobj"), None,
        )  # fmt: skip
        if addressee is not None and (actor_tok is None or actor_tok.pos_ == "PRON"):
            actor_tok = addressee
    if deontic and reporter is not None and trig.word.i == pred.i and type_ != "THREATEN":
        mode = reject_mode(type_) if type_ != "REQUEST" else "change"
        type_, recipient_tok, actor_tok = "REQUEST", actor_tok, reporter
        future = possible = False
    frame = (
        lex.frames.get(base(pred, lex)) if trig.inner is None and trig.word.i == pred.i else None
    )
    if frame is not None:
        future = future and frame not in ("AGREE", "THREATEN")
    type_, mode, negated, hypothetical, future = recode(
        type_, mode, negated, future, None if conditional else possible
    )
    if type_ == "THREATEN" and mode is None and trig.inner is None and trig.rule.type != "THREATEN":
        mode = threat_mode(trig.rule.type, trig.rule.mode)
    actor = code_actor(actor_tok) if actor_tok is not None else None
    recipient = code_actor(recipient_tok, "recipient") if recipient_tok is not None else None
    recipient = domestic(recipient, actor, type_)
    actor = home(actor, recipient)
    if (
        trig.rule.civil
        and type_ == trig.rule.type
        and actor is not None
        and actor.sector in ("CVL", "LAB", "EDU", "MED", "OPP")
        and cue_mode(type_, None, clause, lex) is None
    ):
        type_, mode = trig.rule.civil
    mode = cue_mode(type_, mode, clause, lex)
    quote = quote_at(doc, pred.idx)
    if quote is not None and (
        actor is None or (actor_tok is not None and actor_tok.lower_ in FIRST_PERSON)
    ):
        actor = speaker_actor(quote) or actor
    actors = [(actor_tok, actor)] + partners(actor_tok, actor)
    recipients = [(recipient_tok, recipient)] + partners(recipient_tok, recipient)
    lo, hi = evidence(pred, clause, *(t for t, _ in actors + recipients))
    kind = block_kind(doc, pred.idx)
    caption = kind == "caption"
    bounds = block_bounds(doc, pred.idx) if caption else None
    scope = bounds or (sent.start_char, sent.end_char)
    actor_span = span_of(actor_tok) if actor_tok is not None else None
    place = pick_place(doc, pred, *scope, actor_span)
    past = pred.tag_ in ("VBD", "VBN") or any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in pred.children
    )
    date = pick_date(doc, pred, *scope, past and not hypothetical, caption)
    counts = casualties(clause, lex) if type_ in ("ASSAULT", "COERCE") else {}
    confidence = score(trig, actor, recipient, hypothetical, negated, quote is not None)
    event = Event(
        type=type_, start=lo, end=hi, text=sent.text[lo - sent.start_char : hi - sent.start_char], mode=mode, actor=actor,
        recipient=recipient, place=place, date=date, negated=negated,
        hypothetical=hypothetical, future=future, confidence=confidence, counts=counts or None,
    )  # fmt: skip
    return [
        replace(event, actor=a, recipient=r)
        for a, r in pairs([a for _, a in actors], [r for _, r in recipients], type_)
    ]


def partners(head: Token | None, coded: Actor | None) -> list[tuple[Token, Actor]]:
    """Parties coordinated with `head` ("Israel and Hamas", "Russia and Belarus"), coded."""
    if head is None or coded is None:
        return []
    out = []
    for conj in head.conjuncts:
        if conj.i <= head.i or conj.pos_ not in ("NOUN", "PROPN"):
            continue
        found = code_actor(conj)
        if found is not None and (found.country or found.entity) and found != coded:
            out.append((conj, found))
    return out[: MAX_PARTIES - 1]


def pairs(
    actors: list[Actor | None], recipients: list[Actor | None], type_: str
) -> list[tuple[Actor | None, Actor | None]]:
    """One (actor, recipient) pair per event: every actor with every recipient.

    Coordinated actors of a mutual act with no named recipient ("Israel and Hamas agreed to a
    ceasefire", "Armenia and Azerbaijan exchanged prisoners") are each other's recipients:
    ISR -> PSE and PSE -> ISR.
    """
    unnamed = all(r is None or not (r.country or r.entity) for r in recipients)
    if len(actors) > 1 and unnamed and type_ in MUTUAL:
        return [(a, actors[(i + 1) % len(actors)]) for i, a in enumerate(actors)]
    return [(a, r) for a in actors for r in recipients]


def domestic(recipient: Actor | None, actor: Actor | None, type_: str) -> Actor | None:
    """Give an uncoded recipient the actor's country when the act is a domestic one.

    Police, courts, parties and rebels act on their own country's people ("an Argentine judge
    ordered Carlos Menem" -> ARG); a government does too when the recipient is a domestic
    group (opposition, journalists, protesters). Armed attacks cross borders, so they never
    inherit from a government or an army.
    """
    if recipient is None or recipient.country or actor is None or not actor.country:
        return recipient
    if actor.country in INTERNATIONAL:
        return recipient
    if actor.sector in DOMESTIC_ACTORS or (
        actor.sector == "GOV" and recipient.sector in DOMESTIC_TARGETS and type_ not in CROSSING
    ):
        return replace(recipient, country=actor.country)
    return recipient


def home(actor: Actor | None, recipient: Actor | None) -> Actor | None:
    """Give an uncoded domestic actor (protesters, rebels, a party) its target's country.

    Civilians, parties and rebels mostly press their own state: "Islamic fundamentalists
    demanded the resignation of Algerian President Ben Bella" -> DZA.
    """
    if actor is None or actor.country or recipient is None or not recipient.country:
        return actor
    if recipient.country in INTERNATIONAL or actor.sector not in DOMESTIC_ACTORS:
        return actor
    if recipient.sector in ("GOV", "COP", "JUD", "LEG"):
        return replace(actor, country=recipient.country)
    return actor


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
    return None


def evidence(pred: Token, clause: list[Token], *parts: Token | None) -> tuple[int, int]:
    """Character span of the clause plus the actor and recipient phrases."""
    tokens = [t for t in clause if not (t.is_punct or t.is_space)] or [pred]
    lo = tokens[0].idx
    hi = tokens[-1].idx + len(tokens[-1].text)
    for part in parts:
        if part is not None:
            start, end = span_of(part)
            lo, hi = min(lo, start), max(hi, end)
    return lo, hi


def depth(pred: Token, lex: Lexicon) -> int:
    """How many subordinate clauses (relative, adverbial, prepositional) hold the predicate."""
    levels = 0
    node = pred
    while node.head.i != node.i:
        subordinate = node.dep_ in (
            "relcl",
            "acl",
            "advcl",
            "pcomp",
            "pobj",
            "csubj",
            "amod",
            "prep",
        )
        if subordinate or (node.dep_ == "ccomp" and base(node.head, lex) not in lex.report):
            levels += 1
        node = node.head
    return levels


def score(
    trig: Trigger, actor, recipient, hypothetical: bool, negated: bool, quoted: bool
) -> float:
    """A confidence in [0, 1]: trigger specificity, completeness, and main-clause prominence."""
    value = 0.55 + (0.15 if trig.specific or trig.inner else 0.0)
    value -= 0.1 * min(3, depth(trig.pred, lexicon()))
    value += 0.15 if actor is not None and actor.country else 0.05 if actor else 0.0
    value += 0.1 if recipient is not None else 0.0
    value -= 0.15 if hypothetical else 0.0
    value -= 0.1 if negated else 0.0
    value -= 0.05 if quoted else 0.0
    return round(max(0.05, min(0.99, value)), 2)


def find_events(doc: Doc) -> list[Event]:
    """Return the events found in `doc`, in text order."""
    lex = lexicon()
    found: list[Event] = []
    for sent in doc.sents:
        if block_kind(doc, sent.start_char) in SKIP_BLOCKS:
            continue
        triggers = find_triggers(sent, lex)
        if not triggers:
            continue
        resolve(triggers, lex)
        stop = {t.pred.i for t in triggers if not t.absorbed}
        for trig in triggers:
            if trig.absorbed:
                continue
            found.extend(build(trig, sent, stop, lex))
    return [e for e, dup in zip(found, restated(found, doc), strict=True) if not dup]


def restated(events: list[Event], doc: Doc) -> list[bool]:
    """For each event: is it a headline event that the body reports too? Same type, and every
    party the headline names is a party of the body's events of that type."""
    heads = [block_kind(doc, e.start) in HEADLINE_BLOCKS for e in events]
    if not any(heads):
        return heads
    named: dict[str, set[str]] = {}
    for event, head in zip(events, heads, strict=True):
        if not head:
            keys = named.setdefault(event.type, set())
            keys.update(party_keys(event.actor) | party_keys(event.recipient))
    return [
        head
        and event.type in named
        and all(
            not party_keys(p) or party_keys(p) & named[event.type]
            for p in (event.actor, event.recipient)
        )
        for event, head in zip(events, heads, strict=True)
    ]


def party_keys(party: Actor | None) -> set[str]:
    """What identifies a party across sentences: its entity id and its country code."""
    if party is None:
        return set()
    return {k for k in (party.entity, party.country) if k}


@Language.component("dateline_events", assigns=["doc._.events"])
def events_component(doc: Doc) -> Doc:
    """Set `doc._.events`."""
    return run_stage(doc, "events", find_events)


__all__ = ["QUAD", "find_events", "lexicon"]

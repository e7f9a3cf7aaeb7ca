"""Event triggers: the lexicon of resources/events.tsv and the verbs and nouns it matches."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from dateline.stages.events.actors import is_party, person_noun
from dateline.stages.events.lexicon import Lexicon, Rule, base, event_noun, lookup, match_rule

DEONTIC_AUX = {"must", "should"}


# Subjects of a must/should clause that bind the speaker ("we must", "I should").
SELF_PRONOUNS = {"i", "we"}


# Heads that take their event from a modifier ("mediation effort", "rescue mission").
GENERIC_EVENTS = {"effort", "mission", "campaign", "operation", "bid", "drive", "initiative"}
# Counts and runs of acts under a light verb: the act is their "of" object ("made dozens of
# requests", "launched a series of attacks").
ACT_QUANTITIES = {"dozens", "hundreds", "scores", "series", "number", "wave", "spate", "string"}


# Documents that carry a verbal act ("a letter calling for", "a statement condemning").
DOCUMENTS = {
    "letter",
    "statement",
    "petition",
    "resolution",
    "motion",
    "declaration",
    "communique",
    "report",
}
VERBAL = {"REQUEST", "ACCUSE", "SUPPORT", "REJECT", "THREATEN"}
# What a law or decree does to a party in its issuer's name ("a bill granting amnesty").
LAW_ACTS = {"CONCEDE", "RETREAT", "SANCTION"}
# Decrees under which an agentless act is done, and the offices their adjectives name.
DECREES = {"decree", "edict", "order", "ukase"}
ISSUERS = {
    "presidential": ("president",),
    "royal": ("king", "queen", "monarch", "emir", "sultan"),
}


# Names that contain an event word without reporting one.
NAME_ENTS = {"ORG", "WORK_OF_ART", "EVENT", "FAC", "LAW", "PRODUCT"}


# Acts a subject undergoes: "is under investigation", "under arrest", "under sanctions".
UNDER_TYPES = {"ACCUSE", "COERCE", "SANCTION"}


# Agencies whose name before an event noun makes them its owner ("police raid", "army shelling").
AGENCY_NOUNS = {"police", "army", "military", "government", "rebel", "militia", "court", "troops"}


# Event nouns whose singular means something else ("talk" vs "talks").
PLURAL_SENSES = {"talk"}


CAUSE_PREPS = {"in", "by", "from", "during", "of", "after", "amid"}


# Objects that make an attack verb figurative ("struck a cautious tone", "hit a record").
FIGURATIVE = {
    "tone",
    "note",
    "chord",
    "balance",
    "pose",
    "record",
    "high",
    "low",
    "snag",
    "nerve",
    "mark",
    "wall",
    "jackpot",
    "headline",
    "headlines",
}


# Event nouns that are acts when they name their other party ("talks with Russia").
MUTUAL = {"CONSULT", "AGREE", "COOPERATE"}


PARTNER_PREPS = {"with", "between", "to"}


PARTNER_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
PARTY_ENTS = PARTNER_ENTS


# Prepositions that make an event noun the background of another act ("freed after talks").
TIME_PREPS = {"after", "before", "since", "following", "amid", "during", "until"}


# Acts typed by their means ("retaliated by imposing tariffs" is no attack).
RETALIATION = {"retaliate", "strike"}


# Purposes that make a crowd in the streets no protest ("took to the streets to celebrate").
FESTIVE = {"celebrate", "cheer", "greet", "welcome", "watch", "party"}


# Objects that make signing law-making rather than an agreement with a party.
LAWS = {"legislation", "bill", "law", "decree", "budget", "measure", "ordinance"}


@dataclass
class Trigger:
    """A candidate event: the predicate token, the trigger token and the matched rule."""

    pred: Token
    word: Token
    rule: Rule
    specific: bool = False
    inner: Trigger | None = None
    absorbed: bool = False
    document: Token | None = None  # the letter or statement that carries a verbal act
    judged: Token | None = None  # what a speaker judges ("the board's ruling")


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """Verb, light-verb+noun and casualty-cause noun triggers in one sentence."""
    found = [trig for token in sent if (trig := _trigger_at(token, lex)) is not None]
    return sorted(found, key=lambda t: t.pred.i)


def _trigger_at(token: Token, lex: Lexicon) -> Trigger | None:
    """The trigger a token carries: a verb's, an event noun's, or an occurring noun's."""
    pos = token.pos_
    verbal = pos in ("VERB", "ADJ", "AUX") or token.tag_.startswith("VB")
    if not verbal and pos not in ("NOUN", "PROPN"):
        return None  # most tokens: asked first, as it is the cheapest question
    if token.dep_ in ("pobj", "pcomp") and token.head.lower_ == "without":
        return None  # "attacked without warning": a manner, not an act
    if token.dep_ == "amod" and token.tag_ in ("VBN", "VBG"):
        return None  # "a proposed tax", "alleged war crimes", "a talking shop": a modifier
    if verbal:
        found = _verb_trigger(token, lex)
        if found is not None and (writer := _writer(token, found.rule.type)):
            return Trigger(writer, token, found.rule, True, document=token.head)
    elif pos in ("NOUN", "PROPN"):
        rule = event_noun(token, lex)
        if rule is None:
            return None
        if token.pos_ == "PROPN" and token.ent_type_ in NAME_ENTS:
            return None  # "the March of Dimes", "Operation Protective Edge"
        if token.dep_ == "pobj" and token.head.lower_ == "under" and rule.type in UNDER_TYPES:
            undergone = replace(rule, reverse=True, name=f"under {rule.name}")
            return Trigger(token.head.head, token, undergone, True)  # "is under investigation"
        if token.tag_ == "NN" and token.lemma_.lower() in PLURAL_SENSES:
            return None  # "tough talk" is rhetoric, "talks" are negotiations
        if token.dep_ != "ROOT" and (rule.type == "PROTEST" or _owned(token)):
            if token.ent_type_ in ("DATE", "TIME") or token.dep_ == "compound":
                return None  # "March 18", "protest leaders"
            if rule.type == "PROTEST" and any(c.lower_ == "of" for c in token.children):
                return None  # "a demonstration of military power"
            return Trigger(token, token, rule, False)  # "a walkout over pay", "police surveillance"
        acted = token.dep_ == "dobj" and base(token.head, lex) in lex.verbs  # "signed a deal"
        acted = acted or token.dep_ == "pobj" and token.head.lower_ in TIME_PREPS  # "after talks"
        acted = acted or token.dep_ in ("nsubj", "nsubjpass")  # "talks resumed": see _occurring
        if token.dep_ != "ROOT" and rule.type in MUTUAL and not acted and _names_partner(token):
            return Trigger(token, token, rule, False)  # "talks between X and Y", "visit to X"
        if rule.type != "ASSAULT" and token.dep_ != "ROOT":
            return _occurring(token, lex)  # "talks with the rebels resumed"
        found = _noun_trigger(token, rule, lex)
    else:
        return None
    return found if found is not None else _occurring(token, lex)


def _verb_trigger(token: Token, lex: Lexicon) -> Trigger | None:
    """A verb's or predicate adjective's own rule, else the event noun a light verb takes."""
    lemma = base(token, lex)
    rule, specific = match_rule(lookup(lex.verbs, token), token)
    if rule is not None and rule.type != "ASSAULT" and _armed(token, lex):
        rule = next((r for r in lookup(lex.verbs, token) or () if r.type == "ASSAULT"), rule)
    if rule is not None and rule.speech and any(c.dep_ == "ccomp" for c in token.children):
        rule, specific = Rule(*rule.speech, name=f"{rule.name} (speech)"), True
    if rule is None and _demand_clause(token, lex):
        rule = Rule("REQUEST", None, name="demand clause (must/should)")
    thing = None
    if rule is None and lemma in lex.report:
        found = _judgement(token, lex)  # "said the board's ruling was a disgrace"
        if found is not None:
            (rule, thing), specific = found, True
    if lemma in lex.naming and (rule is None or any(c.dep_ == "oprd" for c in token.children)):
        judged = _evaluation(token, lex)  # "called the deal a historic step for the region"
        rule, specific = (judged, True) if judged is not None else (rule, specific)
    if lemma in lex.light and (not specific or _names_act(token, rule, lex)):
        light = _light_verb_trigger(token, lex)  # "called a general strike for Monday"
        if light is not None:
            return light
    if rule is not None and rule.words and _finer_noun(token, rule, lex):
        # "went on hunger strike", "filed a legal suit": the noun says more than the verb
        return _light_verb_trigger(token, lex) if lemma in lex.light else None
    if rule is None and lemma in lex.frames and token.pos_ == "ADJ":
        rule = Rule(lex.frames[lemma], None, name=f"frame {lemma}")
    if (
        rule is not None
        and rule.type == "ASSAULT"
        and (_figurative(token) or _peaceful(token, lex))
    ):
        return None
    if rule is not None and rule.type == "PROTEST" and _festive(token):
        return None  # "fans took to the streets to celebrate the title"
    if lemma == "sign" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in LAWS for c in token.children
    ):
        return None  # "signed legislation", "signed the bill": law-making, no act on a party
    if thing is not None and token.dep_ == "parataxis":  # 'But, he said, "X's … are …"'
        return Trigger(token.head, token, rule, True, judged=thing)
    if rule is not None and token.pos_ != "AUX":
        return Trigger(token, token, rule, specific, judged=thing)
    return None


NAMED_DEPS = {"dobj", "oprd", "xcomp", "ccomp", "attr", "acomp"}


def _evaluation(verb: Token, lex: Lexicon) -> Rule | None:
    """A naming verb judging its object ("called Japan's quota 'unjustified'", "described the
    ruling as a disgrace"): the act of the first evaluation word in what it names it."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            named = [t for g in child.children for t in g.subtree]
        elif child.dep_ in NAMED_DEPS:
            named = list(child.subtree)
        else:
            continue
        for tok in named:
            found = lex.evaluation.get(tok.lower_) or lex.evaluation.get(tok.lemma_.lower())
            if found is not None:
                return Rule(*found, name=f"verb {base(verb, lex)} + evaluation {tok.lower_}")
    return None


# Possessives that name no party of their own ("its illegal practices": whose is unknown here).
OWNER_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}


def _judgement(report: Token, lex: Lexicon) -> tuple[Rule, Token] | None:
    """A speaker judging a party or a party's act in the clause reported ("said the
    board's ruling was 'a disgrace'", "'Mexico's reckless subsidies have cost jobs,' the
    senator said", 'But, he said, "frankly, Japan's dishonest rules hurt farmers"'):
    the act of the evaluation word, as under a naming verb, and what it judges."""
    if report.dep_ == "parataxis":
        clauses = [report.head]
    else:
        clauses = [c for c in report.children if c.dep_ == "ccomp"]
    evaluation = lex.evaluation
    if not any(
        t.lower_ in evaluation or t.lemma_.lower() in evaluation
        for clause in clauses
        for t in clause.subtree
    ):
        return None  # most reported clauses judge no one
    for clause in clauses:
        if any(c.dep_ == "neg" for c in clause.children):
            continue  # "said the move was not illegal": no judgement against anyone
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        owned = _owner(subj) is not None
        if owned:
            for mod in _modifiers(subj):
                if (found := _evaluated(mod, report, lex)) is not None:
                    return found, subj  # "Japan's dishonest rules hurt farmers"
        if not (owned or is_party(subj) or person_noun(subj)) or subj.pos_ == "PRON":
            continue
        if clause.lemma_ != "be":
            continue
        for named in clause.children:
            if named.dep_ not in ("attr", "acomp"):
                continue
            for tok in named.subtree:
                if (found := _evaluated(tok, report, lex)) is not None:
                    return found, subj  # "the board's ruling was a disgrace"
    for clause in clauses:
        for tok in clause.subtree:
            if tok.pos_ != "NOUN" or (found := _evaluated(tok, report, lex)) is None:
                continue
            owner = _owner(tok)
            if owner is not None and (is_party(owner) or owner.ent_type_ in PARTY_ENTS):
                return found, tok  # "drew attention to China's 'lies' about its courts"
    return None


def _modifiers(noun: Token) -> list[Token]:
    """Adjectives of a noun, and of its compounds ("dishonest farm subsidies", where the parse
    may hang "dishonest" on "farm"), with their conjuncts ("reckless and dishonest")."""
    heads = [noun] + [c for c in noun.children if c.dep_ == "compound"]
    mods = [m for h in heads for m in h.children if m.dep_ == "amod"]
    return mods + [c for m in mods for c in m.conjuncts]


def _owner(noun: Token) -> Token | None:
    """Who a thing belongs to ("the board's ruling" -> board), else None; not a time
    ("Thursday's order")."""
    for child in noun.children:
        if child.dep_ != "poss" or child.lower_ in OWNER_PRONOUNS:
            continue
        if child.ent_type_ not in ("DATE", "TIME") and child.pos_ in ("NOUN", "PROPN"):
            return child
    return None


def _evaluated(tok: Token, report: Token, lex: Lexicon) -> Rule | None:
    """The act an evaluation word makes when a speaker says it of a party."""
    found = lex.evaluation.get(tok.lower_) or lex.evaluation.get(tok.lemma_.lower())
    if found is None:
        return None
    return Rule(*found, name=f"verb {base(report, lex)} + judgement {tok.lower_}")


def _names_act(verb: Token, rule: Rule | None, lex: Lexicon) -> bool:
    """A light verb whose object is an act its own rule does not name ("called a strike for
    Monday" matched "call for" by the date's preposition): the object is the act."""
    if rule is None or not rule.words:
        return False  # a naming verb's judgement ("called the deal a historic step") stays
    words = set(rule.words)
    if any(c.dep_ == "prt" and c.lower_ in words for c in verb.children):
        return False  # "called off a strike": the particle makes the verb's own act
    return any(
        c.dep_ == "dobj" and c.lemma_.lower() not in words and event_noun(c, lex) is not None
        for c in verb.children
    )


def _finer_noun(verb: Token, rule: Rule, lex: Lexicon) -> bool:
    """A verb rule's noun that has a finer rule of its own ("go on strike" around "hunger
    strike"): that noun is the trigger."""
    for tok in (g for c in verb.children for g in (c, *c.children)):
        if tok.lemma_.lower() in rule.words and tok.pos_ == "NOUN":
            found = event_noun(tok, lex)
            if found is not None and found.words and found.type == rule.type:
                return True
    return False


def _festive(verb: Token) -> bool:
    """A gathering whose purpose is a celebration or a welcome, not a protest."""
    return any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in FESTIVE for c in verb.children)


def _armed(verb: Token, lex: Lexicon) -> bool:
    """A retort done with weapons ("hit back at Hamas with air strikes"): an attack."""
    return any(
        (rule := event_noun(g, lex)) is not None and rule.type == "ASSAULT"
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for g in c.children
        if g.dep_ == "pobj"
    )


def _peaceful(verb: Token, lex: Lexicon) -> bool:
    """Retaliating by a means that is no attack ("retaliated by publishing a list of
    goods for new duties"): the means, not the retaliation, says what was done."""
    if base(verb, lex) not in RETALIATION:
        return False
    means = [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "by"
        for g in c.children
        if g.dep_ == "pcomp" and g.pos_ == "VERB"
    ]
    return any(not any(r.type == "ASSAULT" for r in lookup(lex.verbs, m) or ()) for m in means)


def _figurative(verb: Token) -> bool:
    """An attack verb whose object is no target ("struck a more cautious tone")."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in FIGURATIVE for c in verb.children)


def _light_verb_trigger(token: Token, lex: Lexicon) -> Trigger | None:
    """A light verb's event-noun object ("launched an attack", "a rescue mission")."""
    for child in token.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass"):
            child = _counted_act(child, lex)
            rule = event_noun(child, lex)
            if rule is None and child.lemma_.lower() in GENERIC_EVENTS:
                rule = next(
                    (
                        r
                        for c in child.children
                        if c.dep_ == "compound"
                        if (r := event_noun(c, lex)) is not None
                    ),
                    None,
                )
            if rule is not None and not rule.instrument:
                return Trigger(token, child, rule, True)
    return None


def _counted_act(noun: Token, lex: Lexicon) -> Token:
    """The act a count or run stands for ("a series of attacks" -> attacks; "dozens of
    freedom of information requests" -> requests), else the noun."""
    if noun.lower_ not in ACT_QUANTITIES:
        return noun
    found, node = noun, noun
    for _ in range(3):
        of = next((c for c in node.children if c.lower_ == "of"), None)
        node = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        if node is None:
            return found
        found = node if found is noun else found
        if event_noun(node, lex) is not None:
            return node
    return found


def _writer(verb: Token, type_: str) -> Token | None:
    """The verb by which a party issues a document whose participle states a verbal act
    ("wrote a letter to the Duma calling for", "issued a statement condemning the raid"),
    or a law that concedes, frees or sanctions ("signed a decree pardoning 300 prisoners"):
    the act is the issuer's, addressed to the document's addressee."""
    doc = verb.head
    relative = verb.dep_ == "relcl" and any(  # "signed legislation that granted raises to"
        c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in verb.children
    )
    if not (verb.dep_ == "acl" and verb.tag_ == "VBG" or relative):
        return None
    kind = doc.lemma_.lower()
    if not (kind in DOCUMENTS and type_ in VERBAL or kind in LAWS and type_ in LAW_ACTS):
        return None
    return doc.head if doc.dep_ == "dobj" and doc.head.pos_ == "VERB" else None


def decree_issuer(pred: Token) -> Token | None:
    """Who issued the decree an agentless passive act was done under ("under a presidential
    decree, 200 prisoners were pardoned"): the decree's owner, or for a presidential or royal
    decree the president or monarch the article names first."""
    node = pred
    while node.dep_ == "conj" and node.head.i != node.i:  # "…, and Y was awarded …"
        node = node.head
    for prep in (c for c in (*pred.children, *node.children) if c.dep_ == "prep"):
        if prep.lower_ not in ("under", "by"):
            continue
        for decree in (g for g in prep.children if g.dep_ == "pobj"):
            if decree.lemma_.lower() not in DECREES:
                continue
            owner = next((c for c in decree.children if c.dep_ == "poss"), None)
            if owner is not None and owner.pos_ != "PRON":
                return owner  # "by the president's decree"
            office = next((ISSUERS[c.lower_] for c in decree.children if c.lower_ in ISSUERS), None)
            named = (t for t in pred.doc if t.lower_ in office and t.pos_ != "ADJ")
            if office is not None and (title := next(named, None)) is not None:
                while title.dep_ == "compound" and title.head.i != title.i:
                    title = title.head  # "President Ali Karimov"
                return title
    return None


def _owned(noun: Token) -> bool:
    """An event noun whose owner is named: "Beijing's duties", "police surveillance"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in ("its", "their", "his", "her", "our"):
            return is_party(child)
        if child.dep_ == "compound" and (
            child.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") or child.lower_ in AGENCY_NOUNS
        ):
            return True
    return False


def _names_partner(noun: Token) -> bool:
    """A meeting or deal noun that names its other party ("talks with Russia", "her visit to
    Ankara", "discussions between the ministers")."""
    return any(
        g.dep_ == "pobj" and any(_partner(n) for n in (g, *g.conjuncts, *_titles(g)))
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS
        for g in c.children
    )


def _partner(token: Token) -> bool:
    """A party, a person or a named group or place."""
    return is_party(token) or person_noun(token) or token.ent_type_ in PARTNER_ENTS


def _titles(name: Token) -> list[Token]:
    """Titles before a name the entity recogniser missed ("Defence Ministers Ngo Xuan Lich")."""
    return [c for c in name.children if c.dep_ == "compound" and person_noun(c)]


def _noun_trigger(token: Token, rule: Rule, lex: Lexicon) -> Trigger | None:
    """An event noun that causes casualties ("killed in an attack") or heads a headline."""
    if token.dep_ == "pobj" and token.head.lower_ in CAUSE_PREPS:
        cause_of = token.head.head
        lemma = cause_of.lemma_.lower()
        if lemma in lex.casualty and lemma not in lex.verbs:
            return Trigger(cause_of, token, rule, True)
    elif token.dep_ == "ROOT":
        return Trigger(token, token, rule, False)
    return None


def _occurring(token: Token, lex: Lexicon) -> Trigger | None:
    """An event noun as the subject of an occurrence verb ("fighting erupted")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "nsubj":
        return None
    rule = event_noun(token, lex)
    if rule is not None and base(token.head, lex) in lex.occur:
        return Trigger(token, token, rule, False)
    return None


def _demand_clause(token: Token, lex: Lexicon) -> bool:
    """A reported clause with must/should ("X said Y must withdraw") is a demand on Y."""
    if token.dep_ != "ccomp" or base(token.head, lex) not in lex.report:
        return False
    if not any(c.dep_ == "aux" and c.lower_ in DEONTIC_AUX for c in token.children):
        return False
    return not self_bound(token)


def self_bound(clause: Token) -> bool:
    """The reporter binds itself ("the ministry said it must review its own rules", "we
    should"): an obligation the speaker takes on, not a demand on anyone else."""
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    if subj.lower_ in SELF_PRONOUNS:
        return True
    head = clause.head
    reporter = next((c for c in head.children if c.dep_ == "nsubj"), None)
    addressed = any(c.dep_ in ("dobj", "dative") or c.lower_ == "to" for c in head.children)
    return (
        subj.lower_ == "it"
        and not addressed
        and reporter is not None
        and reporter.tag_ in ("NN", "NNP")
    )

"""The events stage: PLOVER events from verb and noun triggers over the dependency parse.

The stage reads in steps, one module each: `event_triggers` finds the verbs and nouns of
resources/events.tsv, `event_frames` folds complements into their frames and reads modality,
`event_roles` finds the actor and recipient tokens, `actors` codes them, and `event_details`
adds the evidence span, place, date and casualty counts. This module builds the records.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.records import QUAD, Actor, Event, Quote
from dateline.stages.common import run_stage, text_of
from dateline.stages.events.actors import (
    MEMO,
    PRONOUNS,
    agency,
    code_actor,
    first_person,
    is_party,
    organs_of,
    other_person,
    other_sides,
    person_noun,
)
from dateline.stages.events.confidence import Signals, score
from dateline.stages.events.details import (
    before_dateline,
    block_kind,
    casualties,
    clause_tokens,
    cue_mode,
    evidence,
    place_and_date,
    quote_at,
    speaker_actor,
)
from dateline.stages.events.filter import (
    AGENTLESS,
    DEFAULT_THRESHOLD,
    UNGATED,
    Parties,
    admitted,
    retyped,
    vetoed,
)
from dateline.stages.events.frames import Reading, combine, read, resolve
from dateline.stages.events.lexicon import Lexicon, base, lexicon
from dateline.stages.events.merge import merge
from dateline.stages.events.roles import (
    accidental,
    actor_token,
    conjunct_reporter,
    find_recipient,
    passive_subject,
    reversed_roles,
    subject,
)
from dateline.stages.events.triggers import Trigger, find_triggers

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
# Words coordinated inside one title, never parties of their own ("Ambassador Extraordinary
# and Plenipotentiary of Georgia").
TITLE_WORDS = {"extraordinary", "plenipotentiary"}
# Types of the agentless acts that take the article's police or court agency as actor.
STATE_TYPES = {"COERCE", "ACCUSE", "SANCTION", "RETREAT"}
SKIP_BLOCKS = {"byline", "credit", "footer", "dateline"}


def find_events(doc: Doc) -> list[Event]:
    """Return the events found in `doc`, in text order."""
    doc.user_data[MEMO] = {}
    try:
        return _find_events(doc)
    finally:
        doc.user_data.pop(MEMO, None)


def _find_events(doc: Doc) -> list[Event]:
    """find_events, with the actor memo in place."""
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
            found.extend(_build(trig, sent, stop, lex))
    return merge(_with_agency(found, doc), lambda e: _headline(doc, e.start))


def _headline(doc: Doc, char: int) -> bool:
    """A headline: the header or heading blocks, or the line before the lede's dateline."""
    return block_kind(doc, char) in HEADLINE_BLOCKS or before_dateline(doc, char)


def _with_agency(events: list[Event], doc: Doc) -> list[Event]:
    """Give agentless state acts ("three were arrested", "he was charged") the article's police
    or court agency, when the article names one ("the Sheriff's Office said")."""
    if not any(e.actor is None and (e.rule or "").endswith(AGENTLESS) for e in events):
        return events
    found: dict[str, Actor | None] = {}
    out = []
    for event in events:
        if (
            event.actor is None
            and (event.rule or "").endswith(AGENTLESS)
            and event.type in STATE_TYPES
        ):
            sector = "JUD" if event.mode == "convict" or "sentence" in (event.rule or "") else "COP"
            if sector not in found:
                found[sector] = agency(doc, sector)
            event = replace(event, actor=found[sector]) if found[sector] else event
        out.append(event)
    return out


def _build(trig: Trigger, sent: Span, stop: set[int], lex: Lexicon) -> list[Event]:
    """Turn a resolved trigger into Events (one per actor/recipient pair) with their evidence."""
    pred = trig.pred
    type_, _ = combine(trig)
    if type_ == "ASSAULT" and accidental(pred, lex):
        return []
    actor_tok = actor_token(trig, type_, lex)
    if trig.rule.reverse:  # "X faces charges", "X is under police surveillance": X is acted on
        reading = read(trig, *reversed_roles(trig), lex)
    else:
        reading = read(trig, actor_tok, find_recipient(trig, actor_tok), lex)
    if _alternative(pred):  # "asked it to correct the filing or be deregistered"
        reading = replace(reading, hypothetical=True)
    actor_tok, recipient_tok = reading.actor, reading.recipient
    clause = clause_tokens(pred, stop - {pred.i})
    actor, recipient = _code_pair(reading)
    if _bound(actor_tok, recipient_tok) and _same_party(actor, recipient):
        actor = other_person(actor_tok, recipient and recipient.entity)  # "He called Novak …"
    elif _named_within(actor_tok, actor):  # "He praised the talks between X and Novak"
        actor = other_person(actor_tok, actor.entity)
    elif (told := conjunct_reporter(pred, actor_tok, lex)) is not None:
        # "said X failed to … and asked it to …": the reporter asks X
        recipient_tok, recipient = actor_tok, code_actor(actor_tok, "recipient")
        actor_tok, actor = told, code_actor(told)
    if actor_tok is not None and _in_markup(actor_tok):  # "<svg onload=…> The ministers met"
        actor_tok, actor = None, None
    if recipient_tok is not None and _in_markup(recipient_tok):
        recipient_tok, recipient = None, None
    type_, mode = _civil_mode(trig, reading, actor, clause, lex)
    quote = quote_at(sent.doc, pred.idx)
    actor, recipient = _spoken(pred, quote, reading, actor, recipient)
    word = (trig.inner or trig).word
    rule = (trig.inner or trig).rule
    # A reversed act is named by its object ("faces charges" is a charge).
    lemma = rule.words[-1] if rule.reverse and rule.words else base(word, lex)
    parties = Parties(
        type_, mode, lemma, word, actor_tok, actor, recipient_tok, recipient, rule.words
    )
    type_, mode = retyped(parties)
    retyped_parties = replace(parties, type=type_, mode=mode)
    gate = admitted(retyped_parties)
    veto = vetoed(retyped_parties) if gate is None else None
    actors = [(actor_tok, actor)] + _partners(actor_tok, actor)
    recipients = [(recipient_tok, recipient)] + _partners(recipient_tok, recipient)
    actors[0] = (actor_tok, _together(actor_tok, actor, len(actors) - 1))
    recipients[0] = (recipient_tok, _together(recipient_tok, recipient, len(recipients) - 1))
    if type_ in MUTUAL and recipient is None and actor_tok is not None and actor is not None:
        recipients = [(None, side) for side in other_sides(actor_tok, actor)[:1]] or recipients
    lo, hi = evidence(pred, clause, *(t for t, _ in actors + recipients))
    hypothetical, negated = reading.hypothetical, reading.negated
    place, date = place_and_date(sent, pred, actor_tok, hypothetical)
    counts = casualties(clause, lex) if type_ in ("ASSAULT", "COERCE") else {}
    confidence = _confidence(trig, reading, actor, recipient, quote is not None)
    if gate is None:  # no political actor acting on a party: kept, below the default threshold
        confidence = round(confidence * UNGATED, 2)
    event = Event(
        type=type_,
        start=lo,
        end=hi,
        text=sent.text[lo - sent.start_char : hi - sent.start_char],
        mode=mode,
        actor=actor,
        recipient=recipient,
        place=place,
        date=date,
        negated=negated,
        hypothetical=hypothetical,
        future=reading.future,
        confidence=confidence,
        counts=counts or None,
        rule=f"{_rule_name(trig)}; {gate or (f'vetoed: {veto}' if veto else 'no gate')}",
    )
    return [
        replace(event, actor=a, recipient=None if _same_party(a, r) else r)
        for a, r in _pairs([a for _, a in actors], [r for _, r in recipients], type_, mode)
    ]


def _spoken(
    pred: Token,
    quote: Quote | None,
    reading: Reading,
    actor: Actor | None,
    recipient: Actor | None,
) -> tuple[Actor | None, Actor | None]:
    """The speaker as the actor or recipient of an act in their own words ("we will strike
    back", "they attacked us"); not in words they quote from someone else."""
    actor_tok, recipient_tok = reading.actor, reading.recipient
    # A subjectless act in a speaker's words is theirs ("Stop the shelling," she said; "said
    # …, after meeting X"), but a passive without agent names no one ("42 were arrested").
    unsaid = actor_tok is None and passive_subject(pred) is None
    if (
        quote is not None
        and (unsaid or (actor_tok is not None and first_person(actor_tok)))
        and not _quoted_within(quote, pred.idx)
    ):
        actor = speaker_actor(quote) or actor
    if recipient_tok is not None and first_person(recipient_tok):
        spoken = quote_at(pred.doc, recipient_tok.idx)
        if spoken is not None and not _quoted_within(spoken, recipient_tok.idx):
            recipient = speaker_actor(spoken)
    return actor, recipient


def _confidence(
    trig: Trigger, reading: Reading, actor: Actor | None, recipient: Actor | None, quoted: bool
) -> float:
    """The event's confidence from the named factors of `confidence.py`."""
    pred = trig.pred
    pronoun = False
    if actor is None and recipient is None:  # only "no party named" asks
        parties = (reading.actor, reading.recipient, subject(pred), passive_subject(pred))
        pronoun = any(t is not None and t.pos_ == "PRON" for t in parties)
    signals = Signals(
        trig,
        actor,
        recipient,
        reading.hypothetical,
        reading.negated,
        quoted,
        reading.future,
        reading.predicted,
        pronoun,
    )
    return score(signals)


# Quotation marks of a quote inside a quote ("he said: 'I was attacked'").
INNER_OPEN, INNER_CLOSE = "‘'", "’'"


def _quoted_within(quote: Quote, char: int) -> bool:
    """Whether a character of a quote lies in a quote nested in it, whose first person is
    someone else than the speaker ("none of them said ‘X hit me’")."""
    before = quote.text[: max(0, char - quote.start)]
    opened = max(before.rfind(c) for c in INNER_OPEN)
    if opened < 0 or before[opened] == "'" and before[opened - 1 : opened].isalpha():
        return False  # no inner quote, or an apostrophe ("don't")
    return not any(c in before[opened + 1 :] for c in "’")


def _rule_name(trig: Trigger) -> str:
    """The name of the lexicon rule behind an event (and of its complement's, if folded)."""
    name = trig.rule.name or trig.rule.type
    return f"{name} > {trig.inner.rule.name}" if trig.inner is not None else name


def _bound(subject: Token | None, obj: Token | None) -> bool:
    """A pronoun subject with a named object in its clause: the two cannot be one person."""
    return (
        subject is not None
        and obj is not None
        and subject.pos_ == "PRON"
        and subject.lower_ in ("he", "she")
        and obj.pos_ == "PROPN"
    )


def _alternative(pred: Token) -> bool:
    """An act offered as the other branch of a demanded act ("asked it to correct the filing
    or be deregistered"): it happens only if the demand is not met."""
    first = pred.head
    return (
        pred.dep_ == "conj"
        and first.dep_ in ("xcomp", "ccomp")
        and any(c.dep_ == "cc" and c.lower_ == "or" for c in first.children)
    )


def _named_within(pronoun: Token | None, actor: Actor | None) -> bool:
    """A he/she subject resolved to a person whom its own clause names again: a name is never
    the pronoun's own ("He praised the talks between Holub and Berg" is neither of them)."""
    if pronoun is None or actor is None or actor.entity is None:
        return False
    if pronoun.lower_ not in ("he", "she") or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    entity = next((e for e in pronoun.doc._.entities if e.id == actor.entity), None)
    last = pronoun.head.right_edge
    end = last.idx + len(last)
    return entity is not None and any(
        pronoun.idx < m.start < end and m.text[:1].isupper() and m.text.lower() not in PRONOUNS
        for m in entity.mentions
    )


def _in_markup(token: Token) -> bool:
    """Whether a token lies inside an HTML tag left in the text ("<img src=x onerror=…>")."""
    text = text_of(token.doc)
    opened = text.rfind("<", 0, token.idx + 1)
    if opened < 0:
        return False
    closed = text.find(">", opened)
    return text.rfind(">", 0, token.idx) < opened and closed >= token.idx + len(token)


def _same_party(actor: Actor | None, recipient: Actor | None) -> bool:
    """Whether the recipient is the actor again (one entity, or one unlinked name): no party
    acts on itself, so such a recipient is a misreading and is left empty."""
    if actor is None or recipient is None:
        return False
    if actor.entity is not None or recipient.entity is not None:
        return actor.entity == recipient.entity
    return (actor.name or "").casefold() == (recipient.name or "").casefold() != ""


def _code_pair(reading: Reading) -> tuple[Actor | None, Actor | None]:
    """Code the actor and recipient tokens; each may lend the other its country."""
    actor = _code(reading.actor, "actor")
    recipient = _code(reading.recipient, "recipient")
    recipient = _domestic(recipient, actor, reading.type)
    return _home(actor, recipient), recipient


def _code(head: Token | None, role: str) -> Actor | None:
    """A party coded: a state's organs listed as one are the state ("the Party, Government
    and people of Vietnam"), else the phrase's own code."""
    if head is None:
        return None
    return organs_of(head) or code_actor(head, role)


def _civil_mode(
    trig: Trigger, reading: Reading, actor: Actor | None, clause: list[Token], lex: Lexicon
) -> tuple[str, str | None]:
    """Type and mode after the actor's sector and the clause's weapon and method words: an
    unarmed civilian group's "strike" is a PROTEST when no weapon is named."""
    type_, mode = reading.type, reading.mode
    if (
        trig.rule.civil
        and type_ == trig.rule.type
        and actor is not None
        and actor.sector in ("CVL", "LAB", "EDU", "MED", "OPP")
        and cue_mode(type_, None, clause, lex) is None
    ):
        type_, mode = trig.rule.civil
    return type_, cue_mode(type_, mode, clause, lex)


def _partners(head: Token | None, coded: Actor | None) -> list[tuple[Token, Actor]]:
    """Parties coordinated with `head` ("Israel and Hamas", "Russia and Belarus"), coded; not
    a state's organs listed as one."""
    if head is None or coded is None or organs_of(head) is not None:
        return []
    out = []
    for conj in head.conjuncts:
        if conj.i <= head.i or conj.pos_ not in ("NOUN", "PROPN") or conj.lower_ in TITLE_WORDS:
            continue
        found = code_actor(conj)
        if (
            found is not None
            and (found.country or found.entity and found.sector)
            and found != coded
        ):
            out.append((conj, found))
    return out[: MAX_PARTIES - 1]


def _named_party(token: Token) -> bool:
    """A name, a party or people ("Kerr", "a group of supporters")."""
    return token.pos_ == "PROPN" or is_party(token) or person_noun(token)


def _together(head: Token | None, coded: Actor | None, split: int) -> Actor | None:
    """A party named with uncoded partners ("Novak and Kerr were charged") is one party
    of one event, named by the whole coordination."""
    if head is None or coded is None or split or organs_of(head) is not None:
        return coded
    conjuncts = [c for c in head.conjuncts if c.i > head.i and c.pos_ in ("NOUN", "PROPN")]
    if not conjuncts or head.pos_ != "PROPN" or not all(_named_party(c) for c in conjuncts):
        return coded
    names = [coded.name] + [(code_actor(c) or coded).name for c in conjuncts]
    return replace(coded, name=", ".join(names[:-1]) + " and " + names[-1])


def _pairs(
    actors: list[Actor | None],
    recipients: list[Actor | None],
    type_: str,
    mode: str | None = None,
) -> list[tuple[Actor | None, Actor | None]]:
    """One (actor, recipient) pair per event: every actor with every recipient.

    Coordinated actors of a mutual act with no named recipient ("Israel and Hamas agreed to a
    ceasefire", "Armenia and Azerbaijan exchanged prisoners") are each other's recipients:
    ISR -> PSE and PSE -> ISR. Co-mediators ("mediated by Qatar and Egypt") are not.
    """
    unnamed = all(r is None or not (r.country or r.entity) for r in recipients)
    if len(actors) > 1 and unnamed and type_ in MUTUAL and mode != "third-party":
        return [(a, actors[(i + 1) % len(actors)]) for i, a in enumerate(actors)]
    return [(a, r) for a in actors for r in recipients]


def _domestic(recipient: Actor | None, actor: Actor | None, type_: str) -> Actor | None:
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


def _home(actor: Actor | None, recipient: Actor | None) -> Actor | None:
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


@Language.component(
    "dateline_events",
    requires=[
        "token.dep",
        "doc._.blocks",
        "doc._.entities",
        "doc._.times",
        "doc._.places",
        "doc._.quotes",
    ],
    assigns=["doc._.events"],
)
def events_component(doc: Doc) -> Doc:
    """Set `doc._.events`."""
    return run_stage(doc, "events", find_events)


__all__ = ["DEFAULT_THRESHOLD", "QUAD", "find_events", "lexicon"]

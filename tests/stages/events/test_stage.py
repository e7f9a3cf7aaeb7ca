"""The events stage: sentence tables, hand-built Docs, and the hand-coded fixture articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dateline.analyze import analyze
from dateline.export_events import rows, tsv_lines
from dateline.records import PLOVER_TYPES
from dateline.stages.events.filter import GATES, VETOES
from dateline.stages.events.stage import QUAD, find_events, lexicon

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "events"


def events_of(nlp, text: str, date: str = "2026-05-04"):
    """Events of one text run through the whole pipeline."""
    import datetime as dt

    from dateline.nlp import make_doc

    doc = nlp(make_doc(nlp, text, dt.date.fromisoformat(date)))
    return list(doc._.events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian troops shelled the town of Kupiansk on Monday.", ("ASSAULT", "RUS", None)),
        ("Kyiv reported heavy fighting near Pokrovsk.", None),
        ("The Kremlin accused Kyiv of shelling a power station.", ("ACCUSE", "RUS", "UKR")),
        ("Iran threatened to close the Strait of Hormuz.", ("THREATEN", "IRN", None)),
        ("Egyptian police arrested 14 activists in Cairo.", ("COERCE", "EGY", None)),
        ("Thousands of Kenyan teachers went on strike over pay.", ("PROTEST", "KEN", None)),
        ("The European Union imposed new sanctions on Belarus.", ("SANCTION", "EUR", "BLR")),
        ("Japan pledged $500 million in aid to the Philippines.", ("AGREE", "JPN", "PHL")),
        ("Serbia refused to recognise the election result.", ("REJECT", "SRB", None)),
        ("Brazilian President Lula visited Beijing on Friday.", ("CONSULT", "BRA", "CHN")),
        ("The United Nations praised Colombia's peace efforts.", ("SUPPORT", "UNO", "COL")),
        ("Armenia and Azerbaijan exchanged prisoners on Tuesday.", ("COOPERATE", "ARM", None)),
        ("Venezuela released 20 American detainees.", ("RETREAT", "VEN", "USA")),
        ("Germany sent 3,000 troops to Lithuania.", ("MOBILIZE", "DEU", "LTU")),
        ("Canada apologised to India for the diplomat's remarks.", ("CONCEDE", "CAN", "IND")),
        ("Peru's president urged Chile to reopen the border.", ("REQUEST", "PER", "CHL")),
        ("Greece donated fire engines to Albania.", ("AID", "GRC", "ALB")),
        ("The two presidents agreed to restore diplomatic ties.", ("AGREE", None, None)),
    ],
)
def test_sentence_type_and_actors(nlp, text, expected):
    """Each sentence yields its main event with type, actor country and recipient country."""
    found = events_of(nlp, text)
    if expected is None:
        assert all(e.confidence < 0.9 for e in found)
        return
    type_, actor, recipient = expected
    main = max(found, key=lambda e: (e.confidence, e.end - e.start))
    assert main.type == type_
    if actor:
        assert main.actor is not None and main.actor.country == actor
    if recipient:
        assert main.recipient is not None and main.recipient.country == recipient


@pytest.mark.parametrize(
    ("text", "type_", "negated", "hypothetical"),
    [
        ("Russia did not attack the convoy, the ministry said.", "ASSAULT", True, False),
        ("Turkey will not impose sanctions on Russia, Ankara said.", "SANCTION", True, False),
        ("We will absolutely kick them out of our country.", "THREATEN", False, False),
        ("Poland will host the summit next year.", "CONSULT", False, False),
        ("The rebels said they would withdraw from the city.", "AGREE", False, False),
        ("Hungary did not meet the Ukrainian delegation.", "REJECT", False, False),
        ("If Serbia attacks Kosovo, NATO will respond.", "ASSAULT", False, True),
        ("Israel may halt the talks, officials warned.", "THREATEN", False, False),
    ],
)
def test_modality(nlp, text, type_, negated, hypothetical):
    """Negation, future intent and conditionals follow PLOVER's recoding rules."""
    found = [e for e in events_of(nlp, text) if e.type == type_]
    assert found, [e.type for e in events_of(nlp, text)]
    assert found[0].negated is negated
    assert found[0].hypothetical is hypothetical


@pytest.mark.parametrize(
    ("text", "type_", "future"),
    [
        ("We will absolutely kick them out of our country.", "THREATEN", True),
        ("The French president plans to visit Algeria next month.", "CONSULT", True),
        ("Putin will meet Xi Jinping in Beijing on Friday.", "CONSULT", True),
        ("The two leaders are scheduled to meet in Geneva.", "CONSULT", True),
        ("Germany intends to send more tanks to Ukraine.", "AGREE", True),
        ("The rebels said they would withdraw from the city.", "AGREE", True),
        ("The government is set to expel two Russian diplomats.", "THREATEN", True),
        ("Putin met Xi Jinping in Beijing on Friday.", "CONSULT", False),
        ("Iran threatened to close the Strait of Hormuz.", "THREATEN", False),
        ("Japan pledged $500 million in aid to the Philippines.", "AGREE", False),
        ("Hungary did not meet the Ukrainian delegation.", "REJECT", False),
        ("If Serbia attacks Kosovo, NATO will respond.", "ASSAULT", False),
    ],
)
def test_future(nlp, text, type_, future):
    """Announced, planned and promised acts carry `future`; done or refused ones do not."""
    found = [e for e in events_of(nlp, text) if e.type == type_]
    assert found, [e.type for e in events_of(nlp, text)]
    assert found[0].future is future


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Hungary will support Ukraine's bid to join the European Union.", "UKR"),
        ("Palestinian leaders said they would boycott all contact with the United States.", "USA"),
        ("Iran threatened to close the strait unless Washington lifted sanctions.", "USA"),
        ("Azerbaijan threatened to break diplomatic relations with Russia.", "RUS"),
        ("Turkish authorities imposed a curfew in the town of Cizre.", "TUR"),
        ("Britain mobilised army reservists for a possible war against Iraq.", "IRQ"),
        ("A Peruvian judge ordered former president Pedro Castillo to appear in court.", "PER"),
        ("Iranian police detained two journalists in Tehran.", "IRN"),
    ],
)
def test_recipient_rules(nlp, text, recipient):
    """Things hand over to their parties, threats to their condition, acts to their place, and
    domestic acts to the actor's country."""
    main = max(events_of(nlp, text), key=lambda e: (e.confidence, e.end - e.start))
    assert main.recipient is not None and main.recipient.country == recipient, main


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zelensky held talks with EU leaders in Brussels.", {("CONSULT", "UKR", "EUR")}),
        (
            "Israel and Hamas agreed to a ceasefire on Sunday.",
            {("AGREE", "ISR", "PSE"), ("AGREE", "PSE", "ISR")},
        ),
        (
            "The European Union imposed new sanctions on Russia and Belarus.",
            {("SANCTION", "EUR", "RUS"), ("SANCTION", "EUR", "BLR")},
        ),
        (
            "Armenia and Azerbaijan exchanged prisoners on Tuesday.",
            {("COOPERATE", "ARM", "AZE"), ("COOPERATE", "AZE", "ARM")},
        ),
    ],
)
def test_compound_parties(nlp, text, expected):
    """Coordinated parties give one event per actor/recipient pair; mutual acts pair up."""
    found = {
        (e.type, e.actor and e.actor.country, e.recipient and e.recipient.country)
        for e in events_of(nlp, text)
        if e.confidence >= 0.5
    }
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "him" cannot be the subject "he" of its own clause: no recipient rather than Fidan
            "Turkish Foreign Minister Hakan Fidan met Ukrainian Foreign Minister Andrii Sybiha in "
            "Ankara. Fidan said he had invited him to visit Istanbul.",
            ("AGREE", "Hakan Fidan", None),
        ),
        (  # an unresolved "they" in a quote is not the speaker; "us" is the speaker's side
            '"They attacked us without warning," Foreign Minister Andrii Sybiha said on Tuesday.',
            ("ASSAULT", None, "Andrii Sybiha"),
        ),
        (  # the object of a relative clause is the noun it modifies
            "The minister, whom Sybiha criticized last week, resigned on Tuesday.",
            ("ACCUSE", "Sybiha", "The minister"),
        ),
        (  # a common-noun actor takes the entity named in apposition; its owner is no recipient
            "Kenya's president William Ruto met Ruto's rival Raila Odinga on Monday.",
            ("CONSULT", "Kenya's president William Ruto", None),
        ),
        (  # "they" is not the singular reporter; "her" is someone else, so not the actor's own
            "Opposition leader Martha Karua said they had attacked her supporters in Kisumu.",
            ("ASSAULT", None, "her supporters"),
        ),
        (  # "it" may be the reporter China even when a misparse coordinates China with "ally"
            "China, Pyongyang's only ally, said it was opposed to the test and warned North "
            "Korea to refrain from further launches.",
            ("THREATEN", "China", "North Korea"),
        ),
        (  # a reflexive is never a recipient
            "The president praised himself for the deal.",
            ("SUPPORT", "The president", None),
        ),
    ],
)
def test_actor_is_never_its_own_recipient(nlp, text, expected):
    """Pronouns, appositions and relative clauses resolve to parties, never twice to one."""
    found = events_of(nlp, text)
    for event in found:
        if event.actor is not None and event.recipient is not None:
            assert (event.actor.entity, event.actor.name) != (
                event.recipient.entity,
                event.recipient.name,
            ), event
    type_, actor, recipient = expected
    got = [
        (e.type, e.actor and e.actor.name, e.recipient and e.recipient.name)
        for e in found
        if e.type == type_
    ]
    assert (type_, actor, recipient) in got, got


def test_without_a_gerund_is_no_event(nlp):
    """An act governed by "without" ("attacked without warning") did not happen."""
    found = events_of(nlp, '"They attacked us without warning," Sybiha said.')
    assert [e.type for e in found] == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Demonstrations against a proposed fuel tax entered their second week.", "AGREE"),
        ("The court opened an investigation into alleged war crimes in Sudan.", "ACCUSE/allege"),
        ("Scholz struck a more cautious tone on Friday.", "ASSAULT"),
        ("Exports hit a record high in March.", "ASSAULT"),
    ],
)
def test_modifiers_and_figures_are_no_events(nlp, text, absent):
    """Participles that modify a noun and attacks on no target are no events."""
    found = {e.type for e in events_of(nlp, text)}
    found |= {f"{e.type}/{e.mode}" for e in events_of(nlp, text)}
    assert absent not in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a passive without agent has no known actor, even in a speaker's words
            "Interior Minister Kipchumba Murkomen said 42 people had been arrested since Monday.",
            ("COERCE", None, "42 people"),
        ),
        (  # the accused kill, not the accusers
            "Prosecutors accused Rapid Support Forces commanders of killing civilians in Darfur.",
            ("ASSAULT", "Rapid Support Forces commanders", "civilians"),
        ),
        (  # the accused, without a dangling "of"
            "Prosecutors accused Rapid Support Forces commanders of killing civilians in Darfur.",
            ("ACCUSE", "Prosecutors", "Rapid Support Forces commanders"),
        ),
        (  # the by-agent of a participle
            "Israel and Hamas agreed to a ceasefire after talks mediated by Qatar.",
            ("CONSULT", "Qatar", None),
        ),
        (  # an event noun as the subject of an occurrence verb
            "Talks between Armenia and Azerbaijan resumed on Monday in Geneva.",
            ("CONSULT", "Armenia", "Azerbaijan"),
        ),
        (  # talks with a named side, told by one party, are that party's
            "Iran said negotiations with Washington would continue.",
            ("CONSULT", "Iran", "Washington"),
        ),
        (  # discussions are talks
            "Ethiopia held discussions with Egypt over the dam.",
            ("CONSULT", "Ethiopia", "Egypt"),
        ),
        (  # a count of acts under a light verb is those acts
            "The activist has made dozens of requests to the police for information.",
            ("REQUEST", "The activist", "the police"),
        ),
        (  # a run of acts under a light verb is those acts
            "Rebels launched a series of attacks on army posts.",
            ("ASSAULT", "Rebels", None),
        ),
        (  # a bare participle shares the passive subject of the verb it is conjoined to
            "Three organisers were convicted of inciting unrest and sentenced to prison terms.",
            ("COERCE", None, "Three organisers"),
        ),
        (  # a suspension of people by an unnamed employer; "one of X" stands for X
            "One of the ticket inspectors was suspended with pay while the agency reviews the case.",
            ("SANCTION", None, "the ticket inspectors"),
        ),
        (  # markup left in the text names nobody
            "<svg onload=alert(1)></svg> The ministers met again on Tuesday.",
            ("CONSULT", "The ministers", None),
        ),
    ],
)
def test_who_acts(nlp, text, expected):
    """The actor is the clause's own agent, never a speaker or reporter who only tells of it."""
    got = [
        (e.type, e.actor and e.actor.name, e.recipient and e.recipient.name)
        for e in events_of(nlp, text)
    ]
    assert expected in got, got


def test_headline_restating_the_lead_is_merged(nlp):
    """Title and heading events that the body reports too are one event, evidenced by the body."""
    text = (
        "title: Israel and Hamas agree to Gaza ceasefire\n"
        "date: 2026-06-30\n\n"
        "Israel and Hamas agree to six-week truce\n\n"
        "DOHA, Qatar (Reuters) - Israel and Hamas agreed to a six-week ceasefire on Sunday, "
        "officials said.\n\n"
        "Russia expels Latvian diplomats\n\n"
        "Fighting continued in northern Gaza.\n"
    )
    analysis = analyze(text)
    agree = [e for e in analysis.events if e.type == "AGREE"]
    assert agree and all(text[e.start : e.end].startswith(("Israel", "Hamas")) for e in agree)
    assert all(e.start > text.index("DOHA") for e in agree)
    assert any(m["start"] < text.index("DOHA") for e in agree for m in e.mentions)  # headline
    assert any(e.type == "SANCTION" for e in analysis.events)  # only the heading says this


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Russian missiles killed seven civilians in Kharkiv.", {"killed": 7}),
        (
            "Gunmen attacked a bus, killing 12 people and wounding 30.",
            {"killed": 12, "injured": 30},
        ),
        ("Police arrested 150 protesters in Belgrade.", {"arrested": 150}),
    ],
)
def test_counts(nlp, text, counts):
    """Killed, injured and arrested counts come from the event's clause."""
    found = [e for e in events_of(nlp, text) if e.counts]
    assert found and found[0].counts == counts


def test_evidence_span_is_the_clause(nlp):
    """The evidence text is exactly the text between its offsets, inside one sentence."""
    text = "Talks stalled. Chinese warships sailed near Taiwan on Sunday, officials in Taipei said."
    for event in events_of(nlp, text):
        assert text[event.start : event.end] == event.text
        assert "." not in event.text.rstrip(".")


def test_handbuilt_doc_without_model():
    """The stage runs on a Doc built by hand (no model): subject, verb and object."""
    from dateline.nlp import register_extensions

    register_extensions()
    words = ["Sweden", "expelled", "three", "Russian", "diplomats", "."]
    doc = Doc(
        Vocab(),
        words=words,
        heads=[1, 1, 4, 4, 1, 1],
        deps=["nsubj", "ROOT", "nummod", "amod", "dobj", "punct"],
        pos=["PROPN", "VERB", "NUM", "ADJ", "NOUN", "PUNCT"],
        lemmas=["Sweden", "expel", "three", "russian", "diplomat", "."],
        sent_starts=[True, False, False, False, False, False],
    )
    (event,) = find_events(doc)
    assert (event.type, event.mode) == ("SANCTION", "expel")
    assert event.actor.country == "SWE" and event.recipient.country == "RUS"


def test_lexicon_covers_all_types():
    """The trigger lexicon names every PLOVER type and nothing else."""
    lex = lexicon()
    types = {r.type for rules in (*lex.verbs.values(), *lex.nouns.values()) for r in rules}
    assert types == set(PLOVER_TYPES)
    assert set(QUAD) == set(PLOVER_TYPES)


def test_caption_takes_its_own_date(nlp):
    """An event in a caption block is dated by the caption, not the article date."""
    text = (FIXTURES / "12-caption.txt").read_text("utf-8")
    analysis = analyze(text)
    caption = [e for e in analysis.events if "howitzer" in e.text]
    assert caption and caption[0].type == "ASSAULT"
    assert caption[0].date != analysis.date


def test_export_rows_and_tsv(nlp):
    """GDELT-like rows carry codes, quad class, evidence and a header line."""
    analysis = analyze((FIXTURES / "01-drone-strike.txt").read_text("utf-8"), id="a1")
    table = list(tsv_lines(rows([analysis]), "gdelt"))
    assert table[0].startswith("GlobalEventID\tDay\t")
    assert len(table) == len(analysis.events) + 1
    first = dict(zip(table[0].split("\t"), table[1].split("\t"), strict=True))
    assert first["EventCode"] == "ASSAULT" and first["QuadClass"] == "4"
    assert first["Day"] == "20260314" and first["EvidenceText"]
    polecat = list(tsv_lines(rows([analysis]), "polecat"))
    assert polecat[0].split("\t")[:4] == ["event_id", "story_date", "event_date", "event_type"]


def match_fixture_events(predicted, expected) -> tuple[int, list]:
    """Pair predicted and expected events on type plus a trigger word inside the evidence."""
    used: set[int] = set()
    pairs = []
    for want in expected:
        pattern = re.compile(rf"\b{re.escape(want['trigger'])}", re.IGNORECASE)
        for i, event in enumerate(predicted):
            if i not in used and event.type == want["type"] and pattern.search(event.text):
                used.add(i)
                pairs.append((want, event))
                break
    return len(used), pairs


def fixture_scores(nlp) -> dict[str, float]:
    """Event precision/recall and actor-country accuracy over the hand-coded articles."""
    expected = json.loads((FIXTURES / "expected.json").read_text("utf-8"))
    n_pred = n_gold = n_hit = actor_ok = actor_n = 0
    for name, wanted in expected.items():
        if name.startswith("_"):
            continue
        analysis = analyze((FIXTURES / name).read_text("utf-8"), id=name)
        predicted = [e for e in analysis.events if e.confidence >= 0.5]
        hits, pairs = match_fixture_events(predicted, wanted)
        n_pred, n_gold, n_hit = n_pred + len(predicted), n_gold + len(wanted), n_hit + hits
        for want, event in pairs:
            if want["actor"]:
                actor_n += 1
                actor_ok += event.actor is not None and event.actor.country == want["actor"]
    return {
        "precision": n_hit / n_pred if n_pred else 0.0,
        "recall": n_hit / n_gold if n_gold else 0.0,
        "actor": actor_ok / actor_n if actor_n else 0.0,
    }


def test_fixture_articles_precision_recall(nlp):
    """On our own hand-coded articles: event precision >= 0.965 at recall >= 0.93, actor
    country >= 0.97 (measured 2026-12-06: 0.959 / 0.934 / 0.981; later 0.973 / 0.934 / 0.981)."""
    scores = fixture_scores(nlp)
    print(f"fixture events: {scores}")
    assert scores["precision"] >= 0.965, scores
    assert scores["recall"] >= 0.93, scores
    assert scores["actor"] >= 0.97, scores


def test_frame_verb_known_by_its_stem_does_not_crash(nlp) -> None:
    """A frame verb found through a stem of its form ("pressed") while its lemma differs."""
    from dateline.stages.events.stage import find_events

    doc = nlp(
        "He could win the southern states but would be hard-pressed to sway voters in the north."
    )
    assert isinstance(find_events(doc), list)


def shown_of(nlp, text: str) -> list[tuple[str, str | None, str | None]]:
    """(type, actor, recipient) of the events shown by default (at or above the threshold)."""
    from dateline.records import EVENT_THRESHOLD

    return [
        (e.type, e.actor and e.actor.name, e.recipient and e.recipient.name)
        for e in events_of(nlp, text)
        if e.confidence >= EVENT_THRESHOLD
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A storm destroyed the old church and damaged the library on Friday.",
        "The apartments provide affordable living for retired teachers downtown.",
        "Morales hit the tying three-pointer with four seconds left on the clock.",
        "The company released a statement on Monday about its quarterly results.",
        "Asked about the new stadium, the mayor said he had no plans to visit it.",
        "The city police declined to comment on the lawsuit on Tuesday.",
        "Garcia scored 31 points to help Denver win its third straight game.",
        "The festival offers live music, food stalls and a craft market.",
        "The Walk of Hope raised money for the children's hospital, organisers said.",
        "Trade officials have sought to play down the dispute over steel quotas.",
        "Bus drivers at the depot ended their shift early because of the snow.",
        "The senator shared a photo of the flooded valley on Sunday.",
        "The president will return to the capital on Sunday after the summit.",
        "A demonstration of the new rescue drones drew a crowd at the fairground.",
    ],
)
def test_no_political_event_is_shown(nlp, text):
    """Accidents, things, sport, statements, questions and no-comments are not shown."""
    assert shown_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two men were arrested on Friday night, the county sheriff's office said.",
            ("COERCE", "county sheriff's office", "Two men"),
        ),
        (
            "Police arrested two men in Dallas after a chase.",
            ("COERCE", "Police", "two men"),
        ),
        (
            "Former mayor Tom Reyes is facing corruption charges in state court.",
            ("ACCUSE", None, "Tom Reyes"),
        ),
        (
            "Hundreds of nurses staged a walkout over pay at the city hospital on Monday.",
            ("PROTEST", "nurses", None),
        ),
        (
            "The fugitive was captured in Fresno by state police on Sunday.",
            ("COERCE", "state police", "The fugitive"),
        ),
        (
            "Two students were killed in police shooting in Kisumu.",
            ("ASSAULT", "police", "Two students"),
        ),
        (
            "A teenager was shot dead by police in Lagos on Monday.",
            ("ASSAULT", "police", "A teenager"),
        ),
        (
            "The minister urged the campaign to withdraw its advert.",
            ("REQUEST", "The minister", "the campaign"),
        ),
        (
            "The president fired two ministers after the vote.",
            ("COERCE", "The president", "two ministers"),
        ),
        (
            "Reporters Without Borders condemned the arrest of the two editors.",
            ("ACCUSE", "Reporters Without Borders", None),
        ),
        ("Dock workers ended a week-long strike on Friday.", ("CONCEDE", "Dock workers", None)),
        (
            "The army denied targeting civilians in the border village.",
            ("REJECT", "The army", None),
        ),
    ],
)
def test_state_acts_and_protests_are_shown(nlp, text, expected):
    """Agentless arrests take the article's agency; charges faced reverse the roles; walkouts
    are protests; capturing people is an arrest."""
    got = shown_of(nlp, text)
    assert any(
        g[0] == expected[0]
        and (expected[1] is None or expected[1].lower() in (g[1] or "").lower())
        and (expected[2] is None or (g[2] or "").lower() == expected[2].lower())
        for g in got
    ), got


def test_denied_act_is_not_coded(nlp):
    """ "denied targeting civilians" is a REJECT, never an attack."""
    got = shown_of(nlp, "The army denied targeting civilians in the border village.")
    assert not any(g[0] == "ASSAULT" for g in got), got


def test_repeated_act_is_one_event_with_mentions(nlp):
    """An act reported twice is one event; the second report is kept as a mention."""
    text = (
        "Police arrested the opposition leader Amara Diallo in Bamako on Monday. "
        "The arrest of Diallo drew criticism. Diallo was arrested by police after a rally."
    )
    arrests = [e for e in events_of(nlp, text) if e.type == "COERCE"]
    assert len(arrests) == 1, arrests
    assert arrests[0].start < text.index("The arrest")
    assert arrests[0].mentions


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("The energy ministry said it must review its own pricing rules.", False),
        ('"We must defend our jobs," the union leader said on Monday.', False),
        ("The foreign ministry said Serbia must withdraw its troops from the border.", True),
        ("The envoy sent a reminder to Iraq that it must cooperate with the inspectors.", True),
    ],
)
def test_self_obligation_is_no_demand(nlp, text, demand):
    """A speaker binding itself ("said it must", "we must") demands nothing of another party."""
    got = [e for e in events_of(nlp, text) if e.type == "REQUEST"]
    assert bool(got) == demand, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Canada's trade minister on Monday called Japan's steel quota unjustified.",
            ("ACCUSE", "trade minister", "Japan"),
        ),
        ("The governor described the court ruling as a disgrace.", ("ACCUSE", "governor", None)),
        (
            'Sen. Maria Lopez called the ruling "unconstitutional" in a statement.',
            ("ACCUSE", "Maria Lopez", None),
        ),
        (
            'The foreign minister called the peace deal "a historic step" for the region.',
            ("SUPPORT", "foreign minister", None),
        ),
    ],
)
def test_naming_verb_with_an_evaluation(nlp, text, expected):
    """Calling something "unjustified" or "a disgrace" accuses; "historic" praises."""
    got = shown_of(nlp, text)
    assert any(
        g[0] == expected[0]
        and expected[1].lower() in (g[1] or "").lower()
        and (expected[2] is None or expected[2].lower() in (g[2] or "").lower())
        for g in got
    ), got


@pytest.mark.parametrize(
    "text",
    [
        "The mayor called the meeting to order at seven.",
        "She called the police to report a break-in at the store.",
        "The two mayors sought fresh quotes for the paving work.",
        "The mayor is seeking re-election in November.",
        "The governor signed legislation on Friday that raises the speed limit.",
    ],
)
def test_naming_seeking_and_signing_without_a_party(nlp, text):
    """Calling without an evaluation, seeking a thing from no one and signing a law are shown
    as no request, praise or accusation."""
    assert not [g for g in shown_of(nlp, text) if g[0] in ("ACCUSE", "SUPPORT", "REQUEST")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "RIVERTON — A local couple was charged with selling stolen cars, police said.",
            ("ACCUSE", "police", "A local couple"),
        ),
        (
            "EASTFIELD — A man wanted for robbery has been captured by Eastfield police.",
            ("COERCE", "Eastfield police", "A man"),
        ),
        (
            "Four diplomats were expelled by the Dutch government on Friday.",
            ("SANCTION", "Dutch government", "Four diplomats"),
        ),
        (
            "Twelve protesters were released on bail by the city police on Monday.",
            ("RETREAT", "city police", "Twelve protesters"),
        ),
    ],
)
def test_passive_subject_is_the_party_acted_on(nlp, text, expected):
    """The passive subject of an arrest, charge, expulsion or release is its recipient, and
    a dateline ("RIVERTON —") is never a party."""
    got = shown_of(nlp, text)
    assert any(
        g[0] == expected[0]
        and expected[1].lower() in (g[1] or "").lower()
        and (g[2] or "").lower() == expected[2].lower()
        for g in got
    ), got


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("The chancellor is widely expected to expel the envoy next week.", False),
        ("Analysts say the central bank is likely to sanction the lender.", False),
        ("The government is set to expel the ambassador on Monday.", True),
    ],
)
def test_prediction_is_no_act(nlp, text, shown):
    """An act others foresee ("is expected to") is hypothetical and not shown; an announced
    one ("is set to") is a future act."""
    found = [e for e in events_of(nlp, text) if e.type not in ("CONSULT",)]
    assert found, found
    assert any(e.confidence >= 0.45 for e in found) == shown, found
    if not shown:
        assert all(e.hypothetical and not e.future for e in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The minister praised the results of the talks between Poland and Ukraine.",
            ("CONSULT", "Poland", "Ukraine"),
        ),
        (
            "At the end of the Polish prime minister's official visit to the Holy See, a "
            "dinner was held.",
            ("CONSULT", "Polish prime minister", "Vatican"),
        ),
    ],
)
def test_meeting_noun_naming_its_partner(nlp, text, expected):
    """A meeting or deal noun that names its other party is an act wherever it stands."""
    got = events_of(nlp, text)
    assert any(
        e.type == expected[0]
        and (expected[1] is None or expected[1] in (e.actor.name if e.actor else ""))
        and expected[2] in (e.recipient.name if e.recipient else "")
        for e in got
    ), got


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The diplomas are recognised by French state training schemes.", None),
        ("The fuel tax hit rural drivers hard last year.", None),
        ("Three Nordic countries declined to recall their ambassadors.", "countries"),
        ("Russian shelling killed four civilians in Kherson.", "Russian"),
    ],
)
def test_a_thing_is_no_actor(nlp, text, actor):
    """A programme or a levy acts on no one; countries and an attack's owner do."""
    got = events_of(nlp, text)
    names = [e.actor.name for e in got if e.actor is not None]
    if actor is None:
        assert not [n for n in names if "schemes" in n or "tax" in n], got
    else:
        assert any(actor in n for n in names), got


def test_participle_of_its_actors_is_the_act(nlp):
    """ "nurses striking in Leeds" reports the strike itself, shown as a PROTEST."""
    got = shown_of(nlp, "The dispute began with nurses striking in Leeds in May.")
    assert any(g[0] == "PROTEST" and g[1] == "nurses" for g in got), got


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Council members usually do not meet in summer.", None),
        ("The president refused to meet the opposition leader.", "REJECT"),
    ],
)
def test_meeting_not_held_is_no_refusal(nlp, text, type_):
    """Not meeting with no one named is no refusal; refusing to meet someone is."""
    got = shown_of(nlp, text)
    if type_ is None:
        assert not [g for g in got if g[0] == "REJECT"], got
    else:
        assert any(g[0] == type_ for g in got), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unions blast the mayor's transit plan.", ("ACCUSE", "Unions", "mayor")),
        (
            "The president instructed the trade minister to prepare a response.",
            ("REQUEST", "president", "trade minister"),
        ),
        (
            "Detectives later contacted the county housing authority.",
            ("CONSULT", "Detectives", "authority"),
        ),
    ],
)
def test_blast_instruct_contact(nlp, text, expected):
    """Headline criticism, instructions to a subordinate and contacting an agency are acts."""
    got = shown_of(nlp, text)
    assert any(
        g[0] == expected[0] and expected[1] in (g[1] or "") and expected[2] in (g[2] or "")
        for g in got
    ), got


@pytest.mark.parametrize(
    "text",
    [
        "The suspect was taken into custody on Friday, the sheriff's office said.",
        "Two men were taken to the county jail, police said.",
    ],
)
def test_taken_into_custody_is_an_arrest(nlp, text):
    """Being taken into custody or to jail is an arrest by the article's agency."""
    got = shown_of(nlp, text)
    assert any(g[0] == "COERCE" and g[1] is not None for g in got), got


@pytest.mark.parametrize(
    ("text", "assault"),
    [
        ("Brazil retaliated by publishing a list of European goods for new duties.", False),
        ("The army retaliated against the militants on Sunday.", True),
    ],
)
def test_retaliation_typed_by_its_means(nlp, text, assault):
    """Retaliating by listing goods for duties is no attack; retaliating against fighters is."""
    got = shown_of(nlp, text)
    assert any(g[0] == "ASSAULT" for g in got) == assault, got


def _gate_examples(table):
    """(gate name, example sentence) for each example of each gate or veto."""
    return [(g.name, ex) for g in table for ex in g.example.split("; ")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The United Nations expressed concern over the arrests of opposition leaders.",
            ("ACCUSE", "United Nations"),
        ),
        ("Residents' main concern is traffic on the bypass.", None),
    ],
)
def test_expressed_concern_is_disapproval(nlp, text, expected):
    """Concern expressed by a political actor is an ACCUSE; a worry stated is no event."""
    shown = [
        (e.type, e.actor and e.actor.name) for e in events_of(nlp, text) if e.confidence >= 0.45
    ]
    assert (expected in shown) if expected else not shown, shown


@pytest.mark.parametrize(
    "text",
    [
        "All flights were suspended on Monday after the storm.",
        "The match was suspended for an hour because of heavy rain.",
    ],
)
def test_suspending_a_thing_is_not_shown(nlp, text):
    """A suspension is a state act only when people are suspended."""
    assert all(e.confidence < 0.45 for e in events_of(nlp, text))


@pytest.mark.parametrize(("name", "example"), _gate_examples(GATES))
def test_each_gate_admits_its_examples(nlp, name, example):
    """Every gate's own examples are admitted by it (or by a gate tried before it)."""
    names = [g.name for g in GATES]
    rules = [e.rule or "" for e in events_of(nlp, example + ".")]
    admitted_by = [n for r in rules for n in names if r.endswith(f"; {n}")]
    assert admitted_by and min(names.index(n) for n in admitted_by) <= names.index(name), rules


@pytest.mark.parametrize(("name", "example"), _gate_examples(VETOES))
def test_each_veto_drops_its_examples(nlp, name, example):
    """Every veto's own examples are vetoed by it and not shown; `--errors` names the veto."""
    found = events_of(nlp, example + ".")
    assert any((e.rule or "").endswith(f"; vetoed: {name}") for e in found), found
    assert all(e.confidence < 0.45 for e in found if "vetoed" in (e.rule or "")), found


def test_short_name_takes_the_full_name_and_title(nlp):
    """ "Kovac" after "Prime Minister Adam Kovac" is the prime minister: his acts are shown,
    firing critics is a dismissal, not a shooting."""
    text = (
        "Prime Minister Adam Kovac opened the new parliament on Friday. Kovac, who rejects the "
        "claims, has fired critics in his cabinet and muzzled the state broadcaster."
    )
    got = shown_of(nlp, text)
    assert ("COERCE", "Adam Kovac", "the state broadcaster") in got, got
    assert any(g[0] == "COERCE" and (g[2] or "").startswith("critics") for g in got), got
    assert not any(g[0] == "ASSAULT" for g in got), got

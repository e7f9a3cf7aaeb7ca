"""One event per act per article: repeated reports of one act merge into one event.

News states an act in the headline, again in the lede and once more in the body. Two events
are one act when they have the same type, a compatible mode, the same polarity and modality,
and each party of one is the same party in the other or unnamed there ("police arrested two men" and "the men were
arrested"). The merged event keeps the evidence of the first mention whose own words name the
most parties (the act first stated in full, not "he was freed" whoever "he" is; a headline's
clipped report only when the body has none), the highest confidence, and the other spans as
`mentions`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from dateline.records import Actor, Event

ARTICLES = {"a", "an", "the"}  # "Man held" (a headline) and "A man was held" are one party
# Acts made of a future, conditional act: their modality tells of that act, not of themselves.
OPEN_ACTS = {"THREATEN"}
# Prepositions that put an act noun as the setting of another act ("arrested in a raid").
SETTING_PREPS = {"in", "during", "amid"}
DETERMINERS = ARTICLES | {"this", "that", "these", "those"}


def _party_key(party: Actor | None) -> str | None:
    """What identifies a party across sentences: its entity, else its name, else its codes."""
    if party is None:
        return None
    if party.entity:
        return party.entity
    if party.name:
        words = [w for w in party.name.split() if w.casefold() not in ARTICLES] or [party.name]
        if words[-1].isalpha() and not any(w[:1].isupper() for w in words):
            return words[-1].casefold()  # "60 diplomats", "more diplomats": a kind of people
        return " ".join(party.name.casefold().split())
    return f"{party.country}/{party.sector}" if party.country or party.sector else None


def _described(party: Actor) -> bool:
    """A party described by a common noun, not named ("Three Eastland County residents",
    "a man")."""
    words = (party.name or "").split()
    return not party.entity and bool(words) and words[-1].isalpha() and words[-1].islower()


def _one_party(x: Actor | None, y: Actor | None, named: bool = False) -> bool:
    """Whether two parties of two reports can be one: the same or unnamed in one of them;
    with `named`, also people described in one report and named in the other ("three
    residents were charged" ... "Brian Freeman … faces five charges")."""
    kx, ky = _party_key(x), _party_key(y)
    if kx is None or ky is None or kx == ky:
        return True
    if x.country and y.country and x.country != y.country:
        return False
    return named and _described(x) != _described(y)


def _same_actor(a: Event, b: Event) -> bool:
    """Both reports name one actor (not merely unnamed in one of them)."""
    named = _party_key(a.actor) is not None and _party_key(b.actor) is not None
    return named and _one_party(a.actor, b.actor)


def _one_kind(x: Actor | None, y: Actor | None) -> bool:
    """Two parties described by one common noun, one closer than the other ("officers",
    "Police officers"): the bare noun's words are all among the other's."""
    if x is None or y is None or not (_described(x) and _described(y)):
        return False
    wx, wy = _words(x), _words(y)
    return wx[-1] == wy[-1] and (set(wx) <= set(wy) or set(wy) <= set(wx))


def _words(party: Actor) -> list[str]:
    """A party's name words, lower-cased, without leading articles."""
    words = (party.name or "").casefold().split()
    while words[:-1] and words[0] in DETERMINERS:
        words = words[1:]
    return words


def _fullness(event: Event) -> int:
    """How many parties an event names."""
    return (_party_key(event.actor) is not None) + (_party_key(event.recipient) is not None)


def _stated(event: Event) -> int:
    """How many parties the mention's own words name ("He was freed" names no one, whoever
    "he" is; "police freed the man" names two)."""
    said = set(re.findall(r"\w+", event.text.casefold()))
    return sum(
        bool(party and party.name and set(re.findall(r"\w+", party.name.casefold())) & said)
        for party in (event.actor, event.recipient)
    )


def same_act(a: Event, b: Event) -> bool:
    """Whether two events report one act (same type and polarity, compatible mode and parties:
    a later "the threat" without a mode is the threat reported before). A threat speaks of the
    future and its conditions, so "vowed to hit back" and "will hit back if" are one threat."""
    if (a.type, a.negated) != (b.type, b.negated):
        return False
    if a.type not in OPEN_ACTS and (a.hypothetical, a.future) != (b.hypothetical, b.future):
        return False
    if a.mode is not None and b.mode is not None and a.mode != b.mode and not _setting(a, b):
        return False
    named = _same_actor(a, b)
    if not _one_party(a.actor, b.actor):
        # "Sheriff deputies … fired on a man" and "X was hit by deputies": one kind of people,
        # one closer described, is one actor only when both reports name the one acted on.
        if not (_one_kind(a.actor, b.actor) and a.recipient and b.recipient):
            return False
        named = True
    if not _one_party(a.recipient, b.recipient, named=named):
        return False
    if _fullness(a) and _fullness(b):
        return True
    # A report that names no party joins only a report of the same word ("he was freed" after
    # "police freed two men"), not any act of its type ("they pressed on", "called the centre").
    return _word(a) == _word(b)


def _word(event: Event) -> str:
    """The trigger word of an event's rule ("verb allege > verb arrest; …" -> "arrest")."""
    name = (event.rule or "").split(";")[0].split(" > ")[-1].split()
    return " ".join(w for w in name if w not in ("verb", "noun", "under"))


def _setting(a: Event, b: Event) -> bool:
    """One is a bare act noun without a recipient inside the other's clause: the operation the
    other act was done in ("arrested the pair in a raid on their farm")."""
    for x, y in ((a, b), (b, a)):
        bare = (x.rule or "").startswith("noun ") and x.recipient is None
        before = y.text[: x.start - y.start].split() if y.start <= x.start < y.end else []
        if bare and before and before[-1].casefold() in SETTING_PREPS:
            return True
    return False


def merge(events: list[Event], headline: Callable[[Event], bool] = lambda e: False) -> list[Event]:
    """Merge the events of one article that report the same act; text order is kept.
    `headline` tells a headline's clipped report from the body's full one."""
    groups: list[list[Event]] = []
    for event in events:
        home = next((g for g in groups if all(same_act(event, e) for e in g)), None)
        if home is None:
            groups.append([event])
        else:
            home.append(event)
    merged = [_combine(group, headline) for group in groups]
    return sorted(merged, key=lambda e: (e.start, e.end))


def _combine(group: list[Event], headline: Callable[[Event], bool]) -> Event:
    """One event for a group of mentions: the first fullest mention, with the others listed."""
    if len(group) == 1:
        return group[0]
    best = max(
        group,
        key=lambda e: (_stated(e), not headline(e), -e.start),
    )
    others = sorted(
        {(e.start, e.end, e.text) for e in group if (e.start, e.end) != (best.start, best.end)}
    )
    return replace(
        best,
        actor=best.actor or next((e.actor for e in group if e.actor is not None), None),
        recipient=best.recipient
        or next((e.recipient for e in group if e.recipient is not None), None),
        confidence=max(e.confidence for e in group),
        mentions=tuple({"start": s, "end": e, "text": t} for s, e, t in others),
    )


__all__ = ["merge", "same_act"]

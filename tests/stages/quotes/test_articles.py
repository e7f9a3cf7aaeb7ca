"""Whole articles of the seed's kind, written for these tests: every quote on the right person.

Each article (tests/fixtures/articles/quotes/) is a wire story with quotes repeated, speakers
named by full name, surname, title, descriptor and pronoun, and other people named inside the
quotes. Its table lists every quote in it: (words from the quote, kind, expected speaker).
Kinds: QUOTED (direct or mixed), INDIRECT (reported speech), NOT_SPEECH (must not be a quote).
An expected speaker of None means nobody the article names: unresolved or absent. A NOT_SPEECH
row fails when a quote is found that is these words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import dateline
from dateline.records import Quote

ARTICLES = Path(__file__).parents[2] / "fixtures" / "articles" / "quotes"
QUOTED, INDIRECT, NOT_SPEECH = "quoted", "indirect", "not speech"
LULA = "Luiz Inacio Lula da Silva"
SCHOLZ = "Olaf Scholz"
STARMER, BADENOCH = "Keir Starmer", "Kemi Badenoch"
UMEROV = "Rustem Umerov"

TABLES: dict[str, list[tuple[str, str, str | None]]] = {
    "planalto.txt": [
        ("sacrifice the poor", QUOTED, LULA),
        ("as soon as the new central bank board takes over", QUOTED, LULA),
        ("to calm financial markets", INDIRECT, LULA),
        ("The doctors told me to rest", QUOTED, LULA),
        ("I feel better than I did at 60", QUOTED, LULA),
        ("Haddad has my full confidence", QUOTED, LULA),
        ("the real's slide against the dollar", INDIRECT, LULA),
        ("no economic justification", QUOTED, LULA),
        ("the package would save 70 billion reais", INDIRECT, "Fernando Haddad"),
        ("two more increases of the same size", INDIRECT, "Brazil's central bank"),
        ("with no joy", QUOTED, "Roberto Campos Neto"),
        ("the bank had acted", INDIRECT, "Roberto Campos Neto"),
        ("whether he would seek a fourth term", INDIRECT, None),  # asked by someone unnamed
        ("If I am healthy", QUOTED, LULA),
        ("to stay in power", INDIRECT, None),  # what he was asked about, not his words
        ("Bolsonaro tried to organise a coup", QUOTED, LULA),
        ("a political persecution", QUOTED, "Jair Bolsonaro"),
        ("vindicated by history", QUOTED, "Jair Bolsonaro"),
        ("the investigation", INDIRECT, "Jair Bolsonaro"),
        ("he would be", INDIRECT, "Jair Bolsonaro"),
        ("Brazil above everything", NOT_SPEECH, None),  # a banner's words
        ("I don't need Milei to like me", QUOTED, LULA),
        ("Brazil would host the BRICS summit", INDIRECT, LULA),
        ("do whatever is necessary", QUOTED, "Gabriel Galipolo"),
        ("the bank would", INDIRECT, "Gabriel Galipolo"),
        ("Galipolo is a serious man", QUOTED, LULA),
        ("I feel better than I did at 60", QUOTED, LULA),  # the repeat
        ("and so does the Brazilian economy", QUOTED, LULA),
    ],
    "brussels.txt": [
        ("for as long as it takes", QUOTED, SCHOLZ),
        ("Europe would keep arming Ukraine", INDIRECT, SCHOLZ),
        ("over the heads of the Ukrainians", QUOTED, SCHOLZ),
        ("talk of a ceasefire", INDIRECT, SCHOLZ),
        ("Germany would remain Ukraine's biggest backer", INDIRECT, SCHOLZ),
        ("Nothing will be decided about Ukraine without Ukraine", QUOTED, SCHOLZ),
        ("That is not a slogan", QUOTED, SCHOLZ),
        ("the bloc had already sent Kyiv", INDIRECT, "Ursula von der Leyen"),
        ("Russia must pay for the destruction", QUOTED, "Ursula von der Leyen"),
        ("Every euro from these assets", QUOTED, "Ursula von der Leyen"),
        ("19 more air defence systems", INDIRECT, "Volodymyr Zelensky"),
        ("Every Patriot battery saves hundreds of lives", QUOTED, "Volodymyr Zelensky"),
        ("Russia had fired more than 1,000 drones", INDIRECT, "Volodymyr Zelensky"),
        ("any talks that would not start", INDIRECT, "Government of Russia"),
        ("failed completely", QUOTED, "Viktor Orban"),
        ("the bloc's strategy had", INDIRECT, "Viktor Orban"),
        ("direct talks with Moscow", INDIRECT, "Viktor Orban"),
        ("Putin is ready to talk", QUOTED, "Viktor Orban"),
        ("the Hungarian prime minister's remarks", NOT_SPEECH, None),  # Orban's, not Scholz's
        ("the offer of a Christmas truce", INDIRECT, SCHOLZ),
        ("a gift for Putin and nobody else", QUOTED, SCHOLZ),
        ("He called Putin, and Putin fired 93 missiles", QUOTED, SCHOLZ),
        ("Budapest would not block", INDIRECT, "Hungary's foreign ministry"),
        ("insist on exemptions for energy", QUOTED, "Hungary's foreign ministry"),
        ("hesitating at every turn", QUOTED, "Friedrich Merz"),
        ("the chancellor of", INDIRECT, "Friedrich Merz"),
        ("he would send Taurus cruise missiles", INDIRECT, "Friedrich Merz"),
        ("Friedrich Merz is playing with the security", QUOTED, SCHOLZ),
        ("European troops could one day help", INDIRECT, "Emmanuel Macron"),
        ("premature and dangerous", QUOTED, SCHOLZ),  # "the German leader", not the Frenchman
        ("about 125 billion euros", INDIRECT, "European Commission"),
        ("28 billion euros in weapons", INDIRECT, "Germany"),
        ("Nothing will be decided about Ukraine without Ukraine", QUOTED, SCHOLZ),  # the repeat
    ],
    "commons.txt": [
        ("crashing the economy", QUOTED, STARMER),
        ("lecturing everyone else about growth", QUOTED, STARMER),
        ('of "crashing the economy"', INDIRECT, STARMER),
        ("his first budget", INDIRECT, BADENOCH),  # what she attacked (PolNeAR counts it)
        ("a tax on jobs", QUOTED, BADENOCH),
        ("national insurance contributions", INDIRECT, BADENOCH),
        ("The prime minister promised growth", QUOTED, BADENOCH),
        ("not once said sorry", QUOTED, STARMER),
        ("the Conservative leader had", INDIRECT, STARMER),
        ("She sat at the cabinet table", QUOTED, STARMER),
        ("The country has not forgotten", QUOTED, STARMER),
        ("the budget will raise growth only briefly", INDIRECT, "Office for Budget Responsibility"),
        ("Even his own forecaster says", QUOTED, BADENOCH),
        ("the same forecaster had found", INDIRECT, STARMER),
        ("No farmers, no food", NOT_SPEECH, None),  # placards
        ("the protest passed off peacefully", INDIRECT, None),  # police, nobody named
        ("whether he regretted", INDIRECT, None),  # asked by someone unnamed
        ("an early election", NOT_SPEECH, None),  # calling an election is not speech
        ("I take full responsibility for the result", QUOTED, "Rishi Sunak"),
        ("failed the country", QUOTED, "Nigel Farage"),
        ("both main parties had", INDIRECT, "Nigel Farage"),
        ("top the polls by the spring", QUOTED, "Nigel Farage"),
        ("Reform would", INDIRECT, "Nigel Farage"),
        ("the claim", NOT_SPEECH, None),  # Farage's claim, dismissed
        ("Nigel Farage has been predicting", QUOTED, STARMER),
        ("We are still here", QUOTED, STARMER),
        ("she would not raise taxes again", INDIRECT, "Rachel Reeves"),
        ("I have been very clear", QUOTED, "Rachel Reeves"),
        ("firms would cut hiring", INDIRECT, "Confederation of British Industry"),
        ("lands on the businesses least able", QUOTED, "Louise Hellem"),
        ("the rise", INDIRECT, "Louise Hellem"),
        ("inflation rose to 2.6%", INDIRECT, "Office for National Statistics"),
        ("Inflation is up, growth is flat", QUOTED, BADENOCH),
        ("focused on delivery, not on slogans", QUOTED, "Downing Street"),
        ("the prime minister was", INDIRECT, "Downing Street"),
    ],
    "kyiv.txt": [
        ("Russia had lost more than 45,000 troops", INDIRECT, UMEROV),
        ("as long as it makes military sense", QUOTED, UMEROV),
        ("heavy losses", QUOTED, UMEROV),
        ("North Korean soldiers fighting", INDIRECT, UMEROV),
        ("They are thrown into attacks", QUOTED, UMEROV),
        ("its forces had captured two more villages", INDIRECT, "Russia's defence ministry"),
        ("the front line in the east", INDIRECT, None),  # analysts, nobody named
        ("two more Patriot systems", INDIRECT, UMEROV),
        ("at least ten more", QUOTED, UMEROV),
        ("One IRIS-T system protects a whole city", QUOTED, UMEROV),
        ("Our partners know this", QUOTED, UMEROV),
        ("allies had agreed to send", INDIRECT, "Mark Rutte"),
        ("to send more air defence systems before", INDIRECT, None),  # the allies agreed
        ("Ukraine must be in the strongest possible position", QUOTED, "Mark Rutte"),
        ("Russia's strikes on the power grid", INDIRECT, "Kaja Kallas"),
        ("war crimes, plain and simple", QUOTED, "Kaja Kallas"),
        ("Putin wants Ukrainians to freeze", QUOTED, "Kaja Kallas"),
        ("as a response to Ukrainian attacks", INDIRECT, "Vladimir Putin"),
        ("cannot be intercepted", QUOTED, "Vladimir Putin"),
        ("the new Oreshnik missile", INDIRECT, "Vladimir Putin"),
        ("repairs would take several days", INDIRECT, "Ukrenergo"),
        ("talks on a new prisoner exchange", INDIRECT, UMEROV),
        ("build bridges", QUOTED, "Mohamed bin Zayed Al Nahyan"),
        ("his country would continue", INDIRECT, "Mohamed bin Zayed Al Nahyan"),
        ("We are bringing our people home", QUOTED, UMEROV),
        ("Every one of them matters", QUOTED, UMEROV),
        ("150 Ukrainian prisoners of war", INDIRECT, "Volodymyr Zelensky"),
        ("personal efforts", QUOTED, "Volodymyr Zelensky"),
        ("pouring oil on the fire", QUOTED, "Maria Zakharova"),
        ("Western pledges of new weapons", INDIRECT, "Maria Zakharova"),
        ("on the basis of realities on the ground", QUOTED, "Maria Zakharova"),
        ("Moscow was ready for talks", INDIRECT, "Maria Zakharova"),
        ("Russia talks about peace", QUOTED, UMEROV),
        ("he expected the new U.S. administration", INDIRECT, UMEROV),
        ("Peace through strength", QUOTED, UMEROV),
        ("North Korea was preparing", INDIRECT, "Ukraine's military intelligence agency"),
    ],
}

_cache: dict[str, tuple[str, list[Quote]]] = {}


def analysed(name: str) -> tuple[str, list[Quote]]:
    """The article's text and quotes, analysed once."""
    if name not in _cache:
        analysis = dateline.analyze((ARTICLES / name).read_text())
        assert analysis.error is None, analysis.error
        _cache[name] = (analysis.text, list(analysis.quotes))
    return _cache[name]


def group(quote: Quote) -> str:
    return INDIRECT if quote.kind == "indirect" else QUOTED


def found(name: str, words: str, kind: str, nth: int) -> Quote | None:
    """The nth quote of this kind holding `words` (for a quoted row), the tightest one of those
    holding them (for reported speech), or one that is these words (for words not speech)."""
    kinds = (QUOTED, INDIRECT) if kind == NOT_SPEECH else (kind,)
    holding = [q for q in analysed(name)[1] if group(q) in kinds and words in q.text]
    if kind == NOT_SPEECH:
        holding = [q for q in holding if q.text.lstrip('"\u201c').startswith(words)]
    if kind != QUOTED:
        return min(holding, key=lambda q: q.end - q.start, default=None)
    return holding[nth] if nth < len(holding) else None


def rows() -> list[tuple[str, str, str, str | None, int]]:
    """Every table row with the article's name and which occurrence of its words it is."""
    out = []
    for name, table in TABLES.items():
        seen: dict[tuple[str, str], int] = {}
        for words, kind, speaker in table:
            nth = seen.get((words, kind), 0)
            seen[(words, kind)] = nth + 1
            out.append((name, words, kind, speaker, nth))
    return out


@pytest.mark.parametrize(("name", "words", "kind", "speaker", "nth"), rows())
def test_every_quote_on_the_right_person(
    name: str, words: str, kind: str, speaker: str | None, nth: int
) -> None:
    quote = found(name, words, kind, nth)
    if kind == NOT_SPEECH:
        assert quote is None, f"not speech, found as {quote.kind} of {quote.speaker.name}"
    elif speaker is None:
        assert quote is None or quote.speaker.name is None
    else:
        assert quote is not None, "quote not found"
        assert quote.speaker.name == speaker


def expected_speakers(name: str, quote: Quote) -> set[str | None] | None:
    """The speakers the table gives the rows this quote answers for (rows whose words it holds
    and for which no tighter quote is found); None when it holds no row's words at all."""
    rows_here = [
        (words, kind, speaker, nth)
        for n, words, kind, speaker, nth in rows()
        if n == name and words in quote.text and kind in (group(quote), NOT_SPEECH)
    ]
    if not rows_here:
        return None
    return {s for w, k, s, nth in rows_here if found(name, w, k, nth) is quote}


@pytest.mark.parametrize("name", list(TABLES))
def test_no_quote_on_a_wrong_person(name: str) -> None:
    """A quote found for a row of the table has that row's speaker or none."""
    wrong = []
    for quote in analysed(name)[1]:
        expected = expected_speakers(name, quote)
        if quote.speaker.name is not None and expected and expected != {quote.speaker.name}:
            wrong.append((quote.text[:40], quote.speaker.name, sorted(map(str, expected))))
    assert not wrong


@pytest.mark.parametrize("name", list(TABLES))
def test_every_quote_found_is_in_the_table(name: str) -> None:
    """Nothing is recorded as speech that the table does not list."""
    extra = [q.text[:60] for q in analysed(name)[1] if expected_speakers(name, q) is None]
    assert not extra


@pytest.mark.parametrize("name", list(TABLES))
def test_reported_speech_never_holds_a_direct_quote_and_its_narration(name: str) -> None:
    text, quotes = analysed(name)
    direct = [q for q in quotes if q.kind == "direct" and q.cue is not None]
    for q in quotes:
        if q.kind == "indirect":
            assert not any(q.start <= d.start and d.cue.end <= q.end for d in direct), q.text

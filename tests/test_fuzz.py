"""Fuzz: mutated wire articles (fixed seed) never raise, and every record's offsets are exact."""

from __future__ import annotations

import os
import random
import time

import pytest

from dateline.analyze import Options, analyze_articles
from dateline.records import Article

BASES = [
    "date 2024-12-19\ntitle Talks resume in Geneva\n\nGENEVA (AP) — Russian Foreign Minister "
    'Sergei Lavrov met U.S. Secretary of State Antony Blinken in Geneva on Thursday. "We are '
    'ready to talk," Lavrov told reporters after the meeting. Blinken said the two sides would '
    "meet again next week.\n\nPhoto: Jane Doe/AFP\n",
    "date 2023-03-02\n\nKYIV, Ukraine (Reuters) - Russian forces shelled the city of Kherson "
    "overnight, killing three civilians and wounding 12, regional governor Oleksandr Prokudin "
    "said on Wednesday. Ukraine's military said it had shot down 14 drones.\n\nBy Maria Lopez\n",
    "Police arrested 40 protesters outside the parliament in Nairobi on Tuesday, a spokesman "
    'said. "They will be charged," the spokesman said. Kenyan President William Ruto called '
    "for calm. The opposition said it would march again on Friday, 12 days before the vote.\n",
    "date 2022-07-01\n\nBy John Carter\n\nBEIJING — China's central bank cut its main lending "
    "rate by 10 basis points on June 20, 2022, the second cut this year. Premier Li Keqiang "
    "urged banks to lend more to small firms, state media reported.\n\nReporting by Chen Wei; "
    "Editing by Sara Berg\n",
]
INSERTS = [
    "\u201c",
    "\u201d",
    '"',
    "'",
    "\u2019",
    "\u2014",
    " (AP) — ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u200b",
    "\u200f",
    "\u0301",
    "\ufeff",
    "\x00",
    "\x0b",
    "🇺🇦",
    "👍🏽",
    "ß",
    "İ",
    "ﬁ",
    "Ⅻ",
    "date 9999-12-31\n",
    "date 0001-01-01\n",
    "title \n",
    " said ",
    " on Monday ",
    " next week ",
    " in Paris ",
    " 1,000,000 ",
    " Mr. ",
    " U.S. ",
    "...",
    "!?",
    " -- ",
    "Photo: ",
    "/AFP",
    "http://x.example/a?b=c",
    "<script>alert(1)</script>",
    "A" * 300,
    ", and " * 40,
    "\u00a0",
]
CASES = int(os.environ.get("DATELINE_FUZZ", "240"))
EXPECTED = ("lone surrogate", "empty document")


def mutate(text: str, rng: random.Random) -> str:
    """A few random edits: inserts, deletions, duplications, case flips, truncation."""
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        at = rng.randint(0, len(text))
        if op < 0.45:
            piece = rng.choice(INSERTS) if rng.random() < 0.8 else chr(rng.randint(1, 0x2FFFF))
            text = text[:at] + piece + text[at:]
        elif op < 0.6:
            text = text[:at] + text[at + rng.randint(1, 40) :]
        elif op < 0.75:
            end = min(len(text), at + rng.randint(1, 120))
            text = text[:end] + text[at:end] * rng.randint(1, 4) + text[end:]
        elif op < 0.85:
            end = min(len(text), at + rng.randint(1, 60))
            text = text[:at] + text[at:end].swapcase() + text[end:]
        elif op < 0.95:
            text = text[: max(at, 1)]
        else:
            text = text[at:] + text[:at]
    return text


def spans(value: object, path: str = "") -> list[tuple[str, dict]]:
    """Every dict in the record tree that carries `start` and `end`."""
    found = []
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
            found.append((path, value))
        for key, item in value.items():
            found += spans(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += spans(item, f"{path}[{i}]")
    return found


def test_mutated_articles_never_raise_and_offsets_are_exact() -> None:
    rng = random.Random(15)
    texts = [mutate(rng.choice(BASES), rng) for _ in range(CASES)]
    articles = [Article(id=f"fuzz{i}", text=t) for i, t in enumerate(texts)]
    results = list(analyze_articles(articles, Options(batch_size=16)))
    assert [r.id for r in results] == [a.id for a in articles]
    for result, text in zip(results, texts, strict=True):
        if result.error is not None:
            assert any(words in result.error for words in EXPECTED), (result.error, text)
            continue
        assert result.warnings == (), (result.warnings, text)
        for path, record in spans(result.to_dict()):
            assert 0 <= record["start"] <= record["end"] <= len(text), (path, record, text)
            if isinstance(record.get("text"), str) and path != "":
                assert text[record["start"] : record["end"]] == record["text"], (path, text)


# Inputs that used to take minutes (quadratic); the limit is a generous wall, not a timing.
SENTENCE = (
    "date 2024-12-19\n\n"
    + ", and ".join(f"officials in Kyiv warned of {i} new strikes" for i in range(1_000))
    + "."
)
HOSTILE = {"letters only": "A" * 200_000, "one long sentence": SENTENCE}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_quadratic_inputs_finish_within_a_wall(name: str) -> None:
    import dateline

    started = time.monotonic()
    result = dateline.analyze(HOSTILE[name])
    assert result.error is None
    assert time.monotonic() - started < 90, name  # a wall: the credit scan alone took minutes


def test_long_sentences_are_cut_before_the_parse() -> None:
    import datetime as dt

    from dateline import nlp
    from dateline.stages.blocks.stage import MAX_SENTENCE

    pipeline = nlp.load()
    doc = pipeline(nlp.make_doc(pipeline, SENTENCE, dt.date(2024, 12, 19)))
    lengths = [len(sent) for sent in doc.sents]
    assert len(lengths) > 1 and max(lengths) <= MAX_SENTENCE

"""Linking people across articles written for these tests: one row per person, never two people
who share a surname, one row for every way of naming one person."""

from __future__ import annotations

from pathlib import Path

import pytest

import dateline
from dateline.store import Store
from dateline.store.writer import Writer

ARTICLES = {
    "putin-full": "MOSCOW (Dateline Wire) \u2014 Russian President Vladimir Putin said on Tuesday that Moscow was ready for talks. Putin added that no date had been set.",
    "putin-initial": "MOSCOW (Harbor Times) \u2014 President Vladimir V. Putin of Russia met the visiting delegation on Wednesday. Mr. Putin said he expected progress.",
    "putin-title": "KYIV (Dateline Wire) \u2014 Ukrainian officials said on Thursday they had not heard from President Putin since the summer.",
    "putin-alone": "BERLIN (Dateline Wire) \u2014 German officials said Putin had shown no sign of changing course, and he would be pressed again next week.",
    "hillary": "WASHINGTON (Dateline Wire) \u2014 Hillary Clinton told supporters in Ohio on Monday that she would fight for the plan. Clinton said she was confident.",
    "bill": "LITTLE ROCK (Dateline Wire) \u2014 Former President Bill Clinton opened a library wing on Friday. Clinton said he was proud of the staff.",
    "kim-jong-un": "SEOUL (Dateline Wire) \u2014 North Korean leader Kim Jong Un oversaw a missile launch on Sunday, state media said.",
    "bush-41": "HOUSTON (Dateline Wire) \u2014 Former President George H.W. Bush marked his birthday on Tuesday with a skydive.",
    "bush-43": "DALLAS (Dateline Wire) \u2014 Former President George W. Bush unveiled a portrait exhibition on Tuesday.",
    "kim-yo-jong": "SEOUL (Dateline Wire) \u2014 Kim Yo Jong, the sister of the North Korean leader, issued a statement on Monday criticising the drills.",
}


@pytest.fixture(scope="module")
def people_db(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:  # noqa: ANN001
    db = tmp_path_factory.mktemp("people") / "news.db"
    with Writer(db, model="test") as writer:
        for name, text in ARTICLES.items():
            writer.add(dateline.analyze(text, "2024-12-19", id=name))
    return db


def person_of(db: Path, article: str, name: str) -> int:
    """The person row the article's entity of this name was linked to."""
    with Store(db) as store:
        rows = store.conn.execute(
            "SELECT DISTINCT e.person FROM entities e JOIN articles a USING (article) "
            "WHERE a.id = ? AND e.name = ?",
            (article, name),
        ).fetchall()
    assert len(rows) == 1, (article, name, rows)
    return rows[0][0]


def test_one_person_for_every_way_of_naming_putin(people_db: Path) -> None:
    rows = {
        person_of(people_db, "putin-full", "Vladimir Putin"),
        person_of(people_db, "putin-initial", "Vladimir V. Putin"),
        person_of(people_db, "putin-title", "Putin"),
        person_of(people_db, "putin-alone", "Putin"),
    }
    assert len(rows) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (("hillary", "Hillary Clinton"), ("bill", "Bill Clinton")),
        (("kim-jong-un", "Kim Jong Un"), ("kim-yo-jong", "Kim Yo Jong")),
        (("bush-41", "George H.W. Bush"), ("bush-43", "George W. Bush")),
    ],
)
def test_people_sharing_a_surname_stay_apart(people_db: Path, one: tuple, other: tuple) -> None:
    assert person_of(people_db, *one) != person_of(people_db, *other)


def test_a_surname_alone_does_not_join_a_person_of_the_other_gender(
    tmp_path: Path,
    nlp,  # noqa: ANN001
) -> None:
    db = tmp_path / "news.db"
    with Writer(db, model="test") as writer:
        writer.add(dateline.analyze(ARTICLES["hillary"], "2024-12-19", id="hillary"))
        text = "LITTLE ROCK (Dateline Wire) \u2014 Clinton said on Friday that he was proud of the staff."
        writer.add(dateline.analyze(text, "2024-12-20", id="clinton-he"))
    assert person_of(db, "clinton-he", "Clinton") != person_of(db, "hillary", "Hillary Clinton")

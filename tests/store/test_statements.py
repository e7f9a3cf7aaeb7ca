"""Statements across articles: copies, fragments, longer forms and light edits of one speaker."""

from __future__ import annotations

import json
import socket
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.records import Analysis, Entity, Mention, Quote, Speaker
from dateline.store import Store
from dateline.store import statement_queries as sq
from dateline.store.ingest import IngestOptions, ingest
from dateline.store.writer import Writer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "statements"


def story(id_: str, source: str, date: str, said: list[tuple[str, str | None, str]]) -> Analysis:
    """An article quoting (words, speaker or None, kind) in turn, with resolved speakers."""
    text = f"date {date}\n\n"
    names = sorted({who for _, who, _ in said if who})
    quotes = []
    for words, who, kind in said:
        text += f'{who or "An official"} said: "'
        start = len(text)
        text += words
        quotes.append((start, len(text), words, who, kind))
        text += '". '
    entities = tuple(
        Entity(f"e{i}", name, "PERSON", None, None, (Mention(0, 1, name),))
        for i, name in enumerate(names)
    )
    ids = {name: f"e{i}" for i, name in enumerate(names)}
    return Analysis(
        id=id_,
        text=text,
        date=date,
        source=source,
        entities=entities,
        quotes=tuple(
            Quote(s, e, w, k, Speaker(ids.get(who), who) if who else Speaker())
            for s, e, w, who, k in quotes
        ),
    )


def grouping(db: Path) -> dict[str, int]:
    """Each stored quote's 'article:seq' mapped to the number of quotes in its statement."""
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT a.id || ':' || q.seq, (SELECT COUNT(*) FROM statement_quotes m "
        "WHERE m.statement = l.statement) FROM statement_quotes l JOIN quotes q ON q.rowid = "
        "l.quote JOIN articles a ON a.article = q.article"
    ).fetchall()
    conn.close()
    return dict(rows)


def same(db: Path, one: str, two: str) -> bool:
    conn = sqlite3.connect(db)
    found = {}
    for key in (one, two):
        article, seq = key.split(":")
        found[key] = conn.execute(
            "SELECT l.statement FROM statement_quotes l JOIN quotes q ON q.rowid = l.quote "
            "JOIN articles a ON a.article = q.article WHERE a.id = ? AND q.seq = ?",
            (article, int(seq)),
        ).fetchone()[0]
    conn.close()
    return found[one] == found[two]


SHARED = "The talks resume on Monday in Brussels with both delegations at the table"
FULL = "We will not sign any deal that leaves our farmers worse off than they are today"
CASES = [
    # (second article's quote, its speaker, kind, joins the first article's statement)
    (FULL, "Anna Berg", "direct", True),  # a wire copy
    (FULL.replace("deal", "deal,") + ".", "Anna Berg", "direct", True),  # punctuation
    ("“" + FULL + "”", "Anna Berg", "direct", True),  # curly marks kept in the text
    ("leaves our farmers worse off", "Anna Berg", "mixed", True),  # a fragment
    ("We will not sign any deal ... worse off than they are today", "Anna Berg", "direct", True),
    (FULL.replace("sign", "accept"), "Anna Berg", "direct", True),  # a light edit
    (FULL + ", and we said so in Brussels", "Anna Berg", "direct", True),  # a longer form
    (FULL, "Omar Khan", "direct", False),  # another speaker's identical words
    (FULL, None, "direct", False),  # an unresolved speaker never joins a resolved one
    ("leaves our farmers", "Omar Khan", "mixed", False),
    ("We will sign the deal once the farmers are paid in full", "Anna Berg", "direct", False),
    ("any deal", "Anna Berg", "mixed", True),  # two words are enough for a fragment
    ("deal", "Anna Berg", "mixed", False),  # one word is not
]


def wire_story() -> Analysis:
    """The wire article every test starts from: Berg's full sentence and Smit's shared quote."""
    return story(
        "wire",
        "Harbor Wire",
        "2025-05-01",
        [(FULL, "Anna Berg", "direct"), (SHARED, "Piet Smit", "direct")],
    )


@pytest.mark.parametrize(("words", "who", "kind", "joins"), CASES)
def test_second_quote_joins_or_not(
    tmp_path: Path, words: str, who: str | None, kind: str, joins: bool
) -> None:
    db = tmp_path / "s.db"
    with Writer(db, model="hand") as writer:
        writer.add(wire_story())
        writer.add(
            story(
                "paper",
                "Daily Ledger",
                "2025-05-02",
                [(words, who, kind), (SHARED, "Piet Smit", "direct")],
            )
        )
    assert same(db, "wire:0", "paper:0") is joins


@pytest.mark.parametrize(
    ("words", "joins"),
    [("leaves our farmers worse off", False), ("any deal", False), (FULL, True)],
)
def test_short_quotes_need_articles_that_share_more(
    tmp_path: Path, words: str, joins: bool
) -> None:
    """Alone, a short phrase in an unrelated article is not taken for the same utterance."""
    db = tmp_path / "s.db"
    with Writer(db, model="hand") as writer:
        writer.add(story("wire", "Harbor Wire", "2025-05-01", [(FULL, "Anna Berg", "direct")]))
        writer.add(story("paper", "Daily Ledger", "2025-05-02", [(words, "Anna Berg", "mixed")]))
    assert same(db, "wire:0", "paper:0") is joins


@pytest.mark.parametrize(
    ("words", "date", "joins"),
    [
        ("any deal that leaves our farmers", "2025-05-03", True),
        ("any deal that leaves our farmers", "2025-06-20", False),  # a phrase said again later
        (FULL, "2025-06-20", True),  # a whole sentence quoted again weeks later
        ("We will not sign any deal that leaves our farmers worse", "2025-09-01", False),
    ],
)
def test_short_quotes_join_other_articles_only_within_days(
    tmp_path: Path, words: str, date: str, joins: bool
) -> None:
    db = tmp_path / "s.db"
    with Writer(db, model="hand") as writer:
        writer.add(wire_story())
        writer.add(
            story(
                "later",
                "Daily Ledger",
                date,
                [(words, "Anna Berg", "mixed"), (SHARED, "Piet Smit", "direct")],
            )
        )
    assert same(db, "wire:0", "later:0") is joins


def test_fragments_first_then_the_full_sentence_fold_into_one(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Writer(db, model="hand") as writer:
        writer.add(story("a", "A", "2025-05-01", [("our farmers worse off", "Anna Berg", "mixed")]))
        writer.add(story("b", "B", "2025-05-01", [("any deal that leaves", "Anna Berg", "mixed")]))
        writer.add(story("c", "C", "2025-05-02", [(FULL, "Anna Berg", "direct")]))
    assert set(grouping(db).values()) == {3}
    with Store(db) as store:
        (row,) = sq.statements(store, min_outlets=3)
    assert (row.text, row.first_date, row.first_source, row.outlets) == (FULL, "2025-05-01", "A", 3)


def test_replacing_an_article_keeps_statements_consistent(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    first = story("b", "B", "2025-05-02", [(FULL, "Anna Berg", "direct")])
    with Writer(db, model="hand") as writer:
        writer.add(story("a", "A", "2025-05-01", [(FULL, "Anna Berg", "direct")]))
        writer.add(first)
    with Writer(db, model="hand2") as writer:  # a rerun found no quote in b this time
        writer.add(Analysis(**{**first.__dict__, "quotes": ()}), replace=True)
    conn = sqlite3.connect(db)
    carriers = conn.execute("SELECT carriers, outlets FROM statements").fetchall()
    orphans = conn.execute(
        "SELECT COUNT(*) FROM statement_quotes WHERE quote NOT IN (SELECT rowid FROM quotes)"
    ).fetchone()[0]
    conn.close()
    assert carriers == [(1, 1)] and orphans == 0


def test_wire_story_and_two_rewrites(tmp_path: Path, nlp) -> None:  # noqa: ANN001
    """Real articles through the pipeline: the rewrites' copies, fragments and edits link up."""
    db = tmp_path / "h.db"
    ingest([str(FIXTURES)], db, IngestOptions(workers=1))
    with Store(db) as store:
        rows = {r.text: r for r in sq.statements(store, min_outlets=2)}
        dahl = next(r for r in rows.values() if "cannot pay money" in r.text)
        assert (dahl.speaker, dahl.outlets, dahl.first_source) == ("Henrik Dahl", 3, "Harbor Wire")
        assert (dahl.first_date, dahl.first_time) == ("2025-03-04", "08:30")
        vidal = [r for r in rows.values() if r.speaker == "Marta Vidal"]
        assert {r.outlets for r in vidal} == {2}
        assert any("nine days to fix this" in r.text for r in vidal)  # ellipsis in the courier
        _, carriers = sq.statement(store, dahl.statement)
        assert [c.source for c in carriers][0] == "Harbor Wire"
        relayed = [r for r in vidal if r.relays]
        assert relayed and "Harbor Wire" in relayed[0].relays  # "per Harbor Wire" kept
        speakers = store.conn.execute(
            "SELECT l.statement, COUNT(DISTINCT COALESCE(e.person, q.speaker_name)) FROM "
            "statement_quotes l JOIN quotes q ON q.rowid = l.quote LEFT JOIN entities e ON "
            "e.article = q.article AND e.id = q.speaker_entity GROUP BY l.statement"
        ).fetchall()
        assert all(n <= 1 for _, n in speakers)  # never two speakers in one statement
        holm = store.conn.execute(
            "SELECT s.outlets FROM statements s WHERE s.speaker = 'Ingrid Holm'"
        ).fetchall()
        assert holm and all(o == 1 for (o,) in holm)  # her "will not go back" stays hers


def test_migration_backfills_statements_and_vectors(tmp_path: Path) -> None:
    from dateline.store.schema import connect

    db = tmp_path / "old.db"
    conn = connect(db, target=5)
    conn.close()
    with Writer(db, model="hand") as writer:  # opens at the current schema: rebuild by hand
        writer.add(story("a", "A", "2025-05-01", [(FULL, "Anna Berg", "direct")]))
        writer.add(story("b", "B", "2025-05-02", [(FULL, "Anna Berg", "direct")]))
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE statement_quotes")
    conn.execute("DROP TABLE statements")
    conn.execute("DROP TABLE vector_blocks")
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    with Store(db) as store:
        (row,) = sq.statements(store)
        assert row.outlets == 2
        blob = store.conn.execute("SELECT ids FROM vector_blocks WHERE kind = 'quote'").fetchone()
        assert len(blob[0]) == 2 * 8  # two quotes' rowids


def test_cli_statements_and_similar(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Writer(db, model="hand") as writer:
        writer.add(story("a", "Harbor Wire", "2025-05-01", [(FULL, "Anna Berg", "direct")]))
        writer.add(story("b", "Daily Ledger", "2025-05-02", [(FULL, "Anna Berg", "direct")]))
        writer.add(
            story(
                "c",
                "Daily Ledger",
                "2025-05-03",
                [("The bridge will reopen to lorries in June", "Omar Khan", "direct")],
            )
        )
    runner = CliRunner()
    out = runner.invoke(
        main, ["statements", "--db", str(db), "--min-outlets", "2", "--format", "json"]
    )
    assert out.exit_code == 0, out.output
    (row,) = json.loads(out.stdout)
    assert (row["speaker"], row["outlets"], row["first_source"]) == ("Anna Berg", 2, "Harbor Wire")
    out = runner.invoke(
        main, ["statements", "--db", str(db), "--id", str(row["statement"]), "--format", "csv"]
    )
    assert out.exit_code == 0 and out.stdout.count("Anna Berg") == 0 and "Harbor Wire" in out.stdout
    out = runner.invoke(
        main,
        [
            "similar",
            "--db",
            str(db),
            "growers will be poorer under the agreement",
            "--format",
            "json",
        ],
    )
    hits = json.loads(out.stdout)
    assert hits[0]["who"] == "Anna Berg" and len(hits) == 2  # the two copies shown once
    out = runner.invoke(
        main, ["similar", "--db", str(db), "growers", "--speaker", "Khan", "--format", "json"]
    )
    assert [h["who"] for h in json.loads(out.stdout)] == ["Omar Khan"]
    out = runner.invoke(main, ["statements", "--db", str(db), "--id", "99"])
    assert out.exit_code == 1 and "no statement 99" in out.output


def test_model_loads_with_the_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline import embed

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the embedding model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    embed.model.cache_clear()
    vectors = embed.embed(["expel the troops from the region", "we will kick them out", ""])
    assert vectors.shape == (3, embed.DIM) and not vectors[2].any()
    back = embed.unpack(embed.pack(vectors[:2]))
    assert float((back * vectors[:2]).sum(axis=1).min()) > 0.999

"""Poison pills: each bad document becomes its own error and the good ones beside it all land."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import dateline
from dateline.analyze import Options, analyze_articles
from dateline.cli import main
from dateline.records import Analysis, Article

GOOD = (
    "date 2024-12-19\n\nPARIS (AP) — Police arrested {n} protesters outside the parliament in "
    'Paris on Monday, a spokesman said. "We will not stop," said organiser Marie Dupont.\n'
)
GOOD_COUNT = 6
GZ_LINES = 300


def corrupt_gzip() -> bytes:
    """A gzip file whose deflate stream is damaged in the middle."""
    lines = "\n".join(
        json.dumps({"id": f"gz{i}", "text": f"Officials said on Monday that {i} people died."})
        for i in range(GZ_LINES)
    )
    data = bytearray(gzip.compress(lines.encode()))
    middle = len(data) // 2
    for i in range(middle, middle + 40):
        data[i] ^= 0x55
    return bytes(data)


# (file name, content, the id its error is stored under, words of the expected error)
POISON = [
    ("deep.jsonl", "[" * 100_000 + "]" * 100_000, "deep.jsonl:1", "nested too deeply"),
    (
        "digits.jsonl",
        '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}",
        "digits.jsonl:1",
        "digits",
    ),
    ("corrupt.jsonl.gz", corrupt_gzip(), "corrupt.jsonl.gz", "gzip"),
    ("locked/inside.txt", GOOD.format(n=99), "locked", "cannot"),
]
# Documents with a defect that must not cost the article: they are stored with their records.
SOUND = [
    ("surrogate.jsonl", {"id": "lone", "text": "Bad \ud800 text said on Monday."}),  # repaired
    ("title.jsonl", {"id": "title", "title": "Talks \udc80", "text": GOOD.format(n=7)}),
    (
        "edge-late.jsonl",
        {
            "id": "late",
            "date": "9999-12-31",
            "text": "The minister will visit Kyiv next week, officials said.",
        },
    ),
    (
        "edge-early.jsonl",
        {
            "id": "early",
            "date": "0001-01-01",
            "text": "The minister left Kyiv last Friday, officials said.",
        },
    ),
]


@pytest.fixture
def poison(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of good articles with each poison pill beside them; `locked/` cannot be listed."""
    folder = tmp_path / "poison"
    (folder / "locked").mkdir(parents=True)
    for i in range(GOOD_COUNT):
        (folder / f"good{i}.txt").write_text(GOOD.format(n=i + 2))
    for name, content, _, _ in POISON:
        target = folder / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content + "\n", errors="surrogatepass")
    for name, record in SOUND:
        (folder / name).write_text(json.dumps(record) + "\n")
    locked = folder / "locked"
    locked.chmod(0)  # unreadable for a user; root reads anyway, so listing it is also refused:
    real_scandir = os.scandir

    def scandir(path=".") -> object:  # noqa: ANN001
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    yield folder
    locked.chmod(stat.S_IRWXU)


def test_analyze_reports_each_pill_and_analyses_the_rest(poison: Path) -> None:
    result = CliRunner().invoke(main, ["analyze", str(poison), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    for _, _, doc_id, words in POISON:
        assert words in records[doc_id]["error"], records[doc_id]
    good = [f"good{i}" for i in range(GOOD_COUNT)]
    for doc_id in [*good, "title", "late", "early", "lone"]:
        assert "error" not in records[doc_id], records[doc_id]
    assert "surrogates" in records["lone"]["repairs"]  # --raw-text would refuse it instead
    assert records["title"]["title"] == "Talks \ufffd"  # repaired (a warning with --raw-text)
    assert "warnings" not in records["early"]  # "last Friday" before year 1: only it is skipped
    assert "Traceback" not in result.output


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_stores_every_good_article_in_one_run_and_resume_skips(
    poison: Path, tmp_path: Path, workers: int
) -> None:
    from dateline.store.ingest import IngestOptions, ingest

    db = tmp_path / "p.db"
    stats = ingest([str(poison)], db, IngestOptions(workers=workers))
    conn = sqlite3.connect(db)
    ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    errors = dict(conn.execute("SELECT id, error FROM errors"))
    conn.close()
    assert ids >= {f"good{i}" for i in range(GOOD_COUNT)} | {"title", "late", "early", "lone"}
    for _, _, doc_id, words in POISON:
        assert words in errors[doc_id], errors
    assert stats.errors == len(POISON)
    again = ingest([str(poison)], db, IngestOptions(workers=workers))
    assert again.added == 0 and again.skipped == stats.added and again.errors == len(POISON)


def test_a_batch_that_raises_is_rerun_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    module = importlib.import_module("dateline.analyze")
    real = module.to_analysis

    def explode(article: Article, doc: object) -> Analysis:
        if "POISON" in article.text:
            raise RuntimeError("boom")
        return real(article, doc)

    monkeypatch.setattr(module, "to_analysis", explode)
    texts = [GOOD.format(n=3), "The POISON minister said on Monday.", GOOD.format(n=4)]
    articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    results = list(analyze_articles(articles, Options(batch_size=8)))
    assert [r.id for r in results] == ["a0", "a1", "a2"]
    assert [r.error is None for r in results] == [True, False, True]
    assert "RuntimeError: boom" in results[1].error


def test_a_failing_stage_drops_only_its_records(monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.stages.quotes import stage as quotes

    monkeypatch.setattr(quotes, "find_quotes", lambda doc: 1 / 0)
    result = dateline.analyze(GOOD.format(n=5))
    assert result.error is None and result.quotes == ()
    assert result.entities and result.times
    assert any("quotes stage failed (ZeroDivisionError" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("\udc80", "lone surrogate"),
        ("The minister \ud800 said.", "U+D800 at offset 13"),
        ("x" * 2000, "too large"),
    ],
)
def test_library_returns_errors_instead_of_raising(text: str, words: str) -> None:
    result = dateline.analyze(text, options=Options(max_chars=1000, raw_text=True))
    assert result.error is not None and words in result.error


def test_max_length_follows_max_chars() -> None:
    from dateline import nlp

    list(analyze_articles([Article(id="a", text="Hello.")], Options(max_chars=2_500_000)))
    assert nlp.load().max_length > 2_500_000


@pytest.mark.parametrize(
    ("date", "text"),
    [
        ("9999-12-31", "The minister will visit next week and tomorrow, officials said."),
        ("0001-01-01", "The minister left last Friday and returned last year, officials said."),
    ],
)
def test_calendar_edge_skips_only_the_value(date: str, text: str) -> None:
    result = dateline.analyze(text, date)
    assert result.error is None and result.warnings == ()  # times it cannot compute are skipped


def crashing_serve(conn, options) -> None:  # noqa: ANN001
    """A stand-in worker: dies on CRASH, hangs on HANG, else answers at once."""
    conn.send("ready")
    while True:
        try:
            articles = conn.recv()
        except EOFError:
            return
        if articles is None:
            return
        for i, article in enumerate(articles):
            if "CRASH" in article.text:
                os._exit(9)
            if "HANG" in article.text:
                time.sleep(3600)
            conn.send((i, Analysis(id=article.id, text=article.text)))


@pytest.mark.parametrize("workers", [1, 2])  # `ingest --workers 1` runs one worker process too
def test_a_crashed_or_hung_worker_costs_one_document(workers: int) -> None:
    from dateline.store.workers import run_workers

    texts = ["a", "b", "CRASH", "c", "d", "HANG", "e", "f", "g", "h", "i", "j"]
    articles = [Article(id=f"d{i}", text=t) for i, t in enumerate(texts)]
    chunks = iter([articles[i : i + 4] for i in range(0, len(articles), 4)])
    stored: list[Analysis] = []
    run_workers(
        chunks,
        list,
        lambda _, results: stored.extend(results),
        Options(),
        workers,
        2.0,
        target=crashing_serve,
    )
    assert [a.id for a in stored] == [a.id for a in articles]  # input order kept
    errors = {a.id: a.error for a in stored if a.error}
    assert set(errors) == {"d2", "d5"}
    assert "worker died (exit code 9)" in errors["d2"] and "over 2 s" in errors["d5"]


def test_reader_refuses_fifos_and_devices(tmp_path: Path) -> None:
    from dateline.read import read

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [article] = read([str(fifo)])
    assert "a FIFO, not a regular file" in article.error and "give -" in article.error
    [device] = read(["/dev/zero"])
    assert "a device" in device.error


def test_glob_does_not_follow_link_loops(tmp_path: Path) -> None:
    from dateline.read import read

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(GOOD.format(n=1))
    (tmp_path / "a" / "b" / "two.txt").write_text(GOOD.format(n=2))
    (tmp_path / "a" / "b" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "b" / "loop2").symlink_to(tmp_path)
    found = [a.id for a in read([str(tmp_path / "a" / "**" / "*.txt")])]
    assert found == ["two", "one"]
    assert [a.id for a in read([str(tmp_path / "a")])] == ["b/two", "one"]


def test_unreadable_folder_is_not_called_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline.read import read

    target = tmp_path / "locked" / "story.txt"

    def denied(self: Path, **_: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "stat", denied)
    [article] = read([str(target)])
    assert "permission denied" in article.error and "no such" not in article.error


@pytest.mark.parametrize("value", ["0", "-1"])
def test_max_chars_must_be_positive(value: str) -> None:
    result = CliRunner().invoke(main, ["analyze", "--max-chars", value, "-"], input="x")
    assert result.exit_code == 2 and "--max-chars" in result.output


def test_concurrent_first_runs_create_the_schema_once(tmp_path: Path) -> None:
    import threading

    from dateline.store.schema import connect

    db = tmp_path / "new.db"
    failures: list[Exception] = []

    def open_it() -> None:
        try:
            connect(db).close()
        except Exception as error:  # noqa: BLE001
            failures.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_a_failing_stage_is_stored_and_told_by_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline.stages.quotes import stage as quotes
    from dateline.store import Store
    from dateline.store.ingest import IngestOptions, ingest

    monkeypatch.setattr(quotes, "find_quotes", lambda doc: 1 / 0)
    (tmp_path / "a.txt").write_text(GOOD.format(n=6))
    told: list[str] = []
    db = tmp_path / "w.db"
    stats = ingest([str(tmp_path / "a.txt")], db, IngestOptions(workers=0), warn=told.append)
    assert stats.added == 1 and stats.errors == 0
    assert any("quotes stage failed (ZeroDivisionError" in w for w in told)
    with Store(db) as store:
        shown = store.show("a")
    assert shown.quotes == () and shown.entities
    assert any("quotes stage failed" in w for w in shown.warnings)

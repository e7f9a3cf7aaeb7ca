"""The command line: analyze in every format, bad input, exit codes, documented commands."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from dateline.cli import main

ARTICLE = "date 2024-12-19\n\nKYIV, Ukraine (AP) — Ukrainian President Volodymyr Zelensky said on Thursday his forces held firm.\n"


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_example_text_view() -> None:
    result = run("analyze", "--example")
    assert result.exit_code == 0, result.output
    assert "Vladimir Putin" in result.output and "2024-12-19" in result.output


def test_jsonl_contract_and_offsets(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    result = run("analyze", str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(record) == {
        "id",
        "date",
        "title",
        "url",
        "source",
        "text",
        "repairs",
        "blocks",
        "entities",
        "quotes",
        "times",
        "places",
        "events",
    }
    assert record["date"] == "2024-12-19" and record["text"] == ARTICLE
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert record["text"][m["start"] : m["end"]] == m["text"]
    assert [b["kind"] for b in record["blocks"]] == ["dateline", "body"]


def test_json_is_one_array(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE)
    result = run("analyze", str(tmp_path), "--format", "json")
    assert [r["id"] for r in json.loads(result.stdout)] == ["a", "b"]


def test_stdin() -> None:
    result = run("analyze", "-", "--format", "jsonl", stdin=ARTICLE)
    assert json.loads(result.stdout)["date"] == "2024-12-19"


def test_batch_goes_on_after_bad_documents(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x01binary")
    (tmp_path / "b.txt").write_text(ARTICLE)
    (tmp_path / "c.txt").write_text("   ")
    result = run("analyze", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], "error" in r) for r in records] == [("a", True), ("b", False), ("c", True)]
    assert "binary file" in result.stderr and "empty document" in result.stderr


def test_nothing_analysed_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("")
    result = run("analyze", str(tmp_path / "a.txt"))
    assert result.exit_code == 1 and "nothing could be analysed" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze"], "give at least one PATH"),
        (["analyze", "--example", "--date", "2024-13-45"], "cannot read"),
        (["analyze", "--example", "--model", "xx_no_such_model"], "not installed"),
    ],
)
def test_clear_errors(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output


def commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found.extend(commands(command, prefix + name + " "))
    return found


@pytest.mark.parametrize(("name", "command"), commands(main))
def test_every_command_is_documented(name: str, command: click.Command) -> None:
    help_text = command.help or ""
    assert help_text.strip(), f"`dateline {name}` has no help"
    if not isinstance(command, click.Group):
        assert "dateline " in help_text, f"`dateline {name}` has no example in its help"


@pytest.mark.parametrize(("name", "command"), commands(main))
def test_summaries_fit_in_help(name: str, command: click.Command) -> None:
    limit = 80 - 6 - max(len(n) for n in main.commands)  # what `dateline --help` leaves at 80 cols
    assert not command.get_short_help_str(limit).endswith("..."), (
        f"`dateline {name}` summary is cut"
    )


@pytest.fixture
def news_db(tmp_path: Path) -> Path:
    """A store of hand-analysed stories (no model needed)."""
    from dateline.store.writer import Writer
    from tests.store.conftest import fisheries_story, kursk_story

    db = tmp_path / "news.db"
    with Writer(db, model="hand") as writer:
        writer.add(kursk_story("kursk-wire", "Harbor Wire", "2024-12-19"))
        writer.add(fisheries_story())
    return db


@pytest.mark.parametrize(
    ("words", "found"),
    [
        (["fishermen"], "fish-1"),
        (["cod", "plan"], "fish-1"),
        (['"cod plan"'], "fish-1"),
        (["Commission's"], "fish-1"),
        (["Kremlin", "AND"], "kursk-wire"),
        (["Kursk-region"], "kursk-wire"),
        (["OR"], None),
        (['"unbalanced', "(", "NOT"], None),
    ],
)
def test_search_takes_what_the_web_takes(
    news_db: Path, words: list[str], found: str | None
) -> None:
    result = run("search", *words, "--db", str(news_db), "--format", "json")
    assert result.exit_code == 0, result.output
    articles = {hit["article"] for hit in json.loads(result.stdout)}
    assert articles == ({found} if found else set())


@pytest.mark.parametrize(
    "content", [b"", b"not a database at all\n", b"SQLite format 3\x00" + b"\x01" * 90]
)
@pytest.mark.parametrize(
    "command",
    [
        ["quotes"],
        ["events"],
        ["people"],
        ["search", "x"],
        ["timeline", "Putin"],
        ["show", "x"],
        ["export", "quotes"],
    ],
)
def test_read_commands_never_write(tmp_path: Path, content: bytes, command: list[str]) -> None:
    db = tmp_path / "e.db"
    db.write_bytes(content)
    result = run(*command, "--db", str(db))
    assert result.exit_code == 1 and "not a" in result.stderr and "Traceback" not in result.output
    assert db.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.db"]


def test_read_commands_refuse_a_missing_store(tmp_path: Path) -> None:
    result = run("quotes", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and "no such database" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_timeline_of_nobody_fails(news_db: Path) -> None:
    assert run("timeline", "Putin", "--db", str(news_db)).exit_code == 0
    result = run("timeline", "Nobody", "--db", str(news_db))
    assert result.exit_code == 1 and "no quotes or events for 'Nobody'" in result.stderr


def test_serve_refuses_a_busy_port_before_announcing(news_db: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--db", str(news_db), "--port", str(port))
    assert result.exit_code == 1 and "cannot listen on 127.0.0.1" in result.stderr
    assert "serving" not in result.stderr


def test_serve_help_example_token_is_accepted() -> None:
    example = run("serve", "--help").stdout.split("DATELINE_TOKEN=")[1].split()[0]
    assert len(example) >= 8


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--type", "FOO"], "--type: 'FOO' is not a PLOVER event type"),
        (["events", "--country", "XQ"], "--country: 'XQ' is not a country"),
        (["events", "--since", "someday"], "--since: cannot read"),
        (["quotes", "--until", "someday"], "--until: cannot read"),
    ],
)
def test_unknown_filter_values_name_the_option(
    news_db: Path, args: list[str], message: str
) -> None:
    result = run(*args, "--db", str(news_db))
    assert result.exit_code == 1 and message in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["events", "--source", "Continental"], {"REJECT"}),
        (["events", "--country", "Denmark"], {"REJECT"}),
        (["events", "--type", "assault"], {"ASSAULT"}),
        (["events", "--since", "2025"], {"REJECT"}),
    ],
)
def test_event_filters_in_the_cli(news_db: Path, args: list[str], expected: set[str]) -> None:
    result = run(*args, "--db", str(news_db), "--format", "json")
    assert result.exit_code == 0, result.output
    assert {e["event"]["type"] for e in json.loads(result.stdout)} == expected


def test_analyze_warns_once_and_shows_progress(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"b{i}.txt").write_text(f"date 2024-13-4{i}\n\n{ARTICLE.split(chr(10), 2)[2]}")
    (tmp_path / "z.txt").write_bytes(b"\x00\x01binary")
    result = run("analyze", str(tmp_path), "--format", "jsonl", "--progress")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("b1: cannot read date '2024-13-41'") == 1
    assert "error: z: binary file" in result.stderr
    assert "analyze" in result.stderr and "4/4" in result.stderr and "1 errors" in result.stderr
    quiet = run("analyze", str(tmp_path), "--format", "jsonl", "--no-progress")
    assert "4/4" not in quiet.stderr and quiet.stderr.count("cannot read date") == 3


def test_ingest_warns_of_an_unreadable_date(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text("date 2024-13-45\n\n" + ARTICLE.split("\n", 2)[2])
    result = run(
        "ingest", str(tmp_path / "bad.txt"), "--db", str(tmp_path / "b.db"), "--workers", "1"
    )
    assert result.exit_code == 0, result.output
    assert "warning: bad: cannot read date '2024-13-45'" in result.stderr

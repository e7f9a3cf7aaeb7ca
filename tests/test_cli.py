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

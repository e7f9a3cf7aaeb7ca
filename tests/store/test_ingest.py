"""Ingest with the real pipeline: counts, idempotency, reprocessing, errors, and the CLI."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.store import Store
from dateline.store.ingest import IngestOptions, ingest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"

STORE_COMMANDS = ["ingest", "quotes", "events", "timeline", "people", "search", "show", "export"]


def counts(db: Path) -> dict[str, int]:
    with Store(db) as store:
        return store.counts()


def test_ingest_is_idempotent(tmp_path: Path, nlp) -> None:  # noqa: ANN001
    db = tmp_path / "news.db"
    first = ingest([str(FIXTURES)], db, IngestOptions(workers=1))
    assert (first.added, first.errors) == (5, 2)
    after_first = counts(db)
    second = ingest([str(FIXTURES)], db, IngestOptions(workers=1))
    assert (second.added, second.skipped) == (0, 5)
    assert counts(db) == after_first
    assert after_first["articles"] == 5 and after_first["errors"] == 2


def test_errors_table_has_reasons(tmp_path: Path, nlp) -> None:  # noqa: ANN001
    db = tmp_path / "news.db"
    ingest([str(FIXTURES / "wire-briefs.jsonl"), str(tmp_path / "missing.txt")], db)
    with Store(db) as store:
        errors = dict(store.conn.execute("SELECT id, error FROM errors").fetchall())
    assert "invalid JSON" in errors["wire-briefs.jsonl:3"]
    assert "empty document" in errors["brief-empty"]
    assert "no such file" in errors[str(tmp_path / "missing.txt")]


def test_wire_copy_is_linked(tmp_path: Path, nlp) -> None:  # noqa: ANN001
    db = tmp_path / "news.db"
    ingest([str(FIXTURES)], db)
    with Store(db) as store:
        rows = dict(store.conn.execute("SELECT id, copy_of FROM articles").fetchall())
        ids = dict(store.conn.execute("SELECT article, id FROM articles").fetchall())
    # Files are read in name order, so the reprint comes first and the wire story links to it.
    assert rows["odesa-port-reprint"] is None
    assert ids[rows["odesa-port-wire"]] == "odesa-port-reprint"
    assert rows["brussels-fisheries"] is None


def test_reprocess_reruns_older_versions_only(tmp_path: Path, nlp) -> None:  # noqa: ANN001
    db = tmp_path / "news.db"
    ingest([str(FIXTURES)], db)
    before = counts(db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE articles SET version = '0.0.1+old' WHERE id LIKE 'odesa%'")
    conn.commit()
    conn.close()
    again = ingest([str(FIXTURES)], db, IngestOptions(reprocess=True))
    assert (again.added, again.reprocessed, again.skipped) == (2, 2, 3)
    assert counts(db) == before
    with Store(db) as store:
        versions = {r[0] for r in store.conn.execute("SELECT version FROM articles")}
    assert len(versions) == 1 and "old" not in versions.pop()


def test_cli_ingest_and_queries(tmp_path: Path, nlp, monkeypatch) -> None:  # noqa: ANN001
    db = tmp_path / "cli.db"
    monkeypatch.setenv("DATELINE_DB", str(db))
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(FIXTURES), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["search", "terminal", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert [m["article"] for m in found if m["kind"] == "article"] == ["odesa-port-reprint"]
    assert "<mark>" in found[0]["snippet"]
    result = runner.invoke(main, ["show", "brussels-fisheries", "--format", "json"])
    assert json.loads(result.output)["title"] == "EU ministers fail to agree on Baltic cod quotas"
    for command in (["quotes", "--format", "csv"], ["events"], ["people"], ["timeline", "Kiper"]):
        result = runner.invoke(main, command)
        assert result.exit_code == 0, (command, result.output)
    result = runner.invoke(
        main, ["export", "articles", "--format", "csv", "--out", str(tmp_path / "a.csv")]
    )
    assert result.exit_code == 0 and (tmp_path / "a.csv").read_text().count("odesa-port") >= 2
    result = runner.invoke(main, ["search", "AND", "OR", "("])  # words, not syntax
    assert result.exit_code == 0 and "no search: AND OR ( found" in result.output


@pytest.mark.parametrize("command", STORE_COMMANDS)
def test_store_commands_have_examples(command: str) -> None:
    assert "Example" in (main.commands[command].help or "")


def test_parquet_export(filled: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from dateline.store.export import export

    with Store(filled) as store:
        assert export(store.conn, "quotes", "parquet", str(tmp_path / "q.parquet"), batch=1) == 3
        assert export(store.conn, "gdelt", "parquet", str(tmp_path / "g.parquet")) == 2
    table = pq.read_table(tmp_path / "g.parquet")
    assert sorted(table.column("EventCode").to_pylist()) == ["ASSAULT", "REJECT"]
    assert table.column("Confidence").to_pylist() == [0.8, 0.7]


@pytest.mark.parametrize("command", [["quotes"], ["events"], ["people"], ["search", "Trump"]])
def test_query_formats_give_the_same_rows(filled: Path, command: list[str]) -> None:
    """json, jsonl, csv and tsv carry the same rows, in the same order."""
    runner = CliRunner()

    def run(fmt: str) -> str:
        result = runner.invoke(main, [*command, "--db", str(filled), "--format", fmt])
        assert result.exit_code == 0, result.output
        return result.output

    as_json = json.loads(run("json"))
    as_jsonl = [json.loads(line) for line in run("jsonl").splitlines()]
    as_csv = list(csv.DictReader(io.StringIO(run("csv"))))
    as_tsv = list(csv.DictReader(io.StringIO(run("tsv")), dialect="excel-tab"))
    assert as_jsonl == as_json
    assert as_json and as_tsv == as_csv and len(as_csv) == len(as_json)


@pytest.mark.parametrize(("all_events", "expected"), [(False, [0.8, 0.8]), (True, [0.2, 0.8, 0.8])])
def test_export_events_hides_the_unsure_by_default(
    filled: Path, all_events: bool, expected: list[float]
) -> None:
    """The events table exports the shown events; --all-events adds the ones under the threshold."""
    with sqlite3.connect(filled) as conn:
        conn.execute("UPDATE events SET confidence = 0.2 WHERE confidence = 0.7")
    out = filled.parent / "events.jsonl"
    flag = ["--all-events"] if all_events else []
    result = CliRunner().invoke(
        main, ["export", "events", "--db", str(filled), "--out", str(out), *flag]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["confidence"] for r in rows) == expected


def test_cli_ingest_from_stdin(tmp_path: Path, nlp) -> None:  # noqa: ANN001
    db = tmp_path / "stdin.db"
    text = (FIXTURES / "brussels-fisheries.txt").read_text()
    args = ["ingest", "-", "--db", str(db), "--workers", "1", "--quiet"]
    result = CliRunner().invoke(main, args, input=text)
    assert result.exit_code == 0, result.output
    assert counts(db)["articles"] == 1


def test_cli_refuses_foreign_database(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    result = CliRunner().invoke(main, ["quotes", "--db", str(db)])
    assert result.exit_code == 1 and "not a dateline store" in result.output


@pytest.mark.parametrize("columns", ["gdelt", "polecat"])
def test_event_exports_are_the_same_from_files_and_from_the_store(
    filled: Path, stories: list, columns: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from dateline.export_events import rows, tsv_lines
    from dateline.store.export import export

    originals = [s for s in stories if s.id != "kursk-reprint"]  # the reprint is a wire copy
    from_files = list(tsv_lines(rows(originals), columns))
    with Store(filled) as store:
        assert export(store.conn, columns, None, None) == len(from_files) - 1
    from_store = capsys.readouterr().out.splitlines()
    assert from_store == from_files
    header = from_store[0].split("\t")
    for column in ("IsHypothetical", "IsFuture", "Confidence", "EventMode", "EventCode"):
        assert column in header or columns == "polecat"
    assert len(from_store) == 3

"""The Ray engine: the same records as the local ingest, a date-partitioned Parquet dataset, `load`.

One local Ray (`ray.init(num_cpus=2)`) serves the whole module; the articles are the fixtures
written for dateline, plus a gzipped JSONL, an unreadable file and a bad JSONL line.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.read import read
from dateline.scale import (
    PARTITION,
    ScaleError,
    inputs,
    load,
    read_dataset,
    read_remote,
    require_ray,
)
from dateline.store import Store
from dateline.store.ingest import IngestOptions, ingest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
S3_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Text files, a JSONL file with a bad line, a .jsonl.gz, a binary file, in nested folders."""
    root = tmp_path_factory.mktemp("scale") / "corpus"
    (root / "wire").mkdir(parents=True)
    for path in (FIXTURES / "store").glob("*.txt"):
        shutil.copy(path, root / "wire" / path.name)
    shutil.copy(FIXTURES / "store" / "wire-briefs.jsonl", root / "briefs.jsonl")
    shutil.copy(FIXTURES / "articles" / "summit.txt", root / "summit.txt")
    summit = (FIXTURES / "articles" / "summit.txt").read_text(encoding="utf-8")
    record = {"id": "summit-gz", "date": "2025-02-15", "source": "Gz Wire", "text": summit}
    with gzip.open(root / "more.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n{not json\n")
    (root / "junk.txt").write_bytes(b"\x00\x01binary")
    return root


@pytest.fixture(scope="module")
def local_db(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus ingested by the local engine."""
    db = tmp_path_factory.mktemp("local") / "local.db"
    ingest([str(corpus_dir)], db, IngestOptions(workers=1))
    return db


@pytest.fixture(scope="module")
def ray_local() -> Any:
    """One local Ray with 2 CPUs for the whole module.

    Its workers get the test S3 credentials, as a cluster's nodes have theirs (an IAM role, the
    environment); the endpoint travels inside the pickled file system.
    """
    ray = pytest.importorskip("ray")
    with pytest.MonkeyPatch.context() as patch:
        for key, value in S3_CREDENTIALS.items():
            patch.setenv(key, value)
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield ray
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def dataset(ray_local: Any, corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus analysed on Ray by the CLI into a Parquet dataset (two actors, 3 articles a batch)."""
    out = tmp_path_factory.mktemp("ray") / "dataset"
    args = ["ingest", "--engine", "ray", str(corpus_dir), "--out", str(out), "--workers", "2"]
    result = CliRunner().invoke(main, [*args, "--batch-size", "3"])
    assert result.exit_code == 0, result.output
    assert "7 analysed, 4 errors" in result.output
    return out


@pytest.fixture(scope="module")
def loaded_db(dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dataset loaded into a new store."""
    db = tmp_path_factory.mktemp("loaded") / "ray.db"
    stats = load(str(dataset), db)
    assert (stats.added, stats.errors, stats.skipped) == (7, 4, 0)
    return db


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every store table as sorted rows, with row ids replaced by what they point to."""
    conn = sqlite3.connect(db)
    articles = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT article, hash, id FROM articles")}
    people = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT person, name, type FROM people")}
    names = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if not r[0].startswith(("articles_fts", "quotes_fts")) and r[0] != "meta"
    ]
    found = derived(conn, articles)
    for name in names:
        if name in found:
            continue
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
        rows = []
        for values in conn.execute(f'SELECT * FROM "{name}"'):
            row = dict(zip(columns, values, strict=True))
            row.pop("rowid", None), row.pop("ingested", None)
            for key in ("article", "copy_of"):
                if key in row:
                    row[key] = articles.get(row[key])
            if "person" in row:
                row["person"] = people.get(row["person"])
            rows.append(tuple(sorted(row.items())))
        found[name] = sorted(rows, key=repr)
    conn.close()
    return found


def derived(conn: sqlite3.Connection, articles: dict[int, tuple]) -> dict[str, list[tuple]]:
    """Statements and vectors keyed by what they hold (their row ids follow the write order)."""
    import numpy as np

    quote_key = {
        r[0]: (articles[r[1]], r[2]) for r in conn.execute("SELECT rowid, article, seq FROM quotes")
    }
    event_key = {
        r[0]: (articles[r[1]], r[2]) for r in conn.execute("SELECT rowid, article, seq FROM events")
    }
    statements = {}
    for row in conn.execute(
        "SELECT statement, speaker, text, first_date, first_time, first_source, carriers, "
        "articles, outlets, variants, relays FROM statements"
    ):
        carriers = sorted(
            quote_key[q]
            for (q,) in conn.execute(
                "SELECT quote FROM statement_quotes WHERE statement = ?", (row[0],)
            )
        )
        statements[row[0]] = (*row[1:], tuple(carriers))
    vectors = []
    for kind, ids, blob in conn.execute("SELECT kind, ids, vectors FROM vector_blocks"):
        keys = quote_key if kind == "quote" else event_key
        rows = np.frombuffer(blob, np.int8).reshape(-1, 256)
        for rowid, vector in zip(np.frombuffer(ids, np.int64).tolist(), rows, strict=True):
            vectors.append((kind, keys[rowid], vector.tobytes()))
    return {
        "statements": sorted(statements.values(), key=repr),
        # Which carrier is the 'origin' and which an 'exact' copy follows the write order.
        "statement_quotes": sorted(
            quote_key[q] for (q,) in conn.execute("SELECT quote FROM statement_quotes")
        ),
        "vector_blocks": sorted(vectors),
    }


def test_ray_gives_the_records_of_the_local_ingest_field_by_field(
    dataset: Path, local_db: Path
) -> None:
    store = Store(local_db)
    try:
        compared = 0
        for _, _, _, _, analysis in read_dataset(str(dataset)):
            if analysis.error is not None:
                continue
            ray_dict, local_dict = analysis.to_dict(), store.show(analysis.id).to_dict()
            assert ray_dict.keys() == local_dict.keys()
            for key in ray_dict:
                assert ray_dict[key] == local_dict[key], f"{analysis.id}: field {key} differs"
            compared += 1
        assert compared == 7
    finally:
        store.close()


def test_loaded_store_equals_the_local_store_table_by_table(
    loaded_db: Path, local_db: Path
) -> None:
    ray_tables, local_tables = snapshot(loaded_db), snapshot(local_db)
    assert ray_tables.keys() == local_tables.keys()
    # `load` adds articles in date order, the local ingest in input order: the same wire copies
    # are linked, but the earlier-dated one is the original (here summit.txt, a day before).
    ray_copies, local_copies = copies(ray_tables), copies(local_tables)
    assert ray_copies == local_copies and len(ray_copies) == 2
    for name in local_tables:
        assert ray_tables[name] == local_tables[name], f"table {name} differs"
    assert len(local_tables["articles"]) == 7 and len(local_tables["quotes"]) > 10


def copies(tables: dict[str, list[tuple]]) -> set[frozenset]:
    """The wire-copy links as unordered pairs; `copy_of` is then dropped from the snapshot."""
    pairs, rows = set(), []
    for row in tables["articles"]:
        fields = dict(row)
        if fields["copy_of"] is not None:
            pairs.add(frozenset((fields["article"], fields["copy_of"])))
        rows.append(tuple((k, v) for k, v in row if k != "copy_of"))
    tables["articles"] = sorted(rows, key=repr)
    return pairs


def test_load_again_adds_nothing(dataset: Path, loaded_db: Path) -> None:
    before = snapshot(loaded_db)
    stats = load(str(dataset), loaded_db)
    assert (stats.added, stats.errors, stats.skipped) == (0, 0, 11)
    assert snapshot(loaded_db) == before


def test_dataset_is_partitioned_by_article_date_with_an_errors_table(dataset: Path) -> None:
    import pyarrow.dataset as pds

    assert (dataset / "quotes" / f"{PARTITION}=2026-03-04").is_dir()
    articles = pds.dataset(dataset / "articles", format="parquet", partitioning="hive")
    table = articles.to_table(columns=["id", "date", PARTITION]).to_pylist()
    assert all(str(row[PARTITION]) == row["date"] for row in table)
    # Read errors have no date: they sit in the Hive null partition, article_date=__HIVE_DEFAULT…
    assert (dataset / "errors" / f"{PARTITION}=__HIVE_DEFAULT_PARTITION__").is_dir()
    errors = pds.dataset(dataset / "errors", format="parquet").to_table()
    ids, texts = errors.column("id").to_pylist(), errors.column("error").to_pylist()
    reasons = dict(zip(ids, texts, strict=True))
    assert "binary file" in reasons["junk"]
    assert "invalid JSON" in reasons["more.jsonl.gz:2"]
    assert "empty document" in reasons["brief-empty"]
    manifest = json.loads((dataset / "dateline.json").read_text())
    assert (manifest["articles"], manifest["errors"]) == (7, 4)


def test_cli_load_then_query_and_rerun(dataset: Path, corpus_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "news.db"
    loaded = runner.invoke(main, ["load", str(dataset), "--db", str(db)])
    assert loaded.exit_code == 0 and "7 added, 0 already stored, 4 errors" in loaded.output
    quotes = runner.invoke(
        main, ["quotes", "--db", str(db), "--speaker", "Macron", "--format", "json"]
    )
    assert quotes.exit_code == 0 and json.loads(quotes.output)
    rerun = runner.invoke(main, ["load", str(dataset), "--db", str(db)])
    assert "0 added, 11 already stored, 0 errors" in rerun.output
    args = ["ingest", "--engine", "ray", str(corpus_dir), "--out", str(dataset)]
    again = runner.invoke(main, args)
    assert again.exit_code == 1 and "already holds a dataset (use --overwrite" in again.output


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    no_out = runner.invoke(main, ["ingest", "--engine", "ray", str(tmp_path)])
    assert no_out.exit_code == 2 and "--engine ray needs --out DIR" in no_out.output
    stray = runner.invoke(main, ["ingest", str(tmp_path), "--out", str(tmp_path / "x")])
    assert stray.exit_code == 2 and "--out goes with --engine ray" in stray.output
    foreign = runner.invoke(main, ["load", str(tmp_path), "--db", str(tmp_path / "a.db")])
    assert foreign.exit_code == 1
    assert foreign.output.strip().endswith("`dateline ingest --engine ray … --out DIR`)")
    assert len(foreign.output.strip().splitlines()) == 1
    help_text = runner.invoke(main, ["load", "--help"]).output
    assert "dateline load dataset/ --db news.db" in help_text


def test_missing_ray_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(ScaleError, match=r"pip install 'dateline\[ray\]'"):
        require_ray()
    out = str(tmp_path / "out")
    result = CliRunner().invoke(main, ["ingest", "--engine", "ray", str(tmp_path), "--out", out])
    assert result.exit_code == 1
    assert result.output == "Error: the ray engine needs Ray: pip install 'dateline[ray]'\n"


def test_core_package_does_not_import_ray() -> None:
    code = "import sys, dateline, dateline.cli, dateline.scale; print('ray' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("how", ["fsspec", "uri"])
def test_remote_file_systems_read_what_the_local_reader_reads(corpus_dir: Path, how: str) -> None:
    if how == "fsspec":  # an fsspec file system object, as s3fs or gcsfs would be given
        fsspec = pytest.importorskip("fsspec")
        files, systems = inputs([str(corpus_dir)], filesystem=fsspec.filesystem("file"))
    else:  # a URI that pyarrow resolves, as s3://bucket/prefix/ is
        files, systems = inputs([corpus_dir.as_uri()])
    remote = [
        a
        for item in files
        for a in read_remote(systems[item["fs"]], item["path"], item["id"], None, 5_000_000)
    ]
    local = list(read([str(corpus_dir)]))
    assert len(local) == 11
    assert [(a.id, a.text, a.date, a.error) for a in remote] == [
        (a.id, a.text, a.date, a.error) for a in local
    ]


def test_load_through_an_fsspec_filesystem_or_a_uri(dataset: Path, tmp_path: Path) -> None:
    fsspec = pytest.importorskip("fsspec")
    stats = load(str(dataset), tmp_path / "f.db", filesystem=fsspec.filesystem("file"))
    assert (stats.added, stats.errors) == (7, 4)
    stats = load(dataset.as_uri(), tmp_path / "u.db")
    assert (stats.added, stats.errors) == (7, 4)


def test_damaged_dataset_is_a_one_line_error(dataset: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(dataset, copy)
    next((copy / "quotes").rglob("*.parquet")).write_bytes(b"not parquet at all")
    result = CliRunner().invoke(main, ["load", str(copy), "--db", str(tmp_path / "d.db")])
    assert result.exit_code == 1 and "cannot read the dataset" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_actor_reloads_the_pipeline_after_recycle_articles(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """As the local ingest replaces its workers: a fresh pipeline (and string store) every 4,000."""
    from functools import lru_cache

    from pyarrow import fs as pafs

    from dateline import nlp
    from dateline.analyze import Options
    from dateline.scale import engine

    loads: list[tuple[str, tuple[str, ...]]] = []

    @lru_cache(maxsize=4)
    def fake_load(model: str, stages: tuple[str, ...]) -> object:
        loads.append((model, stages))
        return object()

    monkeypatch.setattr(nlp, "_load", fake_load)
    actor = engine.Analyzer(pafs.LocalFileSystem(), str(tmp_path), Options(), "v")
    first = nlp.load(Options().model, Options().stages)
    actor.analysed = engine.RECYCLE - 1
    actor.recycle()
    assert len(loads) == 1
    actor.analysed = engine.RECYCLE
    actor.recycle()
    assert len(loads) == 2 and actor.analysed == 0
    assert nlp.load(Options().model, Options().stages) is not first
    assert engine.RECYCLE == 4000
    assert engine.CHUNK == 8  # IngestOptions().chunk


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A local S3 endpoint (moto's server) with an empty bucket `news`, as AWS_ENDPOINT_URL."""
    server_module = pytest.importorskip("moto.server")
    boto3 = pytest.importorskip("boto3")
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    for key, value in {"AWS_ENDPOINT_URL": endpoint, **S3_CREDENTIALS}.items():
        monkeypatch.setenv(key, value)
    client = boto3.client("s3", endpoint_url=endpoint)
    client.create_bucket(Bucket="news")
    try:
        yield client
    finally:
        server.stop()


def test_s3_in_and_out_gives_the_local_records(
    s3: Any, ray_local: Any, corpus_dir: Path, loaded_db: Path, tmp_path: Path
) -> None:
    """Read from s3://, write the dataset to s3://, load it from s3://: the same store."""
    for path in sorted(p for p in corpus_dir.rglob("*") if p.is_file()):
        s3.upload_file(str(path), "news", f"corpus/{path.relative_to(corpus_dir).as_posix()}")
    runner = CliRunner()
    args = ["ingest", "--engine", "ray", "s3://news/corpus", "--out", "s3://news/dataset"]
    ingested = runner.invoke(main, [*args, "--workers", "2", "--batch-size", "3"])
    assert ingested.exit_code == 0, ingested.output
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="news", Prefix="dataset/")["Contents"]]
    assert "dataset/dateline.json" in keys
    assert any(k.startswith(f"dataset/quotes/{PARTITION}=") for k in keys)
    db = tmp_path / "s3.db"
    loaded = runner.invoke(main, ["load", "s3://news/dataset", "--db", str(db)])
    assert loaded.exit_code == 0 and "7 added, 0 already stored, 4 errors" in loaded.output
    assert snapshot(db) == snapshot(loaded_db)

"""The `dateline` command: a thin layer over the library."""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files

import click

from dateline import __version__
from dateline.nlp import DEFAULT_MODEL, ModelNotFound
from dateline.read import MAX_CHARS, ReadError, read
from dateline.records import EVENT_THRESHOLD, Analysis, Article


def err(message: str) -> None:
    """Print one line on stderr."""
    click.echo(message, err=True)


def checked(articles: Iterator[Article]) -> Iterator[Article]:
    """Pass articles on, reporting their read warnings on stderr."""
    for article in articles:
        for warning in article.warnings:
            err(f"warning: {warning}")
        yield article


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dateline")
def main() -> None:
    """Turn dated news articles into sourced records of who said what and who did what.

    \b
    Example:
      dateline analyze article.txt
    """


RAW_TEXT = click.option(
    "--raw-text",
    is_flag=True,
    help="Keep texts byte for byte: no repair of mojibake or HTML entities, no case restoration.",
)
ENCODING = click.option(
    "--encoding", help="Encoding of input that is not UTF-8 (default: detected, with a warning)."
)
MAX_CHARS_OPTION = click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=MAX_CHARS,
    show_default=True,
    help="Refuse longer documents.",
)
EXAMPLE = files("dateline").joinpath("examples", "putin-press-conference.txt")


@main.command(short_help="Analyse articles and print their records.")
@click.argument("paths", nargs=-1)
@click.option("--example", is_flag=True, help="Analyse the example article bundled with dateline.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="text: a readable view; json/jsonl: the JSON contract.",
)
@click.option("--date", help="Date (YYYY-MM-DD or any common format) for articles read from files.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Installed spaCy pipeline.")
@MAX_CHARS_OPTION
@click.option(
    "--all-events",
    is_flag=True,
    help="Also the events under the default confidence threshold (kept in the record; hidden by default).",
)
@RAW_TEXT
@ENCODING
@click.option(
    "--progress/--no-progress",
    default=None,
    help="A progress bar on stderr (default: when stderr is a terminal).",
)
def analyze(
    paths: tuple[str, ...],
    example: bool,
    fmt: str,
    date: str | None,
    model: str,
    max_chars: int,
    all_events: bool,
    raw_text: bool,
    encoding: str | None,
    progress: bool | None,
) -> None:
    """Analyse articles: text files (with a `date …` header), JSONL, HTML, folders, globs or -.

    \b
    Examples:
      dateline analyze --example
      dateline analyze article.txt
      dateline analyze corpus.jsonl --format jsonl > out.jsonl
      cat page.html | dateline analyze - --date 2024-12-19 --format json
      dateline analyze old-archive/ --encoding cp1252 --raw-text
      dateline analyze article.txt --format json --all-events
    """
    from dateline.analyze import Options, analyze_articles

    if example:
        paths = (*paths, str(EXAMPLE))
    if not paths:
        raise click.UsageError("give at least one PATH (or - for stdin, or --example)")
    from dateline.store.progress import analyze_bar

    try:
        articles = read(paths, date, max_chars=max_chars, raw_text=raw_text, encoding=encoding)
        options = Options(model=model, max_chars=max_chars, raw_text=raw_text)
        ok = errors = 0
        with analyze_bar(paths, progress) as (update, say):
            if fmt == "json":
                click.echo("[", nl=False)
            for analysis in analyze_articles(articles, options):
                for warning in analysis.warnings:  # the reader's and the stages' (once each)
                    say(f"warning: {warning}")
                if analysis.error:
                    errors += 1
                    say(f"error: {analysis.error}")
                else:
                    ok += 1
                shown = analysis if all_events or analysis.error else analysis.shown_events()
                emit(shown, fmt, first=ok + errors == 1)
                if update is not None:
                    update(ok + errors, errors)
            if fmt == "json":
                click.echo("]")
    except (ReadError, ModelNotFound) as error:
        raise click.ClickException(str(error)) from None
    if ok == 0:
        raise click.ClickException(f"nothing could be analysed ({errors} error(s))")


def dumps(data: object, indent: int | None = None) -> str:
    """JSON text; escaped ASCII when the data holds what UTF-8 cannot encode (lone surrogates)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(data, ensure_ascii=True, indent=indent)
    return text


def emit(analysis: Analysis, fmt: str, first: bool) -> None:
    """Write one analysis in the chosen format."""
    if fmt == "jsonl":
        click.echo(dumps(analysis.to_dict()))
    elif fmt == "json":
        click.echo(("" if first else ",\n") + dumps(analysis.to_dict(), indent=2), nl=False)
    elif analysis.error is None:
        from dateline.view import show

        show(analysis)


@contextmanager
def missing_corpus_is_an_error() -> Iterator[None]:
    """Turn a missing corpus file into a one-line error instead of a traceback."""
    try:
        yield
    except FileNotFoundError as error:
        raise click.ClickException(str(error)) from None


@main.group(name="eval", short_help="Score a stage on the shared annotated corpora.")
def evaluate() -> None:
    """Score a stage against the annotated corpora in ../shared/corpora."""


@evaluate.command(
    name="entities", short_help="Entities against the bare model's NER on PolNeAR and GWN."
)
@click.option("--polnear", help="PolNeAR folder (default: ../shared/corpora/polnear).")
@click.option("--split", type=click.Choice(["train", "dev"]), default="dev", show_default=True)
@click.option("--gwn", help="GeoWebNews XML (default: ../shared/corpora/geo/GWN.xml).")
@click.option("--lowercase", is_flag=True, help="Analyse lower-cased texts (case restoration).")
def eval_entities(polnear: str | None, split: str, gwn: str | None, lowercase: bool) -> None:
    """Compare dateline's entities with the bare model's NER: speaker coverage and place recognition.

    \b
    Examples:
      dateline eval entities
      dateline eval entities --split train --gwn ../shared/corpora/geo/GWN.xml
    """
    from dateline.evaluate.entities import run

    with missing_corpus_is_an_error():
        run(polnear, split, gwn, lowercase=lowercase)


@evaluate.command(name="times", short_help="Times on TimeML: spans, types and values (TempEval-3).")
@click.option(
    "--path", "--timeml", "paths", multiple=True, help="TimeML folder or file (repeatable)."
)
@click.option(
    "--dev", "dev_path", help="Development table (default: the one shipped with dateline)."
)
@click.option("--dev-only", is_flag=True, help="Score the development table only, not TimeML.")
@click.option(
    "--errors",
    is_flag=True,
    help="List misses and mismatches, each with the rule behind it, and a table by rule.",
)
def eval_times(paths: tuple[str, ...], dev_path: str | None, dev_only: bool, errors: bool) -> None:
    """Score the times stage with TempEval-3's span, type and value figures: on the development
    table of sentences written for dateline, then on TimeML (TimeBank + AQUAINT).

    \b
    Examples:
      dateline eval times
      dateline eval times --dev-only --errors
      dateline eval times --path ../shared/corpora/timeml/AQUAINT
    """
    from dateline.evaluate.times import run, run_dev

    with missing_corpus_is_an_error():
        run_dev(dev_path, errors)
        if not dev_only:
            run(paths, errors)


@evaluate.command(name="quotes", short_help="Quotes on PolNeAR: detection and attributed speaker.")
@click.option("--polnear", help="PolNeAR folder (default: ../shared/corpora/polnear).")
@click.option(
    "--split",
    type=click.Choice(["train", "dev", "test"]),
    default="dev",
    show_default=True,
    help="The split to score (test is held out, if present).",
)
@click.option(
    "--doubled-apostrophes",
    "doubled",
    is_flag=True,
    help="Also count '' and `` as quotation marks in the gold segments.",
)
@click.option("--lowercase", is_flag=True, help="Analyse lower-cased texts (case restoration).")
def eval_quotes(polnear: str | None, split: str, doubled: bool, lowercase: bool) -> None:
    """Score the quotes stage on PolNeAR: detection and attributed P/R/F1, direct and indirect.

    Attribution is scored by mention (the speaker mention is the annotated source) and by entity
    (any mention of the speaker's entity is: "he" counts where the source is "Trump").

    \b
    Examples:
      dateline eval quotes
      dateline eval quotes --polnear ../shared/corpora/polnear --split train
    """
    from dateline.evaluate.quotes import run

    with missing_corpus_is_an_error():
        run(polnear, split, doubled, lowercase)


@evaluate.command(name="places", short_help="Places on LGL or GeoWebNews: toponyms and distance.")
@click.option(
    "--corpus",
    type=click.Choice(["lgl", "gwn", "geovirus"]),
    default="lgl",
    show_default=True,
    help="Geoparsing corpus: LGL, GeoWebNews or GeoVirus.",
)
@click.option("--path", help="Corpus XML file (default: ../shared/corpora/geo/<file>).")
@click.option("--limit", type=int, help="Only the first N articles.")
def eval_places(corpus: str, path: str | None, limit: int | None) -> None:
    """Score the places stage: toponym P/R/F1 and the share resolved within 161 km.

    \b
    Examples:
      dateline eval places --corpus lgl
      dateline eval places --corpus gwn --path ../shared/corpora/geo/GWN.xml
    """
    from dateline.evaluate.places import run

    with missing_corpus_is_an_error():
        run(corpus, path, limit)


@evaluate.command(
    name="events", short_help="Events on the PLOVER examples: type, actor, recipient."
)
@click.option(
    "--plover", help="PLOVER_GSR_CAMEO.txt or its folder (default: ../shared/corpora/plover)."
)
@click.option(
    "--news",
    help="Score whole real articles instead: the events-news folder (gold.jsonl, GUIDE.md).",
)
@click.option(
    "--errors",
    "show_errors",
    is_flag=True,
    help="With --news: list every miss, partial match and false alarm, with the rule that produced it.",
)
@click.option(
    "--all-events",
    is_flag=True,
    help="With --news: score every event, not only those at or above the default confidence threshold.",
)
def eval_events(plover: str | None, news: str | None, show_errors: bool, all_events: bool) -> None:
    """Score the events stage on PLOVER's coded examples: type accuracy, actor/recipient F1.

    With --news, score whole articles (events-news): P/R/F1 at the type, actor and full
    levels, false alarms per article without events, per half of the articles and for all,
    a per-type table and a confidence calibration table.

    \b
    Examples:
      dateline eval events
      dateline eval events --plover ../shared/corpora/plover/PLOVER_GSR_CAMEO.txt
      dateline eval events --news ../shared/corpora/events-news --errors
    """
    with missing_corpus_is_an_error():
        if news is not None:
            from dateline.evaluate.events_news import main as run_news

            run_news(news, show_errors, all_events)
        else:
            from dateline.evaluate.events import main as run_events

            run_events(plover)


@main.command(
    name="events-export", short_help="Analyse articles into GDELT- or POLECAT-like event rows."
)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--columns",
    type=click.Choice(["gdelt", "polecat"]),
    default="gdelt",
    show_default=True,
    help="gdelt: GDELT-like names; polecat: POLECAT-like names.",
)
@click.option("--date", help="Date (YYYY-MM-DD or any common format) for articles read from files.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Installed spaCy pipeline.")
@click.option(
    "--all-events", is_flag=True, help="Also the events under the default confidence threshold."
)
def events_export(
    paths: tuple[str, ...], columns: str, date: str | None, model: str, all_events: bool
) -> None:
    """Write one tab-separated row per event (columns documented in docs/events.md).

    \b
    Examples:
      dateline events-export article.txt > events.tsv
      dateline events-export corpus.jsonl --columns polecat > events.tsv
    """
    from dateline.analyze import Options, analyze_articles
    from dateline.export_events import rows, tsv_lines

    try:
        analyses = analyze_articles(checked(read(paths, date)), Options(model=model))
        threshold = 0.0 if all_events else EVENT_THRESHOLD
        for line in tsv_lines(rows(analyses, threshold), columns):
            click.echo(line)
    except (ReadError, ModelNotFound) as error:
        raise click.ClickException(str(error)) from None


# --- store: ingest and queries (issue 7) ---------------------------------------------------

DB_OPTION = click.option(
    "--db",
    default="dateline.db",
    envvar="DATELINE_DB",
    show_default=True,
    help="The SQLite store (or set $DATELINE_DB).",
)
FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl", "csv", "tsv"]),
    default="table",
    show_default=True,
    help="table: a readable table; json, jsonl (one object a line), csv or tsv for other tools.",
)
COPIES_OPTION = click.option(
    "--all-copies", is_flag=True, help="List every copy instead of counting wire copies once."
)
LIMIT_OPTION = click.option(
    "--limit", default=100, show_default=True, help="At most this many rows."
)


def open_store(db: str):  # noqa: ANN201  (dateline.store.Store, imported lazily)
    """Open the store for queries, turning store errors into one-line messages."""
    from dateline.store import Store, StoreError

    try:
        return Store(db)
    except StoreError as error:
        raise click.ClickException(str(error)) from None


def store_query(db: str, fmt: str, title: str, query) -> None:  # noqa: ANN001
    """Run `query(store)` and print its results."""
    from dateline.store import StoreError
    from dateline.store.output import show

    store = open_store(db)
    try:
        show(query(store), fmt, title)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    finally:
        store.close()


@main.command(short_help="Analyse articles into the SQLite store (resumable).")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option(
    "--workers",
    type=int,
    default=None,
    help="Worker processes, or Ray actors with --engine ray (default: one per core).",
)
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Installed spaCy pipeline.")
@click.option(
    "--reprocess", is_flag=True, help="Rerun articles analysed by another pipeline version."
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@MAX_CHARS_OPTION
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: worker processes into --db; ray: a Ray cluster into a Parquet --out.",
)
@click.option("--out", help="--engine ray: the Parquet dataset folder (local path, s3://, gs://).")
@click.option(
    "--batch-size",
    type=int,
    default=64,
    show_default=True,
    help="--engine ray: articles per actor call.",
)
@click.option(
    "--address",
    envvar="RAY_ADDRESS",
    help="--engine ray: a running Ray cluster (or set RAY_ADDRESS); default: a local Ray.",
)
@click.option(
    "--actor-memory",
    type=int,
    metavar="MB",
    help="--engine ray: memory Ray reserves per actor, in MB.",
)
@click.option("--overwrite", is_flag=True, help="--engine ray: replace a dataset already in --out.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=600,
    show_default=True,
    help="Seconds a worker may spend on one article before it is stopped and the article stored as an error.",
)
@RAW_TEXT
@ENCODING
def ingest(
    paths: tuple[str, ...],
    db: str,
    workers: int | None,
    model: str,
    reprocess: bool,
    quiet: bool,
    max_chars: int,
    engine: str,
    out: str | None,
    batch_size: int,
    address: str | None,
    actor_memory: int | None,
    overwrite: bool,
    timeout: float,
    raw_text: bool,
    encoding: str | None,
) -> None:
    """Analyse articles into the SQLite store; rerun the same command to resume or update.

    With --engine ray the articles are analysed on a Ray cluster (pip install 'dateline[ray]')
    and written as a Parquet dataset, one table per record kind; `dateline load` imports it.

    \b
    Examples:
      dateline ingest corpus/ --db news.db
      dateline ingest archive.jsonl.gz --workers 2 --quiet
      DATELINE_DB=news.db dateline ingest new/*.txt --reprocess
      dateline ingest archive/ --engine ray --out dataset/ && dateline load dataset/ --db news.db
    """
    from dateline.store import StoreError
    from dateline.store.ingest import IngestOptions, default_workers
    from dateline.store.ingest import ingest as run_ingest
    from dateline.store.progress import ingest_bar

    if engine == "ray":
        if out is None:
            raise click.UsageError("--engine ray needs --out DIR (the Parquet dataset)")
        if reprocess:
            raise click.UsageError("--reprocess applies to --engine local only")
        ingest_ray(
            paths,
            out,
            workers,
            model,
            quiet,
            max_chars,
            batch_size,
            address,
            actor_memory,
            overwrite,
            raw_text,
            encoding,
        )
        return
    if out is not None:
        raise click.UsageError("--out goes with --engine ray; the local engine writes --db")
    options = IngestOptions(
        model=model,
        workers=workers or default_workers(),
        reprocess=reprocess,
        max_chars=max_chars,
        timeout=timeout,
        raw_text=raw_text,
        encoding=encoding,
    )
    try:
        with ingest_bar(paths, quiet) as progress:
            stats = run_ingest(paths, db, options, progress, lambda w: err(f"warning: {w}"))
    except (StoreError, ReadError, ModelNotFound) as error:
        raise click.ClickException(str(error)) from None
    if not quiet:
        err(
            f"{stats.added} added ({stats.reprocessed} reprocessed), {stats.skipped} already "
            f"stored, {stats.errors} errors; {stats.rate:.1f} documents/s -> {db}"
        )


def ingest_ray(
    paths: tuple[str, ...],
    out: str,
    workers: int | None,
    model: str,
    quiet: bool,
    max_chars: int,
    batch_size: int,
    address: str | None,
    actor_memory: int | None,
    overwrite: bool,
    raw_text: bool = False,
    encoding: str | None = None,
) -> None:
    """`ingest --engine ray`: analyse on Ray into a Parquet dataset (issue 9)."""
    from dateline.scale import ScaleError, ScaleOptions, require_ray
    from dateline.scale import ingest_ray as run_ray
    from dateline.store.progress import ingest_bar

    try:
        require_ray()  # before the progress bar is drawn
    except ScaleError as error:
        raise click.ClickException(str(error)) from None
    options = ScaleOptions(
        model=model,
        actors=workers,
        batch_size=batch_size,
        address=address,
        max_chars=max_chars,
        actor_memory=actor_memory * 2**20 if actor_memory else None,
        overwrite=overwrite,
        raw_text=raw_text,
        encoding=encoding,
    )
    # The bar counts local inputs only; remote ones (s3://…) get a bar without a total.
    counted = paths if not any("://" in p for p in paths) else ("-",)
    try:
        with ingest_bar(counted, quiet) as progress:
            stats = run_ray(paths, out, options, progress=progress)
    except (ScaleError, ReadError, ModelNotFound) as error:
        raise click.ClickException(str(error)) from None
    if not quiet:
        err(
            f"{stats.added} analysed, {stats.errors} errors; {stats.rate:.1f} documents/s "
            f"(Ray start-up {stats.startup:.1f} s) -> {out}"
        )


@main.command(short_help="Import a Parquet dataset made by `ingest --engine ray`.")
@click.argument("dataset")
@DB_OPTION
@click.option("--quiet", is_flag=True, help="No progress or summary line.")
def load(dataset: str, db: str, quiet: bool) -> None:
    """Import a Parquet dataset from `ingest --engine ray` into the store; rerunning adds nothing.

    \b
    Examples:
      dateline load dataset/ --db news.db
      dateline load s3://bucket/news-2024/ --db news.db
    """
    from rich.console import Console
    from rich.progress import Progress, TextColumn, TimeElapsedColumn

    from dateline.scale import ScaleError
    from dateline.scale import load as run_load
    from dateline.store import StoreError

    bar = Progress(
        TextColumn("load {task.completed} documents"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=quiet,
        transient=True,
    )
    task = bar.add_task("load", total=None)
    try:
        with bar:
            stats = run_load(dataset, db, progress=lambda s: bar.update(task, completed=s.done))
    except (ScaleError, StoreError) as error:
        raise click.ClickException(str(error)) from None
    if not quiet:
        err(f"{stats.added} added, {stats.skipped} already stored, {stats.errors} errors -> {db}")


@main.command(short_help="Quotes from the store, by speaker, words, outlet or date.")
@click.option("--speaker", help="Who said it: a name or surname ('Putin' finds 'Vladimir Putin').")
@click.option("--about", help="Words the quote contains (matched as a phrase).")
@click.option("--since", help="First date: the quote's article's (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--until", help="Last date: the quote's article's.")
@click.option("--source", help="Outlet (part of the name).")
@COPIES_OPTION
@LIMIT_OPTION
@FORMAT_OPTION
@DB_OPTION
def quotes(
    speaker: str | None,
    about: str | None,
    since: str | None,
    until: str | None,
    source: str | None,
    all_copies: bool,
    limit: int,
    fmt: str,
    db: str,
) -> None:
    """Quotes from the store, each counted once with the articles and outlets that carried it.

    \b
    Examples:
      dateline quotes --speaker Putin --about Trump --since 2024-12-01
      dateline quotes --source Reuters --format csv > reuters_quotes.csv
    """
    store_query(
        db,
        fmt,
        "quotes",
        lambda s: s.quotes(
            speaker, about, since, until, source, all_copies=all_copies, limit=limit
        ),
    )


@main.command(short_help="Statements: one utterance across every outlet that carried it.")
@click.option("--speaker", help="Who said it: a name or surname ('Putin' finds 'Vladimir Putin').")
@click.option("--since", help="First appearance on or after this date (YYYY-MM-DD, YYYY-MM, YYYY).")
@click.option("--until", help="First appearance on or before this date.")
@click.option("--source", help="Carried by this outlet (part of the name).")
@click.option("--min-outlets", default=1, show_default=True, help="Carried by at least N outlets.")
@click.option("--id", "number", type=int, help="One statement: its carriers in date order.")
@LIMIT_OPTION
@FORMAT_OPTION
@DB_OPTION
def statements(
    speaker: str | None,
    since: str | None,
    until: str | None,
    source: str | None,
    min_outlets: int,
    number: int | None,
    limit: int,
    fmt: str,
    db: str,
) -> None:
    """Statements: each utterance once, with who had it first and every quote that carried it.

    Exact copies, fragments (a mixed or shortened quote) and light edits (punctuation,
    ellipses, quotation marks) of one speaker's words are one statement; two speakers never
    share one. --id lists one statement's carriers, earliest first.

    \b
    Examples:
      dateline statements --db news.db --speaker Putin --min-outlets 3
      dateline statements --db news.db --since 2024-12 --format csv > statements.csv
      dateline statements --db news.db --id 42
    """
    from dateline.store import statement_queries as sq

    def query(store):  # noqa: ANN001, ANN202
        if number is None:
            return sq.statements(store, speaker, since, until, source, min_outlets, limit)
        found = sq.statement(store, number)
        if found is None:
            raise click.ClickException(f"no statement {number} in {db}")
        if fmt in ("json", "jsonl"):
            return [found[0], *found[1]]
        return found[1]

    store_query(db, fmt, "statements", query)


@main.command(short_help="Search quotes (and event evidence) by meaning, not by words.")
@click.argument("text", nargs=-1, required=True)
@click.option("--speaker", help="Who said it (quotes) or a party to it (events).")
@click.option("--source", help="Outlet (part of the name).")
@click.option("--since", help="First date: the article's (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--until", help="Last date: the article's.")
@click.option("--events", "with_events", is_flag=True, help="Search event evidence too.")
@click.option("--limit", default=10, show_default=True, help="At most this many rows.")
@FORMAT_OPTION
@DB_OPTION
def similar(
    text: tuple[str, ...],
    speaker: str | None,
    source: str | None,
    since: str | None,
    until: str | None,
    with_events: bool,
    limit: int,
    fmt: str,
    db: str,
) -> None:
    """Quotes closest in meaning to TEXT, best first, with a similarity score (cosine, 0-1).

    Vectors come from WordLlama's packaged static model, computed at ingest; nothing is
    downloaded. Good for paraphrases ("kick them out" finds "expel the troops"); blind to
    negation and word order ("will" and "will not" score alike).

    \b
    Examples:
      dateline similar --db news.db "expel Ukrainian troops from Kursk"
      dateline similar --db news.db "raise taxes on the rich" --speaker Clinton --since 2016-09
      dateline similar --db news.db "missile strike on a port" --events --format json
    """
    from dateline.embed import EmbeddingError
    from dateline.store import statement_queries as sq

    kinds = ("quote", "event") if with_events else ("quote",)

    def query(store):  # noqa: ANN001, ANN202
        try:
            return sq.similar(
                store,
                " ".join(text),
                kinds=kinds,
                speaker=speaker,
                source=source,
                since=since,
                until=until,
                limit=limit,
            )
        except EmbeddingError as error:
            raise click.ClickException(str(error)) from None

    store_query(db, fmt, "similar quotes", query)


@main.command(short_help="Events from the store, by type, party, place or date.")
@click.option("--type", "type_", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--actor", help="Actor name or country code (RUS).")
@click.option("--recipient", help="Recipient name or country code.")
@click.option("--country", help="Country code of the actor, recipient or place.")
@click.option("--place", help="Place name (part of it: 'Kursk' finds 'Kursk region').")
@click.option(
    "--since", help="First date: the event's own, else its article's (YYYY-MM-DD, YYYY-MM, YYYY)."
)
@click.option("--until", help="Last date: the event's own, else its article's.")
@click.option("--source", help="Outlet (part of the name).")
@click.option(
    "--all-events", is_flag=True, help="Also the events under the default confidence threshold."
)
@COPIES_OPTION
@LIMIT_OPTION
@FORMAT_OPTION
@DB_OPTION
def events(
    type_: str | None,
    actor: str | None,
    recipient: str | None,
    country: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    source: str | None,
    all_events: bool,
    all_copies: bool,
    limit: int,
    fmt: str,
    db: str,
) -> None:
    """Events from the store, each counted once with the articles and outlets that reported it.

    Dates filter each record by its own date: an event's, or its article's when the event has
    none (a quote's date is always its article's). The API's `since` and `until` do the same.

    \b
    Examples:
      dateline events --type ASSAULT --place Kursk --since 2026-01-01
      dateline events --actor RUS --recipient UKR --format json
      dateline events --type PROTEST --all-events
    """
    store_query(
        db,
        fmt,
        "events",
        lambda s: s.events(
            type_,
            actor,
            recipient,
            country,
            place,
            since,
            until,
            source=source,
            all_copies=all_copies,
            limit=limit,
            all_events=all_events,
        ),
    )


@main.command()
@click.argument("name")
@COPIES_OPTION
@LIMIT_OPTION
@FORMAT_OPTION
@DB_OPTION
def timeline(name: str, all_copies: bool, limit: int, fmt: str, db: str) -> None:
    """One person's or actor's quotes and events, in date order.

    Exits with status 1 when the store holds no quote or event of that name.

    \b
    Example:
      dateline timeline Zelensky
    """
    from dateline.store import StoreError
    from dateline.store.output import show

    store = open_store(db)
    try:
        hits = store.timeline(name, all_copies=all_copies, limit=limit)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    finally:
        store.close()
    if not hits:
        raise click.ClickException(f"no quotes or events for {name!r} in {db}")
    show(hits, fmt, f"timeline: {name}")


@main.command(short_help="People and actors ranked by quotes, events or articles.")
@click.option(
    "--rank",
    type=click.Choice(["quoted", "active", "mentioned"]),
    default="quoted",
    show_default=True,
    help="By quotes, by events as actor or recipient, or by articles.",
)
@click.option("--source", help="Only this outlet (part of the name).")
@click.option("--by-source", is_flag=True, help="A ranking per outlet.")
@click.option("--top", default=20, show_default=True, help="How many per ranking.")
@FORMAT_OPTION
@DB_OPTION
def people(rank: str, source: str | None, by_source: bool, top: int, fmt: str, db: str) -> None:
    """People and actors ranked across articles: most quoted, most active, by outlet.

    \b
    Examples:
      dateline people --top 10
      dateline people --rank active --by-source
    """
    store_query(
        db,
        fmt,
        f"most {rank}",
        lambda s: s.people(rank, source=source, by_source=by_source, top=top),
    )


@main.command(short_help="Search article and quote text for words and phrases.")
@click.argument("words", nargs=-1, required=True)
@COPIES_OPTION
@click.option("--limit", default=50, show_default=True, help="At most this many rows.")
@FORMAT_OPTION
@DB_OPTION
def search(words: tuple[str, ...], all_copies: bool, limit: int, fmt: str, db: str) -> None:
    """Search article and quote text for every word given, as the web app does.

    \b
    Words may contain hyphens ('al-Ansari', 'IRIS-T'); "a quoted phrase" matches as a phrase;
    AND, OR and NOT are searched as words. Examples:
      dateline search ceasefire
      dateline search grain deal
      dateline search '"grain deal"' al-Ansari --format json
    """
    text = " ".join(words)
    store_query(
        db, fmt, f"search: {text}", lambda s: s.search(text, all_copies=all_copies, limit=limit)
    )


@main.command(name="show", short_help="Print one stored article's analysis.")
@click.argument("article_id")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="As `dateline analyze` prints it.",
)
@DB_OPTION
def show_article(article_id: str, fmt: str, db: str) -> None:
    """Print one stored article's analysis, as `analyze` prints it.

    \b
    Example:
      dateline show 2024-12-19-putin-presser --format json
    """
    from dateline.store import StoreError

    store = open_store(db)
    try:
        analysis = store.show(article_id)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    finally:
        store.close()
    emit(analysis, fmt, first=True)
    if fmt == "json":
        click.echo()


@main.command(short_help="Stream a store table or an event table to a file.")
@click.argument("table")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tsv", "jsonl", "csv", "parquet"]),
    help="Default: tsv for gdelt and polecat, jsonl for the rest; parquet needs the 'parquet' extra (pyarrow).",
)
@click.option("--out", help="Output file (default: stdout; required for parquet).")
@click.option(
    "--all-events",
    is_flag=True,
    help="events, gdelt, polecat: also the events under the default confidence threshold.",
)
@DB_OPTION
def export(table: str, fmt: str | None, out: str | None, all_events: bool, db: str) -> None:
    """Stream a store table, or the GDELT-like / POLECAT-like event table, to a file.

    gdelt and polecat have exactly the columns of `dateline events-export` (docs/events.md), one
    row per event of each original article (wire copies left out), TSV unless --format says.

    \b
    TABLE is one of: articles, errors, people, aliases, blocks, entities, mentions,
    quotes, times, places, events, gdelt, polecat.
    \b
    Examples:
      dateline export gdelt > events.tsv
      dateline export quotes --format csv --out quotes.csv
      dateline export gdelt --format parquet --out events.parquet
    """
    from dateline.store import StoreError
    from dateline.store.export import export as run_export

    store = open_store(db)
    try:
        count = run_export(store.conn, table, fmt, out, all_events=all_events)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    finally:
        store.close()
    if out not in (None, "-"):
        err(f"{count} rows -> {out}")


# --- web app (issue 8) -----------------------------------------------------------------------


@main.command(short_help="Browse the store in a web browser, with a JSON API.")
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--allow-ingest", is_flag=True, help="Accept POST /api/ingest (needs --token; off by default)."
)
@click.option(
    "--token",
    envvar="DATELINE_TOKEN",
    metavar="TOKEN",
    help="Bearer token that POST /api/ingest requires (or set DATELINE_TOKEN).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="A Host name to answer besides the defaults (with --host 127.0.0.1: 127.0.0.1, localhost, ::1; otherwise any); repeatable.",
)
@click.option(
    "--analyze-timeout",
    type=click.FloatRange(min=1),
    default=60,
    show_default=True,
    help="Seconds one POST /api/analyze or /api/ingest may run before it is stopped.",
)
@click.option(
    "--analyze-memory",
    type=click.IntRange(min=256),
    default=2048,
    show_default=True,
    metavar="MB",
    help="Memory one analysis may use beyond the loaded pipeline.",
)
@click.option(
    "--analyze-workers",
    type=click.IntRange(min=1, max=8),
    default=2,
    show_default=True,
    help="Analyses at once; more requests get 503.",
)
def serve(
    db: str,
    host: str,
    port: int,
    allow_ingest: bool,
    token: str | None,
    allow_hosts: tuple[str, ...],
    analyze_timeout: float,
    analyze_memory: int,
    analyze_workers: int,
) -> None:
    """Browse the store in a web browser, with a JSON API under /api (read-only by default).

    \b
    Example:
      dateline serve --db news.db   # then open http://127.0.0.1:8000/
      DATELINE_TOKEN=long-random-secret dateline serve --db news.db --allow-ingest
    """
    import threading

    import uvicorn

    from dateline.store import StoreError
    from dateline.web import create_app
    from dateline.web.db import ReadOnlyStore
    from dateline.web.guard import default_hosts
    from dateline.web.worker import AnalysisPool

    if allow_ingest and not token:
        raise click.UsageError("--allow-ingest needs --token (or DATELINE_TOKEN)")
    if allow_ingest and len(token or "") < 8:
        raise click.UsageError("--token: use at least 8 characters")
    try:
        ReadOnlyStore(db).close()  # refuse a missing or foreign file before listening
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    sock = listen(host, port)  # a busy port is refused before anything is announced
    mode = "with token-protected POST /api/ingest" if allow_ingest else "read-only"
    err(f"serving {db} {mode} on http://{host}:{port}/ (API docs at /api/docs)")
    hosts = default_hosts(host, allow_hosts)
    pool = AnalysisPool(analyze_workers, analyze_timeout, analyze_memory)
    app = create_app(
        db, ingest_token=token if allow_ingest else None, allowed_hosts=hosts, analysis=pool
    )
    threading.Thread(target=pool.warm, daemon=True).start()  # the pipeline loads meanwhile
    config = uvicorn.Config(app, host=host, port=port, log_level="warning")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        pool.close()


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to `host:port`, or a one-line error when the port is taken."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as error:
        raise click.ClickException(
            f"cannot listen on {host}:{port} ({error.strerror or error}); "
            "another program may use the port: choose one with --port"
        ) from None
    return sock


def run() -> None:
    """Entry point that never shows a traceback to a user."""
    try:
        main(standalone_mode=True)
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`dateline analyze … | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as error:  # noqa: BLE001  (never a traceback for a user)
        err(f"error: {error.__class__.__name__}: {error}")
        sys.exit(1)

"""The `dateline` command: a thin layer over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from importlib.resources import files

import click

from dateline import __version__
from dateline.analyze import Options, analyze_articles
from dateline.nlp import DEFAULT_MODEL, ModelNotFound
from dateline.read import MAX_CHARS, ReadError, read
from dateline.records import Analysis, Article


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


EXAMPLE = files("dateline").joinpath("examples", "putin-press-conference.txt")


@main.command()
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
@click.option("--max-chars", default=MAX_CHARS, show_default=True, help="Refuse longer documents.")
def analyze(
    paths: tuple[str, ...], example: bool, fmt: str, date: str | None, model: str, max_chars: int
) -> None:
    """Analyse articles: text files (with a `date …` header), JSONL, HTML, folders, globs or -.

    \b
    Examples:
      dateline analyze --example
      dateline analyze article.txt
      dateline analyze corpus.jsonl --format jsonl > out.jsonl
      cat page.html | dateline analyze - --date 2024-12-19 --format json
    """
    if example:
        paths = (*paths, str(EXAMPLE))
    if not paths:
        raise click.UsageError("give at least one PATH (or - for stdin, or --example)")
    try:
        articles = checked(read(paths, date, max_chars=max_chars))
        results = analyze_articles(articles, Options(model=model, max_chars=max_chars))
        ok = errors = 0
        if fmt == "json":
            click.echo("[", nl=False)
        for analysis in results:
            if analysis.error:
                errors += 1
                err(f"error: {analysis.error}")
            else:
                ok += 1
            emit(analysis, fmt, first=ok + errors == 1)
        if fmt == "json":
            click.echo("]")
    except (ReadError, ModelNotFound) as error:
        raise click.ClickException(str(error)) from None
    if ok == 0:
        raise click.ClickException(f"nothing could be analysed ({errors} error(s))")


def emit(analysis: Analysis, fmt: str, first: bool) -> None:
    """Write one analysis in the chosen format."""
    if fmt == "jsonl":
        click.echo(json.dumps(analysis.to_dict(), ensure_ascii=False))
    elif fmt == "json":
        click.echo(
            ("" if first else ",\n") + json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2),
            nl=False,
        )
    elif analysis.error is None:
        from dateline.view import show

        show(analysis)


@main.group(name="eval")
def evaluate() -> None:
    """Score a stage against the annotated corpora in ../shared/corpora."""


def run() -> None:
    """Entry point that never shows a traceback to a user."""
    try:
        main(standalone_mode=True)
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)
    except Exception as error:  # noqa: BLE001  (never a traceback for a user)
        err(f"error: {error.__class__.__name__}: {error}")
        sys.exit(1)

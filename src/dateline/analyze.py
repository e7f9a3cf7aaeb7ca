"""Run articles through the pipeline and build Analysis records."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, is_dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING, Any

from dateline import nlp as nlp_module
from dateline.read import MAX_CHARS, ReadError, check_text, from_text, normalise_date
from dateline.records import Analysis, Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Options:
    """How to analyse: which spaCy pipeline, batch size, size limit and text repair."""

    model: str = nlp_module.DEFAULT_MODEL
    stages: tuple[str, ...] = nlp_module.STAGES
    batch_size: int = 16
    max_chars: int = MAX_CHARS
    raw_text: bool = False  # keep texts byte for byte: no repair, no case restoration


def in_body(records: list, body_start: int) -> tuple[tuple, dict[int, int]]:
    """Keep the records that start in the body, with a map from old to new list positions."""
    kept: list = []
    moved: dict[int, int] = {}
    for i, record in enumerate(records or ()):
        if record.start >= body_start:
            moved[i] = len(kept)
            kept.append(record)
    return tuple(kept), moved


def to_analysis(article: Article, doc: Doc) -> Analysis:
    """Collect the stages' results; header lines (`title …`) are metadata, not article text."""
    if doc._.failure:
        return failed(article, f"{article.id}: {doc._.failure}")
    warnings = (*article.warnings, *(f"{article.id}: {w}" for w in doc._.warnings or ()))
    blocks = tuple(doc._.blocks or ())
    body_start = blocks[0].start if blocks else 0
    places, place_at = in_body(doc._.places, body_start)
    quotes, quote_at = in_body(doc._.quotes, body_start)
    times, _ = in_body(doc._.times, body_start)
    events, _ = in_body(doc._.events, body_start)
    quotes = tuple(replace(q, repeat_of=quote_at.get(q.repeat_of)) for q in quotes)
    events = tuple(replace(e, place=place_at.get(e.place)) for e in events)
    analysis = Analysis(
        id=article.id,
        text=article.text,
        date=article.date,
        title=article.title,
        url=article.url,
        source=article.source,
        blocks=blocks,
        entities=tuple(doc._.entities or ()),
        quotes=quotes,
        times=times,
        places=places,
        events=events,
        warnings=warnings,
        repairs=article.repairs,
    )
    if doc.text != article.text:  # parsed with its case restored: quote the text as it is
        analysis = with_texts_of(analysis, article.text)
        analysis = replace(analysis, repairs=(*analysis.repairs, "case"))
    return analysis


def with_texts_of(record: Any, text: str) -> Any:
    """`record` with the `text` of every span in it (nested too) re-read from `text`."""
    if isinstance(record, tuple):
        return tuple(with_texts_of(r, text) for r in record)
    if not is_dataclass(record):
        return record
    changes = {
        f.name: with_texts_of(getattr(record, f.name), text)
        for f in fields(record)
        if f.name != "text"
        and (is_dataclass(getattr(record, f.name)) or isinstance(getattr(record, f.name), tuple))
    }
    names = {f.name for f in fields(record)}
    if {"start", "end", "text"} <= names and not isinstance(record, Analysis):
        changes["text"] = text[record.start : record.end]
    return replace(record, **changes) if changes else record


def failed(article: Article, error: str | None = None) -> Analysis:
    """An Analysis that carries only the document's id and its error."""
    return Analysis(
        id=article.id, text=article.text, error=error or article.error, warnings=article.warnings
    )


SURROGATE = re.compile("[\ud800-\udfff]")
META_FIELDS = ("id", "title", "url", "source")


def scrub(value: str | None) -> str | None:
    """Metadata with lone surrogates (not Unicode, unstorable) replaced by U+FFFD."""
    if value is None or value.isascii() or not SURROGATE.search(value):
        return value
    return SURROGATE.sub("\ufffd", value)


def checked(article: Article, max_chars: int) -> Article:
    """The article with safe metadata, or with an error when its text cannot be analysed."""
    meta = {k: scrub(getattr(article, k)) for k in META_FIELDS}
    if any(meta[k] != getattr(article, k) for k in META_FIELDS):
        note = f"{meta['id']}: lone surrogates in the metadata replaced by U+FFFD"
        article = replace(article, **meta, warnings=(*article.warnings, note))
    if article.error is not None:
        return article
    text = article.text
    if len(text) > max_chars:
        error = f"{article.id}: document too large ({len(text):,} characters; the limit is {max_chars:,})"
        return replace(article, error=error)
    bad = None if text.isascii() else SURROGATE.search(text)
    if bad is not None:
        error = (
            f"{article.id}: the text holds a lone surrogate (U+{ord(bad.group()):04X} at offset "
            f"{bad.start()}), which is not Unicode; repair the input"
        )
        return replace(article, error=error)
    return article


def batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Group a stream into lists of `size`."""
    stream = iter(articles)
    while batch := list(islice(stream, max(size, 1))):
        yield batch


def analyze_articles(
    articles: Iterable[Article], options: Options | None = None
) -> Iterator[Analysis]:
    """Analyse articles in order, batch by batch; whatever fails for one document is its error.

    A batch that raises is analysed again one article at a time, so only the culprit fails.
    """
    options = options or Options()
    nlp = nlp_module.load(options.model, options.stages)
    nlp.max_length = max(options.max_chars, 1) + 1  # documents over max_chars are refused first
    for batch in batches(articles, options.batch_size):
        batch = [checked(article, options.max_chars) for article in batch]
        try:
            yield from run_batch(nlp, batch, options.batch_size, not options.raw_text)
        except Exception:  # noqa: BLE001  (one bad document must not stop the batch)
            for article in batch:
                try:
                    yield from run_batch(nlp, [article], 1, not options.raw_text)
                except Exception as error:  # noqa: BLE001
                    reason = f"{error.__class__.__name__}: {str(error)[:300]}"
                    yield failed(article, f"{article.id}: analysis failed ({reason})")


def run_batch(
    nlp: Language, batch: list[Article], size: int, restore_case: bool = True
) -> list[Analysis]:
    """Analyse a batch through one `nlp.pipe`; raises when any document does."""

    def docs() -> Iterator[tuple[Doc, Article]]:
        for article in batch:
            if article.error is not None:
                # An empty Doc keeps the failed document's place in the stream, at no cost.
                yield nlp.make_doc(""), article
                continue
            date = dt.date.fromisoformat(article.date) if article.date else None
            yield (
                nlp_module.make_doc(nlp, article.text, date, restore_case=restore_case),
                article,
            )

    return [
        failed(article) if article.error is not None else to_analysis(article, doc)
        for doc, article in nlp.pipe(docs(), batch_size=size, as_tuples=True)
    ]


def analyze(
    text: str,
    date: str | dt.date | None = None,
    *,
    id: str = "text",  # noqa: A002
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    options: Options | None = None,
) -> Analysis:
    """Analyse one article's text; `date` (or a `date …` header line) anchors relative times."""
    options = options or Options()
    try:
        check_text(text, id, options.max_chars)
        article = from_text(
            text,
            id,
            date.isoformat() if isinstance(date, dt.date) else date,
            max_chars=options.max_chars,
            raw_text=options.raw_text,
        )
    except ReadError as err:
        return Analysis(id=scrub(id) or id, text=text, error=str(err))
    article = replace(
        article,
        title=title or article.title,
        url=url or article.url,
        source=source or article.source,
    )
    return next(analyze_articles([article], options))


__all__ = ["Options", "analyze", "analyze_articles", "normalise_date"]

"""Print query results as a rich table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict, fields, is_dataclass
from typing import Any

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from dateline.store.queries import MARK, Hit, Match, Ranked
from dateline.store.schema import columns_of
from dateline.store.statement_queries import Carrier, Similar, StatementRow

FORMATS = ("table", "json", "csv")


def flat(item: Any) -> dict[str, Any]:
    """One result as a flat dict: article context, copy counts, then the record's columns."""
    if isinstance(item, Hit):
        kind = type(item.record).__name__.lower()
        head = {
            "kind": kind,
            "article": item.article,
            "date": item.date,
            "source": item.source,
            "title": item.title,
            "url": item.url,
            "articles": item.articles,
            "sources": item.sources,
        }
        for column in columns_of(type(item.record)):
            value = column.value(item.record)
            head[column.name if column.name not in head else f"{kind}_{column.name}"] = value
        return head
    data = asdict(item)
    if isinstance(item, Match):
        data["snippet"] = marked(item.snippet, "<mark>", "</mark>")
    return data


def nested(item: Any) -> dict[str, Any]:
    """One result for JSON: a Hit keeps its record as the JSON contract's object."""
    if isinstance(item, Hit):
        data = {f.name: getattr(item, f.name) for f in fields(item) if f.name != "record"}
        data[type(item.record).__name__.lower()] = asdict(item.record)
        return data
    return flat(item)


def marked(snippet: str, start: str, end: str) -> str:
    """Replace the highlight markers."""
    return snippet.replace(MARK[0], start).replace(MARK[1], end)


def highlight(snippet: str) -> Text:
    """A rich Text with the marked matches in bold yellow."""
    text = Text()
    for i, part in enumerate(snippet.replace(MARK[1], MARK[0]).split(MARK[0])):
        text.append(part, style="bold yellow" if i % 2 else None)
    return text


def summary(item: Any) -> list[Any]:
    """The row a rich table shows for one result."""
    if isinstance(item, Hit):
        r = item.record
        date = getattr(r, "date", None) or item.date or ""
        copies = f"{item.articles}/{item.sources}"
        if type(r).__name__ == "Quote":
            who = r.speaker.name or item.mention or "?"
            return [date, item.source or "", who, r.text, copies, item.article]
        actor = r.actor.name if r.actor else ""
        recipient = r.recipient.name if r.recipient else ""
        return [
            date,
            item.source or "",
            f"{r.type}: {actor} → {recipient}",
            r.text,
            copies,
            item.article,
        ]
    if isinstance(item, Ranked):
        return [
            item.source or "",
            item.name,
            item.type or "",
            item.country or "",
            item.quotes,
            item.events,
            item.articles,
        ]
    if isinstance(item, Match):
        return [
            item.kind,
            item.date or "",
            item.source or "",
            item.article,
            highlight(item.snippet),
            item.copies,
        ]
    if isinstance(item, StatementRow):
        first = " ".join(filter(None, (item.first_date, item.first_time, item.first_source)))
        return [item.statement, item.speaker or "?", item.text, first, item.outlets, item.carriers]
    if isinstance(item, Carrier):
        when = " ".join(filter(None, (item.date, item.time)))
        via = f" ({item.via})" if item.via else ""
        return [when, (item.source or "") + via, item.match, item.text, item.article]
    if isinstance(item, Similar):
        return [
            f"{item.score:.3f}",
            item.date or "",
            item.source or "",
            item.who or "",
            item.text,
            item.outlets,
            item.article,
        ]
    return [str(v) for v in asdict(item).values()] if is_dataclass(item) else [str(item)]


HEADERS = {
    StatementRow: ["statement", "speaker", "text", "first seen", "outlets", "quotes"],
    Carrier: ["date", "outlet", "match", "words", "article"],
    Similar: ["score", "date", "source", "who", "text", "outlets", "article"],
    Hit: ["date", "source", "who", "text", "articles/outlets", "article"],
    Ranked: ["outlet", "name", "type", "country", "quotes", "events", "articles"],
    Match: ["kind", "date", "source", "article", "snippet", "copies"],
}


def show(items: list[Any], fmt: str, title: str = "") -> None:
    """Print results in `fmt` on stdout."""
    if fmt == "json":
        sys.stdout.write(
            json.dumps([nested(i) for i in items], ensure_ascii=False, indent=2) + "\n"
        )
        return
    if fmt == "jsonl":
        for item in items:
            sys.stdout.write(json.dumps(nested(item), ensure_ascii=False) + "\n")
        return
    if fmt in ("csv", "tsv"):
        rows = [flat(i) for i in items]
        names: list[str] = []
        for row in rows:
            names += [k for k in row if k not in names]
        dialect = "excel-tab" if fmt == "tsv" else "excel"
        writer = csv.DictWriter(sys.stdout, fieldnames=names, dialect=dialect)
        writer.writeheader()
        writer.writerows(rows)
        return
    console = Console()
    if not items:
        console.print(f"no {title or 'results'} found")
        return
    headers = HEADERS.get(type(items[0]), [])
    if isinstance(items[0], Ranked) and all(i.source is None for i in items):
        headers, rows = headers[1:], [summary(i)[1:] for i in items]
    else:
        rows = [summary(i) for i in items]
    table = RichTable(title=title or None, show_lines=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(cell if isinstance(cell, Text) else str(cell) for cell in row))
    console.print(table)

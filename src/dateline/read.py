"""Read articles from plain text with header lines, JSONL corpora, HTML pages, folders and stdin."""

from __future__ import annotations

import datetime as dt
import fnmatch
import gzip
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from dateline.records import Article
from dateline.repair import NotText, repair
from dateline.repair import decode as decode_bytes
from dateline.resources import time_words

MAX_CHARS = 1_000_000  # ~3.2 GB peak and ~5 min on a loaded 2-core machine (benchmarks/length.py)
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".jsonl.gzip")

_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
DATE_PATTERNS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?=$|[T\s_])"),
    re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?=$|T)"),
    re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\b"),
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"),
    re.compile(
        rf"(?:[A-Za-z]+,?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y>\d{{4}})\b"
    ),
    re.compile(
        rf"(?:[A-Za-z]+,?\s+)?{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b"
    ),
]
# The date a header line starts with, for the inline form " date 2024-12-19 Russian President …".
INLINE_DATE = re.compile(r"[ \t]*date:?[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|$)")
HEADER_LINE = re.compile(
    r"[ \t]*(date|title|url|source|id):?[ \t]+(\S[^\r\n]*?)[ \t]*(?:\r\n?|\n|$)"
)


class ReadError(Exception):
    """A document that cannot be read; the message is one line for the user."""


def parse_date(value: str) -> dt.date | None:
    """Read a date written in any common news format; None when there is none or it is impossible."""
    value = value.strip()
    for pattern in DATE_PATTERNS:
        match = pattern.match(value) or (pattern.search(value) if len(value) < 60 else None)
        if not match:
            continue
        parts = match.groupdict()
        month = parts.get("m") or time_words()["month"].get(parts["mon"].lower())
        if month is None:
            continue
        try:
            return dt.date(int(parts["y"]), int(month), int(parts["d"]))
        except ValueError:
            return None
    return None


def split_header(text: str) -> tuple[dict[str, str], int]:
    """Return the header fields and the offset where the body starts."""
    inline = INLINE_DATE.match(text)
    if inline and text[inline.end() : inline.end() + 1] not in ("", "\n", "\r"):
        # The inline form: the body's first sentence follows the date on the same line.
        return {"date": inline.group(1)}, inline.end()
    fields: dict[str, str] = {}
    pos = 0
    while match := HEADER_LINE.match(text, pos):
        key, value = match.group(1), match.group(2)
        if key == "date" and parse_date(value) is None and not re.match(r"\d{4}-\d", value):
            break
        if key == "url" and not re.match(r"(?:https?://|www\.)", value):
            break
        fields.setdefault(key, value)
        pos = match.end()
    if fields and not ({"date", "url"} & fields.keys()) and not text[pos:].startswith(("\n", "\r")):
        return {}, 0  # a body that merely starts with a word like "title" or "source"
    return fields, pos


def header_end(text: str) -> int:
    """Offset of the first character after the header lines."""
    return split_header(text)[1]


def decode_noting(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str | None]:
    """Decode a document's bytes; return the text and a warning naming a non-UTF-8 encoding used.

    UTF-8 and BOM-marked UTF-16/32 are read as such, other text in the encoding that
    charset-normalizer detects (or `encoding`); binary data is refused with a clear message.
    """
    try:
        text, used = decode_bytes(data, encoding)
    except NotText as err:
        raise ReadError(f"{name}: {err}") from None
    if used is None or encoding:
        return text, None
    return text, f"{name}: not UTF-8; read as {used} (give --encoding to choose another)"


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode a document's bytes (see `decode_noting`), refusing binary data."""
    return decode_noting(data, name, encoding)[0]


def repaired(text: str, raw_text: bool) -> tuple[str, tuple[str, ...]]:
    """The text with mojibake and entities repaired (unless `raw_text`), and what was repaired."""
    return (text, ()) if raw_text else repair(text)


def noting(article: Article, warning: str | None) -> Article:
    """`article` with one more warning (a decoding note) first."""
    return replace(article, warnings=(warning, *article.warnings)) if warning else article


def check_text(text: str, name: str, max_chars: int) -> None:
    """Refuse empty and oversized documents."""
    if not text.strip():
        raise ReadError(f"{name}: empty document")
    if len(text) > max_chars:
        raise ReadError(
            f"{name}: document too large ({len(text):,} characters; the limit is {max_chars:,})"
        )


def normalise_date(value: object, name: str, warnings: list[str]) -> str | None:
    """Normalise a metadata date to YYYY-MM-DD, warning when it cannot be read."""
    if value in (None, ""):
        return None
    parsed = parse_date(str(value))
    if parsed is None:
        warnings.append(f"{name}: cannot read date {str(value)[:40]!r}; analysed without a date")
        return None
    return parsed.isoformat()


def from_text(
    text: str,
    doc_id: str,
    date: str | None = None,
    *,
    max_chars: int = MAX_CHARS,
    raw_text: bool = False,
) -> Article:
    """Build an Article from plain text with optional header lines (repaired unless `raw_text`)."""
    check_text(text, doc_id, max_chars)
    text, repairs = repaired(text, raw_text)
    fields, _ = split_header(text)
    warnings: list[str] = []
    found = normalise_date(date or fields.get("date"), doc_id, warnings)
    return Article(
        id=fields.get("id", doc_id),
        text=text,
        date=found,
        title=fields.get("title"),
        url=fields.get("url"),
        source=fields.get("source"),
        warnings=tuple(warnings),
        repairs=repairs,
    )


def from_html(
    html: str,
    doc_id: str,
    date: str | None = None,
    *,
    max_chars: int = MAX_CHARS,
    raw_text: bool = False,
) -> Article:
    """Extract an article's main text and metadata from an HTML page with trafilatura."""
    import trafilatura  # imported here: it costs start-up time and only HTML needs it

    check_text(html, doc_id, max_chars * 4)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise ReadError(f"{doc_id}: no article text found in the HTML page")
    warnings: list[str] = []
    found = normalise_date(date or doc.date, doc_id, warnings)
    text, repairs = repaired(text, raw_text)
    title = repaired(doc.title, raw_text)[0] if doc.title else doc.title
    return Article(
        id=doc_id,
        text=text,
        date=found,
        title=title,
        url=doc.url,
        source=doc.sitename,
        warnings=tuple(warnings),
        repairs=repairs,
    )


def from_record(
    record: object, line_id: str, date: str | None, max_chars: int, raw_text: bool = False
) -> Article:
    """Build an Article from one decoded JSONL object."""
    if not isinstance(record, dict):
        raise ReadError(f"{line_id}: a JSONL line must be an object")
    doc_id = str(record.get("id") or line_id)
    text = record.get("text")
    if not isinstance(text, str):
        raise ReadError(f"{doc_id}: no 'text' string in the JSONL object")
    check_text(text, doc_id, max_chars)
    text, repairs = repaired(text, raw_text)
    warnings: list[str] = []
    found = normalise_date(record.get("date") or date, doc_id, warnings)
    if found is None and not record.get("date") and date is None:
        found = normalise_date(split_header(text)[0].get("date"), doc_id, warnings)
    meta = {
        k: (str(record[k]) if record.get(k) is not None else None)
        for k in ("title", "url", "source")
    }
    if meta["title"] and not raw_text:
        meta["title"] = repair(meta["title"])[0]
    return Article(
        id=doc_id, text=text, date=found, warnings=tuple(warnings), repairs=repairs, **meta
    )


def read_jsonl(
    lines: Iterable[bytes],
    name: str,
    date: str | None = None,
    *,
    max_chars: int = MAX_CHARS,
    raw_text: bool = False,
    encoding: str | None = None,
) -> Iterator[Article]:
    """Yield one Article (or an error record) per line of a JSONL corpus, in order."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        line_id = f"{name}:{number}"
        try:
            line, warning = decode_noting(raw, line_id, encoding)
            record = json.loads(line)
            yield noting(from_record(record, line_id, date, max_chars, raw_text), warning)
        except json.JSONDecodeError as err:
            yield Article(id=line_id, text="", error=f"{line_id}: invalid JSON ({err.msg})")
        except RecursionError:
            yield Article(id=line_id, text="", error=f"{line_id}: invalid JSON (nested too deeply)")
        except ValueError as err:  # e.g. an integer of more than 4,300 digits
            reason = "a number of over 4,300 digits" if "digits" in str(err) else str(err)[:120]
            yield Article(id=line_id, text="", error=f"{line_id}: invalid JSON ({reason})")
        except ReadError as err:
            doc_id = record.get("id") if "record" in locals() and isinstance(record, dict) else None
            yield Article(id=str(doc_id or line_id), text="", error=str(err))
        record = None


def kind_of(path: Path) -> str:
    """Return 'jsonl', 'html' or 'text' from a file name."""
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if path.suffix.lower() in HTML_SUFFIXES:
        return "html"
    return "text"


def read_file(
    path: Path,
    doc_id: str,
    date: str | None = None,
    *,
    max_chars: int = MAX_CHARS,
    raw_text: bool = False,
    encoding: str | None = None,
) -> Iterator[Article]:
    """Yield the Articles in one file; whatever goes wrong becomes the file's error record."""
    kind = kind_of(path)
    try:
        regular_file(path, doc_id)
        if kind == "jsonl":
            opener = gzip.open if path.name.lower().endswith(("gz", "gzip")) else open
            with opener(path, "rb") as handle:
                yield from read_jsonl(
                    handle, doc_id, date, max_chars=max_chars, raw_text=raw_text, encoding=encoding
                )
            return
        size = path.stat().st_size
        if size > max_chars * 4:
            raise ReadError(
                f"{doc_id}: file too large ({size:,} bytes; the limit is {max_chars:,} characters)"
            )
        text, warning = decode_noting(path.read_bytes(), doc_id, encoding)
        reader = from_html if kind == "html" else from_text
        yield noting(reader(text, doc_id, date, max_chars=max_chars, raw_text=raw_text), warning)
    except ReadError as err:
        yield Article(id=doc_id, text="", error=str(err))
    except PermissionError:
        yield Article(id=doc_id, text="", error=f"{doc_id}: cannot read {path} (permission denied)")
    except (OSError, EOFError, zlib.error) as err:
        reason = f"{err.__class__.__name__}: {err}"
        if isinstance(err, (EOFError, zlib.error, gzip.BadGzipFile)):
            reason = f"corrupt or truncated gzip ({reason})"
        yield Article(id=doc_id, text="", error=f"{doc_id}: cannot read ({reason})")
    except Exception as err:  # noqa: BLE001  (one bad file must not stop the batch)
        reason = f"{err.__class__.__name__}: {str(err)[:200]}"
        yield Article(id=doc_id, text="", error=f"{doc_id}: cannot read ({reason})")


def regular_file(path: Path, doc_id: str) -> None:
    """Refuse what is not a regular file: a FIFO would hang, a device would read forever."""
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        try:
            with os.scandir(path):
                pass
        except OSError as err:
            raise ReadError(f"{doc_id}: cannot list the folder {path} ({err.strerror})") from None
        raise ReadError(f"{doc_id}: a folder, not a file")
    if not stat.S_ISREG(mode):
        kind = (
            "a FIFO"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a regular file"
        )
        raise ReadError(
            f"{doc_id}: {kind}, not a regular file; to read from it, pipe it in and give - "
            f"(`cat {path} | dateline analyze -`)"
        )


def read_stdin(
    date: str | None = None,
    *,
    max_chars: int = MAX_CHARS,
    raw_text: bool = False,
    encoding: str | None = None,
) -> Iterator[Article]:
    """Read stdin as JSONL, HTML or text, sniffed from its first character."""
    data = sys.stdin.buffer.read(max_chars * 4 + 1)
    head = data.lstrip()[:1]
    if head == b"{":
        yield from read_jsonl(
            data.splitlines(),
            "stdin",
            date,
            max_chars=max_chars,
            raw_text=raw_text,
            encoding=encoding,
        )
        return
    try:
        if len(data) > max_chars * 4:
            raise ReadError(f"stdin: input too large (the limit is {max_chars:,} characters)")
        text, warning = decode_noting(data, "stdin", encoding)
        reader = from_html if text.lstrip()[:1] == "<" else from_text
        yield noting(reader(text, "stdin", date, max_chars=max_chars, raw_text=raw_text), warning)
    except ReadError as err:
        yield Article(id="stdin", text="", error=str(err))


def expand(path: str) -> Iterator[tuple[Path, str]]:
    """Expand a path, folder or glob into (file, id) pairs in a stable order.

    Symbolic links to folders are not followed (a link loop would never end); a folder that
    cannot be listed is yielded itself, so that reading it reports why.
    """
    if any(ch in path for ch in "*?["):
        yield from expand_glob(path)
        return
    target = Path(path)
    try:
        target.stat()
    except FileNotFoundError:
        return
    except OSError:  # permission denied on a folder above it, a link loop: read_file says which
        yield target, target.stem if kind_of(target) != "jsonl" else target.name
        return
    if target.is_dir():
        for child in walk(target):
            rel = child.relative_to(target)
            yield child, str(rel.with_suffix("")) if kind_of(child) != "jsonl" else rel.name
        return
    yield target, target.stem if kind_of(target) != "jsonl" else target.name


def walk(root: Path, depth: int | None = None) -> list[Path]:
    """Files (and unlistable folders) under `root`, sorted, without following folder links."""
    found: list[Path] = []

    def unlistable(error: OSError) -> None:
        found.append(Path(error.filename))

    for folder, dirs, names in os.walk(root, onerror=unlistable):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if depth is not None and len(here.relative_to(root).parts) >= depth:
            dirs[:] = []
        for name in names:
            if name.startswith("."):
                continue
            child = here / name
            if child.is_symlink() and child.is_dir():
                continue  # a link to a folder: not followed
            found.append(child)
    return sorted(found)


def expand_glob(pattern: str) -> Iterator[tuple[Path, str]]:
    """Files matching a glob (`**` spans folders), found by a walk that follows no folder link."""
    parts = Path(pattern).parts
    fixed = next((i for i, p in enumerate(parts) if any(ch in p for ch in "*?[")), len(parts))
    root = Path(*parts[:fixed]) if fixed else Path(".")
    rest = parts[fixed:]
    if not root.is_dir():
        return
    depth = None if "**" in rest else len(rest) - 1
    for file in walk(root, depth):
        rel = file.relative_to(root).parts
        if matches(rel, rest) and (file.is_file() or not file.exists()):
            yield file, file.stem


def matches(names: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether path components match glob components, where `**` stands for any number of them."""
    if not pattern:
        return not names
    if pattern[0] == "**":
        return any(matches(names[i:], pattern[1:]) for i in range(len(names) + 1))
    return (
        bool(names)
        and fnmatch.fnmatchcase(names[0], pattern[0])
        and matches(names[1:], pattern[1:])
    )


def read(
    paths: Iterable[str],
    date: str | None = None,
    *,
    max_chars: int = MAX_CHARS,
    raw_text: bool = False,
    encoding: str | None = None,
) -> Iterator[Article]:
    """Yield every Article under `paths` (files, folders, globs, '-' for stdin), streaming.

    Texts are repaired (mojibake, HTML entities) unless `raw_text`; bytes that are not UTF-8 are
    read in `encoding` or the one detected, with a warning.
    """
    override = None
    if date is not None:
        parsed = parse_date(date)
        if parsed is None:
            raise ReadError(f"--date: cannot read {date!r} as a date")
        override = parsed.isoformat()
    for path in paths:
        if path == "-":
            yield from read_stdin(
                override, max_chars=max_chars, raw_text=raw_text, encoding=encoding
            )
            continue
        found = False
        try:
            for file, doc_id in expand(path):
                found = True
                yield from read_file(
                    file,
                    doc_id,
                    override,
                    max_chars=max_chars,
                    raw_text=raw_text,
                    encoding=encoding,
                )
        except OSError as err:  # a folder that vanished or turned unreadable while walking it
            found = True
            yield Article(id=path, text="", error=f"{path}: cannot read ({err.strerror or err})")
        if not found:
            yield Article(id=path, text="", error=f"{path}: no such file or folder")

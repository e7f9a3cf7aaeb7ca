"""Input files for the Ray engine: local paths or any pyarrow/fsspec file system, read in tasks."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from dateline.read import (
    ReadError,
    decode_noting,
    expand,
    from_html,
    from_text,
    kind_of,
    noting,
    read_file,
    read_jsonl,
)
from dateline.records import Article
from dateline.scale.tables import ScaleError, require_pyarrow

INPUT_COLUMNS = (
    "id",
    "text",
    "date",
    "title",
    "url",
    "source",
    "error",
    "repairs",
    "warnings",
    "position",
)
ARTICLE_INPUT = INPUT_COLUMNS[:7]  # the Article fields carried as they are
LINE_CHUNK = 1 << 20


def filesystem_for(location: str, filesystem: Any = None) -> tuple[Any, str]:
    """(pyarrow FileSystem, path) for a local path or a URI (s3://, gs://, any fsspec protocol)."""
    require_pyarrow()
    from pyarrow import ArrowInvalid
    from pyarrow import fs as pafs

    if filesystem is not None:
        if not isinstance(filesystem, pafs.FileSystem):  # an fsspec filesystem
            filesystem = pafs.PyFileSystem(pafs.FSSpecHandler(filesystem))
        path = location.split("://", 1)[1] if "://" in location else location
        if isinstance(filesystem, pafs.LocalFileSystem):
            path = str(Path(path).resolve())
        return filesystem, path.rstrip("/") or "/"
    if "://" not in location:
        return pafs.LocalFileSystem(), str(Path(location).resolve())
    try:
        fs, path = pafs.FileSystem.from_uri(location)
    except (ArrowInvalid, OSError):
        try:
            import fsspec
        except ImportError:
            raise ScaleError(f"{location}: unknown file system (pip install fsspec)") from None
        try:
            spec, path = fsspec.core.url_to_fs(location)
        except (ImportError, ValueError) as error:
            raise ScaleError(f"{location}: {error}") from None
        fs = pafs.PyFileSystem(pafs.FSSpecHandler(spec))
    return fs, path.rstrip("/")


def _doc_id(rel: str) -> str:
    """An article id from a path relative to the given folder, as the local readers make it."""
    path = PurePosixPath(rel)
    return path.name if kind_of(Path(path.name)) == "jsonl" else str(path.with_suffix(""))


def inputs(paths: Sequence[str], filesystem: Any = None) -> tuple[list[dict[str, Any]], list[Any]]:
    """The input files in reading order, with the ids `dateline ingest` would give their articles.

    Returns the files and the file systems they are on (`item["fs"]` indexes it; -1 is local).
    """
    from pyarrow import fs as pafs

    found: list[dict[str, Any]] = []
    systems: list[Any] = []
    for location in paths:
        if location == "-":
            raise ScaleError("the ray engine reads files, not stdin")
        before = len(found)
        if filesystem is None and "://" not in location:
            for file, doc_id in expand(location):
                found.append({"path": str(file.resolve()), "id": doc_id, "fs": -1})
        else:
            fs, root = filesystem_for(location, filesystem)
            systems.append(fs)
            info = fs.get_file_info(root)
            if info.type == pafs.FileType.Directory:
                selector = pafs.FileSelector(root, recursive=True)
                files = sorted(
                    (i.path for i in fs.get_file_info(selector) if i.type == pafs.FileType.File),
                    key=lambda p: PurePosixPath(p).parts,
                )
                for path in files:
                    rel = PurePosixPath(path).relative_to(PurePosixPath(root))
                    if not rel.name.startswith("."):
                        found.append({"path": path, "id": _doc_id(str(rel))})
            elif info.type == pafs.FileType.File:
                found.append({"path": root, "id": _doc_id(PurePosixPath(root).name)})
            for item in found[before:]:
                item["fs"] = len(systems) - 1
        if len(found) == before:
            found.append({"path": location, "id": location, "fs": None})  # nothing there
    for index, item in enumerate(found):
        item["index"] = index
    return found, systems


def _lines(stream: Any) -> Iterator[bytes]:
    """The lines of a pyarrow input stream, read in 1 MiB chunks."""
    rest = b""
    while chunk := stream.read(LINE_CHUNK):
        parts = (rest + chunk).split(b"\n")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


def article_row(article: Article) -> dict[str, Any]:
    """An article as a row of the input table (its repairs and warnings as JSON lists)."""
    row = {c: getattr(article, c) for c in ARTICLE_INPUT}
    return row | {
        "repairs": json.dumps(list(article.repairs)),
        "warnings": json.dumps(list(article.warnings), ensure_ascii=False),
    }


def article_from(row: dict[str, Any]) -> Article:
    """The article of an input row (the inverse of `article_row`)."""
    fields = {c: row[c] for c in ARTICLE_INPUT}
    return Article(
        **fields,
        repairs=tuple(json.loads(row.get("repairs") or "[]")),
        warnings=tuple(json.loads(row.get("warnings") or "[]")),
    )


def read_remote(
    fs: Any,
    path: str,
    doc_id: str,
    date: str | None,
    max_chars: int,
    *,
    raw_text: bool = False,
    encoding: str | None = None,
) -> Iterator[Article]:
    """The articles of one file on a pyarrow file system, as `read.read_file` reads a local one."""
    name = PurePosixPath(path).name
    kind = kind_of(Path(name))
    try:
        if kind == "jsonl":
            gz = name.lower().endswith(("gz", "gzip"))
            with fs.open_input_stream(path, compression="gzip" if gz else None) as stream:
                yield from read_jsonl(
                    _lines(stream),
                    doc_id,
                    date,
                    max_chars=max_chars,
                    raw_text=raw_text,
                    encoding=encoding,
                )
            return
        size = fs.get_file_info(path).size or 0
        if size > max_chars * 4:
            raise ReadError(
                f"{doc_id}: file too large ({size:,} bytes; the limit is {max_chars:,} characters)"
            )
        with fs.open_input_stream(path) as stream:
            text, warning = decode_noting(stream.read(), doc_id, encoding)
        reader = from_html if kind == "html" else from_text
        yield noting(reader(text, doc_id, date, max_chars=max_chars, raw_text=raw_text), warning)
    except ReadError as err:
        yield Article(id=doc_id, text="", error=str(err))
    except (OSError, EOFError) as err:
        yield Article(
            id=doc_id, text="", error=f"{doc_id}: cannot read ({err.__class__.__name__}: {err})"
        )


def _input_schema() -> Any:
    """The Arrow schema of the articles that flow from the readers to the actors."""
    import pyarrow as pa

    return pa.schema([(c, pa.string()) for c in INPUT_COLUMNS[:-1]] + [("position", pa.int64())])


def make_reader(
    systems: list[Any],
    date: str | None,
    max_chars: int,
    chunk: int,
    *,
    raw_text: bool = False,
    encoding: str | None = None,
) -> Callable[[Any], Iterator[Any]]:
    """A `map_batches` function: input files in, tables of articles out (`chunk` rows each)."""

    def read_files(batch: Any) -> Iterator[Any]:
        import pyarrow as pa

        schema = _input_schema()
        out: list[dict[str, Any]] = []
        for item in batch.to_pylist():
            if item["fs"] is None:
                articles: Iterable[Article] = [
                    Article(id=item["id"], text="", error=f"{item['path']}: no such file or folder")
                ]
            elif item["fs"] < 0:
                articles = read_file(
                    Path(item["path"]),
                    item["id"],
                    date,
                    max_chars=max_chars,
                    raw_text=raw_text,
                    encoding=encoding,
                )
            else:
                fs = systems[item["fs"]]
                articles = read_remote(
                    fs,
                    item["path"],
                    item["id"],
                    date,
                    max_chars,
                    raw_text=raw_text,
                    encoding=encoding,
                )
            for k, article in enumerate(articles):
                out.append(article_row(article) | {"position": (item["index"] << 32) + k})
                if len(out) >= chunk:
                    yield pa.Table.from_pylist(out, schema=schema)
                    out = []
        if out:
            yield pa.Table.from_pylist(out, schema=schema)

    return read_files

"""Readers: header lines, inline dates, JSONL, HTML, folders and bad input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from dateline.read import parse_date, read, split_header

FIXTURES = Path(__file__).parent / "fixtures" / "read"


@pytest.mark.parametrize(
    ("text", "fields", "body"),
    [
        (
            "date 2024-12-19\ntitle Talks stall\n\nBody.",
            {"date": "2024-12-19", "title": "Talks stall"},
            "\nBody.",
        ),
        (
            " date 2024-12-19 Russian President Vladimir Putin said",
            {"date": "2024-12-19"},
            "Russian President Vladimir Putin said",
        ),
        ("\tdate 2024-12-19   Kyiv said", {"date": "2024-12-19"}, "Kyiv said"),
        ("Date night is back in Washington.", {}, "Date night is back in Washington."),
        ("date palms line the avenue.\nMore.", {}, "date palms line the avenue.\nMore."),
        ("source close to the talks said", {}, "source close to the talks said"),
        (
            "url https://example.org/a\ndate Dec 17, 2016\n\nText",
            {"url": "https://example.org/a", "date": "Dec 17, 2016"},
            "\nText",
        ),
        (
            "date 2024-12-19\rtitle Talks stall\r\rBody.",
            {"date": "2024-12-19", "title": "Talks stall"},
            "\rBody.",
        ),
        (
            "date 2024-12-19\r\ntitle Talks stall\r\n\r\nBody.",
            {"date": "2024-12-19", "title": "Talks stall"},
            "\r\nBody.",
        ),
    ],
)
def test_split_header(text: str, fields: dict, body: str) -> None:
    found, start = split_header(text)
    assert found == fields
    assert text[start:] == body


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-19", "2024-12-19"),
        ("24 November 2016", "2016-11-24"),
        ("Dec 17, 2016", "2016-12-17"),
        ("2016-12-19T08:30:00Z", "2016-12-19"),
        ("Monday, December 19, 2016 7:58 AM ET", "2016-12-19"),
        ("12/19/2016", "2016-12-19"),
        ("7:58 AM ET", None),
        ("2024-13-45", None),
        ("yesterday-ish", None),
    ],
)
def test_parse_date(value: str, expected: str | None) -> None:
    found = parse_date(value)
    assert (found.isoformat() if found else None) == expected


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        (
            "noise.txt",
            b"\x89PNG\r\n\x1a\n\x01\x02\x03\x04\x05\x06\x07\x08IHDR\x9f\x8f\x12",
            "not text",
        ),
        ("empty.txt", b"", "empty document"),
        ("blank.txt", b"  \n\t\n ", "empty document"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
        ("big.txt", b"word " * 300, "too large"),
    ],
)
def test_bad_input_gives_one_line_error(tmp_path: Path, name: str, data: bytes, error: str) -> None:
    [article] = list(read([write(tmp_path, name, data)], max_chars=1000))
    assert article.error and error in article.error and "\n" not in article.error


def test_impossible_date_warns_and_keeps_article(tmp_path: Path) -> None:
    [article] = list(read([write(tmp_path, "a.txt", b"date 2024-13-45\n\nThe talks resumed.")]))
    assert article.error is None and article.date is None
    assert any("cannot read date" in w for w in article.warnings)


def test_date_option_overrides(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"date 2024-01-02\n\nThe talks resumed.")
    [article] = list(read([path], date="Dec 19, 2024"))
    assert article.date == "2024-12-19"


def test_jsonl_keeps_order_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "b", "text": "Kyiv said talks resumed.", "date": "2024-12-19"}),
        "{not json",
        json.dumps({"id": "a", "text": "", "date": "2024-12-19"}),
        json.dumps(
            {"id": "c", "text": "Moscow denied it.", "date": "19 December 2024", "title": "Denial"}
        ),
    ]
    data = ("\n".join(lines) + "\n").encode()
    plain = list(read([write(tmp_path, "c.jsonl", data)]))
    zipped = list(read([write(tmp_path, "c.jsonl.gz", gzip.compress(data))]))
    for articles in (plain, zipped):
        assert [a.id for a in articles] == ["b", articles[1].id, "a", "c"]
        assert [a.error is None for a in articles] == [True, False, False, True]
        assert articles[3].date == "2024-12-19" and articles[3].title == "Denial"


def test_folder_and_glob_are_sorted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path, "b.txt", b"Second story.")
    write(tmp_path, "sub/a.txt", b"First story.")
    assert [a.id for a in read([str(tmp_path)])] == ["b", "sub/a"]
    assert [a.id for a in read([str(tmp_path / "*.txt")])] == ["b"]


def test_missing_path_is_an_error_record() -> None:
    [article] = list(read(["/no/such/file.txt"]))
    assert "no such file" in (article.error or "")


def test_html_page(tmp_path: Path) -> None:
    [article] = list(read([str(FIXTURES / "page.html")]))
    assert article.error is None, article.error
    assert article.date == "2024-12-19"
    assert "Lafayette Square" in article.text
    assert article.title and "protest" in article.title.lower()


@pytest.mark.parametrize(
    ("data", "text", "warning"),
    [
        (
            "date 2024-03-04\ntitle Caf\u00e9 owners protest\n\nOwners of caf\u00e9s in Montr\u00e9al said the city\u2019s rules hurt.".encode(
                "cp1252"
            ),
            "Owners of caf\u00e9s in Montr\u00e9al said the city\u2019s rules hurt.",
            "read as cp1252",
        ),
        (
            "\ufeffdate 2024-03-04\ntitle Caf\u00e9 owners protest\n\nKyiv said talks resumed.".encode(
                "utf-16-le"
            ),
            "Kyiv said talks resumed.",
            "read as utf-16",
        ),
        (
            "date 2024-03-04\rtitle Caf\u00e9 owners protest\r\rKyiv said talks resumed.".encode(),
            "Kyiv said talks resumed.",
            None,
        ),
    ],
)
def test_legacy_encodings_and_line_endings_keep_the_header(
    tmp_path: Path, data: bytes, text: str, warning: str | None
) -> None:
    [article] = list(read([write(tmp_path, "a.txt", data)]))
    assert article.error is None and text in article.text
    assert (article.date, article.title) == ("2024-03-04", "Caf\u00e9 owners protest")
    assert [w for w in article.warnings if "read as" in w] == (
        [f"a: not UTF-8; {warning} (give --encoding to choose another)"] if warning else []
    )


def test_encoding_option(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "\u0141\u00f3d\u017a said on Monday.".encode("cp1250"))
    [article] = list(read([path], encoding="cp1250"))
    assert article.text == "\u0141\u00f3d\u017a said on Monday." and article.warnings == ()


MOJIBAKE = "date 2024-03-04\ntitle Caf\u00e9 owners &amp; unions\n\n\u201cWe demand a ban,\u201d said Anita Rai."


@pytest.mark.parametrize("raw_text", [False, True])
def test_texts_are_repaired_unless_raw(tmp_path: Path, raw_text: bool) -> None:
    damaged = MOJIBAKE.encode().decode("cp1252", errors="ignore")
    line = json.dumps({"id": "j", "text": damaged, "title": "Caf\u00c3\u00a9 news"})
    paths = [write(tmp_path, "a.txt", damaged.encode()), write(tmp_path, "b.jsonl", line.encode())]
    text, jsonl = list(read(paths, raw_text=raw_text))
    for article in (text, jsonl):
        assert article.text == (damaged if raw_text else MOJIBAKE.replace("&amp;", "&"))
        assert article.repairs == (() if raw_text else ("mojibake", "html_entities"))
    assert text.title == (
        "Caf\u00c3\u00a9 owners &amp; unions" if raw_text else "Caf\u00e9 owners & unions"
    )
    assert jsonl.title == ("Caf\u00c3\u00a9 news" if raw_text else "Caf\u00e9 news")


@pytest.mark.parametrize(
    "module",
    ["trafilatura", "lxml.html.clean", "justext", "charset_normalizer", "ftfy", "truecase"],
)
def test_modules_the_readers_import_late_are_installed(module: str) -> None:
    """The HTML, decoding and case modules load only when needed; a missing one fails here."""
    import importlib

    importlib.import_module(module)

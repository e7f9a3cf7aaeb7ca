"""Text repair and decoding: mojibake, HTML entities, stray bytes, legacy encodings, BOMs."""

from __future__ import annotations

import codecs

import pytest

from dateline.repair import NotText, decode, repair

CLEAN = "“We demand a ban,” said Anita Rai, 34, a teacher in Kathmandu — and café owners agreed."


def as_cp1252(text: str) -> str:
    """UTF-8 bytes read as cp1252 (bytes cp1252 leaves undefined are dropped, as many CMSs do)."""
    return text.encode("utf-8").decode("cp1252", errors="ignore")


@pytest.mark.parametrize(
    ("text", "expected", "repairs"),
    [
        (as_cp1252(CLEAN), CLEAN, ("mojibake",)),
        (as_cp1252(as_cp1252(CLEAN)), CLEAN, ("mojibake",)),
        ("He said â€œnoâ€.", "He said “no”.", ("mojibake",)),
        (
            "Talks in Doha &amp; Cairo ended, the minister&#8217;s aide said &quot;soon&quot;.",
            'Talks in Doha & Cairo ended, the minister’s aide said "soon".',
            ("html_entities",),
        ),
        (
            "The fee rose to 40Â euros, officials said.",
            "The fee rose to 40 euros, officials said.",
            ("mojibake",),
        ),
        ("PriceÂ\u00a0rises hit Lagos.", "Price\u00a0rises hit Lagos.", ("mojibake",)),
        (CLEAN, CLEAN, ()),
        ("AT&T and R&D staff met in Austin.", "AT&T and R&D staff met in Austin.", ()),
        (
            "date 2024-01-02\nPlain ASCII stays as it is.",
            "date 2024-01-02\nPlain ASCII stays as it is.",
            (),
        ),
        (
            'Quotes stay ‘curly’ and "straight"\r\nas written.',
            'Quotes stay ‘curly’ and "straight"\r\nas written.',
            (),
        ),
    ],
)
def test_repair(text: str, expected: str, repairs: tuple[str, ...]) -> None:
    assert repair(text) == (expected, repairs)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Café in Montréal".encode(), "Café in Montréal", None),
        (codecs.BOM_UTF8 + b"Kyiv said", "Kyiv said", None),
        (codecs.BOM_UTF16_LE + "Kyiv said".encode("utf-16-le"), "Kyiv said", "utf-16"),
        (codecs.BOM_UTF16_BE + "Kyiv said".encode("utf-16-be"), "Kyiv said", "utf-16"),
        (codecs.BOM_UTF32_LE + "Kyiv said".encode("utf-32-le"), "Kyiv said", "utf-32"),
        (
            "Owners of cafés in Montréal said the city’s rules hurt.".encode("cp1252"),
            "Owners of cafés in Montréal said the city’s rules hurt.",
            "cp1252",
        ),
        (
            "Президент заявил в четверг, что переговоры продолжатся в Москве.".encode("cp1251"),
            "Президент заявил в четверг, что переговоры продолжатся в Москве.",
            "cp1251",
        ),
    ],
)
def test_decode(data: bytes, text: str, encoding: str | None) -> None:
    assert decode(data) == (text, encoding)


def test_decode_with_a_given_encoding() -> None:
    assert decode("Łódź said".encode("cp1250"), "cp1250") == ("Łódź said", "cp1250")


@pytest.mark.parametrize(
    ("data", "encoding", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", None, "binary"),
        (
            b"\x89PNG\r\n\x1a\n\x01\x02\x03\x04\x05\x06\x07\x08IHDR\x9f\x8f\x12\x13\x14",
            None,
            "not text",
        ),
        (b"caf\xe9", "klingon", "unknown encoding"),
        (b"caf\xe9", "utf-8", "not utf-8 text"),
    ],
)
def test_not_text(data: bytes, encoding: str | None, message: str) -> None:
    with pytest.raises(NotText, match=message):
        decode(data, encoding)

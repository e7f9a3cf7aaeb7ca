"""Decode bytes in any common encoding and repair damaged text (mojibake, HTML entities)."""

from __future__ import annotations

import codecs
import re
from functools import cache

# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that never occur in text (tab, newlines, form feed and escape excepted).
BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# What ftfy reports, in the names a record's `repairs` lists.
REPAIR_NAMES = {
    "encode": "mojibake",
    "decode": "mojibake",
    "transcode": "mojibake",
    "decode_inconsistent_utf8": "mojibake",
    "unescape_html": "html_entities",
    "fix_c1_controls": "c1_controls",
    "remove_control_chars": "control_characters",
    "remove_terminal_escapes": "terminal_escapes",
    "fix_latin_ligatures": "ligatures",
    "fix_surrogates": "surrogates",
    "normalize": "unicode_nfc",
}
# Mojibake ftfy cannot see alone, as (pattern, replacement): a closing quote (UTF-8 E2 80 9D) read
# as cp1252 loses its last byte, undefined there ("banâ€ said"; read twice, "banÃ¢â‚¬ said"),
# and a no-break space read as Latin-1 and then turned into a space leaves "Â " ("40Â euros").
_AFTER_QUOTE = "(?=[\\s.,;:!?)\\]'\"]|$)"
MOJIBAKE_RULES = (
    (
        re.compile("\u00c3\u00a2\u00e2\u201a\u00ac\u00c2?" + _AFTER_QUOTE),
        "\u00c3\u00a2\u00e2\u201a\u00ac\u00c2\u009d",
    ),
    (re.compile("\u00e2\u20ac" + _AFTER_QUOTE), "\u00e2\u20ac\u009d"),
    (re.compile("(?<=[\\w.,;:])\u00c2(?= )"), ""),
)
# Text with none of these characters has nothing for ftfy to repair (plain ASCII without entities).
SUSPECT = re.compile(r"[^\x09\x0a\x0d\x20-\x25\x27-\x7e]")


# Encodings named in preference when they decode a file exactly as the detected one does.
COMMON_ENCODINGS = ("cp1252", "latin_1")


class NotText(ValueError):
    """Bytes that are not text in any encoding dateline reads."""


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str | None]:
    """Decode bytes; return the text and the encoding used when it was not UTF-8 (else None).

    UTF-8, and UTF-16/32 with a byte-order mark, are read as such; other bytes are given to
    charset-normalizer, and binary data raises NotText.
    """
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
            return data.decode(codec), (None if codec == "utf-8" else codec)
        except LookupError:
            raise NotText(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as err:
            raise NotText(
                f"not {encoding} text (invalid byte 0x{data[err.start]:02x} at offset {err.start})"
            ) from None
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                break
            if len(BINARY_CONTROLS.findall(text[:8192])) > 2:
                raise NotText(f"binary file (control characters after a {codec} mark), not text")
            return text.removeprefix("\ufeff"), (None if codec == "utf-8-sig" else codec)
    if b"\x00" in data[:8192]:
        raise NotText("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        utf8_error = f"invalid UTF-8 byte 0x{data[err.start]:02x} at offset {err.start}"
    return _detect(data, utf8_error)


def _detect(data: bytes, utf8_error: str) -> tuple[str, str]:
    """Decode non-UTF-8 bytes in the encoding charset-normalizer finds; refuse binary data.

    Short texts fit several code pages equally well; among the least chaotic, one that reads
    the bytes as a common encoding (cp1252, Latin-1) does is taken as that encoding.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise NotText(f"not text in any known encoding ({utf8_error})")
    least = min(m.chaos for m in matches)
    common = {}
    for encoding in COMMON_ENCODINGS:
        try:
            common[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    text, used = str(matches[0]), matches[0].encoding
    for match in (m for m in matches if m.chaos <= least):
        found = next((e for e, t in common.items() if t == str(match)), None)
        if found:
            text, used = common[found], found
            break
    if len(BINARY_CONTROLS.findall(text[:8192])) > 2:
        raise NotText(f"binary file (control characters), not text ({utf8_error})")
    return text, used


@cache
def _config() -> object:
    """ftfy's settings: repair damage, but keep quotes, line breaks and character widths as written."""
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        uncurl_quotes=False, fix_line_breaks=False, fix_character_width=False, explain=True
    )


def repair(text: str) -> tuple[str, tuple[str, ...]]:
    """Repair mojibake, HTML entities and stray control characters with ftfy; name what changed."""
    if not SUSPECT.search(text):
        return text, ()
    from ftfy import fix_and_explain

    ruled = text
    for pattern, replacement in MOJIBAKE_RULES:
        ruled = pattern.sub(replacement, ruled)
    fixed, steps = fix_and_explain(ruled, _config())
    if fixed == text:
        return text, ()
    names = ["mojibake"] if ruled != text else []
    names += [
        REPAIR_NAMES.get(s.action if s.action != "apply" else s.parameter, s.parameter)
        for s in steps or ()
    ]
    order = list(dict.fromkeys(REPAIR_NAMES.values()))
    return fixed, tuple(sorted(set(names), key=lambda n: (order.index(n) if n in order else 99, n)))

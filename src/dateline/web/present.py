"""Small helpers the page templates use: safe links, bare quote text, filter options."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from dateline.records import PLOVER_TYPES
from dateline.resources import country_codes, iso_countries
from dateline.store.queries import INTERNATIONAL

QUOTE_MARKS = "\"'“”„‟«»‘’‚‹›「」"
INTERNATIONAL_NAMES = {
    "EUR": "European Union (EUR)",
    "IGO": "Intergovernmental organisation (IGO)",
    "NGO": "Non-governmental organisation (NGO)",
    "UNO": "United Nations (UNO)",
}


def safe_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address with a host (safe to link to), else None."""
    if not url or any(c in url for c in "\r\n\t\x00") or len(url) > 2000:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url.strip()


def url_host(url: str) -> str:
    """The host of a safe URL, for its link text."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def unquoted(text: str | None) -> str:
    """A quote's text without its own outer quotation marks (the page's <q> adds them once)."""
    text = (text or "").strip()
    stripped = text.strip(QUOTE_MARKS).strip()
    return stripped or text


def plover_types() -> tuple[str, ...]:
    """The event types offered by the type filter."""
    return PLOVER_TYPES


@cache
def country_options() -> tuple[tuple[str, str], ...]:
    """(value, label) for the country filter: every ISO country by name, then PLOVER's groups."""
    named = sorted(((a2, name) for a2, (_, name) in iso_countries().items()), key=lambda x: x[1])
    return (*named, *INTERNATIONAL_NAMES.items())


def country_value(value: str | None) -> str:
    """The option a country filter's value selects (UKR, Ukraine and UA all select UA)."""
    if not value:
        return ""
    if value.strip().upper() in INTERNATIONAL:
        return value.strip().upper()
    codes = country_codes(value)
    return codes[0] if codes else value


def copies_label(extra: int) -> str:
    """ "+1 copy", "+3 copies"."""
    return f"+{extra} cop{'y' if extra == 1 else 'ies'}"

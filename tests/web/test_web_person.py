"""The person page's filters: date range, outlet and kind of quote."""

from __future__ import annotations

import re

KIND = re.compile(r'</q></a> <span class="meta">(\w+)</span>')  # each listed quote's kind
COUNTS = re.compile(r"(\d+) quotes? · (\d+) events? as actor · (\d+) as recipient")


def _person(client, query: str = "") -> tuple[str, tuple[int, ...]]:
    """Fidan's page (from the Ankara article, 2026-05-12) and its quote and event counts."""
    url = client.get("/people/by-name?name=Fidan", follow_redirects=False).headers["location"]
    page = client.get(url + query)
    assert page.status_code == 200, page.text
    found = COUNTS.search(page.text)
    assert found
    return page.text, tuple(int(n) for n in found.groups())


def test_person_kind_filter_splits_the_quotes(client) -> None:
    _, (quotes, actor, _) = _person(client)
    assert quotes >= 2 and actor >= 1
    total = 0
    for kind in ("direct", "mixed", "indirect"):
        text, (n, n_actor, _) = _person(client, f"?kind={kind}")
        assert set(KIND.findall(text)) <= {kind}
        assert n_actor == actor  # the kind of quote does not filter events
        assert f'<option value="{kind}" selected>' in text
        total += n
    assert total == quotes


def test_person_date_range_filters_quotes_and_events(client) -> None:
    assert _person(client, "?since=2026-05-13")[1] == (0, 0, 0)
    assert _person(client, "?until=2026-05-11")[1] == (0, 0, 0)
    _, everything = _person(client)
    assert _person(client, "?since=2026-05&until=2026-05")[1] == everything
    html, _ = _person(client, "?since=2026-05-13&source=Harbor")
    assert 'value="2026-05-13"' in html and 'value="Harbor"' in html  # the form keeps them
    assert _person(client, "?source=No+Such+Wire")[1] == (0, 0, 0)


def test_person_filters_reject_bad_input(client) -> None:
    url = client.get("/people/by-name?name=Fidan", follow_redirects=False).headers["location"]
    assert client.get(url + "?kind=<script>").status_code == 422
    assert "&lt;script&gt;" not in client.get(url + "?kind=<script>").text  # not echoed at all
    assert client.get(url + "?since=yesterday").status_code == 422

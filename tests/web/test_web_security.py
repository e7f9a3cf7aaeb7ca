"""Untrusted article text: every payload in the fixture article comes out escaped."""

from __future__ import annotations

import re

PAYLOADS = ("<script>alert(", "<img", "<svg onload", "<b onmouseover", '<a href="javascript:')
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son\w+\s*=", re.I)  # a tag carrying an on* attribute


def test_article_payloads_are_escaped(client) -> None:
    page = client.get("/articles/payload-article")
    assert page.status_code == 200
    html = page.text
    for payload in PAYLOADS:
        assert payload not in html
    assert "&lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(&#39;img&#39;)&gt;" in html
    assert not re.search(r"""(href|src)=["']?\s*javascript:""", html, re.I)
    assert not EVENT_HANDLER.search(html)
    assert len(re.findall(r"<script\b", html)) == 1  # only our own app.js


def test_payloads_escaped_on_every_page(client) -> None:
    for url in (
        "/",
        "/search?q=alert",
        "/events",
        "/people/by-name?name=Barrot",
        "/search?q=<script>",
    ):
        html = client.get(url).text
        for payload in PAYLOADS:
            assert payload not in html, (url, payload)
        assert not EVENT_HANDLER.search(html), url


def test_search_input_is_reflected_escaped(client) -> None:
    html = client.get("/search?q=%22%3E%3Cscript%3Ealert(9)%3C/script%3E").text
    assert "<script>alert(9)" not in html
    assert "&lt;script&gt;alert(9)" in html


def test_store_is_opened_read_only(web_db) -> None:
    import sqlite3

    import pytest

    from dateline.web.db import ReadOnlyStore

    store = ReadOnlyStore(web_db)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.conn.execute("DELETE FROM articles")
    store.close()


def test_only_get_on_records(client) -> None:
    assert client.post("/api/articles", json={}).status_code == 405
    assert client.delete("/api/articles/ankara-talks").status_code == 405

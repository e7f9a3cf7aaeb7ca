"""Headless Chromium over `dateline serve` on the hand-analysed store of tests/web/ui_stories.py:
the highlights toggle, the source link, and every page at 1280 and 375 px wide (no sideways
overflow, dates kept on one line, the timeline readable by scrolling). Screenshots of each page
at both widths go to $DATELINE_SCREENSHOTS if set, else to a pytest temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web import ui_stories
from tests.web.test_browser import (
    _need_browser,
    _screenshot,
    _wait_for,
    chromium,
    serving,
    shots,  # noqa: F401  (the screenshot folder fixture)
)

PAGES = {  # every page kind, with the stories that show this phenomena
    "overview": "/",
    "search": "/search?q=ready+Trump",
    "article": "/articles/border-1",
    "person": "/people/by-name?name=Lena+Varga",
    "events": "/events",
}
# Where a page is wider than the window, and which elements stick out on the right.
OVERFLOW = """
const width = document.documentElement.clientWidth;
const out = Array.from(document.querySelectorAll("body *")).filter((el) => {
  const r = el.getBoundingClientRect();
  if (!r.width || r.right <= width + 1) return false;
  for (let p = el.parentElement; p; p = p.parentElement) {  // inside a sideways scroller: fine
    const s = getComputedStyle(p);
    if ((s.overflowX === "auto" || s.overflowX === "scroll") && p.getBoundingClientRect().right <= width + 1) return false;
  }
  return true;
}).map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""));
return {page: document.documentElement.scrollWidth, width: width, out: out.slice(0, 8)};
"""


@pytest.fixture(scope="module")
def ui_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dateline serve` over the hand-analysed store, on a free port."""
    _need_browser()
    db = ui_stories.build(tmp_path_factory.mktemp("ui-browser") / "ui.db")
    with serving(db) as base:
        yield base


@pytest.fixture(scope="module")
def chrome(ui_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium with a fresh profile."""
    with chromium(tmp_path_factory.mktemp("chromium-ui")) as driver:
        yield driver


def _width(driver: Any, width: int) -> None:
    """Emulate a window `width` CSS pixels wide (a phone when narrow)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": width,
            "height": 800 if width < 600 else 1000,
            "deviceScaleFactor": 1,
            "mobile": width < 600,
        },
    )


def _open(driver: Any, url: str) -> None:
    driver.get(url)
    _wait_for(driver, lambda: driver.execute_script("return document.readyState") == "complete")


QUOTE_BACKGROUND = (
    "return getComputedStyle(document.querySelector('.text mark.quote')).backgroundColor"
)


def test_highlights_toggle(ui_server: str, chrome: Any, shots: Path) -> None:  # noqa: F811
    """The reader turns the highlights off and on again, by mouse and by keyboard."""
    from selenium.webdriver.common.keys import Keys

    _width(chrome, 1280)
    _open(chrome, ui_server + PAGES["article"])
    box = chrome.find_element("id", "highlights")
    assert box.is_selected() and box.accessible_name.startswith("Highlight quotes")
    assert chrome.execute_script(QUOTE_BACKGROUND) != "rgba(0, 0, 0, 0)"
    chrome.find_element("css selector", "label[for=highlights]").click()
    assert not box.is_selected()
    assert chrome.execute_script(QUOTE_BACKGROUND) == "rgba(0, 0, 0, 0)"
    label = "return getComputedStyle(document.querySelector('.text mark[data-who]'), '::before').display"
    assert chrome.execute_script(label) == "none"  # the inline speaker badges go too
    assert not chrome.find_element("css selector", ".legend.key").is_displayed()
    _screenshot(chrome, shots, "ui-article-highlights-off")
    box.send_keys(Keys.SPACE)  # a real checkbox: the keyboard works as for any form control
    assert box.is_selected() and chrome.execute_script(QUOTE_BACKGROUND) != "rgba(0, 0, 0, 0)"


def test_source_link_opens_the_source(ui_server: str, chrome: Any) -> None:
    _width(chrome, 1280)
    _open(chrome, ui_server + PAGES["article"])
    link = chrome.find_element("css selector", "a.url")
    assert link.get_attribute("href") == "https://news.example.org/border?id=7&x=1"
    assert set(link.get_attribute("rel").split()) == {"noopener", "noreferrer", "nofollow"}
    assert link.text == "source: news.example.org"
    _open(chrome, ui_server + "/articles/port-1")
    assert not chrome.find_elements("css selector", "a.url")
    assert "javascript:" in chrome.find_element("css selector", "span.url").text  # text only


@pytest.mark.parametrize("width", [1280, 375])
def test_every_page_fits_the_window(
    ui_server: str,
    chrome: Any,
    shots: Path,  # noqa: F811
    width: int,
) -> None:
    """No page is wider than the window; dates stay on one line; the timeline scrolls."""
    _width(chrome, width)
    try:
        for name, path in PAGES.items():
            _open(chrome, ui_server + path)
            if name == "events":
                _wait_for(
                    chrome,
                    lambda: chrome.execute_script(
                        "return !!document.querySelector('.map-wrap').dataset.points"
                    ),
                )
            seen = chrome.execute_script(OVERFLOW)
            assert seen["page"] <= seen["width"] and not seen["out"], (name, width, seen)
            for el in chrome.find_elements("css selector", ".nowrap, time.date"):
                lines = chrome.execute_script("return arguments[0].getClientRects().length", el)
                assert lines == 1, (name, width, el.text)
            search = chrome.find_element("css selector", "header.top form input")
            right = chrome.execute_script(
                "return arguments[0].getBoundingClientRect().right", search
            )
            assert right <= seen["width"], (name, width, right)
            for chart in chrome.find_elements("css selector", ".chart-scroll"):
                svg = chart.find_element("css selector", "svg")
                assert svg.size["width"] >= 40 * 16 - 1, (name, width, svg.size)  # labels legible
                if width < 600:
                    assert chrome.execute_script(
                        "return arguments[0].scrollWidth > arguments[0].clientWidth", chart
                    )
            _screenshot(chrome, shots, f"ui-{name}-{width}")
    finally:
        _width(chrome, 1280)

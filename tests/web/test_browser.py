"""A real browser over `dateline serve`: no payload in the stored articles ever executes.

Headless Chromium (Debian's `chromium` and `chromium-driver`) through Selenium. Skipped when
either is missing, except under CI=true, where `.ci/run` installs them and the test must run.
Every page is loaded twice: once as served (CSP on) and once with the CSP bypassed, so that
the escaping alone is shown to hold. Other tests check what each page shows and click a map
point and a quote highlight. Screenshots (PNG) go to $DATELINE_SCREENSHOTS if set, else to a
pytest temporary folder; the folder is printed at the end of the run.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "web"
PAYLOADS = Path(__file__).resolve().parent / "fixtures"  # window.__pwned / document.title payloads
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
)
# Runs before any page script: records dialogs and CSP violations instead of opening them.
HOOK = """
window.__dialogs = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__dialogs.push(name + ": " + String(args[0])); };
}
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + e.sample));
"""
# What the page's DOM holds that a payload would have put there.
INSPECT = """
const frames = Array.from(document.querySelectorAll("iframe, frame, object, embed"));
const handlers = Array.from(document.querySelectorAll("*")).flatMap(
  (el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => el.tagName + " " + a.name));
return {
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  dialogs: window.__dialogs || ["hook missing"],
  csp: window.__csp || ["hook missing"],
  title: document.title,
  ready: document.readyState,
  h1: (document.querySelector("h1") || {}).textContent || "",
  shown: getComputedStyle(document.body).display !== "none" && document.body.innerText.length > 0,
  scripts: Array.from(document.scripts).map((s) => s.getAttribute("src") || "inline"),
  styles: document.querySelectorAll("style").length,
  frames: frames.length,
  handlers: handlers,
  js_links: Array.from(document.querySelectorAll("[href], [src], [action], [formaction]")).filter(
    (el) => /^\\s*javascript:/i.test(el.getAttribute("href") || el.getAttribute("src")
      || el.getAttribute("action") || el.getAttribute("formaction") || "")).length,
};
"""
IN_CI = os.environ.get("CI", "").lower() == "true"


def _need_browser() -> None:
    """Skip (or fail under CI=true) when Chromium, its driver or Selenium is missing."""
    missing = [n for n, v in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)) if not v]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install -e '.[test]')")
    if missing:
        message = (
            "browser test needs "
            + ", ".join(missing)
            + " (apt-get install chromium chromium-driver)"
        )
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    """Status and body of a GET (error statuses included)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def browser_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the web fixtures plus the article whose payloads set globals and the title."""
    _need_browser()
    from dateline.store.ingest import IngestOptions, ingest

    db = tmp_path_factory.mktemp("browser") / "browser.db"
    stats = ingest([str(FIXTURES), str(PAYLOADS)], db, IngestOptions(workers=1))
    assert stats.errors == 0 and stats.added >= 2
    return db


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """`dateline serve` over `db` on a free port, as a subprocess; yields its base URL."""
    port = _free_port()
    command = [sys.executable, "-c", "from dateline.cli import run; run()"]
    proc = subprocess.Popen(
        [*command, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                if _get(base + "/")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode() if proc.poll() is not None else "timeout"
                pytest.fail(f"dateline serve did not start: {err}")
            time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def chromium(profile: Path) -> Iterator[Any]:
    """Headless Chromium with a fresh profile in `profile`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    chrome = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        chrome.set_page_load_timeout(20)
        yield chrome
    finally:
        chrome.quit()


@pytest.fixture(scope="module")
def server(browser_db: Path) -> Iterator[str]:
    """`dateline serve` over the browser store; yields its base URL."""
    with serving(browser_db) as base:
        yield base


@pytest.fixture(scope="module")
def driver(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium with a fresh profile and the dialog/CSP hook installed."""
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as chrome:
        chrome.execute_cdp_cmd("Page.enable", {})
        chrome.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
        yield chrome


def _pages(db: Path) -> list[str]:
    """Every page kind, every article, the payload people, and payloads in the URL itself."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        people = [  # the people named in the payload articles: their pages show the payloads
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT e.person FROM entities e JOIN articles a ON a.article = e.article "
                "WHERE a.id LIKE 'payload-%' AND e.person IS NOT NULL ORDER BY e.person"
            )
        ]
        articles = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    return [
        "/",
        "/search?q=pwned",
        "/search?q=alert",
        "/search?q=%22%3E%3Cscript%3Ewindow.__pwned%3D20%3C%2Fscript%3E",
        "/events",
        "/events?type=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D21%3E",
        "/api/docs",
        "/articles/%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D22%3E",  # 404 page echoes the id
        "/people/by-name?name=Merz",
        *[f"/articles/{a}" for a in articles],
        *[f"/people/{p}" for p in people],
    ]


SHOTS: list[Path] = []  # every screenshot saved this session (conftest prints the folder)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The screenshot folder: $DATELINE_SCREENSHOTS if set, else a pytest temporary folder."""
    folder = os.environ.get("DATELINE_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _screenshot(chrome: Any, folder: Path, label: str, full: bool = True) -> Path:
    """Save a PNG of the page (the whole page, up to 5,000 px tall, when `full`)."""
    target = folder / (re.sub(r"[^\w.-]+", "_", label).strip("_")[:80] + ".png")
    if full:
        import base64

        size = chrome.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
        )
        shot = chrome.execute_cdp_cmd(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {
                    "x": 0,
                    "y": 0,
                    "width": size[0],
                    "height": min(size[1], 5000),
                    "scale": 1,
                },
            },
        )
        target.write_bytes(base64.b64decode(shot["data"]))
    else:
        chrome.save_screenshot(str(target))
    SHOTS.append(target)
    return target


def _load(chrome: Any, url: str) -> dict[str, Any]:
    """Load `url`, give late handlers (img onerror, svg onload) a moment, and inspect the page."""
    from selenium.common.exceptions import NoAlertPresentException

    chrome.get(url)
    chrome.execute_async_script("const done = arguments[0]; setTimeout(done, 150);")
    try:
        text = chrome.switch_to.alert.text
        pytest.fail(f"{url}: a real dialog opened: {text}")
    except NoAlertPresentException:
        pass
    return chrome.execute_script(INSPECT)


def _expected_title(body: str) -> str:
    """The <title> as served, unescaped and with whitespace collapsed as browsers do."""
    found = re.search(r"<title>(.*?)</title>", body, re.S)
    assert found, "page has no <title>"
    return " ".join(html.unescape(found.group(1)).split())


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp", "escaping-only"])
def test_no_payload_executes(
    server: str, driver: Any, browser_db: Path, bypass_csp: bool, shots: Path
) -> None:
    """On every page, as served and with the CSP off, nothing from the articles runs."""
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": bypass_csp})
    pages = _pages(browser_db)
    assert "/articles/payload-globals" in pages and "/articles/payload-article" in pages
    for path in pages:
        status, body = _get(server + path)
        assert status in (200, 404, 422), (path, status)  # 422: a type that is not PLOVER
        seen = _load(driver, server + path)
        where = f"{path} ({'CSP bypassed' if bypass_csp else 'CSP on'})"
        assert seen["pwned"] is None, (where, seen["pwned"])
        assert seen["dialogs"] == [], (where, seen["dialogs"])
        assert "owned-by-payload" not in seen["title"], where
        assert seen["title"] == _expected_title(body), where
        assert seen["ready"] == "complete" and seen["shown"] and seen["h1"].strip(), where
        assert seen["scripts"] == ["/static/app.js"], (where, seen["scripts"])
        assert seen["styles"] == 0 and seen["frames"] == 0, where
        assert seen["handlers"] == [] and seen["js_links"] == 0, (where, seen["handlers"])
        if not bypass_csp:
            assert seen["csp"] == [], (where, seen["csp"])  # our own pages break no rule either
        if not bypass_csp:
            _screenshot(driver, shots, "page" + (path if path != "/" else "-overview"))


def test_payload_article_shows_text(server: str, driver: Any) -> None:
    """The payload article renders its payloads as visible text, and its own script still works."""
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": False})
    _load(driver, server + "/articles/payload-globals")
    text = driver.find_element("css selector", "main").text
    assert "<script>window.__pwned=5;" in text
    assert "<svg onload=" in text
    assert "{{ 7*7 }}" in text
    assert driver.title.startswith('"><script>document.title=')
    buttons = driver.find_elements("css selector", "button.show-ev")
    if buttons:  # app.js (our one script) runs under the CSP: clicking marks the evidence
        buttons[0].click()
        assert driver.find_elements("css selector", ".evidence-on")


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp", "escaping-only"])
def test_detector_sees_execution(server: str, driver: Any, bypass_csp: bool) -> None:
    """Control: markup injected by hand runs with the CSP off and is blocked with it on."""
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": bypass_csp})
    _load(driver, server + "/")
    driver.execute_script(
        "document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.__pwned=99\">')"
    )
    driver.execute_async_script("const done = arguments[0]; setTimeout(done, 300);")
    seen = driver.execute_script(INSPECT)
    if bypass_csp:
        assert seen["pwned"] == "99"
    else:
        assert seen["pwned"] is None
        assert any("script-src" in v for v in seen["csp"]), seen["csp"]


def _map_ready(chrome: Any) -> dict[str, Any]:
    """Wait until the map has drawn its points; return its timings and point count."""
    _wait_for(
        chrome,
        lambda: chrome.execute_script(
            "const w = document.querySelector('.map-wrap'); return !!(w && w.dataset.points);"
        ),
    )
    return chrome.execute_script(
        "return Object.assign({}, document.querySelector('.map-wrap').dataset)"
    )


def _click_point(chrome: Any, lon: float, lat: float) -> None:
    """A real mouse click (through the browser's input pipeline) on the map at (lon, lat)."""
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = chrome.find_element("css selector", ".map-wrap canvas.points")
    box = chrome.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", canvas
    )
    x, y = (lon + 180) * box[0] / 360, (90 - lat) * box[1] / 180
    ActionChains(chrome).move_to_element_with_offset(
        canvas, round(x - box[0] / 2), round(y - box[1] / 2)
    ).click().perform()


def test_pages_show_their_records(server: str, driver: Any, shots: Path) -> None:
    """Each page kind shows what it is for: counts, chart, hits, highlights, a person, events."""
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": False})
    checks = {
        "/": ("Overview", ".chart.types .row", "Hakan Fidan"),
        "/search?q=talks": ("Search", ".hits .hit", "grain talks"),
        "/articles/ankara-talks": ("Turkey offers", "mark.quote", "Our door is open"),
        "/people/by-name?name=Sybiha": ("Andrii Sybiha", ".quotes li", "We will not trade"),
        "/events": ("Events", "table.events tbody tr", "Kenyan police"),
    }
    for path, (h1, selector, text) in checks.items():
        _load(driver, server + path)
        assert driver.find_element("css selector", "h1").text.startswith(h1), path
        assert driver.find_elements("css selector", selector), (path, selector)
        assert text in driver.find_element("css selector", "main").text, (path, text)
        if path == "/events":
            seen = _map_ready(driver)
            assert int(seen["points"]) >= 3, seen
        _screenshot(driver, shots, "view" + (path if path != "/" else "-overview"))


def test_click_map_point_and_quote_highlight(server: str, driver: Any, shots: Path) -> None:
    """A map point shows its events in a popup whose link opens the article at the event; there
    a quote highlight brings the quote's record into view."""
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": False})
    _load(driver, server + "/events")
    seen = _map_ready(driver)
    assert driver.execute_script("return document.querySelector('.map-wrap .popup').hidden")
    _click_point(driver, 36.817, -1.283)  # Nairobi: the ASSAULT by Kenyan police
    popup = driver.find_element("css selector", ".map-wrap .popup")
    _wait_for(driver, popup.is_displayed)
    first = popup.find_elements("css selector", "li")[0].text  # the nearest point first
    assert "ASSAULT · 2026-06-03" in first and "Nairobi" in first, popup.text
    assert "Kenyan police →" in first, popup.text
    assert (
        float(
            driver.execute_script(
                "return document.querySelector('.map-wrap').dataset.popupMs || 'NaN'"
            )
        )
        < 500
    )
    _screenshot(driver, shots, "click-map-point", full=False)
    print(f"map: {seen['points']} points, drawn in {seen['drawMs']} ms")
    driver.find_element("css selector", "body").send_keys("\ue00c")  # Escape closes it
    _wait_for(driver, lambda: not popup.is_displayed())
    _click_point(driver, 36.817, -1.283)
    link = driver.find_element("css selector", ".map-wrap .popup a.rec")
    assert "ASSAULT" in link.text
    link.click()
    _wait_for(driver, lambda: "/articles/nairobi-protest#event-0" in driver.current_url)
    assert driver.find_element("css selector", "#event-0").is_displayed()
    assert "ASSAULT" in driver.find_element("css selector", "#event-0").text
    highlights = driver.find_elements("css selector", ".text a[href^='#quote-']")
    assert highlights, "no quote highlight in the article"
    target = highlights[0].get_attribute("href").split("#")[1]
    quote = highlights[0].text
    highlights[0].click()
    _wait_for(driver, lambda: driver.current_url.endswith("#" + target))
    shown = driver.find_element("css selector", f"#{target}")
    assert shown.is_displayed() and quote.strip(' "“”')[:20] in shown.text
    assert (
        driver.execute_script(  # the record is the :target, so it is highlighted
            "return getComputedStyle(arguments[0]).backgroundColor", shown
        )
        != "rgba(0, 0, 0, 0)"
    )
    _screenshot(driver, shots, "click-quote", full=False)


# How many pixels of the map's ring canvas (the keyboard's current marker) are drawn on.
RING_PIXELS = """
const ring = document.querySelector('.map-wrap canvas.ring');
if (!ring.width || !ring.height) return 0;
const data = ring.getContext('2d').getImageData(0, 0, ring.width, ring.height).data;
let n = 0; for (let i = 3; i < data.length; i += 4) if (data[i]) n++;
return n;
"""


def _tab_to(chrome: Any, target: Any, most: int = 15) -> None:
    """Press Tab on the focused element until `target` has the focus."""
    from selenium.webdriver.common.keys import Keys

    for _ in range(most):
        if chrome.switch_to.active_element == target:
            return
        chrome.switch_to.active_element.send_keys(Keys.TAB)
    assert chrome.switch_to.active_element == target, "Tab never reached the map"


def test_map_by_keyboard(server: str, driver: Any, shots: Path) -> None:
    """Keyboard only: Tab reaches the map, an arrow key rings a marker and announces it in the
    live status line, Enter lists its events with the focus on the first article link, Tab
    order in the popup is close button then links, Escape closes it and refocuses the map."""
    from selenium.webdriver.common.keys import Keys

    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": False})
    _load(driver, server + "/events")
    _map_ready(driver)
    canvas = driver.find_element("css selector", ".map-wrap canvas.points")
    assert canvas.get_attribute("aria-label").startswith("Map of event places")
    hint = driver.find_element("id", canvas.get_attribute("aria-describedby"))
    assert "arrow keys" in hint.text and "Escape" in hint.text
    driver.execute_script("document.querySelector('form.search button').focus()")
    _tab_to(driver, canvas)  # the map is the next stop after the filter form
    live = driver.find_element("id", "map-current")
    assert live.get_attribute("aria-live") == "polite" and live.text == ""
    assert driver.execute_script(RING_PIXELS) == 0

    driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    _wait_for(driver, lambda: live.text != "")
    first = live.text  # the westernmost marker
    assert re.fullmatch(r"\d+ events? near .+ · .+ · .+ · .+ · 1 of \d+", first), first
    assert driver.execute_script(RING_PIXELS) > 100  # its ring, on the overlay canvas
    canvas.send_keys(Keys.ARROW_RIGHT)
    _wait_for(driver, lambda: live.text != first)
    assert live.text.endswith(" · 2 of " + first.rsplit(" of ", 1)[1]), live.text
    canvas.send_keys(Keys.ARROW_LEFT)
    _wait_for(driver, lambda: live.text == first)
    canvas.send_keys(Keys.ARROW_LEFT)  # already the first: says so
    _wait_for(driver, lambda: live.text.endswith("no further marker that way"))

    driver.switch_to.active_element.send_keys(Keys.ENTER)
    popup = driver.find_element("css selector", ".map-wrap .popup")
    _wait_for(driver, popup.is_displayed)
    link = driver.switch_to.active_element
    assert link == popup.find_elements("css selector", "a")[0]
    href = link.get_attribute("href")
    assert re.fullmatch(re.escape(server) + r"/articles/[^/#]+#event-\d+", href), href
    assert _get(href.split("#")[0])[0] == 200
    _screenshot(driver, shots, "map-keyboard-popup", full=False)
    link.send_keys(Keys.SHIFT, Keys.TAB)
    assert driver.switch_to.active_element == popup.find_element("css selector", "button.close")
    driver.switch_to.active_element.send_keys(Keys.TAB)
    assert driver.switch_to.active_element == link

    link.send_keys(Keys.ESCAPE)
    _wait_for(driver, lambda: not popup.is_displayed())
    assert driver.switch_to.active_element == canvas
    assert driver.execute_script(RING_PIXELS) > 100  # still ringed: the map has the focus
    canvas.send_keys(" ")  # Space opens it too; the close button closes it
    _wait_for(driver, popup.is_displayed)
    driver.switch_to.active_element.send_keys(Keys.SHIFT, Keys.TAB)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    _wait_for(driver, lambda: not popup.is_displayed())
    assert driver.switch_to.active_element == canvas


@pytest.mark.parametrize(
    "deficiency", ["deuteranopia", "protanopia", "tritanopia", "achromatopsia"]
)
def test_screenshots_for_colour_blind_readers(
    server: str, driver: Any, shots: Path, deficiency: str
) -> None:
    """Screenshots of the article and events pages as seen with a colour-vision deficiency."""
    driver.execute_cdp_cmd("Emulation.setEmulatedVisionDeficiency", {"type": deficiency})
    try:
        for path in ("/articles/ankara-talks", "/events"):
            _load(driver, server + path)
            if path == "/events":
                _map_ready(driver)
            _screenshot(driver, shots, f"{deficiency}{path}")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedVisionDeficiency", {"type": "none"})


def _wait_for(chrome: Any, ready: Any, seconds: float = 5.0) -> None:
    """Poll until `ready()` is true."""
    from selenium.webdriver.support.wait import WebDriverWait

    WebDriverWait(chrome, seconds, poll_frequency=0.05).until(lambda _: ready())

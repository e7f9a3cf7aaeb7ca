"""Benchmark: the /events map with 5,000 event points in headless Chromium (run it by hand).

    python benchmarks/web_map.py [--db /tmp/dateline-bench-web.db] [--articles 10000] [--runs 3]
    python benchmarks/web_map.py --db /tmp/dateline-bench-spread.db --articles 2000 --spread

Uses (or first builds, as benchmarks/web_speed.py does) a synthetic store with thousands of
located events, starts `dateline serve` on it and loads /events in headless Chromium. For each
load it reports: the points drawn; the map's own timings (fetching the points, parsing and
drawing them, and when the map was ready after navigation start); the longest main-thread task
(PerformanceObserver 'longtask') and the longest gap between animation frames from navigation
start to one second after the map was ready; and a real mouse click on a point: the time from
the click event to the frame after its popup was built, and the WebDriver round trip.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000",
)  # fmt: skip
# Installed before any page script: long tasks, and the gaps between animation frames.
PROBE = """
window.__long = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
} catch (e) { window.__long = null; }
window.__frames = [];
(function tick(t) { window.__frames.push(t); requestAnimationFrame(tick); })(performance.now());
"""


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    """Start `dateline serve` on a free port; return the process and its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-c", "from dateline.cli import run; run()", "serve"]
    proc = subprocess.Popen([*command, "--db", str(db), "--port", str(port)],
                            stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/", timeout=5)
            return proc, base
        except OSError:
            time.sleep(0.05)
    proc.terminate()
    raise SystemExit("dateline serve did not start")


def one_load(chrome: Any, base: str, lon: float, lat: float) -> dict[str, float]:
    """Load /events once, wait for the map, click a point; return the figures."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.wait import WebDriverWait

    start = time.perf_counter()
    chrome.get(base + "/events")
    wait = WebDriverWait(chrome, 60, poll_frequency=0.02)
    wait.until(lambda c: c.execute_script(
        "const w = document.querySelector('.map-wrap'); return !!(w && w.dataset.points);"))  # fmt: skip
    wall = (time.perf_counter() - start) * 1000
    time.sleep(1.0)  # a second of idle page after the map is ready, still observed
    data = chrome.execute_script(
        "const w = document.querySelector('.map-wrap').dataset;"
        "const ready = +w.readyAt + 1000;"
        "const f = window.__frames.filter((t) => t <= ready);"
        "let gap = 0; for (let i = 1; i < f.length; i++) gap = Math.max(gap, f[i] - f[i - 1]);"
        "const long = window.__long === null ? [] : window.__long.filter((e) => e[0] <= ready);"
        "const nav = performance.getEntriesByType('navigation')[0];"
        "return {points: +w.points, markers: +w.markers, fetch: +w.fetchMs, render: +w.renderMs, draw: +w.drawMs,"
        " ready: +w.readyAt, gap: gap, observed: window.__long !== null,"
        " longest: Math.max(0, ...long.map((e) => e[1])), long_n: long.length,"
        " tasks: long.map((e) => Math.round(e[0]) + '+' + Math.round(e[1])).join(' '),"
        " fetched: +w.readyAt - +w.renderMs,"
        " html: nav.responseEnd - nav.requestStart, dom: nav.domContentLoadedEventEnd};"
    )
    canvas = chrome.find_element("css selector", ".map-wrap canvas.points")
    width, height = chrome.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", canvas
    )
    x, y = (lon + 180) * width / 360, (90 - lat) * height / 180
    clicked = time.perf_counter()
    ActionChains(chrome).move_to_element_with_offset(
        canvas, round(x - width / 2), round(y - height / 2)
    ).click().perform()
    popup = chrome.find_element("css selector", ".map-wrap .popup")
    wait.until(lambda c: popup.is_displayed())
    data["click_wall"] = (time.perf_counter() - clicked) * 1000
    wait.until(lambda c: c.execute_script(
        "return document.querySelector('.map-wrap').dataset.popupMs"))  # fmt: skip
    data["popup"] = float(chrome.execute_script(
        "return document.querySelector('.map-wrap').dataset.popupMs"))  # fmt: skip
    data["popup_text"] = popup.text.splitlines()[1] if "\n" in popup.text else popup.text
    data["wall"] = wall
    return data


def main() -> None:
    """Build the store if needed, then measure the map in Chromium `--runs` times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/dateline-bench-web.db")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--spread", action="store_true", help="build with places anywhere (one marker per point)"
    )
    args = parser.parse_args()
    db = Path(args.db)
    if not db.exists():
        sys.path.insert(0, str(HERE))
        from web_speed import build

        started = time.perf_counter()
        build(db, args.articles, spread=args.spread)
        print(f"built {args.articles} articles in {time.perf_counter() - started:.1f} s -> {db}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    proc, base = serve(db)
    try:
        with urllib.request.urlopen(base + "/api/events/map?limit=5000") as response:
            import json

            points = json.load(response)
        print(f"store: {db}; on the map: {len(points['points']):,} located events"
              f"{' (more in the store)' if points['more'] else ''}")  # fmt: skip
        if len(points["points"]) < 5000:
            print("warning: fewer than 5,000 located events in this store")
        lon, lat = points["points"][len(points["points"]) // 2][:2]
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in (*FLAGS, f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-')}"):
            options.add_argument(flag)
        chrome = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        try:
            chrome.set_page_load_timeout(60)
            chrome.execute_cdp_cmd("Page.enable", {})
            chrome.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
            runs = []
            for i in range(args.runs):
                r = one_load(chrome, base, lon, lat)
                runs.append(r)
                print(
                    f"run {i + 1}: {r['points']} points ({r['markers']} markers); "
                    f"HTML {r['html']:.0f} ms, "
                    f"DOMContentLoaded {r['dom']:.0f} ms; points fetched {r['fetch']:.0f} ms, "
                    f"parsed+drawn {r['render']:.1f} ms (draw {r['draw']:.1f} ms); map ready at "
                    f"{r['ready']:.0f} ms; longest task {r['longest']:.0f} ms "
                    f"({r['long_n']} over 50 ms, start+duration: {r['tasks'] or '-'}"
                    f"{'' if r['observed'] else ', longtask unsupported'}); "
                    f"longest frame gap {r['gap']:.0f} ms; click->popup {r['popup']:.1f} ms "
                    f"(WebDriver round trip {r['click_wall']:.0f} ms): {r['popup_text']!r}"
                )
            for key, label in (("ready", "map ready"), ("render", "parse+draw"),
                               ("longest", "longest task"), ("gap", "longest frame gap"),
                               ("popup", "click->popup")):  # fmt: skip
                values = [r[key] for r in runs]
                print(f"median {label}: {statistics.median(values):.1f} ms "
                      f"(max {max(values):.1f} ms)")  # fmt: skip
        finally:
            chrome.quit()
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()

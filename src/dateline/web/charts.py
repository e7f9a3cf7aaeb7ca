"""Numbers for the inline SVG charts and the map legend (the templates draw them; no chart library)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any
from urllib.parse import urlencode

from dateline.records import PLOVER_TYPES, QUAD
from dateline.web.dates import sort_key

# PLOVER quad classes (records.QUAD): each has an Okabe-Ito colour and its own marker shape, so
# a reader who cannot tell the colours apart still can by shape and label. The light colours are always
# drawn with a dark outline (contrast over 3:1 against the page and the map).
CLASSES = {
    0: {"label": "other", "colour": "#999999", "shape": "plus", "symbol": "+"},
    1: {"label": "verbal cooperation", "colour": "#56B4E9", "shape": "circle", "symbol": "●"},
    2: {"label": "material cooperation", "colour": "#0072B2", "shape": "square", "symbol": "■"},
    3: {"label": "verbal conflict", "colour": "#E69F00", "shape": "triangle", "symbol": "▲"},
    4: {"label": "material conflict", "colour": "#D55E00", "shape": "diamond", "symbol": "◆"},
}
MARKERS = {  # SVG path data of each shape, centred on (0, 0), about 10 units across
    "circle": "M5,0A5,5 0 1 1 -5,0A5,5 0 1 1 5,0Z",
    "square": "M-4.5,-4.5H4.5V4.5H-4.5Z",
    "triangle": "M0,-5.5L5.5,4.5H-5.5Z",
    "diamond": "M0,-6L6,0L0,6L-6,0Z",
    "plus": "M-1.5,-5H1.5V-1.5H5V1.5H1.5V5H-1.5V1.5H-5V-1.5H-1.5Z",
}


MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])(?!\d)")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def quad(event_type: str) -> int:
    """The PLOVER quad class of an event type (0 when unknown)."""
    return QUAD.get(event_type, 0)


def legend() -> list[dict[str, Any]]:
    """The four quad classes with colour, marker and the event types in each."""
    out = []
    for n in (1, 2, 3, 4):
        types = [t for t in PLOVER_TYPES if QUAD[t] == n]
        out.append(
            {**CLASSES[n], "class": n, "marker": MARKERS[CLASSES[n]["shape"]], "types": types}
        )
    return out


def _months(first: str, last: str) -> list[str]:
    """Every YYYY-MM from `first` to `last`."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last[:7]:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _days(first: str, last: str) -> list[str]:
    """Every YYYY-MM-DD from `first` to `last`."""
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [(start + dt.timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


def by_type(
    rows: list[dict[str, Any]],
    base: dict[str, str] | None = None,
    width: float = 640,
    row_height: float = 22,
) -> dict[str, Any]:
    """Small multiples: one labelled row of bars per event type, over days or months.

    `rows` are (key, type, n) with `key` a YYYY-MM-DD day or a YYYY-MM month; days are used
    when every key is a day and they span at most 92 days, months otherwise. Each bar links to
    the events of its type and period (`base` adds the page's other filters to the link).
    """
    keyed = [
        ((sort_key(r.get("day") or r.get("month")) or "")[:10], r["type"], r["n"]) for r in rows
    ]
    keyed = [(k, t, n) for k, t, n in keyed if MONTH.match(k)]  # a week at its Monday; not "2026"
    keyed = [(k if DAY.fullmatch(k) else k[:7], t, n) for k, t, n in keyed]
    undated = sum(r["n"] for r in rows) - sum(n for _, _, n in keyed)
    if not keyed:
        return {"rows": [], "ticks": [], "undated": undated}
    keys = sorted({k for k, _, _ in keyed})
    daily = (
        all(len(k) == 10 for k in keys)
        and (dt.date.fromisoformat(keys[-1]) - dt.date.fromisoformat(keys[0])).days <= 92
    )
    buckets = _days(keys[0], keys[-1]) if daily else _months(keys[0], keys[-1])
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, kind, n in keyed:
        counts[kind][key if daily else key[:7]] += n
    order = {t: i for i, t in enumerate(PLOVER_TYPES)}
    types = sorted(counts, key=lambda t: (order.get(t, len(order)), t))
    top = max(n for per in counts.values() for n in per.values())
    label_w, total_w = 92.0, 56.0
    plot_w = width - label_w - total_w
    step = plot_w / len(buckets)
    index = {b: i for i, b in enumerate(buckets)}
    out = []
    for r, kind in enumerate(types):
        c = CLASSES[quad(kind)]
        y0 = r * row_height
        bars = []
        for key, n in sorted(counts[kind].items()):
            h = max(n / top * (row_height - 4), 1.5)
            query = {**(base or {}), "type": kind, "since": key, "until": key}
            bars.append(
                {
                    "x": label_w + index[key] * step + (0.5 if step > 3 else 0),
                    "y": y0 + row_height - 2 - h,
                    "w": max(step - (1 if step > 3 else 0), 1),
                    "h": h,
                    "label": f"{kind}, {key}: {n}",
                    "href": "/events?" + urlencode(query),
                }
            )
        out.append(
            {
                "type": kind,
                "y": y0,
                "mid": y0 + row_height / 2 + 4,
                "bars": bars,
                "total": sum(counts[kind].values()),
                "fill": c["colour"],
                "class": quad(kind),
            }
        )
    kept = _ticks(buckets, label_w, step)
    height = len(types) * row_height
    return {
        "rows": out,
        "ticks": kept,
        "width": width,
        "height": height,
        "top": top,
        "label_w": label_w,
        "plot_right": label_w + plot_w,
        "undated": undated,
        "unit": "day" if daily else "month",
        "first": buckets[0],
        "last": buckets[-1],
    }


def _ticks(buckets: list[str], label_w: float, step: float) -> list[dict[str, Any]]:
    """Axis labels under the bars, at least 64 units apart, the last bucket always labelled."""
    # Label every bucket when there is room, else each new year (months) or month (days).
    roomy = step >= 64
    ticks = []
    for i, b in enumerate(buckets):
        if roomy or i == 0 or i == len(buckets) - 1:
            ticks.append({"x": label_w + i * step + step / 2, "label": b})
        elif b.endswith("-01"):
            ticks.append(
                {"x": label_w + i * step + step / 2, "label": b[:4] if len(b) == 7 else b[:7]}
            )
    kept: list[dict[str, Any]] = []  # at least 64 units apart, the last one always shown
    for tick in ticks:
        if not kept or tick["x"] - kept[-1]["x"] >= 64:
            kept.append(tick)
        elif tick is ticks[-1] and len(kept) > 1:
            kept[-1] = tick
    return kept

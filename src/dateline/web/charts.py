"""Numbers for the inline SVG charts (the templates draw them; no chart library)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from dateline.web.geo import project

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def stacked(rows: list[dict[str, Any]], width: float = 600, height: float = 160) -> dict[str, Any]:
    """Stacked bars of event counts per month and type, from rows of (month, type, n)."""
    months = sorted({r["month"] for r in rows if r["month"]})
    types = sorted({r["type"] for r in rows})
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        counts[r["month"]][r["type"]] = r["n"]
    top = max((sum(counts[m].values()) for m in months), default=0) or 1
    step = width / max(len(months), 1)
    bars = []
    for i, month in enumerate(months):
        y = height
        for j, kind in enumerate(types):
            n = counts[month].get(kind, 0)
            if not n:
                continue
            h = n / top * (height - 10)
            y -= h
            bars.append(
                {"x": i * step + 2, "y": y, "w": max(step - 4, 1), "h": h, "fill": COLOURS[j % 8],
                 "label": f"{month} {kind}: {n}"}
            )  # fmt: skip
    legend = [{"type": t, "fill": COLOURS[j % 8]} for j, t in enumerate(types)]
    ticks = [{"x": i * step + step / 2, "label": m} for i, m in enumerate(months)]
    return {
        "bars": bars,
        "legend": legend,
        "ticks": ticks,
        "width": width,
        "height": height,
        "top": top,
    }


def timeline(rows: list[dict[str, Any]], width: float = 600, height: float = 60) -> dict[str, Any]:
    """Dots on a time axis, one per event with a date (day resolution)."""
    dated = [(r, (r["record"].date or r["a_date"] or "")[:10]) for r in rows]
    dated = [(r, d) for r, d in dated if len(d) >= 7]
    days = sorted({d for _, d in dated})
    step = width / max(len(days) - 1, 1)
    xs = {d: (i * step if len(days) > 1 else width / 2) for i, d in enumerate(days)}
    stack: dict[str, int] = defaultdict(int)
    dots = []
    for r, d in dated:
        stack[d] += 1
        dots.append({"x": xs[d], "y": height - 8 * stack[d], "label": f"{d} {r['record'].type}",
                     "href": f"/articles/{r['article_id']}#event-{r['seq']}"})  # fmt: skip
    return {"dots": dots, "first": days[0] if days else "", "last": days[-1] if days else "",
            "width": width, "height": height}  # fmt: skip


def points(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Map points for events that have a place with coordinates."""
    out = []
    for r in rows:
        if r.get("lat") is None or r.get("lon") is None:
            continue
        x, y = project(r["lon"], r["lat"])
        out.append({"x": round(x, 2), "y": round(y, 2), "type": r["record"].type,
                    "place": r["place_name"] or "", "href": f"/articles/{r['article_id']}#event-{r['seq']}"})  # fmt: skip
    return out

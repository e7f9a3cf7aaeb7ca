"""World outlines for the events map: Natural Earth 110m (world-atlas TopoJSON) as SVG paths."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

WIDTH, HEIGHT = 360.0, 180.0  # the SVG viewBox: one unit per degree (equirectangular)


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection of a (lon, lat) point into the 360 x 180 viewBox."""
    return lon + 180.0, 90.0 - lat


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Decode the delta-encoded, quantised arcs into (lon, lat) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _path(points: list[tuple[float, float]]) -> str:
    """One closed SVG subpath through (lon, lat) points."""
    coords = [project(lon, lat) for lon, lat in points]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z"


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> str:
    """SVG subpaths of a ring from its arc indexes (a negative index is a reversed arc).

    A ring that crosses the antimeridian (Russia, Fiji) is unwrapped and drawn once on each side
    (the viewBox clips the rest), so no stroke runs across the map; a ring around a pole
    (Antarctica) is closed along the map's edge instead.
    """
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    if not points:
        return ""
    unwrapped, shift = [points[0]], 0.0
    for (x0, _), (x1, y1) in zip(points, points[1:], strict=False):
        if x1 - x0 > 180:
            shift -= 360
        elif x1 - x0 < -180:
            shift += 360
        unwrapped.append((x1 + shift, y1))
    if shift:  # around a pole: go to the pole's edge at each jump
        pole = -90.0 if sum(y for _, y in points) < 0 else 90.0
        closed = [points[0]]
        for (x0, _), (x1, y1) in zip(points, points[1:], strict=False):
            if abs(x1 - x0) > 180:
                closed += [(x0, pole), (x1, pole)]
            closed.append((x1, y1))
        return _path(closed)
    out = _path(unwrapped)
    xs = [x for x, _ in unwrapped]
    if max(xs) > 180:
        out += _path([(x - 360, y) for x, y in unwrapped])
    if min(xs) < -180:
        out += _path([(x + 360, y) for x, y in unwrapped])
    return out


@cache
def country_paths() -> tuple[tuple[str, str], ...]:
    """(name, SVG path data) for each country, decoded once per process."""
    text = files("dateline.web").joinpath("static", "world", "countries-110m.json").read_text()
    topology = json.loads(text)
    arcs = _arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        path = "".join(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        out.append((geometry.get("properties", {}).get("name", ""), path))
    return tuple(out)

"""The points of a district's convenience map as SVG symbols, each category a
shape of its own (notices/includes/convenience_symbols.html), on the district's
server-drawn base map (notices/maps/drawing.py: its communities' boundaries and
names). Where no boundary has been drawn yet, the points are placed by a plain
projection of their own extent. Either way the map needs no JavaScript and no
tiles; the legend and the list beside it carry the same names, so a symbol is never
the only cue."""

import math

from notices.maps.drawing import area_map

MAP_WIDTH = 640
MAX_HEIGHT = 480
PADDING = 24


def district_symbol_map(district, points: list[dict], title: str, request=None):
    """Template context for notices/includes/convenience_map.html: the base map's
    areas, outlines and labels (when the district has boundaries) and each point's
    x, y, label, url, symbol and id; {} when there is no point to draw."""
    if not points:
        return {}
    base = area_map(district, points, request)
    if not base:
        return symbol_map(points, title)
    by_url = {point["url"]: point for point in points}
    return {
        **base,
        "title": title,
        "points": [
            {
                **marker,
                "symbol": by_url[marker["url"]].get("symbol", "circle"),
                "id": by_url[marker["url"]].get("id", ""),
            }
            for marker in base["points"]
            if marker["url"] in by_url
        ],
    }


def symbol_map(points: list[dict], title: str) -> dict:
    """Template context for the include: width, height and each point's x, y,
    label, url and kind; {} when there is nothing to draw."""
    if not points:
        return {}
    lats = [float(p["lat"]) for p in points]
    lngs = [float(p["lng"]) for p in points]
    middle = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lngs) - min(lngs)) * middle, 0.002)
    span_y = max(max(lats) - min(lats), 0.002)
    scale = min((MAP_WIDTH - 2 * PADDING) / span_x, (MAX_HEIGHT - 2 * PADDING) / span_y)
    height = round(span_y * scale + 2 * PADDING)
    west, north = min(lngs), max(lats)
    return {
        "title": title,
        "width": MAP_WIDTH,
        "height": height,
        "points": [
            {
                "x": round(PADDING + (float(p["lng"]) - west) * middle * scale, 1),
                "y": round(PADDING + (north - float(p["lat"])) * scale, 1),
                "label": p["label"],
                "url": p.get("url", ""),
                "kind": p.get("kind", ""),
                "symbol": p.get("symbol", "circle"),
                "id": p.get("id", ""),
            }
            for p in points
        ],
    }

"""The points of a district's convenience map as SVG symbols: each category a
shape of its own (notices/includes/convenience_symbols.html), positioned by an
equirectangular projection of the points themselves, so the map needs no
JavaScript and no tiles. The legend and the list beside it carry the same names:
a symbol is never the only cue."""

import math

MAP_WIDTH = 640
MAX_HEIGHT = 480
PADDING = 24


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

"""The base map of an area, drawn on the server as inline SVG: the boundaries of the
areas inside it, labelled with links to their pages, and the stations (and any other
points) on top. It needs no JavaScript, no tile server and no outside request, and
weighs a few kilobytes compressed even for a district of sixty communities.

Interface (stable; other features reuse it):

    from notices.maps.drawing import area_map, area_map_markup

    area_map(page, points=None, request=None) -> dict
        Template context for `notices/includes/area_map.html`, or {} when nothing
        inside `page` has a boundary yet (then draw no map). `page` is a
        StationIndexPage (draws its districts), DistrictPage or SubdistrictPage
        (draws their communities; a district also outlines its subdistricts) or
        CommunityPage (draws itself), in the language of the page.
        `points`: extra markers, a list of dicts with
            lat, lng  WGS-84 degrees (float or Decimal),
            label     text shown on hover and read by screen readers,
            url       optional link of the marker,
            kind      optional short word, added as the CSS class
                      `area-map__point--<kind>` (e.g. "report", "toilet").
        Points outside the drawn area are left out. When `points` is None the
        area's community stations are drawn (kind "station"); pass [] for none,
        or your own list (add the stations yourself if you want them too).
        The dict holds: title, width, height, areas (title, url, path, x, y,
        colour, label, size: the label drawn, maybe shortened or smaller, or ""
        when there is no room, then the area's shape is the link), outlines
        (path), points (x, y, label, url, kind) and,
        when PORTAL_MAP_TILE_URL is set, `tiles` and `geojson` for Leaflet.

    area_map_markup(page, points=None, request=None, list_id="") -> SafeString
        The same, written out by the include and remembered until content changes
        (pass your points only when they too change only with content).

In a template:
    {% include "notices/includes/area_map.html" with area_map=area_map %}
The include links its own stylesheet (notices/maps.css). `list_id` (the id of the
list on the page that names the same areas) is linked from the map's caption: the
map is a picture, the list is the accessible equivalent.
"""

from collections.abc import Iterable
from decimal import Decimal

import shapely
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail.models import Page

from notices.maps.boundaries import AreaBoundary
from notices.maps.geometry import Projection, as_shape, svg_path
from notices.stations.geo import wgs84_to_gcj02
from portal.lookups import remembered, remembered_markup

MAP_WIDTH = 640
COLOURS = 5
# Leaflet's copy of the boundaries: ~10 m is finer than a tile shows at zoom 15.
LEAFLET_TOLERANCE_DEGREES = 0.0001
LEAFLET_DIGITS = 5


def _parts(page: Page) -> tuple[list[Page], list[Page], list[Page]]:
    """(areas drawn and labelled, areas only outlined, communities whose stations are
    drawn) for `page`."""
    from notices.stations.community import CommunityPage
    from notices.stations.pages import DistrictPage, StationIndexPage, SubdistrictPage

    specific = page.specific_deferred if type(page) is Page else page
    if isinstance(specific, StationIndexPage):
        return list(DistrictPage.objects.child_of(page).live().order_by("path")), [], []
    if isinstance(specific, CommunityPage):
        return [specific], [], [specific]
    communities = list(
        CommunityPage.objects.descendant_of(page).live().order_by("path")
    )
    outlines = []
    if isinstance(specific, DistrictPage):
        outlines = list(SubdistrictPage.objects.child_of(page).live().order_by("path"))
    return communities, outlines, communities


def _shapes(pages: Iterable[Page]) -> dict:
    keys = {page.translation_key for page in pages}
    return {
        row.area_key: as_shape(row.geometry)
        for row in AreaBoundary.objects.filter(area_key__in=keys)
    }


def _colours(shapes: list) -> list[int]:
    """A colour index per shape, neighbours differing where five colours allow."""
    tree = shapely.STRtree(shapes)
    colours: list[int] = []
    for index, area in enumerate(shapes):
        taken = {
            colours[other]
            for other in tree.query(area, predicate="intersects").tolist()
            if other < index
        }
        free = [colour for colour in range(COLOURS) if colour not in taken]
        colours.append(free[0] if free else index % COLOURS)
    return colours


# Suffixes a label drops when the full name does not fit (幸福社区 → 幸福).
SHORTENED = ("社区", "街道", "区", " Community", " Subdistrict", " District")
LABEL_SIZES = (12, 10)


def _text_width(text: str, size: int) -> float:
    """About how wide `text` is at `size` px: CJK glyphs are square, Latin ~0.6."""
    return sum(size if ord(char) > 0x2E80 else size * 0.6 for char in text)


def _short(title: str) -> str:
    for suffix in SHORTENED:
        if title.endswith(suffix) and len(title) > len(suffix) + 1:
            return title[: -len(suffix)]
    return title


def _label_choices(title: str):
    """(text, size, vertical shift) to try, best first."""
    for text, size in (
        (title, LABEL_SIZES[0]),
        (_short(title), LABEL_SIZES[0]),
        (_short(title), LABEL_SIZES[1]),
    ):
        for shift in (0, -size - 2, size + 2):
            yield text, size, shift


def place_labels(
    areas: list[dict], bounds: list[tuple], taken: list[tuple] = ()
) -> None:
    """Give each area a label that overlaps no other label and no marker (`taken`
    boxes) and does not spill far beyond its own area: its name, a little above or
    below if need be, else the name without 社区/街道/区, else smaller; an area with
    no room for any is labelled by a link on its shape instead (`label` empty).
    Larger areas choose first."""
    placed: list[tuple[float, float, float, float]] = list(taken)
    order = sorted(
        range(len(areas)),
        key=lambda i: -(bounds[i][2] - bounds[i][0]) * (bounds[i][3] - bounds[i][1]),
    )
    for index in order:
        area, (minx, _miny, maxx, _maxy) = areas[index], bounds[index]
        area["label"], area["size"] = "", LABEL_SIZES[0]
        room = (maxx - minx) * 1.2
        x, y = area["x"], area["y"]
        for text, size, shift in _label_choices(area["title"]):
            width = _text_width(text, size)
            box = (
                x - width / 2 - 1,
                y + shift - size / 2 - 1,
                x + width / 2 + 1,
                y + shift + size / 2 + 1,
            )
            if width > room or any(
                box[0] < other[2]
                and other[0] < box[2]
                and box[1] < other[3]
                and other[1] < box[3]
                for other in placed
            ):
                continue
            area["label"], area["size"], area["y"] = text, size, y + shift
            placed.append(box)
            break


def _station_points(communities: list[Page]) -> list[dict]:
    return [
        {
            "lat": community.latitude,
            "lng": community.longitude,
            "label": community.station_name or community.title,
            "url": "",  # the community's area links to its page already
            "kind": "station",
        }
        for community in communities
        if community.latitude is not None and community.longitude is not None
    ]


def build_area_map(
    page: Page, points: list[dict] | None = None, request: HttpRequest | None = None
) -> dict:
    """area_map's value, from the database (one query when nothing inside `page`
    has a boundary, three or four when it does)."""
    inside = Page.objects.filter(path__startswith=page.path, depth__gte=page.depth)
    if not AreaBoundary.objects.filter(
        area_key__in=inside.values("translation_key")
    ).exists():
        return {}
    drawn, outlined, communities = _parts(page)
    shapes = _shapes([*drawn, *outlined])
    drawn = [area for area in drawn if area.translation_key in shapes]
    if not drawn:
        return {}
    drawn_shapes = [shapes[area.translation_key] for area in drawn]
    everything = shapely.union_all(drawn_shapes)
    projection = Projection.fitting(everything.bounds, MAP_WIDTH)
    colours = _colours(drawn_shapes)
    areas = []
    for area, boundary, colour in zip(drawn, drawn_shapes, colours, strict=True):
        label = boundary.point_on_surface()
        x, y = projection.xy(label.x, label.y)
        areas.append(
            {
                "title": area.title,
                "url": area.get_url(request),
                "path": svg_path(projection.geometry(boundary)),
                "x": round(x),
                "y": round(y),
                "colour": colour,
            }
        )
    outlines = [
        {"path": svg_path(projection.geometry(shapes[area.translation_key]))}
        for area in outlined
        if area.translation_key in shapes
    ]
    if points is None:
        points = _station_points(communities)
    markers = []
    for point in points:
        lat, lng = float(Decimal(str(point["lat"]))), float(Decimal(str(point["lng"])))
        if not everything.intersects(shapely.Point(lng, lat)):
            continue
        x, y = projection.xy(lng, lat)
        markers.append(
            {
                "x": round(x),
                "y": round(y),
                "label": point.get("label", ""),
                "url": point.get("url", ""),
                "kind": point.get("kind", ""),
            }
        )
    place_labels(
        areas,
        [projection.geometry(b).bounds for b in drawn_shapes],
        [(m["x"] - 6, m["y"] - 6, m["x"] + 6, m["y"] + 6) for m in markers],
    )
    context = {
        "title": _("Map of %(area)s") % {"area": page.title},
        "width": projection.width,
        "height": projection.height,
        "areas": areas,
        "outlines": outlines,
        "points": markers,
        "key": page.pk,
    }
    if settings.PORTAL_MAP_TILE_URL:
        context["tiles"] = {
            "url": settings.PORTAL_MAP_TILE_URL,
            "attribution": settings.PORTAL_MAP_TILE_ATTRIBUTION,
        }
        context["geojson"] = leaflet_geojson(drawn, drawn_shapes, request)
        context["geojson_id"] = f"area-map-data-{page.pk}"
    return context


def _for_tiles(lat: float, lng: float) -> tuple[float, float]:
    if settings.PORTAL_MAP_COORDINATES == "gcj02":
        return wgs84_to_gcj02(lat, lng)
    return lat, lng


def leaflet_geojson(pages: list[Page], shapes: list, request=None) -> dict:
    """The drawn areas for Leaflet over tiles: simplified, in the tiles' coordinates
    (GCJ-02 for mainland providers)."""
    features = []
    for page, boundary in zip(pages, shapes, strict=True):
        simple = boundary.simplify(LEAFLET_TOLERANCE_DEGREES, preserve_topology=True)

        def shift(coords):
            out = coords.copy()
            for row in out:
                lat, lng = _for_tiles(float(row[1]), float(row[0]))
                row[0], row[1] = round(lng, LEAFLET_DIGITS), round(lat, LEAFLET_DIGITS)
            return out

        moved = shapely.transform(simple, shift)
        features.append(
            {
                "type": "Feature",
                "properties": {"title": page.title, "url": page.get_url(request)},
                "geometry": shapely.geometry.mapping(moved),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def area_map(
    page: Page, points: list[dict] | None = None, request: HttpRequest | None = None
) -> dict:
    """Template context for the include (see the module's docstring). Remembered
    until content changes when `points` is None (the stations are content)."""
    if points is not None:
        return build_area_map(page, points, request)
    return remembered("area-map", lambda: build_area_map(page, None, request), page.pk)


def area_map_markup(
    page: Page,
    points: list[dict] | None = None,
    request: HttpRequest | None = None,
    list_id: str = "",
) -> SafeString:
    """The include's markup for `page`'s map, remembered until content changes;
    empty when nothing inside `page` has a boundary."""
    context = area_map(page, points, request)
    if not context:
        return SafeString("")
    return remembered_markup(
        "notices/includes/area_map.html",
        {"area_map": context, "list_id": list_id},
        page.pk,
        translation.get_language(),
        list_id,
        "stations" if points is None else _points_key(points),
    )


def _points_key(points: list[dict]) -> str:
    import hashlib

    text = repr(
        [
            (str(p["lat"]), str(p["lng"]), p.get("label"), p.get("url"), p.get("kind"))
            for p in points
        ]
    )
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()

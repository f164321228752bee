"""What a boundary must be (notices/maps/geometry.py): each way a GeoJSON geometry
can be wrong gets its own message, and drawn paths stay small."""

import shapely
from django.utils import translation

from notices.maps.geometry import Projection, check_geometry, overlaps, svg_path
from tests.notices.map_builders import square


def problem(geometry, city=None) -> str:
    with translation.override("en"):
        shape, message = check_geometry(geometry, city)
    assert shape is None
    return message


def test_a_square_in_the_city_is_a_boundary():
    shape, message = check_geometry(square(0, 0))
    assert message is None and shape.area > 0


def test_latitude_and_longitude_swapped_are_detected_and_named():
    swapped = {
        "type": "Polygon",
        "coordinates": [[[y, x] for x, y in square(0, 0)["coordinates"][0]]],
    }
    assert "swapped" in problem(swapped)


def test_metres_of_a_projected_system_are_refused_as_such():
    metres = {
        "type": "Polygon",
        "coordinates": [
            [[12467000, 3210000], [12468000, 3210000], [12468000, 3211000],
             [12467000, 3210000]]
        ],
    }  # fmt: skip
    assert "metres" in problem(metres)


def test_a_polygon_outside_china_is_refused():
    paris = {
        "type": "Polygon",
        "coordinates": [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]]],
    }
    assert "outside China" in problem(paris)


def test_a_polygon_far_from_the_citys_stations_is_refused():
    city = shapely.box(111.9, 27.6, 112.1, 27.8)
    beijing = {
        "type": "Polygon",
        "coordinates": [[[116.3, 39.9], [116.4, 39.9], [116.4, 40.0], [116.3, 39.9]]],
    }
    assert "far from the city" in problem(beijing, city)


def test_a_bow_tie_is_refused_as_crossing_itself_with_where():
    bow_tie = {
        "type": "Polygon",
        "coordinates": [
            [[112.0, 27.7], [112.01, 27.71], [112.01, 27.7], [112.0, 27.71],
             [112.0, 27.7]]
        ],
    }  # fmt: skip
    message = problem(bow_tie)
    assert "crosses itself" in message and "112.00500" in message


def test_points_and_lines_are_not_boundaries():
    assert "not Point" in problem({"type": "Point", "coordinates": [112.0, 27.7]})
    assert "not LineString" in problem(
        {"type": "LineString", "coordinates": [[112.0, 27.7], [112.1, 27.7]]}
    )
    assert "no geometry" in problem(None)
    assert "[longitude, latitude]" in problem(
        {"type": "Polygon", "coordinates": [[["a", "b"]]]}
    )


def test_neighbours_sharing_an_edge_do_not_overlap_but_covering_ones_do():
    left, right = (shapely.geometry.shape(square(c, 0)) for c in (0, 1))
    assert overlaps([left, right]) == []
    shifted = shapely.affinity.translate(right, xoff=-0.003)
    (pair,) = overlaps([left, shifted])
    assert pair[:2] == (0, 1) and abs(pair[2] - 0.3) < 0.01


def test_a_drawn_path_is_whole_pixels_with_relative_moves():
    shape = shapely.geometry.shape(square(0, 0))
    projection = Projection.fitting(shape.bounds, 100, margin=0)
    path = svg_path(projection.geometry(shape))
    # North up: the south-west corner is at the bottom left; 0.01° of longitude is
    # shorter than 0.01° of latitude at 27.7°N (cos 27.7° = 0.885).
    assert path == "M0 113l100 0 0-113-100 0z"

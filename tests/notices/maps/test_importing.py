"""The boundary import (notices/maps/importing.py, the admin screen and
`manage.py import_boundaries`): every feature checked, each problem reported with its
feature, and nothing written unless the whole file is valid."""

import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from notices.maps.boundaries import AreaBoundary, AreaLevel
from notices.maps.importing import BoundaryFileError, import_collection
from tests.factories import UserFactory
from tests.notices.map_builders import (
    SQUARES,
    collection,
    feature,
    mapped_tree,
    square,
    squares_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def unmapped(bilingual_site):
    """The four communities with their stations and no boundaries yet."""
    return mapped_tree(bilingual_site, boundaries=False)


def messages(report) -> list[tuple[int, str]]:
    return [(error.feature, error.message) for error in report.errors]


def run(data: bytes, dry_run=False):
    with translation.override("en"):
        return import_collection(data, dry_run=dry_run)


def test_a_valid_file_writes_the_communities_and_joins_their_areas(unmapped):
    _index, district, sub, pages = unmapped
    report = run(squares_file())
    assert report.errors == [] and report.communities == 4
    levels = dict(AreaBoundary.objects.values_list("area_key", "level"))
    assert levels[pages["幸福社区"].translation_key] == AreaLevel.COMMUNITY
    joined = AreaBoundary.objects.get(area_key=sub.translation_key)
    assert joined.derived and joined.level == AreaLevel.SUBDISTRICT
    # The subdistrict is the four squares together: 0.02° on a side.
    west, south, east, north = (
        min(p[0] for p in joined.geometry["coordinates"][0]),
        min(p[1] for p in joined.geometry["coordinates"][0]),
        max(p[0] for p in joined.geometry["coordinates"][0]),
        max(p[1] for p in joined.geometry["coordinates"][0]),
    )
    assert (round(east - west, 6), round(north - south, 6)) == (0.02, 0.02)
    assert AreaBoundary.objects.filter(area_key=district.translation_key).exists()
    assert run(squares_file()).errors == []  # importing again changes nothing
    assert AreaBoundary.objects.count() == 6


def test_a_dry_run_checks_and_writes_nothing(unmapped):
    report = run(squares_file(), dry_run=True)
    assert report.errors == [] and report.summary() == "已检查 4 个社区边界：全部有效。"
    assert not AreaBoundary.objects.exists()


def test_every_bad_feature_is_reported_and_nothing_is_written(unmapped):
    bow_tie = {
        "type": "Polygon",
        "coordinates": [
            [[112.0, 27.7], [112.01, 27.71], [112.01, 27.7], [112.0, 27.71],
             [112.0, 27.7]]
        ],
    }  # fmt: skip
    swapped = {
        "type": "Polygon",
        "coordinates": [[[y, x] for x, y in square(1, 0)["coordinates"][0]]],
    }
    data = collection(
        feature("幸福社区", bow_tie),
        feature("光明社区", swapped),
        feature("和平社区", {"type": "Point", "coordinates": [112.0, 27.7]}),
        feature("不存在社区", square(1, 1)),
        feature(None, square(2, 2)),
    )
    report = run(data)
    found = messages(report)
    assert [number for number, _m in found] == [1, 2, 3, 4, 5]
    assert "crosses itself" in found[0][1]
    assert "swapped" in found[1][1]
    assert "not Point" in found[2][1]
    assert "No community named 不存在社区" in found[3][1]
    assert "properties" in found[4][1]
    assert not AreaBoundary.objects.exists()


def test_overlapping_neighbours_are_refused_and_a_shared_edge_is_not(unmapped):
    wide = square(0, 0)
    wide["coordinates"][0][1][0] += 0.004  # 幸福社区 reaches into 光明社区
    wide["coordinates"][0][2][0] += 0.004
    report = run(squares_file(**{"幸福社区": wide}))
    ((number, message),) = messages(report)
    assert number == 2 and "overlaps 幸福社区" in message
    assert not AreaBoundary.objects.exists()


def test_a_new_boundary_may_not_overlap_one_already_imported(unmapped):
    assert run(squares_file()).errors == []
    report = run(collection(feature("朝阳社区", square(0, 1))))  # 和平社区's square
    ((_number, message),) = messages(report)
    assert "overlaps 和平社区" in message


def test_metres_and_a_community_named_twice_are_refused(unmapped):
    metres = {
        "type": "Polygon",
        "coordinates": [[[12467000, 3210000], [12468000, 3210000],
                         [12468000, 3211000], [12467000, 3210000]]],
    }  # fmt: skip
    report = run(
        collection(
            feature("幸福社区", metres),
            feature("光明社区", square(1, 0)),
            feature("光明社区", square(1, 0)),
        )
    )
    found = messages(report)
    assert "metres" in found[0][1]
    assert found[1][0] == 3 and "already has a boundary in feature 2" in found[1][1]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"type": "Feature"}', "FeatureCollection"),
        (b'{"type": "FeatureCollection", "features": []}', "no features"),
        ("\ufeff".encode() + b"\xff\xfe", "UTF-8"),
    ],
)
def test_a_file_that_is_not_a_feature_collection_is_refused(unmapped, data, expected):
    with pytest.raises(BoundaryFileError, match=expected), translation.override("en"):
        import_collection(data)


def test_the_admin_screen_lists_each_problem_and_imports_a_valid_file(client, unmapped):
    user = UserFactory(is_staff=True, is_superuser=True)
    user.save()
    client.force_login(user)
    url = "/admin/stations/boundaries/"
    bad = collection(feature("不存在社区", square(0, 0)))
    response = client.post(
        url,
        {"geojson": SimpleUploadedFile("b.geojson", bad), "dry_run": ""},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    rows = BeautifulSoup(response.content, "html.parser").select("tr.import-error")
    assert len(rows) == 1 and "不存在社区" in rows[0].text
    assert not AreaBoundary.objects.exists()
    response = client.post(
        url, {"geojson": SimpleUploadedFile("b.geojson", squares_file())}
    )
    assert response.status_code == 302
    assert AreaBoundary.objects.filter(level=AreaLevel.COMMUNITY).count() == 4


def test_the_command_imports_or_says_what_is_wrong(unmapped, tmp_path):
    good, bad = tmp_path / "good.geojson", tmp_path / "bad.geojson"
    good.write_bytes(squares_file())
    bad.write_bytes(collection(feature("幸福社区", square(1, 0)), *[
        feature(name, square(*cell)) for name, (cell, _f) in SQUARES.items()
        if name != "幸福社区"
    ]))  # fmt: skip
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_boundaries", str(bad), language="en", stderr=errors)
    assert "overlaps" in errors.getvalue()
    assert not AreaBoundary.objects.exists()
    out = io.StringIO()
    call_command("import_boundaries", str(good), language="en", stdout=out)
    assert "4 community boundaries imported" in out.getvalue()


def test_the_export_names_each_community_and_imports_back_unchanged(client, unmapped):
    _index, _district, _sub, pages = unmapped
    assert run(squares_file()).errors == []
    user = UserFactory(is_staff=True, is_superuser=True)
    user.save()
    client.force_login(user)
    response = client.get("/admin/stations/boundaries/export/")
    assert response["Content-Type"].startswith("application/geo+json")
    data = response.content
    features = json.loads(data)["features"]
    first = features[0]["properties"]
    assert first == {
        "id": pages["幸福社区"].pk,
        "community": "幸福社区",
        "district": "娄星区",
        "subdistrict": "乐坪街道",
    }
    stored = AreaBoundary.objects.order_by("pk").values_list("geometry", flat=True)
    before = list(stored)
    report = run(data)
    assert report.errors == [] and report.communities == 4
    assert list(stored.all()) == before


def test_only_those_who_may_import_the_directory_may_export_boundaries(
    client, bilingual_site
):
    mapped_tree(bilingual_site)
    user = UserFactory(is_staff=True)
    user.save()
    client.force_login(user)
    response = client.get("/admin/stations/boundaries/export/")
    assert response.status_code in (302, 403)
    assert b"FeatureCollection" not in response.content

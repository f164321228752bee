"""Checking every row before anything is written: each bad cell named by sheet, row
and column in the editor's language; assignments and photos checked."""

import pytest
from django.utils import translation
from wagtail.images import get_image_model

from notices.models import CommunityPage
from tests.notices.station_builders import (
    assignment_row,
    community_row,
    full_workbook,
    photo_bytes,
    run_import,
    staff_row,
    zip_of,
)

pytestmark = pytest.mark.django_db


def test_every_bad_row_is_reported_in_the_editors_language(stations_root):
    data = full_workbook(
        communities=[
            community_row(office_hours="周一 9点到12点"),
            community_row(name="滨湖社区", households_served="很多"),
            community_row(name="滨湖社区"),
        ],
        staff=[
            staff_row("S001", role="保安"),
            staff_row("S001"),
            staff_row("S002", work_phone="call me"),
        ],
    )
    with translation.override("zh-hans"):
        report = run_import(data)
    found = {(e.sheet, e.row, e.column) for e in report.errors}
    assert found == {
        ("社区", 2, "office_hours"),
        ("社区", 3, "households_served"),
        ("社区", 4, "community"),
        ("人员", 2, "role"),
        ("人员", 3, "code"),
        ("人员", 4, "work_phone"),
    }
    messages = " ".join(e.message for e in report.errors)
    assert "重复" in messages and "第 3 行" in messages
    assert not CommunityPage.objects.exists()


def test_assignments_must_name_known_staff_and_communities(stations_root):
    report = run_import(
        full_workbook(
            assignments=[
                assignment_row("S999"),
                assignment_row("S001", name="不存在社区"),
            ]
        )
    )
    assert {(e.row, e.column) for e in report.errors} == {
        (2, "staff_code"),
        (3, "community"),
    }


def test_photos_must_be_real_images_of_reasonable_size(stations_root):
    big = b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 10)
    data = full_workbook(
        staff=[
            staff_row("S001", photo="good.png"),
            staff_row("S002", photo="fake.jpg"),
            staff_row("S003", photo="huge.jpg"),
            staff_row("S004", photo="missing.jpg"),
        ],
        assignments=[assignment_row("S001")],
    )
    photos = zip_of(
        {
            "good.png": photo_bytes(image_format="PNG"),
            "fake.jpg": b"<html>not a photo</html>",
            "huge.jpg": big,
        }
    )
    report = run_import(data, photos=photos)
    assert {(e.row, e.column) for e in report.errors} == {
        (3, "photo"),
        (4, "photo"),
        (5, "photo"),
    }
    assert not get_image_model().objects.exists()

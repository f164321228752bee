"""Importing the station directory: the tree, staff and assignments written all or
nothing, a dry run that writes nothing, re-imports that change nothing."""

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from notices.models import CommunityPage, DistrictPage, Staff
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


def test_a_valid_workbook_creates_the_tree_staff_and_assignments(stations_root):
    report = run_import(full_workbook())
    assert report.errors == []
    page = CommunityPage.objects.get(title="黄河社区")
    assert page.live and page.get_parent().title == "黄河街道"
    assert page.get_parent().get_parent().title == "黄河区"
    assert page.station_name == "黄河社区城管工作站"
    assert [b.value["number"] for b in page.service_phones] == [
        "0516-83000000",
        "12319",
    ]
    assert page.fixed_days == [2, 4]
    assert page.rest_stop_facilities == ["charging", "water"]
    links = list(page.staff_links.order_by("sort_order"))
    assert [(link.staff.code, link.mode, link.days) for link in links] == [
        ("S001", "resident", [1, 2, 3, 4, 5]),
        ("S002", "rotating", [2, 4]),
    ]
    assert Staff.objects.get(code="S002").role == "grid_worker"
    assert report.created["community"] == 1 and report.created["staff"] == 2


def test_a_dry_run_writes_nothing(stations_root):
    report = run_import(full_workbook(), dry_run=True)
    assert report.errors == [] and report.created["community"] == 1
    assert not CommunityPage.objects.exists()
    assert not Staff.objects.exists()


def test_reimporting_the_same_file_changes_nothing(stations_root):
    data = full_workbook()
    run_import(data)
    revisions = Revision.objects.count()
    pages = Page.objects.count()
    report = run_import(data)
    assert report.errors == []
    assert not report.changed
    assert report.unchanged["community"] == 1 and report.unchanged["staff"] == 2
    assert Revision.objects.count() == revisions
    assert Page.objects.count() == pages


def test_a_changed_row_updates_only_that_community(stations_root):
    run_import(
        full_workbook(communities=[community_row(), community_row(name="滨湖社区")])
    )
    report = run_import(
        full_workbook(
            communities=[
                community_row(address="新地址1号"),
                community_row(name="滨湖社区"),
            ]
        )
    )
    assert report.updated["community"] == 1 and report.unchanged["community"] == 1
    assert CommunityPage.objects.get(title="黄河社区").address == "新地址1号"


def test_one_bad_row_writes_nothing_and_names_the_row(stations_root):
    rows = [community_row(name=f"社区{n}") for n in range(5)]
    rows[3] = community_row(name="社区3", latitude="51.5", longitude="-0.12")
    report = run_import(
        full_workbook(communities=rows, assignments=[assignment_row(name="社区0")])
    )
    assert [(e.sheet, e.row, e.column) for e in report.errors] == [
        ("社区", 5, "latitude")
    ]
    assert not CommunityPage.objects.exists()
    assert not Staff.objects.exists()
    assert not DistrictPage.objects.exists()


def test_photos_are_stored_once_and_kept_on_reimport(stations_root):
    data = full_workbook(
        staff=[staff_row("S001", photo="s1.jpg")],
        assignments=[assignment_row("S001")],
    )
    photos = zip_of({"s1.jpg": photo_bytes()})
    run_import(data, photos=photos)
    staff = Staff.objects.get(code="S001")
    assert staff.photo.title == "s1.jpg"
    assert run_import(data, photos=photos).changed is False
    # Re-importing without the ZIP keeps the photo the row already names.
    assert run_import(data).errors == []
    assert get_image_model().objects.count() == 1

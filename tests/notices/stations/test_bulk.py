"""Bulk import and export of the station directory: every bad row reported, nothing
half-written, re-import changes nothing, exports hold public fields only."""

import csv
import io
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from notices.models import CommunityPage, DistrictPage, Staff, SubdistrictPage
from notices.stations.bulk.cells import parse_days, parse_exceptions, parse_hours
from notices.stations.bulk.columns import ASSIGNMENTS, COMMUNITIES, STAFF
from notices.stations.bulk.exporting import export_csv, export_workbook
from notices.stations.bulk.importing import import_tables
from notices.stations.bulk.reading import read_spreadsheet
from portal.spreadsheets import ImportFileError
from tests.factories import UserFactory
from tests.notices.station_builders import (
    assignment_row,
    community_row,
    directory,
    headers,
    photo_bytes,
    staff_row,
    workbook,
)

pytestmark = pytest.mark.django_db


def full_workbook(communities=None, staff=None, assignments=None) -> bytes:
    return workbook(
        {
            "社区": [headers(COMMUNITIES), *(communities or [community_row()])],
            "人员": [
                headers(STAFF),
                *(staff or [staff_row("S001"), staff_row("S002", role="网格员")]),
            ],
            "驻点安排": [
                headers(ASSIGNMENTS),
                *(
                    assignments
                    or [
                        assignment_row("S001"),
                        assignment_row("S002", mode="轮驻", days="周二、周四"),
                    ]
                ),
            ],
        }
    )


def admin_user(**fields):
    """A saved user (the factory's password is set after saving)."""
    user = UserFactory(**{"is_superuser": True, "is_staff": True, **fields})
    user.save()
    return user


def run(data: bytes, name="stations.xlsx", dry_run=False, photos=None):
    from notices.stations.bulk.reading import PhotoSource

    source = PhotoSource(archive=photos) if photos else None
    return import_tables(read_spreadsheet(data, name), source, dry_run=dry_run)


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def stations_root(bilingual_site):
    return directory(bilingual_site.home_zh)


# Text formats


def test_hours_are_read_in_digits_chinese_or_english():
    expected = parse_hours("1-5 08:30-12:00,14:00-17:30")
    assert parse_hours("周一至周五 8:30-12:00,14:00-17:30") == expected
    assert parse_hours("Mon-Fri 08:30–12:00, 14:00–17:30") == expected
    assert len(expected) == 2 and expected[0][0] == (1, 2, 3, 4, 5)


def test_days_and_exceptions_are_read():
    assert parse_days("周二、周四") == [2, 4]
    assert parse_days("daily") == [1, 2, 3, 4, 5, 6, 7]
    (holiday,) = parse_exceptions("2026-10-01..2026-10-07 休息 国庆节")
    assert holiday[2] is True and holiday[5] == "国庆节"
    (short_day,) = parse_exceptions("2026-12-31 09:00-12:00 跨年")
    assert short_day[2] is False and short_day[3].hour == 9


# Import


def test_a_valid_workbook_creates_the_tree_staff_and_assignments(stations_root):
    report = run(full_workbook())
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
    report = run(full_workbook(), dry_run=True)
    assert report.errors == [] and report.created["community"] == 1
    assert not CommunityPage.objects.exists()
    assert not Staff.objects.exists()


def test_reimporting_the_same_file_changes_nothing(stations_root):
    data = full_workbook()
    run(data)
    revisions = Revision.objects.count()
    pages = Page.objects.count()
    report = run(data)
    assert report.errors == []
    assert not report.changed
    assert report.unchanged["community"] == 1 and report.unchanged["staff"] == 2
    assert Revision.objects.count() == revisions
    assert Page.objects.count() == pages


def test_a_changed_row_updates_only_that_community(stations_root):
    run(full_workbook(communities=[community_row(), community_row(name="滨湖社区")]))
    report = run(
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
    report = run(
        full_workbook(communities=rows, assignments=[assignment_row(name="社区0")])
    )
    assert [(e.sheet, e.row, e.column) for e in report.errors] == [
        ("社区", 5, "latitude")
    ]
    assert not CommunityPage.objects.exists()
    assert not Staff.objects.exists()
    assert not DistrictPage.objects.exists()


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
        report = run(data)
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
    report = run(
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
    report = run(data, photos=photos)
    assert {(e.row, e.column) for e in report.errors} == {
        (3, "photo"),
        (4, "photo"),
        (5, "photo"),
    }
    assert not get_image_model().objects.exists()


def test_photos_are_stored_once_and_kept_on_reimport(stations_root):
    data = full_workbook(
        staff=[staff_row("S001", photo="s1.jpg")],
        assignments=[assignment_row("S001")],
    )
    photos = zip_of({"s1.jpg": photo_bytes()})
    run(data, photos=photos)
    staff = Staff.objects.get(code="S001")
    assert staff.photo.title == "s1.jpg"
    assert run(data, photos=photos).changed is False
    # Re-importing without the ZIP keeps the photo the row already names.
    assert run(data).errors == []
    assert get_image_model().objects.count() == 1


def test_gbk_csv_from_chinese_excel_is_read(stations_root):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["区", "街道", "社区", "地址", "服务电话"])
    writer.writerow(
        ["黄河区", "黄河街道", "黄河社区", "黄河路1号", "值班电话:0516-1234567"]
    )
    report = run(buffer.getvalue().encode("gbk"), name="社区.csv")
    assert report.errors == []
    page = CommunityPage.objects.get(title="黄河社区")
    assert page.address == "黄河路1号"


def test_unreadable_files_are_refused_clearly(stations_root):
    with pytest.raises(ImportFileError):
        read_spreadsheet(b"PK\x03\x04 broken zip", "stations.xlsx")
    with pytest.raises(ImportFileError):
        read_spreadsheet(bytes(range(128, 256)) * 4, "stations.csv")
    with pytest.raises(ImportFileError):
        read_spreadsheet("名字,电话\n张三,1\n".encode(), "x.csv")


def test_unknown_columns_such_as_a_personal_mobile_are_ignored(stations_root):
    data = workbook(
        {
            "人员": [
                [*headers(STAFF), "个人手机"],
                [*staff_row("S001"), "13900000000"],
            ]
        }
    )
    report = run(data)
    assert report.ignored_columns == ["个人手机"]
    assert "13900000000" not in str(Staff.objects.values())


# Export


def test_export_has_public_fields_only_and_imports_back_unchanged(stations_root):
    run(full_workbook())
    with translation.override("zh-hans"):
        data = export_workbook(stations_root.locale)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["社区", "人员", "驻点安排"]
    staff_headers = [cell.value for cell in book["人员"][1]]
    assert staff_headers == [
        "人员编号",
        "姓名",
        "岗位",
        "单位",
        "公开工作电话",
        "职责",
        "照片",
    ]
    report = run(data)
    assert report.errors == [] and not report.changed


def test_csv_export_in_english_reimports(stations_root):
    run(full_workbook())
    with translation.override("en"):
        data = export_csv(stations_root.locale, COMMUNITIES)
    assert data.startswith(b"\xef\xbb\xbfDistrict,Subdistrict,Community")
    assert run(data, name="communities.csv").changed is False


# Admin and command line


def test_admin_import_reports_bad_rows_with_status_400(client, stations_root):
    client.force_login(admin_user())
    data = full_workbook(communities=[community_row(latitude="200")])
    upload = io.BytesIO(data)
    upload.name = "stations.xlsx"
    response = client.post(
        "/admin/stations/import/", {"spreadsheet": upload, "dry_run": ""}
    )
    assert response.status_code == 400
    rows = BeautifulSoup(response.content, "html.parser").select(".import-error")
    assert len(rows) == 1 and "2" in rows[0].text
    assert not CommunityPage.objects.exists()


def test_admin_import_refuses_a_broken_file_without_a_server_error(
    client, stations_root
):
    client.force_login(admin_user())
    upload = io.BytesIO(b"PK\x03\x04garbage")
    upload.name = "stations.xlsx"
    response = client.post("/admin/stations/import/", {"spreadsheet": upload})
    assert response.status_code == 400
    assert b"XLSX" in response.content


def test_admin_import_and_export_need_the_import_permission(client, stations_root):
    client.force_login(admin_user(is_superuser=False))
    assert client.get("/admin/stations/import/").status_code in {302, 403}
    assert client.get("/admin/stations/export/").status_code in {302, 403}


def test_admin_export_downloads_a_workbook(client, stations_root):
    run(full_workbook())
    client.force_login(admin_user())
    response = client.get("/admin/stations/export/", {"format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    assert book.worksheets[0].max_row == 2


def test_command_imports_csv_files_and_fails_on_bad_rows(tmp_path, stations_root):
    with translation.override("en"):
        run(full_workbook())
        (tmp_path / "c.csv").write_bytes(export_csv(stations_root.locale, COMMUNITIES))
        (tmp_path / "s.csv").write_bytes(export_csv(stations_root.locale, STAFF))
        (tmp_path / "a.csv").write_bytes(export_csv(stations_root.locale, ASSIGNMENTS))
    out = io.StringIO()
    call_command(
        "import_stations",
        str(tmp_path / "c.csv"),
        str(tmp_path / "s.csv"),
        str(tmp_path / "a.csv"),
        stdout=out,
        language="en",
    )
    assert "communities: 0 new, 0 changed, 1 same" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text("District,Subdistrict,Community,Latitude,Longitude\nA,B,C,1,1\n")
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_stations", str(bad), stderr=errors, language="en")
    assert "row 2" in errors.getvalue()
    assert not SubdistrictPage.objects.filter(title="B").exists()


def test_export_command_writes_a_workbook(tmp_path, stations_root):
    run(full_workbook())
    call_command("export_stations", str(tmp_path / "out.xlsx"), stdout=io.StringIO())
    assert load_workbook(tmp_path / "out.xlsx").sheetnames[0] == "社区"


def test_pages_edited_in_the_admin_export_and_reimport_unchanged(bilingual_site):
    from tests.notices.station_builders import small_tree

    _index, _district, _sub, pages = small_tree(bilingual_site, communities=2)
    page = pages[0]
    page.rest_stop_facilities = ["water", "charging"]  # ticked in this order
    page.fixed_days = [4, 2]
    page.save_revision().publish()
    data = export_workbook(page.locale)
    report = run(data)
    assert report.errors == []
    assert not report.changed

"""Importing points from CSV and XLSX: every row checked, all written or none, each
problem named by row and column in the editor's language."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from notices.convenience.importing import import_points
from notices.convenience.models import ConveniencePoint
from tests.notices.workbook_builders import workbook
from tests.portal.role_builders import logged_in, role_user

pytestmark = pytest.mark.django_db

HEADER = [
    "类别",
    "名称",
    "社区",
    "纬度",
    "经度",
    "地址",
    "开放时间",
    "无障碍设施",
    "设施",
]


def row(**values) -> list[str]:
    base = {
        "category": "公厕",
        "name": "黄河路公厕",
        "community": "黄河社区",
        "lat": "34.265000",
        "lng": "117.185000",
        "address": "黄河路1号",
        "hours": "1-7 06:00-22:00",
        "access": "无障碍厕位、母婴室",
        "facilities": "",
        **values,
    }
    return list(base.values())


def csv_bytes(*rows, encoding="utf-8") -> bytes:
    lines = [",".join(HEADER)] + [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def errors_of(report) -> dict[int, str]:
    return {error.row: f"{error.column}: {error.message}" for error in report.errors}


def test_a_valid_csv_adds_its_points(cmap):
    data = csv_bytes(
        row(),
        row(
            category="城管驿站",
            name="黄河社区城管驿站",
            hours="周一至周五 08:00-20:00；6-7 09:00-12:00",
            facilities="饮用水、微波炉",
        ),
    )
    report = import_points(data, "points.csv", dry_run=False)
    assert report.errors == [] and report.added == 2
    rest = ConveniencePoint.objects.get(name="黄河社区城管驿站")
    assert rest.category == "rest_stop" and rest.community_id == cmap.a.pk
    assert rest.facilities == ["water", "microwave"]
    assert [(b.value["days"], str(b.value["opens"])) for b in rest.hours] == [
        (["1", "2", "3", "4", "5"], "08:00:00"),
        (["6", "7"], "09:00:00"),
    ]
    toilet = ConveniencePoint.objects.get(name="黄河路公厕")
    assert toilet.accessibility == ["accessible_toilet", "baby_changing"]


def test_importing_the_same_file_again_updates_instead_of_adding(cmap):
    import_points(csv_bytes(row()), "points.csv", dry_run=False)
    report = import_points(
        csv_bytes(row(address="黄河路2号")), "points.csv", dry_run=False
    )
    assert (report.added, report.updated) == (0, 1)
    assert ConveniencePoint.objects.get().address == "黄河路2号"


def test_a_check_only_run_writes_nothing(cmap):
    report = import_points(csv_bytes(row()), "points.csv", dry_run=True)
    assert report.added == 1 and not ConveniencePoint.objects.exists()


@pytest.mark.parametrize(
    ("bad", "column", "words"),
    [
        ({"category": "加油站"}, "分类", "无法识别"),
        ({"community": "火星社区"}, "社区", "没有名为火星社区的社区"),
        ({"lat": "117.185000", "lng": "34.265000"}, "纬度", "填反"),
        ({"lat": "39.900000", "lng": "116.400000"}, "纬度", "不在本市"),
        ({"lat": "北纬34度"}, "纬度", "不是数字"),
        ({"hours": "早上到晚上"}, "开放时间", "08:00-18:00"),
        ({"hours": "18:00-08:00"}, "开放时间", "晚于开始时间"),
        ({"access": "电梯直达"}, "无障碍设施", "无法识别"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(cmap, bad, column, words):
    with translation.override("zh-hans"):
        report = import_points(
            csv_bytes(row(name="好的公厕", lat="34.266000"), row(**bad)),
            "points.csv",
            dry_run=False,
        )
    assert list(errors_of(report)) == [3]
    assert errors_of(report)[3].startswith(column)
    assert words in errors_of(report)[3]
    assert not ConveniencePoint.objects.exists()


def test_the_same_point_twice_in_a_file_is_an_error(cmap):
    with translation.override("en"):
        report = import_points(csv_bytes(row(), row()), "points.csv", dry_run=False)
    assert "The same point as row 2" in errors_of(report)[3]
    assert not ConveniencePoint.objects.exists()


def test_two_points_of_a_kind_at_one_spot_is_an_error(cmap):
    with translation.override("en"):
        report = import_points(
            csv_bytes(row(), row(name="另一个公厕")), "points.csv", dry_run=False
        )
    assert "Row 2 puts a point of this category here" in errors_of(report)[3]


def test_an_xlsx_workbook_and_a_gbk_csv_are_read_alike(cmap):
    data = workbook({"点位": [HEADER, row()]})
    assert import_points(data, "points.xlsx", dry_run=True).added == 1
    gbk = csv_bytes(row(), encoding="gb18030")
    assert import_points(gbk, "points.csv", dry_run=True).added == 1


def test_open_day_and_night_is_written_as_such(cmap):
    import_points(csv_bytes(row(hours="全天")), "points.csv", dry_run=False)
    point = ConveniencePoint.objects.get()
    assert point.open_all_day and not point.hours


def test_station_staff_import_only_into_their_communities(cmap):
    staff = role_user("station_staff", cmap.a)
    with translation.override("zh-hans"):
        report = import_points(
            csv_bytes(row(), row(name="滨湖路公厕", community="滨湖社区")),
            "points.csv",
            dry_run=False,
            user=staff,
        )
    assert "请选择您负责的社区" in errors_of(report)[3]
    assert list(errors_of(report)) == [3]
    assert not ConveniencePoint.objects.exists()


def test_the_admin_upload_shows_each_problem_in_the_editors_language(cmap):
    staff = role_user("station_staff", cmap.a)
    client = logged_in(staff, "en")
    upload = csv_bytes(row(category="加油站"))
    response = client.post(
        "/admin/convenience/import/",
        {"spreadsheet": SimpleUploadedFile("points.csv", upload), "dry_run": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Unknown value: 加油站" in body
    assert "nothing was written" in body


def test_the_import_is_refused_to_staff_without_the_right(cmap):
    editor = role_user("editor", cmap.a)
    response = logged_in(editor).get("/admin/convenience/import/")
    assert response.status_code in (302, 403)

"""Reading an upload: GBK CSV files from Chinese Excel, unreadable files refused
clearly, unknown columns (a personal mobile) left out."""

import csv
import io

import pytest

from notices.models import CommunityPage, Staff
from notices.stations.bulk.columns import STAFF
from notices.stations.bulk.reading import read_spreadsheet
from portal.spreadsheets import ImportFileError
from tests.notices.station_builders import (
    headers,
    run_import,
    staff_row,
    workbook,
)

pytestmark = pytest.mark.django_db


def test_gbk_csv_from_chinese_excel_is_read(stations_root):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["区", "街道", "社区", "地址", "服务电话"])
    writer.writerow(
        ["黄河区", "黄河街道", "黄河社区", "黄河路1号", "值班电话:0516-1234567"]
    )
    report = run_import(buffer.getvalue().encode("gbk"), name="社区.csv")
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
    report = run_import(data)
    assert report.ignored_columns == ["个人手机"]
    assert "13900000000" not in str(Staff.objects.values())

"""notices/merchants/importing.py and its admin view: a workbook of shops is
imported whole or not at all, with each problem reported by row and column."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from notices.merchants.importing import import_merchants
from notices.merchants.models import Merchant
from tests.notices.merchant_builders import licence, merchant
from tests.notices.workbook_builders import workbook
from tests.portal.role_builders import logged_in, refused, role_user

pytestmark = pytest.mark.django_db

HEADERS = [
    "店铺名称",
    "统一社会信用代码",
    "行业",
    "社区",
    "地址",
    "门前三包责任区",
    "联系人",
    "联系电话",
]


def row(name="甲店", code=None, trade="餐饮", community="黄河社区", **extra):
    return [
        name,
        code or licence(),
        trade,
        community,
        "某路1号",
        "门前8米",
        "王先生",
        "13900000000",
    ]


def test_a_valid_workbook_creates_every_shop(places):
    user = role_user("station_staff", places["here"])
    data = workbook({"商户": [HEADERS, row("甲店"), row("乙店", trade="catering")]})
    result = import_merchants(data, user)
    assert result.errors == [] and result.created == 2
    assert set(Merchant.objects.values_list("name", flat=True)) == {"甲店", "乙店"}


def test_any_bad_row_imports_nothing_and_says_where(places):
    user = role_user("station_staff", places["here"])
    taken = merchant(places["here"]).licence_number
    twice = licence()
    data = workbook(
        {
            "商户": [
                HEADERS,
                row("好店"),
                row("错码店", code="91350100M000100Y44"),
                row("外社区店", community="滨湖社区"),  # not the user's community
                row("重复一", code=twice),
                row("重复二", code=twice),
                row("已登记", code=taken),
                row("怪行业", trade="飞机"),
            ]
        }
    )
    result = import_merchants(data, user)
    found = {(error.row, error.column) for error in result.errors}
    assert (3, "统一社会信用代码") in found
    assert (4, "社区") in found
    assert (6, "统一社会信用代码") in found
    assert (7, "统一社会信用代码") in found
    assert (8, "行业") in found
    assert 2 not in {error.row for error in result.errors}
    assert Merchant.objects.count() == 1  # only the one registered before


def test_the_admin_view_checks_and_reports_without_writing(places):
    user = role_user("station_staff", places["here"])
    client = logged_in(user)
    data = workbook({"Shops": [HEADERS, row("甲店", code="123")]})
    answer = client.post(
        "/admin/merchants/import/",
        {"workbook": SimpleUploadedFile("shops.xlsx", data)},
    )
    assert answer.status_code == 400
    assert "import-error" in answer.content.decode()
    assert not Merchant.objects.exists()
    junk = client.post(
        "/admin/merchants/import/",
        {"workbook": SimpleUploadedFile("shops.xlsx", b"not a workbook")},
    )
    assert junk.status_code == 400 and not Merchant.objects.exists()


def test_staff_without_the_merchant_permissions_cannot_import(places):
    client = logged_in(role_user("moderator", places["directory"]))
    assert refused(client.get("/admin/merchants/import/"))

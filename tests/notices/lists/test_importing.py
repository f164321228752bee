"""XLSX import of the duty list and the lenient catalogue (notices/lists/importing.py):
every row checked, nothing written when one is wrong, a draft never published."""

import re

import pytest
from django.utils import translation

from notices.lists.catalogue import LenientItem
from notices.lists.duties import DutyItem
from notices.lists.importing import import_list
from tests.factories import UserFactory
from tests.notices.list_builders import catalogue, duty_list, duty_workbook
from tests.notices.workbook_builders import workbook

pytestmark = pytest.mark.django_db


def on_row(messages: list[str], row: int, text: str) -> bool:
    return any(re.search(rf"第\s*{row}\s*行", m) and text in m for m in messages)


def test_import_checks_every_row_and_writes_nothing_when_one_is_wrong(
    bilingual_site,
):
    page = duty_list(bilingual_site.home_zh)
    data = duty_workbook(
        [
            ["SR-01", "SR", "占道经营劝导", "立即办", "执法中队", 30, "分钟"],
            ["SR-02", "ZZ", "店外经营", "立即办", "执法中队", 30, "分钟"],
            ["SR-02", "SR", "重复编码", "马上办", "执法中队", "三十", "分钟"],
        ]
    )
    revisions = page.revisions.count()
    with translation.override("zh-hans"):
        result = import_list(page, data, dry_run=False)
        messages = [str(error) for error in result.errors]
    assert not result.ok
    assert on_row(messages, 3, "ZZ")  # unknown category, named in Chinese
    assert on_row(messages, 4, "马上办")  # not a handling class
    assert on_row(messages, 4, "三十")  # not a number
    assert page.revisions.count() == revisions
    assert DutyItem.objects.filter(page=page).count() == 2


def test_import_dry_run_reports_and_a_real_run_publishes_keeping_identities(
    bilingual_site,
):
    page = duty_list(bilingual_site.home_zh)
    before = DutyItem.objects.get(page=page, code="SR-01").translation_key
    data = duty_workbook(
        [
            ["SR-01", "SR", "占道经营劝导", "立即办", "执法中队", 20, "分钟"],
            ["EH-02", "EH", "垃圾清运", "协调办", "环卫所", 2, "小时"],
        ]
    )
    dry = import_list(page, data, dry_run=True)
    assert dry.ok and dry.revision is None
    assert DutyItem.objects.filter(page=page, code="EH-02").count() == 0
    result = import_list(page, data, dry_run=False, publish=True)
    assert result.ok and result.published
    codes = list(
        DutyItem.objects.filter(page=page)
        .order_by("sort_order")
        .values_list("code", flat=True)
    )
    assert codes == ["SR-01", "EH-02"]
    assert DutyItem.objects.get(page=page, code="SR-01").translation_key == before
    assert DutyItem.objects.get(page=page, code="SR-01").response_amount == 20


CATALOGUE_SHEETS = {
    "批次": [
        ["编码", "标题", "发布文件", "施行日期"],
        ["B1", "第一批", "清单", "2024-01-01"],
    ],
    "分类": [["编码", "分类名称"], ["MR", "市容环境卫生"], ["YL", "园林绿化"]],
}


CATALOGUE_ITEM_HEADERS = [
    "编号",
    "批次编码",
    "分类编码",
    "违法行为",
    "法律法规",
    "条款",
    "适用条件",
    "替代处理方式",
    "类型",
]


def test_catalogue_import_is_all_or_nothing_and_never_publishes(bilingual_site):
    page = catalogue(bilingual_site.home_zh)
    good = [
        "01",
        "B1",
        "MR",
        "店外经营",
        "《条例》",
        "第十四条",
        "首次",
        "教育",
        "首违不罚",
    ]
    bad = workbook(
        {
            **CATALOGUE_SHEETS,
            "事项": [
                CATALOGUE_ITEM_HEADERS,
                good,
                [
                    "02",
                    "B1",
                    "XX",
                    "晾晒",
                    "《条例》",
                    "第十五条",
                    "首次",
                    "教育",
                    "首违不罚",
                ],
                [
                    "02",
                    "B1",
                    "MR",
                    "重复",
                    "《条例》",
                    "第十五条",
                    "首次",
                    "教育",
                    "首违不罚",
                ],
            ],
        }
    )
    revisions = page.revisions.count()
    with translation.override("zh-hans"):
        result = import_list(page, bad, dry_run=False)
        messages = [str(error) for error in result.errors]
    assert any(re.search(r"第\s*3\s*行", m) and "XX" in m for m in messages), messages
    assert any(re.search(r"第\s*4\s*行", m) and "02" in m for m in messages), messages
    assert page.revisions.count() == revisions

    ok = workbook({**CATALOGUE_SHEETS, "事项": [CATALOGUE_ITEM_HEADERS, good]})
    refused = import_list(page, ok, dry_run=False, publish=True)
    assert not refused.ok and page.revisions.count() == revisions
    editor = UserFactory()
    result = import_list(page, ok, dry_run=False, submit=True, user=editor)
    assert result.ok and result.submitted and not result.published
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert LenientItem.objects.filter(page=page).count() == 4  # live rows unchanged


def test_a_user_cannot_publish_a_duty_list_by_importing_it(bilingual_site):
    page = duty_list(bilingual_site.home_zh)
    revisions = page.revisions.count()
    data = duty_workbook(
        [["SR-01", "SR", "占道经营劝导", "立即办", "执法中队", 20, "分钟"]]
    )
    root = UserFactory(is_superuser=True)
    result = import_list(page, data, dry_run=False, publish=True, user=root)
    assert not result.ok and not result.published
    assert page.revisions.count() == revisions

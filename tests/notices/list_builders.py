"""Builders for duty-list and catalogue tests: small published lists, workbooks, and
the rows a list page shows."""

from datetime import date

from bs4 import BeautifulSoup

from notices.lists.catalogue import (
    CatalogueBatch,
    CatalogueCategory,
    LenientCataloguePage,
    LenientItem,
)
from notices.lists.duties import DutyCategory, DutyItem, DutyListPage
from tests.conftest import publish
from tests.notices.workbook_builders import workbook


def duty_item(code: str, category: str = "SR", **fields) -> DutyItem:
    values = {
        "title": f"事项{code}",
        "service": "居民可以提出的服务",
        "handling_class": "immediate",
        "response_amount": 30,
        "response_unit": "minutes",
        "completion_unit": "same_day",
        "department": "城管执法中队",
        **fields,
    }
    return DutyItem(code=code, category=category, **values)


def duty_list(home, items=None, **fields) -> DutyListPage:
    page = DutyListPage(title="职责清单", slug="duties", **fields)
    page.categories = [
        DutyCategory(code="SR", name="市容秩序"),
        DutyCategory(code="EH", name="环境卫生"),
    ]
    page.items = items or [
        duty_item("SR-01", title="占道经营劝导"),
        duty_item(
            "EH-01",
            "EH",
            title="楼道堆物清理",
            handling_class="coordinate",
            response_amount=1,
            response_unit="working_days",
            completion_amount=3,
            completion_unit="working_days",
        ),
    ]
    home.add_child(instance=page)
    return publish(page)


def lenient_item(number: str, **fields) -> LenientItem:
    values = {
        "batch": "B1",
        "category": "MR",
        "violation": f"违法行为{number}",
        "law": "《城市市容和环境卫生管理条例》",
        "article": "第十四条",
        "conditions": "首次违法，危害轻微，及时改正",
        "correction_days": 3,
        "measure": "教育劝导，责令改正，不予处罚",
        "kind": "no_fine_first",
        "scope": "全市",
        **fields,
    }
    return LenientItem(number=number, **values)


def batch(code: str = "B1", effective: date = date(2024, 1, 1), **fields):
    values = {
        "title": f"第{code[-1]}批",
        "document_title": "包容审慎监管清单",
        "document_number": f"示城管〔2024〕{code[-1]}号",
        **fields,
    }
    return CatalogueBatch(code=code, effective_from=effective, **values)


def catalogue(home, items=None, batches=None) -> LenientCataloguePage:
    page = LenientCataloguePage(
        title="包容清单", slug="lenient-catalogue", is_demo=True
    )
    page.batches = batches or [batch()]
    page.categories = [
        CatalogueCategory(code="MR", name="市容环境卫生"),
        CatalogueCategory(code="YL", name="园林绿化"),
    ]
    page.items = items or [
        lenient_item("01", violation="店外经营"),
        lenient_item("02", violation="临时晾晒", kind="minor_exempt"),
        lenient_item("03", violation="乱扔垃圾", kind="service_in_lieu"),
        lenient_item(
            "04", violation="旧条目", repealed_on=date(2024, 6, 1), category="YL"
        ),
    ]
    home.add_child(instance=page)
    return publish(page)


def codes_on(response) -> list[str]:
    """The codes (numbers, in the catalogue) of the rows a list page shows."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [row["id"].removeprefix("item-") for row in soup.select("tr.list-row")]


DUTY_ITEM_HEADERS = [
    "编码",
    "分类编码",
    "标题",
    "办理方式",
    "责任部门",
    "响应时限",
    "响应时间单位",
]


def duty_workbook(items: list[list]) -> bytes:
    """A duty-list workbook with two categories and the given item rows."""
    return workbook(
        {
            "职责分类": [["编码", "分类名称"], ["SR", "市容秩序"], ["EH", "环境卫生"]],
            "职责事项": [DUTY_ITEM_HEADERS, *items],
        }
    )

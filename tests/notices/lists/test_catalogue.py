"""The lenient-enforcement catalogue: filters on a phone, permalinks and downloads,
"what changed" between batches, dates, legal review and bad input."""

import csv
import io
import json
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import load_workbook

from notices.lists.catalogue import LenientCataloguePage, LenientItem, RepealedLaw
from notices.lists.catalogue_rows import validate_catalogue
from notices.lists.changes import diff_versions
from notices.lists.importing import import_list
from notices.lists.legal_review import (
    LEGAL_REVIEWERS_GROUP,
    ensure_legal_review_workflow,
)
from notices.lists.versions import ListVersion
from tests.factories import UserFactory
from tests.notices.list_builders import batch, catalogue, lenient_item, workbook

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)


def numbers_on(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [row["id"].removeprefix("item-") for row in soup.select("tr.list-row")]


def test_a_resident_filters_first_violations_in_force_on_a_phone_and_downloads_match(
    client, bilingual_site
):
    catalogue(bilingual_site.home_zh)
    query = "?type=no_fine_first&status=in_force"
    page = client.get(f"/zh-hans/lenient-catalogue/{query}", HTTP_USER_AGENT=PHONE)
    assert page.status_code == 200
    shown = numbers_on(page)
    assert shown == ["01"]  # 02/03 are other types, 04 is repealed
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one('link[href$="notices/lists.css"]')  # cards come from CSS
    assert soup.select_one(".demo-banner")
    cell_labels = [td["data-label"] for td in soup.select("tr.list-row td")]
    assert len(cell_labels) == 7 and all(cell_labels)

    permalink = soup.select_one("#item-01 a")["href"]
    assert permalink == "/zh-hans/lenient-catalogue/items/01/"
    item = BeautifulSoup(
        client.get(permalink, HTTP_USER_AGENT=PHONE).content, "html.parser"
    )
    assert "店外经营" in item.h1.text
    assert (
        "《城市市容和环境卫生管理条例》第十四条" in item.select_one(".item-facts").text
    )

    links = {a.text: a["href"] for a in soup.select(".list-tools__downloads a")}
    assert set(links) == {"XLSX", "CSV", "JSON"}
    assert all(query.lstrip("?") in href.split("?")[1] for href in links.values())
    data = json.loads(client.get(links["JSON"]).content)
    assert [row["number"] for row in data["items"]] == shown
    assert data["demo"] is True and data["filters"]["type"] == "no_fine_first"
    rows = list(
        csv.reader(io.StringIO(client.get(links["CSV"]).content.decode("utf-8-sig")))
    )
    assert [row[0] for row in rows[1:]] == shown
    sheet = load_workbook(io.BytesIO(client.get(links["XLSX"]).content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == shown


def test_status_batch_and_category_filters(client, bilingual_site):
    catalogue(
        bilingual_site.home_zh,
        batches=[batch("B1"), batch("B2", date(2024, 3, 1))],
        items=[
            lenient_item("01"),
            lenient_item("02", batch="B2", category="YL"),
            lenient_item("03", repealed_on=date(2024, 6, 1)),
        ],
    )
    base = "/zh-hans/lenient-catalogue/"
    assert numbers_on(client.get(base)) == ["01", "02"]
    assert numbers_on(client.get(f"{base}?status=repealed")) == ["03"]
    assert numbers_on(client.get(f"{base}?status=all")) == ["01", "02", "03"]
    assert numbers_on(client.get(f"{base}?batch=B2")) == ["02"]
    assert numbers_on(client.get(f"{base}?category=MR")) == ["01"]
    assert numbers_on(client.get(f"{base}?q=违法行为02")) == ["02"]


def test_invalid_catalogue_filters_give_a_clear_message_not_a_500(
    client, bilingual_site
):
    catalogue(bilingual_site.home_zh)
    response = client.get("/zh-hans/lenient-catalogue/?type=free-for-all&batch=B9")
    assert response.status_code == 400
    summary = BeautifulSoup(response.content, "html.parser").select_one(
        ".error-summary"
    )
    assert "free-for-all" in summary.text and "B9" in summary.text
    assert client.get("/zh-hans/lenient-catalogue/changes/?old=x").status_code == 400


def test_a_new_batch_with_two_changed_and_one_repealed_item_shows_exactly_those(
    client, bilingual_site
):
    page = catalogue(bilingual_site.home_zh)
    draft = page.get_latest_revision_as_object()
    items = {item.number: item for item in draft.items.all()}
    items["01"].correction_days = 1
    items["02"].measure = "当场教育，责令立即改正"
    items["03"].repealed_on = date(2025, 9, 1)
    items["03"].repeal_note = "由第三批替代"
    draft.batches = [*draft.batches.all(), batch("B3", date(2025, 9, 1))]
    draft.items = list(items.values())
    draft.save_revision().publish()

    old, new = ListVersion.objects.filter(page=page).order_by("number")
    diffs = {diff.spec.name: diff for diff in diff_versions(old, new)}
    assert [change.key for change in diffs["batches"].added] == ["B3"]
    assert sorted(change.key for change in diffs["items"].changed) == ["01", "02"]
    assert [change.key for change in diffs["items"].repealed] == ["03"]
    assert not diffs["items"].added and not diffs["items"].removed
    assert {f.field for f in diffs["items"].changed[0].fields} == {"correction_days"}

    soup = BeautifulSoup(
        client.get("/zh-hans/lenient-catalogue/changes/").content, "html.parser"
    )
    section = soup.select_one("#diff-items").parent
    headings = [h3.text for h3 in section.select("h3")]
    assert len(headings) == 2  # repealed and changed, nothing added or removed
    rows = section.select(".diff-row")
    assert [row.p.strong.text for row in rows] == ["03", "01", "02"]
    assert "2025-09-01" in rows[0].text
    assert soup.select_one("#diff-batches") is not None
    assert soup.select_one("#diff-categories") is None


def test_a_batch_taking_effect_tomorrow_is_absent_today_and_present_tomorrow(
    client, bilingual_site
):
    catalogue(
        bilingual_site.home_zh,
        batches=[batch("B1"), batch("B2", date(2026, 3, 11))],
        items=[lenient_item("01"), lenient_item("02", batch="B2")],
    )
    with time_machine.travel(datetime(2026, 3, 10, 23, 50, tzinfo=SHANGHAI)):
        assert numbers_on(client.get("/zh-hans/lenient-catalogue/")) == ["01"]
        upcoming = client.get("/zh-hans/lenient-catalogue/?status=upcoming")
        assert numbers_on(upcoming) == ["02"]
    with time_machine.travel(datetime(2026, 3, 11, 0, 10, tzinfo=SHANGHAI)):
        assert numbers_on(client.get("/zh-hans/lenient-catalogue/")) == ["01", "02"]


def test_a_catalogue_edit_goes_live_only_after_the_legal_reviewers_approval(
    bilingual_site,
):
    page = catalogue(bilingual_site.home_zh)
    editor = UserFactory()
    reviewer = UserFactory()
    workflow = ensure_legal_review_workflow()
    Group.objects.get(name=LEGAL_REVIEWERS_GROUP).user_set.add(reviewer)
    assert page.get_workflow() == workflow and page.has_workflow

    draft = page.get_latest_revision_as_object()
    first = draft.items.all()[0]
    first.violation = "店外经营（修订）"
    draft.items = [first, *draft.items.all()[1:]]
    draft.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    page.refresh_from_db()
    assert LenientItem.objects.get(page=page, number="01").violation == "店外经营"
    assert page.has_unpublished_changes

    task = state.current_task_state.task.specific
    assert task.get_actions(page, editor) == []  # the editor cannot approve
    assert [name for name, *_ in task.get_actions(page, reviewer)][:1] == ["reject"]
    state.current_task_state.approve(user=reviewer)
    page.refresh_from_db()
    assert not page.workflow_in_progress
    assert LenientItem.objects.get(page=page, number="01").violation == (
        "店外经营（修订）"
    )
    assert ListVersion.objects.filter(page=page).count() == 2


def test_every_catalogue_page_gets_the_legal_review_even_unassigned(bilingual_site):
    page = catalogue(bilingual_site.home_zh)
    workflow = page.get_workflow()
    assert workflow is not None
    task = workflow.tasks.first().specific
    assert [group.name for group in task.groups.all()] == [LEGAL_REVIEWERS_GROUP]
    assert ensure_legal_review_workflow([page]) == workflow  # idempotent


def test_bad_catalogue_input_is_rejected_row_by_row():
    batches = [
        {
            "code": "B1",
            "title": "第一批",
            "document_title": "清单",
            "effective_from": date(2024, 1, 1),
        },
    ]
    categories = [{"code": "MR", "name": "市容"}]
    laws = [
        {
            "name": "《旧办法》",
            "repealed_on": date(2024, 3, 1),
            "replaced_by": "《新条例》",
        }
    ]
    base = {
        "batch": "B1",
        "category": "MR",
        "violation": "v",
        "law": "《条例》",
        "article": "第一条",
        "conditions": "c",
        "measure": "m",
        "kind": "no_fine_first",
    }
    items = [
        {**base, "number": "01"},
        {**base, "number": "01"},  # duplicate number
        {**base, "number": "03", "category": "ZZ"},  # unknown category
        {**base, "number": "04", "valid_until": date(2023, 12, 31)},  # expiry first
        {**base, "number": "05", "law": "旧办法"},  # cites a repealed law
        {**base, "number": "06", "law": "", "article": ""},  # legal basis blank
        {**base, "number": "07", "law": "旧办法", "repealed_on": date(2024, 3, 1)},
    ]
    errors = validate_catalogue(batches, categories, laws, items)
    found = {(error.row, error.field) for error in errors}
    assert found == {
        (2, "number"),
        (3, "category"),
        (4, "valid_until"),
        (5, "law"),
        (6, "law"),
        (6, "article"),
    }
    message = next(e.message for e in errors if e.row == 5)
    assert "《旧办法》" in message and "《新条例》" in message


def test_a_catalogue_with_bad_rows_cannot_be_saved(bilingual_site):
    page = LenientCataloguePage(title="包容清单", slug="c")
    page.batches = [batch()]
    page.repealed_laws = [
        RepealedLaw(name="《城市市容和环境卫生管理条例》", repealed_on=date(2020, 1, 1))
    ]
    page.items = [lenient_item("01")]
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert any("was repealed on 2020-01-01" in m for m in raised.value.messages)


CATALOGUE_SHEETS = {
    "批次": [
        ["编码", "标题", "发布文件", "施行日期"],
        ["B1", "第一批", "清单", "2024-01-01"],
    ],
    "分类": [["编码", "分类名称"], ["MR", "市容环境卫生"], ["YL", "园林绿化"]],
}
ITEM_HEADERS = [
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
                ITEM_HEADERS,
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

    ok = workbook({**CATALOGUE_SHEETS, "事项": [ITEM_HEADERS, good]})
    refused = import_list(page, ok, dry_run=False, publish=True)
    assert not refused.ok and page.revisions.count() == revisions
    editor = UserFactory()
    result = import_list(page, ok, dry_run=False, submit=True, user=editor)
    assert result.ok and result.submitted and not result.published
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert LenientItem.objects.filter(page=page).count() == 4  # live rows unchanged


def test_demo_catalogue_has_three_batches_35_items_and_a_story_of_changes():
    from home import demo
    from notices.demo import catalogue as demo_catalogue

    demo.load(print)
    demo_catalogue.load(print)
    demo_catalogue.load(print)
    for language in ("zh-hans", "en"):
        page = LenientCataloguePage.objects.get(locale__language_code=language)
        assert page.is_demo and page.live and page.show_in_menus
        assert page.batches.count() == 3 and page.items.count() == 35
        old, new = ListVersion.objects.filter(page=page).order_by("number")
        diffs = {d.spec.name: d for d in diff_versions(old, new)}
        assert len(diffs["items"].added) == 11
        assert len(diffs["items"].changed) == 2 and len(diffs["items"].repealed) == 1
    page.full_clean()  # the demo passes its own checks


def test_catalogue_rows_show_the_editors_text_escaped_with_its_labels(
    client, bilingual_site
):
    catalogue(
        bilingual_site.home_zh,
        items=[
            lenient_item("01", violation="<b>店外</b>经营", correction_days=1),
            lenient_item("02", violation="旧条目", repealed_on=date(2024, 6, 1)),
        ],
    )
    html = client.get("/zh-hans/lenient-catalogue/").content.decode()
    assert "<b>店外</b>" not in html
    assert "&lt;b&gt;店外&lt;/b&gt;经营" in html
    soup = BeautifulSoup(html, "html.parser")
    first = soup.select_one("#item-01")
    assert first.select_one("strong").text == "<b>店外</b>经营"
    assert "1天内改正" in first.text
    assert "2024-01-01起施行" in first.text
    assert [td["data-label"] for td in first.select("td")] == [
        th.text for th in soup.select("thead th")
    ]
    assert soup.select_one("thead th").text == "编号"
    assert soup.select_one("#item-02") is None  # repealed items: on request only
    repealed = BeautifulSoup(
        client.get("/zh-hans/lenient-catalogue/?status=repealed").content,
        "html.parser",
    ).select_one("#item-02 .badge--repealed")
    assert repealed is not None and repealed.text.strip()

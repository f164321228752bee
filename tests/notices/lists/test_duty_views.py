"""The duty list's public views (notices/lists/duty_views.py): filters and search,
invalid filters named, downloads that hold what the page shows, permalinks, the
print view, and the community parts of the station page."""

import csv
import io
import json
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from openpyxl import load_workbook

from notices.lists.duties import CommunityDutyItem
from tests.conftest import publish
from tests.notices.list_builders import codes_on, duty_item, duty_list

pytestmark = pytest.mark.django_db


def test_filter_by_category_and_search(client, bilingual_site):
    duty_list(bilingual_site.home_zh)
    assert codes_on(client.get("/zh-hans/duties/?category=EH")) == ["EH-01"]
    assert codes_on(client.get("/zh-hans/duties/?q=占道")) == ["SR-01"]
    assert codes_on(client.get("/zh-hans/duties/?q=nothing-like-this")) == []


def test_invalid_filters_are_named_and_never_fail_the_page(client, bilingual_site):
    duty_list(bilingual_site.home_zh)
    response = client.get("/zh-hans/duties/?category=NOPE&status=whatever&q=占道")
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".error-summary").text
    assert "NOPE" in summary and "whatever" in summary
    assert codes_on(response) == ["SR-01"]  # the valid search still applies
    download = client.get("/zh-hans/duties/download/csv/?category=NOPE")
    assert download.status_code == 400


def test_downloads_hold_exactly_what_the_page_shows(client, bilingual_site):
    duty_list(bilingual_site.home_zh)
    query = "?category=SR"
    shown = codes_on(client.get(f"/zh-hans/duties/{query}"))
    assert shown == ["SR-01"]
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/zh-hans/duties/download/csv/{query}").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert csv_rows[0][:3] == ["编码", "分类", "标题"]
    assert [row[0] for row in csv_rows[1:]] == shown
    assert csv_rows[1][5] == "30分钟内"
    sheet = load_workbook(
        io.BytesIO(client.get(f"/zh-hans/duties/download/xlsx/{query}").content)
    ).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == shown
    data = json.loads(client.get(f"/zh-hans/duties/download/json/{query}").content)
    assert [item["code"] for item in data["items"]] == shown
    assert data["filters"] == {"category": "SR"} and data["count"] == 1


def test_each_item_has_a_permalink(client, bilingual_site):
    duty_list(bilingual_site.home_zh)
    soup = BeautifulSoup(client.get("/zh-hans/duties/").content, "html.parser")
    link = soup.select_one("#item-EH-01 a")["href"]
    assert link == "/zh-hans/duties/items/EH-01/"
    page = BeautifulSoup(client.get(link).content, "html.parser")
    assert "楼道堆物清理" in page.h1.text
    assert "3个工作日内" in page.select_one(".item-facts").text
    assert client.get("/zh-hans/duties/items/NOPE-1/").status_code == 404


def test_print_view_has_the_list_without_the_filters(client, bilingual_site):
    duty_list(bilingual_site.home_zh)
    soup = BeautifulSoup(
        client.get("/zh-hans/duties/print/?category=EH").content, "html.parser"
    )
    assert soup.select_one("body.list-print")
    assert soup.select_one("form.list-filters") is None
    assert [row["id"] for row in soup.select("tr.list-row")] == ["item-EH-01"]


def community(bilingual_site):
    from notices.stations.community import CommunityPage
    from notices.stations.pages import DistrictPage, StationIndexPage, SubdistrictPage

    parent = bilingual_site.home_zh
    for model, slug in (
        (StationIndexPage, "stations"),
        (DistrictPage, "gulou"),
        (SubdistrictPage, "jiefang"),
        (CommunityPage, "heping"),
    ):
        page = model(title=f"{slug}社区" if model is CommunityPage else slug, slug=slug)
        parent.add_child(instance=page)
        parent = publish(page)
    return parent


def test_community_items_and_notes_show_next_to_the_citywide_list(
    client, bilingual_site
):
    from django.template import Context, Template

    duty_list(bilingual_site.home_zh)
    place = community(bilingual_site)
    CommunityDutyItem.objects.create(
        community=place,
        title="周三上午受理装修备案",
        handling_class="immediate",
        response_amount=1,
        response_unit="hours",
    )
    CommunityDutyItem.objects.create(
        community=place, relates_to="SR-01", note="本社区划定了早餐便民点"
    )
    CommunityDutyItem.objects.create(
        community=place,
        title="明年才有的事项",
        handling_class="immediate",
        effective_from=date(2099, 1, 1),
    )
    with translation.override("zh-hans"):
        html = Template("{% load duty_lists %}{% community_duties page %}").render(
            Context({"page": place})
        )
    soup = BeautifulSoup(html, "html.parser")
    own = soup.select(".community-duties__list")[0].text
    assert "周三上午受理装修备案" in own and "1小时内" in own
    assert "明年才有的事项" not in html
    note = soup.select(".community-duties__list")[1]
    assert note.a["href"] == "/zh-hans/duties/items/SR-01/"
    assert "本社区划定了早餐便民点" in note.text


def test_three_lists_show_duties_requests_and_staff_for_a_community(
    client, bilingual_site
):
    duty_list(bilingual_site.home_zh)
    place = community(bilingual_site)
    response = client.get(f"/zh-hans/communities/{place.pk}/lists/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    handled = soup.select_one("#three-lists-handle").parent.text
    assert "占道经营劝导" in handled and "楼道堆物清理" in handled
    assert soup.select_one("#three-lists-asked") is not None
    assert soup.select_one("#three-lists-staff") is not None
    assert client.get("/zh-hans/communities/999999/lists/").status_code == 404


def test_each_handling_class_is_explained_and_filters_the_list(client, bilingual_site):
    duty_list(
        bilingual_site.home_zh,
        items=[
            duty_item("SR-01", title="占道经营劝导"),
            duty_item("EH-01", "EH", title="楼道堆物清理", handling_class="coordinate"),
            duty_item("SR-02", title="违建举报", handling_class="escalate"),
        ],
    )
    soup = BeautifulSoup(client.get("/zh-hans/duties/").content, "html.parser")
    classes = soup.select_one(".handling__classes")
    labels = [dt.text.strip() for dt in classes.select("dt")]
    assert labels == ["立即办", "协调办", "上报办"]
    explained = [dd.text for dd in classes.select("dd")]
    assert "当场" in explained[0] and "物业" in explained[1] and "区" in explained[2]
    links = [dt.a["href"] for dt in classes.select("dt")]
    assert links == [
        "/zh-hans/duties/?handling=immediate",
        "/zh-hans/duties/?handling=coordinate",
        "/zh-hans/duties/?handling=escalate",
    ]
    assert codes_on(client.get(links[1])) == ["EH-01"]
    assert codes_on(client.get(links[2])) == ["SR-02"]
    # Combined with the other filters, and kept by the class links.
    response = client.get("/zh-hans/duties/?handling=immediate&category=SR")
    assert codes_on(response) == ["SR-01"]
    soup = BeautifulSoup(response.content, "html.parser")
    chosen = soup.select_one(".handling__classes a[aria-current]")
    assert chosen.text == "立即办"
    assert chosen["href"] == "/zh-hans/duties/?category=SR"  # tap again: all classes
    assert soup.select_one("select[name=handling] option[selected]")["value"] == (
        "immediate"
    )
    data = json.loads(
        client.get("/zh-hans/duties/download/json/?handling=coordinate").content
    )
    assert [item["code"] for item in data["items"]] == ["EH-01"]


def test_an_unknown_handling_class_is_ignored(client, bilingual_site):
    """A class that is not one shows the whole list; a value no browser sends (a
    NUL, a kilobyte) is a 400 that still shows the whole list."""
    duty_list(bilingual_site.home_zh)
    for value, status in (
        ("urgent", 200),
        ("立即办", 200),
        ("%00", 400),
        ("x" * 1001, 400),
    ):
        response = client.get(f"/zh-hans/duties/?handling={value}")
        assert response.status_code == status, value
        assert codes_on(response) == ["SR-01", "EH-01"], value
    assert client.get("/zh-hans/duties/?handling=urgent").status_code == 200


def test_the_handling_classes_are_explained_in_english(client, bilingual_site):
    from tests.conftest import translate

    page = duty_list(bilingual_site.home_zh)
    translate(page, bilingual_site.en, title="Duty list")
    soup = BeautifulSoup(client.get("/en/duties/").content, "html.parser")
    terms = [dt.text.strip() for dt in soup.select(".handling__classes dt")]
    assert terms == ["Handle at once", "Coordinate with others", "Escalate"]
    first = soup.select_one(".handling__classes dd").text
    assert first.startswith("The station's own staff")


def test_three_lists_fold_what_the_station_handles_by_category(client, bilingual_site):
    duty_list(
        bilingual_site.home_zh,
        items=[
            duty_item("SR-01", title="占道经营劝导"),
            duty_item("EH-01", "EH", title="楼道堆物清理"),
            duty_item("SR-02", title="店外经营"),
        ],
    )
    place = community(bilingual_site)
    CommunityDutyItem.objects.create(
        community=place, title="周三上午受理装修备案", handling_class="immediate"
    )
    soup = BeautifulSoup(
        client.get(f"/zh-hans/communities/{place.pk}/lists/").content, "html.parser"
    )
    card = soup.select_one("#three-lists-handle").parent
    groups = card.select("details.three-lists__group")
    assert [g.summary.contents[0].strip() for g in groups] == ["市容秩序", "环境卫生"]
    assert not any(g.has_attr("open") for g in groups)
    assert [a.text for a in groups[0].select("a")] == ["占道经营劝导", "店外经营"]
    assert groups[0].a["href"] == "/zh-hans/duties/items/SR-01/"
    assert "2项" in groups[0].summary.text

"""The lenient catalogue's public views (notices/lists/catalogue_views.py): filters on a
phone with downloads that match, invalid filters explained, the editors' text
escaped with its labels."""

import csv
import io
import json
from datetime import date

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from tests.notices.list_builders import batch, catalogue, codes_on, lenient_item

pytestmark = pytest.mark.django_db


PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)


def test_a_resident_filters_first_violations_in_force_on_a_phone_and_downloads_match(
    client, bilingual_site
):
    catalogue(bilingual_site.home_zh)
    query = "?type=no_fine_first&status=in_force"
    page = client.get(f"/zh-hans/lenient-catalogue/{query}", HTTP_USER_AGENT=PHONE)
    assert page.status_code == 200
    shown = codes_on(page)
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
    assert codes_on(client.get(base)) == ["01", "02"]
    assert codes_on(client.get(f"{base}?status=repealed")) == ["03"]
    # Shown by category (MR, then YL), each in the catalogue's order.
    assert codes_on(client.get(f"{base}?status=all")) == ["01", "03", "02"]
    assert codes_on(client.get(f"{base}?batch=B2")) == ["02"]
    assert codes_on(client.get(f"{base}?category=MR")) == ["01"]
    assert codes_on(client.get(f"{base}?q=违法行为02")) == ["02"]


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

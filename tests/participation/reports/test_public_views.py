"""The public side of reports (participation/reports/public_views.py): the published
list shows only the redacted text, photos only when approved, statistics as SVG with
tables, and planted personal data on no public page, feed, sitemap, search or API."""

import pytest
from bs4 import BeautifulSoup

from participation.photos import clean_photo
from participation.reports.categories import find_item
from participation.reports.publication import publish
from participation.reports.submitting import submit_report
from tests.participation.report_builders import (
    PLANTED_NAME,
    PLANTED_PHONE,
    jpeg_with_gps,
    make_report,
)
from tests.participation.test_photos import upload

pytestmark = pytest.mark.django_db


def test_the_public_list_shows_only_the_redacted_text(client, world, planted):
    response = client.get(f"/zh-hans/report/community/{world.a.pk}/")
    page = response.content.decode()
    assert "楼道堆物已清理" in page and "3号楼楼道堆物,已清理。" in page
    assert PLANTED_NAME not in page and PLANTED_PHONE not in page
    assert client.get(f"/zh-hans/report/community/{world.b.pk}/").status_code == 200


def test_photos_are_public_only_when_approved_and_published(client, world, officer):
    submitted = make_report(world.a)
    cleaned = clean_photo(upload(jpeg_with_gps()))
    with_photo = submit_report(
        community=world.a,
        item=find_item("EH-01"),
        description="d",
        location="l",
        photos=[cleaned],
    ).report
    picture = with_photo.photos.get()
    assert client.get(f"/zh-hans/report/photos/{picture.pk}/").status_code == 404
    publish(with_photo, by=officer, title="标题", text="正文")
    assert client.get(f"/zh-hans/report/photos/{picture.pk}/").status_code == 404
    publish(
        with_photo, by=officer, title="标题", text="正文", public_photo_ids=[picture.pk]
    )
    assert client.get(f"/zh-hans/report/photos/{picture.pk}/").status_code == 200
    assert submitted.report.photos.count() == 0


def test_statistics_pages_draw_svg_charts_with_tables(client, world, planted):
    for url in (
        "/zh-hans/report/statistics/",
        f"/zh-hans/report/statistics/{world.district.pk}/",
        f"/en/report/statistics/{world.a.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        soup = BeautifulSoup(response.content, "html.parser")
        charts = soup.select("svg.report-chart[role=img]")
        assert len(charts) == 3 and all(chart.title for chart in charts)
        assert soup.select("table th[scope=row]")
        assert not soup.select("[style]")
        page = response.content.decode()
        assert PLANTED_NAME not in page and PLANTED_PHONE not in page
    assert client.get("/zh-hans/report/statistics/999999/").status_code == 404


def test_the_monthly_table_heads_its_counts_as_counts(client, world, planted):
    soup = BeautifulSoup(
        client.get("/zh-hans/report/statistics/").content, "html.parser"
    )
    table = soup.find(id="by-month").find_parent("section").select("thead th")
    headings = [th.text for th in table]
    assert headings == ["月份", "收到件数", "办结件数"]


def test_planted_personal_data_is_on_no_public_page_feed_sitemap_search_or_api(
    client, world, planted
):
    public = [
        "/zh-hans/",
        "/en/",
        f"/zh-hans/report/community/{world.a.pk}/",
        "/zh-hans/report/statistics/",
        f"/zh-hans/report/statistics/{world.a.pk}/",
        "/sitemap.xml",
        f"/zh-hans/search/?q={PLANTED_NAME}",
        f"/zh-hans/search/?q={PLANTED_PHONE}",
        "/zh-hans/feeds/notices/",
        "/api/v2/pages/?limit=50",
        f"/api/v2/pages/{world.a.pk}/",
        "/api/open311/v2/requests.json",
        f"/api/open311/v2/requests/{planted.reference}.json",
        "/api/open311/v2/services.json",
        world.a.url,
        f"/zh-hans/report/?community={world.a.pk}",
    ]
    for url in public:
        response = client.get(url, follow=True)
        body = response.content.decode()
        if "/search/" in url:
            # The page repeats the query; the results must not hold it.
            soup = BeautifulSoup(body, "html.parser")
            body = " ".join(r.get_text() for r in soup.select(".results"))
        assert response.status_code in (200, 404), url
        assert PLANTED_NAME not in body, url
        assert PLANTED_PHONE not in body, url
        assert "secret@example.org" not in body, url

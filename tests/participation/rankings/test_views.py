"""The public ranking pages (participation/rankings/views.py): the latest month with
its red and black lists, every kept month by address, the method, and no 500 on a
made-up month."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from participation.rankings.computing import compute_month
from participation.reports.models import Report
from tests.notices.station_builders import community
from tests.participation.report_builders import make_report

pytestmark = pytest.mark.django_db

MONTH = date(2026, 10, 1)


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def answered(page, on_time: int, late: int):
    """Reports of October 2026 answered on time or late (nothing else counted)."""
    for n in range(on_time + late):
        report = make_report(page).report
        due = datetime(2026, 10, 4 + n, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
        Report.objects.filter(pk=report.pk).update(
            created_at=due - timedelta(hours=30),
            response_due=due,
            first_response_at=due - timedelta(hours=1)
            if n < on_time
            else due + timedelta(hours=5),
            completion_due=None,
        )


@pytest.fixture
def ranked(world):
    """Seven stations with 3 reports each, answered on time 3, 3, 2, 2, 1, 1, 0
    times; one more station with a single report (not ranked)."""
    pages = [world.a, world.b] + [
        community(world.subdistrict, f"排名社区{n}", f"rank-{n}") for n in range(6)
    ]
    for page, on_time in zip(pages[:7], [3, 3, 2, 2, 1, 1, 0], strict=True):
        answered(page, on_time, 3 - on_time)
    answered(pages[7], 1, 0)
    compute_month(MONTH)
    compute_month(date(2026, 9, 1))
    return pages


def test_the_latest_month_lists_red_and_black_and_every_station(client, ranked):
    page = soup(client, "/zh-hans/rankings/")
    assert "2026-10" in page.h1.text
    red = [li.a.text for li in page.select("#red-list + ol li")]
    black = [li.a.text for li in page.select("#black-list + ol li")]
    assert red[:2] == sorted([ranked[0].title, ranked[1].title])
    assert black[0] == ranked[6].title
    assert not set(red) & set(black)
    rows = page.select(".ranking-table tbody tr")
    assert len(rows) == 8
    first = [cell.text.strip() for cell in rows[0].find_all(["td", "th"])]
    assert first[0] == "1"
    assert first[2] == "100.0"
    assert first[3] == "100.0% (3/3)"
    last = [cell.text.strip() for cell in rows[-1].find_all(["td", "th"])]
    assert last[1] == ranked[7].title
    assert last[0] == "未排名"
    # Every kept month has its address; the current one is marked.
    months = page.select("#months + ul li")
    assert [li.text for li in months] == ["2026-10", "2026-09"]
    assert months[0].find(attrs={"aria-current": "page"})
    assert months[1].a["href"] == "/zh-hans/rankings/2026-09/"
    method = page.find(id="method").parent.text
    assert "按时答复 3" in method and "按时办结 4" in method


def test_a_past_month_keeps_its_own_table(client, ranked):
    page = soup(client, "/zh-hans/rankings/2026-09/")
    assert "2026-09" in page.h1.text
    assert not page.select("#red-list")  # nothing was due in September
    cells = [row.td.text.strip() for row in page.select(".ranking-table tbody tr")]
    assert set(cells) == {"未排名"}


def test_the_english_page_reads_in_english(client, ranked):
    page = soup(client, "/en/rankings/")
    assert page.html["lang"] == "en"
    assert page.h1.text.startswith("Station ranking")
    assert "How it is computed" in page.text


@pytest.mark.parametrize(
    "month", ["2026-13", "2026-00", "1999-01", "abc", "2026-1", "2025-01", "²⁰²⁶-10"]
)
def test_a_month_never_ranked_or_not_a_month_is_not_found(client, ranked, month):
    assert client.get(f"/zh-hans/rankings/{month}/").status_code == 404


def test_before_any_month_is_ranked_the_page_says_so(client, world):
    page = soup(client, "/zh-hans/rankings/")
    assert "尚未有月度排名" in page.select_one("main").text

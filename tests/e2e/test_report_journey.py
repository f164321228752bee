"""Journey: a resident finds her station (by search and on the map page), opens its
wall poster, follows the poster's QR address to the report form, reports a problem
with a photo, keeps the reference and tracking link; staff of that community triage
and answer in the admin; the resident reads the answer and rates it. At phone and
desktop size, and at phone size with JavaScript off."""

import re

import pytest
import segno
from playwright.sync_api import expect

from notices.stations.poster import POSTER_QR_BORDER
from participation.models import Report, ReportState
from tests.e2e.builders import (
    admin_screenshot,
    admin_session,
    current_site,
    jpeg,
    stations,
    zh,
)
from tests.e2e.conftest import DESKTOP, PHONE
from tests.participation.report_builders import staff_user

REPLY = "已联系物业,明天上午清理楼道。"
RESOLUTION = "楼道杂物已清理完毕。"


@pytest.fixture
def town(forms_site):
    return stations(current_site())


def qr_path(svg: str) -> str:
    return re.search(r'<path[^>]* d="([^"]+)"', svg).group(1)


def find_station(visit, town, by_map: bool):
    """From the home page to the community page of 黄河社区."""
    page = visit.page
    visit.goto("/zh-hans/")
    visit.open_menu()
    page.get_by_role("link", name="找驻点").first.click()
    assert page.locator("h1").inner_text() == "找驻点"
    if by_map:
        page.get_by_role("link", name=zh("Stations on a map")).click()
        assert page.locator("h1").inner_text() == zh("Stations on a map")
        page.get_by_role("link", name="黄河区").click()  # one district at a time
        assert page.locator("h1").inner_text() == "黄河区"
        offer = page.get_by_role("button", name=zh("Show the stations on a map"))
        if visit.javascript:
            # Asked for by the link: Leaflet loads and draws the district's stations.
            expect(page.locator("#station-map .leaflet-interactive")).to_have_count(
                2  # the two communities of the town
            )
            # Both stand on one spot in this town: the one drawn last is on top.
            page.locator("#station-map .leaflet-interactive").last.click()
            popup = page.locator("#station-map .leaflet-popup-content")
            expect(popup.get_by_role("link", name="滨湖社区")).to_be_visible()
            expect(page.locator("#station-map .leaflet-popup")).to_have_css(
                "opacity", "1"
            )
            assert not offer.is_visible()
            assert visit.axe_violations() == []  # the map and its open popup
        else:
            assert offer.count() == 0 or not offer.is_visible()
        visit.screenshot("station-map")
        page.locator(".station-cards").get_by_role("link", name="黄河社区").click()
    else:
        page.get_by_label(zh("Community or street name")).fill("hh")
        page.locator(".station-search button").click()
        results = page.locator(".station-results")
        assert "黄河社区" in results.inner_text()
        visit.screenshot("station-search")
        results.get_by_role("link", name="黄河社区").click()
    assert page.locator("h1").inner_text() == "黄河社区"
    visit.screenshot("community")


def follow_the_poster(visit, town, live_site) -> None:
    """The poster's QR code holds the report address of this community; go there."""
    page = visit.page
    page.get_by_role("link", name=zh("Printable A4 poster")).click()
    assert page.locator("h1").inner_text() == "黄河社区"
    visit.screenshot("poster")
    address = f"{live_site.url}/zh-hans/report/?community={town.community.pk}"
    printed = page.locator("svg.poster__qr-code").evaluate("svg => svg.outerHTML")
    expected = segno.make(address, error="m", micro=False).svg_inline(
        border=POSTER_QR_BORDER
    )
    assert qr_path(printed) == qr_path(expected)
    page.goto(address)


def send_report(visit, town) -> tuple[str, str]:
    page = visit.page
    # The QR address carries only its community: a hidden field, shown by name.
    assert page.locator("input[name=community]").input_value() == str(town.community.pk)
    assert "黄河社区" in page.locator(".report-community").inner_text()
    assert "黄河社区城管工作站" in page.locator(".report .lead").inner_text()
    page.get_by_label(zh("What is it about?")).select_option("EH-01")
    page.get_by_label(zh("Where exactly?")).fill("3号楼2单元楼道")
    page.get_by_label(zh("What happened?")).fill(
        "楼道里堆满了纸箱和旧家具,老人通行困难。"
    )
    page.locator("input[name=photos]").set_input_files(
        [{"name": "corridor.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}]
    )
    visit.screenshot("report-form-filled")
    page.get_by_role("button", name=zh("Send report")).click()
    confirmation = page.locator(".report-confirmation")
    assert zh("Thank you: your report has been received") in (confirmation.inner_text())
    reference = page.locator(".report-reference").inner_text()
    link = page.locator(".report-link a").get_attribute("href")
    assert reference in page.locator("h1").inner_text()
    assert page.locator(".report-photos img").count() == 1
    visit.screenshot("report-confirmation")
    return reference, link


def staff_answer(browser, live_site, town, reference: str) -> None:
    """Staff of 黄河社区 accept, triage, reply and resolve in the Wagtail admin."""
    user = staff_user(
        town.community, "view_report", "change_report", username="huanghe_staff"
    )
    with admin_session(browser, live_site.url, user) as page:
        page.goto(f"{live_site.url}/admin/reports/")
        with page.expect_navigation():
            page.get_by_role("link", name=reference).click()

        def act(name: str, fill=None):
            form = page.locator(f"form[action$='/{name}/']")
            details = form.locator("xpath=ancestor::details")
            if details.count():
                details.locator("summary").click()
            if fill:
                fill(form)
            # How the problem was handled (721): service, chosen on the first action
            # and offered again after it.
            service = form.locator("input[name$='handling_mode'][value='service']")
            service.check()
            with page.expect_navigation():
                form.locator("button[type=submit]").click()

        act("accept")
        act("triage", lambda f: f.locator("select").select_option("small"))
        act("reply", lambda f: f.locator("textarea").fill(REPLY))
        act("resolve", lambda f: f.locator("textarea").fill(RESOLUTION))
        log = page.locator("table.listing").inner_text()
        assert REPLY in log and RESOLUTION in log
        admin_screenshot(page, "report-admin-answered")  # desktop: staff use a PC
    report = Report.objects.get(reference=reference)
    assert report.state == ReportState.RESOLVED
    assert report.handling_mode == "service"


def read_and_rate(visit, link: str, reference: str) -> None:
    page = visit.page
    page.goto(link)
    timeline = page.locator(".report-timeline").inner_text()
    assert REPLY in timeline and RESOLUTION in timeline
    assert "黄河社区城管工作站" in timeline  # signed by the station, not a person
    assert "huanghe_staff" not in page.content()
    visit.screenshot("tracking-answered")
    rating = page.locator("form[action$='/rate/']")
    rating.get_by_label(zh("4 — satisfied")).check()
    rating.locator("textarea").fill("处理及时。")
    rating.get_by_role("button", name=zh("Send rating")).click()
    assert (
        zh("Thank you for your rating.") in page.locator("[role=status]").inner_text()
    )
    assert page.locator("form[action$='/rate/']").count() == 0
    visit.screenshot("tracking-rated")

    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert f"Report {reference}" in page.locator("h1").inner_text()
    assert REPLY in page.locator(".report-timeline").inner_text()
    visit.screenshot("tracking-en")
    report = Report.objects.get(reference=reference)
    assert report.rating == 4 and report.rating_comment == "处理及时。"


@pytest.mark.parametrize(
    ("viewport", "javascript", "by_map"),
    [(PHONE, True, False), (DESKTOP, True, True), (PHONE, False, True)],
    ids=["phone-search", "desktop-map", "phone-no-js-map"],
)
def test_find_station_report_with_photo_staff_answer_and_rating(
    journey, browser, live_site, town, viewport, javascript, by_map, request
):
    label = request.node.callspec.id
    visit = journey(viewport=viewport, javascript=javascript, name=f"report-{label}")
    find_station(visit, town, by_map)
    follow_the_poster(visit, town, live_site)
    reference, link = send_report(visit, town)
    assert link.startswith(live_site.url) and "/zh-hans/report/track/" in link
    report = Report.objects.get(reference=reference)
    assert report.community_id == town.community.pk
    assert report.photos.count() == 1

    staff_answer(browser, live_site, town, reference)
    read_and_rate(visit, link, reference)
    assert visit.outside == []
    assert visit.csp_errors == []

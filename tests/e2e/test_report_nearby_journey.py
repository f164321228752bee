"""Journey with JavaScript: a resident about to report corridor clutter places a pin
on the map 30 m from a report of the same category; the form lists it ("附近已有人反映")
from the site's JSON as soon as pin and category are set; she presses 我也遇到了 and
is counted in, and no second report is stored. The same with "use my location"."""

import pytest
from playwright.sync_api import expect

from participation.models import Report, ReportSupporter
from tests.e2e.builders import current_site, stations, zh
from tests.e2e.conftest import DESKTOP, PHONE
from tests.participation.report_builders import PLANTED_NAME, make_report


@pytest.fixture
def town(forms_site):
    town = stations(current_site())
    lat, lng = town.community.latitude, town.community.longitude
    # 30 m north of the station, where the pin map opens.
    town.first = make_report(
        town.community,
        name=PLANTED_NAME,
        consent=True,
        latitude=f"{float(lat) + 0.00027:.6f}",
        longitude=f"{float(lng):.6f}",
    ).report
    return town


@pytest.mark.parametrize("how", ["pin", "gps"])
def test_a_pin_30_m_away_offers_the_first_report_and_support_stores_none(
    journey, town, how
):
    visit = journey(PHONE if how == "gps" else DESKTOP, javascript=True)
    page = visit.page
    visit.goto(f"/zh-hans/report/?community={town.community.pk}")
    page.get_by_label(zh("What is it about?")).select_option("EH-01")
    nearby = page.locator("#report-nearby")
    assert not nearby.is_visible()
    if how == "pin":
        page.get_by_role("button", name=zh("Place a pin on the map")).click()
        pin_map = page.locator(".report-pin-map")
        expect(pin_map).to_be_visible()
        pin_map.click()  # the centre: the station's point
        expect(page.locator(".report-pin-map .leaflet-marker-icon")).to_have_count(1)
    else:
        visit.context.grant_permissions(["geolocation"])
        visit.context.set_geolocation(
            {
                "latitude": float(town.community.latitude),
                "longitude": float(town.community.longitude),
            }
        )
        page.get_by_role("button", name=zh("Use my location")).click()
    expect(nearby).to_be_visible()
    assert page.locator("input[name=latitude]").input_value()
    assert "约 30 米" in nearby.inner_text()
    assert PLANTED_NAME not in nearby.inner_text()
    assert visit.axe_violations() == []
    visit.screenshot(f"nearby-{how}")

    nearby.get_by_role("button", name=zh("I have this problem too")).click()
    expect(page.locator(".report-confirmation h2")).to_have_text(
        zh("Thank you: you are counted in")
    )
    visit.screenshot(f"supported-{how}")
    assert Report.objects.count() == 1
    assert ReportSupporter.objects.get().report == town.first
    assert visit.outside == [] and visit.csp_errors == []

"""The station's wall poster as it prints on A4 (print media, the page's 190 mm ×
277 mm inside its margins): the QR code at least 6 cm wide and scannable, every
staff member on the page, and the page filled, with few staff and with many."""

import io

import pytest
from PIL import Image

from tests.e2e.builders import current_site
from tests.e2e.conftest import SCREENSHOTS
from tests.notices.station_builders import small_tree, staff

MM = 96 / 25.4  # CSS pixels per millimetre
A4_INSIDE_MARGINS = {"width": round(190 * MM), "height": round(277 * MM)}


def poster_page(members: int):
    _index, _district, _sub, pages = small_tree(
        current_site(), communities=1, staff_per_community=members
    )
    page = pages[0]
    leader = staff("L1", current_site().zh, name="李局长", role="bureau_leader")
    page.bureau_leader = leader
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    "members", [1, 6, 12, 14], ids=["few", "some", "many", "fullest"]
)
def test_the_printed_poster_has_a_large_qr_code_and_fills_the_page(
    browser, live_site, members
):
    zxingcpp = pytest.importorskip("zxingcpp")
    page = poster_page(members)
    context = browser.new_context(viewport=A4_INSIDE_MARGINS, device_scale_factor=2)
    try:
        tab = context.new_page()
        tab.goto(live_site.url + page.url + "poster/")
        tab.emulate_media(media="print")
        poster = tab.locator(".poster").bounding_box()
        assert poster["height"] / MM <= 277

        SCREENSHOTS.mkdir(exist_ok=True)
        picture = tab.screenshot(
            full_page=True, path=str(SCREENSHOTS / f"poster-print-{members}.png")
        )
        shot = Image.open(io.BytesIO(picture))
        (code,) = zxingcpp.read_barcodes(shot)
        assert code.text == f"{live_site.url}/zh-hans/report/?community={page.pk}"
        corners = code.position
        symbol_mm = (corners.top_right.x - corners.top_left.x) / 2 / MM
        assert symbol_mm >= 60, f"the code is {symbol_mm / 10:.1f} cm wide"

        people = tab.locator(".poster__person")
        assert people.count() == members + 1
        staff_box = tab.locator(".poster__staff").bounding_box()
        bottoms = [
            people.nth(n).bounding_box()["y"] + people.nth(n).bounding_box()["height"]
            for n in range(people.count())
        ]
        assert max(bottoms) <= staff_box["y"] + staff_box["height"]  # none cut off
        footer = tab.locator(".poster__foot").bounding_box()
        # The footer sits at the foot of the sheet: the page is used to its end.
        assert footer["y"] + footer["height"] >= poster["height"] - 2 * MM
        last_person = max(bottoms)
        columns = tab.locator(".poster__columns").bounding_box()
        # No third of the sheet left blank between the staff and what follows.
        assert columns["y"] - last_person < poster["height"] / 3
    finally:
        context.close()

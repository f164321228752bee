"""Every resident feature two taps from the home page on a 360-px phone, with and
without JavaScript (the header's menu folds into a button that needs no script), and
a header that takes at most a fifth of the phone's first screen."""

import pytest

from tests.conftest import publish
from tests.e2e.builders import current_site, everything

SMALL_PHONE = {"width": 360, "height": 640}


@pytest.fixture
def town(forms_site):
    town = everything(current_site())
    # The published sections are in the menu, as editors set them up in the demo.
    for role in ("duties", "lenient", "notices", "events"):
        for page in (getattr(town, role), town.en[role]):
            page.show_in_menus = True
            publish(page)
    return town


def destinations(town, language: str) -> list[str]:
    def url(role):
        page = town.en[role] if language == "en" else getattr(town, role)
        return page.url

    return [
        url("directory"),
        f"/{language}/report/",
        url("duties"),
        url("lenient"),
        url("notices"),
        url("events"),
        f"/{language}/volunteer/",
        f"/{language}/roundtables/",
        f"/{language}/report/statistics/",
    ]


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_feature_is_two_taps_from_home_on_a_phone(
    journey, town, language, javascript
):
    visit = journey(viewport=SMALL_PHONE, javascript=javascript)
    unreached = []
    for path in destinations(town, language):
        visit.goto(f"/{language}/")
        visit.page.locator(".phone-menu summary").click()  # tap 1
        link = visit.page.locator(f'.phone-menu a[href="{path}"]')
        if not link.is_visible():
            unreached.append(path)
            continue
        link.click()  # tap 2
        visit.page.wait_for_url(f"**{path}")
        if visit.page.locator("h1").count() != 1:
            unreached.append(path)
    assert unreached == []
    assert visit.outside == []


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_header_takes_at_most_a_fifth_of_the_first_screen(journey, town, language):
    visit = journey(viewport=SMALL_PHONE)
    visit.goto(f"/{language}/")
    height = visit.page.locator("header.site-header").bounding_box()["height"]
    assert height <= SMALL_PHONE["height"] / 5
    # The menu's entries are not on the first screen until asked for.
    assert not visit.page.locator(".phone-menu .main-menu").is_visible()
    visit.page.locator(".phone-menu summary").click()
    assert visit.page.locator(".phone-menu .main-menu").is_visible()

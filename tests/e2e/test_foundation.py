"""Journey: a resident opens the portal, switches language and elderly mode."""

import pytest

from tests.e2e.conftest import DESKTOP, PHONE


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_language_switch_and_elderly_mode_without_javascript(journey, viewport):
    visit = journey(viewport=viewport, javascript=False)
    visit.goto("/")
    page = visit.page
    assert page.url.endswith("/zh-hans/")
    assert page.locator("h1").inner_text() == "城市管理进社区"
    visit.screenshot("home-zh")

    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_text("Skip to main content").count() == 1

    if viewport["width"] < 768:  # on a phone the text size is in the menu
        page.locator(".phone-menu summary").click()
    page.get_by_role("link", name="Large text (elderly mode)").click()
    assert page.url.endswith("/en/")
    assert "mode-elderly" in page.locator("html").get_attribute("class")
    visit.screenshot("home-en-elderly")

    page.get_by_role("link", name="简体中文").click()
    assert page.url.endswith("/zh-hans/")
    assert "mode-elderly" in page.locator("html").get_attribute("class")
    if viewport["width"] < 768:
        page.locator(".phone-menu summary").click()
    assert page.get_by_role("link", name="标准字号").count() == 1
    assert visit.outside == []
    assert visit.csp_errors == []
    assert visit.horizontal_overflow() <= 0


@pytest.mark.parametrize("display", ["standard", "elderly"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_home_page_has_no_accessibility_violations(
    journey, live_site, language, display
):
    visit = journey()
    if display == "elderly":
        visit.context.add_cookies(
            [{"name": "portal_display", "value": "elderly", "url": live_site.url}]
        )
    visit.goto(f"/{language}/")
    assert visit.axe_violations() == []
    assert visit.horizontal_overflow() <= 0


def test_skip_link_is_first_and_focus_is_visible(journey):
    visit = journey()
    visit.goto("/zh-hans/")
    visit.page.keyboard.press("Tab")
    focused = visit.page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "跳到主要内容"
    outline = visit.page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle"
    )
    assert outline != "none"
    visit.screenshot("skip-link-focused")

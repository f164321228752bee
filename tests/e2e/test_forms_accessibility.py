"""Forms a resident fills in: the report form by keyboard alone with a visible focus
ring on every stop, and on every public form, errors announced in a summary that
takes the focus and links to each field, the fields marked invalid and described by
their error."""

import pytest

from participation.models import Report
from tests.e2e.builders import (
    add_events,
    add_meeting,
    add_team,
    current_site,
    stations,
    zh,
)
from tests.e2e.conftest import PHONE

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), name: el.name || '', type: el.type || '',
    text: (el.textContent || '').trim().slice(0, 30), value: el.value || '',
    ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
      || style.boxShadow !== 'none',
    onScreen: box.bottom > 0 && box.top < innerHeight && box.width > 0,
  };
}"""


@pytest.fixture
def town(forms_site):
    town = stations(current_site())
    add_events(town)
    add_team(town)
    town.meeting = add_meeting(town)
    return town


@pytest.mark.parametrize("display", ["standard", "elderly"])
def test_report_form_by_keyboard_alone_with_visible_focus(
    journey, live_site, town, display
):
    visit = journey(viewport=PHONE, name=f"keyboard-{display}")
    visit.context.add_cookies(
        [{"name": "portal_display", "value": display, "url": live_site.url}]
    )
    visit.goto(f"/zh-hans/report/?community={town.community.pk}")
    page = visit.page
    keyboard = page.keyboard
    stops = []
    for _ in range(80):
        keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        stops.append(focus)
        assert focus["ring"], f"no visible focus on {focus}"
        assert focus["onScreen"], f"focus off screen on {focus}"
        if focus["name"] == "category":
            while page.locator("select[name=category]").input_value() != "EH-01":
                keyboard.press("ArrowDown")
        elif focus["name"] == "location":
            keyboard.type("3号楼2单元")
        elif focus["name"] == "description":
            keyboard.type("楼道堆满杂物。")
            visit.screenshot("keyboard-focus-description")
        elif focus["tag"] == "button" and focus["text"] == zh("Send report"):
            keyboard.press("Enter")
            break
    else:
        pytest.fail("the submit button was never reached by Tab")
    names = [stop["name"] or stop["text"] for stop in stops]
    assert stops[0]["text"] == zh("Skip to main content")
    # Every field is reachable, in reading order; the QR's community is carried, with
    # a link to choose another before the fields.
    expected = [
        zh("Not your community? Choose another"),
        "kind",
        "category",
        "location",
        "description",
        "photos",
    ]
    positions = [names.index(name) for name in expected]
    assert positions == sorted(positions)
    assert (
        zh("Thank you: your report has been received")
        in page.locator(".report-confirmation").inner_text()
    )
    report = Report.objects.get()
    assert report.category_code == "EH-01"
    assert report.community_id == town.community.pk
    assert report.location == "3号楼2单元"


def form_paths(town) -> dict[str, str]:
    return {
        "report": f"/{{lang}}/report/?community={town.community.pk}",
        "registration": f"/{{lang}}/event-registration/{town.event.pk}/",
        "volunteer": "/{lang}/volunteer/",
        "agenda proposal": f"/{{lang}}/roundtables/{town.meeting.pk}/propose/",
    }


@pytest.mark.parametrize(("language", "javascript"), [("zh-hans", True), ("en", False)])
def test_form_errors_are_announced_and_linked_to_their_fields(
    journey, town, language, javascript
):
    visit = journey(viewport=PHONE, javascript=javascript, name=f"errors-{language}")
    page = visit.page
    for name, path in form_paths(town).items():
        visit.goto(path.format(lang=language))
        page.locator("main form[method=post] button[type=submit]").last.click()
        summary = page.locator(".error-summary[role=alert]")
        assert summary.count() == 1, name
        heading = "Please correct the following"
        assert summary.locator("h2").inner_text() == (
            heading if language == "en" else zh(heading)
        ), name
        # The summary takes the focus, so a screen reader reads it out at once.
        assert page.evaluate("document.activeElement.id") == "error-summary", name
        links = summary.locator("a[href^='#']")
        assert links.count() >= 1, name
        for index in range(links.count()):
            target = links.nth(index).get_attribute("href")[1:]
            field = page.locator(f"[id='{target}']")
            assert field.count() == 1, (name, target)
            described = field.get_attribute("aria-describedby") or ""
            group = field.locator("xpath=ancestor::fieldset[1]")
            if group.count():  # a group of choices: the fieldset carries the error
                described = group.get_attribute("aria-describedby") or ""
            else:
                assert field.get_attribute("aria-invalid") == "true", (name, target)
            error_ids = [i for i in described.split() if i.endswith("_error")]
            assert error_ids, (name, target)
            assert page.locator(f"[id='{error_ids[0]}']").inner_text().strip()
        visit.screenshot(f"errors-{name}")
        first = links.first.get_attribute("href")[1:]
        links.first.click()
        assert page.evaluate("document.activeElement.id") == first, name
        if javascript:  # axe-core needs scripts to run
            assert visit.axe_violations() == [], name

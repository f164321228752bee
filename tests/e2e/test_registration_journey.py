"""Journey: residents register for an open day until it is full, the next ones join
the waitlist (one of them in elderly mode), the first cancels through her private
link and the oldest waiting registration moves up."""

import pytest

from participation.models import Registration, RegistrationStatus
from tests.e2e.builders import add_events, current_site, stations, zh
from tests.e2e.conftest import PHONE_WITHOUT_JS_AND_DESKTOP


@pytest.fixture
def town(forms_site):
    town = stations(current_site())
    add_events(town, capacity=2)
    return town


def register(visit, town, name: str, phone: str, elderly=False) -> str:
    """From the events page through the form; returns the private manage link."""
    page = visit.page
    visit.goto("/zh-hans/")
    if elderly:
        visit.open_menu()
        page.get_by_role("link", name=zh("Large text (elderly mode)")).click()
        assert "mode-elderly" in page.locator("html").get_attribute("class")
    visit.goto(town.events.url)
    page.get_by_role("link", name=town.event.title).click()
    assert page.locator("h1").inner_text() == town.event.title
    page.locator(".event__registration a.button").click()
    page.locator("[name=name]").fill(name)
    page.locator("[name=phone]").fill(phone)
    page.locator("[name=party_size]").fill("1")
    consent = page.locator("[name=consent]")
    if consent.count():
        consent.check()
    waitlist = page.locator("[name=join_waitlist]")
    if waitlist.count() and not waitlist.is_checked():
        waitlist.check()
    visit.screenshot(f"form-{name}")
    page.get_by_role("button", name=zh("Register")).click()
    assert page.locator("h1").inner_text() == zh("Your registration")
    if elderly:
        assert "mode-elderly" in page.locator("html").get_attribute("class")
    visit.screenshot(f"registered-{name}")
    return page.locator("#manage-link").input_value()


@PHONE_WITHOUT_JS_AND_DESKTOP
def test_open_day_fills_up_waitlist_and_a_cancellation_promotes_the_oldest(
    journey, town, viewport, javascript
):
    people = [
        ("王秀英", "13900000001"),
        ("李建国", "13900000002"),
        ("张桂兰", "13900000003"),
        ("赵志强", "13900000004"),
    ]
    links = {}
    for number, (name, phone) in enumerate(people):
        visit = journey(
            viewport=viewport, javascript=javascript, name=f"registration-{number}"
        )
        links[name] = register(visit, town, name, phone, elderly=number == 2)
        status = visit.page.locator("[role=status]").inner_text()
        if number < 2:
            assert zh("You are registered. Your place is confirmed.") in status
        else:
            assert zh("The event is full: you are on the waitlist.") in status
        visit.close()

    first = journey(viewport=viewport, javascript=javascript, name="registration-a")
    first.page.goto(links["王秀英"])
    assert "王" in first.page.locator(".registration__facts").inner_text()
    first.page.get_by_role("button", name=zh("Cancel my registration")).click()
    assert (
        zh("Your registration is cancelled.")
        in first.page.locator("[role=status]").inner_text()
    )
    assert (
        first.page.get_by_role("button", name=zh("Cancel my registration")).count() == 0
    )
    first.screenshot("cancelled")

    promoted = journey(viewport=viewport, javascript=javascript, name="registration-c")
    promoted.page.goto(links["张桂兰"])
    facts = promoted.page.locator(".registration__facts").inner_text()
    assert zh("Confirmed") in facts
    promoted.screenshot("promoted")
    promoted.page.get_by_role("link", name="English").click()
    assert promoted.page.locator("h1").inner_text() == "Your registration"
    assert "Confirmed" in promoted.page.locator(".registration__facts").inner_text()

    last = journey(viewport=viewport, javascript=javascript, name="registration-d")
    last.page.goto(links["赵志强"])
    assert (
        zh("On the waitlist") in last.page.locator(".registration__facts").inner_text()
    )

    statuses = dict(
        Registration.objects.values_list("phone", "status").order_by("created_at")
    )
    assert statuses == {
        "13900000001": RegistrationStatus.CANCELLED,
        "13900000002": RegistrationStatus.CONFIRMED,
        "13900000003": RegistrationStatus.CONFIRMED,
        "13900000004": RegistrationStatus.WAITING,
    }
    for visit in (first, promoted, last):
        assert visit.outside == [] and visit.csp_errors == []

"""Journey: a retired resident signs up for her community's volunteer team from the
teams page, keeps her private status link; staff of the community approve her and
log her first service in the admin; she sees the decision and her hours, in Chinese
and in English, and her masked name appears on the honour roll."""

import pytest
from django.utils import timezone

from participation.models import SignUpStatus, VolunteerSignUp
from tests.e2e.builders import (
    add_team,
    admin_screenshot,
    admin_session,
    current_site,
    stations,
    zh,
)
from tests.e2e.conftest import PHONE_WITHOUT_JS_AND_DESKTOP
from tests.participation.report_builders import staff_user


@pytest.fixture
def town(forms_site):
    town = stations(current_site())
    add_team(town, places=5)
    return town


def sign_up(visit) -> str:
    page = visit.page
    visit.goto("/zh-hans/volunteer/teams/")
    team = page.locator(".volunteer__teams li").filter(has_text="银发协管员")
    team.get_by_role("link", name=zh("Sign up for this team")).click()
    chosen = page.locator("select[name=team] option:checked").inner_text()
    assert chosen.startswith("银发协管员")
    community = page.locator("select[name=community] option:checked").inner_text()
    assert "黄河社区" in community
    page.locator("[name=name]").fill("王秀英")
    page.locator("[name=phone]").fill("139 1234 5678")
    page.locator("[name=days][value='2']").check()
    page.locator("[name=days][value='4']").check()
    page.locator("[name=time_slots][value=morning]").check()
    page.locator("[name=age_bracket][value='60_74']").check()
    page.locator("[name=honour_roll]").check()
    page.locator("[name=consent]").check()
    visit.screenshot("volunteer-form")
    page.locator("form button[type=submit]").last.click()
    assert (
        zh("Thank you: your sign-up is received.")
        in page.locator("[role=status]").inner_text()
    )
    facts = page.locator(".volunteer__facts").inner_text()
    assert zh("Waiting for a decision") in facts
    assert "王**" in facts and "王秀英" not in facts
    visit.screenshot("volunteer-received")
    return page.url.split("?")[0]


def approve_and_log(browser, live_site, town, reference: str) -> None:
    user = staff_user(
        town.community,
        "view_volunteersignup",
        "change_volunteersignup",
        username="huanghe_volunteers",
    )
    with admin_session(browser, live_site.url, user) as page:
        page.goto(f"{live_site.url}/admin/volunteers/")
        with page.expect_navigation():
            page.get_by_role("link", name=reference).click()
        page.locator("[name=decision][value=approve]").check()
        page.locator("[name=reason]").fill("欢迎加入,周二上午在党群服务中心集合。")
        with page.expect_navigation():
            page.locator("form[action*='/decide/'] button[type=submit]").click()
        service = page.locator("form[action*='/service/']")
        service.locator("[name=activity]").fill("楼道堆物巡查")
        service.locator("[name=date]").fill(timezone.localdate().isoformat())
        service.locator("[name=hours]").fill("3")
        service.locator("[name=points]").fill("30")
        with page.expect_navigation():
            service.locator("button[type=submit]").click()
        assert "楼道堆物巡查" in page.locator("table.listing").first.inner_text()
        admin_screenshot(page, "volunteer-admin-approved")


@PHONE_WITHOUT_JS_AND_DESKTOP
def test_volunteer_signs_up_staff_approve_and_she_sees_it(
    journey, browser, live_site, town, viewport, javascript, request
):
    label = request.node.callspec.id
    visit = journey(viewport=viewport, javascript=javascript, name=f"volunteer-{label}")
    status_link = sign_up(visit)
    signup = VolunteerSignUp.objects.get()
    assert signup.status == SignUpStatus.PENDING and signup.phone == "13912345678"

    approve_and_log(browser, live_site, town, signup.reference)

    page = visit.page
    page.goto(status_link)
    facts = page.locator(".volunteer__facts").inner_text()
    assert zh("Approved") in facts
    assert "欢迎加入" in facts
    assert "3.0" in page.locator(".figures").inner_text()
    visit.screenshot("volunteer-approved")
    page.get_by_role("link", name="English").click()
    assert page.locator("h1").inner_text() == "Your volunteer sign-up"
    facts = page.locator(".volunteer__facts").inner_text()
    assert "Approved" in facts and "Silver-hair assistants" in facts

    visit.goto("/zh-hans/volunteer/honour-roll/")
    roll = page.locator("main").inner_text()
    assert "王**" in roll and "银发协管员" in roll
    assert "王秀英" not in roll and "13912345678" not in roll
    visit.screenshot("honour-roll")
    assert visit.outside == [] and visit.csp_errors == []

"""Journey: a resident proposes a topic for her community's roundtable; it stays off
the public page until a moderator accepts it in the admin (rewording it), closes the
agenda, and the published agenda shows it, in Chinese and in English."""

import pytest

from participation.models import AgendaProposal, ProposalStatus
from tests.e2e.builders import (
    add_meeting,
    admin_screenshot,
    admin_session,
    current_site,
    stations,
    zh,
)
from tests.e2e.conftest import PHONE_WITHOUT_JS_AND_DESKTOP
from tests.participation.report_builders import staff_user

TOPIC = "人民路餐馆油烟扰民"
PUBLISHED_TOPIC = "沿街餐馆油烟治理"


@pytest.fixture
def town(forms_site):
    town = stations(current_site())
    town.meeting = add_meeting(town)
    return town


def propose(visit, town) -> str:
    page = visit.page
    visit.goto("/zh-hans/roundtables/")
    card = page.locator(".card").filter(has_text=town.meeting.title)
    card.get_by_role("link", name=town.meeting.title).click()
    assert page.locator("h1").inner_text().startswith(town.meeting.title)
    page.locator("main").get_by_role("link", name=zh("Propose a topic")).first.click()
    assert page.locator("h1").inner_text() == zh("Propose a topic")
    page.locator("[name=topic]").fill(TOPIC)
    page.locator("textarea[name=description]").fill("晚上油烟直排进居民楼,窗户不敢开。")
    page.locator("[name=contact_name]").fill("欧阳晓禾")
    page.locator("[name=contact_phone]").fill("13988887777")
    page.locator("[name=contact_consent]").check()
    visit.screenshot("roundtable-propose")
    page.get_by_role("button", name=zh("Send my topic")).click()
    received = page.locator("[role=status]").inner_text()
    assert zh("Thank you: your topic is received.") in received
    reference = AgendaProposal.objects.get().reference
    assert reference in received
    # The proposer's private page shows the topic and where it stands...
    assert zh("Received, waiting for moderation") in page.locator("main").inner_text()
    visit.screenshot("roundtable-proposed")
    # ... the meeting's public page does not, before moderation.
    page.get_by_role("link", name=zh("See the meeting and its agenda")).click()
    assert TOPIC not in page.locator("main").inner_text()
    return page.url.split("?")[0]


def moderate(browser, live_site, town) -> None:
    user = staff_user(
        town.community,
        "view_roundtable",
        "add_roundtable",
        "change_roundtable",
        "change_agendaproposal",
        username="huanghe_moderator",
    )
    proposal = AgendaProposal.objects.get()
    with admin_session(browser, live_site.url, user) as page:
        page.goto(f"{live_site.url}/admin/roundtables/")
        with page.expect_navigation():
            page.get_by_role("link", name=town.meeting.title).click()
        assert TOPIC in page.locator("main").inner_text()
        page.locator("details summary").first.click()
        accept = page.locator("form[action$='/accept/']")
        prefix = f"p{proposal.pk}-"
        accept.locator(f"[name='{prefix}minutes_allotted']").fill("40")
        accept.locator(f"[name='{prefix}topic']").fill(PUBLISHED_TOPIC)
        with page.expect_navigation():
            accept.locator("button[type=submit]").click()
        with page.expect_navigation():
            page.locator("form[action$='/advance/'] button[type=submit]").click()
        admin_screenshot(page, "roundtable-admin-moderated")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED


@PHONE_WITHOUT_JS_AND_DESKTOP
def test_agenda_proposal_is_moderated_then_published(
    journey, browser, live_site, town, viewport, javascript, request
):
    label = request.node.callspec.id
    visit = journey(
        viewport=viewport, javascript=javascript, name=f"roundtable-{label}"
    )
    meeting_url = propose(visit, town)
    moderate(browser, live_site, town)

    page = visit.page
    page.goto(meeting_url)
    agenda = page.locator(".roundtable__agenda").inner_text()
    assert PUBLISHED_TOPIC in agenda and "40" in agenda
    main = page.locator("main").inner_text()
    assert TOPIC not in main and "欧阳" not in main and "13988887777" not in main
    assert page.get_by_role("link", name=zh("Propose a topic")).count() == 0
    visit.screenshot("roundtable-agenda")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert PUBLISHED_TOPIC in page.locator(".roundtable__agenda").inner_text()
    assert page.get_by_role("heading", name="Agenda").count() == 1
    visit.screenshot("roundtable-agenda-en")
    assert visit.outside == [] and visit.csp_errors == []

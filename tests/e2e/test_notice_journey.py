"""Journey: an editor drafts a notice in the admin and submits it for review; it is
not public; an approver signs it off (the "Notices and events: sign-off"
workflow of portal/roles.py), and residents read it on the notice list, in the
language they chose and in elderly mode."""

import pytest
from django.contrib.auth.models import Group

from notices.models import AreaAssignment, NoticePage
from portal.roles import APPROVER, EDITOR, sync_roles
from tests.conftest import translate
from tests.e2e.builders import (
    admin_screenshot,
    admin_session,
    current_site,
    stations,
    zh,
)
from tests.e2e.conftest import PHONE_WITHOUT_JS_AND_DESKTOP
from tests.factories import UserFactory
from tests.notices.event_builders import notice_index

TITLE = "关于黄河社区周边早餐摊点规范经营的通知"
BODY = "即日起,早餐摊点请在划定区域内经营,保持路面整洁。"


@pytest.fixture
def town(live_site, settings):
    town = stations(current_site())
    town.notices = notice_index(town.site.home_zh)
    town.en["notices"] = translate(town.notices, town.site.en, title="Notices")
    sync_roles()  # the role groups and their review workflow on the notice list
    return town


def member(group: str, username: str, area=None):
    user = UserFactory(username=username, is_staff=True)
    user.save()
    user.groups.add(Group.objects.get(name=group))
    if area is not None:
        AreaAssignment.objects.create(user=user, area=area)
    return user


def draft_and_submit(browser, live_site, town) -> NoticePage:
    # Assigned to the whole directory: a citywide editor, who may write citywide
    # notices (area-bound editors write for their communities only).
    editor = member(EDITOR.group, "editor_li", area=town.directory)
    with admin_session(browser, live_site.url, editor) as page:
        page.goto(f"{live_site.url}/admin/pages/{town.notices.pk}/")
        page.goto(
            f"{live_site.url}/admin/pages/add/notices/noticepage/{town.notices.pk}/"
        )
        page.locator("#id_title").fill(TITLE)
        page.locator("#id_summary").fill("早餐摊点须在划定区域内经营。")
        body = page.locator(".Draftail-Editor .public-DraftEditor-content").first
        body.click()
        body.press_sequentially(BODY)
        # Draftail writes the body into its hidden field shortly after typing.
        page.wait_for_function(
            "text => document.querySelector('input[name=body]').value.includes(text)",
            arg=BODY[:6],
        )
        # Editors cannot publish: the main action saves a draft; the menu submits.
        assert page.locator("button[name=action-publish]").count() == 0
        page.locator("footer [aria-label] button.w-dropdown__toggle").first.click()
        with page.expect_navigation():
            page.locator("button[name=action-submit]").click()
        admin_screenshot(page, "notice-admin-submitted")
    notice = NoticePage.objects.get(title=TITLE)
    assert not notice.live
    assert notice.current_workflow_task is not None
    return notice


def sign_off(browser, live_site, notice: NoticePage) -> None:
    approver = member(APPROVER.group, "approver_wang")
    with admin_session(browser, live_site.url, approver) as page:
        page.goto(f"{live_site.url}/admin/")
        assert TITLE in page.locator("main").inner_text()  # awaiting their review
        page.goto(f"{live_site.url}/admin/pages/{notice.pk}/edit/")
        page.locator("footer button.w-dropdown__toggle").first.click()
        with page.expect_navigation():
            page.locator(
                "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
            ).click()
        admin_screenshot(page, "notice-admin-signed-off")
    notice.refresh_from_db()
    assert notice.live


@PHONE_WITHOUT_JS_AND_DESKTOP
def test_editor_notice_goes_through_review_to_publication(
    journey, browser, live_site, town, viewport, javascript, request
):
    label = request.node.callspec.id
    visit = journey(viewport=viewport, javascript=javascript, name=f"notice-{label}")
    notice = draft_and_submit(browser, live_site, town)

    page = visit.page
    visit.goto(town.notices.url)
    assert TITLE not in page.locator("main").inner_text()  # not before sign-off
    sign_off(browser, live_site, notice)

    visit.goto("/zh-hans/")
    visit.open_menu()
    page.get_by_role("link", name=zh("Large text (elderly mode)")).click()
    visit.goto(town.notices.url)
    page.get_by_role("link", name=TITLE).click()
    assert page.locator("h1").inner_text() == TITLE
    assert BODY in page.locator("main").inner_text()
    assert "mode-elderly" in page.locator("html").get_attribute("class")
    visit.screenshot("notice-published-elderly")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "mode-elderly" in page.locator("html").get_attribute("class")
    visit.screenshot("notice-en")
    assert visit.outside == [] and visit.csp_errors == []

"""The dashboard's workflow panels and the histories name workflows and tasks in
the reader's language (portal/admin_workflow_panels.py, portal/workflow_log.py and
the workflow templates under portal/templates/wagtailadmin/)."""

import pytest
from bs4 import BeautifulSoup

from tests.portal.role_builders import logged_in, role_user, submit_edit

pytestmark = pytest.mark.django_db

NAMES = {
    "zh-hans": {"task": "审核签发", "workflow": "通知与活动：审核签发"},
    "en": {"task": "Sign-off", "workflow": "Notices and events: sign-off"},
}


def panel(html: str, panel_id: str) -> str:
    found = BeautifulSoup(html, "html.parser").find(id=f"{panel_id}-section")
    assert found is not None, f"no panel {panel_id}"
    return str(found)


@pytest.fixture
def submitted(city):
    """A notice an editor of community A changed and sent for sign-off."""
    editor = role_user("editor", city.a)
    notice = city.notice["A"]
    submit_edit(logged_in(editor), notice, "submit", title="门前三包通知（修订）")
    notice.refresh_from_db()
    assert notice.workflow_in_progress
    return editor, notice


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_author_sees_the_step_their_notice_waits_at(submitted, language):
    editor, _notice = submitted
    html = logged_in(editor, language).get("/admin/").content.decode()
    mine = BeautifulSoup(panel(html, "objects-in-workflow"), "html.parser")
    step = mine.select_one("td.task").get_text(" ", strip=True)
    other = NAMES["en" if language == "zh-hans" else "zh-hans"]["task"]
    assert NAMES[language]["task"] in step and other not in step


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_approver_sees_what_awaits_their_review_with_its_steps(submitted, language):
    _editor, notice = submitted
    html = logged_in(role_user("approver"), language).get("/admin/").content.decode()
    waiting = panel(html, "awaiting-review")
    assert "门前三包通知（修订）" in waiting
    assert NAMES[language]["task"] in waiting
    assert f"/admin/pages/{notice.pk}/edit/" in waiting
    # The actions a reviewer takes from the dashboard.
    assert "data-workflow-action-url" in waiting


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_history_tells_the_workflow_started_in_the_readers_language(
    submitted, language
):
    _editor, notice = submitted
    client = logged_in(role_user("administrator", notice), language)
    names = NAMES[language]
    other = NAMES["en" if language == "zh-hans" else "zh-hans"]["workflow"]
    for url in ("/admin/reports/site-history/", f"/admin/pages/{notice.pk}/history/"):
        html = client.get(url).content.decode()
        assert names["workflow"] in html, url
        assert other not in html, url


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_edit_form_and_workflow_history_name_the_workflow(submitted, language):
    _editor, notice = submitted
    client = logged_in(role_user("administrator", notice), language)
    names = NAMES[language]
    other = NAMES["en" if language == "zh-hans" else "zh-hans"]
    edit = client.get(f"/admin/pages/{notice.pk}/edit/").content.decode()
    history = client.get(f"/admin/pages/{notice.pk}/workflow_history/")
    html = history.content.decode()
    for shown in (edit, html):
        assert names["workflow"] in shown and other["workflow"] not in shown
    detail = BeautifulSoup(html, "html.parser").select_one("td.title h2 a")["href"]
    detail_html = client.get(detail).content.decode()
    assert names["task"] in detail_html and other["task"] not in detail_html


def test_the_task_chooser_lists_tasks_and_their_workflows_in_chinese(city):
    client = logged_in(role_user("administrator", city.directory), "zh-hans")
    response = client.get("/admin/workflows/task_chooser/")
    html = response.json()["html"]
    assert "审核签发" in html and "通知与活动：审核签发" in html
    assert "Sign-off" not in html and "Notices and events" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/admin/workflows/edit/{pk}/",
        "/admin/workflows/disable/{pk}/",
        "/admin/workflows/usage/{pk}/",
    ],
)
def test_the_workflow_screens_are_headed_by_its_chinese_name(city, path):
    from wagtail.models import Workflow

    from portal.roles import NOTICES_WORKFLOW

    workflow = Workflow.objects.get(name=NOTICES_WORKFLOW)
    client = logged_in(role_user("administrator", city.directory), "zh-hans")
    html = client.get(path.format(pk=workflow.pk)).content.decode()
    page = BeautifulSoup(html, "html.parser")
    heading = page.title.get_text() + page.select_one("header").get_text(" ")
    assert "通知与活动：审核签发" in heading
    assert "Notices and events" not in heading

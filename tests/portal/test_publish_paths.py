"""Wagtail's bulk publish action and a workflow's last approval publish inside a
transaction: readers keep the cached page until it commits, then see the new one.

tests/portal/test_invalidation.py covers an edit's publish and the other changes;
bench/publish_trials.py times all three paths on two servers under load."""

import pytest
from django.db import transaction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from portal.cache import change_pending
from tests.conftest import publish
from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def real_commits():
    """Here the generation moves only when Django runs the on-commit callbacks."""
    change_pending.disconnect(dispatch_uid="tests-move-generation-at-once")


def bulk_action(page, user) -> None:
    """What the admin's bulk publish runs in its transaction, on the saved draft."""
    PublishBulkAction.execute_action([page], user=user)


def workflow_approval(page, user) -> None:
    page.current_workflow_state.current_task_state.approve(user=user)


def submit_to_a_one_task_workflow(site, page, user) -> None:
    task = GroupApprovalTask.objects.create(name="审核")
    workflow = Workflow.objects.create(name="测试审核流程", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=site.home_zh)
    page.get_workflow().start(page, user)


@pytest.mark.parametrize(
    "publish_path", [bulk_action, workflow_approval], ids=lambda path: path.__name__
)
def test_readers_get_the_new_title_only_once_the_publish_commits(
    client, bilingual_site, settings, django_capture_on_commit_callbacks, publish_path
):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    editor = UserFactory(is_superuser=True, is_staff=True)
    page = publish(StandardPageFactory(parent=bilingual_site.home_zh, title="旧标题"))
    draft = page.get_latest_revision_as_object()
    draft.title = "新标题"
    draft.save_revision(user=editor)
    if publish_path is workflow_approval:
        submit_to_a_one_task_workflow(bilingual_site, page, editor)
    assert "旧标题" in client.get(page.url).text

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            publish_path(page, editor)
            during = client.get(page.url)
        assert page.__class__.objects.get(pk=page.pk).title == "新标题"
        # Published, not yet committed: another server's reader keeps the cached page.
        meanwhile = client.get(page.url)
    assert callbacks
    assert during["X-Portal-Cache"] == meanwhile["X-Portal-Cache"] == "hit"
    assert "旧标题" in during.text and "旧标题" in meanwhile.text
    after = client.get(page.url)
    assert after["X-Portal-Cache"] == "miss"
    assert "新标题" in after.text and "旧标题" not in after.text

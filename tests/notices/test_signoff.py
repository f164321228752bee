"""Sign-off by a second person (notices/signoff.py), and no publishing around the
legal review (notices/lists/legal_review.py): acceptance of issue 23."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import TaskState, WorkflowState

from notices.signoff import SignOffTask
from portal.roles import LEGAL_REVIEW_TASK, NOTICES_TASK
from tests.factories import UserFactory
from tests.portal.role_builders import (
    approve_current_task,
    logged_in,
    role_user,
    submit_edit,
)

pytestmark = pytest.mark.django_db


def in_review(page) -> bool:
    return WorkflowState.objects.filter(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()


@pytest.mark.parametrize("which", ["catalogue", "duties"])
def test_a_legal_reviewer_cannot_approve_their_own_change_a_second_reviewer_can(
    city, which
):
    page = getattr(city, which)
    author = role_user("legal_reviewer", username="reviewer-one")
    second = role_user("legal_reviewer", username="reviewer-two")
    author_client = logged_in(author)
    new_intro = "第三批事项已修订。"

    submit_edit(author_client, page, "submit", intro=new_intro)
    assert in_review(page)
    response = approve_current_task(author_client, page)
    page.refresh_from_db()
    assert page.intro != new_intro and in_review(page)
    assert response.status_code in (302, 403)

    approve_current_task(logged_in(second), page)
    page.refresh_from_db()
    assert page.intro == new_intro and page.live and not in_review(page)


@pytest.mark.parametrize("which", ["catalogue", "duties"])
@pytest.mark.parametrize("who", ["legal_reviewer", "administrator"])
def test_nobody_publishes_the_catalogue_or_a_duty_list_around_the_review(
    city, which, who
):
    page = getattr(city, which)
    user = role_user(who, city.directory)
    root = UserFactory(is_staff=True, is_superuser=True, username="root-user")
    assert not page.permissions_for_user(root).can_publish()
    assert not page.permissions_for_user(user).can_publish()
    before = page.intro

    response = submit_edit(logged_in(user), page, "publish", intro="绕过审核。")
    page.refresh_from_db()
    assert page.intro == before
    assert (
        "action-publish"
        not in logged_in(user).get(f"/admin/pages/{page.pk}/edit/").content.decode()
    )
    assert response.status_code in (200, 302)


def test_the_reviewer_who_edited_during_review_cannot_approve_that_edit(city):
    page = city.catalogue
    editor = role_user("editor", city.directory, username="bureau-editor")
    first = role_user("legal_reviewer", username="reviewer-one")
    second = role_user("legal_reviewer", username="reviewer-two")
    submit_edit(logged_in(editor), page, "submit", intro="编辑改的。")
    # The first reviewer mends the text while it waits: it is now their change too.
    submit_edit(logged_in(first), page, "save", intro="审核员改的。")
    page.refresh_from_db()
    assert page.get_latest_revision().user == first
    task = SignOffTask.objects.get(name=LEGAL_REVIEW_TASK)
    assert task.get_actions(page, first) == []
    assert task.get_actions(page, editor) == []
    assert [name for name, *_ in task.get_actions(page, second)][:1] == ["reject"]


def test_a_forged_approval_by_the_author_is_refused_and_changes_nothing(city):
    notice = city.notice["A"]
    approver = role_user("approver", username="approver-one")
    submit_edit(logged_in(approver), notice, "submit", title="自己提交的通知")
    state = TaskState.objects.get(
        workflow_state__object_id=str(notice.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    with pytest.raises(PermissionDenied):
        state.task.specific.on_action(state, approver, "approve")
    state.refresh_from_db()
    notice.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert notice.title != "自己提交的通知"


def test_an_approver_signs_off_an_editors_notice_but_not_their_own(city):
    notice = city.notice["A"]
    editor = role_user("editor", city.a)
    approver = role_user("approver", username="approver-one")
    other = role_user("approver", username="approver-two")

    submit_edit(logged_in(approver), notice, "submit", title="审核员自己的通知")
    approve_current_task(logged_in(approver), notice)
    notice.refresh_from_db()
    assert notice.title != "审核员自己的通知"
    task = SignOffTask.objects.get(name=NOTICES_TASK)
    assert not task.get_task_states_user_can_moderate(approver).exists()
    assert task.get_task_states_user_can_moderate(other).exists()
    approve_current_task(logged_in(other), notice)
    notice.refresh_from_db()
    assert notice.title == "审核员自己的通知"

    submit_edit(logged_in(editor), notice, "submit", title="编辑的通知")
    approve_current_task(logged_in(approver), notice)
    notice.refresh_from_db()
    assert notice.live and notice.title == "编辑的通知"

"""The catalogue's legal review (notices/lists/legal_review.py): a change goes live
only when a legal reviewer approves, on every catalogue page."""

import pytest
from django.contrib.auth.models import Group

from notices.lists.catalogue import LenientItem
from notices.lists.legal_review import (
    LEGAL_REVIEWERS_GROUP,
    ensure_legal_review_workflow,
)
from notices.lists.versions import ListVersion
from tests.factories import UserFactory
from tests.notices.list_builders import catalogue

pytestmark = pytest.mark.django_db


def test_a_catalogue_edit_goes_live_only_after_the_legal_reviewers_approval(
    bilingual_site,
):
    page = catalogue(bilingual_site.home_zh)
    editor = UserFactory()
    reviewer = UserFactory()
    workflow = ensure_legal_review_workflow()
    Group.objects.get(name=LEGAL_REVIEWERS_GROUP).user_set.add(reviewer)
    assert page.get_workflow() == workflow and page.has_workflow

    draft = page.get_latest_revision_as_object()
    first = draft.items.all()[0]
    first.violation = "店外经营（修订）"
    draft.items = [first, *draft.items.all()[1:]]
    draft.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    page.refresh_from_db()
    assert LenientItem.objects.get(page=page, number="01").violation == "店外经营"
    assert page.has_unpublished_changes

    task = state.current_task_state.task.specific
    assert task.get_actions(page, editor) == []  # the editor cannot approve
    assert [name for name, *_ in task.get_actions(page, reviewer)][:1] == ["reject"]
    state.current_task_state.approve(user=reviewer)
    page.refresh_from_db()
    assert not page.workflow_in_progress
    assert LenientItem.objects.get(page=page, number="01").violation == (
        "店外经营（修订）"
    )
    assert ListVersion.objects.filter(page=page).count() == 2


def test_every_catalogue_page_gets_the_legal_review_even_unassigned(bilingual_site):
    page = catalogue(bilingual_site.home_zh)
    workflow = page.get_workflow()
    assert workflow is not None
    task = workflow.tasks.first().specific
    assert [group.name for group in task.groups.all()] == [LEGAL_REVIEWERS_GROUP]
    assert ensure_legal_review_workflow([page]) == workflow  # idempotent

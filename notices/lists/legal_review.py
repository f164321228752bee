"""The legal review (法制审核) of the duty lists and the catalogue: the workflow, its
sign-off task and the reviewers' group, and the permission rule that no one publishes
these pages around it.

A change goes live only when a legal reviewer other than its author approves it
(`notices.signoff.SignOffTask`); approving publishes it
(`portal.roles.publish_signed_off`). The Publish button itself is refused to
everyone, reviewers and administrators included, by `ReviewedPagePermissionTester`.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from notices.signoff import SignOffTask
from notices.stations.scoping import AreaPagePermissionTester
from portal.roles import LEGAL_REVIEWER

LEGAL_REVIEW_WORKFLOW = "Legal review"
LEGAL_REVIEW_TASK = "Legal review"
LEGAL_REVIEWERS_GROUP = LEGAL_REVIEWER.group


class ReviewedPagePermissionTester(AreaPagePermissionTester):
    """Permissions on a page only its review publishes: what Wagtail grants (area
    editors get nothing on these citywide pages) except publishing and what comes
    with it (scheduling, privacy), which only a finished review does."""

    def can_publish(self):
        return False

    def can_publish_subpage(self):
        return False

    def can_unpublish(self):
        # Taking a public list down is an administrator's emergency, not a review.
        return self.user.is_superuser and super().can_unpublish()


@transaction.atomic
def ensure_legal_review_workflow(
    pages: list[Page] | None = None,
) -> Workflow:
    """The "Legal review" workflow, its one sign-off task and the "Legal reviewers"
    group (法制审核), created if missing; assigned to `pages` when given."""
    group, _created = Group.objects.get_or_create(name=LEGAL_REVIEWERS_GROUP)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access is not None:
        group.permissions.add(access)
    task = SignOffTask.objects.filter(name=LEGAL_REVIEW_TASK).first()
    if task is None:
        task = SignOffTask.objects.create(name=LEGAL_REVIEW_TASK)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=LEGAL_REVIEW_WORKFLOW)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    change = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="change_page"
    )
    for page in pages or []:
        WorkflowPage.objects.update_or_create(
            page=page, defaults={"workflow": workflow}
        )
        # Reviewers see the list in the admin and may mend it while reviewing.
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=change
        )
    return workflow

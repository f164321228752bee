"""The catalogue's legal review (法制审核): the workflow, its approval task and the
reviewers' group, so the catalogue changes only when a legal reviewer approves."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

LEGAL_REVIEW_WORKFLOW = "Legal review · 法制审核"
LEGAL_REVIEW_TASK = "Legal review · 法制审核"
LEGAL_REVIEWERS_GROUP = "Legal reviewers · 法制审核"


@transaction.atomic
def ensure_legal_review_workflow(
    pages: list[Page] | None = None,
) -> Workflow:
    """The "Legal review" workflow, its one approval task and the "Legal reviewers"
    group (法制审核), created if missing; assigned to `pages` when given.

    Approving the task publishes the page, so the catalogue changes only when a legal
    reviewer says so. Editors of the catalogue should have edit but not publish
    permission (the role matrix is issue 8): users who may publish can still do so.
    """
    group, _created = Group.objects.get_or_create(name=LEGAL_REVIEWERS_GROUP)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access is not None:
        group.permissions.add(access)
    task = GroupApprovalTask.objects.filter(name=LEGAL_REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=LEGAL_REVIEW_TASK)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=LEGAL_REVIEW_WORKFLOW)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in pages or []:
        WorkflowPage.objects.update_or_create(
            page=page, defaults={"workflow": workflow}
        )
        # Reviewers see the catalogue in the admin and may mend it while reviewing;
        # approving publishes, which Wagtail does in the approver's name.
        for action in ("change", "publish"):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=f"{action}_page"
                ),
            )
    return workflow

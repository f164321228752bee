"""Who may edit which station page.

Station staff edit their own community's page only, and what they change goes to the
bureau for approval before it is published: a Wagtail group with edit (not publish)
permission on that one community page, in every language, plus the workflow
"Station contact changes approved by the bureau" on the page.
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
from notices.stations.assignments import AreaAssignment
from portal.roles import COMMUNITY_EDITORS_GROUP, STATION_APPROVERS_GROUP

STATION_WORKFLOW_NAME = "Station contact changes approved by the bureau"
BUREAU_APPROVERS_GROUP = STATION_APPROVERS_GROUP
ACCESS_ADMIN = ("wagtailadmin", "access_admin")


def station_workflow() -> Workflow:
    """The one-step workflow in which the bureau approves station page changes."""
    workflow, _created = Workflow.objects.get_or_create(
        name=STATION_WORKFLOW_NAME, defaults={"active": True}
    )
    approvers, _ = Group.objects.get_or_create(name=BUREAU_APPROVERS_GROUP)
    if not workflow.workflow_tasks.exists():
        task, _ = SignOffTask.objects.get_or_create(
            name="Bureau approves station changes"
        )
        task.groups.add(approvers)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def community_editors_group(community: Page) -> Group:
    """The group that edits one community page ('Station editors: 黄河社区 (#12)',
    shown in the reader's language by `portal.roles.display_name`)."""
    name = COMMUNITY_EDITORS_GROUP % {"community": community.title, "id": community.pk}
    name = name[:150]
    return Group.objects.get_or_create(name=name)[0]


@transaction.atomic
def grant_community_editing(
    community: Page, *, group: Group | None = None, user=None
) -> Group:
    """Let a group (or a user, through the community's own group) edit one community.

    Grants Wagtail's "change" permission on the community page and each of its
    translations (never "publish"), admin access, and puts the pages under the station
    workflow so every change waits for the bureau, whose approvers group may edit and
    publish these pages. A user is also assigned to the
    community, so staff listings filtered by `communities_for` show it.
    """
    group = group or community_editors_group(community)
    change, publish = (
        Permission.objects.get(content_type__app_label="wagtailcore", codename=code)
        for code in ("change_page", "publish_page")
    )
    access = Permission.objects.get(
        content_type__app_label=ACCESS_ADMIN[0], codename=ACCESS_ADMIN[1]
    )
    group.permissions.add(access)
    workflow = station_workflow()
    approvers = Group.objects.get(name=BUREAU_APPROVERS_GROUP)
    approvers.permissions.add(access)
    for page in community.get_translations(inclusive=True):
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=change
        )
        # Approving a change publishes it, so the bureau's approvers need both.
        for permission in (change, publish):
            GroupPagePermission.objects.get_or_create(
                group=approvers, page=page, permission=permission
            )
        WorkflowPage.objects.update_or_create(
            page=page, defaults={"workflow": workflow}
        )
    if user is not None:
        user.groups.add(group)
        AreaAssignment.objects.get_or_create(user=user, area=community)
    return group

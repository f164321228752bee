"""Staff roles, declared once, and `sync_roles()` that makes the database match.

Each role is a Django group named by an English msgid (shown in the reader's
language by `display_name`, like the workflows and tasks) holding the least it needs:

==========================  =========================================================
role (中文)                  may
==========================  =========================================================
Area editors (编辑)         draft notices and events of their area (no publishing);
                            draft changes to the duty list and catalogue if citywide
Approvers (审核)            sign off (publish) notices and events; approve station
                            contact changes
Legal reviewers (法制审核)  review the duty list and the catalogue (approving
                            publishes; no direct Publish for anyone)
Station staff (驻点人员)    edit their communities' station pages (changes go to the
                            bureau), handle their communities' reports,
                            registrations, volunteers and roundtables
Report moderators (审核员)  moderate reports and agenda proposals (assign them to the
                            station directory for the whole city); no personal data
Volunteer coordinators      decide on volunteers, keep service logs, manage teams
(志愿者管理)
Administrators (管理员)     everything, including users, roles, area assignments and
                            the audit log
==========================  =========================================================

"Their area" is the user's `AreaAssignment`s (`notices.models.communities_for`).
Staff listings, exports and actions are scoped by it in each feature's views; page
editing is scoped by Wagtail's page permissions (station staff: per community, see
`notices.stations.permissions.grant_community_editing`) and, for editors, by the
pages' own permission testers (notices/stations/scoping.py: nothing at all on a page
outside their area). Every workflow step is a sign-off by a second person
(notices/signoff.py): nobody approves their own change. Roles name the apps' models
and permissions by label only ("notices.NoticePage"), so this module imports no app.

`sync_roles(apps)` is idempotent and works with the historical models given to a
`post_migrate` handler (`sync_roles_after_migrate`, connected in portal/apps.py) as
well as the real ones (`manage.py sync_roles`, which also re-applies the page-level
grants to the current page tree, then asks the apps for theirs through
`extensions.AFTER_SYNC_ROLES`: notices re-applies station staff's per-community
grants).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext, gettext_noop

ACCESS_ADMIN = "wagtailadmin.access_admin"

# Workflow, task and group names are English msgids (portal/locale), stored once and
# shown in the reader's language by `display_name` on every admin screen that prints
# them; each workflow is named for its steps.
NOTICES_WORKFLOW = gettext_noop("Notices and events: sign-off")
NOTICES_TASK = gettext_noop("Sign-off")
# Names shared with the features that made these first (notices/lists/legal_review.py,
# notices/stations/permissions.py); repeated here as plain strings so the migration
# does not depend on those modules staying importable.
LEGAL_REVIEW_WORKFLOW = gettext_noop("Legal review")
LEGAL_REVIEW_TASK = gettext_noop("Legal review")
STATION_TASK = gettext_noop("Bureau approves station changes")
STATION_WORKFLOW = gettext_noop("Station contact changes approved by the bureau")
STATION_APPROVERS_GROUP = gettext_noop("Station approvers (bureau)")
# The group that edits one community's station page (notices/stations/permissions.py).
COMMUNITY_EDITORS_GROUP = gettext_noop("Station editors: %(community)s (#%(id)s)")
# Every step is a sign-off by a second person (notices/signoff.py), named by label.
SIGN_OFF_TASK_MODEL = "notices.SignOffTask"
# Names workflows and tasks had before (old → new), so syncing renames them.
FORMER_NAMES = {
    "Notices and events: review → sign-off": NOTICES_WORKFLOW,
    "Legal review · 法制审核": LEGAL_REVIEW_WORKFLOW,
}

PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
MEDIA_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.delete_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.delete_document",
    "wagtaildocs.choose_document",
)


@dataclass(frozen=True)
class Role:
    key: str
    group: str
    summary: str
    permissions: tuple[str, ...] = ()
    # (page model "app.Model", page permissions) granted on every page of that type
    pages: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # image/document permissions on the root collection
    collections: tuple[str, ...] = ()
    # tasks (by name) whose approvers this group is
    approves: tuple[str, ...] = ()
    # True: what the role sees depends on the user's area assignments
    area_scoped: bool = True
    all_permissions: bool = False


EDITOR = Role(
    key="editor",
    group=gettext_noop("Area editors"),
    summary="Drafts notices and events of their area; cannot publish.",
    permissions=(ACCESS_ADMIN,),
    pages=(
        ("notices.NoticeIndexPage", ("add", "change")),
        ("notices.EventIndexPage", ("add", "change")),
        ("notices.DutyListPage", ("change",)),
        ("notices.LenientCataloguePage", ("change",)),
    ),
    collections=(
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ),
)
APPROVER = Role(
    key="approver",
    group=gettext_noop("Approvers"),
    summary="Signs off notices and events (publishes them); approves station changes.",
    permissions=(ACCESS_ADMIN,),
    pages=(
        ("notices.NoticeIndexPage", ("change", "publish")),
        ("notices.EventIndexPage", ("change", "publish")),
        ("notices.StationIndexPage", ("change", "publish")),
    ),
    collections=("wagtailimages.choose_image", "wagtaildocs.choose_document"),
    approves=(NOTICES_TASK, STATION_TASK),
    area_scoped=False,
)
LEGAL_REVIEWER = Role(
    key="legal_reviewer",
    group=gettext_noop("Legal reviewers"),
    summary=(
        "Reviews the duty list, the lenient catalogue and communities' own duties; "
        "approving publishes."
    ),
    permissions=(
        ACCESS_ADMIN,
        "notices.view_communitydutyitem",
        "notices.change_communitydutyitem",
    ),
    pages=(
        ("notices.DutyListPage", ("change", "publish")),
        ("notices.LenientCataloguePage", ("change", "publish")),
    ),
    collections=("wagtaildocs.choose_document",),
    approves=(LEGAL_REVIEW_TASK,),
    area_scoped=False,
)
STATION_STAFF = Role(
    key="station_staff",
    group=gettext_noop("Station staff"),
    summary=(
        "Edits their communities' station pages (the bureau approves) and handles "
        "their communities' reports, registrations, volunteers and roundtables."
    ),
    permissions=(
        ACCESS_ADMIN,
        "participation.view_report",
        "participation.change_report",
        "participation.view_report_personal_data",
        "participation.view_registration",
        "participation.change_registration",
        "participation.view_registration_personal_data",
        "participation.view_volunteersignup",
        "participation.change_volunteersignup",
        "participation.view_roundtable",
        "participation.add_roundtable",
        "participation.change_roundtable",
        "participation.change_agendaproposal",
        "participation.view_proposer_contact",
        # their community's own duties, which go public through the legal review
        "notices.add_communitydutyitem",
        "notices.change_communitydutyitem",
        "notices.view_communitydutyitem",
        # their communities' points on the convenience map (public places only)
        "notices.add_conveniencepoint",
        "notices.change_conveniencepoint",
        "notices.delete_conveniencepoint",
        "notices.view_conveniencepoint",
        # their communities' shops, groups, inspections, campaigns and ranking
        # entries (an entry goes live on a second person's approval)
        "notices.view_merchant",
        "notices.add_merchant",
        "notices.change_merchant",
        "notices.view_merchant_contact",
        "notices.view_merchantgroup",
        "notices.add_merchantgroup",
        "notices.change_merchantgroup",
        "notices.view_inspection",
        "notices.add_inspection",
        "notices.change_inspection",
        "notices.view_campaign",
        "notices.add_campaign",
        "notices.change_campaign",
        "notices.confirm_campaign_results",
        "notices.view_listingentry",
        "notices.add_listingentry",
        "notices.change_listingentry",
        "notices.approve_listingentry",
        "participation.view_nomination",
        "participation.change_nomination",
    ),
    collections=("wagtailimages.add_image", "wagtailimages.choose_image"),
)
MODERATOR = Role(
    key="moderator",
    group=gettext_noop("Report moderators"),
    summary=(
        "Moderates reports (triage, replies, publication) and agenda proposals; "
        "sees no residents' contact data."
    ),
    permissions=(
        ACCESS_ADMIN,
        "participation.view_report",
        "participation.change_report",
        "participation.publish_report",
        "participation.view_roundtable",
        "participation.change_agendaproposal",
    ),
)
VOLUNTEER_COORDINATOR = Role(
    key="volunteer_coordinator",
    group=gettext_noop("Volunteer coordinators"),
    summary="Decides on volunteers, keeps service logs and points, manages teams.",
    permissions=(
        ACCESS_ADMIN,
        "participation.view_volunteersignup",
        "participation.change_volunteersignup",
        "participation.view_volunteer_personal_data",
        "participation.add_volunteerteam",
        "participation.change_volunteerteam",
        "participation.view_volunteerteam",
    ),
)
ADMINISTRATOR = Role(
    key="administrator",
    group=gettext_noop("Administrators"),
    summary="Everything: users, roles, area assignments, API keys, the audit log.",
    pages=(("wagtailcore.Page", PAGE_PERMISSIONS),),
    collections=MEDIA_PERMISSIONS,
    # Legal review stays with the legal reviewers: the issue asks that no catalogue
    # change goes live without them.
    approves=(NOTICES_TASK, STATION_TASK),
    area_scoped=False,
    all_permissions=True,
)

ROLES: tuple[Role, ...] = (
    EDITOR,
    APPROVER,
    LEGAL_REVIEWER,
    STATION_STAFF,
    MODERATOR,
    VOLUNTEER_COORDINATOR,
    ADMINISTRATOR,
)
ROLES_BY_KEY = {role.key: role for role in ROLES}
# Role groups were named "English · 中文" before their names were translated at
# display (old → new); portal migration 0008 and `sync_roles` rename them.
FORMER_GROUP_NAMES = {
    "Editors · 编辑": EDITOR.group,
    "Approvers · 审核": APPROVER.group,
    "Legal reviewers · 法制审核": LEGAL_REVIEWER.group,
    "Station staff · 站点工作人员": STATION_STAFF.group,
    "Report moderators · 审核员": MODERATOR.group,
    "Volunteer coordinators · 志愿者管理": VOLUNTEER_COORDINATOR.group,
    "Administrators · 管理员": ADMINISTRATOR.group,
}

# Workflows: (name, task, page models it is assigned to).
WORKFLOWS = (
    (
        NOTICES_WORKFLOW,
        NOTICES_TASK,
        ("notices.NoticeIndexPage", "notices.EventIndexPage"),
    ),
    (
        LEGAL_REVIEW_WORKFLOW,
        LEGAL_REVIEW_TASK,
        ("notices.DutyListPage", "notices.LenientCataloguePage"),
    ),
    (STATION_WORKFLOW, STATION_TASK, ("notices.StationIndexPage",)),
)
# Snippet models under a workflow: (workflow name, models).
SNIPPET_WORKFLOWS = ((LEGAL_REVIEW_WORKFLOW, ("notices.CommunityDutyItem",)),)


# Syncing, with whichever model registry is given (historical in migrations).


class _Models:
    def __init__(self, apps):
        self.apps = apps
        self.Group = apps.get_model("auth", "Group")
        self.Permission = apps.get_model("auth", "Permission")
        self.ContentType = apps.get_model("contenttypes", "ContentType")
        self.Page = apps.get_model("wagtailcore", "Page")
        self.Collection = apps.get_model("wagtailcore", "Collection")
        self.GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
        self.GroupCollectionPermission = apps.get_model(
            "wagtailcore", "GroupCollectionPermission"
        )
        self.Task = apps.get_model("wagtailcore", "Task")
        self.GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
        self.SignOffTask = apps.get_model(*SIGN_OFF_TASK_MODEL.split("."))
        self.Workflow = apps.get_model("wagtailcore", "Workflow")
        self.WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
        self.WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
        self.WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
        self.WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
        self.TaskState = apps.get_model("wagtailcore", "TaskState")

    def permission(self, dotted: str):
        app_label, codename = dotted.split(".", 1)
        return self.Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()

    def pages_of(self, label: str):
        """Every page (all locales) of a page model, by its content type."""
        app_label, model = label.split(".")
        if (app_label, model.lower()) == ("wagtailcore", "page"):
            return self.Page.objects.filter(depth=1)
        content_type = self.ContentType.objects.filter(
            app_label=app_label, model=model.lower()
        ).first()
        if content_type is None:
            return self.Page.objects.none()
        return self.Page.objects.filter(content_type=content_type)

    def task(self, name: str):
        """The sign-off task of this name (made if missing, active)."""
        task = self.SignOffTask.objects.filter(name=name).first()
        if task is None:
            app_label, model = SIGN_OFF_TASK_MODEL.lower().split(".")
            content_type, _created = self.ContentType.objects.get_or_create(
                app_label=app_label, model=model
            )
            task = self.SignOffTask.objects.create(
                name=name, content_type=content_type, active=True
            )
        elif not task.active:
            task.active = True
            task.save(update_fields=["active"])
        return task


def sync_roles(apps=global_apps) -> dict[str, object]:
    """Create or update every role's group, permissions, page and collection
    permissions, and the workflows with their approver groups. Safe to run again:
    it adds what is missing and takes from role groups model permissions the role
    no longer lists. Returns the groups by role key."""
    m = _Models(apps)
    rename_former_groups(apps)
    groups = {}
    for role in ROLES:
        group, _created = m.Group.objects.get_or_create(name=role.group)
        groups[role.key] = group
        if role.all_permissions:
            wanted = list(m.Permission.objects.all())
        else:
            wanted = [p for p in map(m.permission, role.permissions) if p is not None]
        group.permissions.set(wanted)
        _sync_collections(m, group, role.collections)
        _sync_pages(m, group, role.pages)
    _sync_workflows(m, groups)
    retire_wagtail_default_groups(apps)
    return groups


def rename_former_groups(apps=global_apps) -> None:
    """Give role groups still under a former name their msgid name, keeping their
    members and rights; a group whose new name is already taken is left alone."""
    Group = apps.get_model("auth", "Group")
    for old, new in FORMER_GROUP_NAMES.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)


# Migrating: a database gets its roles when the migration that introduced them is
# applied. Roles are synced after `migrate` rather than inside that migration, so
# portal's migrations need not depend on the apps whose models the roles name.
ROLE_MIGRATIONS = {
    ("portal", "0004_roles"),
    ("notices", "0009_sign_off_task"),
    ("notices", "0010_community_duties_reviewed"),
}


def sync_roles_after_migrate(
    sender, *, apps=global_apps, plan=None, using=DEFAULT_DB_ALIAS, **kwargs
) -> None:
    """`post_migrate` receiver (portal/apps.py): when this `migrate` applied a role
    migration, create every app's permissions (Django would only do that app by app)
    and sync the roles with the migrated models. Other runs (no plan, as after
    `flush`, or nothing new) leave the groups as administrators keep them."""
    applied = {
        (migration.app_label, migration.name)
        for migration, backwards in plan or ()
        if not backwards
    }
    if not applied & ROLE_MIGRATIONS:
        return
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    sync_roles(apps)


# Wagtail's first migrations make "Editors" and "Moderators" with page rights at the
# root: a user put in "Moderators" could publish anything, past every workflow.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


def retire_wagtail_default_groups(apps=global_apps) -> None:
    """Take every right from Wagtail's default groups; delete them when nobody is in
    them (members keep a powerless group until an administrator moves them)."""
    m = _Models(apps)
    for group in m.Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        group.permissions.clear()
        m.GroupPagePermission.objects.filter(group=group).delete()
        m.GroupCollectionPermission.objects.filter(group=group).delete()
        m.GroupApprovalTask.groups.through.objects.filter(group_id=group.pk).delete()
        if not group.user_set.exists():
            group.delete()


def _sync_collections(m: _Models, group, permissions: Iterable[str]) -> None:
    root = m.Collection.objects.filter(depth=1).first()
    if root is None:
        return
    wanted = [p for p in map(m.permission, permissions) if p is not None]
    m.GroupCollectionPermission.objects.filter(group=group).exclude(
        permission__in=wanted
    ).delete()
    for permission in wanted:
        m.GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def _sync_pages(m: _Models, group, grants) -> None:
    for label, actions in grants:
        permissions = [m.permission(f"wagtailcore.{action}_page") for action in actions]
        for page in m.pages_of(label):
            for permission in permissions:
                if permission is not None:
                    m.GroupPagePermission.objects.get_or_create(
                        group=group, page=page, permission=permission
                    )


def _sync_workflows(m: _Models, groups: dict) -> None:
    approvers: dict[str, list] = {}
    for role in ROLES:
        for task_name in role.approves:
            approvers.setdefault(task_name, []).append(groups[role.key])
    # The bureau's station approvers (notices/stations/permissions.py) keep approving.
    station_approvers, _created = m.Group.objects.get_or_create(
        name=STATION_APPROVERS_GROUP
    )
    approvers.setdefault(STATION_TASK, []).append(station_approvers)
    for workflow_name, task_name, page_models in WORKFLOWS:
        task = m.task(task_name)
        task.groups.add(*approvers.get(task_name, []))
        workflow = _workflow(m, workflow_name)
        _only_task(m, workflow, task)
        for label in page_models:
            for page in m.pages_of(label):
                m.WorkflowPage.objects.update_or_create(
                    page=page, defaults={"workflow": workflow}
                )
    for workflow_name, models in SNIPPET_WORKFLOWS:
        workflow = m.Workflow.objects.get(name=workflow_name)
        for label in models:
            app_label, model = label.lower().split(".")
            content_type, _created = m.ContentType.objects.get_or_create(
                app_label=app_label, model=model
            )
            m.WorkflowContentType.objects.update_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )
    retire_wagtail_default_workflow(m)


def _workflow(m: _Models, name: str):
    """The workflow called `name`, or the one it was called before (renamed)."""
    former = [old for old, new in FORMER_NAMES.items() if new == name]
    workflow = (
        m.Workflow.objects.filter(name=name).first()
        or m.Workflow.objects.filter(name__in=former).first()
    )
    if workflow is None:
        workflow = m.Workflow.objects.create(name=name, active=True)
    else:
        workflow.name, workflow.active = name, True
        workflow.save(update_fields=["name", "active"])
    # A second copy made under the old name (by a feature before the sync) retires.
    leftovers = m.Workflow.objects.filter(name__in=former).exclude(pk=workflow.pk)
    m.WorkflowPage.objects.filter(workflow__in=leftovers).delete()
    leftovers.update(active=False)
    return workflow


def _only_task(m: _Models, workflow, task) -> None:
    """Make `task` the workflow's one step. Steps it replaces (Wagtail's plain group
    approval, which let a reviewer approve their own change) are retired: reviews
    waiting in them are cancelled, to be submitted again."""
    stale = m.WorkflowTask.objects.filter(workflow=workflow).exclude(task=task)
    stale_ids = list(stale.values_list("task_id", flat=True))
    stale.delete()
    m.WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    _retire_tasks(m, m.Task.objects.filter(pk__in=stale_ids))


def _retire_tasks(m: _Models, tasks) -> None:
    """Deactivate tasks in no active workflow, cancelling the reviews in them."""
    tasks = tasks.exclude(workflow_tasks__workflow__active=True)
    waiting = m.TaskState.objects.filter(task__in=tasks, status="in_progress")
    m.WorkflowState.objects.filter(
        current_task_state__in=waiting, status="in_progress"
    ).update(status="cancelled")
    waiting.update(status="cancelled")
    tasks.update(active=False)


# Wagtail's first migrations make the "Moderators approval" workflow, assigned to the
# root page: every page without a workflow of ours would go to Wagtail's Moderators.
WAGTAIL_DEFAULT_WORKFLOW = gettext_noop("Moderators approval")


def retire_wagtail_default_workflow(m: _Models) -> None:
    """Deactivate Wagtail's default workflow and its task, and unassign it."""
    workflows = m.Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW)
    task_ids = list(
        m.WorkflowTask.objects.filter(workflow__in=workflows).values_list(
            "task_id", flat=True
        )
    )
    m.WorkflowPage.objects.filter(workflow__in=workflows).delete()
    m.WorkflowState.objects.filter(workflow__in=workflows, status="in_progress").update(
        status="cancelled"
    )
    workflows.update(active=False)
    _retire_tasks(m, m.Task.objects.filter(pk__in=task_ids))


def publish_signed_off(workflow_state, user=None) -> None:
    """`WAGTAIL_FINISH_WORKFLOW_ACTION`: publish what the last step approved. The
    approver's right to publish was the task's to check (its groups, and never the
    author, see notices/signoff.py); pages reviewed by the legal reviewers refuse a
    direct Publish to everyone, so Wagtail's own check would refuse this one too."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)


# Who holds a role.


def role_members(role: Role):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=role.group, is_active=True)


# Names in the reader's language.

# Every workflow, task and group name this module stores (and those it stored
# before), each an English msgid translated in portal/locale.
STORED_NAMES = frozenset(
    {
        *(name for workflow in WORKFLOWS for name in workflow[:2]),
        *FORMER_NAMES,
        WAGTAIL_DEFAULT_WORKFLOW,
        *(role.group for role in ROLES),
        STATION_APPROVERS_GROUP,
    }
)
COMMUNITY_EDITORS = re.compile(r"^Station editors: (?P<community>.+) \(#(?P<id>\d+)\)$")


def display_name(name: object) -> str:
    """A stored workflow, task or group name in the active language: ours are
    English msgids (and a community editors' group carries its community's name);
    any other name (one an administrator typed) is shown as it was entered."""
    name = str(name)
    if name in STORED_NAMES:
        return gettext(name)
    if match := COMMUNITY_EDITORS.match(name):
        return gettext(COMMUNITY_EDITORS_GROUP) % match.groupdict()
    return name


def display_names_in(text: object) -> str:
    """`text` (a heading, a button label) with the stored name in it, if any, in the
    active language."""
    text = str(text)
    for name in sorted(STORED_NAMES, key=len, reverse=True):
        if name in text:
            return text.replace(name, display_name(name))
    return text

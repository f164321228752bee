"""Roles: made by the migration, kept in step by sync_roles, and the workflows that
keep notices from going live without sign-off and the catalogue without legal
review."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from notices.models import NoticeIndexPage, NoticePage
from notices.signoff import SignOffTask
from portal import roles
from portal.models import AuditEntry
from portal.roles import ROLES, ROLES_BY_KEY
from tests.notices.event_builders import child
from tests.portal.role_builders import (
    approve_current_task,
    form_values,
    logged_in,
    role_user,
    submit_edit,
)

pytestmark = pytest.mark.django_db


def group(key: str) -> Group:
    return Group.objects.get(name=ROLES_BY_KEY[key].group)


def permission_names(key: str) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group(key).permissions.select_related("content_type")
    }


# The roles themselves


def test_migration_made_every_role_group():
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.group for role in ROLES} <= names


def test_roles_hold_least_privilege():
    assert "participation.view_report_personal_data" in permission_names(
        "station_staff"
    )
    assert "participation.view_report_personal_data" not in permission_names(
        "moderator"
    )
    assert "participation.publish_report" in permission_names("moderator")
    assert "participation.view_volunteer_personal_data" in permission_names(
        "volunteer_coordinator"
    )
    assert not permission_names("volunteer_coordinator") & {
        "participation.view_report",
        "participation.view_registration",
    }
    for key in ("editor", "approver"):
        assert permission_names(key) == {"wagtailadmin.access_admin"}
    # Legal reviewers open communities' own duties to review them, never publish.
    assert permission_names("legal_reviewer") == {
        "wagtailadmin.access_admin",
        "notices.view_communitydutyitem",
        "notices.change_communitydutyitem",
    }
    assert "notices.publish_communitydutyitem" not in permission_names("station_staff")
    assert "portal.view_auditentry" in permission_names("administrator")
    assert "portal.view_auditentry" not in permission_names("station_staff")


def test_sync_roles_is_idempotent_and_restores_a_role(city):
    counts = (
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        {role.key: len(permission_names(role.key)) for role in ROLES},
    )
    # Someone gives station staff the API-key permission by hand, and takes one away.
    staff_group = group("station_staff")
    staff_group.permissions.add(
        *group("administrator").permissions.filter(codename="add_apikey")
    )
    staff_group.permissions.remove(
        *staff_group.permissions.filter(codename="view_report")
    )
    call_command("sync_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("sync_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        {role.key: len(permission_names(role.key)) for role in ROLES},
    ) == counts
    assert "participation.add_apikey" not in permission_names("station_staff")
    assert "participation.view_report" in permission_names("station_staff")


def test_sync_roles_reaches_pages_built_later(city):
    # The module's city was synced when it was built; this index comes after.
    index = child(city.site.home_zh, NoticeIndexPage(title="新的通知", slug="later"))
    editor = role_user("editor")
    assert not index.permissions_for_user(editor).can_add_subpage()
    call_command("sync_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    editor = type(editor).objects.get(pk=editor.pk)  # Wagtail caches permissions
    assert index.permissions_for_user(editor).can_add_subpage()
    assert not index.permissions_for_user(editor).can_publish()


# Notices: edit → review → sign-off


def test_a_notice_cannot_go_live_without_sign_off(city):
    notice = city.notice["A"]
    editor = role_user("editor", city.a)
    approver = role_user("approver")
    editor_client = logged_in(editor)

    # Publishing directly is not offered; pressing it anyway changes nothing live.
    submit_edit(editor_client, notice, "publish", title="改后的停水通知")
    notice.refresh_from_db()
    assert notice.title != "改后的停水通知"
    assert not notice.permissions_for_user(editor).can_publish()

    # Submitting puts it in review; the public still sees the old notice.
    submit_edit(editor_client, notice, "submit", title="改后的停水通知")
    notice.refresh_from_db()
    assert notice.title != "改后的停水通知"
    assert WorkflowState.objects.filter(
        object_id=str(notice.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()
    assert "改后的停水通知" not in Client().get(notice.url).content.decode()

    # The editor cannot approve their own notice; the approver signs it off.
    approve_current_task(editor_client, notice)
    notice.refresh_from_db()
    assert notice.title != "改后的停水通知"
    approve_current_task(logged_in(approver), notice)
    notice.refresh_from_db()
    assert notice.live and notice.title == "改后的停水通知"
    assert AuditEntry.objects.filter(
        verb="page.workflow.approve", user=approver, object_id=str(notice.pk)
    ).exists()


def test_an_editor_scoping_a_notice_to_another_community_gets_a_form_error(city):
    client = logged_in(role_user("editor", city.a))
    url = f"/admin/pages/add/notices/noticepage/{city.notices.pk}/"
    data = form_values(client.get(url).content.decode())
    data.update(
        {
            "title": ["滨湖社区的通知"],
            "slug": ["binhu-tongzhi"],
            "body": [
                '{"blocks":[{"key":"a","type":"unstyled","text":"正文","depth":0,'
                '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
            ],
            "scope": ["communities"],
            "scope_communities-TOTAL_FORMS": ["1"],
            "scope_communities-0-community": [str(city.b.pk)],
            "scope_communities-0-ORDER": ["1"],
            "scope_communities-0-id": [""],
        }
    )
    response = client.post(url, data)
    assert not NoticePage.objects.filter(title="滨湖社区的通知").exists()
    # The draft comes back with what was typed and a message naming the editor's area.
    form = response.context["form"]
    assert city.a.title in " ".join(form.errors["scope"])
    assert form["title"].value() == "滨湖社区的通知"

    data["scope_communities-0-community"] = [str(city.a.pk)]
    data["title"] = ["黄河社区的通知"]
    data["action-submit"] = ["1"]
    client.post(url, data)
    created = NoticePage.objects.get(title="黄河社区的通知")
    assert not created.live  # a draft in review, not published


# The catalogue: legal review


def test_a_catalogue_change_cannot_go_live_without_legal_review(city):
    # A bureau editor (assigned to the whole city) may draft catalogue changes.
    editor = role_user("editor", city.directory, username="bureau-editor")
    reviewer = role_user("legal_reviewer")
    editor_client = logged_in(editor)
    catalogue = city.catalogue
    new_intro = "第二批事项已修订。"

    assert not catalogue.permissions_for_user(editor).can_publish()
    submit_edit(editor_client, catalogue, "publish", intro=new_intro)
    submit_edit(editor_client, catalogue, "submit", intro=new_intro)
    catalogue.refresh_from_db()
    assert catalogue.intro != new_intro
    assert catalogue.workflow_in_progress

    approve_current_task(editor_client, catalogue)  # not a legal reviewer
    catalogue.refresh_from_db()
    assert catalogue.intro != new_intro
    approve_current_task(logged_in(reviewer), catalogue)
    catalogue.refresh_from_db()
    assert catalogue.intro == new_intro


def test_wagtails_default_groups_grant_nothing(bilingual_site):
    """Wagtail's own "Moderators" could publish anywhere, past every workflow."""
    group = Group.objects.create(name="Moderators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    member = get_user_model().objects.create_user("old-moderator", password="x" * 12)
    assert member.has_perm("wagtailadmin.access_admin") is False  # not a member yet
    member.groups.add(group)
    assert (
        get_user_model().objects.get(pk=member.pk).has_perm("wagtailadmin.access_admin")
    )
    GroupPagePermission.objects.create(
        group=group,
        page=Page.objects.get(depth=1),
        permission=Permission.objects.get(codename="publish_page"),
    )
    Group.objects.create(name="Editors").permissions.add(
        Permission.objects.get(codename="access_admin")
    )

    roles.sync_roles()

    assert not Group.objects.filter(name="Editors").exists()
    kept = Group.objects.get(name="Moderators")  # it still has a member
    assert not kept.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=kept).exists()
    member = get_user_model().objects.get(pk=member.pk)  # no cached permissions
    assert not member.has_perm("wagtailadmin.access_admin")


# Workflows: each named for its steps, every step a second person's sign-off


def test_every_workflow_is_a_second_persons_sign_off_named_for_it(city):
    for workflow_name, task_name, _models in roles.WORKFLOWS:
        workflow = Workflow.objects.get(name=workflow_name)
        tasks = [task.specific for task in workflow.tasks]
        assert [task.name for task in tasks] == [task_name]
        assert all(isinstance(task, SignOffTask) and task.active for task in tasks)


def test_sync_roles_renames_old_workflows_and_retires_wagtails_default(city):
    notices = Workflow.objects.get(name=roles.NOTICES_WORKFLOW)
    notices.name = "Notices and events: review → sign-off"
    notices.save()
    moderators = Workflow.objects.create(name="Moderators approval", active=True)
    old_task = GroupApprovalTask.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=moderators, task=old_task, sort_order=0)
    WorkflowPage.objects.update_or_create(
        page=Page.objects.get(depth=1), defaults={"workflow": moderators}
    )

    roles.sync_roles()

    assert Workflow.objects.get(pk=notices.pk).name == roles.NOTICES_WORKFLOW
    assert not Workflow.objects.get(pk=moderators.pk).active
    assert not Task.objects.get(pk=old_task.pk).active
    assert not WorkflowPage.objects.filter(workflow=moderators).exists()
    assert city.site.home_zh.get_workflow() is None


# Names: stored once in English, shown in the reader's language


@pytest.mark.parametrize(
    "stored, chinese",
    [
        (roles.NOTICES_WORKFLOW, "通知与活动：审核签发"),
        (roles.NOTICES_TASK, "审核签发"),
        (roles.LEGAL_REVIEW_WORKFLOW, "法制审核"),
        (roles.EDITOR.group, "编辑"),
        (roles.STATION_STAFF.group, "驻点人员"),
        (roles.STATION_APPROVERS_GROUP, "站点变更审批（城管局）"),
        (roles.WAGTAIL_DEFAULT_WORKFLOW, "Wagtail 默认审批"),
    ],
)
def test_a_stored_name_reads_in_the_active_language(stored, chinese):
    with translation.override("zh-hans"):
        assert roles.display_name(stored) == chinese
    with translation.override("en"):
        assert roles.display_name(stored) == stored


def test_a_community_editors_group_keeps_its_community_and_number():
    name = "Station editors: 黄河社区 (#12)"
    with translation.override("zh-hans"):
        assert roles.display_name(name) == "站点编辑：黄河社区（#12）"
    with translation.override("en"):
        assert roles.display_name(name) == name


def test_a_name_an_administrator_typed_is_shown_as_typed():
    with translation.override("zh-hans"):
        assert roles.display_name("Pages") == "Pages"  # a msgid, but not a name
        assert roles.display_name("夜间巡查") == "夜间巡查"
        assert roles.display_names_in("Editing: Legal review") == "Editing: 法制审核"


def test_role_groups_under_their_former_names_are_renamed_with_members(
    bilingual_site,
):
    Group.objects.filter(name=roles.EDITOR.group).update(name="Editors · 编辑")
    member = get_user_model().objects.create_user("old-editor", password="x" * 12)
    member.groups.add(Group.objects.get(name="Editors · 编辑"))
    # Where the new name is taken already, the old group is left as it is.
    assert Group.objects.filter(name=roles.APPROVER.group).exists()
    Group.objects.create(name="Approvers · 审核")

    roles.rename_former_groups()

    assert not Group.objects.filter(name="Editors · 编辑").exists()
    assert member.groups.get().name == roles.EDITOR.group
    assert Group.objects.filter(name="Approvers · 审核").exists()
    assert Group.objects.filter(name=roles.APPROVER.group).count() == 1

"""Communities' own duties (notices/lists/community_duties.py): station staff draft
their community's, the legal review signs them off, and only then are they public and
a report category for that community's residents."""

import json

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import TaskState

from notices.lists.community_duties import CommunityDutyPolicy
from notices.lists.duties import CommunityDutyItem, community_duties
from participation.reports.forms import ReportForm
from tests.factories import UserFactory
from tests.portal.role_builders import (
    logged_in,
    record_addresses,
    refused,
    role_user,
)

pytestmark = pytest.mark.django_db

ADMIN = "/admin/snippets/notices/communitydutyitem"


def item_form(community, **changes) -> dict:
    data = {
        "community": str(community.pk),
        "relates_to": "",
        "title": "电动车飞线充电劝导",
        "service": "发现飞线充电可随时联系站点。",
        "note": "",
        "handling_class": "immediate",
        "response_amount": "30",
        "response_unit": "minutes",
        "completion_amount": "",
        "completion_unit": "same_day",
        "effective_from": "",
        "valid_until": "",
        "sort_order": "0",
    }
    data.update(changes)
    return data


def approve(client, item):
    state = TaskState.objects.get(
        workflow_state__object_id=str(item.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    return client.post(
        f"{ADMIN}/workflow/action/{item.pk}/approve/{state.pk}/", {"comment": ""}
    )


def categories(community) -> list[str]:
    form = ReportForm(community=community)
    return [
        code
        for _group, choices in form.fields["category"].choices[1:]
        for code, _title in (choices if isinstance(choices, list) else [])
    ]


def test_a_community_duty_goes_public_only_after_a_second_persons_legal_review(city):
    staff = role_user("station_staff", city.a)
    staff_client = logged_in(staff)

    response = staff_client.post(
        f"{ADMIN}/add/?locale=zh-hans", {**item_form(city.a), "action-publish": "1"}
    )
    item = CommunityDutyItem.objects.get(title="电动车飞线充电劝导")
    assert response.status_code == 302
    assert not item.live  # station staff cannot publish it
    assert item.title not in [row.title for row in community_duties(city.a)["own"]]
    assert item.code not in categories(city.a)

    staff_client.post(
        f"{ADMIN}/edit/{item.pk}/", {**item_form(city.a), "action-submit": "1"}
    )
    item.refresh_from_db()
    assert item.workflow_in_progress

    approve(staff_client, item)  # the author, and no legal reviewer
    item.refresh_from_db()
    assert not item.live
    approve(logged_in(role_user("legal_reviewer")), item)
    item.refresh_from_db()
    assert item.live
    assert item.title in [row.title for row in community_duties(city.a)["own"]]


def test_nobody_publishes_a_community_duty_around_its_review(city):
    root = UserFactory(is_staff=True, is_superuser=True, username="root-user")
    assert not CommunityDutyPolicy(CommunityDutyItem).user_has_permission(
        root, "publish"
    )
    admin = role_user("administrator", city.directory)
    response = logged_in(admin).post(
        f"{ADMIN}/add/?locale=zh-hans",
        {**item_form(city.a, title="管理员的事项"), "action-publish": "1"},
    )
    assert response.status_code == 302
    assert not CommunityDutyItem.objects.get(title="管理员的事项").live


def test_a_public_community_duty_is_a_report_category_there_only(city, client):
    item = CommunityDutyItem.objects.create(
        locale=city.a.locale,
        community=city.a,
        title="楼道堆物清理",
        handling_class="coordinate",
        response_amount=1,
        response_unit="working_days",
    )
    draft = CommunityDutyItem.objects.create(
        locale=city.a.locale,
        community=city.a,
        title="尚在审核的事项",
        handling_class="immediate",
        live=False,
    )
    assert item.code.startswith("LC-")
    assert item.code in categories(city.a)
    assert draft.code not in categories(city.a)
    assert item.code not in categories(city.b)

    def services(community) -> list[str]:
        response = client.get(
            "/api/open311/v2/services.json", {"address_id": community.pk}
        )
        return [service["service_code"] for service in json.loads(response.content)]

    assert item.code in services(city.a)
    assert item.code not in services(city.b)
    assert draft.code not in services(city.a)

    # B's residents cannot file under A's duty, even by posting its code.
    form = ReportForm(
        data={"kind": "problem", "category": item.code, "community": str(city.b.pk)},
        community=city.b,
    )
    assert not form.is_valid() and "category" in form.errors


def test_station_staff_see_and_edit_only_their_communitys_duties(city):
    own = CommunityDutyItem.objects.create(
        locale=city.a.locale,
        community=city.a,
        title="甲社区事项",
        handling_class="immediate",
    )
    other = CommunityDutyItem.objects.create(
        locale=city.b.locale,
        community=city.b,
        title="乙社区事项",
        handling_class="immediate",
    )
    client = logged_in(role_user("station_staff", city.a))
    listing = client.get(f"{ADMIN}/").content.decode()
    assert own.title in listing and other.title not in listing
    for view in ("edit", "delete", "history", "usage", "workflow_history"):
        response = client.get(f"{ADMIN}/{view}/{other.pk}/")
        assert response.status_code in (302, 403), view
        assert response.status_code == 403 or response["Location"] == "/admin/"
    assert client.get(f"{ADMIN}/history/{own.pk}/").status_code == 200
    assert client.get(f"{ADMIN}/edit/{own.pk}/").status_code == 200

    response = client.post(
        f"{ADMIN}/edit/{own.pk}/", item_form(city.b, title="改到乙社区")
    )
    own.refresh_from_db()
    assert response.status_code == 200 and own.community_id == city.a.pk
    assert "community" in response.context["form"].errors


def test_a_translated_duty_is_listed_once_unless_a_language_is_chosen(city):
    item = CommunityDutyItem.objects.create(
        locale=city.a.locale,
        community=city.a,
        title="甲社区事项",
        handling_class="immediate",
    )
    english = item.copy_for_translation(city.site.en)
    english.title = "Community A duty"
    english.save()
    client = logged_in(role_user("administrator", city.directory))
    listing = client.get(f"{ADMIN}/").content.decode()
    assert item.title in listing and english.title not in listing
    chosen = client.get(f"{ADMIN}/?locale=en").content.decode()
    assert english.title in chosen and item.title not in chosen


def test_every_view_of_another_communitys_duty_refuses_and_changes_nothing(city):
    other = CommunityDutyItem.objects.create(
        locale=city.b.locale,
        community=city.b,
        title="乙社区事项",
        handling_class="immediate",
    )
    author = role_user("station_staff", city.b, username="staff-b")
    revision = other.save_revision(user=author)
    workflow_state = other.get_workflow().start(other, author)
    task_state = workflow_state.current_task_state
    addresses = record_addresses(
        CommunityDutyItem.snippet_viewset,
        other,
        revision_id=revision.pk,
        task_state_id=task_state.pk,
        task_id=task_state.task_id,
        workflow_state_id=workflow_state.pk,
    )
    # Revert, preview, lock and unlock, history, usage, workflow history, its
    # details and the workflow's dialogs are among them.
    assert {"revisions_revert", "lock", "unlock", "history", "usage"} <= set(addresses)
    assert {"workflow_history_detail", "confirm_workflow_cancellation"} <= set(
        addresses
    )
    staff = role_user("station_staff", city.a)
    # May lock and unlock items: only the community stands in the way.
    staff.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["lock_communitydutyitem", "unlock_communitydutyitem"]
        )
    )
    client = logged_in(staff)
    let_through = [
        f"{method} {name}"
        for name, url in addresses.items()
        for method, response in (("GET", client.get(url)), ("POST", client.post(url)))
        if not refused(response) and response.status_code != 405
    ]
    assert let_through == []
    other.refresh_from_db()
    assert not other.locked and other.title == "乙社区事项"
    assert other.revisions.count() == 1
    assert other.current_workflow_task_state == task_state

    own = CommunityDutyItem.objects.create(
        locale=city.a.locale,
        community=city.a,
        title="甲社区事项",
        handling_class="immediate",
    )
    client.post(record_addresses(CommunityDutyItem.snippet_viewset, own)["lock"])
    own.refresh_from_db()
    assert own.locked

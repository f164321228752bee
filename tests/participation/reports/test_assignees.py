"""Giving a report to a person (participation/reports/assignees.py): only people on
the report's community's roster with a sign-in account that may open it are offered
and accepted; they are named on the report's screens and in its log, and
`report_assigned` says so once (for the notification work of issue 24)."""

import pytest
from bs4 import BeautifulSoup

from notices.models import Staff
from participation.models import AlertSetting
from participation.reports.assignees import assignable_staff, report_was_assigned
from participation.reports.models import EventKind
from participation.reports.staff_actions import assign
from participation.reports.workflow import ReportError
from tests.participation.report_builders import staff_user

pytestmark = pytest.mark.django_db

PERMS = ("view_report", "change_report")


def roster(community) -> Staff:
    return Staff.objects.filter(community_links__page=community).first()


@pytest.fixture
def people(world):
    """The first roster entry of each community, linked to an account of that
    community; a second entry of A without an account."""
    linked_a, linked_b = roster(world.a), roster(world.b)
    linked_a.user = staff_user(world.a, *PERMS, username="wang-a")
    linked_a.save()
    linked_b.user = staff_user(world.b, *PERMS, username="li-b")
    linked_b.save()
    unlinked = Staff.objects.create(
        code="S9999", locale=linked_a.locale, name="无账号队员", role="grid"
    )
    world.a.staff_links.create(staff=unlinked)
    return linked_a, linked_b, unlinked


@pytest.fixture
def told():
    calls = []

    def receiver(sender, report, user, by, **kwargs):
        calls.append((report.pk, user, by))

    report_was_assigned.connect(receiver, dispatch_uid="test_assignees")
    yield calls
    report_was_assigned.disconnect(dispatch_uid="test_assignees")


def offered(client, report) -> list[str]:
    page = BeautifulSoup(
        client.get(f"/admin/reports/{report.pk}/").content, "html.parser"
    )
    select = page.find("select", attrs={"name": "assign-staff"})
    return [option["value"] for option in select.find_all("option") if option["value"]]


def test_only_linked_people_of_the_reports_community_are_offered(
    client, staff_a, reports, people
):
    a, _b = reports
    linked_a, linked_b, unlinked = people
    assert assignable_staff(a) == [linked_a]
    client.force_login(staff_a)
    assert offered(client, a) == [str(linked_a.pk)]


def test_assigning_names_the_person_logs_it_and_tells_them_once(
    client, staff_a, reports, people, act, told, django_capture_on_commit_callbacks
):
    a, _b = reports
    linked_a, _linked_b, _unlinked = people
    client.force_login(staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, a, "assign", {"assign-staff": str(linked_a.pk)})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.assigned_staff == linked_a
    event = a.events.get(kind=EventKind.ASSIGNED)
    assert linked_a.name in event.text and event.actor == staff_a
    assert told == [(a.pk, linked_a.user, staff_a)]
    assert linked_a.name in client.get(f"/admin/reports/{a.pk}/").content.decode()
    assert linked_a.name in client.get("/admin/reports/").content.decode()


def test_a_forged_person_of_another_community_or_without_account_is_refused(
    client, staff_a, reports, people, act, told, django_capture_on_commit_callbacks
):
    a, _b = reports
    _linked_a, linked_b, unlinked = people
    client.force_login(staff_a)
    for forged in (linked_b, unlinked):
        with django_capture_on_commit_callbacks(execute=True):
            response = act(client, a, "assign", {"assign-staff": str(forged.pk)})
        assert response.status_code == 400
        with pytest.raises(ReportError):
            assign(a, by=staff_a, staff=forged)
    a.refresh_from_db()
    assert a.assigned_staff is None
    assert not a.events.filter(kind=EventKind.ASSIGNED).exists()
    assert told == []


def test_the_person_a_report_is_assigned_to_gets_an_alert_on_their_channel(
    client,
    staff_a,
    reports,
    people,
    act,
    recorded_sms,
    django_capture_on_commit_callbacks,
):
    """The assignment (scope) and the alert (notifications) meet through
    report_was_assigned (participation/signals.py)."""
    a, _b = reports
    linked_a, _linked_b, _unlinked = people
    AlertSetting.objects.create(user=linked_a.user, channel="sms", phone="13900006666")
    client.force_login(staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, a, "assign", {"assign-staff": str(linked_a.pk)})
    assert [sent[0] for sent in recorded_sms] == ["13900006666"]
    assert a.reference in recorded_sms[0][1]

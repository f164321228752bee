"""The audit log: exports of personal data, staff decisions and state changes, page
moderation; read by administrators only, changed by nobody."""

import csv
import io

import pytest
from wagtail.models import Workflow

from participation.models import ReportState
from participation.reports.admin_forms import version
from participation.roundtables import proposals
from participation.volunteers import signups
from portal import audit, roles
from portal.models import AuditAction, AuditEntry
from tests.portal.role_builders import (
    PERSON,
    logged_in,
    role_user,
)
from tests.portal.test_admin_language import admin_client

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_exporting_reports_with_personal_data_is_recorded(city):
    staff = role_user("station_staff", city.a)
    response = logged_in(staff).get("/admin/reports/?state=all&export=csv")
    rows = csv_rows(response)
    assert PERSON["A"]["phone"] in response.content.decode("utf-8-sig")
    entry = AuditEntry.objects.get(verb="reports.export")
    assert entry.user == staff and entry.username == staff.username
    assert entry.action == AuditAction.EXPORT
    assert entry.personal_data is True
    assert entry.rows == len(rows) - 1 == 1


def test_a_role_without_the_right_gets_the_export_without_personal_fields(city):
    moderator = role_user("moderator", city.directory)
    response = logged_in(moderator).get("/admin/reports/?state=all&export=csv")
    body = response.content.decode("utf-8-sig")
    header, *rows = csv_rows(response)
    assert len(rows) == 2  # both communities: the moderator works citywide
    assert not {"Name", "Phone", "Email", "姓名", "电话"} & set(header)
    for person in PERSON.values():
        assert person["name"] not in body and person["phone"] not in body
    entry = AuditEntry.objects.get(verb="reports.export")
    assert entry.user == moderator and entry.personal_data is False
    assert entry.rows == 2


def test_volunteer_and_registration_exports_are_recorded(city):
    coordinator = role_user("volunteer_coordinator", city.a)
    staff = role_user("station_staff", city.a)
    logged_in(coordinator).get("/admin/volunteers/?export=xlsx")
    logged_in(staff).get(
        f"/admin/event-registrations/?event={city.event['A'].pk}&export=csv"
    )
    volunteer_export = AuditEntry.objects.get(verb="volunteers.export")
    assert (volunteer_export.user, volunteer_export.rows) == (coordinator, 1)
    assert volunteer_export.personal_data
    registration_export = AuditEntry.objects.get(verb="registrations.export")
    assert registration_export.user == staff
    assert registration_export.object_id == str(city.event["A"].pk)
    assert registration_export.rows == 1


def test_staff_report_actions_record_who_and_the_state_change(city):
    staff = role_user("station_staff", city.a)
    report = city.report["A"]
    logged_in(staff).post(
        f"/admin/reports/{report.pk}/accept/",
        {
            "accept-note": "",
            "accept-public_title": "",
            "accept-seen": version(report),
            "accept-handling_mode": "service",
        },
    )
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    entry = AuditEntry.objects.filter(object_id=str(report.pk), user=staff).get()
    assert entry.object_type == "participation.report"
    assert entry.object_repr == report.reference
    assert entry.detail == "submitted → accepted"


def test_volunteer_decisions_and_agenda_moderation_are_recorded(city):
    coordinator = role_user("volunteer_coordinator", city.a)
    signups.approve(city.signup["A"], by=coordinator)
    proposals.decline(city.proposal["A"], "不属于城管职责。", by=coordinator)
    assert AuditEntry.objects.filter(
        verb="volunteer.approve", user=coordinator, detail="pending → approved"
    ).exists()
    moderation = AuditEntry.objects.get(verb="agenda.declined")
    assert moderation.action == AuditAction.MODERATION
    assert moderation.object_repr == city.proposal["A"].reference


def test_check_in_at_the_door_records_the_staff_member(city):
    staff = role_user("station_staff", city.a)
    registration = city.registration["A"]
    logged_in(staff).post(
        f"/admin/event-registrations/check-in/{city.event['A'].pk}/",
        {"reference": registration.reference},
    )
    entry = AuditEntry.objects.get(verb="registration.check_in")
    assert entry.user == staff and entry.object_id == str(registration.pk)


def test_page_moderation_is_copied_from_wagtails_workflow(city):
    editor = role_user("editor", city.a)
    approver = role_user("approver")
    notice = city.notice["A"]
    workflow = Workflow.objects.get(name=roles.NOTICES_WORKFLOW)
    revision = notice.save_revision(user=editor)
    state = workflow.start(notice, editor)
    state.current_task_state.approve(user=approver)
    notice.refresh_from_db()
    assert notice.live_revision_id == revision.pk
    verbs = list(
        AuditEntry.objects.filter(object_id=str(notice.pk))
        .order_by("pk")
        .values_list("verb", "username")
    )
    assert ("page.workflow.submit", editor.username) in verbs
    assert ("page.workflow.approve", approver.username) in verbs
    assert any(verb == "page.publish" for verb, _user in verbs)


def test_only_administrators_read_the_log_and_nobody_changes_it(city, admin_user):
    entry = audit.record("reports.export", action=AuditAction.EXPORT, rows=5)
    administrator = role_user("administrator", city.directory)
    listing = logged_in(administrator).get("/admin/audit_log/")
    assert listing.status_code == 200
    assert "reports.export" in listing.content.decode()
    staff = role_user("station_staff", city.a)
    refused = logged_in(staff).get("/admin/audit_log/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    # Not even a superuser may edit or delete an entry.
    superuser = logged_in(admin_user)
    for url in (
        f"/admin/audit_log/edit/{entry.pk}/",
        f"/admin/audit_log/delete/{entry.pk}/",
    ):
        response = superuser.post(url, {"verb": "nothing happened"})
        assert response.status_code == 302 and response["Location"] == "/admin/"
    entry.refresh_from_db()
    assert entry.verb == "reports.export"
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "zh-hans",
            [
                "反映状态变更",
                "状态由“已提交”变为“已受理”",
                "志愿者报名已通过",
                "由“待审核”变为“已通过”",
            ],
        ),
        (
            "en",
            [
                "Report state changed",
                "State changed from “Submitted” to “Accepted”",
                "Volunteer approved",
                "From “Waiting for a decision” to “Approved”",
            ],
        ),
    ],
)
def test_the_log_reads_each_change_in_the_readers_language(city, language, words):
    staff = role_user("station_staff", city.a)
    report = city.report["A"]
    logged_in(staff).post(
        f"/admin/reports/{report.pk}/accept/",
        {
            "accept-note": "",
            "accept-public_title": "",
            "accept-seen": version(report),
            "accept-handling_mode": "service",
        },
    )
    signups.approve(city.signup["A"], by=role_user("volunteer_coordinator", city.a))
    entry = AuditEntry.objects.get(verb="report.state", object_id=str(report.pk))
    assert entry.detail == "submitted → accepted"  # codes stored, never words

    administrator = role_user("administrator", city.directory)
    client = admin_client(administrator, language)
    listing = client.get("/admin/audit_log/").content.decode()
    assert [phrase for phrase in words if phrase not in listing] == []
    assert "submitted → accepted" not in listing
    inspect = client.get(f"/admin/audit_log/inspect/{entry.pk}/").content.decode()
    assert words[0] in inspect and words[1] in inspect

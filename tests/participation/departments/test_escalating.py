"""吹哨报到 (participation/departments/): a station calls a department in on a
report; the department opens its private link, acknowledges and answers without an
account; the resident's tracking page names the department and shows its answer; a
missed acknowledgement alerts the station head once. Forged links, links of a closed
call, other communities' staff and unknown departments change nothing."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from participation.departments.escalating import check_acknowledgements
from participation.models import (
    AlertSetting,
    Department,
    Escalation,
    EscalationState,
    Notification,
    ReportState,
)
from participation.reports.models import EventKind, Report
from participation.reports.staff_actions import close, escalate
from participation.reports.statistics import escalation_statistics
from participation.submissions import hash_token
from tests.participation.report_builders import denied, make_report, staff_user
from tests.participation.reports.test_alerts import link_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    return Department.objects.create(
        name="区住建局",
        name_en="District Housing Bureau",
        contact_person="李工",
        email="zhujian@example.org",
        channel="email",
    )


def called_in(client, report, department, act, django_capture_on_commit_callbacks):
    """Escalate from the report's admin page; the department's link from its mail."""
    with django_capture_on_commit_callbacks(execute=True):
        response = act(
            client,
            report,
            "escalate",
            {"escalate-department": str(department.pk), "escalate-reason": "需住建"},
        )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == [department.email]
    assert report.reference in message.subject
    return re.search(r"https?://\S+/department-call/[\w-]+/", message.body).group(0)


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_a_department_acknowledges_and_answers_and_the_resident_sees_it(
    client, world, staff_a, act, department, django_capture_on_commit_callbacks
):
    submitted = make_report(world.a)
    report = submitted.report
    client.force_login(staff_a)
    link = path_of(
        called_in(client, report, department, act, django_capture_on_commit_callbacks)
    )
    escalation = Escalation.objects.get(report=report)
    assert escalation.department == department and escalation.by == staff_a
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert escalation.token_hash == hash_token(token)  # only the hash is kept
    sent = Notification.objects.get(key=f"escalation:{escalation.pk}:sent")
    assert sent.status == "sent" and token not in sent.body + str(sent.params)
    report.refresh_from_db()
    assert report.triage == "large" and report.state == ReportState.DISPATCHED

    client.logout()  # the department has no account
    page = client.get(link)
    assert page.status_code == 200
    assert "noindex" in page["X-Robots-Tag"] and "no-cache" in page["Cache-Control"]
    assert report.location in page.content.decode()
    assert client.post(link + "acknowledge/").status_code == 303
    answered = client.post(
        link + "answer/",
        {"answer": "已派员核查，周五前修复。", "public_answer": "住建局周五前修复。"},
    )
    assert answered.status_code == 303
    escalation.refresh_from_db()
    assert escalation.state == EscalationState.ANSWERED
    assert escalation.acknowledged_at and escalation.answered_at
    kinds = set(report.events.values_list("kind", flat=True))
    assert {EventKind.DEPARTMENT_ACK, EventKind.DEPARTMENT_ANSWER} <= kinds

    track = client.get(f"/zh-hans/report/track/{submitted.token}/").content.decode()
    assert "区住建局" in track and "住建局周五前修复。" in track
    assert "已派员核查" not in track  # the answer to the station stays internal
    # Staff read the full answer in the report's log.
    client.force_login(staff_a)
    admin = client.get(f"/admin/reports/{report.pk}/").content.decode()
    assert "已派员核查，周五前修复。" in admin
    assert "区住建局 · 已答复" in admin


def test_a_forged_link_and_a_link_of_a_closed_call_change_nothing(
    client, world, officer, department, django_capture_on_commit_callbacks
):
    report = make_report(world.a).report
    with django_capture_on_commit_callbacks(execute=True):
        escalate(report, department=department, by=officer)
    link = path_of(re.search(r"https?://\S+/", mail.outbox[-1].body).group(0))
    forged = client.get("/zh-hans/department-call/forged-token-123/")
    assert forged.status_code == 404
    assert "noindex" in forged["X-Robots-Tag"]
    assert client.post("/zh-hans/department-call/forged/done/").status_code == 404
    assert client.post(link + "done/").status_code == 303
    escalation = Escalation.objects.get(report=report)
    assert escalation.state == EscalationState.DONE
    events = report.events.count()
    gone = client.get(link)
    assert gone.status_code == 410
    assert "链接" in gone.content.decode()
    again = client.post(link + "answer/", {"answer": "再来一次"})
    assert again.status_code == 410
    escalation.refresh_from_db()
    assert escalation.answer == "" and report.events.count() == events


def test_a_closed_report_closes_its_departments_link(
    client, world, officer, department, django_capture_on_commit_callbacks
):
    report = make_report(world.a).report
    with django_capture_on_commit_callbacks(execute=True):
        escalate(report, department=department, by=officer)
    link = path_of(re.search(r"https?://\S+/", mail.outbox[-1].body).group(0))
    close(report, by=officer, reason="已办结")
    assert client.get(link).status_code == 410
    assert client.post(link + "acknowledge/").status_code == 410
    assert Escalation.objects.get(report=report).acknowledged_at is None


def test_a_missed_acknowledgement_alerts_the_station_head_once(
    world, officer, department, recorded_sms
):
    head = link_account(world.a, "head_whistle", role="station_head")
    AlertSetting.objects.create(user=head, channel="sms", phone="13900003333")
    report = make_report(world.a).report
    escalate(report, department=department, by=officer)
    escalation = Escalation.objects.get(report=report)
    before = (escalation.ack_due - timedelta(minutes=1)).isoformat()
    assert check_acknowledgements.call(before) == 0
    assert recorded_sms == []
    after = (escalation.ack_due + timedelta(minutes=1)).isoformat()
    assert check_acknowledgements.call(after) == 1
    phone, text, message = recorded_sms[-1]
    assert phone == "13900003333" and message.template_code == "department_ack_missed"
    assert report.reference in text and "区住建局" in text
    assert check_acknowledgements.call(after) == 0  # once
    assert len(recorded_sms) == 1


def test_a_call_on_a_report_closed_since_alerts_nobody(
    world, officer, department, recorded_sms
):
    head = link_account(world.a, "head_closed", role="station_head")
    AlertSetting.objects.create(user=head, channel="sms", phone="13900005555")
    report = make_report(world.a).report
    escalate(report, department=department, by=officer)
    close(report, by=officer, reason="已由物业处理")
    escalation = Escalation.objects.get(report=report)
    later = (escalation.ack_due + timedelta(hours=1)).isoformat()
    assert check_acknowledgements.call(later) == 0
    assert recorded_sms == []


def test_an_acknowledged_call_alerts_nobody(
    client, world, officer, department, recorded_sms
):
    head = link_account(world.a, "head_quiet", role="station_head")
    AlertSetting.objects.create(user=head, channel="sms", phone="13900004444")
    report = make_report(world.a).report
    escalate(report, department=department, by=officer)
    escalation = Escalation.objects.get(report=report)
    Escalation.objects.filter(pk=escalation.pk).update(
        acknowledged_at=timezone.now(), state=EscalationState.ACKNOWLEDGED
    )
    later = (escalation.ack_due + timedelta(hours=1)).isoformat()
    assert check_acknowledgements.call(later) == 0
    assert recorded_sms == []


def test_another_communitys_staff_and_an_unknown_department_change_nothing(
    client, world, staff_a, act, department
):
    report = make_report(world.a).report
    other = staff_user(world.b, "view_report", "change_report")
    client.force_login(other)
    response = act(
        client, report, "escalate", {"escalate-department": str(department.pk)}
    )
    assert denied(response)
    client.force_login(staff_a)
    for bad in ("999999", "abc", "99999999999999999999999", ""):
        response = act(client, report, "escalate", {"escalate-department": bad})
        assert response.status_code == 400, bad
    department.active = False
    department.save()
    response = act(
        client, report, "escalate", {"escalate-department": str(department.pk)}
    )
    assert response.status_code == 400
    assert not Escalation.objects.exists()
    report.refresh_from_db()
    assert report.triage != "large"


def test_the_departments_are_kept_in_the_admin_by_administrators_only(
    client, world, staff_a, admin_user, department
):
    client.force_login(staff_a)
    assert denied(client.get("/admin/snippets/participation/department/"))
    client.force_login(admin_user)
    listing = client.get("/admin/snippets/participation/department/")
    assert listing.status_code == 200 and "区住建局" in listing.content.decode()


def test_the_public_statistics_count_calls_and_departments_acknowledgement_times(
    client, world, officer, department
):
    first = make_report(world.a).report
    second = make_report(world.a).report
    escalate(first, department=department, by=officer)
    escalate(second, department=department, by=officer)
    call = Escalation.objects.get(report=first)
    Escalation.objects.filter(pk=call.pk).update(
        acknowledged_at=call.created_at + timedelta(hours=3),
        state=EscalationState.ACKNOWLEDGED,
    )
    page = client.get("/zh-hans/report/statistics/").content.decode()
    assert "2</strong> 次吹哨报到" in page
    assert "区住建局" in page and "3.0 小时" in page
    assert "李工" not in page and department.email not in page


def test_the_statistics_read_every_departments_calls_in_one_query(
    world, officer, department, django_assert_num_queries
):
    others = [
        Department.objects.create(
            name=name, name_en=english, email="d@example.org", channel="email"
        )
        for name, english in (
            ("区水务局", "District Water Bureau"),
            ("区市场监管局", ""),
        )
    ]
    for called in (department, *others):
        escalate(make_report(world.a).report, department=called, by=officer)
    reports = Report.objects.filter(community=world.a)
    with translation.override("en"), django_assert_num_queries(1):
        found = escalation_statistics(reports)
    assert sorted(name for name, _n, _hours in found["by_department"]) == [
        "District Housing Bureau",
        "District Water Bureau",
        "区市场监管局",
    ]


def test_a_department_without_the_address_of_its_channel_is_refused(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/snippets/participation/department/add/",
        {"name": "区水务局", "channel": "sms", "phone": "", "active": "on"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "按所选渠道联系部门时必填。" in response.content.decode()
    assert not Department.objects.filter(name="区水务局").exists()

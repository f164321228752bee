"""One report in the admin (participation/reports/admin_detail.py): the staff's
actions from the report's page, each logged with who did it and why; a bad one shows
the page again with the error; contact data masked without the permission."""

import pytest

from notices.models import AreaAssignment
from participation.models import Report, ReportState
from participation.reports.admin_forms import version
from participation.reports.communities import station_name
from participation.reports.models import EventKind
from tests.participation.report_builders import denied, make_report, staff_user

pytestmark = pytest.mark.django_db


def test_staff_accept_triage_assign_reply_and_resolve_from_the_report_page(
    client, world, staff_a, reports, act
):
    a, _b = reports
    client.force_login(staff_a)
    url = f"/admin/reports/{a.pk}/"
    steps = [
        ("accept", {"accept-note": "已受理"}),
        ("triage", {"triage-level": "medium"}),
        ("assign", {"assign-station": str(world.a.pk)}),
        ("reply", {"reply-text": "明天处理"}),
        ("note", {"note-text": "内部备注"}),
        ("resolve", {"resolve-text": "已清理"}),
    ]
    for name, data in steps:
        assert act(client, a, name, data).status_code == 302, name
    a.refresh_from_db()
    assert a.state == ReportState.RESOLVED and a.triage == "medium"
    assert a.assigned_station_id == world.a.pk
    kinds = list(a.events.exclude(actor=None).values_list("kind", flat=True))
    assert set(kinds) >= {"state", "triage", "assigned", "reply", "note"}
    assert set(a.events.exclude(actor=None).values_list("actor", flat=True)) == {
        staff_a.pk
    }
    page = client.get(url).content.decode()
    assert "内部备注" in page and staff_a.username in page


def test_a_bad_action_shows_the_report_again_with_the_error(client, staff_a, reports):
    a, _b = reports
    client.force_login(staff_a)
    response = client.post(f"/admin/reports/{a.pk}/state/", {"state-state": "rejected"})
    assert response.status_code == 400
    assert "resident will see it" in response.content.decode() or "居民" in (
        response.content.decode()
    )
    a.refresh_from_db()
    assert a.state == ReportState.SUBMITTED


def test_every_staff_action_is_in_the_log_with_its_reason(
    client, staff_a, reports, act
):
    a, _b = reports
    client.force_login(staff_a)
    act(
        client,
        a,
        "refer",
        {"refer-department": "区市场监管局", "refer-reason": "属于食品安全"},
    )
    event = Report.objects.get(pk=a.pk).events.get(kind=EventKind.STATE)
    assert event.actor == staff_a and "区市场监管局" in event.text
    assert "属于食品安全" in event.text and event.created_at is not None


def test_a_masked_name_does_not_reveal_how_long_it_is(client, staff_a, reports):
    a, _b = reports
    Report.objects.filter(pk=a.pk).update(name="王伟")
    client.force_login(staff_a)
    page = client.get(f"/admin/reports/{a.pk}/").content.decode()
    assert "王伟" not in page and "王**" in page


# The whole handling through the screens, offered step by step (issue 23)


def offered(client, report) -> set[str]:
    """The actions the report's page offers: the addresses its forms post to."""
    page = client.get(f"/admin/reports/{report.pk}/").content.decode()
    prefix = f'action="/admin/reports/{report.pk}/'
    return {part.split("/", 1)[0] for part in page.split(prefix)[1:] if "/" in part}


def test_staff_of_a_triage_dispatch_answer_and_resolve_with_only_allowed_actions(
    client, world, staff_a, act
):
    report = make_report(world.a).report
    client.force_login(staff_a)
    first = offered(client, report)
    assert {"accept", "triage", "assign", "note"} <= first
    assert not {"start", "resolve", "close"} & first
    assert act(client, report, "triage", {"triage-level": "small"}).status_code == 302
    page = client.get(f"/admin/reports/{report.pk}/").content.decode()
    assert f'<option value="{world.a.pk}" selected>' in page  # own station
    response = act(client, report, "assign", {"assign-station": str(world.a.pk)})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.DISPATCHED
    assert {"start", "resolve", "reply"} <= offered(client, report)
    assert act(client, report, "reply", {"reply-text": "今天处理"}).status_code == 302
    assert act(client, report, "resolve", {"resolve-text": "已清理"}).status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.RESOLVED
    last = offered(client, report)
    assert "start" not in last and "resolve" not in last and "close" in last
    log = client.get(f"/admin/reports/{report.pk}/").content.decode()
    assert "→ resolved" not in log and "→ dispatched" not in log


def test_a_forged_forbidden_transition_is_refused_and_changes_nothing(
    client, world, staff_a, act
):
    report = make_report(world.a).report
    client.force_login(staff_a)
    assert act(client, report, "resolve", {"resolve-text": "x"}).status_code == 400
    forged = act(
        client, report, "state", {"state-state": "closed", "state-reason": "x"}
    )
    assert forged.status_code == 400
    assert act(client, report, "start").status_code == 400
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert not report.events.filter(actor=staff_a).exists()


def test_an_action_from_a_page_opened_before_a_change_is_refused_as_stale(
    client, world, staff_a, act
):
    report = make_report(world.a).report
    client.force_login(staff_a)
    stale = version(report)
    assert act(client, report, "accept").status_code == 302
    response = client.post(
        f"/admin/reports/{report.pk}/note/",
        {
            "note-seen": stale,
            "note-text": "旧页面上写的",
            "note-handling_mode": "service",
        },
    )
    assert response.status_code == 409
    assert "旧页面上写的" not in response.content.decode().split("<table")[-1]
    assert not report.events.filter(kind=EventKind.NOTE).exists()


def test_another_communitys_station_needs_a_reason_and_then_answers_the_resident(
    client, world, staff_a, act
):
    report = make_report(world.a).report
    client.force_login(staff_a)
    AreaAssignment.objects.create(user=staff_a, area=world.b)
    refused = act(client, report, "assign", {"assign-station": str(world.b.pk)})
    assert refused.status_code == 400
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.assigned_station is None
    done = act(
        client,
        report,
        "assign",
        {"assign-station": str(world.b.pk), "assign-reason": "隔壁工作站更近"},
    )
    assert done.status_code == 302
    report.refresh_from_db()
    assert "隔壁工作站更近" in report.events.get(kind=EventKind.ASSIGNED).text
    assert station_name(report) == world.b.station_name != world.a.station_name


def test_staff_of_another_community_get_nothing_of_the_report(client, world, act):
    report = make_report(world.a).report
    other = staff_user(world.b, "view_report", "change_report", "publish_report")
    client.force_login(other)
    base = f"/admin/reports/{report.pk}/"
    assert denied(client.get(base))
    for name in ("accept", "note", "assign", "state", "publish", "start"):
        assert denied(act(client, report, name, {f"{name}-text": "x"})), name
    for action in ("accept", "close"):
        bulk = f"/admin/bulk/participation/report/{action}_reports/?id={report.pk}"
        assert denied(client.get(bulk)) and denied(client.post(bulk))
    for address in ("inspect", "edit", "delete", "history"):
        assert denied(client.get(f"/admin/reports/{address}/{report.pk}/")), address
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.events.count() == 1

"""Report rules: deadlines, the state machine and its log, resident actions,
suggestions for the three lists, retention, notifications and statistics."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from participation.models import Report, ReportState
from participation.models.reports import EventKind, ReportKind
from participation.report_tasks import send_report_digest
from participation.reports import (
    ReportError,
    accept,
    accepted_suggestions,
    add_information,
    add_note,
    area_reports,
    assign,
    change_state,
    close,
    delete_contact,
    escalate,
    find_item,
    mark_duplicate,
    open311_status,
    purge_contacts,
    rate,
    refer,
    reject,
    reopen,
    reply,
    report_statistics,
    resolve,
    start_work,
)
from participation.sms import RecordingSmsSender
from portal.models import DayKind, Holiday
from tests.participation.report_builders import (
    PLANTED_NAME,
    PLANTED_PHONE,
    build_world,
    make_report,
    staff_user,
)

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def recorded_sms(settings):
    settings.PORTAL_SMS_BACKEND = "participation.sms.RecordingSmsSender"
    RecordingSmsSender.outbox = []
    return RecordingSmsSender.outbox


@pytest.fixture
def world(bilingual_site):
    return build_world(bilingual_site)


@pytest.fixture
def officer(world):
    return staff_user(world.a, "view_report", "change_report")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


# Submission


@pytest.mark.django_db(transaction=True)
def test_a_taken_reference_is_drawn_again_and_the_report_stored_once(
    bilingual_site, monkeypatch
):
    # Outside any test transaction, as in a request: the insert that clashes fails
    # its whole transaction, and the report is sent again with a new reference.
    world = build_world(bilingual_site)
    first = make_report(world.a).report
    drawn = iter([first.reference, first.reference, "NEWREF23"])
    monkeypatch.setattr("participation.reports.new_reference", lambda: next(drawn))
    second = make_report(world.a, description="路灯不亮。").report
    assert second.reference == "NEWREF23"
    assert Report.objects.filter(description="路灯不亮。").count() == 1
    stored = Report.objects.get(reference="NEWREF23")
    assert [event.kind for event in stored.events.all()] == [EventKind.CREATED]
    assert Report.objects.get(reference=first.reference).description.startswith("楼道")


# Deadlines


def test_deadlines_skip_weekends(world):
    # EH-01: answer within 1 working day, complete within 3. Friday 6 March 2026.
    report = make_report(world.a, now=local(2026, 3, 6, 10, 0)).report
    assert report.response_due.astimezone(SHANGHAI).date().isoformat() == "2026-03-09"
    assert report.completion_due.astimezone(SHANGHAI).date().isoformat() == "2026-03-11"


def test_deadlines_skip_entered_holidays_and_count_make_up_days(world):
    for day in range(1, 8):
        Holiday.objects.create(date=local(2026, 10, day).date(), name="国庆节")
    Holiday.objects.create(
        date=local(2026, 10, 10).date(), kind=DayKind.WORKDAY, name="国庆节调休"
    )
    report = make_report(world.a, now=local(2026, 9, 30, 16, 0)).report
    assert report.response_due.astimezone(SHANGHAI).date().isoformat() == "2026-10-08"
    assert report.completion_due.astimezone(SHANGHAI).date().isoformat() == "2026-10-10"


def test_minutes_and_same_day_promises_run_around_the_clock(world):
    report = make_report(world.a, code="SR-01", now=local(2026, 3, 7, 22, 0)).report
    assert report.response_due == local(2026, 3, 7, 22, 30)
    assert report.completion_due.astimezone(SHANGHAI).date().isoformat() == "2026-03-07"
    assert report.handling_class == "immediate"


def test_a_report_falls_due_at_the_last_instant_of_the_day_as_the_duty_list_says(
    world,
):
    received = local(2026, 3, 6, 10, 0)
    report = make_report(world.a, now=received).report
    # Stored and read back: the end of the day survives the database.
    report.refresh_from_db()
    assert report.completion_due == local(2026, 3, 11, 23, 59, 59, 999999)
    item = find_item("EH-01")
    assert report.response_due == item.promised_response.deadline(received)
    assert report.completion_due == item.promised_completion.deadline(received)


# The closed loop


def test_the_closed_loop_from_submission_to_rating_is_logged(world, officer):
    report = make_report(world.a).report
    accept(report, by=officer, note="已受理")
    assign(report, by=officer, station=world.a)
    start_work(report, by=officer)
    reply(report, "正在清理。", by=officer)
    resolve(report, "杂物已清走。", by=officer)
    report.refresh_from_db()
    assert report.state == ReportState.RESOLVED
    assert report.first_response_at is not None and report.resolved_at is not None
    rate(report, 5, "很满意")
    report.refresh_from_db()
    assert report.state == ReportState.CLOSED and report.rating == 5
    states = [
        e.to_state for e in report.events.filter(kind=EventKind.STATE).order_by("pk")
    ]
    assert states == ["accepted", "dispatched", "in_progress", "resolved", "closed"]
    staff_events = report.events.exclude(actor=None)
    assert staff_events.count() >= 6
    assert all(event.actor == officer for event in staff_events)
    assert report.events.get(kind=EventKind.RATED).actor_kind == "resident"


def test_states_cannot_jump_and_rejection_needs_a_reason(world, officer):
    report = make_report(world.a).report
    with pytest.raises(ReportError):
        change_state(report, ReportState.RESOLVED, by=officer)
    with pytest.raises(ReportError) as error:
        reject(report, "  ", by=officer)
    assert error.value.field_name == "reason"
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    reject(report, "不属于城管职责范围。", by=officer)
    report.refresh_from_db()
    assert report.state == ReportState.REJECTED
    assert report.events.get(to_state="rejected").text == "不属于城管职责范围。"


def test_internal_notes_are_never_public(world, officer):
    report = make_report(world.a).report
    add_note(report, "物业经理电话 13800000000", by=officer)
    assert not report.events.get(kind=EventKind.NOTE).public


def test_duplicate_and_referral_name_their_target(world, officer):
    original = make_report(world.a).report
    copy = make_report(world.a).report
    mark_duplicate(copy, original, by=officer)
    copy.refresh_from_db()
    assert copy.state == ReportState.DUPLICATE and copy.duplicate_of == original
    with pytest.raises(ReportError):
        mark_duplicate(original, original, by=officer)
    other = make_report(world.a).report
    refer(other, department="区市场监管局", by=officer)
    other.refresh_from_db()
    assert other.state == ReportState.REFERRED
    assert "区市场监管局" in other.events.get(to_state="referred").text


def test_escalating_blows_the_whistle_but_keeps_the_report_open(world, officer):
    report = make_report(world.a).report
    escalate(report, department="区住建局、街道办", by=officer)
    report.refresh_from_db()
    assert report.triage == "large"
    assert report.state == ReportState.DISPATCHED
    assert open311_status(report.state) == "open"


def test_reopening_needs_a_resolution_and_a_comment(world, officer):
    report = make_report(world.a).report
    with pytest.raises(ReportError):
        reopen(report, "还没好")
    accept(report, by=officer)
    resolve(report, "已处理", by=officer)
    with pytest.raises(ReportError):
        reopen(report, "   ")
    reopen(report, "杂物又堆回来了。")
    report.refresh_from_db()
    assert report.state == ReportState.IN_PROGRESS and report.resolved_at is None
    assert report.events.filter(kind=EventKind.REOPENED, public=True).exists()


def test_ratings_are_one_to_five_once_and_only_after_resolution(world, officer):
    report = make_report(world.a).report
    with pytest.raises(ReportError):
        rate(report, 4)
    accept(report, by=officer)
    resolve(report, "已处理", by=officer)
    for bad in (0, 6):
        with pytest.raises(ReportError):
            rate(report, bad)
    rate(report, 3)
    with pytest.raises(ReportError):
        rate(report, 5)
    report.refresh_from_db()
    assert report.rating == 3


def test_information_can_be_added_until_the_report_is_closed(world, officer):
    report = make_report(world.a).report
    add_information(report, "每天晚上8点以后更严重。")
    with pytest.raises(ReportError):
        close(report, by=officer)  # a new report is accepted or rejected first
    accept(report, by=officer)
    close(report, by=officer)
    with pytest.raises(ReportError):
        add_information(report, "再补充")


def test_every_state_maps_to_open311_open_or_closed():
    expected = {
        "submitted": "open",
        "accepted": "open",
        "dispatched": "open",
        "in_progress": "open",
        "resolved": "closed",
        "closed": "closed",
        "rejected": "closed",
        "duplicate": "closed",
        "referred": "closed",
    }
    assert {state: open311_status(state) for state in ReportState.values} == expected


# Suggestions feed the station's "what residents asked for" list


def test_accepted_suggestions_show_the_public_summary_not_the_residents_words(
    world, officer
):
    suggestion = make_report(
        world.a,
        kind=ReportKind.SUGGESTION,
        description=f"我是{PLANTED_NAME},建议在小区门口设置便民早餐点。",
    ).report
    make_report(world.a, kind=ReportKind.SUGGESTION)  # not accepted
    make_report(world.b, kind=ReportKind.SUGGESTION)
    accept(suggestion, by=officer, public_title="小区门口设置便民早餐点")
    entries = accepted_suggestions(world.a)
    assert [entry.title for entry in entries] == ["小区门口设置便民早餐点"]
    assert entries[0].duty_code == "EH-01"
    from participation.models import accepted_requests_for

    assert [entry.title for entry in accepted_requests_for(world.a)] == [
        "小区门口设置便民早餐点"
    ]


def test_the_three_lists_show_accepted_suggestions(client, world, officer):
    from notices.lists.shared import resident_requests

    suggestion = make_report(world.a, kind=ReportKind.SUGGESTION).report
    accept(suggestion, by=officer, public_title="增设便民早餐点")
    assert [entry.title for entry in resident_requests(world.a)] == ["增设便民早餐点"]


# Contact data: on request and after retention


def test_the_resident_can_delete_their_contact_data(world):
    report = make_report(
        world.a, name=PLANTED_NAME, phone=PLANTED_PHONE, consent=True
    ).report
    assert delete_contact(report, reason="resident")
    report.refresh_from_db()
    assert (report.name, report.phone, report.email) == ("", "", "")
    assert report.contact_deleted_at is not None


def test_contact_data_is_purged_after_the_retention_period(world, officer, settings):
    settings.PORTAL_REPORT_CONTACT_RETENTION_DAYS = 180
    old = make_report(world.a, name=PLANTED_NAME, phone=PLANTED_PHONE, consent=True)
    recent = make_report(world.a, name="王五", phone="13700000000", consent=True)
    for submitted in (old, recent):
        accept(submitted.report, by=officer)
        close(submitted.report, by=officer)
    Report.objects.filter(pk=old.report.pk).update(
        closed_at=timezone.now() - timedelta(days=181)
    )
    assert purge_contacts() == 1
    old.report.refresh_from_db()
    recent.report.refresh_from_db()
    assert old.report.phone == "" and recent.report.phone == "13700000000"
    Report.objects.filter(pk=recent.report.pk).update(
        closed_at=timezone.now() - timedelta(days=31)
    )
    call_command("purge_report_contacts", "--days", "30")
    recent.report.refresh_from_db()
    assert recent.report.phone == "" and recent.report.name == ""


# Notifications


def test_the_resident_gets_the_link_by_email_and_sms_and_news_later(
    world, officer, recorded_sms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted = make_report(
            world.a, phone=PLANTED_PHONE, email="resident@example.org", consent=True
        )
    assert len(mail.outbox) == 1
    assert submitted.report.reference in mail.outbox[0].subject
    assert f"/report/track/{submitted.token}/" in mail.outbox[0].body
    assert recorded_sms[0][0] == PLANTED_PHONE
    assert submitted.report.reference in recorded_sms[0][1]
    with django_capture_on_commit_callbacks(execute=True):
        reply(submitted.report, "已安排人员。", by=officer)
    assert len(mail.outbox) == 2 and len(recorded_sms) == 2
    assert "已安排人员" not in mail.outbox[1].body  # read it on the private page


def test_no_contact_no_message(world, recorded_sms, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_report(world.a)
    assert mail.outbox == [] and recorded_sms == []


def test_the_daily_digest_lists_each_users_own_new_and_late_reports(world):
    user_a = staff_user(world.a, "view_report", username="staff_a")
    user_b = staff_user(world.b, "view_report", username="staff_b")
    user_b.email = ""
    user_b.save()
    late = make_report(world.a, now=timezone.now() - timedelta(days=10)).report
    other = make_report(world.b).report
    assert send_report_digest.call() == 1
    assert mail.outbox[0].to == [user_a.email]
    assert late.reference in mail.outbox[0].body
    assert other.reference not in mail.outbox[0].body
    call_command("send_report_digest")
    assert len(mail.outbox) == 2


# Statistics


def test_statistics_count_medians_on_time_rate_and_ratings(world, officer):
    now = timezone.now()
    fast = make_report(world.a, now=now - timedelta(hours=30)).report
    slow = make_report(world.a, code="SR-01", now=now - timedelta(days=3)).report
    make_report(world.b)
    for report in (fast, slow):
        accept(report, by=officer)
        resolve(report, "已处理", by=officer)
    rate(fast, 4)
    rate(slow, 2)
    stats = report_statistics(area_reports(world.a), now=now)
    assert stats["total"] == 2
    assert {key: n for key, _label, n in stats["by_state"]}["closed"] == 2
    assert {code: n for code, _title, n in stats["by_category"]} == {
        "EH-01": 1,
        "SR-01": 1,
    }
    # fast was due within 3 working days (on time), slow the same day (late).
    assert stats["on_time_rate"] == 50
    assert stats["average_rating"] == 3.0
    assert stats["median_response_hours"] == pytest.approx(51, abs=1)
    assert sum(received for _m, received, _r in stats["by_month"]) == 2
    city = report_statistics(area_reports(None), now=now)
    assert city["total"] == 3
    assert report_statistics(area_reports(world.subdistrict), now=now)["total"] == 3


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("（0516）83000000", "051683000000"),
        ("(0516)83000000", "051683000000"),
        ("+86 138 1234 5678", "13812345678"),
    ],
)
def test_a_phone_written_with_brackets_of_either_width_is_understood(written, digits):
    from participation.reports import normalise_phone

    assert normalise_phone(written) == digits

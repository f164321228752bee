"""The resident's private tracking page (participation/reports/tracking_views.py):
forged links open nothing, replies are signed by the station, internal notes stay
off, and the resident rates, reopens, adds information and erases their contact."""

import time

import pytest

from participation.abuse import form_token
from participation.models import ReportState
from participation.reports.staff_actions import accept, add_note, assign, reply, resolve
from tests.participation.report_builders import (
    PLANTED_NAME,
    PLANTED_PHONE,
    make_report,
    staff_user,
)

pytestmark = pytest.mark.django_db


def test_forged_tracking_tokens_open_nothing(client, world):
    make_report(world.a)
    assert client.get("/zh-hans/report/track/forged-token/").status_code == 404
    response = client.post(
        "/zh-hans/report/track/forged-token/info/",
        {"info-text": "x", "info-form_token": form_token(1)},
    )
    assert response.status_code == 400


def test_the_resident_sees_replies_signed_by_the_station_never_a_name(
    client, world, officer
):
    officer.first_name, officer.last_name = "Officer", "Zhang Wei"
    officer.save()
    submitted = make_report(world.a)
    accept(submitted.report, by=officer)
    reply(submitted.report, "我们明天上午处理。", by=officer)
    page = client.get(f"/zh-hans/report/track/{submitted.token}/").content.decode()
    assert "我们明天上午处理。" in page
    assert world.a.station_name in page
    assert "Zhang Wei" not in page and officer.username not in page


def test_internal_notes_and_staff_assignments_stay_off_the_tracking_page(
    client, world, officer
):
    submitted = make_report(world.a)
    add_note(submitted.report, "内部:物业不配合", by=officer)
    staff_member = world.a.staff_links.first().staff
    # Reports go only to people with a sign-in account of the community.
    staff_member.user = staff_user(world.a, "view_report", username="assignee")
    staff_member.save()
    assign(submitted.report, by=officer, staff=staff_member)
    page = client.get(f"/zh-hans/report/track/{submitted.token}/").content.decode()
    assert "物业不配合" not in page
    assert staff_member.name not in page


def track_post(client, token, action, **fields):
    data = {f"{action}-{key}": value for key, value in fields.items()}
    data[f"{action}-form_token"] = form_token(issued_at=time.time() - 60)
    return client.post(f"/zh-hans/report/track/{token}/{action}/", data)


def test_after_resolution_the_resident_rates_or_reopens_with_a_comment(
    client, world, officer
):
    submitted = make_report(world.a)
    page = client.get(f"/zh-hans/report/track/{submitted.token}/").content.decode()
    assert 'name="rate-score"' not in page  # nothing to rate yet
    accept(submitted.report, by=officer)
    resolve(submitted.report, "已清理完毕。", by=officer)
    page = client.get(f"/zh-hans/report/track/{submitted.token}/").content.decode()
    assert 'name="rate-score"' in page and 'name="reopen-comment"' in page
    empty = track_post(client, submitted.token, "reopen", comment="")
    assert empty.status_code == 400
    submitted.report.refresh_from_db()
    assert submitted.report.state == ReportState.RESOLVED
    assert (
        track_post(
            client, submitted.token, "reopen", comment="还是很多杂物"
        ).status_code
        == 302
    )
    submitted.report.refresh_from_db()
    assert submitted.report.state == ReportState.IN_PROGRESS
    resolve(submitted.report, "这次清理干净了。", by=officer)
    assert track_post(client, submitted.token, "rate", score="9").status_code == 400
    assert (
        track_post(client, submitted.token, "rate", score="4", comment="好").status_code
        == 302
    )
    submitted.report.refresh_from_db()
    assert submitted.report.rating == 4 and submitted.report.state == ReportState.CLOSED
    again = track_post(client, submitted.token, "rate", score="5")
    assert again.status_code == 400
    submitted.report.refresh_from_db()
    assert submitted.report.rating == 4


def test_the_resident_adds_information_and_deletes_their_contact(client, world):
    submitted = make_report(
        world.a, name=PLANTED_NAME, phone=PLANTED_PHONE, consent=True
    )
    page = client.get(f"/zh-hans/report/track/{submitted.token}/").content.decode()
    assert PLANTED_NAME not in page and PLANTED_PHONE not in page  # masked
    assert "139****5678" in page
    response = track_post(client, submitted.token, "info", text="晚上更严重")
    assert response.status_code == 302
    assert track_post(client, submitted.token, "forget").status_code == 400
    assert (
        track_post(client, submitted.token, "forget", confirm="on").status_code == 302
    )
    submitted.report.refresh_from_db()
    assert submitted.report.phone == "" and submitted.report.name == ""
    assert (
        "晚上更严重"
        in client.get(f"/zh-hans/report/track/{submitted.token}/").content.decode()
    )


def test_a_report_sent_while_the_station_is_closed_says_when_the_reply_comes(
    client, world
):
    import datetime as dt

    from django.utils import timezone

    every_day = [str(day) for day in range(1, 8)]
    today = timezone.localdate()
    world.a.office_hours = [
        (
            "shift",
            {"days": every_day, "opens": dt.time(8, 30), "closes": dt.time(17, 30)},
        )
    ]
    world.a.hours_exceptions = [
        ("exception", {"start_date": today, "closed": True, "note": "闭站"})
    ]
    world.a.save()
    submitted = make_report(world.a, code="SR-01")
    page = client.get(f"/zh-hans/report/track/{submitted.token}/?new=1")
    assert "将在明天 08:30 后30分钟内回复" in page.content.decode()
    page = client.get(f"/en/report/track/{submitted.token}/")
    assert "within 30 minutes after it opens at 08:30 tomorrow" in (
        page.content.decode()
    )

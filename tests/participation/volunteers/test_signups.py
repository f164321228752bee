"""Signing up, withdrawing, the staff's decision and retention
(participation/volunteers/signups.py)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from participation.notifications.sms import RecordingSmsSender
from participation.volunteers.models import SignUpStatus
from participation.volunteers.signups import (
    VolunteerError,
    approve,
    decline,
    erase_expired,
    withdraw,
)
from tests.participation.volunteer_builders import (
    PLANTED_NAME,
    PLANTED_PHONE,
    join,
)

pytestmark = pytest.mark.django_db


def test_same_phone_may_join_another_team_and_again_after_withdrawing(world):
    first = join(world).signup
    join(world, team="citywide")
    with pytest.raises(VolunteerError):
        join(world)
    withdraw(first)
    assert join(world).signup.status == SignUpStatus.PENDING


def test_full_team_takes_no_more_approvals_or_sign_ups(world):
    for n in range(2):
        approve(join(world, phone=f"1390000000{n}").signup)
    with pytest.raises(VolunteerError) as error:
        join(world, phone="13900000009")
    assert error.value.code == "full"


def test_a_sign_up_is_confirmed_by_text_with_its_status_link(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = join(world, phone="139 8888 7777")
    ((phone, text, _message),) = RecordingSmsSender.outbox
    assert phone == "13988887777"
    assert outcome.signup.reference in text and "已收到" in text
    link = f"http://testserver/zh-hans/volunteer/status/{outcome.token}/"
    assert text.endswith(link)
    assert outcome.signup.reference in client.get(link).text


def test_a_sign_up_withdrawn_before_the_text_goes_gets_none(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        outcome = join(world)
    withdraw(outcome.signup)
    for callback in queued:
        callback()
    assert RecordingSmsSender.outbox == []


def test_declining_needs_a_reason_the_volunteer_then_sees(
    client, world, django_capture_on_commit_callbacks
):
    outcome = join(world, email="wang@example.org")
    with pytest.raises(VolunteerError):
        decline(outcome.signup, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        decline(outcome.signup, "本队已满员,欢迎报名城管志愿者。")
    page = client.get(f"/zh-hans/volunteer/status/{outcome.token}/").text
    assert "本队已满员" in page and "未通过" in page
    assert "本队已满员" in mail.outbox[-1].body
    assert "本队已满员" in RecordingSmsSender.outbox[-1][1]


def test_expired_declined_sign_ups_lose_their_personal_data(world):
    signup = join(world, name=PLANTED_NAME, phone=PLANTED_PHONE).signup
    decline(signup, "名额已满", now=timezone.now() - timedelta(days=200))
    kept = join(world, phone="13900000031").signup
    assert erase_expired() == 1
    signup.refresh_from_db()
    kept.refresh_from_db()
    assert signup.name == signup.phone == "" and signup.reference
    assert kept.name == "王秀英"

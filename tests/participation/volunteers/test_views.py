"""Signing up through the public form, the private status page, and no name or
phone on any public output (participation/volunteers/views.py)."""

import re
import time
from decimal import Decimal

import pytest
from django.utils import timezone

from participation.abuse import form_token
from participation.notifications.sms import RecordingSmsSender
from participation.volunteers.models import SignUpStatus, VolunteerSignUp
from participation.volunteers.service import balance, log_service, totals
from participation.volunteers.signups import (
    approve,
    find_by_token,
)
from tests.conftest import publish
from tests.participation.builders import assert_nothing_leaks, staff_user
from tests.participation.volunteer_builders import (
    ACTING,
    PLANTED_NAME,
    PLANTED_PHONE,
    form_data,
    join,
)

pytestmark = pytest.mark.django_db


def assert_refused(response, reason: str) -> None:
    """The form came back naming `reason`, and no sign-up was stored."""
    assert response.status_code == 400
    assert reason in response.text
    assert not VolunteerSignUp.objects.exists()


def test_sign_up_approve_log_three_hours_then_balance_and_masked_honour_roll(
    client, world, django_capture_on_commit_callbacks
):
    response = client.post("/zh-hans/volunteer/", form_data(world))
    assert response.status_code == 303
    token = re.search(r"/volunteer/status/([^/]+)/", response["Location"]).group(1)
    status_page = client.get(response["Location"]).text
    signup = VolunteerSignUp.objects.get()
    assert signup.reference in status_page and "王**" in status_page
    assert signup.phone == "13912345678" and signup.status == SignUpStatus.PENDING
    assert len(token) >= 22  # >= 128 bits of URL-safe base64

    staff = staff_user(*ACTING, area=world["here"])
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        decided = client.post(
            f"/admin/volunteers/decide/{signup.pk}/",
            {"decision": "approve", "reason": ""},
        )
    assert decided.status_code == 302
    assert RecordingSmsSender.outbox[-1][0] == "13912345678"
    assert signup.reference in RecordingSmsSender.outbox[-1][1]
    logged = client.post(
        f"/admin/volunteers/service/{signup.pk}/",
        {
            "activity": "楼道堆物巡查",
            "date": timezone.localdate().isoformat(),
            "hours": "3",
            "points": "30",
        },
    )
    assert logged.status_code == 302
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.APPROVED
    assert balance(signup) == 30
    assert totals(signup)["hours"] == Decimal("3.0")

    client.logout()
    roll = client.get("/zh-hans/volunteer/honour-roll/").text
    assert "王**" in roll and "3.0" in roll and "银发协管员" in roll
    assert "王秀英" not in roll and "13912345678" not in roll
    english = client.get("/en/volunteer/honour-roll/").text
    assert "Silver-hair assistants" in english and "王**" in english
    mine = client.get(f"/zh-hans/volunteer/status/{token}/").text
    assert "30" in mine and "3.0" in mine


# Bad input: clear translated errors, 400, nothing stored


def test_same_phone_cannot_sign_up_twice_for_one_team(client, world):
    join(world)
    response = client.post("/zh-hans/volunteer/", form_data(world))
    assert response.status_code == 400
    assert "已经报名" in response.text
    assert VolunteerSignUp.objects.count() == 1


def test_sending_the_same_form_twice_stores_one_sign_up(client, world):
    data = form_data(world)
    first = client.post("/zh-hans/volunteer/", data)
    second = client.post("/zh-hans/volunteer/", data)
    assert first.status_code == second.status_code == 303
    assert VolunteerSignUp.objects.count() == 1


def test_the_same_form_sent_again_shows_the_sign_up_with_a_fresh_link(client, world):
    data = form_data(world)
    first = client.post("/zh-hans/volunteer/", data)
    again = client.post("/zh-hans/volunteer/", data)
    assert again["Location"] != first["Location"]
    assert VolunteerSignUp.objects.get().reference in client.get(again["Location"]).text
    # Only the hash of a link is kept: the first one no longer opens the sign-up.
    assert client.get(first["Location"]).status_code == 400


@pytest.mark.parametrize("phone", ["12912345678", "1391234567", "0516-83000000", "abc"])
def test_invalid_phones_are_refused_in_the_visitors_language(client, world, phone):
    chinese = client.post("/zh-hans/volunteer/", form_data(world, phone=phone))
    assert_refused(chinese, "11位")
    english = client.post("/en/volunteer/", form_data(world, phone=phone))
    assert_refused(english, "11 digits, starting with 1")


def test_minors_need_a_guardian_named_and_consenting(client, world):
    response = client.post("/en/volunteer/", form_data(world, age_bracket="under_18"))
    assert_refused(response, "guardian")
    allowed = client.post(
        "/en/volunteer/",
        form_data(
            world, age_bracket="under_18", guardian_name="王大山", guardian_consent="on"
        ),
    )
    assert allowed.status_code == 303
    assert VolunteerSignUp.objects.get().guardian_consented_at is not None


def test_consent_is_required(client, world):
    response = client.post("/en/volunteer/", form_data(world, consent=""))
    assert_refused(response, "tick the box to agree")


def test_filled_honeypot_is_refused(client, world):
    response = client.post("/en/volunteer/", form_data(world, website="http://spam"))
    assert_refused(response, "could not be sent")


def test_form_sent_back_too_fast_is_refused(client, world):
    data = form_data(world, form_token=form_token(issued_at=time.time()))
    response = client.post("/en/volunteer/", data)
    assert_refused(response, "very fast")


def test_too_many_sign_ups_from_one_client_get_429(client, world, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "volunteer": "2/m"}
    codes = [
        client.post(
            "/zh-hans/volunteer/", form_data(world, phone=f"1390000000{n}")
        ).status_code
        for n in range(3)
    ]
    assert codes == [303, 303, 429]
    assert VolunteerSignUp.objects.count() == 2


def test_forged_status_link_gets_a_clear_error(client, world):
    join(world)
    for token in ("A" * 43, "not-a-token", "x" * 200):
        response = client.get(f"/en/volunteer/status/{token}/")
        assert response.status_code == 400
        assert "does not open any volunteer sign-up" in response.text
    assert find_by_token("A" * 43) is None


def test_team_in_another_community_is_refused(client, world):
    response = client.post(
        "/en/volunteer/", form_data(world, community=str(world["there"].pk))
    )
    assert response.status_code == 400
    assert "serves another community" in response.text


# Privacy: no volunteer's name or phone on any public output


def test_no_volunteer_name_or_phone_on_any_public_output(client, bilingual_site, world):
    outcome = join(
        world,
        name=PLANTED_NAME,
        phone=PLANTED_PHONE,
        email="secret@example.org",
        skills="私密技能",
        honour_roll=True,
    )
    approve(outcome.signup)
    log_service(outcome.signup, activity="巡查", day=timezone.localdate(), hours=3)
    publish(bilingual_site.home_zh)
    here = world["here"]
    urls = [
        "/zh-hans/",
        "/en/",
        here.url,
        "/zh-hans/volunteer/",
        "/zh-hans/volunteer/teams/",
        "/en/volunteer/teams/",
        "/zh-hans/volunteer/honour-roll/",
        f"/zh-hans/volunteer/honour-roll/?community={here.pk}",
        f"/zh-hans/volunteer/status/{outcome.token}/",
        "/zh-hans/feeds/notices/",
        "/zh-hans/search/?q=欧阳",
        "/zh-hans/search/?q=1398888",
        "/api/v2/pages/?fields=*",
        f"/api/v2/pages/{here.pk}/",
        "/sitemap.xml",
    ]
    assert_nothing_leaks(
        client, urls, (PLANTED_NAME, PLANTED_PHONE, "secret@example.org", "私密技能")
    )
    assert "欧阳**" in client.get("/zh-hans/volunteer/honour-roll/").text

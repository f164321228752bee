"""Volunteers: sign-up without an account, staff decisions, service hours and points,
the masked honour roll, bad input, staff scoping and privacy."""

import csv
import io
import re
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from notices.models import AreaAssignment
from participation.abuse import form_token
from participation.models import SignUpStatus, VolunteerSignUp, VolunteerTeam
from participation.sms import RecordingSmsSender
from participation.submissions import mask_name
from participation.volunteers import (
    VolunteerError,
    approve,
    balance,
    decline,
    erase_expired,
    find_by_token,
    honour_roll,
    log_service,
    redeem,
    sign_up,
    totals,
    withdraw,
)
from tests.conftest import publish, translate
from tests.factories import UserFactory
from tests.notices.station_builders import small_tree

pytestmark = pytest.mark.django_db

PLANTED_NAME, PLANTED_PHONE = "欧阳娜娜", "13988887777"


@pytest.fixture(autouse=True)
def quiet_outside_world(settings):
    settings.PORTAL_SMS_BACKEND = "participation.sms.RecordingSmsSender"
    RecordingSmsSender.outbox.clear()


@pytest.fixture
def world(bilingual_site):
    """Two communities (A = 黄河社区, B = 滨湖社区), a team in A, a citywide team."""
    index, district, sub, (here, there) = small_tree(
        bilingual_site, communities=2, staff_per_community=0, photos=False
    )
    for page in (index, district, sub, here):
        translate(page, bilingual_site.en, title=f"EN {page.title}")
    silver = VolunteerTeam.objects.create(
        locale=bilingual_site.zh,
        name="银发协管员",
        kind="silver_hair",
        description="退休居民巡查楼道。",
        community=here,
        places=2,
    )
    english = silver.copy_for_translation(bilingual_site.en)
    english.name = "Silver-hair assistants"
    english.description = "Retired residents look out for corridor clutter."
    english.save()
    citywide = VolunteerTeam.objects.create(
        locale=bilingual_site.zh,
        name="城管志愿者",
        kind="city_volunteers",
        description="协助文明劝导。",
        places=100,
    )
    return {"here": here, "there": there, "silver": silver, "citywide": citywide,
            "directory": index}  # fmt: skip


def join(world, name="王秀英", phone="13912345678", team="silver", where="here", **kw):
    values = {
        "team": world[team],
        "community": world[where],
        "name": name,
        "phone": phone,
        "age_bracket": "60_74",
        "days": [2, 4],
        "time_slots": ["morning"],
        **kw,
    }
    return sign_up(**values)


def form_data(world, **overrides) -> dict:
    return {
        "name": "王秀英",
        "phone": "139 1234 5678",
        "email": "",
        "community": str(world["here"].pk),
        "team": str(world["silver"].pk),
        "days": ["2", "4"],
        "time_slots": ["morning"],
        "skills": "急救",
        "age_bracket": "60_74",
        "honour_roll": "on",
        "consent": "on",
        "website": "",
        "form_token": form_token(issued_at=time.time() - 60),
        **overrides,
    }


def staff_user(*codenames, area=None):
    user = UserFactory(is_staff=True)
    user.save()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="participation", codename__in=codenames
        ),
    )
    if area is not None:
        AreaAssignment.objects.create(user=user, area=area)
    return user


def refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied by going back to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


ACTING = ("view_volunteersignup", "change_volunteersignup")


# Acceptance: sign up on a phone, approve, log 3 h / 30 points, balance, honour roll


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
            f"/admin/volunteers/{signup.pk}/decide/",
            {"decision": "approve", "reason": ""},
        )
    assert decided.status_code == 302
    assert RecordingSmsSender.outbox[-1][0] == "13912345678"
    assert signup.reference in RecordingSmsSender.outbox[-1][1]
    logged = client.post(
        f"/admin/volunteers/{signup.pk}/service/",
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


def test_honour_roll_lists_only_volunteers_who_opted_in(world):
    shown = join(world, name="李建国", phone="13900000001", honour_roll=True).signup
    hidden = join(world, name="赵丽华", phone="13900000002").signup
    for signup in (shown, hidden):
        approve(signup)
        log_service(signup, activity="巡查", day=timezone.localdate(), hours=2)
    assert [entry.masked_name for entry in honour_roll()] == ["李**"]


@pytest.mark.parametrize(
    ("name", "masked"),
    [("王秀英", "王**"), ("王伟", "王**"), ("欧阳娜娜", "欧阳**"), ("Li Lei", "L**")],
)
def test_names_are_masked_to_the_surname(name, masked):
    assert mask_name(name) == masked


# Bad input: clear translated errors, 400, nothing stored


def test_same_phone_cannot_sign_up_twice_for_one_team(client, world):
    join(world)
    response = client.post("/zh-hans/volunteer/", form_data(world))
    assert response.status_code == 400
    assert "已经报名" in response.text
    assert VolunteerSignUp.objects.count() == 1


def test_same_phone_may_join_another_team_and_again_after_withdrawing(world):
    first = join(world).signup
    join(world, team="citywide")
    with pytest.raises(VolunteerError):
        join(world)
    withdraw(first)
    assert join(world).signup.status == SignUpStatus.PENDING


def test_sending_the_same_form_twice_stores_one_sign_up(client, world):
    data = form_data(world)
    first = client.post("/zh-hans/volunteer/", data)
    second = client.post("/zh-hans/volunteer/", data)
    assert first.status_code == second.status_code == 303
    assert VolunteerSignUp.objects.count() == 1


@pytest.mark.parametrize("phone", ["12912345678", "1391234567", "0516-83000000", "abc"])
def test_invalid_phones_are_refused_in_the_visitors_language(client, world, phone):
    chinese = client.post("/zh-hans/volunteer/", form_data(world, phone=phone))
    english = client.post("/en/volunteer/", form_data(world, phone=phone))
    assert chinese.status_code == english.status_code == 400
    assert "11位" in chinese.text
    assert "11 digits, starting with 1" in english.text
    assert not VolunteerSignUp.objects.exists()


def test_minors_need_a_guardian_named_and_consenting(client, world):
    response = client.post("/en/volunteer/", form_data(world, age_bracket="under_18"))
    assert response.status_code == 400
    assert "guardian" in response.text
    assert not VolunteerSignUp.objects.exists()
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
    assert response.status_code == 400
    assert "tick the box to agree" in response.text
    assert not VolunteerSignUp.objects.exists()


def test_filled_honeypot_is_refused(client, world):
    response = client.post("/en/volunteer/", form_data(world, website="http://spam"))
    assert response.status_code == 400
    assert "could not be sent" in response.text
    assert not VolunteerSignUp.objects.exists()


def test_form_sent_back_too_fast_is_refused(client, world):
    data = form_data(world, form_token=form_token(issued_at=time.time()))
    response = client.post("/en/volunteer/", data)
    assert response.status_code == 400
    assert "very fast" in response.text
    assert not VolunteerSignUp.objects.exists()


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


def test_full_team_takes_no_more_approvals_or_sign_ups(world):
    for n in range(2):
        approve(join(world, phone=f"1390000000{n}").signup)
    with pytest.raises(VolunteerError) as error:
        join(world, phone="13900000009")
    assert error.value.code == "full"


# Staff decisions, points and redemptions


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


def test_redemptions_cannot_exceed_the_balance(world):
    signup = join(world).signup
    approve(signup)
    log_service(signup, activity="劝导", day=timezone.localdate(), hours=3, points=30)
    redeem(signup, points=20, reward="物业费减免20元")
    with pytest.raises(VolunteerError) as error:
        redeem(signup, points=11, reward="物业费减免")
    assert error.value.code == "balance"
    assert balance(signup) == 10


def test_service_log_refuses_bad_hours_and_unapproved_volunteers(world):
    signup = join(world).signup
    with pytest.raises(VolunteerError):
        log_service(signup, activity="巡查", day=timezone.localdate(), hours=2)
    approve(signup)
    for hours in ("0", "25", "1.3"):
        with pytest.raises(VolunteerError):
            log_service(signup, activity="巡查", day=timezone.localdate(), hours=hours)
    assert not signup.service_entries.exists()


def test_bad_service_entry_in_the_admin_answers_400_and_stores_nothing(client, world):
    signup = join(world).signup
    approve(signup)
    client.force_login(staff_user(*ACTING, area=world["here"]))
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/admin/volunteers/{signup.pk}/service/",
        {"activity": "巡查", "date": tomorrow, "hours": "2", "points": "5"},
    )
    assert response.status_code == 400
    assert not signup.service_entries.exists()


# Staff scoping: community A's staff never see or touch community B


def test_staff_of_one_community_cannot_see_or_act_on_another(client, world):
    mine = join(world, name="本社区居民", phone="13900000011").signup
    theirs = join(
        world, name="外社区居民", phone="13900000012", team="citywide", where="there"
    ).signup
    approve(theirs)
    user = staff_user(*ACTING, "view_volunteer_personal_data", area=world["here"])
    client.force_login(user)
    listing = client.get("/admin/volunteers/").text
    assert mine.reference in listing and theirs.reference not in listing
    roster = client.get("/admin/volunteers/roster/").text
    assert "外社区居民" not in roster
    assert refused(client.get(f"/admin/volunteers/{theirs.pk}/"))
    for action, data in (
        ("decide", {"decision": "decline", "reason": "x"}),
        (
            "service",
            {"activity": "a", "date": "2026-01-01", "hours": "1", "points": "1"},
        ),
        ("redeem", {"points": "1", "reward": "r", "date": "2026-01-01"}),
    ):
        assert refused(client.post(f"/admin/volunteers/{theirs.pk}/{action}/", data))
    for fmt in ("csv", "xlsx"):
        export = client.get(f"/admin/volunteers/export.{fmt}")
        assert "外社区居民".encode() not in export.content
    theirs.refresh_from_db()
    assert theirs.status == SignUpStatus.APPROVED
    assert not theirs.service_entries.exists() and not theirs.redemptions.exists()


def test_users_without_permission_or_area_are_refused(client, world):
    join(world)
    client.force_login(staff_user(area=world["here"]))
    assert refused(client.get("/admin/volunteers/"))
    client.force_login(staff_user("view_volunteersignup", area=None))
    assert (
        VolunteerSignUp.objects.get().reference
        not in client.get("/admin/volunteers/").text
    )


def test_viewing_staff_cannot_decide(client, world):
    signup = join(world).signup
    client.force_login(staff_user("view_volunteersignup", area=world["here"]))
    response = client.post(
        f"/admin/volunteers/{signup.pk}/decide/", {"decision": "approve"}
    )
    assert refused(response)
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.PENDING


def test_personal_data_and_full_export_only_with_the_permission(client, world):
    join(world, name="=HYPERLINK(1)", phone="13900000021")
    join(world, name=PLANTED_NAME, phone=PLANTED_PHONE)
    client.force_login(staff_user("view_volunteersignup", area=world["here"]))
    listing = client.get("/admin/volunteers/").text
    assert PLANTED_NAME not in listing and PLANTED_PHONE not in listing
    assert "欧阳**" in listing and "139****7777" in listing
    masked = client.get("/admin/volunteers/export.csv").content.decode("utf-8-sig")
    assert PLANTED_NAME not in masked and PLANTED_PHONE not in masked

    client.force_login(
        staff_user(
            "view_volunteersignup", "view_volunteer_personal_data", area=world["here"]
        )
    )
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/admin/volunteers/export.csv").content.decode("utf-8-sig")
            )
        )
    )
    names = {row[4] for row in rows[1:]}
    assert PLANTED_NAME in names and "'=HYPERLINK(1)" in names
    sheet = load_workbook(
        io.BytesIO(client.get("/admin/volunteers/export.xlsx").content)
    ).active
    assert PLANTED_PHONE in [cell.value for row in sheet.iter_rows() for cell in row]


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
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        text = response.content.decode("utf-8", "replace")
        for secret in (PLANTED_NAME, PLANTED_PHONE, "secret@example.org", "私密技能"):
            assert secret not in text, f"{secret} leaked on {url}"
    assert "欧阳**" in client.get("/zh-hans/volunteer/honour-roll/").text


def test_expired_declined_sign_ups_lose_their_personal_data(world):
    signup = join(world, name=PLANTED_NAME, phone=PLANTED_PHONE).signup
    decline(signup, "名额已满", now=timezone.now() - timedelta(days=200))
    kept = join(world, phone="13900000031").signup
    assert erase_expired() == 1
    signup.refresh_from_db()
    kept.refresh_from_db()
    assert signup.name == signup.phone == "" and signup.reference
    assert kept.name == "王秀英"


# Public teams page


def test_teams_page_shows_places_left_and_recruiting(client, world):
    approve(join(world).signup)
    world["citywide"].recruiting = False
    world["citywide"].save()
    page = client.get("/zh-hans/volunteer/teams/").text
    assert "银发协管员" in page and "共 2 个名额，剩余 1 个" in page
    english = client.get("/en/volunteer/teams/").text
    assert "1 of 2 places free" in english and "Not recruiting" in english

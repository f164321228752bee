"""The staff side of volunteering: community A's staff never see or touch community
B; decisions, service and exports by permission
(participation/volunteers/admin_views.py)."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from participation.volunteers.models import (
    SignUpStatus,
    VolunteerSignUp,
    VolunteerTeam,
)
from participation.volunteers.signups import approve
from tests.participation.builders import refused, staff_user
from tests.participation.volunteer_builders import (
    ACTING,
    PLANTED_NAME,
    PLANTED_PHONE,
    join,
)

pytestmark = pytest.mark.django_db


def test_bad_service_entry_in_the_admin_answers_400_and_stores_nothing(client, world):
    signup = join(world).signup
    approve(signup)
    client.force_login(staff_user(*ACTING, area=world["here"]))
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/admin/volunteers/service/{signup.pk}/",
        {"activity": "巡查", "date": tomorrow, "hours": "2", "points": "5"},
    )
    assert response.status_code == 400
    assert not signup.service_entries.exists()


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
    roster = client.get("/admin/volunteers/?status=approved").text
    assert "外社区居民" not in roster
    assert refused(client.get(f"/admin/volunteers/inspect/{theirs.pk}/"))
    for action, data in (
        ("decide", {"decision": "decline", "reason": "x"}),
        (
            "service",
            {"activity": "a", "date": "2026-01-01", "hours": "1", "points": "1"},
        ),
        ("redeem", {"points": "1", "reward": "r", "date": "2026-01-01"}),
    ):
        assert refused(client.post(f"/admin/volunteers/{action}/{theirs.pk}/", data))
    for fmt in ("csv", "xlsx"):
        export = client.get(f"/admin/volunteers/?export={fmt}")
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
        f"/admin/volunteers/decide/{signup.pk}/", {"decision": "approve"}
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
    masked = client.get("/admin/volunteers/?export=csv").content.decode("utf-8-sig")
    assert PLANTED_NAME not in masked and PLANTED_PHONE not in masked

    client.force_login(
        staff_user(
            "view_volunteersignup", "view_volunteer_personal_data", area=world["here"]
        )
    )
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/admin/volunteers/?export=csv").content.decode("utf-8-sig")
            )
        )
    )
    names = {row[4] for row in rows[1:]}
    assert PLANTED_NAME in names and "'=HYPERLINK(1)" in names
    sheet = load_workbook(
        io.BytesIO(client.get("/admin/volunteers/?export=xlsx").content)
    ).active
    assert PLANTED_PHONE in [cell.value for row in sheet.iter_rows() for cell in row]


# Volunteer teams

TEAMS = "/admin/snippets/participation/volunteerteam/"
COORDINATING = (
    "view_volunteerteam",
    "add_volunteerteam",
    "change_volunteerteam",
    "view_volunteersignup",
)


def team_data(team, **changes) -> dict:
    return {
        "name": team.name,
        "kind": team.kind,
        "description": team.description,
        "community": str(team.community_id or ""),
        "area": team.area,
        "places": str(team.places),
        "sort_order": str(team.sort_order),
        "recruiting": "on" if team.recruiting else "",
        **changes,
    }


def test_a_coordinator_lists_and_edits_only_their_communitys_teams(client, world):
    theirs = VolunteerTeam.objects.create(
        locale=world["silver"].locale,
        name="滨湖商户志愿者",
        kind="merchants",
        description="商户自治。",
        community=world["there"],
        places=50,
    )
    client.force_login(staff_user(*COORDINATING, area=world["here"]))
    listing = client.get(TEAMS).text
    assert "银发协管员" in listing and "滨湖商户志愿者" not in listing
    # One row per team: the English translation is not listed beside it.
    assert "Silver-hair assistants" not in listing
    citywide = world["citywide"]
    assert f"edit/{citywide.pk}/" not in listing  # citywide: the bureau's
    assert refused(client.get(f"{TEAMS}edit/{theirs.pk}/"))
    assert refused(client.get(f"{TEAMS}inspect/{theirs.pk}/"))
    forged = client.post(f"{TEAMS}edit/{theirs.pk}/", team_data(theirs, places="77"))
    assert refused(forged)
    theirs.refresh_from_db()
    assert theirs.places == 50

    mine = world["silver"]
    form = client.get(f"{TEAMS}edit/{mine.pk}/").text
    assert f'value="{world["here"].pk}"' in form
    assert f'value="{world["there"].pk}"' not in form  # not offered
    moved = client.post(
        f"{TEAMS}edit/{mine.pk}/",
        team_data(mine, community=str(world["there"].pk), places="9"),
    )
    assert moved.status_code == 400 and "error-message" in moved.text
    mine.refresh_from_db()
    assert mine.community == world["here"] and mine.places == 2
    garbled = client.post(f"{TEAMS}edit/{mine.pk}/", team_data(mine, community="²"))
    assert garbled.status_code == 400
    saved = client.post(f"{TEAMS}edit/{mine.pk}/", team_data(mine, places="9"))
    assert saved.status_code == 302
    mine.refresh_from_db()
    assert mine.places == 9


def bulk(action: str, *signups) -> str:
    ids = "&".join(f"id={signup.pk}" for signup in signups)
    return f"/admin/bulk/participation/volunteersignup/{action}/?{ids}"


def test_a_coordinator_approves_and_declines_sign_ups_in_bulk(client, world):
    first = join(world, name="本社区甲", phone="13900000031").signup
    second = join(world, name="本社区乙", phone="13900000032", team="citywide").signup
    third = join(world, name="本社区丙", phone="13900000033", team="citywide").signup
    client.force_login(staff_user(*ACTING, area=world["here"]))
    listing = client.get("/admin/volunteers/?status=pending").text
    assert "data-bulk-action-checkbox" in listing
    confirm = client.get(bulk("approve", first, second))
    assert first.reference in confirm.text and second.reference in confirm.text
    assert client.post(bulk("approve", first, second)).status_code == 302
    no_reason = client.post(bulk("decline", third), {"reason": ""})
    assert no_reason.status_code == 200  # the form again, asking for the reason
    third.refresh_from_db()
    assert third.status == SignUpStatus.PENDING
    client.post(bulk("decline", third), {"reason": "名额已满"})
    for signup, status in (
        (first, SignUpStatus.APPROVED),
        (second, SignUpStatus.APPROVED),
        (third, SignUpStatus.DECLINED),
    ):
        signup.refresh_from_db()
        assert signup.status == status
    assert third.decision_reason == "名额已满"


def test_a_bulk_action_naming_another_communitys_sign_up_changes_nothing(client, world):
    mine = join(world, name="本社区居民", phone="13900000041").signup
    theirs = join(
        world, name="外社区居民", phone="13900000042", team="citywide", where="there"
    ).signup
    client.force_login(staff_user(*ACTING, area=world["here"]))
    assert refused(client.get(bulk("approve", mine, theirs)))
    assert refused(client.post(bulk("approve", mine, theirs)))
    assert refused(client.post(bulk("decline", theirs), {"reason": "越权"}))
    for signup in (mine, theirs):
        signup.refresh_from_db()
        assert signup.status == SignUpStatus.PENDING


def test_the_sign_up_chooser_offers_only_the_users_communities(client, world):
    mine = join(world, name="本社区居民", phone="13900000051").signup
    theirs = join(
        world, name="外社区居民", phone="13900000052", team="citywide", where="there"
    ).signup
    client.force_login(staff_user(*ACTING, area=world["here"]))
    chooser = "/admin/snippets/choose/participation/volunteersignup/"
    offered = client.get(chooser).text
    assert mine.reference in offered and theirs.reference not in offered
    chosen = client.get(f"{chooser}chosen/{theirs.pk}/")
    # Not found (the language middleware then redirects the unknown address).
    assert chosen.status_code in (302, 404) and theirs.reference not in chosen.text


def test_a_sign_ups_page_lists_the_messages_sent_about_it(
    client, world, django_capture_on_commit_callbacks
):
    signup = join(world, phone="13900000021").signup
    with django_capture_on_commit_callbacks(execute=True):
        approve(signup)
    client.force_login(staff_user(*ACTING, area=world["here"]))
    page = client.get(f"/admin/volunteers/inspect/{signup.pk}/").text
    messages = page.split("已发消息")[1]
    assert "volunteer_approved" in messages and "已发送" in messages
    assert "139****0021" in messages and "13900000021" not in messages

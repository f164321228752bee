"""participation/campaigns/admin.py: staff see a campaign's counts before anyone
else, confirm them once voting closed, and put nominations on the shortlist; a
campaign or nomination of another community is out of reach."""

import pytest

from participation.campaigns import voting
from participation.campaigns.models import Candidate, Nomination, Vote
from portal import roles
from tests.notices.merchant_builders import campaign
from tests.portal.role_builders import logged_in, refused, role_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    roles.sync_roles()
    return role_user("station_staff", world["here"])


def test_staff_confirm_the_counts_and_the_public_then_sees_them(world, staff, client):
    drive = campaign(world["here"], phase="counting")
    shop = Candidate.objects.create(campaign=drive, merchant=world["fruit"])
    Vote.objects.create(campaign=drive, candidate=shop, phone_hash="x")
    admin = logged_in(staff)
    url = f"/admin/campaigns/{drive.pk}/results/"
    screen = admin.get(url).content.decode()
    assert "滨湖路鲜果超市" in screen
    assert "<table" not in client.get(f"/zh-hans/campaigns/{drive.pk}/results/").text
    assert admin.post(url, {}).status_code == 400  # the box not ticked
    assert admin.post(url, {"confirm": "on"}).status_code == 302
    drive.refresh_from_db()
    assert drive.results_confirmed_at is not None
    assert "<table" in client.get(f"/zh-hans/campaigns/{drive.pk}/results/").text


def test_another_communitys_campaign_and_nominations_are_out_of_reach(world, staff):
    theirs = campaign(world["there"], phase="nominating")
    nomination = voting.nominate(theirs, world["far"], "好。", "k-far")
    admin = logged_in(staff)
    assert refused(admin.get(f"/admin/campaigns/{theirs.pk}/results/"))
    listing = admin.get("/admin/snippets/participation/nomination/").content.decode()
    assert "建国路五金店" not in listing
    admin.post(
        "/admin/bulk/participation/nomination/shortlist/"
        f"?next=/admin/&id={nomination.pk}"
    )
    assert Nomination.objects.get(pk=nomination.pk).status == "pending"


def test_staff_put_their_communitys_nomination_on_the_shortlist(world, staff):
    drive = campaign(world["here"], phase="nominating")
    nomination = voting.nominate(drive, world["fruit"], "好。", "k-1")
    logged_in(staff).post(
        "/admin/bulk/participation/nomination/shortlist/"
        f"?next=/admin/&id={nomination.pk}"
    )
    assert Nomination.objects.get(pk=nomination.pk).status == "accepted"
    assert Candidate.objects.filter(campaign=drive, merchant=world["fruit"]).exists()

"""notices/merchants/admin.py and policies.py: station staff work on their own
communities' shops and ranking entries only; licence numbers and contacts go to
those allowed; a ranking entry is approved by a second person."""

import pytest
from django.contrib.auth.models import Permission

from notices.merchants.models import Merchant
from notices.merchants.rankings import ListingEntry
from tests.factories import UserFactory
from tests.notices.merchant_builders import listing, merchant
from tests.portal.role_builders import logged_in, refused, role_user

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/notices/merchant/"


@pytest.fixture
def shops(places):
    return merchant(places["here"], name="本社区商店"), merchant(
        places["there"], name="外社区商店", contact_name="钱外人"
    )


def test_station_staff_see_and_open_their_communitys_shops_only(places, shops):
    mine, theirs = shops
    client = logged_in(role_user("station_staff", places["here"]))
    listing_html = client.get(LIST).content.decode()
    assert "本社区商店" in listing_html and "外社区商店" not in listing_html
    assert client.get(f"{LIST}inspect/{mine.pk}/").status_code == 200
    for view in ("edit", "inspect", "delete", "history"):
        assert refused(client.get(f"{LIST}{view}/{theirs.pk}/")), view


def test_the_export_blanks_licence_and_contact_without_the_permission(places, shops):
    mine, _theirs = shops
    user = UserFactory(is_staff=True)
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_merchant"])
    )
    from notices.models import AreaAssignment

    AreaAssignment.objects.create(user=user, area=places["here"])
    csv = logged_in(user).get(f"{LIST}?export=csv").content.decode("utf-8-sig")
    assert "本社区商店" in csv
    assert mine.licence_number not in csv and "13900001001" not in csv
    allowed = logged_in(role_user("station_staff", places["here"], username="s2"))
    csv = allowed.get(f"{LIST}?export=csv").content.decode("utf-8-sig")
    assert mine.licence_number in csv and "外社区商店" not in csv


def test_a_shop_with_a_bad_licence_number_is_not_saved(places):
    client = logged_in(role_user("station_staff", places["here"]))
    answer = client.post(
        f"{LIST}add/",
        {
            "name": "新店",
            "licence_number": "91350100M000100Y44",
            "trade": "retail",
            "community": places["here"].pk,
            "address": "某路1号",
            "frontage_duty": "门前5米",
            "contact_name": "某人",
            "contact_phone": "13900000000",
            "listed": "on",
        },
    )
    assert answer.status_code == 400
    assert (
        "does not match" in answer.content.decode() or "不符" in answer.content.decode()
    )
    assert not Merchant.objects.filter(name="新店").exists()


def test_the_creator_cannot_approve_an_entry_and_a_colleague_can(places):
    creator = role_user("station_staff", places["here"], username="creator")
    colleague = role_user("station_staff", places["here"], username="colleague")
    entry = listing(places["here"], created_by=creator, approved=False)
    url = (
        f"/admin/bulk/notices/listingentry/approve_listing/?next=/admin/&id={entry.pk}"
    )
    logged_in(creator).post(url)
    entry.refresh_from_db()
    assert entry.approved_at is None
    logged_in(colleague).post(url)
    entry.refresh_from_db()
    assert entry.approved_by == colleague


def test_whoever_changes_an_approved_entry_cannot_approve_the_change(places):
    creator = role_user("station_staff", places["here"], username="creator")
    colleague = role_user("station_staff", places["here"], username="colleague")
    entry = listing(places["here"], created_by=creator, approved=False)
    url = (
        f"/admin/bulk/notices/listingentry/approve_listing/?next=/admin/&id={entry.pk}"
    )
    logged_in(colleague).post(url)
    entry.refresh_from_db()
    assert entry.approved_by == colleague
    # The approver rewrites the entry: it waits again, and not for them.
    from notices.merchants.rankings import withdraw_approval_on_change

    withdraw_approval_on_change(entry, by=colleague)
    entry.save()
    logged_in(colleague).post(url)
    entry.refresh_from_db()
    assert entry.approved_at is None and entry.created_by == colleague
    logged_in(creator).post(url)
    entry.refresh_from_db()
    assert entry.approved_by == creator


def test_an_entry_of_another_community_is_out_of_reach(places):
    other = listing(places["there"], business_name="外社区摊档")
    client = logged_in(role_user("station_staff", places["here"]))
    html = client.get("/admin/snippets/notices/listingentry/").content.decode()
    assert "外社区摊档" not in html
    assert refused(client.get(f"/admin/snippets/notices/listingentry/edit/{other.pk}/"))
    assert ListingEntry.objects.get(pk=other.pk).approved_at is not None


@pytest.mark.parametrize(
    "model", ["merchant", "merchantgroup", "inspection", "campaign", "listingentry"]
)
@pytest.mark.parametrize("value", ["¹²³", "1e999", "99999999999999999999"])
def test_an_impossible_choice_is_a_form_error_not_a_server_error(places, model, value):
    client = logged_in(role_user("station_staff", places["here"]))
    answer = client.post(
        f"/admin/snippets/notices/{model}/add/",
        {"community": value, "merchant": value, "group": value, "heads": value},
    )
    assert answer.status_code == 400

"""Station staff as published: nothing personal is ever stored."""

import pytest
from django.test import Client

from notices.models import Staff
from notices.stations.staff import responsible_accounts
from tests.factories import UserFactory
from tests.notices.station_builders import small_tree, staff


def test_staff_have_no_field_for_a_personal_mobile():
    names = {field.name for field in Staff._meta.get_fields()}
    assert not {name for name in names if "mobile" in name or "personal" in name}
    assert set(Staff(name="x", role="liaison").public_data()) == {
        "name",
        "role",
        "role_label",
        "unit",
        "work_phone",
        "duties",
        "photo",
    }


# Roster entries linked to user accounts.


def account(username: str, **fields):
    user = UserFactory(username=username, is_staff=True, **fields)
    user.save()
    return user


LISTING = "/admin/snippets/notices/staff/"
ADD = LISTING + "add/"


def signed_in_admin() -> Client:
    admin = UserFactory(username="boss", is_staff=True, is_superuser=True)
    admin.save()
    client = Client()
    client.force_login(admin)
    return client


@pytest.mark.django_db
def test_the_accounts_responsible_for_a_community_are_its_rosters_linked_users(
    bilingual_site,
):
    _index, _district, _sub, (a, b) = small_tree(
        bilingual_site, communities=2, staff_per_community=2, photos=False
    )
    linked, unlinked = [link.staff for link in a.staff_links.all()]
    other = b.staff_links.first().staff
    wang, zhao = account("wang"), account("zhao")
    linked.user = wang
    linked.save()
    other.user = zhao
    other.save()

    assert list(responsible_accounts(a)) == [wang]
    assert list(responsible_accounts(b)) == [zhao]
    assert unlinked.user is None


@pytest.mark.django_db
def test_an_account_linked_on_another_languages_entry_counts_and_an_inactive_one_not(
    bilingual_site,
):
    _index, _district, _sub, (a,) = small_tree(
        bilingual_site, communities=1, staff_per_community=2, photos=False
    )
    first, second = [link.staff for link in a.staff_links.all()]
    english = first.copy_for_translation(bilingual_site.en)
    english.user = account("li")
    english.save()
    second.user = account("gone", is_active=False)
    second.save()

    assert [user.username for user in responsible_accounts(a)] == ["li"]


@pytest.mark.django_db
def test_the_linked_bureau_leader_counts_only_when_asked(bilingual_site):
    _index, _district, _sub, (a,) = small_tree(
        bilingual_site, communities=1, staff_per_community=0, photos=False
    )
    leader = staff("L001", bilingual_site.zh, role="bureau_leader")
    leader.user = account("leader")
    leader.save()
    a.bureau_leader = leader
    a.save()

    assert list(responsible_accounts(a)) == []
    assert [u.username for u in responsible_accounts(a, include_leader=True)] == [
        "leader"
    ]


@pytest.mark.django_db
def test_only_active_staff_accounts_can_be_chosen_for_a_roster_entry(bilingual_site):
    chosen = account("active-staff")
    account("left", is_active=False)
    resident = UserFactory(username="not-staff", is_staff=False)
    resident.save()

    offered = signed_in_admin().get(ADD).context["form"].fields["user"].queryset

    assert [user.username for user in offered if user.username != "boss"] == [
        chosen.username
    ]


@pytest.mark.django_db
def test_the_staff_form_links_an_account_and_the_listing_shows_it(bilingual_site):
    member = staff("S0900", bilingual_site.zh, name="钱驻点")
    wang = account("wang-account")
    client = signed_in_admin()
    url = f"/admin/snippets/notices/staff/edit/{member.pk}/"
    form = client.get(url).context["form"]
    data = {
        **{name: form[name].value() or "" for name in form.fields},
        "user": str(wang.pk),
    }

    response = client.post(url, data)

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.user == wang
    assert "wang-account" in client.get(LISTING).content.decode()
    assert "wang-account" not in str(member.public_data())

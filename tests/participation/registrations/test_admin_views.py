"""The staff side of registrations: who sees which events, masks, exports and
check-in at the door (participation/registrations/admin_views.py)."""

import copy
import csv
import io

import pytest
from openpyxl import load_workbook

from participation.registrations.rules import register
from tests.participation.builders import refused, staff_user
from tests.participation.registration_builders import staffed_events

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_staffed(module_transaction):
    """Every test here reads the same events: built once for the module inside its
    transaction (tests/conftest.py), each test's writes rolled back before the next."""
    return staffed_events(module_transaction.home_zh)


@pytest.fixture
def staffed(db, shared_staffed):
    return copy.deepcopy(shared_staffed)


def test_staff_see_only_their_communities_events(client, staffed):
    stations, here, there, citywide = staffed
    user = staff_user("view_registration", area=stations.community)
    client.force_login(user)
    listing = client.get("/admin/event-registrations/").text
    assert here.title in listing
    assert there.title not in listing and citywide.title not in listing
    for event in (there, citywide):
        response = client.get(f"/admin/event-registrations/?event={event.pk}")
        assert refused(response)


def test_bureau_wide_staff_see_citywide_events(client, staffed):
    stations, here, there, citywide = staffed
    client.force_login(staff_user("view_registration", area=stations.directory))
    listing = client.get("/admin/event-registrations/").text
    assert all(e.title in listing for e in (here, there, citywide))


def test_staff_without_the_personal_data_permission_see_masks_and_cannot_export(
    client, staffed
):
    stations, here, *_ = staffed
    client.force_login(staff_user("view_registration", area=stations.community))
    page = client.get(f"/admin/event-registrations/?event={here.pk}").text
    assert "李小龙" not in page and "13700001111" not in page
    assert "李**" in page and "137****1111" in page
    for fmt in ("csv", "xlsx"):
        response = client.get(
            f"/admin/event-registrations/?event={here.pk}&export={fmt}"
        )
        assert refused(response)


def test_a_registrants_masked_name_does_not_reveal_how_long_it_is(client, staffed):
    stations, here, *_ = staffed
    here.registrations.update(name="王伟")
    client.force_login(staff_user("view_registration", area=stations.community))
    page = client.get(f"/admin/event-registrations/?event={here.pk}").text
    assert "王伟" not in page and "王**" in page


def test_allowed_staff_export_csv_and_xlsx_defusing_formulas(client, staffed):
    stations, here, *_ = staffed
    register(here, name="=HYPERLINK(1)", phone="13600002222")
    client.force_login(
        staff_user(
            "view_registration",
            "view_registration_personal_data",
            area=stations.community,
        )
    )
    response = client.get(f"/admin/event-registrations/?event={here.pk}&export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][2:4] == ["李小龙", "13700001111"]
    assert rows[2][2] == "'=HYPERLINK(1)"
    response = client.get(f"/admin/event-registrations/?event={here.pk}&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]][2:4] == ["李小龙", "13700001111"]


def test_check_in_at_the_door_through_the_admin(client, staffed):
    stations, here, *_ = staffed
    client.force_login(
        staff_user("view_registration", "change_registration", area=stations.community)
    )
    reference = here.registrations.get().reference
    response = client.post(
        f"/admin/event-registrations/check-in/{here.pk}/", {"reference": reference}
    )
    assert response.status_code == 302
    assert here.registrations.get().checked_in_at is not None
    bad = client.post(
        f"/admin/event-registrations/check-in/{here.pk}/", {"reference": "WRONG234"}
    )
    assert bad.status_code == 200 and "reference" in bad.text.lower()


def test_users_without_permission_are_refused(client, staffed):
    *_, citywide = staffed
    client.force_login(staff_user(area=None))
    assert refused(client.get("/admin/event-registrations/"))


def test_staff_check_in_in_bulk_but_never_another_communitys_registration(
    client, staffed
):
    stations, here, there, _citywide = staffed
    mine = here.registrations.get()
    theirs = register(there, name="赵敏", phone="13600003333").registration
    client.force_login(
        staff_user("view_registration", "change_registration", area=stations.community)
    )
    bulk = "/admin/bulk/participation/registration/check_in/"
    assert refused(client.post(f"{bulk}?id={mine.pk}&id={theirs.pk}"))
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.checked_in_at is None and theirs.checked_in_at is None
    assert client.post(f"{bulk}?id={mine.pk}").status_code == 302
    mine.refresh_from_db()
    assert mine.checked_in_at is not None
    checked = client.get(f"/admin/event-registrations/?event={here.pk}&checked_in=true")
    assert mine.reference in checked.text


def test_a_registrations_page_hides_the_contact_without_the_permission(client, staffed):
    stations, here, there, _citywide = staffed
    mine = here.registrations.get()
    theirs = register(there, name="赵敏", phone="13600003333").registration
    client.force_login(staff_user("view_registration", area=stations.community))
    page = client.get(f"/admin/event-registrations/inspect/{mine.pk}/").text
    assert mine.reference in page and here.title in page
    assert "李小龙" not in page and "13700001111" not in page
    assert refused(client.get(f"/admin/event-registrations/inspect/{theirs.pk}/"))
    client.force_login(
        staff_user(
            "view_registration",
            "view_registration_personal_data",
            area=stations.community,
        )
    )
    page = client.get(f"/admin/event-registrations/inspect/{mine.pk}/").text
    assert "李小龙" in page and "13700001111" in page


def test_one_events_registrations_show_its_places_and_waiting_list(client, staffed):
    stations, here, *_ = staffed
    here.capacity, here.max_party_size = 2, 1
    here.save()
    for name, phone in (("王大伟", "13900002222"), ("赵敏", "13900003333")):
        register(here, name=name, phone=phone)
    client.force_login(staff_user("view_registration", area=stations.community))
    with_event = client.get(f"/admin/event-registrations/?event={here.pk}").text
    summary = with_event.split('class="registration-summary"')[1].split("</dl>")[0]
    taken = here.registrations.filter(status="confirmed").count()
    waiting = here.registrations.filter(status="waiting").count()
    assert waiting >= 1  # more people asked than the two places hold
    assert f"{taken} / 2" in summary
    assert "候补人数</dt><dd>" + str(waiting) in summary
    everything = client.get("/admin/event-registrations/").text
    assert "registration-summary" not in everything  # no event chosen, no summary

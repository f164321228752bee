"""Staff areas (notices/stations/areas.py): station staff edit the station pages of
the areas they are assigned, and no others; page listings show an area editor only
their area's notices and events."""

import pytest

from notices.models import AreaAssignment
from notices.stations import areas
from tests.portal.role_builders import logged_in, role_user

pytestmark = pytest.mark.django_db


def test_station_staff_edit_only_their_assigned_communitys_station(city):
    staff = role_user("station_staff", city.a)
    assert city.a.permissions_for_user(staff).can_edit()
    assert not city.b.permissions_for_user(staff).can_edit()
    assert not city.a.permissions_for_user(staff).can_publish()


def test_removing_the_assignment_takes_the_editing_away(city):
    staff = role_user("station_staff", city.a)
    assignment = AreaAssignment.objects.get(user=staff, area=city.a)
    areas.revoke_assignment(assignment)
    assert not city.a.permissions_for_user(staff).can_edit()


def test_the_page_explorer_lists_an_area_editor_only_their_areas_notices(city):
    client = logged_in(role_user("editor", city.a))
    listing = client.get(f"/admin/pages/{city.notices.pk}/").content.decode()
    assert city.notice["A"].title in listing
    assert city.notice["B"].title not in listing
    assert city.notice["city"].title not in listing
    events = client.get(f"/admin/pages/{city.events.pk}/").content.decode()
    assert city.event["A"].title in events and city.event["B"].title not in events


def test_the_page_explorer_lists_a_bureau_editor_every_notice(city):
    client = logged_in(role_user("editor", city.directory, username="bureau-editor"))
    listing = client.get(f"/admin/pages/{city.notices.pk}/").content.decode()
    assert all(city.notice[key].title in listing for key in ("A", "B", "city"))

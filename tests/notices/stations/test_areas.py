"""Staff areas (notices/stations/areas.py): station staff edit the station pages of
the areas they are assigned, and no others."""

import pytest

from notices.models import AreaAssignment
from notices.stations import areas
from tests.portal.role_builders import role_user

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

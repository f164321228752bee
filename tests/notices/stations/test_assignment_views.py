"""Area assignments in the admin (notices/stations/assignment_views.py): an
administrator assigns station staff to a community, who may then edit that station
for review; nobody else manages assignments."""

import pytest

from notices.models import AreaAssignment
from portal.models import AuditEntry
from tests.portal.role_builders import build_city, logged_in, role_user

pytestmark = pytest.mark.django_db


def test_assigning_station_staff_lets_them_edit_that_station_for_review(
    bilingual_site,
):
    city = build_city(bilingual_site)
    staff = role_user("station_staff", username="zhanzhang")
    admin = role_user("administrator", city.directory, username="guanliyuan")
    assert not city.a.permissions_for_user(staff).can_edit()

    response = logged_in(admin).post(
        "/admin/area_assignments/new/", {"user": staff.pk, "area": city.a.pk}
    )
    assert response.status_code == 302
    assignment = AreaAssignment.objects.get(user=staff)
    staff = type(staff).objects.get(pk=staff.pk)
    a_perms = city.a.permissions_for_user(staff)
    assert a_perms.can_edit() and not a_perms.can_publish()
    assert not city.b.permissions_for_user(staff).can_edit()
    assert AuditEntry.objects.filter(verb="area.assign", user=admin).exists()

    logged_in(admin).post(f"/admin/area_assignments/delete/{assignment.pk}/")
    assert not AreaAssignment.objects.filter(user=staff).exists()
    staff = type(staff).objects.get(pk=staff.pk)
    assert not city.a.permissions_for_user(staff).can_edit()


def test_only_administrators_manage_area_assignments(bilingual_site):
    city = build_city(bilingual_site)
    staff = role_user("station_staff", city.a)
    response = logged_in(staff).post(
        "/admin/area_assignments/new/", {"user": staff.pk, "area": city.b.pk}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not AreaAssignment.objects.filter(user=staff, area=city.b).exists()

"""The scoped viewsets of participation/staff.py against every address Wagtail
routes for one record, on the two-community city of the role builders (a module of
its own: that city is built once per module, the other staff tests build their
own tree)."""

import pytest

from tests.portal.role_builders import (
    logged_in,
    record_addresses,
    refused,
    role_user,
)

pytestmark = pytest.mark.django_db


def test_every_view_of_another_communitys_record_refuses_area_staff(city):
    """Each address the scoped viewsets route for one record (edit, inspect,
    delete, usage, history…) refuses a record of community B to staff of A,
    whether opened or posted to."""
    records = [
        city.team["B"],
        city.signup["B"],
        city.registration["B"],
        city.meeting["B"],
        city.proposal["B"],
        city.report["B"],
    ]
    let_through = []
    for role in ("station_staff", "volunteer_coordinator"):
        client = logged_in(role_user(role, city.a))
        for record in records:
            viewset = type(record).snippet_viewset
            for name, url in record_addresses(viewset, record).items():
                for method in ("get", "post"):
                    response = getattr(client, method)(url)
                    if not refused(response) and response.status_code != 405:
                        let_through.append(f"{role} {method} {name} {url}")
    assert let_through == []
    assert all(type(r).objects.filter(pk=r.pk).exists() for r in records)

"""The queue's bulk actions (participation/reports/bulk_actions.py): offered as the
report permission policy allows, refused otherwise, whatever is posted."""

import pytest

from participation.models import Report
from tests.portal.role_builders import logged_in, refused, role_user

pytestmark = pytest.mark.django_db

DELETE = "/admin/bulk/participation/report/delete/"


@pytest.mark.parametrize("role", ["station_staff", "moderator"])
def test_only_administrators_are_offered_delete_and_a_forged_one_deletes_nothing(
    city, role
):
    report = city.report["A"]
    client = logged_in(role_user(role, city.a))
    queue = client.get("/admin/reports/").content.decode()
    assert "/admin/bulk/participation/report/accept_reports/" in queue
    assert DELETE not in queue
    for method in ("get", "post"):
        response = getattr(client, method)(f"{DELETE}?id={report.pk}")
        assert refused(response), method
    assert Report.objects.filter(pk=report.pk).exists()

    administrator = logged_in(role_user("administrator", city.directory))
    assert DELETE in administrator.get("/admin/reports/").content.decode()
    response = administrator.post(f"{DELETE}?id={report.pk}")
    assert response.status_code == 302
    assert not Report.objects.filter(pk=report.pk).exists()


def test_an_administrator_of_one_community_cannot_delete_anothers_report(city):
    report = city.report["B"]
    client = logged_in(role_user("administrator", city.a))
    client.post(f"{DELETE}?id={report.pk}")
    assert Report.objects.filter(pk=report.pk).exists()

"""Convenience points in the admin: station staff see and edit their own
communities' points only; the listing exports and each point can be inspected."""

import pytest

from notices.convenience.models import ConveniencePoint
from tests.notices.convenience.builders import point
from tests.portal.role_builders import logged_in, role_user

pytestmark = pytest.mark.django_db
BASE = "/admin/snippets/notices/conveniencepoint"


def refused(response) -> bool:
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


@pytest.fixture
def two(cmap):
    return point(cmap.a, "toilet", "黄河路公厕"), point(cmap.b, "toilet", "滨湖路公厕")


def test_station_staff_list_and_export_only_their_communities_points(cmap, two):
    client = logged_in(role_user("station_staff", cmap.a))
    listing = client.get(f"{BASE}/").content.decode()
    assert "黄河路公厕" in listing and "滨湖路公厕" not in listing
    export = client.get(f"{BASE}/?export=csv")
    body = b"".join(export.streaming_content).decode()
    assert "黄河路公厕" in body and "滨湖路公厕" not in body


@pytest.mark.parametrize("view", ["edit", "delete", "inspect", "history", "copy"])
def test_station_staff_are_refused_another_communitys_point(cmap, two, view):
    client = logged_in(role_user("station_staff", cmap.a))
    own, other = two
    assert refused(client.get(f"{BASE}/{view}/{other.pk}/"))
    assert not refused(client.get(f"{BASE}/{view}/{own.pk}/"))


def test_station_staff_cannot_move_a_point_to_another_community(cmap, two):
    client = logged_in(role_user("station_staff", cmap.a), "en")
    own, _other = two
    response = client.post(
        f"{BASE}/edit/{own.pk}/",
        {
            "category": "toilet",
            "name": "黄河路公厕",
            "community": cmap.b.pk,
            "latitude": "34.265000",
            "longitude": "117.185000",
            "hours-count": "0",
            "hours_exceptions-count": "0",
        },
    )
    assert "Choose a community you work for." in response.content.decode()
    assert ConveniencePoint.objects.get(pk=own.pk).community_id == cmap.a.pk


def test_the_inspect_view_shows_the_points_fields(cmap, two):
    client = logged_in(role_user("administrator", cmap.directory), "en")
    body = client.get(f"{BASE}/inspect/{two[0].pk}/").content.decode()
    assert "黄河路公厕" in body and "34.265" in body


def test_editors_without_the_role_see_no_points(cmap, two):
    client = logged_in(role_user("editor", cmap.a))
    assert refused(client.get(f"{BASE}/"))

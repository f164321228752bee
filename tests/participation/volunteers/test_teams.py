"""Teams and the places they have left (participation/volunteers/teams.py)."""

import pytest

from participation.volunteers.signups import approve
from tests.participation.volunteer_builders import join

pytestmark = pytest.mark.django_db


def test_teams_page_shows_places_left_and_recruiting(client, world):
    approve(join(world).signup)
    world["citywide"].recruiting = False
    world["citywide"].save()
    page = client.get("/zh-hans/volunteer/teams/").text
    assert "银发协管员" in page and "共 2 个名额，剩余 1 个" in page
    english = client.get("/en/volunteer/teams/").text
    assert "1 of 2 places free" in english and "Not recruiting" in english

"""Two communities with a team of their own and a citywide team, and text messages
recorded instead of sent."""

import pytest

from participation.notifications.sms import RecordingSmsSender
from participation.volunteers.models import VolunteerTeam
from tests.participation.builders import two_communities


@pytest.fixture(autouse=True)
def quiet_outside_world(settings):
    settings.PORTAL_SMS_BACKEND = "participation.notifications.sms.RecordingSmsSender"
    RecordingSmsSender.outbox.clear()


@pytest.fixture(scope="module")
def shared_world(module_transaction):
    """Two communities (A = 黄河社区, B = 滨湖社区), a team in A, a citywide team."""
    site = module_transaction
    world = two_communities(site)
    here = world["here"]
    silver = VolunteerTeam.objects.create(
        locale=site.zh,
        name="银发协管员",
        kind="silver_hair",
        description="退休居民巡查楼道。",
        community=here,
        places=2,
    )
    english = silver.copy_for_translation(site.en)
    english.name = "Silver-hair assistants"
    english.description = "Retired residents look out for corridor clutter."
    english.save()
    citywide = VolunteerTeam.objects.create(
        locale=site.zh,
        name="城管志愿者",
        kind="city_volunteers",
        description="协助文明劝导。",
        places=100,
    )
    return {**world, "silver": silver, "citywide": citywide}

"""Service hours, points and redemptions (participation/volunteers/service.py)."""

import pytest
from django.utils import timezone

from participation.volunteers.service import balance, log_service, redeem
from participation.volunteers.signups import (
    VolunteerError,
    approve,
)
from tests.participation.volunteer_builders import join

pytestmark = pytest.mark.django_db


def test_redemptions_cannot_exceed_the_balance(world):
    signup = join(world).signup
    approve(signup)
    log_service(signup, activity="劝导", day=timezone.localdate(), hours=3, points=30)
    redeem(signup, points=20, reward="物业费减免20元")
    with pytest.raises(VolunteerError) as error:
        redeem(signup, points=11, reward="物业费减免")
    assert error.value.code == "balance"
    assert balance(signup) == 10


def test_service_log_refuses_bad_hours_and_unapproved_volunteers(world):
    signup = join(world).signup
    with pytest.raises(VolunteerError):
        log_service(signup, activity="巡查", day=timezone.localdate(), hours=2)
    approve(signup)
    for hours in ("0", "25", "1.3"):
        with pytest.raises(VolunteerError):
            log_service(signup, activity="巡查", day=timezone.localdate(), hours=hours)
    assert not signup.service_entries.exists()

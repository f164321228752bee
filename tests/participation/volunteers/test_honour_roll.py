"""The public honour roll: opted-in volunteers, names masked to the surname
(participation/volunteers/honour_roll.py)."""

import pytest
from django.utils import timezone

from participation.submissions import mask_name
from participation.volunteers.honour_roll import honour_roll
from participation.volunteers.service import log_service
from participation.volunteers.signups import approve
from tests.participation.volunteer_builders import join

pytestmark = pytest.mark.django_db


def test_honour_roll_lists_only_volunteers_who_opted_in(world):
    shown = join(world, name="李建国", phone="13900000001", honour_roll=True).signup
    hidden = join(world, name="赵丽华", phone="13900000002").signup
    for signup in (shown, hidden):
        approve(signup)
        log_service(signup, activity="巡查", day=timezone.localdate(), hours=2)
    assert [entry.masked_name for entry in honour_roll()] == ["李**"]


@pytest.mark.parametrize(
    ("name", "masked"),
    [("王秀英", "王**"), ("王伟", "王**"), ("欧阳晓禾", "欧阳**"), ("Li Lei", "L**")],
)
def test_names_are_masked_to_the_surname(name, masked):
    assert mask_name(name) == masked

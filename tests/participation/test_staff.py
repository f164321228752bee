"""What the staff screens share (participation/staff.py): who may enter, and that a
record outside the user's communities answers exactly as a missing one does."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from participation.roundtables.models import Roundtable
from participation.staff import has_permission, in_communities, may_enter, one_or_denied
from tests.factories import UserFactory
from tests.notices.station_builders import small_tree
from tests.participation.builders import staff_user
from tests.participation.roundtable_builders import meeting

pytestmark = pytest.mark.django_db


def test_a_deactivated_superuser_may_no_longer_enter():
    user = UserFactory(is_superuser=True, is_active=False)
    assert has_permission(user, "view_roundtable")
    assert not may_enter(user, "view_roundtable")
    assert not may_enter(AnonymousUser(), "view_roundtable")


def test_entering_needs_the_features_own_view_permission():
    user = staff_user("view_volunteersignup")
    assert may_enter(user, "view_volunteersignup")
    assert not may_enter(user, "view_roundtable")


def test_staff_see_only_their_communities_and_others_answer_like_missing_ones(
    bilingual_site,
):
    _index, _district, _sub, (here, there) = small_tree(
        bilingual_site, communities=2, staff_per_community=0, photos=False
    )
    mine, theirs = meeting(here), meeting(there)
    user = staff_user("view_roundtable", area=here)
    visible = in_communities(Roundtable.objects.all(), user, entered=True)
    assert list(visible) == [mine]
    assert one_or_denied(visible, mine.pk) == mine
    for pk in (theirs.pk, theirs.pk + 1):  # another community's, and none at all
        with pytest.raises(PermissionDenied):
            one_or_denied(visible, pk)
    refused = in_communities(Roundtable.objects.all(), user, entered=False)
    assert not refused.exists()

"""What the staff screens share (participation/staff.py): a record outside the user's
communities answers exactly as a missing one does."""

import pytest
from django.core.exceptions import PermissionDenied

from participation.roundtables.models import Roundtable
from participation.staff import one_or_denied, policy_for
from tests.notices.station_builders import small_tree
from tests.participation.builders import staff_user
from tests.participation.roundtable_builders import meeting

pytestmark = pytest.mark.django_db


def test_staff_see_only_their_communities_and_others_answer_like_missing_ones(
    bilingual_site,
):
    _index, _district, _sub, (here, there) = small_tree(
        bilingual_site, communities=2, staff_per_community=0, photos=False
    )
    mine, theirs = meeting(here), meeting(there)
    user = staff_user("view_roundtable", area=here)
    visible = policy_for(Roundtable).instances_user_has_permission_for(user, "view")
    assert list(visible) == [mine]
    assert one_or_denied(visible, mine.pk) == mine
    for pk in (theirs.pk, theirs.pk + 1):  # another community's, and none at all
        with pytest.raises(PermissionDenied):
            one_or_denied(visible, pk)
    changing = policy_for(Roundtable).instances_user_has_permission_for(user, "change")
    assert not changing.exists()  # viewing is not changing

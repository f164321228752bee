"""What the staff screens share (participation/staff.py): a record outside the user's
communities answers exactly as a missing one does."""

import pytest
from django.core.exceptions import PermissionDenied

from participation.roundtables.models import Roundtable
from participation.staff import one_or_denied, policy_for
from tests.notices.station_builders import small_tree
from tests.participation.builders import staff_user
from tests.participation.roundtable_builders import meeting
from tests.portal.role_builders import (
    logged_in,
    record_addresses,
    refused,
    role_user,
)

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

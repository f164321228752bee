"""One permission policy per model, kept to the user's communities
(participation/policies.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from participation.policies import RoundtablePolicy, VolunteerSignUpPolicy
from participation.roundtables.models import Roundtable
from participation.volunteers.models import VolunteerSignUp
from tests.factories import UserFactory
from tests.notices.station_builders import small_tree
from tests.participation.builders import staff_user
from tests.participation.roundtable_builders import meeting

pytestmark = pytest.mark.django_db


def test_a_deactivated_superuser_may_no_longer_do_anything():
    policy = RoundtablePolicy(Roundtable)
    user = UserFactory(is_superuser=True, is_active=False)
    assert not policy.user_has_permission(user, "view")
    assert not policy.user_has_permission(AnonymousUser(), "view")
    assert not policy.instances_user_has_permission_for(user, "view").exists()


def test_each_feature_needs_its_own_permission():
    user = staff_user("view_volunteersignup")
    assert VolunteerSignUpPolicy(VolunteerSignUp).user_has_permission(user, "view")
    assert not RoundtablePolicy(Roundtable).user_has_permission(user, "view")


def test_residents_records_are_never_added_or_deleted_from_the_admin():
    superuser = UserFactory(is_superuser=True)
    signups = VolunteerSignUpPolicy(VolunteerSignUp)
    assert not signups.user_has_permission(superuser, "add")
    assert not signups.user_has_permission(superuser, "delete")
    assert RoundtablePolicy(Roundtable).user_has_permission(superuser, "add")


def test_an_instance_outside_the_users_communities_is_out_of_scope(bilingual_site):
    _index, _district, _sub, (here, there) = small_tree(
        bilingual_site, communities=2, staff_per_community=0, photos=False
    )
    mine, theirs = meeting(here), meeting(there)
    policy = RoundtablePolicy(Roundtable)
    user = staff_user("view_roundtable", "change_roundtable", area=here)
    assert policy.user_has_permission_for_instance(user, "change", mine)
    assert not policy.user_has_permission_for_instance(user, "change", theirs)
    assert not policy.may_see_personal_data(user)
    assert list(policy.instances_user_has_permission_for(user, "view")) == [mine]

"""Station staff edit their own community's page only, and their changes wait for the
bureau's approval before residents see them."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState

from notices.models import CommunityPage, communities_for
from notices.stations.permissions import (
    BUREAU_APPROVERS_GROUP,
    STATION_WORKFLOW_NAME,
    grant_community_editing,
)
from tests.conftest import translate
from tests.factories import UserFactory
from tests.notices.station_builders import small_tree

pytestmark = pytest.mark.django_db


def user(**fields):
    person = UserFactory(**fields)
    person.save()
    return person


@pytest.fixture
def two_stations(bilingual_site):
    _index, _district, _sub, pages = small_tree(
        bilingual_site, communities=2, staff_per_community=1, photos=False
    )
    return pages


def test_station_staff_can_edit_their_own_community_only(client, two_stations):
    own, other = two_stations
    editor = user()
    grant_community_editing(own, user=editor)
    assert own.permissions_for_user(editor).can_edit()
    assert not other.permissions_for_user(editor).can_edit()
    assert not own.get_parent().permissions_for_user(editor).can_edit()
    client.force_login(editor)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code != 200


def test_station_staff_cannot_publish_they_submit_for_review(client, two_stations):
    own, _other = two_stations
    editor = user()
    grant_community_editing(own, user=editor)
    assert not own.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    html = client.get(f"/admin/pages/{own.pk}/edit/").content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_a_submitted_change_is_published_only_after_the_bureau_approves(two_stations):
    own, _other = two_stations
    editor = user()
    approver = user()
    grant_community_editing(own, user=editor)
    approver.groups.add(Group.objects.get(name=BUREAU_APPROVERS_GROUP))
    workflow = own.get_workflow()
    assert workflow.name == STATION_WORKFLOW_NAME

    draft = CommunityPage.objects.get(pk=own.pk)
    draft.address = "新址 9 号"
    draft.save_revision(user=editor)
    workflow.start(draft, editor)
    own.refresh_from_db()
    assert own.workflow_in_progress
    assert own.address != "新址 9 号"  # residents still see the approved version

    task_state = own.current_workflow_task_state
    assert task_state.task.specific.user_can_access_editor(own, approver)
    task_state.approve(user=approver)
    own.refresh_from_db()
    assert own.address == "新址 9 号"
    assert own.current_workflow_state is None or (
        own.current_workflow_state.status == WorkflowState.STATUS_APPROVED
    )


def test_grant_covers_the_translation_and_the_staff_listing_scope(
    bilingual_site, two_stations
):
    own, other = two_stations
    english = translate(own, bilingual_site.en, title="Huanghe Community")
    editor = user()
    grant_community_editing(own, user=editor)
    assert english.permissions_for_user(editor).can_edit()
    assert set(communities_for(editor).values_list("pk", flat=True)) == {
        own.pk,
        english.pk,
    }


def test_granting_twice_changes_nothing(two_stations):
    own, _other = two_stations
    editor = user()
    first = grant_community_editing(own, user=editor)
    second = grant_community_editing(own, user=editor)
    assert first == second
    assert first.page_permissions.count() == 1

"""The staff side of roundtables: community A's staff never see or touch community
B's meetings; proposers' contact by permission
(participation/roundtables/admin_views.py)."""

from datetime import datetime

import pytest

from participation.roundtables.models import (
    MeetingState,
    ProposalStatus,
    Roundtable,
)
from tests.participation.builders import refused, staff_user
from tests.participation.roundtable_builders import (
    PLANTED_NAME,
    PLANTED_PHONE,
    RUNNING,
    SHANGHAI,
    meeting,
    propose,
)

pytestmark = pytest.mark.django_db


def test_staff_of_one_community_cannot_see_or_act_on_another(client, world):
    mine = meeting(world["here"], title="本社区圆桌会")
    theirs = meeting(world["there"], title="外社区议事会")
    item = propose(theirs, topic="外社区议题")
    client.force_login(
        staff_user(*RUNNING, "view_proposer_contact", area=world["here"])
    )
    listing = client.get("/admin/roundtables/").text
    assert mine.title in listing and theirs.title not in listing
    assert refused(client.get(f"/admin/roundtables/{theirs.pk}/"))
    assert refused(client.get(f"/admin/roundtables/edit/{theirs.pk}/"))
    assert refused(
        client.post(
            f"/admin/roundtables/{theirs.pk}/advance/", {"to_state": "agenda_closed"}
        )
    )
    assert refused(
        client.post(
            f"/admin/roundtables/proposal/{item.pk}/decline/",
            {f"p{item.pk}-reason": "不受理"},
        )
    )
    created = client.post(
        "/admin/roundtables/add/",
        {"community": str(world["there"].pk), "kind": "roundtable", "title": "越权",
         "starts_at": "2030-01-01T09:00", "ends_at": "2030-01-01T10:00",
         "place": "x", "convenor": "y"},
    )  # fmt: skip
    assert created.status_code == 400
    assert not Roundtable.objects.filter(title="越权").exists()
    theirs.refresh_from_db()
    item.refresh_from_db()
    assert theirs.state == MeetingState.AGENDA_OPEN
    assert item.status == ProposalStatus.SUBMITTED


def test_staff_create_a_meeting_for_their_community(client, world):
    client.force_login(staff_user(*RUNNING, area=world["here"]))
    response = client.post(
        "/admin/roundtables/add/",
        {"community": str(world["here"].pk), "kind": "council", "title": "居民议事会",
         "starts_at": "2030-01-01T09:00", "ends_at": "2030-01-01T11:00",
         "place": "会议室", "convenor": "社区党委",
         "standing_participants": ["city_management", "residents_committee",
                                   "property_management"],
         "invited_participants": ["merchants"], "invited_note": ""},
    )  # fmt: skip
    assert response.status_code == 302
    created = Roundtable.objects.get()
    assert created.state == MeetingState.PLANNED
    assert created.starts_at == datetime(2030, 1, 1, 9, tzinfo=SHANGHAI)
    page = client.get(f"/en/roundtables/{created.pk}/").text
    assert "Property management" in page and "Merchants" in page


def test_contact_hidden_from_moderators_without_the_permission(client, world):
    target = meeting(world["here"])
    propose(target, contact_name=PLANTED_NAME, contact_phone=PLANTED_PHONE,
            contact_consent=True)  # fmt: skip
    client.force_login(staff_user(*RUNNING, area=world["here"]))
    page = client.get(f"/admin/roundtables/{target.pk}/").text
    assert PLANTED_NAME not in page and PLANTED_PHONE not in page


def test_a_moderator_merges_and_defers_proposals_from_the_meeting_page(client, world):
    target = meeting(world["here"])
    later = meeting(world["here"], days=40, title="十一月圆桌会")
    first, second = propose(target), propose(target, topic="夜市噪音")
    client.force_login(staff_user(*RUNNING, area=world["here"]))
    page = client.get(f"/admin/roundtables/{target.pk}/").text
    assert page.count('class="button button-secondary">') >= 4  # merge, decline…
    assert f"{first.reference} · {first.topic}" in page and later.title in page
    merged = client.post(
        f"/admin/roundtables/proposal/{second.pk}/merge/",
        {f"p{second.pk}-into": str(first.pk)},
    )
    assert merged.status_code == 302
    deferred = client.post(
        f"/admin/roundtables/proposal/{first.pk}/defer/",
        {f"p{first.pk}-to_meeting": str(later.pk)},
    )
    assert deferred.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == ProposalStatus.MERGED and second.merged_into == first
    assert first.meeting == later and first.deferred_from == target
    refused_choice = client.post(
        f"/admin/roundtables/proposal/{second.pk}/defer/",
        {f"p{second.pk}-to_meeting": "999999"},
    )
    assert refused_choice.status_code == 400


def test_a_forged_post_cannot_hold_a_meeting_before_its_day(client, world):
    ahead = meeting(world["here"], days=12, state=MeetingState.AGENDA_CLOSED)
    client.force_login(staff_user(*RUNNING, area=world["here"]))
    page = client.get(f"/admin/roundtables/{ahead.pk}/").text
    assert "在此之前不能标记为已召开" in page  # said, and not offered
    assert 'name="to_state"' not in page
    held = client.post(f"/admin/roundtables/{ahead.pk}/advance/", {"to_state": "held"})
    assert held.status_code == 400
    assert "在此之前不能标记为已召开" in held.text
    minutes = client.post(
        f"/admin/roundtables/{ahead.pk}/minutes/",
        {"summary": "纪要", "attendance_count": "10", "organisations": ""},
    )
    assert minutes.status_code == 400
    ahead.refresh_from_db()
    assert ahead.state == MeetingState.AGENDA_CLOSED and ahead.minutes_summary == ""

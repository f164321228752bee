"""Agenda proposals across meetings, for staff of their own communities
(participation/roundtables/admin_proposals.py)."""

import pytest

from participation.roundtables.models import ProposalStatus
from tests.participation.builders import refused, staff_user
from tests.participation.roundtable_builders import (
    PLANTED_NAME,
    PLANTED_PHONE,
    RUNNING,
    meeting,
    propose,
)

pytestmark = pytest.mark.django_db

PROPOSALS = "/admin/agenda-proposals/"


def test_staff_find_their_communitys_proposals_and_never_anothers(client, world):
    mine = propose(meeting(world["here"]), topic="本社区议题")
    theirs = propose(meeting(world["there"], title="外社区议事会"), topic="外社区议题")
    client.force_login(staff_user(*RUNNING, area=world["here"]))
    listing = client.get(PROPOSALS).text
    assert mine.reference in listing and theirs.reference not in listing
    assert refused(client.get(f"{PROPOSALS}inspect/{theirs.pk}/"))
    # Another community's meeting is no choice: the filter is not applied.
    filtered = client.get(f"{PROPOSALS}?meeting={theirs.meeting_id}").text
    assert theirs.reference not in filtered
    page = client.get(f"{PROPOSALS}inspect/{mine.pk}/").text
    assert "本社区议题" in page and f"/admin/roundtables/{mine.meeting_id}/" in page
    export = client.get(f"{PROPOSALS}?export=csv").content.decode("utf-8-sig")
    assert mine.reference in export and theirs.reference not in export


def test_a_proposers_contact_only_with_the_permission(client, world):
    target = meeting(world["here"])
    item = propose(
        target, contact_name=PLANTED_NAME, contact_phone=PLANTED_PHONE,
        contact_consent=True,
    )  # fmt: skip
    client.force_login(staff_user(*RUNNING, area=world["here"]))
    for url in (PROPOSALS, f"{PROPOSALS}inspect/{item.pk}/", f"{PROPOSALS}?export=csv"):
        body = client.get(url).content.decode("utf-8-sig")
        assert PLANTED_NAME not in body and PLANTED_PHONE not in body
    client.force_login(
        staff_user(*RUNNING, "view_proposer_contact", area=world["here"])
    )
    assert PLANTED_PHONE in client.get(f"{PROPOSALS}inspect/{item.pk}/").text
    assert PLANTED_NAME in client.get(PROPOSALS).text


def test_moderators_decline_proposals_in_bulk_but_never_anothers(client, world):
    target = meeting(world["here"])
    first, second = propose(target, topic="重复议题"), propose(target, topic="重复二")
    theirs = propose(meeting(world["there"], title="外社区议事会"), topic="外社区议题")
    client.force_login(staff_user(*RUNNING, area=world["here"]))
    bulk = "/admin/bulk/participation/agendaproposal/decline/"
    forged = client.post(
        f"{bulk}?id={first.pk}&id={theirs.pk}", {"reason": "与已有议题重复"}
    )
    assert refused(forged)
    response = client.post(
        f"{bulk}?id={first.pk}&id={second.pk}", {"reason": "与已有议题重复"}
    )
    assert response.status_code == 302
    for proposal, status in (
        (first, ProposalStatus.DECLINED),
        (second, ProposalStatus.DECLINED),
        (theirs, ProposalStatus.SUBMITTED),
    ):
        proposal.refresh_from_db()
        assert proposal.status == status
    assert first.public_reason == "与已有议题重复"

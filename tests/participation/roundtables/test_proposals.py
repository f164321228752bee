"""Agenda proposals and their moderation: the public agenda in order, what became
of the others (participation/roundtables/proposals.py)."""

import pytest

from participation.roundtables import proposals
from participation.roundtables.meetings import RoundtableError
from participation.roundtables.models import ProposalStatus
from tests.participation.roundtable_builders import (
    meeting,
    propose,
)

pytestmark = pytest.mark.django_db


def test_agenda_lists_accepted_items_in_order_with_time(client, world):
    target = meeting(world["here"])
    first, second, third = (propose(target, topic=t) for t in ("停车", "油烟", "噪声"))
    proposals.accept(first, minutes_allotted=20)
    proposals.accept(second, minutes_allotted=30)
    proposals.accept(third, minutes_allotted=15, position=1)
    assert [item.topic for item in proposals.public_agenda(target)] == [
        "噪声",
        "停车",
        "油烟",
    ]
    page = client.get(f"/en/roundtables/{target.pk}/").text
    positions = [page.index(f"<h3>{topic} ") for topic in ("噪声", "停车", "油烟")]
    assert positions == sorted(positions)
    assert "15 minutes" in page and "30 minutes" in page


def test_merged_deferred_and_declined_proposals_are_explained_publicly(client, world):
    target = meeting(world["here"])
    later = meeting(world["here"], days=40, title="十一月圆桌会")
    kept, twin, moved, refused_item = (
        propose(target, topic=t) for t in ("油烟", "油烟味大", "停车难", "邻居装修")
    )
    proposals.accept(kept, minutes_allotted=30)
    proposals.merge(twin, kept)
    proposals.defer(moved, later)
    proposals.decline(refused_item, "属于物业服务合同纠纷,请联系物业。")
    page = client.get(f"/zh-hans/roundtables/{target.pk}/").text
    assert "油烟味大" in page and "属于物业服务合同纠纷" in page
    assert "十一月圆桌会" in page
    moved.refresh_from_db()
    assert moved.meeting == later and moved.status == ProposalStatus.SUBMITTED
    assert "停车难" not in client.get(f"/zh-hans/roundtables/{later.pk}/").text


def test_declining_needs_a_public_reason(world):
    item = propose(meeting(world["here"]))
    with pytest.raises(RoundtableError):
        proposals.decline(item, " ")
    item.refresh_from_db()
    assert item.status == ProposalStatus.SUBMITTED

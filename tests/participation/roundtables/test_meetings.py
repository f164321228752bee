"""A meeting's course, one step at a time, and a community's meetings to come on
its station page (participation/roundtables/meetings.py)."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from participation.roundtables import meetings, proposals
from participation.roundtables.meetings import RoundtableError
from participation.roundtables.models import MeetingState
from tests.participation.roundtable_builders import (
    meeting,
    propose,
)

pytestmark = pytest.mark.django_db


def test_meeting_states_move_one_step_at_a_time(world):
    target = meeting(world["here"], days=-1, state=MeetingState.PLANNED)
    with pytest.raises(RoundtableError):
        meetings.advance(target, MeetingState.HELD)
    meetings.advance(target, MeetingState.AGENDA_OPEN)
    waiting = propose(target)
    meetings.advance(target, MeetingState.AGENDA_CLOSED)
    with pytest.raises(RoundtableError) as error:
        meetings.advance(target, MeetingState.HELD)
    assert error.value.code == "unmoderated"
    proposals.decline(waiting, "重复议题")
    meetings.advance(target, MeetingState.HELD)
    with pytest.raises(RoundtableError):
        meetings.advance(target, MeetingState.MINUTES_PUBLISHED)
    with pytest.raises(RoundtableError):
        meetings.publish_minutes(
            target, summary="", attendance_count=10, organisations=""
        )
    target = meetings.publish_minutes(
        target, summary="纪要", attendance_count=10, organisations=""
    )
    assert target.state == MeetingState.MINUTES_PUBLISHED


def test_upcoming_roundtables_tag_lists_the_communitys_next_meetings(
    bilingual_site, world
):
    here, there = world["here"], world["there"]
    meeting(here, title="本社区圆桌会")
    meeting(here, days=-30, title="上次的会", state=MeetingState.HELD)
    meeting(there, title="外社区议事会")
    english_here = here.get_translation(bilingual_site.en)
    template = Template("{% load participation_tags %}{% upcoming_roundtables page %}")
    request = RequestFactory().get("/")
    with translation.override("en"):
        html = template.render(Context({"page": english_here, "request": request}))
    assert "本社区圆桌会" in html and "Propose a topic" in html
    assert "上次的会" not in html and "外社区议事会" not in html
    assert f"/en/roundtables/community/{here.pk}/" in html


def test_a_meeting_to_come_cannot_be_held_nor_get_minutes(world):
    target = meeting(world["here"], days=12, state=MeetingState.AGENDA_CLOSED)
    with pytest.raises(RoundtableError) as error:
        meetings.advance(target, MeetingState.HELD)
    assert error.value.code == "not-yet"
    with pytest.raises(RoundtableError):
        meetings.publish_minutes(
            target, summary="纪要", attendance_count=10, organisations=""
        )
    target.refresh_from_db()
    assert target.state == MeetingState.AGENDA_CLOSED
    assert target.minutes_summary == ""

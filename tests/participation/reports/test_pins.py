"""A pin that places a report in another community than the one the resident chose
(participation/reports/pins.py): a note to staff, never an error."""

import pytest

from participation.models import ReportEvent
from participation.reports.pins import note_if_pin_elsewhere
from tests.participation.report_builders import make_report

pytestmark = pytest.mark.django_db

POINT = {"latitude": "34.264100", "longitude": "117.184100"}


def test_a_pin_in_another_community_leaves_the_staff_a_note(world):
    report = make_report(world.b, **POINT).report
    assert note_if_pin_elsewhere(report, chosen=world.a)
    note = ReportEvent.objects.get(report=report, kind="note")
    assert world.a.title in note.text and world.b.title in note.text
    assert not note.public and note.actor_kind == "system"


def test_no_note_when_pin_and_choice_agree_or_there_is_no_pin(world):
    assert not note_if_pin_elsewhere(make_report(world.a, **POINT).report, world.a)
    assert not note_if_pin_elsewhere(make_report(world.b).report, world.a)
    assert not ReportEvent.objects.filter(kind="note").exists()

"""Accepted suggestions feed the station's "what residents asked for" list
(participation/reports/suggestions.py), with the staff's summary and never the
resident's words."""

import pytest

from notices import extensions
from participation.reports.models import ReportKind
from participation.reports.staff_actions import accept
from participation.reports.suggestions import accepted_suggestions
from tests.participation.report_builders import PLANTED_NAME, make_report

pytestmark = pytest.mark.django_db


def test_accepted_suggestions_show_the_public_summary_not_the_residents_words(
    world, officer
):
    suggestion = make_report(
        world.a,
        kind=ReportKind.SUGGESTION,
        description=f"我是{PLANTED_NAME},建议在小区门口设置便民早餐点。",
    ).report
    make_report(world.a, kind=ReportKind.SUGGESTION)  # not accepted
    make_report(world.b, kind=ReportKind.SUGGESTION)
    accept(suggestion, by=officer, public_title="小区门口设置便民早餐点")
    entries = accepted_suggestions(world.a)
    assert [entry.title for entry in entries] == ["小区门口设置便民早餐点"]
    assert entries[0].duty_code == "EH-01"
    # What the community's lists ask of participation through the hook.
    assert [entry.title for entry in extensions.resident_requests(world.a)] == [
        "小区门口设置便民早餐点"
    ]


def test_the_three_lists_show_accepted_suggestions(client, world, officer):
    from notices.lists.shared import resident_requests

    suggestion = make_report(world.a, kind=ReportKind.SUGGESTION).report
    accept(suggestion, by=officer, public_title="增设便民早餐点")
    assert [entry.title for entry in resident_requests(world.a)] == ["增设便民早餐点"]

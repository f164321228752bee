"""The admin home's panel of new and late reports
(participation/reports/dashboard_panel.py): the user's own communities only."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.participation.report_builders import make_report

pytestmark = pytest.mark.django_db


def test_an_overdue_report_shows_on_the_admin_dashboard(client, world, staff_a):
    late = make_report(world.a, code="SR-01", now=timezone.now() - timedelta(days=7))
    fresh = make_report(world.a)
    other_late = make_report(
        world.b, code="SR-01", now=timezone.now() - timedelta(days=7)
    )
    client.force_login(staff_a)
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = soup.select_one("#reports-panel-title").find_parent("section")
    text = panel.get_text(" ")
    assert late.report.reference in text and fresh.report.reference in text
    assert other_late.report.reference not in text
    assert "1" in panel.select("a")[1].text  # one late report


def test_the_dashboard_counts_late_replies_and_late_completions_apart(
    client, world, staff_a, officer
):
    from participation.reports.staff_actions import accept, reply

    week_ago = timezone.now() - timedelta(days=7)
    make_report(world.a, code="SR-01", now=week_ago)
    answered = make_report(world.a, code="SR-01", now=week_ago).report
    accept(answered, by=officer)
    reply(answered, "已安排。", by=officer)
    client.force_login(staff_a)
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = soup.select_one("#reports-panel-title").find_parent("section")
    links = {a["href"].split("?")[-1]: a.get_text(" ") for a in panel.select("a")}
    assert "1" in links["overdue=response"]
    assert "2" in links["overdue=completion"]

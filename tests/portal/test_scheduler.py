"""One scheduler for the periodic jobs (portal/scheduler.py, manage.py run_scheduler):
each job runs once per slot whichever scheduler gets there, daily jobs at their time,
and one failing job does not stop the others."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from portal import scheduler
from portal.models import ScheduledRun
from portal.scheduler import Job

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


FIVE_MINUTES = dt.timedelta(minutes=5)


def test_the_apps_register_the_jobs_that_cron_lines_used_to_run():
    commands = {job.command for job in scheduler.JOBS.values()}
    assert commands >= {
        "publish_scheduled",
        "check_report_deadlines",
        "send_report_digest",
        "send_event_reminders",
        "purge_report_contacts",
        "purge_volunteer_data",
    }


def test_a_job_runs_once_per_slot_and_again_in_the_next():
    jobs = [Job("check", "check", every=FIVE_MINUTES)]
    start = dt.datetime(2026, 3, 9, 10, 0, 10, tzinfo=SHANGHAI)
    assert scheduler.run_due(start, jobs) == ["check"]
    assert scheduler.run_due(start + dt.timedelta(minutes=1), jobs) == []
    assert scheduler.run_due(start + FIVE_MINUTES, jobs) == ["check"]
    run = ScheduledRun.objects.filter(job="check").first()
    assert run.finished_at is not None and run.error == ""


def test_a_daily_job_waits_for_its_time_and_runs_once_that_day():
    jobs = [Job("digest", "check", daily_at=dt.time(8, 0))]

    def run_at(*moment):
        return scheduler.run_due(dt.datetime(*moment, tzinfo=SHANGHAI), jobs)

    assert run_at(2026, 3, 9, 7, 59) == []
    assert run_at(2026, 3, 9, 8, 0) == ["digest"]
    assert run_at(2026, 3, 9, 20, 0) == []
    assert run_at(2026, 3, 10, 8, 1) == ["digest"]


def test_a_failing_job_is_recorded_and_the_others_still_run():
    jobs = [
        Job("broken", "no_such_command", every=FIVE_MINUTES),
        Job("check", "check", every=FIVE_MINUTES),
    ]
    assert scheduler.run_due(jobs=jobs) == ["broken", "check"]
    assert "no_such_command" in ScheduledRun.objects.get(job="broken").error


def test_run_scheduler_once_runs_the_registered_jobs_that_are_due(mailoutbox):
    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    assert "ran publish-scheduled" in out.getvalue()
    assert "ran report-deadlines" in out.getvalue()
    again = io.StringIO()
    call_command("run_scheduler", "--once", stdout=again)
    assert "ran report-deadlines" not in again.getvalue()

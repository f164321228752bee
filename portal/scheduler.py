"""The periodic jobs of the whole site, run by one process (`manage.py run_scheduler`)
instead of cron lines: each app registers its jobs here (from its AppConfig.ready),
as a management command and how often it runs; portal imports no app.

A job is due when it has not started within its period, or (daily jobs) when today's
run at its local time has not started. Starts are claimed in the database
(`ScheduledRun`), so two schedulers, or one restarted, never run a job twice for the
same slot.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    every: dt.timedelta | None = None
    daily_at: dt.time | None = None

    def __post_init__(self):
        if (self.every is None) == (self.daily_at is None):
            raise ValueError("A job runs either every period or daily at a time.")

    def slot(self, now: dt.datetime) -> str | None:
        """The slot `now` falls in (a key that names one run), or None when a
        daily job's time has not come yet today."""
        local = timezone.localtime(now)
        if self.daily_at is not None:
            if local.time() < self.daily_at:
                return None
            return local.date().isoformat()
        seconds = int(self.every.total_seconds())
        return str(int(now.timestamp()) // seconds)


JOBS: dict[str, Job] = {}


def register(
    name: str,
    command: str,
    *,
    every: dt.timedelta | None = None,
    daily_at: dt.time | None = None,
) -> None:
    JOBS[name] = Job(name, command, every, daily_at)


def claim(job: Job, now: dt.datetime) -> bool:
    """Take this slot of the job; False when it was taken already."""
    from portal.models import ScheduledRun

    slot = job.slot(now)
    if slot is None:
        return False
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job.name, slot=slot, started_at=now)
    except IntegrityError:
        return False
    return True


def run_due(now: dt.datetime | None = None, jobs: list[Job] | None = None) -> list[str]:
    """Run every job (the registered ones unless `jobs` are given) whose slot is
    free; returns the names run. A failing job is logged and recorded; the others
    still run."""
    from portal.models import ScheduledRun

    now = now or timezone.now()
    ran = []
    for job in JOBS.values() if jobs is None else jobs:
        if not claim(job, now):
            continue
        error = ""
        try:
            call_command(job.command)
        except Exception as failure:  # noqa: BLE001 - one job never stops the rest
            logger.exception("scheduled job %s failed", job.name)
            error = f"{type(failure).__name__}: {failure}"[:500]
        ScheduledRun.objects.filter(job=job.name, slot=job.slot(now)).update(
            finished_at=timezone.now(), error=error
        )
        ran.append(job.name)
    return ran

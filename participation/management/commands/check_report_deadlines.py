"""Queue the check of report deadlines: reminders at 50% and 90% of each deadline and
when it is missed, to the assignee and the station head (participation/reports/
alerts.py). Run by the scheduler every few minutes (manage.py run_scheduler)."""

from django.core.management.base import BaseCommand

from participation.reports.alerts import check_deadlines


class Command(BaseCommand):
    help = "Remind staff of report deadlines coming up or missed."

    def handle(self, *args, **options):
        result = check_deadlines.enqueue()
        self.stdout.write(f"Deadline check queued ({result.id}).")

"""Queue the daily digest of new and late reports to staff.

Run once a day (by manage.py run_scheduler):  manage.py send_report_digest
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from participation.reports.notifications import send_report_digest


class Command(BaseCommand):
    help = "Email each staff member the new and late reports of their communities."

    def handle(self, *args, **options):
        result = send_report_digest.enqueue(timezone.now().isoformat())
        self.stdout.write(f"Digest queued ({result.id}).")

"""Delete residents' contact data from reports closed more than N days ago.

Run daily (by manage.py run_scheduler):  manage.py purge_report_contacts
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from participation.reports.contact_data import purge_contacts


class Command(BaseCommand):
    help = "Delete names, phones and emails of reports closed more than N days ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=(
                "Days after closure (default: settings."
                "PORTAL_REPORT_CONTACT_RETENTION_DAYS, "
                f"{settings.PORTAL_REPORT_CONTACT_RETENTION_DAYS})."
            ),
        )

    def handle(self, *args, **options):
        days = options["days"]
        if days is not None and days < 0:
            self.stderr.write("--days must be 0 or more.")
            return
        count = purge_contacts(days=days)
        self.stdout.write(f"Contact data deleted from {count} reports.")

"""Run the site's periodic jobs (portal/scheduler.py) for as long as it runs:

    manage.py run_scheduler            # forever, checking every 30 seconds
    manage.py run_scheduler --once     # the jobs due now, then exit

One process per deployment is enough; a second one would find each slot taken.
"""

import time

from django.core.management.base import BaseCommand

from portal import scheduler


class Command(BaseCommand):
    help = "Run the periodic jobs: reminders, deadline checks, purges, digests."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run what is due, then exit."
        )
        parser.add_argument("--interval", type=float, default=30.0)

    def handle(self, *args, once=False, interval=30.0, **options):
        while True:
            for name in scheduler.run_due():
                self.stdout.write(f"ran {name}")
            if once:
                return
            time.sleep(interval)

"""Queue the check of departments' calls (吹哨报到): a call not acknowledged by its
deadline alerts the station head once (participation/departments/escalating.py).
Run by the scheduler every few minutes (manage.py run_scheduler)."""

from django.core.management.base import BaseCommand

from participation.departments.escalating import check_acknowledgements


class Command(BaseCommand):
    help = "Alert station heads of department calls not acknowledged in time."

    def handle(self, *args, **options):
        result = check_acknowledgements.enqueue()
        self.stdout.write(f"Department call check queued ({result.id}).")

"""Erase volunteers' personal data once its retention period has passed (run daily)."""

from django.core.management.base import BaseCommand

from participation.volunteers import signups


class Command(BaseCommand):
    help = (
        "Erase personal data of volunteers who left or were declined long enough ago."
    )

    def handle(self, *args, **options):
        erased = signups.erase_expired()
        self.stdout.write(f"Erased the personal data of {erased} volunteer sign-ups.")

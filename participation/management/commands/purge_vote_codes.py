"""Delete model-merchant vote codes a day after they expired (run daily). A code
holds a keyed hash of a phone number and nothing else of use once expired."""

from django.core.management.base import BaseCommand

from participation.campaigns import voting


class Command(BaseCommand):
    help = "Delete vote codes that expired more than a day ago."

    def handle(self, *args, **options):
        deleted = voting.purge_codes()
        self.stdout.write(f"Deleted {deleted} expired vote codes.")

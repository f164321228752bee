"""Build the page tree and bilingual demo content; safe to run again and again."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from portal import search_index
from portal.demo import DEMO_ADMIN_PASSWORD_DEFAULT, DEMO_ADMIN_USERNAME, DEMO_LOADERS


class Command(BaseCommand):
    help = "Load idempotent bilingual demo content and create the demo admin user."

    def handle(self, *args, **options):
        for dotted in DEMO_LOADERS:
            loader = import_string(dotted)
            loader(self.stdout.write)
            self.stdout.write(f"Loaded {dotted}.")
        # Role groups get their page permissions and workflows on the new pages.
        call_command("sync_roles", stdout=self.stdout)
        documents = search_index.rebuild()
        self.stdout.write(f"Search index rebuilt: {documents} documents.")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(
            f"Admin: http://127.0.0.1:8000/admin/  user '{DEMO_ADMIN_USERNAME}', "
            f"password '{DEMO_ADMIN_PASSWORD_DEFAULT}' "
            "(or DEMO_ADMIN_PASSWORD if you set it)"
        )

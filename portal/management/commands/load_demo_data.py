"""Build the page tree and bilingual demo content; safe to run again and again."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal import search_index
from portal.demo import DEMO_ADMIN_PASSWORD_DEFAULT, DEMO_ADMIN_USERNAME, ensure_admin
from portal.extensions import demo_loaders


class Command(BaseCommand):
    help = "Load idempotent bilingual demo content and create the demo admin user."

    def handle(self, *args, **options):
        # Each app's steps (extensions.DEMO_LOADERS), home's pages first.
        for loader in demo_loaders():
            loader(self.stdout.write)
            self.stdout.write(f"Loaded {loader.__module__}.{loader.__qualname__}.")
        ensure_admin(self.stdout.write)
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

"""Make the staff roles match portal/roles.py on the current page tree."""

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.extensions import after_sync_roles
from portal.roles import ROLES, sync_roles


class Command(BaseCommand):
    help = (
        "Create or update the staff role groups, their permissions and workflows, "
        "and re-apply page and collection permissions to the pages that exist now "
        "(run after building or importing pages, e.g. after load_demo_data)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        sync_roles()
        # The apps' own grants on top of the groups (extensions.AFTER_SYNC_ROLES).
        done = "".join(f"; {what}" for what in after_sync_roles())
        self.stdout.write(f"Roles synced: {len(ROLES)} groups{done}.")

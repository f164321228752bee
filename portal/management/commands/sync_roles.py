"""Make the staff roles match portal/roles.py on the current page tree."""

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.roles import ROLES, apply_area_grants, sync_roles


class Command(BaseCommand):
    help = (
        "Create or update the staff role groups, their permissions and workflows, "
        "and re-apply page and collection permissions to the pages that exist now "
        "(run after building or importing pages, e.g. after load_demo_data)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        sync_roles()
        assignments = apply_area_grants()
        self.stdout.write(
            f"Roles synced: {len(ROLES)} groups; station staff page editing "
            f"re-applied for {assignments} area assignments."
        )

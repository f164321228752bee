"""After a release: pages cached by the previous code are not served again."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from portal.cache import move_generation


class Command(BaseCommand):
    help = (
        "Stop serving every page and lookup cached so far (run it once a release's "
        "new code is serving, so that no page drawn with old templates is kept)."
    )

    def handle(self, *args, **options):
        move_generation()
        self.stdout.write(
            self.style.SUCCESS(
                _("Cached pages will be drawn again on their next visit.")
            )
        )

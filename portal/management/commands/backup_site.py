"""Write a backup of the database and the uploaded files to one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import backups


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database and the uploaded files (local "
        "disk or bucket) to one archive; restore it with restore_site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="the archive to write (default: backups/portal-<time>.tar)",
        )

    def handle(self, *args, archive=None, **options):
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        target = Path(archive or f"backups/portal-{stamp}.tar")
        try:
            summary = backups.create(target)
        except backups.BackupError as failure:
            raise CommandError(str(failure)) from failure
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(path)s: the %(database)s database and "
                    "%(files)d files (%(bytes)d bytes)."
                )
                % {
                    "path": target,
                    "database": summary.database,
                    "files": summary.files,
                    "bytes": summary.bytes,
                }
            )
        )

"""Put a backup written by backup_site back: the database and the uploaded files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal import backups


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with those of a backup written "
        "by backup_site. The archive is checked whole before anything changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the archive written by backup_site")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="replace the current database without asking",
        )

    def handle(self, *args, archive, yes=False, **options):
        if not yes:
            raise CommandError(
                _(
                    "Restoring replaces the whole database and its files: run it again "
                    "with --yes to go ahead."
                )
            )
        try:
            summary = backups.restore(Path(archive))
        except backups.BackupError as failure:
            raise CommandError(str(failure)) from failure
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored the %(database)s database and %(files)d files "
                    "(%(bytes)d bytes) from %(path)s."
                )
                % {
                    "path": archive,
                    "database": summary.database,
                    "files": summary.files,
                    "bytes": summary.bytes,
                }
            )
        )

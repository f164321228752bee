"""What import_duties and import_catalogue share."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from wagtail.models import Locale

from notices.lists.importing import import_list


class ListImportCommand(BaseCommand):
    page_model = None
    can_publish = False

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="An XLSX workbook.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row, write nothing."
        )
        parser.add_argument(
            "--list-language",
            default=settings.LANGUAGE_CODE,
            help="Which language's list to import into (default: the default one).",
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            help="Language of the messages (default: the site's default language).",
        )
        parser.add_argument("--user", help="Username the new revision is saved as.")
        if self.can_publish:
            parser.add_argument(
                "--publish", action="store_true", help="Publish the list at once."
            )
        else:
            parser.add_argument(
                "--submit",
                action="store_true",
                help="Submit the new draft to its legal review.",
            )

    def handle(self, *args, file, dry_run, list_language, language, user, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file")
        locale = Locale.objects.filter(language_code=list_language).first()
        page = self.page_model.objects.filter(locale=locale).first()
        if page is None:
            raise CommandError(
                f"No {self.page_model._meta.verbose_name} in {list_language}: "
                "create the page in the admin first."
            )
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"No user named {user}")
        with translation.override(language):
            result = import_list(
                page,
                file.read_bytes(),
                dry_run=dry_run,
                user=account,
                publish=options.get("publish", False),
                submit=options.get("submit", False),
            )
            for column in result.ignored_columns:
                self.stderr.write(f"ignored column: {column}")
            for error in result.errors:
                self.stderr.write(str(error))
            if result.errors:
                raise CommandError(result.summary())
            self.stdout.write(result.summary())

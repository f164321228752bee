"""Compute the community stations' ranking of a month (the last full month unless
--month is given). A month already computed is left as it was unless --again."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from participation.rankings.computing import compute_month, previous_month
from participation.rankings.views import parse_month


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM; a month that is over")
        parser.add_argument(
            "--again", action="store_true", help="compute a kept month again"
        )

    def handle(self, *args, month=None, again=False, **options):
        last_full = previous_month(timezone.localdate())
        if month is None:
            wanted = last_full
        else:
            wanted = parse_month(month)
            if wanted is None:
                raise CommandError("--month must be YYYY-MM, e.g. 2026-11.")
            if wanted > last_full:
                raise CommandError(f"{month} is not over yet.")
        ranking = compute_month(wanted, again=again)
        ranked = ranking.rows.exclude(rank=None).count()
        self.stdout.write(
            f"{ranking.month:%Y-%m}: {ranking.rows.count()} stations, {ranked} ranked."
        )

"""Pre-fill a year's public holidays and make-up working days (调休) from the
chinese-calendar package, for editors to check in the admin (Settings → holidays and
make-up working days):

    manage.py prefill_holidays 2027            # shows what it would add
    manage.py prefill_holidays 2027 --apply    # adds it

Only weekday holidays are added (weekends are days off anyway) and make-up days; a
date already entered is never changed: what editors entered wins. The package knows a
year once the State Council has published it (usually in November before).
"""

import datetime as dt

import chinese_calendar
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.models import DayKind, Holiday

CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


def calendar_of(year: int) -> list[tuple[dt.date, str, str]]:
    """(date, kind, name) the package lists for `year`, in date order."""
    days = []
    for day, name in chinese_calendar.holidays.items():
        if day.year == year and day.weekday() < 5:
            days.append((day, DayKind.HOLIDAY, CHINESE_NAMES.get(name, name)))
    for day, name in chinese_calendar.workdays.items():
        if day.year == year and day.weekday() >= 5:
            days.append((day, DayKind.WORKDAY, f"{CHINESE_NAMES.get(name, name)}调休"))
    return sorted(days)


class Command(BaseCommand):
    help = "Pre-fill a year's holidays and make-up working days from chinese-calendar."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--apply", action="store_true", help="Add them.")

    def handle(self, *args, year: int, apply: bool = False, **options):
        days = calendar_of(year)
        if not days:
            raise CommandError(
                f"chinese-calendar knows no holidays for {year} yet: enter them by "
                "hand, or update the package once they are published."
            )
        entered = set(
            Holiday.objects.filter(date__year=year).values_list("date", flat=True)
        )
        new = [entry for entry in days if entry[0] not in entered]
        for day, kind, name in days:
            state = "kept as entered" if day in entered else "new"
            self.stdout.write(f"{day:%Y-%m-%d} {kind} {name} ({state})")
        if not apply:
            self.stdout.write(f"{len(new)} to add; run again with --apply to add them.")
            return
        with transaction.atomic():
            for day, kind, name in new:
                Holiday.objects.create(date=day, kind=kind, name=name)
        self.stdout.write(f"Added {len(new)}. Check them in the admin.")

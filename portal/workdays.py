"""The working-day calendar: Monday to Friday, minus the public holidays editors
enter, plus the weekend days worked to make up for them (调休).

Deadlines counted in working days (a report's promised completion, for example) use
`add_working_days`. The calendar of a year is a remembered lookup (portal/lookups.py):
read once and kept in the shared cache until content changes, a holiday saved or
deleted included (portal/cache.py moves the content generation on).
"""

from datetime import date, timedelta

from portal.cache import content_changed
from portal.lookups import remembered


def forget_calendar() -> None:
    """Called whenever a holiday changes: every year is read again once the change
    commits (the holiday's own save moves the generation too; this also covers
    writes that send no signal)."""
    content_changed()


def year_calendar(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(holidays, make-up working days) of one year."""
    return remembered("workdays", lambda: _read_year(year), year)


def _read_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    from portal.models import DayKind, Holiday

    holidays, workdays = set(), set()
    for day, kind in Holiday.objects.filter(date__year=year).values_list(
        "date", "kind"
    ):
        (workdays if kind == DayKind.WORKDAY else holidays).add(day)
    return frozenset(holidays), frozenset(workdays)


def is_working_day(day: date) -> bool:
    """A make-up day is worked even on a weekend; a holiday is not, even on a
    weekday; otherwise Monday to Friday."""
    holidays, workdays = year_calendar(day.year)
    if day in workdays:
        return True
    if day in holidays:
        return False
    return day.weekday() < 5


def add_working_days(start: date, n: int) -> date:
    """The Nth working day after `start` (start itself does not count).

    n = 0 gives `start` if it is a working day, else the next working day.
    """
    day = start
    if n <= 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    left = n
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def next_working_day(day: date) -> date:
    return add_working_days(day, 0)

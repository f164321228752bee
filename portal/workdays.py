"""The working-day calendar: Monday to Friday, minus the public holidays editors
enter, plus the weekend days worked to make up for them (调休).

Deadlines counted in working days (a report's promised completion, for example) use
`add_working_days`. The calendar of a year is read once and kept in the cache until a
holiday is saved or deleted.
"""

from datetime import date, timedelta

from django.core.cache import cache

CACHE_VERSION_KEY = "workdays:version"
CACHE_SECONDS = 3600


def _version() -> int:
    version = cache.get(CACHE_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(CACHE_VERSION_KEY, version, None)
    return version


def forget_calendar() -> None:
    """Called whenever a holiday changes: every cached year is read again."""
    try:
        cache.incr(CACHE_VERSION_KEY)
    except ValueError:
        cache.set(CACHE_VERSION_KEY, 2, None)


def year_calendar(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(holidays, make-up working days) of one year."""
    key = f"workdays:{_version()}:{year}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    from portal.models import DayKind, Holiday

    holidays, workdays = set(), set()
    for day, kind in Holiday.objects.filter(date__year=year).values_list(
        "date", "kind"
    ):
        (workdays if kind == DayKind.WORKDAY else holidays).add(day)
    result = (frozenset(holidays), frozenset(workdays))
    cache.set(key, result, CACHE_SECONDS)
    return result


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

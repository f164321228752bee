"""Who is on duty at a station today (今天值班), read from its roster: each staff
member's days in the community (`CommunityStaff.days`) and the station's hours today,
dated exceptions included, on the clock in Shanghai.

Only staff are named, and only as the station page already publishes them (name,
role, public work phone). Someone without days in the roster is not said to be in
on any given day; a roster where nobody has days is no roster at all.
"""

import datetime as dt
from dataclasses import dataclass, field

from notices.stations.hours import (
    STATION_TIME_ZONE,
    WEEKDAY_CHOICES,
    DayHours,
    ServiceHours,
    Shift,
)
from portal.text import listing

WEEKDAY_NAMES = dict(WEEKDAY_CHOICES)


@dataclass
class NextOpening:
    date: dt.date
    opens: dt.time

    @property
    def weekday(self) -> str:
        return str(WEEKDAY_NAMES[self.date.isoweekday()])


@dataclass
class DutyToday:
    """Today at one station: its hours, who is in, and what to say when nobody is."""

    today: DayHours
    people: list[dict] = field(default_factory=list)
    has_roster: bool = False
    next_opening: NextOpening | None = None

    @property
    def is_open_day(self) -> bool:
        return bool(self.today.shifts)

    @property
    def weekday(self) -> str:
        return str(WEEKDAY_NAMES[self.today.date.isoweekday()])

    @property
    def shifts(self) -> list[Shift]:
        return self.today.shifts

    @property
    def shifts_text(self) -> str:
        """Today's hours as read aloud: "08:30–12:00、14:00–17:30" in Chinese."""
        return listing(f"{opens:%H:%M}–{closes:%H:%M}" for opens, closes in self.shifts)


def next_opening(office_hours, exceptions, after: dt.date) -> NextOpening | None:
    """The first day after `after` the station opens, and when (by the same rule as
    the reply deadlines: public holidays close it, make-up working days open it)."""
    start = dt.datetime.combine(
        after + dt.timedelta(days=1), dt.time(), STATION_TIME_ZONE
    )
    found = ServiceHours(office_hours, exceptions).next_open(start)
    if found is None:
        return None
    local = found.astimezone(STATION_TIME_ZONE)
    return NextOpening(date=local.date(), opens=local.time().replace(tzinfo=None))


def duty_today(page, staff: list[dict], today: DayHours) -> DutyToday:
    """Who of `staff` (`CommunityPage.staff_on_duty()`) is on duty on `today`, the
    station's hours that day (`opening_status(...).today`, so the page's open/closed
    line and this block never disagree)."""
    weekday = today.date.isoweekday()
    rostered = [entry for entry in staff if entry.get("days")]
    result = DutyToday(today=today, has_roster=bool(rostered))
    if result.is_open_day:
        result.people = [entry for entry in rostered if weekday in entry["days"]]
    else:
        result.next_opening = next_opening(
            page.office_hours, page.hours_exceptions, today.date
        )
    return result

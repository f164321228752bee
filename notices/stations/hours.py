"""Office hours of a community station: weekly shifts (split shifts allowed), dated
exceptions (holidays, closures), and today's open/closed status in China's time zone."""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from portal import workdays
from portal.text import listing

STATION_TIME_ZONE = ZoneInfo("Asia/Shanghai")

# ISO weekdays: 1 = Monday … 7 = Sunday (Django's WEEKDAYS counts from 0 = Monday).
WEEKDAY_CHOICES = [(number + 1, label) for number, label in WEEKDAYS.items()]
WEEKDAY_ABBR = {number + 1: label for number, label in WEEKDAYS_ABBR.items()}


class ShiftBlock(blocks.StructBlock):
    """Opening hours on the chosen weekdays; add two for a split shift."""

    days = blocks.MultipleChoiceBlock(
        choices=[(str(number), label) for number, label in WEEKDAY_CHOICES],
        label=_("Weekdays"),
    )
    opens = blocks.TimeBlock(label=_("Opens"))
    closes = blocks.TimeBlock(label=_("Closes"))

    def clean(self, value):
        value = super().clean(value)
        if value["opens"] >= value["closes"]:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "closes": ValidationError(_("Closing time must be after opening."))
                }
            )
        return value

    class Meta:
        icon = "time"
        label = _("Shift")
        form_classname = "struct-block shift-block"
        preview_value = {
            "days": ["1", "2", "3", "4", "5"],
            "opens": "08:30",
            "closes": "12:00",
        }


class HoursExceptionBlock(blocks.StructBlock):
    """A dated change to the weekly hours: closed, or open at other times."""

    start_date = blocks.DateBlock(label=_("From"))
    end_date = blocks.DateBlock(
        required=False, label=_("Until"), help_text=_("Leave empty for one day.")
    )
    closed = blocks.BooleanBlock(required=False, default=True, label=_("Closed"))
    opens = blocks.TimeBlock(required=False, label=_("Opens"))
    closes = blocks.TimeBlock(required=False, label=_("Closes"))
    note = blocks.CharBlock(
        required=False, max_length=60, label=_("Note"), help_text=_("e.g. holiday")
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("end_date") and value["end_date"] < value["start_date"]:
            errors["end_date"] = ValidationError(_("The end date is before the start."))
        if not value.get("closed"):
            if not value.get("opens") or not value.get("closes"):
                errors["opens"] = ValidationError(
                    _("Give the opening hours, or tick 'Closed'.")
                )
            elif value["opens"] >= value["closes"]:
                errors["closes"] = ValidationError(
                    _("Closing time must be after opening.")
                )
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "date"
        label = _("Exception")
        preview_value = {"start_date": "2026-10-01", "closed": True, "note": "国庆节"}


Shift = tuple[dt.time, dt.time]


@dataclass
class DayHours:
    """The hours of one date after exceptions; `note` explains an exception."""

    date: dt.date
    shifts: list[Shift] = field(default_factory=list)
    note: str = ""
    is_exception: bool = False


@dataclass
class OpeningStatus:
    """Whether a station is open at a moment, and how the rest of its day looks."""

    is_open: bool
    today: DayHours
    closes_at: dt.time | None = None
    opens_at: dt.time | None = None

    @property
    def closed_all_day(self) -> bool:
        return not self.today.shifts


def weekly_shifts(office_hours) -> dict[int, list[Shift]]:
    """ISO weekday → sorted shifts, from the StreamField's shift blocks."""
    week: dict[int, list[Shift]] = {day: [] for day in range(1, 8)}
    for block in office_hours or []:
        value = block.value
        for day in value.get("days") or []:
            week[int(day)].append((value["opens"], value["closes"]))
    return {day: sorted(shifts) for day, shifts in week.items()}


def hours_on(office_hours, exceptions, date: dt.date) -> DayHours:
    """The hours on one date: a dated exception wins over the weekly pattern."""
    for block in exceptions or []:
        value = block.value
        start = value["start_date"]
        end = value.get("end_date") or start
        if start <= date <= end:
            shifts = []
            if not value.get("closed") and value.get("opens") and value.get("closes"):
                shifts = [(value["opens"], value["closes"])]
            return DayHours(
                date=date,
                shifts=shifts,
                note=value.get("note") or "",
                is_exception=True,
            )
    return DayHours(date=date, shifts=weekly_shifts(office_hours)[date.isoweekday()])


def upcoming_exceptions(exceptions, today: dt.date) -> list[dict]:
    """Dated exceptions that have not ended by `today`, soonest first."""
    upcoming = [
        block.value
        for block in exceptions or []
        if (block.value.get("end_date") or block.value["start_date"]) >= today
    ]
    return sorted(upcoming, key=lambda value: value["start_date"])


def opening_status(office_hours, exceptions, now: dt.datetime) -> OpeningStatus:
    """Open or closed at `now` (any time zone), judged by the clock in Shanghai."""
    local = now.astimezone(STATION_TIME_ZONE)
    today = hours_on(office_hours, exceptions, local.date())
    moment = local.time().replace(tzinfo=None)
    for opens, closes in today.shifts:
        if opens <= moment < closes:
            return OpeningStatus(is_open=True, today=today, closes_at=closes)
    later = [opens for opens, _closes in today.shifts if opens > moment]
    return OpeningStatus(
        is_open=False, today=today, opens_at=min(later) if later else None
    )


def seconds_until_change(office_hours, exceptions, now: dt.datetime) -> float:
    """Seconds until the open/closed status next changes today (opening, closing or
    midnight in Shanghai): how long a page showing the status stays right."""
    local = now.astimezone(STATION_TIME_ZONE)
    moment = local.time().replace(tzinfo=None)
    today = hours_on(office_hours, exceptions, local.date())
    boundaries = [t for shift in today.shifts for t in shift if t > moment]
    if boundaries:
        target = dt.datetime.combine(local.date(), min(boundaries), STATION_TIME_ZONE)
    else:
        target = dt.datetime.combine(
            local.date() + dt.timedelta(days=1), dt.time(0), STATION_TIME_ZONE
        )
    return (target - local).total_seconds()


def day_range_label(days: list[int]) -> str:
    """'Mon–Fri', 'Sat', 'Mon, Wed' from ISO weekdays, in the active language."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{WEEKDAY_ABBR[run[0]]}–{WEEKDAY_ABBR[run[-1]]}")
        else:
            parts.extend(str(WEEKDAY_ABBR[day]) for day in run)
    return listing(parts)


def weekly_summary(office_hours) -> list[tuple[str, list[Shift]]]:
    """Weekdays grouped by identical hours, e.g. [('Mon–Fri', [(8:30, 12:00), …])].

    Days without hours are grouped too, with an empty list of shifts (closed).
    """
    week = weekly_shifts(office_hours)
    groups: dict[tuple, list[int]] = {}
    for day in range(1, 8):
        groups.setdefault(tuple(week[day]), []).append(day)
    ordered = sorted(groups.items(), key=lambda item: item[1][0])
    return [(day_range_label(days), list(shifts)) for shifts, days in ordered]


def format_shift(shift: Shift) -> str:
    return f"{shift[0]:%H:%M}–{shift[1]:%H:%M}"


# Service hours for deadlines: how long a promise in minutes or hours takes to run.

SEARCH_DAYS = 60


@dataclass(frozen=True)
class ServiceHours:
    """A station's service hours as the deadline rule reads them (response promises
    count only while the station is open).

    A dated exception of the station wins; otherwise a public holiday entered in the
    working-day calendar closes it, a make-up working day (调休) on a weekend opens it
    with its ordinary weekday hours, and any other day follows the weekly shifts.
    """

    office_hours: object
    exceptions: object

    def shifts_on(self, date: dt.date) -> list[Shift]:
        day = hours_on(self.office_hours, self.exceptions, date)
        if day.is_exception:
            return day.shifts
        holidays, make_up_days = workdays.year_calendar(date.year)
        if date in holidays:
            return []
        if date in make_up_days and not day.shifts:
            return self.weekday_shifts()
        return day.shifts

    def weekday_shifts(self) -> list[Shift]:
        """The hours of the first weekday (Monday to Friday) that has any."""
        week = weekly_shifts(self.office_hours)
        return next((week[day] for day in range(1, 6) if week[day]), [])

    @property
    def is_empty(self) -> bool:
        return not any(weekly_shifts(self.office_hours).values())

    def open_periods(self, start: dt.datetime):
        """(opens, closes) moments from `start` on, in Shanghai time, for up to
        SEARCH_DAYS days; a period already begun starts at `start`."""
        local = start.astimezone(STATION_TIME_ZONE)
        for offset in range(SEARCH_DAYS):
            date = local.date() + dt.timedelta(days=offset)
            for opens, closes in sorted(self.shifts_on(date)):
                begin = dt.datetime.combine(date, opens, STATION_TIME_ZONE)
                end = dt.datetime.combine(date, closes, STATION_TIME_ZONE)
                if end <= local:
                    continue
                yield max(begin, local), end

    def next_open(self, start: dt.datetime) -> dt.datetime | None:
        """`start` itself if the station is open then, else its next opening; None
        when it opens on none of the next SEARCH_DAYS days."""
        if self.is_empty:
            return None
        return next((begin for begin, _end in self.open_periods(start)), None)

    def add_open_time(
        self, start: dt.datetime, duration: dt.timedelta
    ) -> dt.datetime | None:
        """The moment `duration` of opening hours has run from `start`: the clock
        stops while the station is closed. None when the station has no hours."""
        if self.is_empty:
            return None
        left = duration
        for begin, end in self.open_periods(start):
            if left <= end - begin:
                return begin + left
            left -= end - begin
        return None

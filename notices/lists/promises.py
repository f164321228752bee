"""How a duty is handled and how fast: the handling class (立即办 / 协调办 /
上报办) and the promised times that set a report's deadlines, in working days where
it says so."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal import workdays

if TYPE_CHECKING:
    from notices.stations.hours import ServiceHours


class HandlingClass(models.TextChoices):
    """How the station handles an item: itself at once, with others, or upwards."""

    IMMEDIATE = "immediate", _("Handle at once")
    COORDINATE = "coordinate", _("Coordinate with others")
    ESCALATE = "escalate", _("Escalate")


# What each handling class means for a resident, in one plain line (the duty list
# explains them above its filter).
HANDLING_EXPLANATIONS = {
    HandlingClass.IMMEDIATE: _(
        "The station's own staff deal with it themselves, usually on the spot or "
        "the same day."
    ),
    HandlingClass.COORDINATE: _(
        "The station handles it together with the property manager, the residents' "
        "committee or another department, and brings them together."
    ),
    HandlingClass.ESCALATE: _(
        "It is more than the station may decide: it goes to the district urban "
        "management bureau or the department in charge, and the station follows it "
        "up and tells you how it stands."
    ),
}


class TimeUnit(models.TextChoices):
    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    WORKING_DAYS = "working_days", _("working days")
    SAME_DAY = "same_day", _("the same day")


def end_of_day(day: date) -> datetime:
    """The last instant of a local day: a deadline "that day" is met up to midnight."""
    return datetime.combine(day, time.max, timezone.get_current_timezone())


@dataclass(frozen=True)
class PromisedTime:
    """A promise: "within 30 minutes", "the same day", "within 3 working days"."""

    amount: int | None
    unit: str

    def deadline(
        self, start: datetime, hours: "ServiceHours | None" = None
    ) -> datetime:
        """When the promise falls due for something received at `start`: the one
        deadline rule, used by the duty list and by every report.

        Minutes and hours run while the station is open when its service `hours` are
        given (received while it is closed, the clock starts at its next opening),
        around the clock otherwise; "the same day" ends at local midnight of the day
        the clock starts; N working days end at the close of the Nth working day after
        `start`'s local date, on the calendar of `portal.workdays` (holidays skipped,
        make-up days worked).
        """
        local_start = timezone.localtime(start)
        amount = self.amount or 0
        if self.unit in (TimeUnit.MINUTES, TimeUnit.HOURS):
            if self.unit == TimeUnit.MINUTES:
                duration = timedelta(minutes=amount)
            else:
                duration = timedelta(hours=amount)
            counted = hours.add_open_time(start, duration) if hours else None
            return timezone.localtime(counted) if counted else local_start + duration
        if self.unit == TimeUnit.SAME_DAY:
            return end_of_day(timezone.localtime(self.clock_start(start, hours)).date())
        return end_of_day(workdays.add_working_days(local_start.date(), amount))

    def clock_start(
        self, start: datetime, hours: "ServiceHours | None" = None
    ) -> datetime:
        """When the clock of a promise in minutes, hours or "the same day" starts:
        `start`, or the station's next opening when it is closed then."""
        opening = hours.next_open(start) if hours else None
        return opening or start

    @property
    def counts_service_hours(self) -> bool:
        return self.unit in (TimeUnit.MINUTES, TimeUnit.HOURS, TimeUnit.SAME_DAY)

    def __str__(self) -> str:
        n = self.amount or 0
        if self.unit == TimeUnit.MINUTES:
            text = ngettext("within %(n)d minute", "within %(n)d minutes", n)
        elif self.unit == TimeUnit.HOURS:
            text = ngettext("within %(n)d hour", "within %(n)d hours", n)
        elif self.unit == TimeUnit.WORKING_DAYS:
            text = ngettext("within %(n)d working day", "within %(n)d working days", n)
        else:
            return gettext("the same day")
        return text % {"n": n}


def promised(amount: int | None, unit: str) -> PromisedTime | None:
    return PromisedTime(amount, unit) if unit else None


class PromiseFields(models.Model):
    """Handling class and promised response and completion times."""

    handling_class = models.CharField(
        _("handling class"), max_length=20, choices=HandlingClass.choices
    )
    response_amount = models.PositiveIntegerField(
        _("respond within"), null=True, blank=True
    )
    response_unit = models.CharField(
        _("response time unit"),
        max_length=20,
        choices=TimeUnit.choices,
        blank=True,
        help_text=_("Leave empty when no response time is promised."),
    )
    completion_amount = models.PositiveIntegerField(
        _("complete within"), null=True, blank=True
    )
    completion_unit = models.CharField(
        _("completion time unit"),
        max_length=20,
        choices=TimeUnit.choices,
        blank=True,
        help_text=_(
            "For complex matters, the time within which residents get a progress "
            "report."
        ),
    )

    class Meta:
        abstract = True

    @property
    def promised_response(self) -> PromisedTime | None:
        return promised(self.response_amount, self.response_unit)

    @property
    def promised_completion(self) -> PromisedTime | None:
        return promised(self.completion_amount, self.completion_unit)

"""A volunteer's service log and points (积分): hours served, points earned, and
points exchanged for rewards such as a property-fee discount, never below zero."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation.volunteers.models import (
    Redemption,
    ServiceEntry,
    SignUpStatus,
    VolunteerSignUp,
)
from participation.volunteers.signups import VolunteerError

MAX_HOURS_PER_ENTRY = Decimal("24")


def _require_approved(signup: VolunteerSignUp) -> None:
    if signup.status != SignUpStatus.APPROVED:
        raise VolunteerError(
            "not-approved",
            _("Only approved volunteers have a service log."),
        )


@transaction.atomic
def log_service(
    signup: VolunteerSignUp,
    *,
    activity: str,
    day: date,
    hours: Decimal | float | str,
    points: int = 0,
    by=None,
    today: date | None = None,
) -> ServiceEntry:
    """Record a piece of service: activity, date, hours (0.5 steps) and points."""
    current = VolunteerSignUp.objects.select_for_update().get(pk=signup.pk)
    _require_approved(current)
    hours = Decimal(str(hours))
    today = today or timezone.localdate()
    if not activity or not activity.strip():
        raise VolunteerError("activity", _("Say what the service was."), "activity")
    if not Decimal("0") < hours <= MAX_HOURS_PER_ENTRY or hours % Decimal("0.5"):
        raise VolunteerError(
            "hours",
            _("Hours must be more than 0 and at most 24, in half hours."),
            "hours",
        )
    if points < 0:
        raise VolunteerError("points", _("Points cannot be negative."), "points")
    if day > today:
        raise VolunteerError(
            "future", _("Service cannot be logged for a future date."), "date"
        )
    return ServiceEntry.objects.create(
        signup=current,
        activity=activity.strip(),
        date=day,
        hours=hours,
        points=points,
        recorded_by=by,
    )


def totals(signup: VolunteerSignUp) -> dict:
    """Hours served, points earned, points redeemed and the balance."""
    served = signup.service_entries.aggregate(hours=Sum("hours"), points=Sum("points"))
    redeemed = signup.redemptions.aggregate(points=Sum("points"))["points"] or 0
    earned = served["points"] or 0
    return {
        "hours": tenths(served["hours"]),
        "earned": earned,
        "redeemed": redeemed,
        "balance": earned - redeemed,
    }


def tenths(hours) -> Decimal:
    """Hours as stored (one decimal), the same on SQLite and PostgreSQL."""
    return Decimal(str(hours or 0)).quantize(Decimal("0.1"))


def balance(signup: VolunteerSignUp) -> int:
    return totals(signup)["balance"]


@transaction.atomic
def redeem(
    signup: VolunteerSignUp,
    *,
    points: int,
    reward: str,
    day: date | None = None,
    by=None,
) -> Redemption:
    """Exchange points, e.g. for a property-fee discount; never below zero."""
    current = VolunteerSignUp.objects.select_for_update().get(pk=signup.pk)
    if current.status not in (SignUpStatus.APPROVED, SignUpStatus.WITHDRAWN):
        raise VolunteerError(
            "not-approved", _("Only volunteers who served can redeem points.")
        )
    if points <= 0:
        raise VolunteerError("points", _("Redeem at least one point."), "points")
    if not reward or not reward.strip():
        raise VolunteerError(
            "reward", _("Say what the points are exchanged for."), "reward"
        )
    available = balance(current)
    if points > available:
        raise VolunteerError(
            "balance",
            _("Only %(balance)d points are available.") % {"balance": available},
            "points",
        )
    return Redemption.objects.create(
        signup=current,
        points=points,
        reward=reward.strip(),
        date=day or timezone.localdate(),
        recorded_by=by,
    )

"""The rules of volunteering: sign up, approve or decline, log service, earn and
redeem points, the honour roll.

Teams and communities are always stored in the default language (the "source"), so
both languages share one set of places and one roster. One mobile number holds at
most one active (pending or approved) sign-up per team; the database enforces it too.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from notices.models import CommunityPage
from participation import submissions
from participation.models.volunteers import (
    ACTIVE_SIGNUP_STATUSES,
    AgeBracket,
    Redemption,
    ServiceEntry,
    SignUpStatus,
    TimeSlot,
    VolunteerSignUp,
    VolunteerTeam,
)
from participation.submissions import (
    RETENTION_DAYS,
    SubmissionError,
    hash_token,
    mask_name,
    new_token,
    normalise_mobile,
    private_link,
    renew_token,
    unused_reference,
)
from portal import audit

MAX_HOURS_PER_ENTRY = Decimal("24")


class VolunteerError(SubmissionError):
    """A sign-up or change that cannot be made, with a message for the person."""


@dataclass
class SignUpOutcome:
    signup: VolunteerSignUp
    token: str


# Helpers


def source_of(instance):
    """A page or snippet in the default language (itself if it already is)."""
    default = Locale.get_default()
    if instance.locale_id == default.pk:
        return instance
    model = type(instance)
    found = model.objects.filter(
        translation_key=instance.translation_key, locale=default
    ).first()
    return found or instance


def localized_teams(teams: list[VolunteerTeam]) -> dict[int, VolunteerTeam]:
    """Each team in the active language where translated, keyed by the source pk."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    result = {team.pk: team for team in teams}
    keys = {team.translation_key: team.pk for team in teams}
    for team in VolunteerTeam.objects.filter(
        translation_key__in=keys, locale__language_code=language
    ):
        result[keys[team.translation_key]] = team
    return result


def localized_communities(pks) -> dict[int, Page]:
    """Community titles in the active language, keyed by the source page's pk."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    sources = list(CommunityPage.objects.filter(pk__in=set(pks)))
    result = {page.pk: page for page in sources}
    keys = {page.translation_key: page.pk for page in sources}
    for page in CommunityPage.objects.filter(
        translation_key__in=keys, locale__language_code=language
    ).live():
        result[keys[page.translation_key]] = page
    return result


# Teams


def recruiting_teams() -> QuerySet:
    """Teams in the default language that take sign-ups."""
    return VolunteerTeam.objects.filter(
        locale=Locale.get_default(), recruiting=True
    ).select_related("community")


def teams_for_community(community: CommunityPage) -> QuerySet:
    """Citywide teams and the community's own, in the default language."""
    return VolunteerTeam.objects.filter(
        Q(community__isnull=True) | Q(community=community),
        locale=Locale.get_default(),
    )


def places_taken(teams) -> dict[int, int]:
    """Approved volunteers per team (source pk)."""
    rows = (
        VolunteerSignUp.objects.filter(team__in=teams, status=SignUpStatus.APPROVED)
        .values("team")
        .annotate(total=Count("pk"))
    )
    return {row["team"]: row["total"] for row in rows}


def public_teams() -> list[dict]:
    """Every team, for the public teams page: numbers only, no people."""
    teams = list(
        VolunteerTeam.objects.filter(locale=Locale.get_default()).order_by(
            "sort_order", "name"
        )
    )
    taken = places_taken(teams)
    translated = localized_teams(teams)
    communities = localized_communities(
        team.community_id for team in teams if team.community_id
    )
    result = []
    for team in teams:
        left = max(team.places - taken.get(team.pk, 0), 0)
        result.append(
            {
                "team": translated[team.pk],
                "source_pk": team.pk,
                "community": communities.get(team.community_id),
                "places": team.places,
                "taken": taken.get(team.pk, 0),
                "left": left,
                "recruiting": team.recruiting and left > 0,
            }
        )
    return result


# Signing up


@transaction.atomic
def sign_up(
    *,
    team: VolunteerTeam,
    community: CommunityPage,
    name: str,
    phone: str,
    age_bracket: str,
    days: list[int],
    time_slots: list[str],
    skills: str = "",
    email: str = "",
    guardian_name: str = "",
    guardian_consent: bool = False,
    honour_roll: bool = False,
    language: str | None = None,
    submission_key: str = "",
    now: datetime | None = None,
) -> SignUpOutcome:
    """Store a sign-up waiting for staff approval, or raise VolunteerError.

    Nothing is stored when any rule fails. A second submit of the same form (same
    `submission_key` and phone) returns the first sign-up with a fresh status link.
    """
    now = now or timezone.now()
    phone = normalise_mobile(phone, VolunteerError)
    if submission_key:
        earlier = VolunteerSignUp.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            if earlier.phone != phone:
                raise VolunteerError(
                    "stale-form",
                    _(
                        "This form was already used. Please open the sign-up "
                        "page again."
                    ),
                )
            return SignUpOutcome(earlier, renew_token(earlier))
    team = VolunteerTeam.objects.select_for_update().get(pk=source_of(team).pk)
    community = source_of(community)
    name = (name or "").strip()
    if not name:
        raise VolunteerError("name", _("Please enter your name."), "name")
    if not team.recruiting:
        raise VolunteerError(
            "not-recruiting",
            _("This team is not taking new volunteers at the moment."),
            "team",
        )
    if team.community_id and team.community_id != community.pk:
        raise VolunteerError(
            "wrong-community",
            _("This team serves another community. Choose a team for yours."),
            "team",
        )
    if age_bracket not in AgeBracket.values:
        raise VolunteerError("age", _("Choose your age bracket."), "age_bracket")
    minor = age_bracket == AgeBracket.UNDER_18
    if minor and (not guardian_consent or not guardian_name.strip()):
        raise VolunteerError(
            "guardian",
            _(
                "Volunteers under 18 need a parent or guardian's consent: enter "
                "their name and tick the box to confirm they agree."
            ),
            "guardian_consent",
        )
    valid_days = {day for day in days if isinstance(day, int) and 1 <= day <= 7}
    valid_slots = {slot for slot in time_slots if slot in TimeSlot.values}
    if not valid_days or not valid_slots:
        raise VolunteerError(
            "availability",
            _("Tick at least one day and one time of day when you can help."),
            "days" if not valid_days else "time_slots",
        )
    if VolunteerSignUp.objects.filter(
        team=team, phone=phone, status__in=ACTIVE_SIGNUP_STATUSES
    ).exists():
        raise VolunteerError(
            "duplicate",
            _(
                "This mobile number has already signed up for this team. Use the "
                "status link from your confirmation to follow it."
            ),
            "phone",
        )
    if places_taken([team]).get(team.pk, 0) >= team.places:
        raise VolunteerError(
            "full",
            _("This team has no places left. Please choose another team."),
            "team",
        )
    token = new_token()
    signup = VolunteerSignUp(
        team=team,
        community=community,
        reference=unused_reference(VolunteerSignUp, prefix="V"),
        token_hash=hash_token(token),
        submission_key=submission_key or None,
        name=name,
        phone=phone,
        email=(email or "").strip(),
        days=sorted(valid_days),
        time_slots=[slot for slot in TimeSlot.values if slot in valid_slots],
        skills=(skills or "").strip(),
        age_bracket=age_bracket,
        guardian_name=guardian_name.strip() if minor else "",
        guardian_consented_at=now if minor else None,
        honour_roll=honour_roll,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        consented_at=now,
    )
    try:
        with transaction.atomic():
            signup.save()
    except IntegrityError as error:
        # Two submits racing past the check: the unique constraint keeps one.
        raise VolunteerError(
            "duplicate",
            _("This mobile number has already signed up for this team."),
            "phone",
        ) from error
    return SignUpOutcome(signup, token)


def find_by_token(token: str) -> VolunteerSignUp | None:
    """The sign-up a status link opens, or None for a forged or unknown link."""
    return submissions.find_by_token(
        VolunteerSignUp.objects.select_related("team", "community"), token
    )


def status_url(token: str, language: str) -> str:
    """The absolute private status link, in the volunteer's language."""
    return private_link("participation:volunteer_status", token, language)


def withdraw(signup: VolunteerSignUp, now: datetime | None = None) -> VolunteerSignUp:
    """The volunteer leaves the team; withdrawing twice changes nothing."""
    now = now or timezone.now()
    VolunteerSignUp.objects.filter(
        pk=signup.pk, status__in=ACTIVE_SIGNUP_STATUSES
    ).update(status=SignUpStatus.WITHDRAWN, withdrawn_at=now)
    signup.refresh_from_db()
    return signup


# Staff decisions


def _notify(task_name: str, signup: VolunteerSignUp) -> None:
    """Tell the volunteer by SMS (and email, if they gave one) after commit; the
    status page shows the decision and reason in any case."""
    from participation import volunteer_tasks

    task = getattr(volunteer_tasks, task_name)
    pk = signup.pk
    transaction.on_commit(lambda: task.enqueue(pk))


def _lock_pending(signup: VolunteerSignUp) -> VolunteerSignUp:
    current = VolunteerSignUp.objects.select_for_update().get(pk=signup.pk)
    if current.status != SignUpStatus.PENDING:
        raise VolunteerError(
            "already-decided",
            _("This sign-up was already decided: it is %(status)s.")
            % {"status": current.get_status_display()},
        )
    return current


def _decide(
    current: VolunteerSignUp, action: str, status: str, reason: str, by, now: datetime
) -> VolunteerSignUp:
    """Record a decision on a locked pending sign-up, audit it and tell the person."""
    current.status = status
    current.decision_reason = reason
    current.decided_at = now
    current.decided_by = by
    current.save(
        update_fields=["status", "decision_reason", "decided_at", "decided_by"]
    )
    audit.record(f"volunteer.{action}", current, by=by, detail=f"pending → {status}")
    _notify(f"notify_{status}", current)
    return current


@transaction.atomic
def approve(
    signup: VolunteerSignUp, by=None, reason: str = "", now: datetime | None = None
) -> VolunteerSignUp:
    """Approve a pending sign-up if the team still has a place."""
    now = now or timezone.now()
    team = VolunteerTeam.objects.select_for_update().get(pk=signup.team_id)
    current = _lock_pending(signup)
    if places_taken([team]).get(team.pk, 0) >= team.places:
        raise VolunteerError(
            "full", _("The team has no places left. Raise its places first.")
        )
    reason = (reason or "").strip()
    return _decide(current, "approve", SignUpStatus.APPROVED, reason, by, now)


@transaction.atomic
def decline(
    signup: VolunteerSignUp, reason: str, by=None, now: datetime | None = None
) -> VolunteerSignUp:
    """Decline a pending sign-up; the reason is shown to the volunteer."""
    reason = (reason or "").strip()
    if not reason:
        raise VolunteerError(
            "reason",
            _("Give a reason: the volunteer is told why."),
            "reason",
        )
    current = _lock_pending(signup)
    now = now or timezone.now()
    return _decide(current, "decline", SignUpStatus.DECLINED, reason, by, now)


# Service, points and redemptions


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


# The public honour roll


@dataclass
class HonourRollEntry:
    masked_name: str
    team: VolunteerTeam
    community: Page | None
    hours: Decimal


def honour_roll(community: CommunityPage | None = None, limit: int = 100) -> list:
    """Approved volunteers who opted in and served, most hours first.

    Only a masked name, the team, the community and hours: nothing else leaves here.
    """
    signups = VolunteerSignUp.objects.filter(
        honour_roll=True, status=SignUpStatus.APPROVED
    )
    if community is not None:
        signups = signups.filter(community=source_of(community))
    rows = list(
        signups.annotate(total_hours=Sum("service_entries__hours"))
        .filter(total_hours__gt=0)
        .select_related("team")
        .order_by("-total_hours", "pk")[:limit]
    )
    teams = localized_teams(list({row.team_id: row.team for row in rows}.values()))
    communities = localized_communities(row.community_id for row in rows)
    return [
        HonourRollEntry(
            masked_name=mask_name(row.name),
            team=teams[row.team_id],
            community=communities.get(row.community_id),
            hours=tenths(row.total_hours),
        )
        for row in rows
    ]


# Retention


def erase_expired(now: datetime | None = None) -> int:
    """Erase personal data RETENTION_DAYS after a sign-up was declined or withdrawn.

    The reference, team, community, status, hours and points stay for statistics.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=RETENTION_DAYS)
    expired = VolunteerSignUp.objects.filter(
        Q(status=SignUpStatus.DECLINED, decided_at__lt=cutoff)
        | Q(status=SignUpStatus.WITHDRAWN, withdrawn_at__lt=cutoff)
    ).exclude(phone="")
    return expired.update(
        name="",
        phone="",
        email="",
        skills="",
        guardian_name="",
        honour_roll=False,
    )

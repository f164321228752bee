"""The rules of volunteering: sign up, withdraw, and the staff's decision to approve
or decline; personal data erased once it is no longer needed.

Teams and communities are always stored in the default language (the "source"), so
both languages share one set of places and one roster. One mobile number holds at
most one active (pending or approved) sign-up per team; the database enforces it too.
Service hours and points are in service.py, the honour roll in honour_roll.py.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notices.models import CommunityPage
from participation import submissions
from participation.languages import source_of
from participation.submissions import (
    RETENTION_DAYS,
    SubmissionError,
    hash_token,
    new_token,
    normalise_mobile,
    private_link,
    renew_token,
    save_new,
    submission_language,
    unused_reference,
)
from participation.volunteers import tasks
from participation.volunteers.models import (
    ACTIVE_SIGNUP_STATUSES,
    AgeBracket,
    SignUpStatus,
    TimeSlot,
    VolunteerSignUp,
    VolunteerTeam,
)
from participation.volunteers.teams import places_taken
from portal import audit


class VolunteerError(SubmissionError):
    """A sign-up or change that cannot be made, with a message for the person."""


@dataclass
class SignUpOutcome:
    signup: VolunteerSignUp
    token: str


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
        language=submission_language(language),
        consented_at=now,
    )
    save_new(
        signup,
        VolunteerError(
            "duplicate",
            _("This mobile number has already signed up for this team."),
            "phone",
        ),
    )
    pk, link = signup.pk, status_url(token, signup.language)
    transaction.on_commit(lambda: tasks.confirm_signup.enqueue(pk, link))
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


def _notify(task_name: str, signup: VolunteerSignUp) -> None:
    """Tell the volunteer by SMS (and email, if they gave one) after commit; the
    status page shows the decision and reason in any case."""
    task = getattr(tasks, task_name)
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
    audit.record(
        f"volunteer.{action}",
        current,
        by=by,
        detail=audit.transition(SignUpStatus.PENDING, status),
    )
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

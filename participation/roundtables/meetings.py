"""A roundtable meeting's course (议事圆桌会): planned → agenda open → agenda closed →
held → minutes published, one step at a time; a community's meetings to come and
past. Proposals are in proposals.py, resolutions and their follow-up in
resolutions.py.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notices.models import CommunityPage
from participation.languages import source_of
from participation.roundtables.models import (
    MEETING_STATE_ORDER,
    MeetingState,
    ProposalStatus,
    Roundtable,
)
from participation.submissions import SubmissionError
from portal import audit


class RoundtableError(SubmissionError):
    """A roundtable change that cannot be made, with a message for the person."""


def next_state(meeting: Roundtable) -> str | None:
    position = MEETING_STATE_ORDER.index(meeting.state)
    if position + 1 < len(MEETING_STATE_ORDER):
        return MEETING_STATE_ORDER[position + 1]
    return None


def refuse_before_start(meeting: Roundtable, now: datetime | None = None) -> None:
    """A meeting is held, and its minutes recorded, only once it has begun."""
    if meeting.starts_at > (now or timezone.now()):
        raise RoundtableError(
            "not-yet",
            _("The meeting starts on %(start)s: it cannot be held before then.")
            % {"start": f"{timezone.localtime(meeting.starts_at):%Y-%m-%d %H:%M}"},
        )


def check_advance(current: Roundtable, to_state: str) -> None:
    """The rules of a move, for `advance` and for the screen that offers it: one
    step forward only, held not before the meeting starts and only once every
    proposal is moderated; the minutes go through `publish_minutes`."""
    if to_state != next_state(current):
        raise RoundtableError(
            "state",
            _("A meeting that is “%(state)s” cannot move to that state.")
            % {"state": current.get_state_display()},
        )
    if to_state == MeetingState.MINUTES_PUBLISHED:
        raise RoundtableError("minutes", _("Fill in the minutes to publish them."))
    if to_state == MeetingState.HELD:
        refuse_before_start(current)
    if (
        to_state == MeetingState.HELD
        and current.proposals.filter(status=ProposalStatus.SUBMITTED).exists()
    ):
        raise RoundtableError(
            "unmoderated",
            _(
                "Some proposals have not been moderated yet: accept, merge, defer or "
                "decline each before marking the meeting as held."
            ),
        )


def refusal(meeting: Roundtable) -> str:
    """Why the meeting cannot take its next step now ("" when it can)."""
    upcoming = next_state(meeting)
    if upcoming is None or upcoming == MeetingState.MINUTES_PUBLISHED:
        return ""
    try:
        check_advance(meeting, upcoming)
    except RoundtableError as error:
        return str(error.message)
    return ""


@transaction.atomic
def advance(meeting: Roundtable, to_state: str) -> Roundtable:
    """Move a meeting to the next state, if `check_advance` allows it."""
    current = Roundtable.objects.select_for_update().get(pk=meeting.pk)
    check_advance(current, to_state)
    audit.record(
        "roundtable.state", current, detail=audit.transition(current.state, to_state)
    )
    current.state = to_state
    current.save(update_fields=["state", "updated_at"])
    return current


def upcoming_for(community: CommunityPage, now: datetime | None = None) -> QuerySet:
    """A community's meetings that have not ended, soonest first."""
    now = now or timezone.now()
    return Roundtable.objects.filter(
        community=source_of(community), ends_at__gte=now
    ).order_by("starts_at", "pk")


def past_for(community: CommunityPage, now: datetime | None = None) -> QuerySet:
    now = now or timezone.now()
    return Roundtable.objects.filter(
        community=source_of(community), ends_at__lt=now
    ).order_by("-starts_at", "-pk")


@transaction.atomic
def publish_minutes(
    meeting: Roundtable,
    *,
    summary: str,
    attendance_count: int,
    organisations: str,
    now: datetime | None = None,
) -> Roundtable:
    """Publish the minutes of a held meeting."""
    current = Roundtable.objects.select_for_update().get(pk=meeting.pk)
    if current.state != MeetingState.HELD:
        raise RoundtableError(
            "not-held", _("Minutes can be published once the meeting has been held.")
        )
    refuse_before_start(current, now)
    if not (summary or "").strip():
        raise RoundtableError("summary", _("Write a summary."), "summary")
    if attendance_count is None or attendance_count < 1:
        raise RoundtableError(
            "attendance",
            _("Give the number of people who attended."),
            "attendance_count",
        )
    current.minutes_summary = summary.strip()
    current.attendance_count = attendance_count
    current.participant_organisations = (organisations or "").strip()
    current.minutes_published_at = now or timezone.now()
    audit.record(
        "roundtable.minutes",
        current,
        detail=audit.transition(current.state, MeetingState.MINUTES_PUBLISHED),
    )
    current.state = MeetingState.MINUTES_PUBLISHED
    current.save()
    # The form promises proposers their contact details go once the minutes are out.
    current.proposals.exclude(contact_name="", contact_phone="").update(
        contact_name="", contact_phone="", contact_consented_at=None
    )
    return current

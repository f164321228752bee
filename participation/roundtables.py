"""The rules of roundtables: the meeting's states, agenda proposals and their
moderation, minutes, resolutions and their follow-up.

A meeting moves one step at a time: planned → agenda open → agenda closed → held →
minutes published. Residents propose topics only while the agenda is open. A
proposal stays invisible to the public until a moderator decides: accepted items
appear on the agenda in order with their time; merged, deferred and declined ones
are listed with where they went or why (the reason is public). Contact details a
proposer leaves are for staff only.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from notices.models import CommunityPage
from participation.languages import source_of
from participation.models.roundtables import (
    MEETING_STATE_ORDER,
    AgendaProposal,
    MeetingState,
    ProposalStatus,
    Resolution,
    ResolutionStatus,
    ResolutionUpdate,
    Roundtable,
)
from participation.submissions import (
    SubmissionError,
    normalise_mobile,
    unused_reference,
)
from portal import audit

MAX_ITEM_MINUTES = 240
REPORT_REFERENCE = re.compile(r"^[A-Z0-9\-]{4,20}$")


class RoundtableError(SubmissionError):
    """A roundtable change that cannot be made, with a message for the person."""


# Meetings


def next_state(meeting: Roundtable) -> str | None:
    position = MEETING_STATE_ORDER.index(meeting.state)
    if position + 1 < len(MEETING_STATE_ORDER):
        return MEETING_STATE_ORDER[position + 1]
    return None


@transaction.atomic
def advance(meeting: Roundtable, to_state: str) -> Roundtable:
    """Move a meeting to the next state; skipping or going back is refused.

    Publishing the minutes goes through `publish_minutes`, which checks them.
    """
    current = Roundtable.objects.select_for_update().get(pk=meeting.pk)
    if to_state != next_state(current):
        raise RoundtableError(
            "state",
            _("A meeting that is “%(state)s” cannot move to that state.")
            % {"state": current.get_state_display()},
        )
    if to_state == MeetingState.MINUTES_PUBLISHED:
        raise RoundtableError("minutes", _("Fill in the minutes to publish them."))
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
    audit.record("roundtable.state", current, detail=f"{current.state} → {to_state}")
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


# Proposals


@transaction.atomic
def propose(
    meeting: Roundtable,
    *,
    topic: str,
    description: str,
    contact_name: str = "",
    contact_phone: str = "",
    contact_consent: bool = False,
    language: str | None = None,
    submission_key: str = "",
    now: datetime | None = None,
) -> AgendaProposal:
    """A resident's proposal, stored only while the meeting's agenda is open.

    A second submit of the same form returns the first proposal.
    """
    current = Roundtable.objects.select_for_update().get(pk=meeting.pk)
    if submission_key:
        earlier = AgendaProposal.objects.filter(submission_key=submission_key).first()
        if earlier is not None and earlier.meeting_id in (current.pk, None):
            return earlier
        if earlier is not None:
            raise RoundtableError(
                "stale-form",
                _("This form was already used. Please open the meeting page again."),
            )
    if current.state != MeetingState.AGENDA_OPEN:
        raise RoundtableError(
            "agenda-closed",
            _(
                "The agenda of this meeting is not open for proposals. Propose your "
                "topic for a later meeting."
            ),
        )
    topic, description = (topic or "").strip(), (description or "").strip()
    if not topic:
        raise RoundtableError("topic", _("Give your topic a title."), "topic")
    if not description:
        raise RoundtableError(
            "description", _("Describe the problem or idea."), "description"
        )
    contact_name = (contact_name or "").strip()
    phone = ""
    if contact_phone and contact_phone.strip():
        phone = normalise_mobile(contact_phone, RoundtableError, "contact_phone")
    if (contact_name or phone) and not contact_consent:
        raise RoundtableError(
            "contact-consent",
            _(
                "Tick the box to agree to how we use your contact details, or leave "
                "them out."
            ),
            "contact_consent",
        )
    return AgendaProposal.objects.create(
        meeting=current,
        reference=unused_reference(AgendaProposal, prefix="T"),
        submission_key=submission_key or None,
        topic=topic,
        description=description,
        contact_name=contact_name,
        contact_phone=phone,
        contact_consented_at=(now or timezone.now()) if contact_name or phone else None,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )


def _lock_undecided(proposal: AgendaProposal) -> AgendaProposal:
    current = AgendaProposal.objects.select_for_update().get(pk=proposal.pk)
    if current.status != ProposalStatus.SUBMITTED:
        raise RoundtableError(
            "decided",
            _("This proposal was already moderated: %(status)s.")
            % {"status": current.get_status_display()},
        )
    if current.meeting.state in (MeetingState.HELD, MeetingState.MINUTES_PUBLISHED):
        raise RoundtableError(
            "meeting-held",
            _("The meeting has been held: defer the proposal to a later meeting."),
        )
    return current


def _decided(proposal: AgendaProposal, by, status: str) -> None:
    audit.record(f"agenda.{status}", proposal, by=by, action="moderation")
    proposal.status = status
    proposal.decided_at = timezone.now()
    proposal.decided_by = by


@transaction.atomic
def accept(
    proposal: AgendaProposal,
    *,
    minutes_allotted: int,
    position: int | None = None,
    topic: str | None = None,
    description: str | None = None,
    by=None,
) -> AgendaProposal:
    """Put a proposal on the agenda with its time; at the end unless a position is
    given, in which case the items from there on move down one place.

    The moderator may reword topic and description for publication (e.g. to take out
    anything that identifies a neighbour).
    """
    current = _lock_undecided(proposal)
    if not 1 <= (minutes_allotted or 0) <= MAX_ITEM_MINUTES:
        raise RoundtableError(
            "minutes",
            _("Allot between 1 and %(most)d minutes.") % {"most": MAX_ITEM_MINUTES},
            "minutes_allotted",
        )
    agenda = AgendaProposal.objects.filter(
        meeting=current.meeting, status=ProposalStatus.ACCEPTED
    )
    last = agenda.aggregate(last=Max("position"))["last"] or 0
    if position is None or position > last:
        position = last + 1
    elif position < 1:
        raise RoundtableError("position", _("The order starts at 1."), "position")
    else:
        for item in agenda.filter(position__gte=position).order_by("-position"):
            item.position += 1
            item.save(update_fields=["position"])
    if topic and topic.strip():
        current.topic = topic.strip()
    if description and description.strip():
        current.description = description.strip()
    _decided(current, by, ProposalStatus.ACCEPTED)
    current.position = position
    current.minutes_allotted = minutes_allotted
    current.save()
    return current


@transaction.atomic
def merge(proposal: AgendaProposal, into: AgendaProposal, by=None) -> AgendaProposal:
    """Fold a proposal into another of the same meeting (usually an accepted item)."""
    current = _lock_undecided(proposal)
    if into.pk == current.pk or into.meeting_id != current.meeting_id:
        raise RoundtableError(
            "merge-target",
            _("Choose another proposal of the same meeting to merge with."),
            "into",
        )
    if into.status not in (ProposalStatus.ACCEPTED, ProposalStatus.SUBMITTED):
        raise RoundtableError(
            "merge-target",
            _("Merge only with an item on the agenda or waiting for moderation."),
            "into",
        )
    _decided(current, by, ProposalStatus.MERGED)
    current.merged_into = into
    current.save()
    return current


@transaction.atomic
def defer(proposal: AgendaProposal, to_meeting: Roundtable, by=None) -> AgendaProposal:
    """Move a proposal to a later meeting of the same community, where it waits for
    moderation again."""
    current = AgendaProposal.objects.select_for_update().get(pk=proposal.pk)
    if current.status not in (ProposalStatus.SUBMITTED, ProposalStatus.ACCEPTED):
        raise RoundtableError(
            "decided",
            _("This proposal was already moderated: %(status)s.")
            % {"status": current.get_status_display()},
        )
    origin = current.meeting
    if (
        to_meeting.community_id != origin.community_id
        or to_meeting.starts_at <= origin.starts_at
        or to_meeting.state in (MeetingState.HELD, MeetingState.MINUTES_PUBLISHED)
    ):
        raise RoundtableError(
            "defer-target",
            _("Choose a later meeting of the same community that has not been held."),
            "to_meeting",
        )
    was_position = (
        current.position if current.status == ProposalStatus.ACCEPTED else None
    )
    audit.record("agenda.deferred", current, by=by, action="moderation")
    current.deferred_from = origin
    current.meeting = to_meeting
    current.status = ProposalStatus.SUBMITTED
    current.position = current.minutes_allotted = None
    current.decided_at = timezone.now()
    current.decided_by = by
    current.save()
    if was_position is not None:
        _close_gap(origin, was_position)
    return current


def _close_gap(meeting: Roundtable, position: int) -> None:
    for item in AgendaProposal.objects.filter(
        meeting=meeting, status=ProposalStatus.ACCEPTED, position__gt=position
    ).order_by("position"):
        item.position -= 1
        item.save(update_fields=["position"])


@transaction.atomic
def decline(proposal: AgendaProposal, reason: str, by=None) -> AgendaProposal:
    """Decline with a reason everyone can read."""
    reason = (reason or "").strip()
    if not reason:
        raise RoundtableError(
            "reason", _("Give a public reason for not taking it up."), "reason"
        )
    current = _lock_undecided(proposal)
    _decided(current, by, ProposalStatus.DECLINED)
    current.public_reason = reason
    current.save()
    return current


def public_agenda(meeting: Roundtable) -> list[AgendaProposal]:
    """Accepted items in order, with the time allotted to each."""
    return list(
        meeting.proposals.filter(status=ProposalStatus.ACCEPTED)
        .prefetch_related(
            Prefetch(
                "merged_items",
                queryset=AgendaProposal.objects.filter(status=ProposalStatus.MERGED),
            )
        )
        .order_by("position", "pk")
    )


def public_outcomes(meeting: Roundtable) -> dict[str, list[AgendaProposal]]:
    """What became of the other proposals: declined (with the reason), merged, and
    deferred here from earlier meetings. Topics only, never who proposed them."""
    proposals = meeting.proposals.select_related("merged_into")
    deferred_away = (
        AgendaProposal.objects.filter(deferred_from=meeting)
        .exclude(meeting=meeting)
        .select_related("meeting")
    )
    return {
        "declined": list(proposals.filter(status=ProposalStatus.DECLINED)),
        "merged": list(proposals.filter(status=ProposalStatus.MERGED)),
        "deferred": list(deferred_away),
    }


# Minutes and resolutions


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
    audit.record("roundtable.minutes", current, detail=f"{current.state} → minutes")
    current.state = MeetingState.MINUTES_PUBLISHED
    current.save()
    # The form promises proposers their contact details go once the minutes are out.
    current.proposals.exclude(contact_name="", contact_phone="").update(
        contact_name="", contact_phone="", contact_consented_at=None
    )
    return current


def clean_report_references(raw) -> list[str]:
    """Report reference codes, upper case, one per item; bad ones refused."""
    if isinstance(raw, str):
        raw = re.split(r"[\s,,;;]+", raw)
    references = []
    for item in raw or []:
        code = str(item).strip().upper()
        if not code:
            continue
        if not REPORT_REFERENCE.match(code):
            raise RoundtableError(
                "report-reference",
                _("“%(code)s” is not a report reference code.") % {"code": code},
                "report_references",
            )
        if code not in references:
            references.append(code)
    known = linked_reports(references)
    unknown = [code for code in references if code not in known]
    if unknown:
        raise RoundtableError(
            "report-reference",
            _("No report has the reference code “%(code)s”.") % {"code": unknown[0]},
            "report_references",
        )
    return references


def linked_reports(references) -> dict:
    """The problem reports with these reference codes, keyed by code.

    Reports are issue 5's; until its model exists every code is taken as given.
    """
    try:
        report_model = apps.get_model("participation", "Report")
    except LookupError:
        return dict.fromkeys(references)
    return {
        report.reference: report
        for report in report_model.objects.filter(reference__in=list(references))
    }


@transaction.atomic
def add_resolution(
    meeting: Roundtable,
    *,
    text: str,
    owner: str,
    due_date: date,
    proposal: AgendaProposal | None = None,
    report_references=(),
) -> Resolution:
    """Record a decision of a held meeting, optionally for one agenda item."""
    current = Roundtable.objects.select_for_update().get(pk=meeting.pk)
    if current.state not in (MeetingState.HELD, MeetingState.MINUTES_PUBLISHED):
        raise RoundtableError(
            "not-held", _("Resolutions are recorded after the meeting is held.")
        )
    if not (text or "").strip() or not (owner or "").strip():
        raise RoundtableError(
            "resolution", _("Say what was decided and who is responsible.")
        )
    if proposal is not None:
        proposal = AgendaProposal.objects.filter(pk=proposal.pk).first()
    if proposal is not None and (
        proposal.meeting_id != current.pk or proposal.status != ProposalStatus.ACCEPTED
    ):
        raise RoundtableError(
            "proposal", _("Choose an item on this meeting's agenda."), "proposal"
        )
    if due_date < timezone.localtime(current.starts_at).date():
        raise RoundtableError(
            "due-date", _("The due date cannot be before the meeting."), "due_date"
        )
    return Resolution.objects.create(
        meeting=current,
        proposal=proposal,
        text=text.strip(),
        owner=owner.strip(),
        due_date=due_date,
        report_references=clean_report_references(report_references),
    )


@transaction.atomic
def follow_up(
    resolution: Resolution,
    *,
    text: str,
    status: str,
    day: date | None = None,
    by=None,
) -> ResolutionUpdate:
    """A progress note that moves the resolution on; "done" closes it."""
    current = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if current.is_done:
        raise RoundtableError(
            "done", _("This resolution is done: it takes no more updates.")
        )
    if status not in ResolutionStatus.values:
        raise RoundtableError("status", _("Choose a status."), "status")
    if not (text or "").strip():
        raise RoundtableError("text", _("Describe the progress."), "text")
    day = day or timezone.localdate()
    update = ResolutionUpdate.objects.create(
        resolution=current, date=day, text=text.strip(), status=status, created_by=by
    )
    current.status = status
    current.done_at = None
    if status == ResolutionStatus.DONE:
        # Done on the day the update reports, not the day it was typed in.
        now = timezone.now()
        current.done_at = (
            now
            if day >= timezone.localdate(now)
            else timezone.make_aware(datetime.combine(day, time(18, 0)))
        )
    current.save(update_fields=["status", "done_at"])
    return update


# The public follow-up page


STAGES = [
    ("found", _("Problem found")),  # 问题发现
    ("deliberated", _("Deliberated")),  # 协商议事
    ("handled", _("Handled jointly")),  # 联动处置
    ("followed_up", _("Followed up")),  # 跟踪问效
]


@dataclass
class FollowedResolution:
    resolution: Resolution
    stage: str
    updates: list = field(default_factory=list)
    overdue: bool = False
    reports: list = field(default_factory=list)


def stage_of(resolution: Resolution) -> str:
    """Where a published resolution stands in the four-step loop."""
    if resolution.status == ResolutionStatus.DONE:
        return "followed_up"
    if resolution.status == ResolutionStatus.IN_PROGRESS:
        return "handled"
    return "deliberated"


def followed_resolutions(
    community: CommunityPage, today: date | None = None
) -> dict[str, list[FollowedResolution]]:
    """Resolutions of the community's meetings whose minutes are published: open
    ones (soonest due first) and done ones (most recent first)."""
    today = today or timezone.localdate()
    resolutions = (
        Resolution.objects.filter(
            meeting__community=source_of(community),
            meeting__state=MeetingState.MINUTES_PUBLISHED,
        )
        .select_related("meeting", "proposal")
        .prefetch_related("updates")
    )
    open_items, done = [], []
    for resolution in resolutions.order_by("due_date", "pk"):
        item = FollowedResolution(
            resolution=resolution,
            stage=stage_of(resolution),
            updates=list(resolution.updates.all()),
            overdue=not resolution.is_done and resolution.due_date < today,
        )
        (done if resolution.is_done else open_items).append(item)
    done.sort(key=lambda item: item.resolution.done_at or timezone.now(), reverse=True)
    return {"open": open_items, "done": done}

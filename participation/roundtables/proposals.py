"""Agenda proposals (议题征集) and their moderation.

Residents propose topics only while the meeting's agenda is open. A proposal stays
invisible to the public until a moderator decides: accepted items appear on the
agenda in order with their time; merged, deferred and declined ones are listed with
where they went or why (the reason is public). Contact details a proposer leaves
are for staff only.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation import submissions
from participation.roundtables import tasks
from participation.roundtables.meetings import RoundtableError
from participation.roundtables.models import (
    AgendaProposal,
    MeetingState,
    ProposalStatus,
    Roundtable,
)
from participation.submissions import (
    hash_token,
    new_token,
    normalise_mobile,
    private_link,
    renew_token,
    submission_language,
    unused_reference,
)
from portal import audit

MAX_ITEM_MINUTES = 240


@dataclass
class Proposed:
    proposal: AgendaProposal
    token: str


def propose(meeting: Roundtable, **fields) -> AgendaProposal:
    """`propose_with_link` for callers that need no link (staff, demo data)."""
    return propose_with_link(meeting, **fields).proposal


@transaction.atomic
def propose_with_link(
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
) -> Proposed:
    """A resident's proposal, stored only while the meeting's agenda is open, with
    the token of its private tracking link (shown once; only its hash is kept).

    A second submit of the same form (same key and phone) returns the first
    proposal with a fresh link: the first one cannot be shown again.
    """
    current = Roundtable.objects.select_for_update().get(pk=meeting.pk)
    phone = ""
    if contact_phone and contact_phone.strip():
        phone = normalise_mobile(contact_phone, RoundtableError, "contact_phone")
    if submission_key:
        earlier = AgendaProposal.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            meetings = (earlier.meeting_id, earlier.deferred_from_id)
            if current.pk in meetings and earlier.contact_phone == phone:
                return Proposed(earlier, renew_token(earlier))
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
    if (contact_name or phone) and not contact_consent:
        raise RoundtableError(
            "contact-consent",
            _(
                "Tick the box to agree to how we use your contact details, or leave "
                "them out."
            ),
            "contact_consent",
        )
    token = new_token()
    proposal = AgendaProposal.objects.create(
        meeting=current,
        reference=unused_reference(AgendaProposal, prefix="T"),
        token_hash=hash_token(token),
        submission_key=submission_key or None,
        topic=topic,
        description=description,
        contact_name=contact_name,
        contact_phone=phone,
        contact_consented_at=(now or timezone.now()) if contact_name or phone else None,
        language=submission_language(language),
    )
    if phone:
        pk, link = proposal.pk, tracking_url(token, proposal.language)
        transaction.on_commit(lambda: tasks.confirm_proposal.enqueue(pk, link))
    return Proposed(proposal, token)


def find_by_token(token: str) -> AgendaProposal | None:
    """The proposal a tracking link opens, or None for a forged or unknown link."""
    return submissions.find_by_token(
        AgendaProposal.objects.select_related(
            "meeting", "merged_into", "deferred_from"
        ),
        token,
    )


def tracking_url(token: str, language: str) -> str:
    """The absolute private tracking link, in the proposer's language."""
    return private_link("participation:proposal_track", token, language)


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
    audit.record(
        f"agenda.{status}",
        proposal,
        by=by,
        action="moderation",
        detail=audit.transition(proposal.status, status),
    )
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
    audit.record(
        "agenda.deferred",
        current,
        by=by,
        action="moderation",
        detail=audit.transition(current.status, ProposalStatus.DEFERRED),
    )
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


class Stage:
    """Where a proposal stands, as its proposer follows it (the tracking page): one
    of RECEIVED (已收到), ON_AGENDA (已列入议程), DISCUSSED (已讨论), MERGED,
    DECLINED (未采纳)."""

    RECEIVED = "received"
    ON_AGENDA = "on_agenda"
    DISCUSSED = "discussed"
    MERGED = "merged"
    DECLINED = "declined"

    LABELS = {
        RECEIVED: _("Received, waiting for moderation"),
        ON_AGENDA: _("On the agenda"),
        DISCUSSED: _("Discussed at the meeting"),
        MERGED: _("Merged with a related topic"),
        DECLINED: _("Not taken up"),
    }


HELD_STATES = (MeetingState.HELD, MeetingState.MINUTES_PUBLISHED)


def stage_of(proposal: AgendaProposal) -> str:
    """The proposal's stage: a merged proposal follows the item it joined."""
    if proposal.status == ProposalStatus.DECLINED:
        return Stage.DECLINED
    if proposal.status == ProposalStatus.MERGED:
        return Stage.MERGED
    if proposal.status == ProposalStatus.ACCEPTED:
        if proposal.meeting.state in HELD_STATES:
            return Stage.DISCUSSED
        return Stage.ON_AGENDA
    return Stage.RECEIVED

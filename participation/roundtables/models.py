"""Roundtables (圆桌会 / 居民议事会 / 民主恳谈): meetings, agenda proposals, minutes,
resolutions and their follow-up.

The loop the programme describes: a problem is found (问题发现), deliberated at the
meeting (协商议事), handled jointly (联动处置) and followed up until done (跟踪问效).
Meetings, accepted agenda items, minutes and resolutions are public; a proposer's
contact details are not. The rules live in participation/roundtables/
(meetings.py, proposals.py, resolutions.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    ROUNDTABLE = "roundtable", _("Roundtable")  # 圆桌会
    RESIDENTS_COUNCIL = "council", _("Residents' council")  # 居民议事会
    DEMOCRATIC_TALK = "talk", _("Democratic consultation")  # 民主恳谈
    DELIBERATION_HALL = "hall", _("City-management deliberation hall")  # 城管议事厅


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    AGENDA_OPEN = "agenda_open", _("Agenda open for proposals")
    AGENDA_CLOSED = "agenda_closed", _("Agenda closed")
    HELD = "held", _("Held")
    MINUTES_PUBLISHED = "minutes_published", _("Minutes published")


# The only order a meeting moves through.
MEETING_STATE_ORDER = [
    MeetingState.PLANNED,
    MeetingState.AGENDA_OPEN,
    MeetingState.AGENDA_CLOSED,
    MeetingState.HELD,
    MeetingState.MINUTES_PUBLISHED,
]


class Participant(models.TextChoices):
    CITY_MANAGEMENT = "city_management", _("City management")
    RESIDENTS_COMMITTEE = "residents_committee", _("Residents' committee")
    PROPERTY_MANAGEMENT = "property_management", _("Property management")
    OWNERS_COMMITTEE = "owners_committee", _("Owners' committee")
    MERCHANTS = "merchants", _("Merchants")
    POLICE = "police", _("Community police")
    MARKET_REGULATION = "market_regulation", _("Market regulation")


STANDING_PARTICIPANTS = [
    Participant.CITY_MANAGEMENT,
    Participant.RESIDENTS_COMMITTEE,
    Participant.PROPERTY_MANAGEMENT,
]
INVITED_PARTICIPANTS = [Participant.OWNERS_COMMITTEE, Participant.MERCHANTS]


def default_standing() -> list[str]:
    return [str(value) for value in STANDING_PARTICIPANTS]


def default_invited() -> list[str]:
    return [str(value) for value in INVITED_PARTICIPANTS]


class Roundtable(models.Model):
    """One meeting of a community's roundtable."""

    community = models.ForeignKey(
        "notices.CommunityPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("community"),
    )
    kind = models.CharField(
        _("kind of meeting"),
        max_length=12,
        choices=MeetingKind.choices,
        default=MeetingKind.ROUNDTABLE,
    )
    title = models.CharField(
        _("title"), max_length=120, help_text=_("e.g. October roundtable")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=160)
    convenor = models.CharField(
        _("convenor"),
        max_length=120,
        help_text=_(
            "Who calls and chairs the meeting, e.g. the community party branch."
        ),
    )
    standing_participants = models.JSONField(
        _("standing participants"), default=default_standing, blank=True
    )
    invited_participants = models.JSONField(
        _("invited participants"), default=default_invited, blank=True
    )
    invited_note = models.CharField(
        _("others invited"),
        max_length=200,
        blank=True,
        help_text=_("e.g. the 12 restaurants on Renmin Road"),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=MeetingState.choices,
        default=MeetingState.PLANNED,
    )

    minutes_summary = models.TextField(_("minutes: summary"), blank=True)
    attendance_count = models.PositiveIntegerField(
        _("people attending"), null=True, blank=True
    )
    participant_organisations = models.CharField(
        _("organisations present"),
        max_length=300,
        blank=True,
        help_text=_("Organisations only, never the names of residents."),
    )
    minutes_published_at = models.DateTimeField(
        _("minutes published"), null=True, blank=True
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("roundtable meeting")
        verbose_name_plural = _("roundtable meetings")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="roundtable_ends_after_it_starts",
            )
        ]
        indexes = [models.Index(fields=["community", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def agenda_is_open(self) -> bool:
        return self.state == MeetingState.AGENDA_OPEN

    @property
    def minutes_are_published(self) -> bool:
        return self.state == MeetingState.MINUTES_PUBLISHED

    def get_standing_display(self) -> list[str]:
        labels = dict(Participant.choices)
        return [str(labels[key]) for key in self.standing_participants if key in labels]

    def get_invited_display(self) -> list[str]:
        labels = dict(Participant.choices)
        return [str(labels[key]) for key in self.invited_participants if key in labels]


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for moderation")
    ACCEPTED = "accepted", _("On the agenda")
    MERGED = "merged", _("Merged with another item")
    DEFERRED = "deferred", _("Deferred to a later meeting")
    DECLINED = "declined", _("Not taken up")


class AgendaProposal(models.Model):
    """A topic a resident proposes for a meeting's agenda (议题征集)."""

    meeting = models.ForeignKey(
        Roundtable,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("meeting"),
    )
    reference = models.CharField(_("reference code"), max_length=12, unique=True)
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # The hash of the proposer's private tracking link (participation.submissions);
    # proposals made before there were links have none until one is asked for.
    token_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    topic = models.CharField(_("topic"), max_length=120)
    description = models.TextField(_("description"), max_length=1000)
    contact_name = models.CharField(_("contact name"), max_length=40, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=11, blank=True)
    contact_consented_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=10, default="zh-hans", editable=False)

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.SUBMITTED,
    )
    position = models.PositiveSmallIntegerField(_("order on the agenda"), null=True)
    minutes_allotted = models.PositiveSmallIntegerField(
        _("minutes allotted"), null=True
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_items",
        verbose_name=_("merged into"),
    )
    deferred_from = models.ForeignKey(
        Roundtable,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deferred_proposals",
        verbose_name=_("deferred from"),
    )
    public_reason = models.TextField(
        _("public reason"),
        max_length=400,
        blank=True,
        help_text=_("Shown publicly when a proposal is not taken up."),
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")
        ordering = ["created_at", "pk"]
        permissions = [
            (
                "view_proposer_contact",
                "Can see the contact details agenda proposers left",
            )
        ]

    def __str__(self) -> str:
        return self.reference


class ResolutionStatus(models.TextChoices):
    AGREED = "agreed", _("Agreed, handling to start")
    IN_PROGRESS = "in_progress", _("Being handled jointly")
    DONE = "done", _("Done")


class Resolution(models.Model):
    """A decision taken at a meeting, with who does it and by when (议定事项)."""

    meeting = models.ForeignKey(
        Roundtable,
        on_delete=models.CASCADE,
        related_name="resolutions",
        verbose_name=_("meeting"),
    )
    proposal = models.ForeignKey(
        AgendaProposal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolutions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("what was decided"), max_length=1000)
    owner = models.CharField(
        _("owner"),
        max_length=120,
        help_text=_("The organisation responsible, e.g. the city-management squad."),
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ResolutionStatus.choices,
        default=ResolutionStatus.AGREED,
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    # Problem reports this resolution settles, by their public reference codes.
    # Becomes a relation to participation.Report once reports land (issue 5).
    report_references = models.JSONField(
        _("linked report references"), default=list, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_done(self) -> bool:
        return self.status == ResolutionStatus.DONE


class ResolutionUpdate(models.Model):
    """A follow-up note on a resolution, shown publicly in date order."""

    resolution = models.ForeignKey(
        Resolution,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("resolution"),
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("progress"), max_length=600)
    status = models.CharField(
        _("status after this update"),
        max_length=12,
        choices=ResolutionStatus.choices,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up update")
        verbose_name_plural = _("follow-up updates")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:40]}"

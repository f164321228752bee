"""Residents' problem reports and suggestions (码上反映), their photos and their event
log.

A report belongs to one community station (the default-language community page, the
id printed in the poster's QR code). Its contact data (name, phone, email) is seen
only by staff allowed to see it for that community, and is deleted a set number of
days after the report is closed. Every change goes through the functions of this
package, which also write the event log (`participation/reports/workflow.py`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participation.submissions import MaskedContact


class ReportState(models.TextChoices):
    """Fixed machine keys; labels are translated, keys never change."""

    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    DISPATCHED = "dispatched", _("Dispatched")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Case closed")
    REJECTED = "rejected", _("Rejected")
    DUPLICATE = "duplicate", _("Duplicate")
    REFERRED = "referred", _("Referred to another department")


# States in which the station still owes the resident something.
OPEN_STATES = (
    ReportState.SUBMITTED,
    ReportState.ACCEPTED,
    ReportState.DISPATCHED,
    ReportState.IN_PROGRESS,
)
FINISHED_STATES = (
    ReportState.RESOLVED,
    ReportState.CLOSED,
    ReportState.REJECTED,
    ReportState.DUPLICATE,
    ReportState.REFERRED,
)


class Triage(models.TextChoices):
    """三事分流: how big the matter is, and so who handles it."""

    SMALL = "small", _("Small matter, handled fast by the station")
    MEDIUM = (
        "medium",
        _("Medium matter, coordinated with the community and property management"),
    )
    LARGE = (
        "large",
        _("Large matter, handled jointly at district or city level"),
    )


class HandlingMode(models.TextChoices):
    """The 721 method (七分服务、两分管理、一分执法): how staff handled a report."""

    SERVICE = "service", pgettext_lazy("721 method", "Service")
    MANAGEMENT = "management", pgettext_lazy("721 method", "Management")
    ENFORCEMENT = "enforcement", pgettext_lazy("721 method", "Enforcement")


class ReportKind(models.TextChoices):
    PROBLEM = "problem", _("A problem to fix")
    SUGGESTION = "suggestion", _("A suggestion")


class ReportSource(models.TextChoices):
    WEB = "web", _("Report form")
    OPEN311 = "open311", _("Partner system (Open311)")
    STAFF = "staff", _("Entered by staff")


def response_late(now) -> Q:
    return Q(first_response_at__isnull=True, response_due__lt=now)


def completion_late(now) -> Q:
    return Q(completion_due__lt=now)


class ReportQuerySet(models.QuerySet):
    def open(self) -> "ReportQuerySet":
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, now=None) -> "ReportQuerySet":
        """Open reports past their response deadline (not yet answered) or past their
        completion deadline."""
        now = now or timezone.now()
        return self.open().filter(response_late(now) | completion_late(now))

    def response_overdue(self, now=None) -> "ReportQuerySet":
        """Open reports not answered by their response deadline."""
        return self.open().filter(response_late(now or timezone.now()))

    def completion_overdue(self, now=None) -> "ReportQuerySet":
        """Open reports past their completion deadline."""
        return self.open().filter(completion_late(now or timezone.now()))

    def published(self) -> "ReportQuerySet":
        return self.filter(published_at__isnull=False, allow_publication=True)


class Report(MaskedContact, models.Model):
    """One problem report or suggestion from a resident (or a partner system)."""

    reference = models.CharField(_("reference"), max_length=12, unique=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=ReportKind.choices, default=ReportKind.PROBLEM
    )
    source = models.CharField(
        _("source"), max_length=12, choices=ReportSource.choices, default="web"
    )
    language = models.CharField(max_length=10, default="zh-hans", editable=False)

    community = models.ForeignKey(
        "notices.CommunityPage",
        verbose_name=_("community"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category_code = models.CharField(_("category code"), max_length=20, db_index=True)
    category_title = models.CharField(_("category"), max_length=120)
    handling_class = models.CharField(_("handling class"), max_length=20, blank=True)
    department = models.CharField(_("responsible department"), max_length=120)

    location = models.CharField(_("where"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    description = models.TextField(_("what happened"), max_length=2000)

    name = models.CharField(_("name"), max_length=40, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    contact_deleted_at = models.DateTimeField(
        _("contact data deleted"), null=True, blank=True
    )
    allow_publication = models.BooleanField(
        _("may be published without the resident's name"), default=True
    )

    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ReportState.choices,
        default=ReportState.SUBMITTED,
        db_index=True,
    )
    triage = models.CharField(
        _("triage"), max_length=10, choices=Triage.choices, blank=True
    )
    assigned_station = models.ForeignKey(
        "notices.CommunityPage",
        verbose_name=_("assigned station"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_staff = models.ForeignKey(
        "notices.Staff",
        verbose_name=_("assigned staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    referred_to = models.CharField(_("referred to"), max_length=120, blank=True)
    # The mode of the latest staff action (participation/reports/handling.py).
    handling_mode = models.CharField(
        _("handling mode"),
        max_length=12,
        choices=HandlingMode.choices,
        blank=True,
        db_index=True,
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    # Merged by staff into another report on the same matter: this one then follows
    # the survivor's state (`merging`). Always the last survivor of a chain.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
    )

    created_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    response_due = models.DateTimeField(_("response due"), null=True, blank=True)
    completion_due = models.DateTimeField(_("completion due"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    # Not the office-hours "closed" (不开放): the case is closed (结案).
    closed_at = models.DateTimeField(
        pgettext_lazy("report", "case closed"), null=True, blank=True
    )

    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("rating comment"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)

    public_title = models.CharField(
        _("public summary"),
        max_length=120,
        blank=True,
        help_text=_("Written by staff; shown publicly with no personal data."),
    )
    public_text = models.TextField(
        _("public text"),
        max_length=2000,
        blank=True,
        help_text=_("The report and its outcome, redacted of names and phones."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("resident report")
        verbose_name_plural = _("resident reports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["community", "state", "created_at"]),
            models.Index(fields=["state", "completion_due"]),
            # The staff queue's default view: open reports, newest first. Stays
            # small and ordered while closed reports pile up (a city: 100,000+).
            models.Index(
                fields=["-created_at", "-id"],
                condition=Q(state__in=OPEN_STATES),
                name="report_open_newest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="report_rating_1_to_5",
            )
        ]
        permissions = [
            (
                "view_report_personal_data",
                "Can see reporters' names, phones and emails and export them",
            ),
            ("publish_report", "Can publish redacted reports"),
        ]

    def __str__(self) -> str:
        # The reference only, so names never reach logs or admin titles.
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def has_contact(self) -> bool:
        return bool(self.name or self.phone or self.email)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.allow_publication

    def is_overdue(self, now=None) -> bool:
        return self.is_response_overdue(now) or self.is_completion_overdue(now)

    def is_response_overdue(self, now=None) -> bool:
        """Open, not answered, and past the promised reply."""
        now = now or timezone.now()
        return bool(
            self.is_open
            and self.first_response_at is None
            and self.response_due
            and self.response_due < now
        )

    def is_completion_overdue(self, now=None) -> bool:
        """Open and past the promised completion."""
        now = now or timezone.now()
        return bool(self.is_open and self.completion_due and self.completion_due < now)


def photo_path(instance: "ReportPhoto", filename: str) -> str:
    # The name is random (the caller passes one): nothing of the upload survives.
    return f"reports/{timezone.now():%Y/%m}/{filename}"


class ReportPhoto(models.Model):
    """A photo attached to a report, re-encoded without any metadata."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=photo_path, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    from_resident = models.BooleanField(default=True)
    public = models.BooleanField(
        _("approved for publication"),
        default=False,
        help_text=_("Shown on the public list only when the report is published."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")

    def __str__(self) -> str:
        return f"{self.report.reference} #{self.pk}"


class EventKind(models.TextChoices):
    CREATED = "created", _("Report received")
    STATE = "state", _("State changed")
    TRIAGE = "triage", _("Triaged")
    ASSIGNED = "assigned", _("Assigned")
    REPLY = "reply", _("Reply from the station")
    NOTE = "note", _("Internal note")
    INFO = "info", _("Information added by the resident")
    REOPENED = "reopened", _("Reopened by the resident: not fixed")
    RATED = "rated", _("Rated by the resident")
    CONTACT_DELETED = "contact_deleted", _("Contact data deleted")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Withdrawn from publication")
    ESCALATED = "escalated", _("Department called in")
    DEPARTMENT_ACK = "department_ack", _("Acknowledged by the department")
    DEPARTMENT_ANSWER = "department_answer", _("Answer from the department")
    DEPARTMENT_DONE = "department_done", _("Done by the department")
    MERGED = "merged", _("Merged with another report")
    SUPPORTED = "supported", _("Another resident has the same problem")


class ActorKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    RESIDENT = "resident", _("Resident")
    PARTNER = "partner", _("Partner system")
    SYSTEM = "system", _("System")
    DEPARTMENT = "department", _("Department")


class ReportEvent(models.Model):
    """One entry of a report's log: who did what, when, and why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    actor_kind = models.CharField(max_length=10, choices=ActorKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    text = models.TextField(blank=True)
    handling_mode = models.CharField(
        max_length=12, choices=HandlingMode.choices, blank=True
    )
    public = models.BooleanField(
        default=False, help_text="Shown to the resident on the tracking page."
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}"


class ReportSupporter(MaskedContact, models.Model):
    """A resident who pressed "我也遇到了" on an open report nearby instead of sending
    a new one: when, in which language, and, with their consent, a mobile number for
    the same state messages as the reporter (erased with the report's contact data)."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="supporters"
    )
    created_at = models.DateTimeField(_("supported"), default=timezone.now)
    language = models.CharField(max_length=10, default="zh-hans", editable=False)
    phone = models.CharField(_("mobile phone"), max_length=11, blank=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    name = ""  # supporters leave no name (MaskedContact reads one)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("supporter")
        verbose_name_plural = _("supporters")

    def __str__(self) -> str:
        return f"{self.report_id} #{self.pk}"

"""Site-wide records: the Chinese-aware search index and editors' search synonyms."""

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.roles import display_name


class SearchDocument(models.Model):
    """One searchable public item (a page, a list item…) in one language.

    Text is stored normalised (NFKC, lower case, traditional → simplified) so that a
    plain substring match finds Chinese words of any length, identically on SQLite
    and PostgreSQL. Only public, published fields are ever written here.
    """

    source_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    source_id = models.CharField(max_length=64)
    key = models.CharField(max_length=64, default="", blank=True)
    kind = models.CharField(max_length=20, db_index=True)
    language_code = models.CharField(max_length=12, db_index=True)
    url = models.CharField(max_length=400)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    title_text = models.TextField()
    search_text = models.TextField()
    scope = models.TextField(
        blank=True,
        default="",
        help_text="Community page ids as ',12,15,'; empty means citywide.",
    )
    date = models.DateTimeField(null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["source_type", "source_id"])]

    def __str__(self) -> str:
        return self.title


class SearchSynonym(models.Model):
    """Words residents use for the same thing: searching one also finds the others."""

    term = models.CharField(
        _("word residents type"),
        max_length=40,
        unique=True,
        help_text=_("For example 摆摊."),
    )
    alternatives = models.CharField(
        _("also search for"),
        max_length=400,
        help_text=_("Comma-separated words, for example 占道经营, 流动摊贩."),
    )

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} → {self.alternatives}"

    def alternative_list(self) -> list[str]:
        parts = self.alternatives.replace("，", ",").replace("、", ",").split(",")
        return [part.strip() for part in parts if part.strip()]


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Public holiday (no work)")
    WORKDAY = "workday", _("Make-up working day")


class Holiday(models.Model):
    """A day that breaks the Monday-to-Friday rule: a public holiday on a weekday, or
    a weekend day worked to make up for one (调休). Used by `portal.workdays`."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=DayKind.choices, default=DayKind.HOLIDAY
    )
    name = models.CharField(
        _("name"), max_length=60, help_text=_("For example 国庆节 or 国庆节调休.")
    )

    class Meta:
        verbose_name = _("holiday or make-up working day")
        verbose_name_plural = _("holidays and make-up working days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from portal.workdays import forget_calendar

        forget_calendar()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        from portal.workdays import forget_calendar

        forget_calendar()
        return result


class AuditAction(models.TextChoices):
    EXPORT = "export", _("Export of personal data")
    STATE = "state", _("State change")
    MODERATION = "moderation", _("Moderation")
    ACCESS = "access", _("Access and permissions")


class AuditEntry(models.Model):
    """One recorded staff action: who, when, what, on which object, how many rows.

    Written only by `portal.audit.record`; nobody edits or deletes entries in the
    admin (there is no add, change or delete permission to grant).
    """

    # Not in Wagtail's reference index: entries would show in the "usage" of the
    # users and objects they name, and indexing each cost every report a query.
    wagtail_reference_index_ignore = True

    at = models.DateTimeField(_("when"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("who"), max_length=150, blank=True)
    action = models.CharField(
        _("kind"), max_length=20, choices=AuditAction.choices, db_index=True
    )
    verb = models.CharField(_("what"), max_length=80)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    personal_data = models.BooleanField(_("with personal data"), default=False)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.verb}"

    @admin.display(description=_("object"), ordering="object_repr")
    def object_name(self) -> str:
        """The object as recorded; a workflow, task or group under its name in
        the reader's language (`portal.roles.display_name`)."""
        return display_name(self.object_repr)

    @admin.display(description=_("detail"))
    def detail_text(self) -> str:
        """The detail as recorded; the workflow or task a moderation entry names
        (portal/audit.py) in the reader's language."""
        return display_name(self.detail)


class ScheduledRun(models.Model):
    """One run of a periodic job (portal/scheduler.py): claimed by its slot, so it
    runs once whichever scheduler gets there first."""

    job = models.CharField(max_length=60)
    slot = models.CharField(max_length=20)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="scheduled_run_once")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.slot}"

"""Volunteer teams, sign-ups, service hours and points (志愿服务).

A team is public content (what it does, where, how many places, recruiting or not)
and is translated like other snippets. A sign-up holds a resident's personal data:
staff see it only for their communities (`participation.volunteers.admin_views`),
and the public sees at most a masked name and hours on the opt-in honour roll. The
rules that change a sign-up live in `participation.volunteers.signups` and
`participation.volunteers.service`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from notices.stations.hours import WEEKDAY_CHOICES
from participation.submissions import PrivateSubmission


class TeamKind(models.TextChoices):
    """The kinds of team the programme's documents describe."""

    CITY_VOLUNTEERS = "city_volunteers", _("City-management volunteers")  # 城管志愿者
    SILVER_HAIR = "silver_hair", _("Silver-hair assistants")  # 银发协管员
    MERCHANTS = "merchants", _("Merchant volunteers")  # 商户志愿者
    SUPERVISORS = "supervisors", _("Citizen supervisors")  # 城管百姓监督员
    CITY_PARTNERS = "city_partners", _("City partners")  # 城市合伙人
    OTHER = "other", _("Other team")


class VolunteerTeam(TranslatableMixin, models.Model):
    """A volunteer team of the city or of one community (志愿服务队)."""

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(
        _("kind"), max_length=20, choices=TeamKind.choices, default=TeamKind.OTHER
    )
    description = models.TextField(
        _("what the team does"),
        max_length=600,
        help_text=_("What volunteers do and what is expected of them."),
    )
    area = models.CharField(
        _("where"),
        max_length=120,
        blank=True,
        help_text=_("e.g. the streets and markets around the station"),
    )
    community = models.ForeignKey(
        "notices.CommunityPage",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "Leave empty for a citywide team that takes volunteers from every "
            "community. Choose the community in the default language."
        ),
    )
    places = models.PositiveIntegerField(
        _("places"), default=20, help_text=_("How many volunteers the team takes.")
    )
    recruiting = models.BooleanField(
        _("recruiting"),
        default=True,
        help_text=_("Untick to close the team to new sign-ups."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("kind"), FieldPanel("description")],
            heading=_("Team"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("community"),
                FieldPanel("area"),
                FieldRowPanel([FieldPanel("places"), FieldPanel("sort_order")]),
                FieldPanel("recruiting"),
            ],
            heading=_("Where and how many"),
        ),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("area"),
        SynchronizedField("kind"),
        SynchronizedField("community"),
        SynchronizedField("places"),
        SynchronizedField("recruiting"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("volunteer team")
        verbose_name_plural = _("volunteer teams")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Sign-ups compare communities in the default language: an editor who picks
        # the English page of a community gets its default-language page stored.
        if self.community_id:
            from wagtail.models import Locale, Page

            default = Locale.get_default()
            page = Page.objects.filter(pk=self.community_id).first()
            if page is not None and page.locale_id != default.pk:
                source = Page.objects.filter(
                    translation_key=page.translation_key, locale=default
                ).first()
                if source is not None:
                    self.community_id = source.pk
        super().save(*args, **kwargs)


class AgeBracket(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    FROM_18 = "18_34", _("18 to 34")
    FROM_35 = "35_59", _("35 to 59")
    FROM_60 = "60_74", _("60 to 74")
    FROM_75 = "75_plus", _("75 or older")


class TimeSlot(models.TextChoices):
    MORNING = "morning", _("Mornings (8:00–12:00)")
    AFTERNOON = "afternoon", _("Afternoons (14:00–18:00)")
    EVENING = "evening", _("Evenings (18:00–21:00)")


DAY_CHOICES = WEEKDAY_CHOICES


class SignUpStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn by the volunteer")


ACTIVE_SIGNUP_STATUSES = (SignUpStatus.PENDING, SignUpStatus.APPROVED)


class VolunteerSignUp(PrivateSubmission):
    """One resident's sign-up for one team, and their service there."""

    team = models.ForeignKey(
        VolunteerTeam,
        on_delete=models.PROTECT,
        related_name="signups",
        verbose_name=_("team"),
    )
    community = models.ForeignKey(
        "notices.CommunityPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("community"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SignUpStatus.choices,
        default=SignUpStatus.PENDING,
    )
    submission_key = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="One-time key of the form that created it: a second submit of "
        "the same form finds this sign-up instead of storing another.",
    )

    days = models.JSONField(_("days available"), default=list, blank=True)
    time_slots = models.JSONField(_("time slots"), default=list, blank=True)
    skills = models.TextField(_("skills"), max_length=300, blank=True)
    age_bracket = models.CharField(
        _("age bracket"), max_length=10, choices=AgeBracket.choices
    )
    guardian_name = models.CharField(_("parent or guardian"), max_length=40, blank=True)
    guardian_consented_at = models.DateTimeField(
        _("guardian's consent given"), null=True, blank=True
    )
    honour_roll = models.BooleanField(
        _("on the public honour roll"),
        default=False,
        help_text=_("The volunteer chose to appear with a masked name and hours."),
    )

    decision_reason = models.TextField(_("reason given"), max_length=400, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("volunteer sign-up")
        verbose_name_plural = _("volunteer sign-ups")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "phone"],
                # Erased sign-ups (phone "") no longer hold a number.
                condition=Q(status__in=["pending", "approved"]) & ~Q(phone=""),
                name="one_active_signup_per_phone_per_team",
            ),
        ]
        indexes = [models.Index(fields=["community", "team", "status"])]
        permissions = [
            (
                "view_volunteer_personal_data",
                "Can see volunteers' names and phones and export them",
            )
        ]

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_SIGNUP_STATUSES

    @property
    def is_minor(self) -> bool:
        return self.age_bracket == AgeBracket.UNDER_18

    def get_days_display(self) -> list[str]:
        labels = dict(DAY_CHOICES)
        return [str(labels[day]) for day in self.days if day in labels]

    def get_time_slots_display(self) -> list[str]:
        labels = dict(TimeSlot.choices)
        return [str(labels[slot]) for slot in self.time_slots if slot in labels]


class ServiceEntry(models.Model):
    """One piece of service a volunteer gave: what, when, how long, points earned."""

    signup = models.ForeignKey(
        VolunteerSignUp,
        on_delete=models.CASCADE,
        related_name="service_entries",
        verbose_name=_("volunteer"),
    )
    activity = models.CharField(_("activity"), max_length=120)
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    points = models.PositiveIntegerField(_("points"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("service log entry")
        verbose_name_plural = _("service log")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24),
                name="service_hours_within_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.signup.reference} {self.date} {self.hours}h"


class Redemption(models.Model):
    """Points a volunteer exchanged, e.g. for a property-fee discount (积分兑换)."""

    signup = models.ForeignKey(
        VolunteerSignUp,
        on_delete=models.CASCADE,
        related_name="redemptions",
        verbose_name=_("volunteer"),
    )
    points = models.PositiveIntegerField(_("points"))
    reward = models.CharField(
        _("exchanged for"),
        max_length=120,
        help_text=_("e.g. property-fee discount of 50 yuan"),
    )
    date = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("points redemption")
        verbose_name_plural = _("points redemptions")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gt=0), name="redemption_takes_points"
            )
        ]

    def __str__(self) -> str:
        return f"{self.signup.reference} −{self.points}"

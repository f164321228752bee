"""Station staff as the bureau publishes them (上墙公示): name, photo, role, unit, work
phone and duties. Personal mobiles are never stored here, so they can never leak."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images import get_image_model
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class StaffRole(models.TextChoices):
    """The fixed list of roles stationed in communities."""

    LAW_ENFORCEMENT = "law_enforcement", _("Law-enforcement officer")
    LANDSCAPING = "landscaping", _("Landscaping")
    SANITATION = "sanitation", _("Sanitation")
    MUNICIPAL = "municipal", _("Municipal facilities")
    GRID_WORKER = "grid_worker", _("Grid worker")
    LIAISON = "liaison", _("Community liaison")
    STATION_HEAD = "station_head", _("Station head")
    BUREAU_LEADER = "bureau_leader", _("Linked bureau leader")


class ServiceMode(models.TextChoices):
    """How a staff member serves a community."""

    RESIDENT = "resident", _("Resident (stationed)")
    ROTATING = "rotating", _("Rotating")
    PATROL = "patrol", _("Patrol")


# Shown first on posters and pages: who leads, then who enforces, then the others.
ROLE_ORDER = {
    StaffRole.BUREAU_LEADER: 0,
    StaffRole.STATION_HEAD: 1,
    StaffRole.LAW_ENFORCEMENT: 2,
    StaffRole.LIAISON: 3,
    StaffRole.GRID_WORKER: 4,
    StaffRole.MUNICIPAL: 5,
    StaffRole.SANITATION: 6,
    StaffRole.LANDSCAPING: 7,
}

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{2,22}$",
    _("Enter a phone number: digits, spaces, brackets and hyphens only."),
)


class Staff(TranslatableMixin, models.Model):
    """One staff member stationed in one or more communities (驻点人员).

    The code is the bureau's own reference (e.g. 工号); imports match on it, so it stays
    the same in every language and across re-imports. Not in the search index: the
    admin finds staff with plain database lookups, and a city's import of 1,800 staff
    need not re-index each one.
    """

    code = models.CharField(
        _("staff code"),
        max_length=32,
        help_text=_("The bureau's reference for this person, e.g. S0001. Not shown."),
    )
    name = models.CharField(_("name"), max_length=60)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)
    unit = models.CharField(
        _("unit"),
        max_length=80,
        blank=True,
        help_text=_("The team or department, e.g. the subdistrict enforcement squad."),
    )
    work_phone = models.CharField(
        _("public work phone"),
        max_length=24,
        blank=True,
        validators=[phone_validator],
        help_text=_(
            "A work number the bureau publishes. Never enter a personal mobile: "
            "everything here is public."
        ),
    )
    duties = models.TextField(_("duties"), max_length=400, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roster_entries",
        limit_choices_to={"is_active": True, "is_staff": True},
        help_text=_(
            "The person's own sign-in account, if they have one: work assigned to "
            "them reaches them there. Never published."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("code"), FieldPanel("photo")],
            heading=_("Person"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("role"),
                FieldPanel("unit"),
                FieldPanel("work_phone"),
                FieldPanel("duties"),
            ],
            heading=_("What is published"),
        ),
        FieldPanel("user"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("unit"),
        TranslatableField("duties"),
        SynchronizedField("code"),
        SynchronizedField("photo"),
        SynchronizedField("role"),
        SynchronizedField("work_phone"),
        SynchronizedField("user"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"], name="unique_staff_code_per_locale"
            )
        ]
        permissions = [
            (
                "import_stations",
                "Can import and export the station directory",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def role_rank(self) -> int:
        return ROLE_ORDER.get(self.role, 99)

    def public_data(self, photo_url: str = "") -> dict:
        """Exactly what the bureau publishes about this person (pages, API, exports)."""
        return {
            "name": self.name,
            "role": self.role,
            "role_label": str(self.get_role_display()),
            "unit": self.unit,
            "work_phone": self.work_phone,
            "duties": self.duties,
            "photo": photo_url,
        }


def responsible_accounts(community, include_leader: bool = False) -> QuerySet:
    """The active user accounts of the people on a community page's roster, and of
    its linked bureau leader when asked: whom work for that community can be
    assigned to. An account linked on any language's version of a person's entry
    counts."""
    keys = Staff.objects.filter(community_links__page=community).values(
        "translation_key"
    )
    people = Q(translation_key__in=keys)
    if include_leader and community.bureau_leader_id:
        leader = Staff.objects.filter(pk=community.bureau_leader_id)
        people |= Q(translation_key__in=leader.values("translation_key"))
    user_ids = Staff.objects.filter(people, user__isnull=False).values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True)


def localized_staff(staff: list[Staff]) -> dict[object, Staff]:
    """Each staff member in the active language where translated, in one query.

    Keyed by translation_key; a staff member without a translation stays as given.
    """
    language = translation.get_language() or settings.LANGUAGE_CODE
    result = {member.translation_key: member for member in staff}
    missing = [
        member.translation_key
        for member in staff
        if member.locale.language_code != language
    ]
    if missing:
        for member in Staff.objects.filter(
            translation_key__in=missing, locale__language_code=language
        ).select_related("locale", "photo"):
            result[member.translation_key] = member
    return result


# Staff photos as the station pages and the poster show them.

PHOTO_SPEC = "fill-160x200-c100"
# The station pages show staff photos as WebP where the browser takes it, else JPEG
# (`{% picture … fill-160x200-c100 format-{webp,jpeg} %}`): prefetched with the rest.
PHOTO_PICTURE_SPECS = [f"{PHOTO_SPEC}|format-webp", f"{PHOTO_SPEC}|format-jpeg"]
# Parsed once: Wagtail's {% picture %} parses its filter specs again on every use.
PHOTO_PICTURE_FILTERS = [Filter(spec=spec) for spec in PHOTO_PICTURE_SPECS]
PHOTO_FILTERS = [Filter(spec=PHOTO_SPEC), *PHOTO_PICTURE_FILTERS]


def staff_photo_markup(image, name: str) -> SafeString:
    """A staff member's photo, WebP where the browser takes it, else JPEG: the
    markup of {% picture image fill-160x200-c100 format-{webp,jpeg} alt=name
    class="staff-card__photo" loading="lazy" %}."""
    renditions = get_renditions_or_not_found(image, PHOTO_PICTURE_FILTERS)
    attrs = {"alt": name, "class": "staff-card__photo", "loading": "lazy"}
    return Picture(renditions, attrs).__html__()


def linked_staff(page, photos: bool = False) -> tuple[list, Staff | None]:
    """A community page's staff links (with their staff) and its linked bureau
    leader, with the photos' renditions prefetched when `photos`: two queries (and
    two for the photos)."""
    links = page.staff_links.select_related("staff", "staff__locale")
    leader = Staff.objects.filter(pk=page.bureau_leader_id).select_related("locale")
    if photos:
        images = get_image_model().objects.prefetch_renditions(*PHOTO_FILTERS)
        links = links.prefetch_related(Prefetch("staff__photo", queryset=images))
        leader = leader.prefetch_related(Prefetch("photo", queryset=images))
    return list(links), (leader.first() if page.bureau_leader_id else None)


def published_staff(page) -> list[Staff]:
    """The staff a station page names (its leader included), in the active
    language, without their photos: what search indexes of them."""
    links, leader = linked_staff(page)
    members = [link.staff for link in links] + ([leader] if leader else [])
    translated = localized_staff(members)
    return [translated[member.translation_key] for member in members]


def find_staff_on_duty(page) -> list[dict]:
    """Who serves a community page and how, its linked bureau leader first: each
    staff member in the active language, with the photo and its markup. A fixed
    number of queries, however many staff."""
    links, leader = linked_staff(page, photos=True)
    members = [link.staff for link in links] + ([leader] if leader else [])
    translated = localized_staff(members)

    def entry(member: Staff, **how) -> dict:
        staff = translated[member.translation_key]
        photo_html = ""
        if member.photo:
            # Every size a page shows (the poster's too) is made now if missing,
            # so the remembered photo carries it: no query per photo per view.
            member.photo.get_renditions(*PHOTO_FILTERS)
            # The photo's markup is the same on every view: written once, kept.
            photo_html = staff_photo_markup(member.photo, staff.name)
        return {
            "staff": staff,
            "photo": member.photo,
            "photo_html": photo_html,
            **how,
        }

    entries = []
    if leader is not None and leader.pk not in {link.staff_id for link in links}:
        entries.append(entry(leader, mode=None, days=[], is_leader=True))
    for link in links:
        entries.append(
            entry(
                link.staff,
                mode=link.get_mode_display(),
                days=link.days,
                is_leader=link.staff_id == page.bureau_leader_id,
            )
        )
    return entries

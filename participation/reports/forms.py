"""The resident's forms: the report form the poster's QR code opens (with the choices
of category and community) and the forms of the private tracking page. The staff's
forms are in `admin_forms`."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Locale, Page

from notices.models import CommunityPage, DutyCategory
from notices.stations.geo import in_china
from participation.abuse import GuardedFormMixin
from participation.photos import (
    ACCEPT_ATTRIBUTE,
    PhotoError,
    check_request_pixels,
    clean_photo,
    photo_pixels,
)
from participation.reports.categories import (
    community_items,
    current_items,
    find_item,
)
from participation.reports.communities import find_community, reportable_communities
from participation.reports.models import ReportKind
from participation.reports.routing import routed_community
from participation.reports.submitting import MAX_PHOTOS, normalise_phone
from participation.reports.workflow import ReportError
from portal.lookups import remembered
from portal.widgets import LongSelect, OnePassTextInput, PreparedChoices

DESCRIPTION_MAX = 2000


class OnePassEmailInput(OnePassTextInput):
    input_type = "email"


class OnePassHiddenInput(OnePassTextInput, forms.HiddenInput):
    """A hidden input written in one pass (see OnePassTextInput)."""

    input_type = "hidden"


class OnePassTextarea(forms.Textarea):
    """Django's textarea markup, written in one pass: the widget templates are most
    of the time of the QR report form, the busiest form of the site (issue 22)."""

    def render(self, name, value, attrs=None, renderer=None):
        parts = [f'<textarea name="{escape(name)}"']
        for key, item in self.build_attrs(self.attrs, attrs).items():
            if item is True:
                parts.append(f" {escape(key)}")
            elif item is not False:
                parts.append(f' {escape(key)}="{escape(item)}"')
        parts.append(f">\n{escape(self.format_value(value) or '')}</textarea>")
        return mark_safe("".join(parts))  # noqa: S308 -- every value escaped above


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to MAX_PHOTOS files from one <input type=file multiple>."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = list(enumerate((item for item in (data or []) if item), start=1))
        if len(files) > MAX_PHOTOS:
            raise ValidationError(
                ngettext(
                    "You can attach at most %(n)d photo.",
                    "You can attach at most %(n)d photos.",
                    MAX_PHOTOS,
                )
                % {"n": MAX_PHOTOS}
            )
        # Every header first: nothing is decoded unless all the photos together fit
        # the budget of one report.
        pixels = [self.each(number, photo_pixels, upload) for number, upload in files]
        try:
            check_request_pixels(pixels)
        except PhotoError as error:
            raise ValidationError(error.message) from error
        return [self.each(number, clean_photo, upload) for number, upload in files]

    @staticmethod
    def each(number: int, check, upload):
        try:
            return check(upload)
        except PhotoError as error:
            raise ValidationError(
                _("Photo %(n)d: %(problem)s") % {"n": number, "problem": error.message}
            ) from error


COMMUNITY_ID_MAX = 10


def community_from(value) -> CommunityPage | None:
    """The community a QR link or a form names by its id; None for anything that is
    not a plain id of at most ten digits (a page id; longer numbers overflow the
    database's integer)."""
    value = str(value or "")
    if not (value.isascii() and value.isdigit() and len(value) <= COMMUNITY_ID_MAX):
        return None
    return find_community(value)


def category_choices() -> list:
    """The duty list's items grouped by category, in the active language
    (remembered until content changes, and per day: items come into force)."""
    return remembered(
        "report-categories",
        _category_choices,
        translation.get_language(),
        timezone.localdate(),
    )


def _category_choices() -> list:
    items = current_items(Locale.get_active())
    if not items:
        return []
    names = {
        category.code: category.name
        for category in DutyCategory.objects.filter(page_id=items[0].page_id)
    }
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(item.category, []).append((item.code, item.title))
    return [(names.get(code, code), choices) for code, choices in groups.items()]


def community_choices() -> list:
    """Every community station, grouped by subdistrict, in the active language (a
    fixed number of queries however many stations there are, remembered until
    content changes: a city has hundreds)."""
    return remembered(
        "report-communities", _community_choices, translation.get_language()
    )


def _community_choices() -> list:
    communities = list(
        reportable_communities().only("pk", "title", "path", "translation_key")
    )
    steplen = Page.steplen
    parents = {
        page.path: page
        for page in Page.objects.filter(
            path__in={community.path[:-steplen] for community in communities}
        )
    }
    keys = [c.translation_key for c in communities] + [
        p.translation_key for p in parents.values()
    ]
    active = Locale.get_active()
    translated = {}
    if active != Locale.get_default():
        translated = dict(
            Page.objects.live()
            .filter(locale=active, translation_key__in=keys)
            .values_list("translation_key", "title")
        )
    groups: dict[str, list] = {}
    for community in communities:
        parent = parents.get(community.path[:-steplen])
        group = translated.get(parent.translation_key, parent.title) if parent else ""
        groups.setdefault(group, []).append(
            (
                str(community.pk),
                translated.get(community.translation_key, community.title),
            )
        )
    return list(groups.items())


class ReportForm(GuardedFormMixin, forms.Form):
    """Report a problem or make a suggestion, from a phone, with no account."""

    kind = forms.ChoiceField(
        label=_("What do you want to send?"),
        choices=ReportKind.choices,
        initial=ReportKind.PROBLEM,
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(
        label=_("What is it about?"),
        help_text=_("The matters the station handles, from the duty list."),
        widget=LongSelect,
    )
    # The poster's QR code names the community: the form carries only that one
    # (hidden, shown by name on the page). The select of every community of the
    # city is built only when the community sent is missing or unknown.
    community = forms.CharField(max_length=COMMUNITY_ID_MAX, widget=OnePassHiddenInput)
    location = forms.CharField(
        label=_("Where exactly?"),
        max_length=200,
        help_text=_("Street, building, landmark: so the staff can find it."),
        widget=OnePassTextInput(attrs={"autocomplete": "off"}),
    )
    description = forms.CharField(
        label=_("What happened?"),
        max_length=DESCRIPTION_MAX,
        help_text=_("At most 2000 characters. Please do not name other people."),
        widget=OnePassTextarea(attrs={"rows": 5, "maxlength": str(DESCRIPTION_MAX)}),
    )
    photos = PhotosField(
        label=_("Photos"),
        required=False,
        help_text=_(
            "Up to 3 photos, JPEG, PNG, HEIC or WebP, at most 10 MB each. We remove "
            "the location and camera data before storing them."
        ),
        widget=MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    latitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, widget=OnePassHiddenInput
    )
    longitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, widget=OnePassHiddenInput
    )
    allow_publication = forms.BooleanField(
        label=_("You may publish my report and your reply without my name"),
        required=False,
        initial=True,
        help_text=_(
            "Moderators publish reports with names, phones and other personal details "
            "removed."
        ),
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=40,
        required=False,
        widget=OnePassTextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Your phone"),
        max_length=24,
        required=False,
        help_text=_("So the staff can call you back about this report."),
        widget=OnePassTextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Your email"),
        required=False,
        help_text=_("We email you when the state of your report changes."),
        widget=OnePassEmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the bureau uses my name, phone and email only to handle this "
            "report and ask me about the result. Only the staff of this community see "
            "them; they are deleted 180 days after the report is closed, or earlier "
            "when I ask."
        ),
        required=False,
        help_text=_("Only needed when you leave contact details."),
    )

    def __init__(self, *args, choose_community: bool = False, community=None, **kwargs):
        super().__init__(*args, **kwargs)
        choose = ("", _("Choose…"))
        # A community's own public duties (一社区一策) are categories there only.
        own = [
            (item.code, item.title)
            for item in community_items(community, Locale.get_active())
        ]
        local = [(_("This community's own duties"), own)] if own else []
        self.fields["category"].choices = PreparedChoices(
            [choose, *category_choices(), *local]
        )
        if choose_community:
            self.fields["community"] = forms.ChoiceField(
                label=_("Community"),
                help_text=_("The community where it happens."),
                widget=LongSelect,
                choices=PreparedChoices([choose, *community_choices()]),
            )
        self.item = None
        self.community = None

    def clean_category(self):
        self.item = find_item(self.cleaned_data["category"])
        if self.item is None:
            raise ValidationError(_("Choose one of the matters in the list."))
        return self.cleaned_data["category"]

    def clean_community(self):
        self.community = community_from(self.cleaned_data["community"])
        if self.community is None:
            raise ValidationError(_("Choose your community from the list."))
        return self.cleaned_data["community"]

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if not phone:
            return ""
        try:
            return normalise_phone(phone)
        except ReportError as error:
            raise ValidationError(error.message) from error

    def clean(self):
        cleaned = super().clean()
        community_id = getattr(self.item, "community_id", None)
        if community_id and (
            self.community is None
            or self.item.community.translation_key != self.community.translation_key
        ):
            self.add_error("category", _("Choose one of the matters in the list."))
        has_contact = any(cleaned.get(name) for name in ("name", "phone", "email"))
        if has_contact and not cleaned.get("consent"):
            self.add_error(
                "consent",
                _(
                    "Tick the box to agree to how we use your contact details, or "
                    "leave them out."
                ),
            )
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            cleaned["latitude"] = cleaned["longitude"] = None
        elif latitude is not None:
            try:
                if not in_china(Decimal(latitude), Decimal(longitude)):
                    cleaned["latitude"] = cleaned["longitude"] = None
            except (InvalidOperation, TypeError):
                cleaned["latitude"] = cleaned["longitude"] = None
        self.route_to_point(cleaned.get("latitude"), cleaned.get("longitude"))
        return cleaned

    def route_to_point(self, latitude, longitude) -> None:
        """A point (the GPS button's) decides the community: the one whose boundary
        holds it, else the nearest station. Not for a community's own duty, which is
        that community's, nor while the city has no boundaries."""
        if latitude is None or self.community is None:
            return
        if getattr(self.item, "community_id", None):
            return
        routed = routed_community(latitude, longitude, boundaries_only=True)
        if routed is not None:
            self.community = routed


class RatingForm(GuardedFormMixin, forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with the result?"),
        choices=[
            (5, _("5 — very satisfied")),
            (4, _("4 — satisfied")),
            (3, _("3 — acceptable")),
            (2, _("2 — dissatisfied")),
            (1, _("1 — very dissatisfied")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(GuardedFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("What is still wrong?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InformationForm(GuardedFormMixin, forms.Form):
    text = forms.CharField(
        label=_("What would you like to add?"),
        max_length=1000,
        help_text=_("For example: it happens again every evening after 8."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ForgetContactForm(GuardedFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete my name, phone and email from this report"),
    )

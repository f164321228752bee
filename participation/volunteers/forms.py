"""Forms for volunteering: the public sign-up and the staff's decisions, service log
and redemptions. The rules themselves live in `participation.volunteers.signups`."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale, Page

from notices.models import CommunityPage, communities_for
from participation.abuse import GuardedFormMixin
from participation.languages import localized_communities
from participation.policies import is_bureau_wide
from participation.submissions import RETENTION_DAYS, MobileField
from participation.volunteers.models import (
    DAY_CHOICES,
    AgeBracket,
    TimeSlot,
    VolunteerTeam,
)
from participation.volunteers.teams import localized_teams, recruiting_teams
from portal.params import IdChoiceField


def active_locale() -> Locale:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return Locale.objects.filter(language_code=language).first() or Locale.get_default()


def community_choices() -> list:
    """Live communities grouped by subdistrict, titled in the visitor's language
    where translated; the value is always the default-language page's id (the id
    printed in QR codes)."""
    default = Locale.get_default()
    sources = list(
        CommunityPage.objects.live()
        .filter(locale=default)
        .order_by("path")
        .only("pk", "title", "path", "translation_key")
    )
    parents = {
        path: (key, title)
        for path, key, title in Page.objects.filter(
            path__in={page.path[: -Page.steplen] for page in sources}
        ).values_list("path", "translation_key", "title")
    }
    locale = active_locale()
    titles: dict = {}
    if locale.pk != default.pk:
        keys = [page.translation_key for page in sources]
        keys += [key for key, _title in parents.values()]
        titles = dict(
            Page.objects.filter(locale=locale, translation_key__in=keys).values_list(
                "translation_key", "title"
            )
        )
    groups: dict[str, list] = {}
    for page in sources:
        parent_key, parent_title = parents.get(page.path[: -Page.steplen], ("", ""))
        group = titles.get(parent_key, parent_title)
        title = titles.get(page.translation_key, page.title)
        groups.setdefault(group, []).append((str(page.pk), title))
    return [("", _("Choose your community")), *groups.items()]


def team_choices() -> list:
    """Recruiting teams, labelled in the visitor's language; value = source id."""
    teams = list(recruiting_teams())
    translated = localized_teams(teams)
    communities = localized_communities(
        team.community_id for team in teams if team.community_id
    )
    choices = [("", _("Choose a team"))]
    for team in teams:
        label = translated[team.pk].name
        if team.community_id and team.community_id in communities:
            label = f"{label} · {communities[team.community_id].title}"
        choices.append((str(team.pk), label))
    return choices


class VolunteerSignUpForm(GuardedFormMixin, forms.Form):
    """Sign up for a volunteer team, without an account."""

    name = forms.CharField(
        label=_("Name"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = MobileField(
        help_text=_(
            "A mainland mobile number: 11 digits starting with 1 and then 3 to 9, "
            "e.g. 13812345678. The station calls you on it about your sign-up."
        ),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("To be told by email when your sign-up is decided."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    community = forms.ChoiceField(label=_("Your community"))
    team = forms.ChoiceField(
        label=_("Team"),
        help_text=_("See what each team does on the teams page."),
    )
    days = forms.TypedMultipleChoiceField(
        label=_("Days you can help"),
        choices=DAY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one day.")},
    )
    time_slots = forms.MultipleChoiceField(
        label=_("Times of day"),
        choices=TimeSlot.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one time of day.")},
    )
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        max_length=300,
        help_text=_("e.g. first aid, sign language, photography, a second language."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    age_bracket = forms.ChoiceField(
        label=_("Age"),
        choices=AgeBracket.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Under 18: you can volunteer only with a parent or guardian's consent. "
            "Fill in their name below and tick their consent; the station contacts "
            "them before approving."
        ),
    )
    guardian_name = forms.CharField(
        label=_("Parent or guardian's name (under 18 only)"),
        required=False,
        max_length=40,
    )
    guardian_consent = forms.BooleanField(
        label=_(
            "Under 18 only: my parent or guardian named above knows about this "
            "sign-up and agrees to my volunteering."
        ),
        required=False,
    )
    honour_roll = forms.BooleanField(
        label=_(
            "Show me on the public honour roll: only my surname (e.g. 王**) and my "
            "hours, never my full name or phone."
        ),
        required=False,
    )
    consent = forms.BooleanField(
        error_messages={
            "required": _("Please tick the box to agree, or we cannot sign you up.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = community_choices()
        self.fields["team"].choices = team_choices()
        self.fields["consent"].label = _(
            "I agree that the bureau uses my name, phone, email and the answers above "
            "only to organise my volunteering. Only the staff of my community's "
            "station see them. They are deleted %(days)d days after I leave or am "
            "declined."
        ) % {"days": RETENTION_DAYS}

    def clean_community(self) -> CommunityPage:
        community = CommunityPage.objects.filter(
            pk=self.cleaned_data["community"], locale=Locale.get_default()
        ).first()
        if community is None:
            raise ValidationError(_("Choose your community from the list."))
        return community

    def clean_team(self) -> VolunteerTeam:
        team = recruiting_teams().filter(pk=self.cleaned_data["team"]).first()
        if team is None:
            raise ValidationError(_("Choose a team from the list."))
        return team

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("age_bracket") == AgeBracket.UNDER_18:
            if not (cleaned.get("guardian_name") or "").strip():
                self.add_error(
                    "guardian_name",
                    _("Under 18: enter the name of the parent or guardian who agrees."),
                )
            if not cleaned.get("guardian_consent"):
                self.add_error(
                    "guardian_consent",
                    _("Under 18: tick the box to confirm your guardian agrees."),
                )
        team, community = cleaned.get("team"), cleaned.get("community")
        if (
            isinstance(team, VolunteerTeam)
            and isinstance(community, CommunityPage)
            and team.community_id
            and team.community_id != community.pk
        ):
            self.add_error(
                "team",
                _("This team serves another community. Choose a team for yours."),
            )
        return cleaned


# Staff forms (Wagtail admin)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason or message for the volunteer"),
        required=False,
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when declining: the volunteer sees it."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == "decline"
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", _("Give a reason: the volunteer is told why."))
        return cleaned


class ServiceEntryForm(forms.Form):
    activity = forms.CharField(label=_("Activity"), max_length=120)
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,  # called when shown: today, in Beijing
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=0.5,
        max_value=24,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    points = forms.IntegerField(label=_("Points"), min_value=0, initial=0)


class RedemptionForm(forms.Form):
    points = forms.IntegerField(label=_("Points"), min_value=1)
    reward = forms.CharField(
        label=_("Exchanged for"),
        max_length=120,
        help_text=_("e.g. property-fee discount of 50 yuan"),
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
    )


class TeamForm(WagtailAdminModelForm):
    """A team in the editor's own area: a community they are assigned to, or
    citywide for bureau-wide staff only."""

    community = IdChoiceField(
        label=_("Community"),
        queryset=CommunityPage.objects.none(),
        required=False,
        help_text=_(
            "Leave empty for a citywide team that takes volunteers from every "
            "community."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["community"].queryset = (
                communities_for(self.for_user)
                .filter(locale=Locale.get_default())
                .order_by("path")
            )

    def clean_community(self):
        community = self.cleaned_data.get("community")
        user = self.for_user
        if community is None:
            if user is not None and not is_bureau_wide(user):
                message = _(
                    "Choose one of your communities: citywide teams are the bureau's."
                )
                raise ValidationError(message)
        return community

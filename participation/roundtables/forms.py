"""Forms for roundtables: residents' agenda proposals, and the staff's meeting,
moderation, minutes, resolution and follow-up forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from notices.models import CommunityPage, communities_for
from participation.abuse import GuardedFormMixin
from participation.roundtables.meetings import RoundtableError
from participation.roundtables.models import (
    MeetingState,
    Participant,
    ProposalStatus,
    ResolutionStatus,
    Roundtable,
)
from participation.roundtables.proposals import MAX_ITEM_MINUTES
from participation.roundtables.resolutions import clean_report_references
from participation.submissions import MobileField
from portal.params import IdChoiceField


class ProposalForm(GuardedFormMixin, forms.Form):
    """A resident proposes a topic for a meeting's agenda."""

    topic = forms.CharField(
        label=_("Topic"),
        max_length=120,
        help_text=_("In a few words, e.g. cooking fumes from the restaurants."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What is the problem or idea, and where? If your topic is accepted it is "
            "published on the agenda: please do not name neighbours."
        ),
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=40,
        help_text=_("Optional: only if you would like the station to contact you."),
    )
    contact_phone = MobileField(
        required=False,
        help_text=_("Optional. 11 digits starting with 1, e.g. 13812345678."),
    )
    contact_consent = forms.BooleanField(
        label=_(
            "If I leave my name or phone: the station may use them only to ask me "
            "about this topic. They are never published and are deleted after the "
            "meeting's minutes are published."
        ),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        has_contact = cleaned.get("contact_name") or cleaned.get("contact_phone")
        if has_contact and not cleaned.get("contact_consent"):
            self.add_error(
                "contact_consent",
                _(
                    "Tick the box to agree to how we use your contact details, or "
                    "leave them out."
                ),
            )
        return cleaned


# Staff forms (Wagtail admin)


def staff_community_choices(user) -> list:
    """The user's communities in the default language (meetings are stored there)."""
    pages = (
        communities_for(user)
        .filter(locale=Locale.get_default())
        .order_by("path")
        .values_list("pk", "title")
    )
    return [("", "---------"), *((str(pk), title) for pk, title in pages)]


class RoundtableForm(WagtailAdminModelForm):
    """A meeting of one of the user's communities; it ends after it starts."""

    community = IdChoiceField(
        label=_("Community"), queryset=CommunityPage.objects.none()
    )
    standing_participants = forms.MultipleChoiceField(
        label=_("Standing participants"),
        choices=Participant.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    invited_participants = forms.MultipleChoiceField(
        label=_("Invited participants"),
        choices=Participant.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["community"].queryset = communities_for(self.for_user).filter(
                locale=Locale.get_default()
            )
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M",
                "%Y-%m-%d %H:%M:%S",
            ]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return cleaned


class AcceptForm(forms.Form):
    minutes_allotted = forms.IntegerField(
        label=_("Minutes allotted"), min_value=1, max_value=MAX_ITEM_MINUTES, initial=15
    )
    position = forms.IntegerField(
        label=_("Place on the agenda"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to add it at the end."),
    )
    topic = forms.CharField(
        label=_("Topic as published"), max_length=120, required=False
    )
    description = forms.CharField(
        label=_("Description as published"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Reword to take out anything that identifies a person."),
    )


class RecordChoiceField(forms.ChoiceField):
    """A choice among the few records `offer` is given, each shown by its label;
    the field cleans to the record chosen."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.records: dict = {}

    def offer(self, records, label) -> None:
        self.records = {str(record.pk): record for record in records}
        self.choices = [(key, label(record)) for key, record in self.records.items()]

    def clean(self, value):
        return self.records[super().clean(value)]


class MergeForm(forms.Form):
    into = RecordChoiceField(label=_("Merge into"))

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        others = proposal.meeting.proposals.exclude(pk=proposal.pk).filter(
            status__in=[ProposalStatus.ACCEPTED, ProposalStatus.SUBMITTED]
        )
        self.fields["into"].offer(
            others, lambda item: f"{item.reference} · {item.topic}"
        )


class DeferForm(forms.Form):
    to_meeting = RecordChoiceField(label=_("Defer to"))

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = proposal.meeting
        later = Roundtable.objects.filter(
            community_id=meeting.community_id, starts_at__gt=meeting.starts_at
        ).exclude(state__in=[MeetingState.HELD, MeetingState.MINUTES_PUBLISHED])
        self.fields["to_meeting"].offer(
            later.order_by("starts_at"),
            lambda item: (
                f"{timezone.localtime(item.starts_at):%Y-%m-%d} · {item.title}"
            ),
        )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Public reason"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published with the topic: explain why it is not taken up."),
    )


class MinutesForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 6})
    )
    attendance_count = forms.IntegerField(label=_("People attending"), min_value=1)
    organisations = forms.CharField(
        label=_("Organisations present"),
        max_length=300,
        required=False,
        help_text=_("Organisations only, never the names of residents."),
    )


class ResolutionForm(forms.Form):
    text = forms.CharField(
        label=_("What was decided"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    owner = forms.CharField(
        label=_("Owner"),
        max_length=120,
        help_text=_("The organisation responsible, e.g. the city-management squad."),
    )
    due_date = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    proposal = forms.ChoiceField(label=_("Agenda item"), required=False)
    report_references = forms.CharField(
        label=_("Linked reports"),
        required=False,
        max_length=300,
        help_text=_(
            "Reference codes of the problem reports it settles, comma-separated."
        ),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        items = meeting.proposals.filter(status=ProposalStatus.ACCEPTED).order_by(
            "position"
        )
        self.items = {str(item.pk): item for item in items}
        self.fields["proposal"].choices = [
            ("", "---------"),
            *(
                (key, f"{item.position}. {item.topic}")
                for key, item in self.items.items()
            ),
        ]

    def clean_proposal(self):
        return self.items.get(self.cleaned_data.get("proposal") or "")

    def clean_report_references(self) -> list[str]:
        try:
            return clean_report_references(self.cleaned_data["report_references"])
        except RoundtableError as error:
            raise ValidationError(error.message) from error


class UpdateForm(forms.Form):
    text = forms.CharField(
        label=_("Progress"), max_length=600, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(label=_("Status"), choices=ResolutionStatus.choices)
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate

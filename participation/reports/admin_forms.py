"""The staff's forms on a report's admin page, one per action (see
`admin_detail.build_form`)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participation.reports.models import ReportState, Triage


class TextActionForm(forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("report log", "Text"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AcceptForm(forms.Form):
    note = forms.CharField(
        label=_("Message to the resident (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    public_title = forms.CharField(
        label=_("Public summary (optional)"),
        required=False,
        max_length=120,
        help_text=_(
            "For accepted suggestions: shown on the station's list of what residents "
            "asked for. No names."
        ),
    )


class TriageForm(forms.Form):
    level = forms.ChoiceField(label=_("Triage"), choices=Triage.choices)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the resident)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StateForm(ReasonForm):
    state = forms.ChoiceField(label=_("New state"), choices=ReportState.choices)
    field_order = ["state", "reason"]


class DuplicateForm(forms.Form):
    original = forms.CharField(
        label=_("Reference of the original report"), max_length=12
    )
    reason = forms.CharField(label=_("Comment"), required=False, max_length=500)


class DepartmentForm(forms.Form):
    department = forms.CharField(label=_("Department"), max_length=120)
    reason = forms.CharField(
        label=_("Reason (shown to the resident)"), required=False, max_length=1000
    )


class AssignForm(forms.Form):
    station = forms.ChoiceField(label=_("Station"), required=False)
    staff = forms.ChoiceField(label=_("Staff member"), required=False)

    def __init__(self, *args, stations=(), staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].choices = [("", "—"), *stations]
        self.fields["staff"].choices = [("", "—"), *staff]


class PublishForm(forms.Form):
    title = forms.CharField(label=_("Public summary"), max_length=120)
    text = forms.CharField(
        label=_("Public text"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Remove names, phone numbers, house numbers and anything personal."
        ),
    )
    photos = forms.MultipleChoiceField(
        label=_("Photos to show"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, photo_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photos"].choices = list(photo_choices)

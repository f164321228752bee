"""The staff's forms on a report's admin page, one per action (see
`admin_detail.build_form`). Each carries the version of the report the page showed
(`seen`), so an action on a report changed since is refused as stale, and the
action's handling mode (the 721 method, participation/reports/handling.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participation.reports.handling import mode_choices
from participation.reports.models import Report, Triage


def version(report: Report) -> str:
    """What the report looked like: its state and the time of its last change."""
    return f"{report.state}@{report.updated_at.isoformat()}"


class HandlingModeField(forms.ChoiceField):
    """How the problem was handled (721): service, management or enforcement."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Handling mode (721 method)"))
        kwargs.setdefault(
            "error_messages",
            {"required": _("Choose how the problem was handled.")},
        )
        super().__init__(choices=mode_choices, **kwargs)


class ActionForm(forms.Form):
    """A staff action's form: the report's version the page was opened on, and how
    the problem was handled."""

    seen = forms.CharField(widget=forms.HiddenInput, max_length=80)
    handling_mode = HandlingModeField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The mode comes last, after what the action itself asks.
        self.order_fields([name for name in self.fields if name != "handling_mode"])


class TextActionForm(ActionForm):
    text = forms.CharField(
        label=pgettext_lazy("report log", "Text"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AcceptForm(ActionForm):
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


class TriageForm(ActionForm):
    level = forms.ChoiceField(label=_("Triage"), choices=Triage.choices)


class ReasonForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason (shown to the resident)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StateForm(ReasonForm):
    """Only the states the report may move to now (`states.targets`)."""

    state = forms.ChoiceField(label=_("New state"))
    field_order = ["state", "reason"]

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = list(targets)


class DuplicateForm(ActionForm):
    original = forms.CharField(
        label=_("Reference of the original report"), max_length=12
    )
    reason = forms.CharField(label=_("Comment"), required=False, max_length=500)


class MergeForm(ActionForm):
    """Merge (合并) into another open report on the same matter: this one then
    follows it."""

    original = forms.CharField(
        label=_("Reference of the report to merge into"),
        max_length=12,
        help_text=_(
            "An open report of your communities. This report then follows its "
            "state; both residents are told."
        ),
    )
    reason = forms.CharField(label=_("Comment"), required=False, max_length=500)


class DepartmentForm(ActionForm):
    department = forms.CharField(label=_("Department"), max_length=120)
    reason = forms.CharField(
        label=_("Reason (shown to the resident)"), required=False, max_length=1000
    )


class EscalateForm(ActionForm):
    """吹哨报到: one of the departments the bureau keeps (participation/departments)."""

    department = forms.ChoiceField(label=_("Department"))
    reason = forms.CharField(
        label=_("Reason (shown to the resident)"), required=False, max_length=1000
    )

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "---------"), *departments]


class AssignForm(ActionForm):
    """Dispatch (派单): the report's own station is chosen first; another station
    needs a reason, which goes in the log."""

    station = forms.ChoiceField(label=_("Station"), required=False)
    staff = forms.ChoiceField(
        label=_("Person"),
        required=False,
        help_text=_(
            "People on this community's roster with a sign-in account: the report "
            "reaches them there."
        ),
    )
    reason = forms.CharField(
        label=_("Reason for another community's station"),
        required=False,
        max_length=500,
        help_text=_("Needed only when the station is not the report's own."),
    )

    def __init__(self, *args, stations=(), staff=(), own_station=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_station = own_station
        self.fields["station"].choices = [("", "—"), *stations]
        self.fields["staff"].choices = [("", "—"), *staff]
        if own_station is not None:
            self.fields["station"].initial = str(own_station)

    def clean(self):
        data = super().clean()
        station = data.get("station")
        if not station and not data.get("staff"):
            raise forms.ValidationError(_("Choose a station or a staff member."))
        other = station and self.own_station is not None
        if other and station != str(self.own_station) and not data.get("reason"):
            self.add_error(
                "reason",
                _(
                    "This is another community's station: say why it should "
                    "handle the report."
                ),
            )
        return data


class PublishForm(ActionForm):
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

"""Forms residents and staff fill in about event registrations."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from participation.abuse import GuardedFormMixin
from participation.submissions import RETENTION_DAYS, MobileField


class RegistrationForm(GuardedFormMixin, forms.Form):
    """Register for one event, without an account.

    The guard adds a honeypot and a signed one-time form token; its key makes a
    second submit of the same form find the first registration instead of storing
    another (see `participation.registrations.rules.register`).
    """

    name = forms.CharField(label=_("Name"), max_length=40)
    phone = MobileField(
        help_text=_("A mainland mobile number, 11 digits, e.g. 13812345678."),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("For a confirmation and a reminder the day before."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    party_size = forms.IntegerField(label=_("How many people, you included"), initial=1)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: needs wheelchair access. "
            "No personal details of others, please."
        ),
    )
    join_waitlist = forms.BooleanField(
        label=_("If the event is full, put me on the waitlist"),
        required=False,
        initial=True,
    )
    consent = forms.BooleanField(
        error_messages={
            "required": _("Please tick the box to agree, or we cannot register you.")
        },
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["consent"].label = _(
            "I agree that the bureau uses my name, mobile number and email only to "
            "manage this registration and contact me about this event. Only the "
            "staff running the event see them; they are deleted %(days)d days after "
            "the event."
        ) % {"days": RETENTION_DAYS}
        most = event.max_party_size
        field = self.fields["party_size"]
        message = _("Between 1 and %(most)d people.") % {"most": most}
        field.validators = [
            MinValueValidator(1, message),
            MaxValueValidator(most, message),
        ]
        field.widget.attrs.update({"min": "1", "max": str(most)})
        field.help_text = message
        field.error_messages["invalid"] = message
        if not event.waitlist_enabled:
            del self.fields["join_waitlist"]


class CheckInForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )

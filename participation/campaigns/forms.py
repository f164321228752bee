"""The public forms of a model-merchant campaign: nominate a shop, vote (phone
number, then the code sent to it). The rules live in `voting`."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from notices.models import CommunityPage
from participation.abuse import GuardedFormMixin
from participation.submissions import MobileField
from participation.volunteers.forms import community_choices
from portal.params import parse_id


class NominationForm(GuardedFormMixin, forms.Form):
    shop_name = forms.CharField(
        label=_("Shop name"),
        max_length=100,
        help_text=_("As it is written on the shop sign."),
    )
    community = forms.ChoiceField(label=_("Community"))
    reason = forms.CharField(
        label=_("Why this shop"),
        max_length=500,
        help_text=_(
            "What the shop does for its shop-front duties and its neighbours. "
            "Please write no names or phone numbers."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = community_choices()

    def clean_community(self):
        pk = parse_id(self.cleaned_data.get("community"))
        community = CommunityPage.objects.filter(
            pk=pk, locale=Locale.get_default()
        ).first()
        if community is None:
            raise forms.ValidationError(_("Choose your community from the list."))
        return community


class VoteForm(GuardedFormMixin, forms.Form):
    candidate = forms.ChoiceField(
        label=_("Your choice"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one shop.")},
    )
    phone = MobileField(
        help_text=_(
            "We send a six-digit code to this number. One vote per number in each "
            "campaign; the number itself is not kept."
        ),
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(candidate.pk): candidate for candidate in candidates}
        self.fields["candidate"].choices = [
            (pk, candidate.merchant.name) for pk, candidate in self.candidates.items()
        ]

    def clean_candidate(self):
        return self.candidates[self.cleaned_data["candidate"]]


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the text message"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}
        ),
    )

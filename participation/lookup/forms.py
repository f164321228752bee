"""The look-up form: a reference code and a mobile number, each read the way
people write them (full-width characters, spaces, dashes, +86)."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from participation.abuse import GuardedFormMixin
from participation.submissions import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    MobileField,
)

REFERENCE_PATTERN = re.compile(f"[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}}")
LONGEST_INPUT = 40


def normalise_reference(raw: str) -> str | None:
    """A reference code as stored (K7M2-QX9P, ｋ７ｍ２ｑｘ９ｐ → K7M2QX9P), or None
    for anything that cannot be one."""
    if len(raw or "") > LONGEST_INPUT:
        return None
    text = unicodedata.normalize("NFKC", raw or "")
    text = re.sub(r"[\s\-_.·#]", "", text).upper()
    return text if REFERENCE_PATTERN.fullmatch(text) else None


class LookupForm(GuardedFormMixin, forms.Form):
    reference = forms.CharField(
        label=pgettext_lazy("lookup", "Reference code"),
        help_text=_(
            "The 8 letters and digits on your confirmation, for example K7M2QX9P."
        ),
        widget=forms.TextInput(
            attrs={
                "autocapitalize": "characters",
                "autocomplete": "off",
                "spellcheck": "false",
                "maxlength": str(LONGEST_INPUT),
            }
        ),
    )
    phone = MobileField(
        label=_("Mobile phone you gave"),
        help_text=_("The link can only be sent to the number on the submission."),
    )

    def clean_reference(self) -> str:
        reference = normalise_reference(self.cleaned_data.get("reference", ""))
        if reference is None:
            raise ValidationError(
                _(
                    "A reference code has 8 letters and digits, for example "
                    "K7M2QX9P. Copy it from your confirmation."
                ),
                code="reference",
            )
        return reference

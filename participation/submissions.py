"""What every resident submission shares: reports, event registrations, volunteer
sign-ups and roundtable proposals.

Each gets a short reference code the resident can quote and, where it has a private
link, a random token of which only the hash is stored. Mobile numbers are read the
same way everywhere, names and phones are masked by one privacy rule wherever staff
without the personal-data permission (or the resident's own page) show them, and
personal data is kept for the one retention period the forms state.
"""

import hashlib
import re
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from participation.notifications.links import absolute_url

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
REFERENCE_LENGTH = 8
TOKEN_BYTES = 32  # 256 bits: a private link is the only key to a submission
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_\-]+")  # what secrets.token_urlsafe makes
# The consent text on each form states this figure: registrations' and volunteers'
# personal data, and (by default) reports' contact details, go after this many days.
RETENTION_DAYS = 180
MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")
COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
    "夏侯", "长孙", "宇文", "司徒", "轩辕", "端木", "西门", "南宫", "独孤", "申屠",
)  # fmt: skip


class SubmissionError(Exception):
    """A submission or change that cannot be made, with a message for the person
    (translated) and the form field it concerns, if any."""

    def __init__(self, code: str, message, field_name: str | None = None):
        super().__init__(code)
        self.code = code
        self.message = message
        self.field_name = field_name

    def show_on(self, form) -> None:
        """Add the message to `form`: at its field when the form has that field,
        otherwise above the form."""
        field = self.field_name if self.field_name in form.fields else None
        form.add_error(field, self.message)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """Only hashes of private-link tokens and API keys are stored: a copy of the
    database opens nobody's submission."""
    return hashlib.sha256(token.encode()).hexdigest()


def renew_token(submission: models.Model) -> str:
    """A fresh private link for a submission whose form was sent again: only the
    hash is kept, so the first link cannot be shown twice; it stops working."""
    token = new_token()
    submission.token_hash = hash_token(token)
    submission.save(update_fields=["token_hash"])
    return token


def find_by_token(queryset: models.QuerySet, token: str):
    """The submission a private link opens, or None for a forged or unknown link
    (anything that cannot be one of our tokens is refused before any query)."""
    if not token or len(token) > 100 or not TOKEN_PATTERN.fullmatch(token):
        return None
    return queryset.filter(token_hash=hash_token(token)).first()


def private_link(url_name: str, token: str, language: str) -> str:
    """The absolute address of a private page, in the resident's language, for a
    message sent to them."""
    with translation.override(language):
        return absolute_url(reverse(url_name, args=[token]))


def submission_language(language: str | None = None) -> str:
    """The language a submission's messages go out in: the one given, else the
    page's, else the site's default."""
    return language or translation.get_language() or settings.LANGUAGE_CODE


def save_new(submission: models.Model, duplicate: SubmissionError) -> None:
    """Insert a new submission, raising `duplicate` (a message for the person, not a
    server error) when a unique constraint refuses it: two submits raced past the
    caller's own check, and the constraint keeps one."""
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError as error:
        raise duplicate from error


def still_in(
    model: type[models.Model], pk: int, status: str, *related: str
) -> models.Model | None:
    """The submission `pk` if it still stands in `status` when a message about it
    goes out (one cancelled or withdrawn before the task ran gets none), else None;
    `related` are the records the message reads with it."""
    found = model.objects.filter(pk=pk, status=status)
    if related:
        found = found.select_related(*related)
    return found.first()


def new_reference(prefix: str = "") -> str:
    """A random reference code of REFERENCE_LENGTH characters starting with `prefix`."""
    drawn = (
        secrets.choice(REFERENCE_ALPHABET)
        for _i in range(len(prefix), REFERENCE_LENGTH)
    )
    return prefix + "".join(drawn)


def unused_reference(model: type[models.Model], prefix: str = "") -> str:
    """A reference code no row of `model` holds yet (the unique column still decides
    should two submissions draw the same one at the same moment)."""
    while True:
        reference = new_reference(prefix)
        if not model.objects.filter(reference=reference).exists():
            return reference


def normalise_mobile(
    raw: str,
    error: type[SubmissionError] = SubmissionError,
    field_name: str = "phone",
) -> str:
    """A mainland mobile number as its 11 digits, or `error` for the given field.

    Accepts spaces, dashes, brackets and a +86 / 0086 / 86 prefix, as people write them.
    """
    digits = re.sub(r"[\s\-()（）]", "", raw or "")
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if not MOBILE_PATTERN.match(digits):
        raise error(
            "invalid-phone",
            _(
                "Enter a mainland mobile number: 11 digits, starting with 1 and then "
                "a digit from 3 to 9, for example 13812345678."
            ),
            field_name,
        )
    return digits


class MobileField(forms.CharField):
    """A form's mainland mobile number, read as `normalise_mobile` reads it; an
    empty optional field stays empty."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile phone"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def widget_attrs(self, widget) -> dict:
        attrs = super().widget_attrs(widget)
        attrs.update(inputmode="tel", autocomplete="tel")
        return attrs

    def clean(self, value) -> str:
        value = super().clean(value)
        if not value:
            return ""
        try:
            return normalise_mobile(value)
        except SubmissionError as error:
            raise ValidationError(error.message, code=error.code) from error


def mask_name(name: str) -> str:
    """The surname and two stars: 王秀英 → 王**, 王伟 → 王**, 欧阳晓禾 → 欧阳**,
    Li Lei → L**.

    Always two stars, so the mask does not give away the length of the given name.
    """
    name = (name or "").strip()
    if not name:
        return ""
    surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s)), name[0])
    return f"{surname}**"


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678; a number too short to keep both ends, all stars."""
    phone = phone or ""
    if len(phone) < 7:
        return "*" * len(phone)
    return f"{phone[:3]}****{phone[-4:]}"


class MaskedContact:
    """`masked_name` and `masked_phone` for a model with `name` and `phone` fields."""

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class PrivateSubmission(MaskedContact, models.Model):
    """What a resident's sign-up with a private link stores (an event registration,
    a volunteer sign-up): its reference, the hash of its link's token, the person's
    contact, the language their messages go out in and when they consented.

    Each model adds its own `submission_key`, whose help text names the record."""

    reference = models.CharField(_("reference code"), max_length=12, unique=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=40)
    phone = models.CharField(_("mobile phone"), max_length=11)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(max_length=10, default="zh-hans", editable=False)
    consented_at = models.DateTimeField(_("consent given"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        # The reference only: names never end up in logs or admin titles by accident.
        return self.reference

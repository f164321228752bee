"""One way to read query parameters: a small Form per view.

Each view that reads `request.GET` (or a few POST fields outside a model form) declares
its parameters once, as a `ParamsForm`, and asks `read_params` for the cleaned values.
Whatever a visitor types (a NUL byte, "²", a number beyond the database's bigint,
"1e999", the same key twice, ten thousand characters) ends as a 400 with the errors in
the visitor's language (`read_params`), or on the page itself for pages that show their
own errors (`check_params`). A listing's filter with an unknown value is ignored, as
pages here always did (`FilterChoiceField`); a malformed one is not. Nothing
unvalidated reaches the database, where PostgreSQL refuses NUL and integers overflow.

Path arguments go through the `id` converter registered here: ASCII digits that fit a
bigint, anything else is simply not an address (404).
"""

import re
from typing import Any

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from portal.text import clauses

# The largest primary key PostgreSQL's bigint (and SQLite's integer) can hold.
MAX_ID = 2**63 - 1
# No parameter of this site needs more; longer values are refused before any parsing.
MAX_VALUE_LENGTH = 1000
ASCII_INTEGER = re.compile(r"-?[0-9]+")


class BadParameters(BadRequest):
    """Raised by `read_params`; Django answers it through `handler400`."""

    def __init__(self, messages: list[str]):
        super().__init__(clauses(messages))
        self.messages = messages


class AsciiIntegerField(forms.IntegerField):
    """An integer written with ASCII digits only: `int()` would accept "１２" and
    crash on "²", both of which `str.isdigit()` lets through."""

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = value.strip()
            if value and not ASCII_INTEGER.fullmatch(value):
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdField(AsciiIntegerField):
    """A database id: a positive whole number that fits a bigint."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


def parse_id(value: Any) -> int | None:
    """One id from a form the view does not own (a formset row, a hidden input):
    the id, or None for anything that is not one."""
    try:
        return IdField(required=True).clean(value)
    except ValidationError:
        return None


class PageNumberField(AsciiIntegerField):
    """A page of a listing. Like Django's `Paginator.get_page`, which the listings
    use, a page that is not a positive number means the first page."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> int | None:
        try:
            return super().clean(value)
        except ValidationError:
            return None


class IdListField(forms.Field):
    """Every value of a repeated key (`?ids=1&ids=2`), each a database id."""

    widget = forms.MultipleHiddenInput
    repeatable = True

    def __init__(self, *, max_count: int = 500, **kwargs: Any):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.max_count = max_count

    def clean(self, value: Any) -> list[int]:
        values = value or []
        if len(values) > self.max_count:
            raise ValidationError(
                _("At most %(n)s at a time.") % {"n": self.max_count}, code="max"
            )
        item = IdField(required=True)
        return [item.clean(one) for one in values]


class IdChoiceField(forms.ModelChoiceField):
    """A ModelForm's choice of a record by id: an id no database integer can hold is
    simply not among the choices (the lookup would overflow before saying so)."""

    def to_python(self, value: Any) -> Any:
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        numeric = isinstance(key, models.IntegerField | models.ForeignKey)
        if value not in self.empty_values and numeric:
            try:
                IdField(required=True).clean(value)
            except ValidationError as error:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                ) from error
        return super().to_python(value)


class FilterChoiceField(forms.ChoiceField):
    """A listing's filter: an unknown value shows the unfiltered listing, as a stale
    link from an older version of the page would expect."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = self.to_python(value)
        return value if self.valid_value(value) else ""


def raw_values(data: QueryDict | dict, name: str) -> list:
    if isinstance(data, QueryDict):
        return data.getlist(name)
    return [data[name]] if name in data else []


class ParamsForm(forms.Form):
    """The parameters one view reads. Besides each field's own checks: every declared
    parameter is given at most once (unless its field is `repeatable`) and no value
    of it is longer than MAX_VALUE_LENGTH or holds a NUL byte."""

    def __init__(self, data: QueryDict | dict, **kwargs: Any):
        self.raw = data
        super().__init__(data, **kwargs)

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.fields:
            values = [str(value) for value in raw_values(self.raw, name)]
            field = self.fields[name]
            if len(values) > 1 and not getattr(field, "repeatable", False):
                self.add_field_error(name, _("Give this parameter only once."))
            elif any(len(value) > MAX_VALUE_LENGTH for value in values):
                self.add_field_error(
                    name,
                    _("This value is too long (at most %(n)s characters).")
                    % {"n": MAX_VALUE_LENGTH},
                )
            elif any("\x00" in value for value in values):
                self.add_field_error(name, _("Null characters are not allowed."))

    def add_field_error(self, name: str, message: str) -> None:
        if name not in self.errors:
            self.add_error(name, message)

    def messages(self) -> list[str]:
        return [
            f"{name}: {error}"
            for name, errors in self.errors.items()
            for error in errors
        ]


def check_params(
    form_class: type[ParamsForm], data: QueryDict | dict, **kwargs: Any
) -> tuple[dict[str, Any], list[str]]:
    """The cleaned parameters, a bad one as if it had not been given, and the
    messages naming what was wrong: for pages that show their own errors."""
    form = form_class(data, **kwargs)
    if form.is_valid():
        return form.cleaned_data, []
    cleaned = dict(form.cleaned_data)
    for name, field in form.fields.items():
        if name not in cleaned:
            cleaned[name] = field.to_python(None)
    return cleaned, form.messages()


def read_params(
    form_class: type[ParamsForm], data: QueryDict | dict, **kwargs: Any
) -> dict[str, Any]:
    """The cleaned parameters, or BadParameters (a 400 in the visitor's language)."""
    cleaned, messages = check_params(form_class, data, **kwargs)
    if messages:
        raise BadParameters(messages)
    return cleaned


def bad_request(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    """`handler400`: the site's error page, naming what was wrong with the address."""
    messages = getattr(exception, "messages", None) or []
    return render(request, "400.html", {"problems": messages}, status=400)


class IdConverter:
    """`<id:name>`: like `<int:name>`, but an id beyond a bigint is no address."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

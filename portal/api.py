"""Wagtail's read-only pages API for apps and mini-programs (`/api/v2/pages/`).

Wagtail reads its parameters in many places (the filters, the paginator, the
serializer); values that its own checks let through (a NUL byte that PostgreSQL
refuses, an offset beyond any database integer, a date that is not one) would
otherwise end as a 500. Each listing, detail and find request first passes the
parameters through one `ParamsForm`, and a filter value the database cannot take is
answered as Wagtail answers its own bad requests: 400 with `{"message": …}`.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from portal.params import (
    MAX_ID,
    AsciiIntegerField,
    IdField,
    ParamsForm,
    check_params,
    raw_values,
)

# Far beyond the number of pages the site will ever have, well inside a bigint.
MAX_OFFSET = 1_000_000


class PageTreeField(forms.CharField):
    """`child_of` and friends: a page id, or `root` where Wagtail accepts it."""

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if value and value != "root":
            IdField().clean(value)
        return value


def count_field() -> AsciiIntegerField:
    return AsciiIntegerField(required=False, min_value=0, max_value=MAX_OFFSET)


class PagesParams(ParamsForm):
    """Every parameter Wagtail reads, with the bounds the database can take; Wagtail
    checks the meaning (a known field, type, locale) itself."""

    offset = count_field()
    limit = count_field()
    fields = forms.CharField(required=False)
    order = forms.CharField(required=False)
    search = forms.CharField(required=False, max_length=255)
    search_operator = forms.CharField(required=False, max_length=10)
    rich_text_format = forms.CharField(required=False, max_length=20)
    format = forms.CharField(required=False, max_length=20)
    type = forms.CharField(required=False)
    child_of = PageTreeField(required=False)
    ancestor_of = PageTreeField(required=False)
    descendant_of = PageTreeField(required=False)
    translation_of = PageTreeField(required=False)
    locale = forms.CharField(required=False, max_length=20)
    site = forms.CharField(required=False, max_length=255)
    id = IdField()
    html_path = forms.CharField(required=False)


class PortalPagesAPIViewSet(PagesAPIViewSet):
    def get_queryset(self) -> QuerySet:
        # Every view of the endpoint (listing, detail, find) starts here.
        _params, messages = check_params(PagesParams, self.request.GET)
        if messages:
            raise BadRequestError(" ".join(messages))
        return super().get_queryset()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        self.check_field_filters(queryset)
        try:
            return super().filter_queryset(queryset)
        except (ValidationError, ValueError) as error:
            # A date filter that is no date, and the like: Wagtail hands the raw
            # value to the database layer, which refuses it.
            raise BadRequestError(gettext("A filter value is not valid.")) from error

    def check_field_filters(self, queryset: QuerySet) -> None:
        """Filters on the page's own fields (`?title=…`): no NUL, no over-long value,
        and ids that fit the database."""
        names = self.get_available_fields(queryset.model, db_fields_only=True)
        for name in names:
            values = raw_values(self.request.GET, name)
            if not values:
                continue
            try:
                field = queryset.model._meta.get_field(name)
            except LookupError:
                field = None
            for value in values:
                if "\x00" in value or len(value) > 255:
                    raise BadRequestError(
                        gettext("%(name)s: this value is not valid.") % {"name": name}
                    )
                if isinstance(field, models.IntegerField | models.ForeignKey):
                    try:
                        IdField(min_value=-MAX_ID).clean(value)
                    except ValidationError as error:
                        raise BadRequestError(
                            gettext("%(name)s: this value is not valid.")
                            % {"name": name}
                        ) from error


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)

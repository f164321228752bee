"""What a request to the API may ask, checked before anything is looked up or stored:
the filters of the list of requests, the id of one, and the fields of a partner's
post. A parameter that cannot be read is a 400 error naming it, never a 500."""

from datetime import datetime
from decimal import Decimal

from django import forms
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy

from participation.api.errors import ApiError
from participation.api.serialising import open311_status
from participation.reports.models import Report, ReportKind, ReportState
from portal.params import AsciiIntegerField, IdField, ParamsForm

PAGE_SIZE = 50
MAX_IDS = 50


def parse_when(value: str, name: str, end: bool = False) -> datetime:
    invalid = ApiError(
        400,
        translation.gettext(
            "%(name)s must be a W3C date-time, e.g. 2026-05-01T08:00:00+08:00."
        )
        % {"name": name},
    )
    try:
        # A date alone first: parse_datetime would read it as that day's midnight,
        # and an end_date of one day must include the whole day.
        day = parse_date(value[:40])
        moment = None if day else parse_datetime(value[:40])
    except ValueError as error:
        raise invalid from error
    if moment is None:
        if day is None:
            raise invalid
        moment = datetime.combine(
            day, datetime.max.time() if end else datetime.min.time()
        )
    if not 1900 <= moment.year <= 9000:
        raise invalid
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class RequestsParams(ParamsForm):
    """The filters of requests.json / requests.xml. The help texts are the OpenAPI
    document's descriptions (for partners' developers, in English)."""

    service_request_id = forms.CharField(
        required=False,
        help_text="Comma-separated ids (at most 50); other filters are ignored.",
    )
    service_code = forms.CharField(
        required=False, help_text="Comma-separated service codes."
    )
    status = forms.CharField(
        required=False, help_text="open, closed or both comma-separated."
    )
    start_date = forms.CharField(
        required=False,
        help_text="W3C date-time; requests received (requested_datetime) at or "
        "after it.",
    )
    end_date = forms.CharField(
        required=False,
        help_text="W3C date-time; requests received at or before it.",
    )
    updated_after = forms.CharField(
        required=False,
        help_text="W3C date-time; requests changed (updated_datetime) after it. "
        "With this or updated_before the oldest change comes first, so a partner "
        "pulls changes by passing the last updated_datetime it saw.",
    )
    updated_before = forms.CharField(
        required=False,
        help_text="W3C date-time; requests changed at or before it.",
    )
    address_id = IdField(
        help_text="A community id (as in the station posters' QR codes).",
        error_messages={
            key: gettext_lazy("address_id must be a number.")
            for key in ("invalid", "min_value", "max_value")
        },
    )
    page = AsciiIntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=f"Page number, {PAGE_SIZE} requests a page; a Link header names "
        "the next page.",
        error_messages={
            key: gettext_lazy("page must be a positive whole number.")
            for key in ("invalid", "min_value", "max_value")
        },
    )
    locale = forms.CharField(
        required=False, max_length=20, help_text="zh-hans (default) or en."
    )


def filter_requests(params: dict) -> QuerySet:
    reports = Report.objects.select_related("community", "duplicate_of")
    ids = params["service_request_id"]
    if ids:
        wanted = [part.strip().upper() for part in ids.split(",") if part.strip()]
        if len(wanted) > MAX_IDS or any(len(part) > 12 for part in wanted):
            raise ApiError(400, translation.gettext("Too many or malformed ids."))
        return reports.filter(reference__in=wanted)
    codes = params["service_code"]
    if codes:
        wanted = [part.strip() for part in codes.split(",") if part.strip()]
        if any(len(part) > 20 for part in wanted):
            raise ApiError(400, translation.gettext("Malformed service_code."))
        reports = reports.filter(category_code__in=wanted)
    statuses = params["status"]
    if statuses:
        wanted = {part.strip().lower() for part in statuses.split(",") if part.strip()}
        if not wanted <= {"open", "closed"}:
            raise ApiError(400, translation.gettext("status must be open or closed."))
        states = [
            state for state in ReportState.values if open311_status(state) in wanted
        ]
        reports = reports.filter(state__in=states)
    start = end = None
    if params["start_date"]:
        start = parse_when(params["start_date"], "start_date")
        reports = reports.filter(created_at__gte=start)
    if params["end_date"]:
        end = parse_when(params["end_date"], "end_date", end=True)
        reports = reports.filter(created_at__lte=end)
    if start and end and end < start:
        raise ApiError(400, translation.gettext("end_date is before start_date."))
    after = before = None
    if params["updated_after"]:
        after = parse_when(params["updated_after"], "updated_after")
        reports = reports.filter(updated_at__gt=after)
    if params["updated_before"]:
        before = parse_when(params["updated_before"], "updated_before", end=True)
        reports = reports.filter(updated_at__lte=before)
    if after and before and before < after:
        raise ApiError(
            400, translation.gettext("updated_before is before updated_after.")
        )
    if params["address_id"]:
        reports = reports.filter(community_id=params["address_id"])
    if after or before:
        # Pulling changes: oldest change first, so new changes only ever add pages.
        return reports.order_by("updated_at", "pk")
    return reports.order_by("-created_at", "-pk")


class RequestIdParams(ParamsForm):
    request_id = forms.CharField(max_length=40)


class ServiceCodeParams(ParamsForm):
    service_code = forms.CharField(max_length=40)


class ServicesParams(ParamsForm):
    address_id = forms.CharField(
        required=False,
        help_text="A community id: that community's own public duties are listed too.",
    )
    locale = forms.CharField(
        required=False, max_length=20, help_text="zh-hans (default) or en."
    )


def coordinate(name: str, limit: int) -> forms.DecimalField:
    """Degrees, finite and on the globe: "1e999" and "nan" are refused here."""
    return forms.DecimalField(
        required=False,
        min_value=-limit,
        max_value=limit,
        error_messages={
            "invalid": lazy(number_error, str)(name),
            "min_value": gettext_lazy("lat or long is out of range."),
            "max_value": gettext_lazy("lat or long is out of range."),
        },
    )


def number_error(name: str) -> str:
    return translation.gettext("%(name)s must be a number.") % {"name": name}


class CreateParams(ParamsForm):
    """The fields of a POST, checked before anything is looked up or stored."""

    api_key = forms.CharField(
        required=False, max_length=200, help_text="The key issued in the admin."
    )
    service_code = forms.CharField(required=False, help_text="From services.json.")
    lat = coordinate("lat", 90)
    long = coordinate("long", 180)
    address_id = forms.CharField(
        required=False,
        help_text="A community id; else the community nearest lat/long.",
    )
    description = forms.CharField(
        required=False, strip=False, help_text="At most 2000 characters."
    )
    address_string = forms.CharField(required=False)
    first_name = forms.CharField(required=False)
    last_name = forms.CharField(required=False)
    phone = forms.CharField(required=False)
    email = forms.CharField(required=False)
    locale = forms.CharField(
        required=False, max_length=20, help_text="zh-hans (default) or en."
    )


KIND_ATTRIBUTE = "attribute[kind]"
# GeoReport's attribute[<code>] of the service definition (serialising.py): the name
# holds brackets, so it cannot be declared in the class body.
CreateParams.base_fields[KIND_ATTRIBUTE] = forms.ChoiceField(
    required=False,
    choices=[("", ""), *ReportKind.choices],
    help_text="problem (default) or suggestion; see services/{service_code}.json.",
    error_messages={
        "invalid_choice": gettext_lazy("attribute[kind] must be problem or suggestion.")
    },
)


def quantized(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.000001"))

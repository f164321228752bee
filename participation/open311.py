"""Open311 GeoReport v2 (JSON) for partners such as the 12345 hotline platform.

    GET  /api/open311/v2/services.json          the categories: today's duty items
    GET  /api/open311/v2/requests.json          public view of reports
    POST /api/open311/v2/requests.json          a new report (api_key required)
    GET  /api/open311/v2/requests/<id>.json     one report
    GET  /api/open311/v2/openapi.json           this API described in OpenAPI 3.1

Only public fields leave here: never a name, phone, email, the resident's own words or
the exact place (the description and photo appear only once a moderator published a
redacted version; the address is the community's). `status` is GeoReport's
open/closed; the fine state travels in `extended_attributes`. Errors are GeoReport
error lists, `[{"code": 400, "description": "…"}]`, with the same HTTP status.
"""

from datetime import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from notices.models import CommunityPage, DutyCategory
from participation.abuse import check_rate_limit
from participation.models.reports import (
    ApiKey,
    Report,
    ReportSource,
    ReportState,
)
from participation.reports import (
    ReportError,
    current_items,
    find_community,
    find_item,
    open311_status,
    reportable_communities,
    submit_report,
)
from participation.submissions import hash_token
from portal.params import (
    AsciiIntegerField,
    BadParameters,
    IdField,
    ParamsForm,
    check_params,
    read_params,
)

PAGE_SIZE = 50
MAX_IDS = 50


class ApiError(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


def error_response(status: int, description: str) -> JsonResponse:
    return JsonResponse(
        [{"code": status, "description": description}], status=status, safe=False
    )


def api_view(function):
    """JSON errors for bad input instead of HTML pages; no cookies, no caching of
    POSTs."""

    def wrapper(request: HttpRequest, *args, **kwargs):
        try:
            with translation.override(request_language(request)):
                try:
                    return function(request, *args, **kwargs)
                except BadParameters as error:
                    raise ApiError(400, str(error)) from error
        except ApiError as error:
            return error_response(error.status, error.description)

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper


def request_language(request: HttpRequest) -> str:
    """The language errors are written in: read before anything else, so a bad
    `locale` is only ever compared, never used."""
    wanted = request.GET.get("locale", "") or request.POST.get("locale", "")
    codes = [code for code, _name in settings.LANGUAGES]
    if wanted in codes:
        return wanted
    if wanted.lower().startswith("en"):
        return "en"
    return settings.LANGUAGE_CODE


def iso(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def promise_text(item) -> str:
    parts = []
    if item.promised_response:
        parts.append(
            translation.gettext("Response %(time)s") % {"time": item.promised_response}
        )
    if item.promised_completion:
        parts.append(
            translation.gettext("completion %(time)s")
            % {"time": item.promised_completion}
        )
    return "; ".join(parts)


@require_GET
@api_view
def services(request: HttpRequest) -> JsonResponse:
    """services.json: every duty item residents can report under today."""
    items = current_items(Locale.get_active())
    groups = {}
    if items:
        groups = {
            category.code: category.name
            for category in DutyCategory.objects.filter(page_id=items[0].page_id)
        }
    data = [
        {
            "service_code": item.code,
            "service_name": item.title,
            "description": item.service or promise_text(item),
            "metadata": False,
            "type": "batch",
            "keywords": ",".join(
                part for part in (item.category, item.handling_class) if part
            ),
            "group": groups.get(item.category, item.category),
        }
        for item in items
    ]
    response = JsonResponse(data, safe=False)
    response["Cache-Control"] = "public, max-age=300"
    return response


def items_by_code(language: str) -> dict:
    with translation.override(language):
        items = current_items(Locale.get_active())
    return {item.code: item for item in items}


def public_request(report: Report, items: dict, base: str) -> dict:
    """One report as GeoReport fields, public data only."""
    item = items.get(report.category_code)
    community = report.community
    published = report.is_published
    media_url = None
    if published:
        photo = next((p for p in report.photos.all() if p.public), None)
        if photo is not None:
            media_url = base + reverse("participation:report_photo", args=[photo.pk])
    notes = str(ReportState(report.state).label)
    if report.state == ReportState.REFERRED and report.referred_to:
        notes = f"{notes}: {report.referred_to}"
    if report.state == ReportState.DUPLICATE and report.duplicate_of_id:
        notes = f"{notes}: {report.duplicate_of.reference}"
    return {
        "service_request_id": report.reference,
        "status": open311_status(report.state),
        "status_notes": notes,
        "service_name": item.title if item else report.category_title,
        "service_code": report.category_code,
        "description": report.public_text if published else "",
        "agency_responsible": report.referred_to or report.department,
        "service_notice": promise_text(item) if item else "",
        "requested_datetime": iso(report.created_at),
        "updated_datetime": iso(report.updated_at),
        "expected_datetime": iso(report.completion_due),
        "address": community.title if community else "",
        "address_id": str(community.pk) if community else "",
        "zipcode": None,
        "lat": float(community.latitude) if community and community.latitude else None,
        "long": (
            float(community.longitude) if community and community.longitude else None
        ),
        "media_url": media_url,
        "extended_attributes": {
            "state": report.state,
            "triage": report.triage or None,
            "handling_class": report.handling_class or None,
        },
    }


def parse_when(value: str, name: str, end: bool = False) -> datetime:
    invalid = ApiError(
        400,
        translation.gettext(
            "%(name)s must be a W3C date-time, e.g. 2026-05-01T08:00:00+08:00."
        )
        % {"name": name},
    )
    try:
        moment = parse_datetime(value[:40])
        day = None if moment else parse_date(value[:40])
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
    service_request_id = forms.CharField(required=False)
    service_code = forms.CharField(required=False)
    status = forms.CharField(required=False)
    start_date = forms.CharField(required=False)
    end_date = forms.CharField(required=False)
    address_id = IdField(
        error_messages={
            key: gettext_lazy("address_id must be a number.")
            for key in ("invalid", "min_value", "max_value")
        }
    )
    page = AsciiIntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        error_messages={
            key: gettext_lazy("page must be a positive whole number.")
            for key in ("invalid", "min_value", "max_value")
        },
    )
    locale = forms.CharField(required=False, max_length=20)


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
    if params["address_id"]:
        reports = reports.filter(community_id=params["address_id"])
    return reports.order_by("-created_at", "-pk")


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@api_view
def requests_view(request: HttpRequest) -> JsonResponse:
    if request.method == "POST":
        return create_request(request)
    params = read_params(RequestsParams, request.GET)
    reports = filter_requests(params)
    page = params["page"] or 1
    start = (page - 1) * PAGE_SIZE
    chunk = list(reports.prefetch_related("photos")[start : start + PAGE_SIZE + 1])
    has_next = len(chunk) > PAGE_SIZE
    items = items_by_code(translation.get_language())
    base = request.build_absolute_uri("/").rstrip("/")
    data = [public_request(report, items, base) for report in chunk[:PAGE_SIZE]]
    response = JsonResponse(data, safe=False)
    if has_next:
        query = request.GET.copy()
        query["page"] = str(page + 1)
        response["Link"] = f'<{request.path}?{query.urlencode()}>; rel="next"'
    response["Cache-Control"] = "public, max-age=60"
    return response


class RequestIdParams(ParamsForm):
    request_id = forms.CharField(max_length=40)


@require_GET
@api_view
def request_detail(request: HttpRequest, request_id: str) -> JsonResponse:
    reference = read_params(RequestIdParams, {"request_id": request_id})["request_id"]
    report = (
        Report.objects.select_related("community", "duplicate_of")
        .prefetch_related("photos")
        .filter(reference=reference.upper()[:12])
        .first()
    )
    if report is None:
        raise ApiError(404, translation.gettext("No such service request."))
    items = items_by_code(translation.get_language())
    base = request.build_absolute_uri("/").rstrip("/")
    return JsonResponse([public_request(report, items, base)], safe=False)


def check_key(raw: str) -> ApiKey:
    if not raw or len(raw) > 200:
        raise ApiError(403, translation.gettext("A valid api_key is required."))
    key = ApiKey.objects.filter(key_hash=hash_token(raw), revoked_at__isnull=True)
    key = key.first()
    if key is None:
        raise ApiError(403, translation.gettext("A valid api_key is required."))
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


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

    api_key = forms.CharField(required=False, max_length=200)
    service_code = forms.CharField(required=False)
    lat = coordinate("lat", 90)
    long = coordinate("long", 180)
    address_id = forms.CharField(required=False)
    description = forms.CharField(required=False, strip=False)
    address_string = forms.CharField(required=False)
    first_name = forms.CharField(required=False)
    last_name = forms.CharField(required=False)
    phone = forms.CharField(required=False)
    email = forms.CharField(required=False)
    locale = forms.CharField(required=False, max_length=20)


def quantized(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.000001"))


def nearest_community(lat: Decimal, lng: Decimal) -> CommunityPage | None:
    best, best_distance = None, None
    for community in reportable_communities().exclude(latitude=None):
        distance = (community.latitude - lat) ** 2 + (community.longitude - lng) ** 2
        if best_distance is None or distance < best_distance:
            best, best_distance = community, distance
    return best


def create_request(request: HttpRequest) -> JsonResponse:
    limited = check_rate_limit(request, "open311")
    if limited:
        return limited
    data, errors = check_params(CreateParams, request.POST)
    check_key(data["api_key"])
    if errors:
        raise BadParameters(errors)
    item = find_item(data["service_code"].strip()[:20])
    if item is None:
        raise ApiError(
            400, translation.gettext("service_code is not a current service.")
        )
    lat, lng = quantized(data["lat"]), quantized(data["long"])
    if (lat is None) != (lng is None):
        raise ApiError(400, translation.gettext("Give both lat and long, or neither."))
    community = None
    if data["address_id"]:
        community = find_community(data["address_id"])
        if community is None:
            raise ApiError(400, translation.gettext("address_id is not a community."))
    elif lat is not None:
        community = nearest_community(lat, lng)
    if community is None:
        raise ApiError(
            400,
            translation.gettext(
                "Give address_id (a community id from the station directory) or "
                "lat and long."
            ),
        )
    description = data["description"].strip()
    if not description:
        raise ApiError(400, translation.gettext("description is required."))
    if len(description) > 2000:
        raise ApiError(
            400, translation.gettext("description may be at most 2000 characters.")
        )
    address = data["address_string"].strip()[:200] or community.title
    name = " ".join(
        part.strip() for part in (data["last_name"], data["first_name"]) if part.strip()
    )[:40]
    email = data["email"].strip()[:254]
    if email and ("@" not in email or len(email) < 3):
        raise ApiError(400, translation.gettext("email is not an email address."))
    try:
        submitted = submit_report(
            community=community,
            item=item,
            description=description,
            location=address,
            name=name,
            phone=data["phone"].strip(),
            email=email,
            # The partner collected the resident's consent on its own channel.
            consent=True,
            allow_publication=False,
            latitude=lat,
            longitude=lng,
            language=translation.get_language(),
            source=ReportSource.OPEN311,
        )
    except ReportError as error:
        raise ApiError(400, str(error.message)) from error
    body = [
        {
            "service_request_id": submitted.report.reference,
            "service_notice": promise_text(item),
            "account_id": None,
        }
    ]
    return JsonResponse(body, status=201, safe=False)


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(openapi_document(request), json_dumps_params={"indent": 1})
    response["Cache-Control"] = "public, max-age=3600"
    return response


def openapi_document(request: HttpRequest) -> dict:
    error = {"$ref": "#/components/schemas/Errors"}
    string = {"type": "string"}
    nullable = {"type": ["string", "null"]}
    query = [
        ("service_request_id", "Comma-separated ids; other filters are ignored."),
        ("service_code", "Comma-separated service codes."),
        ("status", "open, closed or both comma-separated."),
        ("start_date", "W3C date-time; requests received at or after it."),
        ("end_date", "W3C date-time; requests received at or before it."),
        ("address_id", "A community id (as in the station posters' QR codes)."),
        (
            "page",
            f"Page number, {PAGE_SIZE} requests a page; a Link header names "
            "the next page.",
        ),
        ("locale", "zh-hans (default) or en."),
    ]
    request_schema = {
        "type": "object",
        "properties": {
            "service_request_id": string,
            "status": {"type": "string", "enum": ["open", "closed"]},
            "status_notes": string,
            "service_name": string,
            "service_code": string,
            "description": {
                **string,
                "description": "The moderator's redacted text, empty until published.",
            },
            "agency_responsible": string,
            "service_notice": string,
            "requested_datetime": {"type": "string", "format": "date-time"},
            "updated_datetime": {"type": "string", "format": "date-time"},
            "expected_datetime": {"type": ["string", "null"], "format": "date-time"},
            "address": {
                **string,
                "description": "The community, never the exact place.",
            },
            "address_id": string,
            "zipcode": nullable,
            "lat": {"type": ["number", "null"]},
            "long": {"type": ["number", "null"]},
            "media_url": nullable,
            "extended_attributes": {
                "type": "object",
                "properties": {
                    "state": {"type": "string", "enum": list(ReportState.values)},
                    "triage": nullable,
                    "handling_class": nullable,
                },
            },
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Open311 GeoReport v2: city management in communities",
            "version": "2.0",
            "description": (
                "Public reports of residents (no personal data) and report intake "
                "for partners with an API key issued in the admin."
            ),
        },
        "servers": [
            {"url": request.build_absolute_uri("/api/open311/v2/").rstrip("/")}
        ],
        "paths": {
            "/services.json": {
                "get": {
                    "summary": "Service list (the duty list's current items)",
                    "parameters": [{"name": "locale", "in": "query", "schema": string}],
                    "responses": {
                        "200": {
                            "description": "Services",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {
                                            "$ref": "#/components/schemas/Service"
                                        },
                                    }
                                }
                            },
                        }
                    },
                }
            },
            "/requests.json": {
                "get": {
                    "summary": "Service requests (public fields only)",
                    "parameters": [
                        {
                            "name": name,
                            "in": "query",
                            "schema": string,
                            "description": text,
                        }
                        for name, text in query
                    ],
                    "responses": {
                        "200": {
                            "description": "Requests",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {
                                            "$ref": "#/components/schemas/Request"
                                        },
                                    }
                                }
                            },
                        },
                        "400": {
                            "description": "Bad parameter",
                            "content": {"application/json": {"schema": error}},
                        },
                    },
                },
                "post": {
                    "summary": "Create a service request",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {
                                "schema": {
                                    "type": "object",
                                    "required": [
                                        "api_key",
                                        "service_code",
                                        "description",
                                    ],
                                    "properties": {
                                        "api_key": string,
                                        "service_code": string,
                                        "description": string,
                                        "address_id": string,
                                        "address_string": string,
                                        "lat": {"type": "number"},
                                        "long": {"type": "number"},
                                        "first_name": string,
                                        "last_name": string,
                                        "phone": string,
                                        "email": string,
                                        "locale": string,
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "Created",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "properties": {
                                                "service_request_id": string,
                                                "service_notice": string,
                                                "account_id": nullable,
                                            },
                                        },
                                    }
                                }
                            },
                        },
                        "400": {
                            "description": "Bad parameter",
                            "content": {"application/json": {"schema": error}},
                        },
                        "403": {
                            "description": "Missing or invalid api_key",
                            "content": {"application/json": {"schema": error}},
                        },
                        "429": {
                            "description": "Too many requests",
                            "content": {"application/json": {"schema": error}},
                        },
                    },
                },
            },
            "/requests/{service_request_id}.json": {
                "get": {
                    "summary": "One service request",
                    "parameters": [
                        {
                            "name": "service_request_id",
                            "in": "path",
                            "required": True,
                            "schema": string,
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "The request, as a one-element list",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "array",
                                        "items": {
                                            "$ref": "#/components/schemas/Request"
                                        },
                                    }
                                }
                            },
                        },
                        "404": {
                            "description": "Not found",
                            "content": {"application/json": {"schema": error}},
                        },
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Service": {
                    "type": "object",
                    "properties": {
                        "service_code": string,
                        "service_name": string,
                        "description": string,
                        "metadata": {"type": "boolean"},
                        "type": {
                            "type": "string",
                            "enum": ["realtime", "batch", "blackbox"],
                        },
                        "keywords": string,
                        "group": string,
                    },
                },
                "Request": request_schema,
                "Errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "code": {"type": "integer"},
                            "description": string,
                        },
                    },
                },
            }
        },
    }


@require_http_methods(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    return error_response(404, "Not found.")


app_name = "open311"

urlpatterns = [
    path("services.json", services, name="services"),
    path("requests.json", requests_view, name="requests"),
    path("requests/<str:request_id>.json", request_detail, name="request"),
    path("openapi.json", openapi, name="openapi"),
    path("<path:rest>", not_found),
]

"""The API's endpoints (see the package's docstring for the list): the services, the
public list of requests and one request, a partner's new request, the OpenAPI
description, and a JSON 404 for anything else under the API's address."""

from decimal import Decimal

from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from notices.models import CommunityPage, DutyCategory
from participation.abuse import check_rate_limit
from participation.api.errors import ApiError, api_view, error_response
from participation.api.keys import check_key
from participation.api.openapi import openapi_document
from participation.api.parameters import (
    PAGE_SIZE,
    CreateParams,
    RequestIdParams,
    RequestsParams,
    filter_requests,
    quantized,
)
from participation.api.serialising import (
    items_by_code,
    promise_text,
    public_request,
    public_service,
)
from participation.reports.categories import community_items, current_items, find_item
from participation.reports.communities import find_community, reportable_communities
from participation.reports.models import Report, ReportSource
from participation.reports.submitting import submit_report
from participation.reports.workflow import ReportError
from portal.params import BadParameters, check_params, read_params


@require_GET
@api_view
def services(request: HttpRequest) -> JsonResponse:
    """services.json: every duty item residents can report under today; with
    ?address_id=<community id>, that community's own public duties too."""
    items = current_items(Locale.get_active())
    groups = {}
    if items:
        groups = {
            category.code: category.name
            for category in DutyCategory.objects.filter(page_id=items[0].page_id)
        }
    community = find_community(request.GET.get("address_id", ""))
    items += community_items(community, Locale.get_active())
    data = [public_service(item, groups) for item in items]
    response = JsonResponse(data, safe=False)
    response["Cache-Control"] = "public, max-age=300"
    return response


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
    local = getattr(item, "community", None)
    if local is not None and local.translation_key != community.translation_key:
        raise ApiError(
            400, translation.gettext("service_code is not a current service.")
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


@require_http_methods(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    return error_response(404, "Not found.")

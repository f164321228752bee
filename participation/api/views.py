"""The API's endpoints (see the package's docstring for the list), on Django REST
framework: each view is served twice, as `.json` and `.xml` (urls.py), the address
alone choosing the format. Data goes out through `serializers.py`; anything that
goes wrong is a GeoReport error list in the same format (`GeoReportView`)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import APIException
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Locale

from notices.models import DutyCategory
from notices.stations.geo import in_china
from participation.abuse import check_rate_limit
from participation.api.errors import ApiError, error_response, request_language
from participation.api.keys import check_key
from participation.api.parameters import (
    KIND_ATTRIBUTE,
    PAGE_SIZE,
    CreateParams,
    RequestIdParams,
    RequestsParams,
    ServiceCodeParams,
    ServicesParams,
    filter_requests,
    quantized,
)
from participation.api.renderers import FormatByAddress, GeoReportXMLRenderer
from participation.api.schema import (
    form_body,
    form_parameters,
    path_parameter,
)
from participation.api.serialising import (
    items_by_code,
    promise_text,
    public_request,
    public_service,
    service_definition,
)
from participation.api.serializers import (
    CreatedSerializer,
    DiscoverySerializer,
    ErrorSerializer,
    RequestSerializer,
    ServiceDefinitionSerializer,
    ServiceSerializer,
)
from participation.reports.categories import community_items, current_items, find_item
from participation.reports.communities import find_community
from participation.reports.models import Report, ReportKind, ReportSource
from participation.reports.routing import routed_community
from participation.reports.submitting import submit_report
from participation.reports.workflow import ReportError
from portal.params import BadParameters, check_params, read_params

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this API last changed in a way partners should notice (discovery's changeset).
CHANGESET = "2026-12-07T00:00:00+08:00"
ERRORS = ErrorSerializer(many=True)


class GeoReportView(APIView):
    """What every endpoint shares: public (no sessions, no DRF throttles: posts
    have the site's own rate limit and a partner's key), errors in the caller's
    language as `[{"code": …, "description": …}]` or `<errors><error>`."""

    renderer_classes = [JSONRenderer, GeoReportXMLRenderer]
    parser_classes = [FormParser, MultiPartParser]
    content_negotiation_class = FormatByAddress
    authentication_classes = []
    permission_classes = []
    throttle_classes = []
    xml_root = "service_requests"
    cache_seconds = 60

    def dispatch(self, request, *args, **kwargs):
        with translation.override(request_language(request)):
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.setdefault(
                "Cache-Control", f"public, max-age={self.cache_seconds}"
            )
        return response

    def handle_exception(self, exc):
        headers = {}
        if isinstance(exc, BadParameters):
            status, description = 400, str(exc)
        elif isinstance(exc, ApiError):
            status, description = exc.status, exc.description
            headers = exc.headers
        elif isinstance(exc, Http404):
            status, description = 404, translation.gettext("Not found.")
        elif isinstance(exc, PermissionDenied):
            status, description = 403, translation.gettext("Forbidden.")
        elif isinstance(exc, APIException):
            status, description = exc.status_code, str(exc.detail)
        else:
            return super().handle_exception(exc)
        response = Response(
            ERRORS.to_representation([{"code": status, "description": description}]),
            status=status,
            headers=headers,
        )
        response.exception = True
        return response


def error_responses(*codes: int) -> dict:
    return {code: OpenApiResponse(ERRORS, description="Errors") for code in codes}


class ServicesView(GeoReportView):
    """The categories residents report under: today's duty list items, with the
    community's own public duties when `address_id` names one."""

    xml_root = "services"
    cache_seconds = 300

    @extend_schema(
        summary="Service list: the duty list's current items",
        tags=["services"],
        parameters=form_parameters(ServicesParams),
        responses={200: ServiceSerializer(many=True), **error_responses(400)},
    )
    def get(self, request, **kwargs):
        params = read_params(ServicesParams, request.query_params)
        items = current_items(Locale.get_active())
        groups = {}
        if items:
            groups = {
                category.code: category.name
                for category in DutyCategory.objects.filter(page_id=items[0].page_id)
            }
        community = find_community(params["address_id"])
        items += community_items(community, Locale.get_active())
        data = [public_service(item, groups) for item in items]
        return Response(ServiceSerializer(data, many=True).data)


class ServiceDefinitionView(GeoReportView):
    """What a request for one service may carry besides GeoReport's own fields."""

    xml_root = "service_definition"
    cache_seconds = 300

    @extend_schema(
        summary="Service definition: the attributes a request may carry",
        tags=["services"],
        parameters=[path_parameter("service_code", "From the service list.")],
        responses={200: ServiceDefinitionSerializer, **error_responses(400, 404)},
    )
    def get(self, request, service_code: str, **kwargs):
        code = read_params(ServiceCodeParams, {"service_code": service_code})
        item = find_item(code["service_code"].strip()[:20])
        if item is None:
            raise ApiError(404, translation.gettext("No such service."))
        return Response(ServiceDefinitionSerializer(service_definition(item)).data)


@method_decorator(csrf_exempt, name="dispatch")
class RequestsView(GeoReportView):
    """Reports as the public may see them (GET) and a partner's new report (POST)."""

    @extend_schema(
        summary="Public view of reports, newest first (no personal data)",
        tags=["requests"],
        parameters=form_parameters(RequestsParams),
        responses={200: RequestSerializer(many=True), **error_responses(400)},
    )
    def get(self, request, **kwargs):
        params = read_params(RequestsParams, request.query_params)
        reports = filter_requests(params)
        page = params["page"] or 1
        start = (page - 1) * PAGE_SIZE
        chunk = list(reports.prefetch_related("photos")[start : start + PAGE_SIZE + 1])
        items = items_by_code(translation.get_language())
        base = request.build_absolute_uri("/").rstrip("/")
        data = [public_request(report, items, base) for report in chunk[:PAGE_SIZE]]
        headers = {}
        if len(chunk) > PAGE_SIZE:
            query = request.query_params.copy()
            query["page"] = str(page + 1)
            headers["Link"] = f'<{request.path}?{query.urlencode()}>; rel="next"'
        return Response(RequestSerializer(data, many=True).data, headers=headers)

    @extend_schema(
        summary="A new report from a partner (api_key required)",
        tags=["requests"],
        request=form_body(CreateParams, "NewRequest"),
        responses={
            201: CreatedSerializer(many=True),
            **error_responses(400, 403, 429),
        },
    )
    def post(self, request, **kwargs):
        return create_request(request)


class RequestDetailView(GeoReportView):
    """One report as the public may see it, as a list of one (GeoReport's form)."""

    @extend_schema(
        summary="One report, public fields only",
        tags=["requests"],
        parameters=[path_parameter("service_request_id", "As in the list.")],
        responses={200: RequestSerializer(many=True), **error_responses(400, 404)},
    )
    def get(self, request, service_request_id: str, **kwargs):
        reference = read_params(RequestIdParams, {"request_id": service_request_id})
        report = (
            Report.objects.select_related("community", "duplicate_of")
            .prefetch_related("photos")
            .filter(reference=reference["request_id"].upper()[:12])
            .first()
        )
        if report is None:
            raise ApiError(404, translation.gettext("No such service request."))
        items = items_by_code(translation.get_language())
        base = request.build_absolute_uri("/").rstrip("/")
        data = [public_request(report, items, base)]
        return Response(RequestSerializer(data, many=True).data)


class DiscoveryView(GeoReportView):
    """GeoReport's discovery document: the endpoint, its formats, whom to ask."""

    xml_root = "discovery"
    cache_seconds = 3600

    @extend_schema(
        summary="Discovery: where this GeoReport v2 endpoint is and what it speaks",
        tags=["discovery"],
        responses={200: DiscoverySerializer},
    )
    def get(self, request, **kwargs):
        url = request.build_absolute_uri(reverse("open311:services")).rsplit("/", 1)
        data = {
            "changeset": CHANGESET,
            "contact": translation.gettext(
                "The city management bureau, through the 12345 hotline."
            ),
            "key_service": translation.gettext(
                "Keys for posting requests are issued by the bureau's staff "
                "(Settings → Open311 API keys)."
            ),
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": url[0],
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        }
        return Response(DiscoverySerializer(data).data)


def create_request(request) -> Response:
    limited = check_rate_limit(request, "open311")
    if limited:
        raise ApiError(
            429,
            translation.gettext("Too many requests. Try again later."),
            headers={"Retry-After": limited.get("Retry-After", "60")},
        )
    data, errors = check_params(CreateParams, request.data)
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
        if not in_china(lat, lng):
            raise ApiError(
                400,
                translation.gettext(
                    "lat and long are outside China: give WGS-84 degrees of a place "
                    "in the city."
                ),
            )
        community = routed_community(lat, lng)
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
            kind=data[KIND_ATTRIBUTE] or ReportKind.PROBLEM,
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
    return Response(CreatedSerializer(body, many=True).data, status=201)


@require_http_methods(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    return error_response(404, "Not found.")

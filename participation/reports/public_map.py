"""The public map and list of reports staff published (问题地图): where the reported
problems are, roughly, and what became of them.

Only `Report.objects.published()`. A report's point is snapped to a grid of about
50 m on the server (`grid_point`), so its exact coordinates never reach the page;
nothing personal is shown (no name, phone, address, the resident's own words or
photos' location). The filters are GET parameters of a plain form: the list works
without JavaScript; with it, the same list is drawn on a Leaflet map on request.
"""

import math
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from notices.stations.geo import wgs84_to_gcj02
from participation.languages import localized_communities
from participation.reports.categories import item_titles
from participation.reports.models import Report, ReportState
from participation.reports.support import support_count, with_support_counts

# About 50 m: 0.00045° of latitude; longitude's cell is widened by 1/cos(latitude)
# so a cell is about as wide as it is high.
GRID_METRES = 50
METRES_PER_DEGREE = 111_320
PER_PAGE = 20
MAX_FILTER_LENGTH = 20
FILTER_FIELDS = {"state": "state", "category": "category_code"}


def grid_point(latitude, longitude) -> tuple[float, float] | None:
    """The centre of the ~50 m grid cell holding the point: the same for every point
    in the cell, so the exact point cannot be read back."""
    if latitude is None or longitude is None:
        return None
    lat, lng = float(latitude), float(longitude)
    lat_step = GRID_METRES / METRES_PER_DEGREE
    row = math.floor(lat / lat_step)
    centre_lat = (row + 0.5) * lat_step
    lng_step = lat_step / max(math.cos(math.radians(centre_lat)), 0.01)
    centre_lng = (math.floor(lng / lng_step) + 0.5) * lng_step
    return round(centre_lat, 5), round(centre_lng, 5)


def map_point(point: tuple[float, float] | None) -> tuple[float, float] | None:
    """A grid point in the coordinates the configured tiles expect."""
    if point is None:
        return None
    if settings.PORTAL_MAP_COORDINATES == "gcj02":
        lat, lng = wgs84_to_gcj02(*point)
        return round(lat, 5), round(lng, 5)
    return point


def category_filter_choices(language: str) -> list[tuple[str, str]]:
    """The categories of published reports, in the active language."""
    codes = sorted(
        set(
            Report.objects.published()
            .order_by()
            .values_list("category_code", flat=True)
            .distinct()
        )
    )
    titles = item_titles(codes, language)
    return sorted(
        ((code, titles.get(code, code)) for code in codes), key=lambda c: c[1]
    )


def read_filters(request: HttpRequest, categories: dict) -> tuple[dict, list[str]]:
    """The chosen state and category, and a message per value that is not one."""
    chosen, problems = {}, []
    state = request.GET.get("state", "")
    if state:
        if state in ReportState.values:
            chosen["state"] = state
        else:
            problems.append(_("There is no such state; showing every state."))
    category = request.GET.get("category", "")
    if category:
        if len(category) <= MAX_FILTER_LENGTH and category in categories:
            chosen["category"] = category
        else:
            problems.append(
                _("No published report has this category; showing every category.")
            )
    return chosen, problems


@require_http_methods(["GET", "HEAD"])
def report_map(request: HttpRequest) -> HttpResponse:
    """GET ?state=&category=&page=: published reports, newest first, each with its
    rough place; a bad filter value is named (400) and left out."""
    language = translation.get_language()
    categories = dict(category_filter_choices(language))
    chosen, problems = read_filters(request, categories)
    reports = with_support_counts(
        Report.objects.published()
        .filter(**{FILTER_FIELDS[name]: value for name, value in chosen.items()})
        .select_related("community")
        .order_by("-published_at", "-pk")
    )
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    communities = localized_communities(
        report.community_id for report in page.object_list if report.community_id
    )
    items = []
    for report in page.object_list:
        point = map_point(grid_point(report.latitude, report.longitude))
        items.append(
            {
                "title": report.public_title,
                "category": categories.get(report.category_code)
                or report.category_title,
                "state": report.state,
                "state_label": ReportState(report.state).label,
                "date": report.published_at,
                "community": communities.get(report.community_id),
                "community_id": report.community_id,
                "point": point,
                "support": support_count(report),
            }
        )
    response = render(
        request,
        "participation/report_map.html",
        {
            "page": None,
            "items": items,
            "reports": page,
            "states": ReportState.choices,
            "categories": sorted(categories.items(), key=lambda c: c[1]),
            "chosen": chosen,
            "problems": problems,
            "extra": f"&{urlencode(chosen)}" if chosen else "",
            "has_points": any(item["point"] for item in items),
            "map": {
                "tiles": settings.PORTAL_MAP_TILE_URL,
                "attribution": settings.PORTAL_MAP_TILE_ATTRIBUTION,
            },
        },
        status=400 if problems else 200,
    )
    patch_cache_control(response, public=True, max_age=300)
    return response

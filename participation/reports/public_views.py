"""The public side of reports: each community's list of reports moderators published
(redacted, with the photos they approved) and the statistics pages, drawn as SVG on the
server. Never a name, phone or the resident's own words."""

from datetime import datetime, time

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale, Page

from notices.models import CommunityPage, DistrictPage, SubdistrictPage
from participation.reports.categories import item_titles
from participation.reports.charts import bar_chart, month_chart
from participation.reports.communities import find_community, localized
from participation.reports.models import Report, ReportPhoto
from participation.reports.responses import serve_photo
from participation.reports.statistics import (
    area_reports,
    handling_by_area,
    report_statistics,
)
from participation.reports.support import support_count, with_support_counts

STATS_CACHE_SECONDS = 600


@require_http_methods(["GET", "HEAD"])
def public_photo(request: HttpRequest, photo_id: int) -> HttpResponse:
    photo = (
        ReportPhoto.objects.filter(pk=photo_id, public=True)
        .filter(report__in=Report.objects.published())
        .first()
    )
    if photo is None:
        raise Http404
    return serve_photo(photo, private_photo=False)


@require_http_methods(["GET", "HEAD"])
def community_reports(request: HttpRequest, community_id: int) -> HttpResponse:
    """Reports moderators published for one community: redacted, approved photos."""
    source = find_community(community_id)
    if source is None:
        raise Http404
    community = localized(source)
    reports = with_support_counts(
        Report.objects.published()
        .filter(community=source)
        .order_by("-published_at", "-pk")
        .prefetch_related(
            Prefetch(
                "photos",
                queryset=ReportPhoto.objects.filter(public=True),
                to_attr="public_photos",
            )
        )
    )
    page = Paginator(reports, 20).get_page(request.GET.get("page"))
    language = translation.get_language()
    found = item_titles((report.category_code for report in page.object_list), language)
    for report in page.object_list:
        code = report.category_code
        report.category_label = found.get(code) or report.category_title or code
        report.support = support_count(report)
    response = render(
        request,
        "participation/report_community_list.html",
        {
            "community": community,
            "source": source,
            "reports": page,
            "page": None,
        },
    )
    patch_cache_control(response, public=True, max_age=300)
    return response


def statistics_areas() -> list[dict]:
    """The districts and their communities, for the statistics page's navigation."""
    default = Locale.get_default()
    districts = DistrictPage.objects.live().filter(locale=default).order_by("path")
    return [{"page": localized(district), "id": district.pk} for district in districts]


@require_http_methods(["GET", "HEAD"])
def report_statistics_view(
    request: HttpRequest, area_id: int | None = None
) -> HttpResponse:
    """Counts, times, on-time rate and ratings for the city, a district, a subdistrict
    or a community, drawn as SVG on the server."""
    area = None
    if area_id is not None:
        area = (
            Page.objects.live()
            .type(DistrictPage, SubdistrictPage, CommunityPage)
            .filter(pk=area_id)
            .first()
        )
        if area is None:
            raise Http404
        area = localized(area.specific)
    language = translation.get_language()
    hour = timezone.now().strftime("%Y%m%d%H")
    key = f"report-stats:{area_id or 'city'}:{language}:{hour}"
    stats = cache.get(key)
    if stats is None:
        stats = report_statistics(area_reports(area))
        cache.set(key, stats, STATS_CACHE_SECONDS)
    children = []
    if area is None:
        children = statistics_areas()
    else:
        for child in area.get_children().live().specific():
            children.append({"page": child, "id": child.pk})
    community_id = None
    if isinstance(area, CommunityPage):
        community_id = area.report_community_id
    since = datetime.combine(stats["since"], time(), timezone.get_current_timezone())
    context = {
        "page": None,
        "area": area,
        "community_id": community_id,
        "ancestors": (
            [
                localized(ancestor.specific)
                for ancestor in area.get_ancestors()
                .type(DistrictPage, SubdistrictPage)
                .live()
            ]
            if area
            else []
        ),
        "children": children,
        "handling_by_area": handling_by_area(
            area_reports(area).filter(created_at__gte=since),
            [child["page"] for child in children],
        ),
        "stats": stats,
        "month_chart": month_chart(stats["by_month"]),
        "category_chart": bar_chart(
            [(label, n) for _code, label, n in stats["by_category"][:10]],
            title=_("Reports by category"),
        ),
        "state_chart": bar_chart(
            [(str(label), n) for _key, label, n in stats["by_state"]],
            title=_("Reports by state"),
        ),
    }
    response = render(request, "participation/report_statistics.html", context)
    patch_cache_control(response, public=True, max_age=STATS_CACHE_SECONDS)
    return response

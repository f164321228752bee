"""The convenience map's public views: the city's districts with what each has, a
district's map and list (filtered by category without JavaScript), and each point's
own page. Every view runs a fixed number of queries, however many points there are."""

from collections import Counter

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.models import Page

from notices.convenience.drawing import district_symbol_map
from notices.convenience.models import Category, ConveniencePoint
from notices.stations.community import CommunityPage
from notices.stations.hours import upcoming_exceptions
from notices.stations.pages import DistrictPage, StationIndexPage
from portal.page_cache import cache_page_until
from portal.params import FilterChoiceField, ParamsForm, read_params

# The symbol drawn for each category (notices/includes/convenience_symbol.html):
# shapes differ as well as colours, and the name is always written beside it.
SYMBOLS = {
    Category.TOILET: "square",
    Category.REST_STOP: "house",
    Category.DRINKING_WATER: "drop",
    Category.VENDING: "triangle",
    Category.BIKE_PARKING: "circle",
    Category.RECYCLING: "diamond",
    Category.BULKY_WASTE: "hexagon",
}


class CategoriesField(forms.Field):
    """Repeated `category=…` parameters: the known ones, each once (an unknown one,
    from an older link, is left out as other listings' filters do)."""

    widget = forms.MultipleHiddenInput
    repeatable = True

    def clean(self, value):
        return list(dict.fromkeys(v for v in value or [] if v in Category.values))


class MapParams(ParamsForm):
    category = CategoriesField(required=False)
    group = FilterChoiceField(
        choices=[("community", "community"), ("category", "category")]
    )


def legend(selected: list[str] | None = None) -> list[dict]:
    return [
        {
            "key": key,
            "label": label,
            "symbol": SYMBOLS[key],
            "checked": not selected or key in selected,
        }
        for key, label in Category.choices
    ]


def directory_for(page: Page) -> StationIndexPage | None:
    """The station directory in the map page's language: its districts are the
    map's."""
    return StationIndexPage.objects.live().filter(locale_id=page.locale_id).first()


def district_of(page: Page, slug: str) -> DistrictPage:
    directory = directory_for(page)
    district = (
        DistrictPage.objects.live().child_of(directory).filter(slug=slug).first()
        if directory
        else None
    )
    if district is None:
        raise Http404
    return district


def keep_fresh(request: HttpRequest, points, now) -> None:
    """A cached copy must not outlive the open/closed status it shows."""
    if not getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 0):
        return
    changes = [p.seconds_until_change(now) for p in points]
    soonest = min((s for s in changes if s is not None), default=None)
    if soonest is not None and soonest <= settings.PORTAL_PAGE_CACHE_SECONDS:
        cache_page_until(request, soonest)


def point_url(page: Page, point: ConveniencePoint, request=None) -> str:
    return page.get_url(request) + page.reverse_subpage(
        "point", kwargs={"point_id": point.pk}
    )


def district_url(page: Page, district: Page, request=None) -> str:
    return page.get_url(request) + page.reverse_subpage(
        "district", kwargs={"district": district.slug}
    )


def entry(page, point, community, request, now) -> dict:
    """A point as the lists, the map and its own page show it."""
    return {
        "point": point,
        "url": point_url(page, point, request),
        "category": point.get_category_display(),
        "symbol": SYMBOLS.get(point.category, "circle"),
        "community": community,
        "status": point.opening_status(now),
        # WGS-84, as the base map's boundaries are drawn.
        "lat": point.latitude,
        "lng": point.longitude,
    }


# The map page: the districts, and how many points of each category each has.


def index_context(request: HttpRequest, page: Page) -> dict:
    directory = directory_for(page)
    if directory is None:
        return {"districts": [], "legend": legend()}
    districts = list(DistrictPage.objects.live().child_of(directory).order_by("path"))
    prefix = (directory.depth + 1) * Page.steplen
    district_by_key = {
        key: path[:prefix]
        for key, path in CommunityPage.objects.live()
        .descendant_of(directory)
        .values_list("translation_key", "path")
    }
    counts: Counter = Counter()
    for category, key in ConveniencePoint.objects.for_locale(page.locale).values_list(
        "category", "community__translation_key"
    ):
        if key in district_by_key:
            counts[(district_by_key[key], category)] += 1
    rows = []
    for district in districts:
        categories = [
            {
                "label": label,
                "symbol": SYMBOLS[key],
                "count": counts[(district.path, key)],
            }
            for key, label in Category.choices
            if counts[(district.path, key)]
        ]
        rows.append(
            {
                "page": district,
                "url": district_url(page, district, request),
                "categories": categories,
                "total": sum(item["count"] for item in categories),
            }
        )
    return {"districts": rows, "legend": legend()}


# A district's map and list.


def district_points(page: Page, district: Page, request=None) -> tuple[list, dict]:
    """The district's points in the page's language (entries, not yet filtered)
    and its live communities by translation key."""
    communities = {
        community.translation_key: community
        for community in CommunityPage.objects.live()
        .descendant_of(district)
        .order_by("path")
        .only("title", "path", "translation_key", "url_path", "locale_id")
    }
    now = timezone.now()
    points = list(
        ConveniencePoint.objects.for_locale(page.locale)
        .filter(community__translation_key__in=list(communities))
        .select_related("community")
        .order_by("category", "name", "pk")
    )
    if request is not None:
        keep_fresh(request, points, now)
    return [
        entry(page, point, communities[point.community.translation_key], request, now)
        for point in points
    ], communities


def grouped(entries: list[dict], by: str, communities: dict) -> list[dict]:
    """[{"title", "entries"}…] by community (in the directory's order) or category."""
    if by == "category":
        order = [(key, str(label)) for key, label in Category.choices]
        keyed = lambda item: item["point"].category  # noqa: E731
    else:
        order = [(c.translation_key, c.title) for c in communities.values()]
        keyed = lambda item: item["community"].translation_key  # noqa: E731
    groups = []
    for key, title in order:
        members = [item for item in entries if keyed(item) == key]
        if members:
            groups.append({"key": key, "title": title, "entries": members})
    return groups


def district_map(request: HttpRequest, page: Page, slug: str) -> TemplateResponse:
    district = district_of(page, slug)
    params = read_params(MapParams, request.GET)
    selected = params["category"]
    group_by = params["group"] or "community"
    entries, communities = district_points(page, district, request)
    shown = [e for e in entries if not selected or e["point"].category in selected]
    context = page.get_context(request)
    context.update(
        {
            "district": district,
            "entries": shown,
            "total": len(entries),
            "groups": grouped(shown, group_by, communities),
            "group_by": group_by,
            "selected": selected,
            "legend": legend(selected),
            "symbol_map": district_symbol_map(
                district,
                [
                    {
                        "lat": item["lat"],
                        "lng": item["lng"],
                        "label": gettext("%(category)s: %(name)s")
                        % {"category": item["category"], "name": item["point"].name},
                        "url": item["url"],
                        "kind": item["point"].category,
                        "symbol": item["symbol"],
                        "id": item["point"].pk,
                    }
                    for item in shown
                ],
                gettext("Convenience map: %(district)s") % {"district": district.title},
                request,
            ),
            "map_url": district_url(page, district, request),
        }
    )
    return TemplateResponse(request, "notices/convenience_district.html", context)


# One point's page.


def point_page(request: HttpRequest, page: Page, point_id: int):
    point = (
        ConveniencePoint.objects.filter(pk=point_id)
        .select_related("community", "locale")
        .first()
    )
    if point is None:
        raise Http404
    if point.locale_id != page.locale_id:
        # The same point in the page's language, when it has been translated.
        local = point.get_translation_or_none(page.locale)
        if local is not None:
            return redirect(point_url(page, local, request))
    community = (
        CommunityPage.objects.live()
        .filter(translation_key=point.community.translation_key, locale=page.locale)
        .first()
    )
    if community is None:
        raise Http404
    district = DistrictPage.objects.live().ancestor_of(community).first()
    now = timezone.now()
    keep_fresh(request, [point], now)
    item = entry(page, point, community, request, now)
    context = page.get_context(request)
    context.update(
        {
            "item": item,
            "point": point,
            "community": community,
            "phones": [
                block.value
                for block in community.service_phones
                if block.block_type == "phone"
            ],
            "district": district,
            "map_url": (
                f"{district_url(page, district, request)}#point-{point.pk}"
                if district
                else ""
            ),
            "weekly_hours": point.weekly_hours() if point.hours else [],
            "report_url": community.report_path(page.locale.language_code),
            "exceptions": upcoming_exceptions(
                point.hours_exceptions, timezone.localdate(now)
            ),
        }
    )
    return TemplateResponse(request, "notices/convenience_point.html", context)


def sitemap_entries(page: Page, request=None) -> list[dict]:
    """Each district's map and each point's page, in the map page's language."""
    directory = directory_for(page)
    if directory is None:
        return []
    districts = DistrictPage.objects.live().child_of(directory).order_by("path")
    keys = (
        CommunityPage.objects.live().descendant_of(directory).values("translation_key")
    )
    points = (
        ConveniencePoint.objects.for_locale(page.locale)
        .filter(community__translation_key__in=keys)
        .order_by("pk")
        .only("pk")
    )
    base = page.get_full_url(request)
    return [
        {"location": base + page.reverse_subpage("district", args=[district.slug])}
        for district in districts
    ] + [
        {"location": base + page.reverse_subpage("point", args=[point.pk])}
        for point in points
    ]

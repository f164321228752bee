"""Station directory views: browse and search, the districts' and subdistricts'
lists, the map chooser and community pages (the wall poster is in poster.py, the
admin's bulk import and export in bulk/views.py).

Every public view runs a fixed number of SQL queries, however many communities and
staff there are (asserted in tests/notices/stations/test_views.py).
"""

from collections import Counter

from django import forms
from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import ngettext
from wagtail.models import Page, Site

from notices.maps.drawing import area_map_markup
from notices.stations.community import CommunityPage, RestStopFacility
from notices.stations.duty_today import duty_today
from notices.stations.geo import map_point, map_settings
from notices.stations.hours import WEEKDAY_ABBR, seconds_until_change
from notices.stations.pages import DistrictPage, StationIndexPage, SubdistrictPage
from notices.stations.pinyin import normalise_query, pinyin_forms
from portal.lookups import remembered, remembered_markup
from portal.page_cache import cache_page_until
from portal.params import ParamsForm, read_params
from portal.text import choice_labels

SEARCH_LIMIT = 50
# The id of the list of an area's stations, which its drawn map points to.
AREA_LIST = "area-list"

# Public pages


def _areas_under(index: Page) -> tuple[list, list, Counter]:
    """Districts and subdistricts under a directory and live communities per
    subdistrict path: three queries whatever the size of the tree."""
    districts = list(DistrictPage.objects.child_of(index).live().order_by("path"))
    subdistricts = list(
        SubdistrictPage.objects.descendant_of(index)
        .live()
        .filter(depth=index.depth + 2)
        .order_by("path")
    )
    prefix = (index.depth + 2) * Page.steplen
    counts = Counter(
        path[:prefix]
        for path in CommunityPage.objects.descendant_of(index)
        .live()
        .values_list("path", flat=True)
    )
    return districts, subdistricts, counts


def _stations_label(count: int) -> str:
    return ngettext("%(counter)s station", "%(counter)s stations", count) % {
        "counter": count
    }


def directory_tree(index: Page, request: HttpRequest | None = None) -> list[dict]:
    """Each district with its subdistricts and how many stations each has: id,
    title, address, count and the count in words. Remembered until content changes
    (a city has some eighty subdistricts to list)."""

    def entry(page: Page, count: int, **more) -> dict:
        return {
            "pk": page.pk,
            "title": page.title,
            "url": page.get_url(request),
            "count": count,
            "label": _stations_label(count),
            **more,
        }

    def build() -> list[dict]:
        districts, subdistricts, counts = _areas_under(index)
        tree = []
        for district in districts:
            children = [
                entry(sub, counts.get(sub.path, 0))
                for sub in subdistricts
                if sub.path.startswith(district.path)
            ]
            total = sum(child["count"] for child in children)
            tree.append(entry(district, total, subdistricts=children))
        return tree

    site = Site.find_for_request(request) if request is not None else None
    return remembered(
        "directory-tree",
        build,
        index.pk,
        translation.get_language(),
        site.pk if site else "",
    )


def tree_markup(
    index: Page, request: HttpRequest | None, tree: list[dict], level: int, anchor=""
) -> SafeString:
    """The tree as the directory and the map chooser list it (the districts' heading
    `level`, `anchor` added to each link): some eighty subdistricts take longer to
    write than the rest of the page, so the markup is remembered with the tree."""
    site = Site.find_for_request(request) if request is not None else None
    return remembered_markup(
        "notices/station_tree.html",
        {"tree": tree, "level": level, "anchor": anchor},
        index.pk,
        translation.get_language(),
        site.pk if site else "",
        level,
        anchor,
    )


def search_communities(index: Page, query: str) -> tuple[list[dict], int]:
    """Live communities under `index` whose name, station, subdistrict or address
    matches, in Chinese, pinyin or initials ('hh' and 'huanghe' find 黄河社区)."""
    text = query.strip()[:60]
    key = normalise_query(text)
    if not key:
        return [], 0
    condition = (
        Q(search_terms__icontains=key)
        | Q(title__icontains=text)
        | Q(address__icontains=text)
        | Q(station_name__icontains=text)
    )
    matches = list(
        CommunityPage.objects.descendant_of(index)
        .live()
        .filter(condition)
        .order_by("path")
        .values_list("pk", "title", "station_name")
    )

    def rank(match) -> int:
        """Communities named like the query first, then stations, then streets."""
        _pk, title, station = match
        if any(key in form for form in (normalise_query(title), *pinyin_forms(title))):
            return 0
        if station and (key in normalise_query(station)):
            return 1
        return 2

    total = len(matches)
    chosen = [match[0] for match in sorted(matches, key=rank)[:SEARCH_LIMIT]]
    pages = CommunityPage.objects.in_bulk(chosen)
    titles = dict(
        Page.objects.descendant_of(index)
        .filter(depth__in=[index.depth + 1, index.depth + 2])
        .values_list("path", "title")
    )
    results = []
    for community in (pages[pk] for pk in chosen):
        district_path = community.path[: (index.depth + 1) * Page.steplen]
        sub_path = community.path[: (index.depth + 2) * Page.steplen]
        results.append(
            {
                "page": community,
                "district": titles.get(district_path, ""),
                "subdistrict": titles.get(sub_path, ""),
            }
        )
    return results, total


class DirectoryParams(ParamsForm):
    # Longer queries are cut to what search_communities reads.
    q = forms.CharField(required=False)


def directory_context(request: HttpRequest, index: StationIndexPage) -> dict:
    """Browse by district and subdistrict, and search when there is a query."""
    query = read_params(DirectoryParams, request.GET)["q"].strip()
    context: dict = {"query": query}
    if query:
        results, total = search_communities(index, query)
        context["results"] = results
        context["result_count"] = total
        context["more_results"] = total > len(results)
    tree = directory_tree(index, request)
    context["tree_html"] = tree_markup(index, request, tree, level=3)
    context["total"] = sum(district["count"] for district in tree)
    context["map_url"] = index.url + index.reverse_subpage("map")
    return context


def keep_status_fresh(request: HttpRequest, communities, now) -> None:
    """Pages show each station's open/closed status: a cached copy must not outlive
    it, so it is kept only until the next opening, closing or midnight."""
    lifetime = getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 0)
    if not lifetime or request is None:
        return
    soonest = min(
        (
            seconds_until_change(c.office_hours, c.hours_exceptions, now)
            for c in communities
        ),
        default=float("inf"),
    )
    if soonest <= lifetime:
        cache_page_until(request, soonest)


def _with_status(communities, request: HttpRequest | None = None) -> list[dict]:
    now = timezone.now()
    communities = list(communities)
    keep_status_fresh(request, communities, now)
    return [
        {
            "page": community,
            "status": community.opening_status(now),
            "point": map_point(community),
        }
        for community in communities
    ]


def district_context(page: DistrictPage, request: HttpRequest | None = None) -> dict:
    subdistricts = list(SubdistrictPage.objects.child_of(page).live().order_by("path"))
    communities = list(
        CommunityPage.objects.descendant_of(page).live().order_by("path")
    )
    grouped = [
        {
            "page": sub,
            "communities": _with_status(
                [c for c in communities if c.path.startswith(sub.path)], request
            ),
        }
        for sub in subdistricts
    ]
    return {
        "subdistricts": grouped,
        "community_count": len(communities),
        "area_map_html": area_map_markup(page, request=request, list_id=AREA_LIST),
        **map_settings([item for sub in grouped for item in sub["communities"]]),
    }


def subdistrict_context(
    page: SubdistrictPage, request: HttpRequest | None = None
) -> dict:
    communities = _with_status(
        CommunityPage.objects.child_of(page).live().order_by("path"), request
    )
    return {
        "communities": communities,
        "area_map_html": area_map_markup(page, request=request, list_id=AREA_LIST),
        **map_settings(communities),
    }


def facility_labels(keys: list[str]) -> list[str]:
    return choice_labels(RestStopFacility.choices, keys)


def days_label(days: list[int]) -> str:
    return "、".join(
        str(WEEKDAY_ABBR[day]) for day in sorted(days) if day in WEEKDAY_ABBR
    )


def community_context(request: HttpRequest, page: CommunityPage) -> dict:
    language = translation.get_language()
    keep_status_fresh(request, [page], timezone.now())
    staff = page.staff_on_duty()
    for entry in staff:
        entry["days_label"] = days_label(entry["days"])
    status = page.opening_status()
    links = community_links(page, language)
    return {
        "status": status,
        "duty_today": duty_today(page, staff, status.today),
        "weekly_hours": page.weekly_hours(),
        "exceptions": page.upcoming_exceptions(),
        "staff": staff,
        "fixed_days_label": days_label(page.fixed_days or []),
        "facilities": facility_labels(page.rest_stop_facilities or []),
        "links": links,
        "report_url": request.build_absolute_uri(links["report"]),
    }


def community_links(page: CommunityPage, language: str) -> dict[str, str]:
    """Where a community's page links to: the same on every view, so worked out once
    per language and remembered (a dozen URL reversals otherwise)."""

    def build() -> dict[str, str]:
        url, community = page.url, [page.report_community_id]
        return {
            "report": page.report_path(language),
            "poster": url + page.reverse_subpage("poster"),
            "qr": url + page.reverse_subpage("qr_image"),
            "qr_svg": url + page.reverse_subpage("qr_svg"),
            "qr_png": url + page.reverse_subpage("qr_png"),
            "three_lists": reverse("notices:community_three_lists", args=community),
            "reports": reverse("participation:report_community", args=community),
            "statistics": reverse(
                "participation:report_statistics_area", args=community
            ),
            "follow_up": reverse("participation:roundtable_follow_up", args=community),
        }

    # The name carries the links' layout: entries of an older layout are not read.
    return remembered("community-links-2", build, page.pk, language)


def station_map(request: HttpRequest, index: StationIndexPage) -> TemplateResponse:
    """Which district to show on a map: the map itself is on each district's page."""
    context = Page.get_context(index, request)
    tree = directory_tree(index, request)
    context["tree_html"] = tree_markup(
        index, request, tree, level=2, anchor="#station-map"
    )
    context["directory_url"] = index.url
    context["area_map_html"] = area_map_markup(
        index, request=request, list_id="station-areas"
    )
    return TemplateResponse(request, "notices/station_map.html", context)

"""Public pages of the merchant register: the directory (shop name, trade,
community, shop-front duty, rating; never the licence number, address or contact)
and the red and black ranking (current entries only: an entry leaves on its end
date without anybody acting, because the page filters by today's date)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods

from notices.merchants.models import Merchant, Trade
from notices.merchants.rankings import ListColour, ListingEntry
from notices.stations.community import CommunityPage
from portal.params import (
    FilterChoiceField,
    IdField,
    PageNumberField,
    ParamsForm,
    read_params,
)

MERCHANTS_PER_PAGE = 50
# Only these columns leave the database for the directory: nothing personal.
PUBLIC_FIELDS = ("pk", "name", "trade", "frontage_duty", "rating", "community_id")


class DirectoryParams(ParamsForm):
    community = IdField()
    trade = FilterChoiceField(choices=Trade.choices)
    page = PageNumberField()


def community_titles(pks) -> dict:
    """Community titles in the visitor's language, keyed by the stored page's pk."""
    pages = CommunityPage.objects.filter(pk__in=set(pks)).only(
        "pk", "title", "translation_key"
    )
    language = translation.get_language() or ""
    result = {page.pk: page.title for page in pages}
    keys = {page.translation_key: page.pk for page in pages}
    for key, title in (
        CommunityPage.objects.live()
        .filter(translation_key__in=keys, locale__language_code=language)
        .values_list("translation_key", "title")
    ):
        result[keys[key]] = title
    return result


@require_http_methods(["GET", "HEAD"])
def merchant_directory(request: HttpRequest) -> HttpResponse:
    params = read_params(DirectoryParams, request.GET)
    merchants = Merchant.objects.filter(listed=True).only(*PUBLIC_FIELDS)
    community = None
    if params["community"]:
        community = CommunityPage.objects.filter(pk=params["community"]).first()
        if community is not None:
            merchants = merchants.filter(
                community__translation_key=community.translation_key
            )
    if params["trade"]:
        merchants = merchants.filter(trade=params["trade"])
    page = Paginator(merchants.order_by("name", "pk"), MERCHANTS_PER_PAGE).get_page(
        params["page"]
    )
    titles = community_titles(merchant.community_id for merchant in page)
    rows = [(merchant, titles.get(merchant.community_id, "")) for merchant in page]
    extra = ""
    if community is not None:
        extra += f"&community={community.pk}"
    if params["trade"]:
        extra += f"&trade={params['trade']}"
    return render(
        request,
        "notices/merchant_directory.html",
        {
            "page_obj": page,
            "rows": rows,
            "trades": Trade.choices,
            "current_trade": params["trade"],
            "community_title": community_titles([community.pk])[community.pk]
            if community
            else None,
            "extra": extra,
        },
    )


def current_entries(today=None) -> dict:
    """The red and the black list as they stand today, in the visitor's language."""
    language = translation.get_language() or ""
    entries = list(
        ListingEntry.objects.current(today).order_by("-starts_on", "business_name")
    )
    titles = community_titles(entry.community_id for entry in entries)
    lists = {ListColour.RED: [], ListColour.BLACK: []}
    for entry in entries:
        lists[entry.colour].append(
            {
                "name": entry.localized_name(language),
                "category": entry.get_category_display(),
                "reason": entry.localized_reason(language),
                "community": titles.get(entry.community_id, ""),
                "decided_on": entry.decided_on,
                "starts_on": entry.starts_on,
                "ends_on": entry.ends_on,
            }
        )
    return lists


@require_http_methods(["GET", "HEAD"])
def ranking(request: HttpRequest) -> HttpResponse:
    lists = current_entries(timezone.localdate())
    return render(
        request,
        "notices/merchant_ranking.html",
        {"red": lists[ListColour.RED], "black": lists[ListColour.BLACK]},
    )
